"""The contacts an export writes, read in a stream (crmdesk/io/export.py).

Rows are `sqlite3.Row`s of every contacts column plus `rep` (the rep's
name) and `tags` (« a, b », sorted). Either every live contact by N° client
(one cursor), or given ids in their order, read by chunks of ids: an export
of a million clients never holds more than a chunk of rows.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence

from crmdesk.store.database import CHUNK, Database, chunks

_SELECT = """
SELECT c.*,
       (SELECT name FROM reps WHERE reps.id = c.rep_id) AS rep,
       (SELECT group_concat(name, ', ') FROM
            (SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
             WHERE ct.contact_id = c.id ORDER BY t.name)) AS tags
FROM contacts c
WHERE c.deleted_at IS NULL AND c.erased_at IS NULL      -- anonymised people are statistics, not contacts
"""


@contextlib.contextmanager
def snapshot(database: Database) -> Iterator[None]:
    """One read transaction: every read inside sees the file as it was at the
    first one, even while the application writes to it (WAL)."""
    database.conn.execute("BEGIN")
    try:
        yield
    finally:
        database.conn.execute("COMMIT")


def live_count(database: Database) -> int:
    """Live contacts (the trigger-kept counter: no scan)."""
    return int(database.scalar("SELECT value FROM counters WHERE name = 'contacts_live'") or 0)


def all_clients(database: Database) -> Iterator[sqlite3.Row]:
    """Every live contact, by N° client."""
    yield from database.conn.execute(_SELECT + " ORDER BY c.code")


def clients_by_ids(database: Database, ids: Sequence[int], chunk: int = CHUNK) -> Iterator[sqlite3.Row]:
    """The live contacts among `ids` (each id given once), in the order of
    `ids`; trashed or unknown ids are skipped."""
    conn = database.conn
    for part, marks in chunks(ids, chunk):
        found = {row["id"]: row for row in conn.execute(f"{_SELECT} AND c.id IN ({marks})", part)}
        for contact_id in part:
            row = found.get(contact_id)
            if row is not None:
                yield row
