"""Each demo is built once per test session (module fixtures below are cheap to share)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from crmdesk import demo

TODAY = dt.date(2026, 11, 23)


def open_ro(path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


@pytest.fixture(scope="session")
def sweetybio_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("sweetybio") / "Sweety Bio.sqlite"
    demo.build("sweetybio", path, today=TODAY)
    return path


@pytest.fixture(scope="session")
def boldair_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("boldair") / "Le Bol d'Air.sqlite"
    demo.build("boldair", path, today=TODAY)
    return path


@pytest.fixture
def sweetybio(sweetybio_path):
    conn = open_ro(sweetybio_path)
    yield conn
    conn.close()


@pytest.fixture
def boldair(boldair_path):
    conn = open_ro(boldair_path)
    yield conn
    conn.close()
