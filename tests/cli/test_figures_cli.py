"""Figures as of a day on the command line (issue 16): its two worked examples on the
Sweety Bio demo, cards, the kpi command; every expected figure summed here from the
orders of the file."""

from __future__ import annotations

import datetime as dt
import re

import pypdf
import pytest

from crmdesk import demo
from crmdesk.cli.main import main
from crmdesk.domain.money import format_eur
from crmdesk.store.database import Database
from tests.helpers.cli import cli

BIO_CORNER = "SB00007"
MONEY_ROW = r"Chiffre d'affaires\n ([\d ]+,\d\d €)\n (.+)\n (.+)\n"  # the row, not the section title


def pdf_text(path) -> str:
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return re.sub(r"[\u00a0\u202f]", " ", text)


def euros(cents: int) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", format_eur(cents))


def orders_of(path, code: str) -> list[tuple[str, int]]:
    with Database(path, writer=False) as database:
        return [
            tuple(r)
            for r in database.query(
                "SELECT o.date, o.amount_cents FROM orders o JOIN contacts c ON c.id = o.contact_id "
                "WHERE c.code = ? ORDER BY o.date",
                (code,),
            )
        ]


def total(orders, first: dt.date, last: dt.date) -> tuple[int, int]:
    """(cents, count) of the orders dated first … last, both included."""
    inside = [cents for date, cents in orders if first.isoformat() <= date[:10] <= last.isoformat()]
    return sum(inside), len(inside)


@pytest.fixture(scope="module")
def demo_of(tmp_path_factory):
    """The Sweety Bio demo built (figures saved) on a given day, once per day."""
    built = {}

    def make(day: dt.date):
        if day not in built:
            built[day] = tmp_path_factory.mktemp("demo") / f"sweetybio-{day}.sqlite"
            demo.build("sweetybio", built[day], today=day)
        return built[day]

    return make


def test_a_sheet_printed_100_days_after_the_figures_shows_the_12_months_to_that_day(demo_of, tmp_path):
    """Issue 16, first example: figures saved on 23/11/2026 said 112 450,00 € / 18 orders."""
    saved_on = dt.date(2026, 11, 23)
    path = demo_of(saved_on)
    with Database(path, writer=False) as database:
        assert tuple(
            database.query("SELECT revenue_year_cents, orders_year FROM contacts WHERE code = ?", (BIO_CORNER,))[0]
        ) == (11_245_000, 18)
    printed = saved_on + dt.timedelta(days=100)
    cents, count = total(orders_of(path, BIO_CORNER), printed - dt.timedelta(days=364), printed)
    assert (cents, count) == (8_562_599, 14)  # 85 625,99 € / 14, as the issue says
    out = tmp_path / "fiche.pdf"
    assert cli("sheet", "--db", path, "--client", BIO_CORNER, "--out", out, "--as-of", printed) == 0
    text = pdf_text(out)
    row_money = re.search(MONEY_ROW, text).groups()
    row_count = re.search(r"Commandes\n (\d+)\n (\d+)\n (\d+)\n", text).groups()
    assert (row_money[2], row_count[2]) == (euros(cents), str(count))
    assert "Chiffres au\n03/03/2027" in text and "112 450,00 €" not in text
    # as of that day its last order is 106 days old: out of the recency grid
    assert "RFM\n0-4-3 · À risque" in text


def test_sheet_as_of_a_day_leaves_out_the_orders_after_it(demo_of, tmp_path):
    """Issue 16, second example: an order on 01/12 is neither counted nor listed « au 30/11 »."""
    path = demo_of(dt.date(2026, 12, 7))
    orders = orders_of(path, BIO_CORNER)
    assert ("2026-12-01", 708_669) in orders and ("2026-11-30", 737_953) in orders
    as_of = dt.date(2026, 11, 30)
    this_year = total(orders, dt.date(2026, 1, 1), as_of)
    assert this_year == (9_950_654, 16)  # 99 506,54 € / 16, not 106 593,23 € / 17
    twelve = total(orders, as_of - dt.timedelta(days=364), as_of)
    out = tmp_path / "fiche.pdf"
    assert cli("sheet", "--db", path, "--client", BIO_CORNER, "--out", out, "--as-of", "2026-11-30") == 0
    text = pdf_text(out)
    assert "2026 (au 30/11/2026)" in text
    money = re.search(MONEY_ROW, text).groups()
    counts = re.search(r"Commandes\n (\d+)\n (\d+)\n (\d+)\n", text).groups()
    assert money[1:] == (euros(this_year[0]), euros(twelve[0]))
    assert counts[1:] == (str(this_year[1]), str(twelve[1]))
    listed = text[text.index("Dernières commandes") :]
    assert "30/11/2026" in listed and "01/12/2026" not in listed
    assert re.search(r"Dernière\scommande\n30/11/2026", text)


