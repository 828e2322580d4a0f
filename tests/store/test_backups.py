"""Automatic backups: folder, names, rights, throttling, thinning, listing, restoring."""

import datetime as dt
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crmdesk.store import backups, copies, maintenance
from crmdesk.store.backups import BackupInfo, BackupPolicy
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.errors import FileLocked, StoreError
from crmdesk.store.files import PlantedLink
from tests.store.test_maintenance import damage

pytestmark = pytest.mark.file_only(
    "a file's automatic backups, copies of its pages beside it (store/backups.py); "
    "a server is backed up by pg_dump (store/server/archive.py, tests/server/test_server_cli.py)"
)

NOW = dt.datetime(2026, 11, 23, 12, 0)  # a Monday


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
    assert copies.integrity(made) == ["ok"]
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
    made = backups.automatic(database, "import", now=NOW)  # the writer's own connection
    assert names(made) == ["OUVERT"]
    contacts.create({"last_name": "Après"})  # the file is still usable afterwards
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


def info(when: dt.datetime, reason="quotidienne", size=1000, complete=True) -> BackupInfo:
    return BackupInfo(Path(f"b-{when:%Y%m%d-%H%M%S}-{reason}.sqlite"), when, reason, size, complete=complete)


def listed(folder: Path) -> list[str]:
    """The files of a backups folder, but the note of the file's state."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".etat"))


def test_thinning_keeps_the_newest_three_one_a_day_for_a_week_one_a_week_and_nothing_older_than_five_weeks():
    today = [info(NOW.replace(hour=h)) for h in range(6)]  # 00:00 … 05:00
    week = [info(dt.datetime(2026, 11, d, h)) for d in range(16, 23) for h in (8, 20)]
    older = [
        info(dt.datetime(2026, 11, 10, 20)),
        info(dt.datetime(2026, 11, 12, 20)),  # same ISO week
        info(dt.datetime(2026, 10, 20, 20)),
        info(dt.datetime(2026, 10, 1, 20)),
    ]
    manual = info(dt.datetime(2026, 9, 1, 9), "manuelle")
    deleted = BackupPolicy().to_delete(today + week + older + [manual], NOW)
    assert sorted(b.when for b in deleted) == sorted(
        [NOW.replace(hour=h) for h in range(3)]  # today: the 3 newest are kept
        + [dt.datetime(2026, 11, d, 8) for d in range(16, 23)]  # a week: the newest of each day
        + [dt.datetime(2026, 11, 10, 20)]  # then the newest of each week
        + [dt.datetime(2026, 10, 1, 20)]
    )  # older than five weeks
    assert len(today + week + older) + 1 - len(deleted) == 3 + 7 + 2 + 1


def test_the_newest_backup_is_kept_whatever_its_age_and_the_disk_budget_drops_the_oldest_first():
    old = [info(NOW - dt.timedelta(weeks=w)) for w in (8, 9)]
    assert BackupPolicy().to_delete(old, NOW) == [old[1]]  # alone, eight weeks old: kept
    gigabyte = 1_270_000_000
    days = [info(NOW - dt.timedelta(days=d), size=gigabyte) for d in range(7)]
    deleted = BackupPolicy().to_delete(days, NOW)  # 4 GB: three copies of 1.27 GB
    assert [b.when for b in deleted] == [NOW - dt.timedelta(days=d) for d in range(3, 7)]
    huge = [info(NOW - dt.timedelta(days=d), size=5 * gigabyte) for d in range(3)]
    assert BackupPolicy().to_delete(huge, NOW) == huge[1:]  # over budget alone: still kept


def test_thinning_over_a_simulated_year_keeps_what_the_help_says():
    """A year of openings (some days none, some several, an import now and then), each
    backup followed by thinning, with the clock injected: after each, what is left is what
    the help states (policy_text), for a small file and for a 1 GB one."""
    policy = BackupPolicy()
    text = backups.policy_text(policy)
    assert "la plus récente, quel que soit son âge" in text and "moins de 5 semaines" in text
    assert "les 3 plus récentes" in text and "7 derniers jours" in text and "chaque semaine" in text
    assert "pour un fichier de 1 Go, 4 copies au plus, soit 4 Go au plus" in text
    assert "manuelles (crmdesk backup) ne sont jamais supprimées" in text
    rng = random.Random(2026)
    for size in (2_000_000, 1_000_000_000):
        manual = info(dt.datetime(2026, 1, 1, 9), "manuelle", size)
        made, kept = [manual], [manual]
        for day in range(365):
            date = dt.datetime(2026, 1, 2) + dt.timedelta(days=day)
            hours = sorted(rng.sample(range(8, 19), rng.choice((0, 0, 1, 1, 1, 2, 4))))
            for hour in hours:  # the openings of the day that made one
                now = date + dt.timedelta(hours=hour, minutes=rng.randrange(60))
                new = info(now, rng.choice(("quotidienne", "periodique", "fermeture", "import")), size)
                made.append(new)
                before = kept + [new]
                deleted = policy.to_delete(before, now)
                kept = [b for b in before if b not in deleted]
                assert_stated_rule(made, before, kept, now, size)
        assert manual in kept


def assert_stated_rule(
    made: list[BackupInfo], before: list[BackupInfo], kept: list[BackupInfo], now: dt.datetime, size: int
) -> None:
    """What the help says, checked against every backup made so far (`before`: those there
    when this thinning began, `kept`: those left)."""
    auto = sorted((b for b in made if b.reason != "manuelle"), key=lambda b: b.when, reverse=True)
    kept_auto = {b.path for b in kept if b.reason != "manuelle"}
    young = [b for b in auto if b.when >= now - dt.timedelta(weeks=5)]
    days = {b.when.date() for b in young if now - b.when < dt.timedelta(days=7)}
    weeks = {tuple(b.when.date().isocalendar())[:2] for b in young}
    wanted = {auto[0].path} | {b.path for b in young[:3]}
    wanted |= {next(b for b in young if b.when.date() == d).path for d in days}  # newest of each day
    wanted |= {next(b for b in young if tuple(b.when.date().isocalendar())[:2] == w).path for w in weeks}
    assert auto[0].path in kept_auto  # the newest, whatever its age
    assert kept_auto <= wanted  # nothing else, nothing older
    budget = BackupPolicy().max_bytes
    assert len(kept_auto) * size <= budget or len(kept_auto) == 1  # within the disk budget…
    there = sorted((b for b in before if b.path in wanted), key=lambda b: b.when, reverse=True)
    assert kept_auto == {b.path for b in there[: max(1, budget // size)]}  # …the oldest going first
    if size * len(wanted) <= budget:
        assert kept_auto == wanted  # room for all: all of them


def test_thinning_deletes_files_only_after_the_new_backup_is_verified(three, monkeypatch):
    policy = BackupPolicy(keep_last=2, daily_days=0, weekly_weeks=0)
    manual = backups.automatic(three, "manuelle", policy=policy, now=NOW - dt.timedelta(days=40))
    made = [backups.automatic(three, "quotidienne", policy=policy, now=NOW + dt.timedelta(seconds=s)) for s in range(4)]
    assert listed(backups.folder_of(three)) == sorted([manual.name, made[3].name])

    def broken(target, progress=None):
        raise StoreError("copie incorrecte")

    monkeypatch.setattr(copies, "check_copy", broken)
    with pytest.raises(StoreError):
        backups.automatic(three, "quotidienne", policy=policy, now=NOW + dt.timedelta(seconds=10))
    # the failed copy was removed, and nothing older was thinned away
    assert listed(backups.folder_of(three)) == sorted([manual.name, made[3].name])


# -- a backup is all or nothing ------------------------------------------------------------------
@pytest.fixture
def paged(three, monkeypatch):
    """A file of a few hundred pages, copied a page at a time: a backup takes many steps."""
    with Database(three) as database:
        store = ContactStore(database)
        for i in range(150):
            store.create({"last_name": f"Client {i}", "notes": "x" * 2000})
    monkeypatch.setattr(copies, "STEP_PAGES", 1)
    return three


def test_a_backup_is_written_under_a_hidden_name_and_named_only_once_checked(paged):
    folder = backups.folder_of(paged)
    seen = []

    def look(done, total):
        seen.append(sorted(p.name for p in folder.iterdir()))

    made = backups.automatic(paged, "import", now=NOW, progress=look)
    assert len(seen) > 100
    for names in seen:  # mid-copy: one hidden temporary file, no backup name, no journal
        assert len(names) == 1 and names[0].startswith(".clients-20261123-120000-import.sqlite.partiel-"), names
    assert listed(folder) == [made.name] and names_in(made) == 153


def names_in(path):
    with Database(path, writer=False) as database:
        return database.scalar("SELECT count(*) FROM contacts")


def test_a_cancelled_backup_leaves_nothing(paged):
    class Cancel(Exception):
        pass

    def stop(done, total):
        if done > 20:
            raise Cancel()

    with pytest.raises(Cancel):
        backups.automatic(paged, "quotidienne", now=NOW, progress=stop)
    assert list(backups.folder_of(paged).iterdir()) == []


def test_what_a_killed_backup_left_is_removed_by_the_next_one(three):
    folder = backups.folder_of(three)
    folder.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    ).stdout.strip()  # a process that has ended
    leftovers = [
        folder / f".clients-20261123-110000-quotidienne.sqlite.partiel-{dead}-1{tail}" for tail in ("", "-journal")
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"SQLite format 3\x00" + b"\0" * 500)
    assert backups.list_backups(three) == []  # never taken for a backup
    made = backups.automatic(three, "quotidienne", now=NOW)
    assert listed(folder) == [made.name]


# -- only complete backups count -------------------------------------------------------------------
def test_an_empty_or_cut_file_is_never_the_latest_good_backup_nor_kept_by_thinning(three):
    good = backups.automatic(three, "quotidienne", now=NOW - dt.timedelta(days=1))
    folder = backups.folder_of(three)
    empty = folder / "clients-20261123-100000-fermeture.sqlite"
    empty.write_bytes(b"")
    cut = folder / "clients-20261123-110000-quotidienne.sqlite"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    foreign = folder / "clients-20261123-113000-periodique.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t(x)").connection.close()  # SQLite, not crmdesk
    listed_now = {b.path: b for b in backups.list_backups(three)}
    assert [listed_now[p].complete for p in (empty, cut, foreign, good)] == [False, False, False, True]
    assert listed_now[cut].clients is None and listed_now[good].clients == 3
    assert backups.latest_good(three).path == good
    assert backups.newest(three).path == good
    # thinning counts the good one only: with room for one, it stays and the others are left alone
    assert backups.thin(three, BackupPolicy(keep_last=1, daily_days=0, weekly_weeks=0), NOW) == []
    assert good.exists()


@pytest.mark.parametrize("spoil", ["empty", "cut"])
def test_restoring_an_unreadable_backup_says_so_and_changes_nothing(three, spoil):
    good = backups.automatic(three, "quotidienne", now=NOW)
    bad = good.with_name("clients-20261123-130000-fermeture.sqlite")
    bad.write_bytes(b"" if spoil == "empty" else good.read_bytes()[:8192])
    before = three.read_bytes()
    with pytest.raises(StoreError, match="incomplète ou illisible.*rien n'a été remplacé"):
        backups.restore(bad, three)
    assert three.read_bytes() == before


def test_a_planted_link_for_the_backups_folder_is_refused_never_followed(three, tmp_path):
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    backups.folder_of(three).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(PlantedLink, match="lien symbolique.*refuse de le suivre"):
        backups.automatic(three, "quotidienne", now=NOW)
    assert list(elsewhere.iterdir()) == []
    good = maintenance.backup(three, elsewhere)  # a backup placed over there by hand…
    good.rename(elsewhere / "clients-20261123-120000-quotidienne.sqlite")
    assert backups.list_backups(three) == [] and backups.latest_good(three) is None  # …is not listed


# -- an unchanged file is not backed up again ----------------------------------------------------
def test_a_closed_file_unchanged_since_its_backup_is_not_copied_again(three):
    made = backups.automatic(three, "quotidienne", now=NOW)
    assert backups.unchanged_since(three).path == made
    again = backups.automatic(three, "import", now=NOW + dt.timedelta(hours=1), reuse=True)
    assert again == made and listed(backups.folder_of(three)) == [made.name]
    with Database(three) as database:
        ContactStore(database).create({"last_name": "Nouveau"})
    assert backups.unchanged_since(three) is None
    newer = backups.automatic(three, "import", now=NOW + dt.timedelta(hours=2), reuse=True)
    assert newer != made and names_in(newer) == 4


def test_an_open_file_being_written_is_never_taken_for_unchanged(three):
    made = backups.automatic(three, "quotidienne", now=NOW)
    with Database(three) as database:
        assert backups.unchanged_since(three).path == made  # opened, nothing written yet
        ContactStore(database).create({"last_name": "Nouveau"})
        assert backups.unchanged_since(three) is None  # in its log, not yet in the file
    assert backups.unchanged_since(three) is None  # merged into the file on closing


def test_list_backups_gives_date_size_and_client_count_newest_first(three):
    first = backups.automatic(three, "ouverture", now=NOW)
    with Database(three) as database:
        ContactStore(database).create({"last_name": "Quatrième"})
    second = backups.automatic(three, "fermeture", now=NOW + dt.timedelta(hours=1))
    legacy = maintenance.backup(three)  # « crmdesk backup --to » of old: « sauvegardes »
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
    assert "ERREUR DE SAISIE" in names(done.safety)  # the replaced content is kept
    assert copies.integrity(three) == ["ok"]
    assert not list(three.parent.glob("*.tmp"))  # no temporary file left


def test_restore_does_not_replay_a_stale_write_ahead_log(three, tmp_path):
    made = backups.automatic(three, "ouverture", now=NOW)
    # A file as a crash leaves it: committed rows still in its -wal.
    conn = sqlite3.connect(three, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(
        "INSERT INTO contacts(code, last_name, created_at, updated_at) "
        "VALUES ('Z9', 'Dans le journal', '2026-11-23', '2026-11-23')"
    )
    crashed = tmp_path / "crash"
    crashed.mkdir()
    for tail in ("", "-wal", "-shm"):
        shutil.copy(str(three) + tail, str(crashed / "clients.sqlite") + tail)
    conn.close()
    target = crashed / "clients.sqlite"
    assert (crashed / "clients.sqlite-wal").stat().st_size > 0
    done = backups.restore(made, target)
    assert names(target) == ["DUPONT", "DURAND", "MARTIN"]
    assert copies.integrity(target) == ["ok"]
    assert "Dans le journal" in names(done.safety)  # the journal's rows went into the safety copy


@pytest.mark.slow
def test_a_damaged_backup_is_refused_and_nothing_changes(three, tmp_path):
    for i in range(200):  # enough pages for the damage to hit the b-trees
        with Database(three) as database:
            ContactStore(database).create({"last_name": f"Client {i}", "notes": "x" * 300})
    made = backups.automatic(three, "ouverture", now=NOW)
    bad = damage(made, tmp_path / "abimee.sqlite")
    before = three.read_bytes()
    with pytest.raises(StoreError, match="endommagée.*rien n'a été remplacé"):
        backups.restore(bad, three)
    assert three.read_bytes() == before
    assert listed(backups.folder_of(three)) == [made.name]  # no safety copy


def test_restore_refuses_a_file_open_in_crmdesk(three):
    made = backups.automatic(three, "ouverture", now=NOW)
    with Database(three), pytest.raises(FileLocked, match="déjà ouvert"):
        backups.restore(made, three)


def test_a_damaged_file_is_set_aside_when_restoring_over_it(three):
    made = backups.automatic(three, "ouverture", now=NOW)
    data = bytearray(three.read_bytes())
    data[:100] = b"\0" * 100  # header gone: not even SQLite any more
    three.write_bytes(bytes(data))
    done = backups.restore(made, three)
    assert done.safety is None and done.set_aside is not None
    assert done.set_aside.name.startswith("clients.endommagé-")
    assert done.set_aside.read_bytes() == bytes(data)  # kept as it was
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
