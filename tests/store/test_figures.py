"""Figures as of a day (crmdesk/store/figures.py): computed in one pass, kept on the
contacts by writing only what changed, read for any day."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest

from crmdesk.domain import rfm
from crmdesk.domain.segments import DEFAULT_GRID, Figures, Range
from crmdesk.store import analytics, figures, figures_update
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.settings import SettingsStore
from tests.helpers.today import TODAY as AS_OF
from tests.store.test_analytics import _reference_facts, _reference_scores, add_orders

pytestmark = pytest.mark.both_kinds

KEYS = ("status", "revenue_year_cents", "orders_year", "last_order", "rfm_code", "rfm_segment")


def reference(
    orders, live, first_contact, as_of, grid=DEFAULT_GRID, method="grid", window=365, rfm_grid=rfm.DEFAULT_GRID
):
    """Every contact's figures as of `as_of`, the straightforward way, from the orders."""
    year = {f[0]: f for f in _reference_facts(orders, live, as_of, 365)}
    scores = {
        r.contact_id: r for r in _reference_scores(_reference_facts(orders, live, as_of, window), method, rfm_grid)
    }
    result = {}
    for cid, (_, _, _, n, cents, last) in year.items():
        firsts = [dt.date.fromisoformat(d[:10]) for c, d, _ in orders if c == cid and d[:10] <= as_of.isoformat()]
        since = first_contact.get(cid) or min(firsts)
        status = grid.status_of(Figures(cents, n, (as_of - since).days / 365.25))
        score = scores[cid]
        result[cid] = {
            "status": status,
            "revenue_year_cents": cents,
            "orders_year": n,
            "last_order": last,
            "rfm_code": score.code,
            "rfm_segment": score.segment,
        }
    return result


def saved(database) -> dict[int, dict]:
    return {
        r["id"]: {k: r[k] for k in KEYS}
        for r in database.query(f"SELECT id, {', '.join(KEYS)} FROM contacts WHERE figures_as_of IS NOT NULL")
    }


@pytest.fixture
def shop(database, contacts):
    """Random contacts and orders (some with a time of day, some after AS_OF), a few in the trash."""
    rnd = random.Random(7)
    live, first_contact, orders = {}, {}, []
    for k in range(60):
        since = AS_OF - dt.timedelta(days=rnd.randrange(10, 2000))
        cid = contacts.create(
            {
                "code": f"C{k:03d}",
                "last_name": f"Nom {k}",
                "stage": "client",
                "first_contact": since.isoformat() if k % 4 else "",
            }
        )
        live[cid] = f"C{k:03d}"
        if k % 4:
            first_contact[cid] = since
        for _ in range(rnd.choice((0, 1, 3, 8, 15, 25))):
            date = (AS_OF - dt.timedelta(days=rnd.randrange(-30, 600))).isoformat()
            if rnd.random() < 0.2:
                date += "T10:30:00"
            orders.append((cid, date, rnd.choice((0, 4_000_000, 5_000_000, rnd.randrange(1, 2_000_000)))))
    for cid, date, cents in orders:
        add_orders(database, cid, [(date, cents)])
    for cid in rnd.sample(sorted(live), 5):
        contacts.trash(cid)
        del live[cid]
    return live, first_contact, orders


@pytest.mark.parametrize("method,window", [("grid", 365), ("quantile", 365), ("grid", 30), ("quantile", None)])
def test_computed_figures_equal_the_reference(database, shop, method, window):
    live, first_contact, orders = shop
    choice = figures.Choice(method, window)
    for as_of in (AS_OF, AS_OF - dt.timedelta(days=100), AS_OF + dt.timedelta(days=10)):
        columns = figures.compute(database, as_of, choice)
        got = {int(cid): figures.figures_of(columns, int(cid)) for cid in columns.ids}
        assert got == reference(orders, live, first_contact, as_of, method=method, window=window)


def test_seniority_counts_the_first_contact_else_the_first_order(database, shop):
    live, first_contact, orders = shop
    grid = DEFAULT_GRID.with_criteria(["seniority", "revenue"])
    SettingsStore(database).set("status.grid", grid.to_json())
    columns = figures.compute(database, AS_OF)
    got = {int(cid): figures.figures_of(columns, int(cid))["status"] for cid in columns.ids}
    expected = {cid: f["status"] for cid, f in reference(orders, live, first_contact, AS_OF, grid).items()}
    assert got == expected and len(set(got.values())) > 2


