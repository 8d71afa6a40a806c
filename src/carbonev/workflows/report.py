"""A product carbon-footprint study report (ISO 14067:2018 §7, GB/T 24067-2024) of a vehicle spec or
a battery-pack file: footprint, optional Monte Carlo, sensitivity tornado and alternative scenarios."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from carbonev.errors import CarbonevWarning, SpecError
from carbonev.extras import available

if TYPE_CHECKING:
    import pandas as pd

ReportKind = Literal["vehicle", "pack"]


@dataclass
class StudyReport:
    """A study report as data: ``data`` is the JSON-ready report (format ``carbonev-report/*``)."""

    kind: ReportKind
    data: dict[str, Any]

    def render(self, fmt: str = "html") -> str:
        """The report as ``html`` (self-contained, charts inline), ``md`` or ``json`` text."""
        if self.kind == "pack":
            from carbonev.report.component_report import render as render_pack

            return render_pack(self.data, fmt)
        from carbonev.report.product_report import render

        return render(self.data, fmt)

    def to_dict(self) -> dict[str, Any]:
        return self.data

    def to_frame(self) -> pd.DataFrame:
        """The results by stage: stage, label, amount [kg CO2e], per_km [g CO2e/km] or per_kwh, share [-]."""
        import pandas as pd

        return pd.DataFrame(self.data["results"]["stages"])


def study_report(spec: str | Path, *, lang: str = "en", method: str | None = None, store: str | Path | None = None,
                 iterations: int | None = None, sensitivity: int = 200, info: str | Path | None = None,
                 seed: int = 0, progress: Any = None) -> StudyReport:
    """The report of ``spec`` (a vehicle spec or a battery-pack file, told apart by its format line)."""
    from carbonev.exchange.parts import is_pack_file

    if is_pack_file(spec):
        return _pack_report(Path(spec), lang, method, store, iterations)
    from carbonev.analysis.footprint import footprint
    from carbonev.data.catalog import shipped_catalog
    from carbonev.report import sensitivity_section
    from carbonev.report.product_report import build_report
    from carbonev.report.study import load_info
    from carbonev.specs.load import load_vehicle

    study_info = load_info(info) if info is not None else None  # checked before anything is computed
    vehicle = load_vehicle(spec)
    cat = shipped_catalog()
    [result] = footprint([spec], method=method, store=store, progress=progress, catalog=cat)
    unc = sens = None
    if iterations:
        from carbonev.analysis.run import uncertainty

        unc = uncertainty([spec], iterations=iterations, seed=seed, method=method, store=_path(store), catalog=cat)
    if sensitivity and not available("sensitivity"):
        warnings.warn("the report's tornado needs SALib (pip install \"carbonev[sensitivity]\"); it is left out",
                      CarbonevWarning, stacklevel=2)
    elif sensitivity:
        from carbonev.analysis.run import sensitivity_analysis

        sens = sensitivity_analysis(spec, iterations=max(sensitivity, 20), seed=seed, top=12, method=method,
                                    store=_path(store))  # the report keeps the 8 largest the product uses
    scenarios = sensitivity_section.scenarios(spec, vehicle, result, method, store, cat, lang)
    data = build_report(result, vehicle, cat, lang, file=str(spec), uncertainty=unc, store=store, info=study_info,
                        sensitivity=sens, scenarios=scenarios)
    return StudyReport("vehicle", data)


def _path(store: str | Path | None) -> Path | None:
    return None if store is None else Path(store)


def _pack_report(pack: Path, lang: str, method: str | None, store: str | Path | None,
                 iterations: int | None) -> StudyReport:
    """The report of a battery-pack file (cradle to grave without use, per pack and per kWh)."""
    from carbonev.report.component_report import build_component_report

    if iterations:
        raise SpecError("the Monte Carlo section is available for vehicle specs only", file=str(pack),
                        field="--iterations")
    return StudyReport("pack", build_component_report(pack, lang=lang, store=store, method=method))
