"""``carbonev benefit``: avoided emissions per vehicle model, fleet and factory project; dated
carbon prices; the PBoC carbon-emission-reduction facility disclosure table."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state
from carbonev.errors import SpecError

if TYPE_CHECKING:
    import pandas as pd

benefit_app = typer.Typer(help="Carbon-reduction benefits (avoided emissions, voluntary claim), valued at dated "
                               "carbon prices; bank disclosure tables.", no_args_is_help=True)
METHOD_HELP = "Benefit methodology: a name from `carbonev benefit methods` or a file."
PRICE_HELP = "Value the avoided emissions at this market's dated price: cea, ccer, eu-ets (repeatable)."


class Fmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SpecError(f"{text!r} is not a date (YYYY-MM-DD)", field=option) from None


def _value_lines(vals: list[dict]) -> list[str]:
    return [f"  at {v['market_name']} {v['price']:g} {v['currency']}/{v['per']} ({v['price_kind']}, {v['price_date']}; "
            f"{v['source'][:70]}…): {v['value']:,.0f} {v['currency']} — a yardstick, not a sale" for v in vals]


def _render(frame: pd.DataFrame, head: list[str], fmt: Fmt, extra: dict) -> str:
    if fmt == Fmt.json:
        return json.dumps({**extra, "rows": json.loads(frame.to_json(orient="records"))}, indent=2,
                          ensure_ascii=False, default=str) + "\n"
    if fmt == Fmt.csv:
        return frame.to_csv(index=False)
    return "\n".join(head + [frame.to_string(index=False, float_format=lambda v: f"{v:,.3f}")]) + "\n"


def methods(name: str | None = typer.Argument(None, help="Show one methodology.", show_default=False)) -> None:
    """Benefit methodologies: what they apply to, their claim, status and required inputs."""
    from carbonev.benefit.methods import Method as M
    from carbonev.benefit.methods import required, shipped
    from carbonev.io.files import load

    names = [name] if name else list(shipped())
    for n in names:
        path = shipped().get(n, Path(n))
        m = load(M, path)
        typer.echo(f"{m.name}: {m.title.en} — applies to {m.applies_to}; results: {m.label('en')}")
        typer.echo(f"    status: {m.status}")
        for key in required(m):
            typer.echo(f"    required input: {key} ({m.parameters[key.split('.', 1)[1]].description})")


def prices(market: str | None = typer.Option(None, "--market", help="Only this market.")) -> None:
    """The dated carbon prices shipped, with their sources."""
    from carbonev.benefit.prices import load_prices

    pf, path = load_prices()
    for key, m in pf.markets.items():
        if market and key != market:
            continue
        typer.echo(f"{key}: {m.name.en} [{m.currency}/{m.per}] ({path.name})")
        for p in m.points:
            typer.echo(f"    {p.date} {p.kind:14} {p.amount:>8g}  [{p.source}: {p.locator}]")


def vehicle(
    spec: Path = typer.Argument(..., help="Vehicle spec.", show_default=False),
    method: str = typer.Option("tcsae-235-2021", "--method", "-m", help=METHOD_HELP),
    values: Path | None = typer.Option(None, "--values", help="Values for the methodology's required inputs."),
    region: str = typer.Option("Zhejiang", "--region", help="Where the vehicle is driven (grid)."),
    first_year: int | None = typer.Option(None, "--first-year", help="First year of use (default: the spec's)."),
    km: float | None = typer.Option(None, "--km", min=0, help="km a year (default: lifetime / service years)."),
    market: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    price_date: str | None = typer.Option(None, "--price-date", help="Price on this date (YYYY-MM-DD)."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
) -> None:
    """Avoided emissions of one vehicle of a model against its combustion baseline, year by year."""
    from carbonev.api import benefit

    r = benefit(spec, "vehicle", method, values, region=region, first_year=first_year, km_per_year=km, prices=market,
                price_date=_date(price_date, "--price-date"), store=state.store)
    a = r.details
    head = [f"{a['model']} vs {a['baseline']} in {a['region']}, {a['km_per_year']:,.0f} km a year over "
            f"{a['service_years']:g} years; method {a['method']} [t CO2e]",
            f"total saved: {r.reduction_operation:,.2f} t CO2e (operation, the standard's view); "
            f"{r.reduction_life_cycle:,.2f} t CO2e (life cycle) — {a['claim']}", *_value_lines(r.valuation)]
    write_output(_render(r.table, head, fmt, {**a, "valuation": r.valuation}), output)


def fleet(
    registrations: Path = typer.Argument(..., help="Registration table (.csv or .parquet).", show_default=False),
    method: str = typer.Option("tcsae-235-2021", "--method", "-m", help=METHOD_HELP),
    values: Path | None = typer.Option(None, "--values", help="Values for the methodology's required inputs."),
    province: str = typer.Option("Zhejiang", "--province", help="Grid region of rows without a province."),
    end: int | None = typer.Option(None, "--to", help="Last calendar year."),
    models: Path | None = typer.Option(None, "--models", help="Model keys -> vehicle specs."),
    market: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    price_date: str | None = typer.Option(None, "--price-date", help="Price on this date (YYYY-MM-DD)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Read the table on Dask ('local' or address)."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
) -> None:
    """Avoided emissions of a fleet by calendar year under a methodology."""
    from carbonev.api import benefit

    on = _date(price_date, "--price-date")
    r = benefit(registrations, "fleet", method, values, region=province, end=end, models=models, prices=market,
                price_date=on, scheduler=scheduler, store=state.store)
    head = [f"{r.details['vehicles']:,.0f} vehicles; method {r.method} [t CO2e]",
            f"total saved: {r.reduction_operation:,.1f} t CO2e (operation); {r.reduction_life_cycle:,.1f} t CO2e "
            f"(life cycle) — {r.claim}", *_value_lines(r.valuation)]
    write_output(_render(r.table, head, fmt, {"method": r.method, "claim": r.claim, "valuation": r.valuation,
                                             "assumptions": r.details["assumptions"]}), output)


def project(
    path: Path = typer.Argument(..., help="Benefit project file (carbonev-benefit-project/1).", show_default=False),
    method: str | None = typer.Option(None, "--method", "-m", help="Override the project's methodology."),
    values: Path | None = typer.Option(None, "--values", help="Values for the methodology's required inputs."),
    market: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    price_date: str | None = typer.Option(None, "--price-date", help="Price on this date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Annual avoided emissions of a factory project (PV roof, retrofit)."""
    from carbonev.api import benefit

    res = benefit(path, "project", method, values, prices=market, price_date=_date(price_date, "--price-date"),
                  store=state.store)
    r = {**res.details, "valuation": res.valuation}
    if as_json:
        typer.echo(json.dumps(r, indent=2, ensure_ascii=False, default=str))
        return
    typer.echo(f"{r['name']} ({r['kind']}, {r['region']}, {r['year']}), method {r['method']}: baseline "
               f"{r['baseline']:,.1f} − project {r['project']:,.1f} − leakage {r['leakage']:,.1f} = "
               f"{r['reduction']:,.1f} t CO2e a year — {r['claim']}")
    for line in r["factors"]:
        typer.echo(f"  factor {line}")
    for line in _value_lines(r["valuation"]):
        typer.echo(line)


