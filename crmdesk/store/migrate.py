"""Numbered SQL migrations from db/: NNN_name.sql, each in one transaction.

The schema version is SQLite's user_version; application_id marks the file
as crmdesk's. A checked copy of the file is taken (online backup API) before
an existing file is migrated, and removed once the migrated file is checked;
a migration interrupted half-way changed nothing (one transaction) and its
copy is used again by the next attempt when the file has not changed since.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import re
import sqlite3
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from crmdesk.i18n import _
from crmdesk.paths import migrations_dir
from crmdesk.store.copies import create_verified, integrity
from crmdesk.store.errors import StoreError
from crmdesk.store.sqlite_file import APPLICATION_ID, interrupting, looks_complete

if TYPE_CHECKING:
    from crmdesk.store.database import Database

_NAME = re.compile(r"(\d{3})_[a-z0-9_]+\.sql")
MIGRATION_MARK = ".avant-migration-v"  # <nom>.avant-migration-vN-<horodatage>.sqlite
# progress(done, total) now and then; it may raise to stop the work
Progress = Callable[[int, int], None]


@lru_cache(maxsize=1)
def migrations() -> tuple[tuple[int, Path], ...]:
    found = []
    for path in sorted(migrations_dir().glob("*.sql")):
        match = _NAME.fullmatch(path.name)
        if match:
            found.append((int(match.group(1)), path))
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 001, 002, … without gaps: {numbers}")
    return tuple(found)


def latest_version() -> int:
    return len(migrations())


def statements(sql: str) -> list[str]:
    """Split a script into statements (executescript would commit mid-way)."""
    result, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                result.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(l.strip().startswith("--") or not l.strip() for l in buffer.splitlines()):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer[:80]!r}")
    return result


def changes_schema(current: int) -> bool:
    """True when a migration after `current` holds a statement. A migration of
    comments only (a number shared with a server change, db/postgresql/README.md)
    moves user_version alone: no copy of the file first, nothing else written."""
    return any(statements(path.read_text(encoding="utf-8")) for number, path in migrations() if number > current)


def backup_before_migration(database: Database, version: int, progress: Progress | None = None) -> Path:
    """A checked private copy beside the file, « <nom>.avant-migration-vN-<horodatage>.sqlite »
    (kept out of the thinned backups folder; crmdesk.store.backups lists it)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{database.path.stem}{MIGRATION_MARK}{version}-{stamp}{database.path.suffix}"
    return create_verified(database, database.path.parent, name, _part(progress, 0, COPY_SHARE))


def copy_still_good(database: Database, version: int) -> Path | None:
    """A copy left by a migration to `version` that was interrupted (a kill,
    a power cut), when the file has not changed since it was made: the file's
    log is merged first (the interrupted migration left nothing committed in
    it), then the copy must be complete and written after the file's last
    change. None: a new copy is needed."""
    conn = database.conn
    busy, _log, _moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        return None  # a reader elsewhere holds the log: do not guess
    path = database.path
    changed = path.stat().st_mtime_ns
    prefix = f"{path.stem}{MIGRATION_MARK}{version}-"
    candidates = sorted(
        (p for p in path.parent.glob(glob.escape(prefix) + "*" + path.suffix) if p.is_file() and not p.is_symlink()),
        reverse=True,
    )
    for copy in candidates:
        if looks_complete(copy) and copy.stat().st_mtime_ns > changed + _CLOCK_MARGIN_NS:
            return copy
    return None


def upgrade(database: Database, current: int, *, backup: bool, progress: Progress | None = None) -> None:
    """Bring the file from schema `current` to the latest, all the migrations
    in one transaction (interrupted: the file stays as it was). With backup=True
    a checked copy is taken first when a migration holds a statement (or the one
    an interrupted attempt left is used again), then removed once the migrated
    file passes quick_check.
    `progress(done, total)` is called now and then (on a 0…TOTAL scale) and
    may raise to cancel, until the migrations are committed (not after)."""
    copy = None
    if backup and changes_schema(current):
        copy = copy_still_good(database, current) or backup_before_migration(database, current, progress)
    pending = [(n, p) for n, p in migrations() if n > current]
    step = _part(progress, COPY_SHARE, MIGRATE_SHARE)
    reached = [0]
    try:
        with (
            interrupting(database.conn, lambda: step(reached[0], len(pending))) if step else contextlib.nullcontext(),
            database.atomic() as conn,
        ):
            for done, (_number, path) in enumerate(pending):
                reached[0] = done
                if step:
                    step(done, len(pending))
                for statement in statements(path.read_text(encoding="utf-8")):
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {pending[-1][0] if pending else current}")
            if step:
                step(len(pending), len(pending))  # the last moment a cancel leaves the file as it was
    except (sqlite3.Error, StoreError) as exc:
        kept = _(" Une copie d'avant la mise à jour est dans « {name} ».", name=copy.name) if copy else ""
        raise StoreError(
            _(
                "La mise à jour du fichier vers la version {number} a échoué ({error}). "
                "Le fichier est resté en version {current}.{kept}",
                number=latest_version(),
                error=str(exc),
                current=current,
                kept=kept,
            )
        ) from None
    if copy is not None and integrity(database.path, 1, quick=True) == ["ok"]:
        copy.unlink(missing_ok=True)  # the file is sound: the daily backups take over
    if progress:
        with contextlib.suppress(Exception):  # done: too late to cancel
            progress(TOTAL, TOTAL)


# The share of each phase on a 0…TOTAL scale: the copy, then the migrations (the check is the rest).
TOTAL = 1000
COPY_SHARE = 500
MIGRATE_SHARE = 400
_CLOCK_MARGIN_NS = 2 * 10**9  # times on a FAT USB key are kept to 2 s


def _part(progress: Progress | None, start: int, share: int) -> Progress | None:
    """`progress` for one phase: its (done, total) mapped onto start … start + share of TOTAL."""
    if progress is None:
        return None
    return lambda done, total: progress(start + (share * done // total if total else 0), TOTAL)
