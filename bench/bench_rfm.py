"""RFM speed: crmdesk (SQLite GROUP BY + Python scoring) vs DuckDB on the same orders.

    python bench/bench_rfm.py            # 1,000,000 clients, 10,000,000 orders (+ the small case)
    python bench/bench_rfm.py --small    # only ~24,000 clients / ~70,000 orders (< 0.1 s wanted)

Targets (issue 3): crmdesk ≤ 1.5 × DuckDB's time for the same figures, peak
memory ≤ 500 MiB; the small case under 0.1 s.

What DuckDB reads: the SAME SQLite file through its sqlite extension
(sqlite_scan), when that extension loads offline. DuckDB downloads it on first
use, which cannot happen here; the wheel « duckdb-ext-sqlite » ships it, but
only for DuckDB 1.4.4. So: install them with `pip install -e ".[bench]"` (the project pins both), or set
BENCH_DUCKDB_PYTHON to another Python that has both,
e.g.

    python -m venv /tmp/duckvenv
    /tmp/duckvenv/bin/pip install duckdb==1.4.4 duckdb-ext-sqlite
    BENCH_DUCKDB_PYTHON=/tmp/duckvenv/bin/python python bench/bench_rfm.py

Without it, DuckDB scans a Parquet export of the same orders and contacts
(written once, untimed): its best case (columnar, typed dates), not the same
SQLite file. The script prints which one it compared.

crmdesk and DuckDB each run in their own child process, so that the peak
memory printed for crmdesk is its computation's own (ru_maxrss of the child).
The bare SQLite ``GROUP BY`` over the orders (fetched into Python) is printed
as a floor: crmdesk cannot be faster than reading its own index.

Both compute, as of the same date over a 365-day window: recency, frequency,
monetary per client, the default grid's points and the quantile scores
(1 + floor(5 × strictly-worse / n)); crmdesk through
crmdesk.store.analytics.rfm_rows (grid, then quantile), DuckDB in one SQL
query per method, each result fetched into Python.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import OUT

AS_OF = dt.date(2026, 11, 23)


def generate(path: Path, clients: int, orders: int, seed: int = 20261123) -> None:
    """A crmdesk file with `clients` clients and `orders` orders (executemany, one transaction)."""
    from crmdesk.store.database import Database

    rnd = random.Random(seed)
    tmp = path.with_name(path.name + ".part")
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    with Database(tmp, create=True, program="bench_rfm") as db:
        conn = db.conn
        conn.execute("PRAGMA cache_size = -400000")
        with db.atomic():
            conn.execute("DROP INDEX orders_by_contact")
            conn.execute("DROP INDEX orders_by_date")
            now = "2026-01-01T00:00:00"
            db.insert_many(
                "contacts",
                ("id", "code", "stage", "last_name", "first_contact", "created_at", "updated_at"),
                (
                    (
                        i,
                        f"R{i:07d}",
                        "client",
                        f"CLIENT {i}",
                        (AS_OF - dt.timedelta(days=rnd.randrange(30, 4000))).isoformat(),
                        now,
                        now,
                    )
                    for i in range(1, clients + 1)
                ),
            )
            days = [(AS_OF - dt.timedelta(days=d)).isoformat() for d in range(0, 1100)]

            def rows():
                left, remaining = orders, clients
                order_id = 0
                for cid in range(1, clients + 1):
                    # about orders/clients each, skewed, exact total
                    mean = left / remaining
                    n = (
                        max(1, min(left - (remaining - 1), int(rnd.expovariate(1 / mean)) + 1))
                        if remaining > 1
                        else left
                    )
                    left -= n
                    remaining -= 1
                    recent = rnd.randrange(0, 700)
                    for _ in range(n):
                        order_id += 1
                        yield (
                            order_id,
                            cid,
                            days[min(1099, recent + int(rnd.expovariate(1 / 120)))],
                            rnd.randrange(500, 500_000),
                            now,
                        )

            db.insert_many("orders", ("id", "contact_id", "date", "amount_cents", "created_at"), rows())
            conn.execute("CREATE INDEX orders_by_contact ON orders(contact_id, date, amount_cents)")
            conn.execute("CREATE INDEX orders_by_date ON orders(date)")
        conn.execute("ANALYZE")
    tmp.rename(path)
    print(
        f"generated {path.name}: {clients:,} clients, {orders:,} orders in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def export_parquet(path: Path) -> tuple[Path, Path]:
    """Orders and contacts of the crmdesk file as Parquet (untimed set-up for DuckDB)."""
    import sqlite3

    import duckdb

    orders_pq, contacts_pq = path.with_suffix(".orders.parquet"), path.with_suffix(".contacts.parquet")
    if orders_pq.exists() and contacts_pq.exists():
        return orders_pq, contacts_pq
    import pandas as pd

    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    duck = duckdb.connect()
    duck.execute("CREATE TABLE orders (contact_id BIGINT, date DATE, amount_cents BIGINT)")
    cur = src.execute("SELECT contact_id, date, amount_cents FROM orders")
    while chunk := cur.fetchmany(1_000_000):
        frame = pd.DataFrame(chunk, columns=["contact_id", "date", "amount_cents"])
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
        duck.register("chunk", frame)
        duck.execute("INSERT INTO orders SELECT * FROM chunk")
        duck.unregister("chunk")
    contacts = pd.DataFrame(
        src.execute("SELECT id, code FROM contacts WHERE deleted_at IS NULL").fetchall(), columns=["id", "code"]
    )
    duck.register("contacts_frame", contacts)
    duck.execute(f"COPY orders TO '{orders_pq}' (FORMAT parquet)")
    duck.execute(f"COPY (SELECT * FROM contacts_frame) TO '{contacts_pq}' (FORMAT parquet)")
    return orders_pq, contacts_pq


def duck_sql(orders: str, contacts: str, method: str) -> str:
    start = (AS_OF - dt.timedelta(days=364)).isoformat()
    facts = f"""
      WITH g AS (SELECT contact_id, max(date) AS last,
                        count(*) FILTER (WHERE date >= DATE '{start}') AS n,
                        coalesce(sum(amount_cents) FILTER (WHERE date >= DATE '{start}'), 0) AS cents
                   FROM {orders} WHERE date <= DATE '{AS_OF}' GROUP BY contact_id),
           f AS (SELECT c.id, c.code, (DATE '{AS_OF}' - CAST(g.last AS DATE)) AS rec, g.n, g.cents
                   FROM g JOIN {contacts} AS c ON c.id = g.contact_id)"""
    if method == "grid":
        return (
            facts
            + """
      SELECT code, rec, n, cents,
             CASE WHEN rec < 15 THEN 4 WHEN rec <= 30 THEN 3 WHEN rec <= 60 THEN 2 WHEN rec <= 90 THEN 1 ELSE 0 END,
             CASE WHEN n > 13 THEN 4 WHEN n >= 9 THEN 3 WHEN n >= 5 THEN 2 WHEN n >= 1 THEN 1 ELSE 0 END,
             CASE WHEN cents > 10000000 THEN 4 WHEN cents >= 5000000 THEN 3 WHEN cents >= 4000000 THEN 2
                  WHEN cents > 0 THEN 1 ELSE 0 END
        FROM f ORDER BY code"""
        )
    return (
        facts
        + """
      SELECT code, rec, n, cents,
             1 + (5 * (rank() OVER (ORDER BY rec DESC) - 1)) // count(*) OVER (),
             1 + (5 * (rank() OVER (ORDER BY n) - 1)) // count(*) OVER (),
             1 + (5 * (rank() OVER (ORDER BY cents) - 1)) // count(*) OVER ()
        FROM f ORDER BY code"""
    )


def time_crmdesk(path: Path) -> dict:
    """In a child process (--crmdesk): grid then quantile, and the child's peak memory."""
    from crmdesk.store import analytics
    from crmdesk.store.database import Database

    result = {}
    with Database(path, writer=False) as db:
        for method in ("grid", "quantile"):
            started = time.perf_counter()
            rows, _ = analytics.rfm_rows(db, AS_OF, method)
            result[method] = time.perf_counter() - started
            result[f"{method}_rows"] = len(rows)
            result[f"{method}_sample"] = [
                (r.client_code, r.recency_days, r.frequency, r.monetary_cents, r.r, r.f, r.m) for r in rows[:3]
            ]
            del rows
    result["peak_mib"] = peak_mib()
    return result


