"""What ``carbonev benefit`` calls: methodology + inputs → avoided emissions, valued and disclosed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from carbonev.benefit import disclosure, projects
from carbonev.benefit.methods import load_method
from carbonev.errors import SpecError
from carbonev.fleet.factors import Engine


def project(path: str | Path, engine: Engine, values: str | Path | None = None,
            method: str | None = None) -> dict:
    """Annual avoided emissions of one factory project file [t CO2e/year]."""
    pj = projects.load_project(path)
    m, _ = load_method(method or pj.method, values)
    return projects.annual_reduction(pj, m, engine)


def disclose(path: str | Path, quarter: tuple[int, int], engine: Engine | None,
             values: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, disclosure.LoansFile]:
    """Per-loan rows and the disclosure table of a loans file for ``quarter`` (year, 1-4)."""
    lf = disclosure.load_loans(path)
    base = Path(path).parent
    rows = []
    for i, loan in enumerate(lf.loans):
        where = f"loans[{i}]"
        if loan.project is not None:
            if engine is None:
                engine = Engine()
            r = project(base / loan.project, engine, values)
            name, reduction, invest, src = r["name"], r["reduction"], r["investment"], f"{loan.project} ({r['method']})"
        else:
            name, reduction, invest, src = loan.project_name, loan.annual_reduction, loan.investment, \
                loan.reduction_source
        invest = loan.investment if loan.investment is not None else invest
        att = disclosure.attributed(reduction, loan.amount, invest, lf.attribution, where)
        rows.append({"loan": loan.id, "project": name, "amount": loan.amount, "rate": loan.rate,
                     "date": loan.date, "investment": invest, "project_reduction": reduction, "attributed": att,
                     "reduction_source": src})
    per_loan = pd.DataFrame(rows)
    if quarter[1] not in (1, 2, 3, 4):
        raise SpecError(f"quarter {quarter[1]} must be 1-4", field="--quarter")
    return per_loan, disclosure.table(per_loan, quarter), lf
