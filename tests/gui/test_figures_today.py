"""Issue 16: the figures follow the calendar. A file whose figures were computed the
day of its last order is used 100 days later: the client table (after the window's
background recompute), the sheet, `export clients --figures` and the dashboard's
status counts all give the figures of that day, each checked against a computation
made here from the orders of the test."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pypdf
import pytest
from PySide6.QtCore import Qt

from crmdesk.cli.main import main
from crmdesk.domain import rfm
from crmdesk.domain.dates import format_date
from crmdesk.domain.money import format_eur
from crmdesk.domain.segments import DEFAULT_GRID, LABELS, OUTSIDE_LABEL, Figures
from crmdesk.gui.clients.client_model import COLUMN_KEYS
from crmdesk.store import figures, figures_update
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.settings import SettingsStore

TODAY = dt.date.today()  # `export` works as of the real today: the day every part is given
LAST = TODAY - dt.timedelta(days=100)
EURO = 100

# code -> orders (days before LAST, euros): A a Premium who stopped buying, B an Actif who did too,
# C ordered once, on LAST, D long ago; P is a prospect without orders.
ORDERS = {
    "A": [(d, 6_247.22 + d) for d in range(0, 360, 20)],  # 18 orders, 112 k€ on LAST
    "B": [(d, 5_500.0) for d in (0, 60, 120, 180, 240, 300, 330)] + [(90, 19_999.99), (200, 1.01)],
    "C": [(0, 850.5)],
    "D": [(500, 3_000.0)],
}


def expected(day: dt.date) -> dict[str, dict]:
    """Each client's figures as of `day`, from ORDERS: the default grids, a 365-day window."""
    result = {}
    for code, orders in ORDERS.items():
        dates = [(LAST - dt.timedelta(days=back), round(euros * EURO)) for back, euros in orders]
        dates = [(d, c) for d, c in dates if d <= day]
        year = [c for d, c in dates if (day - d).days < 365]
        last = max(d for d, _ in dates)
        status = DEFAULT_GRID.status_of(Figures(sum(year), len(year), None))
        points = [
            rfm.DEFAULT_GRID.axis(a).points(v) for a, v in zip(rfm.AXES, ((day - last).days, len(year), sum(year)))
        ]
        segment = rfm.segment_of(rfm.grid_to_scale(points[0]), rfm.grid_to_scale(points[1]))
        result[code] = {
            "status": status,
            "revenue": sum(year),
            "orders": len(year),
            "last": last,
            "code": "-".join(map(str, points)),
            "segment": segment,
        }
    return result


def status_text(status: str | None) -> str:
    return LABELS[status] if status else OUTSIDE_LABEL


@pytest.fixture
def stale_file(tmp_path):
    """The client file, its figures saved on LAST (the day of its last order)."""
    path = tmp_path / "stale.sqlite"
    with Database(path, create=True) as database:
        contacts = ContactStore(database)
        ids = {
            code: contacts.create(
                {"code": code, "last_name": f"Client {code}", "stage": "client" if code != "P" else "prospect"}
            )
            for code in (*ORDERS, "P")
        }
        with database.atomic() as conn:
            conn.executemany(
                "INSERT INTO orders(contact_id, date, amount_cents, created_at) VALUES (?, ?, ?, ?)",
                [
                    (
                        ids[code],
                        (LAST - dt.timedelta(days=back)).isoformat(),
                        round(euros * EURO),
                        "2020-01-01T00:00:00",
                    )
                    for code, orders in ORDERS.items()
                    for back, euros in orders
                ],
            )
        figures_update.recompute(database, LAST)
    then, now = expected(LAST), expected(TODAY)
    assert then["A"]["status"] == "premium" and now["A"]["status"] != "premium"  # the day matters
    assert then["B"]["status"] != now["B"]["status"] and then["C"]["code"] != now["C"]["code"]
    return path


