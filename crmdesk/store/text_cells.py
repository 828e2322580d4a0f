"""Text another program wrote badly into a client file: bytes that are not
UTF-8 (« L\\xffon » for « Léon » in Latin-1), stored as text or as a BLOB in a
column of text. SQLite's checks cannot see them (to SQLite, text is bytes);
crmdesk reads them with a replacement character (database.decode_text).
`find` names them for `crmdesk check`, `rewrite` stores each as the text
crmdesk shows (« L\ufffdon »), in one transaction.

Finding them reads every text of the file once (about as long as reading
every row; 16 s for a million clients on a busy PC): each row's texts are
decoded together, and one by one only when that fails.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from crmdesk.i18n import _

_LABELS = {"contacts": "code", "complaints": "ref", "orders": "ref", "products": "name", "reps": "name"}


@dataclass(frozen=True)
class BadText:
    table: str
    column: str
    key: tuple  # rowid, or the raw primary key values of a WITHOUT ROWID table
    label: str  # the row as the user knows it (N° client, référence…), or ""
    raw: bytes

    @property
    def shown(self) -> str:
        return self.raw.decode("utf-8", "replace")

    def describe(self) -> str:
        """« table « contacts », ligne 122 (C000122), colonne « first_name » : « L�on » »."""
        value = self.shown if len(self.shown) <= 40 else self.shown[:39] + "…"
        row = (
            _("ligne {row} ({label})", row=self.key[0], label=self.label)
            if self.label
            else _("ligne {row}", row=", ".join(_label_text(k) for k in self.key))
        )
        return _(
            "table « {table} », {row}, colonne « {column} » : « {value} »",
            table=self.table,
            row=row,
            column=self.column,
            value=value,
        )


@dataclass(frozen=True)
class _Table:
    name: str
    columns: list[tuple[str, bool]]  # (name, declared TEXT or without a type: where text lives)
    keys: list[str]  # [] : a rowid table


def _tables(conn: sqlite3.Connection) -> list[_Table]:
    """The ordinary tables (not SQLite's, not a virtual table nor its shadow tables)."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
    ).fetchall()
    virtual = [r[0] for r in rows if (r[1] or "").upper().startswith("CREATE VIRTUAL")]
    result = []
    for name, sql in rows:
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        columns = [(r[1], "TEXT" in (r[2] or "").upper() or not r[2]) for r in info]
        keys = (
            []
            if "WITHOUT ROWID" not in (sql or "").upper()
            else [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
        )
        result.append(_Table(name, columns, keys))
    return result


def _valid(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def iter_bad(conn: sqlite3.Connection, check: Callable[[], None] | None = None) -> Iterator[BadText]:
    """Every cell of the file holding bytes that are not valid UTF-8 text, table by table.
    `check()` is called between tables (it may raise to stop)."""
    for table in _tables(conn):
        if check is not None:
            check()
        yield from _bad_in(conn, table)


def _bad_in(conn: sqlite3.Connection, table: _Table) -> list[BadText]:
    """The bad cells of one table. Its text columns come raw (text_factory bytes); each
    row's values, joined by NUL (never inside a UTF-8 sequence), are decoded at once,
    and SQL counts its BLOBs: a row is looked at cell by cell only when either fails."""
    columns = [c for c, declared in table.columns if declared]
    if not columns:
        return []
    names = [f'"{c}"' for c in columns]
    types = ", ".join(f"typeof({n})" for n in names)
    blobs = " + ".join(f"(typeof({n}) = 'blob')" for n in names)
    keys = ", ".join(f'CAST("{k}" AS BLOB)' for k in table.keys) if table.keys else "rowid"
    label = _LABELS.get(table.name)
    label_sql = f'"{label}"' if label in columns else "NULL"
    width = len(table.keys) or 1
    found = []
    factory = conn.text_factory
    conn.text_factory = bytes
    try:
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: a million rows go faster
        cursor.execute(f'SELECT {keys}, {label_sql}, {blobs}, {", ".join(names)} FROM "{table.name}"')
        for row in cursor:
            key, values = tuple(row[:width]), row[width + 2 :]
            if not row[width + 1]:
                try:
                    b"\0".join([v for v in values if v is not None]).decode("utf-8")
                    continue
                except (UnicodeDecodeError, TypeError):
                    pass
            where, params = _where(table, key)
            kinds = conn.execute(f'SELECT {types} FROM "{table.name}" WHERE {where}', params).fetchone()
            for column, kind, raw in zip(columns, kinds, values):  # (the type names come as bytes here)
                if kind == b"blob" or (kind == b"text" and not _valid(raw)):
                    found.append(BadText(table.name, column, key, _label_text(row[width]), raw))
    finally:
        conn.text_factory = factory
    return found


def _label_text(value) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _where(table: _Table, key: tuple) -> tuple[str, list]:
    if not table.keys:
        return "rowid = ?", [key[0]]
    return " AND ".join(f'CAST("{k}" AS BLOB) = ?' for k in table.keys), list(key)


def find(conn: sqlite3.Connection, limit: int | None = None) -> tuple[list[BadText], int]:
    """(the first `limit` bad cells, how many in all)."""
    shown: list[BadText] = []
    total = 0
    for cell in iter_bad(conn):
        total += 1
        if limit is None or len(shown) < limit:
            shown.append(cell)
    return shown, total


def rewrite(conn: sqlite3.Connection, cells: list[BadText]) -> None:
    """Store each cell as the text crmdesk shows (replacement characters), in the
    caller's transaction; a cell whose bytes changed since it was found is left
    alone. The append-only guards of a table (a BEFORE UPDATE trigger that
    raises) are set aside for these updates and put back as they were."""
    tables = {t.name: t for t in _tables(conn)}
    for name in sorted({c.table for c in cells}):
        guards = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "AND upper(sql) LIKE '%BEFORE UPDATE%' AND upper(sql) LIKE '%RAISE(%'",
            (name,),
        ).fetchall()
        for trigger, _sql in guards:
            conn.execute(f'DROP TRIGGER "{trigger}"')
        for cell in (c for c in cells if c.table == name):
            where, params = _where(tables[name], cell.key)
            conn.execute(
                f'UPDATE "{name}" SET "{cell.column}" = ? WHERE {where} AND CAST("{cell.column}" AS BLOB) = ?',
                [cell.shown, *params, cell.raw],
            )
        for _trigger, sql in guards:
            conn.execute(sql)
