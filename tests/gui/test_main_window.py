"""The main window as a user sees it: search, sort, counts, files."""

from __future__ import annotations

import re
import sqlite3

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from crmdesk.gui.clients.client_model import COLUMN_KEYS
from crmdesk.gui.common import labels
from crmdesk.gui.main_window import MainWindow
from crmdesk.store import migrate
from crmdesk.store.database import Database
from tests.gui.conftest import column_texts, make_client_file
from tests.helpers.today import Clock


def test_typing_in_the_search_box_finds_helene_with_or_without_accent(qtbot, window):
    assert window.model.rowCount() == 3
    qtbot.keyClicks(window.ui.searchEdit, "hele")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert sorted(column_texts(window.model, "name")) == ["DUPONT Hélène", "MARTIN Helene"]
    assert window.count_label.text() == "2 clients shown out of 3"
    window.ui.searchEdit.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)


def test_ctrl_f_goes_to_the_search_box(qtbot, window):
    window.ui.clientTable.setFocus()
    qtbot.waitUntil(window.ui.clientTable.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.ui.searchEdit.hasFocus)


def test_clicking_the_city_header_sorts_evreux_between_dijon_and_metz(qtbot, window):
    header = window.ui.clientTable.horizontalHeader()
    column = COLUMN_KEYS.index("city")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert header.sortIndicatorSection() == column
    cities = column_texts(window.model, "city")
    assert cities in (["Dijon", "Évreux", "Metz"], ["Metz", "Évreux", "Dijon"])
    if cities[0] == "Metz":
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert column_texts(window.model, "city") == ["Dijon", "Évreux", "Metz"]


def test_filters_narrow_the_table_and_the_status_bar_counts(qtbot, window):
    ui = window.ui
    assert window.count_label.text() == "3 clients shown out of 3"
    ui.stageCombo.setCurrentIndex(ui.stageCombo.findData("former"))
    assert column_texts(window.model, "name") == ["DURAND Paul"]
    assert window.count_label.text() == "1 client shown out of 3"
    ui.cityCombo.setCurrentIndex(ui.cityCombo.findText("Metz"))
    assert window.model.rowCount() == 0
    assert window.count_label.text() == "No client shown out of 3"
    window.ui.actionClearFilters.trigger()
    assert window.model.rowCount() == 3
    assert [ui.cityCombo.itemText(i) for i in range(1, ui.cityCombo.count())] == ["Dijon", "Évreux", "Metz"]


def test_counts_are_written_the_french_way():
    assert re.fullmatch(r"1\s234\s567", labels.number(1234567))
    assert labels.number(400) == "400"


def test_opening_a_text_file_renamed_sqlite_says_why_in_french_and_keeps_the_file_open(
    qtbot, window, tmp_path, boxes, client_file, monkeypatch
):
    fake = tmp_path / "notes.sqlite"
    fake.write_text("ceci est un simple texte\n", encoding="utf-8")
    before = fake.read_bytes()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(fake), "")))
    window.ui.actionOpen.trigger()
    assert len(boxes) == 1
    assert "n'est pas un fichier clients crmdesk" in boxes[0][1]
    assert fake.read_bytes() == before
    assert window.path == client_file.resolve()
    assert window.model.rowCount() == 3


def test_a_file_open_elsewhere_is_refused(qtbot, window, tmp_path, boxes):
    other = make_client_file(tmp_path / "other.sqlite", [{"last_name": "Seul"}])
    holder = Database(other)
    try:
        assert not window.open_file(other)
    finally:
        holder.close()
    assert "déjà ouvert" in boxes[0][1]
    assert window.model.rowCount() == 3
    assert window.open_file(other)
    assert column_texts(window.model, "name") == ["SEUL"]


def test_a_file_from_a_newer_crmdesk_is_refused_and_left_unchanged(qtbot, window, tmp_path, boxes):
    newer = make_client_file(tmp_path / "future.sqlite", [{"last_name": "Futur"}])
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrate.latest_version() + 1}")
    conn.close()
    before = newer.read_bytes()
    assert not window.open_file(newer)
    assert "version plus récente" in boxes[0][1]
    assert newer.read_bytes() == before
    assert window.model.rowCount() == 3


