"""Fixtures for the PACT host and client: certificates, a database with two suppliers'
footprints (v2.3 and v3.0, computed once per session), a host running on loopback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from carbonev.exchange.host import clients, store
from carbonev.exchange.host.db import connect
from carbonev.exchange.host.server import Background, ServeOptions
from carbonev.exchange.host.tls import make_certificates
from carbonev.exchange.pact import export_pact

ROOT = Path(__file__).resolve().parents[2]
SUPPLY = ROOT / "examples" / "supply-chain"
NMC = {"spec": ROOT / "examples" / "battery" / "pack-nmc811-zj.yaml", "part": None,
       "info": SUPPLY / "info-nmc-pack-supplier.yaml"}
LFP = {"spec": ROOT / "examples" / "bev-compact-lfp.yaml", "part": "battery",
       "info": SUPPLY / "info-lfp-pack-supplier.yaml"}
NMC_PRODUCT = "urn:pact:example.com:product:nmc811-78kwh-pack"
LFP_PRODUCT = "urn:pact:example.com:product:lfp-pack-compact"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def certs(tmp_path_factory) -> dict[str, Path]:
    return make_certificates(tmp_path_factory.mktemp("certs"), ["127.0.0.1", "localhost"])


@pytest.fixture(scope="session")
def pact_docs(session_store) -> dict[tuple[str, str], dict]:
    """(supplier, version) → the supplier's computed PACT document (created 2026-01-15)."""
    out = {}
    for name, s in (("nmc", NMC), ("lfp", LFP)):
        for version in ("3.0", "2.3"):
            out[name, version] = export_pact(s["spec"], s["info"], version, s["part"], created="2026-01-15",
                                             store=session_store)[0]
    return out


def fill(url: str, docs: dict, secrets_dir: Path) -> dict[str, str]:
    """Clients acme (may see the NMC pack), zeta (may see the LFP pack) and conformance (all);
    both suppliers' footprints, restricted. Returns client → secret."""
    engine = connect(url)
    secret = {name: clients.add_client(engine, name) for name in ("acme", "zeta", "conformance")}
    for doc in docs.values():
        store.publish(engine, dict(doc), restricted=True, computed=True)
    clients.grant(engine, "acme", [NMC_PRODUCT])
    clients.grant(engine, "zeta", [LFP_PRODUCT])
    clients.grant(engine, "conformance", ["*"])
    for name, value in secret.items():
        (secrets_dir / f"{name}.secret").write_text(value + "\n")
    engine.dispose()
    return secret


@pytest.fixture(scope="module")
def host(tmp_path_factory, certs, pact_docs):
    """A host on a thread of this process, over HTTPS on loopback: (url, secrets, db url, folder)."""
    folder = tmp_path_factory.mktemp("host")
    url = f"sqlite:///{folder / 'host.sqlite'}"
    secrets = fill(url, pact_docs, folder)
    options = ServeOptions(url, certs["cert"], certs["key"], port=free_port(), token_ttl=120, log_level="warning",
                           trust=certs["ca"])
    with Background(options) as base:
        yield {"url": base, "secrets": secrets, "db": url, "folder": folder}
