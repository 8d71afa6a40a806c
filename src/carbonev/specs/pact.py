"""Shape checks of PACT ProductFootprints, v2.0–v2.3 and v3.0: the official JSON schemas, as tables.

The tables transcribe ``components.schemas`` of the published OpenAPI documents of
wbcsd/data-exchange-protocol (v2.0.x–v2.3.x ``spec/v2``, v3.0.x ``spec/v3/openapi.yaml``; the
copies the official PACT conformance tool validates against): required fields, JSON types,
``minItems``/``uniqueItems``, enumerations, patterns and numeric bounds, recursively into
``pcf``, ``dqi``, ``assurance``/``verification``, emission-factor sources, sector rules and
extensions. Formats are checked as the specs define them: ``uuid``, ``date-time``
(RFC 3339), ``urn`` and PACT's ``decimal`` (a dotted-decimal number in a JSON string).
A document valid against its version's schema passes; nothing beyond the schema is asked
(``x-comment`` hints such as ">= 0" are the importer's business, see pact.load_footprint).

    validate(doc)   →  ["pcf.fossilGhgEmissions: required field is missing", ...]   ([] if valid)

Version families: 2.0–2.2 (identical but for ``ipccCharacterizationFactorsSources``, which 2.0
and 2.1 require without defining it), 2.3 (adds ``productClassifications``,
``productMassPerDeclaredUnit``, ``crossSectoralStandards``), 3.0.
"""

from __future__ import annotations

import re
from typing import Any

DECLARED_UNITS_V2 = ("liter", "kilogram", "cubic meter", "kilowatt hour", "megajoule", "ton kilometer",
                     "square meter")
DECLARED_UNITS_V3 = (*DECLARED_UNITS_V2, "piece", "hour", "megabit second")
CROSS_SECTORAL_V2_USED = ("GHG Protocol Product standard", "ISO Standard 14067", "ISO Standard 14044")
CROSS_SECTORAL_V23 = ("ISO14067", "ISO14083", "ISO14040-44", "GHGP-Product", "PEF", "PACT-1.0", "PACT-2.0",
                      "PACT-3.0")
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania", "Australia and New Zealand", "Central Asia",
           "Eastern Asia", "Eastern Europe", "Latin America and the Caribbean", "Melanesia", "Micronesia",
           "Northern Africa", "Northern America", "Northern Europe", "Polynesia", "South-eastern Asia",
           "Southern Asia", "Southern Europe", "Sub-Saharan Africa", "Western Asia", "Western Europe")

_PATTERNS = {
    "uuid": r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    "semver": r"^\d+\.\d+\.\d+(-\d{8})?$",
    "datetime": r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$",
    "decimal": r"^[+-]?\d+(\.\d+)?$",
    "urn": r"^[uU][rR][nN]:",
    "ar": r"^AR\d+$",
    "country": r"^[A-Z]{2}$",
    "subdivision": r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
}

# A kind is a string (a _PATTERNS key for strings, or: any, str, nonempty, bool, object, int0,
# pct [number 0..100], dqr [number 1..3], enum:a|b, urns/uuids/ars/strs [non-empty unique arrays],
# enums:a|b [non-empty unique array of enum values]) or a tuple ("obj", table) / ("objs", table)
# for an object / a non-empty array of objects. A table maps field → (required, kind).
Table = dict[str, tuple[bool, Any]]

EF_SOURCE: Table = {"name": (True, "nonempty"), "version": (True, "nonempty")}
SECTOR_RULE: Table = {"operator": (True, "enum:PEF|EPD International|Other"), "ruleNames": (True, "nestrs"),
                      "otherOperatorName": (False, "nonempty")}
EXTENSION: Table = {"specVersion": (True, "str"), "dataSchema": (True, "str"), "documentation": (False, "str"),
                    "data": (True, "object")}
DQI_V2: Table = {"coveragePercent": (True, "pct"), "technologicalDQR": (True, "dqr"), "temporalDQR": (True, "dqr"),
                 "geographicalDQR": (True, "dqr"), "completenessDQR": (True, "dqr"),
                 "reliabilityDQR": (True, "dqr")}
