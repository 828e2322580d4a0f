"""The dashboard's figures (issue 6): aggregates kept by db/005's triggers,
the bulk insert path, the migration's backfill, the drill-down filters."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmdesk.domain.periods import bounds, custom, series
from crmdesk.store import dashboard, migrate
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.dashboard import DashboardStore
from crmdesk.store.database import Database
from crmdesk.store.orders import NewLine, NewOrder, OrderStore, lines_total
from crmdesk.store.server import on_server
from tests.helpers.demo import copy_demo
from tests.helpers.old_files import old_contact
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

MARCH = bounds("month", dt.date(2026, 3, 1))
APRIL = bounds("month", dt.date(2026, 4, 1))


@pytest.fixture
def orders(database):
    return OrderStore(database)


@pytest.fixture
def board(database):
    return DashboardStore(database)


def order(store: OrderStore, contact: int, date: str, *lines: NewLine, amount: int | None = None, rep=None) -> int:
    total = sum(round(l.quantity * l.unit_price_cents) - l.discount_cents for l in lines)
    return store.create(
        NewOrder(
            contact_id=contact,
            date=date,
            amount_cents=amount if amount is not None else total,
            rep_id=rep,
            lines=list(lines),
        ),
        today=TODAY,
    )


def line(
    cents: int, category: int | None = None, quantity: float = 1, discount: int = 0, product: int | None = None
) -> NewLine:
    return NewLine(
        quantity=quantity,
        unit_price_cents=cents,
        discount_cents=discount,
        label="article",
        category_id=category,
        product_id=product,
    )


def figures(rows: list[dict]) -> dict[str, tuple[int, int]]:
    return {r["label"]: (r["revenue_cents"], r["orders"]) for r in rows}


# -- an independent oracle: the aggregates recomputed in Python from the raw rows ------------
def expected(database: Database) -> dict:
    conn = database.conn
    people = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, region, rep_id FROM contacts")}
    product_category = dict(conn.execute("SELECT id, category_id FROM products").fetchall())
    lines = defaultdict(list)
    for order_id, product, category, quantity, price, discount in conn.execute(
        "SELECT order_id, product_id, category_id, quantity, unit_price_cents, discount_cents FROM order_lines"
    ):
        own = category if category is not None else product_category.get(product)
        # SQLite's round(): half away from zero
        lines[order_id].append(("" if own is None else str(own), math.floor(quantity * price + 0.5) - discount))
    facts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    active: dict[str, dict[int, set]] = {
        "month": defaultdict(set),
        "quarter": defaultdict(set),
        "year": defaultdict(set),
    }
    activity: dict[tuple, int] = defaultdict(int)

    def add(dimension, day, key, cents):
        facts[(dimension, day, key)][0] += cents
        facts[(dimension, day, key)][1] += 1

    for order_id, contact, date, amount, rep in conn.execute(
        "SELECT id, contact_id, date, amount_cents, rep_id FROM orders"
    ):
        day = date[:10]
        region, contact_rep = people[contact]
        add("all", day, "", amount)
        add("region", day, region or "", amount)
        rep = rep if rep is not None else contact_rep
        add("rep", day, "" if rep is None else str(rep), amount)
        per_category: dict[str, int] = defaultdict(int)
        for key, value in lines[order_id]:
            per_category[key] += value
        for key, value in (per_category or {"": amount}).items():
            add("category", day, key, value)
        month = int(day[:4]) * 12 + int(day[5:7]) - 1
        activity[(contact, month)] += 1
        for kind, months in (("month", 1), ("quarter", 3), ("year", 12)):
            active[kind][month // months].add(contact)
    retention = {}
    for kind, periods in active.items():
        for period, who in periods.items():
            retention[(kind, period)] = (len(who), len(who & periods.get(period + 1, set())))
    return {"facts": {k: tuple(v) for k, v in facts.items()}, "activity": dict(activity), "retention": retention}


def stored(database: Database) -> dict:
    conn = database.conn
    assert not conn.execute("SELECT 1 FROM dash_facts WHERE orders = 0 AND revenue_cents != 0").fetchall()
    assert not conn.execute("SELECT 1 FROM dash_activity WHERE orders <= 0").fetchall()
    return {
        "facts": {
            (d, day, k): (r, n)
            for d, day, k, r, n in conn.execute(
                "SELECT dimension, day, key, revenue_cents, orders FROM dash_facts WHERE orders != 0"
            )
        },
        "activity": {(c, m): n for c, m, n in conn.execute("SELECT contact_id, month, orders FROM dash_activity")},
        "retention": {
            (k, p): (a, kept)
            for k, p, a, kept in conn.execute("SELECT kind, period, active, kept FROM dash_retention WHERE active != 0")
        },
    }


def assert_consistent(database: Database) -> None:
    assert stored(database) == expected(database)


# -- revenue --------------------------------------------------------------------------------
@pytest.fixture
def shop(database, contacts, orders):
    """Two categories, two reps, three clients (Bretagne with rep Rémy, Grand Est
    without rep, no region) and their orders of February to April 2026."""
    with database.atomic():
        miel, savon = orders.category_id("Miel"), orders.category_id("Savon")
        remy, maryse = orders.rep_id("Rémy Albando"), orders.rep_id("Maryse Brun", kind="ambassador")
    a = contacts.create({"last_name": "Abel", "region": "Bretagne", "rep_id": remy})
    b = contacts.create({"last_name": "Bodin", "region": "Grand Est"})
    c = contacts.create({"last_name": "Colin"})
    ids = {
        "a_feb": order(orders, a, "2026-02-27", line(5000, savon)),
        "a_mar": order(orders, a, "2026-03-10", line(1250, miel, quantity=2), line(990, savon, discount=90)),
        "b_mar": order(orders, b, "2026-03-31", line(1000, miel), rep=maryse),
        "c_mar": order(orders, c, "2026-03-15", amount=700),  # no lines: « Sans catégorie »
        "b_apr": order(orders, b, "2026-04-01", line(400, savon)),
    }
    return {"miel": miel, "savon": savon, "remy": remy, "maryse": maryse, "a": a, "b": b, "c": c, **ids}


def test_revenue_by_category_region_and_rep_over_the_period(board, shop):
    assert figures(board.revenue_by("category", MARCH)) == {
        "Miel": (3500, 2),
        "Savon": (900, 1),
        "Sans catégorie": (700, 1),
    }
    assert figures(board.revenue_by("region", MARCH)) == {
        "Bretagne": (3400, 1),
        "Grand Est": (1000, 1),
        "Région non renseignée": (700, 1),
    }
    # the order's rep first, else the client's
    assert figures(board.revenue_by("rep", MARCH)) == {
        "Rémy Albando": (3400, 1),
        "Maryse Brun": (1000, 1),
        "Sans commercial": (700, 1),
    }
    rows = board.revenue_by("category", MARCH)
    assert [r["key"] for r in rows] == [str(shop["miel"]), str(shop["savon"]), ""]  # biggest first
    assert [r["key"] for r in board.revenue_by("rep", MARCH)] == [str(shop["remy"]), str(shop["maryse"]), ""]
    quarter = bounds("quarter", dt.date(2026, 3, 1))
    assert figures(board.revenue_by("category", quarter))["Savon"] == (5900, 2)
    assert figures(board.revenue_by("region", custom(dt.date(2026, 3, 31), dt.date(2026, 4, 1)))) == {
        "Grand Est": (1400, 2)
    }
    assert board.revenue_by("region", bounds("year", dt.date(2025, 1, 1))) == []
    with pytest.raises(ValueError):
        board.revenue_by("city", MARCH)


def test_months_of_the_period_zeros_included(board, shop):
    quarter = bounds("quarter", dt.date(2026, 2, 1))
    assert board.revenue_by_month(quarter) == [
        {"month": "2026-01", "revenue_cents": 0, "orders": 0, "clients": 0},
        {"month": "2026-02", "revenue_cents": 5000, "orders": 1, "clients": 1},
        {"month": "2026-03", "revenue_cents": 5100, "orders": 3, "clients": 3},
    ]
    assert [m["month"] for m in board.revenue_by_month(bounds("year", TODAY))] == [
        f"2026-{m:02d}" for m in range(1, 13)
    ]


def test_an_edited_then_deleted_order_moves_the_figures(database, board, orders, shop):
    orders.update(
        shop["a_mar"],
        NewOrder(contact_id=shop["b"], date="2026-04-02", amount_cents=3000, lines=[line(3000, shop["miel"])]),
        today=TODAY,
    )
    assert figures(board.revenue_by("category", MARCH)) == {"Miel": (1000, 1), "Sans catégorie": (700, 1)}
    assert figures(board.revenue_by("category", APRIL)) == {"Miel": (3000, 1), "Savon": (400, 1)}
    assert figures(board.revenue_by("region", APRIL)) == {"Grand Est": (3400, 2)}
    assert_consistent(database)
    orders.delete(shop["a_mar"])
    assert figures(board.revenue_by("category", APRIL)) == {"Savon": (400, 1)}
    orders.reinsert(shop["a_mar"], NewOrder(contact_id=shop["a"], date="2026-03-10", amount_cents=100))
    assert figures(board.revenue_by("region", MARCH))["Bretagne"] == (100, 1)
    assert_consistent(database)


def test_lines_changed_or_deleted_directly(database, board, shop):
    conn = database.conn
    first, second = (
        r[0] for r in conn.execute("SELECT id FROM order_lines WHERE order_id = ? ORDER BY id", (shop["a_mar"],))
    )
    with database.atomic():
        conn.execute("UPDATE order_lines SET category_id = ? WHERE id = ?", (shop["miel"], second))
    assert figures(board.revenue_by("category", MARCH))["Miel"] == (4400, 2)
    assert "Savon" not in figures(board.revenue_by("category", MARCH))
    with database.atomic():
        conn.execute("DELETE FROM order_lines WHERE id = ?", (second,))
        conn.execute("DELETE FROM order_lines WHERE id = ?", (first,))  # the order has no lines left
    assert figures(board.revenue_by("category", MARCH)) == {"Sans catégorie": (4100, 2), "Miel": (1000, 1)}
    with database.atomic():
        conn.execute("DELETE FROM orders WHERE id = ?", (shop["b_mar"],))  # its line goes by cascade
    assert figures(board.revenue_by("category", MARCH)) == {"Sans catégorie": (4100, 2)}
    assert_consistent(database)


def test_a_client_changing_region_or_rep_takes_its_orders_along(database, board, contacts, orders, shop):
    contacts.update(shop["c"], {"region": "Bretagne"})
    assert figures(board.revenue_by("region", MARCH)) == {"Bretagne": (4100, 2), "Grand Est": (1000, 1)}
    contacts.update(shop["a"], {"rep_id": shop["maryse"]})
    assert figures(board.revenue_by("rep", MARCH)) == {"Maryse Brun": (4400, 2), "Sans commercial": (700, 1)}
    product = orders.create_product("Savon de Marseille", shop["savon"])
    with database.atomic():
        database.conn.execute(
            "INSERT INTO order_lines(order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, 1, 500)",
            (shop["c_mar"], product),
        )
    assert figures(board.revenue_by("category", MARCH))["Savon"] == (1400, 2)
    orders.update_product(product, name="Savon de Marseille", category_id=shop["miel"], unit_price_cents=None)
    assert figures(board.revenue_by("category", MARCH)) == {"Miel": (4000, 3), "Savon": (900, 1)}
    assert_consistent(database)


# -- saved figures ------------------------------------------------------------------------
def test_status_split_rfm_segments_and_rf_matrix_from_saved_figures(database, board, contacts):
    saved = [
        ("premium", 12_000_000, "4-4-4", "champions"),
        ("premium", 11_000_000, "4-3-4", "champions"),
        ("actif", 6_000_000, "2-3-3", "a_risque"),
        (None, 0, "0-0-0", "perdus"),
    ]
    ids = [contacts.create({"last_name": f"Client {i}", "stage": "client"}) for i in range(len(saved) + 2)]
    prospect = contacts.create({"last_name": "Prospect"})
    with database.atomic():
        for contact_id, (status, cents, code, segment) in zip(ids, saved):
            database.conn.execute(
                "UPDATE contacts SET status = ?, revenue_year_cents = ?, rfm_code = ?, rfm_segment = ?, "
                "figures_as_of = '2026-11-23' WHERE id = ?",
                (status, cents, code, segment, contact_id),
            )
    contacts.trash(ids[1])
    split = {r["status"]: (r["label"], r["clients"], r["revenue_cents"]) for r in board.status_split()}
    assert list(split) == ["premium", "actif", "standard", "occasionnel", ""]
    assert split["premium"] == ("Premium", 1, 12_000_000) and split["actif"] == ("Actif", 1, 6_000_000)
    assert split["standard"] == ("Standard", 0, 0)
    assert split[""] == ("Sans statut", 3, 0)  # hors grille + two clients never computed
    segments = {r["segment"]: r["clients"] for r in board.rfm_segments()}
    assert list(segments)[:2] == ["champions", "fideles"] and sum(segments.values()) == 3
    assert segments["champions"] == 1 and segments["a_risque"] == 1 and segments["perdus"] == 1
    cells = board.rf_matrix()
    assert len(cells) == 25 and set(cells) == {(r, f) for r in range(5) for f in range(5)}
    assert cells[(4, 4)] == 1 and cells[(2, 3)] == 1 and cells[(0, 0)] == 1 and sum(cells.values()) == 3
    with database.atomic():
        database.conn.execute(
            "INSERT INTO settings(key, value) VALUES ('figures.saved', "
            '\'{"as_of": "2026-11-23", "method": "quantile", "window_days": 365}\')'
        )
    assert set(board.rf_matrix()) >= {(r, f) for r in range(1, 6) for f in range(1, 6)}
    assert prospect


# -- complaints ----------------------------------------------------------------------------
def test_complaints_per_month_by_kind_with_the_share_closed_in_time(database, contacts, board):
    store = ComplaintStore(database)
    client = contacts.create({"last_name": "Martin", "stage": "client"})

    def complaint(kind, received, closed_after_due=None):
        cid = store.create({"contact_id": client, "subject": "x", "kind": kind}, received_at=received)
        if closed_after_due is not None:
            due = dt.date.fromisoformat(store.get(cid, today=TODAY)["due_date"])
            store.advance(
                cid,
                "closure",
                {"answer": "ok", "compensation_kind": "none", "cost_cents": 0, "resatisfied": True},
                at=dt.datetime.combine(due + dt.timedelta(days=closed_after_due), dt.time(17)),
            )
        return cid

    complaint("delivery", dt.datetime(2026, 3, 2, 9), closed_after_due=0)  # on the due date: in time
    complaint("delivery", dt.datetime(2026, 3, 3, 9), closed_after_due=2)  # late
    complaint("safety", dt.datetime(2026, 3, 31, 18), closed_after_due=-1)
    complaint("invoice", dt.datetime(2026, 3, 20, 9))  # still open
    complaint("invoice", dt.datetime(2026, 5, 4, 9))
    rows = board.complaints_by_month(bounds("quarter", dt.date(2026, 3, 1)))
    assert [r["month"] for r in rows] == ["2026-01", "2026-02", "2026-03"]
    january, _, march = rows
    assert january == {
        "month": "2026-01",
        "by_kind": dict.fromkeys(march["by_kind"], 0),
        "total": 0,
        "closed": 0,
        "closed_in_time": 0,
        "in_time_share": None,
    }
    assert march["total"] == 4 and march["closed"] == 3 and march["closed_in_time"] == 2
    assert march["in_time_share"] == pytest.approx(200 / 3)
    assert march["by_kind"]["delivery"] == 2 and march["by_kind"]["safety"] == 1 and march["by_kind"]["other"] == 0
    assert board.complaints_by_month(bounds("month", dt.date(2026, 5, 1)))[0]["by_kind"]["invoice"] == 1


# -- retention -------------------------------------------------------------------------------
def test_retention_over_three_periods(database, contacts, orders, board):
    kept, lost, new = (contacts.create({"last_name": n}) for n in ("Fidèle", "Perdu", "Nouveau"))
    order(orders, kept, "2026-01-05", amount=100)
    order(orders, kept, "2026-02-10", amount=100)
    order(orders, kept, "2026-02-20", amount=100)
    order(orders, kept, "2026-03-01", amount=100)
    order(orders, lost, "2026-01-30", amount=100)
    order(orders, new, "2026-02-14", amount=100)
    months = series("month", dt.date(2026, 3, 1), 3)
    rows = board.retention(months)
    assert [(r["at_start"], r["retained"], r["lost"]) for r in rows] == [(0, 0, 0), (2, 1, 1), (2, 1, 1)]
    assert rows[0]["retention"] is None and rows[0]["attrition"] is None
    assert rows[1]["retention"] == 50.0 and rows[1]["attrition"] == 50.0 and rows[1]["period"] == months[1]
    # the same dates as custom periods: counted from the orders; the period before
    # a custom one has the same number of days (before March's 31: 29 January –
    # 28 February, which holds the lost client's order of 30 January)
    as_custom = board.retention([custom(p.start, p.end) for p in months])
    assert [(r["at_start"], r["retained"]) for r in as_custom] == [(0, 0), (2, 1), (3, 1)]
    # quarters and years
    q2 = board.retention([bounds("quarter", dt.date(2026, 4, 1))])[0]
    assert (q2["at_start"], q2["retained"], q2["attrition"]) == (3, 0, 100.0)
    assert board.retention([bounds("year", dt.date(2027, 1, 1))])[0]["at_start"] == 3
    # an order deleted: the client no longer bought in February
    feb = next(o["id"] for o in orders.orders_of(new))
    orders.delete(feb)
    rows = board.retention(months)
    assert [(r["at_start"], r["retained"]) for r in rows] == [(0, 0), (2, 1), (1, 1)]
    assert_consistent(database)


def test_snapshot_has_everything_read_at_once(board, shop):
    snap = board.snapshot(bounds("quarter", dt.date(2026, 3, 1)), series=8)
    assert {
        "status",
        "category",
        "region",
        "rep",
        "months",
        "rfm_segments",
        "rf_matrix",
        "complaints",
        "retention",
    } <= set(snap)
    assert len(snap["months"]) == 12 and snap["months"][-1]["month"] == "2026-03"
    assert len(snap["complaints"]) == 12
    assert [r["period"].label for r in snap["retention"]][-2:] == ["T4 2025", "T1 2026"]
    assert len(snap["retention"]) == 8 and len(snap["rf_matrix"]) == 25
    assert figures(snap["category"])["Miel"] == (3500, 2)
    long = board.snapshot(custom(dt.date(2024, 6, 15), dt.date(2026, 3, 31)), series=3)
    assert long["months"][0]["month"] == "2024-06" and len(long["months"]) == 22
    assert [r["period"].kind for r in long["retention"]] == ["month"] * 3


# -- bulk inserts, backfill, random histories ---------------------------------------------------
def triggers(database: Database) -> list[tuple[str, str]]:
    return database.query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'dash_*' ORDER BY name"
    )


@pytest.mark.file_only(
    "a file's bulk insert drops the order triggers and puts them back; a server keeps them (other PCs write meanwhile)"
)
def test_bulk_insert_adds_the_new_orders_set_based_and_puts_the_triggers_back(database, orders, shop):
    before = [tuple(r) for r in triggers(database)]
    batch = [
        NewOrder(contact_id=shop["a"], date="2026-03-02", amount_cents=300, lines=[line(300, shop["miel"])]),
        NewOrder(contact_id=shop["c"], date="2026-05-02", amount_cents=50, rep_id=shop["maryse"]),
        NewOrder(
            contact_id=shop["b"], date="2026-05-03", amount_cents=900, lines=[line(400, shop["miel"]), line(500, None)]
        ),
    ]
    with database.atomic():
        orders.insert_many(batch)
    assert [tuple(r) for r in triggers(database)] == before
    assert_consistent(database)
    with pytest.raises(sqlite3.IntegrityError), database.atomic():
        orders.insert_many([NewOrder(contact_id=9999, date="2026-03-02", amount_cents=1)])
    assert [tuple(r) for r in triggers(database)] == before
    assert_consistent(database)


def test_rebuild_gives_what_the_triggers_kept(database, shop):
    kept = stored(database)
    dashboard.rebuild(database)
    assert stored(database) == kept
    if not on_server(database):  # a file's rebuild drops and makes db/005's objects again; a server only counts again
        assert {name for name, _ in triggers(database)} == {
            name for kind, name in dashboard.dashboard_objects() if kind == "TRIGGER"
        }


def test_the_migration_backfills_a_file_of_version_4(tmp_path, monkeypatch):
    path = tmp_path / "ancien.sqlite"
    folder = tmp_path / "db"  # the migrations up to version 4: a file written by that version
    folder.mkdir()
    for number, source in migrate.migrations():
        if number <= 4:
            (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(migrate, "migrations_dir", lambda: folder)
    migrate.migrations.cache_clear()
    with Database(path, create=True) as db:
        assert db.schema_version() == 4
        a = old_contact(db, last_name="ABEL", region="Corse")
        b = old_contact(db, last_name="BODIN")
        store = OrderStore(db)
        with db.atomic():
            category = store.category_id("Miel")
            store.insert_many(
                [
                    NewOrder(a, "2025-12-30", 1000, lines=[line(1000, category)]),
                    NewOrder(a, "2026-01-02", 500),
                    NewOrder(b, "2026-01-03", 700),
                ]
            )
    monkeypatch.undo()
    migrate.migrations.cache_clear()
    with Database(path) as db:
        assert db.schema_version() == migrate.latest_version() >= dashboard_version()
        assert_consistent(db)
        assert figures(DashboardStore(db).revenue_by("region", bounds("year", dt.date(2026, 1, 1)))) == {
            "Corse": (500, 1),
            "Région non renseignée": (700, 1),
        }


def dashboard_version() -> int:
    return int(dashboard.MIGRATION[:3])


DAYS = [dt.date(2025, 11, 1) + dt.timedelta(days=d) for d in range(0, 385, 7)]  # up to TODAY
_op = st.one_of(
    st.tuples(
        st.just("create"),
        st.integers(0, 3),
        st.sampled_from(DAYS),
        st.integers(0, 3),
        st.lists(st.tuples(st.integers(1, 3), st.integers(0, 2), st.integers(0, 3)), max_size=3),
    ),
    st.tuples(
        st.just("bulk"),
        st.integers(0, 3),
        st.sampled_from(DAYS),
        st.integers(0, 3),
        st.lists(st.tuples(st.integers(1, 3), st.integers(0, 2), st.integers(0, 3)), max_size=3),
    ),
    st.tuples(st.just("move"), st.integers(0, 50), st.sampled_from(DAYS), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("recategorise_line"), st.integers(0, 50), st.integers(0, 2)),
    st.tuples(st.just("delete_line"), st.integers(0, 50)),
    st.tuples(st.just("client"), st.integers(0, 3), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("product"), st.integers(0, 1), st.integers(0, 2)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_op, min_size=1, max_size=12))
@pytest.mark.slow
def test_random_histories_keep_the_aggregates_equal_to_a_direct_count(tmp_path_factory, ops):
    path = tmp_path_factory.mktemp("histoire") / "clients.sqlite"
    with Database(path, create=True) as db:
        store, people = OrderStore(db), ContactStore(db)
        with db.atomic():
            cats = [None, store.category_id("Miel"), store.category_id("Savon")]
            reps = [None, store.rep_id("Rémy"), store.rep_id("Maryse")]
            products = [store.product("Miel de lavande", cats[1])[0], store.product("Brosse")[0]]
        regions = [None, "Bretagne", "Corse"]
        clients = [people.create({"last_name": f"C{i}", "region": regions[i % 3]}) for i in range(4)]

        def new_order(who, day, rep, specs):
            lines = [
                NewLine(
                    quantity=q,
                    unit_price_cents=100 * (c + 1),
                    category_id=cats[c],
                    product_id=products[p - 2] if p >= 2 else None,
                    label="x",
                )
                for q, c, p in specs
            ]
            total = sum(round(l.quantity * l.unit_price_cents) for l in lines) or 250
            return NewOrder(
                contact_id=clients[who], date=day.isoformat(), amount_cents=total, rep_id=reps[rep % 3], lines=lines
            )

        for op in ops:
            existing = [r[0] for r in db.conn.execute("SELECT id FROM orders ORDER BY id")]
            lines = [r[0] for r in db.conn.execute("SELECT id FROM order_lines ORDER BY id")]
            kind = op[0]
            if kind == "create":
                store.create(new_order(*op[1:]), today=TODAY)
            elif kind == "bulk":
                with db.atomic():
                    store.insert_many([new_order(*op[1:]), new_order((op[1] + 1) % 4, op[2], op[3], [])])
            elif kind == "move" and existing:
                target = existing[op[1] % len(existing)]
                current = store.as_new_order(target)
                current.date, current.rep_id = op[2].isoformat(), reps[op[3] % 3]
                current.contact_id = clients[op[3]]
                if current.lines:  # lines recategorised or deleted above: the amount follows them
                    current.amount_cents = lines_total(current.lines)
                store.update(target, current, today=TODAY)
            elif kind == "delete" and existing:
                store.delete(existing[op[1] % len(existing)])
            elif kind == "recategorise_line" and lines:
                with db.atomic():
                    db.conn.execute(
                        "UPDATE order_lines SET category_id = ? WHERE id = ?", (cats[op[2]], lines[op[1] % len(lines)])
                    )
            elif kind == "delete_line" and lines:
                with db.atomic():
                    db.conn.execute("DELETE FROM order_lines WHERE id = ?", (lines[op[1] % len(lines)],))
            elif kind == "client":
                people.update(clients[op[1]], {"region": regions[op[2]], "rep_id": reps[op[3]]})
            elif kind == "product":
                store.update_product(
                    products[op[1]],
                    name=["Miel de lavande", "Brosse"][op[1]],
                    category_id=cats[op[2]],
                    unit_price_cents=None,
                )
            assert_consistent(db)
        kept = stored(db)
        dashboard.rebuild(db)
        assert stored(db) == kept


# -- drill-down filters of the client table ---------------------------------------------------
def test_drill_down_filters_of_the_client_table(database, contacts, orders, shop):
    with database.atomic():
        database.conn.execute("UPDATE contacts SET rfm_code = '4-3-2' WHERE id = ?", (shop["a"],))
        database.conn.execute("UPDATE contacts SET rfm_code = '4-2-2' WHERE id = ?", (shop["b"],))
    store = ComplaintStore(database)
    store.create(
        {"contact_id": shop["b"], "subject": "x", "kind": "delivery"}, received_at=dt.datetime(2026, 3, 31, 18)
    )
    store.create({"contact_id": shop["c"], "subject": "x", "kind": "invoice"}, received_at=dt.datetime(2026, 4, 1, 9))

    def names(query):
        got = [r["last_name"] for r in contacts.page(query, 50).rows]
        assert contacts.count(query) == len(got)
        assert [contacts.get(i)["last_name"] for i in contacts.ids(query)] == got
        for index, contact_id in enumerate(contacts.ids(query)):
            assert contacts.position(query, contact_id) == index
        return got

    march = MARCH.iso()
    assert names(ContactQuery(region="Bretagne")) == ["ABEL"]
    assert names(ContactQuery(region="")) == ["COLIN"]
    assert names(ContactQuery(rf=(4, 3))) == ["ABEL"]
    assert names(ContactQuery(rf=(4, 2), sort="code")) == ["BODIN"]
    assert names(ContactQuery(bought=(str(shop["miel"]), *march))) == ["ABEL", "BODIN"]
    assert names(ContactQuery(bought=(str(shop["savon"]), *march))) == ["ABEL"]
    assert names(ContactQuery(bought=(str(shop["savon"]), "2026-02-01", "2026-02-28"))) == ["ABEL"]
    assert names(ContactQuery(bought=("", *march))) == ["COLIN"]
    assert names(ContactQuery(bought=(str(shop["miel"]), *march), region="Grand Est")) == ["BODIN"]
    assert names(ContactQuery(complained=("", *march))) == ["BODIN"]
    assert names(ContactQuery(complained=("invoice", "2026-03-01", "2026-04-30"))) == ["COLIN"]
    assert names(ContactQuery(complained=("delivery", *APRIL.iso()))) == []
    assert contacts.position(ContactQuery(region="Bretagne"), shop["b"]) is None


@pytest.mark.parametrize("name", ["sweetybio", "boldair"])
def test_demo_files_written_in_bulk_have_exact_aggregates_and_the_figures_index(request, tmp_path, name):
    path = copy_demo(request.getfixturevalue(f"{name}_template"), tmp_path, f"{name}.sqlite")
    with Database(path) as database:
        assert_consistent(database)
        assert database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'dash_contact_figures'") == 1
        bulk_written = [tuple(t) for t in triggers(database)]
    with Database(tmp_path / "fresh.sqlite", create=True) as fresh:
        assert bulk_written == [tuple(t) for t in triggers(fresh)]  # every trigger put back after the bulk write