def time_floor(path: Path) -> float:
    """The bare grouped scan of the orders' index, fetched into Python (plain tuples)."""
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    started = time.perf_counter()
    conn.execute("SELECT contact_id, max(date), count(*), sum(amount_cents) FROM orders GROUP BY contact_id").fetchall()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _duck_connect():
    import duckdb

    try:  # the wheel duckdb-ext-sqlite keeps the extension in its own folder
        import duckdb_ext

        folder = Path(next(iter(duckdb_ext.__path__))) / "extensions"
        return duckdb.connect(config={"extension_directory": str(folder)})
    except ImportError:
        return duckdb.connect()


def time_duckdb(path: Path, allow_parquet: bool = True) -> tuple[dict, str]:
    import duckdb

    con = _duck_connect()
    try:
        con.execute("LOAD sqlite")
        orders = (
            f"(SELECT contact_id, CAST(substr(date, 1, 10) AS DATE) AS date, amount_cents "
            f"FROM sqlite_scan('{path}', 'orders'))"
        )
        contacts = f"(SELECT * FROM sqlite_scan('{path}', 'contacts') WHERE deleted_at IS NULL)"
        what = f"DuckDB {duckdb.__version__} sqlite_scan on the same SQLite file"
    except duckdb.Error:
        if not allow_parquet:
            return {}, ""
        orders_pq, contacts_pq = export_parquet(path)
        orders, contacts = f"read_parquet('{orders_pq}')", f"read_parquet('{contacts_pq}')"
        what = (
            f"DuckDB {duckdb.__version__} on a Parquet export of the same orders (sqlite extension not "
            "loadable offline; set BENCH_DUCKDB_PYTHON): DuckDB's best case, NOT the same SQLite file"
        )
    result = {}
    for method in ("grid", "quantile"):
        started = time.perf_counter()
        rows = con.execute(duck_sql(orders, contacts, method)).fetchall()
        result[method] = time.perf_counter() - started
        result[f"{method}_rows"] = len(rows)
        result[f"{method}_sample"] = [tuple(r[:4]) + tuple(r[4:7]) for r in rows[:3]]
    return result, what


