"""Keeping the figures on the contacts (db/002) those of a day (docs/domain/12-figures-as-of.md).

    update(db, today)                        # the next day: only what a day can change
    recompute(db, day, choice, grid=…)       # everything, with given rules (one transaction)

The figures of every contact are computed by crmdesk/store/figures.py. What
costs, on a million clients, is finding and writing what changed: reading
every contact's six columns back takes seconds. So the figures written last
are kept packed as numbers in figures_snapshot (db/013), and every write to a
contact's figures that is not ours, to its trash date, or a contact added or
deleted with figures, is noted in figures_touched by triggers (db/013; our
own writes are not); the snapshot with the touched contacts read from their
own columns is then exactly what the contacts hold.

`update` to a day a few weeks at most after the snapshot's, with the same
rules and statuses that do not count seniority (the usual case): a contact's
sums can only change if an order of it entered or left a window (found
through the index of the orders by date) or if it was touched; only those
contacts are read from the orders again, and every contact's RFM is scored
anew from the snapshot's last orders and sums (numpy: recencies move every
day, and quantiles rank everyone). Otherwise (seniority, other rules, a first
time, a day far off) every contact is computed from the orders and compared
with the snapshot. Either way only the changed columns
of the changed contacts are written (SQLite then leaves the indexes of the
other columns alone), in transactions of `chunk` contacts when the window
goes on meanwhile; the last one saves the day, the rules and the snapshot.
An interruption leaves some contacts written for the new day and no
snapshot (the first of those transactions takes it away): the next update
compares with the contacts' own columns.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import zlib
from typing import TYPE_CHECKING, NamedTuple

from crmdesk.domain import rfm
from crmdesk.domain.segments import STATUSES, StatusGrid
from crmdesk.store.database import Database
from crmdesk.store.figures import (
    CHOICE_KEY,
    CHUNK,
    CODE_BASE,
    Choice,
    Columns,
    Formats,
    Progress,
    compute,
    saved_state,
    scored,
)
from crmdesk.store.figures_base import SAVED_KEY, STATUS_DAYS, day_of, file_grid, file_rfm_grid, plain_cursor
from crmdesk.store.server import on_server

if TYPE_CHECKING:
    import numpy as np

INCREMENTAL_DAYS = 62  # a later day than this after the snapshot: every contact is computed again
_WRITE_CHUNK = 5_000  # rows per executemany
_PIECE = 1 << 20  # bytes (un)compressed at a time: a window's thread never waits long for the GIL
_BULK = 100_000  # from this many rows written in one transaction, the dashboard's index is rebuilt
_FIELDS = ("status", "revenue", "orders", "last", "code", "segment")
_DB_COLUMNS = ("status", "revenue_year_cents", "orders_year", "last_order", "rfm_code", "rfm_segment")
_ALL = (1 << len(_DB_COLUMNS)) - 1
_NULL = -1  # a NULL status, day, code or segment
_ODD = -2  # a value no computation gives: never equal to a new one
_NULL_NUMBER = -(1 << 62)  # a NULL revenue or orders count
_OLD = (
    "SELECT id, status, revenue_year_cents, orders_year, last_order, rfm_code, rfm_segment FROM contacts "
    "WHERE figures_as_of IS NOT NULL OR rfm_as_of IS NOT NULL"
)
_TOUCHED_ROWS = _OLD.replace("WHERE", "WHERE id IN (SELECT contact_id FROM figures_touched) AND (") + ")"
_CLEAR = (
    "UPDATE contacts SET status = NULL, revenue_year_cents = NULL, orders_year = NULL, last_order = NULL, "
    "rfm_code = NULL, rfm_segment = NULL, figures_as_of = NULL, rfm_as_of = NULL WHERE id = ?"
)
_DTYPES = ("<i8", "<i1", "<i8", "<i8", "<i4", "<i8", "<i1", "<i8", "<i8")


# -- the snapshot ------------------------------------------------------------------------------------
class Snapshot(NamedTuple):
    """The figures of contacts as numbers, by id (statuses and segments by their number,
    days as ordinals, codes packed r × 10⁶ + f × 10³ + m), and the RFM window's sums
    they were scored from (unknown, -1, when read from the contacts' columns)."""

    ids: np.ndarray
    status: np.ndarray
    revenue: np.ndarray
    orders: np.ndarray
    last: np.ndarray
    code: np.ndarray
    segment: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray


def snapshot_of(columns: Columns) -> Snapshot:
    import numpy as np

    codes = (columns.r.astype(np.int64) * CODE_BASE + columns.f) * CODE_BASE + columns.m
    return Snapshot(
        columns.ids,
        columns.status,
        columns.revenue,
        columns.orders,
        columns.last,
        codes,
        columns.segment,
        columns.frequency,
        columns.monetary,
    )


def _pack(snapshot: Snapshot) -> bytes:
    import numpy as np

    packer, out = zlib.compressobj(1), []
    for column, dtype in zip(snapshot, _DTYPES):
        raw = memoryview(np.ascontiguousarray(column, dtype=dtype)).cast("B")
        out += [packer.compress(raw[at : at + _PIECE]) for at in range(0, len(raw), _PIECE)]
    out.append(packer.flush())
    return b"".join(out)


def _unpack(data: bytes, count: int) -> Snapshot:
    import numpy as np

    unpacker, raw, at = zlib.decompressobj(), bytearray(), 0
    pending = memoryview(data)
    while pending or unpacker.unconsumed_tail:
        piece = unpacker.unconsumed_tail or pending[:_PIECE]
        pending = pending[len(piece) :] if not unpacker.unconsumed_tail else pending
        raw += unpacker.decompress(piece, _PIECE)
    raw += unpacker.flush()
    parts = []
    for dtype in _DTYPES:  # ValueError when it is not a snapshot of this shape (views: no copy)
        parts.append(np.frombuffer(raw, dtype=dtype, count=count, offset=at))
        at += np.dtype(dtype).itemsize * count
    if at != len(raw):
        raise ValueError("not a snapshot of this shape")
    return Snapshot(*parts)


def _sorted(snapshot: Snapshot) -> Snapshot:
    import numpy as np

    order = np.argsort(snapshot.ids, kind="stable")
    return Snapshot(*(c[order] for c in snapshot))


def _without(snapshot: Snapshot, ids) -> Snapshot:
    import numpy as np

    keep = ~np.isin(snapshot.ids, ids)
    return Snapshot(*(c[keep] for c in snapshot))


def _joined(a: Snapshot, b: Snapshot) -> Snapshot:
    import numpy as np

    return _sorted(Snapshot(*(np.concatenate(pair) for pair in zip(a, b))))


# -- the contacts' own columns, as numbers ----------------------------------------------------------
class _Numbers(dict):
    """A text of the contacts -> its number; None -> _NULL, an unknown text -> _ODD."""

    def __init__(self, known=(), read=None):
        super().__init__(known)
        self[None] = _NULL
        self.read = read

    def __missing__(self, text) -> int:
        value = _ODD if self.read is None else self.read(text)
        self[text] = value
        return value


def _day_number(text) -> int:
    day = day_of(text)
    return day.toordinal() if day else _ODD


def _code_number(text) -> int:
    try:
        r, f, m = (int(part) for part in str(text).split("-"))
    except ValueError:
        return _ODD
    return (r * CODE_BASE + f) * CODE_BASE + m if min(r, f, m) >= 0 and max(r, f, m) < CODE_BASE else _ODD


def read_rows(db: Database, sql: str = _OLD, progress: Progress | None = None, total: int = 1) -> Snapshot:
    """The figures on the contacts `sql` selects (_OLD's columns), as numbers, by id."""
    import numpy as np

    readers = (
        _Numbers({c: i for i, c in enumerate(STATUSES)}).__getitem__,
        None,
        None,
        _Numbers(read=_day_number).__getitem__,
        _Numbers(read=_code_number).__getitem__,
        _Numbers({c: i for i, c in enumerate(rfm.SEGMENT_CODES)}).__getitem__,
    )
    parts: list[list[np.ndarray]] = [[] for _ in range(7)]
    cur = plain_cursor(db)
    cur.execute(sql)
    done = 0
    with rfm.no_gc():
        while chunk := cur.fetchmany(CHUNK):
            old = list(zip(*chunk))
            del chunk
            parts[0].append(np.array(old[0], dtype=np.int64))
            for i, (values, read) in enumerate(zip(old[1:], readers), start=1):
                if read is None:  # numbers: NULL read as NaN
                    floats = np.array(values, dtype=np.float64)
                    parts[i].append(np.where(np.isnan(floats), _NULL_NUMBER, floats).astype(np.int64))
                else:
                    parts[i].append(np.fromiter(map(read, values), dtype=np.int64, count=len(values)))
            done += len(old[0])
            if progress is not None:
                progress(min(done, total), max(1, total))
    columns = [np.concatenate(p) if p else np.zeros(0, dtype=np.int64) for p in parts]
    unknown = np.full(len(columns[0]), -1, dtype=np.int64)  # not on the contacts
    return _sorted(Snapshot(*columns, unknown, unknown))


class Held(NamedTuple):
    """What the contacts hold: the snapshot, the touched contacts read from their columns."""

    snapshot: Snapshot
    as_of: dt.date | None  # the day of the snapshot (None: there is none, the columns were read)
    touched: np.ndarray  # ids of the contacts touched since the snapshot
    seen: int  # the last figures_touched seq taken into account


def held(db: Database, progress: Progress | None = None, total: int = 1) -> Held:
    """The figures the contacts hold, from the snapshot when there is one."""
    import numpy as np

    seen = int(db.scalar("SELECT ifnull(max(seq), 0) FROM figures_touched"))
    row = db.conn.execute("SELECT as_of, contacts, data FROM figures_snapshot WHERE id = 1").fetchone()
    try:
        snapshot = _unpack(row[2], int(row[1])) if row is not None else None
    except (ValueError, zlib.error):
        snapshot = None
    if snapshot is None:  # the first time: the contacts' own columns
        return Held(read_rows(db, _OLD, progress, total), None, np.zeros(0, dtype=np.int64), seen)
    touched = np.unique(
        np.array(
            [r[0] for r in db.conn.execute("SELECT contact_id FROM figures_touched WHERE seq <= ?", (seen,))],
            dtype=np.int64,
        )
    )
    if len(touched):
        snapshot = _joined(_without(snapshot, touched), read_rows(db, _TOUCHED_ROWS))
    return Held(snapshot, day_of(row[0]), touched, seen)


# -- what changed --------------------------------------------------------------------------------------
class Changes(NamedTuple):
    positions: np.ndarray  # in the columns, by id: the contacts to write
    masks: np.ndarray  # for each, the db/002 columns to write (bit i = _DB_COLUMNS[i])
    clear: np.ndarray  # ids of the contacts whose figures go (no order by then, or in the trash)


def compare(old: Snapshot, columns: Columns) -> Changes:
    """What differs between figures held (`old`, for the contacts that matter) and `columns`."""
    import numpy as np

    new = snapshot_of(columns)
    n = len(new.ids)
    masks = np.full(n, _ALL, dtype=np.int64)  # not held yet: every column
    at = np.minimum(np.searchsorted(new.ids, old.ids), max(0, n - 1))
    found = new.ids[at] == old.ids if n else np.zeros(len(old.ids), dtype=bool)
    at = at[found]
    mask = np.zeros(len(at), dtype=np.int64)
    for bit, name in enumerate(_FIELDS):
        mask |= (getattr(old, name)[found] != getattr(new, name)[at]).astype(np.int64) << bit
    masks[at] = mask
    write = np.flatnonzero(masks)
    return Changes(write, masks[write], old.ids[~found])


def movers(db: Database, before: dt.date, day: dt.date, choice: Choice) -> np.ndarray:
    """The contacts whose sums may differ between `before` and `day` (later): an order
    of theirs entered or left the status year or the RFM window; and those in the trash."""
    import numpy as np

    one = dt.timedelta(days=1)
    ranges = [(before + one, day + one)]  # entered: (before, day]
    for window in {STATUS_DAYS, choice.window_days or 0} - {0}:  # left: the windows slid
        ranges.append((before - dt.timedelta(days=window - 1), day - dt.timedelta(days=window - 1)))
    found = [
        np.array(
            [
                r[0]
                for r in db.conn.execute(
                    "SELECT DISTINCT contact_id FROM orders INDEXED BY orders_by_date WHERE date >= ? AND date < ?",
                    (start.isoformat(), stop.isoformat()),
                )
            ],
            dtype=np.int64,
        )
        for start, stop in ranges
    ]
    found.append(
        np.array(
            [r[0] for r in db.conn.execute("SELECT id FROM contacts WHERE deleted_at IS NOT NULL")], dtype=np.int64
        )
    )
    return np.unique(np.concatenate(found))


# -- writing -----------------------------------------------------------------------------------------
def _statement(mask: int) -> str:
    """The UPDATE of the columns of `mask` (all of them, and the marks, when every one changes)."""
    if mask == _ALL:
        return (
            "UPDATE contacts SET status = ?, revenue_year_cents = ?, orders_year = ?, last_order = ?, "
            "rfm_code = ?, rfm_segment = ?, figures_as_of = ?, rfm_as_of = ? WHERE id = ?"
        )
    names = [name for bit, name in enumerate(_DB_COLUMNS) if mask >> bit & 1]
    return f"UPDATE contacts SET {', '.join(f'{name} = ?' for name in names)} WHERE id = ?"


_TRIGGER = "figures_touched_update"


@contextlib.contextmanager
def _unnoted(db: Database):
    """Inside the caller's transaction, our own writes are not noted as touched: the
    trigger is dropped and made again before the transaction ends (a third of the
    writes' time; nobody else sees it missing). DDL is transactional.
    On a server, dropping it would lock the contacts against every PC: the trigger
    skips while this transaction says so (db/postgresql/014_baseline.sql, its notifications)."""
    if on_server(db):
        db.conn.execute("SET LOCAL crmdesk.figures_unnoted = 'on'")
        yield
        db.conn.execute("SET LOCAL crmdesk.figures_unnoted = 'off'")
        return
    sql = db.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_TRIGGER,))
    if sql is None:
        yield
        return
    db.conn.execute(f"DROP TRIGGER {_TRIGGER}")
    yield
    db.conn.execute(sql)


