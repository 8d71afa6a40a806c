"""The public API: one facade with real signatures, numpydoc docstrings with units, typed results
with ``.to_frame()``, at the top level without making ``import carbonev`` expensive."""

from __future__ import annotations

import inspect
import pydoc
import subprocess
import sys

import pandas as pd
import pytest

import carbonev
import carbonev.api

BEV = "examples/bev-midsize-nmc811.yaml"
ICEV = "examples/icev-gasoline-midsize.yaml"
EXPECTED = {"footprint", "validate", "compare", "uncertainty", "sensitivity", "sweep", "charging", "declare_battery",
            "declare_batteries", "report", "rate", "export_pact", "import_pact", "factory_footprint", "audit",
            "station", "fleet", "write_fleet", "benefit", "disclose", "verify", "schema", "hydrogen"}


SUBPACKAGES = {"report", "fleet", "benefit", "charging"}  # carbonev.report etc. are packages: api only


def test_the_facade_lists_every_task_and_the_top_level_is_the_same_functions():
    assert set(carbonev.api.__all__) == EXPECTED
    assert set(carbonev.API) == EXPECTED - SUBPACKAGES
    for name in EXPECTED - SUBPACKAGES:
        assert getattr(carbonev, name) is getattr(carbonev.api, name)
        assert name in dir(carbonev) and name in carbonev.__all__


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_function_has_a_real_signature_and_a_numpydoc_docstring(name):
    fn = getattr(carbonev.api, name)
    params = inspect.signature(fn).parameters
    assert not any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params.values()), name
    doc = inspect.getdoc(fn) or ""
    for section in ("Parameters\n----------", "Returns\n-------"):
        assert section in doc, f"{name}: no {section.splitlines()[0]} section"
    for param in params:  # every parameter is documented
        assert param in doc, f"{name}: parameter {param} not in the docstring"


def test_help_shows_the_signature_and_the_units():
    text = pydoc.render_doc(carbonev.footprint, renderer=pydoc.plaintext)
    assert "footprint(specs" in text and "method: 'str | None' = None" in text
    assert "[kg CO2e" in text and "[g CO2e/km]" in text and "References" in text


def test_facade_documents_units_and_references_where_a_stage_has_an_equation():
    for name in ("footprint", "uncertainty", "sensitivity", "declare_battery", "fleet"):
        doc = inspect.getdoc(getattr(carbonev.api, name)) or ""
        assert "References" in doc and "[kg CO2e" in doc or "[t CO2e" in doc or "kg CO2e/kWh" in doc, name


def test_import_carbonev_and_looking_up_a_function_import_no_pandas_pint_or_brightway():
    code = ("import sys\nimport carbonev\nf = carbonev.footprint\nimport inspect\ninspect.signature(f)\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('pandas', 'pint', 'bw2data', 'bw2calc', 'numpy')]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        carbonev.nope  # noqa: B018


def test_footprints_to_frame_is_one_tidy_table(session_store):
    results = carbonev.footprint([BEV, ICEV], store=session_store)
    frame = results.to_frame()
    assert list(frame.columns) == ["vehicle", "stage", "label", "amount", "per_km", "share"]
    for r in results:  # the table holds each result's own numbers
        mine = frame[frame["vehicle"] == r.name]
        assert mine["amount"].sum() == pytest.approx(r.total, rel=1e-12)
        assert r.to_frame().iloc[-1]["amount"] == pytest.approx(r.total, rel=1e-12)


def test_compare_and_sweep_return_typed_results_with_frames(session_store):
    c = carbonev.compare(BEV, ICEV, store=session_store)
    tidy = c.to_frame()
    assert set(tidy.columns) == {"stage", "vehicle", "amount"}
    assert tidy.groupby("vehicle")["amount"].sum().to_dict() == pytest.approx(c.stages.sum().to_dict())
    assert c.break_even is not None and c.probability_first_lower is None
    s = carbonev.sweep(BEV, [{"battery.capacity": f"{k} kWh"} for k in (60, 80)], store=session_store)
    table = s.to_frame()
    assert isinstance(table, pd.DataFrame) and len(table) == 2
    assert table["per_km"].iloc[1] > table["per_km"].iloc[0]  # a bigger pack costs more
    assert s.provenance["options"]["variants"] == 2


def test_api_sweep_equals_one_footprint_per_variant(session_store):
    [one] = carbonev.footprint(BEV, store=session_store, overrides={"battery.capacity": "60 kWh"})
    table = carbonev.sweep(BEV, [{"battery.capacity": "60 kWh"}], store=session_store).to_frame()
    assert table["total"].iloc[0] == pytest.approx(one.total, rel=1e-9)


def test_validate_returns_the_model_of_the_powertrain():
    [(file, spec)] = carbonev.validate(BEV)
    assert file == BEV and type(spec).__name__ == "BatteryElectricSpec"


def test_import_pact_and_verify_results_have_frames(tmp_path, session_store):
    from tests.cli_runner import invoke

    out = tmp_path / "fp.json"
    manifest = tmp_path / "fp.manifest.json"
    r = invoke(session_store, "footprint", BEV, "-f", "json", "-o", str(out), "--manifest", str(manifest))
    assert r.exit_code == 0, r.stderr
    report = carbonev.verify(manifest, store=session_store, roots=(".",))
    assert report.identical and list(report.to_frame().columns) == ["kind", "text"]
