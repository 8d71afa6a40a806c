"""``carbonev methods`` and ``carbonev inventories``: what data is shipped."""

from __future__ import annotations

import json

import typer

from carbonev.cli.guard import guarded


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


def inventories(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """List the shipped inventory files with versions, hashes and sources."""
    from carbonev.data.catalog import shipped_catalog

    cat = shipped_catalog()
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


def register(app: typer.Typer) -> None:
    app.command("methods")(guarded(methods))
    app.command("inventories")(guarded(inventories))
