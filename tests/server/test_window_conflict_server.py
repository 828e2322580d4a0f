"""The conflict dialog as a user meets it: Escape, closing its window or
« Back to the sheet » go back to the sheet with the typed values kept and
nothing written; saving again is refused again (no lost update); the
message names the fields as the sheet does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from crmdesk.gui.server.conflict_dialog import ConflictDialog
from tests.helpers.gui import OFFSCREEN_LIMITS, boxes  # noqa: F401 - boxes: an autouse fixture
from tests.server.test_window_server import demo_url, two_pcs  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def refused(qtbot, marie, paul, client):
    """Paul's sheet typed over while Marie saved the same client: the dialog over Paul's sheet."""
    paul_sheet = paul.edit_client(client)
    qtbot.waitExposed(paul_sheet)
    marie_sheet = marie.edit_client(client)
    marie_sheet.editors["city"].setText("Villeurbanne")
    marie_sheet.submit()
    qtbot.waitUntil(lambda: marie.client_dialog is None)
    paul_sheet.editors["city"].setText("Lyon 3e")
    paul_sheet.editors["phone"].setText("06 98 76 54 32")
    paul_sheet.submit()
    conflict = paul_sheet.findChild(ConflictDialog)
    assert conflict is not None and conflict.isVisible()
    return paul_sheet, conflict


def kept(sheet) -> tuple[str, str]:
    return sheet.editors["city"].text(), sheet.editors["phone"].text()


@pytest.mark.parametrize("how", ["escape", "close", "button"])
def test_leaving_the_conflict_keeps_the_typed_values_and_writes_nothing(qtbot, two_pcs, how):
    marie, paul = two_pcs
    client = marie.model.contact_id(3)
    sheet, conflict = refused(qtbot, marie, paul, client)
    text = conflict.findChild(QLabel, "conflictMessage").text()
    assert text.startswith("crmdesk_admin saved this client on ") and "(City)" in text
    back = conflict.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    assert back.text() == "&Back to the sheet"
    if how == "escape":
        conflict.activateWindow()
        qtbot.keyClick(conflict, Qt.Key.Key_Escape)
    elif how == "close":
        conflict.close()
    else:
        qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not conflict.isVisible())
    assert sheet.isVisible() and kept(sheet) == ("Lyon 3e", "06 98 76 54 32") and sheet.has_changes()
    assert paul.store.get(client)["city"] == "Villeurbanne"  # nothing of Paul's written
    # saving again is refused again: Marie's edit is never overwritten unseen
    sheet.submit()
    again = [d for d in sheet.findChildren(ConflictDialog) if d.isVisible()]
    assert len(again) == 1 and paul.store.get(client)["city"] == "Villeurbanne"
    again[0].choose("city", "mine")
    again[0].save()
    qtbot.waitUntil(lambda: paul.client_dialog is None)
    assert (paul.store.get(client)["city"], paul.store.get(client)["phone"]) == ("Lyon 3e", "+33698765432")
