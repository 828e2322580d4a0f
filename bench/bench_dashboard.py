"""Dashboard speed (issue 6): a refresh ≤ 2 s on 1,000,000 clients / 10,000,000 orders.

    python bench/bench_dashboard.py            # 1,000,000 clients, 10,000,000 orders
    python bench/bench_dashboard.py --small    # 20,000 clients, 200,000 orders (quick check)
    python bench/bench_dashboard.py --rebuild  # time the backfill again (after a change of db/005)

The first run generates bench/out/dashboard-<clients>-<orders>.sqlite (executemany,
one transaction, the dashboard aggregates dropped during the load), then times
the migration's backfill (db/005 run again by crmdesk.store.dashboard.rebuild,
one transaction) and keeps that figure beside the file. Every run then measures:

* DashboardStore.snapshot(period) for a month, a quarter and a year (and a custom
  period): « cold-ish » = on a new read-only connection (empty SQLite cache, the
  OS cache warm), and warm = again on the same connection; target ≤ 2 s;
* the bare ``SELECT count(*) FROM orders`` of the same file, as a reference (one
  pass over the smallest index of the orders: what any scan costs at least);
* the cost of the triggers on a bulk insert of orders (OrderStore.insert_many,
  what `crmdesk import orders` calls): the same orders inserted with the
  triggers, then with them dropped, each in a transaction rolled back;
* the cost of db/005's index on the saved figures (dash_contact_figures) when
  the figures of every client are saved (status and RFM, as
  analytics.save_figures writes them), same way;
* the client table's drill-down filters (ContactQuery region, rf, bought, complained).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import OUT, Timer, report

AS_OF = dt.date(2026, 11, 23)
DAYS = 3 * 365  # orders over the three years ending on AS_OF
REGIONS = (
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
)
CATEGORIES = (
    "Épicerie",
    "Miel",
    "Thés et infusions",
    "Cosmétiques",
    "Fruits secs",
    "Boissons",
    "Céréales",
    "Chocolat",
    "Hygiène",
    "Maison",
    "Bébé",
    "Compléments",
)
REPS = 40
PRODUCTS = 240
COMPLAINT_KINDS = (
    "safety",
    "delivery",
    "stockout",
    "special_order",
    "product_defect",
    "invoice",
    "information",
    "other",
)
TARGET_S = 2.0
CHUNK = 100_000


def _now() -> str:
    return "2026-01-01T00:00:00"


def generate(path: Path, clients: int, orders: int, complaints: int, seed: int = 20261123) -> float:
    """The file, loaded without the dashboard aggregates, then the backfill timed."""
    import numpy as np

    from crmdesk.domain import rfm
    from crmdesk.store import dashboard
    from crmdesk.store.database import Database

    rnd = random.Random(seed)
    tmp = path.with_name(path.name + ".part")
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    now = _now()
    with Database(tmp, create=True, program="bench_dashboard") as db:
        conn = db.conn
        conn.execute("PRAGMA cache_size = -400000")
        with db.atomic():
            for kind, name in dashboard.dashboard_objects():  # loaded as a file of version 4 would be
                conn.execute(f'DROP {kind} IF EXISTS "{name}"')
            conn.execute("DROP INDEX orders_by_contact")
            conn.execute("DROP INDEX orders_by_date")
            conn.execute("DROP INDEX order_lines_by_order")
            db.insert_many(
                "reps",
                ("id", "code", "name", "kind"),
                (
                    (i, f"R{i:03d}", f"Commercial {i}", "ambassador" if i % 5 == 0 else "rep")
                    for i in range(1, REPS + 1)
                ),
            )
            db.insert_many("categories", ("id", "name"), enumerate(CATEGORIES, start=1))
            prices = [rnd.randrange(150, 9000) for _ in range(PRODUCTS)]
            product_category = [1 + i % len(CATEGORIES) for i in range(PRODUCTS)]
            db.insert_many(
                "products",
                ("id", "code", "name", "category_id", "unit_price_cents"),
                ((i + 1, f"P{i + 1:04d}", f"Produit {i + 1}", product_category[i], prices[i]) for i in range(PRODUCTS)),
            )
            statuses = ("premium", "actif", "standard", "occasionnel", None)
            weights = (5, 25, 25, 40, 5)

            def contact_rows():
                for i in range(1, clients + 1):
                    status = rnd.choices(statuses, weights)[0]
                    r, f, m = rnd.randrange(5), rnd.randrange(5), rnd.randrange(5)
                    segment = rfm.segment_of(rfm.grid_to_scale(r), rfm.grid_to_scale(f))
                    region = REGIONS[rnd.randrange(len(REGIONS))] if rnd.random() < 0.95 else None
                    rep = rnd.randrange(1, REPS + 1) if rnd.random() < 0.8 else None
                    yield (
                        i,
                        f"D{i:07d}",
                        "client",
                        f"CLIENT {i}",
                        f"client {i}",
                        region,
                        rep,
                        status,
                        rnd.randrange(0, 12_000_000),
                        AS_OF.isoformat(),
                        f"{r}-{f}-{m}",
                        segment,
                        AS_OF.isoformat(),
                        now,
                        now,
                    )

            db.insert_many(
                "contacts",
                (
                    "id",
                    "code",
                    "stage",
                    "last_name",
                    "name_key",
                    "region",
                    "rep_id",
                    "status",
                    "revenue_year_cents",
                    "figures_as_of",
                    "rfm_code",
                    "rfm_segment",
                    "rfm_as_of",
                    "created_at",
                    "updated_at",
                ),
                contact_rows(),
            )
            days = [(AS_OF - dt.timedelta(days=d)).isoformat() for d in range(DAYS)]
            order_id = line_id = 0
            order_rows, line_rows = [], []

            def flush():
                db.insert_many(
                    "orders", ("id", "contact_id", "date", "amount_cents", "rep_id", "created_at"), order_rows
                )
                db.insert_many(
                    "order_lines",
                    ("id", "order_id", "product_id", "category_id", "quantity", "unit_price_cents"),
                    line_rows,
                )
                order_rows.clear()
                line_rows.clear()

            # orders per client: at least one, the rest spread with skewed weights (exact total)
            spread = np.random.default_rng(seed)
            weights = spread.exponential(1.0, clients)
            counts = (1 + spread.multinomial(orders - clients, weights / weights.sum())).tolist()
            for cid, n in enumerate(counts, start=1):
                recent = rnd.randrange(0, 700)  # days since the client's last order
                for _ in range(n):
                    order_id += 1
                    amount = 0
                    for _ in range(1 + int(rnd.random() < 0.4) + int(rnd.random() < 0.15)):
                        line_id += 1
                        product = rnd.randrange(PRODUCTS)
                        quantity = rnd.randrange(1, 6)
                        amount += quantity * prices[product]
                        line_rows.append(
                            (line_id, order_id, product + 1, product_category[product], quantity, prices[product])
                        )
                    rep = rnd.randrange(1, REPS + 1) if rnd.random() < 0.3 else None
                    day = days[min(DAYS - 1, recent + int(rnd.expovariate(1 / 150)))]
                    order_rows.append((order_id, cid, day, amount, rep, now))
                if len(order_rows) >= CHUNK:
                    flush()
            flush()
            print(f"  {order_id:,} orders, {line_id:,} lines written; indexing …", flush=True)
            conn.execute("CREATE INDEX orders_by_contact ON orders(contact_id, date, amount_cents)")
            conn.execute("CREATE INDEX orders_by_date ON orders(date)")
            conn.execute("CREATE INDEX order_lines_by_order ON order_lines(order_id)")

            def complaint_rows():
                for i in range(1, complaints + 1):
                    received = dt.datetime.combine(
                        AS_OF - dt.timedelta(days=rnd.randrange(DAYS)), dt.time(9)
                    ) + dt.timedelta(minutes=rnd.randrange(600))
                    due = (received.date() + dt.timedelta(days=7)).isoformat()
                    closed = None
                    if rnd.random() < 0.9:
                        closed_at = received + dt.timedelta(days=rnd.randrange(1, 13))
                        closed = closed_at.isoformat() if closed_at.date() <= AS_OF else None
                    yield (
                        i,
                        f"R-{received.year}-{i:06d}",
                        rnd.randrange(1, clients + 1),
                        received.isoformat(),
                        "phone",
                        rnd.choice(COMPLAINT_KINDS),
                        due,
                        closed,
                    )

            db.insert_many(
                "complaints",
                ("id", "ref", "contact_id", "received_at", "channel", "kind", "due_date", "closed_at"),
                complaint_rows(),
            )
        print(f"  loaded in {time.perf_counter() - started:.0f} s; backfilling the dashboard aggregates …", flush=True)
        with Timer() as backfill:
            dashboard.rebuild(db)
        conn.execute("ANALYZE")
    tmp.rename(path)
    print(
        f"generated {path.name}: {clients:,} clients, {orders:,} orders in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return backfill.seconds


def ensure(clients: int, orders: int, complaints: int, rebuild: bool = False) -> tuple[Path, dict]:
    """The file (generated once) and what was measured when it was made. With
    `rebuild`, the backfill is timed again on it (after a change of db/005)."""
    from crmdesk.store import dashboard
    from crmdesk.store.database import Database

    path = OUT / f"dashboard-{clients}-{orders}.sqlite"
    facts = path.with_suffix(".json")
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        facts.write_text(json.dumps({"backfill_s": generate(path, clients, orders, complaints)}))
    elif rebuild:
        with Database(path, program="bench_dashboard") as db, Timer() as backfill:
            dashboard.rebuild(db)
        facts.write_text(json.dumps({"backfill_s": backfill.seconds}))
    return path, json.loads(facts.read_text()) if facts.exists() else {}


def periods():
    from crmdesk.domain.periods import bounds, custom

    return [
        bounds("month", AS_OF),
        bounds("quarter", AS_OF),
        bounds("year", AS_OF),
        custom(dt.date(2026, 2, 15), dt.date(2026, 8, 14)),
    ]


def time_snapshots(path: Path) -> list[tuple[str, float, float]]:
    from crmdesk.store.dashboard import DashboardStore
    from crmdesk.store.database import Database

    result = []
    for period in periods():
        with Database(path, writer=False) as db:
            store = DashboardStore(db)
            with Timer() as cold:
                snap = store.snapshot(period)
            warm = min(_timed(lambda: store.snapshot(period)) for _ in range(3))  # noqa: B023 - called at once
        result.append((period.kind, cold.seconds, warm))
        assert len(snap["retention"]) == 12 and snap["category"], "empty snapshot"
    return result


def time_count(path: Path) -> float:
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return min(_timed(lambda: conn.execute("SELECT count(*) FROM orders").fetchone()) for _ in range(2))
    finally:
        conn.close()


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _rolled_back(db, work, drop=(), kind="TRIGGER") -> float:
    """Seconds `work()` takes inside a transaction that is then rolled back,
    after dropping the triggers (or indexes) `drop` in it."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in drop:
            conn.execute(f'DROP {kind} "{name}"')
        return _timed(work)
    finally:
        conn.execute("ROLLBACK")


