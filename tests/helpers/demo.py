"""The two demo files, each built ONCE per test session (per xdist worker) as of TODAY:
a test reads the template, or changes a copy of it (`copy_demo`), never the template."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from crmdesk import demo
from crmdesk.store.database import Database
from tests.helpers.today import TODAY


@pytest.fixture(scope="session")
def sweetybio_template(tmp_path_factory) -> Path:
    """The Sweety Bio demo as of TODAY (read it; copy it to change it)."""
    path = tmp_path_factory.mktemp("demo") / "sweetybio.sqlite"
    demo.build("sweetybio", path, today=TODAY)
    return path


@pytest.fixture(scope="session")
def boldair_template(tmp_path_factory) -> Path:
    """The Le Bol d'Air demo as of TODAY (read it; copy it to change it)."""
    path = tmp_path_factory.mktemp("demo") / "boldair.sqlite"
    demo.build("boldair", path, today=TODAY)
    return path


@pytest.fixture(scope="session")
def sweetybio(sweetybio_template):
    """The Sweety Bio template open read-only (a package may mean something else by `sweetybio`:
    tests/demo/ a raw connection, some command-line tests a copy of their own)."""
    database = Database(sweetybio_template, writer=False)
    yield database
    database.close()


def copy_demo(template: Path, folder: Path, name: str | None = None) -> Path:
    """A copy of a demo template in `folder` (the test's own), to be changed."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or template.name)
    shutil.copy(template, target)
    return target


def open_ro(path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn
