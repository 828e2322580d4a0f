"""What marks a crmdesk file, read from its header, and a long statement
made interruptible: shared by database.py (opening), copies.py (backups and
their checks) and migrate.py, below all three so none imports another in a circle."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

APPLICATION_ID = 0x43524D44  # "CRMD" in the SQLite header marks a crmdesk file
SQLITE_MAGIC = b"SQLite format 3\x00"


def looks_complete(path: Path) -> bool:
    """A whole crmdesk file, by its first 100 bytes: SQLite's magic, crmdesk's
    application id, a valid page count, and exactly that many pages on disk.
    An empty, cut or foreign file is not (nothing else is read)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return False
    page = int.from_bytes(header[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the page count is valid for this version of the file
    return (
        counted
        and pages > 0
        and page >= 512
        and not page & (page - 1)
        and size == pages * page
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


@contextlib.contextmanager
def interrupting(conn: sqlite3.Connection, call, every: float = 0.2) -> Iterator[sqlite3.Connection]:
    """While inside, `call()` is made now and then (at most every `every`
    seconds) during the statements of `conn` — a progress report that may
    raise to cancel. When it raises, the statement under way is interrupted
    and that exception comes out of the block, not SQLite's « interrupted »."""
    raised: list[BaseException] = []
    last = [time.monotonic()]

    def handler() -> int:
        now = time.monotonic()
        if now - last[0] < every:
            return 0
        last[0] = now
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 - given back when the block ends
            raised.append(exc)
            return 1
        return 0

    conn.set_progress_handler(handler, 50_000)
    try:
        yield conn
    except BaseException:
        if raised:
            raise raised[0] from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
