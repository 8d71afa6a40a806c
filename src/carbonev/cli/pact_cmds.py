"""``carbonev pact pull|score``: suppliers' footprints over the PACT API, and supplier scoring."""

from __future__ import annotations

import ssl
from enum import StrEnum
from pathlib import Path

import typer

from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state

pact_app = typer.Typer(help="Supply chains over PACT: pull suppliers' footprints, score suppliers.",
                       no_args_is_help=True)


class ApiVersion(StrEnum):
    v3 = "3"
    v2 = "2"


class ScoreFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    html = "html"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def _verify(ca: Path | None) -> ssl.SSLContext | bool:
    from carbonev.errors import SpecError

    if ca is None:
        return True
    if not ca.is_file():
        raise SpecError(f"{ca} not found", field="--ca")
    return ssl.create_default_context(cafile=str(ca))


def pull(
    url: str = typer.Option(..., "--url", help="The supplier's PACT host (https://...)."),
    client_id: str = typer.Option(..., "--client-id", help="Our client id at that host."),
    secret_file: Path = typer.Option(..., "--secret-file", help="File holding our client secret."),
    ids: list[str] = typer.Option([], "--id", help="Fetch this footprint (repeatable); default: list them all."),
    products: list[str] = typer.Option([], "--product", help="Only footprints of this product id (repeatable)."),
    companies: list[str] = typer.Option([], "--company", help="Only footprints of this company id (repeatable)."),
    version: ApiVersion = typer.Option(ApiVersion.v3, "--api", help="PACT API version (3: /3/..., 2: /2/...)."),
    out: Path = typer.Option(Path("supplied"), "--out", help="Folder for the footprint files (<id>.json)."),
    ca: Path | None = typer.Option(None, "--ca", help="CA certificate (PEM) to trust for this host."),
    include_deprecated: bool = typer.Option(False, "--include-deprecated", help="Also keep Deprecated footprints."),
    list_only: bool = typer.Option(False, "--list", help="Only list what the host offers; write nothing."),
) -> None:
    """Fetch a supplier's footprints, check each against the official PACT schema, store them as
    files a vehicle spec can cite (supplied: [{replaces: battery, footprint: FILE}])."""
    from carbonev.exchange.client import PactClient
    from carbonev.exchange.client import pull as fetch
    from carbonev.io.inputs import read_text
    from carbonev.specs.pact_file import read_footprint

    secret = read_text(secret_file, "--secret-file").strip()
    criteria = {k: v for k, v in (("productId", products), ("companyId", companies)) if v}
    with PactClient(url, client_id, secret, _verify(ca), int(version.value)) as client:
        if list_only:
            docs = [client.footprint(i) for i in ids] if ids else list(client.footprints(**criteria))
            for doc in docs:
                fp = read_footprint(doc, f"{url}/{version.value}/footprints/{doc.get('id')}")
                typer.echo(f"{fp.pcf_id}  {doc['status']:<10} {fp.spec_version:<6} {fp.company}: {fp.product}  "
                           f"{fp.per_product:,.6g} kg CO2e per product")
            typer.echo(f"{len(docs)} footprint(s)")
            return
        written = fetch(client, out, ids or None, include_deprecated, **criteria)
    for path, fp in written:
        typer.echo(f"{path}: {fp.company}: {fp.product}, {fp.per_product:,.6g} kg CO2e per product "
                   f"(PACT {fp.spec_version})")
    typer.echo(f"{len(written)} footprint(s) written to {out}")


def score(
    specs: list[Path] = typer.Argument(..., help="Vehicle specs whose parts cite suppliers (supplied:).",
                                       show_default=False),
    values: Path | None = typer.Option(None, "--values", help="Auditor values: weights and thresholds the rule set "
                                       "leaves open, and the management evidence per supplier."),
    rules: str = typer.Option("gbt39257-2020", "--rules", help="Supplier rule set (name or file)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Date the ages and validity are judged on "
                                     "(default: today, UTC)."),
    fmt: ScoreFormat = typer.Option(ScoreFormat.table, "--format", help="table, csv, json or html."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Report language (html)."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (IPCC GWP100)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Score suppliers: their footprints against the generic inventory, primary data, data quality,
    age and validity, and the management indicators an auditor enters (GB/T 39257-2020 frame)."""
    from carbonev.supply.render import render
    from carbonev.supply.scoring import evaluate

    result = evaluate(specs, values, rules, as_of, store=state.store, method=method)
    write_output(render(result, fmt.value, lang.value), output)


def register(app: typer.Typer) -> None:
    pact_app.command("pull")(guarded(pull, needs=("server", "carbonev pact pull")))
    pact_app.command("score")(guarded(score))
    app.add_typer(pact_app, name="pact")
