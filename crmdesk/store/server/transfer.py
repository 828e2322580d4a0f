"""crmdesk server copy: a client file into an empty server database, or a
server database into a new client file — every table, checked.

The whole copy is one transaction on the target (server: nothing left if it
fails or is cancelled; file: the new file is removed). The triggers are off
while rows arrive (every table is copied as it is, the aggregates the
triggers keep included), then on again; the source is read in one snapshot
(other PCs may write meanwhile). Before the commit each table is counted and
checksummed on both sides: the sum of a 64-bit hash of each row's canonical
text (the same from SQLite and from PostgreSQL: the repr of its values), so
the order rows come in does not matter. Rows are sent with COPY to the server,
with executemany to a file; the indexes are built once the rows are in.

Complaint attachments travel too: a file keeps them in its « <nom>-pieces/ »
folder, a server in its base (attachment_contents). Their bytes are checked as
a table of their own (each attachment's hash, summed), present in the checks
when the client file holds attachments; a copy to a file writes them into the
new file's folder (owner-only, never through a planted link) and removes them
if the copy fails.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import _
from crmdesk.store import migrate as file_migrate
from crmdesk.store.database import Database
from crmdesk.store.errors import StoreError
from crmdesk.store.lock import lock_path
from crmdesk.store.server import migrate
from crmdesk.store.server.connection import ServerDatabase, connect
from crmdesk.store.server.url import database_name, without_password

# progress(rows copied, rows in all); it may raise (KeyboardInterrupt) to cancel: nothing is kept
Progress = Callable[[int, int], None]
# The cells SQLite keeps untyped (a text or a number as it was): jsonb on the server.
JSON_COLUMNS = frozenset({("import_changes", "old_value"), ("import_changes", "new_value")})
# SQLite's search table (rebuilt from contacts in a file; pg_trgm's index on a server).
_FILE_ONLY = ("contacts_fts",)
_BATCH = 2000


@dataclass(frozen=True)
class TableCheck:
    """One table after a copy: its rows and their checksum, the same on both sides."""

    table: str
    rows: int
    checksum: int


def to_server(path: str | Path, url: str, *, progress: Progress | None = None) -> list[TableCheck]:
    """Copy the client file `path` into the EMPTY database at `url`."""
    path = Path(path).expanduser()
    source = _open_file(path)
    try:
        raw = connect(url, "crmdesk server copy")
        try:
            refuse_not_empty(raw, url)
            source.conn.execute("BEGIN")  # one snapshot of the file
            try:
                tables = _tables(source)
                total = sum(int(source.scalar(f'SELECT count(*) FROM "{t}"')) for t, _c in tables)
                counter = _Counter(progress, total)
                with raw.transaction():
                    # committed to disk before the VACUUM below: the rows of an asynchronous commit (a server
                    # set to synchronous_commit = off) cannot be marked committed until the WAL is flushed,
                    # and VACUUM then leaves their pages not all-visible (a count or a position by index
                    # reads every row's page: a re-sort 2-5x slower on a million clients, until autovacuum)
                    raw.execute("SET LOCAL synchronous_commit = on")
                    migrate.upgrade(raw, 0)  # the schema (a savepoint of this transaction)
                    for table, _columns in tables:
                        raw.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
                        raw.execute(f'DELETE FROM "{table}"')  # the rows the schema writes itself
                    indexes = _server_indexes(raw)
                    for name, _definition in indexes:  # built once after the rows, not row by row
                        raw.execute(f'DROP INDEX "{name}"')
                    checks = []
                    for table, columns in tables:
                        checks.append(_copy_to_server(source, raw, table, columns, counter))
                    for _name, definition in indexes:
                        raw.execute(definition)
                    _set_sequences(raw)
                    for table, _columns in tables:
                        raw.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
                    found = [_server_check(raw, t, c) for t, c in tables]
                    pieces = _pieces_to_server(source, raw)
                    if pieces is not None:
                        checks.append(pieces)
                        found.append(_server_pieces_check(raw))
                    _verify(checks, found, without_password(url))
                    counter.done()
                # the planner's statistics and the visibility map of the rows copied, not a minute later
                # (autovacuum): searches planned without statistics walked the whole table, and counts
                # by index read every row's page until the table was vacuumed. VACUUM alone first:
                # ANALYZE's own transactions, committed asynchronously on a server set so, would keep
                # VACUUM from marking the copied rows committed, hence their pages visible to all
                raw.execute("VACUUM")
                raw.execute("ANALYZE")
            finally:
                source.conn.execute("COMMIT")
        finally:
            raw.close()
    finally:
        source.close()
    return checks


def to_file(url: str, path: str | Path, *, progress: Progress | None = None) -> list[TableCheck]:
    """Copy the server database at `url` into the NEW client file `path`."""
    path = Path(path).expanduser()
    if path.exists():
        raise StoreError(
            _(
                "« {name} » existe déjà : la copie d'une base du serveur s'écrit dans un nouveau "
                "fichier. Choisissez un autre nom ; le fichier existant n'a pas été modifié.",
                name=path.name,
            )
        )
    server = ServerDatabase(url, writer=False)
    try:
        if server.schema_version() != file_migrate.latest_version():
            raise StoreError(
                _(
                    "La base « {name} » du serveur est au schéma {version}, cette version de crmdesk "
                    "écrit des fichiers au schéma {latest} : ouvrez-la d'abord avec crmdesk (elle sera "
                    "mise à jour), puis recommencez.",
                    name=server.name,
                    version=server.schema_version(),
                    latest=file_migrate.latest_version(),
                )
            )
        leftovers = [
            p
            for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), lock_path(path))
            if not p.exists()
        ]
        written: list[Path] = []  # the attachments written into the new file's folder
        try:
            with Database(path, create=True) as target:
                checks = _copy_to_file(server, target, progress, written)
        except BaseException:
            for leftover in leftovers + written:  # never leave a half-made file behind
                with contextlib.suppress(OSError):
                    leftover.unlink()
            if written:
                with contextlib.suppress(OSError):  # the folder, when the copy made it (empty again)
                    written[0].parent.rmdir()
            raise
    finally:
        server.close()
    return checks


def _copy_to_file(
    server: ServerDatabase, target: Database, progress: Progress | None, written: list[Path]
) -> list[TableCheck]:
    raw = server.conn.raw
    from psycopg import IsolationLevel

    raw.isolation_level, raw.read_only = IsolationLevel.REPEATABLE_READ, True
    tables = _tables(target)
    conn = target.conn
    with raw.transaction():  # one snapshot of the server
        total = sum(int(raw.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t, _c in tables)
        counter = _Counter(progress, total)
        with target.atomic():
            conn.execute("PRAGMA defer_foreign_keys = ON")  # a contact may name a later one
            triggers = [
                sql for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            ]
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                conn.execute(f'DROP TRIGGER "{name}"')
            for table, _columns in tables:
                conn.execute(f'DELETE FROM "{table}"')
            indexes = [
                (name, sql)
                for name, sql in conn.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                )
            ]
            for name, _sql in indexes:  # built once after the rows, not row by row
                conn.execute(f'DROP INDEX "{name}"')
            checks = []
            for table, columns in tables:
                checks.append(_copy_from_server(raw, conn, table, columns, counter))
            for _name, sql in indexes:
                conn.execute(sql)
            conn.execute("INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild')")
            for sql in triggers:
                conn.execute(sql)
            found = [_file_check(target, t, c) for t, c in tables]
            if int(conn.execute("SELECT count(*) FROM attachments").fetchone()[0]):
                checks.append(_pieces_to_file(raw, target, written))
                found.append(_file_pieces_check(target))
            _verify(checks, found, target.path.name)
            counter.done()
    return checks


def _copy_to_server(source: Database, raw, table: str, columns: list[str], counter: _Counter) -> TableCheck:
    names = ", ".join(f'"{c}"' for c in columns)
    encode = _encoders(table, columns)
    digest = _Digest(table)
    with raw.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in source.conn.execute(f'SELECT {names} FROM "{table}"'):
            values = tuple(row)
            digest.add(values)
            copy.write_row(encode(values) if encode else values)
            counter.step()
    return digest.check()


def _copy_from_server(raw, conn, table: str, columns: list[str], counter: _Counter) -> TableCheck:
    names = ", ".join(f'"{c}"' for c in columns)
    digest = _Digest(table)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
    with raw.cursor(name=f"copy_{table}") as cursor:
        cursor.itersize = _BATCH
        cursor.execute(f'SELECT {names} FROM "{table}"')
        convert = _reader(table)
        while batch := cursor.fetchmany(_BATCH):
            rows = [convert(values) for values in batch]
            for values in rows:
                digest.add(values)
            conn.executemany(insert, rows)
            counter.step(len(rows))
    return digest.check()


# -- attachments: a file's folder <-> a server's attachment_contents --------------------------------
PIECES = "attachment_contents"


def _piece(attachment_id: int, content: bytes) -> tuple:
    """What is checksummed of one attachment: its id and its bytes' hash (not the bytes' repr)."""
    return (attachment_id, hashlib.blake2b(content, digest_size=16).hexdigest())


def _pieces_to_server(source: Database, raw) -> TableCheck | None:
    """The file's attachment files into attachment_contents; their check (None: no attachment).
    A file missing from the folder stays missing (crmdesk says so when it is opened)."""
    from crmdesk.store.complaints import ComplaintStore

    rows = source.conn.execute("SELECT id, stored_name FROM attachments ORDER BY id").fetchall()
    if not rows:
        return None
    store, digest = ComplaintStore(source), _Digest(PIECES)
    for attachment_id, stored in rows:
        try:
            content = store.attachment_path(stored).read_bytes()
        except (OSError, StoreError, CrmError):
            continue
        raw.execute("INSERT INTO attachment_contents(attachment_id, content) VALUES (%s, %s)", (attachment_id, content))
        digest.add(_piece(attachment_id, content))
    return digest.check()


def _server_pieces_check(raw) -> TableCheck:
    digest = _Digest(PIECES)
    with raw.cursor(name="check_pieces") as cursor:
        cursor.itersize = 20  # 20 MB each at most: a few at a time
        cursor.execute("SELECT attachment_id, content FROM attachment_contents")
        for attachment_id, content in cursor:
            digest.add(_piece(attachment_id, bytes(content)))
    return digest.check()


def _pieces_to_file(raw, target: Database, written: list[Path]) -> TableCheck:
    """The server's attachments written into the new file's folder (each file new: never over another)."""
    import os

    from crmdesk.store.complaints import ComplaintStore
    from crmdesk.store.files import make_private, open_private, private_folder

    store, digest = ComplaintStore(target), _Digest(PIECES)
    with raw.cursor(name="copy_pieces") as cursor:
        cursor.itersize = 20
        cursor.execute(
            "SELECT a.id, a.stored_name, c.content FROM attachments AS a "
            "JOIN attachment_contents AS c ON c.attachment_id = a.id ORDER BY a.id"
        )
        for attachment_id, stored, content in cursor:
            if not written:
                make_private(private_folder(store.attachments_dir))
            path = store.attachment_path(stored)  # a name that would leave the folder is refused
            with os.fdopen(open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb") as out:
                written.append(path)
                out.write(content)
            digest.add(_piece(attachment_id, bytes(content)))
    return digest.check()


def _file_pieces_check(target: Database) -> TableCheck:
    """The attachments as written in the new file's folder, read back."""
    from crmdesk.store.complaints import ComplaintStore

    store, digest = ComplaintStore(target), _Digest(PIECES)
    for attachment_id, stored in target.conn.execute("SELECT id, stored_name FROM attachments ORDER BY id"):
        path = store.attachment_path(stored)
        if path.is_file():
            digest.add(_piece(attachment_id, path.read_bytes()))
    return digest.check()


