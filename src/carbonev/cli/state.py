"""Options shared by every command (set by the app callback)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer


@dataclass
class State:
    store: Path | None = None
    quiet: bool = False

    def progress(self, message: str) -> None:
        if not self.quiet:
            typer.echo(f"carbonev: {message}", err=True)


state = State()
