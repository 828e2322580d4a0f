"""Cohort matrix and revenue pivots on a big file, each next to a plain SQL
reference measured in the same run.

    python bench/bench_cohorts.py                  # bench/out/figures-1000000-10000000.sqlite when it is there,
                                                   # else a file made by bench_rfm's generator (--clients, --orders)
    python bench/bench_cohorts.py --file F.sqlite  # another file (read only; never changed)
    python bench/bench_cohorts.py --xlsx           # also write the client pivot as XLSX (minutes on 1M clients)

What is printed, for the same file and date:
- cohorts: crmdesk (crmdesk.io.cohorts.compute: the store reads the (client,
  month) pairs in chunks, pandas finds each client's first month and counts)
  against SQLite doing it all (a window function for the first month and a
  GROUP BY, fetched): both must give the same cells; and the bare fetch of the
  pairs, the floor of crmdesk's way;
- pivots: crmdesk.io.pivot.compute (SQL GROUP BY per key and month, pandas
  spreads the months and adds totals and names) against the same GROUP BY
  fetched alone; then the CSV (and with --xlsx the XLSX) written;
- how soon a cancel asked during the reading stops it;
- the peak memory of the process.

The file is opened read-only. One made by a newer crmdesk (a later schema)
is read through a plain read-only connection: the tables read here are those
of schema 5 (db/005_dashboard.sql).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import OUT

AS_OF = dt.date(2026, 11, 23)
FETCH: list[float] = []  # how long the cohort pairs take to read
MONTH = "CAST(substr(date, 1, 4) AS INTEGER) * 12 + CAST(substr(date, 6, 2) AS INTEGER) - 1"
REFERENCE_COHORTS = """
WITH pairs AS (SELECT contact_id, month FROM dash_activity WHERE month < :month
               UNION ALL
               SELECT DISTINCT contact_id, :month FROM orders WHERE date >= :first AND date < :after)
SELECT cohort, month - cohort, count(*)
  FROM (SELECT min(month) OVER (PARTITION BY contact_id) AS cohort, month FROM pairs)
 GROUP BY 1, 2
