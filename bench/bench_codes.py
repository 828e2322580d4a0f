"""Client numbers at scale: migration 014 (natural order of N° client) and the
client table sorted by N° client, each next to a reference measured in the same run.

    python bench/bench_codes.py [ROWS] [--wide] [--keep]      (default 1 000 000 rows)

A file of ROWS contacts numbered « SB000001 »… is built at schema 12 (before
db/014), in bench/out/forms-codes-ROWS-v12.sqlite (kept with --keep); then it is
opened as crmdesk opens it, which runs migration 014 (its time without the
copy taken before any migration; reference: building an index on the names
of the same rows). --wide gives each
contact ~1 KB of notes, as a real file's rows weigh. Then the pages the
table reads when sorted by N° client — the first, the last (read backwards),
the one after a key halfway through (keyset paging), a contact's position —
next to the same reads sorted by name (the sort the table opens on).
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import OUT
from crmdesk.store import migrate
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database


def build_v12(path: Path, rows: int, notes: str | None) -> None:
    """A file at the schema before natural codes holding `rows` contacts (inserted directly: this
    bench is about db/014)."""
    folder = path.parent / "forms-db-v12"
    folder.mkdir(exist_ok=True)
    natural = next(n for n, p in migrate.migrations() if p.name.endswith("_natural_codes.sql"))
    for number, source in migrate.migrations():
        if number < natural:
            shutil.copy(source, folder / source.name)
    shipped = migrate.migrations_dir
    migrate.migrations_dir = lambda: folder
    migrate.migrations.cache_clear()
    try:
        with Database(path, create=True) as database, database.atomic() as conn:
            batch = []
            for n in range(1, rows + 1):
                name = f"NOM{(n * 7919) % rows:07d}"
                batch.append((f"SB{n:06d}", name, name.lower(), "2026-01-01T00:00:00", notes))
                if len(batch) == 50_000 or n == rows:
                    conn.executemany(
                        "INSERT INTO contacts(code, last_name, name_key, created_at, updated_at, "
                        "notes) VALUES (?, ?, ?, ?, ?4, ?)",
                        batch,
                    )
                    batch = []
    finally:
        migrate.migrations_dir = shipped
        migrate.migrations.cache_clear()
        shutil.rmtree(folder, ignore_errors=True)


def best(read, times: int = 5) -> float:
    """The best of a few runs, in ms (the machine is shared: the best is the least disturbed)."""
    found = []
    for _ in range(times):
        start = time.perf_counter()
        read()
        found.append((time.perf_counter() - start) * 1000)
    return min(found)


def reads(store: ContactStore, sort: str, rows: int) -> dict[str, float]:
    query = ContactQuery(sort=sort)
    halfway = store.page(query, 1, offset=rows // 2)
    key, contact = halfway.keys[0], halfway.rows[0]["id"]
    return {
        "first page": best(lambda: store.page(query, 200)),
        "last page": best(lambda: store.page(query, 200, backwards=True)),
        "page after a key halfway": best(lambda: store.page(query, 200, after=key)),
        "position of a contact halfway": best(lambda: store.position(query, contact)),
    }


def main() -> int:
    rows = int(next((a for a in sys.argv[1:] if a.isdigit()), 1_000_000))
    OUT.mkdir(exist_ok=True)
    wide = "--wide" in sys.argv
    source = OUT / f"forms-codes-{rows}{'-wide' if wide else ''}-v12.sqlite"
    if not source.exists():
        print(f"building {source.name} ({rows:,} contacts at schema 12) …", flush=True)
        build_v12(source, rows, "notes " * 170 if wide else None)
    path = OUT / f"forms-codes-{rows}.sqlite"
    for old in OUT.glob(f"forms-codes-{rows}.*"):
        old.unlink()
    shutil.copy(source, path)

    copying = []  # the copy crmdesk takes before migrating, timed apart
    shipped_backup = migrate.backup_before_migration

    def timed_backup(database, version):
        start = time.perf_counter()
        made = shipped_backup(database, version)
        copying.append(time.perf_counter() - start)
        return made

    migrate.backup_before_migration = timed_backup
    start = time.perf_counter()
    with Database(path) as database:  # migrates to its latest version (after its own copy of the file)
        opening = time.perf_counter() - start
        assert database.schema_version() == migrate.latest_version()
        store = ContactStore(database)
        assert store.next_code() == f"SB{rows + 1:06d}"
        by_code, by_name = reads(store, "code", rows), reads(store, "name", rows)
    migrate.backup_before_migration = shipped_backup
    with Database(path) as database:  # reference: building the name index on the same rows
        start = time.perf_counter()
        with database.atomic() as conn:
            conn.execute("CREATE INDEX bench_by_name ON contacts(name_key, id) WHERE deleted_at IS NULL")
            conn.execute("DROP INDEX bench_by_name")
        indexing = time.perf_counter() - start
    print(
        f"migration 014 on {rows:,} contacts ({source.stat().st_size / 1e6:,.0f} MB): "
        f"{opening - sum(copying):.1f} s (reference: building the name index on the same rows, {indexing:.1f} s); "
        f"the copy taken before any migration: {sum(copying):.1f} s"
    )
    for what in by_code:
        print(f"{what:>32}: by N° client {by_code[what]:7.1f} ms   (reference, by name: {by_name[what]:7.1f} ms)")
    for leftover in OUT.glob(f"forms-codes-{rows}.*"):  # the copy before migrating, locks
        leftover.unlink()
    if "--keep" not in sys.argv:
        for leftover in OUT.glob(f"{source.name}*"):
            leftover.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
