"""A plant audited against a rule set, with the account it was scored on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from carbonev.factory.result import PlantResult
    from carbonev.factory.scoring import Audit


@dataclass
class PlantAudit:
    """``audit``: verdict, score, grade, prerequisites, indicators and next-grade changes; ``plant``:
    the plant's account, allocation and metrics it was scored on."""

    audit: Audit
    plant: PlantResult

    @property
    def grade(self) -> str | None:
        return self.audit.grade

    @property
    def verdict(self) -> str:
        return self.audit.verdict

    def render(self, fmt: str = "table", lang: str = "en") -> str:
        """``table``, ``md``, ``html`` or ``json`` text in ``lang`` (en or zh)."""
        from carbonev.report.audit import render_audit

        return render_audit(self.audit, self.plant, fmt, lang)

    def payload(self) -> dict[str, Any]:
        """The numbers a manifest hashes."""
        from carbonev.factory.pipeline import audit_payload

        return audit_payload(self.audit, self.plant)

    def manifest_inputs(self, criteria: str | Path, values: str | Path | None) -> dict[str, Path]:
        """Files the audit read, by role (plant, criteria, values)."""
        from carbonev.factory.pipeline import audit_manifest_inputs

        return audit_manifest_inputs(self.plant.file or "", criteria, values)

    def to_frame(self) -> pd.DataFrame:
        return self.audit.to_frame()


def audit(plant: str | Path, criteria: str | Path, values: str | Path | None = None, *, method: str | None = None,
          store: str | Path | None = None) -> PlantAudit:
    from carbonev.factory.pipeline import audit as run

    result, plant_result = run(plant, criteria, values, method=method, store=store)
    return PlantAudit(result, plant_result)
