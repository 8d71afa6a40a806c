"""A pack maker's batch under MIIT 551 (at least 5 typical packs in the trial phase): one run, one
declaration per pack, a summary and one manifest; distribution from pack plant to vehicle plant;
per-kWh figures printed alike in headline and table; every field escaped in Markdown."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from carbonev.battery.declare import declare
from carbonev.data.catalog import shipped_catalog
from carbonev.report.declaration import markdown, per_kwh_text, table
from cli_runner import invoke

from .helpers import DEMO_VALUES, EXAMPLE_PACK, ROOT, pack, values

BATCH = sorted((ROOT / "examples" / "battery" / "miit-batch").glob("pack-*.yaml"))


def test_five_demo_packs_cover_several_chemistries_and_are_labelled():
    assert len(BATCH) == 5
    for p in BATCH:
        text = p.read_text(encoding="utf-8")
        assert "DEMO" in text.splitlines()[1] and "(synthetic)" in text


def test_batch_declaration_from_the_cli_with_one_manifest(session_store, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples" / "battery", work / "battery")
    shutil.copytree(ROOT / "examples" / "factories", work / "factories")
    packs = sorted((work / "battery" / "miit-batch").glob("pack-*.yaml"))
    out = work / "declarations"
    out.mkdir()
    summary, manifest = work / "summary.md", work / "batch.manifest.json"
    res = invoke(session_store, "battery", "declare", *map(str, packs), "-s", "cn-miit-2025", "--values",
                 str(work / "battery" / "battery-values-demo.yaml"), "--output-dir", str(out), "-f", "md",
                 "-o", str(summary), "--manifest", str(manifest))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == [p.stem + ".md" for p in packs]
    text = summary.read_text(encoding="utf-8")
    assert "Met: the scheme asks for at least 5 typical packs" in text and "5 declared" in text
    assert "LFP, NMC622, NMC811, sodium-ion" in text
    m = json.loads(manifest.read_text())
    roles = [i["role"] for i in m["inputs"]]
    assert roles[:3] == ["pack1", "pack2", "pack2.plant"] and "scheme" in roles and "values" in roles
    assert [o["role"] for o in m["outputs"]] == [*(f"pack{i}.declaration" for i in range(1, 6)), "summary"]
    assert len(m["result"]["payload"]["packs"]) == 5
    # each declaration equals the single-pack run of the same file
    one = declare(packs[0], "cn-miit-2025", values=DEMO_VALUES, store=session_store)
    assert m["result"]["payload"]["packs"][0]["kg_co2e_per_kwh"] == pytest.approx(one.per_kwh, rel=1e-11)
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 0, res.output
    (out / packs[2].with_suffix(".md").name).write_text("edited", encoding="utf-8")
    res = invoke(session_store, "verify", str(manifest))
    assert res.exit_code == 1 and "output file changed: pack3.declaration" in res.stdout


def test_batch_needs_an_output_folder_and_checks_every_pack_first(session_store, tmp_path):
    res = invoke(session_store, "battery", "declare", *map(str, BATCH[:2]), "-s", "cn-miit-2025")
    assert res.exit_code == 2 and "--output-dir" in res.stderr
    bad = pack(tmp_path, capacity="lots")
    res = invoke(session_store, "battery", "declare", str(BATCH[0]), str(bad), "-s", "cn-miit-2025", "--values",
                 str(DEMO_VALUES), "--output-dir", str(tmp_path))
    assert res.exit_code == 2 and str(bad) in res.stderr
    assert not any(p.suffix == ".txt" for p in tmp_path.iterdir())  # nothing written


def test_distribution_runs_from_pack_plant_to_vehicle_plant_with_a_sourced_default(tmp_path, session_store):
    cat = shipped_catalog()
    v = values(tmp_path, "cn-miit-2025", {"functional_unit.capacity_basis": "nominal"})
    stated = declare(pack(tmp_path, distribution={"mode": "rail", "distance": "900 km"}), "cn-miit-2025",
                     values=v, store=session_store)
    assert stated.scheme_inputs["distribution.distance"]["value"] == 900
    assert stated.scheme_inputs["distribution.mode"]["origin"] == "pack file (distribution.mode)"
    [link] = next(s for s in stated.stages if s.id == "Distribution").links
    assert link["code"] == "transport-rail-cn" and link["amount"] == pytest.approx(0.400 * 900)  # 400 kg × 900 km
    default = declare(pack(tmp_path, distribution=None), "cn-miit-2025", values=v, store=session_store)
    km = cat.value("materials_transport_distance", "km")
    assert default.scheme_inputs["distribution.distance"]["value"] == km == 183.5
    assert default.scheme_inputs["distribution.distance"]["origin"].startswith("shipped parameter")
    assert default.scheme_inputs["distribution.mode"] == {
        "value": "truck", "unit": None, "origin": "scheme default (the pack file leaves it out)",
        "source": "mot-freight-2024", "locator": default.scheme.distribution.mode.locator}


def test_a_scheme_value_replacing_the_packs_statement_is_reported(tmp_path, session_store):
    """EU: the cycles per year are fixed by vehicle category (60 for M1) whatever the pack states."""
    assert declare(EXAMPLE_PACK, "eu-2023-1542", store=session_store).overridden == {}  # it states none
    d = declare(pack(tmp_path), "eu-2023-1542", store=session_store)  # states 100 cycles a year
    assert d.overridden == {"functional_unit.cycles_per_year": {"pack_field": "cycles.per_year", "pack": 100,
                                                                "scheme": 60, "unit": "1/year"}}
    assert d.energy == 75 * 60 * 8
    assert "functional_unit.cycles_per_year: the pack file states 100 1/year (cycles.per_year); the scheme fixes 60" \
        in table(d)


def test_headline_and_table_use_the_same_significant_figures(session_store):
    """Issue 12: the MIIT headline said 0.07 where its table said 0.0654."""
    d = declare(EXAMPLE_PACK, "cn-miit-2025", values=DEMO_VALUES, store=session_store)
    shown = per_kwh_text(d.per_kwh)
    md = markdown(d)
    headline = md.splitlines()[2]
    assert headline.startswith(f"**{shown} kg CO2e per kWh")
    assert f"| **{shown}** |" in md and f"Declared footprint: {shown} kg CO2e per kWh" in table(d)
    assert per_kwh_text(0.0654321) == "0.0654" and per_kwh_text(1.23456) == "1.23" and per_kwh_text(45.678) == "45.7"


def test_declaration_markdown_escapes_every_field(tmp_path, session_store):
    evil = "<script>x</script> | col\n# head"
    p = pack(tmp_path, name=evil, manufacturer="ACME <b>", model_id="m|1")
    md = markdown(declare(p, "eu-2023-1542", store=session_store))
    assert "<script>" not in md and "<b>" not in md
    title = "# Battery carbon-footprint declaration: &lt;script&gt;x&lt;/script&gt; \\| col \\# head"
    assert md.splitlines()[0] == title
    assert re.search(r"\| Manufacturer / model \| ACME &lt;b&gt; / m\\\|1 \|", md)
