"""ListFootprints filters: the v3 criteria and the v2 OData ``$filter`` subset, as SQL.

v3 (rest-api §Filtering): ``productId``, ``companyId``, ``geography``, ``classification``
(each repeatable: OR within a criterion), ``validOn``, ``validAfter``, ``validBefore``,
``status``; AND across criteria; parameter names match case-insensitively. Validity is the
footprint's stated validity period, else three years from the end of its reference period
(:func:`carbonev.exchange.pact.validity`). A ``geography`` that is a country also matches
that country's subdivisions (CN matches CN-ZJ). ``status`` other than Active/Deprecated
matches nothing, as the conformance tool expects.

v2 (v2.3 §Filtering): ``$filter`` with ``eq lt le gt ge`` on ``created``, ``updated``,
``productCategoryCpc``, ``pcf/geographyCountry``, ``pcf/referencePeriodStart``,
``pcf/referencePeriodEnd``, ``and``, parentheses, and ``productIds/any(x:(x eq '...'))`` /
``companyIds/any(...)``. Anything else in a filter is refused with NotImplemented; a
malformed one with BadRequest. Both are HTTP 400: a bad filter never reaches the database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select

from carbonev.exchange.host.db import footprint_keys, footprints
from carbonev.specs.pact_file import parse_time

MAX_LIMIT = 1000  # the host MAY return fewer than asked; never more than this per page
DEFAULT_LIMIT = 100


class QueryError(Exception):
    """A refused filter: ``code`` is the PACT error code (BadRequest or NotImplemented)."""

    def __init__(self, message: str, code: str = "BadRequest"):
        super().__init__(message)
        self.code = code


@dataclass
class Query:
    product: list[str] = field(default_factory=list)
    company: list[str] = field(default_factory=list)
    geography: list[str] = field(default_factory=list)
    classification: list[str] = field(default_factory=list)
    valid_on: dt.datetime | None = None
    valid_after: dt.datetime | None = None
    valid_before: dt.datetime | None = None
    status: list[str] = field(default_factory=list)
    odata: list[ColumnElement] = field(default_factory=list)


_LISTS = {"productid": "product", "companyid": "company", "geography": "geography",
          "classification": "classification", "status": "status"}
_TIMES = {"validon": "valid_on", "validafter": "valid_after", "validbefore": "valid_before"}


def _time(text: str, name: str) -> dt.datetime:
    try:
        return parse_time(text.strip())
    except ValueError:
        raise QueryError(f"{name}: not an ISO 8601 date-time: {text!r}") from None


def _int(text: str, name: str, least: int) -> int:
    if not re.fullmatch(r"\d{1,9}", text.strip()) or int(text) < least:
        raise QueryError(f"{name}: must be an integer ≥ {least} (got {text!r})")
    return int(text)


def criteria(query: Query, name: str, values: Iterable[Any]) -> None:
    """Add v3 criterion ``name`` (case-insensitive) with ``values`` to ``query``."""
    key = name.lower()
    values = [str(v) for v in values if str(v).strip()]  # an empty value asks for nothing
    if not values and (key in _LISTS or key in _TIMES):
        return
    if key in _LISTS:
        getattr(query, _LISTS[key]).extend(values)
    elif key in _TIMES:
        if len(values) != 1:
            raise QueryError(f"{name}: give one date-time")
        setattr(query, _TIMES[key], _time(values[0], name))
    else:
        raise QueryError(f"unknown filter parameter {name!r}; v3 filters: productId, companyId, geography, "
                         "classification, validOn, validAfter, validBefore, status")


def parse_params(items: Iterable[tuple[str, str]], major: int) -> tuple[Query, int, int]:
    """(query, offset, limit) from the request's query parameters [raises QueryError]."""
    query, offset, limit = Query(), 0, DEFAULT_LIMIT
    grouped: dict[str, list[str]] = {}
    for name, value in items:
        grouped.setdefault(name, []).append(value)
    for name, values in grouped.items():
        key = name.lower()
        if key == "limit":
            limit = min(_int(values[-1], "limit", 1), MAX_LIMIT)
        elif key == "offset":
            offset = _int(values[-1], "offset", 0)
        elif key.startswith("x-"):
            continue  # another implementor's extension: not ours to apply
        elif key == "$filter":
            if major != 2:
                raise QueryError("$filter (OData) is the v2 syntax, deprecated in v3.0; use productId, companyId, "
                                 "geography, classification, validOn, validAfter, validBefore, status")
            query.odata.append(parse_odata(values[-1]))
        elif major == 2:
            raise QueryError(f"unknown parameter {name!r}; v2 takes $filter, limit and offset")
        else:
            criteria(query, name, values)
    return query, offset, limit


