"""Behavioural figures of the clients, grouped in SQL (docs/domain/03-statuses.md and 04-rfm.md).

Every figure comes from ONE ``GROUP BY contact_id`` over the orders, walking
the covering index orders_by_contact(contact_id, date, amount_cents) (db/002):
the orders are never loaded one by one into Python.

RFM (client_facts, rfm_rows) is the fast path: the grouped query reads only
the orders' index (no join), its rows are fetched as plain tuples in chunks
into numpy columns, recency is computed in Python from a cache of the few
thousand distinct dates, and the client codes come from one scan of the
index contacts_by_code (which also gives the code order and drops the trash).

Window: with `window_days` = N, the window ending on `as_of` holds the
orders dated d with as_of − N < d ≤ as_of (N days: for 365, as_of − 364 …
as_of); None or 0 = all history up to as_of. Orders after `as_of` are ignored
everywhere. Dates are compared as ISO text (`date < as_of + 1 day`, so an
order stored with a time of day on `as_of` still counts).

Who is counted: live contacts (not in the trash) with at least one order on
or before `as_of`. Clients (stage « client ») without any order are listed
apart (`ClientFacts.without_orders`), never scored.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple

from crmdesk.domain import rfm
from crmdesk.domain import segments as status_rules
from crmdesk.domain.segments import Distribution, Figures, StatusGrid
from crmdesk.store import figures, figures_update
from crmdesk.store.database import Database
from crmdesk.store.figures_base import (
    SAVED_KEY,
    STATUS_DAYS,
    day_of,
    file_grid,
    file_rfm_grid,
    plain_cursor,
    window_bounds,
)

if TYPE_CHECKING:
    import numpy as np
# numpy is imported where the figures are computed: the main window imports
# this module (through the order store) and must start fast.


class ClientFact(NamedTuple):
    contact_id: int
    client_code: str
    recency_days: int  # as_of − last order (0 = ordered on as_of)
    frequency: int  # orders in the window
    monetary_cents: int  # their amounts
    last_order: str  # ISO date of the last order on or before as_of


@dataclass
class ClientFacts:
    rows: list[ClientFact]  # clients with at least one order on or before as_of
    without_orders: list[tuple[int, str]]  # (contact_id, code) of clients with none: not scored


class StatusInput(NamedTuple):
    contact_id: int
    client_code: str
    revenue_cents: int  # over the 365 days ending on as_of
    orders: int
    seniority_years: float | None  # (as_of − first contact, else first order) / 365.25 days
    last_order: str


# The one grouped query: per live contact with orders on or before as_of.
_GROUPED = """
SELECT c.id, c.code, g.last, g.n, g.cents, g.first, c.first_contact
  FROM (SELECT contact_id,
               max(date) AS last,
               min(date) AS first,
               sum(date >= :start) AS n,
               sum(CASE WHEN date >= :start THEN amount_cents ELSE 0 END) AS cents
          FROM orders
         WHERE date < :after
         GROUP BY contact_id) AS g
  JOIN contacts AS c ON c.id = g.contact_id
 WHERE c.deleted_at IS NULL
"""

# RFM: per contact with orders on or before as_of (trashed ones included: dropped
# when the codes are matched). FILTER = only the window's orders; without a
# window, plain count/sum. The index is walked BACKWARDS (ORDER BY contact_id
# DESC): each contact's orders then come latest first, so max(date) copies its
# text once per contact instead of once per order (≈ 25 % of the whole query).
_FACTS = """
SELECT contact_id, max(date),
       count(*) FILTER (WHERE date >= :start),
       coalesce(sum(amount_cents) FILTER (WHERE date >= :start), 0)
  FROM orders
 WHERE date < :after
 GROUP BY contact_id
 ORDER BY contact_id DESC
"""
_FACTS_ALL = """
SELECT contact_id, max(date), count(*), sum(amount_cents)
  FROM orders
 WHERE date < :after
 GROUP BY contact_id
 ORDER BY contact_id DESC
