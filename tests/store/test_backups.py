"""Automatic backups: folder, names, rights, throttling, thinning, listing, restoring."""

import datetime as dt
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from crmdesk.store import backups, maintenance
from crmdesk.store.backups import BackupInfo, BackupPolicy
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.errors import FileLocked, StoreError
from tests.store.test_maintenance import damage

NOW = dt.datetime(2026, 11, 23, 12, 0)      # a Monday


def names(path):
    with Database(path, writer=False) as database:
        return sorted(r[0] for r in database.conn.execute("SELECT last_name FROM contacts"))


@pytest.fixture
def three(db_path, contacts):
    for name in ("Dupont", "Martin", "Durand"):
        contacts.create({"last_name": name})
    contacts.database.close()
    return db_path


def test_backup_goes_beside_the_file_private_verified_and_named_by_date_and_reason(three):
    made = backups.automatic(three, "ouverture", now=NOW)
    assert made == three.parent / "clients.sauvegardes" / "clients-20261123-120000-ouverture.sqlite"
    if os.name == "posix":
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
        assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert maintenance.integrity(made) == ["ok"]
    assert names(made) == ["DUPONT", "DURAND", "MARTIN"]


def test_a_backup_never_overwrites_a_file(three):
    folder = backups.folder_of(three)
    folder.mkdir()
    taken = folder / "clients-20261123-120000-fermeture.sqlite"
    taken.write_bytes(b"someone else's file")
    made = backups.automatic(three, "fermeture", now=NOW)
    assert made.name == "clients-20261123-120000-fermeture-2.sqlite"
    assert taken.read_bytes() == b"someone else's file"


def test_backup_of_the_open_file_copies_what_is_committed(database, contacts):
    contacts.create({"last_name": "Ouvert"})
    made = backups.automatic(database, "import", now=NOW)     # the writer's own connection
    assert names(made) == ["OUVERT"]
    contacts.create({"last_name": "Après"})                   # the file is still usable afterwards
    assert contacts.count(ContactQuery()) == 2


def test_periodic_backups_at_most_every_n_minutes(three):
    policy = BackupPolicy(every_minutes=15)
    first = backups.automatic(three, "periodique", policy=policy, now=NOW)
    assert first is not None
    assert backups.automatic(three, "periodique", policy=policy, now=NOW + dt.timedelta(minutes=14)) is None
    later = backups.automatic(three, "periodique", policy=policy, now=NOW + dt.timedelta(minutes=15))
    assert later is not None and later != first
    # a backup for another reason is never held back
    assert backups.automatic(three, "import", policy=policy, now=NOW + dt.timedelta(minutes=16)) is not None


def info(when: dt.datetime, reason="ouverture") -> BackupInfo:
    return BackupInfo(Path(f"b-{when:%Y%m%d-%H%M%S}-{reason}.sqlite"), when, reason, 1000)


def test_thinning_keeps_the_last_ten_one_a_day_for_a_week_one_a_week_for_a_month():
    today = [info(NOW.replace(hour=h)) for h in range(12)]                       # 00:00 … 11:00
    week = [info(dt.datetime(2026, 11, d, h)) for d in range(16, 23) for h in (8, 20)]
    older = [info(dt.datetime(2026, 11, 10, 20)), info(dt.datetime(2026, 11, 12, 20)),   # same ISO week
             info(dt.datetime(2026, 10, 20, 20)), info(dt.datetime(2026, 10, 1, 20))]
    manual = info(dt.datetime(2026, 9, 1, 9), "manuelle")
    deleted = BackupPolicy().to_delete(today + week + older + [manual], NOW)
    assert sorted(b.when for b in deleted) == sorted(
        [NOW.replace(hour=0), NOW.replace(hour=1)]                       # today: the 10 newest are kept
        + [dt.datetime(2026, 11, d, 8) for d in range(16, 23)]           # a week: the newest of each day
        + [dt.datetime(2026, 11, 10, 20)]                                # a month: the newest of each week
        + [dt.datetime(2026, 10, 1, 20)])                                # older than five weeks
    assert len(today + week + older) + 1 - len(deleted) == 10 + 7 + 2 + 1


def test_thinning_deletes_files_only_after_the_new_backup_is_verified(three, monkeypatch):
    policy = BackupPolicy(keep_last=2, daily_days=0, weekly_weeks=0)
    manual = backups.automatic(three, "manuelle", policy=policy, now=NOW - dt.timedelta(days=40))
    made = [backups.automatic(three, "ouverture", policy=policy, now=NOW + dt.timedelta(seconds=s))
            for s in range(4)]
    assert sorted(p.name for p in backups.folder_of(three).iterdir()) == sorted(
        [manual.name, made[2].name, made[3].name])

    def broken(target, *, delete=False):
        raise StoreError("copie incorrecte")

    monkeypatch.setattr(maintenance, "verify", broken)
    with pytest.raises(StoreError):
        backups.automatic(three, "ouverture", policy=policy, now=NOW + dt.timedelta(seconds=10))
    # the failed copy was removed, and nothing older was thinned away
    assert sorted(p.name for p in backups.folder_of(three).iterdir()) == sorted(
        [manual.name, made[2].name, made[3].name])


