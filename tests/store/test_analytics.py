"""Figures grouped in SQL: facts, status inputs, the demo's distribution, saved figures, migration 002."""

import datetime as dt
import sqlite3

import pytest

from crmdesk.domain import rfm
from crmdesk.domain.segments import DEFAULT_GRID, Range
from crmdesk.store import analytics, migrate
from crmdesk.store.database import Database
from crmdesk.store.settings import SettingsStore
from tests.helpers.backend import opened
from tests.helpers.old_files import old_contact
from tests.helpers.today import TODAY as AS_OF

pytestmark = pytest.mark.both_kinds


def day(n: int) -> str:
    """ISO date n days before AS_OF (negative = after)."""
    return (AS_OF - dt.timedelta(days=n)).isoformat()


def add_orders(db: Database, contact_id: int, orders: list[tuple[str, int]]) -> None:
    with db.atomic() as conn:
        conn.executemany(
            "INSERT INTO orders(contact_id, date, amount_cents, created_at) VALUES (?, ?, ?, ?)",
            [(contact_id, d, cents, "2026-01-01T00:00:00") for d, cents in orders],
        )


@pytest.fixture
def shop(database, contacts):
    ids = {}
    for code, stage in (
        ("A", "client"),
        ("B", "client"),
        ("C", "client"),
        ("D", "client"),
        ("P", "prospect"),
        ("T", "client"),
    ):
        ids[code] = contacts.create(
            {"code": code, "last_name": f"Nom {code}", "stage": stage, "first_contact": "2020-01-15"}
        )
    add_orders(database, ids["A"], [(day(0), 1000), (day(364), 2000), (day(365), 4000), (day(-1), 8000)])
    add_orders(database, ids["B"], [(day(400), 500)])  # all older than the window
    add_orders(database, ids["C"], [(day(-3), 700)])  # only after as_of: no order yet
    add_orders(database, ids["T"], [(day(5), 900)])
    contacts.trash(ids["T"])
    return ids


def test_client_facts_window_bounds(database, shop):
    facts = analytics.client_facts(database, AS_OF, 365)
    by_code = {f.client_code: f for f in facts.rows}
    assert set(by_code) == {"A", "B"}  # C: no order on or before as_of; T: trashed
    a = by_code["A"]
    # as_of - 364 is inside the window, as_of - 365 is not; as_of + 1 is ignored
    assert (a.recency_days, a.frequency, a.monetary_cents, a.last_order) == (0, 2, 3000, day(0))
    b = by_code["B"]
    assert (b.recency_days, b.frequency, b.monetary_cents) == (400, 0, 0)
    assert facts.without_orders == [(shop["C"], "C"), (shop["D"], "D")]  # the prospect is not a client
    every = {f.client_code: f for f in analytics.client_facts(database, AS_OF, 0).rows}
    assert (every["A"].frequency, every["A"].monetary_cents) == (3, 7000)
    assert analytics.client_facts(database, AS_OF, None).rows == analytics.client_facts(database, AS_OF, 0).rows
    one = {f.client_code: f for f in analytics.client_facts(database, AS_OF, 1).rows}
    assert one["A"].frequency == 1
    later = {f.client_code: f for f in analytics.client_facts(database, AS_OF + dt.timedelta(days=3), 365).rows}
    assert later["C"].recency_days == 0 and later["A"].recency_days == 2


def test_status_inputs_and_seniority(database, shop, contacts):
    contacts.update(shop["B"], {"first_contact": ""})
    inputs = {x.client_code: x for x in analytics.status_inputs(database, AS_OF)}
    assert inputs["A"].revenue_cents == 3000 and inputs["A"].orders == 2
    assert inputs["A"].seniority_years == pytest.approx((AS_OF - dt.date(2020, 1, 15)).days / 365.25)
    assert inputs["B"].seniority_years == pytest.approx(400 / 365.25)  # first order when no first contact


@pytest.mark.file_only("SQLite's query plan (EXPLAIN QUERY PLAN): which index SQLite picks; a server plans alone")
def test_the_query_groups_over_the_covering_index(database, shop):
    for sql in (analytics._FACTS, analytics._FACTS_ALL):
        plan = " ".join(
            r["detail"] for r in database.conn.execute("EXPLAIN QUERY PLAN " + sql, {"start": "", "after": "9"})
        )
        assert "COVERING INDEX orders_by_contact" in plan and "TEMP B-TREE" not in plan
    plan = " ".join(r["detail"] for r in database.conn.execute("EXPLAIN QUERY PLAN " + analytics._CODES))
    assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan


@pytest.fixture
def sweetybio(sweetybio_db):
    return sweetybio_db


