"""PACT export (v2.3, v3.0): the published shape, deterministic ids, the round trip through
``load_footprint``, and a published PACT example read back."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from carbonev.api import footprint
from carbonev.battery.declare import declare
from carbonev.data.catalog import shipped_catalog
from carbonev.engine.evaluator import engine as evaluator
from carbonev.errors import SpecError
from carbonev.exchange.pact import export_pact, parse_created
from carbonev.exchange.parts import part_from_vehicle
from carbonev.inputs import resolve_inputs
from carbonev.inventory.foreground import Link
from carbonev.specs.pact import validate
from carbonev.specs.pact_file import load_footprint

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "examples" / "battery" / "pack-nmc811-zj.yaml"
INFO = ROOT / "examples" / "exchange" / "pact-info-demo.yaml"
VEHICLE = ROOT / "examples" / "bev-midsize-nmc811.yaml"

# Published example: wbcsd/data-exchange-protocol, spec/v3/examples/example-1.json (PACT v3,
# bioethanol 98 %, per kilogram), abridged to the fields the v3.0 schema requires plus geography.
PACT_V3_EXAMPLE_1 = {
    "id": "12345678-9abc-def0-1234-567812345678", "specVersion": "3.0.0", "created": "2025-04-30T00:00:00Z",
    "status": "Active", "companyName": "Company 1", "companyIds": ["urn:company:example:company1"],
    "productDescription": "Bioethanol 98%, sugar beet feedstock, bulk - no packaging",
    "productIds": ["urn:gtin:5695872369587"], "productNameCompany": "Product 1",
    "pcf": {"declaredUnitOfMeasurement": "kilogram", "declaredUnitAmount": "1", "productMassPerDeclaredUnit": "1",
            "referencePeriodStart": "2024-01-01T00:00:00Z", "referencePeriodEnd": "2024-12-31T00:00:00Z",
            "geographyCountrySubdivision": "US-TX", "pcfExcludingBiogenicUptake": "0.384",
            "pcfIncludingBiogenicUptake": "-1.23", "fossilCarbonContent": "0", "biogenicCarbonContent": "0.44",
            "fossilGhgEmissions": "0.35", "packagingEmissionsIncluded": True, "ipccCharacterizationFactors": ["AR6"],
            "crossSectoralStandards": ["GHGP-Product", "PACT-3.0"], "exemptedEmissionsPercent": "0"},
}


@pytest.fixture(scope="module")
def docs(session_store):
    return {v: export_pact(PACK, INFO, v, created="2026-01-15", store=session_store)[0] for v in ("2.3", "3.0")}


@pytest.fixture(scope="module")
def pack_gate(session_store):
    """The pack's cradle-to-gate footprint from its declaration: materials + production [kg CO2e]."""
    d = declare(PACK, "eu-2023-1542", store=session_store)
    return sum(s.kg for s in d.stages if s.id in ("RawMaterialExtraction", "MainProduction")), d.mass


def test_exports_have_the_published_shape(docs):
    for version, doc in docs.items():
        assert validate(doc) == [], version
    v3, v2 = docs["3.0"], docs["2.3"]
    assert v3["specVersion"] == "3.0.3" and v2["specVersion"] == "2.3.3"
    assert v3["pcf"]["declaredUnitOfMeasurement"] == "piece" and v3["pcf"]["declaredUnitAmount"] == "1"
    assert v2["pcf"]["declaredUnit"] == "kilogram" and v2["version"] == 1
    assert v3["pcf"]["geographyCountrySubdivision"] == "CN-ZJ"
    assert v3["pcf"]["ipccCharacterizationFactors"] == ["AR6"] and v2["pcf"]["characterizationFactors"] == "AR6"
    assert v2["pcf"]["crossSectoralStandardsUsed"] == ["ISO Standard 14067", "GHG Protocol Product standard"]
    assert "partialFullPcf" not in v3


def test_round_trip_through_load_footprint(docs, pack_gate, tmp_path):
    total, mass = pack_gate
    for version, doc in docs.items():
        path = tmp_path / f"pcf-{version}.json"
        path.write_text(json.dumps(doc))
        fp = load_footprint(path)
        assert fp.per_product == pytest.approx(total, rel=1e-10), version
        assert fp.pcf_id == doc["id"] and len(fp.sha256) == 64
    v3 = load_footprint(tmp_path / "pcf-3.0.json")
    assert (v3.declared_unit, v3.unit_amount) == ("piece", 1.0)
    assert v3.kg_co2e_per_unit == pytest.approx(total, rel=1e-9)
    v2 = load_footprint(tmp_path / "pcf-2.3.json")
    assert v2.declared_unit == "kilogram" and v2.unit_amount == pytest.approx(mass, rel=1e-8)
    assert v2.kg_co2e_per_unit == pytest.approx(total / mass, rel=1e-6)
    # an API response wraps the footprint in "data"
    (tmp_path / "wrapped.json").write_text(json.dumps({"data": docs["3.0"]}))
    assert load_footprint(tmp_path / "wrapped.json").per_product == v3.per_product


