"""Follow-up in the GUI: the client's timeline, the interaction dialog (CROC),
« Aujourd'hui » with its done boxes and start-up showing, the agenda, the reminder settings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from crmdesk.gui.followup import timeline_tab, today_view
from crmdesk.gui.followup.agenda_view import AgendaView
from crmdesk.gui.followup.interaction_dialog import InteractionDialog
from crmdesk.gui.followup.reminder_settings import ReminderSettingsDialog
from crmdesk.gui.followup.task_dialog import TaskDialog
from crmdesk.gui.followup.timeline_tab import TimelineTab
from crmdesk.gui.followup.today_view import TodayView
from crmdesk.gui.session import Session
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.tasks import TaskStore
from tests.gui.conftest import make_client_file

NOW = dt.datetime(2026, 11, 25, 16, 0)
TODAY = NOW.date()  # a Wednesday


def plain(text: str) -> str:
    return re.sub("[\u00a0\u202f]", " ", text or "")


@pytest.fixture
def database(tmp_path):
    db = Database(tmp_path / "suivi.sqlite", create=True)
    yield db
    db.close()


@pytest.fixture
def anne(database):
    return ContactStore(database).create({"last_name": "Martin", "first_name": "Anne", "code": "C000001"})


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_timeline_shows_orders_and_a_new_exchange_typed_with_the_croc_template(qtbot, database, anne, qtmodeltester):
    OrderStore(database).create(NewOrder(anne, "2026-11-02", 125_400, ref="CMD-7"), today=TODAY)
    tab = TimelineTab(Session(database), anne, now=NOW)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    assert tab.model.text(tab.model.rows[0], 0) == "02/11/2026"
    assert plain(tab.model.text(tab.model.rows[0], 4)) == "1 254,00 € · CMD-7"
    with qtbot.waitSignal(tab.dialogOpened) as opened:
        tab.add_button.click()
    dialog = opened.args[0]
    assert isinstance(dialog, InteractionDialog)
    assert dialog.at_edit.text() == "25/11/2026 16:00"
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("phone"))
    dialog.subject_edit.setText("Commande de Noël")
    dialog.notes_edit.setPlainText("Appel de 10 minutes")
    dialog.croc_button.click()
    notes = dialog.notes_edit.toPlainText()
    assert notes.startswith("Appel de 10 minutes\n\nContact :")
    assert [line for line in notes.splitlines() if line.endswith(" :")] == [
        "Contact :",
        "Reason :",
        "Objective :",
        "Conclusion :",
    ]
    with qtbot.waitSignal(tab.changed):
        save(dialog)
    first = tab.model.rows[0]
    assert first["source"] == "interaction" and tab.model.text(first, 1) == "Exchange · Phone"
    assert tab.model.text(first, 3) == "Commande de Noël" and tab.model.text(first, 2) == "Out"
    assert tab.current_interaction_id() == first["id"] and tab.delete_button.isEnabled()
    OrderStore(database).create(NewOrder(anne, "2026-11-24", 5_000), today=TODAY)
    timeline_tab.refresh_tabs(anne)  # what MainWindow.ordersChanged should call
    assert [r["source"] for r in tab.model.rows] == ["interaction", "order", "order"]
    qtmodeltester.check(tab.model)


def test_interaction_dialog_shows_french_reasons_under_the_fields(qtbot, database, anne, monkeypatch):
    dialog = InteractionDialog(Session(database), anne, now=NOW)
    qtbot.addWidget(dialog)
    dialog.at_edit.setText("26/11/2026 09:00")
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("visit"))
    assert dialog.kind_combo.currentData() == "meeting"  # a visit is a meeting
    assert dialog.submit() is False
    assert dialog.errors["at"].text().startswith("date dans le futur")
    assert dialog.errors["subject"].text() == "obligatoire (ou des notes)"
    assert not dialog.errors["channel"].isVisibleTo(dialog)


def test_deleting_an_exchange_asks_first(qtbot, database, anne, monkeypatch):
    from crmdesk.store.interactions import InteractionStore

    InteractionStore(database).add({"contact_id": anne, "at": NOW, "channel": "email", "subject": "Devis"}, now=NOW)
    tab = TimelineTab(Session(database), anne, now=NOW)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert tab.delete_interaction() is False and tab.model.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert tab.delete_interaction() is True and tab.model.rowCount() == 0


@pytest.fixture
def planned(database, anne):
    store = TaskStore(database)
    for title, due in (
        ("Relancer le devis", "2026-11-23"),
        ("Appeler Anne", "2026-11-25T09:30"),
        ("Préparer le salon", "2026-11-28"),
        ("Plus tard", "2026-12-10"),
    ):
        store.create({"contact_id": anne, "title": title, "due_at": due, "kind": "call"})
    return store


def test_today_view_lists_the_three_sections_and_ticks_a_task_done(qtbot, database, anne, planned, qtmodeltester):
    view = TodayView(Session(database, today=lambda: TODAY))
    qtbot.addWidget(view)
    assert [view.headings[s].text() for s in today_view.SECTIONS] == ["Overdue (1)", "Today (1)", "This week (1)"]
    model = view.models["today"]
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(1, 5)] == [
        "25/11/2026 09:30",
        "Call",
        "Appeler Anne",
        "MARTIN Anne (C000001)",
    ]
    with qtbot.waitSignal(model.doneChanged):
        assert model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert planned.get(model.rows[0]["id"])["done"] is True
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    view.refresh()
    assert view.headings["today"].text() == "Today (0)"
    with qtbot.waitSignal(view.openClient) as opened:
        view.tables["overdue"].doubleClicked.emit(view.models["overdue"].index(0, 3))
    assert opened.args == [anne]


def test_install_adds_ctrl_t_and_shows_today_at_start_up(qtbot, window, tmp_path):
    parts = window.today
    assert parts.today_action.shortcut().toString() == "Ctrl+T"
    assert parts.today_action in window.ui.menuView.actions()
    due = make_client_file(tmp_path / "due.sqlite")
    with Database(due) as other:
        TaskStore(other).create({"title": "Commander les catalogues", "due_at": "2026-11-24"})
    window.clock.day = TODAY
    assert window.open_file(due)
    qtbot.waitUntil(lambda: parts.dialog is not None and parts.dialog.isVisible())
    assert parts.dialog.headings["overdue"].text() == "Overdue (1)"
    assert parts.dialog.models["overdue"].rows[0]["title"] == "Commander les catalogues"
    parts.dialog.close()
    qtbot.waitUntil(lambda: parts.dialog is None)
    window.clock.day = dt.date(2026, 11, 20)  # nothing due yet: not shown at start-up
    assert window.open_file(make_client_file(tmp_path / "calm.sqlite"))
    assert parts.dialog is None and window.today.show().isVisible()
    TaskStore(window.database).create({"title": "Appeler le transporteur", "due_at": "2026-11-20"})
    window.today.refresh()
    assert parts.dialog.headings["today"].text() == "Today (1)"


def test_agenda_month_grid_and_week_navigation(qtbot, database, anne, planned, qtmodeltester):
    view = AgendaView(Session(database, today=lambda: TODAY))
    qtbot.addWidget(view)
    model = view.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and view.period_label.text() == "From 23/11/2026 to 29/11/2026"
    assert model.index(0, 2).data().splitlines() == ["25/11", "• 09:30 Appeler Anne — MARTIN Anne"]
    view.month_radio.setChecked(True)
    assert model.rowCount() == 6  # November 2026: Mon 26/10 to Sun 06/12
    texts = [model.index(r, c).data() for r in range(6) for c in range(7)]
    assert any("Préparer le salon" in t for t in texts) and not any("Plus tard" in t for t in texts)
    view.next_button.click()
    assert view.period_label.text() == "12/2026"
    assert any("Plus tard" in model.index(r, c).data() for r in range(model.rowCount()) for c in range(7))
    qtmodeltester.check(model)


def test_reminder_settings_are_saved_in_the_file(qtbot, database):
    dialog = ReminderSettingsDialog(Session(database))
    qtbot.addWidget(dialog)
    assert dialog.switches["birthday_enabled"].isChecked() and dialog.days["followup_days"].value() == 7
    dialog.switches["birthday_enabled"].setChecked(False)
    dialog.days["followup_days"].setValue(10)
    save(dialog)
    stored = TaskStore(database).reminder_settings()
    assert stored.birthday_enabled is False and stored.followup_days == 10 and stored.loyalty_days_before == 30


def test_task_dialog_refuses_a_wrong_date_then_saves(qtbot, database, anne):
    dialog = TaskDialog(Session(database), contact_id=anne)
    qtbot.addWidget(dialog)
    assert dialog.client_edit.text() == "MARTIN Anne (C000001)"
    dialog.title_edit.setText("Envoyer les échantillons")
    dialog.due_edit.setText("31/11/2026")
    assert dialog.submit() is False and dialog.errors["due_at"].text() == "date impossible « 31/11/2026 »"
    dialog.due_edit.setText("30/11/2026 14h")
    assert dialog.submit() is True
    task = TaskStore(database).get(dialog.task_id)
    assert (task["due_at"], task["contact_id"]) == ("2026-11-30T14:00", anne)
