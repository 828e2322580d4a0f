"""The client's computed figures follow every order change, in the same transaction."""

import datetime as dt

import pytest

from crmdesk.store.orders import NewOrder, OrderStore

pytestmark = pytest.mark.both_kinds


def figures(database, contact_id):
    row = database.query(
        "SELECT revenue_year_cents, orders_year, last_order, status FROM contacts WHERE id = ?", (contact_id,)
    )[0]
    return tuple(row)


def test_create_edit_delete_and_undo_update_the_figures(database, contacts):
    client = contacts.create({"last_name": "Dupont"})
    other = contacts.create({"last_name": "Martin"})
    orders = OrderStore(database)
    today = dt.date.today()
    order_id = orders.create(NewOrder(client, today.isoformat(), 125400))
    assert figures(database, client) == (125400, 1, today.isoformat(), "occasionnel")
    orders.update(order_id, NewOrder(client, today.isoformat(), 5_000_000))
    assert figures(database, client)[:2] == (5_000_000, 1)
    assert figures(database, client)[3] == "actif"
    orders.update(order_id, NewOrder(other, today.isoformat(), 5_000_000))  # moved to another client
    assert figures(database, client)[:2] in ((None, None), (0, 0))
    assert figures(database, other)[:2] == (5_000_000, 1)
    before = orders.delete(order_id)
    assert figures(database, other)[:2] in ((None, None), (0, 0))
    orders.reinsert(order_id, before)
    assert figures(database, other)[:2] == (5_000_000, 1)


def test_an_orders_import_refreshes_the_figures(database, contacts, tmp_path, monkeypatch):
    from crmdesk.io.orders import import_orders
    from crmdesk.store import orders as orders_module

    ids = [contacts.create({"last_name": f"Client{i}", "code": f"K{i}"}) for i in range(3)]
    today = dt.date.today().strftime("%d/%m/%Y")
    csv = tmp_path / "commandes.csv"
    csv.write_text(
        "client_code;date;amount\n" + "".join(f"K{i};{today};{100 * (i + 1)},00\n" for i in range(3)), encoding="utf-8"
    )
    import_orders(database, csv)
    assert [figures(database, i)[:2] for i in ids] == [(10000, 1), (20000, 1), (30000, 1)]
    monkeypatch.setattr(orders_module, "_ONE_BY_ONE", 1)  # the all-clients pass gives the same figures
    csv.write_text("client_code;date;amount\n" + "".join(f"K{i};{today};1,00\n" for i in range(3)), encoding="utf-8")
    import_orders(database, csv)
    assert [figures(database, i)[:2] for i in ids] == [(10100, 2), (20100, 2), (30100, 2)]