ASSURANCE_V2: Table = {
    "assurance": (True, "bool"), "coverage": (False, "enum:corporate level|product line|PCF system|product level"),
    "level": (False, "enum:limited|reasonable"), "boundary": (False, "enum:Gate-to-Gate|Cradle-to-Gate"),
    "providerName": (True, "str"), "completedAt": (False, "datetime"), "standardName": (False, "str"),
    "comments": (False, "str")}
DQI_V3: Table = {"technologicalDQR": (True, "decimal"), "geographicalDQR": (True, "decimal"),
                 "temporalDQR": (True, "decimal")}
VERIFICATION_V3: Table = {"coverage": (False, "enum:PCF calculation model|PCF program|product level"),
                          "providerName": (False, "str"), "completedAt": (False, "datetime"),
                          "standardName": (False, "str"), "comments": (False, "str")}
_GEOGRAPHY: Table = {"geographyRegionOrSubregion": (False, "enum:" + "|".join(REGIONS)),
                     "geographyCountry": (False, "country"), "geographyCountrySubdivision": (False, "subdivision")}

V3_CF: Table = {
    "declaredUnitOfMeasurement": (True, "enum:" + "|".join(DECLARED_UNITS_V3)),
    "declaredUnitAmount": (True, "decimal"), "productMassPerDeclaredUnit": (True, "decimal"),
    "referencePeriodStart": (True, "datetime"), "referencePeriodEnd": (True, "datetime"), **_GEOGRAPHY,
    "boundaryProcessesDescription": (False, "str"),
    "pcfExcludingBiogenicUptake": (True, "decimal"), "pcfIncludingBiogenicUptake": (True, "decimal"),
    "fossilCarbonContent": (True, "decimal"), "biogenicCarbonContent": (False, "decimal"),
    "recycledCarbonContent": (False, "decimal"), "fossilGhgEmissions": (True, "decimal"),
    **{k: (False, "decimal") for k in (
        "landUseChangeGhgEmissions", "landCarbonLeakage", "landManagementFossilGhgEmissions",
        "landManagementBiogenicCO2Emissions", "landManagementBiogenicCO2Removals", "biogenicCO2Uptake",
        "biogenicNonCO2Emissions", "landAreaOccupation", "aircraftGhgEmissions", "packagingGhgEmissions",
        "packagingBiogenicCarbonContent", "outboundLogisticsGhgEmissions", "ccsTechnologicalCO2Capture",
        "technologicalCO2Removals", "ccuCarbonContent", "primaryDataShare")},
    "packagingEmissionsIncluded": (False, "bool"), "ccsTechnologicalCO2CaptureIncluded": (False, "bool"),
    "technologicalCO2CaptureOrigin": (False, "str"), "ccuCalculationApproach": (False, "enum:Cut-off|Credit"),
    "ccuCreditCertification": (False, "str"),
    "ipccCharacterizationFactors": (True, "ars"), "crossSectoralStandards": (True, "strs"),
    "productOrSectorSpecificRules": (False, ("objs", SECTOR_RULE)),
    "exemptedEmissionsPercent": (True, "decimal"), "exemptedEmissionsDescription": (False, "str"),
    "allocationRulesDescription": (False, "str"), "secondaryEmissionFactorSources": (False, ("objs", EF_SOURCE)),
    "dqi": (False, ("obj", DQI_V3)), "verification": (False, ("obj", VERIFICATION_V3)),
}
V3_PF: Table = {
    "id": (True, "uuid"), "specVersion": (True, "semver"), "precedingPfIds": (False, "uuids"),
    "created": (True, "datetime"), "status": (True, "enum:Active|Deprecated"),
    "validityPeriodStart": (False, "datetime"), "validityPeriodEnd": (False, "datetime"),
    "companyName": (True, "nonempty"), "companyIds": (True, "urns"), "productDescription": (True, "str"),
    "productIds": (True, "urns"), "productClassifications": (False, "urns"), "productNameCompany": (True, "nonempty"),
    "comment": (False, "str"), "pcf": (True, ("obj", V3_CF)), "extensions": (False, ("list", EXTENSION)),
}
V22_CF: Table = {
    "declaredUnit": (True, "enum:" + "|".join(DECLARED_UNITS_V2)), "unitaryProductAmount": (True, "decimal"),
    "pCfExcludingBiogenic": (True, "decimal"), "pCfIncludingBiogenic": (False, "decimal"),
    "fossilGhgEmissions": (True, "decimal"), "fossilCarbonContent": (True, "decimal"),
    "biogenicCarbonContent": (True, "decimal"),
    **{k: (False, "decimal") for k in ("dLucGhgEmissions", "landManagementGhgEmissions", "otherBiogenicGhgEmissions",
                                       "iLucGhgEmissions", "biogenicCarbonWithdrawal", "aircraftGhgEmissions",
                                       "packagingGhgEmissions")},
    "packagingEmissionsIncluded": (True, "bool"), "characterizationFactors": (True, "enum:AR6|AR5"),
    "ipccCharacterizationFactorsSources": (True, "ars"),
    "crossSectoralStandardsUsed": (True, "enums:" + "|".join(CROSS_SECTORAL_V2_USED)),
    "productOrSectorSpecificRules": (False, ("objs", SECTOR_RULE)),
    "biogenicAccountingMethodology": (False, "enum:PEF|ISO|GHGP|Quantis"),
    "boundaryProcessesDescription": (True, "str"), "referencePeriodStart": (True, "datetime"),
    "referencePeriodEnd": (True, "datetime"), **_GEOGRAPHY,
    "secondaryEmissionFactorSources": (False, ("objs", EF_SOURCE)),
    "exemptedEmissionsPercent": (True, "pct"), "exemptedEmissionsDescription": (True, "str"),
    "allocationRulesDescription": (False, "str"), "uncertaintyAssessmentDescription": (False, "str"),
    "primaryDataShare": (False, "pct"), "dqi": (False, ("obj", DQI_V2)), "assurance": (False, ("obj", ASSURANCE_V2)),
}
V20_CF: Table = {**V22_CF, "ipccCharacterizationFactorsSources": (True, "any")}  # required, not defined
V23_CF: Table = {**V22_CF, "productMassPerDeclaredUnit": (False, "decimal"),
                 "crossSectoralStandards": (False, "enums:" + "|".join(CROSS_SECTORAL_V23))}
