"""Édition › Rechercher les doublons…: the find dialog, the merge dialog and Ctrl+Z; the warning on create."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crmdesk.gui.clients import duplicates_dialog as dd
from crmdesk.store.duplicates import DuplicateStore
from crmdesk.store.orders import NewOrder, OrderStore
from tests.helpers.window import second_helene

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def planted(window):
    """« DUPONT Helene », typed again with her e-mail in capitals, with an order;
    the fixture's Hélène Dupont (C000001) has one too."""
    first, second = second_helene(window)
    orders = OrderStore(window.database)
    today = dt.date.today().isoformat()
    orders.create(NewOrder(first, today, 10_000))
    orders.create(NewOrder(second, today, 25_000))
    window.model.refresh()
    return first, second


def open_find(qtbot, window):
    action = window.duplicates.find_action
    assert action.isEnabled() and action in window.ui.menuEdit.actions()
    action.trigger()
    dialog = window.duplicates.find_dialog
    qtbot.waitUntil(lambda: dialog.searched)
    return dialog


def test_the_find_dialog_lists_the_planted_pair(qtbot, window, planted, qtmodeltester):
    dialog = open_find(qtbot, window)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1
    pair = dialog.model.pair_at(0)
    assert (pair.a, pair.b) == planted and pair.reason.startswith("même e-mail")
    texts = [dialog.model.index(0, c).data() for c in range(4)]
    assert texts == [str(pair.score), pair.reason, "C000001 — DUPONT Hélène", "C000004 — DUPONT Helene"]
    assert dialog.merge_button.isEnabled()
    assert "1 possible duplicate pair" in dialog.info.text()


def test_merge_through_the_dialog_then_ctrl_z(qtbot, window, planted, qtmodeltester):
    first, second = planted
    dialog = open_find(qtbot, window)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    merge = dialog.merge_dialog
    assert merge is not None and (merge.keep_id, merge.other_id) == (first, second)
    assert set(merge.radios) >= {"first_name", "email", "postal_code"}
    assert merge.radios["postal_code"][1].isChecked()  # a blank takes the other's value
    assert (
        merge.findChild(type(merge.history), "mergeHistory").text()
        == "Moves to the kept client: 1 commande, 1 étiquette."
    )
    merge.choose("first_name", "other")
    qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)

    kept = window.store.get(first)
    assert (kept["first_name"], kept["postal_code"], kept["tags"]) == ("Helene", "27000", ["salon"])
    assert window.store.get(second)["deleted_at"] is not None
    assert len(OrderStore(window.database).orders_of(first)) == 2
    assert kept["revenue_year_cents"] == 35_000
    assert window.model.rowCount() == 3 and window.current_id() == first
    assert dialog.model.rowCount() == 0 and "No possible duplicates" in dialog.info.text()

    dialog.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.store.get(second)["deleted_at"] is None
    assert window.store.get(first)["first_name"] == "Hélène" and window.store.get(first)["tags"] == []
    assert len(OrderStore(window.database).orders_of(second)) == 1
    assert window.model.rowCount() == 4

    window.redo_action.trigger()
    assert window.store.get(second)["deleted_at"] is not None
    assert window.model.rowCount() == 3


def test_swap_keeps_the_other_one(qtbot, window, planted):
    first, second = planted
    dialog = open_find(qtbot, window)
    merge = dialog.merge_selected()
    qtbot.mouseClick(merge.swap_button, Qt.MouseButton.LeftButton)
    assert (merge.keep_id, merge.other_id) == (second, first)
    merge.accept()
    assert window.store.get(first)["deleted_at"] is not None
    assert window.store.get(second)["code"] == "C000004"


