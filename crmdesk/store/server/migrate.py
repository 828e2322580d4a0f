"""The server's schema: db/postgresql/NNN_name.sql, numbered as db/NNN_name.sql.

A file named NNN_baseline.sql brings an empty database straight to version
NNN (the SQLite file's schema at NNN, in one script); every other file
brings version NNN-1 to NNN, as the SQLite migration of the same number
does. The version is kept in the database (crmdesk_meta 'schema_version',
SQLite's user_version); all that is pending is applied in one transaction,
under an advisory lock (two PCs opening an old database at once: one
migrates, the other waits and finds it done).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from crmdesk.paths import migrations_dir

_NAME = re.compile(r"(\d{3})_[a-z0-9_]+\.sql")
APPLICATION = "crmdesk"
_LOCK = 0x43524D44  # pg_advisory_xact_lock key: « CRMD »


def folder() -> Path:
    return migrations_dir() / "postgresql"


@lru_cache(maxsize=1)
def migrations() -> tuple[tuple[int, Path], ...]:
    found = sorted((int(m.group(1)), path) for path in folder().glob("*.sql") if (m := _NAME.fullmatch(path.name)))
    baselines = [n for n, path in found if path.stem.endswith("_baseline")]
    if not baselines:
        raise RuntimeError(f"no baseline in {folder()}")
    numbers = [n for n, _path in found if n >= baselines[0]]
    if numbers != list(range(baselines[0], baselines[0] + len(numbers))):
        raise RuntimeError(f"server migrations must follow each other from the first baseline: {numbers}")
    return tuple(found)


def latest_version() -> int:
    return migrations()[-1][0]


def pending(current: int) -> list[tuple[int, Path]]:
    """The scripts that bring a database from `current` (0: empty) to the latest."""
    if current == 0:
        base = max(n for n, path in migrations() if path.stem.endswith("_baseline"))
        return [(n, p) for n, p in migrations() if n == base and p.stem.endswith("_baseline")] + [
            (n, p) for n, p in migrations() if n > base and not p.stem.endswith("_baseline")
        ]
    return [(n, p) for n, p in migrations() if n > current and not p.stem.endswith("_baseline")]


def current_version(conn) -> int:
    """The schema version a crmdesk database says it has (psycopg connection)."""
    row = conn.execute("SELECT value FROM crmdesk_meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def upgrade(conn, current: int) -> int:
    """Apply what is pending on `conn` (a psycopg connection in autocommit) in
    one transaction; the version reached. Another crmdesk doing the same
    waits on the lock, then finds nothing left to do."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        if current:
            current = current_version(conn)
        elif conn.execute("SELECT to_regclass('crmdesk_meta')").fetchone()[0] is not None:
            current = current_version(conn)  # created meanwhile by another crmdesk
        steps = pending(current)
        for _number, path in steps:
            conn.execute(path.read_text(encoding="utf-8"))
        reached = steps[-1][0] if steps else current
        conn.execute(
            "INSERT INTO crmdesk_meta(key, value) VALUES ('application', %s), ('schema_version', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (APPLICATION, str(reached)),
        )
    return reached
