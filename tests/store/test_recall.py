"""Product recalls: exactly who bought the product or the lot in the dates,
and who was told (crmdesk/store/recall.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.store.orders import NewLine, NewOrder, OrderStore
from crmdesk.store.recall import RecallCriteria, RecallStore, find, product_of
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def shop(database, contacts):
    """Five clients; who bought the honey of which lot, when."""
    conn = database.conn
    conn.execute(
        "INSERT INTO products(id, code, name) VALUES (1, 'EP-MIE', 'Miel Acacia 500 g'), (2, 'EP-QUI', 'Quinoa 500 g')"
    )
    people = {
        code: contacts.create({"code": code, "last_name": name, "opposition": code == "C3"})
        for code, name in (("C1", "Arnaud"), ("C2", "Bernard"), ("C3", "Colin"), ("C4", "Dumas"), ("C5", "Ernst"))
    }
    orders = OrderStore(database)

    def order(code, day, *lines):
        items = [NewLine(quantity=q, unit_price_cents=1000, product_id=p, lot=lot) for p, q, lot in lines]
        orders.create(NewOrder(people[code], day, sum(1000 * q for _p, q, _lot in lines), lines=items), today=TODAY)

    order("C1", "2026-10-12", (1, 2, "L240615"), (2, 1, "Q-1"))
    order("C1", "2026-11-02", (1, 1, " l240615 "))  # typed in lower case, with spaces
    order("C2", "2026-09-30", (1, 1, "L240615"))  # the day before the recall's dates
    order("C3", "2026-11-20", (1, 3, "L240615"))  # opposed prospecting: still told
    order("C4", "2026-10-20", (1, 1, "L240701"))  # another lot of the same product
    order("C5", "2026-10-15", (2, 4, "L240615"))  # the same lot number on another product
    return people


def codes(result):
    return [client.code for client in result.clients]


def test_a_recall_by_lot_lists_exactly_the_lines_of_that_lot_in_the_dates(database, shop):
    result = find(database, RecallCriteria(None, "L240615", "2026-10-01", "2026-11-23"))
    assert codes(result) == ["C1", "C3", "C5"]
    arnaud = result.clients[0]
    # each line as it was typed (trimmed)
    assert [(p.date, p.product, p.lot, p.quantity) for p in arnaud.purchases] == [
        ("2026-10-12", "Miel Acacia 500 g", "L240615", 2),
        ("2026-11-02", "Miel Acacia 500 g", "l240615", 1),
    ]
    assert arnaud.bought() == (
        "2 × Miel Acacia 500 g (lot L240615) le 12/10/2026 ; 1 × Miel Acacia 500 g (lot l240615) le 02/11/2026"
    )
    assert arnaud.row()["date_achat"] == "12 octobre 2026, 2 novembre 2026"
    assert result.to_reach == 3
    # both dates are included
    assert codes(find(database, RecallCriteria(None, "l240615", "2026-09-30", "2026-09-30"))) == ["C2"]


def test_a_recall_by_product_and_by_both(database, shop):
    honey = product_of(database, "ep-mie")["id"]
    assert codes(find(database, RecallCriteria(honey, None, "2026-10-01", "2026-11-23"))) == ["C1", "C3", "C4"]
    assert codes(find(database, RecallCriteria(honey, "L240701", "2026-10-01", "2026-11-23"))) == ["C4"]
    assert product_of(database, "Quinoa 500 G")["code"] == "EP-QUI"
    with pytest.raises(CrmError, match="Produit « Riz » introuvable"):
        product_of(database, "Riz")


def test_people_in_the_trash_or_anonymised_are_counted_not_listed(database, shop, contacts):
    contacts.trash(shop["C3"])
    result = find(database, RecallCriteria(None, "L240615", "2026-10-01", "2026-11-23"))
    assert codes(result) == ["C1", "C5"] and result.hidden == 1


def test_criteria_are_checked_in_french(database, shop):
    with pytest.raises(CrmError, match="Indiquez le produit ou le lot"):
        find(database, RecallCriteria(None, "  ", "2026-10-01", "2026-11-23"))
    with pytest.raises(CrmError, match="du 23/11/2026 au 01/10/2026 : la première date doit précéder"):
        find(database, RecallCriteria(None, "L1", "2026-11-23", "2026-10-01"))


def test_who_was_told_is_kept_with_the_saved_recall(database, shop):
    store = RecallStore(database)
    criteria = RecallCriteria(None, "L240615", "2026-10-01", "2026-11-23")
    assert store.saved(criteria) is None
    recall_id = store.open(criteria)
    assert store.open(RecallCriteria(None, "l240615", "2026-10-01", "2026-11-23")) == recall_id
    assert store.notify(recall_id, [shop["C1"], shop["C3"]], TODAY) == 2
    assert store.notify(recall_id, [shop["C1"]], TODAY + dt.timedelta(days=1)) == 0  # keeps its first day
    result = find(database, criteria, recall_id=recall_id)
    assert [(c.code, c.notified_on) for c in result.clients] == [
        ("C1", "2026-11-23"),
        ("C3", "2026-11-23"),
        ("C5", None),
    ]
    assert result.to_reach == 1
    assert store.unnotify(recall_id, [shop["C3"]]) == 1
    assert find(database, criteria, recall_id=recall_id).to_reach == 2
    (saved,) = store.recalls()
    assert (saved["lot"], saved["notified"]) == ("L240615", 1)
