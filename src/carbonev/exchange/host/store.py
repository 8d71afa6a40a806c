"""The footprint store of the PACT host: publish with version history, get, list.

Publishing follows the PACT life cycle (v3.0 §Product Footprint Lifecycle; v2.3 §major
changes): footprints of the same company, product ids and major version form a *series*.
A new footprint in a series that has an Active one gets ``precedingPfIds`` (every earlier
id of the series, newest first) and, when carbonev computed it, a new content-derived id;
the earlier footprints become ``Deprecated`` — the only change PACT allows to a published
footprint (a v2 footprint also gets ``version`` + 1 and ``updated``). Publishing the same
content again changes nothing.

Every footprint is restricted to the clients granted one of its product ids, unless it was
published as public (visible to every client of the host).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, false, func, insert, select, true, update

from carbonev.errors import SpecError
from carbonev.exchange.host.clients import Client, granted
from carbonev.exchange.host.db import footprint_keys, footprints
from carbonev.exchange.host.query import Query, to_sql
from carbonev.exchange.pact import with_preceding
from carbonev.specs.pact import major
from carbonev.specs.pact_file import check_document, parse_time, validity


class NotVisible(Exception):
    """The footprint exists but the client may not see it (PACT AccessDenied)."""


@dataclass(frozen=True)
class Published:
    pf_id: str
    major: int
    deprecated: tuple[str, ...]
    unchanged: bool = False


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _stamp(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def series_key(doc: dict[str, Any]) -> str:
    ident = [major(doc), sorted(doc["companyIds"]), sorted(doc["productIds"])]
    return hashlib.sha256(json.dumps(ident).encode()).hexdigest()[:32]


def _content(doc: dict[str, Any]) -> dict[str, Any]:
    """What a footprint says, without its identity and place in the history."""
    return {k: v for k, v in doc.items() if k not in ("id", "created", "precedingPfIds")}


def _row(doc: dict[str, Any], restricted: bool) -> dict[str, Any]:
    pcf = doc["pcf"]
    start, end = validity(doc)
    return {
        "pf_id": doc["id"], "major": major(doc), "series": series_key(doc), "status": doc["status"],
        "created_at": parse_time(doc["created"]),
        "updated_at": parse_time(doc["updated"]) if doc.get("updated") else None,
        "cpc": doc.get("productCategoryCpc"), "geo_country": pcf.get("geographyCountry"),
        "geo_subdivision": pcf.get("geographyCountrySubdivision"), "geo_region": pcf.get("geographyRegionOrSubregion"),
        "ref_start": parse_time(pcf["referencePeriodStart"]), "ref_end": parse_time(pcf["referencePeriodEnd"]),
        "valid_from": start, "valid_to": end, "restricted": restricted, "published_at": _now(),
        "doc": json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
    }


def _keys(seq: int, doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"seq": seq, "kind": kind, "value": v} for kind, name in
            (("p", "productIds"), ("c", "companyIds"), ("k", "productClassifications")) for v in doc.get(name, [])]


def _deprecate(conn, row, now: dt.datetime) -> None:
    doc = json.loads(row.doc)
    doc["status"] = "Deprecated"
    if major(doc) == 2:  # v2.3 §minor changes: a new version, updated after created
        doc["version"] = int(doc.get("version", 0)) + 1
        doc["updated"] = _stamp(max(now, parse_time(doc["created"]) + dt.timedelta(seconds=1)))
    conn.execute(update(footprints).where(footprints.c.seq == row.seq).values(
        status="Deprecated", updated_at=parse_time(doc["updated"]) if "updated" in doc else None,
        doc=json.dumps(doc, ensure_ascii=False, separators=(",", ":"))))


def publish(engine: Engine, doc: dict[str, Any], restricted: bool = True, computed: bool = False,
            file: str | None = None) -> Published:
    """Store ``doc`` (checked against its version's schema), deprecating its series' Active
    footprints. ``computed``: carbonev made the id from the content, so a successor gets a new
    id; otherwise the data owner's id is kept [raises SpecError]."""
    check_document(doc, file)
    if doc["status"] != "Active":
        raise SpecError("only an Active footprint can be published", file=file, field="status")
    series = series_key(doc)
    with engine.begin() as conn:
        f = footprints.c
        history = conn.execute(select(f.seq, f.pf_id, f.status, f.doc).where(f.series == series)
                               .order_by(f.seq.desc())).all()
        active = [r for r in history if r.status == "Active"]
        for row in active:
            if _content(json.loads(row.doc)) == _content(doc):
                return Published(row.pf_id, major(doc), (), unchanged=True)
        preceding = [r.pf_id for r in history]
        if preceding and not doc.get("precedingPfIds"):
            doc = with_preceding(doc, preceding) if computed else {**doc, "precedingPfIds": preceding}
        if conn.execute(select(f.seq).where(f.pf_id == doc["id"])).first() is not None:
            raise SpecError(f"a footprint with id {doc['id']} is already published with other content; PACT ids "
                            "are unique (give the new footprint a new id)", file=file, field="id")
        seq = conn.execute(insert(footprints).values(**_row(doc, restricted))).inserted_primary_key[0]
        keys = _keys(seq, doc)
        if keys:
            conn.execute(insert(footprint_keys), keys)
        now = _now()
        for row in active:
            _deprecate(conn, row, now)
    return Published(doc["id"], major(doc), tuple(r.pf_id for r in active))


def _visible(engine: Engine, client: Client) -> ColumnElement:
    products = granted(engine, client.name)
    if "*" in products:
        return true()
    if not products:
        return footprints.c.restricted == false()
    own = select(footprint_keys.c.seq).where(footprint_keys.c.kind == "p", footprint_keys.c.value.in_(products))
    return (footprints.c.restricted == false()) | footprints.c.seq.in_(own)


def get(engine: Engine, pf_id: str, client: Client, api_major: int) -> str | None:
    """The stored JSON of footprint ``pf_id`` served by the v``api_major`` API; None if there is
    none [raises NotVisible if the client may not see it]."""
    f = footprints.c
    with engine.connect() as conn:
        row = conn.execute(select(f.doc, f.seq).where(f.pf_id == pf_id, f.major == api_major)).first()
        if row is None:
            return None
        ok = conn.execute(select(f.seq).where(f.seq == row.seq, _visible(engine, client))).first()
    if ok is None:
        raise NotVisible(pf_id)
    return row.doc


def page(engine: Engine, query: Query, client: Client, api_major: int, offset: int,
         limit: int) -> tuple[list[str], int]:
    """(stored JSON of one page of matching footprints, total matching) in publication order."""
    f = footprints.c
    where = [f.major == api_major, _visible(engine, client), *to_sql(query)]
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(footprints).where(*where)).scalar_one()
        docs = conn.execute(select(f.doc).where(*where).order_by(f.seq).offset(offset).limit(limit)).scalars().all()
    return list(docs), total


def listing(engine: Engine) -> list[dict[str, Any]]:
    """Every stored footprint, for the operator (id, version, status, product, access)."""
    f = footprints.c
    with engine.connect() as conn:
        rows = conn.execute(select(f.pf_id, f.major, f.status, f.restricted, f.doc).order_by(f.seq)).all()
    out = []
    for r in rows:
        doc = json.loads(r.doc)
        out.append({"id": r.pf_id, "specVersion": doc["specVersion"], "status": r.status,
                    "product": doc["productNameCompany"], "productIds": doc["productIds"],
                    "preceding": doc.get("precedingPfIds", []), "access": "restricted" if r.restricted else "public"})
    return out
