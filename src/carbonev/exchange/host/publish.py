"""``carbonev serve publish``: put a footprint on the host.

A PACT file (``.json``) is checked against its version's official schema and stored as the
data owner wrote it. A pack file or vehicle spec (``.yaml``) is computed first, through the
one export path (:func:`carbonev.exchange.pact.export_pact`), in v3.0, v2.3 or both.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from carbonev.errors import SpecError
from carbonev.exchange.host import clients, store
from carbonev.exchange.pact import export_pact
from carbonev.io.files import read_mapping
from carbonev.specs.pact_file import unwrap

VERSIONS = ("3.0", "2.3")


def publish_file(engine: Engine, path: Path, *, info: Path | None = None, versions: tuple[str, ...] = VERSIONS,
                 part: str | None = None, plant: Path | None = None, product: str | None = None,
                 created: str | None = None, public: bool = False, grant: tuple[str, ...] = (),
                 store_dir: Path | None = None, method: str | None = None) -> list[store.Published]:
    """Publish ``path`` (PACT JSON, or a spec computed per version); grant ``grant`` clients
    access to its products [raises SpecError]."""
    shown = str(path)
    for name in grant:
        if clients.get_client(engine, name) is None:
            raise SpecError(f"no client {name!r} (add it first: carbonev serve client add {name})", field="--grant")
    if path.suffix.lower() == ".json":
        if info is not None:
            raise SpecError("--info is for specs; a PACT file carries its own statements", field="--info")
        docs, computed = [unwrap(read_mapping(path), shown)], False
    else:
        if info is None:
            raise SpecError("a spec needs the data owner's statements: --info INFO.yaml (carbonev-pact-info/1)",
                            file=shown, field="--info")
        docs = [export_pact(path, info, v, part, plant, product, created, False, store_dir, method)[0]
                for v in versions]
        computed = True
    if not isinstance(docs[0], dict):
        raise SpecError("not a ProductFootprint (a JSON object)", file=shown)
    out = [store.publish(engine, doc, restricted=not public, computed=computed, file=shown) for doc in docs]
    if grant:
        products = sorted({p for doc in docs for p in doc.get("productIds", [])})
        for name in grant:
            clients.grant(engine, name, products)
    return out
