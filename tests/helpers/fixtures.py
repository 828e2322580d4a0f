"""Shared fixtures: the day of the suite, a fresh client file, a few contacts."""

from __future__ import annotations

import pytest

from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from tests.helpers.today import TODAY


@pytest.fixture
def today():
    """The suite's day (tests/helpers/today.py), for the code's `today=` / `as_of=`."""
    return TODAY


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "clients.sqlite"


@pytest.fixture
def database(db_path):
    db = Database(db_path, create=True)
    yield db
    db.close()


@pytest.fixture
def contacts(database):
    return ContactStore(database)
