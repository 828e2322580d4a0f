"""GUI fixtures: isolated QSettings, a small client file, the main window.

Message boxes never block: crmdesk.gui.common.messages is patched for every GUI
test and what would have been shown is kept in the `boxes` list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from crmdesk import demo
from crmdesk.gui.common import messages
from crmdesk.gui.session import Session
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database

# What the offscreen platform cannot do (no window manager): Qt warns, the
# application is not at fault.
OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing)"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


PEOPLE = (
    {"last_name": "Dupont", "first_name": "Hélène", "city": "Évreux", "stage": "client",
     "email": "helene.dupont@example.fr", "phone": "06 12 34 56 78", "first_contact": "2023-05-02"},
    {"last_name": "Martin", "first_name": "Helene", "city": "Metz", "stage": "prospect"},
    {"last_name": "Durand", "first_name": "Paul", "city": "Dijon", "stage": "former"},
)


def make_client_file(path: Path, people=PEOPLE) -> Path:
    database = Database(path, create=True)
    try:
        store = ContactStore(database)
        database.conn.execute("INSERT INTO reps(code, name) VALUES ('MB', 'Maryse Brun')")
        for values in people:
            store.create(dict(values))
    finally:
        database.close()
    return path


DEMO_DAY = dt.date(2026, 11, 23)    # the demos' figures in DOMAIN.md are as of this day


@pytest.fixture(scope="session")
def sweetybio_template(tmp_path_factory) -> Path:
    """The Sweety Bio demo as of DEMO_DAY, built once: tests open copies of it."""
    path = tmp_path_factory.mktemp("demo") / "sweetybio.sqlite"
    demo.build("sweetybio", path, today=DEMO_DAY)
    return path


@pytest.fixture(scope="session")
def boldair_template(tmp_path_factory) -> Path:
    """The Bold'Air demo as of DEMO_DAY, built once: tests open copies of it."""
    path = tmp_path_factory.mktemp("demo") / "boldair.sqlite"
    demo.build("boldair", path, today=DEMO_DAY)
    return path


@pytest.fixture
def qsettings(tmp_path):
    """Settings in a temporary INI file: tests never read or write the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


class Boxes(list):
    """The message boxes that would have been shown, as (title, text). The
    « Abandonner les modifications ? » questions go to `discards` (the title of
    the form asked about) and take their answers from `answers` (in order;
    messages.DISCARD when none is left)."""

    def __init__(self):
        super().__init__()
        self.discards: list[str] = []
        self.answers: list[str] = []


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    shown = Boxes()

    def error(parent, title, text):
        shown.append((title, text))

    def ask_open_other(parent, title, text, open_label, quit_label):
        shown.append((title, text))
        return False

    def ask_discard(parent, title, *, can_continue=True):
        shown.discards.append(title)
        return shown.answers.pop(0) if shown.answers else messages.DISCARD

    monkeypatch.setattr(messages, "error", error)
    monkeypatch.setattr(messages, "ask_open_other", ask_open_other)
    monkeypatch.setattr(messages, "ask_discard", ask_discard)
    return shown


@pytest.fixture
def session(qtbot, contacts) -> Session:
    """The open file as the dialogs get it (the `contacts` fixture's database)."""
    return Session(contacts.database)


@pytest.fixture
def client_file(tmp_path):
    return make_client_file(tmp_path / "clients.sqlite")


@pytest.fixture
def window(qtbot, qsettings, client_file):
    from crmdesk.gui.main_window import MainWindow

    win = MainWindow(qsettings)
    qtbot.addWidget(win)
    assert win.open_file(client_file)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    yield win
    win.close()


def column_texts(model, key: str) -> list[str]:
    from crmdesk.gui.clients.client_model import COLUMN_KEYS

    column = COLUMN_KEYS.index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]
