"""The cohort matrix by month of first order (docs/domain/06-indicators.md,
« Cohorts »): shares worked out by hand on a small file, an independent count
on a random history, agreement with the dashboard, and its files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import random
from collections import defaultdict

import openpyxl
import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.domain.periods import bounds, custom, series
from crmdesk.io import cohorts
from crmdesk.store.contacts import ContactStore
from crmdesk.store.dashboard import DashboardStore
from crmdesk.store.orders import NewOrder, OrderStore

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

APRIL_15 = dt.date(2026, 4, 15)


def order(database, contact: int, day: str, cents: int = 1000) -> int:
    return OrderStore(database).create(
        NewOrder(contact_id=contact, date=day, amount_cents=cents), today=dt.date(2026, 12, 31)
    )


@pytest.fixture
def shop(database):
    """Six clients, worked by hand (as of 15 April 2026):
    A 10 Jan, 5 Feb, 20 Apr | B 25 Jan, 1 Mar | C 31 Jan | D 14 Feb, 20 Feb, 30 Mar |
    E 3 Mar, 2 Apr (in the trash) | F 25 Apr (after the 15th)."""
    store = ContactStore(database)
    ids = {name: store.create({"last_name": name}) for name in "ABCDEF"}
    for name, days in {
        "A": ["2026-01-10", "2026-02-05", "2026-04-20"],
        "B": ["2026-01-25", "2026-03-01"],
        "C": ["2026-01-31"],
        "D": ["2026-02-14", "2026-02-20", "2026-03-30"],
        "E": ["2026-03-03", "2026-04-02"],
        "F": ["2026-04-25"],
    }.items():
        for day in days:
            order(database, ids[name], day)
    store.trash(ids["E"])
    return ids


def rows(result: cohorts.Cohorts) -> list[tuple]:
    """(cohort, clients, [(count, share in % to 2 decimals) of each known month])."""
    shares = result.shares()
    known = result.known()
    out = []
    for i, month in enumerate(result.months):
        cells = [
            (int(result.counts.iat[i, k]), None if math.isnan(shares.iat[i, k]) else round(shares.iat[i, k] * 100, 2))
            for k in result.counts.columns
            if known[i, k]
        ]
        out.append((cohorts.month_text(month), int(result.sizes.iat[i]), cells))
    return out


def test_shares_worked_out_by_hand(database, shop):
    result = cohorts.compute(database, APRIL_15)
    assert rows(result) == [
        # January: A, B, C. February: A; March: B; April (to the 15th): nobody (A's order is on the 20th)
        ("2026-01", 3, [(3, 100.0), (1, 33.33), (1, 33.33), (0, 0.0)]),
        # February: D (two orders in February count once); March: D
        ("2026-02", 1, [(1, 100.0), (1, 100.0), (0, 0.0)]),
        # March: E, in the trash, still counts (it bought); April: E on the 2nd
        ("2026-03", 1, [(1, 100.0), (1, 100.0)]),
        # April: F's first order is after the 15th: a cohort of nobody, no share
        ("2026-04", 0, [(0, None)]),
    ]
    assert result.in_progress
    assert [result.current(0, k) for k in range(4)] == [False, False, False, True]


def test_at_the_end_of_the_month_the_later_orders_count_and_nothing_is_in_progress(database, shop):
    result = cohorts.compute(database, dt.date(2026, 4, 30))
    assert rows(result)[0] == ("2026-01", 3, [(3, 100.0), (1, 33.33), (1, 33.33), (1, 33.33)])
    assert rows(result)[-1] == ("2026-04", 1, [(1, 100.0)])
    assert not result.in_progress and not result.current(0, 3)


def test_from_a_month_the_earlier_cohorts_are_left_out_not_moved(database, shop):
    result = cohorts.compute(database, APRIL_15, start=dt.date(2026, 2, 10))
    # A ordered in February but belongs to January's cohort: February's is D alone
    assert [(m, n) for m, n, _cells in rows(result)] == [("2026-02", 1), ("2026-03", 1), ("2026-04", 0)]
    with pytest.raises(CrmError, match="après sa fin"):
        cohorts.compute(database, APRIL_15, start=dt.date(2026, 5, 1))


def test_a_file_without_orders_gives_an_empty_matrix(database):
    result = cohorts.compute(database, APRIL_15)
    assert result.months == [] and rows(result) == []
    assert cohorts.as_json(result) == {"as_of": "2026-04-15", "in_progress": True, "cohorts": []}


def test_json_lists_the_known_months_with_counts_and_shares(database, shop):
    doc = cohorts.as_json(cohorts.compute(database, APRIL_15))
    assert doc["as_of"] == "2026-04-15" and doc["in_progress"] is True
    first = doc["cohorts"][0]
    assert (first["cohort"], first["clients"]) == ("2026-01", 3)
    assert first["months"][1] == {"months_since": 1, "month": "2026-02", "clients": 1, "share": 33.33}
    assert len(first["months"]) == 4 and len(doc["cohorts"][2]["months"]) == 2
    assert doc["cohorts"][3]["months"] == [{"months_since": 0, "month": "2026-04", "clients": 0, "share": None}]


# -- an independent count on a random history, and the dashboard's figures ----------------------
def oracle(history: dict[int, list[dt.date]], as_of: dt.date) -> dict[tuple[int, int], int]:
    """{(cohort month, months since): clients}, counted with sets from the order dates."""

    def number(day):
        return day.year * 12 + day.month - 1

    cells: dict[tuple[int, int], set] = defaultdict(set)
    for client, days in history.items():
        days = [d for d in days if d <= as_of]
        if days:
            first = min(number(d) for d in days)
            for d in days:
                cells[(first, number(d) - first)].add(client)
    return {key: len(who) for key, who in cells.items()}


@pytest.fixture
def random_history(database):
    rng = random.Random(17)
    store = ContactStore(database)
    history: dict[int, list[dt.date]] = {}
    with database.atomic():
        for n in range(60):
            client = store.create({"last_name": f"Client {n}"})
            start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(500))
            history[client] = [start + dt.timedelta(days=rng.randrange(0, 250)) for _ in range(rng.randrange(1, 7))]
    OrderStore(database).insert_many(
        [NewOrder(contact_id=c, date=d.isoformat(), amount_cents=500) for c, days in history.items() for d in days]
    )
    return history


@pytest.mark.parametrize("as_of", [dt.date(2025, 8, 17), dt.date(2026, 2, 28), dt.date(2026, 9, 30)])
def test_every_cell_matches_an_independent_count(database, random_history, as_of):
    result = cohorts.compute(database, as_of)
    expected = oracle(random_history, as_of)
    found = {
        (m, k): int(result.counts.iat[i, k])
        for i, m in enumerate(result.months)
        for k in result.counts.columns
        if result.counts.iat[i, k]
    }
    assert found == expected


def test_the_cells_of_a_month_add_up_to_the_dashboards_clients_of_that_month(database, random_history):
    as_of = dt.date(2026, 6, 30)
    result = cohorts.compute(database, as_of)
    months = series("month", as_of, len(result.months))
    board = DashboardStore(database).revenue_by_month(custom(months[0].start, as_of))
    by_month = defaultdict(int)
    for i, month in enumerate(result.months):
        for k in result.counts.columns:
            if result.known()[i, k]:
                by_month[cohorts.month_text(month + k)] += int(result.counts.iat[i, k])
    assert {r["month"]: r["clients"] for r in board} == dict(by_month)


def test_the_first_cohort_keeps_what_the_dashboard_calls_the_next_months_retention(database, shop):
    result = cohorts.compute(database, APRIL_15)
    retention = DashboardStore(database).retention([bounds("month", dt.date(2026, 2, 1))])[0]
    # January is the file's first month: every client of January is new, so « at start » is its cohort
    assert (retention["at_start"], retention["retained"]) == (int(result.sizes.iat[0]), int(result.counts.iat[0, 1]))
    assert retention["retention"] == pytest.approx(result.shares().iat[0, 1] * 100) == pytest.approx(100 / 3)


# -- files ---------------------------------------------------------------------------------------
def test_csv_holds_each_month_since_with_its_clients_and_share(database, shop, tmp_path):
    result = cohorts.compute(database, APRIL_15)
    path = tmp_path / "cohortes.csv"
    assert cohorts.export(database, path, result, "csv") == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:6] == ["Cohorte", "Clients", "M+0 clients", "M+0 %", "M+1 clients", "M+1 %"]
    assert table[1] == ["2026-01", "3", "3", "100,00", "1", "33,33", "1", "33,33", "0", "0,00"]
    assert table[2] == ["2026-02", "1", "1", "100,00", "1", "100,00", "0", "0,00", "", ""]
    assert table[4] == ["2026-04", "0", "0", "", "", "", "", "", "", ""]


def test_xlsx_has_coloured_shares_and_a_sheet_of_clients(database, shop, tmp_path):
    result = cohorts.compute(database, APRIL_15)
    path = tmp_path / "cohortes.xlsx"
    cohorts.export(database, path, result, "xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Rétention", "Clients"]
    shares, clients = book["Rétention"], book["Clients"]
    assert [c.value for c in shares[1]][:4] == ["Cohorte", "Clients", "M+0", "M+1"]
    assert [c.value for c in shares[2]][:6] == ["2026-01", 3, 1, pytest.approx(1 / 3), pytest.approx(1 / 3), 0]
    assert shares["C2"].number_format == "0.0 %"
    assert [c.value for c in clients[3]][:6] == ["2026-02", 1, 1, 1, 0, None]
    # coloured from M+1 (M+0 is 100 % by definition), white at 0 to blue at the best retention
    [scale] = [(str(r.sqref), r.rules[0].colorScale) for r in shares.conditional_formatting]
    assert scale[0] == "D2:F5" and [v.type for v in scale[1].cfvo] == ["num", "max"]
    notes = [row[0].value for row in shares.iter_rows(min_row=7) if row[0].value]
    assert notes[0].startswith("Au 15/04/2026.") and "n'est pas fini" in notes[1]


def test_an_unknown_format_is_refused(database, shop, tmp_path):
    with pytest.raises(CrmError, match="format inconnu"):
        cohorts.export(database, tmp_path / "x.ods", cohorts.compute(database, APRIL_15), "ods")
    assert not (tmp_path / "x.ods").exists()


def test_json_is_plain_json(database, shop):
    text = json.dumps(cohorts.as_json(cohorts.compute(database, APRIL_15)))
    assert json.loads(text)["cohorts"][1]["months"][1]["share"] == 100.0