def test_closing_and_reopening_shows_everything(qtbot, qsettings, window, client_file, tmp_path):
    dialog = window.new_client()
    dialog.editors["last_name"].setText("Leroy")
    dialog.editors["city"].setText("Nancy")
    dialog.submit()
    window.resize(700, 450)  # the offscreen screen is 800 × 600
    window.close()
    again = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(again)
    assert again.open_first(None, tmp_path / "default.sqlite")
    assert again.path == client_file.resolve()
    assert sorted(column_texts(again.model, "name")) == ["DUPONT Hélène", "DURAND Paul", "LEROY", "MARTIN Helene"]
    assert again.settings.recent_files()[0] == client_file.resolve()
    assert again.size().height() == 450
    assert not (tmp_path / "default.sqlite").exists()


def test_first_start_creates_the_default_file(qtbot, qsettings, tmp_path):
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    default = tmp_path / "data" / "clients.sqlite"
    assert win.open_first(None, default)
    assert default.exists() and win.model.rowCount() == 0
    win.close()


def test_at_start_a_bad_file_offers_another_one(qtbot, qsettings, tmp_path, monkeypatch, client_file):
    from crmdesk.gui.common import messages

    bad = tmp_path / "bad.sqlite"
    bad.write_text("pas une base", encoding="utf-8")
    answers = iter([True])
    asked = []
    monkeypatch.setattr(
        messages, "ask_open_other", lambda parent, title, text, *labels_: asked.append(text) or next(answers, False)
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(client_file), "")))
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    assert win.open_first(bad, tmp_path / "default.sqlite")
    assert win.path == client_file.resolve()
    assert "n'est pas un fichier clients crmdesk" in asked[0]
    win.close()
    quitter = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(quitter)
    assert not quitter.open_first(tmp_path / "missing.sqlite", tmp_path / "default.sqlite")
    assert "n'existe pas" in asked[-1]


def test_new_file_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "nouveau"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.ui.actionNewFile.trigger()
    assert window.path == target.with_suffix(".sqlite").resolve()
    assert window.model.rowCount() == 0
    assert window.undo_stack.count() == 0


def test_the_recent_files_menu_reopens_a_file(qtbot, window, tmp_path, client_file):
    other = make_client_file(tmp_path / "autre.sqlite", [{"last_name": "Autre"}])
    assert window.open_file(other)
    window._fill_recent_menu()
    actions = window.ui.menuRecent.actions()
    assert [a.text() for a in actions] == ["&1 autre.sqlite", "&2 clients.sqlite"]
    actions[1].trigger()
    assert window.path == client_file.resolve()


def test_language_choice_is_stored_for_the_next_start(qtbot, window, qsettings):
    window.ui.actionLanguageEnglish.trigger()
    assert qsettings.value("interface/language") == "en"
    assert "next time" in window.ui.statusbar.currentMessage()
    window.ui.actionLanguageAuto.trigger()
    assert qsettings.value("interface/language") == "auto"
    assert window.ui.actionLanguageAuto.isChecked() and not window.ui.actionLanguageEnglish.isChecked()


def test_shortcuts_are_the_standard_ones(window):
    ui = window.ui
    assert ui.actionNewClient.shortcut().toString() == "Ctrl+N"
    assert ui.actionNewFile.shortcut().toString() == "Ctrl+Shift+N"
    assert ui.actionOpen.shortcut().toString() == "Ctrl+O"
    assert ui.actionFind.shortcut().toString() == "Ctrl+F"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert [s.toString() for s in window.redo_action.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    for label in (ui.searchLabel, ui.stageLabel, ui.cityLabel, ui.tagLabel, ui.repLabel):
        assert "&" in label.text() and label.buddy() is not None


@pytest.mark.parametrize("row", [0, 2])
def test_the_edit_action_opens_the_selected_sheet(qtbot, window, row):
    window.ui.clientTable.selectRow(row)
    window.ui.actionEditClient.trigger()
    dialog = window.client_dialog
    assert dialog is not None and dialog.contact_id == window.model.contact_id(row)
    assert dialog.editors["last_name"].text() == column_texts(window.model, "name")[row].split()[0]
    dialog.reject()


def test_a_double_click_opens_the_sheet(qtbot, window):
    table = window.ui.clientTable
    rect = table.visualRect(window.model.index(1, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.client_dialog is not None)
    assert window.client_dialog.contact_id == window.model.contact_id(1)
    window.client_dialog.reject()


def test_another_file_opens_without_the_previous_filters(qtbot, window, tmp_path):
    window.ui.searchEdit.setText("paul")
    window.apply_filters()
    assert window.model.rowCount() == 1
    window.open_file(make_client_file(tmp_path / "b.sqlite", [{"last_name": "Bernard"}, {"last_name": "Petit"}]))
    assert window.ui.searchEdit.text() == "" and window.model.rowCount() == 2
    assert window.count_label.text() == "2 clients shown out of 2"
