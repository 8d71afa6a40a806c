"""Pedigree-style data-quality scores computed from a value's metadata.

Scores run from 1 (best) to 5 (worst), as in the pedigree matrix of Weidema & Wesnæs
(1996) in its ecoinvent v3 form. Five indicators: reliability, completeness, temporal,
geographical and further technological correlation. Completeness cannot be judged from
a single value's metadata and is not scored (``None``). The mapping from carbonev's
metadata (tag, year, geography, comment) is documented in docs/report.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from carbonev.data.regions import REGIONS, fallbacks

INDICATORS = ("reliability", "completeness", "temporal", "geographical", "technological")
_WORLD = {"glo", "world", "global"}
_UNKNOWN = {"unknown", "n/a", "na", "xx"}


@dataclass(frozen=True)
class Pedigree:
    """Scores 1 (best) – 5 (worst); ``completeness`` is not assessed (None)."""

    reliability: int
    completeness: int | None
    temporal: int
    geographical: int
    technological: int

    def scores(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, k) for k in INDICATORS)

    @property
    def mean(self) -> float:
        """Mean of the scored indicators [-]."""
        scored = [s for s in self.scores() if s is not None]
        return sum(scored) / len(scored)

    @property
    def worst(self) -> int:
        return max(s for s in self.scores() if s is not None)

    def text(self) -> str:
        """Ecoinvent-style tuple, e.g. ``(2,–,1,2,4)``."""
        return "(" + ",".join("–" if s is None else str(s) for s in self.scores()) + ")"

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in INDICATORS} | {"mean": round(self.mean, 3)}


def reliability(tag: str) -> int:
    """verified (read in the source: published, partly assumption-based) → 2;
    secondary (from a citing document) → 3; anything else → 4."""
    return {"verified": 2, "secondary": 3}.get(tag, 4)


def temporal(reference_year: int | None, study_year: int) -> int:
    """|reference year − study year|: < 3 → 1, < 6 → 2, < 10 → 3, < 15 → 4, else or unknown → 5."""
    if reference_year is None:
        return 5
    gap = abs(reference_year - study_year)
    for score, limit in ((1, 3), (2, 6), (3, 10), (4, 15)):
        if gap < limit:
            return score
    return 5


def _region_key(geography: str) -> str:
    return geography.strip().lower()


def geographical(geography: str, study_region: str) -> int:
    """Data geography against the region studied (a carbonev region code, e.g. ``cn-zj``).

    Same region → 1; a larger Chinese area containing it (its grid, China) → 2; another
    Chinese region, or a world average (which includes China) → 3; another country or
    region (US, EU, ...) → 4; unknown → 5.
    """
    g = _region_key(geography)
    study = _region_key(study_region)
    if g in _UNKNOWN:
        return 5
    if g == study:
        return 1
    if study in REGIONS and g in fallbacks(study)[1:]:
        return 2
    if g in REGIONS or g in _WORLD:
        return 3
    return 4


def technological(*comments: str | None) -> int:
    """A comment that calls the value a proxy → 4 (related process or material);
    otherwise 2 (the process studied, from other enterprises: literature data)."""
    return 4 if any(c and "proxy" in c.lower() for c in comments) else 2


def rate(tag: str, year: int | None, geography: str, comments: Iterable[str | None],
         study_year: int | Iterable[int], study_regions: Iterable[str], exact: bool = False) -> Pedigree:
    """Score one value. Several study years or regions (a value used in several places)
    → the worst score. ``exact`` (a definition or stoichiometry) → 1 throughout."""
    if exact:
        return Pedigree(1, None, 1, 1, 1)
    years = [study_year] if isinstance(study_year, int) else list(study_year)
    regions = list(study_regions)
    return Pedigree(
        reliability=reliability(tag),
        completeness=None,
        temporal=max(temporal(year, y) for y in years),
        geographical=max(geographical(geography, r) for r in regions),
        technological=technological(*comments),
    )
