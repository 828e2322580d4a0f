"""The « RGPD » menu: data to purge, rights requests, change log, access export, anonymisation."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoCommand

from crmdesk.gui.gdpr import menu as gdpr_menu
from crmdesk.gui.gdpr import purge_view
from crmdesk.gui.gdpr.audit_viewer import AuditViewer
from crmdesk.gui.gdpr.menu import GdprFeature
from crmdesk.gui.gdpr.purge_view import PurgeDialog
from crmdesk.gui.gdpr.rights_dialog import RequestForm, RightsDialog
from crmdesk.gui.session import Session
from crmdesk.store import gdpr
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.rights import RightsStore
from tests.gui.conftest import column_texts
from tests.helpers.gdpr_person import CODE, file_bytes, make_person

TODAY = dt.date(2026, 11, 23)


class Questions(list):
    def __init__(self, answer=True):
        super().__init__()
        self.answer = answer

    def __call__(self, parent, title, text):
        self.append((title, text))
        return self.answer


@pytest.fixture
def asked(monkeypatch):
    questions = Questions()
    monkeypatch.setattr(purge_view, "confirm", questions)
    monkeypatch.setattr(gdpr_menu, "confirm", questions)
    return questions


@pytest.fixture
def old_file(tmp_path):
    """Three contacts past their retention period, one kept."""
    database = Database(tmp_path / "ancien.sqlite", create=True)
    contacts = ContactStore(database)
    ids = {
        code: contacts.create({"code": code, "last_name": name, "last_contact": last})
        for code, name, last in (
            ("P1", "Ancien", "2022-02-01"),
            ("P2", "Oublié", "2023-01-01"),
            ("C1", "Cliente", "2026-10-01"),
            ("K1", "Récent", "2026-06-01"),
        )
    }
    OrderStore(database).create(NewOrder(ids["C1"], "2023-03-15", 4_200))
    database.conn.execute("UPDATE contacts SET created_at = '2020-01-01T00:00:00'")
    yield database, ids
    database.close()


def texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_purge_view_lists_and_purges_the_ticked(qtbot, qtmodeltester, old_file, asked):
    database, ids = old_file
    backups = Questions()
    dialog = PurgeDialog(Session(database, today=lambda: TODAY), before_purge=lambda: backups(None, "", ""))
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    assert texts(model, model.CODE) == ["C1", "P1", "P2"]
    assert texts(model, model.REASON) == [
        "No purchase for over 3 years",
        "No contact for over 3 years",
        "No contact for over 3 years",
    ]
    assert texts(model, model.LAST) == ["15/03/2023", "01/02/2022", "01/01/2023"]
    assert texts(model, model.STAGE) == ["Client", "Prospect", "Prospect"]
    assert "3 clients whose retention period is over" in dialog.info.text()
    model.setData(model.index(2, model.CHECK), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_ids() == [ids["C1"], ids["P1"]]
    asked.answer = False
    dialog.purge_button.click()
    assert len(asked) == 1 and "these 2 clients" in asked[0][1]
    assert backups == []
    asked.answer = True
    backups.answer = False  # the backup failed: no purge
    dialog.purge_button.click()
    assert len(backups) == 1
    assert gdpr.retention_candidates(database, TODAY)[0].code == "C1"  # refused: nothing done
    backups.answer = True
    with qtbot.waitSignal(dialog.purged, timeout=10_000) as purged:
        dialog.purge_button.click()
    assert sorted(purged.args[0]) == sorted([ids["C1"], ids["P1"]])
    qtbot.waitUntil(dialog.progress.isHidden)
    assert dialog.result_label.text() == "2 clients anonymised; 1 order kept for the statistics."
    assert texts(model, model.CODE) == ["P2"]
    assert database.scalar("SELECT amount_cents FROM orders") == 4_200
    model.set_all(False)
    assert not dialog.purge_button.isEnabled()


def test_a_cancelled_purge_changes_nothing(qtbot, old_file, asked, monkeypatch):
    database, _ids = old_file
    gate = threading.Event()
    original = gdpr.purge

    def gated(db, ids, **options):
        progress = options.pop("progress")

        def slow(done, total):
            gate.wait(5)
            progress(done, total)

        return original(db, ids, progress=slow, **options)

    monkeypatch.setattr(gdpr, "purge", gated)
    dialog = PurgeDialog(Session(database, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.purge_button.click()
    assert not dialog.progress.isHidden() and not dialog.cancel_button.isHidden()
    dialog.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: dialog.result_label.text() == "Purge cancelled: nothing was changed.", timeout=10_000)
    assert len(gdpr.retention_candidates(database, TODAY)) == 3


def test_rights_register(qtbot, qtmodeltester, database, contacts):
    revel = contacts.create({"code": CODE, "last_name": "REVEL", "first_name": "Marie-Paule"})
    store = RightsStore(database)
    store.add({"kind": "access", "contact_id": revel, "received_on": "2026-10-20"})
    store.add({"kind": "opposition", "requester": "M. Inconnu", "received_on": "2026-10-28"})
    dialog = RightsDialog(Session(database, today=lambda: TODAY), code=CODE)
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    assert dialog.alerts.text() == "1 rights request overdue, 1 due within 7 days"
    assert texts(model, 2) == ["BA0042 REVEL Marie-Paule", ""]
    assert texts(model, 5) == ["20/11/2026", "28/11/2026"]
    assert texts(model, 7) == ["Overdue (3 days late)", "Due soon (5 days left)"]
    assert model.index(0, 7).data(Qt.ItemDataRole.ForegroundRole).name() == "#b42318"

    form = RequestForm(dialog.session, dialog, code=CODE)
    qtbot.addWidget(form)
    form.kind.setCurrentIndex(form.kind.findData("erasure"))
    form.received.setDate(QDate(2026, 1, 31))
    form.client.setText("NOPE")
    form.accept()
    assert "introuvable" in form.error.text() and form.request_id is None
    form.client.setText(CODE)
    form.accept()
    assert store.get(form.request_id)["due_on"] == "2026-02-28"

    dialog.refresh()
    assert texts(model, 1)[0] == "Erasure" and dialog.alerts.text().startswith("2 rights requests overdue")
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.changed):
        dialog.answer_button.click()
    assert texts(model, 7)[-1] == "Answered" and not dialog.answer_button.isEnabled()


def test_change_log_filters(qtbot, qtmodeltester, database, tmp_path):
    person = make_person(database, tmp_path)
    viewer = AuditViewer(Session(database), code=CODE)
    qtbot.addWidget(viewer)
    model = viewer.model
    qtmodeltester.check(model)
    rows = model.rows
    assert {r["code"] for r in rows} == {CODE}
    email = [
        (r["old"], r["new"])
        for r in rows
        if r["field"] == "email" and r["action"] == "update" and r["origin"] == "form"
    ]
    assert email == [("mp.revel@ancien.fr", "marie-paule.revel@exemple.fr")]
    viewer.origin.setCurrentIndex(viewer.origin.findData("merge"))
    assert {model.index(r, 5).data() for r in range(model.rowCount())} == {"Merge"}
    viewer.origin.setCurrentIndex(0)
    viewer.set_dates(dt.date.today() + dt.timedelta(days=1), None)
    viewer.refresh()
    assert model.rowCount() == 0 and viewer.info.text() == "0 change(s)."
    gdpr.erase(database, person.contact_id)
    viewer.set_dates(None, None)
    viewer.refresh()
    assert model.rowCount() == 0 and "introuvable" in viewer.info.text()  # the old code is gone
    viewer.code.setText("ANON-000001")
    viewer.refresh()
    shown = " ".join(str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(9)).lower()
    assert "erasure" in shown and "revel" not in shown and "marie" not in shown


@pytest.fixture
def gdpr_window(window):
    parts = window.gdpr
    assert [f for f in window.features if isinstance(f, GdprFeature)] == [parts]  # once
    window.clock.day = TODAY
    return window


def test_menu_entries(gdpr_window):
    menu = gdpr_window.gdpr.menu
    assert menu.title() == "G&DPR"
    assert [a.objectName() for a in menu.actions() if a.objectName()] == [
        "actionDataToPurge",
        "actionRightsRequests",
        "actionChangeLog",
        "actionExportClientData",
        "actionEraseClient",
    ]
    menu.aboutToShow.emit()
    assert gdpr_window.gdpr.purge_action.isEnabled() and not gdpr_window.gdpr.erase_action.isEnabled()
    gdpr_window.ui.clientTable.selectRow(0)
    menu.aboutToShow.emit()
    assert gdpr_window.gdpr.erase_action.isEnabled()
    for action, name in (
        (gdpr_window.gdpr.purge_action, "purge_dialog"),
        (gdpr_window.gdpr.rights_action, "rights_dialog"),
        (gdpr_window.gdpr.audit_action, "audit_dialog"),
    ):
        action.trigger()
        assert getattr(gdpr_window.gdpr, name).isVisible()


def test_export_and_anonymise_the_current_client(gdpr_window, tmp_path, asked, monkeypatch):
    window = gdpr_window
    window.ui.clientTable.selectRow(0)
    contact_id = window.current_id()
    assert column_texts(window.model, "name")[0] == "DUPONT Hélène"
    out = tmp_path / "export"
    out.mkdir()
    monkeypatch.setattr(gdpr_menu, "choose_folder", lambda parent, title: out)
    json_path, _pdf_path = window.gdpr.export_client()
    assert sorted(p.name for p in out.iterdir()) == ["donnees-C000001.json", "donnees-C000001.pdf"]
    assert "DUPONT" in json_path.read_text(encoding="utf-8")
    assert window.statusBar().currentMessage() == "Data written to donnees-C000001.pdf and donnees-C000001.json."
    asked.answer = False
    assert window.gdpr.erase_client() is None
    assert "Anonymise client C000001?" in asked[0][1] and "five weeks" in asked[0][1]
    assert b"dupont" in file_bytes(window.database.path)
    asked.answer = True
    backups = []
    monkeypatch.setattr(window.gdpr, "backup_first", lambda: backups.append(window) or len(backups) > 1)
    assert window.gdpr.erase_client() is None and b"dupont" in file_bytes(window.database.path)
    window.undo_stack.push(QUndoCommand("an edit made before"))
    assert window.gdpr.erase_client() == [contact_id]
    assert backups == [window, window]  # a backup first, each time
    assert window.undo_stack.count() == 0  # its commands refer to values now erased
    assert window.statusBar().currentMessage() == "Client C000001 anonymised."
    assert "Anonyme" in column_texts(window.model, "name") and "DUPONT Hélène" not in column_texts(window.model, "name")
    for secret in (b"dupont", b"helene.dupont@example.fr", b"612345678"):
        assert secret not in file_bytes(window.database.path)


def test_status_bar_warns_of_late_requests(gdpr_window):
    RightsStore(gdpr_window.database).add({"kind": "access", "requester": "X", "received_on": "2026-10-01"})
    assert gdpr_window.gdpr.show_status() == "1 rights request overdue"
    assert gdpr_window.statusBar().currentMessage() == "1 rights request overdue"


def test_after_an_erasure_the_window_lists_where_copies_remain(gdpr_window, asked):
    from crmdesk.store import backups

    window = gdpr_window
    window.ui.clientTable.selectRow(0)
    code = window.database.scalar("SELECT code FROM contacts WHERE id = ?", (window.current_id(),))
    assert window.gdpr.erase_client() == [window.database.scalar("SELECT id FROM contacts WHERE erased_at IS NOT NULL")]
    box = window.gdpr.copies_box
    assert box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal  # open(), not exec()
    assert box.text() == (f"Client {code} is anonymised in the client file. Copies of their data may remain elsewhere:")
    (made,) = [b for b in backups.list_backups(window.database.path, counts=False) if b.reason == "purge"]
    listed = box.informativeText().splitlines()
    assert listed[0].startswith(f"• sauvegarde « {made.path.name} » du ")
    assert "supprimée automatiquement vers le" in listed[0]
    assert listed[-1].startswith("• les exports (CSV, Excel, vCard, listes de diffusion)")
    box.accept()