def time_bulk_insert(path: Path, count: int, clients: int, chunk: int) -> tuple[float, float]:
    """insert_many of `count` orders (1–3 lines) for random clients, dated in the
    last 30 days, `chunk` orders a call in one transaction (crmdesk import orders
    calls it with 2,000): (with the dashboard's aggregates, without them)."""
    from crmdesk.store import dashboard
    from crmdesk.store.database import Database
    from crmdesk.store.orders import NewLine, NewOrder, OrderStore

    rnd = random.Random(7)
    batch = []
    for _ in range(count):
        lines = [
            NewLine(
                quantity=rnd.randrange(1, 6),
                unit_price_cents=rnd.randrange(150, 9000),
                product_id=rnd.randrange(1, PRODUCTS + 1),
                category_id=rnd.randrange(1, len(CATEGORIES) + 1),
            )
            for _ in range(1 + int(rnd.random() < 0.4) + int(rnd.random() < 0.15))
        ]
        batch.append(
            NewOrder(
                contact_id=rnd.randrange(1, clients + 1),
                date=(AS_OF - dt.timedelta(days=rnd.randrange(30))).isoformat(),
                amount_cents=sum(round(l.quantity * l.unit_price_cents) for l in lines),
                rep_id=rnd.randrange(1, REPS + 1) if rnd.random() < 0.3 else None,
                lines=lines,
            )
        )
    triggers = [n for k, n in dashboard.dashboard_objects() if k == "TRIGGER"]
    with Database(path, program="bench_dashboard") as db:
        store = OrderStore(db)

        def insert():
            for start in range(0, len(batch), chunk):
                store.insert_many(batch[start : start + chunk])

        _rolled_back(db, lambda: store.insert_many(batch[:1000]))  # warm the caches, untimed
        runs = []
        for _ in range(2):
            runs.append((_rolled_back(db, insert), _rolled_back(db, insert, drop=triggers)))
    return min(r[0] for r in runs), min(r[1] for r in runs)


