"""``carbonev factory footprint|audit`` and ``carbonev criteria``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from carbonev.cli.choices import TableFormat
from carbonev.cli.guard import guarded, write_output
from carbonev.cli.report_cmds import Lang
from carbonev.cli.state import state


class AuditFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"


factory_app = typer.Typer(help="Factories: carbon account, per-unit footprints, audits against criteria.",
                          no_args_is_help=True)


def footprint(
    plant: Path = typer.Argument(..., help="Plant file (YAML or JSON).", show_default=False),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Scope 1/2/3 account of a plant and the footprint per unit of each product."""
    from carbonev.api import factory_footprint
    from carbonev.factory.report import render_footprint

    write_output(render_footprint(factory_footprint(plant, method=method, store=state.store), fmt.value), output)


def audit(
    plant: Path = typer.Argument(..., help="Plant file (YAML or JSON).", show_default=False),
    criteria: str = typer.Option(..., "--criteria", "-c", help="Rule set: a name from `carbonev criteria` or a file."),
    values: Path | None = typer.Option(None, "--values", help="Auditor values file supplying required inputs."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (see `carbonev methods`)."),
    fmt: AuditFormat = typer.Option(AuditFormat.table, "--format", "-f", help="Output format."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of table, md and html (en or zh)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    manifest: Path | None = typer.Option(
        None, "--manifest", help="Also write a reproducibility manifest (check it with `carbonev verify`)."
    ),
) -> None:
    """Score a plant against a rule set: prerequisites, indicators, verdict, next-grade changes."""
    from carbonev.api import audit as run

    result = run(plant, criteria, values, method=method, store=state.store)
    record = None
    if manifest is not None:  # checked before anything is written; written last, with the output's hash
        from carbonev.provenance.manifest import check_manifest

        record = ("factory audit", {"criteria": criteria, "method": method}, result.manifest_inputs(criteria, values),
                  result.payload())
        check_manifest(*record, manifest, method=method)
    write_output(result.render(fmt.value, lang.value), output)
    if record is not None:
        from carbonev.provenance.manifest import write_manifest

        write_manifest(*record, manifest, outputs={"output": output} if output else None, method=method)


def criteria(
    name: str | None = typer.Argument(None, help="Show one rule set in full.", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List the rule sets (green factory, zero-carbon factory, carbon neutrality), their
    sources and the values an auditor must supply."""
    from carbonev.rules import criteria as crit

    names = [name] if name else list(crit.shipped())
    rows = []
    for n in names:
        rs, path = crit.load_ruleset(n)
        rows.append({
            "name": rs.name, "title": rs.title.en, "title_zh": rs.title.zh, "version": rs.version, "kind": rs.kind,
            "file": str(path), "sources": {k: s.citation for k, s in rs.sources.items()},
            "prerequisites": len(rs.prerequisites), "indicators": len(rs.indicators),
            "grades": [g.name.en for g in rs.grading.grades],
            "required_inputs": [{"key": k, "what": w} for k, w in crit.required_inputs(rs)],
        })
    if as_json:
        typer.echo(json.dumps(rows if name is None else rows[0], indent=2, ensure_ascii=False))
        return
    for r in rows:
        zh = f" / {r['title_zh']}" if r["title_zh"] else ""
        typer.echo(f"{r['name']}: {r['title']}{zh} — version {r['version']}, {r['kind']}, "
                   f"{r['prerequisites']} prerequisites, {r['indicators']} indicators, "
                   f"grades: {', '.join(r['grades'])}; {len(r['required_inputs'])} required inputs")
        for key, citation in r["sources"].items():
            typer.echo(f"    [{key}] {citation}")
        if name is not None:
            typer.echo("    required inputs (supply them with --values):")
            for item in r["required_inputs"]:
                typer.echo(f"      {item['key']}: {item['what']}")


def register(app: typer.Typer) -> None:
    factory_app.command("footprint")(guarded(footprint))
    factory_app.command("audit")(guarded(audit))
    app.add_typer(factory_app, name="factory")
    app.command("criteria")(guarded(criteria))
