"""crmdesk cohorts / crmdesk pivot: the files they write, what they say, in
French or English; progress on a terminal only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

import openpyxl
import pytest

from crmdesk.cli.main import main
from crmdesk.cli.tabular import TerminalProgress
from crmdesk.store.contacts import ContactStore
from crmdesk.store.orders import NewLine, NewOrder, OrderStore
from tests.helpers.backend import handed_over

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def client_file(database, tmp_path):
    """January: Abel and Bodin; February: Abel again, Colin new (Savon, Miel)."""
    store, orders = ContactStore(database), OrderStore(database)
    with database.atomic():
        miel, savon = orders.category_id("Miel"), orders.category_id("Savon")
    a, b, c = (store.create({"last_name": n}) for n in ("Abel", "Bodin", "Colin"))
    for contact, day, cents, category in (
        (a, "2026-01-05", 1000, miel),
        (b, "2026-01-20", 2550, savon),
        (a, "2026-02-02", 400, savon),
        (c, "2026-02-28", 999, miel),
    ):
        orders.create(
            NewOrder(
                contact_id=contact,
                date=day,
                amount_cents=cents,
                lines=[NewLine(quantity=1, unit_price_cents=cents, label="pot", category_id=category)],
            ),
            today=dt.date(2026, 12, 31),
        )
    path = handed_over(database)
    return path


def test_cohorts_as_json_on_stdout(client_file, capsys):
    assert main(["cohorts", "--db", str(client_file), "--to", "2026-02-28", "--format", "json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["in_progress"] is False
    assert [(c["cohort"], c["clients"], [m["share"] for m in c["months"]]) for c in doc["cohorts"]] == [
        ("2026-01", 2, [100.0, 50.0]),
        ("2026-02", 1, [100.0]),
    ]
    assert captured.err == "2 cohortes au 28/02/2026 (json).\n"  # quiet when piped: no progress


def test_cohorts_to_a_workbook_by_its_extension(client_file, tmp_path, capsys):
    out = tmp_path / "cohortes.xlsx"
    assert main(["cohorts", "--db", str(client_file), "--to", "2026-02-10", "--out", str(out)]) == 0
    assert capsys.readouterr().err == f"2 cohortes au 10/02/2026 dans « {out} » (xlsx).\n"
    sheet = openpyxl.load_workbook(out)["Rétention"]
    assert [c.value for c in sheet[2]][:4] == ["2026-01", 2, 1, 0.5]
    assert [c.value for c in sheet[3]][:4] == ["2026-02", 0, None, None]  # nobody yet: Colin orders on the 28th


def test_pivot_by_category_to_csv(client_file, tmp_path, capsys):
    out = tmp_path / "ca.csv"
    assert (
        main(
            [
                "pivot",
                "--db",
                str(client_file),
                "--rows",
                "category",
                "--from",
                "2026-01-01",
                "--to",
                "2026-02-28",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert capsys.readouterr().err == f"2 catégories × 2 mois du 01/01/2026 au 28/02/2026 dans « {out} » (csv).\n"
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert table == [
        ["Catégorie", "2026-01", "2026-02", "Total"],
        ["Savon", "25,50", "4,00", "29,50"],
        ["Miel", "10,00", "9,99", "19,99"],
        ["Total", "35,50", "13,99", "49,49"],
    ]


def test_pivot_by_client_to_xlsx_says_it_in_english(client_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    out = tmp_path / "ca.xlsx"
    assert (
        main(
            [
                "pivot",
                "--db",
                str(client_file),
                "--rows",
                "client",
                "--from",
                "2026-02-01",
                "--to",
                "2026-02-28",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert capsys.readouterr().err == f"2 clients × 1 month from 01/02/2026 to 28/02/2026 in “{out}” (xlsx).\n"
    sheet = openpyxl.load_workbook(out)["Revenue by client and month"]
    assert [c.value for c in sheet[1]] == ["client no.", "Client", "2026-02", "Total"]
    assert [[c.value for c in row][2:] for row in sheet.iter_rows(min_row=2, max_row=4)] == [
        [4, 4],
        [9.99, 9.99],
        [13.99, 13.99],
    ]


def test_a_period_ending_before_it_starts_is_refused(client_file, capsys, tmp_path):
    assert (
        main(
            [
                "pivot",
                "--db",
                str(client_file),
                "--rows",
                "rep",
                "--from",
                "2026-03-01",
                "--to",
                "2026-02-01",
                "--out",
                str(tmp_path / "x.csv"),
            ]
        )
        == 1
    )
    assert "commence le 01/03/2026, après sa fin le 01/02/2026" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
    assert main(["cohorts", "--db", str(client_file), "--from", "2026-03-01", "--to", "2026-02-01"]) == 1
    assert "après sa fin" in capsys.readouterr().err


def test_a_missing_file_is_said_not_created(tmp_path, capsys):
    assert main(["cohorts", "--db", str(tmp_path / "absent.sqlite")]) == 1
    assert "n'existe pas" in capsys.readouterr().err
    assert not (tmp_path / "absent.sqlite").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_only(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = TerminalProgress()
    progress(200_000, 0)
    progress(2_000, 397_000)
    progress.done()
    assert terminal.getvalue() == ("\r  200 000 lignes lues…\x1b[K\r  2 000 / 397 000 lignes écrites…\x1b[K\n")
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    quiet = TerminalProgress()
    quiet(200_000, 0)
    quiet.done()
    assert piped.getvalue() == ""
