"""Checking and backing up a client file."""

import os
import shutil
import sqlite3
import stat

import pytest

from crmdesk.store import copies, maintenance
from crmdesk.store.database import Database
from crmdesk.store.errors import FileMissing

pytestmark = pytest.mark.file_only(
    "checking and copying the file itself (integrity and foreign key checks, a page copy); "
    "a server's checks are store/server/checks.py (tests/server/test_server_cli.py)"
)


@pytest.fixture
def filled(db_path, contacts):
    for i in range(300):
        contacts.create({"code": f"M{i:04d}", "last_name": f"Nom {i}", "city": "Évreux", "notes": "x" * 200})
    contacts.database.close()
    return db_path


def damage(source, target):
    """A copy with a block of pages in the middle overwritten."""
    shutil.copy(source, target)
    data = bytearray(target.read_bytes())
    page = 4096
    middle = (len(data) // 2) // page * page
    for i in range(middle, min(middle + 3 * page, len(data))):
        data[i] ^= 0xA5
    target.write_bytes(bytes(data))
    return target


def test_healthy_file(filled):
    report = maintenance.check(filled)
    assert report.ok, report.text()
    assert "Aucun problème" in report.text()


def test_damaged_file_is_reported(filled, tmp_path):
    report = maintenance.check(damage(filled, tmp_path / "abime.sqlite"))
    assert not report.ok
    assert "endommagé" in report.text()


def test_foreign_key_problems_are_reported(filled):
    conn = sqlite3.connect(filled)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO contact_tags(contact_id, tag_id) VALUES (1, 999)")
    conn.commit()
    conn.close()
    report = maintenance.check(filled)
    assert not report.ok and "contact_tags" in report.text()


def test_check_of_a_missing_file_raises(tmp_path):
    with pytest.raises(FileMissing):
        maintenance.check(tmp_path / "absent.sqlite")
    assert not (tmp_path / "absent.sqlite").exists()


def test_backup_is_a_verified_private_copy(filled, tmp_path):
    target = maintenance.backup(filled)
    assert target.parent == filled.parent / maintenance.BACKUP_DIR
    assert target.name.startswith(filled.stem + "-") and target.suffix == ".sqlite"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with Database(target, writer=False) as copy, Database(filled, writer=False) as original:
        count = "SELECT count(*) FROM contacts"
        assert copy.scalar(count) == original.scalar(count)
    second = maintenance.backup(filled, tmp_path / "ailleurs")
    assert second.parent == tmp_path / "ailleurs" and second != target


def test_backup_while_a_writer_has_the_file_open(db_path, contacts):
    contacts.create({"last_name": "Ouvert"})
    target = maintenance.backup(db_path)  # the fixture's Database is still open (writer)
    with Database(target, writer=False) as copy:
        assert copy.scalar("SELECT count(*) FROM contacts") == 1


def test_scratch_copy_leaves_the_file_alone(filled):
    before = filled.read_bytes()
    with maintenance.scratch_copy(filled) as scratch, scratch.atomic():
        scratch.conn.execute("DELETE FROM contacts")
    assert filled.read_bytes() == before


def test_a_copy_is_checked_without_the_false_null_reports_of_quick_check(tmp_path):
    """SQLite 3.40's quick_check sees NULLs in a WITHOUT ROWID table (contact_tags) that are not
    there; a real NULL in a NOT NULL column is still reported."""
    path = tmp_path / "liens.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE links (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (b, a)) WITHOUT ROWID")
    conn.executemany("INSERT INTO links VALUES (?, ?)", [(i, i + 1) for i in range(30)])  # more than the limit
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    assert copies.integrity(path, quick=True) == ["ok"]
    conn.execute("INSERT INTO t VALUES (NULL)")
    conn.execute("PRAGMA writable_schema = ON")  # a NULL where NOT NULL now stands, as a tool could leave
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE TABLE t (x NOT NULL)' WHERE name = 't'")
    conn.commit()
    conn.close()
    assert copies.integrity(path, quick=True) == ["NULL value in t.x"]
