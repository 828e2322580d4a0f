"""The window on damaged, big, read-only and badly written files: every way of
opening (start-up and the command line, File › Open, the recent files) runs
the same check; a damaged file is set aside and its backup offered, never
opened for writing; a big file opens at once and is checked in the background,
read-only meanwhile; read-only media open read-only, said in a banner; invalid
UTF-8 is shown, named by File › Check the file… and repaired there."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from crmdesk.gui.clients.client_model import COLUMN_KEYS
from crmdesk.gui.file import damaged_file
from crmdesk.store import backups, health, maintenance, recovery
from tests.helpers.damaged_files import corpus, files_of, integrity
from tests.helpers.read_only import read_only
from tests.helpers.today import Clock
from tests.store.test_damaged_files import spoil_table


@pytest.fixture
def offered(monkeypatch):
    """The damaged file dialog, answered « Do not restore » (or what the test sets in answer[0])."""
    seen = Offered()
    monkeypatch.setattr(
        damaged_file.DamagedFileDialog,
        "ask",
        classmethod(lambda cls, parent, damage: seen.append(damage) or seen.answer[0]),
    )
    return seen


class Offered(list):
    """The damages the dialog was shown, and the answer it gives."""

    def __init__(self):
        super().__init__()
        self.answer = [False]


@pytest.fixture
def damaged_copies(boldair_template, tmp_path):
    """The damaged copies (integrity_check fails) of a corpus of the Bol d'Air demo, one folder each."""
    found = corpus(boldair_template, tmp_path / "copies", 35, seed=3)
    return [d for d in found if integrity(d.path) != ["ok"]]


def intact(path: Path, before: bytes) -> bool:
    """The damaged file's bytes, where it was or set aside beside it."""
    aside = sorted(path.parent.glob(path.stem + recovery.DAMAGED_MARK + "*.sqlite"))
    kept = aside[0] if aside else path
    return kept.read_bytes() == before


def open_through(way: str, window, path: Path, monkeypatch) -> None:
    if way == "file-open":
        monkeypatch.setattr(window, "_ask_open_path", lambda: path)
        window.ui.actionOpen.trigger()
    elif way == "recent":
        window.settings.add_recent(path)
        window._fill_recent_menu()
        (action,) = [a for a in window.ui.menuRecent.actions() if a.toolTip() == str(path.resolve())]
        action.trigger()
    else:  # start-up, on the file named on the command line
        assert not window.open_first(path, path.with_name("defaut.sqlite"))


@pytest.mark.parametrize("way", ["start-up", "file-open", "recent"])
def test_every_way_of_opening_refuses_a_damaged_file(
    way, window, client_file, damaged_copies, offered, boxes, monkeypatch
):
    assert len(damaged_copies) >= 15
    for damaged in damaged_copies:
        before = damaged.path.read_bytes()
        offered.clear()
        boxes.clear()
        if way == "start-up":
            window._close_database()
        open_through(way, window, damaged.path, monkeypatch)
        if way == "start-up":
            assert window.database is None
        else:
            assert window.database.path == client_file and window.writable  # the file open before stays
        assert intact(damaged.path, before), str(damaged)
        texts = " ".join(text for _title, text in boxes)
        if damaged.kind == "page 1 à zéro":  # no header left and no backup: not recognisably a client file
            assert offered == [] and "n'est pas un fichier clients crmdesk" in texts
            continue
        assert len(offered) == 1 and offered[0].path == damaged.path.resolve(), str(damaged)
        assert offered[0].set_aside is not None and offered[0].backup is None
        assert not texts.startswith(("database disk image", "file is not a database")), texts


def test_restoring_the_offered_backup_opens_it(window, boldair_template, tmp_path, offered, monkeypatch):
    path = tmp_path / "abime" / "clients.sqlite"
    path.parent.mkdir()
    shutil.copyfile(boldair_template, path)
    backups.automatic(path, "fermeture")
    spoil_table(path)
    offered.answer[0] = True
    open_through("file-open", window, path, monkeypatch)
    assert len(offered) == 1 and offered[0].backup is not None
    assert window.database.path == path and window.writable and window.model.rowCount() == 41
    assert len(list(path.parent.glob("clients" + recovery.DAMAGED_MARK + "*.sqlite"))) == 1


