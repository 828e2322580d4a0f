"""File › Import…: the import wizard (file, columns, check, import)."""

from __future__ import annotations

import csv
import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from crmdesk.gui.importing import file_dialogs
from crmdesk.gui.importing import run as import_run
from crmdesk.gui.importing.field_delegate import FieldDelegate
from crmdesk.gui.importing.mapping_model import MappingModel
from crmdesk.gui.importing.wizard import ImportWizard
from crmdesk.io import clients as client_import
from crmdesk.store.database import Database
from tests.helpers.today import TODAY, Clock

ROOT = Path(__file__).resolve().parents[2]
ANNEX = ROOT / "resources" / "demo" / "bol_dair_annexe2.csv"


@pytest.fixture
def fresh(qtbot, qsettings, tmp_path):
    """The main window on a new, empty client file."""
    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "neuf.sqlite"
    Database(path, create=True).close()
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    assert window.open_file(path)
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.importing.wizard is not None:
        window.importing.wizard.done(0)
    window.close()


def count(window, table="contacts") -> int:
    return int(window.database.scalar(f"SELECT count(*) FROM {table}"))


def open_wizard(qtbot, window) -> ImportWizard:
    window.importing.wizard_action.trigger()
    wizard = window.importing.wizard
    assert isinstance(wizard, ImportWizard)
    qtbot.waitExposed(wizard)
    return wizard


def next_enabled(wizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def choose(wizard, path: Path) -> None:
    wizard.file_page.path.setText(str(path))


def to_columns(qtbot, qtmodeltester, wizard, path: Path) -> MappingModel:
    choose(wizard, path)
    assert next_enabled(wizard), wizard.file_page.error.text()
    wizard.next()
    assert wizard.currentPage() is wizard.columns_page
    model = wizard.columns_page.model
    qtmodeltester.check(model)
    return model


def run_check(qtbot, wizard) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    qtbot.waitUntil(wizard.check_page.isComplete, timeout=20_000)


def run_import(qtbot, wizard) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.import_page
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=20_000)


def test_the_menu_entry(fresh):
    action = fresh.importing.wizard_action
    assert action in fresh.ui.menuFile.actions()
    assert action.shortcut().toString() == "Ctrl+I"


def test_annex_2_imports_41_clients_with_no_mapping_change(qtbot, qtmodeltester, fresh, tmp_path):
    wizard = open_wizard(qtbot, fresh)
    wizard.grab().save(str(tmp_path / "wizard-1-file.png"))
    model = to_columns(qtbot, qtmodeltester, wizard, ANNEX)
    headers = [model.index(r, MappingModel.HEADER).data() for r in range(model.rowCount())]
    assert "Nom Client" in headers and "Prénom" in headers
    row = headers.index("Nom Client")
    assert model.index(row, MappingModel.FIELD).data(Qt.ItemDataRole.EditRole) == "last_name"
    assert "REVEL" in model.index(row, MappingModel.SAMPLES).data()
    assert next_enabled(wizard), wizard.columns_page.problems.text()
    wizard.grab().save(str(tmp_path / "wizard-2-columns.png"))
    run_check(qtbot, wizard)
    outcome = wizard.check_page.outcome
    assert (outcome.result.inserted, outcome.result.rejected) == (41, 0)
    assert count(fresh) == 0  # the check wrote nothing
    wizard.grab().save(str(tmp_path / "wizard-3-check.png"))
    run_import(qtbot, wizard)
    assert count(fresh) == 41
    status = wizard.import_page.status.text()
    assert status.startswith("41 clients imported")
    assert f"batch no. {wizard.import_page.outcome.result.batch_id}" in status
    assert fresh.model.rowCount() == 41  # the client table was refreshed
    wizard.grab().save(str(tmp_path / "wizard-4-import.png"))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: fresh.importing.wizard is None)


def test_a_column_remapped_changes_the_import(qtbot, qtmodeltester, fresh):
    wizard = open_wizard(qtbot, fresh)
    model = to_columns(qtbot, qtmodeltester, wizard, ANNEX)
    headers = [model.index(r, 0).data() for r in range(model.rowCount())]
    field = model.index(headers.index("Prénom"), MappingModel.FIELD)
    assert not model.setData(field, "no_such_field")
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(field, "notes")
    assert field.data(Qt.ItemDataRole.EditRole) == "notes"
    qtmodeltester.check(model)
    run_check(qtbot, wizard)
    run_import(qtbot, wizard)
    row = fresh.database.conn.execute("SELECT first_name, notes FROM contacts WHERE last_name = 'REVEL'").fetchone()
    assert (row["first_name"] or "", row["notes"]) == ("", "Marie-Paule")