"""
REFERENCE_PIVOT = (
    f"SELECT contact_id, {MONTH} AS month, sum(amount_cents) FROM orders "
    "WHERE date >= :first AND date < :after GROUP BY contact_id, month"
)


class ReadOnly:
    """What the store reads through (`conn`, `path`): a plain read-only connection."""

    def __init__(self, path: Path):
        self.path = path
        self.conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()


def open_file(path: Path):
    from crmdesk.store.database import Database
    from crmdesk.store.errors import NewerFile

    try:
        return Database(path, writer=False)
    except NewerFile:
        print(f"  ({path.name}: a later schema; read through a plain read-only connection)")
        return ReadOnly(path)


def timed(label: str, function, *args):
    started = time.perf_counter()
    result = function(*args)
    seconds = time.perf_counter() - started
    print(f"  {label:<66} {seconds:7.2f} s", flush=True)
    return result, seconds


def bench_cohorts(database) -> None:
    from crmdesk.io import cohorts
    from crmdesk.store import cohorts as store

    print(f"cohort matrix as of {AS_OF:%d/%m/%Y}")
    params = {
        "month": AS_OF.year * 12 + AS_OF.month - 1,
        "first": AS_OF.replace(day=1).isoformat(),
        "after": (AS_OF + dt.timedelta(days=1)).isoformat(),
    }
    reference, sql_seconds = timed(
        "reference: SQLite window + GROUP BY, fetched",
        lambda: database.conn.execute(REFERENCE_COHORTS, params).fetchall(),
    )
    pairs, fetch_seconds = timed(
        "floor: the (client, month) pairs fetched in chunks",
        lambda: sum(len(c) for c in store.activity(database, AS_OF)),
    )
    FETCH.append(fetch_seconds)
    result, ours = timed(
        "crmdesk: store chunks + pandas (io.cohorts.compute)", lambda: cohorts.compute(database, AS_OF)
    )
    found = {
        (m, k): int(result.counts.iat[i, k])
        for i, m in enumerate(result.months)
        for k in result.counts.columns
        if result.counts.iat[i, k]
    }
    same = found == {(int(c), int(k)): int(n) for c, k, n in reference}
    print(
        f"  {pairs:,} pairs, {len(result.months)} cohorts; same cells as SQLite: {same}; "
        f"crmdesk / SQLite = {ours / sql_seconds:.2f}, pandas after the fetch: {ours - fetch_seconds:.2f} s"
    )
    out = Path(tempfile.mkdtemp(prefix="bench-cohorts-"))
    try:
        timed(
            "crmdesk: the matrix written as XLSX (2 sheets)",
            lambda: cohorts.export(database, out / "cohortes.xlsx", result, "xlsx"),
        )
    finally:
        for path in out.iterdir():
            path.unlink()
        out.rmdir()


def bench_pivots(database, xlsx: bool) -> None:
    from crmdesk.domain.periods import custom
    from crmdesk.io import pivot
    from crmdesk.store import cohorts as store

    for label, period in (
        ("a month", custom(dt.date(2026, 11, 1), AS_OF)),
        ("twelve months", custom(dt.date(2025, 11, 24), AS_OF)),
    ):
        print(f"revenue pivot by client × month, {label} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})")
        params = {"first": period.start.isoformat(), "after": (period.end + dt.timedelta(days=1)).isoformat()}
        rows, reference = timed(
            "reference: SQLite GROUP BY client, month (its own plan), fetched",
            lambda p: len(database.conn.execute(REFERENCE_PIVOT, p).fetchall()),
            params,
        )
        _, floor = timed(
            "floor: the store's GROUP BY (its index choice), fetched in chunks",
            lambda p: sum(len(c) for c in store.revenue(database, "client", p)),
            period,
        )
        result, ours = timed(
            "crmdesk: store chunks + pandas pivot (io.pivot.compute)", pivot.compute, database, "client", period
        )
        total = int(result.frame["total"].iloc[-1])
        expected = database.conn.execute(
            "SELECT sum(amount_cents) FROM orders WHERE date >= :first AND date < :after", params
        ).fetchone()[0]
        print(
            f"  {rows:,} client-months, {result.count:,} clients × {len(result.months)} months; "
            f"grand total = the orders' sum: {total == expected}; crmdesk / SQLite = {ours / reference:.2f}, "
            f"pandas and names after the fetch: {ours - floor:.2f} s"
        )
        out = Path(tempfile.mkdtemp(prefix="bench-pivot-"))
        try:
            timed(
                "crmdesk: compute + CSV written (io.pivot.export)",
                pivot.export,
                database,
                out / "ca.csv",
                "client",
                period,
                "csv",
            )
            if xlsx:
                timed(
                    "crmdesk: compute + XLSX written", pivot.export, database, out / "ca.xlsx", "client", period, "xlsx"
                )
        finally:
            for path in out.iterdir():
                path.unlink()
            out.rmdir()
    print("revenue pivot by category and by rep × month, twelve months")
    for rows in ("category", "rep"):
        timed(
            f"crmdesk: {rows} (from the dashboard's daily aggregates)",
            pivot.compute,
            database,
            rows,
            custom(dt.date(2025, 11, 24), AS_OF),
        )


def bench_cancel(database, after: list[float]) -> None:
    """A cancel asked `after` seconds into the cohort matrix (from another thread, as the
    window's Stop does): how long until the computation stops."""
    import threading

    from crmdesk.io import cohorts

    for seconds in after:
        asked: list[float] = []
        timer = threading.Timer(seconds, lambda asked=asked: asked.append(time.perf_counter()))

        def stop(done: int, total: int, asked: list = asked) -> None:
            if asked:
                raise KeyboardInterrupt

        timer.start()
        try:
            cohorts.compute(database, AS_OF, progress=stop)
            stopped = "finished first"
        except KeyboardInterrupt:
            stopped = f"stopped {time.perf_counter() - asked[0]:.2f} s after"
        timer.cancel()
        print(f"  cancel asked {seconds:.1f} s into the cohort matrix: {stopped}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path)
    parser.add_argument("--clients", type=int, default=200_000)
    parser.add_argument("--orders", type=int, default=2_000_000)
    parser.add_argument("--xlsx", action="store_true")
    args = parser.parse_args()
    path = args.file or OUT / "figures-1000000-10000000.sqlite"
    if not path.exists():
        path = OUT / f"rfm-{args.clients}-{args.orders}.sqlite"
        if not path.exists():
            print(f"generating {path.name} (bench_rfm's generator) …", flush=True)
            subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).parent / "bench_rfm.py"),
                    "--generate",
                    str(path),
                    str(args.clients),
                    str(args.orders),
                ],
                check=True,
            )
    print(
        f"file: {path} ({path.stat().st_size / 2**30:.1f} GiB); load: {os.getloadavg()[0]:.2f} "
        f"(1 min) on {os.cpu_count()} cores",
        flush=True,
    )
    database = open_file(path)
    try:
        bench_cohorts(database)
        bench_pivots(database, args.xlsx)
        print("cancel")
        bench_cancel(database, [1.0, FETCH[0] + 1.0])  # while reading; while pandas counts
    finally:
        database.close()
    print(
        f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB; "
        f"load now: {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
