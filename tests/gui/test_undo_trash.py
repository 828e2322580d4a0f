"""Undo/redo of every change, and the trash."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import column_texts

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def create(window, name: str) -> int:
    dialog = window.new_client()
    dialog.editors["last_name"].setText(name)
    dialog.submit()
    return window.current_id()


def test_ctrl_z_removes_a_new_client_and_ctrl_shift_z_brings_it_back(qtbot, window):
    new_id = create(window, "Leroy")
    code = window.store.get(new_id)["code"]
    assert window.model.rowCount() == 4
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.model.rowCount() == 3
    assert window.store.get(new_id) is None
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.model.rowCount() == 4
    assert window.store.get(new_id)["code"] == code
    assert window.current_id() == new_id
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)
    assert "LEROY" in column_texts(window.model, "name")
    assert window.count_label.text() == "4 clients shown out of 4"


def test_an_edit_is_undone_and_redone(qtbot, window):
    window.select_contact(window.store.id_of_code("C000003"))  # Paul Durand, Dijon
    dialog = window.edit_client()
    dialog.editors["city"].setText("Évian")
    dialog.editors["tags"].setText("fidèle")
    dialog.submit()
    paul = window.store.id_of_code("C000003")
    assert window.store.get(paul)["city"] == "Évian"
    assert window.ui.cityCombo.findText("Évian") >= 0  # the new city is in the filter
    assert window.ui.tagCombo.findText("fidèle") >= 0
    window.undo_action.trigger()
    assert window.store.get(paul)["city"] == "Dijon" and window.store.get(paul)["tags"] == []
    window.redo_action.trigger()
    assert window.store.get(paul)["city"] == "Évian" and window.store.get(paul)["tags"] == ["fidèle"]
    assert "Edit DURAND Paul" in window.undo_action.text()


def test_saving_an_unchanged_sheet_adds_nothing_to_undo(qtbot, window):
    window.select_contact(window.store.id_of_code("C000001"))
    dialog = window.edit_client()
    dialog.submit()
    assert window.undo_stack.count() == 0


def test_delete_goes_to_the_trash_and_restore_brings_it_back(qtbot, window):
    paul = window.store.id_of_code("C000003")
    window.select_contact(paul)
    window.ui.clientTable.setFocus()
    qtbot.keyClick(window.ui.clientTable, Qt.Key.Key_Delete)
    assert "DURAND Paul" not in column_texts(window.model, "name")
    assert window.count_label.text() == "2 clients shown out of 2"
    trash = window.show_trash()
    qtbot.addWidget(trash)
    assert column_texts(trash.model, "name") == ["DURAND Paul"]
    trash.table.selectRow(0)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    assert "DURAND Paul" in column_texts(window.model, "name")
    assert trash.model.rowCount() == 0 and trash.info.text() == "The trash is empty."
    window.undo_action.trigger()  # undo the restore: back in the trash, the dialog follows
    assert trash.model.rowCount() == 1
    window.undo_action.trigger()  # undo the delete
    assert trash.model.rowCount() == 0 and window.model.rowCount() == 3


def test_many_clients_go_to_the_trash_and_come_back_at_once(qtbot, window):
    window.ui.clientTable.selectAll()
    window.ui.actionDeleteClient.trigger()
    assert window.model.rowCount() == 0
    assert not window.ui.actionDeleteClient.isEnabled()
    trash = window.show_trash()
    qtbot.addWidget(trash)
    assert trash.model.rowCount() == 3 and trash.info.text().startswith("3 clients")
    trash.select_all()
    trash.restore_selected()
    assert window.model.rowCount() == 3 and trash.model.rowCount() == 0
    assert window.undo_stack.count() == 2


def test_opening_another_file_empties_the_undo_stack(qtbot, window, tmp_path):
    from tests.gui.conftest import make_client_file

    create(window, "Leroy")
    assert window.undo_action.isEnabled()
    window.open_file(make_client_file(tmp_path / "b.sqlite", [{"last_name": "B"}]))
    assert not window.undo_action.isEnabled()
    assert QApplication.activeWindow() is window