def write(
    db: Database,
    columns: Columns,
    changes: Changes,
    snapshot: Snapshot,
    seen: int,
    *,
    chunk: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Write `changes` (of `columns`) on the contacts, then the day, the rules and the
    `snapshot` of what they now hold; forget the touched entries up to `seen`.
    Returns the contacts written."""
    import numpy as np

    day = columns.as_of.isoformat()
    formats = Formats()
    total = len(changes.positions) + len(changes.clear)
    if not on_server(db):  # a server keeps its own cache
        db.conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: the rows written are spread over the whole file
    saved = json.dumps({"as_of": day, **columns.choice.to_json(), "rules": columns.rules})
    if progress is not None:
        progress(0, max(1, total))

    def rows(conn, start: int, stop: int) -> None:
        part = slice(start, min(stop, len(changes.positions)))
        positions, masks = changes.positions[part], changes.masks[part]
        if len(positions):
            ids = columns.ids[positions].tolist()
            values = formats.rows(columns, positions)
            for mask in np.unique(masks).tolist():
                picked = np.flatnonzero(masks == mask).tolist()
                if mask == _ALL:  # every column changed, or new: the marks too
                    conn.executemany(_statement(mask), [(*values[i], day, day, ids[i]) for i in picked])
                    continue
                bits = [bit for bit in range(len(_DB_COLUMNS)) if mask >> bit & 1]
                conn.executemany(_statement(mask), [(*(values[i][bit] for bit in bits), ids[i]) for i in picked])
        if stop > len(changes.positions):
            gone = changes.clear[max(0, start - len(changes.positions)) : stop - len(changes.positions)]
            conn.executemany(_CLEAR, [(cid,) for cid in gone.tolist()])

    def transaction(first: int, last: int, final: bool) -> None:
        with db.atomic() as conn:
            if progress is not None:  # it may stop the work: before this transaction writes anything
                progress(first, max(1, total))
            bulk = contextlib.nullcontext()
            if chunk is None and total >= _BULK:
                from crmdesk.store.dashboard import (
                    bulk_figures,  # dashboard imports this package
                )

                bulk = bulk_figures(db)
            with bulk, _unnoted(db):
                for start in range(first, last, _WRITE_CHUNK):
                    rows(conn, start, min(last, start + _WRITE_CHUNK))
            if not final:  # until the last one, the snapshot no longer says what the contacts hold
                conn.execute("DELETE FROM figures_snapshot")
            else:
                for key, value in ((SAVED_KEY, saved), (CHOICE_KEY, json.dumps(columns.choice.to_json()))):
                    conn.execute(
                        "INSERT INTO settings(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        (key, value),
                    )
                conn.execute(
                    "INSERT INTO figures_snapshot(id, as_of, contacts, data) VALUES (1, ?, ?, ?) ON CONFLICT(id) "
                    "DO UPDATE SET as_of = excluded.as_of, contacts = excluded.contacts, data = excluded.data",
                    (day, len(snapshot.ids), _pack(snapshot)),
                )
                conn.execute("DELETE FROM figures_touched WHERE seq <= ?", (seen,))

    if chunk is None:
        transaction(0, total, True)
    else:
        starts = list(range(0, total, chunk)) or [0]
        for start in starts:
            transaction(start, min(total, start + chunk), start == starts[-1])
    if progress is not None:
        progress(1, 1)
    return total


# -- the two ways -----------------------------------------------------------------------------------
def update(
    db: Database,
    day: dt.date,
    *,
    reader: Database | None = None,
    chunk: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Bring the figures on the contacts to `day`, with the file's grids and RFM choice.
    `reader`: a connection to compute on (default `db`); `progress` gets (done, 1000).
    Returns how many contacts were written."""
    reader = reader or db
    state = saved_state(db)
    grid, rfm_grid = file_grid(db), file_rfm_grid(db)

    def part(low: int, high: int) -> Progress | None:
        return (lambda done, total: progress(low + (high - low) * done // max(1, total), 1000)) if progress else None

    now = held(db)
    since = (day - now.as_of).days if now.as_of else None
    if (
        now.as_of is not None
        and now.as_of == state.day
        and state.same_rules
        and "seniority" not in grid.criteria
        and since is not None
        and 0 < since <= INCREMENTAL_DAYS
    ):
        import numpy as np

        wanted = np.union1d(movers(reader, now.as_of, day, state.choice), now.touched)
        fresh = compute(
            reader, day, state.choice, grid=grid, rfm_grid=rfm_grid, only=wanted.tolist(), progress=part(0, 300)
        )
        kept = _without(now.snapshot, wanted)
        ids, status, revenue, orders, last, frequency, monetary = (
            np.concatenate(pair)
            for pair in zip(
                (kept.ids, kept.status, kept.revenue, kept.orders, kept.last, kept.frequency, kept.monetary),
                (fresh.ids, fresh.status, fresh.revenue, fresh.orders, fresh.last, fresh.frequency, fresh.monetary),
            )
        )
        del kept, fresh
        order = np.argsort(ids, kind="stable")
        columns = scored(
            day,
            state.choice,
            grid,
            rfm_grid,
            *(c[order] for c in (ids, status, revenue, orders, last, frequency, monetary)),
        )
        del ids, status, revenue, orders, last, frequency, monetary, order
    else:
        columns = compute(reader, day, state.choice, grid=grid, rfm_grid=rfm_grid, progress=part(0, 700))
    return write(
        db,
        columns,
        compare(now.snapshot, columns),
        snapshot_of(columns),
        now.seen,
        chunk=chunk,
        progress=part(700, 1000),
    )


def store(db: Database, columns: Columns, *, chunk: int | None = None, progress: Progress | None = None) -> int:
    """Make the figures on the contacts those of `columns` (every contact compared).
    Returns how many contacts were written."""
    now = held(db)
    return write(
        db, columns, compare(now.snapshot, columns), snapshot_of(columns), now.seen, chunk=chunk, progress=progress
    )


def recompute(
    db: Database,
    as_of: dt.date,
    choice: Choice | None = None,
    *,
    grid: StatusGrid | None = None,
    rfm_grid: rfm.RfmGrid | None = None,
) -> int:
    """Every figure as of `as_of` (with `choice` and the grids given, else the file's),
    written in one transaction. Returns how many contacts were written."""
    return store(db, compute(db, as_of, choice, grid=grid, rfm_grid=rfm_grid))
