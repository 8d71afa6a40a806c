"""End-of-life stages: treatment burdens and recycling credits.

Burdens (stage ``end_of_life``): treatment of the vehicle without its traction battery
(depollution, dismantling, shredding) and recycling of the traction packs.

Credits (stage ``end_of_life_credit``, none under ``cut-off``):

* traction battery: the route's GHG reduction of recycled over primary battery materials
  (Llamas-Orozco et al. 2023) × the pack-materials burden;
* metals recovered from the rest of the vehicle (ferrous, aluminium, copper). For metal *m* with
  content :math:`M_m` [kg] in the vehicle and recovery rate :math:`R_m` [-], the end-of-life term
  of the EU Circular Footprint Formula (Recommendation (EU) 2021/2279, Annex IV) is

  .. math:: (1 - A)\\, R_m M_m \\,(E_{rec,m} - E^*_{v,m}\\, Q_s/Q_p)

  with :math:`E_{rec}` the burden of the secondary route (scrap to metal) and :math:`E^*_v` the
  primary metal it displaces [kg CO2e/kg]. Avoided burden is the same term with :math:`A = 0` and
  :math:`Q_s/Q_p = 1`. The metal content is that of the component bills of materials (content =
  material input × (1 − new-scrap rate), the convention of ``inventories/components.yaml``).
"""

from __future__ import annotations

from typing import NamedTuple

from carbonev.data.catalog import Catalog
from carbonev.inventory.foreground import Stage
from carbonev.inventory.pack import packs_over_life
from carbonev.inventory.resolve import Resolved
from carbonev.inventory.sourcing import require_activity
from carbonev.units import same_dimension

__all__ = ["end_of_life", "end_of_life_credit", "metal_content", "vehicle_metals", "METALS"]


class Metal(NamedTuple):
    """A metal recovered at end of life: the primary metal it displaces, the secondary route
    that makes it from scrap, and the parameter holding its recovery rate."""

    label: str
    primary: str
    secondary: str
    recovery: str


METALS: dict[str, Metal] = {
    "ferrous": Metal("ferrous metal (steel, cast iron)", "steel-bof-cn", "steel-eaf-cn", "eol_recovery_rate_ferrous"),
    "aluminium": Metal("aluminium", "aluminium-primary-cn", "aluminium-secondary-cn", "eol_recovery_rate_aluminium"),
    "copper": Metal("copper", "copper-cn", "copper-secondary-cn", "eol_recovery_rate_copper"),
}

# material inputs of a bill of materials -> (metal, new-scrap-rate parameter)
_MATERIALS = {
    "steel-automotive-cn": ("ferrous", "new_scrap_rate_steel"),
    "iron-cast-cn": ("ferrous", "new_scrap_rate_cast_iron"),
    "copper-cn": ("copper", None),
}
_ALUMINIUM = "aluminium-automotive-cn"
_CASTING = "forming-aluminium-casting"  # per kg of cast aluminium content (part-manufacturing.yaml)
_ROUTE = {"hydrometallurgy": "hydro", "pyrometallurgy": "pyro"}


def end_of_life(r: Resolved, cat: Catalog) -> Stage:
    """Treatment burdens: the vehicle without its traction battery, and the packs recycled."""
    s = Stage("end_of_life")
    body = r.spec.mass.curb - r.battery_mass
    s.add(body, f"vehicle treatment {body:g} kg", code=require_activity(cat, "eol-vehicle-treatment", "kg"))
    if r.spec.battery is not None:
        route = r.spec.end_of_life.battery_route
        kg = _packs_recycled(r)
        s.add(kg, f"battery {route} {kg:.1f} kg{_second_life_note(r)}",
              code=require_activity(cat, f"eol-battery-{route}", "kg"))
    return s


def _packs_recycled(r: Resolved) -> float:
    """Mass of traction battery recycled at the vehicle's end of life [kg]: packs leaving for a
    second life take their recycling burden and credit with them (cut at the hand-over)."""
    b = r.spec.battery
    if b is None:
        return 0.0
    return r.battery_mass * packs_over_life(b.replacements, b.swap_packs) * (1.0 - r.spec.end_of_life.second_life_share)


def _second_life_note(r: Resolved) -> str:
    share = r.spec.end_of_life.second_life_share
    return f" ({1 - share:.0%} of the packs; {share:.0%} go to a second life)" if share else ""


def end_of_life_credit(r: Resolved, cat: Catalog) -> Stage:
    """Recycling credits (negative) of the traction battery and of the metals of the rest of the
    vehicle, by the spec's modelling rule (none under cut-off)."""
    s = Stage("end_of_life_credit")
    eol = r.spec.end_of_life
    if eol.modelling == "cut-off":
        return s
    a, q = 0.0, 1.0
    if eol.modelling == "cff":
        assert eol.cff_a is not None  # the spec requires it under cff
        a, q = eol.cff_a, eol.cff_quality_ratio
    if r.spec.battery is not None:
        _battery_credit(s, r, cat, a, q)
    _metal_credits(s, r, cat, a, q)
    return s


