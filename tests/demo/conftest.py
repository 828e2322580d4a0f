"""The demos as the tests of this package read them: read-only connections to the templates
built once per session (tests/helpers/demo.py)."""

from __future__ import annotations

import pytest

from tests.helpers.demo import open_ro


@pytest.fixture(scope="session")
def sweetybio_path(sweetybio_template):
    return sweetybio_template


@pytest.fixture(scope="session")
def boldair_path(boldair_template):
    return boldair_template


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
