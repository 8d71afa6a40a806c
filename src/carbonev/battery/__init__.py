"""Traction-battery carbon-footprint declarations (EU 2023/1542 Art. 7, China MIIT 2025).

    spec.py        the pack file (``carbonev-battery-pack/1``)
    inventory.py   pack → life-cycle stages of links (pure, same data as the vehicle model)
    scheme.py      declaration schemes as data (``methods/battery-schemes/``) and values files
    declare.py     per-stage kg CO2e, total, per kWh of lifetime energy
    batterypass.py the BatteryPass ``CarbonFootprintForBatteries`` JSON shape
    report.py      table and Markdown declarations
"""
