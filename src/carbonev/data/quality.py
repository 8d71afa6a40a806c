"""Data-quality report over the shipped inventories (pure: reads a :class:`Catalog`).

Every inventory value (each exchange of each activity, each parameter) is checked for the
fields docs/data-format.md requires — unit, year, geography, source (a key that resolves to
a citation), locator and uncertainty (with its basis). The schema already refuses files
without them, so a loaded catalog should be at 100 %; the report still counts them value
by value, so that a gap (or a relaxed schema) shows up as a number, not as an assumption.

It also grades the values, to show where the data are weakest:

* ``spread`` [-]: width of the value's uncertainty relative to its amount — lognormal and
  normal: the central 95 % interval (``gsd**1.96 - gsd**-1.96``; ``2 × 1.96 × sd / |amount|``);
  uniform and triangular: the whole range ``(max - min) / |amount|``; exact: 0. ``inf`` when
  the amount is 0 and the range is not. A value is *wide* when its spread is ≥ 2 (the
  range is more than twice the value; lognormal gsd ≳ 1.57).
* ``secondary``: its source is tagged ``secondary`` (read in a citing document).
* ``proxy`` / ``placeholder``: the word appears in the value's comment, uncertainty basis
  or locator, in the name or comment of the activity holding it, or in its source's note.

A value's *weakness* is the number of these four flags (0-4); a source's is the mean over
the values citing it. Ties are broken by spread (values) and by number of values (sources).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass, field

from carbonev.data.catalog import Catalog
from carbonev.data.inventory_file import Activity, InventoryFile
from carbonev.data.records import SourcedValue

REQUIRED = ("unit", "year", "geography", "source", "locator", "uncertainty")
WIDE = 2.0  # spread from which a value counts as wide [-]
Z95 = 1.959964  # standard-normal quantile of the central 95 % interval


@dataclass(frozen=True)
class ValueQuality:
    """Quality facts about one inventory value."""

    file: str
    where: str  # "CODE <- INPUT" (exchange) or "parameter NAME"
    amount: float
    unit: str | None
    year: int | None
    geography: str | None
    source: str | None
    tag: str | None  # 'verified' / 'secondary'; None when the source key does not resolve
    distribution: str | None
    spread: float
    proxy: bool
    placeholder: bool
    missing: tuple[str, ...]

    @property
    def wide(self) -> bool:
        return self.spread >= WIDE

    @property
    def weakness(self) -> int:
        return int(self.wide) + int(self.tag == "secondary") + int(self.proxy) + int(self.placeholder)


def spread(value: SourcedValue) -> float:
    """Relative width of the value's uncertainty [-] (see module doc)."""
    u = getattr(value, "uncertainty", None)
    if u is None:
        return math.inf
    kind = u.distribution
    if kind == "exact":
        return 0.0
    if kind == "lognormal":
        return u.gsd**Z95 - u.gsd**-Z95
    width = 2 * Z95 * u.sd if kind == "normal" else u.max - u.min
    if value.amount == 0:
        return math.inf if width > 0 else 0.0
    return width / abs(value.amount)


def _present(value: SourcedValue, name: str, inv: InventoryFile) -> bool:
    if name == "source":
        key = getattr(value, "source", None)
        return bool(key) and key in inv.sources and bool(inv.sources[key].citation)
    if name == "uncertainty":
        u = getattr(value, "uncertainty", None)
        return u is not None and bool(getattr(u, "basis", "").strip())
    if name == "year":
        return isinstance(getattr(value, "year", None), int)
    text = getattr(value, name, None)
    return isinstance(text, str) and bool(text.strip())


def _mentions(word: str, *texts: str | None) -> bool:
    return any(word in t.lower() for t in texts if t)


def value_quality(value: SourcedValue, where: str, file: str, inv: InventoryFile,
                  activity: Activity | None = None) -> ValueQuality:
    """Grade one value of inventory file ``inv`` (``activity`` holds it, if an exchange)."""
    key = getattr(value, "source", None)
    src = inv.sources.get(key) if key else None
    u = getattr(value, "uncertainty", None)
    texts = (value.comment, getattr(u, "basis", None), getattr(value, "locator", None),
             activity.name if activity else None, activity.comment if activity else None,
             src.note if src else None)
    return ValueQuality(
        file=file, where=where, amount=value.amount, unit=getattr(value, "unit", None),
        year=getattr(value, "year", None), geography=getattr(value, "geography", None), source=key,
        tag=src.tag if src else None, distribution=getattr(u, "distribution", None), spread=spread(value),
        proxy=_mentions("proxy", *texts), placeholder=_mentions("placeholder", *texts),
        missing=tuple(f for f in REQUIRED if not _present(value, f, inv)),
    )


def collect(cat: Catalog) -> list[ValueQuality]:
    """Every exchange and parameter of every inventory file, graded, in file order."""
    out = []
    for fname, inv in cat.inventories.items():
        for act in inv.activities:
            for exc in act.exchanges:
                out.append(value_quality(exc, f"{act.code} <- {exc.input or exc.flow}", fname, inv, act))
        for name, par in inv.parameters.items():
            out.append(value_quality(par, f"parameter {name}", fname, inv))
    return out


def _coverage(values: list[ValueQuality]) -> dict[str, float]:
    n = len(values)
    return {f: (100.0 * sum(f not in v.missing for v in values) / n if n else 100.0) for f in REQUIRED}


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


