"""Orders, their lines, and the rep/product/category look-ups."""

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.store.orders import NewLine, NewOrder, OrderStore, line_for_amount

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)


@pytest.fixture
def orders(database):
    return OrderStore(database)


def test_lookups_are_accent_and_case_blind_and_create_once(database, orders):
    with database.atomic():
        rep = orders.rep_id("Rémy Albando")
        assert orders.rep_id("remy  ALBANDO") == rep
        other = orders.rep_id("Maryse Brun", kind="ambassador")
        category = orders.category_id("Épicerie")
        assert orders.category_id("epicerie") == category
        product, product_category = orders.product("Miel d'acacia", category)
        assert orders.product("MIEL D'ACACIA") == (product, category)
    assert product_category == category
    reps = {r["name"]: dict(r) for r in database.query("SELECT * FROM reps")}
    assert set(reps) == {"Rémy Albando", "Maryse Brun"}
    assert reps["Maryse Brun"]["kind"] == "ambassador" and reps["Maryse Brun"]["id"] == other
    assert len({r["code"] for r in reps.values()}) == 2
    assert orders.rep_id("") is None and orders.category_id(None) is None


def test_create_order_with_lines_promotes_the_prospect(database, contacts, orders):
    contact = contacts.create({"last_name": "Dupont"})
    lines = [
        NewLine(quantity=2, unit_price_cents=1250, label="Miel"),
        NewLine(quantity=1, unit_price_cents=990, discount_cents=90, label="Savon"),
    ]
    total = sum(round(l.quantity * l.unit_price_cents) - l.discount_cents for l in lines)
    order_id = orders.create(
        NewOrder(contact_id=contact, date="2026-03-10", amount_cents=total, channel="shop", ref="F-1", lines=lines)
    )
    assert [o["id"] for o in orders.orders_of(contact)] == [order_id]
    assert [l["label"] for l in orders.lines_of(order_id)] == ["Miel", "Savon"]
    assert contacts.get(contact)["stage"] == "client"
    assert database.scalar("SELECT count(*) FROM audit_log WHERE entity = 'order'") == 1
    with pytest.raises(CrmError, match="existe déjà"):
        orders.create(NewOrder(contact_id=contact, date="2026-03-11", amount_cents=1, ref="F-1"))
    with pytest.raises(CrmError, match="date"):
        orders.create(NewOrder(contact_id=contact, date="10/03/2026", amount_cents=1))


def test_former_clients_keep_their_stage(database, contacts, orders):
    former = contacts.create({"last_name": "Ancien", "stage": "former"})
    with database.atomic():
        assert orders.promote_to_client([former]) == 0
    assert contacts.get(former)["stage"] == "former"


@pytest.mark.parametrize(
    "amount,quantity,unit",
    [(2500, 2, 1250), (999, 3, None), (1000, 3, None), (1800, 2, 1000), (550, 1.5, None), (700, None, None)],
)
def test_line_amount_is_quantity_times_price_minus_discount(amount, quantity, unit):
    line = line_for_amount(amount, quantity, unit)
    assert round(line.quantity * line.unit_price_cents) - line.discount_cents == amount
    assert line.discount_cents >= 0


def test_line_amount_above_quantity_times_price_is_refused():
    with pytest.raises(CrmError, match="dépasse"):
        line_for_amount(3000, 2, 1000)
    with pytest.raises(CrmError, match="positive"):
        line_for_amount(3000, 0, 1000)
