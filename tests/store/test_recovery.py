"""A damaged client file at start-up: detected, set aside (never overwritten
nor deleted), and its latest good backup found."""

import datetime as dt

import pytest

from crmdesk.store import backups, recovery
from crmdesk.store.database import Database
from tests.store.test_maintenance import damage

pytestmark = pytest.mark.file_only(
    "a damaged file set aside at start-up, its write-ahead log, its backups: a server keeps its own pages"
)

NOW = dt.datetime(2026, 11, 23, 9, 15)


@pytest.fixture
def filled(db_path, contacts):
    for i in range(300):
        contacts.create({"code": f"M{i:04d}", "last_name": f"Nom {i}", "notes": "x" * 200})
    contacts.database.close()
    return db_path


def spoil(path):
    """Damage the file in place, as test_maintenance.damage does to a copy."""
    damage(path, path.with_name("abime.tmp"))
    path.with_name("abime.tmp").replace(path)
    return path


def test_a_sound_file_is_left_alone(filled):
    before = filled.read_bytes()
    assert recovery.diagnose(filled) is None
    assert recovery.recover_at_start(filled) is None
    assert filled.read_bytes() == before


def test_a_damaged_file_is_set_aside_and_the_latest_good_backup_offered(filled):
    good = backups.automatic(filled, "fermeture", now=NOW)
    newer_but_bad = spoil(backups.automatic(filled, "periodique", now=NOW + dt.timedelta(hours=1)))
    data = spoil(filled).read_bytes()
    found = recovery.recover_at_start(filled)
    assert found is not None and ("anomalies" in found.reason or "lire" in found.reason)
    assert found.path == filled and not filled.exists()
    assert found.set_aside.parent == filled.parent
    assert found.set_aside.name.startswith("clients.endommagé-") and found.set_aside.suffix == ".sqlite"
    assert found.set_aside.read_bytes() == data  # renamed, not a byte changed
    assert found.backup is not None and found.backup.path == good  # the newer one fails integrity_check
    assert found.backup.clients == 300 and newer_but_bad.exists()


def test_an_unreadable_header_counts_as_damage_when_the_file_has_backups(filled):
    backups.automatic(filled, "fermeture", now=NOW)
    data = bytearray(filled.read_bytes())
    data[:16] = b"\0" * 16
    filled.write_bytes(bytes(data))
    assert "en-tête" in recovery.diagnose(filled)


def test_another_programs_file_is_not_taken_for_a_damaged_client_file(tmp_path):
    letter = tmp_path / "lettre.sqlite"
    letter.write_text("Bonjour, ceci n'est pas une base." * 10, encoding="utf-8")
    assert recovery.recover_at_start(letter) is None
    assert letter.exists()


def test_setting_aside_never_overwrites_a_file(filled):
    stamp = dt.datetime(2026, 11, 23, 9, 15, 0)
    taken = filled.with_name("clients.endommagé-20261123-091500.sqlite")
    taken.write_bytes(b"an earlier damaged file")
    moved = recovery.set_aside(filled, stamp)
    assert moved.name == "clients.endommagé-20261123-091500-2.sqlite"
    assert taken.read_bytes() == b"an earlier damaged file"


def test_the_write_ahead_log_follows_the_damaged_file(db_path, contacts):
    contacts.create({"last_name": "Dans le journal"})
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()
    moved = recovery.set_aside(db_path, NOW)
    contacts.database.close()
    assert moved.with_name(moved.name + "-wal").exists() and not wal.exists()


def test_a_file_open_in_another_crmdesk_is_not_touched(filled):
    backups.automatic(filled, "fermeture", now=NOW)
    with Database(filled):
        spoil(filled)
        assert recovery.recover_at_start(filled) is None
    assert filled.exists()


def test_opening_the_restored_backup_gives_the_clients_back(filled):
    backups.automatic(filled, "fermeture", now=NOW)
    spoil(filled)
    found = recovery.recover_at_start(filled)
    backups.restore(found.backup.path, found.path)
    with Database(filled) as database:
        assert database.scalar("SELECT count(*) FROM contacts WHERE code = 'M0299'") == 1
        assert database.scalar("SELECT count(*) FROM contacts") == 300