def test_a_problem_in_the_mapping_blocks_next(qtbot, qtmodeltester, fresh):
    wizard = open_wizard(qtbot, fresh)
    model = to_columns(qtbot, qtmodeltester, wizard, ANNEX)
    headers = [model.index(r, 0).data() for r in range(model.rowCount())]
    model.setData(model.index(headers.index("Prénom"), MappingModel.FIELD), "last_name")
    assert not next_enabled(wizard)
    assert "last_name" in wizard.columns_page.problems.text()
    model.setData(model.index(headers.index("Prénom"), MappingModel.FIELD), "")
    assert next_enabled(wizard)


def test_the_mapping_is_saved_and_loaded(qtbot, qtmodeltester, fresh, tmp_path, monkeypatch):
    target = tmp_path / "map.json"
    monkeypatch.setattr(file_dialogs, "choose_mapping_to_save", lambda parent: str(target))
    monkeypatch.setattr(file_dialogs, "choose_mapping_to_load", lambda parent: str(target))
    wizard = open_wizard(qtbot, fresh)
    model = to_columns(qtbot, qtmodeltester, wizard, ANNEX)
    headers = [model.index(r, 0).data() for r in range(model.rowCount())]
    field = model.index(headers.index("Prénom"), MappingModel.FIELD)
    model.setData(field, "notes")
    wizard.columns_page.save.click()
    assert '"Prénom": "notes"' in target.read_text(encoding="utf-8")
    model.setData(field, "first_name")
    wizard.columns_page.load.click()
    assert field.data(Qt.ItemDataRole.EditRole) == "notes"
    qtmodeltester.check(model)


