"""Shape checks of PACT ProductFootprints, v2.3 and v3.0 (required fields, types, formats).

Field lists follow the published specs: v2.3.3 (``spec/v2``) and v3.0.3 (``spec/v3/openapi.yaml``)
of wbcsd/data-exchange-protocol, as extracted in the project's research notes
(pact-fields.txt). The checks are the schema's: presence, JSON type, decimal-string and
date-time formats, URNs, enumerations — not the methodology.
"""

from __future__ import annotations

import re
from typing import Any

DECLARED_UNITS_V2 = ("liter", "kilogram", "cubic meter", "kilowatt hour", "megajoule", "ton kilometer",
                     "square meter")
DECLARED_UNITS_V3 = (*DECLARED_UNITS_V2, "piece", "hour", "megabit second")
CROSS_SECTORAL_V2_USED = ("GHG Protocol Product standard", "ISO Standard 14067", "ISO Standard 14044")

_PATTERNS = {
    "uuid": r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
    "semver": r"^\d+\.\d+\.\d+(-\d{8})?$",
    "datetime": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
    "decimal": r"^[+-]?\d+(\.\d+)?$",
    "nonneg": r"^[+]?\d+(\.\d+)?$",
    "positive": r"^[+]?(\d*[1-9]\d*(\.\d+)?|0+\.\d*[1-9]\d*)$",
    "urn": r"^[uU][rR][nN]:",
    "ar": r"^AR\d+$",
    "country": r"^[A-Z]{2}$",
    "subdivision": r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
}

# field: (required, kind); kinds: str, nonempty, int, number, bool, object, list, urns, ars, strs,
# enum:<a|b>, or a _PATTERNS key for strings
V3_PF = {
    "id": (True, "uuid"), "specVersion": (True, "semver"), "precedingPfIds": (False, "list"),
    "created": (True, "datetime"), "updated": (False, "datetime"), "status": (True, "enum:Active|Deprecated"),
    "statusComment": (False, "str"), "validityPeriodStart": (False, "datetime"),
    "validityPeriodEnd": (False, "datetime"), "companyName": (True, "nonempty"), "companyIds": (True, "urns"),
    "productDescription": (True, "str"), "productIds": (True, "urns"), "productClassifications": (False, "urns"),
    "productNameCompany": (True, "nonempty"), "comment": (False, "str"), "pcf": (True, "object"),
    "extensions": (False, "list"),
}
V3_CF = {
    "declaredUnitOfMeasurement": (True, "enum:" + "|".join(DECLARED_UNITS_V3)),
    "declaredUnitAmount": (True, "positive"), "productMassPerDeclaredUnit": (True, "decimal"),
    "referencePeriodStart": (True, "datetime"), "referencePeriodEnd": (True, "datetime"),
    "geographyRegionOrSubregion": (False, "nonempty"), "geographyCountry": (False, "country"),
    "geographyCountrySubdivision": (False, "subdivision"), "boundaryProcessesDescription": (False, "str"),
    "pcfExcludingBiogenicUptake": (True, "decimal"), "pcfIncludingBiogenicUptake": (True, "decimal"),
    "fossilCarbonContent": (True, "nonneg"), "biogenicCarbonContent": (False, "nonneg"),
    "fossilGhgEmissions": (True, "nonneg"), "biogenicNonCO2Emissions": (False, "nonneg"),
    "packagingEmissionsIncluded": (False, "bool"), "ipccCharacterizationFactors": (True, "ars"),
    "crossSectoralStandards": (True, "strs"), "productOrSectorSpecificRules": (False, "list"),
    "exemptedEmissionsPercent": (True, "decimal"), "exemptedEmissionsDescription": (False, "str"),
    "allocationRulesDescription": (False, "str"), "secondaryEmissionFactorSources": (False, "list"),
    "primaryDataShare": (False, "decimal"), "dqi": (False, "object"), "verification": (False, "object"),
}
V2_PF = {
    **{k: v for k, v in V3_PF.items() if k != "comment"},
    "version": (True, "int"), "comment": (True, "str"), "productCategoryCpc": (True, "nonempty"),
}
V2_CF = {
    "declaredUnit": (True, "enum:" + "|".join(DECLARED_UNITS_V2)), "unitaryProductAmount": (True, "positive"),
    "productMassPerDeclaredUnit": (False, "decimal"), "pCfExcludingBiogenic": (True, "nonneg"),
    "pCfIncludingBiogenic": (False, "decimal"), "fossilGhgEmissions": (True, "nonneg"),
    "fossilCarbonContent": (True, "nonneg"), "biogenicCarbonContent": (True, "nonneg"),
    "characterizationFactors": (True, "enum:AR6|AR5"), "ipccCharacterizationFactorsSources": (True, "ars"),
    "crossSectoralStandardsUsed": (True, "strs"), "crossSectoralStandards": (True, "strs"),
    "productOrSectorSpecificRules": (False, "list"), "boundaryProcessesDescription": (True, "str"),
    "referencePeriodStart": (True, "datetime"), "referencePeriodEnd": (True, "datetime"),
    "geographyRegionOrSubregion": (False, "nonempty"), "geographyCountry": (False, "country"),
    "geographyCountrySubdivision": (False, "subdivision"), "secondaryEmissionFactorSources": (False, "list"),
    "exemptedEmissionsPercent": (True, "number"), "exemptedEmissionsDescription": (True, "str"),
    "packagingEmissionsIncluded": (True, "bool"), "allocationRulesDescription": (False, "str"),
    "primaryDataShare": (False, "number"), "dqi": (False, "object"), "assurance": (False, "object"),
}


