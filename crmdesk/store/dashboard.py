"""The figures behind the dashboard (docs/domain/09-dashboards.md, issue 6), for a chosen period.

Everything is read from aggregates that db/005_dashboard.sql keeps up to date
with triggers (see that file for what each order counts for; a bulk insert of
orders goes through ``bulk_orders`` instead), or from one index-only pass over
the contacts' saved figures, never from a scan of the orders: a refresh stays
well under 2 s on a file of 1,000,000 clients and 10,000,000 orders
(bench/bench_dashboard.py). ``rebuild`` recomputes the aggregates from scratch.

* ``status_split``: clients and their yearly revenue per status (db/002
  figures); "" = clients without a status (hors grille, or never computed).
  The statuses and RFM codes are those of a day (docs/domain/12-figures-as-of.md): by default the
  day of the copy kept on the contacts (``figures_day``), which the window keeps
  at today; for another day they are computed from the orders
  (crmdesk.store.figures, ~4 s on a million clients).
* ``revenue_by(dimension, period)``: revenue and orders per product category,
  region or rep over the period, exact to the day. An order counts once per
  key: in « category », an order with lines in two categories counts in both.
  Region and rep are the client's current ones (the order's rep first).
* ``revenue_by_month``: revenue, orders and distinct clients per month.
* ``rfm_segments``, ``rf_matrix``: the RFM segments and codes (same day).
* ``complaints_by_month``: complaints received per month and kind, how many
  are closed, and the share of those closed on or before their due date.
* ``retention``: for each period, clients at start = clients with an order in
  the previous period of the same length; retained = those of them with an
  order in the period; lost = at start − retained; retention and attrition in
  percent of the clients at start (None when there is nobody at start).
  Months, quarters and years are read from counters; custom periods are
  counted from the orders (exact; ~2 s each on 10,000,000 orders).

Orders of clients in the trash still count (the revenue was made).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterable
from functools import lru_cache

from crmdesk.domain import complaints as complaint_rules
from crmdesk.domain import rfm
from crmdesk.domain import segments as status_rules
from crmdesk.domain.complaints import share
from crmdesk.domain.periods import Period, bounds, custom, previous
from crmdesk.domain.periods import series as period_series
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _
from crmdesk.paths import migrations_dir
from crmdesk.store import migrate
from crmdesk.store.database import Database
from crmdesk.store.figures_base import NO_CATEGORY, SAVED_KEY
from crmdesk.store.server import on_server

DIMENSIONS = ("category", "region", "rep")
NO_REGION = N_("Région non renseignée")
NO_REP = N_("Sans commercial")
NO_STATUS = N_("Sans statut")
# Months shown by the snapshot's monthly charts: those ending with the period's
# last month (or the whole period when it is longer).
MONTHS_SHOWN = 12
MIGRATION = "005_dashboard.sql"

# Clients per saved figures, through the covering index dash_contact_figures.
_FIGURES = (
    "SELECT status, rfm_segment, rfm_code, count(*), total(revenue_year_cents) FROM contacts "
    "WHERE deleted_at IS NULL AND (figures_as_of IS NOT NULL OR stage = 'client') "
    "GROUP BY status, rfm_segment, rfm_code"
)
_BULK_TABLES = ("orders", "order_lines")
_RF_CODE = re.compile(r"^(\d)-(\d)$")
_OBJECT = re.compile(r"CREATE\s+(TABLE|VIEW|INDEX|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
_DROP_ORDER = ("TRIGGER", "VIEW", "INDEX", "TABLE")


def month_number(day: dt.date) -> int:
    """The month as db/005 numbers it: year × 12 + month − 1."""
    return day.year * 12 + day.month - 1


def _month_text(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def months_of(period: Period) -> list[str]:
    """« 2026-03 » for every month the period touches, in order."""
    return [_month_text(n) for n in range(month_number(period.start), month_number(period.end) + 1)]


def _period_number(period: Period) -> int:
    """The number of a month, quarter or year in dash_retention (by its start)."""
    month = month_number(period.start)
    return month if period.kind == "month" else month // 3 if period.kind == "quarter" else period.start.year


class DashboardStore:
    def __init__(self, database: Database):
        self.database = database

    @property
    def conn(self):
        return self.database.conn

    # -- the figures of the clients (status, RFM) ---------------------------------------
    def figures_day(self) -> dt.date | None:
        """The day of the figures saved on the contacts (None: never computed)."""
        from crmdesk.store.figures import saved_state

        return saved_state(self.database).day

    def _figures(self, as_of: dt.date | None = None) -> dict[str, dict[str, tuple[int, int]]]:
        """{status | segment | rf: {key: (clients, revenue_cents)}} as of `as_of`
        (None = the day of the saved figures): the saved ones in one pass over the
        covering index dash_contact_figures (db/005), else computed. status "" =
        none; contacts without a segment or code are not in « segment » and « rf »."""
        if as_of is not None and as_of != self.figures_day():
            return self._computed_figures(as_of)
        found: dict[str, dict[str, tuple[int, int]]] = {"status": {}, "segment": {}, "rf": {}}

        def add(what: str, key: str, clients: int, cents: int) -> None:
            old = found[what].get(key, (0, 0))
            found[what][key] = (old[0] + clients, old[1] + cents)

        for status, segment, code, clients, cents in self.conn.execute(_FIGURES):
            add("status", status or "", clients, int(cents))
            if segment:
                add("segment", segment, clients, int(cents))
            if code:
                add("rf", code[:3], clients, int(cents))
        return found

    def _computed_figures(self, as_of: dt.date) -> dict[str, dict[str, tuple[int, int]]]:
        """`_figures` of a day the saved copy is not of: from the orders."""
        import numpy as np

        from crmdesk.store import figures as day_figures

        columns = day_figures.compute(self.database, as_of)
        found: dict[str, dict[str, tuple[int, int]]] = {"status": {}, "segment": {}, "rf": {}}
        revenue = columns.revenue.astype(np.float64)
        for number, key in [*enumerate(status_rules.STATUSES), (-1, "")]:
            inside = columns.status == number
            found["status"][key] = (int(inside.sum()), int(columns.revenue[inside].sum()))
        clients = np.array(
            [r[0] for r in self.conn.execute("SELECT id FROM contacts WHERE deleted_at IS NULL AND stage = 'client'")],
            dtype=np.int64,
        )
        without = int((~np.isin(clients, columns.ids)).sum())  # clients with no order by then: no status
        found["status"][""] = (found["status"][""][0] + without, found["status"][""][1])
        counts = np.bincount(columns.segment, minlength=len(rfm.SEGMENT_CODES))
        sums = np.bincount(columns.segment, weights=revenue, minlength=len(rfm.SEGMENT_CODES))
        for number, key in enumerate(rfm.SEGMENT_CODES):
            if counts[number]:
                found["segment"][key] = (int(counts[number]), int(sums[number]))
        pairs = columns.r.astype(np.int64) * 1000 + columns.f
        for pair in np.unique(pairs).tolist():
            inside = pairs == pair
            found["rf"][f"{pair // 1000}-{pair % 1000}"] = (int(inside.sum()), int(columns.revenue[inside].sum()))
        return {what: {k: v for k, v in keys.items() if v[0] or what == "status"} for what, keys in found.items()}

    def status_split(self, _figures: dict | None = None) -> list[dict]:
        """[{status, label, clients, revenue_cents}]: the four statuses, highest
        first, then "" (clients without a status: hors grille or not computed)."""
        found = (_figures or self._figures())["status"]
        keys = [*status_rules.STATUSES, *sorted(k for k in found if k and k not in status_rules.LABELS), ""]
        return [
            {
                "status": key,
                "label": _(status_rules.LABELS.get(key, key)) if key else _(NO_STATUS),
                "clients": found.get(key, (0, 0))[0],
                "revenue_cents": found.get(key, (0, 0))[1],
            }
            for key in keys
        ]

    def rfm_segments(self, _figures: dict | None = None) -> list[dict]:
        """[{segment, label, clients}] for every named segment, in the domain's order."""
        found = (_figures or self._figures())["segment"]
        keys = [*rfm.SEGMENTS, *sorted(k for k in found if k not in rfm.SEGMENTS)]
        return [
            {
                "segment": key,
                "label": _(rfm.SEGMENTS[key].label) if key in rfm.SEGMENTS else key,
                "clients": found.get(key, (0, 0))[0],
            }
            for key in keys
        ]

    def rfm_method(self) -> str:
        """How the saved RFM codes were computed: « grid » (scores 0–4) or « quantile » (1–5)."""
        raw = self.database.scalar("SELECT value FROM settings WHERE key = ?", (SAVED_KEY,))
        method = (json.loads(raw) if raw else {}).get("method", "grid")
        return method if method in rfm.METHODS else "grid"

    def rf_matrix(self, _figures: dict | None = None) -> dict[tuple[int, int], int]:
        """(R, F) -> clients with that saved code, all 25 cells of the saved
        method's scale (grid 0–4, quantiles 1–5), empty cells at 0."""
        scores = range(0, 5) if self.rfm_method() == "grid" else range(1, 6)
        cells = {(r, f): 0 for r in scores for f in scores}
        for key, (clients, _cents) in (_figures or self._figures())["rf"].items():
            match = _RF_CODE.match(key)
            if match:
                cell = (int(match.group(1)), int(match.group(2)))
                cells[cell] = cells.get(cell, 0) + clients
        return cells

    # -- revenue ----------------------------------------------------------------------
    def revenue_by(self, dimension: str, period: Period) -> list[dict]:
        """[{key, label, revenue_cents, orders}] over the period, biggest first.
        key: the category or rep id as text, the region's name; "" = none."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {dimension!r} (expected one of {', '.join(DIMENSIONS)})")
        rows = self.conn.execute(
            "SELECT key, sum(revenue_cents), sum(orders) FROM dash_facts "
            "WHERE dimension = ? AND day BETWEEN ? AND ? GROUP BY key HAVING sum(orders) != 0",
            (dimension, *period.iso()),
        ).fetchall()
        labels = self._labels(dimension)
        result = [
            {"key": key, "label": labels(key), "revenue_cents": int(cents), "orders": int(orders)}
            for key, cents, orders in rows
        ]
        result.sort(key=lambda r: (-r["revenue_cents"], fold(r["label"]), r["key"]))
        return result

    def _labels(self, dimension: str):
        if dimension == "region":
            return lambda key: key or _(NO_REGION)
        table, none = ("categories", _(NO_CATEGORY)) if dimension == "category" else ("reps", _(NO_REP))
        names = {str(r[0]): r[1] for r in self.conn.execute(f"SELECT id, name FROM {table}")}
        return lambda key: names.get(key, _("n° {number}", number=key)) if key else none

    def revenue_by_month(self, period: Period) -> list[dict]:
        """[{month: "2026-03", revenue_cents, orders, clients}] for every month of
        the period, zeros included (a custom period counts its own days only).
        clients = distinct clients with an order in the month (the whole month)."""
        totals = {
            month: (int(cents), int(orders))
            for month, cents, orders in self.conn.execute(
                "SELECT substr(day, 1, 7), sum(revenue_cents), sum(orders) FROM dash_facts "
                "WHERE dimension = 'all' AND day BETWEEN ? AND ? GROUP BY 1",
                period.iso(),
            )
        }
        first, last = month_number(period.start), month_number(period.end)
        clients = {
            int(p): int(n)
            for p, n in self.conn.execute(
                "SELECT period, active FROM dash_retention WHERE kind = 'month' AND period BETWEEN ? AND ?",
                (first, last),
            )
        }
        return [
            {
                "month": _month_text(n),
                "revenue_cents": totals.get(_month_text(n), (0, 0))[0],
                "orders": totals.get(_month_text(n), (0, 0))[1],
                "clients": clients.get(n, 0),
            }
            for n in range(first, last + 1)
        ]

    # -- complaints -------------------------------------------------------------------
    def complaints_by_month(self, period: Period) -> list[dict]:
        """[{month, by_kind: {kind: n}, total, closed, closed_in_time, in_time_share}]
        for every month of the period, complaints by their reception date;
        closed in time = closed on or before the due date (as in
        ComplaintStore.indicators); in_time_share = percent of the closed ones."""
        start, _end = period.iso()
        after = (period.end + dt.timedelta(days=1)).isoformat()
        rows = self.conn.execute(
            "SELECT substr(received_at, 1, 7), kind, count(*), count(closed_at), "
            "total(closed_at IS NOT NULL AND due_date IS NOT NULL AND substr(closed_at, 1, 10) <= due_date) "
            "FROM complaints WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2",
            (start, after),
        )
        months = {
            m: {
                "month": m,
                "by_kind": dict.fromkeys(complaint_rules.KINDS, 0),
                "total": 0,
                "closed": 0,
                "closed_in_time": 0,
            }
            for m in months_of(period)
        }
        for month, kind, count, closed, in_time in rows:
            row = months[month]
            row["by_kind"][kind] = row["by_kind"].get(kind, 0) + int(count)
            row["total"] += int(count)
            row["closed"] += int(closed)
            row["closed_in_time"] += int(in_time)
        for row in months.values():
            row["in_time_share"] = share(row["closed_in_time"], row["closed"])
        return list(months.values())

    # -- retention ---------------------------------------------------------------------
    def retention(self, periods: Iterable[Period]) -> list[dict]:
        """[{period, at_start, retained, lost, retention, attrition}] for each period
        (see the module docstring); percentages are floats, None with nobody at start."""
        periods = list(periods)
        counters: dict[str, dict[int, tuple[int, int]]] = {}
        for kind in {p.kind for p in periods if p.kind != "custom"}:
            numbers = [_period_number(p) for p in periods if p.kind == kind]
            counters[kind] = {
                int(n): (int(a), int(k))
                for n, a, k in self.conn.execute(
                    "SELECT period, active, kept FROM dash_retention WHERE kind = ? AND period BETWEEN ? AND ?",
                    (kind, min(numbers) - 1, max(numbers)),
                )
            }
        result = []
        for period in periods:
            if period.kind == "custom":
                at_start, retained = self._custom_retention(period)
            else:
                at_start, retained = counters[period.kind].get(_period_number(period) - 1, (0, 0))
            lost = at_start - retained
            result.append(
                {
                    "period": period,
                    "at_start": at_start,
                    "retained": retained,
                    "lost": lost,
                    "retention": share(retained, at_start),
                    "attrition": share(lost, at_start),
                }
            )
        return result

    def _custom_retention(self, period: Period) -> tuple[int, int]:
        """(at start, retained) of a custom period, from the orders: one pass over
        the covering index orders_by_contact, whatever the period's length (~2 s
        for 10,000,000 orders; by date, a look-up per order costs more)."""
        row = self.conn.execute(
            "SELECT count(*), total(bought) FROM (SELECT max(CASE WHEN date >= :start THEN 1 ELSE 0 END) AS bought "
            "FROM orders INDEXED BY orders_by_contact WHERE date >= :before AND date < :after "
            "GROUP BY contact_id HAVING min(date) < :start)",
            {
                "before": previous(period).start.isoformat(),
                "start": period.start.isoformat(),
                "after": (period.end + dt.timedelta(days=1)).isoformat(),
            },
        ).fetchone()
        return int(row[0]), int(row[1])

    # -- everything at once --------------------------------------------------------------
    def snapshot(self, period: Period, *, series: int = 12, figures_as_of: dt.date | None = None) -> dict:
        """Everything the dashboard shows, read in one transaction (consistent):
        status, category, region, rep, months (revenue per month over the
        MONTHS_SHOWN months ending with the period, or the whole period when
        longer), rfm_segments, rf_matrix, rfm_method, complaints (the same
        months), retention (the `series` periods of the same kind ending with
        this one; months for a custom period). Status and RFM are as of
        `figures_as_of` (None: the day of the saved figures), said in
        « figures_as_of »."""
        kind = "month" if period.kind == "custom" else period.kind
        shown = months_view(period)
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            figures = self._figures(figures_as_of)
            return {
                "period": period,
                "figures_as_of": figures_as_of or self.figures_day(),
                "status": self.status_split(figures),
                "category": self.revenue_by("category", period),
                "region": self.revenue_by("region", period),
                "rep": self.revenue_by("rep", period),
                "months": self.revenue_by_month(shown),
                "rfm_segments": self.rfm_segments(figures),
                "rf_matrix": self.rf_matrix(figures),
                "rfm_method": self.rfm_method(),
                "complaints": self.complaints_by_month(shown),
                "retention": self.retention(period_series(kind, period.end, max(1, series))),
            }
        finally:
            if own:
                self.conn.execute("COMMIT")


def months_view(period: Period) -> Period:
    """The months the snapshot charts: the MONTHS_SHOWN months ending with the
    period's last month, or the whole period when it is longer."""
    first = bounds("month", period.end).start
    for _step in range(MONTHS_SHOWN - 1):
        first = bounds("month", first - dt.timedelta(days=1)).start
    return custom(min(first, period.start), period.end)


