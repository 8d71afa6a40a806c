"""Factory projects and the PBoC disclosure table, checked by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from carbonev.benefit import disclosure
from carbonev.benefit.pipeline import disclose, project
from carbonev.errors import SpecError


def test_pv_roof_is_generation_times_grid_factor(engine, examples):
    r = project(examples / "benefit" / "pv-roof-jinhua.yaml", engine)
    grid, code = engine.grid_factor("Zhejiang", 2023, "co2")
    assert code.startswith("electricity-co2-cn-zj-2023")
    assert r["baseline"] == pytest.approx(9.9e6 * grid / 1000)  # 9.9 GWh × kg/kWh → t
    assert r["project"] == 0.0 and r["leakage"] == 0.0
    assert r["reduction"] == pytest.approx(r["baseline"])
    assert r["claim"] == "avoided emissions, voluntary claim"


def test_retrofit_is_before_minus_after(engine, examples):
    r = project(examples / "benefit" / "retrofit-paint-shop.yaml", engine)
    grid, _ = engine.grid_factor("Zhejiang", 2023, "co2")
    gas = engine.activity_factor("heat-natural-gas-cn") * engine.parameter("natural_gas_lhv", "MJ/m^3")
    expected = ((30e6 - 31.5e6) * grid + (3.2e6 - 2.56e6) * gas) / 1000
    assert r["reduction"] == pytest.approx(expected)


def test_attribution_rules():
    full = disclosure.Attribution(rule="full", basis="test")
    share = disclosure.Attribution(rule="loan-share", basis="test")
    assert disclosure.attributed(1000.0, 3e7, 4.5e7, full, "x") == 1000.0
    assert disclosure.attributed(1000.0, 3e7, 4.5e7, share, "x") == pytest.approx(1000.0 * 3 / 4.5)
    assert disclosure.attributed(1000.0, 9e7, 4.5e7, share, "x") == 1000.0  # capped at the whole project
    with pytest.raises(SpecError, match="investment"):
        disclosure.attributed(1000.0, 3e7, None, share, "loans[0]")


def test_disclosure_table_by_hand():
    loans = pd.DataFrame({"project": ["A", "B", "C"], "amount": [3e7, 1.2e7, 1.6e7], "rate": [3.35, 3.10, 3.20],
                          "date": [dt.date(2024, 11, 20), dt.date(2025, 8, 12), dt.date(2025, 9, 3)],
                          "attributed": [3000.0, 500.0, 600.0]})
    t = disclosure.table(loans, (2025, 3)).set_index("period")
    q = t.loc["2025Q3"]
    assert q["projects"] == 2 and q["loan_amount_10k_cny"] == pytest.approx(2800.0)
    assert q["weighted_rate_pct"] == pytest.approx((1.2e7 * 3.10 + 1.6e7 * 3.20) / 2.8e7)
    assert q["annual_reduction_t"] == pytest.approx(1100.0)
    assert q["largest_effect"].startswith("C")
    assert t.loc["since joining", "projects"] == 3
    assert t.loc["since joining", "annual_reduction_t"] == pytest.approx(4100.0)
    zh = disclosure.sentences(t.reset_index(), "示例银行", "zh")
    assert zh[0].startswith("2025年第3季度，示例银行在碳减排支持工具支持下，合计向2个项目发放碳减排贷款2,800.00万元")
    assert "贷款加权平均利率3.16%" in zh[0] and "带动的年度碳减排量为1,100.00吨二氧化碳当量" in zh[0]
    assert zh[2].startswith("获得碳减排支持工具支持以来")


def test_example_loans_file(engine, examples):
    per_loan, table, lf = disclose(examples / "benefit" / "loans.yaml", (2025, 3), engine)
    assert lf.attribution.rule == "loan-share"
    pv = per_loan.set_index("loan").loc["L-2024-017"]
    assert pv["attributed"] == pytest.approx(pv["project_reduction"] * 3000 / 4500)
    assert table.set_index("period").loc["2025Q3", "projects"] == 2
