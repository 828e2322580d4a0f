"""A client file on a PostgreSQL server (issue 19), next to the same file in the same run.

    python bench/bench_server.py [ROWS] [--keep] [--import-rows N]
                                  (default 100 000 clients, a 200 000-row import)

A file of ROWS clients is imported once from bench/out/clients-ROWS.csv into
bench/out/pg-clients-ROWS.sqlite (removed at the end unless --keep). A
throwaway PostgreSQL cluster is started in a temporary folder
(tests/server/cluster.py), then:

- `crmdesk server copy` file -> server and server -> new file (every table,
  checksummed on both sides), against SQLite's online backup of the same file;
- the client table's reads on both kinds: first page by name, last page
  (backwards), and a search keystroke (« dupon »: its first page and count);
- `crmdesk import clients` of N rows (200 000) into a new file and into a new
  server database, each against a raw insert of the same rows already in
  their stored form into the same schema (bench/bench_import.py): executemany
  on both, and COPY on the server.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))  # bench_import's own imports

from bench.bench_import import crmdesk_import, raw_insert, stored_rows
from bench.common import OUT, Timer, big_csv
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.server import transfer
from crmdesk.store.server.connection import ServerDatabase
from tests.server.cluster import Cluster, binaries


def build(rows: int) -> Path:
    path = OUT / f"pg-clients-{rows}.sqlite"
    if not path.exists():
        csv_path = big_csv(rows)
        print(f"importing {csv_path.name} into {path.name} …", flush=True)
        subprocess.run(
            [sys.executable, "-m", "crmdesk", "import", "clients", str(csv_path), "--db", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def best(read, times: int = 5) -> float:
    """Median of `times` runs of read(), in ms."""
    found = []
    for _ in range(times):
        start = time.perf_counter()
        read()
        found.append((time.perf_counter() - start) * 1000)
    return statistics.median(found)


def reads(label: str, store: ContactStore) -> None:
    """The client table's reads on one kind of client file."""
    search = ContactQuery(search="dupon")
    first = best(lambda: store.page(ContactQuery(), 50))
    last = best(lambda: store.page(ContactQuery(), 50, backwards=True))
    keystroke = best(lambda: (store.page(search, 50), store.count(search)))
    print(
        f"{label:6}  first page by name {first:7.1f} ms   last page {last:7.1f} ms   "
        f"search « dupon » (page + count) {keystroke:7.1f} ms",
        flush=True,
    )


def imports(rows: int, cluster: Cluster, work: Path) -> None:
    """The clients import on both kinds, each next to a raw insert of the same rows."""
    csv_path = big_csv(rows)
    count, raw_file = raw_insert(csv_path, work / "raw.sqlite")
    ours_file = crmdesk_import(csv_path, work / "import.sqlite")
    columns, prepared = stored_rows(csv_path)
    urls = [cluster.url(cluster.new_database()) for _ in range(3)]
    for url in urls:
        ServerDatabase(url, create=True).close()
    with ServerDatabase(urls[0]) as database:
        marks = ", ".join("?" for _ in columns)
        with Timer() as many, database.atomic() as conn:
            conn.executemany(f"INSERT INTO contacts ({', '.join(columns)}) VALUES ({marks})", prepared)
    with ServerDatabase(urls[1]) as database:
        raw, statement = database.conn.raw, f"COPY contacts ({', '.join(columns)}) FROM STDIN"
        with Timer() as copy, raw.transaction(), raw.cursor().copy(statement) as target:
            for row in prepared:
                target.write_row(row)
    ours_server = crmdesk_import(csv_path, urls[2])

    def rate(seconds: float) -> str:
        return f"{count / seconds:9,.0f} rows/s ({seconds:6.1f} s)"

    print(f"import {count:,} clients (crmdesk import clients, the whole command; raw: the stored rows alone)")
    print(f"  file    crmdesk {rate(ours_file)}   raw executemany {rate(raw_file)}", flush=True)
    print(
        f"  server  crmdesk {rate(ours_server)}   raw executemany {rate(many.seconds)}   raw COPY {rate(copy.seconds)}",
        flush=True,
    )


def main() -> None:
    arguments = sys.argv[1:]
    import_rows = 200_000
    if "--import-rows" in arguments:
        at = arguments.index("--import-rows")
        import_rows = int(arguments[at + 1])
        del arguments[at : at + 2]
    rows = int(next((a for a in arguments if a.isdigit()), 100_000))
    keep = "--keep" in arguments
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}", flush=True)
    path = build(rows)
    cluster = Cluster(binaries())
    work = Path(tempfile.mkdtemp(prefix="crmdesk-bench-server-"))
    try:
        url = cluster.url(cluster.new_database())
        with Timer() as reference:
            source, target = sqlite3.connect(path), sqlite3.connect(work / "backup.sqlite")
            source.backup(target)
            source.close()
            target.close()
        with Timer() as up:
            checks = transfer.to_server(path, url)
        with Timer() as down:
            transfer.to_file(url, work / "back.sqlite")
        copied = sum(c.rows for c in checks)
        print(
            f"server copy file -> server: {up.seconds:.1f} s for {copied:,} rows "
            f"({copied / up.seconds:,.0f} rows/s)   "
            f"reference: SQLite backup of the same file {reference.seconds:.2f} s"
        )
        print(f"server copy server -> file: {down.seconds:.1f} s   reference: SQLite backup {reference.seconds:.2f} s")
        for label, database in (("file", Database(path, writer=False)), ("server", ServerDatabase(url))):
            reads(label, ContactStore(database))
            database.close()
        imports(import_rows, cluster, work)
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
        if not keep:
            for name in (path.name, *(path.name + end for end in ("-wal", "-shm", ".lock"))):
                (path.parent / name).unlink(missing_ok=True)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}", flush=True)


if __name__ == "__main__":
    main()
