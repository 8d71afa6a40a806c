"""The names of the metrics a rule set may read (``reads:`` and ``metric:``), and their units.

The vocabulary only: :mod:`carbonev.factory.metrics` computes the values from a plant's account.
"""

from __future__ import annotations

COMPUTED: dict[str, tuple[str, str]] = {
    "scope1": ("t CO2e", "scope 1 emissions"),
    "scope2_location": ("t CO2e", "scope 2, location-based"),
    "scope2_market": ("t CO2e", "scope 2, market-based"),
    "scope3": ("t CO2e", "scope 3 emissions counted"),
    "emissions_location": ("t CO2e", "scope 1 + 2, location-based"),
    "emissions_market": ("t CO2e", "scope 1 + 2, market-based"),
    "comprehensive_energy": ("tce", "comprehensive energy consumption (GB/T 2589, electricity at 3.6 MJ/kWh)"),
    "energy_per_unit": ("kgce/unit", "comprehensive energy per unit of the reference product"),
    "energy_per_output_value": ("tce/10^4 CNY", "comprehensive energy per 10^4 CNY output value"),
    "carbon_per_unit": ("kg CO2e/unit", "scope 1 + 2 (market) per unit of the reference product"),
    "carbon_per_unit_location": ("kg CO2e/unit", "scope 1 + 2 (location) per unit of the reference product"),
    "carbon_per_output_value": ("t CO2e/10^4 CNY", "scope 1 + 2 (market) per 10^4 CNY output value"),
    "renewable_electricity_share": ("%", "renewable electricity / electricity consumed"),
    "renewable_energy_share": ("%", "renewable electricity / final energy consumed"),
    "water_per_unit": ("m3/unit", "fresh water withdrawn per unit of the reference product"),
    "water_per_output_value": ("m3/10^4 CNY", "fresh water per 10^4 CNY output value"),
    "water_reuse_rate": ("%", "reused / (reused + withdrawn)"),
    "waste_per_unit": ("kg/unit", "general solid waste per unit of the reference product"),
    "waste_utilisation_rate": ("%", "solid waste utilised / generated"),
    "floor_area_ratio": ("-", "floor area / land area (容积率)"),
    "building_density": ("%", "building footprint / land area (建筑密度)"),
    "output_value_per_land_area": ("10^4 CNY/m2", "output value per m2 of land (土地产出率)"),
    "offset_coverage": ("%", "retired, evidenced credits / scope 1 + 2 (market)"),
    "offset_coverage_with_scope3": ("%", "retired, evidenced credits / scope 1 + 2 (market) + 3"),
    "removal_share": ("%", "removal credits / all counted credits"),
    "reduction_vs_base_year": ("%", "cut of scope 1 + 2 (market) against the base year"),
    "carbon_per_value_added": ("t CO2e/10^4 CNY", "energy-related CO2 (scope 1 combustion + scope 2 location-based) "
                               "per 10^4 CNY value added (plant file: measured.value_added)"),
}
PREFIXES = ("measured.", "claims.", "certifications.", "evidence.")
RATIO = "ratio."  # ratio.<reference id>: a metric divided by a rule set's reference value (see criteria.Reference)


def known(name: str) -> bool:
    """True if ``name`` is a metric a rule set may read."""
    return name in COMPUTED or (name.startswith(PREFIXES + (RATIO,)) and len(name.split(".", 1)[1]) > 0)