V22_PF: Table = {
    "id": (True, "uuid"), "specVersion": (True, "semver"), "precedingPfIds": (False, "uuids"),
    "version": (True, "int0"), "created": (True, "datetime"), "updated": (False, "datetime"),
    "status": (True, "enum:Active|Deprecated"), "statusComment": (False, "str"),
    "validityPeriodStart": (False, "datetime"), "validityPeriodEnd": (False, "datetime"),
    "companyName": (True, "nonempty"), "companyIds": (True, "urns"), "productDescription": (True, "str"),
    "productIds": (True, "urns"), "productCategoryCpc": (True, "nonempty"), "productNameCompany": (True, "nonempty"),
    "comment": (True, "str"), "pcf": (True, ("obj", V22_CF)), "extensions": (False, ("list", EXTENSION)),
}
V20_PF: Table = {**V22_PF, "pcf": (True, ("obj", V20_CF))}
V23_PF: Table = {**V22_PF, "productClassifications": (False, "urns"), "pcf": (True, ("obj", V23_CF))}


def _array(value: Any, item: str | None, enum: tuple[str, ...] | None = None) -> str | None:
    if not isinstance(value, list) or not value:
        return "must be a non-empty array"
    if any(not isinstance(v, str) for v in value):
        return "items must be strings"
    if len(set(value)) != len(value):
        return "must not repeat items"
    if enum is not None:
        bad = [v for v in value if v not in enum]
        return f"invalid item {bad[0]!r}; valid: {', '.join(enum)}" if bad else None
    bad = [v for v in value if item and not re.match(_PATTERNS[item], v)]
    return f"invalid item {bad[0]!r}" if bad else None