def test_sheet_export_and_dashboard_of_a_file_computed_100_days_ago(stale_file, tmp_path, capsys):
    from crmdesk.domain.periods import bounds
    from crmdesk.reports.prints import print_sheets
    from crmdesk.store.dashboard import DashboardStore

    now = expected(TODAY)
    with Database(stale_file, writer=False) as database:
        assert figures.saved_state(database).day == LAST
        a = ContactStore(database).id_of_code("A")
        out = tmp_path / "fiche.pdf"
        print_sheets(database, [a], out, today=TODAY)
        text = pypdf.PdfReader(out).pages[0].extract_text().replace("\u202f", " ").replace("\u00a0", " ")
        snapshot = DashboardStore(database).snapshot(bounds("month", TODAY), figures_as_of=TODAY)
    # the sheet: the 12 months to TODAY, its status and RFM, and the day they are of
    assert f"Statut\n{status_text(now['A']['status'])}" in text
    assert f"RFM\n{now['A']['code']} · {rfm.SEGMENTS[now['A']['segment']].label}" in text
    assert f"Chiffres au\n{TODAY:%d/%m/%Y}" in text
    twelve = format_eur(now["A"]["revenue"]).replace("\u202f", " ").replace("\u00a0", " ")
    assert f" {twelve}\nCommandes\n" in text and f"\n {now['A']['orders']}\nPanier moyen" in text
    # export --figures: as the table shows them, amounts in CSV's number format
    csv_out = tmp_path / "clients.csv"
    assert main(["export", "clients", "--db", str(stale_file), "--figures", "--out", str(csv_out)]) == 0
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(csv_out.read_text("utf-8-sig")), delimiter=";")}
    for code, f in now.items():
        whole, cents = divmod(f["revenue"], 100)
        assert {
            k: rows[code][k]
            for k in ("status", "revenue_12m", "orders_12m", "last_order", "rfm_code", "rfm_segment", "figures_as_of")
        } == {
            "status": status_text(f["status"]),
            "revenue_12m": f"{whole},{cents:02d}",
            "orders_12m": str(f["orders"]),
            "last_order": f"{f['last']:%d/%m/%Y}",
            "rfm_code": f["code"],
            "rfm_segment": rfm.SEGMENTS[f["segment"]].label,
            "figures_as_of": f"{TODAY:%d/%m/%Y}",
        }
    assert [rows["P"][k] for k in ("status", "revenue_12m", "rfm_code", "figures_as_of")] == ["", "", "", ""]
    # the dashboard's status counts
    counts = {row["status"]: row["clients"] for row in snapshot["status"]}
    for status in (*LABELS, ""):
        assert counts.get(status, 0) == sum(1 for f in now.values() if (f["status"] or "") == status)
    assert snapshot["figures_as_of"] == TODAY


def table_figures(window, code: str) -> dict:
    model = window.model
    row = model.row_of_id(window.store.id_of_code(code))
    return {
        key: model.index(row, COLUMN_KEYS.index(key)).data()
        for key in ("status", "revenue_year_cents", "orders_year", "last_order", "rfm_code", "rfm_segment")
    }


def shown(f: dict) -> dict:
    return {
        "status": status_text(f["status"]),
        "revenue_year_cents": format_eur(f["revenue"]),
        "orders_year": str(f["orders"]),
        "last_order": format_date(f["last"].isoformat()),
        "rfm_code": f["code"],
        "rfm_segment": rfm.SEGMENTS[f["segment"]].label,
    }


def wait_figures(qtbot, window):
    qtbot.waitUntil(lambda: window.figures.task is not None and not window.figures.task.is_running(), timeout=20_000)


