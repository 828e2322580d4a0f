"""Text another program wrote badly into a client file: bytes that are not
UTF-8 (« L\\xffon » for « Léon » in Latin-1), or bytes stored as a BLOB in a
column of text. SQLite's checks cannot see them (to SQLite, text is bytes);
crmdesk reads them with a replacement character (database.decode_text).
`find` names them for `crmdesk check`, `rewrite` stores each as the text
crmdesk shows (« L\ufffdon »), in one transaction.

Finding them reads every text of the file once, but SQL narrows it down
first: only values with a byte above 127 (GLOB on a character class) or an
embedded NUL reach Python, which tries to decode them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from crmdesk.i18n import _

_NON_ASCII = "*[^\x01-\x7f]*"
_LABELS = {"contacts": "code", "complaints": "ref", "orders": "ref", "products": "name", "reps": "name"}


@dataclass(frozen=True)
class BadText:
    table: str
    column: str
    key: tuple             # rowid, or the raw primary key values of a WITHOUT ROWID table
    label: str             # the row as the user knows it (N° client, référence…), or ""
    raw: bytes

    @property
    def shown(self) -> str:
        return self.raw.decode("utf-8", "replace")

    def describe(self) -> str:
        """« table « contacts », ligne 122 (C000122), colonne « first_name » : « L�on » »."""
        value = self.shown if len(self.shown) <= 40 else self.shown[:39] + "…"
        row = (_("ligne {row} ({label})", row=self.key[0], label=self.label) if self.label
               else _("ligne {row}", row=", ".join(_label_text(k) for k in self.key)))
        return _("table « {table} », {row}, colonne « {column} » : « {value} »",
                 table=self.table, row=row, column=self.column, value=value)


@dataclass(frozen=True)
class _Table:
    name: str
    columns: list[tuple[str, bool]]     # (name, declared TEXT)
    keys: list[str]                     # [] : a rowid table


def _tables(conn: sqlite3.Connection) -> list[_Table]:
    """The ordinary tables (not SQLite's, not a virtual table nor its shadow tables)."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                        " ORDER BY name").fetchall()
    virtual = [r[0] for r in rows if (r[1] or "").upper().startswith("CREATE VIRTUAL")]
    result = []
    for name, sql in rows:
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        columns = [(r[1], "TEXT" in (r[2] or "").upper()) for r in info]
        keys = [] if "WITHOUT ROWID" not in (sql or "").upper() else \
            [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
        result.append(_Table(name, columns, keys))
    return result


def _suspect(column: str, text_declared: bool) -> str:
    """SQL: the value may not be valid UTF-8 text (Python decides)."""
    blob = f'typeof("{column}") = \'blob\' OR ' if text_declared else ""
    return (f'({blob}(typeof("{column}") = \'text\' AND ("{column}" GLOB :pattern '
            f'OR length(CAST("{column}" AS BLOB)) != length("{column}"))))')


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
        suspects = [(c, _suspect(c, declared)) for c, declared in table.columns]
        if not suspects:
            continue
        key_sql = ", ".join(f'CAST("{k}" AS BLOB)' for k in table.keys) if table.keys else "rowid"
        label = _LABELS.get(table.name)
        label_sql = f'"{label}"' if label and any(c == label for c, _d in table.columns) else "NULL"
        cells = ", ".join(f'CASE WHEN {cond} THEN typeof("{c}") END, CASE WHEN {cond} THEN CAST("{c}" AS BLOB) END'
                          for c, cond in suspects)
        sql = (f'SELECT {key_sql}, {label_sql}, {cells} FROM "{table.name}" '
               f'WHERE {" OR ".join(cond for _c, cond in suspects)}')
        width = len(table.keys) or 1
        for row in conn.execute(sql, {"pattern": _NON_ASCII}):
            values = row[width + 1:]
            for (column, _declared), kind, raw in zip(table.columns, values[0::2], values[1::2]):
                if raw is not None and (kind == "blob" or not _valid(raw)):
                    yield BadText(table.name, column, tuple(row[:width]), _label_text(row[width]), bytes(raw))


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
            "AND upper(sql) LIKE '%BEFORE UPDATE%' AND upper(sql) LIKE '%RAISE(%'", (name,)).fetchall()
        for trigger, _sql in guards:
            conn.execute(f'DROP TRIGGER "{trigger}"')
        for cell in (c for c in cells if c.table == name):
            where, params = _where(tables[name], cell.key)
            conn.execute(f'UPDATE "{name}" SET "{cell.column}" = ? WHERE {where} AND CAST("{cell.column}" AS BLOB) = ?',
                         [cell.shown, *params, cell.raw])
        for _trigger, sql in guards:
            conn.execute(sql)
