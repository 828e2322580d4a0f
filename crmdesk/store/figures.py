"""The behavioural figures of every client as of a day (docs/domain/12-figures-as-of.md), and the copy
of them kept on the contacts (db/002) so that the client table sorts and filters.

    columns = compute(db, as_of)              # one grouped pass over the orders, numpy columns
    view = FiguresAsOf(db, as_of)             # what a sheet, a card, an export prints
    view.of(contact_id)                       # {"status": "premium", "revenue_year_cents": …}

Keeping the figures on the contacts those of a day: crmdesk/store/figures_update.py.

The figures: status (the file's grid, over the 365 days ending on the day),
revenue and orders over those 365 days, last order, RFM code and segment (the
method and window the user chose, kept in the setting « rfm.choice »).
As of D = only the orders dated on or before D (analytics module docstring).

The copy on the contacts is as of ONE day for the whole file: the « as_of » of
« figures.saved », which also holds the method and window it used and a stamp of
the grids (`saved_state`); « rfm.choice » is the method and window the user
chose. The copy is current when its day is today and its rules the file's; the
window recomputes it in the background when it is not (gui/figures_refresh.py),
and whatever reads a day it is not of computes that day instead (FiguresAsOf).
A contact's own figures_as_of / rfm_as_of only mark that figures were written
for it (status NULL with figures_as_of set = « hors grille »): a new day that
leaves its figures as they were does not rewrite it, so the date to show is
the file's. That is what makes a recompute the next day cheap: on a million
clients a few thousand rows change (a window slid past an order, a recency
crossed a band), and only those are written; they are found by comparing the
new figures with a snapshot of those written last (db/013), not by reading
every contact's columns (figures_update.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from crmdesk.domain import rfm
from crmdesk.domain.errors import CrmError
from crmdesk.domain.segments import LABELS as STATUS_LABELS
from crmdesk.domain.segments import OUTSIDE_LABEL, STATUSES, StatusGrid
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

Progress = Callable[[int, int], None]  # (done, total) in per mille; may raise to stop

FIGURE_KEYS = ("status", "revenue_year_cents", "orders_year", "last_order", "rfm_code", "rfm_segment")
CHUNK = 16_384  # rows fetched at a time (a window's thread waits for no step longer than a few ms)
_FEW = 50  # up to this many contacts, a points-grid day is computed for them alone
CODE_BASE = 1_000  # r, f, m packed in one integer to cache their « r-f-m » text


# -- the user's choice, and the day of the copy on the contacts --------------------------------
CHOICE_KEY = "rfm.choice"  # the RFM method and window chosen for the file (the Analyse › RFM dialog)


@dataclass(frozen=True)
class Choice:
    """How the RFM code of the file is computed: kept when the figures are recomputed."""

    method: str = "grid"
    window_days: int | None = rfm.DEFAULT_WINDOW_DAYS

    @classmethod
    def from_json(cls, value) -> Choice:
        value = value if isinstance(value, dict) else {}
        method = value.get("method") if value.get("method") in rfm.METHODS else "grid"
        window = value.get("window_days", rfm.DEFAULT_WINDOW_DAYS)
        if not (window is None or (isinstance(window, int) and not isinstance(window, bool) and window >= 0)):
            window = rfm.DEFAULT_WINDOW_DAYS
        return cls(method, window or None)

    def to_json(self) -> dict:
        return {"method": self.method, "window_days": self.window_days}


@dataclass(frozen=True)
class SavedState:
    day: dt.date | None  # the day of the copy on the contacts (None: never computed)
    choice: Choice  # the file's RFM method and window
    same_rules: bool  # the copy was made with the file's grids and choice

    def is_of(self, day: dt.date) -> bool:
        """The copy on the contacts is what computing `day` would give."""
        return self.day == day and self.same_rules


def _setting(db: Database, key: str):
    raw = db.scalar("SELECT value FROM settings WHERE key = ?", (key,))
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def rules_stamp(grid: StatusGrid, rfm_grid: rfm.RfmGrid, choice: Choice) -> str:
    """A short fingerprint of what the figures are computed with."""
    text = json.dumps([grid.to_json(), rfm_grid.to_json(), choice.to_json()], sort_keys=True)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def saved_state(db: Database) -> SavedState:
    saved = _setting(db, SAVED_KEY) or {}
    saved = saved if isinstance(saved, dict) else {}
    chosen = _setting(db, CHOICE_KEY)
    choice = Choice.from_json(chosen if chosen is not None else saved)  # files from before rfm.choice
    try:
        stamp = rules_stamp(file_grid(db), file_rfm_grid(db), choice)
    except CrmError:  # a grid that does not read: computing says why
        stamp = None
    return SavedState(day_of(saved.get("as_of")), choice, stamp is not None and saved.get("rules") == stamp)


def has_orders(db: Database) -> bool:
    return db.scalar("SELECT 1 FROM orders LIMIT 1") is not None


def needs_update(db: Database, today: dt.date) -> bool:
    """The copy on the contacts is not of `today`, or not of the file's rules (and
    there is something to compute)."""
    state = saved_state(db)
    return not state.is_of(today) and (state.day is not None or has_orders(db))


# -- computing -------------------------------------------------------------------------------------
class Columns(NamedTuple):
    """The figures of every live contact with an order on or before `as_of`, by id."""

    as_of: dt.date
    choice: Choice
    rules: str  # rules_stamp of the grids and choice used
    ids: np.ndarray  # ascending
    status: np.ndarray  # number in STATUSES, -1 = hors grille
    revenue: np.ndarray  # cents over the 365 days ending on as_of
    orders: np.ndarray  # orders over those days
    last: np.ndarray  # the day of the last order (date ordinal)
    frequency: np.ndarray  # orders in the RFM window
    monetary: np.ndarray  # their cents
    r: np.ndarray
    f: np.ndarray
    m: np.ndarray
    segment: np.ndarray  # number in rfm.SEGMENT_CODES

    def position(self, contact_id: int) -> int | None:
        import numpy as np

        at = int(np.searchsorted(self.ids, contact_id))
        return at if at < len(self.ids) and int(self.ids[at]) == contact_id else None


class _Ordinals(dict):
    """ISO date (or date-time) text -> date ordinal, computed once per distinct text."""

    def __missing__(self, text: str) -> int:
        value = self[text] = dt.date.fromisoformat(text[:10]).toordinal()
        return value


class _Texts(dict):
    """Date ordinal -> ISO date, once per distinct day."""

    def __missing__(self, ordinal: int) -> str:
        value = self[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return value


class _Codes(dict):
    """r × 10⁶ + f × 10³ + m -> « r-f-m »."""

    def __missing__(self, key: int) -> str:
        r, rest = divmod(key, CODE_BASE * CODE_BASE)
        value = self[key] = f"{r}-{rest // CODE_BASE}-{rest % CODE_BASE}"
        return value


def _scan_sql(status_start: str, rfm_start: str, *, first: bool, only: bool) -> str:
    """One GROUP BY over the covering index orders_by_contact, walked backwards
    (see analytics._FACTS): last order, the status year's count and sum, the RFM
    window's when it is another one, the first order when seniority counts."""
    year = [
        "count(*) FILTER (WHERE date >= :status_start)",
        "coalesce(sum(amount_cents) FILTER (WHERE date >= :status_start), 0)",
    ]
    columns = ["contact_id", "max(date)", *year]
    if rfm_start != status_start:
        columns += (
            [
                "count(*) FILTER (WHERE date >= :rfm_start)",
                "coalesce(sum(amount_cents) FILTER (WHERE date >= :rfm_start), 0)",
            ]
            if rfm_start
            else ["count(*)", "sum(amount_cents)"]
        )
    if first:
        columns.append("min(date)")
    where = "date < :after" + (" AND contact_id IN (SELECT value FROM json_each(:ids))" if only else "")
    return f"SELECT {', '.join(columns)} FROM orders WHERE {where} GROUP BY contact_id ORDER BY contact_id DESC"