def disclose(
    loans: Path = typer.Argument(..., help="Loans file (carbonev-benefit-loans/1).", show_default=False),
    quarter: str = typer.Option(..., "--quarter", help="Reporting quarter, e.g. 2025Q3."),
    values: Path | None = typer.Option(None, "--values", help="Values for methodologies' required inputs."),
    lang: str = typer.Option("zh", "--lang", help="zh or en."),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
) -> None:
    """The PBoC carbon-emission-reduction facility (碳减排支持工具) disclosure of a bank's loans."""
    from carbonev.api import disclose as run
    from carbonev.benefit.disclosure import sentences

    if lang not in ("zh", "en"):
        raise SpecError(f"{lang!r} is not zh or en", field="--lang")
    r = run(loans, quarter, values, store=state.store)
    att = r.attribution
    head = [f"{r.bank} — {r.status}", *sentences(r.table, r.bank, lang),
            f"attribution rule: {att['rule']} (cap {att['cap']:g}): {att['basis']}",
            "reductions are avoided emissions (voluntary claims), not CCER"]
    write_output(_render(r.table, head, fmt, {"bank": r.bank, "status": r.status, "attribution": att,
                                             "loans": json.loads(r.loans.to_json(orient="records",
                                                                                 date_format="iso"))}), output)


def register(app: typer.Typer) -> None:
    for name, fn in (("methods", methods), ("prices", prices), ("vehicle", vehicle), ("fleet", fleet),
                     ("project", project), ("disclose", disclose)):
        benefit_app.command(name)(guarded(fn))
    app.add_typer(benefit_app, name="benefit")
