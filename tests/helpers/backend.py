"""`database`: a new client file, or a server database for the tests marked
both_kinds (tests/server/fixtures.py); the conftests of tests/store and tests/io use it."""

import pytest

from tests.server.fixtures import open_backend


@pytest.fixture
def database(request, backend, db_path):
    db = open_backend(request, backend, db_path)
    yield db
    db.close()