@dataclass(frozen=True)
class FileSummary:
    name: str
    values: int
    exchanges: int
    parameters: int
    coverage: dict[str, float]  # % of values with each required field
    verified: int
    secondary: int
    proxies: int
    placeholders: int
    wide: int
    oldest_year: int | None
    newest_year: int | None


@dataclass(frozen=True)
class SourceSummary:
    file: str
    key: str
    citation: str
    tag: str
    values: int
    oldest_year: int | None
    newest_year: int | None
    proxies: int
    placeholders: int
    median_spread: float | None
    weakness: float  # mean weakness of the values citing it (0-4)


@dataclass
class QualityReport:
    values: list[ValueQuality]
    files: list[FileSummary] = field(default_factory=list)
    sources: list[SourceSummary] = field(default_factory=list)

    @property
    def coverage(self) -> dict[str, float]:
        """% of all values with each required field."""
        return _coverage(self.values)

    @property
    def complete(self) -> bool:
        """True when every value carries every required field."""
        return not any(v.missing for v in self.values)

    def totals(self) -> dict[str, int | None]:
        """Counts over all values: values, verified, secondary, proxies, placeholders, wide,
        and the oldest reference year."""
        v = self.values
        return {"values": len(v), "verified": sum(x.tag == "verified" for x in v),
                "secondary": sum(x.tag == "secondary" for x in v), "proxies": sum(x.proxy for x in v),
                "placeholders": sum(x.placeholder for x in v), "wide": sum(x.wide for x in v),
                "oldest_year": min(_years(v), default=None)}

    def incomplete(self) -> list[ValueQuality]:
        return [v for v in self.values if v.missing]

    def oldest_sources(self, n: int = 10) -> list[SourceSummary]:
        dated = [s for s in self.sources if s.oldest_year is not None]
        return sorted(dated, key=lambda s: (s.oldest_year, s.file, s.key))[:n]

    def weakest_sources(self, n: int = 10) -> list[SourceSummary]:
        return sorted(self.sources, key=lambda s: (-s.weakness, -s.values, s.file, s.key))[:n]

    def weakest_values(self, n: int = 10) -> list[ValueQuality]:
        return sorted(self.values, key=lambda v: (-v.weakness, -v.spread, v.file, v.where))[:n]

    def widest_values(self, n: int = 10) -> list[ValueQuality]:
        return sorted(self.values, key=lambda v: (-v.spread, v.file, v.where))[:n]

    def to_dict(self, top: int = 10) -> dict:
        """JSON-ready summary (floats rounded; ``inf`` spreads as null)."""

        def val(v: ValueQuality) -> dict:
            d = asdict(v)
            d.update(spread=_round(v.spread), missing=list(v.missing), weakness=v.weakness)
            return d

        return {
            "complete": self.complete,
            "coverage_percent": {k: round(x, 2) for k, x in self.coverage.items()},
            **self.totals(),
            "wide_threshold": WIDE,
            "files": [asdict(f) | {"coverage": {k: round(x, 2) for k, x in f.coverage.items()}}
                      for f in self.files],
            "incomplete": [val(v) for v in self.incomplete()],
            "oldest_sources": [_source_dict(s) for s in self.oldest_sources(top)],
            "weakest_sources": [_source_dict(s) for s in self.weakest_sources(top)],
            "weakest_values": [val(v) for v in self.weakest_values(top)],
            "widest_values": [val(v) for v in self.widest_values(top)],
            "placeholder_values": [val(v) for v in self.values if v.placeholder],
        }


def _round(x: float | None, digits: int = 4) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, digits)


def _source_dict(s: SourceSummary) -> dict:
    return asdict(s) | {"median_spread": _round(s.median_spread), "weakness": round(s.weakness, 3)}


def _years(values: list[ValueQuality]) -> list[int]:
    return [v.year for v in values if isinstance(v.year, int)]


def report(cat: Catalog) -> QualityReport:
    """Coverage and quality of every value in ``cat``'s inventory files."""
    values = collect(cat)
    rep = QualityReport(values)
    for fname, inv in cat.inventories.items():
        own = [v for v in values if v.file == fname]
        years = _years(own)
        n_exc = sum(len(a.exchanges) for a in inv.activities)
        rep.files.append(FileSummary(
            name=fname, values=len(own), exchanges=n_exc, parameters=len(own) - n_exc,
            coverage=_coverage(own),
            verified=sum(v.tag == "verified" for v in own), secondary=sum(v.tag == "secondary" for v in own),
            proxies=sum(v.proxy for v in own), placeholders=sum(v.placeholder for v in own),
            wide=sum(v.wide for v in own),
            oldest_year=min(years, default=None), newest_year=max(years, default=None),
        ))
        for key, src in inv.sources.items():
            cited = [v for v in own if v.source == key]
            if not cited:
                continue
            spreads = [v.spread for v in cited if math.isfinite(v.spread)]
            years = _years(cited)
            rep.sources.append(SourceSummary(
                file=fname, key=key, citation=src.citation, tag=src.tag, values=len(cited),
                oldest_year=min(years, default=None), newest_year=max(years, default=None),
                proxies=sum(v.proxy for v in cited), placeholders=sum(v.placeholder for v in cited),
                median_spread=_finite(statistics.median(spreads)) if spreads else None,
                weakness=sum(v.weakness for v in cited) / len(cited),
            ))
    return rep
