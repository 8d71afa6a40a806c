"""``carbonev serve``: a PACT host (start, publish, clients and grants, certificates, backup)."""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path

import typer

from carbonev.cli.guard import guarded, write_output
from carbonev.cli.state import state

serve_app = typer.Typer(help="A PACT host: serve footprints to customers over the PACT API (HTTPS, v2.x and v3.0).",
                        no_args_is_help=True)
client_app = typer.Typer(help="Clients (data recipients) of the host: add, new secret, remove, list, callback.",
                         no_args_is_help=True)

DB = typer.Option(None, "--db", envvar="CARBONEV_PACT_DB", help="Database: a SQLAlchemy URL (postgresql+psycopg://"
                  "...) or a SQLite file path (default: pact-host.sqlite in the per-user data folder).")


class Versions(StrEnum):
    v30 = "3.0"
    v23 = "2.3"
    both = "both"


class Format(StrEnum):
    table = "table"
    json = "json"


def _engine(db: str | None):
    from carbonev.exchange.host.db import connect, database_url

    return connect(database_url(db))


def _secret_out(secret: str, secret_file: Path | None, name: str) -> None:
    if secret_file is None:
        typer.echo(f"client {name}: secret {secret}  (shown once; the host keeps only its hash)")
        return
    from carbonev.io.outputs import write_atomic

    write_atomic(secret_file, secret + "\n", "--secret-file", private=True)  # 0600 from its creation
    os.chmod(secret_file, 0o600)
    typer.echo(f"client {name}: secret written to {secret_file} (the host keeps only its hash)")


def _read_secret(path: Path, field: str) -> str:
    from carbonev.errors import SpecError
    from carbonev.io.inputs import read_text

    secret = read_text(path, field).strip()
    if not secret:
        raise SpecError("the secret file is empty", file=str(path), field=field)
    return secret


