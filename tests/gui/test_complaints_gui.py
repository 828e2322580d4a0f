"""Complaints in the GUI: the new-complaint dialog, the queue, the detail, the
client sheet's tab, the dashboard, the menu and the status bar."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog

from crmdesk.domain.complaints import KINDS
from crmdesk.gui.common import i18n
from crmdesk.gui.complaints import menu as complaints_menu
from crmdesk.gui.complaints.complaint_dialog import ComplaintDialog
from crmdesk.gui.complaints.texts import DUE_SOON_BACKGROUND, OVERDUE_BACKGROUND
from crmdesk.store.complaints import ComplaintStore
from tests.helpers.today import Clock

DEMO_DAY = dt.date(2026, 11, 23)
CTRL = Qt.KeyboardModifier.ControlModifier


def plain(text: str) -> str:
    return re.sub("[\u00a0\u202f]", " ", text or "")


def dupont(window) -> int:
    return window.store.conn.execute("SELECT id FROM contacts WHERE last_name LIKE 'dupont'").fetchone()[0]


def open_new(qtbot, window) -> ComplaintDialog:
    window.complaints.new_action.trigger()
    dialog = window.complaints.new_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def focus(dialog):
    return dialog.focusWidget()


@pytest.fixture
def sweety(qtbot, qsettings, tmp_path, sweetybio_template):
    """The main window on the Sweety Bio demo, as of 23/11/2026."""
    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    win.clock.day = DEMO_DAY
    assert win.open_file(path)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


# -- 1. the new-complaint dialog ------------------------------------------------------------
def test_a_complaint_is_typed_and_saved_with_the_keyboard_only(qtbot, window):
    assert window.complaints.new_action.shortcut().toString() == "Ctrl+R"
    assert window.complaints.new_action in window.ui.mainToolBar.actions()
    dialog = open_new(qtbot, window)
    assert focus(dialog) is dialog.client_edit
    qtbot.keyClicks(dialog.client_edit, "dupo")
    popup = dialog.client_edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    code = window.store.get(dupont(window))["code"]
    assert dialog.client_edit.text() == f"DUPONT Hélène ({code})"
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Tab)
    assert focus(dialog) is dialog.channel_combo
    qtbot.keyClicks(focus(dialog), "T")  # Téléphone
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Tab)
    assert focus(dialog) is dialog.kind_combo
    qtbot.keyClicks(focus(dialog), "L")  # Livraison…
    assert dialog.priority_spin.value() == 3
    for _ in range(4):  # nature, service, product, lot
        qtbot.keyClick(focus(dialog), Qt.Key.Key_Tab)
    assert focus(dialog) is dialog.lot_edit
    qtbot.keyClicks(focus(dialog), "L240615")
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Tab)
    qtbot.keyClicks(focus(dialog), "Livraison de kombucha manquante")
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Tab)
    assert focus(dialog) is dialog.description_edit
    qtbot.keyClicks(focus(dialog), "Pas de livraison ce matin.")
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Tab)
    assert focus(dialog) is dialog.perishable_check
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Space)
    assert dialog.perishable_check.isChecked() and dialog.priority_spin.value() == 2  # fresh goods first
    received = dialog.received_at()
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(focus(dialog), Qt.Key.Key_Return, CTRL)
    complaint_id = saved.args[0]
    qtbot.waitUntil(lambda: window.complaints.new_dialog is None)
    store = ComplaintStore(window.database)
    row = store.get(complaint_id)
    assert re.fullmatch(rf"REC-{received.year}-\d{{4}}", row["ref"])
    assert row["due_date"] == store.due_date_for(received).isoformat()
    assert (row["contact_id"], row["channel"], row["kind"], row["lot"], row["priority"], row["perishable"]) == (
        dupont(window),
        "phone",
        "delivery",
        "L240615",
        2,
        True,
    )
    assert row["subject"] == "Livraison de kombucha manquante"
    message = window.ui.statusbar.currentMessage()
    assert row["ref"] in message and dt.date.fromisoformat(row["due_date"]).strftime("%d/%m/%Y") in message


def test_a_wrong_complaint_shows_why_next_to_the_field_and_saves_nothing(qtbot, window):
    dialog = open_new(qtbot, window)
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert dialog.errors["contact_id"].isVisible()
    qtbot.keyClicks(dialog.client_edit, "Durand")  # one match: taken as it is
    qtbot.keyClick(dialog.client_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert not dialog.errors["contact_id"].isVisible()
    # no kind chosen: refused, not taken as « health / safety », priority 1
    assert dialog.errors["kind"].isVisible()
    assert dialog.errors["kind"].text() == "required: choose the kind of complaint (it sets the priority)"
    assert focus(dialog) is dialog.kind_combo
    assert dialog.priority_spin.text() == "—"
    assert dialog.suggestion_label.text() == "choose the kind: it sets the priority"
    qtbot.keyClicks(dialog.kind_combo, "F")  # Facturation
    assert dialog.kind_combo.currentData() == "invoice" and dialog.priority_spin.value() == 8
    qtbot.keyClick(focus(dialog), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert not dialog.errors["kind"].isVisible()
    assert dialog.errors["subject"].isVisible() and dialog.errors["subject"].text() == "obligatoire"
    assert dialog.subject_edit.property("invalid") is True
    assert focus(dialog) is dialog.subject_edit
    assert ComplaintStore(window.database).queue() == []
    qtbot.keyClicks(dialog.subject_edit, "Facture en double")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return, CTRL)
    assert len(ComplaintStore(window.database).queue()) == 1


def test_the_priority_follows_the_rules_until_set_by_hand(qtbot, window):
    dialog = open_new(qtbot, window)
    kinds = dialog.kind_combo
    kinds.setCurrentIndex(kinds.findData("safety"))
    assert dialog.priority_spin.value() == 1
    kinds.setCurrentIndex(kinds.findData("stockout"))
    assert dialog.priority_spin.value() == 6
    dialog.urgent_check.setChecked(True)
    assert dialog.priority_spin.value() == 4 and "urgente" in dialog.suggestion_label.text()
    dialog.priority_spin.setValue(8)
    kinds.setCurrentIndex(kinds.findData("safety"))
    assert dialog.priority_spin.value() == 8  # the user's choice is kept
    dialog.reject()


def test_the_reception_time_can_be_set_and_counts_for_the_deadline(qtbot, window):
    dialog = open_new(qtbot, window)
    dialog.client_edit.set_contact(dupont(window))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("information"))
    dialog.subject_edit.setText("Question")
    dialog.received_edit.setDateTime(QDateTime(dt.date(2026, 11, 22), dt.time(9, 30)))  # a Sunday
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.submit()
    row = ComplaintStore(window.database).get(saved.args[0])
    assert row["received_at"].startswith("2026-11-22T09:30")
    assert row["due_date"] == "2026-11-27"


# -- 2. the queue ---------------------------------------------------------------------------------
def test_the_queue_of_the_demo_is_in_triage_order_with_colours(qtbot, sweety, qtmodeltester):
    # said once the client table is painted (what an opening starts comes after its first rows)
    qtbot.waitUntil(lambda: plain(sweety.ui.statusbar.currentMessage()) == "1 complaint overdue")
    dialog = sweety.complaints.show_queue()
    qtbot.waitExposed(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    kinds = [row["kind"] for row in model.rows]
    assert kinds == ["safety", "delivery", "stockout", "special_order", "information"]
    column = model.COLUMNS.index
    assert [model.index(r, column("kind")).data() for r in range(5)] == [KINDS[k] for k in kinds]
    assert model.index(0, column("reason")).data().startswith("risque santé / sécurité")
    assert model.index(1, column("reason")).data().startswith("livraison de produits frais")
    assert model.index(2, column("reason")).data().startswith("rupture de stock sur commande urgente")
    assert re.fullmatch(r"\d\d/\d\d/2026", model.index(0, column("due_date")).data())
    assert model.index(0, column("client")).data().startswith("LEROY Marc (")
    special = model.index(3, column("due_date"))
    assert special.data() == "20/11/2026"
    assert special.data(Qt.ItemDataRole.BackgroundRole).color().name() == OVERDUE_BACKGROUND
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert [s.text() for s in dialog.legend] == ["overdue", "due today or tomorrow"]
    assert dialog.detail.complaint_id == model.complaint_id(0)


def test_due_soon_rows_are_orange_and_the_filter_shows_closed_ones(qtbot, sweety, qtmodeltester):
    sweety.clock.day = dt.date(2026, 11, 26)
    dialog = sweety.complaints.show_queue()
    model = dialog.model
    states = [row["state"] for row in model.rows]
    assert "due_soon" in states
    row = states.index("due_soon")
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == DUE_SOON_BACKGROUND
    store = ComplaintStore(sweety.database)
    first = model.complaint_id(0)
    for phase, details in (
        ("registration", None),
        ("resolution", None),
        ("closure", {"answer": "Remboursé", "compensation_kind": "refund", "cost_cents": 1290, "resatisfied": True}),
    ):
        store.advance(first, phase, details)
    dialog.refresh()
    assert model.rowCount() == 4
    dialog.filter_combo.setCurrentIndex(1)
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.rows[-1]["id"] == first


# -- 3. the detail -----------------------------------------------------------------------------
def phase_dialog(qtbot, detail, start):
    with qtbot.waitSignal(detail.dialogOpened) as opened:
        start()
    dialog = opened.args[0]
    qtbot.waitExposed(dialog)
    return dialog


def test_the_detail_moves_through_the_phases_with_a_timeline(qtbot, sweety, tmp_path, monkeypatch):
    dialog = sweety.complaints.show_queue()
    detail = dialog.detail
    assert detail.title.text().startswith("REC-2026-0004 — Signalement goût anormal")
    assert (
        detail.fields["product"].text() == "Miel Acacia — lot L240615" or "L240615" in detail.fields["product"].text()
    )
    assert detail.timeline.event_texts("reception")[0][1] == "Received"
    assert detail.advance_button.text() == "&Next phase: Enregistrement…"

    form = phase_dialog(qtbot, detail, detail.advance)
    assert form.editors["history"].count() >= 1 if "history" in form.editors else True
    form.set_value("justified", True)
    form.set_value("qualification", "Qualité — lot à bloquer")
    with qtbot.waitSignal(dialog.changed):
        form.submit()
    events = detail.timeline.event_texts("registration")
    assert len(events) == 1 and events[0][1] == "Qualified" and "justified: yes" in events[0][2]
    assert ComplaintStore(sweety.database).get(detail.complaint_id)["justified"] is True

    form = phase_dialog(qtbot, detail, lambda: detail.add_note(correction=True))
    form.set_value("text", "Le lot concerné est L240616")
    with qtbot.waitSignal(dialog.changed):
        form.submit()
    events = detail.timeline.event_texts("registration")
    assert [e[1] for e in events] == ["Qualified", "Correction"]  # a new event, nothing changed
    assert "L240616" in events[1][2]

    form = phase_dialog(qtbot, detail, detail.advance)
    form.routed_radio.setChecked(True)
    form.set_value("service", "Qualité")
    with qtbot.waitSignal(dialog.changed):
        form.submit()
    assert "routed to the service concerned" in detail.timeline.event_texts("resolution")[0][2]

    form = phase_dialog(qtbot, detail, detail.advance)
    form.submit()  # nothing filled in
    assert form.isVisible() and form.errors["answer"].isVisible() and form.errors["resatisfied"].isVisible()
    form.set_value("answer", "Pot remplacé, lot retiré de la vente")
    form.set_value("compensation_kind", "exchange")
    form.set_value("cost", "12,90")
    form.set_value("resatisfied", True)
    with qtbot.waitSignal(dialog.changed):
        form.submit()
    row = ComplaintStore(sweety.database).get(detail.complaint_id)
    assert row["phase"] == "closure" and row["compensation_cost_cents"] == 1290 and row["resatisfied"] is True
    assert detail.state_label.text() == "Clôturée"
    assert "12,90" in plain(detail.timeline.event_texts("closure")[0][2])

    form = phase_dialog(qtbot, detail, detail.advance)  # follow-up: nothing required
    with qtbot.waitSignal(dialog.changed):
        form.submit()
    form = phase_dialog(qtbot, detail, detail.advance)
    form.set_value("root_cause", "Stockage trop chaud chez le transporteur")
    form.set_value("preventive_action", "Camion réfrigéré l'été")
    with qtbot.waitSignal(dialog.changed):
        form.submit()
    assert not detail.advance_button.isEnabled()
    assert detail.timeline.topLevelItem(5).text(0).startswith("●")
    assert all(detail.timeline.topLevelItem(i).text(0).startswith("✔") for i in range(5))


def test_attachment_and_acknowledgement_letter(qtbot, sweety, tmp_path, monkeypatch):
    dialog = sweety.complaints.show_queue()
    detail = dialog.detail
    photo = tmp_path / "photo du pot.jpg"
    photo.write_bytes(b"\xff\xd8fake")
    opened = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    stored = detail.add_attachment()
    assert detail.attachments.count() == 1 and detail.attachments.item(0).text() == "photo du pot.jpg"
    path = ComplaintStore(sweety.database).attachment_path(stored)
    assert path.read_bytes() == b"\xff\xd8fake"
    assert detail.timeline.event_texts("reception")[-1][1] == "Attachment added"
    detail.attachments.itemActivated.emit(detail.attachments.item(0))
    assert opened == [str(path)]

    with qtbot.waitSignal(detail.previewOpened) as opening:
        detail.letter_button.click()
    preview = opening.args[0]
    assert ComplaintStore(sweety.database).get(detail.complaint_id)["acknowledged_at"] is None  # shown only
    letter = tmp_path / "lettre"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(letter), ""))
    preview.save_button.click()
    pdf = tmp_path / "lettre.pdf"
    assert pdf.read_bytes() == preview.pdf
    assert ComplaintStore(sweety.database).get(detail.complaint_id)["acknowledged_at"]
    assert detail.timeline.event_texts("reception")[-1][1] == "Acknowledgement sent"


# -- the client sheet -------------------------------------------------------------------------------
def test_the_client_sheet_lists_the_clients_complaints_and_logs_one(qtbot, window, qtmodeltester):
    contact = dupont(window)
    sheet = window.edit_client(contact)
    qtbot.waitExposed(sheet)
    tab = sheet.complaints_tab
    assert sheet.tabs.tabText(sheet.tabs.indexOf(tab)) == "Complaints"
    assert tab.model.rowCount() == 0
    qtmodeltester.check(tab.model)
    tab.new_button.click()
    dialog = window.complaints.new_dialog
    qtbot.waitExposed(dialog)
    assert dialog.client_edit.contact_id() == contact
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("delivery"))
    dialog.subject_edit.setText("Colis abîmé")
    with qtbot.waitSignal(dialog.saved):
        dialog.submit()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    qtmodeltester.check(tab.model)
    assert tab.model.index(0, tab.model.COLUMNS.index("subject")).data() == "Colis abîmé"
    sheet.reject()


# -- menu, status bar, French ---------------------------------------------------------------------------
def test_the_status_text_counts_overdue_and_due_soon():
    assert complaints_menu.status_text({"overdue": 2, "due_soon": 1}) == "2 complaints overdue, 1 due tomorrow"
    assert complaints_menu.status_text({"overdue": 0, "due_soon": 1}) == "1 complaint due tomorrow"
    assert complaints_menu.status_text({"overdue": 0, "due_soon": 0, "open": 3}) == ""


@pytest.fixture
def french(qapp):
    translators = i18n.install(qapp, "fr")
    yield
    i18n.remove(qapp, translators)


def test_in_french(qtbot, french, sweety):
    assert complaints_menu.status_text({"overdue": 2, "due_soon": 1}) == "2 réclamations en retard, 1 à échéance demain"
    menu = sweety.complaints.menu
    assert menu.title().replace("&", "") == "Réclamations"
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "Nouvelle réclamation…",
        "File des réclamations…",
        "Tableau de bord des réclamations…",
    ]
    assert sweety.complaints.new_action.iconText() == "Nouvelle réclamation"


# -- 4. the dashboard ---------------------------------------------------------------------------------
def test_the_dashboard_shows_the_period_indicators_in_french_formats(qtbot, sweety):
    store = ComplaintStore(sweety.database)
    first = store.queue(DEMO_DAY)[0]["id"]
    store.acknowledge(first, at=dt.datetime(2026, 11, 21, 18, 30))
    for phase, details in (
        ("registration", None),
        ("resolution", None),
        ("closure", {"answer": "Remboursé", "compensation_kind": "refund", "cost_cents": 1290, "resatisfied": True}),
    ):
        store.advance(first, phase, details, at=dt.datetime(2026, 11, 23, 10, 0))
    sweety.complaints.new_dialog = None
    dialog = sweety.complaints.show_dashboard()
    qtbot.waitUntil(lambda: dialog.figures is not None and not dialog.task.is_running())
    with qtbot.waitSignal(dialog.computed) as computed:
        dialog.set_period("month", DEMO_DAY)
    figures = computed.args[0]
    assert figures["complaints"] == 5 and figures["period"] == "nov. 2026"
    assert dialog.period_label.text() == "nov. 2026: from 01/11/2026 to 30/11/2026"
    values = {k: plain(v.text()) for k, v in dialog.values.items()}
    assert values["cost"] == "12,90 €"
    assert values["in_time"] == "100,0 %" and values["resatisfied"] == "100,0 %"
    assert values["ack"] == "4,0 h / 4,0 h"
    assert re.fullmatch(r"\d+,\d\d %", values["rate_transactions"])
    assert values["top_lot"] != "—"
    assert figures["months"]["2026-11"]["kinds"] == {
        k: 1 for k in ("safety", "delivery", "stockout", "special_order", "information")
    }
    with qtbot.waitSignal(dialog.computed) as computed:
        dialog.set_period("year", DEMO_DAY)
    assert computed.args[0]["period"] == "2026" and computed.args[0]["complaints"] == 5
    dialog.close()