# -- a big file ---------------------------------------------------------------------------------------------------
@pytest.fixture
def big_file(boldair_template, tmp_path) -> Path:
    path = tmp_path / "gros" / "clients.sqlite"
    path.parent.mkdir()
    shutil.copyfile(boldair_template, path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE archive_notes (id INTEGER PRIMARY KEY, note TEXT)")
    conn.executemany("INSERT INTO archive_notes(note) VALUES (?)", [("n" * 8000,) for _ in range(4400)])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert health.level_for(path, health.AUTO) == health.STRUCTURE
    return path


def test_a_big_file_opens_at_once_and_is_writable_once_checked(window, big_file, qtbot):
    state = window.file_state
    with qtbot.waitSignal(state.checkDone, timeout=60_000) as done:
        assert window.open_file(big_file)
        assert window.model.rowCount() == 41 and not window.writable
        assert state.banner.isVisible() and "every page of this big file is being read" in state.banner.text()
        assert not window.ui.actionNewClient.isEnabled() and not window.ui.actionTrash.isEnabled()
    assert done.args == [True]
    assert window.writable and not state.banner.isVisible() and window.ui.actionNewClient.isEnabled()
    window.ui.menuFile.aboutToShow.emit()
    assert window.findChild(type(window.ui.actionOpen), "actionImportWizard").isEnabled()


def test_a_big_damaged_file_is_set_aside_when_its_check_finds_the_damage(window, big_file, qtbot, offered):
    spoil_table(big_file, "archive_notes")  # a page the opening itself does not read
    before = big_file.read_bytes()
    with qtbot.waitSignal(window.file_state.checkDone, timeout=60_000) as done:
        assert window.open_file(big_file)
        assert not window.writable
    assert done.args == [False]
    assert window.database is None and len(offered) == 1 and offered[0].path == big_file
    assert intact(big_file, before) and not big_file.exists()


def test_a_big_file_whose_opening_meets_a_damaged_page_is_set_aside(window, big_file, client_file, offered):
    spoil_table(big_file, "contacts")  # the table and its filters read at opening
    before = big_file.read_bytes()
    assert not window.open_file(big_file)
    assert window.database is None and len(offered) == 1 and offered[0].path == big_file
    assert "son contenu est incohérent" in offered[0].reason
    assert intact(big_file, before) and not big_file.exists()


# -- read-only media -------------------------------------------------------------------------------------------------
def test_a_file_on_read_only_media_opens_read_only_with_a_banner(window, boldair_template, tmp_path, boxes, qtbot):
    folder = tmp_path / "cd"
    folder.mkdir()
    path = folder / "clients.sqlite"
    shutil.copyfile(boldair_template, path)
    before = files_of(path)
    with read_only(folder):
        assert window.open_file(path)
        assert window.database.path == path and not window.database.writer and not window.writable
        assert window.model.rowCount() == 41
        banner = window.file_state.banner
        assert banner.isVisible() and banner.text().startswith("Read-only: « clients.sqlite » is on read-only media")
        assert window.windowTitle() == "clients.sqlite (read-only) — crmdesk"
        for menu in (window.ui.menuFile, window.ui.menuEdit):
            menu.aboutToShow.emit()
        for name in (
            "actionNewClient",
            "actionDeleteClient",
            "actionTrash",
            "actionImportWizard",
            "actionRestoreBackup",
            "actionBusiness",
        ):
            assert not window.findChild(type(window.ui.actionOpen), name).isEnabled(), name
        assert window.ui.actionFind.isEnabled() and window.file.check_action.isEnabled()
        window.backup_hooks.wait()
        assert boxes == []  # nothing to back up: the file cannot change
        window._close_database()
        assert files_of(path) == before and sorted(p.name for p in folder.iterdir()) == ["clients.sqlite"]


# -- text another program wrote badly --------------------------------------------------------------------------------
@pytest.fixture
def spoilt(client_file):
    conn = sqlite3.connect(client_file)
    conn.execute("UPDATE contacts SET first_name = CAST(x'4cff6f6e' AS TEXT) WHERE last_name = 'DURAND'")
    conn.commit()
    conn.close()
    return client_file


def test_invalid_text_is_shown_then_named_and_repaired_from_the_window(qtbot, qsettings, spoilt):
    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    assert window.open_file(spoilt)
    names = [window.model.index(r, COLUMN_KEYS.index("name")).data() for r in range(window.model.rowCount())]
    assert "DURAND L\ufffdon" in names
    dialog = window.file.show_check()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    text = dialog.text.toPlainText()
    assert "1 valeur de texte illisible" in text and "colonne « first_name » : « L\ufffdon »" in text
    assert dialog.repair_button.isVisible() and dialog.repair_button.isEnabled()
    dialog.repair_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.ok, timeout=30_000)
    assert "Aucun problème trouvé." in dialog.text.toPlainText() and not dialog.repair_button.isVisible()
    assert [b.reason for b in backups.list_backups(spoilt, counts=False)].count("reparation") == 1
    assert maintenance.check(spoilt).ok
    dialog.close()
    window.close()
