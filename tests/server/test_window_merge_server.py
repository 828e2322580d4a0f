"""A duplicate merge used to the end in the window on a server, as on a file:
Edit › Find duplicates… finds the pair, the merge dialog (a field chosen)
merges it, the kept client has the orders and complaints of both, the other
is in the trash; Ctrl+Z brings both back, Redo merges again. The user sees
the same on both kinds."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel

from crmdesk.gui.main_window import MainWindow
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.server import transfer
from tests.gui.conftest import make_client_file
from tests.helpers.gui import OFFSCREEN_LIMITS, boxes  # noqa: F401 - boxes: an autouse fixture
from tests.helpers.today import TODAY
from tests.helpers.window import open_window, second_helene

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
CTRL = Qt.KeyboardModifier.ControlModifier


def window_on(qtbot, tmp_path, where) -> MainWindow:
    return open_window(qtbot, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), where)


def plant(window) -> tuple[int, int]:
    """« DUPONT Helene » typed again (her e-mail in capitals), each with an order and a complaint."""
    first, second = second_helene(window)
    orders = OrderStore(window.database)
    orders.create(NewOrder(first, TODAY.isoformat(), 10_000), today=TODAY)
    orders.create(NewOrder(second, TODAY.isoformat(), 25_000), today=TODAY)
    complaints = ComplaintStore(window.database)
    at = dt.datetime.combine(TODAY, dt.time(9, 30))
    for contact, subject in ((first, "Colis abîmé"), (second, "Facture en double")):
        complaints.create({"contact_id": contact, "kind": "invoice", "subject": subject}, received_at=at)
    window.model.refresh()
    return first, second


def client(window, contact: int) -> dict:
    """What the sheet and the table show of a client."""
    row = window.store.get(contact)
    return {
        "name": (row["last_name"], row["first_name"]),
        "fields": (row["email"], row["city"], row["postal_code"]),
        "tags": row["tags"],
        "in trash": row["deleted_at"] is not None,
        "orders": sorted(o["amount_cents"] for o in OrderStore(window.database).orders_of(contact)),
        "complaints": sorted(c["subject"] for c in ComplaintStore(window.database).of_contact(contact, today=TODAY)),
        "revenue": row["revenue_year_cents"],
    }


def lived(qtbot, tmp_path, where) -> dict:
    window = window_on(qtbot, tmp_path, where)
    seen = {}
    try:
        first, second = plant(window)
        window.duplicates.find_action.trigger()
        finder = window.duplicates.find_dialog
        qtbot.waitUntil(lambda: finder.searched, timeout=20_000)
        seen["found"] = [[finder.model.index(r, c).data() for c in range(4)] for r in range(finder.model.rowCount())]
        seen["found info"] = finder.info.text()
        qtbot.mouseClick(finder.merge_button, Qt.MouseButton.LeftButton)
        merge = finder.merge_dialog
        assert (merge.keep_id, merge.other_id) == (first, second)
        seen["history"] = merge.findChild(QLabel, "mergeHistory").text()
        seen["fields offered"] = sorted(merge.radios)
        merge.choose("first_name", "other")
        qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)
        seen["merged"] = (client(window, first), client(window, second))
        seen["table after merge"] = (window.model.rowCount(), window.count_label.text(), window.current_id() == first)
        seen["finder after merge"] = (finder.model.rowCount(), finder.info.text())
        finder.close()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
        seen["undone"] = (client(window, first), client(window, second))
        seen["table after undo"] = (window.model.rowCount(), window.count_label.text())
        window.redo_action.trigger()
        seen["redone"] = (client(window, first), client(window, second))
    finally:
        window.close()
    return seen


def test_a_duplicate_merge_used_to_the_end_shows_the_same_on_a_server(qtbot, tmp_path, pg_url, boxes):
    path = make_client_file(tmp_path / "clients.sqlite")
    transfer.to_server(path, pg_url)
    on_file = lived(qtbot, tmp_path, path)
    on_server = lived(qtbot, tmp_path, pg_url)
    assert boxes == []
    assert on_server == on_file
    # and what was seen is the merge's
    kept, other = on_file["merged"]
    assert kept["name"] == ("DUPONT", "Helene") and kept["orders"] == [10_000, 25_000]
    assert kept["complaints"] == ["Colis abîmé", "Facture en double"] and kept["revenue"] == 35_000
    assert other["in trash"] and other["orders"] == [] and other["complaints"] == []
    assert on_file["undone"][1]["complaints"] == ["Facture en double"] and not on_file["undone"][1]["in trash"]
    assert on_file["redone"] == on_file["merged"]
