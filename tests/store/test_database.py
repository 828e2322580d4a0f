"""Opening client files: refusals leave the file untouched; one writer at a time."""

import hashlib
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from crmdesk.store import migrate
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import APPLICATION_ID, Database
from crmdesk.store.errors import FileLocked, FileMissing, NewerFile, NotCrmdeskFile, StoreError


def tables(database) -> set[str]:
    return {r[0] for r in database.query("SELECT name FROM sqlite_master WHERE type = 'table'")}


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.both_kinds
def test_a_new_database_has_the_latest_schema(database):
    assert database.schema_version() == migrate.latest_version()
    for table in (
        "contacts",
        "reps",
        "products",
        "categories",
        "orders",
        "order_lines",
        "interactions",
        "tasks",
        "complaints",
        "complaint_events",
        "survey_answers",
        "loyalty_ledger",
        "settings",
        "audit_log",
        "parties",
    ):
        assert database.scalar(f"SELECT count(*) FROM {table}") == 0, table


@pytest.mark.file_only("a file's own settings (PRAGMA): a server has none, it keeps its pages itself")
def test_a_new_file_has_safe_pragmas(database):
    assert database.scalar("PRAGMA application_id") == APPLICATION_ID
    assert database.scalar("PRAGMA journal_mode") == "wal"
    assert database.scalar("PRAGMA synchronous") == 2  # FULL
    assert database.scalar("PRAGMA foreign_keys") == 1
    assert database.scalar("PRAGMA busy_timeout") > 0


def test_text_file_renamed_sqlite_is_refused_and_unchanged(tmp_path):
    fake = tmp_path / "clients.sqlite"
    fake.write_text("nom;prénom\nDupont;Hélène\n", encoding="utf-8")
    before = digest(fake)
    with pytest.raises(NotCrmdeskFile, match="n'est pas un fichier clients crmdesk"):
        Database(fake)
    assert digest(fake) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clients.sqlite"]


def test_foreign_sqlite_file_is_refused_and_unchanged(tmp_path):
    other = tmp_path / "autre.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = digest(other)
    with pytest.raises(NotCrmdeskFile, match="pas un fichier clients crmdesk"):
        Database(other)
    assert digest(other) == before


def test_file_from_a_newer_crmdesk_is_refused_and_unchanged(db_path):
    Database(db_path, create=True).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrate.latest_version() + 1}")
    conn.close()
    before = digest(db_path)
    with pytest.raises(NewerFile, match="version plus récente"):
        Database(db_path)
    assert digest(db_path) == before


def test_missing_file_is_refused_unless_creating(tmp_path):
    with pytest.raises(FileMissing):
        Database(tmp_path / "absent.sqlite")
    with pytest.raises(FileMissing):
        Database(tmp_path / "absent.sqlite", create=True, writer=False)
    assert not (tmp_path / "absent.sqlite").exists()


@pytest.mark.file_only("a file's writer lock: a server has none, several crmdesk write at once (tests/server)")
def test_second_writer_is_refused_with_a_french_message(database, db_path):
    with pytest.raises(FileLocked, match="déjà ouvert par un autre crmdesk"):
        Database(db_path)
    reader = Database(db_path, writer=False)  # reading beside the writer is fine
    reader.close()


