"""A client file on a PostgreSQL server (issue 19), next to the same file in the same run.

    python bench/bench_server.py [ROWS] [--keep] [--import-rows N] [--no-gui]
        ROWS: 100 000 clients by default (a few minutes); 1000000 for the
        1M-client run (bench/out/clients-1000000.sqlite, ~35 min on an idle
        2-core machine). --import-rows: 200 000 by default.

The file of ROWS clients (bench/common.big_file: imported once from the CSV,
shared, never written to) is copied to bench/out/server-bench-ROWS.sqlite
(removed at the end unless --keep). A throwaway PostgreSQL cluster is
started in a temporary folder (tests/server/cluster.py), then:

- `crmdesk server copy` file -> server and server -> new file (every table,
  checksummed on both sides), against SQLite's online backup of the same file;
- the store's reads on both kinds: first page by name, last page
  (backwards), a search keystroke (« dupon »: its first page and count);
- the window, as bench/bench_gui.py measures it on a file (bench/gui_child.py),
  on the file and on the server database: start to first rows painted
  (against an empty PySide6 window), jump to the last row, re-sort, the
  search typed key by key (« hele », « dupont », « martin paris ») against a
  scan of every searchable column on the same kind (SQLite's LIKE '%term%',
  case-blind; on the server ILIKE, the same work). Every start and the
  interactions open a fresh copy (the window writes its reminders): a file
  copied, a server database created from the copied one as a template;
- `crmdesk import clients` of N rows into a new file and into a new server
  database, each against a raw insert of the same rows already in their
  stored form into the same schema (bench/bench_import.py): executemany on
  both, and COPY on the server; the server's raw COPY timed at N/4, N/2
  and N rows (linear, not quadratic: db/postgresql/015).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))  # the bench scripts' own imports

from bench.bench_gui import RUNS, child, fresh_copy, launch, like_scan
from bench.bench_import import crmdesk_import, raw_insert, stored_rows
from bench.common import OUT, Timer, big_csv, big_file
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.server import transfer
from crmdesk.store.server.connection import ServerDatabase
from tests.server.cluster import Cluster, binaries

TERMS = ("hele", "dupont", "martin paris")
# bench_gui.like_scan's columns: what a plain SQL search would read
_SCAN = (
    "SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND (last_name ILIKE %(p)s OR first_name ILIKE %(p)s "
    "OR company ILIKE %(p)s OR email ILIKE %(p)s OR phone ILIKE %(p)s OR city ILIKE %(p)s)"
)


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def median_ms(read, times: int = 5) -> float:
    """Median of `times` runs of read(), in ms."""
    found = []
    for _ in range(times):
        start = time.perf_counter()
        read()
        found.append((time.perf_counter() - start) * 1000)
    return statistics.median(found)


def reads(label: str, store: ContactStore) -> None:
    """The store's reads behind the client table, on one kind of client file."""
    search = ContactQuery(search="dupon")
    first = median_ms(lambda: store.page(ContactQuery(), 50))
    last = median_ms(lambda: store.page(ContactQuery(), 50, backwards=True))
    keystroke = median_ms(lambda: (store.page(search, 50), store.count(search)))
    print(
        f"  {label:6}  first page by name {first:7.1f} ms   last page {last:7.1f} ms   "
        f"search « dupon » (page + count) {keystroke:7.1f} ms",
        flush=True,
    )


def server_scan(url: str, term: str) -> float:
    """bench_gui.like_scan on the server: every searchable column read, in seconds."""
    import psycopg

    with psycopg.connect(url) as conn, Timer() as timer:  # connected before the clock starts
        conn.execute(_SCAN, {"p": f"%{term}%"}).fetchone()
    return timer.seconds


class Copies:
    """Fresh copies of the client file and of its server database, for each opening of the window."""

    def __init__(self, path: Path, cluster: Cluster, template: str, work: Path):
        self.path, self.cluster, self.template, self.work = path, cluster, template, work
        self._made: list[str] = []
        self._count = 0

    def file(self) -> Path:
        return fresh_copy(self.path, self.work)

    def server(self) -> str:
        self.drop()
        self._count += 1
        name = f"w{self._count}_{self.template}"
        with self.cluster.admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self._made.append(name)
        return self.cluster.url(name)

    def drop(self) -> None:
        with self.cluster.admin() as admin:
            for name in self._made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._made.clear()


def window(copies: Copies, url: str) -> None:
    """bench_gui.py's figures of the window, on the file and on the server."""
    empty = statistics.median(launch("empty") for _ in range(RUNS))
    starts = {
        "file": statistics.median(launch("start", str(copies.file())) for _ in range(RUNS)),
        "server": statistics.median(launch("start", copies.server()) for _ in range(RUNS)),
    }
    print(f"the window (bench_gui.py's figures; median of {RUNS} starts, each on a fresh copy)", flush=True)
    for kind, seconds in starts.items():
        print(
            f"  {kind:6}  start to first rows painted {seconds * 1000:7.0f} ms ({seconds / empty:.1f} x an empty "
            f"window, {empty * 1000:.0f} ms)",
            flush=True,
        )
    found = {
        "file": child("interact", str(copies.file()), *TERMS),
        "server": child("interact", copies.server(), *TERMS),
    }
    copies.drop()
    for kind, figures in found.items():
        print(
            f"  {kind:6}  jump to the last row {figures['jump_last_s'] * 1000:6.1f} ms   "
            f"re-sort {figures['sort_s'] * 1000:6.1f} ms (median of 5 columns: "
            + ", ".join(f"{s * 1000:.0f}" for s in figures["sort_all_s"])
            + f")   peak memory {figures['peak_rss_mib']:.0f} MiB",
            flush=True,
        )
    scans = {"file": lambda term: like_scan(copies.path, term), "server": lambda term: server_scan(url, term)}
    for term in TERMS:
        for kind, figures in found.items():
            strokes = figures["search_s"][term]
            scan = min(scans[kind](term) for _ in range(3))
            print(
                f"  {kind:6}  « {term} » typed key by key: "
                + ", ".join(f"{s * 1000:.0f}" for s in strokes)
                + f" ms; {'LIKE' if kind == 'file' else 'ILIKE'} scan {scan * 1000:.0f} ms "
                f"(slowest keystroke {max(strokes) / scan:.2f} x the scan)",
                flush=True,
            )