def _for_file(values: tuple) -> tuple:
    """A server row as SQLite keeps it (a jsonb list or object back to its text)."""
    return tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for v in values)


def _reader(table: str):
    """How the rows of `table` come from the server as SQLite keeps them: as they are, but
    for the untyped cells (jsonb there)."""
    return _for_file if any(t == table for t, _c in JSON_COLUMNS) else tuple


def _encoders(table: str, columns: list[str]):
    """The conversion of a file row for COPY: the untyped cells as JSON text (jsonb), else None."""
    positions = [i for i, c in enumerate(columns) if (table, c) in JSON_COLUMNS]
    if not positions:
        return None

    def encode(values: tuple) -> tuple:
        out = list(values)
        for i in positions:
            if out[i] is not None:
                out[i] = json.dumps(bytes(out[i]).hex() if isinstance(out[i], bytes) else out[i], ensure_ascii=False)
        return tuple(out)

    return encode


def _tables(database: Database) -> list[tuple[str, list[str]]]:
    """The client file's tables (not SQLite's nor the search table's), each after
    those it refers to, with their stored columns (not the generated ones)."""
    names = [
        r[0]
        for r in database.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "AND name NOT LIKE 'contacts_fts%' ORDER BY name"
        )
    ]
    refers = {
        n: {r[0] for r in database.conn.execute('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)', (n,))} - {n}
        for n in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and refers[n] <= set(ordered)]
        if not ready:
            raise RuntimeError(f"foreign keys in a cycle: {sorted(set(names) - set(ordered))}")
        ordered += ready
    return [
        (
            n,
            [
                r[0]
                for r in database.conn.execute(
                    "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid", (n,)
                )
            ],
        )
        for n in ordered
    ]


