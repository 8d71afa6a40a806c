"""Pedigree-style data-quality scores from hand-made metadata (mapping in docs/report.md)."""

from __future__ import annotations

import pytest

from carbonev.report import pedigree


@pytest.mark.parametrize(("tag", "score"), [("verified", 2), ("secondary", 3), ("rumour", 4)])
def test_reliability_follows_the_source_tag(tag, score):
    assert pedigree.reliability(tag) == score


@pytest.mark.parametrize(("year", "score"), [(2024, 1), (2022, 1), (2021, 2), (2019, 2), (2018, 3), (2015, 3),
                                             (2014, 4), (2010, 4), (2009, 5), (None, 5), (2027, 2), (2031, 3)])
def test_temporal_score_bands_of_the_ecoinvent_matrix(year, score):
    # < 3 years → 1, < 6 → 2, < 10 → 3, < 15 → 4, else or unknown → 5 (study year 2024)
    assert pedigree.temporal(year, 2024) == score


@pytest.mark.parametrize(("geography", "score"), [
    ("CN-ZJ", 1),        # the province studied
    ("cn-east", 2),      # its regional grid contains it
    ("CN", 2),           # the nation contains it
    ("CN-GD", 3),        # another Chinese province
    ("GLO", 3),          # world average, includes China
    ("US", 4),           # another country: proxy
    ("EU", 4),
    ("unknown", 5),
])
def test_geographical_score_against_zhejiang(geography, score):
    assert pedigree.geographical(geography, "cn-zj") == score


def test_geographical_national_study_takes_national_data_as_exact():
    assert pedigree.geographical("CN", "cn") == 1
    assert pedigree.geographical("CN-ZJ", "cn") == 3


def test_technological_proxy_comment_lowers_the_score():
    assert pedigree.technological("US shredder used as PROXY for Chinese lines") == 4
    assert pedigree.technological(None, "measured at the plant") == 2
    assert pedigree.technological(None, "hydro value reused; technology proxy") == 4


def test_rate_takes_the_worst_over_places_and_years_and_leaves_completeness_open():
    p = pedigree.rate("secondary", 2017, "US", ["GREET proxy"], [2024, 2030], ["cn-zj", "cn"])
    assert p.scores() == (3, None, 4, 4, 4)
    assert p.text() == "(3,–,4,4,4)"
    assert p.mean == pytest.approx(15 / 4)
    assert p.worst == 4


def test_exact_values_score_one_throughout():
    p = pedigree.rate("secondary", 1990, "US", ["proxy"], 2024, ["cn-zj"], exact=True)
    assert p.scores() == (1, None, 1, 1, 1)
