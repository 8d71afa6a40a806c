"""Locate the shipped ``methods/`` and ``inventories/`` folders.

In a wheel they live in ``carbonev/_data/``; in a source checkout (editable
install) they are the top-level folders of the repository.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from carbonev.errors import UnknownName

KINDS = ("methods", "inventories")


@cache
def data_dir(kind: str) -> Path:
    """Folder holding the shipped files of ``kind`` ('methods' or 'inventories')."""
    if kind not in KINDS:
        raise UnknownName("data kind", kind, KINDS)
    override = os.environ.get(f"CARBONEV_{kind.upper()}_DIR")
    if override:
        return Path(override)
    packaged = Path(str(resources.files("carbonev"))) / "_data" / kind
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"carbonev data folder {kind!r} not found (looked in {packaged} and {checkout})")


def data_files(kind: str) -> dict[str, Path]:
    """Shipped YAML files of ``kind`` by name (file stem), sorted."""
    folder = data_dir(kind)
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def data_file(kind: str, name: str) -> Path:
    """Path of one shipped file by name; unknown names list the valid ones."""
    files = data_files(kind)
    if name not in files:
        raise UnknownName(f"{kind} file", name, files)
    return files[name]
