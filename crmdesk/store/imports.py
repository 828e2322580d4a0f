"""Import batches: one row per import, kept with its counts (and audited)."""

from __future__ import annotations

import contextlib
import json
from typing import Callable, Iterable, Iterator

from crmdesk.store.database import Database, now_iso


def start_batch(database: Database, kind: str, file_name: str) -> int:
    """Record an import in progress (the caller holds the transaction)."""
    cursor = database.conn.execute(
        "INSERT INTO import_batches(kind, file_name, at) VALUES (?, ?, ?)", (kind, file_name, now_iso()))
    return int(cursor.lastrowid)


def finish_batch(database: Database, batch_id: int, *, rows_ok: int, rows_rejected: int,
                 details: dict | None = None) -> None:
    database.conn.execute("UPDATE import_batches SET rows_ok = ?, rows_rejected = ? WHERE id = ?",
                          (rows_ok, rows_rejected, batch_id))
    kind, file_name = database.conn.execute(
        "SELECT kind, file_name FROM import_batches WHERE id = ?", (batch_id,)).fetchone()
    database.audit("import", batch_id, f"import {kind}", {
        "file": [None, file_name], "rows_ok": [None, rows_ok], "rows_rejected": [None, rows_rejected],
        **{k: [None, v] for k, v in (details or {}).items()}})


def audit_imported(database: Database, entity: str, ids: Iterable[int], batch_id: int | None) -> None:
    """One audit row per created record (« import », with its batch), in bulk:
    who created each contact, and when, stays traceable (DOMAIN §8)."""
    at = now_iso()
    changes = json.dumps({"import_batch": [None, batch_id]})
    database.conn.executemany(
        "INSERT INTO audit_log(at, author, entity, entity_id, action, changes) VALUES (?, ?, ?, ?, 'import', ?)",
        ((at, database.author, entity, record_id, changes) for record_id in ids))


def batches(database: Database) -> list[dict]:
    return [dict(r) for r in database.conn.execute("SELECT * FROM import_batches ORDER BY id DESC")]


_FTS_TRIGGER = "contacts_fts_insert"


@contextlib.contextmanager
def bulk_contact_inserts(database: Database) -> Iterator[Callable[[int, int], None]]:
    """For a big import, inside the caller's transaction: index contacts in
    the search table by chunk instead of row by row.

    The per-row FTS trigger costs ~3× the rest of an insert; here it is
    dropped, the caller calls `index(first_id, last_id)` after each chunk it
    inserts, and the trigger is created again (same SQL) before the
    transaction ends. DDL is transactional in SQLite: a rollback restores
    the trigger too. Rows inserted by anyone else meanwhile (none: the
    caller holds the writer lock and the transaction) would miss the index.
    """
    conn = database.conn
    if not conn.in_transaction:
        raise RuntimeError("bulk_contact_inserts needs the caller's transaction")
    sql = database.scalar("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_FTS_TRIGGER,))
    if sql is None:  # a later schema indexes differently: rows go through the normal path
        yield lambda first, last: None
        return

    def index(first_id: int, last_id: int) -> None:
        conn.execute("INSERT INTO contacts_fts(rowid, search_text) "
                     "SELECT id, search_text FROM contacts WHERE id BETWEEN ? AND ?", (first_id, last_id))

    conn.execute(f"DROP TRIGGER {_FTS_TRIGGER}")
    try:
        yield index
    finally:
        conn.execute(sql)