# -- rebuilding ------------------------------------------------------------------------
_BACKFILL = re.compile(r"^-- == Backfill.*?$(.*?)^-- == End of the backfill ==", re.DOTALL | re.MULTILINE)


@lru_cache(maxsize=1)
def _backfill() -> tuple[str, ...]:
    """The backfill statements of db/005 (what the orders with an id >=
    dash_bulk.first_order count for), run again by bulk_orders."""
    match = _BACKFILL.search((migrations_dir() / MIGRATION).read_text(encoding="utf-8"))
    return tuple(migrate.statements(match.group(1)))


@lru_cache(maxsize=1)
def dashboard_objects() -> tuple[tuple[str, str], ...]:
    """(type, name) of every dash_* object db/005 creates, in the order to drop them."""
    found = _OBJECT.findall((migrations_dir() / MIGRATION).read_text(encoding="utf-8"))
    objects = [(kind.upper(), name) for kind, name in found if name.startswith("dash_")]
    return tuple(sorted(objects, key=lambda o: _DROP_ORDER.index(o[0])))


_RETENTION_ON_SERVER = """
INSERT INTO dash_retention(kind, period, active, kept)
SELECT kind, period, count(*), count(*) FILTER (WHERE next_period = period + 1)
  FROM (SELECT kind, contact_id, period,
               lead(period) OVER (PARTITION BY kind, contact_id ORDER BY period) AS next_period
          FROM (SELECT DISTINCT k.kind, a.contact_id, a.month / k.months AS period
                  FROM dash_kinds AS k CROSS JOIN dash_activity AS a) AS periods) AS followed
 GROUP BY kind, period
"""