def test_the_check_lists_a_bad_row_and_exports_it(qtbot, qtmodeltester, fresh, tmp_path, monkeypatch):
    source = tmp_path / "trois.csv"
    # no name and a bad e-mail: rejected; « secret » maps to nothing: the report leaves it out
    source.write_text(
        "nom;prenom;email;secret\nDupont;Jean;jean@example.fr;x\n;Paul;pas-un-mail;code 1234\n"
        "Durand;Lea;lea@example.fr;y\n",
        encoding="utf-8",
    )
    report = tmp_path / "refus.csv"
    monkeypatch.setattr(file_dialogs, "choose_report", lambda parent: str(report))
    wizard = open_wizard(qtbot, fresh)
    to_columns(qtbot, qtmodeltester, wizard, source)
    run_check(qtbot, wizard)
    table = wizard.check_page.rejects
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "3"
    assert "e-mail invalide" in table.item(0, 1).text()
    assert "2 to import" in wizard.check_page.status.text()
    assert "1 rejected" in wizard.check_page.status.text()
    wizard.grab().save(str(tmp_path / "wizard-3-check-rejects.png"))
    wizard.check_page.export.click()
    with open(report, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["ligne", "motif", "nom", "prenom", "email"]
    assert rows[1][0] == "3" and rows[1][2:] == ["", "Paul", "pas-un-mail"]
    assert report.stat().st_mode & 0o777 == 0o600
    assert count(fresh) == 0


def test_the_check_shows_the_rows_imported_with_a_change(qtbot, qtmodeltester, fresh, tmp_path):
    source = tmp_path / "excel.csv"
    source.write_bytes(
        "Nom;Code postal;Téléphone;E-mail\r\nDupont;1000;612345678;x@@y\r\n"
        "Martin;75011;0145678910;martin@exemple.fr\r\n".encode("cp1252")
    )
    wizard = open_wizard(qtbot, fresh)
    to_columns(qtbot, qtmodeltester, wizard, source)
    run_check(qtbot, wizard)
    page = wizard.check_page
    assert page.tabs.currentIndex() == 3 and page.tabs.tabText(3) == "Warnings (3)"
    shown = [
        (page.warnings.item(r, 0).text(), page.warnings.item(r, 1).text()) for r in range(page.warnings.rowCount())
    ]
    assert shown[:2] == [
        ("2", "Code postal « 1000 » complété en « 01000 »"),
        ("2", "Téléphone « 612345678 » complété en « 0612345678 »"),
    ]
    assert shown[2][0] == "2" and shown[2][1].startswith("E-mail : « x@@y » n'a pas été repris")
    assert "• 1 ligne : E-mail invalide : ligne importée sans cette valeur" in page.status.text()
    run_import(qtbot, wizard)
    assert "3 lines imported with a change" in wizard.import_page.status.text()
    assert window_contact(fresh, "DUPONT") == ("01000", "+33612345678", "")


def window_contact(window, name):
    row = window.database.query("SELECT postal_code, phone, email FROM contacts WHERE last_name = ?", (name,))[0]
    return tuple(row)


def test_cancel_during_the_import_writes_nothing(qtbot, qtmodeltester, fresh, monkeypatch):
    monkeypatch.setattr(client_import, "PROGRESS_EVERY", 1)
    armed, reached, release = threading.Event(), threading.Event(), threading.Event()
    original = import_run.progress

    def held(job, rows):
        if armed.is_set():
            reached.set()
            release.wait(30)
        original(job, rows)

    monkeypatch.setattr(import_run, "progress", held)
    wizard = open_wizard(qtbot, fresh)
    to_columns(qtbot, qtmodeltester, wizard, ANNEX)
    run_check(qtbot, wizard)
    armed.set()
    try:
        wizard.next()
        qtbot.waitUntil(reached.is_set, timeout=20_000)
        page = wizard.import_page
        assert page.running() and not page.isComplete()
        page.cancel.click()
    finally:
        release.set()
    with qtbot.waitSignal(wizard.taskDone, timeout=20_000):
        pass
    qtbot.waitUntil(page.isComplete)
    assert "nothing was written" in page.status.text()
    assert count(fresh) == 0
    assert count(fresh, "import_batches") == 0


@pytest.mark.parametrize("content, expected", [(b"", "vide"), (None, "introuvable")])
def test_a_wrong_file_shows_its_message_and_next_stays_disabled(qtbot, fresh, tmp_path, content, expected):
    path = tmp_path / "clients.csv"
    if content is not None:
        path.write_bytes(content)
    wizard = open_wizard(qtbot, fresh)
    choose(wizard, path)
    assert expected in wizard.file_page.error.text()
    assert not next_enabled(wizard)
    choose(wizard, ANNEX)
    assert wizard.file_page.error.text() == ""
    assert next_enabled(wizard)
    choose(wizard, path)
    assert not next_enabled(wizard)


def test_the_check_previews_rows_as_stored(qtbot, qtmodeltester, fresh):
    wizard = open_wizard(qtbot, fresh)
    to_columns(qtbot, qtmodeltester, wizard, ANNEX)
    run_check(qtbot, wizard)
    preview = wizard.check_page.preview
    qtmodeltester.check(preview)
    assert preview.rowCount() == 20
    headers = [preview.headerData(c, Qt.Orientation.Horizontal) for c in range(preview.columnCount())]
    row = {h: preview.index(0, c).data() for c, h in enumerate(headers)}
    assert row["Last name"] == "REVEL"  # stored in capitals
    assert row["Stage"] == "Client"  # « CA annuel » made her a client
    assert wizard.check_page.tabs.tabText(0) == "Preview (first 20 rows)"


def test_probable_duplicates_are_decided_per_pair(qtbot, qtmodeltester, fresh, tmp_path):
    from crmdesk.gui.importing import review as import_review
    from crmdesk.store.contacts import ContactStore

    store = ContactStore(fresh.database)
    dupont = store.create(
        {"last_name": "Dupont", "first_name": "Hélène", "email": "helene@exemple.fr", "postal_code": "27000"}
    )
    martin = store.create({"last_name": "Martin", "first_name": "Jean", "phone": "01 45 67 89 10"})
    path = tmp_path / "doublons.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Nom", "Prénom", "E-mail", "Téléphone", "Code postal"])
        writer.writerow(["DUPONT", "Helene", "helene@exemple.fr", "06 11 22 33 44", "27000"])  # line 2
        writer.writerow(["Martin", "J", "", "01 45 67 89 10", ""])  # line 3
        writer.writerow(["Neuf", "Paul", "", "", "87000"])  # line 4
        writer.writerow(["NEUF", "Paul", "", "", "87000"])  # line 5
    wizard = open_wizard(qtbot, fresh)
    assert wizard.file_page.duplicates_box.isChecked()
    to_columns(qtbot, qtmodeltester, wizard, path)
    run_check(qtbot, wizard)
    page = wizard.check_page
    model = page.duplicates
    qtmodeltester.check(model)
    assert page.tabs.currentIndex() == 1 and page.tabs.tabText(1) == "Probable duplicates (3)"
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert rows.keys() == {"2", "3", "5"}
    decision = import_review.DECISION_COLUMN
    # sure pairs (same e-mail, same phone) are merged unless the user says otherwise; the others kept
    assert model.index(rows["2"], decision).data() == "Merge into this client"
    assert model.index(rows["3"], decision).data() == "Merge into this client"
    assert model.index(rows["5"], decision).data() == "Keep both"
    assert "line 4" in model.index(rows["5"], 2).data()
    assert model.choices(rows["5"]) == (import_review.KEEP, import_review.SKIP)  # no merge into a line
    assert model.setData(model.index(rows["3"], decision), import_review.KEEP)
    assert model.setData(model.index(rows["5"], decision), import_review.SKIP)
    assert model.decisions() == {2: dupont, 3: "keep", 5: "skip"}
    wizard.grab().save(str(tmp_path / "wizard-duplicates.png"))
    run_import(qtbot, wizard)
    result = wizard.import_page.outcome.result
    assert (result.inserted, result.merged, result.skipped) == (2, 1, 1)
    assert count(fresh) == 4
    assert store.get(martin)["first_name"] == "Jean"
    assert store.get(dupont)["phone"] == "+33611223344"  # filled, the name kept
    assert store.get(dupont)["first_name"] == "Hélène"
    assert "1 merged into existing clients" in wizard.import_page.status.text()


