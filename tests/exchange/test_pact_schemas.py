"""PACT import against the official schemas (v2.0, v2.1, v2.2, v2.3, v3.0).

Reference: the OpenAPI documents of wbcsd/data-exchange-protocol as shipped with the official
PACT conformance tool (``src/schemas/openapi_v*.yaml``, at ``<repo>/../shared/tools`` in CI).
The test is differential: for minimal and full documents of every version, and for every
required field removed and every defined field given a value of the wrong JSON type,
carbonev's validator must agree with a JSON Schema validator (jsonschema) run on the
official schema. The export must stay valid against the official v2.3 and v3.0 schemas.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml
from tests.exchange.conftest import ROOT

from carbonev.errors import SpecError
from carbonev.specs.pact import validate
from carbonev.specs.pact_file import load_footprint

TOOL = Path(os.environ.get("PACT_CONFORMANCE_DIR") or ROOT.parent / "shared" / "tools" / "pact-conformance")
SCHEMAS = TOOL / "src" / "schemas"
VERSIONS = {"2.0": "2.0.1", "2.1": "2.1.0", "2.2": "2.2.0", "2.3": "2.3.0", "3.0": "3.0.0"}

PF_V2 = {"id": "3a6c14a7-4deb-498a-b5ea-16ce2535b576", "version": 1, "created": "2024-03-01T00:00:00Z",
         "status": "Active", "comment": "", "companyName": "Example Co.", "companyIds": ["urn:example:company:1"],
         "productDescription": "Steel coil", "productIds": ["urn:example:product:1"],
         "productCategoryCpc": "4121", "productNameCompany": "Coil"}
CF_V2 = {"declaredUnit": "kilogram", "unitaryProductAmount": "1000", "pCfExcludingBiogenic": "1.85",
         "fossilGhgEmissions": "1.85", "fossilCarbonContent": "0", "biogenicCarbonContent": "0",
         "characterizationFactors": "AR6", "ipccCharacterizationFactorsSources": ["AR6"],
         "crossSectoralStandardsUsed": ["GHG Protocol Product standard"], "boundaryProcessesDescription": "",
         "referencePeriodStart": "2023-01-01T00:00:00Z", "referencePeriodEnd": "2024-01-01T00:00:00Z",
         "exemptedEmissionsPercent": 0, "exemptedEmissionsDescription": "", "packagingEmissionsIncluded": False}
PF_V3 = {"id": "3a6c14a7-4deb-498a-b5ea-16ce2535b576", "created": "2025-04-30T00:00:00Z", "status": "Active",
         "companyName": "Example Co.", "companyIds": ["urn:example:company:1"], "productDescription": "Steel coil",
         "productIds": ["urn:example:product:1"], "productNameCompany": "Coil"}
CF_V3 = {"declaredUnitOfMeasurement": "kilogram", "declaredUnitAmount": "1", "productMassPerDeclaredUnit": "1",
         "referencePeriodStart": "2024-01-01T00:00:00Z", "referencePeriodEnd": "2025-01-01T00:00:00Z",
         "pcfExcludingBiogenicUptake": "1.85", "pcfIncludingBiogenicUptake": "1.85", "fossilCarbonContent": "0",
         "fossilGhgEmissions": "1.85", "ipccCharacterizationFactors": ["AR6"], "crossSectoralStandards": ["ISO14067"],
         "exemptedEmissionsPercent": "0"}


@pytest.fixture(scope="module")
def official():
    if not SCHEMAS.is_dir():
        pytest.skip(f"the official schemas are not at {SCHEMAS} (CI has them in ../shared/tools)")
    return {v: yaml.safe_load((SCHEMAS / f"openapi_v{v.replace('.', '_')}.yaml").read_text()) for v in VERSIONS}


def minimal(version: str) -> dict:
    """The smallest document the version's schema accepts: required fields only."""
    if version == "3.0":
        return {**copy.deepcopy(PF_V3), "specVersion": VERSIONS[version], "pcf": copy.deepcopy(CF_V3)}
    return {**copy.deepcopy(PF_V2), "specVersion": VERSIONS[version], "pcf": copy.deepcopy(CF_V2)}


def schema_ok(spec: dict, doc: dict) -> bool:
    schema = {"$ref": "#/components/schemas/ProductFootprint", "components": spec["components"]}
    return jsonschema.Draft202012Validator(schema).is_valid(doc)


def wrong_value(prop: dict) -> object:
    """A value of the wrong JSON type for an official property definition."""
    kind = prop.get("type")
    if "$ref" in prop:
        return "not an object"
    return {"string": 12345, "number": "12.5", "integer": "1", "boolean": "true", "array": "not a list",
            "object": ["not", "an", "object"]}.get(kind, None)


@pytest.mark.parametrize("version", list(VERSIONS))
def test_minimal_documents_of_every_version_are_accepted(official, tmp_path, version):
    doc = minimal(version)
    assert schema_ok(official[version], doc)
    assert validate(doc) == []
    path = tmp_path / "pcf.json"
    path.write_text(json.dumps(doc))
    fp = load_footprint(path)  # crossSectoralStandards absent in v2.x: not asked for
    assert fp.per_product == pytest.approx(1.85 * (1000 if version != "3.0" else 1))


@pytest.mark.parametrize("version", list(VERSIONS))
def test_the_validator_agrees_with_the_official_schema(official, version):
    spec = official[version]
    schemas = spec["components"]["schemas"]
    base = minimal(version)
    cases = 0
    for where, name in (("", "ProductFootprint"), ("pcf", "CarbonFootprint")):
        for field in schemas[name].get("required", []):
            doc = copy.deepcopy(base)
            (doc[where] if where else doc).pop(field, None)
            if field == "specVersion":
                continue  # without it, no schema can be chosen: refused either way
            assert not schema_ok(spec, doc), (version, field)
            problems = validate(doc)
            assert problems and problems[0].startswith(f"{where + '.' if where else ''}{field}:"), (field, problems)
            cases += 1
        for field, prop in schemas[name]["properties"].items():
            bad = wrong_value(prop)
            if bad is None or field == "specVersion":
                continue
            doc = copy.deepcopy(base)
            (doc[where] if where else doc)[field] = bad
            assert schema_ok(spec, doc) == (validate(doc) == []), (version, field, validate(doc))
            cases += 1
    assert cases > 40


def test_exports_validate_against_the_official_schemas(official, pact_docs):
    for (supplier, version), doc in pact_docs.items():
        assert schema_ok(official[version], doc), (supplier, version)
        assert validate(doc) == []


def test_invalid_documents_are_refused_with_one_line_naming_the_field(official, tmp_path):
    doc = minimal("2.2")
    doc["pcf"]["declaredUnit"] = "barrel"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    assert not schema_ok(official["2.2"], doc)
    with pytest.raises(SpecError) as err:
        load_footprint(path)
    assert (err.value.file, err.value.field) == (str(path), "pcf.declaredUnit")
    assert "\n" not in str(err.value) and "barrel" in str(err.value)
    v23 = minimal("2.3")
    v23["pcf"]["crossSectoralStandards"] = ["PAS2050"]  # v2.3 enumerates them; v3.0 does not
    assert not schema_ok(official["2.3"], v23) and validate(v23)[0].startswith("pcf.crossSectoralStandards")
    v30 = minimal("3.0")
    v30["pcf"]["crossSectoralStandards"] = ["PAS2050"]
    assert schema_ok(official["3.0"], v30) and validate(v30) == []