def rebuild(database: Database) -> None:
    """Recompute every dashboard aggregate from the orders and contacts, in one
    transaction: drop db/005's dash_* objects and run the migration again (its
    backfill). For a repair, and to check that triggers and backfill agree."""
    if on_server(database):  # its schema is the server's own (no DDL there): empty the tables, count again
        # dash_kinds (the periods) and dash_bulk stay; dash_activity's triggers count into
        # dash_retention as its rows go: that one is emptied last
        tables = [n for kind, n in dashboard_objects() if kind == "TABLE" and n not in ("dash_bulk", "dash_kinds")]
        with database.atomic() as conn:
            for name in sorted(tables, key=lambda name: name == "dash_retention"):
                conn.execute(f'DELETE FROM "{name}"')
            conn.execute("UPDATE dash_bulk SET first_order = 0")
            for statement in _backfill():
                conn.execute(statement)
            # the retention counters of the whole history, as db/005 counts them: the triggers of
            # dash_activity count a row at a time, not a statement's many rows at once
            conn.execute("DELETE FROM dash_retention")
            conn.execute(_RETENTION_ON_SERVER)
        return
    text = (migrations_dir() / MIGRATION).read_text(encoding="utf-8")
    with database.atomic() as conn:
        for kind, name in dashboard_objects():
            conn.execute(f'DROP {kind} IF EXISTS "{name}"')
        for statement in migrate.statements(text):
            conn.execute(statement)


