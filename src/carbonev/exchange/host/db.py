"""Tables of the PACT host and the database engine (SQLAlchemy 2 Core).

One schema serves SQLite (the default: one file, nothing to set up) and PostgreSQL (give a
``postgresql+psycopg://`` URL). Every read and write of the host goes through
:mod:`carbonev.exchange.host.clients` and :mod:`carbonev.exchange.host.store`, which use
these tables only.

Footprints keep their PACT document as JSON text (served byte for byte) and, beside it, the
columns ListFootprints filters on; the arrays a filter matches item by item (product ids,
company ids, classifications) are rows of ``footprint_keys``.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    make_url,
)
from sqlalchemy.exc import ArgumentError

from carbonev.errors import SpecError

ENV = "CARBONEV_PACT_DB"
metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False))

clients = Table(
    "clients", metadata,
    Column("name", String(128), primary_key=True),
    Column("secret_hash", String(256), nullable=False),
    Column("generation", Integer, nullable=False),  # bumped by a new secret: older tokens die
    Column("created", DateTime, nullable=False),
    Column("callback_url", Text),  # where answers to this client's footprint requests go
    Column("callback_client_id", String(256)),
    Column("callback_secret", Text),  # our credential at the client's host (not ours to hash)
)

footprints = Table(
    "footprints", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # insertion order: stable pages
    Column("pf_id", String(36), nullable=False, unique=True),
    Column("major", Integer, nullable=False),  # 2 or 3: which API serves it
    Column("series", String(64), nullable=False),  # same company, products and major: one history
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime),
    Column("cpc", String(128)),
    Column("geo_country", String(2)),
    Column("geo_subdivision", String(8)),
    Column("geo_region", String(64)),
    Column("ref_start", DateTime, nullable=False),
    Column("ref_end", DateTime, nullable=False),
    Column("valid_from", DateTime, nullable=False),
    Column("valid_to", DateTime, nullable=False),
    Column("restricted", Boolean, nullable=False),
    Column("published_at", DateTime, nullable=False),
    Column("doc", Text, nullable=False),
    Index("ix_footprints_major_seq", "major", "seq"),
    Index("ix_footprints_series", "series"),
)

footprint_keys = Table(
    "footprint_keys", metadata,
    Column("seq", Integer, ForeignKey("footprints.seq", ondelete="CASCADE"), nullable=False),
    Column("kind", String(1), nullable=False),  # p: productIds, c: companyIds, k: productClassifications
    Column("value", String(512), nullable=False),
    Index("ix_keys_kind_value", "kind", "value"),
    Index("ix_keys_seq", "seq"),
)

grants = Table(
    "grants", metadata,
    Column("client", String(128), ForeignKey("clients.name", ondelete="CASCADE"), primary_key=True),
    Column("product", String(512), primary_key=True),  # a product id URN, or * for every product
)

events = Table(
    "events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("direction", String(3), nullable=False),  # in | out
    Column("client", String(128)),
    Column("type", String(128), nullable=False),
    Column("event_id", String(256)),
    Column("source", Text),
    Column("body", Text, nullable=False),
    Column("outcome", Text),
)


def default_url() -> str:
    """``$CARBONEV_PACT_DB``, else a SQLite file in the per-user data folder."""
    if os.environ.get(ENV):
        return os.environ[ENV]
    return f"sqlite:///{Path(user_data_dir('carbonev')) / 'pact-host.sqlite'}"


def database_url(db: str | Path | None) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as given, a path as a SQLite file, None the default."""
    if db is None:
        return default_url()
    text = str(db)
    if "://" in text:
        try:
            make_url(text)
        except ArgumentError as exc:
            raise SpecError(f"not a database URL: {exc}", field="--db") from None
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def connect(url: str, create: bool = True) -> Engine:
    """An engine for ``url``, the tables created if missing [raises SpecError if it cannot connect]."""
    sqlite = url.startswith("sqlite")
    if sqlite and url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    kwargs = {"connect_args": {"check_same_thread": False}} if sqlite else {"pool_pre_ping": True, "pool_size": 10}
    engine = create_engine(url, **kwargs)
    if sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    if create:
        try:
            metadata.create_all(engine)
        except Exception as exc:  # the driver's own error, in one line
            raise SpecError(f"cannot open the database: {str(exc).splitlines()[0]}", field="--db") from None
    return engine
