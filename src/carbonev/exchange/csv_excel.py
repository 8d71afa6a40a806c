"""Footprint results as CSV (one table) or XLSX (stages, flows, assumptions, provenance sheets).

Rows carry the vehicle name, so several results go into one table. Units are columns, not
header decorations: ``amount`` [kg CO2e per vehicle], ``per_km`` [g CO2e/km], ``inventory``
[kg of the flow], ``impact`` [kg CO2e].

Names come from spec files, and spec files come from suppliers: no text cell may become a
formula (``=HYPERLINK("http://…"&A2, "Click me")``). In CSV, text starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (or their full-width forms) gets a leading apostrophe
(:func:`safe_cell`, the OWASP rule); in XLSX every text cell is written as text, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from carbonev.errors import SpecError
from carbonev.io.outputs import atomic_path, require_folder
from carbonev.results import PER_KM_UNIT, UNIT, FootprintResult

TABLES = ("stages", "flows")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """``value`` unless it is text a spreadsheet would read as a formula; then ``'`` + the text.

    Text that is a plain number (``-0.5``, ``+3``) is left alone: it cannot be a formula."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    try:
        float(value)
        return value
    except ValueError:
        return "'" + value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell (and column name) passed through :func:`safe_cell`."""
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):  # object or string columns (pandas 3: str)
            out[col] = out[col].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


CHUNK_ROWS = 20_000  # rows neutralised and written at a time by write_csv


def write_csv(df: pd.DataFrame, output: str | Path | None, field: str = "--output") -> None:
    """``df`` as CSV (no index, LF line ends, formula-like text neutralised) to ``output`` atomically, or
    to standard output when None — a chunk of rows at a time, so memory holds one chunk's text, not the
    whole file's (a 100,000-variant sweep table is about 75 MB of text)."""
    import sys

    def chunks():
        for start in range(0, max(len(df), 1), CHUNK_ROWS):
            buf = io.StringIO()
            safe_frame(df.iloc[start:start + CHUNK_ROWS]).to_csv(buf, index=False, header=start == 0,
                                                                 lineterminator="\n")
            yield buf.getvalue()

    if output is None:
        for text in chunks():
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    with atomic_path(output, field) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        for text in chunks():
            handle.write(text)


def csv_text(df: pd.DataFrame) -> str:
    """``df`` as CSV text (no index, LF line ends) with formula-like text neutralised."""
    buf = io.StringIO()
    safe_frame(df).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def stages_frame(results: Sequence[FootprintResult]) -> pd.DataFrame:
    frames = []
    for r in results:
        df = r.stages[["stage", "label", "amount", "per_km", "share"]].copy()
        df.insert(0, "vehicle", r.name)
        df["unit"], df["per_km_unit"] = UNIT, PER_KM_UNIT
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def flows_frame(results: Sequence[FootprintResult]) -> pd.DataFrame:
    frames = []
    for r in results:
        df = r.flows.copy()
        df.insert(0, "vehicle", r.name)
        df["inventory_unit"], df["impact_unit"] = "kg", UNIT
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _flatten(v, f"{prefix}.{k}" if prefix else str(k))]
    return [(prefix, "" if value is None else str(value))]


def to_csv(results: Sequence[FootprintResult], table: str = "stages") -> str:
    if table not in TABLES:
        raise SpecError(f"unknown table {table!r}; valid: {', '.join(TABLES)}", field="--table")
    return csv_text(stages_frame(results) if table == "stages" else flows_frame(results))


def write_xlsx(results: Sequence[FootprintResult], path: str | Path) -> Path:
    """Write the workbook atomically (a temporary file in the same folder, then renamed)."""
    from carbonev.extras import require

    require("excel", "Excel workbooks (.xlsx)")
    out = require_folder(path)
    if out.suffix.lower() != ".xlsx":
        raise SpecError("the file name must end in .xlsx", file=str(out), field="--output")
    extra = [(r.name, "assumption", k, v) for r in results for k, v in r.assumptions.items()]
    extra += [(r.name, "note", "", n) for r in results for n in r.notes]
    prov = [(r.name, k, v) for r in results for k, v in _flatten(r.provenance)]
    with atomic_path(out, "--output") as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            stages_frame(results).to_excel(xl, sheet_name="stages", index=False)
            flows_frame(results).to_excel(xl, sheet_name="flows", index=False)
            pd.DataFrame(extra, columns=["vehicle", "kind", "key", "text"]).to_excel(
                xl, sheet_name="assumptions", index=False)
            pd.DataFrame(prov, columns=["vehicle", "key", "value"]).to_excel(xl, sheet_name="provenance",
                                                                            index=False)
            text_cells(xl.book)
    return out


def text_cells(book) -> None:
    """Make every cell openpyxl took for a formula (text starting with ``=``) a text cell."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
