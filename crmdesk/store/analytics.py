"""Behavioural figures of the clients, grouped in SQL (DOMAIN §3–§4).

Every figure comes from ONE ``GROUP BY contact_id`` over the orders, walking
the covering index orders_by_contact(contact_id, date, amount_cents) (db/002):
the orders are never loaded one by one into Python.

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
from typing import NamedTuple

from crmdesk.domain import rfm
from crmdesk.domain import segments as status_rules
from crmdesk.domain.segments import Distribution, Figures, StatusGrid
from crmdesk.store.database import Database

STATUS_DAYS = 365   # the status year: the 365 days ending on as_of
SAVED_KEY = "figures.saved"   # how the figures on the contacts were computed (JSON)


class ClientFact(NamedTuple):
    contact_id: int
    client_code: str
    recency_days: int         # as_of − last order (0 = ordered on as_of)
    frequency: int            # orders in the window
    monetary_cents: int       # their amounts
    last_order: str           # ISO date of the last order on or before as_of


@dataclass
class ClientFacts:
    rows: list[ClientFact]                 # clients with at least one order on or before as_of
    without_orders: list[tuple[int, str]]  # (contact_id, code) of clients with none: not scored


class StatusInput(NamedTuple):
    contact_id: int
    client_code: str
    revenue_cents: int        # over the 365 days ending on as_of
    orders: int
    seniority_years: float | None   # (as_of − first contact, else first order) / 365.25 days
    last_order: str


def _bounds(as_of: dt.date, window_days: int | None) -> tuple[str, str]:
    """(first day of the window, day after as_of) as ISO text; '' = no lower bound."""
    if window_days is not None and window_days < 0:
        raise ValueError("window_days must be >= 0")
    after = (as_of + dt.timedelta(days=1)).isoformat()
    start = (as_of - dt.timedelta(days=window_days - 1)).isoformat() if window_days else ""
    return start, after


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

_FACTS = """
SELECT c.id, c.code,
       CAST(julianday(:as_of) - julianday(substr(g.last, 1, 10)) AS INTEGER),
       g.n, g.cents, substr(g.last, 1, 10)
  FROM (SELECT contact_id,
               max(date) AS last,
               sum(date >= :start) AS n,
               sum(CASE WHEN date >= :start THEN amount_cents ELSE 0 END) AS cents
          FROM orders
         WHERE date < :after
         GROUP BY contact_id) AS g
  JOIN contacts AS c ON c.id = g.contact_id
 WHERE c.deleted_at IS NULL
"""

_WITHOUT_ORDERS = """
SELECT c.id, c.code FROM contacts AS c
 WHERE c.deleted_at IS NULL AND c.stage = 'client'
   AND NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.contact_id = c.id AND o.date < :after)
 ORDER BY c.code