def test_fields_are_named_by_their_label_and_a_committed_import_cannot_go_back(qtbot, qtmodeltester, fresh):
    wizard = open_wizard(qtbot, fresh)
    model = to_columns(qtbot, qtmodeltester, wizard, ANNEX)
    keys = set(model.fields())
    shown = [model.index(r, MappingModel.FIELD).data() for r in range(model.rowCount())]
    headers = [model.index(r, MappingModel.HEADER).data() for r in range(model.rowCount())]
    assert shown[headers.index("Nom Client")] == "Nom" and shown[headers.index("Prénom")] == "Prénom"
    combo = FieldDelegate().createEditor(None, None, model.index(0, MappingModel.FIELD))
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert "Raison sociale" in offered and "Code postal" in offered
    for text in shown + offered:  # never « last_name — nom », never a key like « postal_code »
        assert " — " not in text and text not in keys, text
    combo.deleteLater()
    run_check(qtbot, wizard)
    wizard.next()
    assert wizard.button(QWizard.WizardButton.CancelButton).isVisible()  # Cancel while it runs
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=20_000)
    assert count(fresh) == 41
    for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
        assert not wizard.button(button).isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: fresh.importing.wizard is None)


def test_the_figures_wait_while_an_import_writes_on_the_window_connection(qtbot, qtmodeltester, fresh, monkeypatch):
    """Midnight (or any figures check) during an import: nothing is read on the window's
    connection from the GUI thread (it would wait for the import's worker, the window
    frozen); the figures are brought to the new day once the import ended."""
    from crmdesk.store import figures
    from crmdesk.store.orders import NewOrder

    day = TODAY
    fresh.clock.day = day
    contact = fresh.store.create({"last_name": "Dupont", "stage": "client"})
    fresh.orders.create(NewOrder(contact, (day - dt.timedelta(days=3)).isoformat(), 12_000), today=day)
    fresh.figures.check()
    qtbot.waitUntil(lambda: figures.saved_state(fresh.database).day == day, timeout=20_000)
    monkeypatch.setattr(client_import, "PROGRESS_EVERY", 1)
    reached, release = threading.Event(), threading.Event()
    original = import_run.progress

    def held(job, rows):
        reached.set()
        release.wait(30)
        original(job, rows)

    wizard = open_wizard(qtbot, fresh)
    to_columns(qtbot, qtmodeltester, wizard, ANNEX)
    run_check(qtbot, wizard)
    monkeypatch.setattr(import_run, "progress", held)
    on_gui_thread: list[str] = []
    conn = fresh.database.conn
    conn.set_trace_callback(
        lambda sql: on_gui_thread.append(sql) if threading.current_thread() is threading.main_thread() else None
    )
    try:
        wizard.next()
        qtbot.waitUntil(reached.is_set, timeout=20_000)
        assert wizard.import_page.running()
        on_gui_thread.clear()
        before = fresh.figures.task
        fresh.clock.day = day + dt.timedelta(days=1)  # midnight passes during the import
        fresh.figures.midnight.timeout.emit()
        assert fresh.figures.check() is None and fresh.figures.recompute() is None
        fresh.backup_hooks.poll.timeout.emit()  # the backups' look at the file waits too
        assert on_gui_thread == [] and fresh.figures.task is before
    finally:
        release.set()
        conn.set_trace_callback(None)
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=20_000)
    assert count(fresh) == 42
    qtbot.waitUntil(lambda: fresh.figures.task is not before, timeout=20_000)
    qtbot.waitUntil(lambda: not fresh.figures.task.is_running(), timeout=20_000)
    assert figures.saved_state(fresh.database).day == day + dt.timedelta(days=1)
    assert fresh.figures.label.text() == f"Figures as of {day + dt.timedelta(days=1):%d/%m/%Y}"
