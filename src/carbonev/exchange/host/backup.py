"""Back up the host database: SQLite's online backup API (a consistent copy while the host
runs). PostgreSQL has its own tools (``pg_dump``), see docs/pact-host.md."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from carbonev.errors import SpecError


def backup_sqlite(url: str, target: Path) -> Path:
    """Copy the SQLite database at ``url`` to ``target`` (written whole or not at all)."""
    if not url.startswith("sqlite:///"):
        raise SpecError("backup copies SQLite databases; for PostgreSQL use pg_dump (docs/pact-host.md)",
                        field="--db")
    source = Path(url.removeprefix("sqlite:///"))
    if not source.is_file():
        raise SpecError(f"{source} not found", field="--db")
    if target.exists():
        raise SpecError(f"{target} exists; give a new file", field="TARGET")
    partial = target.with_name(target.name + ".partial")
    src, dst = sqlite3.connect(source), sqlite3.connect(partial)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    partial.replace(target)
    return target