"""


def client_facts(db: Database, as_of: dt.date, window_days: int | None = rfm.DEFAULT_WINDOW_DAYS, *,
                 contact_id: int | None = None, with_unordered: bool = True) -> ClientFacts:
    """Recency, frequency, monetary of every client with orders (see the module docstring)."""
    start, after = _bounds(as_of, window_days)
    params = {"start": start, "after": after, "as_of": as_of.isoformat()}
    sql = _FACTS
    if contact_id is not None:
        sql = sql.replace("WHERE date < :after", "WHERE date < :after AND contact_id = :id")
        params["id"] = contact_id
    rows = list(map(ClientFact._make, db.conn.execute(sql, params)))
    unordered = ([tuple(r) for r in db.conn.execute(_WITHOUT_ORDERS, {"after": after})]
                 if with_unordered else [])
    return ClientFacts(rows, unordered)


def status_inputs(db: Database, as_of: dt.date, *, contact_id: int | None = None) -> list[StatusInput]:
    """Revenue and orders over the 365 days ending on as_of, seniority, per client with orders."""
    start, after = _bounds(as_of, STATUS_DAYS)
    params = {"start": start, "after": after}
    sql = _GROUPED
    if contact_id is not None:
        sql = sql.replace("WHERE date < :after", "WHERE date < :after AND contact_id = :id")
        params["id"] = contact_id
    result = []
    for cid, code, last, n, cents, first_order, first_contact in db.conn.execute(sql, params):
        first = _date(first_contact) or _date(first_order)
        years = (as_of - first).days / 365.25 if first else None
        result.append(StatusInput(cid, code, cents, n, years, last[:10]))
    return result


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def file_grid(db: Database) -> StatusGrid:
    from crmdesk.store.settings import SettingsStore

    return status_rules.grid_from_settings(SettingsStore(db).all())


def file_rfm_grid(db: Database) -> rfm.RfmGrid:
    from crmdesk.store.settings import SettingsStore

    return rfm.grid_from_settings(SettingsStore(db).all())


def statuses(db: Database, as_of: dt.date, grid: StatusGrid | None = None) -> list[tuple[StatusInput, str | None]]:
    grid = grid or file_grid(db)
    return [(x, grid.status_of(Figures(x.revenue_cents, x.orders, x.seniority_years)))
            for x in status_inputs(db, as_of)]


def segments(db: Database, as_of: dt.date, grid: StatusGrid | None = None) -> Distribution:
    """Clients and revenue per status (the file's grid unless one is given)."""
    return status_rules.distribution((status, x.revenue_cents) for x, status in statuses(db, as_of, grid))


def rfm_rows(db: Database, as_of: dt.date, method: str = "grid", window_days: int | None = rfm.DEFAULT_WINDOW_DAYS,
             grid: rfm.RfmGrid | None = None) -> tuple[list[rfm.RfmRow], list[tuple[int, str]]]:
    """Scored clients (sorted by client code) and the clients without orders."""
    facts = client_facts(db, as_of, window_days)
    rows = rfm.score(facts.rows, method, grid or file_rfm_grid(db))
    rows.sort(key=lambda r: r.client_code)
    return rows, facts.without_orders


# -- figures saved on the contacts --------------------------------------------------------
_CLEAR = ("UPDATE contacts SET status = NULL, revenue_year_cents = NULL, orders_year = NULL, "
          "last_order = NULL, figures_as_of = NULL, rfm_code = NULL, rfm_segment = NULL, rfm_as_of = NULL "
          "WHERE figures_as_of IS NOT NULL OR rfm_as_of IS NOT NULL")
_SET_STATUS = ("UPDATE contacts SET status = ?, revenue_year_cents = ?, orders_year = ?, last_order = ?, "
               "figures_as_of = ? WHERE id = ?")
_SET_RFM = "UPDATE contacts SET rfm_code = ?, rfm_segment = ?, rfm_as_of = ? WHERE id = ?"


def save_figures(db: Database, as_of: dt.date, *, grid: StatusGrid | None = None,
                 rfm_result: list[rfm.RfmRow] | None = None, method: str = "grid",
                 window_days: int | None = rfm.DEFAULT_WINDOW_DAYS) -> int:
    """Write status, yearly revenue and orders, last order, RFM code and segment on
    every contact, in one transaction (executemany). `rfm_result` = the rows the RFM
    dialog shows; by default the file's points grid (or `method`) over `window_days`.
    Contacts without orders get NULL. Returns the number of contacts with figures."""
    grid = grid or file_grid(db)
    rfm_grid = file_rfm_grid(db)
    pairs = statuses(db, as_of, grid)
    if rfm_result is None:
        rfm_result = rfm.score(client_facts(db, as_of, window_days, with_unordered=False).rows, method, rfm_grid)
    day = as_of.isoformat()
    with db.atomic() as conn:
        conn.execute(_CLEAR)
        conn.executemany(_SET_STATUS, ((status, x.revenue_cents, x.orders, x.last_order, day, x.contact_id)
                                       for x, status in pairs))
        conn.executemany(_SET_RFM, ((r.code, r.segment, day, r.contact_id) for r in rfm_result))
        conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (SAVED_KEY, json.dumps({"as_of": day, "method": method, "window_days": window_days})))
    return len(pairs)


def refresh_client(db: Database, contact_id: int, as_of: dt.date | None = None) -> None:
    """Recompute one contact's saved figures (after one of its orders is saved or
    deleted), as of `as_of` (default: the date of the last save_figures, else today).

    Status, revenue, orders and last order are exact. The RFM code is recomputed
    when the last save used the points grid (a client's grid points depend only on
    its own figures); after a quantile save its RFM code is left as it was, since
    quantile scores depend on every client (recompute them all with save_figures).
    """
    saved = _saved(db)
    if as_of is None:
        as_of = _date(saved.get("as_of")) or dt.date.today()
    day = as_of.isoformat()
    inputs = status_inputs(db, as_of, contact_id=contact_id)
    with db.atomic() as conn:
        if not inputs:
            conn.execute("UPDATE contacts SET status = NULL, revenue_year_cents = NULL, orders_year = NULL, "
                         "last_order = NULL, figures_as_of = ?, rfm_code = NULL, rfm_segment = NULL, "
                         "rfm_as_of = NULL WHERE id = ?", (day, contact_id))
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
