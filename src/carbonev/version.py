"""carbonev's version: the installed distribution's (from the git tag, hatch-vcs), or ``0+unknown``
in a source tree that was never installed. Modules that record it import it from here, not from the
package, so that nothing low in the layers imports the top-level facade."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("carbonev")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0+unknown"