def _check(value: Any, kind: str) -> str | None:
    """None if ``value`` fits ``kind``, else what is wrong."""
    if kind.startswith("enum:"):
        options = kind[5:].split("|")
        return None if value in options else f"must be one of {', '.join(options)} (got {value!r})"
    simple = {"str": str, "nonempty": str, "object": dict, "list": list, "bool": bool}
    if kind in simple:
        if not isinstance(value, simple[kind]):
            return f"must be a {simple[kind].__name__} (got {type(value).__name__})"
        return "must not be empty" if kind == "nonempty" and not value.strip() else None
    if kind in ("int", "number"):
        ok = isinstance(value, int if kind == "int" else (int, float)) and not isinstance(value, bool)
        return None if ok else f"must be a JSON {'integer' if kind == 'int' else 'number'} (got {value!r})"
    if kind in ("urns", "ars", "strs"):
        if not isinstance(value, list) or not value:
            return "must be a non-empty array"
        if len(set(map(str, value))) != len(value):
            return "must not repeat items"
        item = {"urns": "urn", "ars": "ar", "strs": None}[kind]
        bad = [v for v in value if not isinstance(v, str) or (item and not re.match(_PATTERNS[item], v))]
        return f"invalid item {bad[0]!r}" if bad else None
    if not isinstance(value, str):
        return f"must be a string ({kind}), got {type(value).__name__}"
    return None if re.match(_PATTERNS[kind], value) else f"not a valid {kind} string: {value!r}"


def _table(obj: dict[str, Any], fields: dict[str, tuple[bool, str]], where: str) -> list[str]:
    out = []
    for name, (required, kind) in fields.items():
        if name not in obj:
            if required:
                out.append(f"{where}{name}: required field is missing")
            continue
        problem = _check(obj[name], kind)
        if problem:
            out.append(f"{where}{name}: {problem}")
    return out


def major(doc: dict[str, Any]) -> int | None:
    """2 or 3 from ``specVersion``; None if absent or another major version."""
    m = re.match(r"^(\d+)\.", str(doc.get("specVersion", "")))
    return int(m.group(1)) if m and m.group(1) in ("2", "3") else None


def validate(doc: Any) -> list[str]:
    """Problems of a ProductFootprint ('field.path: message'); empty if it has the published shape."""
    if not isinstance(doc, dict):
        return ["(top level): a ProductFootprint must be a JSON object"]
    version = major(doc)
    if version is None:
        return [f"specVersion: must be a 2.x or 3.x version (got {doc.get('specVersion')!r})"]
    pf, cf = (V2_PF, V2_CF) if version == 2 else (V3_PF, V3_CF)
    out = _table(doc, pf, "")
    pcf = doc.get("pcf")
    if isinstance(pcf, dict):
        out += _table(pcf, cf, "pcf.")
        geo = [k for k in ("geographyRegionOrSubregion", "geographyCountry", "geographyCountrySubdivision")
               if k in pcf]
        if len(geo) > 1:
            out.append(f"pcf.{geo[1]}: only one geography field may be defined (also {geo[0]})")
        if version == 2 and isinstance(pcf.get("exemptedEmissionsPercent"), (int, float)) \
                and not 0 <= pcf["exemptedEmissionsPercent"] <= 5:
            out.append("pcf.exemptedEmissionsPercent: must lie between 0 and 5 in v2")
        used = pcf.get("crossSectoralStandardsUsed")
        if version == 2 and isinstance(used, list):
            out += [f"pcf.crossSectoralStandardsUsed: {u!r} is not one of {', '.join(CROSS_SECTORAL_V2_USED)}"
                    for u in used if u not in CROSS_SECTORAL_V2_USED]
        start, end = pcf.get("referencePeriodStart"), pcf.get("referencePeriodEnd")
        if isinstance(start, str) and isinstance(end, str) and not start < end:
            out.append("pcf.referencePeriodEnd: must be after referencePeriodStart")
    if "partialFullPcf" in doc and doc["partialFullPcf"] not in ("Cradle-to-gate", "Cradle-to-grave"):
        out.append("partialFullPcf: must be Cradle-to-gate or Cradle-to-grave (Catena-X)")
    return out
