"""Pivot exports: revenue by client, category or rep × month over a period,
worked out by hand, held to the dashboard's figures, safe in a spreadsheet,
never half written."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.domain.periods import custom
from crmdesk.io import frames, pivot
from crmdesk.store.contacts import ContactStore
from crmdesk.store.dashboard import DashboardStore
from crmdesk.store.orders import NewLine, NewOrder, OrderStore

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

# 15 February – 10 April: February and April are cut
PERIOD = custom(dt.date(2026, 2, 15), dt.date(2026, 4, 10))


def line(cents: int, category: int | None = None, quantity: float = 1, discount: int = 0) -> NewLine:
    return NewLine(
        quantity=quantity, unit_price_cents=cents, discount_cents=discount, label="article", category_id=category
    )


@pytest.fixture
def shop(database):
    """Two categories, two reps, three clients; one of them named like a formula."""
    orders, store = OrderStore(database), ContactStore(database)
    with database.atomic():
        miel, savon = orders.category_id("Miel"), orders.category_id("Savon")
        remy, maryse = orders.rep_id("Rémy Albando"), orders.rep_id("Maryse Brun")
    a = store.create({"code": "C001", "last_name": "Abel", "first_name": "Anne", "rep_id": remy})
    b = store.create({"code": "C002", "kind": "company", "company": '=HYPERLINK("http://x")'})
    c = store.create({"code": "C003", "kind": "company", "company": "Colin SARL"})

    def order(contact, day, *lines, amount=None, rep=None):
        total = sum(round(ln.quantity * ln.unit_price_cents) - ln.discount_cents for ln in lines)
        orders.create(
            NewOrder(
                contact_id=contact,
                date=day,
                amount_cents=total if amount is None else amount,
                rep_id=rep,
                lines=list(lines),
            ),
            today=dt.date(2026, 12, 31),
        )

    order(a, "2026-02-14", line(9900, savon))  # before the period
    order(a, "2026-02-15", line(1250, miel, quantity=2), line(990, savon, discount=90))  # 25,00 + 9,00
    order(a, "2026-03-10", line(400, miel), rep=maryse)  # its own rep
    order(b, "2026-03-31", line(1000, miel), line(500, savon))
    order(c, "2026-04-10", amount=700)  # no lines, no rep
    order(c, "2026-04-11", amount=123)  # after the period
    return {"a": a, "b": b, "c": c}


def cells(result: pivot.Pivot, label: str) -> list:
    rows = result.frame.set_index("code" if result.rows == "client" else "name")
    return rows.loc[label, [*result.months, "total"]].tolist()


def test_clients_by_month_worked_out_by_hand(database, shop):
    result = pivot.compute(database, "client", PERIOD)
    assert result.months == ["2026-02", "2026-03", "2026-04"]
    assert result.frame["code"].tolist() == ["C001", "C002", "C003", "Total"]
    assert result.frame["name"].tolist()[:3] == ["ABEL Anne", '=HYPERLINK("http://x")', "Colin SARL"]
    assert cells(result, "C001") == [3400, 400, 0, 3800]  # the 14 February order is outside
    assert cells(result, "C002") == [0, 1500, 0, 1500]
    assert cells(result, "C003") == [0, 0, 700, 700]  # the 11 April order is outside
    assert cells(result, "Total") == [3400, 1900, 700, 6000]
    assert result.count == 3


def test_categories_and_reps_by_month_worked_out_by_hand(database, shop):
    result = pivot.compute(database, "category", PERIOD)
    # biggest first; an order without lines counts its amount under « Sans catégorie »
    assert result.frame["name"].tolist() == ["Miel", "Savon", "Sans catégorie", "Total"]
    assert cells(result, "Miel") == [2500, 1400, 0, 3900]
    assert cells(result, "Savon") == [900, 500, 0, 1400]
    assert cells(result, "Sans catégorie") == [0, 0, 700, 700]
    reps = pivot.compute(database, "rep", PERIOD)
    # the order's rep first, else its client's
    assert reps.frame["name"].tolist() == ["Rémy Albando", "Sans commercial", "Maryse Brun", "Total"]
    assert cells(reps, "Rémy Albando") == [3400, 0, 0, 3400]
    assert cells(reps, "Sans commercial") == [0, 1500, 700, 2200]
    assert cells(reps, "Maryse Brun") == [0, 400, 0, 400]


@pytest.mark.parametrize("rows", ["category", "rep"])
def test_row_totals_are_the_dashboards_revenue_for_the_period(database, shop, rows):
    board = {r["label"]: r["revenue_cents"] for r in DashboardStore(database).revenue_by(rows, PERIOD)}
    result = pivot.compute(database, rows, PERIOD)
    assert dict(zip(result.frame["name"][:-1], result.frame["total"][:-1])) == board


def test_the_client_pivot_adds_up_to_the_periods_orders(database, shop):
    expected = database.scalar("SELECT sum(amount_cents) FROM orders WHERE date BETWEEN ? AND ?", PERIOD.iso())
    assert cells(pivot.compute(database, "client", PERIOD), "Total")[-1] == expected == 6000


def test_a_period_without_orders_gives_only_the_total_row(database, shop):
    result = pivot.compute(database, "client", custom(dt.date(2025, 1, 1), dt.date(2025, 2, 28)))
    assert result.count == 0 and result.frame["code"].tolist() == ["Total"]
    assert cells(result, "Total") == [0, 0, 0]


def test_csv_in_euros_with_the_formula_neutralised(database, shop, tmp_path):
    path = tmp_path / "ca.csv"
    pivot.export(database, path, "client", PERIOD, "csv")
    table = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert table == [
        ["N° client", "Client", "2026-02", "2026-03", "2026-04", "Total"],
        ["C001", "ABEL Anne", "34,00", "4,00", "0,00", "38,00"],
        ["C002", '\'=HYPERLINK("http://x")', "0,00", "15,00", "0,00", "15,00"],
        ["C003", "Colin SARL", "0,00", "0,00", "7,00", "7,00"],
        ["Total", "", "34,00", "19,00", "7,00", "60,00"],
    ]


def test_xlsx_numbers_in_euros_and_text_never_a_formula(database, shop, tmp_path):
    path = tmp_path / "ca.xlsx"
    pivot.export(database, path, "client", PERIOD, "xlsx")
    sheet = openpyxl.load_workbook(path)["CA par client et par mois"]
    assert [c.value for c in sheet[1]] == ["N° client", "Client", "2026-02", "2026-03", "2026-04", "Total"]
    assert [c.value for c in sheet[2]] == ["C001", "ABEL Anne", 34, 4, 0, 38]
    assert sheet["C2"].number_format == frames.EUROS_FORMAT
    hostile = sheet["B3"]
    assert hostile.value == '=HYPERLINK("http://x")' and hostile.data_type == "s" and hostile.quotePrefix
    assert [c.value for c in sheet[5]] == ["Total", None, 34, 19, 7, 60]
    assert sheet["A7"].value == "Du 15/02/2026 au 10/04/2026, en euros."


def test_a_stopped_export_leaves_the_previous_file(database, shop, tmp_path):
    path = tmp_path / "ca.xlsx"
    path.write_bytes(b"before")

    def stop(done, total):
        if total:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pivot.export(database, path, "client", PERIOD, "xlsx", progress=stop)
    assert path.read_bytes() == b"before"
    # nothing else beside it (a client file's own files aside)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("clients.sqlite")] == ["ca.xlsx"]


def test_what_a_sheet_cannot_hold_is_refused_before_writing(database, shop, tmp_path, monkeypatch):
    monkeypatch.setattr(frames, "XLSX_MAX_ROWS", 4)
    with pytest.raises(CrmError, match="Exportez en CSV"):
        pivot.export(database, tmp_path / "ca.xlsx", "client", PERIOD, "xlsx")
    assert not (tmp_path / "ca.xlsx").exists()


@pytest.mark.file_only("the client file given as the output: a server database is no file to overwrite")
def test_the_client_file_itself_is_never_overwritten(database, shop, db_path):
    with pytest.raises(CrmError, match="fichier clients lui-même"):
        pivot.export(database, db_path, "category", PERIOD, "csv")


def test_unknown_rows_are_refused(database):
    with pytest.raises(CrmError, match="lignes inconnues"):
        pivot.compute(database, "city", PERIOD)


# -- an independent sum over random orders, short and long periods (both ways the store reads) --------
@pytest.fixture
def random_orders(database):
    import random

    rng = random.Random(42)
    store = ContactStore(database)
    with database.atomic():
        clients = [store.create({"code": f"R{n:03d}", "last_name": f"Client {n}"}) for n in range(40)]
    orders = [
        NewOrder(
            contact_id=rng.choice(clients),
            date=(dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(700))).isoformat(),
            amount_cents=rng.randrange(100, 50_000),
        )
        for _ in range(600)
    ]
    OrderStore(database).insert_many(orders)
    return orders


@pytest.mark.parametrize(
    "start,end",
    [
        (dt.date(2026, 3, 27), dt.date(2026, 4, 9)),  # under 1/20 of the orders
        (dt.date(2025, 2, 10), dt.date(2026, 5, 20)),
    ],
)  # most of them
def test_every_cell_is_the_sum_of_its_orders(database, random_orders, start, end):
    expected: dict[tuple[str, str], int] = {}
    codes = {contact_id: code for contact_id, code in database.query("SELECT id, code FROM contacts")}
    for o in random_orders:
        if start.isoformat() <= o.date <= end.isoformat():
            key = (codes[o.contact_id], o.date[:7])
            expected[key] = expected.get(key, 0) + o.amount_cents
    result = pivot.compute(database, "client", custom(start, end))
    body = result.frame.iloc[:-1].set_index("code")[result.months]
    found = {(code, month): int(cents) for code, row in body.iterrows() for month, cents in row.items() if cents}
    assert found == expected and len(found) > 5


def test_csv_cells_exact_to_the_cent_signs_and_missing_values():
    import pandas as pd

    frame = pd.DataFrame(
        {
            "label": ["-5 kg", "ok", None],
            "cents": [-1250, 5, 123456789],
            "count": pd.array([3, None, 0], dtype="Int64"),
            "share": [0.125, float("nan"), 1.0],
        }
    )
    table = frames.Table(
        "t",
        frame,
        (
            frames.Column("label", "=titre"),
            frames.Column("cents", "€", "euros"),
            frames.Column("count", "n", "count"),
            frames.Column("share", "%", "share"),
        ),
    )
    out = io.BytesIO()
    assert frames.write_csv(table, out) == 3
    assert out.getvalue().decode("utf-8-sig").split("\r\n") == [
        "'=titre;€;n;%",
        "'-5 kg;-12,50;3;12,50",
        "ok;0,05;;",
        ";1234567,89;0;100,00",
        "",
    ]