def test_a_new_day_writes_only_the_contacts_whose_figures_changed(database, shop):
    live, first_contact, orders = shop
    assert figures_update.recompute(database, AS_OF) == len(reference(orders, live, first_contact, AS_OF))
    assert saved(database) == reference(orders, live, first_contact, AS_OF)
    assert figures_update.recompute(database, AS_OF) == 0  # the same day again: nothing to write
    later = AS_OF + dt.timedelta(days=9)
    before, after = (reference(orders, live, first_contact, day) for day in (AS_OF, later))
    changed = {cid for cid in before.keys() | after.keys() if before.get(cid) != after.get(cid)}
    assert 0 < len(changed) < len(after)
    assert figures_update.recompute(database, later) == len(changed)
    assert saved(database) == after
    state = figures.saved_state(database)
    assert state.day == later and state.is_of(later) and not state.is_of(AS_OF)


def test_written_in_short_transactions_the_result_is_the_same(database, shop):
    live, first_contact, orders = shop
    figures_update.recompute(database, AS_OF - dt.timedelta(days=200))
    columns = figures.compute(database, AS_OF)
    steps = []
    figures_update.store(database, columns, chunk=3, progress=lambda done, total: steps.append(done * 1000 // total))
    assert saved(database) == reference(orders, live, first_contact, AS_OF)
    assert steps == sorted(steps) and steps[-1] == 1000 and len(steps) > 3


def test_a_contact_without_orders_by_then_or_in_the_trash_loses_its_figures(database, contacts, shop):
    live, first_contact, orders = shop
    figures_update.recompute(database, AS_OF)
    someone = next(cid for cid in saved(database))
    contacts.trash(someone)
    database.conn.execute(
        "DELETE FROM orders WHERE contact_id = ?", (next(c for c in saved(database) if c != someone),)
    )
    figures_update.recompute(database, AS_OF)
    del live[someone]
    remaining = [
        o
        for o in orders
        if o[0] in live and database.scalar("SELECT count(*) FROM orders WHERE contact_id = ?", (o[0],))
    ]
    assert saved(database) == reference(remaining, live, first_contact, AS_OF)
    gone = database.query("SELECT figures_as_of, rfm_as_of, status, rfm_code FROM contacts WHERE id = ?", (someone,))[0]
    assert tuple(gone) == (None, None, None, None)


def test_a_new_grid_or_rfm_choice_makes_the_copy_out_of_date(database, shop):
    assert figures.needs_update(database, AS_OF)  # never computed, orders
    figures_update.recompute(database, AS_OF)
    assert not figures.needs_update(database, AS_OF) and figures.needs_update(database, AS_OF + dt.timedelta(1))
    SettingsStore(database).set("status.grid", DEFAULT_GRID.with_criteria(["orders"]).to_json())
    assert figures.needs_update(database, AS_OF)
    figures_update.recompute(database, AS_OF)
    assert not figures.needs_update(database, AS_OF)
    SettingsStore(database).set(figures.CHOICE_KEY, {"method": "quantile", "window_days": 90})
    assert figures.needs_update(database, AS_OF)
    assert figures.saved_state(database).choice == figures.Choice("quantile", 90)
    figures_update.recompute(database, AS_OF)  # the chosen method is kept
    assert figures.saved_state(database).is_of(AS_OF)
    assert database.scalar("SELECT count(*) FROM contacts WHERE rfm_code LIKE '0-%'") == 0  # quantiles: 1..5


def test_an_empty_file_needs_nothing(database):
    assert not figures.needs_update(database, AS_OF)


def test_figures_of_a_day_read_the_copy_or_compute(database, shop):
    live, first_contact, orders = shop
    figures_update.recompute(database, AS_OF)
    later = AS_OF + dt.timedelta(days=40)
    expected = reference(orders, live, first_contact, later)
    some = sorted(live)[:8]
    for ids in (some, None):  # a few contacts alone, or everyone at once
        view = figures.FiguresAsOf(database, later)
        assert not view.saved
        view.prepare(ids)
        for cid in some:
            got = view.of(cid)
            assert got["figures_as_of"] == (later.isoformat() if cid in expected else None)
            assert {k: got[k] for k in KEYS} == expected.get(cid, dict.fromkeys(KEYS))
    copy = figures.FiguresAsOf(database, AS_OF)
    assert copy.saved
    today = reference(orders, live, first_contact, AS_OF)
    assert all({k: copy.of(cid)[k] for k in KEYS} == today.get(cid, dict.fromkeys(KEYS)) for cid in some)


def test_selections_by_status_and_segment_are_those_of_the_day(database, shop):
    live, first_contact, orders = shop
    figures_update.recompute(database, AS_OF)
    later = AS_OF + dt.timedelta(days=120)
    expected = reference(orders, live, first_contact, later)
    by_code = sorted(live, key=live.get)
    for status in ("occasionnel", "actif", ""):
        wanted = [cid for cid in by_code if (expected.get(cid, {}).get("status") or "") == status]
        assert figures.ids_where(database, later, status=status) == wanted
    wanted = [cid for cid in by_code if expected.get(cid, {}).get("rfm_segment") == "perdus"]
    assert figures.ids_where(database, later, segment="perdus") == wanted and wanted
    # on the day of the copy, the indexes of the client table answer the same
    assert figures.ids_where(database, AS_OF, status="actif") == analytics_ids(database, "actif")


def analytics_ids(database, status):
    from crmdesk.store.contacts import ContactStore

    return ContactStore(database).ids(ContactQuery(sort="code", status=status))


def test_refresh_client_without_orders_leaves_no_figures(database, contacts):
    cid = contacts.create({"code": "X1", "last_name": "Seul", "stage": "client"})
    add_orders(database, cid, [(AS_OF.isoformat(), 1000)])
    figures_update.recompute(database, AS_OF)
    database.conn.execute("DELETE FROM orders WHERE contact_id = ?", (cid,))
    analytics.refresh_client(database, cid)
    assert database.scalar("SELECT figures_as_of FROM contacts WHERE id = ?", (cid,)) is None


def test_status_array_is_status_of_on_every_value():
    import numpy as np

    grid = DEFAULT_GRID.with_criteria(["revenue", "orders", "seniority"])
    values = [
        (c, n, y)
        for c in (0, 1, 3_999_999, 4_000_000, 5_000_000, 10_000_000, 10_000_001)
        for n in (0, 1, 4, 5, 9, 13, 14)
        for y in (float("nan"), 0.5, 1.0, 2.0, 3.0, 3.5)
    ]
    cents, orders, years = (np.array(v) for v in zip(*values))
    got = grid.status_array(cents, orders, years)
    codes = [grid.rules[i].code if i >= 0 else None for i in got.tolist()]
    assert codes == [grid.status_of(Figures(c, n, None if math.isnan(y) else y)) for c, n, y in values]
    assert Range(1, False, 5, True).contains_array(np.array([1, 2, 5, 6])).tolist() == [False, True, True, False]


# -- the snapshot of the figures written last (db/013), the next day's update -----------------------------
def test_the_next_day_computes_only_what_a_day_can_change(database, contacts, shop, monkeypatch):
    from crmdesk.store.orders import NewOrder, OrderStore

    live, first_contact, orders = shop
    figures_update.recompute(database, AS_OF)
    assert database.scalar("SELECT contacts FROM figures_snapshot") == len(saved(database))
    assert database.scalar("SELECT count(*) FROM figures_touched") == 0
    # since: an order typed (its client's figures follow, as of the file's day), a client sent to the trash
    someone = sorted(saved(database))[3]
    OrderStore(database).create(
        NewOrder(contact_id=someone, date=AS_OF.isoformat(), amount_cents=7_000_000), today=AS_OF
    )
    orders = [*orders, (someone, AS_OF.isoformat(), 7_000_000)]
    gone = sorted(saved(database))[5]
    contacts.trash(gone)
    del live[gone]
    touched = {r[0] for r in database.query("SELECT contact_id FROM figures_touched")}
    assert {someone, gone} <= touched
    asked = []
    real = figures_update.compute
    monkeypatch.setattr(figures_update, "compute", lambda *a, **k: asked.append(k.get("only")) or real(*a, **k))
    for days in (1, 3, 40):
        later = AS_OF + dt.timedelta(days=days)
        figures_update.update(database, later)
        assert saved(database) == reference(orders, live, first_contact, later)
        assert asked[-1] is not None and len(asked[-1]) < len(live)  # a few contacts read, not everyone
    assert database.scalar("SELECT count(*) FROM figures_touched") == 0
    # quantiles: the next day too (every client ranked anew from the snapshot's sums)
    SettingsStore(database).set(figures.CHOICE_KEY, {"method": "quantile", "window_days": 90})
    figures_update.update(database, later)  # new rules: every contact
    assert asked[-1] is None
    for days in (1, 2):
        later += dt.timedelta(days=days)
        figures_update.update(database, later)
        assert asked[-1] is not None
        assert saved(database) == reference(orders, live, first_contact, later, method="quantile", window=90)
    # a day far off, a grid counting seniority: every contact
    later += dt.timedelta(days=200)
    figures_update.update(database, later)
    assert asked[-1] is None
    grid = DEFAULT_GRID.with_criteria(["seniority"])
    SettingsStore(database).set("status.grid", grid.to_json())
    figures_update.update(database, later)
    later += dt.timedelta(days=1)
    figures_update.update(database, later)
    assert asked[-1] is None
    assert saved(database) == reference(orders, live, first_contact, later, grid, method="quantile", window=90)
    state = figures.saved_state(database)
    assert state.is_of(later) and state.choice == figures.Choice("quantile", 90)


def test_the_update_sees_what_was_written_behind_its_back(database, shop):
    live, first_contact, orders = shop
    figures_update.recompute(database, AS_OF)
    victim = min(saved(database))
    database.conn.execute(
        "UPDATE contacts SET revenue_year_cents = revenue_year_cents + 1, rfm_code = '9-9-9' WHERE id = ?", (victim,)
    )  # no refresh: the trigger notes it all the same
    assert figures_update.update(database, AS_OF + dt.timedelta(days=1)) >= 1
    assert saved(database) == reference(orders, live, first_contact, AS_OF + dt.timedelta(days=1))


def test_an_interrupted_write_is_finished_by_the_next_update(database, shop):
    live, first_contact, orders = shop
    figures_update.recompute(database, AS_OF)
    later = AS_OF + dt.timedelta(days=30)
    stops = []

    def stop_at_the_second(done, total):  # writing from 700 ‰: the start, the 1st transaction, the 2nd
        if done * 1000 // total >= 700:
            stops.append(done)
            if len(stops) == 3:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        figures_update.update(database, later, chunk=2, progress=stop_at_the_second)
    assert figures.saved_state(database).day == AS_OF  # the day is saved with the last transaction
    assert figures_update.held(database).as_of is None  # and the snapshot went with the first one
    figures_update.update(database, later + dt.timedelta(days=1))
    assert saved(database) == reference(orders, live, first_contact, later + dt.timedelta(days=1))


def test_the_snapshot_packs_every_value(database, shop):
    figures_update.recompute(database, AS_OF)
    columns = figures.compute(database, AS_OF)
    now = figures_update.held(database)
    assert now.as_of == AS_OF and len(now.touched) == 0
    assert all((a == b).all() for a, b in zip(now.snapshot, figures_update.snapshot_of(columns)))
    read = figures_update.read_rows(database)  # the contacts' own columns, as numbers (no sums)
    assert len(now.snapshot.ids) == len(read.ids)
    assert all((a == b).all() for a, b in zip(now.snapshot[:7], read[:7])) and (read.frequency == -1).all()


def test_the_orders_entering_and_leaving_a_window_are_found_by_date(database, shop):
    _live, _first_contact, orders = shop
    figures_update.recompute(database, AS_OF)
    later = AS_OF + dt.timedelta(days=10)
    found = set(figures_update.movers(database, AS_OF, later, figures.Choice("grid", 30)).tolist())
    dates = {day: (AS_OF - dt.timedelta(days=day)).isoformat() for day in range(-10, 400)}
    for window in (365, 30):  # the orders that left the window, or entered it
        left = {c for c, d, _ in orders if dates[window - 1] <= d[:10] < dates[window - 11]}
        entered = {c for c, d, _ in orders if dates[-1] <= d[:10] <= dates[-10]}
        assert left | entered <= found and left
