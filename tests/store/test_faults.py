"""Disk full, read-only folder: a clear French message, earlier data intact."""

import os

import pytest

from crmdesk.store import backups, copies
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.errors import StorageFull, StoreError

pytestmark = pytest.mark.file_only(
    "a full disk or a read-only folder under the file (its page count, its rights): a server's disk is the server's"
)

needs_rights = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="file rights do not stop root (nor exist on Windows)"
)


def fill_up(database: Database) -> None:
    """SQLite's « database or disk is full », as on a full disk: no page beyond those in use."""
    pages = database.scalar("PRAGMA page_count")
    database.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_disk_full_during_a_write_is_told_in_french_and_nothing_is_half_written(database, contacts):
    for i in range(20):
        contacts.create({"last_name": f"Avant {i}"})
    fill_up(database)
    with pytest.raises(StorageFull, match="disque est plein.*données précédentes sont intactes"), database.atomic():
        contacts.create({"last_name": "Petit"})  # fits in a page already there
        contacts.create({"last_name": "Gros", "notes": "x" * 500_000})  # needs new pages
    assert not database.conn.in_transaction
    assert contacts.count(ContactQuery()) == 20  # « Petit » was rolled back with it
    database.conn.execute("PRAGMA max_page_count = 1073741823")  # room again: the file works on
    contacts.create({"last_name": "Après"})
    database.close()
    assert copies.integrity(database.path) == ["ok"]
    with Database(database.path, writer=False) as again:
        assert again.scalar("SELECT count(*) FROM contacts") == 21


def test_disk_full_on_commit_of_a_single_store_call(database, contacts):
    contacts.create({"last_name": "Avant"})
    fill_up(database)
    with pytest.raises(StorageFull):
        contacts.create({"last_name": "Gros", "notes": "x" * 500_000})
    assert [r["last_name"] for r in database.query("SELECT last_name FROM contacts")] == ["AVANT"]


def test_backup_into_a_full_disk_leaves_no_half_copy(database, contacts, monkeypatch, tmp_path):
    contacts.create({"last_name": "Avant"})
    real = copies.copy_into

    def full(source, target, progress=None):
        real(source, target, progress)
        raise StorageFull("Le disque est plein : la copie n'a pas pu être écrite.")

    monkeypatch.setattr(copies, "copy_into", full)
    with pytest.raises(StorageFull, match="disque est plein"):
        backups.automatic(database, "ouverture")
    assert list(backups.folder_of(database.path).iterdir()) == []


@needs_rights
def test_a_read_only_folder_refuses_to_open_for_writing_in_french(tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    path = folder / "clients.sqlite"
    with Database(path, create=True) as database:
        ContactStore(database).create({"last_name": "Avant"})
    (folder / "clients.sqlite.lock").unlink()
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="lecture seule"):
            Database(path)
        with pytest.raises(StoreError):
            backups.automatic(path, "ouverture")  # its backups folder cannot be made either
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == before


@needs_rights
def test_a_read_only_file_refuses_the_write_in_french_and_keeps_its_data(tmp_path):
    path = tmp_path / "clients.sqlite"
    with Database(path, create=True) as database:
        ContactStore(database).create({"last_name": "Avant"})
    path.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="lecture seule"), Database(path) as database:
            ContactStore(database).create({"last_name": "Refusé"})
    finally:
        path.chmod(0o644)
    with Database(path, writer=False) as database:
        assert database.scalar("SELECT count(*) FROM contacts") == 1


def test_a_file_that_became_read_only_during_a_write_is_told_in_french(database, contacts):
    """Fault injection that works as root too: SQLite's query_only raises the same
    « attempt to write a readonly database » as a file whose rights were taken away."""
    contacts.create({"last_name": "Avant"})
    database.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="lecture seule.*données précédentes sont intactes"), database.atomic():
        contacts.create({"last_name": "Pendant"})
    database.conn.execute("PRAGMA query_only = OFF")
    assert [r["last_name"] for r in database.query("SELECT last_name FROM contacts")] == ["AVANT"]
    database.close()
    assert copies.integrity(database.path) == ["ok"]
