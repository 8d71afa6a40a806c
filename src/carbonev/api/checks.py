"""Verification of recorded results, and the JSON Schemas of the input files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from carbonev.provenance.verify import VerifyReport

SchemaKind = Literal["vehicle", "plant", "pack", "station"]


def verify(
    manifest: str | Path,
    *,
    roots: tuple[str | Path, ...] = (),
    store: str | Path | None = None,
) -> VerifyReport:
    """Check a recorded result (a ``--manifest`` file) against itself, its files and a re-run.

    Checks the recorded result against its own SHA-256, every input and output file against the hash
    recorded when it was written, the shipped data and the method; then re-runs the command in a
    confined process (reading only the manifest's folder and ``roots``, writing nothing) and compares
    every number (12 significant digits).

    Parameters
    ----------
    manifest : path
        Manifest written with ``--manifest`` (``docs/verify.md``).
    roots : tuple of paths
        More folders the re-run may read (default: only the manifest's folder).
    store : path, optional
        Brightway store folder.

    Returns
    -------
    VerifyReport
        ``identical`` (bool), ``differences`` (one line each), ``warnings``, ``checked``;
        ``.to_frame()`` one row per difference and warning.

    Raises
    ------
    SpecError
        The manifest cannot be read or asks for more than verify allows.
    """
    from carbonev.provenance.verify import verify as run

    return run(manifest, store=store, roots=tuple(roots))


def schema(kind: SchemaKind = "vehicle") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a vehicle spec, plant, battery pack or station file.

    Editors use it to complete and check YAML files (``# yaml-language-server: $schema=vehicle.schema.json``).
    Quantities are strings ``"<number> <unit>"`` in any unit of the field's dimension; the bounds of each
    field, in its canonical unit, are in its description (``carbonev validate`` checks them).

    Parameters
    ----------
    kind : {"vehicle", "plant", "pack", "station"}
        Which input file.

    Returns
    -------
    dict
        The JSON Schema.

    Examples
    --------
    >>> import carbonev
    >>> carbonev.schema("vehicle")["title"]
    'VehicleSpec'
    """
    from carbonev.api.schemas import json_schema

    return json_schema(kind)
