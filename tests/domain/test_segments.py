"""Status segments (docs/domain/03-statuses.md): explicit bounds, the grid, settings, distribution."""

from fractions import Fraction

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.domain.segments import (
    DEFAULT_GRID,
    Figures,
    Range,
    StatusGrid,
    distribution,
    grid_from_settings,
    grid_to_settings,
)

E = 100  # cents per euro


@pytest.mark.parametrize(
    "rng,inside,outside",
    [
        (Range(10, False, None, False), [10.01, 11, 10**9], [10, 9, None]),
        (Range(5, True, 8, True), [5, 6, 8], [4, 9, 4.99, 8.01]),
        (Range(1, True, 2, False), [1, 1.99], [0.99, 2]),
        (Range(None, True, 3, False), [-5, 0, 2.9], [3, 4]),
        (Range(), [0, -1, 10**12], [None]),
    ],
)
def test_range_contains_respects_each_bound(rng, inside, outside):
    assert all(rng.contains(x) for x in inside)
    assert not any(rng.contains(x) for x in outside)


def test_range_describes_itself_in_french():
    assert Range(100_000 * E, False, None, False).describe("cents") == "plus de 100\u202f000 €"
    assert Range(50_000 * E, True, 100_000 * E, True).describe("cents") == "de 50\u202f000 € à 100\u202f000 € inclus"
    assert (
        Range(40_000 * E, True, 50_000 * E, False).describe("cents") == "de 40\u202f000 € inclus à 50\u202f000 € exclu"
    )
    assert Range(None, True, 40_000 * E, False).describe("cents") == "moins de 40\u202f000 €"
    assert Range(14, True, None, True).describe("orders") == "au moins 14 commandes"
    assert Range(None, True, 1, True).describe("years") == "au plus 1 an"
    assert Range(0, False, 12_345, True).describe("cents") == "plus de 0 € et jusqu'à 123,45 € inclus"


@pytest.mark.parametrize(
    "euros,status",
    [
        (100_000.01, "premium"),
        (100_000, "actif"),
        (50_000, "actif"),
        (49_999.99, "standard"),
        (40_000, "standard"),
        (39_999.99, "occasionnel"),
        (0.01, "occasionnel"),
        (0, None),
    ],
)
def test_default_grid_revenue_bounds(euros, status):
    assert DEFAULT_GRID.criteria == ("revenue",)
    assert DEFAULT_GRID.status_of(Figures(round(euros * E), orders=0)) == status


@pytest.mark.parametrize(
    "orders,status",
    [
        (14, "premium"),
        (13, "actif"),
        (9, "actif"),
        (8, "standard"),
        (5, "standard"),
        (4, "occasionnel"),
        (1, "occasionnel"),
        (0, None),
    ],
)
def test_orders_criterion_bounds(orders, status):
    grid = DEFAULT_GRID.with_criteria(["orders"])
    assert grid.status_of(Figures(0, orders)) == status


@pytest.mark.parametrize(
    "years,status",
    [
        (3.01, "premium"),
        (3, "actif"),
        (2, "actif"),
        (1.99, "standard"),
        (1, "standard"),
        (0.99, "occasionnel"),
        (0, "occasionnel"),
        (None, None),
    ],
)
def test_seniority_criterion_bounds(years, status):
    assert DEFAULT_GRID.with_criteria(["seniority"]).status_of(Figures(0, 0, years)) == status


def test_highest_status_meeting_every_counted_criterion():
    grid = DEFAULT_GRID.with_criteria(["revenue", "orders"])
    assert grid.status_of(Figures(150_000 * E, 20)) == "premium"
    # premium revenue but actif frequency: premium fails on orders, actif fails on revenue
    assert grid.status_of(Figures(150_000 * E, 10)) is None
    assert grid.status_of(Figures(60_000 * E, 10)) == "actif"
    assert grid.status_of(Figures(45_000 * E, 6)) == "standard"


def test_settings_round_trip_and_validation():
    grid = DEFAULT_GRID.with_criteria(["orders", "revenue"])
    saved = grid_to_settings(grid)
    assert list(saved) == ["status.grid"]
    again = grid_from_settings(saved)
    assert again == grid and again.criteria == ("revenue", "orders")
    assert grid_from_settings({}) == DEFAULT_GRID
    bad = grid.to_json()
    bad["statuses"]["actif"]["revenue"]["low"] = 200_000 * E
    with pytest.raises(CrmError, match="dépasse la borne haute"):
        StatusGrid.from_json(bad)
    with pytest.raises(CrmError, match="critère inconnu"):
        StatusGrid.from_json({**grid.to_json(), "criteria": ["age"]})
    with pytest.raises(CrmError, match="au moins un critère"):
        StatusGrid.from_json({**grid.to_json(), "criteria": []})
    missing = grid.to_json()
    del missing["statuses"]["standard"]
    with pytest.raises(CrmError, match="Standard"):
        StatusGrid.from_json(missing)
    wrong = grid.to_json()
    wrong["statuses"]["premium"]["orders"]["low_inclusive"] = "oui"
    with pytest.raises(CrmError, match="true ou false"):
        StatusGrid.from_json(wrong)


def test_legacy_demo_settings_are_read():
    grid = grid_from_settings(
        {
            "status.criteria": ["orders"],
            "status.bands": {
                "note": "…",
                "Premium": {"orders_min": 14},
                "Actif": {"orders_min": 9, "orders_max": 12},
                "Standard": {"orders_min": 5, "orders_max": 8},
                "Occasionnel": {"orders_min": 1, "orders_max": 4},
            },
        }
    )
    assert grid.criteria == ("orders",)
    assert grid.rule("premium").orders == Range(14, True, None, True)
    assert grid.rule("actif").orders == Range(9, True, 12, True)
    assert grid.status_of(Figures(0, 13)) is None and grid.status_of(Figures(0, 12)) == "actif"


def test_distribution_shares_are_exact():
    data = (
        [("premium", 100)] * 39
        + [("actif", 300)] * 196
        + [("standard", 10)] * 113
        + [("occasionnel", 5)] * 52
        + [(None, 7)] * 3
    )
    d = distribution(data)
    assert d.clients == 400 and d.outside.clients == 3 and d.outside.revenue_cents == 21
    assert [r.clients for r in d.rows] == [39, 196, 113, 52]
    assert d.row("premium").volume_share == Fraction(975, 100)
    assert sum(r.volume_share for r in d.rows) == 100 and sum(r.value_share for r in d.rows) == 100
    assert d.row("actif").label == "Actif" and d.outside.label == "Hors grille"
    empty = distribution([])
    assert empty.clients == 0 and all(r.volume_share == 0 for r in empty.rows)