def start(
    db: str | None = DB,
    cert: Path = typer.Option(None, "--cert", help="Server certificate (PEM). HTTPS only."),
    key: Path = typer.Option(None, "--key", help="Its private key (PEM)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8443, "--port", help="Port to listen on."),
    token_ttl: int = typer.Option(3600, "--token-ttl", min=60, help="Access-token lifetime [s]."),
    trust: Path | None = typer.Option(None, "--trust", help="Extra CA (PEM) trusted when answering requests at "
                                      "clients' hosts."),
    forwarded_allow_ips: str | None = typer.Option(None, "--forwarded-allow-ips", help="Reverse proxies whose "
                                                   "X-Forwarded-* headers are trusted (comma-separated IPs)."),
) -> None:
    """Serve the PACT API (Starlette on uvicorn) over HTTPS until interrupted."""
    from carbonev.exchange.host.db import database_url
    from carbonev.exchange.host.server import ServeOptions, build

    server = build(ServeOptions(database_url(db), cert, key, host, port, token_ttl, trust, forwarded_allow_ips))
    typer.echo(f"carbonev PACT host on https://{host}:{port} (v2: /2/..., v3: /3/...)", err=True)
    server.run()


def cert(
    folder: Path = typer.Argument(..., help="Folder for ca.pem, server.pem, server.key.", show_default=False),
    hosts: list[str] = typer.Option(["127.0.0.1", "localhost"], "--host", help="Host names / IPs of the server."),
    days: int = typer.Option(30, "--days", min=1, help="Validity [days]."),
) -> None:
    """Make a throw-away CA and server certificate for local use (never for production)."""
    from carbonev.exchange.host.tls import make_certificates

    out = make_certificates(folder, hosts, days)
    typer.echo(f"wrote {out['cert']} and {out['key']} (signed by {out['ca']}: clients trust that file)")


def publish(
    file: Path = typer.Argument(..., help="A PACT footprint (.json) or a pack file / vehicle spec (.yaml).",
                                show_default=False),
    db: str | None = DB,
    info: Path | None = typer.Option(None, "--info", help="Spec only: data-owner statements (carbonev-pact-info/1)."),
    version: Versions = typer.Option(Versions.both, "--version", help="Spec only: PACT version(s) to publish."),
    part: str | None = typer.Option(None, "--part", help="Vehicle spec: battery | vehicle-cradle-to-gate."),
    plant: Path | None = typer.Option(None, "--plant", help="Pack file: plant file with the pack's energy data."),
    product: str | None = typer.Option(None, "--product", help="Product id in the plant file."),
    created: str | None = typer.Option(None, "--created", help="Creation date-time (ISO); default now (UTC)."),
    public: bool = typer.Option(False, "--public", help="Visible to every client (default: granted clients only)."),
    grant: list[str] = typer.Option([], "--grant", help="Let this client see it (repeatable)."),
    method: str | None = typer.Option(None, "--method", "-m", help="Impact method (IPCC GWP100)."),
) -> None:
    """Compute (spec) or check (PACT file) a footprint and store it; a new version deprecates the old."""
    from carbonev.exchange.host.publish import VERSIONS, publish_file

    if not file.is_file():
        from carbonev.errors import SpecError

        raise SpecError(f"{file} not found", field="FILE")
    versions = VERSIONS if version == Versions.both else (version.value,)
    engine = _engine(db)
    for p in publish_file(engine, file, info=info, versions=versions, part=part, plant=plant, product=product,
                          created=created, public=public, grant=tuple(grant), store_dir=state.store, method=method):
        what = "unchanged (already published)" if p.unchanged else "published"
        tail = f"; deprecated {', '.join(p.deprecated)}" if p.deprecated else ""
        typer.echo(f"v{p.major} {p.pf_id}: {what}{tail}")


def list_footprints(db: str | None = DB, fmt: Format = typer.Option(Format.table, "--format")) -> None:
    """Stored footprints: id, version, status, product, access."""
    from carbonev.exchange.host.store import listing

    rows = listing(_engine(db))
    if fmt == Format.json:
        write_output(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", None)
        return
    for r in rows:
        typer.echo(f"{r['id']}  {r['specVersion']:<6} {r['status']:<10} {r['access']:<10} {r['product']}")
    typer.echo(f"{len(rows)} footprint(s)")


def client_add(name: str = typer.Argument(..., show_default=False), db: str | None = DB,
               secret_file: Path | None = typer.Option(None, "--secret-file", help="Write the new secret here "
                                                       "(mode 600) instead of printing it.")) -> None:
    """Register a client; its secret is generated and shown (or written) once."""
    from carbonev.exchange.host.clients import add_client

    _secret_out(add_client(_engine(db), name), secret_file, name)


def client_secret(name: str = typer.Argument(..., show_default=False), db: str | None = DB,
                  secret_file: Path | None = typer.Option(None, "--secret-file")) -> None:
    """Give a client a new secret: the old secret and every token issued with it stop working."""
    from carbonev.exchange.host.clients import new_secret

    _secret_out(new_secret(_engine(db), name), secret_file, name)


def client_remove(name: str = typer.Argument(..., show_default=False), db: str | None = DB) -> None:
    """Remove a client, its grants and (at once) its tokens."""
    from carbonev.exchange.host.clients import remove_client

    remove_client(_engine(db), name)
    typer.echo(f"removed client {name}")


def client_list(db: str | None = DB) -> None:
    """Clients, their grants and callback URLs."""
    from carbonev.exchange.host.clients import list_clients

    for c in list_clients(_engine(db)):
        typer.echo(f"{c['client']}  grants: {', '.join(c['grants']) or '-'}  callback: {c['callback'] or '-'}")


def client_callback(name: str = typer.Argument(..., show_default=False), db: str | None = DB,
                    url: str | None = typer.Option(None, "--url", help="The client's PACT host (https://...); "
                                                   "omit to stop answering its requests."),
                    client_id: str | None = typer.Option(None, "--client-id", help="Our client id at that host."),
                    secret_file: Path | None = typer.Option(None, "--secret-file", help="Our secret there.")) -> None:
    """Where answers to the client's footprint requests (events) are sent, and our credentials there."""
    from carbonev.exchange.host.clients import set_callback

    secret = _read_secret(secret_file, "--secret-file") if secret_file else None
    set_callback(_engine(db), name, url, client_id, secret)
    typer.echo(f"client {name}: callback {url or 'none'}")


def grant(name: str = typer.Argument(..., show_default=False), db: str | None = DB,
          products: list[str] = typer.Option([], "--product", help="A product id (URN) whose footprints the client "
                                             "may see (repeatable)."),
          everything: bool = typer.Option(False, "--all", help="Every footprint.")) -> None:
    """Let a client (a customer) see restricted footprints, by product id."""
    from carbonev.errors import SpecError
    from carbonev.exchange.host.clients import grant as give

    if not products and not everything:
        raise SpecError("give --product URN (repeatable) or --all", field="--product")
    give(_engine(db), name, ["*"] if everything else products)
    typer.echo(f"client {name} may see: {'every footprint' if everything else ', '.join(products)}")


def revoke(name: str = typer.Argument(..., show_default=False), db: str | None = DB,
           products: list[str] = typer.Option([], "--product"),
           everything: bool = typer.Option(False, "--all")) -> None:
    """Withdraw grants (footprints already fetched stay with the client)."""
    from carbonev.exchange.host.clients import revoke as take

    take(_engine(db), name, ["*"] if everything else products)
    typer.echo(f"client {name}: grants withdrawn")


def backup(target: Path = typer.Argument(..., help="Backup file (SQLite).", show_default=False),
           db: str | None = DB) -> None:
    """Copy a SQLite host database while the host runs (online backup); PostgreSQL: use pg_dump."""
    from carbonev.exchange.host.backup import backup_sqlite
    from carbonev.exchange.host.db import database_url

    typer.echo(f"wrote {backup_sqlite(database_url(db), target)}")


SERVER = ("server", "carbonev serve")


def register(app: typer.Typer) -> None:
    serve_app.command("start")(guarded(start, needs=SERVER))
    serve_app.command("cert")(guarded(cert, needs=SERVER))
    serve_app.command("publish")(guarded(publish, needs=SERVER))
    serve_app.command("list")(guarded(list_footprints, needs=SERVER))
    serve_app.command("grant")(guarded(grant, needs=SERVER))
    serve_app.command("revoke")(guarded(revoke, needs=SERVER))
    serve_app.command("backup")(guarded(backup, needs=SERVER))
    client_app.command("add")(guarded(client_add, needs=SERVER))
    client_app.command("secret")(guarded(client_secret, needs=SERVER))
    client_app.command("remove")(guarded(client_remove, needs=SERVER))
    client_app.command("list")(guarded(client_list, needs=SERVER))
    client_app.command("callback")(guarded(client_callback, needs=SERVER))
    serve_app.add_typer(client_app, name="client")
    app.add_typer(serve_app, name="serve")
