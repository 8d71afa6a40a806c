"""PACT (WBCSD Pathfinder) product footprints: export of parts (v2.3, v3.0) and import of a
supplier's footprint (any of v2.0–v2.3 and v3.0).

    doc, inputs = export_pact("examples/battery/pack-nmc811-zj.yaml", "info.yaml", "3.0",
                              created="2026-01-15")
    fp = load_footprint("supplier-pcf.json")      # v2.0–v2.3 or v3.0
    fp.kg_co2e_per_unit * fp.unit_amount          # kg CO2e per piece of the supplier's product

The ``id`` is a UUID v5 of the document's content (everything but ``id`` and ``created``),
so the same inputs give the same id. ``created`` is the ``--created`` option (or the value
recorded in a manifest); without one, the current UTC time is used and recorded.
Company, product identifiers, carbon contents, exemptions and the standards claimed are
the data owner's statements: they come from an info file (``carbonev-pact-info/1``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from carbonev.data.regions import region
from carbonev.errors import SpecError
from carbonev.exchange.parts import PartFootprint, part_footprint
from carbonev.io.files import load
from carbonev.specs.pact import CROSS_SECTORAL_V2_USED, validate
from carbonev.version import __version__

VERSIONS = {"2.3": "2.3.3", "3.0": "3.0.3"}
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/carbonev/carbonev/pact")
_V2_USED = dict(zip(("GHGP-Product", "ISO14067", "ISO14040-44"), CROSS_SECTORAL_V2_USED, strict=True))
Urn = str


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(Model):
    start: dt.date
    end: dt.date = Field(description="exclusive")


class PactInfo(Model):
    """The data owner's statements a PACT document needs and carbonev cannot compute."""

    format: Literal["carbonev-pact-info/1"]
    status: str = Field(min_length=2, description="e.g. 'DEMO statements, not a real company'")
    company_name: str = Field(min_length=1)
    company_ids: list[Urn] = Field(min_length=1, description="URNs, e.g. urn:uscc:91330000XXXXXXXXXX")
    product_ids: list[Urn] = Field(min_length=1)
    product_name: str | None = None
    product_description: str | None = None
    product_category_cpc: str | None = Field(default=None, description="UN CPC code (required by v2.3)")
    product_classifications: list[Urn] = []
    cross_sectoral_standards: list[str] = Field(min_length=1, description="e.g. [ISO14067, GHGP-Product]")
    fossil_carbon_content: float = Field(ge=0, description="fossil carbon in the product [kg C per piece]")
    biogenic_carbon_content: float = Field(ge=0, description="biogenic carbon in the product [kg C per piece]")
    exempted_emissions_percent: float = Field(ge=0, le=100)
    exempted_emissions_description: str = ""
    packaging_emissions_included: bool
    reference_period: Period | None = Field(default=None, description="default: the plant file's period")
    validity_period: Period | None = Field(default=None, description="default: none stated (PACT: 3 years from "
                                           "the end of the reference period)")
    comment: str | None = None


def _decimal(x: float, significant: int = 12) -> str:
    """A PACT decimal string (no exponent), to ``significant`` digits."""
    x = float(x)
    places = 0 if x == 0 else min(15, max(0, significant - 1 - math.floor(math.log10(abs(x)))))
    text = f"{x:.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def _datetime(d: dt.date | dt.datetime) -> str:
    if isinstance(d, dt.datetime):
        d = d.astimezone(dt.UTC) if d.tzinfo else d.replace(tzinfo=dt.UTC)
        return d.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{d.isoformat()}T00:00:00Z"


def parse_created(text: str | None) -> str:
    """``--created`` as a PACT date-time (UTC); None → the current UTC time (to the second)."""
    if text is None:
        return _datetime(dt.datetime.now(dt.UTC).replace(microsecond=0))
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SpecError(f"not an ISO date or date-time: {text!r}", field="--created") from None
    return _datetime(value) if ("T" in text or " " in text) else _datetime(value.date())


def _geography(code: str) -> dict[str, str]:
    r = region(code)
    if r.grid is not None:  # a province: ISO 3166-2:CN
        return {"geographyCountrySubdivision": r.code.upper()}
    return {"geographyCountry": "CN"}


def _ipcc(method: str) -> str:
    if "gwp100" not in method or not method.startswith(("ipcc-ar6", "ipcc-ar5")):
        raise SpecError(f"PACT footprints use IPCC GWP100 characterisation factors; method {method!r} is not one",
                        field="--method")
    return "AR6" if method.startswith("ipcc-ar6") else "AR5"


