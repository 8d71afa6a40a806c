"""What a reproducibility manifest records of a footprint run (used by the CLI's ``--manifest``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carbonev.results import FootprintResult


def payload(results: Sequence[FootprintResult]) -> list[dict[str, Any]]:
    """The numbers a manifest hashes: per vehicle, stage amounts [kg CO2e], total, per km [g CO2e/km]."""
    from carbonev.analysis.footprint import payload as run

    return run(results)


def manifest_inputs(spec_paths: Sequence[str | Path], scenario: str | Path | None = None) -> dict[str, Path]:
    """Every file a footprint reads, by role (spec1, spec1.plant, spec1.supplied1, ..., scenario)."""
    from carbonev.analysis.footprint import manifest_inputs as run

    return run(spec_paths, scenario)