def time_save_figures(path: Path, clients: int) -> tuple[float, float]:
    """What analytics.save_figures writes on every client (clear, status, RFM),
    (with the dashboard's index on the figures, without it)."""
    from crmdesk.store import analytics
    from crmdesk.store.database import Database

    rnd = random.Random(11)
    statuses = ("premium", "actif", "standard", "occasionnel", None)
    day = AS_OF.isoformat()
    status_rows = [
        (rnd.choice(statuses), rnd.randrange(0, 12_000_000), rnd.randrange(1, 30), day, day, i)
        for i in range(1, clients + 1)
    ]
    rfm_rows = [
        (f"{rnd.randrange(5)}-{rnd.randrange(5)}-{rnd.randrange(5)}", "fideles", day, i) for i in range(1, clients + 1)
    ]

    def work():
        db.conn.execute(analytics._CLEAR)
        db.conn.executemany(analytics._SET_STATUS, status_rows)
        db.conn.executemany(analytics._SET_RFM, rfm_rows)

    with Database(path, program="bench_dashboard") as db:
        return _rolled_back(db, work), _rolled_back(db, work, drop=("dash_contact_figures",), kind="INDEX")


def time_drilldown(path: Path) -> list[tuple[str, float, int]]:
    from crmdesk.store.contacts import ContactQuery, ContactStore
    from crmdesk.store.database import Database

    month = periods()[0]
    start, end = month.iso()
    queries = [
        ("region", ContactQuery(region="Bretagne")),
        ("rf 4-4", ContactQuery(rf=(4, 4))),
        ("bought Miel, one month", ContactQuery(bought=("2", start, end))),
        ("bought « Sans catégorie », one month", ContactQuery(bought=("", start, end))),
        ("complained (delivery), one month", ContactQuery(complained=("delivery", start, end))),
    ]
    result = []
    with Database(path, writer=False) as db:
        store = ContactStore(db)
        for name, query in queries:
            started = time.perf_counter()
            count = store.count(query)
            store.page(query, 50)
            result.append((name, time.perf_counter() - started, count))
    return result