def test_writer_in_another_process_is_refused_and_a_crash_frees_the_file(db_path):
    Database(db_path, create=True).close()
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from crmdesk.store.database import Database
            db = Database({str(db_path)!r})
            print("ready", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout.readline().strip() == "ready"
            with pytest.raises(FileLocked, match="processus"):
                Database(db_path)
        finally:
            holder.kill()  # a crash: no clean release
    Database(db_path).close()


@pytest.fixture
def next_migration(tmp_path, monkeypatch):
    """Add a migration after the shipped ones: next_migration(sql) -> its number."""
    folder = tmp_path / "db"
    folder.mkdir()
    for _number, source in migrate.migrations():
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")

    def add(sql: str) -> int:
        number = migrate.latest_version() + 1
        (folder / f"{number:03d}_added_by_test.sql").write_text(sql, encoding="utf-8")
        monkeypatch.setattr(migrate, "migrations_dir", lambda: folder)
        migrate.migrations.cache_clear()
        return number

    def undo() -> None:
        monkeypatch.undo()
        migrate.migrations.cache_clear()

    add.undo = undo
    yield add
    undo()


def test_migration_from_an_older_version_copies_the_file_first(tmp_path, next_migration):
    path = tmp_path / "ancien.sqlite"
    Database(path, create=True).close()
    number = next_migration("CREATE TABLE added_later (x INTEGER);\nINSERT INTO added_later VALUES (1);\n")
    seen = []

    def progress(done, total):
        seen.append((done, sorted(p.name for p in tmp_path.glob("ancien.avant-migration-*"))))

    with Database(path, progress=progress) as db:
        assert db.schema_version() == number
        assert db.scalar("SELECT x FROM added_later") == 1
    copy = f"ancien.avant-migration-v{number - 1}-"
    assert any(names and names[0].startswith(copy) for done, names in seen)  # taken before migrating…
    assert seen[-1][0] == migrate.TOTAL and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert list(tmp_path.glob("ancien.avant-migration-*")) == []  # …removed once the file is checked


def test_a_migration_of_comments_only_moves_the_version_alone_without_a_copy(tmp_path, next_migration):
    path = tmp_path / "ancien.sqlite"
    with Database(path, create=True) as db:
        ContactStore(db).create({"last_name": "Dupont"})
    before = path.read_bytes()
    number = next_migration("-- 0NN: a server change; nothing in a client file.\n-- (db/postgresql/README.md)\n")
    seen = []  # (progress, copies beside the file then)
    with Database(path, progress=lambda done, total: seen.append((done, copies_of(tmp_path)))) as db:
        assert db.schema_version() == number
    after = path.read_bytes()
    # SQLite's header: change counter (24), user_version (60), version-valid-for (92); every other byte the same
    header = {*range(24, 28), *range(60, 64), *range(92, 96)}
    assert len(after) == len(before)
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b and i not in header] == []
    assert int.from_bytes(after[60:64], "big") == number
    assert seen and all(copies == [] for _done, copies in seen) and seen[-1][0] == migrate.TOTAL
    next_migration("CREATE TABLE added_later (x INTEGER);\n")  # a real one after it: copied first, as ever
    copies = []
    with Database(path, progress=lambda done, total: copies.extend(copies_of(tmp_path))):
        pass
    assert copies and copies[0].startswith(f"ancien.avant-migration-v{number}-")


def copies_of(folder) -> list[str]:
    return sorted(p.name for p in folder.glob("ancien.avant-migration-*"))


def test_a_failing_migration_leaves_the_previous_version(tmp_path, next_migration):
    path = tmp_path / "ancien.sqlite"
    with Database(path, create=True) as db:
        ContactStore(db).create({"last_name": "Dupont"})
    bad = next_migration("CREATE TABLE half_done (x);\nTHIS IS NOT SQL;\n")
    with pytest.raises(StoreError, match="mise à jour"):
        Database(path)
    next_migration.undo()
    with Database(path) as db:
        assert db.schema_version() == bad - 1
        assert "half_done" not in tables(db)
        assert ContactStore(db).count(ContactQuery()) == 1


@pytest.mark.both_kinds
def test_atomic_rolls_back_every_step_on_error(database, contacts):
    with pytest.raises(RuntimeError), database.atomic():
        contacts.create({"last_name": "Premier"})
        contacts.create({"last_name": "Second"})
        raise RuntimeError("coupure")
    assert contacts.count(ContactQuery()) == 0


def test_statements_split_keeps_triggers_whole():
    sql = (
        "CREATE TABLE a(x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "  INSERT INTO a VALUES (1);\n  SELECT 1;\nEND;\n-- fin\n"
    )
    parts = migrate.statements(sql)
    assert len(parts) == 2
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")
