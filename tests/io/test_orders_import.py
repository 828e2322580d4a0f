"""Importing orders: French amounts, orders of several lines, unknown clients."""

from decimal import Decimal

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.io.orders import import_orders
from crmdesk.store.contacts import ContactStore
from crmdesk.store.orders import PLACEHOLDER_NAME, OrderStore
from tests.io.helpers import write_csv

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)


def french(amount: Decimal) -> str:
    """Decimal("1254.50") -> « 1 254,50 » (as French Excel writes it)."""
    units, cents = f"{amount:.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    return " ".join(groups) + "," + cents


@pytest.fixture
def clients(contacts):
    return {
        code: contacts.create({"code": code, "last_name": name}) for code, name in (("C1", "Dupont"), ("C2", "Martin"))
    }


def run(database, path, **options):
    rejects = []
    return import_orders(database, path, on_reject=rejects.append, **options), rejects


def test_french_amounts_and_dates(database, clients, tmp_path):
    amounts = [Decimal("1254.50"), Decimal("12.3"), Decimal("0.05")]
    rows = [
        ["C1", "05/01/2026", french(amounts[0])],
        ["C2", "2026-02-03", french(amounts[1])],
        ["C1", "28/02/2026", str(amounts[2])],
    ]
    path = write_csv(tmp_path / "o.csv", ["client_code", "date", "amount"], rows, encoding="cp1252", delimiter=";")
    result, rejects = run(database, path)
    assert rejects == [] and result.inserted == len(rows)
    stored = database.query("SELECT contact_id, date, amount_cents FROM orders ORDER BY id")
    assert [r["amount_cents"] for r in stored] == [int(a * 100) for a in amounts]
    assert [r["date"] for r in stored] == ["2026-01-05", "2026-02-03", "2026-02-28"]
    assert [r["contact_id"] for r in stored] == [clients[row[0]] for row in rows]


def test_rows_with_the_same_ref_are_one_order_with_lines(database, clients, tmp_path):
    header = ["order_ref", "client_code", "date", "amount", "product", "category", "quantity", "unit_price"]
    rows = [
        ["F-1", "C1", "10/03/2026", "25,00", "Miel d'acacia", "Épicerie", "2", "12,50"],
        ["F-2", "C2", "11/03/2026", "9,90", "", "", "", ""],
        ["F-1", "C1", "10/03/2026", "18,00", "Savon", "Cosmétiques", "2", "10,00"],
    ]
    result, rejects = run(database, write_csv(tmp_path / "o.csv", header, rows))
    assert rejects == [] and (result.inserted, result.lines) == (2, 2)
    store = OrderStore(database)
    order = next(o for o in store.orders_of(clients["C1"]) if o["ref"] == "F-1")
    assert order["amount_cents"] == 2500 + 1800
    lines = store.lines_of(order["id"])
    assert [(l["product_name"], l["category_name"], l["quantity"]) for l in lines] == [
        ("Miel d'acacia", "Épicerie", 2.0),
        ("Savon", "Cosmétiques", 2.0),
    ]
    assert [l["unit_price_cents"] * l["quantity"] - l["discount_cents"] for l in lines] == [2500, 1800]


def test_a_bad_line_rejects_its_whole_order(database, clients, tmp_path):
    header = ["order_ref", "client_code", "date", "amount"]
    rows = [
        ["F-1", "C1", "10/03/2026", "10,00"],
        ["F-1", "C1", "31/02/2026", "5,00"],
        ["F-2", "C2", "10/03/2026", "7,00"],
    ]
    result, rejects = run(database, write_csv(tmp_path / "o.csv", header, rows))
    assert result.inserted == 1
    assert sorted(r.line for r in rejects) == [2, 3]
    assert any("impossible" in r.reason for r in rejects)
    assert database.query("SELECT ref FROM orders")[0]["ref"] == "F-2"


def test_importing_the_same_refs_twice_is_refused(database, clients, tmp_path):
    path = write_csv(
        tmp_path / "o.csv", ["order_ref", "client_code", "date", "amount"], [["F-1", "C1", "10/03/2026", "10"]]
    )
    run(database, path)
    result, rejects = run(database, path)
    assert result.inserted == 0 and "déjà" in rejects[0].reason
    assert database.scalar("SELECT count(*) FROM orders") == 1


def test_unknown_client_is_an_error_unless_create_missing(database, clients, tmp_path):
    path = write_csv(
        tmp_path / "o.csv",
        ["client_code", "date", "amount"],
        [["ZZ9", "10/03/2026", "10"], ["ZZ9", "11/03/2026", "20"]],
    )
    result, rejects = run(database, path)
    assert result.inserted == 0 and [r.line for r in rejects] == [2, 3]
    assert "ZZ9" in rejects[0].reason
    result, rejects = run(database, path, create_missing=True)
    assert rejects == [] and (result.inserted, result.created_contacts) == (2, 1)
    store = ContactStore(database)
    contact = store.get(store.id_of_code("ZZ9"))
    assert (contact["stage"], contact["last_name"]) == ("client", PLACEHOLDER_NAME)


def test_a_prospect_with_an_order_becomes_a_client(database, clients, tmp_path):
    store = ContactStore(database)
    assert store.get(clients["C1"])["stage"] == "prospect"
    path = write_csv(
        tmp_path / "o.csv",
        ["client_code", "date", "amount", "channel", "rep"],
        [["C1", "10/03/2026", "10", "boutique", "Rémy Albando"]],
    )
    result, _ = run(database, path)
    assert result.promoted == 1
    assert store.get(clients["C1"])["stage"] == "client"
    assert store.get(clients["C2"])["stage"] == "prospect"
    order = OrderStore(database).orders_of(clients["C1"])[0]
    assert (order["channel"], order["rep_name"]) == ("shop", "Rémy Albando")


@pytest.mark.parametrize(
    "field,value,reason",
    [
        ("amount", "12,345", "décimales"),
        ("amount", "-5", "négatif"),
        ("amount", "abc", "illisible"),
        ("date", "01/02/03", "ambiguë"),
        ("date", "01/01/2999", "futur"),
        ("channel", "pigeon", "canal"),
    ],
)
def test_bad_values_are_explained(database, clients, tmp_path, field, value, reason):
    row = {"client_code": "C1", "date": "10/03/2026", "amount": "10", "channel": ""}
    row[field] = value
    path = write_csv(tmp_path / "o.csv", list(row), [list(row.values())])
    result, rejects = run(database, path)
    assert result.inserted == 0 and reason in rejects[0].reason and field in rejects[0].reason


def test_required_columns(database, tmp_path):
    with pytest.raises(CrmError, match="amount"):
        run(database, write_csv(tmp_path / "o.csv", ["client_code", "date"], [["C1", "10/03/2026"]]))