def test_ids_are_content_hashes_and_created_is_explicit(docs, session_store, tmp_path):
    again, _, stamp = export_pact(PACK, INFO, "3.0", created="2026-02-01T08:30:00+08:00", store=session_store)
    assert stamp == "2026-02-01T00:30:00Z" and again["created"] == stamp
    assert again["id"] == docs["3.0"]["id"]  # same content, another creation time: same id
    info = yaml.safe_load(INFO.read_text(encoding="utf-8"))
    info["company_name"] = "Another Co."
    (tmp_path / "info.yaml").write_text(yaml.safe_dump(info, allow_unicode=True))
    other, _, _ = export_pact(PACK, tmp_path / "info.yaml", "3.0", created="2026-01-15", store=session_store)
    assert other["id"] != docs["3.0"]["id"]
    assert parse_created("2026-01-15") == "2026-01-15T00:00:00Z"
    assert parse_created(None).endswith("Z")
    with pytest.raises(SpecError, match="--created"):
        parse_created("15/01/2026")


def test_the_validator_catches_what_the_schema_forbids(docs):
    def broken(version, change):
        doc = copy.deepcopy(docs[version])
        change(doc)
        return validate(doc)

    assert broken("3.0", lambda d: d["pcf"].pop("fossilGhgEmissions")) == [
        "pcf.fossilGhgEmissions: required field is missing"]
    assert broken("3.0", lambda d: d["pcf"].update(pcfExcludingBiogenicUptake="5.5e3"))[0].startswith(
        "pcf.pcfExcludingBiogenicUptake: not a valid decimal")
    assert broken("3.0", lambda d: d.update(companyIds=["acme"]))[0].startswith("companyIds: invalid item")
    assert broken("3.0", lambda d: d.update(created="2026-01-15"))[0].startswith("created: not a valid datetime")
    assert broken("3.0", lambda d: d["pcf"].update(geographyCountry="China"))[0].startswith("pcf.geographyCountry")
    assert broken("2.3", lambda d: d["pcf"].update(exemptedEmissionsPercent=101)) == [
        "pcf.exemptedEmissionsPercent: must lie between 0 and 100 (got 101)"]
    assert broken("3.0", lambda d: d["pcf"].update(dqi={"technologicalDQR": "1.5"}))[0] == \
        "pcf.dqi.geographicalDQR: required field is missing"
    assert broken("2.3", lambda d: d.pop("productCategoryCpc")) == ["productCategoryCpc: required field is missing"]
    assert broken("2.3", lambda d: d["pcf"].update(exemptedEmissionsPercent="0"))[0].startswith(
        "pcf.exemptedEmissionsPercent: must be a JSON number")
    # v2.3 makes crossSectoralStandards optional: the import must not ask for it
    assert broken("2.3", lambda d: d["pcf"].pop("crossSectoralStandards")) == []
    assert validate({"specVersion": "1.0.0"})[0].startswith("specVersion")


def test_a_published_pact_example_reads_back(tmp_path):
    """wbcsd/data-exchange-protocol spec/v3/examples/example-1.json: 0.384 kg CO2e per kg."""
    path = tmp_path / "example-1.json"
    path.write_text(json.dumps(PACT_V3_EXAMPLE_1))
    fp = load_footprint(path)
    assert (fp.kg_co2e_per_unit, fp.declared_unit, fp.unit_amount) == (0.384, "kilogram", 1.0)
    deprecated = {**PACT_V3_EXAMPLE_1, "status": "Deprecated"}
    path.write_text(json.dumps(deprecated))
    with pytest.raises(SpecError) as err:
        load_footprint(path)
    assert err.value.field == "status"
    path.write_text(json.dumps({**PACT_V3_EXAMPLE_1, "productIds": []}))
    with pytest.raises(SpecError) as err:
        load_footprint(path)
    assert (err.value.file, err.value.field) == (str(path), "productIds")


