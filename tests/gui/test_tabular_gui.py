"""Analysis › Cohorts… and File › Export a pivot table…: the matrix shown
after the click, recomputed as of another date, exported; the pivot written
from the dialog; a long task stopped."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from crmdesk.gui.analysis.tabular_parts import TaskRow
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import NewLine, NewOrder, OrderStore
from tests.helpers.today import Clock

DAY = dt.date(2026, 2, 20)


@pytest.fixture
def shop(window):
    """January: Abel, Bodin, Colin; February (to the 20th): Abel again, Dubois new (Miel, Savon)."""
    database: Database = window.database
    store, orders = ContactStore(database), OrderStore(database)
    with database.atomic():
        miel, savon = orders.category_id("Miel"), orders.category_id("Savon")
    ids = [
        store.create({"code": f"K{n}", "last_name": name})
        for n, name in enumerate(("Abel", "Bodin", "Colin", "Dubois"))
    ]
    for who, day, cents, category in (
        (0, "2026-01-05", 1000, miel),
        (1, "2026-01-20", 2550, savon),
        (2, "2026-01-31", 300, miel),
        (0, "2026-02-02", 400, savon),
        (3, "2026-02-19", 999, miel),
        (1, "2026-02-25", 100, miel),
    ):
        orders.create(
            NewOrder(
                contact_id=ids[who],
                date=day,
                amount_cents=cents,
                lines=[NewLine(quantity=1, unit_price_cents=cents, label="pot", category_id=category)],
            ),
            today=dt.date(2026, 12, 31),
        )
    return window


def open_dialog(qtbot, window, action: str, name: str) -> QDialog:
    window.findChild(QAction, action).trigger()
    dialog = window.findChild(QDialog, name)
    assert dialog is not None and dialog.isVisible()
    return dialog


def set_date(qtbot, dialog, edit, day: QDate) -> None:
    """Change a date of the cohorts dialog and wait for the matrix of the dates shown
    (a computation under way is stopped and done again)."""

    def of_the_dates_shown(cohorts) -> bool:
        start = dialog.start()
        first = None if start is None else start.year * 12 + start.month - 1
        return cohorts.as_of == dialog.as_of() and (first is None or not cohorts.months or cohorts.months[0] >= first)

    with qtbot.waitSignal(dialog.computed, timeout=10_000, check_params_cb=of_the_dates_shown):
        edit.setDate(day)


def texts(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_cohorts_shown_as_of_a_date(qtbot, shop, qtmodeltester):
    dialog = open_dialog(qtbot, shop, "actionCohorts", "cohortsDialog")
    qtbot.waitUntil(lambda: not dialog.task_row.running())  # today's figures first
    set_date(qtbot, dialog, dialog.date_edit, QDate(2026, 2, 20))
    model = dialog.model
    qtmodeltester.check(model)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [
        "janv. 2026",
        "févr. 2026",
    ]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Clients", "M+0", "M+1"]
    # January: 3 clients, Abel back in February (Bodin's order of the 25th is after the 20th)
    assert texts(model, 0) == ["3", "1"]
    assert texts(model, 1) == ["100,0\u00a0%", "100,0\u00a0%"]
    assert texts(model, 2) == ["33,3\u00a0%", None]
    assert model.index(0, 2).data(Qt.ItemDataRole.FontRole).italic()  # February is not over
    assert "1 of the 3 clients of janv. 2026 ordered in févr. 2026" in model.index(0, 2).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "4 clients in 2 cohorts, as of 20/02/2026" in dialog.summary.text()
    dialog.show_combo.setCurrentIndex(1)
    assert texts(model, 2) == ["1", None]
    # at the end of February Bodin's order counts too, and nothing is in progress
    set_date(qtbot, dialog, dialog.date_edit, QDate(2026, 2, 28))
    assert texts(model, 2) == ["2", None]
    assert not model.index(0, 2).data(Qt.ItemDataRole.FontRole)


def test_the_cohorts_exported_as_a_workbook(qtbot, shop, tmp_path):
    dialog = open_dialog(qtbot, shop, "actionCohorts", "cohortsDialog")
    set_date(qtbot, dialog, dialog.date_edit, QDate(2026, 2, 20))
    path = tmp_path / "cohortes.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_to(path, "xlsx")
    assert dialog.summary.text() == f"Cohorts exported to {path}."
    sheet = openpyxl.load_workbook(path)["Rétention"]
    assert [c.value for c in sheet[2]][:4] == ["2026-01", 3, 1, pytest.approx(1 / 3)]


def test_the_pivot_exported_from_the_file_menu(qtbot, shop, tmp_path):
    dialog = open_dialog(qtbot, shop, "actionPivotExport", "pivotDialog")
    dialog.rows_combo.setCurrentIndex(dialog.rows_combo.findData("category"))
    dialog.from_edit.setDate(QDate(2026, 1, 1))
    dialog.to_edit.setDate(QDate(2026, 2, 20))
    path = tmp_path / "ca.csv"
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_to(path, "csv")
    assert dialog.result_label.text() == f"2 rows × 2 months written to {path}; total 52,49\u00a0€."
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert table == [
        ["Catégorie", "2026-01", "2026-02", "Total"],
        ["Savon", "25,50", "4,00", "29,50"],
        ["Miel", "13,00", "9,99", "22,99"],
        ["Total", "38,50", "13,99", "52,49"],
    ]


def test_a_period_ending_before_it_starts_cannot_be_exported(qtbot, shop):
    dialog = open_dialog(qtbot, shop, "actionPivotExport", "pivotDialog")
    dialog.from_edit.setDate(QDate(2026, 3, 1))
    dialog.to_edit.setDate(QDate(2026, 2, 1))
    assert not dialog.export_button.isEnabled()
    assert dialog.result_label.text() == "The period ends before it starts."


def test_the_pivot_asks_where_and_suggests_a_name(qtbot, shop, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def answer(parent, title, start, filters):
        asked.append(start)
        return str(tmp_path / "ca-clients"), "CSV for Excel (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    dialog = open_dialog(qtbot, shop, "actionPivotExport", "pivotDialog")
    dialog.from_edit.setDate(QDate(2026, 1, 1))
    dialog.to_edit.setDate(QDate(2026, 1, 31))
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_button.click()
    assert asked[0].endswith("ca-clients-2026-01-01-2026-01-31.xlsx")
    assert (tmp_path / "ca-clients.csv").read_text(encoding="utf-8-sig").splitlines()[
        0
    ] == "N° client;Client;2026-01;Total"


def test_stop_ends_a_long_task_and_nothing_is_delivered(qtbot, window):
    row = TaskRow(window)
    delivered = []

    def endless(job):
        done = 0
        while True:
            done += 1000
            job.report(done, 0)

    row.run(endless, delivered.append)
    qtbot.waitUntil(lambda: row.bar.format().endswith("rows read"), timeout=5_000)
    with qtbot.waitSignal(row.ended, timeout=5_000):
        row.stop_button.click()
    assert delivered == [] and row.isHidden() and not row.running()


def test_nothing_without_a_file(qtbot, qsettings):
    from crmdesk.gui.main_window import MainWindow

    empty = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(empty)
    for name in ("actionCohorts", "actionPivotExport"):
        action = empty.findChild(QAction, name)
        assert not action.isEnabled()


@pytest.fixture(params=["en", "fr"])
def language(request, qapp):
    from crmdesk.gui.common import i18n

    translators = i18n.install(qapp, request.param)  # Qt's and crmdesk's messages alike
    yield request.param
    i18n.remove(qapp, translators)


def test_the_cohorts_speak_the_interface_language(qtbot, language, shop):
    dialog = open_dialog(qtbot, shop, "actionCohorts", "cohortsDialog")
    qtbot.waitUntil(lambda: not dialog.task_row.running())
    set_date(qtbot, dialog, dialog.date_edit, QDate(2026, 2, 20))
    model = dialog.model
    months = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    if language == "fr":
        assert dialog.windowTitle() == "Cohortes" and months == ["janv. 2026", "févr. 2026"]
        assert dialog.summary.text().startswith("4 clients en 2 cohortes, au 20/02/2026.")
        assert shop.findChild(QAction, "actionCohorts").text() == "&Cohortes…"
    else:
        assert dialog.windowTitle() == "Cohorts" and months == ["Jan 2026", "Feb 2026"]
        assert dialog.summary.text().startswith("4 clients in 2 cohorts, as of 20/02/2026.")


def test_a_later_first_cohort_shows_nothing_and_an_export_keeps_the_dates(qtbot, shop, tmp_path):
    dialog = open_dialog(qtbot, shop, "actionCohorts", "cohortsDialog")
    set_date(qtbot, dialog, dialog.date_edit, QDate(2026, 2, 20))
    dialog.from_edit.setDate(QDate(2026, 3, 1))
    assert dialog.model.rowCount() == 0 and not dialog.export_button.isEnabled()
    assert dialog.summary.text() == "The first cohort is after the reference date: nothing to show."
    set_date(qtbot, dialog, dialog.from_edit, QDate(2026, 2, 1))
    assert texts(dialog.model, 0) == ["1"]  # February's cohort alone: Dubois
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_to(tmp_path / "c.csv", "csv")
        assert not dialog.date_edit.isEnabled()  # the dates wait for the export
    qtbot.waitUntil(dialog.date_edit.isEnabled)
    assert dialog.export_button.isEnabled()