def test_sweetybio_reproduces_the_worked_distribution_of_statuses(sweetybio):
    with opened(sweetybio, writer=False) as db:
        d = analytics.segments(db, AS_OF)
    table = [(r.status, r.clients, r.revenue_cents, float(r.volume_share), float(r.value_share)) for r in d.rows]
    assert table == [
        ("premium", 39, 56_826_000, 9.75, 21.0),
        ("actif", 196, 167_772_000, 49.0, 62.0),
        ("standard", 113, 27_060_000, 28.25, 10.0),
        ("occasionnel", 52, 18_942_000, 13.0, 7.0),
    ]
    assert d.clients == 400 and d.revenue_cents == 270_600_000
    assert d.outside.revenue_cents == 0  # former clients: no order in the status year


def test_sweetybio_seed_rfm_examples(sweetybio):
    with opened(sweetybio, writer=False) as db:
        rows, unordered = analytics.rfm_rows(db, AS_OF)
        names = {r["id"]: r["company"] for r in db.query("SELECT id, company FROM contacts")}
    by_name = {names[r.contact_id]: r for r in rows}
    assert (by_name["Bio Corner"].code, by_name["Bio Corner"].segment) == ("4-4-4", "champions")
    assert (by_name["Bio Vie"].code, by_name["Bio Vie"].score, by_name["Bio Vie"].segment) == ("1-2-2", 5, "a_risque")
    assert unordered == []


def test_save_figures_and_refresh_client(database, shop):
    assert analytics.save_figures(database, AS_OF) == 2

    def row(code):
        return dict(
            database.query(
                "SELECT status, revenue_year_cents, orders_year, last_order, "
                "figures_as_of, rfm_code, rfm_segment, rfm_as_of FROM contacts "
                "WHERE code = ?",
                (code,),
            )[0]
        )

    assert row("A") == {
        "status": "occasionnel",
        "revenue_year_cents": 3000,
        "orders_year": 2,
        "last_order": day(0),
        "figures_as_of": AS_OF.isoformat(),
        "rfm_code": "4-1-1",
        "rfm_segment": "prometteurs",
        "rfm_as_of": AS_OF.isoformat(),
    }
    assert row("B")["status"] is None and row("B")["rfm_code"] == "0-0-0"
    assert row("D")["status"] is None and row("D")["figures_as_of"] is None
    # an order is saved for D: its figures follow
    add_orders(database, shop["D"], [(day(2), 6_000_000)])
    analytics.refresh_client(database, shop["D"])
    assert row("D")["status"] == "actif" and row("D")["rfm_code"] == "4-1-3"
    # quantile save: saved with the method; refresh leaves the RFM code
    analytics.save_figures(database, AS_OF, method="quantile")
    before = row("A")["rfm_code"]
    add_orders(database, shop["A"], [(day(1), 100)])
    analytics.refresh_client(database, shop["A"])
    assert row("A")["orders_year"] == 3 and row("A")["rfm_code"] == before


def test_save_figures_uses_the_file_grid(database, shop):
    SettingsStore(database).set("status.grid", DEFAULT_GRID.with_criteria(["seniority"]).to_json())
    analytics.save_figures(database, AS_OF)
    assert database.scalar("SELECT status FROM contacts WHERE code = 'A'") == "premium"
    assert analytics.segments(database, AS_OF).row("premium").clients == 2


@pytest.fixture
def only_001(tmp_path, monkeypatch):
    folder = tmp_path / "db001"
    folder.mkdir()
    first = migrate.migrations()[0][1]
    (folder / first.name).write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(migrate, "migrations_dir", lambda: folder)
    migrate.migrations.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    migrate.migrations.cache_clear()


def test_a_file_from_001_is_migrated_with_figures_null(tmp_path, only_001):
    path = tmp_path / "ancien.sqlite"
    with Database(path, create=True) as db:
        assert db.schema_version() == 1
        cid = old_contact(db, code="A", last_name="ANCIEN", stage="client")
        add_orders(db, cid, [(day(3), 12_345)])
    only_001.undo()
    migrate.migrations.cache_clear()
    with Database(path) as db:
        assert db.schema_version() == migrate.latest_version() >= 2
        assert dict(db.query("SELECT status, rfm_code, last_order FROM contacts")[0]) == {
            "status": None,
            "rfm_code": None,
            "last_order": None,
        }
        indexes = {r["name"] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"contacts_by_status", "contacts_by_rfm_segment", "orders_by_contact"} <= indexes
        analytics.save_figures(db, AS_OF)
        assert db.scalar("SELECT rfm_code FROM contacts") == "4-1-1"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