def compute(
    db: Database,
    as_of: dt.date,
    choice: Choice | None = None,
    *,
    grid: StatusGrid | None = None,
    rfm_grid: rfm.RfmGrid | None = None,
    only: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> Columns:
    """Every figure as of `as_of`, as numpy columns. `choice`: the file's (saved)
    unless given; `only`: these contacts alone (a points grid does not depend on
    the others; quantiles do: give no `only` for them). `progress` gets (done,
    1000) while the orders are read."""
    import numpy as np

    choice = choice or saved_state(db).choice
    grid = grid or file_grid(db)
    rfm_grid = rfm_grid or file_rfm_grid(db)
    status_start, after = window_bounds(as_of, STATUS_DAYS)
    rfm_start, _ = window_bounds(as_of, choice.window_days or None)
    seniority = "seniority" in grid.criteria
    wanted = None if only is None else sorted(set(only))
    sql = _scan_sql(status_start, rfm_start, first=seniority, only=wanted is not None)
    params = {"status_start": status_start, "rfm_start": rfm_start, "after": after, "ids": json.dumps(wanted or [])}
    cur = plain_cursor(db)
    latest, top = cur.execute("SELECT max(date), max(contact_id) FROM orders").fetchone()
    if latest is not None and latest < after:
        sql = sql.replace("date < :after AND ", "").replace("WHERE date < :after ", "")  # no order after as_of
    ordinals = _Ordinals()
    parts: list[list] = []
    with rfm.no_gc():
        cur.execute(sql, params)
        while chunk := cur.fetchmany(CHUNK):
            columns = list(zip(*chunk))
            del chunk
            part = [
                np.array(columns[0], dtype=np.int64),
                np.fromiter(map(ordinals.__getitem__, columns[1]), dtype=np.int64, count=len(columns[1])),
            ]
            part += [np.array(c, dtype=np.int64) for c in columns[2 : 4 + 2 * (rfm_start != status_start)]]
            if seniority:
                part.append(np.fromiter(map(ordinals.__getitem__, columns[-1]), dtype=np.int64, count=len(columns[-1])))
            parts.append(part)
            if progress is not None and top:
                progress(1000 - int(1000 * columns[0][-1] / top), 1000)
    width = 4 + 2 * (rfm_start != status_start) + seniority
    stacked = [
        np.concatenate([p[i] for p in parts])[::-1] if parts else np.zeros(0, dtype=np.int64) for i in range(width)
    ]
    del parts
    ids, last, orders, revenue = stacked[:4]
    frequency, monetary = (stacked[4], stacked[5]) if rfm_start != status_start else (orders, revenue)
    live = _live(cur, ids)
    ids, last, orders, revenue, frequency, monetary = (
        c[live] for c in (ids, last, orders, revenue, frequency, monetary)
    )
    years = None
    if seniority:
        years = _seniority(cur, ids, stacked[-1][live], as_of)
    number = np.array([STATUSES.index(rule.code) for rule in grid.rules] + [-1], dtype=np.int64)
    status = number[grid.status_array(revenue, orders, years)]  # -1 picks the last: hors grille
    return scored(as_of, choice, grid, rfm_grid, ids, status, revenue, orders, last, frequency, monetary)


def scored(
    as_of: dt.date,
    choice: Choice,
    grid: StatusGrid,
    rfm_grid: rfm.RfmGrid,
    ids,
    status,
    revenue,
    orders,
    last,
    frequency,
    monetary,
) -> Columns:
    """The Columns of these figures, their RFM scored as of `as_of` (all at once: quantiles
    rank every client given)."""
    import numpy as np

    r, f, m, segment = rfm.score_arrays(as_of.toordinal() - last, frequency, monetary, choice.method, rfm_grid)
    small = np.int16 if max((int(a.max()) for a in (r, f, m) if len(a)), default=0) < 1 << 15 else np.int64
    return Columns(
        as_of,
        choice,
        rules_stamp(grid, rfm_grid, choice),
        ids,
        np.asarray(status, dtype=np.int8),
        revenue,
        orders,
        np.asarray(last, dtype=np.int32),
        frequency,
        monetary,
        r.astype(small),
        f.astype(small),
        m.astype(small),
        segment.astype(np.int8),
    )


def _live(cur, ids: np.ndarray) -> np.ndarray:
    """Which of `ids` are live contacts (the trash is small: its ids are taken out)."""
    import numpy as np

    trash = np.array(
        [row[0] for row in cur.execute("SELECT id FROM contacts WHERE deleted_at IS NOT NULL")], dtype=np.int64
    )
    return ~np.isin(ids, trash) if len(trash) else np.ones(len(ids), dtype=bool)


def _seniority(cur, ids: np.ndarray, first_order: np.ndarray, as_of: dt.date) -> np.ndarray:
    """Years since the first contact, else since the first order (days / 365.25)."""
    import numpy as np

    first = first_order.astype(np.float64)
    known = {}
    for contact_id, text in cur.execute(
        "SELECT id, first_contact FROM contacts WHERE deleted_at IS NULL AND first_contact != ''"
    ):
        day = day_of(text)
        if day is not None:
            known[contact_id] = day.toordinal()
    if known:
        with_date = np.fromiter(known, dtype=np.int64, count=len(known))
        dates = np.fromiter(known.values(), dtype=np.float64, count=len(known))
        order = np.argsort(with_date)
        with_date, dates = with_date[order], dates[order]
        at = np.minimum(np.searchsorted(with_date, ids), len(with_date) - 1)
        found = with_date[at] == ids
        first[found] = dates[at[found]]
    return (as_of.toordinal() - first) / 365.25


# -- the figures as the client table shows them -----------------------------------------------------
_STATUS_TEXT = (*STATUSES, None)  # index -1 = None
_SEGMENT_TEXT = rfm.SEGMENT_CODES


class Formats:
    """Columns -> the db/002 values of chosen rows (cached texts of days and codes)."""

    def __init__(self):
        self.days, self.codes = _Texts(), _Codes()

    def rows(self, columns: Columns, positions) -> list[tuple]:
        """(status, revenue, orders, last order, rfm code, rfm segment) per position."""
        import numpy as np

        positions = np.asarray(positions, dtype=np.int64)
        status = [_STATUS_TEXT[s] for s in columns.status[positions].tolist()]
        keys = (columns.r[positions].astype(np.int64) * CODE_BASE + columns.f[positions]) * CODE_BASE + columns.m[
            positions
        ]
        codes = list(map(self.codes.__getitem__, keys.tolist()))
        days = list(map(self.days.__getitem__, columns.last[positions].tolist()))
        segments = [_SEGMENT_TEXT[s] for s in columns.segment[positions].tolist()]
        return list(
            zip(status, columns.revenue[positions].tolist(), columns.orders[positions].tolist(), days, codes, segments)
        )

    def one(self, columns: Columns, at: int) -> dict:
        """The figures (FIGURE_KEYS) at one position, read as scalars (a few µs)."""
        key = (int(columns.r[at]) * CODE_BASE + int(columns.f[at])) * CODE_BASE + int(columns.m[at])
        return {
            "status": _STATUS_TEXT[columns.status[at].item()],
            "revenue_year_cents": columns.revenue[at].item(),
            "orders_year": columns.orders[at].item(),
            "last_order": self.days[columns.last[at].item()],
            "rfm_code": self.codes[key],
            "rfm_segment": _SEGMENT_TEXT[columns.segment[at].item()],
        }


def figures_of(columns: Columns, contact_id: int, formats: Formats | None = None) -> dict | None:
    """One contact's figures (FIGURE_KEYS) in `columns`; None when it has no order by then."""
    at = columns.position(contact_id)
    return None if at is None else (formats or Formats()).one(columns, at)


# -- reading the figures of a day -------------------------------------------------------------------
class FiguresAsOf:
    """The figures of contacts as of one day, as the client table shows them: the
    copy on the contacts when it is of that day, else computed (for a few
    contacts alone with a points grid, else for everyone, once)."""

    def __init__(self, db: Database, as_of: dt.date):
        self.db = db
        self.as_of = as_of
        state = saved_state(db)
        self.choice = state.choice
        self.saved = state.is_of(as_of)
        self._columns: Columns | None = None
        self._few: dict[int, dict | None] = {}
        self._formats = Formats()

    def prepare(self, ids: Iterable[int] | None = None) -> None:
        """Compute at once what `of` will be asked for: `ids` (None = anyone)."""
        if self.saved or self._columns is not None:
            return
        ids = None if ids is None else list(ids)
        if ids is not None and len(ids) <= _FEW and self.choice.method == "grid":
            columns = compute(self.db, self.as_of, self.choice, only=ids)
            self._few.update({i: figures_of(columns, i) for i in ids})
        else:
            self._columns = compute(self.db, self.as_of, self.choice)

    def of(self, contact_id: int, row: dict | None = None) -> dict:
        """{FIGURE_KEYS…, "figures_as_of"}: None values when the contact has no order
        on or before the day; `row` = the contact's row (a mapping with the db/002
        columns) if already read."""
        if self.saved:
            if row is None:
                row = dict(
                    zip(
                        (*FIGURE_KEYS, "figures_as_of"),
                        self.db.conn.execute(
                            f"SELECT {', '.join(FIGURE_KEYS)}, figures_as_of FROM contacts WHERE id = ?", (contact_id,)
                        ).fetchone()
                        or (None,) * 7,
                    )
                )
            figures = {key: row[key] for key in FIGURE_KEYS}
            computed = row["figures_as_of"] is not None or row["rfm_code"] is not None
        else:
            if self._columns is None and contact_id not in self._few:
                self.prepare([contact_id])
            found = (
                figures_of(self._columns, contact_id, self._formats)
                if self._columns is not None
                else self._few.get(contact_id)
            )
            figures = found or dict.fromkeys(FIGURE_KEYS)
            computed = found is not None
        figures["figures_as_of"] = self.as_of.isoformat() if computed else None
        return figures


def status_label(figures: dict) -> str:
    """« Premium »…, « Hors grille » (figures, no status fits), "" (no figures)."""
    if figures.get("status"):
        return STATUS_LABELS.get(figures["status"], figures["status"])
    return OUTSIDE_LABEL if figures.get("figures_as_of") else ""


def segment_label(code: str | None) -> str:
    segment = rfm.SEGMENTS.get(code or "")
    return segment.label if segment else (code or "")


def ids_where(db: Database, as_of: dt.date, *, status: str | None = None, segment: str | None = None) -> list[int]:
    """Live contacts by N° client whose status (or RFM segment) as of `as_of` is
    `status` (`segment`); "" = none (no figures, or « hors grille » for the status).
    The copy on the contacts answers when it is of that day (its indexes)."""
    import numpy as np

    from crmdesk.store.contacts import ContactQuery, ContactStore

    view = FiguresAsOf(db, as_of)
    if view.saved:
        return ContactStore(db).ids(ContactQuery(sort="code", status=status, rfm_segment=segment))
    view.prepare()
    columns = view._columns
    wanted = np.ones(len(columns.ids), dtype=bool)
    none_fits = True  # do the contacts without figures match?
    if status is not None:
        number = STATUSES.index(status) if status in STATUSES else (-1 if status == "" else -2)
        wanted &= columns.status == number
        none_fits &= status == ""
    if segment is not None:
        number = rfm.SEGMENT_CODES.index(segment) if segment in rfm.SEGMENT_CODES else -2
        wanted &= columns.segment == number
        none_fits &= segment == ""
    chosen = columns.ids[wanted]
    cur = plain_cursor(db)
    cur.execute("SELECT id FROM contacts WHERE deleted_at IS NULL ORDER BY code")
    result: list[int] = []
    while chunk := cur.fetchmany(CHUNK):
        ids = np.fromiter((row[0] for row in chunk), dtype=np.int64, count=len(chunk))
        inside = np.isin(ids, chosen)
        if none_fits:
            inside |= ~np.isin(ids, columns.ids)
        result += ids[inside].tolist()
    return result