def _child(python: str, *args: str) -> dict:
    out = subprocess.run([python, __file__, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def small_case() -> None:
    path = OUT / "rfm-24000.sqlite"
    if not path.exists():
        generate(path, 24_000, 70_000)
    from crmdesk.store import analytics
    from crmdesk.store.database import Database

    with Database(path, writer=False) as db:
        analytics.rfm_rows(db, AS_OF)  # warm the page cache
        for method in ("grid", "quantile"):
            best = min(_timed(lambda: analytics.rfm_rows(db, AS_OF, method)) for _ in range(5))  # noqa: B023 - called at once
            print(
                f"{'OK ' if best < 0.1 else 'NO '} small case ({method}): 24,000 clients / 70,000 orders "
                f"in {best * 1000:.1f} ms (target < 100 ms)",
                flush=True,
            )


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def big_case(clients: int, orders: int) -> None:
    path = OUT / f"rfm-{clients}-{orders}.sqlite"
    if not path.exists():  # in a child process: its memory does not count below
        subprocess.run([sys.executable, __file__, "--generate", str(path), str(clients), str(orders)], check=True)
    # warm the page cache for both (same file), untimed
    subprocess.run(["cat", str(path)], stdout=subprocess.DEVNULL, check=True)
    floor = min(time_floor(path) for _ in range(2))
    print(
        f"{clients:,} clients / {orders:,} orders; floor (bare SQLite GROUP BY over the orders' index, "
        f"fetched): {floor:.2f} s",
        flush=True,
    )
    ours = _child(sys.executable, "--crmdesk", str(path))
    peak = ours["peak_mib"]
    print(
        f"crmdesk: grid {ours['grid']:.2f} s, quantile {ours['quantile']:.2f} s, "
        f"{ours['grid_rows']:,} clients scored; peak memory of its process {peak:.0f} MiB "
        f"({'OK' if peak <= 500 else 'NO'}, target ≤ 500 MiB)",
        flush=True,
    )
    theirs = {}
    duck_python = os.environ.get("BENCH_DUCKDB_PYTHON")
    if duck_python:
        theirs = _child(duck_python, "--duckdb", str(path), "--sqlite-only")
    if not theirs.get("what"):
        theirs = _child(sys.executable, "--duckdb", str(path))
    print(f"{theirs['what']}:\n  grid {theirs['grid']:.2f} s, quantile {theirs['quantile']:.2f} s", flush=True)
    for method in ("grid", "quantile"):
        ratio = ours[method] / theirs[method]
        same = [list(x) for x in ours[f"{method}_sample"]] == [list(x) for x in theirs[f"{method}_sample"]] and ours[
            f"{method}_rows"
        ] == theirs[f"{method}_rows"]
        print(
            f"{'OK ' if ratio <= 1.5 else 'NO '} {method}: crmdesk / DuckDB = {ratio:.2f} (target ≤ 1.5); "
            f"same figures on a sample: {same}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--generate", nargs=3, metavar=("PATH", "CLIENTS", "ORDERS"))
    parser.add_argument("--crmdesk", metavar="PATH", help="(child) time crmdesk, print JSON")
    parser.add_argument("--duckdb", metavar="PATH", help="(child) time DuckDB, print JSON")
    parser.add_argument("--sqlite-only", action="store_true", help="(child) no Parquet fall-back")
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=10_000_000)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    if args.generate:
        generate(Path(args.generate[0]), int(args.generate[1]), int(args.generate[2]))
        return
    if args.crmdesk:
        print(json.dumps(time_crmdesk(Path(args.crmdesk))))
        return
    if args.duckdb:
        result, what = time_duckdb(Path(args.duckdb), allow_parquet=not args.sqlite_only)
        print(json.dumps({**result, "what": what}, default=str))
        return
    small_case()
    if not args.small:
        big_case(args.clients, args.orders)


if __name__ == "__main__":
    main()
