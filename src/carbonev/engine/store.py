"""Where carbonev keeps its Brightway store (a folder of SQLite files).

Default: the per-user data folder (``~/.local/share/carbonev`` on Linux);
override with ``CARBONEV_STORE`` or the CLI option ``--store``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "CARBONEV_STORE"
PROJECT = "carbonev"


def default_store() -> Path:
    """The store folder carbonev uses when none is given."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("carbonev", appauthor=False)) / "brightway"