def test_list_backups_gives_date_size_and_client_count_newest_first(three):
    first = backups.automatic(three, "ouverture", now=NOW)
    with Database(three) as database:
        ContactStore(database).create({"last_name": "Quatrième"})
    second = backups.automatic(three, "fermeture", now=NOW + dt.timedelta(hours=1))
    legacy = maintenance.backup(three)                       # « crmdesk backup --to » of old: « sauvegardes »
    listed = backups.list_backups(three)
    assert [b.when for b in listed] == sorted((b.when for b in listed), reverse=True)
    assert {b.path for b in listed} == {first, second, legacy}
    by_path = {b.path: b for b in listed}
    assert by_path[first].clients == 3 and by_path[second].clients == 4
    assert by_path[first].when == NOW and by_path[first].reason == "ouverture"
    assert by_path[legacy].reason == "manuelle"
    assert by_path[second].size == second.stat().st_size


def test_sizes_are_written_the_french_way():
    assert backups.format_size(980) == "980 octets"
    assert backups.format_size(45_200) == "45,2 Ko"
    assert backups.format_size(12_345_678) == "12,3 Mo"
    assert backups.format_size(1_100_000_000) == "1,1 Go"


# -- restoring -----------------------------------------------------------------------------------
def test_restore_puts_the_backup_back_and_backs_up_the_replaced_file(three):
    made = backups.automatic(three, "ouverture", now=NOW)
    with Database(three) as database:
        ContactStore(database).create({"last_name": "Erreur de saisie"})
    done = backups.restore(made, three)
    assert names(three) == ["DUPONT", "DURAND", "MARTIN"]
    assert done.safety is not None and done.safety.parent == backups.folder_of(three)
    assert "ERREUR DE SAISIE" in names(done.safety)         # the replaced content is kept
    assert maintenance.integrity(three) == ["ok"]
    assert not list(three.parent.glob("*.tmp"))             # no temporary file left


def test_restore_does_not_replay_a_stale_write_ahead_log(three, tmp_path):
    made = backups.automatic(three, "ouverture", now=NOW)
    # A file as a crash leaves it: committed rows still in its -wal.
    conn = sqlite3.connect(three, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO contacts(code, last_name, created_at, updated_at) "
                 "VALUES ('Z9', 'Dans le journal', '2026-11-23', '2026-11-23')")
    crashed = tmp_path / "crash"
    crashed.mkdir()
    for tail in ("", "-wal", "-shm"):
        shutil.copy(str(three) + tail, str(crashed / "clients.sqlite") + tail)
    conn.close()
    target = crashed / "clients.sqlite"
    assert (crashed / "clients.sqlite-wal").stat().st_size > 0
    done = backups.restore(made, target)
    assert names(target) == ["DUPONT", "DURAND", "MARTIN"]
    assert maintenance.integrity(target) == ["ok"]
    assert "Dans le journal" in names(done.safety)          # the journal's rows went into the safety copy


def test_a_damaged_backup_is_refused_and_nothing_changes(three, tmp_path):
    for i in range(200):   # enough pages for the damage to hit the b-trees
        with Database(three) as database:
            ContactStore(database).create({"last_name": f"Client {i}", "notes": "x" * 300})
    made = backups.automatic(three, "ouverture", now=NOW)
    bad = damage(made, tmp_path / "abimee.sqlite")
    before = three.read_bytes()
    with pytest.raises(StoreError, match="endommagée.*rien n'a été remplacé"):
        backups.restore(bad, three)
    assert three.read_bytes() == before
    assert sorted(p.name for p in backups.folder_of(three).iterdir()) == [made.name]   # no safety copy


def test_restore_refuses_a_file_open_in_crmdesk(three):
    made = backups.automatic(three, "ouverture", now=NOW)
    with Database(three):
        with pytest.raises(FileLocked, match="déjà ouvert"):
            backups.restore(made, three)


def test_a_damaged_file_is_set_aside_when_restoring_over_it(three):
    made = backups.automatic(three, "ouverture", now=NOW)
    data = bytearray(three.read_bytes())
    data[:100] = b"\0" * 100                       # header gone: not even SQLite any more
    three.write_bytes(bytes(data))
    done = backups.restore(made, three)
    assert done.safety is None and done.set_aside is not None
    assert done.set_aside.name.startswith("clients.endommagé-")
    assert done.set_aside.read_bytes() == bytes(data)       # kept as it was
    assert names(three) == ["DUPONT", "DURAND", "MARTIN"]


def test_migration_copies_are_private_verified_and_listed(tmp_path, three):
    from crmdesk.store import migrate

    with Database(three) as database:
        copy = migrate.backup_before_migration(database, 4)
    assert copy.parent == three.parent and copy.name.startswith("clients.avant-migration-v4-")
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    listed = {b.path: b for b in backups.list_backups(three)}
    assert listed[copy].reason == "migration" and listed[copy].clients == 3