def test_the_window_brings_the_figures_to_its_day_then_follows_midnight(qtbot, window, stale_file, qtmodeltester):
    window.clock.day = TODAY
    assert window.open_file(stale_file)
    wait_figures(qtbot, window)
    qtmodeltester.check(window.model)
    for code, f in expected(TODAY).items():
        assert table_figures(window, code) == shown(f)
    assert window.figures.label.text() == f"Figures as of {TODAY:%d/%m/%Y}" and window.figures.label.isVisible()
    assert not window.figures.progress.isVisible()
    model, column = window.model, COLUMN_KEYS.index("status")
    tip = model.index(model.row_of_id(window.store.id_of_code("A")), column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith(f"Figures as of {TODAY:%d/%m/%Y}")
    assert (
        model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        == f"Figures as of {TODAY:%d/%m/%Y}"
    )
    # the dashboard's status chart counts the statuses of today
    window.dashboard.show_dashboard()
    tab = window.dashboard.tab
    qtbot.waitUntil(lambda: tab.result is not None and not tab.task.is_running(), timeout=10_000)
    counts = {row["status"]: row["clients"] for row in tab.result["snapshot"]["status"]}
    assert counts["premium"] == 0 and counts[expected(TODAY)["A"]["status"] or ""] >= 1
    window.dashboard.clients_action.trigger()
    # midnight: the next day's figures
    tomorrow = TODAY + dt.timedelta(days=1)
    window.clock.day = tomorrow
    task = window.figures.task
    window.figures.midnight.timeout.emit()
    qtbot.waitUntil(lambda: window.figures.task is not task, timeout=5_000)
    wait_figures(qtbot, window)
    assert window.figures.label.text() == f"Figures as of {tomorrow:%d/%m/%Y}"
    for code, f in expected(tomorrow).items():
        assert table_figures(window, code) == shown(f)
    # the same day again: nothing to do
    assert window.figures.check() is None


def test_quantile_codes_are_recomputed_after_an_order_is_typed(qtbot, window, stale_file):
    from crmdesk.store import analytics
    from crmdesk.store.orders import NewOrder

    with Database(stale_file) as database:
        SettingsStore(database).set(figures.CHOICE_KEY, {"method": "quantile", "window_days": 365})
    window.clock.day = TODAY
    assert window.open_file(stale_file)
    wait_figures(qtbot, window)
    first = window.figures.task
    before = table_figures(window, "C")["rfm_code"]
    c = window.store.id_of_code("C")
    window.orders.create(NewOrder(contact_id=c, date=TODAY.isoformat(), amount_cents=90_000_000), today=TODAY)
    window.ordersChanged.emit(c)
    assert window.figures.debounce.isActive()
    qtbot.waitUntil(lambda: window.figures.task is not first, timeout=10_000)
    wait_figures(qtbot, window)
    rows, _ = analytics.rfm_rows(window.database, TODAY, "quantile", 365)
    assert {r.client_code: r.code for r in rows} == {code: table_figures(window, code)["rfm_code"] for code in ORDERS}
    after = {code: table_figures(window, code)["rfm_code"].split("-") for code in ORDERS}
    assert after["C"] != before.split("-")
    assert after["C"][2] == max(m for _, _, m in after.values())  # the biggest amount of all now


def test_a_recompute_can_be_stopped_and_is_done_again_at_the_next_check(qtbot, window, stale_file):
    import sqlite3

    window.clock.day = TODAY
    assert window.open_file(stale_file)  # recomputed here instead, while another program writes
    other = sqlite3.connect(stale_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        task = window.figures.recompute()
        assert window.figures.progress.isVisible() and window.figures.stop_button.isVisible()
        assert window.figures.progress.format().startswith(f"Updating the figures to {TODAY:%d/%m/%Y}…")
        qtbot.waitUntil(lambda: window.figures.progress.value() >= 700, timeout=10_000)  # read; waits to write
        # meanwhile the table is read and sorted as usual (the figures of LAST, until the new ones are written)
        window.model.sort(COLUMN_KEYS.index("revenue_year_cents"), Qt.SortOrder.DescendingOrder)
        assert table_figures(window, "A") == shown(expected(LAST)["A"]) and window.model.contact_id(0) is not None
        with qtbot.waitSignal(task.cancelled, timeout=10_000):
            window.figures.stop_button.click()
            other.execute("ROLLBACK")
    finally:
        other.close()
    assert not window.figures.progress.isVisible() and window.figures.label.isVisible()
    assert figures.saved_state(window.database).day == LAST
    assert window.figures.label.text() == f"Figures as of {LAST:%d/%m/%Y}"
    assert window.figures.check() is not None
    wait_figures(qtbot, window)
    assert figures.saved_state(window.database).day == TODAY
