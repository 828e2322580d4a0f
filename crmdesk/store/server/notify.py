"""LISTEN/NOTIFY: what the other PCs change, told to a window (issue 19).

db/postgresql/014_baseline.sql, its notifications makes every statement that changes contacts,
orders, tasks or complaints notify « crmdesk_changes » with « table:ids »
when it commits. A Listening holds a connection of its own (the window's
stays free for its queries); `fileno()` is the socket to watch (a
QSocketNotifier in the window's thread); `read()` never blocks.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

CHANNEL = "crmdesk_changes"
MANY = 101  # the trigger sends at most this many ids: more clients than that were touched


@dataclass(frozen=True)
class Change:
    table: str  # contacts, orders, tasks, complaints
    contact_ids: tuple[int, ...]  # the clients touched; () when many (or a task of no client)
    pid: int  # the server process of the connection that wrote it


class Listening:
    def __init__(self, database):
        """`database`: the window's ServerDatabase (its own changes: `own_pid`)."""
        self.own_pid = database.conn.raw.info.backend_pid
        self._database = database.companion()
        self._raw = self._database.conn.raw
        self._raw.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return self._raw.fileno()

    def read(self) -> list[Change]:
        """The notifications arrived (none: []); OSError-like psycopg.OperationalError when the server is gone."""
        pgconn = self._raw.pgconn
        pgconn.consume_input()
        found = []
        while (note := pgconn.notifies()) is not None:
            table, _colon, ids = note.extra.decode().partition(":")
            numbers = tuple(int(i) for i in ids.split(",") if i.isdigit())
            found.append(Change(table, numbers if len(numbers) < MANY else (), note.be_pid))
        return found

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._database.close()
