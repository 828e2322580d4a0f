"""The import wizard used to the end in the window on a server, as on a file:
a CSV of clients then one of orders imported (file, columns, check, import),
the report read, the client table refreshed, then both imports undone from
File › Import history. The user sees the same on both kinds."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWizard

from crmdesk.gui.clients.client_model import COLUMN_KEYS
from crmdesk.gui.importing import history as import_history
from crmdesk.gui.importing.wizard import ImportWizard
from crmdesk.gui.main_window import MainWindow
from crmdesk.store.database import Database
from crmdesk.store.server.connection import ServerDatabase
from tests.gui.test_import_history_gui import Questions
from tests.gui.test_import_wizard import ANNEX
from tests.helpers.gui import OFFSCREEN_LIMITS, boxes  # noqa: F401 - boxes: an autouse fixture
from tests.helpers.window import open_window
from tests.io.helpers import write_csv

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

SHOWN = ("code", "name", "city", "orders_year", "revenue_year_cents", "last_order")


@pytest.fixture
def asked(monkeypatch):
    questions = Questions()
    monkeypatch.setattr(import_history, "confirm", questions)
    return questions


def orders_csv(tmp_path):
    """Five orders of three of the annex's clients (by their number), one of an unknown client."""
    rows = [
        ["1", "05/01/2026", "125,50"],
        ["1", "12/03/2026", "30,00"],
        ["2", "02/02/2026", "89,90"],
        ["7", "20/02/2026", "1 254,00"],
        ["999", "21/02/2026", "10,00"],
    ]
    return write_csv(tmp_path / "commandes.csv", ["client_code", "date", "amount"], rows, delimiter=";")


def window_on(qtbot, tmp_path, where) -> MainWindow:
    """The window opened on a file's path or a server's URL, as File › Open or --db does."""
    return open_window(qtbot, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), where)


def through_the_wizard(qtbot, window, kind: str, path) -> dict:
    """File › Import…, every page to the end; what the check and the import said."""
    window.importing.wizard_action.trigger()
    wizard = window.importing.wizard
    assert isinstance(wizard, ImportWizard)
    qtbot.waitExposed(wizard)
    page = wizard.file_page
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.path.setText(str(path))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled(), page.error.text()
    wizard.next()
    assert wizard.currentPage() is wizard.columns_page
    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=30_000)
    checked = wizard.check_page.status.text()
    before = window.model.total()
    wizard.next()
    assert wizard.currentPage() is wizard.import_page
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=30_000)
    batch = wizard.import_page.outcome.result.batch_id
    report = wizard.import_page.status.text()
    assert f"batch no. {batch}" in report
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.importing.wizard is None)
    return {
        "check": checked,
        # a server's check takes batch numbers that its rollback does not give back: the same report but N
        "report": report.replace(f"batch no. {batch}", "batch no. N"),
        "errors": wizard.check_page.error.text() + wizard.import_page.error.text(),
        "before": before,
        "batch": batch,
    }


def table(window) -> dict:
    """The client table as the user reads it: the count and every row's shown columns."""
    columns = [COLUMN_KEYS.index(key) for key in SHOWN]
    model = window.model
    rows = sorted(tuple(model.index(row, column).data() or "" for column in columns) for row in range(model.rowCount()))
    return {"count": window.count_label.text(), "rows": rows}


def undo_from_history(window, batch: int) -> str:
    window.importing.history_action.trigger()
    dialog = window.importing.history_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.select(batch)
    assert dialog.undo_button.isEnabled(), dialog.undo_button.toolTip()
    dialog.undo_button.click()
    said = dialog.result.text()
    dialog.close()
    return said.replace(f"n° {batch} ", "n° N ")


def lived(qtbot, tmp_path, where, asked) -> dict:
    """The whole session of a user on a new client file or server base: what was seen at each step."""
    window = window_on(qtbot, tmp_path, where)
    seen = {}
    try:
        clients = through_the_wizard(qtbot, window, "clients", ANNEX)
        seen["clients"] = {k: v for k, v in clients.items() if k != "batch"}
        seen["after clients"] = table(window)
        orders = through_the_wizard(qtbot, window, "orders", orders_csv(tmp_path))
        seen["orders"] = {k: v for k, v in orders.items() if k != "batch"}
        qtbot.waitUntil(lambda: table(window)["rows"] != seen["after clients"]["rows"], timeout=30_000)
        seen["after orders"] = table(window)
        seen["undo orders"] = undo_from_history(window, orders["batch"])
        qtbot.waitUntil(lambda: table(window)["rows"] == seen["after clients"]["rows"], timeout=30_000)
        seen["undo clients"] = undo_from_history(window, clients["batch"])
        seen["after undo"] = table(window)
        seen["questions"] = [re.sub(r"no\. \d+|\d\d/\d\d/\d{4} \d\d:\d\d", "…", text) for _title, text in asked]
    finally:
        window.close()
    return seen


def test_the_import_wizard_used_to_the_end_shows_the_same_on_a_server(qtbot, tmp_path, pg_url, asked, boxes):
    Database(tmp_path / "neuf.sqlite", create=True).close()
    ServerDatabase(pg_url, create=True).close()
    on_file = lived(qtbot, tmp_path, tmp_path / "neuf.sqlite", asked)
    asked.clear()
    on_server = lived(qtbot, tmp_path, pg_url, asked)
    assert boxes == []
    assert on_server == on_file
    # and what was seen is the import's
    assert on_file["clients"]["report"].startswith("41 clients imported")
    assert on_file["orders"]["report"].startswith("4 orders imported, 1 rejected")
    assert on_file["after clients"]["count"] == "41 clients shown out of 41"
    revel = next(row for row in on_file["after orders"]["rows"] if row[1].startswith("REVEL"))
    assert revel[0] == "1" and revel[3:5] == ("3", "1\u202f409,50\xa0€")  # the annex's 1 254 € and two orders
    assert any("4 commandes" in line or "4 orders" in line for line in on_file["undo orders"].splitlines())
    assert on_file["after undo"] == {"count": "No client shown out of 0", "rows": []}