def _set_sequences(raw) -> None:
    """Each identity after the highest id copied (the next row gets the next number, as in SQLite)."""
    for table, column in raw.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    ).fetchall():
        raw.execute(
            f'SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max("{column}"), 0) + 1, false) FROM "{table}"',
            (f'"{table}"', column),
        )


def _server_indexes(raw) -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of the indexes no constraint owns (those may be dropped and made again)."""
    return raw.execute(
        "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index AS i "
        "JOIN pg_class AS c ON c.oid = i.indexrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conindid = i.indexrelid) ORDER BY 1"
    ).fetchall()


def refuse_not_empty(raw, url: str) -> None:
    count = raw.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p', 'S')"
    ).fetchone()[0]
    if count:
        raise StoreError(
            _(
                "La base « {name} » du serveur n'est pas vide ({count} tables ou objets) : crmdesk "
                "n'y copie un fichier clients que dans une base vide. Rien n'a été modifié.",
                name=database_name(url),
                count=count,
            )
        )


def _open_file(path: Path) -> Database:
    """The client file, read-only; brought to the latest schema first when older (with its backup)."""
    source = Database(path, writer=False)
    if source.schema_version() < file_migrate.latest_version():
        source.close()
        Database(path).close()
        source = Database(path, writer=False)
    return source


def _file_check(database: Database, table: str, columns: list[str]) -> TableCheck:
    names = ", ".join(f'"{c}"' for c in columns)
    return _Digest(table).over(tuple(r) for r in database.conn.execute(f'SELECT {names} FROM "{table}"'))


def _server_check(raw, table: str, columns: list[str]) -> TableCheck:
    names = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor(name=f"check_{table}") as cursor:
        cursor.itersize = _BATCH
        cursor.execute(f'SELECT {names} FROM "{table}"')
        convert = _reader(table)
        return _Digest(table).over(convert(r) for r in cursor)


def _verify(expected: list[TableCheck], found: list[TableCheck], target: str) -> None:
    wrong = [
        f"{e.table} ({e.rows} → {f.rows})" if e.rows != f.rows else e.table
        for e, f in zip(expected, found, strict=True)
        if e != f
    ]
    if wrong:
        raise StoreError(
            _(
                "La copie vers « {target} » ne correspond pas à l'original pour : {tables}. Elle a été "
                "annulée : rien n'a été gardé.",
                target=target,
                tables=", ".join(wrong),
            )
        )


def canonical(values: tuple) -> str:
    """The text of a row that is the same read from SQLite or from PostgreSQL: Python's
    repr of its values (None, int, float, str, bytes: the types both give back)."""
    return repr(values)


class _Digest:
    def __init__(self, table: str):
        self.table, self.rows, self.total = table, 0, 0

    def add(self, values: tuple) -> None:
        hashed = hashlib.blake2b(canonical(values).encode("utf-8"), digest_size=8).digest()
        self.total = (self.total + int.from_bytes(hashed, "big")) % 2**64
        self.rows += 1

    def over(self, rows: Iterator[tuple]) -> TableCheck:
        for values in rows:
            self.add(values)
        return self.check()

    def check(self) -> TableCheck:
        return TableCheck(self.table, self.rows, self.total)


class _Counter:
    """Rows copied so far, reported now and then (every 1 %, at most)."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress, self.total, self.count, self._next = progress, total, 0, 0

    def step(self, rows: int = 1) -> None:
        self.count += rows
        if self.progress is not None and self.count >= self._next:
            self._next = self.count + max(self.total // 100, 1)
            self.progress(self.count, self.total)

    def done(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)
