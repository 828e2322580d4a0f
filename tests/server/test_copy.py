"""crmdesk server copy: the demo file to a server and back, table by table;
refused into a database that is not empty; cancelled, nothing left."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from crmdesk import demo
from crmdesk.store.errors import StoreError
from crmdesk.store.server import transfer
from crmdesk.store.server.connection import ServerDatabase

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "Sweety Bio.sqlite"
    demo.build("sweetybio", path, today=TODAY)
    return path


def _tables(path) -> dict[str, list[tuple]]:
    """Every table of a client file, its rows sorted (FTS shadow tables aside: rebuilt, not copied)."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'contacts_fts%'"
            )
        ]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}
    finally:
        conn.close()


def test_the_demo_goes_to_a_server_and_comes_back_the_same_table_by_table(demo_file, pg_url, tmp_path):
    seen = []
    there = transfer.to_server(demo_file, pg_url, progress=lambda done, total: seen.append((done, total)))
    back = tmp_path / "retour.sqlite"
    again = transfer.to_file(pg_url, back)

    original, copied = _tables(demo_file), _tables(back)
    assert copied.keys() == original.keys()
    for table in original:
        assert copied[table] == original[table], table
    assert {c.table: c.rows for c in there} == {t: len(rows) for t, rows in original.items()}
    assert there == again
    assert len(original["contacts"]) == 440 and len(original["orders"]) > 6000
    total = sum(len(rows) for rows in original.values())
    assert seen[-1] == (total, total) and len(seen) > 10
    # the search table of the new file was rebuilt: a search finds what the original finds
    conn = sqlite3.connect(back)
    assert (
        conn.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH '\"bio\"'").fetchone()[0]
        == sqlite3.connect(demo_file)
        .execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH '\"bio\"'")
        .fetchone()[0]
        > 0
    )
    conn.close()
    server = ServerDatabase(pg_url)
    try:  # the next rows get the next numbers (sequences set after the copy)
        assert (
            server.scalar("SELECT nextval(pg_get_serial_sequence('contacts', 'id'))")
            == max(r[0] for r in original["contacts"]) + 1
        )
    finally:
        server.close()


def test_a_copy_into_a_database_that_is_not_empty_is_refused(demo_file, pg_cluster, pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE clients (id int)")
    with pytest.raises(StoreError, match="n'est pas vide"):
        transfer.to_server(demo_file, pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 1


def test_a_cancelled_copy_leaves_nothing_half_copied(demo_file, pg_url, tmp_path):
    import psycopg

    def cancel_half_way(done, total):
        if done > total // 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        transfer.to_server(demo_file, pg_url, progress=cancel_half_way)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert (
            conn.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public'"
            ).fetchone()[0]
            == 0
        )

    transfer.to_server(demo_file, pg_url)
    target = tmp_path / "copie.sqlite"
    with pytest.raises(KeyboardInterrupt):
        transfer.to_file(pg_url, target, progress=cancel_half_way)
    assert list(tmp_path.iterdir()) == []


def test_a_copy_never_replaces_an_existing_file(demo_file, pg_url, tmp_path):
    transfer.to_server(demo_file, pg_url)
    target = tmp_path / "clients.sqlite"
    target.write_bytes(b"mes clients")
    with pytest.raises(StoreError, match="existe déjà"):
        transfer.to_file(pg_url, target)
    assert target.read_bytes() == b"mes clients"


def test_a_copied_database_is_counted_from_its_indexes_at_once(demo_file, pg_url):
    """The copy's VACUUM marks every page of the copied rows visible to all (even on a server
    that commits asynchronously, as the test cluster does): a count or a position by index
    then reads the index alone, not every row's page."""
    transfer.to_server(demo_file, pg_url)
    database = ServerDatabase(pg_url)
    try:
        pages, visible = database.conn.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'contacts'"
        ).fetchone()
        assert database.scalar("SHOW synchronous_commit") == "off"
    finally:
        database.close()
    assert pages > 0 and visible == pages
