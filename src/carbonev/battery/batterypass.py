"""The BatteryPass data model (v1.2.0) ``CarbonFootprintForBatteries`` shape of a declaration.

    batteryCarbonFootprint            [kg CO2e/kWh of lifetime energy]
    carbonFootprintPerLifecycleStage  [{lifecycleStage, carbonFootprint [kg CO2e/kWh]}]
                                      stages: RawMaterialExtraction, MainProduction,
                                      Distribution, Recycling
    carbonFootprintPerformanceClass   string (only when determined)
    carbonFootprintStudy              URL of the public study (the pack's study_url)
    absoluteCarbonFootprint           [kg CO2e per pack]

Fields the declaration cannot fill (no official class thresholds, no study URL) are left
out, and ``missing_fields`` names them: a passport needs them before publication.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carbonev.battery.declare import Declaration

STAGES = ("RawMaterialExtraction", "MainProduction", "Distribution", "Recycling")
FIELDS = {"batteryCarbonFootprint": (int, float), "carbonFootprintPerLifecycleStage": list,
          "carbonFootprintPerformanceClass": str, "carbonFootprintStudy": str, "absoluteCarbonFootprint": (int, float)}
REQUIRED = ("batteryCarbonFootprint", "carbonFootprintPerLifecycleStage", "carbonFootprintPerformanceClass",
            "carbonFootprintStudy")


def batterypass(decl: Declaration) -> dict[str, Any]:
    """``{"CarbonFootprintForBatteries": {...}}`` for a declaration."""
    body: dict[str, Any] = {
        "batteryCarbonFootprint": decl.per_kwh,
        "carbonFootprintPerLifecycleStage": [{"lifecycleStage": s.id, "carbonFootprint": s.per_kwh}
                                             for s in decl.stages],
    }
    if decl.performance_class.get("class"):
        body["carbonFootprintPerformanceClass"] = decl.performance_class["class"]
    if decl.pack.study_url:
        body["carbonFootprintStudy"] = decl.pack.study_url
    body["absoluteCarbonFootprint"] = decl.total
    return {"CarbonFootprintForBatteries": body}


def check(doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(shape errors, required fields missing) of a ``CarbonFootprintForBatteries`` document."""
    body = doc.get("CarbonFootprintForBatteries")
    if not isinstance(body, dict):
        return ["CarbonFootprintForBatteries: missing or not an object"], list(REQUIRED)
    errors = [f"{k}: unknown field" for k in body if k not in FIELDS]
    for k, types in FIELDS.items():
        if k in body and (isinstance(body[k], bool) or not isinstance(body[k], types)):
            errors.append(f"{k}: wrong type {type(body[k]).__name__}")
    for i, st in enumerate(body.get("carbonFootprintPerLifecycleStage") or []):
        if not isinstance(st, dict) or st.get("lifecycleStage") not in STAGES:
            errors.append(f"carbonFootprintPerLifecycleStage[{i}].lifecycleStage: must be one of {', '.join(STAGES)}")
        elif not isinstance(st.get("carbonFootprint"), (int, float)):
            errors.append(f"carbonFootprintPerLifecycleStage[{i}].carbonFootprint: must be a number")
    return errors, [k for k in REQUIRED if k not in body]
