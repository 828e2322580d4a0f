"""Editing and deleting orders, the client's figures, revenue by category, the catalogue."""

import datetime as dt
import sqlite3

import pytest

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.store.orders import NO_CATEGORY, NewLine, NewOrder, OrderStore, check_order
from tests.helpers.backend import opened

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def orders(database):
    return OrderStore(database)


@pytest.fixture
def client(contacts):
    return contacts.create({"last_name": "Dupont", "stage": "client"})


def two_lines(category=None):
    return [
        NewLine(quantity=2, unit_price_cents=50000, label="Coffret", category_id=category),
        NewLine(quantity=1, unit_price_cents=26400, discount_cents=1000, label="Huile"),
    ]


def audit(database, action):
    return database.scalar("SELECT count(*) FROM audit_log WHERE entity = 'order' AND action = ?", (action,))


def test_update_replaces_fields_and_lines_and_is_audited(database, orders, client):
    order_id = orders.create(NewOrder(client, "2026-03-10", 125400, "shop", ref="F-1", lines=two_lines()), today=TODAY)
    new = NewOrder(
        client,
        "2026-03-12",
        30000,
        "web",
        ref="F-1",
        notes="corrigée",
        lines=[NewLine(quantity=3, unit_price_cents=10000, label="Miel")],
    )
    before = orders.update(order_id, new, today=TODAY)
    assert before.amount_cents == 125400 and len(before.lines) == 2
    row = orders.get(order_id)
    assert (row["date"], row["amount_cents"], row["channel"], row["notes"]) == ("2026-03-12", 30000, "web", "corrigée")
    assert [l["label"] for l in row["lines"]] == ["Miel"]
    assert audit(database, "update") == 1


def test_a_failing_line_leaves_the_order_unchanged(database, orders, client):
    order_id = orders.create(NewOrder(client, "2026-03-10", 125400, "shop", lines=two_lines()), today=TODAY)
    before = orders.get(order_id)
    # a line pointing to a product that does not exist: the foreign key fails on the second line
    bad = NewOrder(
        client,
        "2026-03-11",
        2000,
        "web",
        lines=[
            NewLine(quantity=1, unit_price_cents=1000, label="ok"),
            NewLine(quantity=1, unit_price_cents=1000, product_id=999),
        ],
    )
    with pytest.raises(sqlite3.IntegrityError):
        orders.update(order_id, bad, today=TODAY)
    assert orders.get(order_id) == before
    assert audit(database, "update") == 0
    assert not database.conn.in_transaction


def test_delete_removes_the_lines_in_one_transaction(database, orders, client):
    order_id = orders.create(NewOrder(client, "2026-03-10", 125400, "shop", lines=two_lines()), today=TODAY)
    snapshot = orders.delete(order_id)
    assert orders.get(order_id) is None
    assert database.scalar("SELECT count(*) FROM order_lines") == 0
    assert audit(database, "delete") == 1
    orders.reinsert(order_id, snapshot)
    assert orders.get(order_id)["amount_cents"] == 125400 and len(orders.lines_of(order_id)) == 2


@pytest.mark.parametrize(
    "order,field,reason",
    [
        (NewOrder(1, "2026-06-16", 100), "date", "futur"),
        (NewOrder(1, "1899-12-31", 100), "date", "1900"),
        (NewOrder(1, "2026-06-15", 0), "amount", "supérieur à zéro"),
        (NewOrder(1, "2026-06-15", -5), "amount", "supérieur à zéro"),
        (
            NewOrder(1, "2026-06-15", 100, lines=[NewLine(quantity=0, unit_price_cents=100, label="x")]),
            "line1",
            "quantité",
        ),
        (
            NewOrder(1, "2026-06-15", 100, lines=[NewLine(quantity=1, unit_price_cents=90, label="x")]),
            "lines",
            "totalisent 0,90\u00a0€",
        ),
    ],
)
def test_bad_orders_are_refused_with_the_reason(order, field, reason):
    problems = check_order(order, TODAY)
    assert field in problems and reason in problems[field]


def test_nothing_is_written_for_a_refused_order(database, orders, client):
    with pytest.raises(ValidationError) as caught:
        orders.create(NewOrder(client, "2026-06-16", 100), today=TODAY)
    assert "futur" in caught.value.problems["date"]
    assert database.scalar("SELECT count(*) FROM orders") == 0


def test_summary_this_year_last_year_average_last_date(orders, client):
    for day, cents in (("2026-01-05", 10000), ("2026-05-01", 20000), ("2025-12-31", 6000), ("2024-02-02", 4000)):
        orders.create(NewOrder(client, day, cents), today=TODAY)
    figures = orders.summary(client, TODAY)
    assert figures == {
        "count": 4,
        "total_cents": 40000,
        "this_year_cents": 30000,
        "last_year_cents": 6000,
        "average_cents": 10000,
        "last_date": "2026-05-01",
    }
    empty = orders.summary(client + 1000, TODAY)
    assert empty["count"] == 0 and empty["average_cents"] is None and empty["last_date"] is None


def test_category_shares_from_lines_and_orders_without_lines(orders, client):
    food = orders.create_category("Épicerie")
    honey = orders.create_product("Miel", food, 1000)
    orders.create(
        NewOrder(client, "2026-01-05", 3000, lines=[NewLine(quantity=3, unit_price_cents=1000, product_id=honey)]),
        today=TODAY,
    )
    orders.create(NewOrder(client, "2026-01-06", 1000), today=TODAY)
    shares = orders.category_shares(client)
    assert [(s["category"], s["revenue_cents"], s["share"]) for s in shares] == [
        ("Épicerie", 3000, 75.0),
        (NO_CATEGORY, 1000, 25.0),
    ]
    assert orders.category_shares(None) == shares


@pytest.mark.slow
def test_category_shares_on_the_demo_sum_to_100(sweetybio_db):
    with opened(sweetybio_db) as database:
        shares = OrderStore(database).category_shares()
        total = database.scalar("SELECT sum(amount_cents) FROM orders")
    assert sum(s["share"] for s in shares) == pytest.approx(100.0)
    assert sum(s["revenue_cents"] for s in shares) == total  # the demo's lines add up to its orders
    assert len(shares) >= 4


def test_catalogue_crud_and_refusals(orders, client):
    cosmetics = orders.create_category("Cosmétiques")
    with pytest.raises(CrmError, match="existe déjà"):
        orders.create_category("cosmetiques")
    orders.rename_category(cosmetics, "Soins")
    assert [c["name"] for c in orders.categories()] == ["Soins"]
    soap = orders.create_product("Savon", cosmetics, 450)
    with pytest.raises(CrmError, match="utilisée"):
        orders.delete_category(cosmetics)
    orders.update_product(soap, name="Savon au lait d'ânesse", category_id=cosmetics, unit_price_cents=500)
    orders.deactivate_product(soap)
    assert orders.products()[0]["active"] == 0 and orders.products(active_only=True) == []
    empty = orders.create_category("Vide")
    orders.delete_category(empty)
    assert [c["name"] for c in orders.categories()] == ["Soins"]
    with pytest.raises(CrmError, match="obligatoire"):
        orders.create_product("  ")
