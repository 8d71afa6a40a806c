"""Plausibility: modelled Zhejiang NEV stock at end-June 2023 against the published 1.652 million.

Inputs (inventories/fleet/nev-statistics-zj.yaml, all secondary reposts of official figures):
stock end-2019 > 310,000; new registrations 2022 655,000 and 2023-H1 339,000; stock end-June
2023 1,652,000. Registrations 2020-2021 were not found: they are estimated, and labelled so, as
Zhejiang's share of the national end-2021 stock (≈ 10 % × 7.84 million) minus the end-2019 stock.
The survival curve is Hao et al.'s private-passenger Weibull. Result (printed with -s):
sourced figures only ≈ 1.30 million (−21 %, the 2020-21 gap); with the estimate ≈ 1.78 million
(+7.6 %).
"""

from __future__ import annotations

import pytest

from carbonev.fleet.data import load_statistics, load_survival
from carbonev.fleet.survival import survival


def modelled_stock(include_estimate: bool) -> float:
    stats, _ = load_statistics()
    curve = load_survival()[0].curves["private-passenger"]
    estimate_2020_2021 = stats.value("share-zj-of-cn") * stats.value("stock-cn-2021") - stats.value("stock-2019")
    # (vehicles, mean age at 2023-06-30 [year]): cohorts registered evenly over their period
    cohorts = [(stats.value("stock-2019"), 3.5),  # registered by end-2019 (age mix unknown: youngest bound)
               (stats.value("registrations-2022"), 1.0),
               (stats.value("registrations-2023h1"), 0.25)]
    if include_estimate:
        cohorts.append((estimate_2020_2021, 2.5))  # ESTIMATE: 2020-2021 registrations
    return sum(n * float(survival(curve, age)) for n, age in cohorts)


def test_zhejiang_stock_end_june_2023():
    published = load_statistics()[0].value("stock-2023h1")
    sourced_only = modelled_stock(include_estimate=False)
    with_estimate = modelled_stock(include_estimate=True)
    print(f"\nZhejiang NEV stock 2023-06-30: published {published:,.0f}; modelled from sourced figures only "
          f"{sourced_only:,.0f} ({sourced_only / published - 1:+.1%}); with the labelled 2020-21 estimate "
          f"{with_estimate:,.0f} ({with_estimate / published - 1:+.1%})")
    assert sourced_only < published < with_estimate  # the gap years bracket the published stock
    assert with_estimate == pytest.approx(published, rel=0.10)
    assert sourced_only == pytest.approx(published, rel=0.25)
