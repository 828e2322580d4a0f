"""The client sheet: every field, checked as the user types and on save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from crmdesk.domain.contact import FIELD_NAMES
from crmdesk.gui.clients.client_dialog import ClientDialog
from tests.gui.conftest import column_texts


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_every_field_of_a_contact_has_an_editor(qtbot, contacts, session):
    dialog = ClientDialog(session)
    qtbot.addWidget(dialog)
    assert set(FIELD_NAMES) <= set(dialog.editors)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "&Identity",
        "&Contact details",
        "&Relationship",
        "Consent / &GDPR",
    ]


def test_a_bad_email_is_refused_with_its_reason_then_saved_once_fixed(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.client_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.editors["last_name"].setText("Leroy")
    dialog.editors["first_name"].setText("Zoé")
    dialog.editors["email"].setText("zoe.leroy.example.fr")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "il manque le « @ »" in dialog.errors["email"].text()
    assert not dialog.errors["email"].isHidden()
    assert dialog.editors["email"].property("invalid") is True
    assert "il manque le « @ »" in dialog.summary.text() and "Email" in dialog.summary.text()
    assert dialog.tabs.currentIndex() == 1  # the tab of the wrong field is shown
    assert window.model.rowCount() == 3
    dialog.editors["email"].setText("zoe.leroy@example.fr")  # fixed: the error goes as the user types
    assert dialog.errors["email"].text() == ""
    assert dialog.editors["email"].property("invalid") is False
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.client_dialog is None)
    assert window.model.rowCount() == 4
    assert "LEROY Zoé" in column_texts(window.model, "name")
    new_id = window.current_id()
    assert window.store.get(new_id)["email"] == "zoe.leroy@example.fr"


def test_a_field_is_checked_when_the_user_leaves_it(qtbot, contacts, session):
    dialog = ClientDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    postal = dialog.editors["postal_code"]
    postal.setText("2100")
    assert dialog.errors["postal_code"].text() == ""  # not while typing the first time
    postal.editingFinished.emit()
    assert dialog.errors["postal_code"].text() == "un code postal français a 5 chiffres"
    postal.setText("21000")
    assert dialog.errors["postal_code"].text() == ""


def test_other_wrong_fields_have_their_french_reason(qtbot, contacts, session):
    dialog = ClientDialog(session)
    qtbot.addWidget(dialog)
    dialog.editors["phone"].setText("12")
    dialog.editors["birth_date"].setText("31/02/1990")
    dialog.editors["siret"].setText("12345678901234")
    dialog.submit()
    problems = {f: dialog.errors[f].text() for f in ("last_name", "phone", "birth_date", "siret")}
    assert problems["last_name"] == "il faut un nom ou une raison sociale"
    assert "téléphone" in problems["phone"]
    assert "date impossible" in problems["birth_date"]
    assert "SIRET invalide" in problems["siret"]
    assert dialog.result() == 0 and contacts.count(contacts_query()) == 0


def contacts_query():
    from crmdesk.store.contacts import ContactQuery

    return ContactQuery()


def test_a_taken_client_number_is_refused(qtbot, contacts, session):
    contacts.create({"last_name": "Premier", "code": "A1"})
    dialog = ClientDialog(session)
    qtbot.addWidget(dialog)
    dialog.editors["last_name"].setText("Second")
    dialog.editors["code"].setText("A1")
    dialog.submit()
    assert "déjà pris" in dialog.errors["code"].text()


def test_a_company_shows_its_people_and_a_person_links_to_it(qtbot, contacts, session):
    acme = contacts.create({"kind": "company", "company": "ACME SARL", "stage": "client"})
    person = contacts.create({"last_name": "Petit", "first_name": "Anne"})
    sheet = ClientDialog(session, person)
    qtbot.addWidget(sheet)
    picker = sheet.editors["company_id"]
    picker.setText("acm")
    picker.textEdited.emit("acm")
    assert picker.completer().model().stringList() == ["ACME SARL (C000001)"]
    picker.setText("ACME SARL (C000001)")
    sheet.editors["job_title"].setText("Acheteuse")
    sheet.submit()
    assert sheet.result() == ClientDialog.DialogCode.Accepted
    assert contacts.get(person)["company_id"] == acme
    company_sheet = ClientDialog(session, acme)
    qtbot.addWidget(company_sheet)
    company_sheet.show()
    assert company_sheet.members_box.isVisible()
    assert company_sheet.members.item(0).text() == "PETIT Anne — Acheteuse"
    assert not company_sheet.editors["first_name"].isEnabled()


def test_a_person_cannot_be_linked_to_a_non_company(qtbot, contacts, session):
    contacts.create({"last_name": "Autre"})
    person = contacts.create({"last_name": "Petit"})
    sheet = ClientDialog(session, person)
    qtbot.addWidget(sheet)
    sheet.editors["company_id"].setText("AUTRE (C000001)")
    sheet.submit()
    assert sheet.errors["company_id"].text() == "this contact is not a company"


def test_every_field_round_trips(qtbot, contacts, session):
    contacts.database.conn.execute("INSERT INTO reps(code, name) VALUES ('MB', 'Maryse Brun')")
    dialog = ClientDialog(session)
    qtbot.addWidget(dialog)
    e = dialog.editors
    e["civility"].setCurrentIndex(e["civility"].findData("Mme"))
    e["stage"].setCurrentIndex(e["stage"].findData("client"))
    for field, text in {
        "last_name": "Brun",
        "first_name": "Élise",
        "email": "elise@example.fr",
        "phone": "06 11 22 33 44",
        "address": "3 rue des Lilas",
        "postal_code": "87000",
        "city": "Limoges",
        "birth_date": "12/04/1980",
        "first_contact": "01/02/2024",
        "tags": "VIP, salon 2024",
        "consent_email_date": "01/02/2024",
        "consent_email_source": "formulaire",
        "interests": "arts de la table",
    }.items():
        e[field].setText(text)
    e["notes"].setPlainText("Aime la porcelaine.")
    e["consent_email"].setChecked(True)
    e["is_host"].setChecked(True)
    e["source"].setCurrentIndex(e["source"].findData("home_party"))
    e["rep_id"].setCurrentIndex(e["rep_id"].findText("Maryse Brun"))
    dialog.submit()
    assert dialog.result() == ClientDialog.DialogCode.Accepted
    saved = contacts.get(dialog.contact_id)
    assert saved["phone"] == "+33611223344" and saved["department"] == "87"
    assert saved["birth_date"] == "1980-04-12" and saved["consent_email"] == 1 and saved["is_host"] == 1
    assert saved["tags"] == ["salon 2024", "VIP"] and saved["rep_id"] == 1 and saved["source"] == "home_party"
    again = ClientDialog(session, dialog.contact_id)
    qtbot.addWidget(again)
    assert again.editors["phone"].text() == "06 11 22 33 44"
    assert again.editors["birth_date"].text() == "12/04/1980"
    assert again.editors["rep_id"].currentText() == "Maryse Brun"
    assert again.editors["notes"].toPlainText() == "Aime la porcelaine."
    assert again.check() == {}


def test_ask_returns_the_saved_values(qtbot, contacts, session):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def fill_and_save():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ClientDialog)
        dialog.editors["last_name"].setText("Modal")
        dialog.submit()

    QTimer.singleShot(0, fill_and_save)
    result = ClientDialog.ask(None, session)
    assert result["last_name"] == "Modal" and contacts.get(result["id"])["last_name"] == "MODAL"
    assert session.undo_stack.count() == 1  # saved through the one path: a command, undoable
    session.undo_stack.undo()
    assert contacts.get(result["id"]) is None
    session.undo_stack.redo()
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert ClientDialog.ask(None, session, result["id"]) is None
