"""A client file's life in crmdesk: closed whole (its write-ahead log merged and
emptied), the log bounded while it is open, a second connection for a worker,
a migration that can be cancelled without a trace but its reusable copy."""

import os
import sqlite3
import time

import pytest

from crmdesk.store import database as database_module
from crmdesk.store import migrate
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.errors import StoreError
from tests.store.test_database import next_migration  # noqa: F401 (fixture)


def wal(path):
    log = path.with_name(path.name + "-wal")
    return log.stat().st_size if log.exists() else 0


def test_a_closed_file_is_one_self_contained_file(db_path, tmp_path):
    database = Database(db_path, create=True)
    store = ContactStore(database)
    for i in range(50):
        store.create({"last_name": f"Client {i}", "notes": "x" * 1000})
    assert wal(db_path) > 0
    other = Database(db_path, writer=False)  # a reader still open elsewhere does not stop it
    database.close()
    assert wal(db_path) == 0
    other.close()
    alone = tmp_path / "copie" / "seul.sqlite"  # the file copied alone, as to a USB key
    alone.parent.mkdir()
    alone.write_bytes(db_path.read_bytes())
    with Database(alone, writer=False) as copy:
        assert copy.scalar("SELECT count(*) FROM contacts") == 50


def test_the_log_is_given_back_when_a_long_reader_lets_go(db_path, monkeypatch):
    monkeypatch.setattr(database_module, "WAL_LIMIT", 256 * 1024)
    writer = Database(db_path, create=True)
    assert writer.scalar("PRAGMA journal_size_limit") == 256 * 1024
    store = ContactStore(writer)
    reader = Database(db_path, writer=False)
    reader.conn.execute("BEGIN")
    reader.conn.execute("SELECT count(*) FROM contacts").fetchone()  # a snapshot held, as a long report
    for i in range(300):
        store.create({"last_name": f"Client {i}", "notes": "x" * 3000})
    grown = wal(db_path)
    assert grown > 2_000_000  # the checkpoints could not pass the reader
    reader.close()  # it lets go: the log is checkpointed and cut back
    assert wal(db_path) <= 256 * 1024
    store.create({"last_name": "Après"})
    assert wal(db_path) <= 256 * 1024 and store.count(ContactQuery()) == 301
    writer.close()


@pytest.mark.both_kinds
def test_a_companion_connection_writes_for_a_worker(database, contacts):
    other = database.companion()
    try:
        ContactStore(other).create({"last_name": "Depuis un fil"})
        assert contacts.count(ContactQuery()) == 1  # committed, seen by the window's connection
        mark = database.change_mark()
        ContactStore(other).create({"last_name": "Encore"})
        assert database.change_mark() != mark  # what backups look at
    finally:
        other.close()
    assert database.conn is not None  # closing it left the writer open


@pytest.mark.file_only(
    "a reader of a file (writer=False, beside the writer's lock); on a server no lock: "
    "read-only is the login's rights (tests/server/test_same_store.py)"
)
def test_the_companion_of_a_reader_only_reads(database, contacts):
    ContactStore(database).create({"last_name": "Depuis un fil"})
    ContactStore(database).create({"last_name": "Encore"})
    reader = Database(database.path, writer=False)
    other = reader.companion()  # a reader's companion reads only
    try:
        assert other.scalar("SELECT count(*) FROM contacts") == 2
        with pytest.raises(StoreError, match="lecture seule"):
            ContactStore(other).create({"last_name": "Refusé"})
    finally:
        other.close()
        reader.close()


def test_a_cancelled_migration_changes_nothing_and_its_copy_serves_next_time(tmp_path, next_migration):
    path = tmp_path / "ancien.sqlite"
    with Database(path, create=True) as database:
        ContactStore(database).create({"last_name": "Dupont"})
    number = next_migration("CREATE TABLE added_later (x INTEGER);\n")
    before = path.read_bytes()

    class Stop(Exception):
        pass

    def cancel(done, total):
        if done > migrate.COPY_SHARE:
            raise Stop()

    with pytest.raises(Stop):
        Database(path, progress=cancel)
    assert path.read_bytes() == before  # not a byte changed
    [copy] = tmp_path.glob(f"ancien.avant-migration-v{number - 1}-*.sqlite")
    past = time.time() - 60
    os.utime(path, (past, past))  # the copy was written after the file's last change
    steps = []
    with Database(path, progress=lambda done, total: steps.append(done)) as database:
        assert database.schema_version() == number
    assert min(steps) >= migrate.COPY_SHARE  # no new copy: the one left was used
    assert not copy.exists()


def test_a_failed_migration_says_so_in_french_and_keeps_its_copy(tmp_path, next_migration):
    path = tmp_path / "ancien.sqlite"
    Database(path, create=True).close()
    number = next_migration("CREATE TABLE half_done (x);\nTHIS IS NOT SQL;\n")
    with pytest.raises(
        StoreError, match=f"vers la version {number} a échoué.*resté en version {number - 1}.*avant-migration"
    ):
        Database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == number - 1
    conn.close()