def build_document(part: PartFootprint, info: PactInfo, version: str, created: str, catena_x: bool = False,
                   info_file: str | None = None) -> dict[str, Any]:
    """The ProductFootprint of ``part`` in PACT ``version`` ('2.3' or '3.0'), validated."""
    period = _period(part, info, version, catena_x, info_file)
    doc = _header(part, info, version, created)
    common = {"referencePeriodStart": _datetime(period.start), "referencePeriodEnd": _datetime(period.end),
              **_geography(part.region), "boundaryProcessesDescription": part.boundary_processes,
              "secondaryEmissionFactorSources": [{"name": "carbonev shipped inventories", "version": __version__}]}
    if part.allocation:
        common["allocationRulesDescription"] = f"plant inputs allocated to products by the rule '{part.allocation}'"
    doc["pcf"] = (_pcf_v3(part, info, common) if version == "3.0"
                  else _pcf_v2(part, info, common, doc, info_file))
    if catena_x:
        doc["partialFullPcf"] = part.boundary
    doc["id"] = content_id(doc)
    problems = validate(doc)
    if problems:  # a bug, or an info value the schema rejects
        raise SpecError(f"the PACT document would not validate: {problems[0]}", file=info_file)
    return doc


def _period(part: PartFootprint, info: PactInfo, version: str, catena_x: bool, info_file: str | None) -> Period:
    """The reference period (the info file's, else the plant's) after checking version and boundary."""
    if version not in VERSIONS:
        raise SpecError(f"unknown PACT version {version!r}; valid: {', '.join(VERSIONS)}", field="--version")
    if part.boundary != "Cradle-to-gate" and not catena_x:
        raise SpecError("PACT footprints are cradle-to-gate; use --catena-x to flag a cradle-to-grave footprint "
                        "(partialFullPcf)", field="--part")
    period = info.reference_period or (Period(start=part.reference_period[0], end=part.reference_period[1])
                                       if part.reference_period else None)
    if period is None:
        raise SpecError("no plant period to take it from: give the reference period (start, end)",
                        file=info_file, field="reference_period")
    return period


def _header(part: PartFootprint, info: PactInfo, version: str, created: str) -> dict[str, Any]:
    """The ProductFootprint's fields outside ``pcf`` (its id is set last, from the content)."""
    comment = " ".join(filter(None, [
        f"Computed with carbonev {__version__} ({part.method}); {part.part}, {part.boundary.lower()}.",
        "Biogenic CO2 uptake is not modelled: the footprints excluding and including uptake are equal.",
        *part.notes, info.comment]))
    doc: dict[str, Any] = {
        "id": "", "specVersion": VERSIONS[version], "created": created, "status": "Active",
        "companyName": info.company_name, "companyIds": list(info.company_ids),
        "productDescription": info.product_description or part.description, "productIds": list(info.product_ids),
        "productNameCompany": info.product_name or part.name, "comment": comment,
    }
    if info.product_classifications:
        doc["productClassifications"] = list(info.product_classifications)
    if info.validity_period:
        doc["validityPeriodStart"] = _datetime(info.validity_period.start)
        doc["validityPeriodEnd"] = _datetime(info.validity_period.end)
    return doc


def _primary_share(part: PartFootprint) -> float:
    """Share of the footprint from primary (plant or supplier) data [%]."""
    return 100.0 * part.primary_kg_co2e / part.kg_co2e if part.kg_co2e else 0.0


def _pcf_v3(part: PartFootprint, info: PactInfo, common: dict[str, Any]) -> dict[str, Any]:
    """The v3.0 ``pcf``: per piece [kg CO2e]."""
    total, fossil = part.kg_co2e, part.kg_co2e - part.biogenic_kg_co2e
    pcf: dict[str, Any] = {
        "declaredUnitOfMeasurement": "piece", "declaredUnitAmount": "1",
        "productMassPerDeclaredUnit": _decimal(part.mass_kg), **common,
        "pcfExcludingBiogenicUptake": _decimal(total), "pcfIncludingBiogenicUptake": _decimal(total),
        "fossilCarbonContent": _decimal(info.fossil_carbon_content),
        "biogenicCarbonContent": _decimal(info.biogenic_carbon_content), "fossilGhgEmissions": _decimal(fossil),
        "packagingEmissionsIncluded": info.packaging_emissions_included,
        "ipccCharacterizationFactors": [_ipcc(part.method)],
        "crossSectoralStandards": list(info.cross_sectoral_standards),
        "exemptedEmissionsPercent": _decimal(info.exempted_emissions_percent),
        "exemptedEmissionsDescription": info.exempted_emissions_description,
        "primaryDataShare": _decimal(round(_primary_share(part), 2)),
    }
    if part.biogenic_kg_co2e > 0:
        pcf["biogenicNonCO2Emissions"] = _decimal(part.biogenic_kg_co2e)
    return pcf


