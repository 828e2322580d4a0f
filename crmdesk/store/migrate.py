"""Numbered SQL migrations from db/: NNN_name.sql, each in one transaction.

The schema version is SQLite's user_version; application_id marks the file
as crmdesk's. A copy of the file is taken (online backup API) before an
existing file is migrated.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from crmdesk.i18n import N_, _
from crmdesk.paths import migrations_dir
from crmdesk.store.errors import StoreError

if TYPE_CHECKING:
    from crmdesk.store.database import Database

_NAME = re.compile(r"(\d{3})_[a-z0-9_]+\.sql")
MIGRATION_MARK = ".avant-migration-v"  # <nom>.avant-migration-vN-<horodatage>.sqlite


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


def backup_before_migration(database: "Database", version: int) -> Path:
    """A verified private copy beside the file, « <nom>.avant-migration-vN-<horodatage>.sqlite »
    (kept out of the thinned backups folder: one per version, never deleted
    automatically; crmdesk.store.backups lists it among the backups)."""
    from crmdesk.store.maintenance import create_verified

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{database.path.stem}{MIGRATION_MARK}{version}-{stamp}{database.path.suffix}"
    return create_verified(database, database.path.parent, name)


def upgrade(database: "Database", current: int, *, backup: bool) -> None:
    from crmdesk.store.database import APPLICATION_ID

    copy = backup_before_migration(database, current) if backup else None
    for number, path in migrations():
        if number <= current:
            continue
        try:
            with database.atomic() as conn:
                for statement in statements(path.read_text(encoding="utf-8")):
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {number}")
        except (sqlite3.Error, StoreError) as exc:
            kept = _(" Une copie d'avant la mise à jour est dans « {name} ».", name=copy.name) if copy else ""
            raise StoreError(
                N_("La mise à jour du fichier vers la version {number} a échoué ({reason}). Le fichier est resté en "
                   "version {previous}.{kept}"), number=number, reason=exc, previous=number - 1, kept=kept) from None