_FIGURES_INDEX = "dash_contact_figures"


@contextlib.contextmanager
def bulk_figures(database: Database):
    """Rewrite the saved figures of many contacts inside (the caller's
    transaction): the covering index of the status/RFM counts is dropped and
    built again at the end, one sorted pass instead of a million index updates
    (save_figures on 1M contacts: the index doubled its time). DDL is
    transactional: a rollback puts the index back too."""
    conn = database.conn
    if not conn.in_transaction:
        raise RuntimeError("bulk_figures needs the caller's transaction")
    if on_server(database):  # DDL would lock the table against the other PCs: the index is kept up to date
        yield
        return
    sql = database.scalar("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (_FIGURES_INDEX,))
    if sql is None:
        yield
        return
    conn.execute(f"DROP INDEX {_FIGURES_INDEX}")
    yield
    conn.execute(sql)


@contextlib.contextmanager
def bulk_orders(database: Database):
    """Insert many NEW orders and their lines inside, in one transaction, without
    the per-row triggers of db/005 (each would cost a statement journal per row):
    the order and line triggers are dropped, and at the end the orders with an
    id above the former highest are added to the aggregates by the migration's
    own backfill statements, then the triggers are put back — all in the same
    transaction (an error rolls everything back, triggers included). Inside:
    every order inserted has an id above all those before, no order or line is
    updated or deleted, and lines are added to the new orders only (other tables
    are free: a demo can write all of its tables inside)."""
    conn = database.conn
    if on_server(database):  # other PCs write meanwhile: the triggers stay and keep the aggregates row by row
        with database.atomic():
            yield
        return
    names = {name for kind, name in dashboard_objects() if kind == "TRIGGER"}
    with database.atomic():
        marks = ", ".join("?" for _ in _BULK_TABLES)
        triggers = [
            (name, sql)
            for name, sql in conn.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks}) ORDER BY name",
                _BULK_TABLES,
            )
            if name in names
        ]
        first = int(database.scalar("SELECT ifnull(max(id), 0) + 1 FROM orders"))
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        yield
        if triggers:
            conn.execute("UPDATE dash_bulk SET first_order = ?", (first,))
            for statement in _backfill():
                conn.execute(statement)
            conn.execute("UPDATE dash_bulk SET first_order = 0")
            for _, sql in triggers:
                conn.execute(sql)