def _pcf_v2(part: PartFootprint, info: PactInfo, common: dict[str, Any], doc: dict[str, Any],
            info_file: str | None) -> dict[str, Any]:
    """The v2.3 ``pcf``: per kilogram of product [kg CO2e/kg]; adds v2's ``version`` and CPC to ``doc``."""
    if not info.product_category_cpc:
        raise SpecError("required by PACT v2.3 (productCategoryCpc)", file=info_file, field="product_category_cpc")
    used = [_V2_USED[s] for s in info.cross_sectoral_standards if s in _V2_USED]
    if not used:
        raise SpecError(f"PACT v2.3 also needs one of {', '.join(_V2_USED)} (crossSectoralStandardsUsed)",
                        file=info_file, field="cross_sectoral_standards")
    doc["version"] = 1
    doc["productCategoryCpc"] = info.product_category_cpc
    total, fossil = part.kg_co2e, part.kg_co2e - part.biogenic_kg_co2e
    per = 1.0 / part.mass_kg  # declared unit: one kilogram of the product
    ar = _ipcc(part.method)
    return {
        "declaredUnit": "kilogram", "unitaryProductAmount": _decimal(part.mass_kg),
        "productMassPerDeclaredUnit": "1", "pCfExcludingBiogenic": _decimal(total * per),
        "pCfIncludingBiogenic": _decimal(total * per), "fossilGhgEmissions": _decimal(fossil * per),
        "fossilCarbonContent": _decimal(info.fossil_carbon_content * per),
        "biogenicCarbonContent": _decimal(info.biogenic_carbon_content * per),
        "characterizationFactors": ar, "ipccCharacterizationFactorsSources": [ar],
        "crossSectoralStandardsUsed": used, "crossSectoralStandards": list(info.cross_sectoral_standards),
        **common, "exemptedEmissionsPercent": info.exempted_emissions_percent,
        "exemptedEmissionsDescription": info.exempted_emissions_description,
        "packagingEmissionsIncluded": info.packaging_emissions_included,
        "primaryDataShare": round(_primary_share(part), 2),
    }


def content_id(doc: dict[str, Any]) -> str:
    """UUID v5 of everything in ``doc`` but ``id`` and ``created``: same content, same id."""
    body = {k: v for k, v in doc.items() if k not in ("id", "created")}
    return str(uuid.uuid5(NAMESPACE, json.dumps(body, sort_keys=True, ensure_ascii=False)))


def with_preceding(doc: dict[str, Any], preceding: list[str]) -> dict[str, Any]:
    """A copy of ``doc`` that succeeds the footprints ``preceding`` (PACT life cycle: a new id,
    ``precedingPfIds`` naming the earlier ones); unchanged if ``preceding`` is empty."""
    if not preceding:
        return doc
    new = {**doc, "precedingPfIds": list(dict.fromkeys(preceding))}
    new["id"] = content_id(new)
    return new


def export_pact(path: str | Path, info: str | Path, version: str, part: str | None = None,
                plant: str | Path | None = None, product: str | None = None, created: str | None = None,
                catena_x: bool = False, store: str | Path | None = None,
                method: str | None = None) -> tuple[dict[str, Any], dict[str, str], str]:
    """(document, input files by role, created) for a pack file or a vehicle spec."""
    info_model = load(PactInfo, info)
    stamp = parse_created(created)
    fp = part_footprint(path, part, plant, product, store, method)
    doc = build_document(fp, info_model, version, stamp, catena_x, str(info))
    return doc, {**fp.inputs, "info": str(info)}, stamp


def rerun(inputs: dict[str, Path], options: dict[str, Any], store: str | Path | None) -> dict[str, Any]:
    """Re-run a recorded ``export pact`` (for ``carbonev verify``)."""
    source = inputs.get("pack") or inputs["spec"]
    doc, _, _ = export_pact(source, inputs["info"], options["version"], options.get("part"),
                            inputs.get("plant") if "pack" in inputs else None, options.get("product"),
                            options["created"], bool(options.get("catena_x")), store, options.get("method"))
    return doc
