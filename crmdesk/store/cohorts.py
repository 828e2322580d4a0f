"""The rows behind the cohort matrix and the pivot exports, read in chunks
(shaped by pandas in crmdesk/io/cohorts.py and crmdesk/io/pivot.py).

* ``activity(database, as_of)``: (client id, month) of every month in which a
  client ordered, up to `as_of` included — the « who bought when » of the
  dashboard (db/005's dash_activity, kept by triggers: one row per client and
  month, never a scan of the orders), plus the orders of `as_of`'s own month
  read up to `as_of` (that month is counted exactly to the day).
* ``revenue(database, rows, period)``: (key, month, revenue in cents) per
  client, category or rep and month of the period, exact to the day. Clients
  from the orders (one GROUP BY over the covering index orders_by_contact);
  categories and reps from the dashboard's daily aggregates (db/005's
  dash_facts), so that they agree with the dashboard to the cent: an order
  with lines counts the value of each line under its category, an order
  without lines its amount under « Sans catégorie » (key 0); an order counts
  under its own rep, else its client's (key 0 = none).
* ``client_names``, ``key_names``: what the keys are called.

Months are numbered as db/005 numbers them: year × 12 + month − 1. Every
chunk is a numpy int64 array of shape (n, 2) or (n, 3): a million clients
never sit in memory as Python tuples. Orders of clients in the trash count,
as on the dashboard (the revenue was made).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from itertools import chain

from crmdesk.domain.contact import display_name
from crmdesk.domain.periods import Period
from crmdesk.i18n import _
from crmdesk.store.dashboard import NO_REP, month_number
from crmdesk.store.database import Database, chunks
from crmdesk.store.figures_base import NO_CATEGORY

ROWS = ("client", "category", "rep")
CHUNK_ROWS = 100_000
# progress(rows read so far); it may raise to stop the reading
Progress = Callable[[int], None]

_MONTH = "CAST(substr({c}, 1, 4) AS INTEGER) * 12 + CAST(substr({c}, 6, 2) AS INTEGER) - 1"
_ACTIVITY = "SELECT contact_id, month FROM dash_activity WHERE month < :month"
_ACTIVITY_NOW = (
    "SELECT DISTINCT contact_id, :month FROM orders INDEXED BY orders_by_date WHERE date >= :first AND date < :after"
)
# One row per client and month. A period holding a good part of the orders walks the
# covering index orders_by_contact (every column read is in it: one pass in client
# order, no sort); a short one seeks its dates in orders_by_date (a look-up and a sort
# per order, cheap when they are few). SQLite's own choice walks the dates for a year
# of 10,000,000 orders: twice as slow (bench/bench_cohorts.py).
_BY_CLIENT = (
    f"SELECT contact_id, {_MONTH.format(c='date')} AS month, sum(amount_cents) "
    "FROM orders INDEXED BY {index} WHERE date >= :first AND date < :after "
    "GROUP BY contact_id, month"
)
_SEEK_SHARE = 20  # seek the dates when the period holds under 1/20 of the orders
_ORDERS_IN = "SELECT total(orders) FROM dash_facts WHERE dimension = 'all' AND day BETWEEN :first AND :last"
_ORDERS = "SELECT total(orders) FROM dash_facts WHERE dimension = 'all'"
_BY_KEY = (
    # « no category » and « no rep » are the key '' (0 here, as SQLite's CAST says; a server wants it said)
    f"SELECT CAST(ifnull(nullif(key, ''), '0') AS INTEGER), {_MONTH.format(c='day')} AS month, sum(revenue_cents) "
    "FROM dash_facts WHERE dimension = :dimension AND day BETWEEN :first AND :last "
    "GROUP BY key, month HAVING sum(orders) != 0"
)
_NAMES = {"category": "SELECT id, name FROM categories", "rep": "SELECT id, name FROM reps"}
_NONE = {"category": NO_CATEGORY, "rep": NO_REP}


def _arrays(database: Database, sql: str, params: dict, width: int, progress: Progress | None) -> Iterator:
    """The rows of `sql` (whole numbers) as int64 arrays of `width` columns, CHUNK_ROWS at a time."""
    import numpy as np

    cur = database.conn.cursor()
    cur.row_factory = None  # plain tuples: a sqlite3.Row costs a Python object per row
    cur.execute(sql, params)
    done = 0
    while chunk := cur.fetchmany(CHUNK_ROWS):
        done += len(chunk)
        yield np.fromiter(chain.from_iterable(chunk), dtype=np.int64, count=width * len(chunk)).reshape(-1, width)
        if progress is not None:
            progress(done)


def activity(database: Database, as_of: dt.date, progress: Progress | None = None) -> Iterator:
    """(client id, month) of each month in which a client ordered, on or before
    `as_of`; each pair once. progress(rows read) after each chunk."""
    month = month_number(as_of)
    first = as_of.replace(day=1).isoformat()
    after = (as_of + dt.timedelta(days=1)).isoformat()
    read = 0

    def counting(done: int) -> None:
        if progress is not None:
            progress(read + done)

    for chunk in _arrays(database, _ACTIVITY, {"month": month}, 2, counting):
        yield chunk
        read += len(chunk)
    yield from _arrays(database, _ACTIVITY_NOW, {"month": month, "first": first, "after": after}, 2, counting)


def revenue(database: Database, rows: str, period: Period, progress: Progress | None = None) -> Iterator:
    """(key, month, revenue in cents) for each client, category or rep (`rows`)
    and month of `period` with orders; key 0 = no category, no rep."""
    if rows not in ROWS:
        raise ValueError(f"unknown rows {rows!r} (expected one of {', '.join(ROWS)})")
    first, last = period.iso()
    if rows == "client":
        params = {"first": first, "after": (period.end + dt.timedelta(days=1)).isoformat()}
        few = (
            database.conn.execute(_ORDERS_IN, {"first": first, "last": last}).fetchone()[0] * _SEEK_SHARE
            < database.conn.execute(_ORDERS).fetchone()[0]
        )
        sql = _BY_CLIENT.format(index="orders_by_date" if few else "orders_by_contact")
        return _arrays(database, sql, params, 3, progress)
    return _arrays(database, _BY_KEY, {"dimension": rows, "first": first, "last": last}, 3, progress)


def client_names(database: Database, ids: Sequence[int]) -> Iterator[tuple[int, str, str]]:
    """(id, N° client, name) of the contacts among `ids`, by chunks of ids."""
    for part, marks in chunks(ids):
        for row in database.conn.execute(
            f"SELECT id, code, kind, last_name, first_name, company FROM contacts WHERE id IN ({marks})", part
        ):
            yield row["id"], row["code"], display_name(dict(row))


def key_names(database: Database, rows: str) -> dict[int, str]:
    """Category or rep id -> name, 0 -> « Sans catégorie » / « Sans commercial »."""
    names = {int(r[0]): r[1] for r in database.conn.execute(_NAMES[rows])}
    names[0] = _(_NONE[rows])
    return names
