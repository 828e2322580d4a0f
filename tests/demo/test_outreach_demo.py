"""Sweety Bio for reaching clients: the shipped templates, lots on the food sold,
the honey lot of the safety complaint found by a recall."""

from __future__ import annotations

from crmdesk.store.database import Database
from crmdesk.store.recall import RecallCriteria, find


def test_the_demo_holds_the_eight_shipped_templates(sweetybio):
    names = [r[0] for r in sweetybio.execute("SELECT name FROM templates ORDER BY id")]
    assert len(names) == 8 and "Rappel de produit" in names and "Relance des clients à risque" in names


def test_food_lines_carry_lots_and_the_rest_none(sweetybio):
    rows = sweetybio.execute(
        "SELECT p.code, count(l.lot), count(*) FROM order_lines l JOIN products p ON p.id = l.product_id "
        "GROUP BY p.code"
    ).fetchall()
    for code, with_lot, lines in rows:
        food = code.startswith(("FR-", "EP-"))
        assert (with_lot == lines) if food else (with_lot == 0), code


def test_the_honey_lot_of_the_complaint_is_recalled_from_its_buyers(sweetybio, sweetybio_path):
    (lot,) = sweetybio.execute("SELECT lot FROM complaints WHERE kind = 'safety'").fetchone()
    expected = {
        r[0]
        for r in sweetybio.execute(
            "SELECT DISTINCT o.contact_id FROM orders o JOIN order_lines l ON l.order_id = o.id "
            "WHERE l.lot = ? AND o.date BETWEEN '2026-10-07' AND '2026-11-21'",
            (lot,),
        )
    }
    with Database(sweetybio_path, writer=False) as database:
        result = find(database, RecallCriteria(None, lot.lower(), "2026-10-07", "2026-11-21"))
    assert {c.contact_id for c in result.clients} == expected and len(expected) > 20
    assert {p.product for c in result.clients for p in c.purchases} == {"Miel Acacia 500 g"}