"""
# Every contact by code, through the covering index of UNIQUE(code) (the partial
# index contacts_by_code is not covering for its WHERE: a table look-up per row),
# then the trash (small, its own partial index) is taken out.
_CODES = "SELECT id, code FROM contacts ORDER BY code"
_TRASH = "SELECT id FROM contacts WHERE deleted_at IS NOT NULL"
_CODES_OF = """
SELECT c.id, c.code FROM json_each(:ids) AS j JOIN contacts AS c ON c.id = j.value
 WHERE c.deleted_at IS NULL ORDER BY c.code
"""
_CLIENTS_OF = """
SELECT c.id, c.code FROM json_each(:ids) AS j JOIN contacts AS c ON c.id = j.value
 WHERE c.deleted_at IS NULL AND c.stage = 'client' ORDER BY c.code
"""

_WITHOUT_ORDERS = """
SELECT c.id, c.code FROM contacts AS c
 WHERE c.deleted_at IS NULL AND c.stage = 'client'
   AND NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.contact_id = c.id AND o.date < :after)
 ORDER BY c.code
"""

_CHUNK = 65_536  # rows fetched at a time: a million clients never sit in memory as tuples
_FEW = 2_000  # up to this many contacts, codes are looked up by id instead of a scan


class _Recency(dict):
    """ISO date (or date-time) text → days before as_of; computed once per distinct date."""

    def __init__(self, as_of: dt.date):
        super().__init__()
        self.ordinal = as_of.toordinal()

    def __missing__(self, text: str) -> int:
        value = self[text] = self.ordinal - dt.date.fromisoformat(text[:10]).toordinal()
        return value


class _Columns(NamedTuple):
    ids: list[int]  # contact ids, live contacts only
    codes: list[str]
    recency: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray
    last: list[str] | None  # ISO date of the last order (only when asked)
    without_orders: list[tuple[int, str]] | None


def _columns(
    db: Database,
    as_of: dt.date,
    window_days: int | None,
    *,
    contact_id: int | None = None,
    by_code: bool = False,
    with_last: bool = False,
    with_unordered: bool = False,
) -> _Columns:
    """The RFM figures as columns: in contact id order, or in code order (`by_code`)."""
    import numpy as np

    start, after = window_bounds(as_of, window_days)
    sql = _FACTS if start else _FACTS_ALL
    params = {"start": start, "after": after}
    if contact_id is not None:
        sql = sql.replace("WHERE date < :after", "WHERE date < :after AND contact_id = :id")
        params["id"] = contact_id
    cur = plain_cursor(db)
    latest = cur.execute("SELECT max(date) FROM orders").fetchone()[0]  # orders_by_date: one seek
    if contact_id is None and latest is not None and latest < after:
        sql = sql.replace("WHERE date < :after", "")  # no order after as_of: no test per order
    recency = _Recency(as_of)
    ids, rec, freq, money, lasts = [], [], [], [], []
    cur.execute(sql, params)
    while chunk := cur.fetchmany(_CHUNK):
        i, last, n, cents = zip(*chunk)
        del chunk
        ids.append(np.array(i, dtype=np.int64))
        rec.append(np.fromiter(map(recency.__getitem__, last), dtype=np.int64, count=len(last)))
        freq.append(np.array(n, dtype=np.int64))
        money.append(np.array(cents, dtype=np.int64))
        if with_last:
            lasts.extend([d[:10] for d in last])
    empty = np.zeros(0, dtype=np.int64)
    # back to ascending contact ids
    fact_ids, rec_a, freq_a, money_a = (np.concatenate(c)[::-1] if c else empty for c in (ids, rec, freq, money))
    lasts.reverse()
    del ids, rec, freq, money

    # live contacts (id, code) in code order: every one, or only those with orders
    if contact_id is not None or len(fact_ids) <= _FEW:
        wanted = fact_ids.tolist() if not (with_unordered and contact_id is None) else None
    else:
        wanted = None
    if wanted is not None:
        cur.execute(_CODES_OF, {"ids": json.dumps(wanted)})
    else:
        cur.execute(_CODES)
    code_ids, codes = [], []
    while chunk := cur.fetchmany(_CHUNK):
        i, c = zip(*chunk)
        code_ids.extend(i)
        codes.extend(c)
    del chunk
    live_ids = np.array(code_ids, dtype=np.int64)
    code_obj = np.array(codes, dtype=object) if codes else np.zeros(0, dtype=object)
    del code_ids, codes
    if wanted is None:
        trash = np.array([r[0] for r in cur.execute(_TRASH)], dtype=np.int64)
        if len(trash):
            live = ~np.isin(live_ids, trash)
            live_ids, code_obj = live_ids[live], code_obj[live]

    # position of each client with orders in the code order (-1: trashed)
    if len(live_ids) and len(fact_ids):
        order = np.argsort(live_ids, kind="stable")
        sorted_ids = live_ids[order]
        at = np.searchsorted(sorted_ids, fact_ids)
        at_ok = np.minimum(at, len(sorted_ids) - 1)
        found = sorted_ids[at_ok] == fact_ids
        pos = np.where(found, order[at_ok], -1)
    else:
        pos = np.full(len(fact_ids), -1, dtype=np.int64)
    keep = np.flatnonzero(pos >= 0)
    if by_code:
        keep = keep[np.argsort(pos[keep], kind="stable")]

    unordered = None
    if with_unordered:
        if contact_id is not None:
            unordered = [tuple(r) for r in cur.execute(_WITHOUT_ORDERS, {"after": after})]
        else:
            has = np.zeros(len(live_ids), dtype=bool)
            has[pos[keep]] = True
            missing = live_ids[~has].tolist()
            unordered = [tuple(r) for r in cur.execute(_CLIENTS_OF, {"ids": json.dumps(missing)})] if missing else []
    last_out = None
    if with_last:
        last_obj = np.array(lasts, dtype=object) if lasts else np.zeros(0, dtype=object)
        last_out = last_obj[keep].tolist()
    return _Columns(
        fact_ids[keep].tolist(),
        code_obj[pos[keep]].tolist(),
        rec_a[keep],
        freq_a[keep],
        money_a[keep],
        last_out,
        unordered,
    )


def client_facts(
    db: Database,
    as_of: dt.date,
    window_days: int | None = rfm.DEFAULT_WINDOW_DAYS,
    *,
    contact_id: int | None = None,
    with_unordered: bool = True,
) -> ClientFacts:
    """Recency, frequency, monetary of every client with orders (see the module docstring)."""
    with rfm.no_gc():
        return _client_facts(db, as_of, window_days, contact_id, with_unordered)


def _client_facts(db, as_of, window_days, contact_id, with_unordered) -> ClientFacts:
    c = _columns(db, as_of, window_days, contact_id=contact_id, with_last=True, with_unordered=with_unordered)
    rows = list(
        map(
            tuple.__new__,
            repeat(ClientFact),
            zip(c.ids, c.codes, c.recency.tolist(), c.frequency.tolist(), c.monetary.tolist(), c.last),
        )
    )
    return ClientFacts(rows, c.without_orders if with_unordered else [])


def status_inputs(db: Database, as_of: dt.date, *, contact_id: int | None = None) -> list[StatusInput]:
    """Revenue and orders over the 365 days ending on as_of, seniority, per client with orders."""
    start, after = window_bounds(as_of, STATUS_DAYS)
    params = {"start": start, "after": after}
    sql = _GROUPED
    if contact_id is not None:
        sql = sql.replace("WHERE date < :after", "WHERE date < :after AND contact_id = :id")
        params["id"] = contact_id
    result = []
    for cid, code, last, n, cents, first_order, first_contact in db.conn.execute(sql, params):
        first = day_of(first_contact) or day_of(first_order)
        years = (as_of - first).days / 365.25 if first else None
        result.append(StatusInput(cid, code, cents, n, years, last[:10]))
    return result


def statuses(db: Database, as_of: dt.date, grid: StatusGrid | None = None) -> list[tuple[StatusInput, str | None]]:
    grid = grid or file_grid(db)
    return [
        (x, grid.status_of(Figures(x.revenue_cents, x.orders, x.seniority_years))) for x in status_inputs(db, as_of)
    ]


def segments(db: Database, as_of: dt.date, grid: StatusGrid | None = None) -> Distribution:
    """Clients and revenue per status (the file's grid unless one is given)."""
    return status_rules.distribution((status, x.revenue_cents) for x, status in statuses(db, as_of, grid))


def rfm_rows(
    db: Database,
    as_of: dt.date,
    method: str = "grid",
    window_days: int | None = rfm.DEFAULT_WINDOW_DAYS,
    grid: rfm.RfmGrid | None = None,
) -> tuple[list[rfm.RfmRow], list[tuple[int, str]]]:
    """Scored clients (sorted by client code) and the clients without orders."""
    if method not in rfm.METHODS:
        rfm.score([], method)  # the error for an unknown method
    with rfm.no_gc():
        c = _columns(db, as_of, window_days, by_code=True, with_unordered=True)
    rows = rfm.score_columns(c.ids, c.codes, c.recency, c.frequency, c.monetary, method, grid or file_rfm_grid(db))
    return rows, c.without_orders


# -- figures saved on the contacts --------------------------------------------------------
_SET_STATUS = (
    "UPDATE contacts SET status = ?, revenue_year_cents = ?, orders_year = ?, last_order = ?, "
    "figures_as_of = ? WHERE id = ?"
)
_SET_RFM = "UPDATE contacts SET rfm_code = ?, rfm_segment = ?, rfm_as_of = ? WHERE id = ?"


def save_figures(
    db: Database,
    as_of: dt.date,
    *,
    grid: StatusGrid | None = None,
    method: str = "grid",
    window_days: int | None = rfm.DEFAULT_WINDOW_DAYS,
) -> int:
    """Write status, yearly revenue and orders, last order, RFM code and segment on
    the contacts as of `as_of`, with the file's grids (or `grid`), RFM `method` and
    `window_days`, in one transaction; the choice is kept in « rfm.choice ».
    Only the contacts whose figures change are written (crmdesk.store.figures_update).
    Contacts without orders get NULL. Returns the number of contacts with figures."""
    columns = figures.compute(db, as_of, figures.Choice(method, window_days or None), grid=grid)
    figures_update.store(db, columns)
    return len(columns.ids)


def refresh_client(db: Database, contact_id: int, as_of: dt.date | None = None) -> None:
    """Recompute one contact's saved figures (after one of its orders is saved or
    deleted), as of `as_of` (default: the day of the figures of the file, else today:
    every contact's figures are of the same day).

    Status, revenue, orders and last order are exact. The RFM code is recomputed
    when the last save used the points grid (a client's grid points depend only on
    its own figures); after a quantile save its RFM code is left as it was, since
    quantile scores depend on every client (recompute them all with save_figures).
    """
    saved = _saved(db)
    if as_of is None:
        as_of = day_of(saved.get("as_of")) or dt.date.today()
    day = as_of.isoformat()
    inputs = status_inputs(db, as_of, contact_id=contact_id)
    with db.atomic() as conn:
        if not inputs:
            # no order by then: no figures, as after a full computation (not « hors grille »)
            conn.execute(
                "UPDATE contacts SET status = NULL, revenue_year_cents = NULL, orders_year = NULL, "
                "last_order = NULL, figures_as_of = NULL, rfm_code = NULL, rfm_segment = NULL, "
                "rfm_as_of = NULL WHERE id = ?",
                (contact_id,),
            )
            return
        x = inputs[0]
        status = file_grid(db).status_of(Figures(x.revenue_cents, x.orders, x.seniority_years))
        conn.execute(_SET_STATUS, (status, x.revenue_cents, x.orders, x.last_order, day, contact_id))
        if saved.get("method", "grid") == "grid":
            window = saved.get("window_days", rfm.DEFAULT_WINDOW_DAYS)
            facts = client_facts(db, as_of, window, contact_id=contact_id, with_unordered=False).rows
            for row in rfm.score(facts, "grid", file_rfm_grid(db)):
                conn.execute(_SET_RFM, (row.code, row.segment, day, contact_id))


def _saved(db: Database) -> dict:
    raw = db.scalar("SELECT value FROM settings WHERE key = ?", (SAVED_KEY,))
    return json.loads(raw) if raw else {}