def test_keep_both_is_not_proposed_again_and_ignore_only_hides(qtbot, window, planted):
    dialog = open_find(qtbot, window)
    qtbot.mouseClick(dialog.ignore_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    assert DuplicateStore(window.database).dismissed() == {planted}
    dialog.refresh()
    qtbot.waitUntil(lambda: not dialog.task.is_running())
    assert dialog.model.rowCount() == 0


def test_a_cancelled_merge_changes_nothing(qtbot, window, planted):
    dialog = open_find(qtbot, window)
    merge = dialog.merge_selected()
    merge.reject()
    assert window.store.get(planted[1])["deleted_at"] is None
    assert window.undo_stack.count() == 0 and dialog.model.rowCount() == 1


# -- the warning when a new client looks like an existing one ----------------------------------------
def new_helene(window):
    sheet = window.new_client()
    sheet.editors["last_name"].setText("dupont")
    sheet.editors["first_name"].setText("Hélène")
    sheet.editors["phone"].setText("06 12 34 56 78")
    sheet.editors["address"].setText("3 rue Verte")
    return sheet


@pytest.fixture
def answers(monkeypatch):
    """DuplicateWarning.ask patched: answers given in turn, what was asked kept."""
    asked, given = [], []

    def ask(parent, suspect, existing):
        asked.append((suspect.code, suspect.reason))
        return given.pop(0)

    monkeypatch.setattr(dd.DuplicateWarning, "ask", classmethod(lambda cls, *a: ask(*a)))
    return asked, given


def test_keep_both_creates_the_new_client(qtbot, window, answers):
    asked, given = answers
    given.append(dd.KEEP)
    sheet = new_helene(window)
    sheet.submit()
    assert asked == [("C000001", "même téléphone")]
    assert window.model.rowCount() == 4 and sheet.result() == sheet.DialogCode.Accepted


def test_cancel_creates_nothing_and_stays_in_the_form(qtbot, window, answers):
    asked, given = answers
    given.append(dd.CANCEL)
    sheet = new_helene(window)
    sheet.submit()
    assert len(asked) == 1 and window.model.rowCount() == 3
    assert sheet.isVisible() and window.undo_stack.count() == 0


def test_merge_opens_the_existing_client_with_the_blanks_filled(qtbot, window, answers):
    _asked, given = answers
    given.append(dd.MERGE)
    sheet = new_helene(window)
    sheet.submit()
    helene = window.store.id_of_code("C000001")
    qtbot.waitUntil(lambda: window.client_dialog is not None and window.client_dialog.contact_id == helene)
    existing = window.client_dialog
    assert existing.editors["address"].text() == "3 rue Verte"  # blank: filled in, not saved yet
    assert existing.editors["last_name"].text() == "DUPONT"  # not blank: left alone
    assert window.model.rowCount() == 3 and window.store.get(helene)["address"] is None
    existing.submit()
    assert window.store.get(helene)["address"] == "3 rue Verte"


def test_no_warning_for_someone_new(qtbot, window, answers):
    asked, _given = answers
    sheet = window.new_client()
    sheet.editors["last_name"].setText("Nouveau")
    sheet.submit()
    assert asked == [] and window.model.rowCount() == 4


def test_the_warning_dialog_answers(qtbot):
    suspect = dd.Suspect(1, 95, "même téléphone", "C000001", "DUPONT Hélène")
    for button, answer in (("mergeButton", dd.MERGE), ("keepBothButton", dd.KEEP), ("cancelButton", dd.CANCEL)):
        dialog = dd.DuplicateWarning(suspect, {"email": "a@b.fr", "postal_code": "27000", "city": "Évreux"})
        qtbot.addWidget(dialog)
        dialog.show()
        assert (
            "C000001 — DUPONT Hélène"
            in dialog.findChild(type(dialog.layout().itemAt(0).widget()), "warningText").text()
        )
        qtbot.mouseClick(
            getattr(
                dialog,
                {"mergeButton": "merge_button", "keepBothButton": "keep_button", "cancelButton": "cancel_button"}[
                    button
                ],
            ),
            Qt.MouseButton.LeftButton,
        )
        assert dialog.answer == answer


def test_a_pair_whose_client_is_gone_is_explained_and_dropped(qtbot, window, planted, boxes):
    dialog = open_find(qtbot, window)
    second = planted[1]
    orders = OrderStore(window.database)
    orders.delete(orders.orders_of(second)[0]["id"])
    window.store.remove(second)  # gone since the search (as an undone creation)
    assert dialog.merge_selected() is None
    assert boxes == [("Find duplicates", "One of the two clients no longer exists.")]
    assert dialog.model.rowCount() == 0
