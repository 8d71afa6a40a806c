"""Sizes of the unit expressions carbonev's own files use, read by pint once and shipped.

``unit_table.json`` maps a unit expression (``"kWh/100km"``) to its size in base units and its
dimensionality, exactly as :func:`carbonev.units.measure` computes them with pint. With it, reading
the shipped data and the usual spec quantities needs no pint registry (building one takes about
0.3 s of every command). Any other unit is read by pint on demand, with the same function, so a
number never depends on which path read its unit.

Regenerate after adding units to the shipped files or the spec fields::

    python -m carbonev.data.unit_table          # rewrites src/carbonev/data/unit_table.json

``tests/test_units.py`` recomputes every entry with pint and checks the table lists every unit the
shipped data, the examples and the spec fields use.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from carbonev.units import UNIT_TABLE as TABLE
from carbonev.units import measure, unit

ROOT = Path(__file__).resolve().parents[3]
# common spellings a user writes in a spec besides those of the examples
EXTRA = ("g", "kg", "t", "Wh", "kWh", "MWh", "GWh", "m", "km", "L", "mL", "year", "years", "a", "month", "day",
         "h", "kW", "W", "MW", "MJ", "GJ", "%", "kWh/100km", "L/100km", "kg/100km", "kWh/km", "L/km", "kg/km",
         "Wh/km", "Wh/kg", "kWh/kg", "kg/kWh", "kg/kW", "kg_CO2e", "t_CO2e", "g_CO2e", "kg CO2e", "t CO2e",
         "kg CO2e/kWh", "g CO2e/kWh", "g CO2e/km", "dimensionless", "piece", "vehicle", "m^3", "Nm^3", "tkm",
         "t*km", "kWh/year", "km/year", "kg/year", "MWh/year")


def used_units(root: Path = ROOT) -> set[str]:
    """Unit expressions in the shipped data (``unit:`` fields), the examples' quantities, the spec
    fields' canonical units and :data:`EXTRA`."""
    import yaml

    units: set[str] = set(EXTRA)
    number = re.compile(r"^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*(\S.*)$")

    def walk(node) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "unit" and isinstance(v, str):
                    units.add(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            m = number.match(node)
            if m and re.search(r"[A-Za-z%]", m.group(1)) and len(m.group(1)) <= 24:
                units.add(m.group(1).strip())

    for folder in ("methods", "inventories", "examples"):
        for path in sorted((root / folder).rglob("*.yaml")):
            try:
                walk(yaml.safe_load(path.read_text(encoding="utf-8")))
            except (OSError, yaml.YAMLError):
                continue
    for path in sorted((root / "src" / "carbonev").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        units.update(re.findall(r"Qty\(\s*\"([^\"]+)\"", text))  # spec fields' canonical units
        units.update(re.findall(r"\.value\(\s*[^,()]+,\s*\"([^\"]+)\"\)", text))  # cat.value(name, "kWh/kWh")
        units.update(re.findall(r"magnitude_in\([^,()]+,\s*\"([^\"]+)\"", text))
    return units


def compute(units: set[str]) -> dict[str, list]:
    """Each readable unit's (size, dimensionality) by pint; units pint cannot read are left out."""
    from carbonev.errors import UnitError

    out: dict[str, list] = {}
    for text in sorted(units):
        try:
            magnitude, dims = measure(unit(text))
        except UnitError:
            continue
        out[text] = [magnitude, [list(d) for d in dims]]
    return out


def main() -> None:
    TABLE.write_text(json.dumps(compute(used_units()), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
