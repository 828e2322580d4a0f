"""Files of a mailing: lots imported with the orders, a list of N° client read,
a recall's call list written (crmdesk/io/orders.py, io/outreach.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.io.orders import import_orders
from crmdesk.io.outreach import export_call_list, read_codes
from crmdesk.store.orders import NewLine, NewOrder, OrderStore
from crmdesk.store.recall import RecallCriteria, find
from tests.io.helpers import write_csv

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def clients(contacts):
    return {
        code: contacts.create(
            {
                "code": code,
                "last_name": name,
                "phone": "06 12 34 56 7" + code[-1],
                "address": "3 rue Vaubecour",
                "postal_code": "69002",
                "city": "Lyon",
            }
        )
        for code, name in (("C1", "=Dupont"), ("C2", "Martin"))
    }


def test_the_lot_column_is_imported_on_each_line(database, clients, tmp_path):
    path = write_csv(
        tmp_path / "commandes.csv",
        ["N° client", "Date", "Montant", "Réf commande", "Produit", "Quantité", "N° de lot"],
        [
            ["C1", "12/10/2026", "23,00", "CMD-1", "Miel Acacia 500 g", "2", " L240615 "],
            ["C1", "12/10/2026", "4,90", "CMD-1", "Quinoa 500 g", "1", ""],
            ["C2", "13/10/2026", "11,50", "", "", "", "L240615"],
        ],
        delimiter=";",
    )
    result = import_orders(database, path)
    assert (result.inserted, result.rejected) == (2, 0)
    lines = database.query(
        "SELECT o.ref, l.label, l.lot FROM order_lines l JOIN orders o ON o.id = l.order_id "
        "ORDER BY o.ref IS NULL, l.id"
    )
    assert [tuple(r) for r in lines] == [
        ("CMD-1", "Miel Acacia 500 g", "L240615"),
        ("CMD-1", "Quinoa 500 g", None),
        (None, None, "L240615"),
    ]
    found = find(database, RecallCriteria(None, "L240615", "2026-10-01", "2026-10-31"))
    assert [c.code for c in found.clients] == ["C1", "C2"]


def test_a_list_of_codes_with_a_header_keeps_its_other_columns(tmp_path):
    path = write_csv(
        tmp_path / "liste.csv",
        ["Civilité", "N° client", "Remise"],
        [["Mme", "C2", "15 %"], ["M.", "C1", "10 %"], ["Mme", "C2", "doublon"], ["", "", ""]],
        delimiter=";",
    )
    found = read_codes(path)
    assert found.codes == ["C2", "C1"]
    assert found.rows["C2"] == {"Civilité": "Mme", "Remise": "15 %"}


def test_a_list_of_codes_one_per_line_without_header(tmp_path):
    path = tmp_path / "codes.txt"
    path.write_text("C1\nC2\n\nC3\n", encoding="utf-8")
    assert read_codes(path).codes == ["C1", "C2", "C3"]
    empty = tmp_path / "vide.csv"
    empty.write_text("N° client;Ville\n;Lyon\n", encoding="utf-8")
    with pytest.raises(CrmError, match="« vide.csv » ne contient aucun N° client"):
        read_codes(empty)
    other = tmp_path / "autre.csv"
    other.write_text("Nom;Ville\nDupont;Lyon\n", encoding="utf-8")
    with pytest.raises(CrmError, match="« autre.csv » n'a pas de colonne « code » ou « N° client »"):
        read_codes(other)


def test_the_call_list_of_a_recall(database, clients, tmp_path):
    database.conn.execute("INSERT INTO products(id, code, name) VALUES (1, 'MIEL', 'Miel')")
    OrderStore(database).create(
        NewOrder(
            clients["C1"],
            "2026-10-12",
            2000,
            lines=[NewLine(quantity=2, unit_price_cents=1000, product_id=1, lot="L1")],
        ),
        today=dt.date(2026, 11, 23),
    )
    result = find(database, RecallCriteria(1, None, "2026-10-01", "2026-11-23"))
    out = tmp_path / "appels.csv"
    assert export_call_list(database, out, result) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 1
    row = rows[0]
    assert row["code"] == "C1" and row["last_name"] == "'=DUPONT"  # never run as a formula
    assert row["phone"] == "06 12 34 56 71" and row["bought"] == "2 × Miel (lot L1) le 12/10/2026"
    assert row["notified_on"] == ""