# -- the fast path (numpy columns, codes apart) gives exactly the straightforward figures ------
def _reference_facts(orders, live, as_of, window_days):
    """Per live contact with an order on or before as_of: (id, code, recency, frequency, monetary, last)."""
    start = as_of - dt.timedelta(days=window_days - 1) if window_days else dt.date.min
    result = {}
    for cid, date, cents in orders:
        day_ = dt.date.fromisoformat(date[:10])
        if day_ > as_of or cid not in live:
            continue
        last, n, total = result.get(cid, (None, 0, 0))
        inside = day_ >= start
        result[cid] = (max(last, date) if last else date, n + inside, total + cents * inside)
    return [
        (cid, live[cid], (as_of - dt.date.fromisoformat(last[:10])).days, n, total, last[:10])
        for cid, (last, n, total) in sorted(result.items())
    ]


def _reference_scores(facts, method, grid):
    def quantile(values, higher):
        n = len(values)
        return [1 + 5 * sum((w < v) if higher else (w > v) for w in values) // n for v in values]

    rec, freq, money = ([f[k] for f in facts] for k in (2, 3, 4))
    if method == "grid":
        r, f, m = ([grid.axis(a).points(v) for v in vs] for a, vs in zip(rfm.AXES, (rec, freq, money)))
        seg = [rfm.segment_of(rfm.grid_to_scale(x), rfm.grid_to_scale(y)) for x, y in zip(r, f)]
    else:
        r, f, m = quantile(rec, False), quantile(freq, True), quantile(money, True)
        seg = [rfm.segment_of(x, y) for x, y in zip(r, f)]
    return sorted((rfm.RfmRow(*x[:5], *s) for x, *s in zip(facts, r, f, m, seg)), key=lambda row: row.client_code)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_path_equals_a_reference_computation(database, contacts, seed):
    import random

    rnd = random.Random(seed)
    live, clients, ids = {}, set(), []
    for k in range(rnd.randrange(20, 45)):
        code = f"{rnd.choice('ABCZa')}{rnd.randrange(1000):03d}-{k}"
        stage = rnd.choice(("client", "client", "prospect"))
        cid = contacts.create({"code": code, "last_name": f"Nom {k}", "stage": stage})
        ids.append(cid)
        live[cid] = code
        if stage == "client":
            clients.add(cid)
    orders = []
    for cid in ids:
        for _ in range(rnd.choice((0, 0, 1, 2, 5, 20))):
            back = rnd.choice((rnd.randrange(-10, 800), rnd.choice((-1, 0, 1, 29, 30, 364, 365))))
            date = (AS_OF - dt.timedelta(days=back)).isoformat()
            if rnd.random() < 0.2:
                date += f"T{rnd.randrange(24):02d}:30:00"
            orders.append((cid, date, rnd.choice((0, 1, 4_000_000, 5_000_000, rnd.randrange(1, 20_000_000)))))
    for cid, date, cents in orders:
        add_orders(database, cid, [(date, cents)])
    for cid in rnd.sample(ids, 4):
        contacts.trash(cid)
        del live[cid]
        clients.discard(cid)
    bands = [(3, Range(0, True, 7, True)), (1, Range(7, False, 100.5, False))]
    odd_grid = rfm.RfmGrid(rfm.AxisGrid(tuple(bands), outside=2), rfm.DEFAULT_GRID.frequency, rfm.DEFAULT_GRID.monetary)
    for as_of in (AS_OF, AS_OF - dt.timedelta(days=rnd.randrange(1, 300)), AS_OF + dt.timedelta(days=20)):
        for window in (365, 30, 1, 0, None):
            expected = _reference_facts(orders, live, as_of, window)
            facts = analytics.client_facts(database, as_of, window)
            assert [tuple(f) for f in facts.rows] == expected
            with_orders = {f[0] for f in expected}
            assert facts.without_orders == sorted(
                ((cid, live[cid]) for cid in clients - with_orders), key=lambda pair: pair[1]
            )
            for cid in rnd.sample(sorted(live), 3):
                one = analytics.client_facts(database, as_of, window, contact_id=cid, with_unordered=False)
                assert [tuple(f) for f in one.rows] == [f for f in expected if f[0] == cid]
            for method in rfm.METHODS:
                for grid in (rfm.DEFAULT_GRID, odd_grid):
                    rows, without = analytics.rfm_rows(database, as_of, method, window, grid)
                    assert rows == _reference_scores(expected, method, grid)
                    assert without == facts.without_orders
                    assert rfm.score(facts.rows, method, grid) == sorted(rows, key=lambda row: row.contact_id)