def _number(value: Any, lo: float, hi: float) -> str | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return f"must be a JSON number (got {value!r})"
    return None if lo <= value <= hi else f"must lie between {lo:g} and {hi:g} (got {value!r})"


def _check(value: Any, kind: str) -> str | None:
    """None if ``value`` fits the scalar or array ``kind``, else what is wrong."""
    if kind == "any":
        return None
    if kind.startswith("enum:"):
        options = kind[5:].split("|")
        return None if value in options else f"must be one of {', '.join(options)} (got {value!r})"
    if kind.startswith("enums:"):
        return _array(value, None, tuple(kind[6:].split("|")))
    if kind in ("urns", "uuids", "ars", "strs", "nestrs"):
        problem = _array(value, {"urns": "urn", "uuids": "uuid", "ars": "ar"}.get(kind))
        if problem is None and kind == "nestrs" and any(not v for v in value):
            return "items must not be empty"
        return problem
    simple = {"str": str, "nonempty": str, "object": dict, "bool": bool}
    if kind in simple:
        if not isinstance(value, simple[kind]):
            return f"must be a {simple[kind].__name__} (got {type(value).__name__})"
        return "must not be empty" if kind == "nonempty" and not value else None
    if kind == "int0":
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31
        return None if ok else f"must be a JSON integer ≥ 0 (got {value!r})"
    if kind in ("pct", "dqr"):
        return _number(value, *((0, 100) if kind == "pct" else (1, 3)))
    if not isinstance(value, str):
        return f"must be a string ({kind}), got {type(value).__name__}"
    return None if re.match(_PATTERNS[kind], value) else f"not a valid {kind} string: {value!r}"


def _table(obj: dict[str, Any], fields: Table, where: str) -> list[str]:
    out = []
    for name, (required, kind) in fields.items():
        if name not in obj:
            if required:
                out.append(f"{where}{name}: required field is missing")
            continue
        value, path = obj[name], f"{where}{name}"
        if isinstance(kind, tuple):
            out += _nested(value, kind, path)
            continue
        problem = _check(value, kind)
        if problem:
            out.append(f"{path}: {problem}")
    return out


def _nested(value: Any, kind: tuple[str, Table], path: str) -> list[str]:
    shape, table = kind
    if shape == "obj":
        return _table(value, table, path + ".") if isinstance(value, dict) else [f"{path}: must be an object"]
    if not isinstance(value, list) or (shape == "objs" and not value):
        return [f"{path}: must be a{' non-empty' if shape == 'objs' else 'n'} array of objects"]
    out = []
    for i, item in enumerate(value):
        out += _table(item, table, f"{path}[{i}].") if isinstance(item, dict) else [f"{path}[{i}]: must be an object"]
    return out


def major(doc: dict[str, Any]) -> int | None:
    """2 or 3 from ``specVersion``; None if absent or another major version."""
    m = re.match(r"^(\d+)\.", str(doc.get("specVersion", "")))
    return int(m.group(1)) if m and m.group(1) in ("2", "3") else None


def table_for(doc: dict[str, Any]) -> Table | None:
    """The ProductFootprint table of the document's ``specVersion`` (None: not 2.x or 3.x)."""
    m = re.match(r"^(\d+)\.(\d+)\.", str(doc.get("specVersion", "")))
    if not m or m.group(1) not in ("2", "3"):
        return None
    if m.group(1) == "3":
        return V3_PF
    minor = int(m.group(2))
    return V20_PF if minor < 2 else V22_PF if minor == 2 else V23_PF


def validate(doc: Any) -> list[str]:
    """Problems of a ProductFootprint ('field.path: message'); empty if it fits its version's schema."""
    if not isinstance(doc, dict):
        return ["(top level): a ProductFootprint must be a JSON object"]
    table = table_for(doc)
    if table is None:
        return [f"specVersion: must be a 2.x or 3.x version (got {doc.get('specVersion')!r})"]
    return _table(doc, table, "")
