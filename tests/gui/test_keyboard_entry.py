"""The keyboard path: search box to table, Ctrl+E and Ctrl+R from where the user is,
a new client starting on its name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crmdesk.gui.dashboard.install import DASHBOARD_TAB

CTRL = Qt.KeyboardModifier.ControlModifier


def search(qtbot, window, text: str) -> None:
    window.ui.searchEdit.setFocus()
    qtbot.waitUntil(lambda: window.ui.searchEdit.hasFocus())
    qtbot.keyClicks(window.ui.searchEdit, text)


def current_name(window) -> str:
    return window.store.get(window.current_id())["last_name"]


def test_down_in_the_search_box_moves_to_the_first_row_found(qtbot, window):
    search(qtbot, window, "dur")
    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Down)  # at once: no waiting for the typing pause
    assert window.ui.clientTable.hasFocus()
    assert window.model.rowCount() == 1 and current_name(window) == "DURAND"
    qtbot.keyClick(window.ui.clientTable, Qt.Key.Key_Return)  # Enter on the row opens the client
    qtbot.waitUntil(lambda: window.client_dialog is not None)
    assert window.client_dialog.editors["last_name"].text() == "DURAND"


def test_enter_in_the_search_box_moves_to_the_table_too(qtbot, window):
    search(qtbot, window, "helene")
    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Return)
    assert window.ui.clientTable.hasFocus()
    assert window.model.rowCount() == 2 and window.current_id() is not None


def test_ctrl_e_in_the_search_box_opens_the_client_found(qtbot, window):
    search(qtbot, window, "martin")
    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.client_dialog is not None)
    assert window.client_dialog.editors["last_name"].text() == "MARTIN"
    assert window.ui.searchEdit.text() == "martin"  # not taken as « end of line »


def test_ctrl_e_finds_nothing_opens_nothing(qtbot, window):
    search(qtbot, window, "zzzz")
    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_E, CTRL)
    assert window.client_dialog is None


def test_a_new_client_starts_on_the_name(qtbot, window):
    qtbot.keyClick(window.ui.clientTable, Qt.Key.Key_N, CTRL)
    dialog = window.client_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.editors["last_name"]
    qtbot.keyClicks(QApplication.focusWidget(), "Leroy")
    assert dialog.editors["last_name"].text() == "Leroy"


def test_ctrl_r_on_a_selected_client_starts_its_complaint(qtbot, window):
    search(qtbot, window, "durand")
    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Down)
    qtbot.keyClick(window.ui.clientTable, Qt.Key.Key_R, CTRL)
    dialog = window.complaints.new_dialog
    qtbot.waitExposed(dialog)
    code = window.store.get(window.current_id())["code"]
    assert dialog.client_edit.text() == f"DURAND Paul ({code})"
    assert dialog.client_edit.contact_id() == window.current_id()
    assert dialog.client_edit.selectedText() == dialog.client_edit.text()  # typing another name replaces it
    assert dialog.kind_combo.currentData() is None and dialog.priority_spin.text() == "—"
    dialog.discard()


def test_ctrl_r_without_a_client_table_shown_asks_for_the_client(qtbot, window):
    search(qtbot, window, "durand")
    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Down)
    window.dashboard.tabs.setCurrentIndex(DASHBOARD_TAB)
    window.complaints.new_action.trigger()
    dialog = window.complaints.new_dialog
    qtbot.waitExposed(dialog)
    assert dialog.client_edit.text() == ""
    dialog.discard()
