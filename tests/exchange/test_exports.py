"""CSV and Excel results, the bw2io spreadsheet (re-imported offline with every exchange linked),
and ``carbonev export`` through CliRunner, with a manifest that ``verify`` checks."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from carbonev.api import footprint
from carbonev.cli.main import app
from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import Engine
from carbonev.engine.project import BACKGROUND, BIOSPHERE, PROJECT
from carbonev.exchange.bw_export import export_brightway
from carbonev.exchange.csv_excel import to_csv, write_xlsx
from carbonev.inventory.foreground import STAGES

ROOT = Path(__file__).resolve().parents[2]
VEHICLE = ROOT / "examples" / "bev-midsize-nmc811.yaml"
ICEV = ROOT / "examples" / "icev-gasoline-midsize.yaml"
PACK = ROOT / "examples" / "battery" / "pack-nmc811-zj.yaml"
INFO = ROOT / "examples" / "exchange" / "pact-info-demo.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def results(session_store):
    return footprint([VEHICLE, ICEV], store=session_store)


def test_csv_tables(results):
    stages = pd.read_csv(io.StringIO(to_csv(results)))
    assert list(stages.columns) == ["vehicle", "stage", "label", "amount", "per_km", "share", "unit", "per_km_unit"]
    assert len(stages) == 2 * len(STAGES) and set(stages["unit"]) == {"kg CO2e"}
    bev = stages[stages["vehicle"] == results[0].name]
    assert bev["amount"].sum() == pytest.approx(results[0].total)
    flows = pd.read_csv(io.StringIO(to_csv(results, "flows")))
    assert flows.groupby("vehicle")["impact"].sum()[results[1].name] == pytest.approx(results[1].total)


def test_xlsx_workbook(results, tmp_path):
    path = write_xlsx(results, tmp_path / "results.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["stages", "flows", "assumptions", "provenance"]
    stages = pd.read_excel(path, sheet_name="stages")
    assert stages.loc[stages["vehicle"] == results[0].name, "amount"].sum() == pytest.approx(results[0].total)
    prov = pd.read_excel(path, sheet_name="provenance")
    assert "data.sha256" in set(prov["key"])
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_brightway_spreadsheet_reimports_with_every_exchange_linked(session_store, tmp_path):
    """Re-import the exported foreground with bw2io into a copy of the build's Brightway project."""
    import contextlib
    import warnings

    from carbonev.engine.build import ensure_build
    from carbonev.inventory.vehicle import build
    from carbonev.specs.load import load_vehicle

    path, name = export_brightway(VEHICLE, tmp_path / "fg.xlsx", session_store)
    assert path.exists() and name.startswith("carbonev-foreground-")
    cat = shipped_catalog()
    copy = tmp_path / "bw"
    shutil.copytree(ensure_build(cat, Engine.open(cat, session_store).store).brightway_dir, copy)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import bw2data as bd
        import bw2io as bi
    previous = (bd.projects._base_data_dir, bd.projects.current)
    try:
        bd.projects.change_base_directories(copy, project_name=PROJECT, update=False)
        imp = bi.ExcelImporter(str(path))
        imp.apply_strategies(verbose=False)
        imp.match_database(fields=("name", "location"))
        imp.match_database(BACKGROUND, fields=("name", "location"))
        imp.match_database(BIOSPHERE, fields=("name", "categories"))
    finally:
        bd.projects.change_base_directories(Path(previous[0]), project_name=previous[1], update=False)
    assert len(imp.data) == len(STAGES) + 1  # one activity per stage plus the vehicle's life cycle
    unlinked = [e for ds in imp.data for e in ds["exchanges"] if not e.get("input")]
    assert unlinked == []
    fg = build(load_vehicle(VEHICLE), cat, str(VEHICLE))
    original = sorted(round(x.amount, 9) for st in fg.stages.values() for x in st.links)
    imported = sorted(round(e["amount"], 9) for ds in imp.data for e in ds["exchanges"]
                      if e["type"] in ("technosphere", "biosphere") and not e["input"][0].startswith("carbonev-fore"))
    assert imported == original


def test_cli_export_pact_with_manifest_and_verify(session_store, tmp_path):
    work = tmp_path / "case"
    work.mkdir()
    pack, info = shutil.copy(PACK, work), shutil.copy(INFO, work)
    out, manifest = work / "pcf.json", work / "pcf.manifest.json"
    base = ["--store", str(session_store), "--quiet", "export", "pact", str(pack), "--info", str(info)]
    res = runner.invoke(app, [*base, "--version", "2.3", "-o", str(out), "--manifest", str(manifest)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    m = json.loads(manifest.read_text())
    assert m["options"]["created"] == doc["created"]  # the clock time used is recorded for verify
    assert m["result"]["payload"]["id"] == doc["id"]
    res = runner.invoke(app, ["--store", str(session_store), "verify", str(manifest)])
    assert res.exit_code == 0 and res.stdout.startswith("identical"), res.output
    res = runner.invoke(app, ["export", "check-pact", str(out)])
    assert res.exit_code == 0 and "PACT 2.3.3" in res.stdout
    Path(info).write_text(Path(info).read_text().replace("Example Battery Co. (DEMO)", "Renamed Co."))
    res = runner.invoke(app, ["--store", str(session_store), "verify", str(manifest)])
    assert res.exit_code == 1
    assert "input file changed: info" in res.stdout and "pact-info-demo.yaml" in res.stdout
    assert "result differs: companyName: 'Example Battery Co. (DEMO)' → 'Renamed Co.'" in res.stdout


def test_cli_export_errors_are_one_line(tmp_path):
    res = runner.invoke(app, ["export", "pact", str(PACK)])
    assert res.exit_code == 2 and "--info" in res.output
    res = runner.invoke(app, ["export", "pact", str(PACK), "--info", str(INFO), "--part", "vehicle-cradle-to-gate"])
    assert res.exit_code == 2 and res.stderr.strip().splitlines() == [
        "error: --part: a pack file exports the battery part only (got --part vehicle-cradle-to-gate)"]
    res = runner.invoke(app, ["--store", str(tmp_path / "store"), "export", "xlsx", str(VEHICLE), "-o",
                              str(tmp_path / "x.csv")])
    assert res.exit_code == 2 and ".xlsx" in res.stderr
    assert not (tmp_path / "store").exists()  # refused before computing


def test_a_csv_written_in_chunks_equals_the_whole_text(tmp_path, monkeypatch):
    """Sweep tables are streamed a chunk of rows at a time; the file is the same, headers once."""
    from carbonev.exchange import csv_excel

    df = pd.DataFrame({"variant": range(7), "name": ["=cmd", "a", "b", "+x", "c", "d", "e"],
                       "total": [1.5, 2.25, 3.0, 4.125, 5.0, 6.5, 7.75]})
    monkeypatch.setattr(csv_excel, "CHUNK_ROWS", 3)
    csv_excel.write_csv(df, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == csv_excel.csv_text(df)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").count("variant") == 1
    assert "'=cmd" in (tmp_path / "t.csv").read_text(encoding="utf-8")
