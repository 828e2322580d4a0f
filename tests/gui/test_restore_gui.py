"""File › Restore a backup…, the automatic backups of the window, the damaged file at start-up."""

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from crmdesk.gui.file import backups as backup_hooks
from crmdesk.gui.file import damaged_file, restore_dialog
from crmdesk.gui.file.restore_dialog import BackupTableModel, RestoreDialog
from crmdesk.store import backups, recovery
from crmdesk.store.backups import BackupInfo, BackupPolicy
from crmdesk.store.contacts import ContactQuery
from tests.gui.conftest import make_client_file
from tests.helpers.today import Clock

NOW = dt.datetime(2026, 11, 23, 9, 5)


def spoil(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = b"\0" * 100
    path.write_bytes(bytes(data))


def test_backup_model_shows_french_dates_sizes_and_counts(qtmodeltester):
    model = BackupTableModel()
    model.set_rows(
        [
            BackupInfo(Path("/x/a.sqlite"), NOW, "fermeture", 12_345_678, 1234),
            BackupInfo(Path("/x/b.sqlite"), NOW - dt.timedelta(days=1), "import", 980, None),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(4)] == ["23/11/2026 09:05", "On closing", "12,3 Mo", "1\u202f234"]
    assert [model.index(1, c).data() for c in range(4)] == [
        "22/11/2026 09:05",
        "Before an import",
        "980 octets",
        "unreadable",
    ]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "/x/a.sqlite"


@pytest.fixture
def dialog_of(qtbot):
    def make(path, restore=None):
        dialog = RestoreDialog(path, restore=restore)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: not dialog.task.is_running())
        return dialog

    return make


def test_dialog_lists_the_backups_of_the_file_newest_first(client_file, dialog_of):
    older = backups.automatic(client_file, "ouverture", now=NOW)
    newer = backups.automatic(client_file, "fermeture", now=NOW + dt.timedelta(hours=2))
    dialog = dialog_of(client_file)
    assert dialog.model.rowCount() == 2
    assert [r.path for r in dialog.model.rows] == [newer, older]
    assert dialog.model.index(0, 0).data() == "23/11/2026 11:05"
    assert dialog.model.index(0, 3).data() == "3"  # the three clients of the file
    assert dialog.selected().path == newer and dialog.restore_button.isEnabled()


def test_dialog_without_backups_says_so(client_file, dialog_of):
    dialog = dialog_of(client_file)
    assert dialog.model.rowCount() == 0 and not dialog.empty.isHidden()
    assert not dialog.restore_button.isEnabled()


def test_restore_needs_a_confirmation(client_file, dialog_of, monkeypatch):
    backups.automatic(client_file, "ouverture", now=NOW)
    asked, restored = [], []
    monkeypatch.setattr(restore_dialog, "confirm", lambda parent, title, text: asked.append(text) or False)
    dialog = dialog_of(client_file, restore=restored.append)
    dialog.restore_button.click()
    assert restored == [] and "Replace « clients.sqlite » by its backup of 23/11/2026 09:05 (3 clients)" in asked[0]


def test_restoring_from_the_window_puts_the_clients_back(window, qtbot, monkeypatch):
    action = window.findChild(type(window.file.restore_action), "actionRestoreBackup")
    assert action is window.file.restore_action and action in window.ui.menuFile.actions()
    made = backups.automatic(window.database.path, "fermeture", now=NOW)
    window.store.create({"last_name": "Saisie par erreur"})
    monkeypatch.setattr(restore_dialog, "confirm", lambda *args: True)
    action.trigger()
    dialog = window.file.restore_dialog
    qtbot.waitUntil(lambda: not dialog.task.is_running())
    dialog.table.selectRow(next(r for r, b in enumerate(dialog.model.rows) if b.path == made))
    assert dialog.selected().path == made
    dialog.restore_button.click()
    assert window.database is not None and window.store.count(ContactQuery()) == 3
    assert window.model.rowCount() == 3
    assert "Backup restored" in window.statusBar().currentMessage()
    safety = [b for b in backups.list_backups(window.database.path) if b.reason == "restauration"]
    assert len(safety) == 1 and safety[0].clients == 4  # the replaced file, with the mistaken client


def test_a_refused_restore_keeps_the_file_open_as_it_was(window, boxes, tmp_path):
    bad = tmp_path / "pas-une-sauvegarde.sqlite"
    bad.write_text("rien", encoding="utf-8")
    assert restore_dialog.restore_into(window, bad) is None
    assert boxes and "incomplète ou illisible" in boxes[-1][1] and "rien n'a été remplacé" in boxes[-1][1]
    assert window.database is not None and window.model.rowCount() == 3


# -- automatic backups ---------------------------------------------------------------------------------
def made_reasons(hooks):
    return [p.name.rsplit("-", 1)[-1].removesuffix(".sqlite") for p in hooks.made]


def in_folder(path):
    folder = backups.folder_of(path)
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []


def background(hooks, qtbot):
    """The background backup the timer waits for, now."""
    assert hooks.timer.isActive()
    count = len(hooks.made)
    hooks.timer.start(0)
    qtbot.waitUntil(lambda: len(hooks.made) == count + 1 and not hooks.task.is_running())


def reopen(qsettings, qtbot, path):
    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    assert window.open_file(path)
    return window


def test_a_small_file_is_backed_up_in_the_background_when_changed_and_when_closed(window, qtbot, qsettings):
    hooks = window.backup_hooks.set_policy(BackupPolicy(every_minutes=0))
    path = window.database.path
    background(hooks, qtbot)  # never backed up: soon after opening
    assert made_reasons(hooks) == ["periodique"] and not hooks.bar.isVisible()
    hooks.schedule()
    assert not hooks.timer.isActive()  # unchanged since: nothing to do
    window.store.create({"last_name": "Nouveau"})
    window.contactsChanged.emit([])
    background(hooks, qtbot)
    assert backups.client_count(hooks.made[-1]) == 4
    window.store.create({"last_name": "Juste avant de fermer"})  # no signal: the change mark sees it
    window.close()
    assert made_reasons(hooks)[-1] == "fermeture" and backups.client_count(hooks.made[-1]) == 5
    # opened again unchanged: no backup in the background nor at closing
    again = reopen(qsettings, qtbot, path)
    hooks = again.backup_hooks
    assert not hooks.dirty() and not hooks.timer.isActive()
    before = in_folder(path)
    again.close()
    assert in_folder(path) == before and len(before) == 3


def test_a_small_file_changed_again_waits_the_interval_after_its_last_backup(window, qtbot):
    hooks = window.backup_hooks.set_policy(BackupPolicy(every_minutes=15))
    background(hooks, qtbot)
    window.store.create({"last_name": "Nouveau"})
    window.contactsChanged.emit([])
    # Qt rounds a long timer's deadline (coarse timers): a few ms over the interval is the same wait
    assert hooks.timer.isActive() and 14 * 60_000 < hooks.timer.remainingTime() <= 15 * 60_000 + 1_000
    window.contactsChanged.emit([])  # more edits do not push the backup back
    assert hooks.timer.remainingTime() > 14 * 60_000
    hooks.timer.stop()


def test_a_big_file_is_copied_once_a_day_in_the_background_and_never_when_closed(window, qtbot, qsettings):
    big = BackupPolicy(small_bytes=0)  # every file counts as big
    hooks = window.backup_hooks.set_policy(big)
    path = window.database.path
    background(hooks, qtbot)
    assert made_reasons(hooks) == ["quotidienne"]
    window.store.create({"last_name": "Nouveau"})
    window.contactsChanged.emit([])
    assert hooks.dirty() and hooks.timer.remainingTime() > 60_000  # the next one is for tomorrow
    window.close()
    assert made_reasons(hooks) == ["quotidienne"] and len(in_folder(path)) == 1
    again = reopen(qsettings, qtbot, path)
    again.backup_hooks.set_policy(big)
    assert again.backup_hooks.dirty()  # changed after its backup: known at opening
    again.close()


def test_closing_cancels_the_background_backup_and_leaves_nothing_of_it(window, qtbot, monkeypatch):
    from crmdesk.store import copies

    started = threading.Event()

    def slow_check(target, progress=None):  # a check that takes its time
        started.set()
        while True:
            progress(1, 1)
            time.sleep(0.01)

    monkeypatch.setattr(copies, "check_copy", slow_check)
    hooks = window.backup_hooks.set_policy(BackupPolicy(small_bytes=0))
    path = window.database.path
    hooks.timer.start(0)
    qtbot.waitUntil(started.is_set)
    with qtbot.waitSignal(hooks.task.cancelled):
        begin = time.monotonic()
        window.close()
        assert time.monotonic() - begin < 2
    assert hooks.made == [] and list(backups.folder_of(path).iterdir()) == []  # no copy, no temporary file


def test_before_an_import_the_newest_backup_serves_when_nothing_changed(window, qtbot):
    hooks = window.backup_hooks
    background(hooks, qtbot)
    newest = hooks.made[-1]
    assert backup_hooks.before(window, "import") is True
    assert hooks.made == [newest] and in_folder(window.database.path) == [newest.name]
    window.store.create({"last_name": "Nouveau"})
    assert backup_hooks.before(window, "import") is True
    assert hooks.made[-1].name.endswith("-import.sqlite") and backups.client_count(hooks.made[-1]) == 4


def test_opening_another_file_backs_up_the_changed_one_left(window, qtbot, tmp_path):
    hooks = window.backup_hooks
    first = window.database.path
    window.store.create({"last_name": "Nouveau"})
    other = make_client_file(tmp_path / "autre" / "autre.sqlite")
    assert window.open_file(other)
    assert [(p.parent, r) for p, r in zip(hooks.made, made_reasons(hooks))] == [(backups.folder_of(first), "fermeture")]
    assert hooks.path == other.resolve() and hooks.timer.isActive()


def test_a_failed_backup_is_told_once_and_before_says_no(window, qtbot, boxes, monkeypatch):
    hooks = window.backup_hooks
    from crmdesk.store.errors import StorageFull

    def full(*args, **kwargs):
        raise StorageFull("Le disque est plein : impossible d'écrire une sauvegarde.")

    monkeypatch.setattr(backups, "automatic", full)
    assert backup_hooks.before(window, "purge") is False
    assert backup_hooks.before(window, "purge") is False
    assert [text for _title, text in boxes] == ["Le disque est plein : impossible d'écrire une sauvegarde."]
    assert "disque est plein" in window.statusBar().currentMessage()
    assert hooks.made == []
    hooks.schedule()  # not tried again at once, in a loop
    assert hooks.timer.isActive() and hooks.timer.remainingTime() > 14 * 60_000


def test_demo_copies_are_not_backed_up(window, qtbot, tmp_path):
    hooks = window.backup_hooks
    demo_dir = tmp_path / "demo"
    window._temp_dirs.append(demo_dir)
    demo = make_client_file(demo_dir / "sweetybio.sqlite")
    assert window.open_file(demo, remember=False)
    assert made_reasons(hooks) == ["fermeture"]  # the file left behind, never backed up
    window.store.create({"last_name": "Essai"})
    window.contactsChanged.emit([])
    assert not hooks.timer.isActive()
    window.fileClosing.emit(demo)  # what closing the window does first
    assert made_reasons(hooks) == ["fermeture"] and not backups.folder_of(demo).exists()


# -- damaged file at start-up ------------------------------------------------------------------------
def test_the_damaged_file_dialog_says_where_the_file_went_and_offers_the_backup(client_file, qtbot):
    good = backups.automatic(client_file, "fermeture", now=NOW)
    spoil(client_file)
    damage = recovery.recover_at_start(client_file)
    box = damaged_file.DamagedFileDialog(damage)
    qtbot.addWidget(box)
    text = box.text()
    assert "« clients.sqlite » is damaged" in text and f"« {damage.set_aside.name} »" in text
    assert "of 23/11/2026 09:05 (3 clients)" in text and box.informativeText() == str(good)
    assert box.restore_button is not None and box.defaultButton() is box.restore_button


def test_without_a_backup_the_dialog_only_informs(client_file, qtbot):
    spoil(client_file)
    damage = recovery.Damage(client_file, client_file.with_name("x.sqlite"), "illisible", None)
    box = damaged_file.DamagedFileDialog(damage)
    qtbot.addWidget(box)
    assert "No good backup" in box.text() and box.restore_button is None


def test_at_start_up_the_damaged_file_is_replaced_by_its_backup_when_asked(client_file, qsettings, qtbot, monkeypatch):
    from crmdesk.gui.main_window import MainWindow

    backups.automatic(client_file, "fermeture", now=NOW)
    spoil(client_file)
    offered = []
    monkeypatch.setattr(
        damaged_file.DamagedFileDialog, "ask", classmethod(lambda cls, parent, damage: offered.append(damage) or True)
    )
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    assert window.open_first(client_file, client_file.with_name("defaut.sqlite"))
    assert len(offered) == 1 and offered[0].set_aside.exists() and offered[0].path == client_file
    assert window.model.rowCount() == 3 and window.writable


def test_at_start_up_a_sound_file_is_opened_as_usual(client_file, qsettings, qtbot, monkeypatch):
    from crmdesk.gui.main_window import MainWindow

    monkeypatch.setattr(damaged_file.DamagedFileDialog, "ask", classmethod(lambda *a: pytest.fail("asked")))
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    assert window.open_first(client_file, client_file.with_name("defaut.sqlite"))
    assert window.model.rowCount() == 3 and window.writable and client_file.exists()