def _keyed(kind: str, values: list[str]) -> ColumnElement:
    return footprints.c.seq.in_(select(footprint_keys.c.seq).where(footprint_keys.c.kind == kind,
                                                                    footprint_keys.c.value.in_(values)))


def to_sql(query: Query) -> list[ColumnElement]:
    """The WHERE conditions of ``query``."""
    f = footprints.c
    out: list[ColumnElement] = []
    for kind, values in (("p", query.product), ("c", query.company), ("k", query.classification)):
        if values:
            out.append(_keyed(kind, values))
    if query.geography:
        countries = [g for g in query.geography if re.fullmatch(r"[A-Z]{2}", g)]
        out.append(or_(f.geo_country.in_(query.geography), f.geo_subdivision.in_(query.geography),
                       f.geo_region.in_(query.geography), *[f.geo_subdivision.like(c + "-%") for c in countries]))
    if query.valid_on is not None:
        out.append(and_(f.valid_from <= query.valid_on, f.valid_to >= query.valid_on))
    if query.valid_after is not None:
        out.append(f.valid_from > query.valid_after)
    if query.valid_before is not None:
        out.append(f.valid_to < query.valid_before)
    if query.status:
        known = {s.lower(): s for s in ("Active", "Deprecated")}
        wanted = [known[s.lower()] for s in query.status if s.lower() in known]
        out.append(f.status.in_(wanted) if wanted else false())
    return out + list(query.odata)


# --- v2 OData $filter ---------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<str>'(?:[^']|'')*')|(?P<colon>:)"
                    r"|(?P<name>[A-Za-z_$][A-Za-z0-9_]*(?:/[A-Za-z_][A-Za-z0-9_]*)*))")
_OPS = {"eq": "__eq__", "lt": "__lt__", "le": "__le__", "gt": "__gt__", "ge": "__ge__"}
_PROPS = {"created": ("created_at", True), "updated": ("updated_at", True), "productCategoryCpc": ("cpc", False),
          "pcf/geographyCountry": ("geo_country", False), "pcf/referencePeriodStart": ("ref_start", True),
          "pcf/referencePeriodEnd": ("ref_end", True)}
_ANY = {"productIds/any": "p", "companyIds/any": "c"}


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"$filter: cannot read {text[pos:].strip()[:30]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str):
        self.toks, self.i = _tokens(text), 0

    def peek(self) -> tuple[str, str]:
        return self.toks[self.i] if self.i < len(self.toks) else ("end", "")

    def take(self, kind: str, value: str | None = None) -> str:
        k, v = self.peek()
        if k != kind or (value is not None and v != value):
            raise QueryError(f"$filter: expected {value or kind}, found {v or 'the end'!r}")
        self.i += 1
        return v

    def expr(self) -> ColumnElement:
        terms = [self.term()]
        while self.peek() == ("name", "and"):
            self.i += 1
            terms.append(self.term())
        if self.peek()[1] in ("or", "not"):
            raise QueryError(f"$filter: '{self.peek()[1]}' is not among the v2 filter operators", "NotImplemented")
        return and_(*terms) if len(terms) > 1 else terms[0]

    def term(self) -> ColumnElement:
        if self.peek()[0] == "lp":
            self.i += 1
            inner = self.expr()
            self.take("rp")
            return inner
        prop = self.take("name")
        if prop in _ANY:
            return self.lambda_any(_ANY[prop])
        if prop not in _PROPS:
            raise QueryError(f"$filter: property {prop!r} is not filterable in v2", "NotImplemented")
        op = self.take("name")
        if op not in _OPS:
            raise QueryError(f"$filter: operator {op!r} is not one of eq, lt, le, gt, ge", "NotImplemented")
        literal = self.take("str")[1:-1].replace("''", "'")
        column, is_time = _PROPS[prop]
        value = _time(literal, f"$filter {prop}") if is_time else literal
        return getattr(footprints.c[column], _OPS[op])(value)

    def lambda_any(self, kind: str) -> ColumnElement:
        self.take("lp")
        var = self.take("name")
        self.take("colon")
        wrapped = self.peek()[0] == "lp"
        if wrapped:
            self.i += 1
        self.take("name", var)
        if self.take("name") != "eq":
            raise QueryError("$filter: inside any() only 'eq' is allowed", "NotImplemented")
        value = self.take("str")[1:-1].replace("''", "'")
        if wrapped:
            self.take("rp")
        self.take("rp")
        return _keyed(kind, [value])


def parse_odata(text: str) -> ColumnElement:
    """A v2 ``$filter`` as one SQL condition [raises QueryError]."""
    if not text.strip():
        raise QueryError("$filter: empty")
    parser = _Parser(text)
    cond = parser.expr()
    if parser.peek()[0] != "end":
        raise QueryError(f"$filter: unexpected {parser.peek()[1]!r}")
    return cond
