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
    packs: list[Path] = typer.Argument(..., help="Pack file(s) (YAML or JSON, carbonev-battery-pack/1); several "
                                       "need --output-dir.", show_default=False),
    scheme: str = typer.Option(..., "--scheme", "-s", help="Scheme: a name from `carbonev battery schemes` or a file."),
    plant: Path | None = typer.Option(None, "--plant", help="Plant file: its per-kWh energy replaces generic data "
                                      "(one pack only; in a batch each pack file names its own plant_file)."),
    product: str | None = typer.Option(None, "--product", help="Product id in the plant file (per kWh)."),
    values: Path | None = typer.Option(None, "--values", help="Values file supplying the scheme's required inputs."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout (with "
                                       "--output-dir: the summary)."),
    output_dir: Path | None = typer.Option(None, "--output-dir", help="Batch: write one declaration per pack here "
                                           "(<pack file name>.<format>) and print or --output the summary."),
    manifest: Path | None = typer.Option(None, "--manifest", help="Also write a reproducibility manifest here."),
) -> None:
    """kg CO2e per kWh of lifetime energy, by life-cycle stage, and per pack; several packs in one run
    (one declaration each, a summary, one manifest)."""
    if output_dir is not None or len(packs) > 1:
        _declare_batch(packs, scheme, plant, product, values, method, fmt, output, output_dir, manifest)
        return
    from carbonev.api import declare_battery
    from carbonev.provenance.manifest import check_manifest, write_manifest
    from carbonev.report.declaration import render

    decl = declare_battery(packs[0], scheme, plant=plant, product=product, values=values, store=state.store,
                           method=method)
    text = render(decl, fmt.value)
    options = {"scheme": scheme, "product": product, "method": method}
    if manifest is not None:  # check before writing anything
        check_manifest("battery declare", options, decl.inputs, decl.payload(), manifest, method=method)
    write_output(text, output)
    if manifest is not None:
        write_manifest("battery declare", options, decl.inputs, decl.payload(), manifest,
                       outputs={"output": output} if output else None, method=method)


def _declare_batch(packs: list[Path], scheme: str, plant: Path | None, product: str | None, values: Path | None,
                   method: str | None, fmt: Format, output: Path | None, output_dir: Path | None,
                   manifest: Path | None) -> None:
    from carbonev.api import declare_batteries
    from carbonev.errors import SpecError
    from carbonev.provenance.manifest import check_manifest, write_manifest
    from carbonev.report.declaration import render_summary
    from carbonev.workflows.battery import batch_targets, write_declarations

    if plant is not None or product is not None:
        raise SpecError("--plant and --product apply to one pack; in a batch each pack file names its plant_file "
                        "and plant_product", field="--plant")
    targets = batch_targets(packs, output_dir, fmt.value)
    decls = declare_batteries(packs, scheme, values=values, store=state.store, method=method)
    summary = render_summary(decls, fmt.value, [t.name for t in targets])
    record = ("battery declare", {"scheme": scheme, "product": None, "method": method}, decls.inputs(),
              decls.payload())
    if manifest is not None:  # check before writing anything
        check_manifest(*record, manifest, method=method)
    outputs = write_declarations(decls, targets, fmt.value)
    write_output(summary, output)
    if manifest is not None:
        if output is not None:
            outputs["summary"] = output
        write_manifest(*record, manifest, outputs=outputs, method=method)


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
