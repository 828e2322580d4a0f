"""Typed input is never thrown away without a word (gui/form_dialog.FormDialog).

Escape, Cancel or the window's close button on a form with changes asks
« Abandonner les modifications ? » (Enregistrer / Abandonner / Continuer la
saisie); a form without changes closes at once. The `boxes` fixture answers
the question (boxes.answers, DISCARD when none is left) and keeps the title
of each form asked about (boxes.discards).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from crmdesk.gui.analysis.indicators.thresholds_dialog import ThresholdsDialog
from crmdesk.gui.common import i18n, messages
from crmdesk.gui.complaints.complaint_dialog import ComplaintDialog
from crmdesk.gui.complaints.surveys_tab import AnswerDialog, SurveyActions
from crmdesk.gui.followup.interaction_dialog import InteractionDialog
from crmdesk.gui.followup.task_dialog import TaskDialog
from crmdesk.gui.loyalty.parties_view import PartyDialog
from crmdesk.gui.loyalty.programme_dialog import LoyaltySettingsDialog
from crmdesk.gui.orders.commands import UndoableOrderActions
from crmdesk.gui.orders.order_dialog import OrderDialog
from crmdesk.gui.printing.business_dialog import BusinessDialog
from crmdesk.gui.session import Session
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.indicators import IndicatorStore

SAVE, DISCARD, CONTINUE = messages.SAVE, messages.DISCARD, messages.CONTINUE


def new_client(qtbot, window):
    qtbot.keyClick(window.ui.clientTable, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.client_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_escape_on_a_typed_client_asks_and_continue_keeps_every_letter(qtbot, window, boxes):
    dialog = new_client(qtbot, window)
    qtbot.keyClicks(dialog.editors["last_name"], "Leroy")
    boxes.answers = [CONTINUE]
    qtbot.keyClick(dialog.editors["last_name"], Qt.Key.Key_Escape)
    assert boxes.discards == ["New client"]
    assert dialog.isVisible() and dialog.editors["last_name"].text() == "Leroy"
    boxes.answers = [DISCARD]
    qtbot.keyClick(dialog.editors["last_name"], Qt.Key.Key_Escape)
    assert boxes.discards == ["New client", "New client"]
    qtbot.waitUntil(lambda: window.client_dialog is None)
    assert window.store.count(ContactQuery()) == 3  # nothing was saved


def test_a_form_without_changes_closes_at_once(qtbot, window, boxes):
    dialog = new_client(qtbot, window)
    qtbot.keyClicks(dialog.editors["last_name"], "x")
    dialog.editors["last_name"].clear()  # typed, then taken back: nothing changed
    qtbot.keyClick(dialog.editors["last_name"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.client_dialog is None)
    assert boxes.discards == []
    sheet = window.edit_client(window.store.id_of_code("C000001"))
    qtbot.waitExposed(sheet)
    sheet.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.client_dialog is None)
    assert boxes.discards == []


def test_save_from_the_question_saves_or_says_why(qtbot, window, boxes):
    dialog = new_client(qtbot, window)
    dialog.editors["last_name"].setText("Leroy")
    dialog.editors["email"].setText("zoe@@example.fr")
    boxes.answers = [SAVE]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.isVisible()  # refused: the form says why and stays
    assert "« @ »" in dialog.errors["email"].text()
    dialog.editors["email"].setText("zoe@example.fr")
    boxes.answers = [SAVE]
    dialog.close()  # the window's close button
    qtbot.waitUntil(lambda: window.client_dialog is None)
    assert boxes.discards == ["New client", "New client"]
    assert window.store.count(ContactQuery()) == 4
    assert "LEROY" in [r["last_name"] for r in window.store.page(ContactQuery(), 10).rows]


def test_an_edited_client_sheet_asks_on_cancel(qtbot, window, boxes):
    contact = window.store.id_of_code("C000001")
    sheet = window.edit_client(contact)
    qtbot.waitExposed(sheet)
    sheet.editors["city"].setText("Rouen")
    sheet.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert boxes.discards == ["Client C000001 — DUPONT Hélène"]
    qtbot.waitUntil(lambda: window.client_dialog is None)
    assert window.store.get(contact)["city"] == "Évreux"


def test_a_new_complaint_asks_before_escape_drops_it(qtbot, window, boxes):
    window.complaints.new_action.trigger()
    dialog = window.complaints.new_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.client_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.subject_edit, "Colis abime")
    boxes.answers = [CONTINUE]
    qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Escape)
    assert boxes.discards == ["New complaint"] and dialog.isVisible()
    assert dialog.subject_edit.text() == "Colis abime"
    qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Escape)  # then dropped
    qtbot.waitUntil(lambda: window.complaints.new_dialog is None)


def test_quitting_with_a_typed_form_asks_and_can_stay(qtbot, window, boxes):
    dialog = new_client(qtbot, window)
    dialog.editors["last_name"].setText("Leroy")
    boxes.answers = [CONTINUE]
    window.close()
    assert window.isVisible() and dialog.isVisible()  # « Continuer la saisie »: nothing closed
    assert boxes.discards == ["New client"]
    boxes.answers = [SAVE]
    window.close()
    assert not window.isVisible()
    assert boxes.discards == ["New client", "New client"]


# every editing dialog: (make it, change one field) ---------------------------------------------------
def _order(database, contact):
    session = Session(database)
    actions = UndoableOrderActions(session.orders, session.undo_stack, session.ordersChanged.emit)
    return OrderDialog(session.orders, contact, save=actions.add, today=dt.date(2026, 11, 23))


def _change_order(dialog):
    dialog.add_line()
    dialog.set_cell(0, "product", "Savon")


FORMS = {
    "order": (_order, _change_order),
    "order amount": (_order, lambda d: d.amount_edit.setText("12,50")),
    "task": (lambda db, c: TaskDialog(Session(db), contact_id=c), lambda d: d.title_edit.setText("Rappeler")),
    "exchange": (
        lambda db, c: InteractionDialog(Session(db), c, now=dt.datetime(2026, 11, 23, 10)),
        lambda d: d.notes_edit.setPlainText("Appel"),
    ),
    "complaint": (lambda db, c: ComplaintDialog(Session(db), contact_id=c), lambda d: d.urgent_check.setChecked(True)),
    "business identity": (lambda db, c: BusinessDialog(Session(db)), lambda d: d.editors["city"].setText("Lyon")),
    "client numbers": (lambda db, c: BusinessDialog(Session(db)), lambda d: d.width_spin.setValue(4)),
    "loyalty settings": (lambda db, c: LoyaltySettingsDialog(Session(db)), lambda d: d.rebate_rate.setValue(3.5)),
    "survey answer": (
        lambda db, c: AnswerDialog(Session(db), c, save=SurveyActions(IndicatorStore(db)).add),
        lambda d: d.comment_edit.setText("Bien"),
    ),
    "indicator thresholds": (
        lambda db, c: ThresholdsDialog(Session(db)),
        lambda d: next(iter(d.editors.values())).setText("9"),
    ),
    "home party": (
        lambda db, c: PartyDialog(Session(db, today=lambda: dt.date(2026, 11, 23))),
        lambda d: d.rate_spin.setValue(5),
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_every_editing_dialog_asks_only_when_changed(qtbot, database, contacts, boxes, name):
    contact = contacts.create({"last_name": "Martin", "first_name": "Anne"})
    make, change = FORMS[name]
    for changed in (False, True):
        dialog = make(database, contact)  # deleted below, while its file is open
        dialog.show()
        qtbot.waitExposed(dialog)
        if changed:
            change(dialog)
        boxes.answers = [CONTINUE]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert boxes.discards == ([dialog.windowTitle()] if changed else []), name
        assert dialog.isVisible() == changed
        boxes.answers = [DISCARD]
        dialog.reject()
        assert not dialog.isVisible()
        dialog.deleteLater()  # gone while its file is open: no late focus event reaches it
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_question_speaks_french_with_its_three_answers(qtbot, qapp, monkeypatch, contacts):
    """The real message box, in French (the `boxes` fixture's stand-in removed)."""
    monkeypatch.undo()
    translators = i18n.install(qapp, "fr")
    dialog = TaskDialog(Session(contacts.database))
    qtbot.addWidget(dialog)
    try:
        dialog.show()
        dialog.title_edit.setText("Rappeler Mme Martin")
        seen = {}

        def answer():
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            seen["text"] = box.text()
            seen["info"] = box.informativeText()
            seen["buttons"] = sorted(b.text() for b in box.buttons())
            box.findChild(QPushButton, "continue").click()

        QTimer.singleShot(0, answer)
        dialog.reject()
        assert dialog.isVisible()
        assert seen["text"] == "Abandonner les modifications\u00a0?"
        assert seen["buttons"] == ["&Abandonner", "&Continuer la saisie", "&Enregistrer"]
        assert "Nouvelle tâche" in seen["info"]

        QTimer.singleShot(0, lambda: QApplication.activeModalWidget().findChild(QPushButton, "discard").click())
        dialog.reject()
        assert not dialog.isVisible()
    finally:
        dialog.discard()  # never a real question left to block the end of the test
        i18n.remove(qapp, translators)