def run(clients: int, orders: int, complaints: int, insert_count: int, rebuild: bool = False) -> None:
    path, facts = ensure(clients, orders, complaints, rebuild)
    print(
        f"{path.name}: {clients:,} clients, {orders:,} orders, {complaints:,} complaints "
        f"({path.stat().st_size / 2**30:.2f} GiB)",
        flush=True,
    )
    if "backfill_s" in facts:
        print(
            f"migration backfill (db/005 in one transaction, dashboard.rebuild): {facts['backfill_s']:.1f} s",
            flush=True,
        )
    subprocess_cat(path)
    count = time_count(path)
    print(f"reference: bare SELECT count(*) FROM orders: {count * 1000:.0f} ms", flush=True)
    worst = 0.0
    for kind, cold, warm in time_snapshots(path):
        worst = max(worst, cold, warm)
        report(
            f"snapshot ({kind})",
            cold * 1000,
            "ms cold-ish (new connection)",
            f"warm {warm * 1000:.0f} ms; {cold / count:.2f} × the bare count(*); target ≤ {TARGET_S:.0f} s",
            cold <= TARGET_S and warm <= TARGET_S,
        )
    for chunk, how in ((insert_count, "in one call"), (2000, "2,000 a call, as crmdesk import orders")):
        with_t, without = time_bulk_insert(path, insert_count, clients, chunk)
        ratio = with_t / without
        report(
            f"OrderStore.insert_many of {insert_count:,} orders, {how}",
            insert_count / with_t,
            "orders/s with the dashboard's aggregates",
            f"without them {insert_count / without:,.0f} orders/s: slowdown {ratio:.2f} ×, target ≤ 2 ×",
            ratio <= 2,
        )
    with_t, without = time_save_figures(path, clients)
    print(
        f"     saving the figures of {clients:,} clients (clear + status + RFM): {with_t:.1f} s with the "
        f"index dash_contact_figures, {without:.1f} s without ({with_t / without:.2f} ×)",
        flush=True,
    )
    for name, seconds, found in time_drilldown(path):
        print(f"     drill-down {name}: count + first page {seconds * 1000:.0f} ms ({found:,} clients)", flush=True)


def subprocess_cat(path: Path) -> None:
    """Warm the OS cache with the file (untimed), as after a first use."""
    import subprocess

    subprocess.run(["cat", str(path)], stdout=subprocess.DEVNULL, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="20,000 clients / 200,000 orders only")
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=10_000_000)
    parser.add_argument("--complaints", type=int, default=50_000)
    parser.add_argument("--insert", type=int, default=100_000, help="orders of the bulk-insert measure")
    parser.add_argument(
        "--rebuild", action="store_true", help="time the backfill again on the existing file (after a change of db/005)"
    )
    args = parser.parse_args()
    if args.small:
        run(20_000, 200_000, 1_000, 10_000, args.rebuild)
    else:
        run(args.clients, args.orders, args.complaints, args.insert, args.rebuild)


if __name__ == "__main__":
    main()