def imports(rows: int, cluster: Cluster, work: Path) -> None:
    """The clients import on both kinds, each next to a raw insert of the same rows."""
    csv_path = big_csv(rows)
    count, raw_file = raw_insert(csv_path, work / "raw.sqlite")
    ours_file = crmdesk_import(csv_path, work / "import.sqlite")
    columns, prepared = stored_rows(csv_path)
    url = cluster.url(cluster.new_database())
    ServerDatabase(url, create=True).close()
    with ServerDatabase(url) as database:
        marks = ", ".join("?" for _ in columns)
        with Timer() as many, database.atomic() as conn:
            conn.executemany(f"INSERT INTO contacts ({', '.join(columns)}) VALUES ({marks})", prepared)
    copies = {part: raw_copy(cluster, columns, prepared[:part]) for part in (count // 4, count // 2, count)}
    url = cluster.url(cluster.new_database())
    ServerDatabase(url, create=True).close()  # made a crmdesk database first, as `crmdesk server copy` would
    ours_server = crmdesk_import(csv_path, url)

    def rate(seconds: float, rows: int = count) -> str:
        return f"{rows / seconds:9,.0f} rows/s ({seconds:6.1f} s)"

    print(f"import {count:,} clients (crmdesk import clients, the whole command; raw: the stored rows alone)")
    print(f"  file    crmdesk {rate(ours_file)}   raw executemany {rate(raw_file)}", flush=True)
    print(
        f"  server  crmdesk {rate(ours_server)}   raw executemany {rate(many.seconds)}   "
        f"raw COPY {rate(copies[count])}   (crmdesk {ours_server / copies[count]:.2f} x the COPY)",
        flush=True,
    )
    print("  server  raw COPY by size: " + "   ".join(f"{n:,} rows {rate(s, n)}" for n, s in copies.items()))


def raw_copy(cluster: Cluster, columns: tuple[str, ...], rows: list[tuple]) -> float:
    """COPY of `rows` into the contacts of a new server database, in one transaction; seconds."""
    with ServerDatabase(cluster.url(cluster.new_database()), create=True) as database:
        raw, statement = database.conn.raw, f"COPY contacts ({', '.join(columns)}) FROM STDIN"
        with Timer() as copy, raw.transaction(), raw.cursor().copy(statement) as target:
            for row in rows:
                target.write_row(row)
    return copy.seconds


def main() -> None:
    # the children (bench/gui_child.py, `python -m crmdesk`) import this checkout's crmdesk, not an installed one
    root = str(Path(__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    arguments = sys.argv[1:]
    import_rows = 200_000
    if "--import-rows" in arguments:
        at = arguments.index("--import-rows")
        import_rows = int(arguments[at + 1])
        del arguments[at : at + 2]
    rows = int(next((a for a in arguments if a.isdigit()), 100_000))
    keep, gui = "--keep" in arguments, "--no-gui" not in arguments
    print(f"load: {load()}   {rows:,} clients, a {import_rows:,}-row import", flush=True)
    started = time.perf_counter()
    path = OUT / f"server-bench-{rows}.sqlite"
    if not path.exists():
        shutil.copy2(big_file(rows), path)  # the shared file is never written to (its owner-only mode kept)
    cluster = Cluster(binaries())
    work = Path(tempfile.mkdtemp(prefix="bench-server-", dir=OUT))
    try:
        name = cluster.new_database("bench")
        url = cluster.url(name)
        with Timer() as reference:
            source, target = sqlite3.connect(path), sqlite3.connect(work / "backup.sqlite")
            source.backup(target)
            source.close()
            target.close()
        (work / "backup.sqlite").unlink()
        with Timer() as up:
            checks = transfer.to_server(path, url)
        with Timer() as down:
            transfer.to_file(url, work / "back.sqlite")
        (work / "back.sqlite").unlink()
        copied = sum(c.rows for c in checks)
        print(
            f"server copy file -> server: {up.seconds:.1f} s for {copied:,} rows "
            f"({copied / up.seconds:,.0f} rows/s)   reference: SQLite backup of the same file {reference.seconds:.2f} s"
        )
        print(f"server copy server -> file: {down.seconds:.1f} s   reference: SQLite backup {reference.seconds:.2f} s")
        print("the store's reads (median of 5)")
        for label, database in (("file", Database(path, writer=False)), ("server", ServerDatabase(url))):
            reads(label, ContactStore(database))
            database.close()
        if gui:
            (work / "window").mkdir()
            copies = Copies(path, cluster, name, work / "window")
            try:
                window(copies, url)
            finally:
                copies.drop()
        imports(import_rows, cluster, work)
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
        if not keep:
            for end in ("", "-wal", "-shm", ".lock"):
                path.with_name(path.name + end).unlink(missing_ok=True)
    print(f"load: {load()}   the whole run {(time.perf_counter() - started) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
