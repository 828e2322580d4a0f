"""Reps and ambassadors: portfolio, revenue and orders per period, objectives."""

from __future__ import annotations

import pytest

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.periods import bounds, custom
from crmdesk.store.dashboard import DashboardStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.reps import RepStore, period_key
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def reps(database, contacts):
    database.conn.executemany(
        "INSERT INTO reps(id, code, name, kind) VALUES (?, ?, ?, ?)",
        [(1, "MB", "Maryse Brun", "ambassador"), (2, "RA", "Remy Albando", "ambassador")],
    )
    a = contacts.create({"last_name": "REVEL", "stage": "client", "rep_id": 1})
    b = contacts.create({"last_name": "BRINIER", "stage": "client", "rep_id": 2})
    contacts.create({"last_name": "PROSPECT", "rep_id": 1})
    orders = OrderStore(database)
    for contact_id, day, cents, rep in (
        (a, "2026-02-01", 125_400, None),
        (a, "2026-11-02", 10_000, 2),
        (b, "2026-03-01", 75_000, None),
        (b, "2025-12-31", 99_900, None),
    ):
        orders.create(NewOrder(contact_id=contact_id, date=day, amount_cents=cents, rep_id=rep), today=TODAY)
    return RepStore(database)


def test_revenue_orders_and_portfolio_per_rep_and_period(reps):
    rows = {r["code"]: r for r in reps.figures(bounds("year", TODAY))}
    assert (rows["MB"]["clients"], rows["MB"]["prospects"], rows["MB"]["revenue_cents"], rows["MB"]["orders"]) == (
        1,
        1,
        125_400,
        1,
    )
    # an order with a rep of its own counts for that rep
    assert (rows["RA"]["revenue_cents"], rows["RA"]["orders"]) == (85_000, 2)
    november = {r["code"]: r["revenue_cents"] for r in reps.figures(bounds("month", TODAY))}
    assert november == {"MB": 0, "RA": 10_000}
    assert [c["name"] for c in reps.portfolio(1)] == ["REVEL", "PROSPECT"]


def test_figures_agree_with_the_dashboard(database, reps):
    year = bounds("year", TODAY)
    board = {
        row["key"]: (row["revenue_cents"], row["orders"]) for row in DashboardStore(database).revenue_by("rep", year)
    }
    assert board == {str(r["id"]): (r["revenue_cents"], r["orders"]) for r in reps.figures(year)}


def test_objectives_against_actual_figures(reps):
    assert reps.set_objective(1, "2026", 200_000, 4) == "2026"
    assert reps.set_objective(2, "T4 2026", 20_000, None) == "2026-T4"
    rows = {r["code"]: r for r in reps.figures(bounds("year", TODAY))}
    assert (rows["MB"]["objective_revenue_cents"], rows["MB"]["revenue_reached"], rows["MB"]["orders_reached"]) == (
        200_000,
        0.627,
        0.25,
    )
    assert rows["RA"]["objective_revenue_cents"] is None  # its objective is for the quarter
    quarter = {r["code"]: r for r in reps.figures(bounds("quarter", TODAY))}
    assert (quarter["RA"]["revenue_cents"], quarter["RA"]["revenue_reached"]) == (10_000, 0.5)
    reps.set_objective(1, "2026", None, None)
    assert reps.objectives(1) == []
    with pytest.raises(ValidationError):
        reps.set_objective(1, "2026", -5, None)
    with pytest.raises(CrmError, match="période"):
        reps.set_objective(1, "l'an prochain", 1, 1)
    with pytest.raises(CrmError, match="n'existe plus"):
        reps.set_objective(99, "2026", 1, 1)


def test_period_keys():
    assert [period_key(bounds(k, TODAY)) for k in ("year", "quarter", "month")] == ["2026", "2026-T4", "2026-11"]
    assert period_key(custom(TODAY, TODAY)) is None
