"""Required inputs: numbers a standard does not publish, supplied by the user in a values file.

Factory rule sets (``criteria``), rating rule sets and battery-declaration schemes write such
a number as ``required_input``; a values file (``--values``) supplies it under the rule set's
or scheme's name. What the three share lives here: finding a shipped file by name, the fields
of every values file, and the errors naming the key of a value that is missing or unwanted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field

from carbonev.data.records import Strict
from carbonev.errors import SpecError, UnknownName

REQUIRED = "required_input"


class ValuesHeader(Strict):
    """Fields of every values file; a subclass fixes ``format`` and adds the ``SECTION``
    mapping (rule-set or scheme name → key → value)."""

    SECTION: ClassVar[str]

    format: str
    supplied_by: str = Field(min_length=2)
    status: str = Field(min_length=2, description="e.g. 'DEMO values, not official'")
    date: dt.date | None = None
    basis: str | None = None

    def supplied(self, name: str) -> dict[str, Any]:
        """The values given for rule set or scheme ``name`` (key → value)."""
        return dict(getattr(self, self.SECTION).get(name, {}))


def supplied(values: ValuesHeader | None, name: str) -> dict[str, Any]:
    """The values given for ``name``; empty without a values file."""
    return values.supplied(name) if values else {}


def shipped_files(folder: Path, prefix: str = "") -> dict[str, Path]:
    """Shipped ``<prefix><name>.yaml`` files of ``folder`` by name."""
    return {p.stem.removeprefix(prefix): p for p in sorted(folder.glob(f"{prefix}*.yaml"))}


def find_file(name_or_path: str | Path, files: dict[str, Path], kind: str, prefix: str | None = None) -> Path:
    """``name_or_path`` if that file exists, else the shipped file of that name [raises UnknownName].

    With ``prefix`` the name may also be written ``<prefix><name>.yaml``.
    """
    path = Path(name_or_path)
    if path.exists():
        return path
    key = str(name_or_path)
    if prefix is not None:
        key = key.removeprefix(prefix).removesuffix(".yaml")
    if key not in files:
        raise UnknownName(kind, str(name_or_path), files)
    return files[key]


def reject_unrequested(supplied_keys: Iterable[str], slots: Mapping[str, Any], *, owner: str, noun: str,
                       section: str, file: str | None, hint: str | None = None, show_fixed: bool = False) -> None:
    """Raise SpecError naming the values-file key of the first supplied value that fills no
    ``required_input`` slot. ``slots``: every settable key → its value in the rule set."""
    for key in supplied_keys:
        if key in slots and slots[key] == REQUIRED:
            continue
        if key in slots:
            why = f"the {noun} fixes it" + (f" at {slots[key]}" if show_fixed else "")
        else:
            why = "no such key" + (f"; `{hint}` lists the required inputs" if hint else "")
        raise SpecError(f"not a required input of {owner} ({why})", file=file, field=f"{section}.{owner}.{key}")


def missing_error(missing: Sequence[str], *, why: str, where: str, given: bool, file: str | None,
                  hint: str | None = None) -> SpecError:
    """The SpecError for required inputs nobody supplied, naming the first missing key.

    ``where`` says what the values file lacks; without one (``given`` false) the message
    says no ``--values`` file was given.
    """
    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    place = where if given else "no --values file given"
    tail = f"; `{hint}` lists them" if hint else ""
    return SpecError(f"required input not supplied{more}: {why} ({place}{tail})", file=file, field=missing[0])
