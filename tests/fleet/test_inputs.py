"""Bad registration tables and fleet files: one line naming the file and the field."""

from __future__ import annotations

import pandas as pd
import pytest

from carbonev.errors import SpecError
from carbonev.fleet import registrations
from carbonev.fleet.pipeline import Options, run

GOOD = "city,year,powertrain,segment,count\nHangzhou,2023,BEV,B,2\nHangzhou,2023,BEV,B,3\nNingbo,2024,PHEV,SUV,1\n"


def _csv(tmp_path, text):
    p = tmp_path / "reg.csv"
    p.write_text(text)
    return p


def test_rows_are_summed_per_cohort(tmp_path):
    g = registrations.read(_csv(tmp_path, GOOD))
    assert len(g) == 2
    assert g.set_index("city").loc["Hangzhou", "count"] == 5


@pytest.mark.parametrize("text, field, words", [
    ("city,year,powertrain,count\nA,2023,BEV,1\n", "segment", "missing column"),
    ("city,year,powertrain,segment,count,colour\nA,2023,BEV,B,1,red\n", "colour", "unknown column"),
    ("city,year,powertrain,segment,count\nA,2023,EV,B,1\n", "powertrain", "'EV' is not a powertrain"),
    ("city,year,powertrain,segment,count\nA,2023,BEV,D,1\n", "segment", "'D' is not a segment"),
    ("city,year,powertrain,segment,count\nA,1890,BEV,B,1\n", "year", "outside"),
    ("city,year,powertrain,segment,count\nA,2023,BEV,B,-4\n", "count", "negative"),
])
def test_bad_tables_name_the_column(tmp_path, text, field, words):
    path = _csv(tmp_path, text)
    with pytest.raises(SpecError) as err:
        registrations.read(path)
    assert err.value.field == field and err.value.file == str(path)
    assert words in str(err.value)


def test_unknown_format_and_missing_file(tmp_path):
    with pytest.raises(SpecError, match="csv or .parquet"):
        registrations.read(tmp_path / "reg.xls")
    with pytest.raises(SpecError, match="file not found"):
        registrations.read(tmp_path / "none.csv")


def test_unknown_model_key_and_baseline_required_input(stub_engine, tmp_path):
    t = pd.DataFrame({"city": ["A"], "year": [2023], "powertrain": ["BEV"], "segment": ["B"], "count": [1],
                      "model": ["my-car"]})
    with pytest.raises(SpecError, match="model 'my-car' is in no models file") as err:
        run(t, engine=stub_engine)
    assert err.value.field == "model"
    bus = pd.DataFrame({"city": ["A"], "year": [2023], "powertrain": ["BEV"], "segment": ["city-bus"], "count": [1]})
    with pytest.raises(SpecError, match="required input") as err:
        run(bus, engine=stub_engine)
    assert err.value.field == "vehicles.city-bus"


def test_model_powertrain_must_match_the_row(stub_engine):
    t = pd.DataFrame({"city": ["A"], "year": [2023], "powertrain": ["PHEV"], "segment": ["B"], "count": [1],
                      "model": ["BEV/B"]})
    with pytest.raises(SpecError, match="is a BEV but the row says PHEV"):
        run(t, engine=stub_engine)


def test_user_models_file(stub_engine, tmp_path, examples):
    spec = examples / "bev-compact-lfp.yaml"
    (tmp_path / "models.yaml").write_text(
        f"format: carbonev-fleet-models/1\nname: mine\nmodels:\n  dolphin: {{spec: {spec}}}\n")
    t = pd.DataFrame({"city": ["A"], "year": [2023], "powertrain": ["BEV"], "segment": ["A"], "count": [4],
                      "model": ["dolphin"]})
    result = run(t, Options(models=tmp_path / "models.yaml"), engine=stub_engine)
    assert result.vehicles == 4
    assert any(a.startswith("model dolphin: bev-compact-lfp.yaml") for a in result.assumptions)


def test_unknown_province_names_the_column(stub_engine):
    t = pd.DataFrame({"city": ["A"], "year": [2023], "powertrain": ["BEV"], "segment": ["B"], "count": [1],
                      "province": ["Atlantis"]})
    with pytest.raises(SpecError, match="unknown region 'Atlantis'") as err:
        run(t, engine=stub_engine)
    assert err.value.field == "province" and err.value.file == "registrations (table)"
