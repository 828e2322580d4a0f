"""Opening and closing a file in the window: the reminders and the Today view
computed in a worker after the first rows, an older file updated under a
progress dialog (never frozen, cancellable), incomplete backups shown as such."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from crmdesk.gui.file.restore_dialog import BackupTableModel
from crmdesk.gui.main_window import MainWindow
from crmdesk.store import health, migrate
from crmdesk.store.backups import BackupInfo
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.tasks import TaskStore
from tests.gui.conftest import make_client_file
from tests.helpers.today import Clock
from tests.store.test_database import next_migration  # noqa: F401 (fixture)

TODAY = dt.date(2026, 11, 25)


def test_reminders_and_today_are_computed_in_a_worker_and_shown_when_ready(qtbot, qsettings, tmp_path):
    path = make_client_file(tmp_path / "clients.sqlite")
    with Database(path) as database:
        store = ContactStore(database)
        store.create({"last_name": "Fêtée", "birth_date": "1980-11-25"})  # her birthday today
        store.create({"last_name": "Passée", "birth_date": "1980-11-20"})  # five days ago: no late wishes
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    window.clock.day = TODAY
    assert window.open_file(path)
    assert window.today.view is None and window.today.dialog is None  # the window did not wait for them
    window.show()
    with qtbot.waitSignal(window.today.ready, timeout=10_000) as ready:
        pass
    assert ready.args[0]["counts"] == {"overdue": 0, "today": 1, "week": 0}
    dialog = window.today.dialog
    assert dialog is not None and dialog.isVisible() and dialog.headings["today"].text() == "Today (1)"
    assert dialog.models["today"].rows[0]["title"] == "Souhaiter l'anniversaire (25/11/2026)"
    tasks = TaskStore(window.database).open_tasks()
    assert [t["kind"] for t in tasks] == ["birthday"] and window.today.created == 1
    window.close()


def slow_migration(next_migration, rows: int) -> int:
    return next_migration(
        "CREATE TABLE slow_one AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
        f"FROM c WHERE x < {rows}) SELECT x FROM c;\n"
    )


def progress_dialog() -> QProgressDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "migrationProgress" and w.isVisible()]
    return found[0] if found else None


def test_an_older_file_is_updated_under_a_progress_dialog_the_window_answering(
    qtbot, qsettings, tmp_path, next_migration
):
    path = make_client_file(tmp_path / "ancien.sqlite")
    number = slow_migration(next_migration, 2_000_000)
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    seen = []
    ticks = QTimer()
    ticks.timeout.connect(lambda: seen.append(progress_dialog() and progress_dialog().value()))
    ticks.start(20)
    assert window.open_file(path)
    ticks.stop()
    values = [v for v in seen if v]
    assert len(seen) > 5 and values  # the event loop ran during the update
    assert max(values) >= migrate.COPY_SHARE and values == sorted(values)
    assert window.database.schema_version() == number and window.model.rowCount() == 3
    assert list(tmp_path.glob("ancien.avant-migration-*")) == []  # checked, then its copy removed
    window.close()


def test_an_older_big_file_whose_update_is_comments_only_opens_at_once(
    qtbot, qsettings, tmp_path, next_migration, monkeypatch
):
    """A number shared with a server change moves the version alone: no progress
    dialog and no page read first; a big file opens as any other, read-only
    while its pages are checked in the background."""
    path = make_client_file(tmp_path / "ancien.sqlite")
    number = next_migration("-- nothing changes in a client file (a server change of the same number)\n")
    monkeypatch.setattr(health, "FULL_CHECK_MAX_BYTES", 0)  # this file counts as a big one
    monkeypatch.setattr(health, "QUICK_CHECK_MAX_BYTES", 0)
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    seen = []
    ticks = QTimer()
    ticks.timeout.connect(lambda: seen.append(progress_dialog() is not None))
    ticks.start(1)
    assert window.open_file(path)
    ticks.stop()
    assert not any(seen)  # no update dialog
    assert window.database.schema_version() == number and window.model.rowCount() == 3
    assert not window.database.writable  # opened before its pages were read …
    qtbot.waitUntil(lambda: window.database.writable, timeout=10_000)  # … they are, in the background
    assert list(tmp_path.glob("ancien.avant-migration-*")) == []  # and no copy was taken
    window.close()


def test_cancelling_the_update_leaves_the_file_as_it_was(qtbot, qsettings, tmp_path, boxes, next_migration):
    path = make_client_file(tmp_path / "ancien.sqlite")
    number = slow_migration(next_migration, 50_000_000)  # minutes, if it were not cancelled

    def cancel_when_migrating():
        dialog = progress_dialog()
        if dialog is not None and dialog.value() >= migrate.COPY_SHARE:
            dialog.findChild(QPushButton).click()  # the user's Cancel
        else:
            QTimer.singleShot(20, cancel_when_migrating)

    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    QTimer.singleShot(0, cancel_when_migrating)
    assert window.open_file(path) is False
    assert boxes[-1][1] == "The update of « ancien.sqlite » was cancelled: the file was not changed."
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == number - 1
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 3
    conn.close()
    assert window.database is None
    assert len(list(Path(tmp_path).glob("ancien.avant-migration-*"))) == 1  # kept for the next attempt


def test_an_incomplete_backup_is_shown_as_such_and_never_restored(qtmodeltester):
    model = BackupTableModel()
    now = dt.datetime(2026, 11, 23, 9, 5)
    model.set_rows(
        [
            BackupInfo(Path("/x/a.sqlite"), now, "quotidienne", 0, None, complete=False),
            BackupInfo(Path("/x/b.sqlite"), now, "quotidienne", 12_000, 3),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(4)] == ["23/11/2026 09:05", "Daily", "0 octet", "incomplete"]
    assert model.index(1, 3).data() == "3"


def test_a_file_open_read_only_gets_its_today_view_but_no_reminder_nor_backup(qtbot, qsettings, tmp_path):
    path = make_client_file(tmp_path / "clients.sqlite")
    with Database(path) as database:
        ContactStore(database).create({"last_name": "Fêtée", "birth_date": "1980-11-25"})
        TaskStore(database).create({"title": "Rappeler", "due_at": "2026-11-24"})
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    window.clock.day = TODAY
    database = Database(path, writer=False)  # as a read-only opening hands it to the window
    assert window.show_database(database, remember=False) is None
    window.show()
    with qtbot.waitSignal(window.today.ready, timeout=10_000) as ready:
        pass
    assert ready.args[0]["counts"]["overdue"] == 1 and window.today.created == 0
    assert window.backup_hooks.path is None and not window.backup_hooks.timer.isActive()
    assert window.statusBar().currentMessage() == ""
    window._close_database()
    assert not (tmp_path / "clients.sauvegardes").exists()
    with Database(path, writer=False) as again:
        assert [t["title"] for t in TaskStore(again).open_tasks()] == ["Rappeler"]  # no reminder written
