"""GUI fixtures: isolated QSettings, a small client file, the main window.

Message boxes never block: crmdesk.gui.common.messages is patched for every GUI
test and what would have been shown is kept in the `boxes` list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from crmdesk.gui.session import Session
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from tests.helpers.gui import OFFSCREEN_LIMITS, Boxes, boxes  # noqa: F401 - boxes: an autouse fixture
from tests.helpers.today import TODAY
from tests.helpers.window import open_window

# What the offscreen platform cannot do (no window manager): Qt warns, the
# application is not at fault.
HERE = Path(__file__).resolve().parent


# The slowest window tests (5 to 30 s each on a busy 2-core machine): left out by `pytest -m "not slow"`.
SLOW = {
    "test_printing_the_letters_records_them",
    "test_the_recall_view_lists_ticks_and_writes_letters",
    "test_every_row_selected_is_read_by_the_worker_not_the_window",
    "test_a_big_batch_accepted_runs",
    "test_the_main_dialogs_speak_the_interface_language",
    "test_an_older_file_is_updated_under_a_progress_dialog_the_window_answering",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))
            if item.originalname in SLOW:
                item.add_marker(pytest.mark.slow)


PEOPLE = (
    {
        "last_name": "Dupont",
        "first_name": "Hélène",
        "city": "Évreux",
        "stage": "client",
        "email": "helene.dupont@example.fr",
        "phone": "06 12 34 56 78",
        "first_contact": "2023-05-02",
    },
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


DEMO_DAY = TODAY  # the demos' figures in docs/domain/ are as of this day
# sweetybio_template, boldair_template: the demos built once per session (tests/helpers/demo.py)


@pytest.fixture
def qsettings(tmp_path):
    """Settings in a temporary INI file: tests never read or write the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(qtbot, contacts) -> Session:
    """The open file as the dialogs get it (the `contacts` fixture's database)."""
    return Session(contacts.database)


@pytest.fixture
def client_file(tmp_path):
    return make_client_file(tmp_path / "clients.sqlite")


@pytest.fixture
def window(qtbot, qsettings, client_file):
    win = open_window(qtbot, qsettings, client_file)
    yield win
    win.close()


def column_texts(model, key: str) -> list[str]:
    from crmdesk.gui.clients.client_model import COLUMN_KEYS

    column = COLUMN_KEYS.index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]