def test_vehicle_parts_and_the_catena_x_flag(session_store):
    [car] = footprint([VEHICLE], store=session_store)
    stages = car.stages.set_index("stage")["amount"]
    gate = part_from_vehicle(VEHICLE, "vehicle-cradle-to-gate", store=session_store)
    grave = part_from_vehicle(VEHICLE, "vehicle-cradle-to-grave", store=session_store)
    assert grave.kg_co2e == pytest.approx(car.total, rel=1e-6)
    # at the gate: materials and parts + one pack + assembly, without the truck to the customer
    truck = evaluator(shipped_catalog(), session_store).link_impact(Link(1823 / 1000 * 183.5, "", "transport-truck-cn"))
    expected = stages["materials_and_parts"] + stages["battery"] + stages["vehicle_assembly"] - truck
    assert gate.kg_co2e == pytest.approx(expected, rel=1e-6)
    battery = part_from_vehicle(VEHICLE, "battery", store=session_store)
    assert battery.kg_co2e == pytest.approx(stages["battery"], rel=1e-6)


def test_cradle_to_grave_needs_catena_x(session_store):
    with pytest.raises(SpecError, match="cradle-to-gate"):
        export_pact(VEHICLE, INFO, "3.0", part="vehicle-cradle-to-grave", created="2026-01-15", store=session_store)
    doc, inputs, _ = export_pact(VEHICLE, INFO, "3.0", part="vehicle-cradle-to-grave", created="2026-01-15",
                                 catena_x=True, store=session_store)
    assert doc["partialFullPcf"] == "Cradle-to-grave" and validate(doc) == []
    assert set(inputs) == {"spec", "info"}
    gate, _, _ = export_pact(PACK, INFO, "3.0", created="2026-01-15", catena_x=True, store=session_store)
    assert gate["partialFullPcf"] == "Cradle-to-gate"


def test_owner_statements_are_required_not_invented(tmp_path, session_store):
    info = yaml.safe_load(INFO.read_text(encoding="utf-8"))
    del info["reference_period"]
    (tmp_path / "info.yaml").write_text(yaml.safe_dump(info, allow_unicode=True))
    with pytest.raises(SpecError) as err:
        export_pact(PACK, tmp_path / "info.yaml", "3.0", created="2026-01-15", store=session_store)
    assert err.value.field == "reference_period"
    # with the plant file, the plant's reporting period is the reference period
    doc, _, _ = export_pact(PACK, tmp_path / "info.yaml", "3.0", plant=ROOT / "examples" / "factories" /
                            "zj-battery-cell-fail.yaml", product="lfp-cell-280ah", created="2026-01-15",
                            store=session_store)
    assert (doc["pcf"]["referencePeriodStart"], doc["pcf"]["referencePeriodEnd"]) == (
        "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z")
    assert float(doc["pcf"]["primaryDataShare"]) > 0  # the plant's own data
    del info["product_category_cpc"]
    (tmp_path / "info.yaml").write_text(yaml.safe_dump(info, allow_unicode=True))
    with pytest.raises(SpecError) as err:
        export_pact(PACK, tmp_path / "info.yaml", "2.3", created="2026-01-15", store=session_store)
    assert err.value.field in ("product_category_cpc", "reference_period")
    with pytest.raises(SpecError, match="GWP100"):
        export_pact(PACK, INFO, "3.0", created="2026-01-15", store=session_store, method="ipcc-ar6-gwp20")


def test_an_exported_pack_footprint_replaces_the_cars_battery(docs, pack_gate, tmp_path, session_store):
    """Export → a vehicle spec's ``supplied`` → the battery stage is the supplier's footprint, in
    both versions (v3: 1 piece; v2.3: kg CO2e per kg × the pack mass)."""
    from carbonev.inventory.vehicle import build
    from carbonev.specs.load import load_vehicle

    spec = yaml.safe_load(VEHICLE.read_text(encoding="utf-8"))
    for version, doc in docs.items():
        (tmp_path / f"pcf-{version}.json").write_text(json.dumps(doc))
        spec["supplied"] = [{"replaces": "battery", "footprint": f"pcf-{version}.json"}]
        path = tmp_path / f"car-{version}.yaml"
        path.write_text(yaml.safe_dump(spec, allow_unicode=True))
        vehicle, cat = load_vehicle(path), shipped_catalog()
        fg = build(vehicle, cat, str(path), keyed=False, inputs=resolve_inputs(vehicle, str(path), cat))
        [link] = fg.stages["battery"].links
        assert (link.flow, link.amount) == ("co2e_aggregated", pytest.approx(pack_gate[0], rel=1e-9)), version


def test_supplier_files_of_a_vehicle_are_manifest_inputs(docs, tmp_path, session_store):
    spec = yaml.safe_load(VEHICLE.read_text(encoding="utf-8"))
    (tmp_path / "pcf.json").write_text(json.dumps(docs["3.0"]))
    spec["supplied"] = [{"replaces": "battery", "footprint": "pcf.json"}]
    path = tmp_path / "car.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True))
    _, inputs, _ = export_pact(path, INFO, "3.0", created="2026-01-15", store=session_store)
    assert inputs["supplied1"] == str(tmp_path / "pcf.json") and inputs["spec"] == str(path)