def test_cards_print_the_status_of_their_day_and_say_it(demo_of, tmp_path):
    from crmdesk.domain.segments import LABELS, Figures
    from crmdesk.store import analytics

    path = demo_of(dt.date(2026, 11, 23))
    later = dt.date(2027, 3, 3)
    cents, count = total(orders_of(path, BIO_CORNER), later - dt.timedelta(days=364), later)
    with Database(path, writer=False) as database:
        status = analytics.file_grid(database).status_of(Figures(cents, count, None))
    out = tmp_path / "cartes.pdf"
    assert cli("cards", "--db", path, "--client", BIO_CORNER, "--out", out, "--as-of", later) == 0
    text = pdf_text(out)
    assert "Chiffres au 03/03/2027" in text
    # its status label and its RFM segment's label (0-4-3 as of that day: « À risque »), never their codes
    assert f"Statut : {LABELS[status]} · À risque" in text
    assert "a_risque" not in text and status not in text


def test_kpi_counts_the_statuses_of_the_period_s_last_day(demo_of, capsys):
    import json

    from crmdesk.domain.segments import DEFAULT_GRID, Figures
    from crmdesk.store import analytics

    path = demo_of(dt.date(2026, 11, 23))
    day = dt.date(2026, 6, 30)
    assert main(["kpi", "--db", str(path), "--from", "2026-01-01", "--to", day.isoformat(), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["figures_as_of"] == "2026-06-30"
    with Database(path, writer=False) as database:
        grid = analytics.file_grid(database)
        by_client: dict[int, list[int]] = {}
        for cid, date, cents in database.query(
            "SELECT contact_id, date, amount_cents FROM orders o "
            "JOIN contacts c ON c.id = o.contact_id "
            "WHERE c.deleted_at IS NULL AND o.date <= ?",
            (day.isoformat(),),
        ):
            inside = date[:10] >= (day - dt.timedelta(days=364)).isoformat()
            by_client.setdefault(cid, [0, 0])
            by_client[cid][0] += cents * inside
            by_client[cid][1] += inside
    assert grid.criteria == ("orders",) and grid != DEFAULT_GRID  # the demo's own grid
    expected: dict[str, int] = {}
    for cents, count in by_client.values():
        status = grid.status_of(Figures(cents, count, None))
        if status:
            expected[status] = expected.get(status, 0) + 1
    got = {row["status"]: row["clients"] for row in doc["status"] if row["status"] and row["clients"]}
    assert got == expected and got != {"premium": 39, "actif": 196, "standard": 113, "occasionnel": 52}


def test_a_status_selection_is_that_of_today_even_when_the_file_computed_it_earlier(demo_of, tmp_path):
    """A demo whose figures were saved on 30/06/2025: more than a year later nobody has ordered for
    a year, so today nobody is Premium and everybody is without a status."""
    import csv

    path = demo_of(dt.date(2025, 6, 30))
    today = dt.date.today()
    with Database(path, writer=False) as database:
        saved = dict(
            database.query("SELECT ifnull(status, ''), count(*) FROM contacts WHERE deleted_at IS NULL GROUP BY 1")
        )
        live = [
            r[0]
            for r in database.query(
                "SELECT code FROM contacts WHERE deleted_at IS NULL AND erased_at IS NULL ORDER BY code"
            )
        ]
        recent = database.scalar(
            "SELECT count(*) FROM orders WHERE date > ?", ((today - dt.timedelta(days=365)).isoformat(),)
        )
    assert saved["premium"] == 39 and recent == 0

    def exported(*choice) -> list[str]:
        out = tmp_path / "selection.csv"
        assert cli("export", "clients", "--db", path, *choice, "--out", out) == 0
        with open(out, encoding="utf-8-sig", newline="") as handle:
            return [row["code"] for row in csv.DictReader(handle, delimiter=";")]

    assert exported("--status", "premium") == []
    assert exported("--status", "aucun") == live and len(live) > saved[""]
