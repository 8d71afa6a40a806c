"""Classify hydrogen by its life-cycle footprint per T/CAB 0078-2020 (China Hydrogen Alliance).

low-carbon hydrogen ≤ 14.51 kg CO2e/kg H2; clean hydrogen ≤ 4.9 kg CO2e/kg H2 (renewable
hydrogen also needs renewable energy as its input — a property of the route, checked here
from the route name). Thresholds are shipped parameters with their source.
"""

from __future__ import annotations

from carbonev.data.catalog import Catalog

UNIT = "kg_CO2e/kg"


def classify(kg_co2e_per_kg: float, route: str, cat: Catalog) -> str:
    """T/CAB 0078-2020 class of hydrogen with footprint ``kg_co2e_per_kg`` [kg CO2e/kg H2]."""
    clean = cat.value("hydrogen_class_clean_threshold", UNIT)
    low = cat.value("hydrogen_class_low_carbon_threshold", UNIT)
    if kg_co2e_per_kg <= clean:
        return "renewable hydrogen (可再生氢)" if "renewable" in route else "clean hydrogen (清洁氢)"
    if kg_co2e_per_kg <= low:
        return "low-carbon hydrogen (低碳氢)"
    return "above the low-carbon threshold"


def routes(cat: Catalog) -> list[str]:
    """Hydrogen supply activities shipped (codes ``hydrogen-<route>-cn``)."""
    return sorted(c for c in cat.activities if c.startswith("hydrogen-") and c.endswith("-cn")
                  and "compression" not in c)
