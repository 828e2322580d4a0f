"""RFM (docs/domain/04-rfm.md): the points grid at and around every bound, quantiles, segments."""

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmdesk.domain.errors import CrmError
from crmdesk.domain.rfm import (
    DEFAULT_GRID,
    SEGMENTS,
    AxisGrid,
    RfmGrid,
    counts_by_segment,
    grid_from_settings,
    grid_to_scale,
    quantile_scores,
    rf_matrix,
    score,
    segment_of,
)
from crmdesk.domain.segments import Range

E = 100


class Fact(NamedTuple):
    contact_id: int
    client_code: str
    recency_days: int
    frequency: int
    monetary_cents: int


@pytest.mark.parametrize(
    "days,points",
    [
        (0, 4),
        (1, 4),
        (14, 4),
        (15, 3),
        (16, 3),
        (29, 3),
        (30, 3),
        (31, 2),
        (59, 2),
        (60, 2),
        (61, 1),
        (89, 1),
        (90, 1),
        (91, 0),
        (400, 0),
    ],
)
def test_recency_points_around_every_bound(days, points):
    axis = DEFAULT_GRID.recency
    assert axis.points(days) == points == axis.scorer()(days)


@pytest.mark.parametrize(
    "orders,points",
    [
        (0, 0),
        (1, 1),
        (2, 1),
        (4, 1),
        (5, 2),
        (8, 2),
        (9, 3),
        (12, 3),
        (13, 3),
        (14, 4),
        (40, 4),
    ],
)
def test_frequency_points_around_every_bound(orders, points):
    axis = DEFAULT_GRID.frequency
    assert axis.points(orders) == points == axis.scorer()(orders)


@pytest.mark.parametrize(
    "cents,points",
    [
        (0, 0),
        (1, 1),
        (40_000 * E - 1, 1),
        (40_000 * E, 2),
        (40_000 * E + 1, 2),
        (50_000 * E - 1, 2),
        (50_000 * E, 3),
        (50_000 * E + 1, 3),
        (100_000 * E - 1, 3),
        (100_000 * E, 3),
        (100_000 * E + 1, 4),
        (10**12, 4),
    ],
)
def test_monetary_points_around_every_bound(cents, points):
    axis = DEFAULT_GRID.monetary
    assert axis.points(cents) == points == axis.scorer()(cents)


def test_seed_examples_bio_corner_and_bio_vie():
    corner, vie = score([Fact(1, "BC", 6, 18, 11_245_000), Fact(2, "BV", 75, 6, 4_230_000)])
    assert (corner.code, corner.score, corner.segment) == ("4-4-4", 12, "champions")
    assert (vie.code, vie.score, vie.segment) == ("1-2-2", 5, "a_risque")


def test_outside_points_are_configurable_and_grid_round_trips():
    grid = RfmGrid(AxisGrid(DEFAULT_GRID.recency.bands, outside=1), DEFAULT_GRID.frequency, DEFAULT_GRID.monetary)
    assert grid.recency.points(365) == 1
    assert RfmGrid.from_json(grid.to_json()) == grid
    assert grid_from_settings({}) == DEFAULT_GRID
    assert grid_from_settings({"rfm.grid": grid.to_json()}) == grid
    bad = grid.to_json()
    bad["monetary"]["bands"][0]["points"] = -1
    with pytest.raises(CrmError, match="entier positif"):
        RfmGrid.from_json(bad)
    with pytest.raises(CrmError, match="fréquence"):
        RfmGrid.from_json({"recency": bad["recency"], "monetary": bad["monetary"]})


def test_scorer_matches_points_on_a_grid_with_holes():
    axis = AxisGrid(
        ((3, Range(10, True, 20, False)), (1, Range(20, False, 30, True)), (2, Range(5, False, 7, False))), outside=0
    )
    fast = axis.scorer()
    for x in [x / 2 for x in range(0, 80)]:
        assert fast(x) == axis.points(x), x


def test_quantile_rule_on_a_small_case():
    # n = 10, w = number strictly lower: 1 + floor(5w/10)
    assert quantile_scores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quantile_scores([7, 7, 7]) == [1, 1, 1]
    assert quantile_scores([0, 0, 0, 0, 5]) == [1, 1, 1, 1, 5]
    # recency: fewer days is better
    assert quantile_scores([0, 100, 50, 0], higher_is_better=False) == [3, 1, 2, 3]
    assert quantile_scores([]) == []


values = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=200)


@settings(max_examples=200, deadline=None)
@given(values, st.booleans())
def test_quantile_properties(xs, higher_is_better):
    scores = quantile_scores(xs, higher_is_better=higher_is_better)
    assert all(1 <= s <= 5 for s in scores)
    for a, sa in zip(xs, scores):
        for b, sb in zip(xs, scores):
            if a == b:
                assert sa == sb
            better = a > b if higher_is_better else a < b
            if better:
                assert sa >= sb  # never lower than a client worse on that axis
    if len(set(xs)) == len(xs) and len(xs) >= 5:
        assert max(scores) == 5 and min(scores) == 1


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 500), st.integers(0, 30), st.integers(0, 20_000_000)), min_size=1, max_size=100)
)
def test_quantile_scoring_of_clients(triples):
    facts = [Fact(i, f"C{i}", r, f, m) for i, (r, f, m) in enumerate(triples)]
    rows = score(facts, "quantile")
    for a in rows:
        assert 3 <= a.score <= 15 and a.segment in SEGMENTS
        for b in rows:
            if a.recency_days < b.recency_days:
                assert a.r >= b.r
            if a.monetary_cents == b.monetary_cents:
                assert a.m == b.m


def test_segments_table_and_grid_mapping():
    assert [grid_to_scale(p) for p in (-1, 0, 1, 2, 3, 4, 9)] == [1, 1, 2, 3, 4, 5, 5]
    assert segment_of(5, 5) == segment_of(4, 4) == "champions"
    assert segment_of(5, 3) == segment_of(3, 5) == "fideles"
    assert segment_of(4, 2) == "prometteurs" and segment_of(5, 1) == "nouveaux"
    assert segment_of(3, 1) == "a_surveiller"
    assert segment_of(2, 5) == segment_of(1, 3) == "a_risque"
    assert segment_of(2, 2) == "hibernation" and segment_of(1, 1) == "perdus"
    every = {segment_of(r, f) for r in range(1, 6) for f in range(1, 6)}
    assert every == set(SEGMENTS)
    assert all(s.action and s.label for s in SEGMENTS.values())


def test_unknown_method_and_summaries():
    with pytest.raises(CrmError, match="inconnue"):
        score([Fact(1, "A", 0, 1, 1)], "kmeans")
    rows = score([Fact(1, "A", 0, 20, 20_000_000), Fact(2, "B", 200, 0, 0)])
    assert rows[1].code == "0-0-0" and rows[1].segment == "perdus"
    assert counts_by_segment(rows)["champions"] == 1
    assert rf_matrix(rows) == {(4, 4): 1, (0, 0): 1}
