"""``carbonev methods`` and ``carbonev inventories``: what data is shipped."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from carbonev.cli.guard import guarded

if TYPE_CHECKING:
    from carbonev.data.catalog import Catalog
    from carbonev.data.quality import QualityReport


def methods(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """List the impact methods, their versions and sources."""
    from carbonev.data.catalog import shipped_catalog

    cat = shipped_catalog()
    rows = []
    for m in cat.methods.values():
        info = cat.files_by_name[("methods", m.name)]
        rows.append({
            "name": m.name, "title": m.title, "version": m.version, "default": m.default,
            "factors": len(m.factors), "sha256": info.sha256,
            "sources": [s.citation for s in m.sources.values()],
        })
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        flag = " (default)" if r["default"] else ""
        typer.echo(f"{r['name']}{flag}: {r['title']} — version {r['version']}, {r['factors']} factors, "
                   f"sha256 {r['sha256'][:12]}")
        for s in r["sources"]:
            typer.echo(f"    source: {s}")


def inventories(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    check: bool = typer.Option(
        False, "--check",
        help="Report data quality: coverage of the required fields (exit 1 if below 100 %), "
             "source tags, oldest and weakest sources and values, proxies.",
    ),
    top: int = typer.Option(10, "--top", min=1, help="With --check: length of the oldest/weakest lists."),
) -> None:
    """List the shipped inventory files with versions, hashes and sources; with --check, report
    the quality of their values (coverage of the required fields, source tags, oldest and
    weakest sources, proxies) and exit 1 if any value lacks a required field."""
    from carbonev.data.catalog import shipped_catalog

    cat = shipped_catalog()
    if check:
        _check(cat, as_json, top)
        return
    rows = []
    for inv in cat.inventories.values():
        info = cat.files_by_name[("inventories", inv.name)]
        values = sum(len(a.exchanges) for a in inv.activities) + len(inv.parameters)
        rows.append({
            "name": inv.name, "title": inv.title, "version": inv.version, "sha256": info.sha256,
            "activities": len(inv.activities), "parameters": len(inv.parameters), "values": values,
            "sources": {k: s.citation for k, s in inv.sources.items()},
        })
    if as_json:
        typer.echo(json.dumps({"data_sha256": cat.sha256, "files": rows}, indent=2, ensure_ascii=False))
        return
    typer.echo(f"Shipped inventories (data sha256 {cat.sha256[:12]}):")
    for r in rows:
        typer.echo(f"{r['name']}: {r['title']} — version {r['version']}, {r['activities']} activities, "
                   f"{r['parameters']} parameters, {r['values']} sourced values, sha256 {r['sha256'][:12]}")
        for key, citation in r["sources"].items():
            typer.echo(f"    [{key}] {citation}")


def _pct(x: float) -> str:
    return "100%" if x == 100.0 else f"{x:.1f}%"


def _check(cat: Catalog, as_json: bool, top: int) -> None:
    """Print the data-quality report; exit 1 when a value lacks a required field."""
    from carbonev.data.quality import report

    rep = report(cat)
    if as_json:
        typer.echo(json.dumps({"data_sha256": cat.sha256, **rep.to_dict(top)}, indent=2, ensure_ascii=False))
    else:
        typer.echo(_quality_text(rep, cat.sha256, top))
    if not rep.complete:
        raise typer.Exit(1)


def _quality_text(rep: QualityReport, sha256: str, top: int) -> str:
    from carbonev.data.quality import REQUIRED, WIDE
    from carbonev.report.footprint import _table

    short = {"geography": "geo", "uncertainty": "uncert."}
    header = ["File", "values", *(short.get(f, f) for f in REQUIRED), "verified", "secondary", "proxy",
              "placeholder", "wide", "oldest"]
    counts = ("values", "verified", "secondary", "proxies", "placeholders", "wide", "oldest_year")

    def row(name: str, coverage: dict[str, float], c: dict) -> list[str]:
        cells = [c["values"], *(_pct(coverage[f]) for f in REQUIRED), *(c[k] for k in counts[1:])]
        return [name, *("-" if x is None else str(x) for x in cells)]

    rows = [row(f.name, f.coverage, {k: getattr(f, k) for k in counts}) for f in rep.files]
    rows.append(row("all", rep.coverage, rep.totals()))
    ok = "complete" if rep.complete else f"INCOMPLETE: {len(rep.incomplete())} value(s) lack a required field"
    out = [f"Inventory data quality (data sha256 {sha256[:12]}): {ok}", "", _table(rows, header), "",
           f"wide = uncertainty range at least {WIDE:g} x the value (lognormal/normal: 95 % interval; "
           "uniform/triangular: full range)"]
    out += [f"  missing {', '.join(x.missing)}: {x.file}: {x.where}" for x in rep.incomplete()]
    out += ["", "Oldest sources (earliest reference year of the values citing them):"]
    out += [f"  {s.oldest_year}  {s.file}/{s.key} ({s.tag}, {_values(s.values)}): {_short(s.citation)}"
            for s in rep.oldest_sources(top)]
    out += ["", "Weakest sources (mean flags per value of: wide, secondary, proxy, placeholder):"]
    out += [f"  {s.weakness:.2f}  {s.file}/{s.key} ({s.tag}, {_values(s.values)}): {_short(s.citation)}"
            for s in rep.weakest_sources(top)]
    out += ["", "Weakest values:"]
    for x in rep.weakest_values(top):
        flags = [f for f, on in (("wide", x.wide), ("secondary", x.tag == "secondary"), ("proxy", x.proxy),
                                 ("placeholder", x.placeholder)) if on]
        spread = "unbounded" if x.spread == float("inf") else f"{x.spread:.2f}"
        out.append(f"  {x.file}: {x.where} = {x.amount:g} {x.unit} ({x.year}, {x.distribution}, "
                   f"spread {spread}; {', '.join(flags) or 'no flags'})")
    return "\n".join(out)


def _values(n: int) -> str:
    return f"{n} value" if n == 1 else f"{n} values"


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def hydrogen(
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Hydrogen routes shipped: footprint delivered and at the production gate, and the T/CAB 0078-2020
    class of the production-only footprint (the standard excludes station compression)."""
    from carbonev.api import hydrogen as classes
    from carbonev.cli.state import state

    h = classes(method=method, store=state.store, progress=state.progress)
    rows = h.rows
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    typer.echo("Hydrogen by route [kg CO2e/kg H2]: at the production gate (T/CAB 0078-2020 boundary, station "
               "compression removed) and delivered; class of the production footprint "
               f"(clean ≤ {h.clean_threshold:g}, low-carbon ≤ {h.low_carbon_threshold:g})")
    for r in rows:
        mark = "" if r["production_only"] else "*"
        typer.echo(f"  {r['route']:<44} {r['kg_co2e_per_kg']:7.2f}{mark:1} {r['kg_co2e_per_kg_delivered']:7.2f}  "
                   f"{r['class']}")
    if any(not r["production_only"] for r in rows):
        typer.echo("  * the source gives only a delivered value (no production-only figure): class is an upper bound")


def register(app: typer.Typer) -> None:
    app.command("methods")(guarded(methods))
    app.command("inventories")(guarded(inventories))
    app.command("hydrogen")(guarded(hydrogen))
