"""crmdesk.gui.app.run(): the entry point the CLI calls."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from crmdesk.gui import app as gui_app
from crmdesk.gui.main_window import MainWindow
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database


def close_soon(seen: list):
    def close():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append((widget.windowTitle(), widget.model.rowCount(), widget.path))
                widget.close()

    QTimer.singleShot(0, close)


def test_run_opens_the_given_file(qtbot, qsettings, client_file):
    qsettings.setValue("interface/language", "en")
    seen = []
    close_soon(seen)
    assert gui_app.run(client_file, settings=qsettings) == 0
    assert seen == [("clients.sqlite — crmdesk", 3, client_file.resolve())]
    assert Path(qsettings.value("files/last")) == client_file.resolve()


def test_run_without_a_usable_file_quits_when_asked(qtbot, qsettings, tmp_path, boxes):
    assert gui_app.run(tmp_path / "absent.sqlite", settings=qsettings) == 1
    assert "does not exist" in boxes[0][1]  # the system (C locale) gives an English window, reasons included


def test_run_without_a_path_creates_the_default_file(qtbot, qsettings, tmp_path, monkeypatch):
    default = tmp_path / "user" / "clients.sqlite"
    monkeypatch.setattr(gui_app, "default_file", lambda: default)
    seen = []
    close_soon(seen)
    assert gui_app.run(None, settings=qsettings) == 0
    assert seen[0][1:] == (0, default.resolve())


def test_run_a_demo_opens_a_fresh_temporary_copy(qtbot, qsettings, monkeypatch, client_file):
    built = []

    def build(name, path):
        database = Database(path, create=True)
        ContactStore(database).create({"last_name": "Brun", "first_name": "Maryse"})
        database.close()
        built.append(Path(path))

    monkeypatch.setattr("crmdesk.demo.build", build, raising=False)
    seen = []
    close_soon(seen)
    assert gui_app.run(None, demo="boldair", settings=qsettings) == 0
    assert seen[0][:2] == ("Demo Le Bol d'Air (copy) — crmdesk", 1)
    assert not built[0].exists()  # the temporary copy is gone with the window
    assert qsettings.value("files/last") is None  # a demo is never « the last file »


def test_default_file_is_in_the_user_data_folder():
    path = gui_app.default_file()
    assert path.name == "clients.sqlite" and path.parent.name == "crmdesk"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_end_of_the_session_closes_the_window_cleanly(qtbot, qsettings, client_file, number):
    """SIGTERM (logout, kill) or Ctrl+C in the terminal: the window closes as with its close button
    (window state saved, file closed), run() returns 0, the previous handlers are back."""
    before = signal.getsignal(number)
    seen = []

    def end_session():
        seen.extend(w.path for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        os.kill(os.getpid(), number)

    QTimer.singleShot(0, end_session)
    assert gui_app.run(client_file, settings=qsettings) == 0
    assert seen == [client_file.resolve()]
    assert qsettings.value("window/geometry") is not None  # saved by closeEvent
    assert not Path(f"{client_file}-wal").exists()  # the database was closed
    assert signal.getsignal(number) is before
