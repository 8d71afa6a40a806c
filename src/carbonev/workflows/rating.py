"""Rate a vehicle's footprint against a rating rule set (评级): the class, the thresholds (supplied
by the rule set's owner in a values file), the functional unit the rule set fixes, then the footprint."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from carbonev.rules.rating import Rating


@dataclass(frozen=True)
class RatedFootprint:
    """A rating with the footprint basis it was computed on."""

    rating: Rating
    lifetime_km: float  # [km] the lifetime the footprint was computed with (the rule set's, if it fixes one)
    method: str  # impact method name

    @property
    def grade(self) -> str:
        return self.rating.grade

    def to_dict(self) -> dict[str, Any]:
        return {**self.rating.to_dict(), "lifetime_km": self.lifetime_km, "method": self.method}

    def render_text(self) -> str:
        from carbonev.rules.rating import render_text

        return render_text(self.rating) + (f"Footprint basis: {self.lifetime_km:,.0f} km lifetime, method "
                                           f"{self.method}.\n")

    def to_frame(self) -> pd.DataFrame:
        """The thresholds: grade, max [the rule set's unit], source; and the product's value and grade."""
        import pandas as pd

        r = self.rating
        rows = [{"grade": b.grade, "max": b.value, "unit": r.unit, "source": b.source, "earned": b.grade == r.grade}
                for b in r.bounds]
        return pd.DataFrame(rows, columns=["grade", "max", "unit", "source", "earned"])


def rate(spec: str | Path, rules: str | Path, values: str | Path | None = None, *, store: str | Path | None = None,
         progress: Any = None) -> RatedFootprint:
    """Grade the vehicle of ``spec``; every input is checked before the footprint is computed."""
    from carbonev.analysis.footprint import footprint
    from carbonev.rules import rating
    from carbonev.rules.functional_unit import with_defaults
    from carbonev.specs.load import load_vehicle

    rs, rs_file = rating.load_rules(rules)
    vals = rating.load_values(values) if values else None
    vehicle = load_vehicle(spec)
    cls = rating.product_class(rs, vehicle, str(spec))
    bounds = rating.thresholds(rs, cls, rs_file, vals, values)  # missing thresholds stop here, before computing
    overrides, fixed = rating.fixed_functional_unit(rs, vehicle, rs_file, vals, values, str(spec))
    [result] = footprint([spec], method=rs.method, store=store, progress=progress, overrides=overrides)
    value = rating.metric(rs, result, vehicle, str(spec))
    r = rating.rate(rs, bounds, cls, value, result.name, vals, with_defaults(fixed, result.assumptions))
    return RatedFootprint(r, result.lifetime_km, result.provenance["method"]["name"])
