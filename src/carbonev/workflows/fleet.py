"""A fleet account and its output folder: tables (CSV, Parquet, XLSX), charts and zh/en summaries."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from carbonev.errors import SpecError

if TYPE_CHECKING:
    from carbonev.fleet.pipeline import FleetResult

LANGS = ("en", "zh")
SUMMARY_FORMATS = ("md", "html")


def check_outputs(formats: Sequence[str], langs: Sequence[str], summary_format: str, charts: bool = False) -> None:
    """Every output option valid [raises SpecError naming the option, before anything is computed]."""
    from carbonev.fleet.outputs import FORMATS

    for values, valid, option in ((formats, FORMATS, "--format"), (langs, LANGS, "--lang")):
        for v in values:
            if v not in valid:
                raise SpecError(f"{v!r} is not one of {', '.join(valid)}", field=option)
    if summary_format not in SUMMARY_FORMATS:
        raise SpecError(f"{summary_format!r} is not md or html", field="--summary")
    from carbonev.extras import require

    for fmt, extra in (("xlsx", "excel"), ("parquet", "fleet")):
        if fmt in formats:
            require(extra, f"--format {fmt}")
    if charts:
        require("plots", "fleet charts (--no-charts leaves them out)")


def write_outputs(result: FleetResult, out: Path, formats: Sequence[str] = ("csv", "xlsx"), charts: bool = True,
                  langs: Sequence[str] = LANGS, summary_format: str = "md") -> list[Path]:
    """Write the fleet's tables, charts and summaries into ``out`` (created); returns the files written."""
    from carbonev.fleet import outputs, summary
    from carbonev.io.files import sha256_file, write_atomic

    check_outputs(formats, langs, summary_format, charts)
    out.mkdir(parents=True, exist_ok=True)
    hashes = {k: sha256_file(p) for k, p in result.inputs.items()}
    by_year = result.by_year()
    written = []
    for fmt in formats:
        written.append(outputs.write_table(result.table, out / f"fleet-emissions.{fmt}"))
        written.append(outputs.write_table(by_year, out / f"fleet-by-year.{fmt}"))
    if charts:
        written.append(outputs.chart_by_city(result.table, out / "emissions-by-city.png"))
        written.append(outputs.chart_cumulative_savings(by_year, out / "cumulative-savings.png"))
    for lang in langs:
        path = out / f"summary.{lang}.{summary_format}"
        write_atomic(path, summary.render(result, lang, summary_format, hashes), "--out")
        written.append(path)
    return written


def headline(result: FleetResult) -> str:
    """One line: vehicles, cohorts, years, life-cycle emissions and savings [kt CO2e]."""
    by = result.by_year()
    return (f"{result.vehicles:,.0f} vehicles, {result.cohorts:,} cohorts, years {by['year'].min()}-"
            f"{by['year'].max()}: life cycle {by['life_cycle'].sum() / 1e3:,.1f} kt CO2e; saved "
            f"{by['reduction_operation'].sum() / 1e3:,.1f} kt (operation) / "
            f"{by['reduction_life_cycle'].sum() / 1e3:,.1f} kt (life cycle) against the baseline "
            "(avoided emissions, voluntary claim)")
