"""Classify hydrogen by its production footprint per T/CAB 0078-2020 (China Hydrogen Alliance).

low-carbon hydrogen ≤ 14.51 kg CO2e/kg H2; clean hydrogen ≤ 4.9 kg CO2e/kg H2 (renewable
hydrogen also needs renewable energy as its input — a property of the route, checked here
from the route name). Thresholds are shipped parameters with their source.

The standard covers hydrogen *production*: station compression and dispensing are outside its
boundary. :func:`production_footprint` therefore removes the route's compression link, where the
route's inventory has one; a route whose source gives only a delivered (well-to-tank) value keeps
it, flagged, and its class is then an upper bound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from carbonev.data.catalog import Catalog

UNIT = "kg_CO2e/kg"
COMPRESSION = "hydrogen-compression-dispensing-cn"


def classify(kg_co2e_per_kg: float, route: str, cat: Catalog) -> str:
    """T/CAB 0078-2020 class of hydrogen with production footprint ``kg_co2e_per_kg`` [kg CO2e/kg H2]."""
    clean = cat.value("hydrogen_class_clean_threshold", UNIT)
    low = cat.value("hydrogen_class_low_carbon_threshold", UNIT)
    if kg_co2e_per_kg <= clean:
        return "renewable hydrogen (可再生氢)" if "renewable" in route else "clean hydrogen (清洁氢)"
    if kg_co2e_per_kg <= low:
        return "low-carbon hydrogen (低碳氢)"
    return "above the low-carbon threshold"


@dataclass(frozen=True)
class Production:
    """A route's footprint at the production gate [kg CO2e/kg H2]."""

    delivered: float  # the route's whole inventory, as shipped (compressed, dispensed)
    production: float  # delivered minus station compression and dispensing, where separable
    separable: bool  # False: the source gives only a delivered value (production = delivered)


def production_footprint(code: str, cat: Catalog, unit_impact: Callable[[str], float]) -> Production:
    """Production-only footprint of hydrogen route ``code``:

        production = delivered − a × compression    [kg CO2e/kg H2]

    with ``a`` the route's input of :data:`COMPRESSION` [kg/kg] and ``unit_impact(code)`` the
    footprint of one unit of an activity (the engine's ``unit_impact``)."""
    act = cat.activities[code]
    delivered = unit_impact(code)
    links = [cat.exchange_factor(act, j) for j, exc in enumerate(act.exchanges) if exc.input == COMPRESSION]
    if not links:
        return Production(delivered, delivered, False)
    return Production(delivered, delivered - sum(links) * unit_impact(COMPRESSION), True)


def routes(cat: Catalog) -> list[str]:
    """Hydrogen supply activities shipped (codes ``hydrogen-<route>-cn``)."""
    return sorted(c for c in cat.activities if c.startswith("hydrogen-") and c.endswith("-cn")
                  and "compression" not in c)
