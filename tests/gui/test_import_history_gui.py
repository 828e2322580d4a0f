"""File › Import history…: the imports listed, one undone after confirmation, the window refreshed."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoCommand

from crmdesk.gui.importing import history as import_history
from crmdesk.io.clients import import_clients
from crmdesk.store.orders import NewOrder
from tests.helpers.paths import file_in
from tests.io.helpers import write_csv


class Questions(list):
    """The confirmations asked (title, text), answered from `answers` (yes when empty)."""

    def __init__(self):
        super().__init__()
        self.answers: list[bool] = []

    def __call__(self, parent, title, text):
        self.append((title, text))
        return self.answers.pop(0) if self.answers else True


@pytest.fixture
def asked(monkeypatch):
    questions = Questions()
    monkeypatch.setattr(import_history, "confirm", questions)
    return questions


@pytest.fixture
def notified(monkeypatch):
    from crmdesk.gui.dashboard import install as dashboard_install

    calls = []
    monkeypatch.setattr(dashboard_install, "notify", lambda window=None: calls.append(window))
    return calls


def imported(window, tmp_path, name="nouveaux.csv"):
    path = write_csv(
        file_in(tmp_path, name),
        ["code", "last_name", "city", "tags"],
        [["N1", "Nouveau", "Nantes", "salon"], ["N2", "Nouvelle", "Brest", ""]],
    )
    result = import_clients(window.database, path)
    window._fill_filter_lists()  # what an import from the window would do
    window._changed([])
    return result.batch_id


def open_dialog(window):
    action = window.importing.history_action
    assert action in window.ui.menuFile.actions() and action.isEnabled()
    action.trigger()
    dialog = window.importing.history_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_dialog_lists_the_imports(window, tmp_path, asked):
    first = imported(window, tmp_path)
    dialog = open_dialog(window)
    table = dialog.table
    assert table.rowCount() == 1
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[0] == str(first) and cells[3] == "nouveaux.csv" and cells[4:6] == ["2", "0"]
    assert cells[1][:2].isdigit() and cells[1][2] == "/"  # « 23/11/2026 10:15 »
    assert not dialog.undo_button.isEnabled()  # nothing selected
    dialog.select(first)
    assert dialog.undo_button.isEnabled()


def test_undoing_an_import_after_confirmation_refreshes_the_window(window, tmp_path, asked, notified):
    window.undo_stack.push(QUndoCommand("une modification"))
    batch = imported(window, tmp_path)
    assert window.model.total() == 5
    assert window.ui.tagCombo.findData("salon") >= 0
    dialog = open_dialog(window)
    dialog.select(batch)

    asked.answers = [False]  # « No »: nothing happens
    dialog.undo_button.click()
    assert len(asked) == 1 and "nouveaux.csv" in asked[0][1]
    assert window.model.total() == 5 and dialog.rows[0]["undone_at"] is None

    dialog.undo_button.click()  # « Yes »
    assert len(asked) == 2
    assert window.model.total() == 3
    assert window.ui.tagCombo.findData("salon") < 0
    assert dialog.rows[0]["undone_at"] is not None and not dialog.undo_button.isEnabled()
    assert "2 clients supprimés" in dialog.result.text()
    assert notified == [window] and window.undo_stack.count() == 0


def test_a_refused_undo_asks_again_before_keeping_what_was_added(window, tmp_path, asked, notified):
    batch = imported(window, tmp_path)
    window.orders.create(NewOrder(window.store.id_of_code("N1"), "2025-05-06", 2_500))
    dialog = open_dialog(window)
    dialog.select(batch)

    asked.answers = [True, False]  # yes, then no to « keep these? »
    dialog.undo_button.click()
    assert len(asked) == 2 and "N1 NOUVEAU" in asked[1][1] and "n'a pas été annulé" in asked[1][1]
    assert window.model.total() == 5 and notified == []

    asked.answers = [True, True]
    dialog.undo_button.click()
    assert window.model.total() == 4  # N1 kept, N2 gone
    assert window.store.id_of_code("N1") is not None and window.store.id_of_code("N2") is None
    assert "gardé" in dialog.result.text()


def test_a_new_file_closes_the_dialog(window, tmp_path, asked):
    imported(window, tmp_path)
    dialog = open_dialog(window)
    from tests.gui.conftest import make_client_file

    other = make_client_file(tmp_path / "autre.sqlite")
    assert window.open_file(other)
    assert window.importing.history_dialog is None and not dialog.isVisible()
    dialog = open_dialog(window)
    assert dialog.table.rowCount() == 0 and dialog.info.text()
