"""``carbonev battery declare`` and ``carbonev battery schemes``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state


class Format(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    batterypass = "batterypass"


battery_app = typer.Typer(help="Traction-battery carbon-footprint declarations (EU 2023/1542, China MIIT 2025).",
                          no_args_is_help=True)


def declare(
    pack: Path = typer.Argument(..., help="Pack file (YAML or JSON, carbonev-battery-pack/1).", show_default=False),
    scheme: str = typer.Option(..., "--scheme", "-s", help="Scheme: a name from `carbonev battery schemes` or a file."),
    plant: Path | None = typer.Option(None, "--plant", help="Plant file: its per-kWh energy replaces generic data."),
    product: str | None = typer.Option(None, "--product", help="Product id in the plant file (per kWh)."),
    values: Path | None = typer.Option(None, "--values", help="Values file supplying the scheme's required inputs."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    manifest: Path | None = typer.Option(None, "--manifest", help="Also write a reproducibility manifest here."),
) -> None:
    """kg CO2e per kWh of lifetime energy, by life-cycle stage, and per pack."""
    from carbonev.battery.declare import declare as run
    from carbonev.battery.report import render
    from carbonev.provenance.manifest import build_manifest, write_manifest

    decl = run(pack, scheme, plant=plant, product=product, values=values, store=state.store, method=method)
    text = render(decl, fmt.value)
    options = {"scheme": scheme, "product": product, "method": method}
    if manifest is not None:  # check before writing anything
        build_manifest("battery declare", options, decl.inputs, decl.payload(), manifest, method=method)
    write_output(text, output)
    if manifest is not None:
        write_manifest("battery declare", options, decl.inputs, decl.payload(), manifest, method=method)


def schemes(
    name: str | None = typer.Argument(None, help="Show one scheme in full.", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List the declaration schemes, their sources and the inputs a user must supply."""
    from carbonev.rules import battery_scheme as sch

    names = [name] if name else list(sch.shipped())
    rows = []
    for n in names:
        s, path = sch.load_scheme(n)
        rows.append({"name": s.name, "title": s.title.en, "version": s.version, "status": s.status, "file": str(path),
                     "sources": {k: v.citation for k, v in s.sources.items()},
                     "stages": [{"id": st.id, "label": st.label.en, "carbonev": st.includes} for st in s.stages],
                     "required_inputs": [{"key": k, "choices": v.choices, "optional": v.optional, "note": v.note}
                                         for k, v in sch.required_inputs(s)],
                     "from_pack": {k: v.from_pack for k, v in sch.slots(s).items() if v.from_pack}})
    if as_json:
        typer.echo(json.dumps(rows if name is None else rows[0], indent=2, ensure_ascii=False))
        return
    for r in rows:
        typer.echo(f"{r['name']}: {r['title']} — version {r['version']}; {len(r['required_inputs'])} required inputs")
        typer.echo(f"    status: {r['status']}")
        if name is None:
            continue
        for key, citation in r["sources"].items():
            typer.echo(f"    [{key}] {citation}")
        typer.echo("    stages: " + "; ".join(f"{x['id']} = {x['label']} ({', '.join(x['carbonev'])})"
                                              for x in r["stages"]))
        typer.echo("    from the pack file: " + ", ".join(f"{k} ← {v}" for k, v in r["from_pack"].items()))
        typer.echo("    required inputs (not public; supply them with --values):")
        for item in r["required_inputs"]:
            choices = f" one of {', '.join(item['choices'])}" if item["choices"] else ""
            optional = " (optional: without it the output says 'not determined')" if item["optional"] else ""
            typer.echo(f"      {item['key']}:{choices}{optional} — {item['note'] or ''}".rstrip(" —"))


def register(app: typer.Typer) -> None:
    battery_app.command("declare")(guarded(declare))
    battery_app.command("schemes")(guarded(schemes))
    app.add_typer(battery_app, name="battery")
