"""`database`: a new client file, or a server database for the tests marked
both_kinds (tests/server/fixtures.py); the conftests of tests/store, tests/io and
tests/cli use it, and `sweetybio_db`, a copy of the demo of the same kind.

For a test to say the same thing on both kinds: `address` (what --db takes),
`handed_over` (closed, then its --db: a command's turn), `opened` / `reopen`
(a restart), `written` (nothing written), `table_names`, `refuse` (a fault
trigger in the middle of a store's transaction)."""

import pytest

from tests.helpers.demo import copy_demo
from tests.server.fixtures import open_backend


@pytest.fixture
def database(request, backend, db_path):
    db = open_backend(request, backend, db_path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def sweetybio_on_server(pg_cluster, sweetybio_template) -> str:
    """The Sweety Bio demo copied once to a server database (crmdesk server copy): a template."""
    from crmdesk.store.server import transfer

    name = pg_cluster.new_database("sweetybio")
    transfer.to_server(sweetybio_template, pg_cluster.url(name))
    return name


@pytest.fixture
def sweetybio_db(request, backend, sweetybio_template, tmp_path):
    """The `--db` of a copy of the Sweety Bio demo of its own, a file or a server database."""
    if backend != "server":
        return copy_demo(sweetybio_template, tmp_path, "Sweety Bio.sqlite")
    cluster, template = request.getfixturevalue("pg_cluster"), request.getfixturevalue("sweetybio_on_server")
    return cluster.url(cluster.new_database(template=template))


def refuse(database, table: str, event: str, when: str, message: str) -> None:
    """A trigger that makes the database refuse `event` (« DELETE », « UPDATE OF col ») on
    `table` where `when` holds (old.… / new.…), with `message`: a fault in the middle
    of a store's transaction, on a client file (SQLite) or on a server (PL/pgSQL)."""
    from crmdesk.store.server import on_server

    if on_server(database):
        database.conn.execute(
            f"CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation'; END $$"
        )
        database.conn.execute(
            f"CREATE TRIGGER refuse BEFORE {event} ON {table} FOR EACH ROW WHEN ({when}) "
            f"EXECUTE FUNCTION refuse_{table}()"
        )
    else:
        database.conn.execute(
            f"CREATE TRIGGER refuse BEFORE {event} ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def opened(address, **options):
    """The client file at `address`, or the server database at that URL, opened (a context manager too)."""
    from crmdesk.store.database import Database
    from crmdesk.store.server import is_server_url

    if is_server_url(address):
        from crmdesk.store.server.connection import ServerDatabase

        return ServerDatabase(address, **options)  # the tests' cluster trusts its socket: no password
    return Database(address, **options)


def reopen(database, **options):
    """The same client file, or the same server database, opened anew (as a restart would)."""
    return opened(address(database), **options)


def address(database):
    """What `--db` takes for `database`: the file's path, or the server database's URL."""
    from crmdesk.store.server import on_server

    return database.url if on_server(database) else database.path


def handed_over(database):
    """`database` closed (a file has one writer: the command's) and its `--db`."""
    database.close()
    return address(database)


def written(address):
    """What changes when anything is written: a file's bytes; a server database's
    journal of changes and audit log (every store write goes through one or both)."""
    from crmdesk.store.server import is_server_url

    if not is_server_url(address):
        return address.read_bytes()
    with opened(address, writer=False) as database:
        return database.query(
            "SELECT (SELECT coalesce(max(seq), 0) FROM contact_changes), (SELECT count(*) FROM audit_log)"
        )[0][:]


def table_names(database) -> list[str]:
    """The data tables of a client file or of a server database (a file's SQLite and search-index internals aside)."""
    from crmdesk.store.server import on_server

    if on_server(database):
        sql = (
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY 1"
        )
    else:
        sql = (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'contacts_fts%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        )
    return [r[0] for r in database.query(sql)]