def _battery_credit(s: Stage, r: Resolved, cat: Catalog, a: float, q: float) -> None:
    eol = r.spec.end_of_life
    route = eol.battery_route
    reduction = cat.value(f"recycling_ghg_reduction_{_ROUTE[route]}", "dimensionless")
    kg = _packs_recycled(r)
    factor = reduction * (1.0 - a) * q
    why = f"{route}: recycled materials cut the pack-materials burden by {reduction:.0%}"
    if eol.modelling == "cff":
        why += f"; CFF end-of-life term × (1 − A={a:g}) × Qs/Qp={q:g}"
    assert r.spec.battery is not None  # called for vehicles with a traction battery only
    chem = r.spec.battery.chemistry.value.lower()
    s.add(-factor * kg, f"credit: −{factor:.3f} × {kg:.1f} kg of pack materials ({why})",
          code=require_activity(cat, f"battery-pack-materials-{chem}", "kg"))


def _metal_credits(s: Stage, r: Resolved, cat: Catalog, a: float, q: float) -> None:
    """Two lines per metal: the primary metal displaced (negative) and the secondary route's
    burden of making the recovered scrap into metal (positive); the CFF factors scale both."""
    cff = r.spec.end_of_life.modelling == "cff"
    for key, kg in vehicle_metals(r, cat).items():
        if kg <= 0:
            continue
        metal = METALS[key]
        rate = cat.value(metal.recovery, "dimensionless")
        recovered = rate * kg
        s.add(-(1.0 - a) * q * recovered,
              f"credit: vehicle body {metal.label} {recovered:.1f} kg recovered ({rate:.0%} of {kg:.1f} kg, "
              f"{metal.recovery}) displaces primary metal ({metal.primary})"
              + (f"; CFF × (1 − A={a:g}) × Qs/Qp={q:g}" if cff else ""),
              code=require_activity(cat, metal.primary, "kg"), key=f"body-{key}-displaced")
        s.add((1.0 - a) * recovered,
              f"recycling the recovered body {metal.label}: {recovered:.1f} kg by the secondary route "
              f"({metal.secondary})" + (f"; CFF × (1 − A={a:g})" if cff else ""),
              code=require_activity(cat, metal.secondary, "kg"), key=f"body-{key}-recycling")


def vehicle_metals(r: Resolved, cat: Catalog) -> dict[str, float]:
    """Metal content of the vehicle without its traction battery [kg per metal]: glider, electric
    drive and combustion powertrain by their bills of materials. The fuel-cell system and the
    hydrogen tank (stainless steel, platinum, composites) are not credited. A part replaced by a
    supplier's footprint keeps the metal content of the component it replaces."""
    m = r.spec.mass
    chosen = r.spec.components
    parts = ((r.glider_mass, r.glider_code), (m.electric_drive, chosen.electric_drive),
             (m.combustion_powertrain, chosen.combustion_powertrain))
    total = dict.fromkeys(METALS, 0.0)
    for kg, code in parts:
        if kg:
            for key, share in metal_content(cat, code).items():
                total[key] += kg * share
    return total


def metal_content(cat: Catalog, code: str, depth: int = 0) -> dict[str, float]:
    """Ferrous, aluminium and copper content of per-kg component ``code`` [kg/kg].

    From the bill of materials: content = input × (1 − new-scrap rate); aluminium is cast (its
    ``forming-aluminium-casting`` amount, or all of it without one) plus wrought (the rest of the
    input × (1 − wrought scrap rate)). A bill without metal inputs that is a mix of components
    (``glider-mixed``, the 1:1 maps to ``power-electronics-ev``) takes their weighted content.
    Unknown codes and non-per-kg inventories have none.
    """
    out = dict.fromkeys(METALS, 0.0)
    act = cat.activities.get(code)
    if act is None or depth > 3 or not same_dimension(act.unit, "kg"):
        return out
    inputs: dict[str, float] = {}
    for i, exc in enumerate(act.exchanges):
        if exc.input is not None and same_dimension(cat.activities[exc.input].unit, "kg"):
            inputs[exc.input] = inputs.get(exc.input, 0.0) + cat.exchange_factor(act, i)
    direct = set(_MATERIALS) | {_ALUMINIUM}
    if not direct & set(inputs):
        for sub, amount in inputs.items():
            if sub != code and not sub.startswith("forming-"):
                for key, share in metal_content(cat, sub, depth + 1).items():
                    out[key] += amount * share
        return out
    for material, (key, rate) in _MATERIALS.items():
        if material in inputs:
            out[key] += inputs[material] * (1.0 - (cat.value(rate, "dimensionless") if rate else 0.0))
    if _ALUMINIUM in inputs:
        cast_rate = cat.value("new_scrap_rate_cast_aluminium", "dimensionless")
        cast = inputs.get(_CASTING, inputs[_ALUMINIUM] * (1.0 - cast_rate))
        wrought_input = max(inputs[_ALUMINIUM] - cast / (1.0 - cast_rate), 0.0)
        wrought_rate = cat.value("new_scrap_rate_wrought_aluminium", "dimensionless")
        out["aluminium"] += cast + wrought_input * (1.0 - wrought_rate)
    return out
