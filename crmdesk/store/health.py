"""Is a client file sound? The checks every opening runs, read without
changing a byte (used by crmdesk/store/database.py, damage.py, maintenance.py).

Three levels, the most the file's size allows at an opening (`level_for`):

* STRUCTURE — SQLite opens the file and reads its whole schema and the
  first page of every table: a damaged header, a truncated file (SQLite
  compares the size in the header with the file's), a zeroed first page or
  a broken schema are found in a few milliseconds whatever the size.
* PAGES — the above plus PRAGMA quick_check: every page of every table and
  index is read and its structure verified: about 0.1 s for 10 MB on an
  ordinary PC, 10 s and more for a 1 GB file.
* FULL — PRAGMA integrity_check instead: also every index compared with its
  table and the CHECK constraints (a flipped byte inside a value), 4 to 5
  times slower than quick_check.

A small file (up to FULL_CHECK_MAX_BYTES, a few thousand clients) gets FULL
at every opening, a medium one (up to QUICK_CHECK_MAX_BYTES) PAGES, a bigger
one STRUCTURE: the window then opens at once, read-only, while PAGES runs in
the background; a command that writes always reads every page first
(PAGES) — nothing is written into a file that fails it. `crmdesk check`
runs FULL whatever the size.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

STRUCTURE = "structure"
PAGES = "pages"
FULL = "full"
AUTO = "auto"
WRITING = "writing"  # AUTO, but never below PAGES: the level of a command that writes
FULL_CHECK_MAX_BYTES = 8 * 1024 * 1024
QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024
_PRAGMAS = {PAGES: "quick_check", FULL: "integrity_check"}

# SQLite's own words for a file it cannot read; « locked », « read-only » or
# « cannot open » say nothing about the content.
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt")
# SQLite 3.40 (Debian 12's) reports « NULL value in T.C » for every row of a
# WITHOUT ROWID table whose key columns are not its first ones, in their
# declared order (contact_tags; integrity_check too, for some tables): such a
# report is believed only once a query finds the NULL.
_NULL_REPORT = re.compile(r"NULL value in ([\w$]+)\.([\w$]+)$")


def is_damage(exc: BaseException) -> bool:
    """True when a sqlite3 error says the file's content is damaged."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return True
    return any(word in str(exc).lower() for word in _DAMAGE_WORDS)


def level_for(path: Path, wanted: str) -> str:
    """AUTO or WRITING resolved for `path` by the size of the file and its log."""
    if wanted not in (AUTO, WRITING):
        return wanted
    size = 0
    for tail in ("", "-wal"):
        try:
            size += path.with_name(path.name + tail).stat().st_size
        except OSError:
            pass
    if size <= FULL_CHECK_MAX_BYTES:
        return FULL
    return PAGES if size <= QUICK_CHECK_MAX_BYTES or wanted == WRITING else STRUCTURE


def structure_problems(conn: sqlite3.Connection) -> list[str]:
    """The schema read whole and the first page of every table: [] when SQLite can (damage raises)."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    conn.execute("PRAGMA schema_version").fetchone()
    for table in tables:
        conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchall()
    return []


def page_problems(conn: sqlite3.Connection, limit: int = 10, level: str = PAGES) -> list[str]:
    """What PRAGMA quick_check (PAGES) or integrity_check (FULL) finds, at most
    `limit`; [] when the file is sound.

    The false « NULL value » reports of SQLite 3.40 are read as they come (the
    statement streams) and kept only when a query confirms the NULL."""
    found: list[str] = []
    suspects: set[tuple[str, str]] = set()
    cursor = conn.execute(f"PRAGMA {_PRAGMAS[level]}(2147483647)")
    try:
        for (text,) in cursor:
            if text == "ok":
                break
            match = _NULL_REPORT.match(str(text))
            if match:
                suspects.add((match.group(1), match.group(2)))
                continue
            found.append(str(text))
            if len(found) >= limit:
                break
    finally:
        cursor.close()
    for table, column in sorted(suspects):
        if len(found) >= limit:
            break
        # typeof(): « IS NULL » on a column declared NOT NULL is optimised away to false
        nulls = conn.execute(f'SELECT count(*) FROM "{table}" WHERE typeof("{column}") = \'null\'').fetchone()[0]
        if nulls:
            found.append(f"NULL value in {table}.{column} ({nulls})")
    return found


def problems(conn: sqlite3.Connection, level: str, limit: int = 10) -> list[str]:
    """The problems of the file behind `conn` at `level` (STRUCTURE, PAGES or FULL); [] when sound.
    SQLite errors other than damage (locked, cannot open…) propagate."""
    try:
        found = structure_problems(conn)
        if not found and level in _PRAGMAS:
            found = page_problems(conn, limit, level)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return [str(exc)]
    return found
