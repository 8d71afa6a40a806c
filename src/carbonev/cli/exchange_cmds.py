"""``carbonev export pact|csv|xlsx|brightway`` and ``carbonev export check-pact``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state


class PactVersion(StrEnum):
    v23 = "2.3"
    v30 = "3.0"


class Part(StrEnum):
    battery = "battery"
    gate = "vehicle-cradle-to-gate"
    grave = "vehicle-cradle-to-grave"


class Table(StrEnum):
    stages = "stages"
    flows = "flows"


class Database(StrEnum):
    foreground = "foreground"
    background = "background"


export_app = typer.Typer(help="Export footprints: PACT (v2.3, v3.0), CSV, Excel, Brightway/bw2io spreadsheets.",
                         no_args_is_help=True)


def pact(
    path: Path = typer.Argument(..., help="A pack file or a vehicle spec.", show_default=False),
    info: Path = typer.Option(..., "--info", help="Data-owner statements (carbonev-pact-info/1): company, product "
                              "ids, carbon content, exemptions, standards."),
    version: PactVersion = typer.Option(PactVersion.v30, "--version", help="PACT data-model version."),
    part: Part | None = typer.Option(None, "--part", help="Vehicle spec: which part (default: vehicle at the gate)."),
    plant: Path | None = typer.Option(None, "--plant", help="Pack file: plant file with the pack's own energy data."),
    product: str | None = typer.Option(None, "--product", help="Product id in the plant file (per kWh)."),
    created: str | None = typer.Option(None, "--created", help="Creation date-time (ISO); default: now (UTC), "
                                       "recorded in the manifest."),
    catena_x: bool = typer.Option(False, "--catena-x", help="Add Catena-X partialFullPcf (allows cradle-to-grave)."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (IPCC GWP100)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    manifest: Path | None = typer.Option(None, "--manifest", help="Also write a reproducibility manifest here."),
) -> None:
    """A part's cradle-to-gate footprint as a PACT ProductFootprint (validated before it is written)."""
    from carbonev.api import export_pact
    from carbonev.provenance.manifest import check_manifest, write_manifest

    exported = export_pact(path, info, version=version.value, part=part.value if part else None, plant=plant,
                           product=product, created=created, catena_x=catena_x, store=state.store, method=method)
    doc, inputs, stamp = exported.document, exported.inputs, exported.created
    options = {"version": version.value, "part": part.value if part else None, "product": product,
               "created": stamp, "catena_x": catena_x, "method": method}
    if manifest is not None:
        check_manifest("export pact", options, inputs, doc, manifest, method=method)
    write_output(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", output)
    if manifest is not None:
        write_manifest("export pact", options, inputs, doc, manifest, outputs={"output": output} if output else None,
                       method=method)


def check_pact(
    file: Path = typer.Argument(..., help="A PACT ProductFootprint (JSON).", show_default=False),
) -> None:
    """Check a PACT footprint's shape and show what a vehicle spec's 'supplied' would read from it."""
    from carbonev.api import import_pact

    fp = import_pact(file)
    typer.echo(f"ok: {file}: PACT {fp.spec_version}, {fp.product}: {fp.kg_co2e_per_unit:,.6g} kg CO2e per "
               f"{fp.declared_unit} × {fp.unit_amount:g} = {fp.per_product:,.6g} kg CO2e per product (id {fp.pcf_id})")


def csv(
    specs: list[Path] = typer.Argument(..., help="Vehicle spec files.", show_default=False),
    table: Table = typer.Option(Table.stages, "--table", help="stages (per stage) or flows (per stage and gas)."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Footprint results as one CSV table."""
    from carbonev.api import footprint
    from carbonev.exchange.csv_excel import to_csv

    results = footprint(specs, method=method, store=state.store, progress=state.progress)
    write_output(to_csv(results, table.value), output)


def xlsx(
    specs: list[Path] = typer.Argument(..., help="Vehicle spec files.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="Workbook to write (.xlsx)."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
) -> None:
    """Footprint results as a workbook: stages, flows, assumptions, provenance."""
    from carbonev.api import footprint
    from carbonev.errors import SpecError
    from carbonev.exchange.csv_excel import write_xlsx
    from carbonev.io.outputs import require_folder

    if output.suffix.lower() != ".xlsx":  # before computing anything
        raise SpecError("give an .xlsx file in an existing folder", file=str(output), field="--output")
    require_folder(output)
    results = footprint(specs, method=method, store=state.store, progress=state.progress)
    typer.echo(f"wrote {write_xlsx(results, output)}")


def brightway(
    spec: Path = typer.Argument(..., help="Vehicle spec file.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="Spreadsheet to write (.xlsx)."),
    database: Database = typer.Option(Database.foreground, "--database", help="The spec's foreground, or the "
                                      "shared background its exchanges link to."),
) -> None:
    """The foreground inventory as a bw2io LCI spreadsheet (Activity Browser, openLCA via Brightway)."""
    from carbonev.exchange.bw_export import export_brightway

    path, name = export_brightway(spec, output, state.store, database.value)
    typer.echo(f"wrote {path} (Brightway database {name})")


def register(app: typer.Typer) -> None:
    export_app.command("pact")(guarded(pact))
    export_app.command("check-pact")(guarded(check_pact))
    export_app.command("csv")(guarded(csv))
    export_app.command("xlsx")(guarded(xlsx))
    export_app.command("brightway")(guarded(brightway))
    app.add_typer(export_app, name="export")
