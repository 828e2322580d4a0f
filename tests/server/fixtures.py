"""The tests' PostgreSQL (a pytest plugin, tests/conftest.py): one throwaway
cluster for the whole session (tests/server/cluster.py), a new empty
database for each test that asks; and `backend`, the kind of client file a
test runs on ("file" or "server").

A test runs on both kinds when it is marked `both_kinds` (or its module says
`pytestmark = pytest.mark.both_kinds`): its `database` fixture is then a
client file, then a server database (tests/store/conftest.py). Setting
CRMDESK_TEST_BACKEND=server runs every test that takes the fixture on a server
only, and leaves out the others (they have nothing to do with a server: CI's
second pass, .ci/run). A test marked `file_only("why")` keeps to the file (a
test of the file itself: its bytes, its journal, its pages, SQLite's plans) and
is left out of that pass too."""

from __future__ import annotations

import os

import pytest

from tests.server.cluster import Cluster, binaries

BACKENDS = ("file", "server")


def pytest_configure(config):
    config.addinivalue_line("markers", "both_kinds: run on a client file and on a PostgreSQL server database")
    config.addinivalue_line("markers", "file_only(reason): on a client file only, and why")


def pytest_generate_tests(metafunc):
    if "backend" not in metafunc.fixturenames:
        return
    forced = os.environ.get("CRMDESK_TEST_BACKEND")
    if metafunc.definition.get_closest_marker("file_only") is not None:
        return
    if forced:
        metafunc.parametrize("backend", [forced], scope="function")
    elif metafunc.definition.get_closest_marker("both_kinds") is not None:
        metafunc.parametrize("backend", BACKENDS, scope="function")


def pytest_collection_modifyitems(config, items):
    """A test that takes a client file says on which kinds it runs (both_kinds, or
    file_only and why): the normal run then covers both kinds, and a new test cannot
    slip to the file alone unnoticed. With CRMDESK_TEST_BACKEND set, only the tests
    that run on that kind."""
    unsaid = [
        item.nodeid
        for item in items
        if "backend" in getattr(item, "fixturenames", ())
        and item.get_closest_marker("both_kinds") is None
        and item.get_closest_marker("file_only") is None
    ]
    if unsaid:
        raise pytest.UsageError(
            "these tests take a client file but say neither both_kinds nor file_only(why): " + ", ".join(unsaid[:20])
        )
    if not os.environ.get("CRMDESK_TEST_BACKEND"):
        return
    kept, left = [], []
    for item in items:
        takes = "backend" in getattr(item, "fixturenames", ()) and item.get_closest_marker("file_only") is None
        (kept if takes else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture
def backend() -> str:
    """A test not marked both_kinds runs on a file."""
    return "file"


@pytest.fixture(scope="session")
def pg_cluster():
    folder = binaries()
    if folder is None and os.environ.get("CRMDESK_REQUIRE_POSTGRESQL"):
        pytest.fail("CRMDESK_REQUIRE_POSTGRESQL : PostgreSQL devrait être installé (initdb, pg_ctl, postgres)")
    if folder is None:
        pytest.skip(
            "PostgreSQL n'est pas installé (initdb, pg_ctl et postgres introuvables) : "
            "apt-get install postgresql (voir README)"
        )
    pytest.importorskip("psycopg", reason="psycopg n'est pas installé (pip install 'psycopg[binary]')")
    cluster = Cluster(folder)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of a new, empty database on the test cluster."""
    return pg_cluster.url(pg_cluster.new_database())


def open_backend(request, backend: str, db_path):
    """A new, empty crmdesk database of the kind asked: the file at db_path, or a server database."""
    from crmdesk.store.database import Database

    if backend == "server":
        from crmdesk.store.server.connection import ServerDatabase

        return ServerDatabase(request.getfixturevalue("pg_url"), create=True)
    return Database(db_path, create=True)
