"""ServerDatabase: a crmdesk database on a PostgreSQL server, behind the same
API as a client file (crmdesk.store.database.Database), so that the stores
run unchanged on both (their SQLite statements through dialect.py).

No writer lock on a server: several crmdesk work at once, each write in a
transaction (`atomic`, READ COMMITTED, savepoints when nested). A login
without the right to insert opens read-only (`writable` False, `read_only`
says why). The author of the audit log is the PostgreSQL login.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping

from crmdesk.i18n import _
from crmdesk.store.database import Database
from crmdesk.store.errors import (
    FileMissing,
    NewerFile,
    NotCrmdeskFile,
    ReadOnlyFile,
    StoreError,
)
from crmdesk.store.reasons import server_reason
from crmdesk.store.server import dialect, migrate
from crmdesk.store.server.url import database_name, host_name, without_password


class ServerUnreachable(StoreError):
    pass


class AuthenticationFailed(StoreError):
    pass


_COPIED = frozenset({"contacts", "contact_tags"})  # bulk inserts whose triggers are per statement


class ServerDatabase(Database):
    """One open crmdesk database on a server.

    writer=True migrates an older schema (one transaction); create=True
    also makes an empty database a crmdesk one (the latest schema).
    writer=False never changes the database.
    """

    kind = "postgresql"

    def __init__(
        self, url: str, *, create: bool = False, writer: bool = True, program: str = "crmdesk", **_file_options
    ):
        self.url = without_password(url)
        self.path = None  # no file: the stores that need one say so
        self.name = database_name(url)
        self.writer = writer
        self.checked = True
        self._lock = None
        self._program = program
        self._secret_url = url.strip()
        self.conn = None
        raw = connect(self._secret_url, program)
        try:
            self.conn = ServerConnection(raw)
            self.author = raw.execute("SELECT current_user").fetchone()[0]
            version = self._version(raw, create=create and writer)
            if writer and version < migrate.latest_version():
                migrate.upgrade(raw, version)
            self.read_only = (
                None
                if self._may_insert(raw)
                else _(
                    "Votre identifiant « {login} » ne peut que lire la base « {name} » du serveur : "
                    "crmdesk l'ouvre en lecture seule.",
                    login=self.author,
                    name=self.name,
                )
            )
            self.conn.refresh_tables()
        except BaseException:
            self.close()
            raise

    def _version(self, raw, *, create: bool) -> int:
        """The schema version of the database; 0 for an empty one that may be made crmdesk's."""
        if raw.execute("SELECT to_regclass('crmdesk_meta')").fetchone()[0] is None:
            tables = raw.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p')"
            ).fetchone()[0]
            if tables or not create:
                raise NotCrmdeskFile(
                    _(
                        "La base « {name} » du serveur n'est pas une base crmdesk (elle a {count} tables sans "
                        "la marque de crmdesk). Elle n'a pas été modifiée.",
                        name=self.name,
                        count=tables,
                    )
                    if tables
                    else _(
                        "La base « {name} » du serveur est vide : ce n'est pas encore une base crmdesk. "
                        "Copiez-y un fichier clients avec « crmdesk server copy FICHIER {url} ».",
                        name=self.name,
                        url=self.url,
                    )
                )
            return 0
        marks = dict(raw.execute("SELECT key, value FROM crmdesk_meta").fetchall())
        if marks.get("application") != migrate.APPLICATION:
            raise NotCrmdeskFile(
                _(
                    "La base « {name} » du serveur n'est pas une base crmdesk. Elle n'a pas été modifiée.",
                    name=self.name,
                )
            )
        version, latest = int(marks.get("schema_version", 0)), migrate.latest_version()
        if version > latest:
            raise NewerFile(
                _(
                    "La base « {name} » du serveur a été mise à jour par une version plus récente de "
                    "crmdesk (schéma {version}, cette version connaît le schéma {latest}). Mettez "
                    "crmdesk à jour sur ce PC ; la base n'a pas été modifiée.",
                    name=self.name,
                    version=version,
                    latest=latest,
                )
            )
        return version

    @staticmethod
    def _may_insert(raw) -> bool:
        return bool(raw.execute("SELECT has_table_privilege('contacts', 'INSERT')").fetchone()[0])

    @property
    def writable(self) -> bool:
        return self.writer and self.read_only is None

    def verify(self) -> None:
        """Nothing to read page by page: the server keeps its own pages."""

    def allow_writes(self) -> None:
        self.checked = True

    def companion(self) -> ServerDatabase:
        """A second connection to the same database (a worker thread's)."""
        return ServerDatabase(self._secret_url, writer=False, program=self._program)

    @contextlib.contextmanager
    def rehearsal(self) -> Iterator[ServerDatabase]:
        """A second connection (a worker thread's) where everything written is
        undone at the end: the server's scratch copy for a dry run."""
        twin = ServerDatabase(self._secret_url, program=self._program)
        try:
            with twin.rolled_back():
                yield twin
        finally:
            twin.close()

    # -- transactions -------------------------------------------------------
    @contextlib.contextmanager
    def atomic(self) -> Iterator[ServerConnection]:
        """All writes inside happen together or not at all (nests as savepoints)."""
        if self.read_only is not None:
            raise ReadOnlyFile(self.read_only)
        conn = self.conn
        if conn.in_transaction:
            name = f"sp{id(object())}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        conn.execute("BEGIN")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def rolled_back(self) -> Iterator[ServerDatabase]:
        """Everything written inside is undone at the end: a dry run, which the
        other PCs never see (only the ids taken from sequences are not given back)."""
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            self.conn.execute("ROLLBACK")

    def insert_many(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
        """Bulk insert; into contacts and their tags through COPY: one statement
        per call, so that their statement-level triggers (db/postgresql/015) run
        once, not once per row. Not the others: a row trigger of order_lines
        reads the order's other lines, which one multi-row statement would show
        it all at once (SQLite and executemany: one row after the other)."""
        if table not in _COPIED:
            super().insert_many(table, columns, rows)
            return
        self.conn.copy_rows(table, columns, rows)

    def change_mark(self) -> tuple[int, int]:
        """Moves whenever a contact changes, on this PC or another (db/010's journal)."""
        return self.conn.total_changes, int(self.scalar("SELECT coalesce(max(seq), 0) FROM contact_changes"))

    def schema_version(self) -> int:
        return migrate.current_version(self.conn.raw)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class ServerConnection:
    """What the stores use of an sqlite3.Connection, over a psycopg connection
    in autocommit (transactions are explicit: ServerDatabase.atomic)."""

    kind = "postgresql"

    def __init__(self, raw):
        self.raw = raw
        dialect.load_numbers_as_sqlite(raw)
        self.total_changes = 0
        self._with_id: frozenset[str] = frozenset()

    def refresh_tables(self) -> None:
        """The tables whose key is an identity `id` (their inserts give lastrowid). From the
        catalog itself: information_schema's view of it costs ~6 ms more, twice at opening."""
        self._with_id = frozenset(
            r[0]
            for r in self.raw.execute(
                "SELECT c.relname::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
                "AND a.attname = 'id' AND a.attidentity <> '' AND NOT a.attisdropped"
            )
        )

    def references(self, table: str, *, restricting: bool = False) -> list[tuple[str, str]]:
        """(table, column) of every foreign key pointing at `table`, as crmdesk.store.database.references
        (restricting: ON DELETE RESTRICT « r » or NO ACTION « a » only)."""
        return [
            (r[0], r[1])
            for r in self.raw.execute(
                'SELECT c.conrelid::regclass::text COLLATE "C", a.attname::text COLLATE "C" FROM pg_constraint AS c '
                "JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
                "WHERE c.contype = 'f' AND c.confrelid = to_regclass(%s) "
                "AND (NOT %s OR c.confdeltype IN ('r', 'a')) ORDER BY 1, 2",
                (table, restricting),
            )
        ]

    def table_info(self, table: str) -> list[dict]:
        """SQLite's pragma_table_info of `table` (name, type, notnull, pk), from the server's catalogue."""
        return [
            {"name": r[0], "type": "TEXT" if r[1] in ("text", "citext") else r[1].upper(), "notnull": r[2], "pk": r[3]}
            for r in self.raw.execute(
                "SELECT a.attname::text, format_type(a.atttypid, NULL), a.attnotnull::int, "
                "(EXISTS (SELECT 1 FROM pg_index AS i WHERE i.indrelid = a.attrelid AND i.indisprimary "
                "AND a.attnum = ANY (i.indkey)))::int FROM pg_attribute AS a "
                "WHERE a.attrelid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                (table,),
            )
        ]

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Iterable = ()) -> ServerCursor:
        text = dialect.translate(sql)
        returning = dialect.returning_id(text, self._with_id)
        cursor = self.raw.cursor(row_factory=dialect.row_factory)
        with translated_errors():
            cursor.execute(returning or text, params if isinstance(params, Mapping) else tuple(params))
        lastrowid = None
        if returning is not None:
            row = cursor.fetchone()  # none: ON CONFLICT DO NOTHING inserted nothing
            lastrowid = row[0] if row is not None else None
        if (cursor.rowcount > 0 and cursor.description is None) or returning is not None:
            self.total_changes += max(cursor.rowcount, 0)
        return ServerCursor(cursor, lastrowid)

    def executemany(self, sql: str, rows: Iterable[Iterable]) -> ServerCursor:
        cursor = self.raw.cursor(row_factory=dialect.row_factory)
        with translated_errors():
            cursor.executemany(dialect.translate(sql), [r if isinstance(r, Mapping) else tuple(r) for r in rows])
        self.total_changes += max(cursor.rowcount, 0)
        return ServerCursor(cursor, None)

    def copy_rows(self, table: str, columns: Iterable[str], rows: Iterable[Iterable]) -> None:
        """COPY `rows` into `table` (a name and columns from the code, never from a user)."""
        with translated_errors(), self.raw.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            self.total_changes += max(cursor.rowcount, 0)

    def cursor(self) -> StatementCursor:
        return StatementCursor(self)

    def set_progress_handler(self, handler, every: int) -> None:
        """SQLite's hook to interrupt a long statement: a server statement runs to its end."""

    def commit(self) -> None:
        """Autocommit: only an open transaction (atomic) holds writes back."""

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()


class ServerCursor:
    """A psycopg cursor seen as an sqlite3.Cursor (fetchone, fetchall, iteration, lastrowid)."""

    def __init__(self, cursor, lastrowid: int | None):
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount
        self.description = cursor.description

    def fetchone(self):
        return self._cursor.fetchone() if self._cursor.description is not None else None

    def fetchall(self) -> list:
        return self._cursor.fetchall() if self._cursor.description is not None else []

    def fetchmany(self, size: int = 1) -> list:
        return self._cursor.fetchmany(size) if self._cursor.description is not None else []

    def __iter__(self):
        if self._cursor.description is None:
            return iter(())
        return iter(self._cursor)


class StatementCursor:
    """conn.cursor() of sqlite3: execute() on it, then fetch from it (rows are tuples already)."""

    row_factory = None

    def __init__(self, conn: ServerConnection):
        self._conn = conn
        self._current: ServerCursor | None = None

    def execute(self, sql: str, params: Iterable = ()) -> StatementCursor:
        self._current = self._conn.execute(sql, params)
        return self

    def executemany(self, sql: str, rows: Iterable[Iterable]) -> StatementCursor:
        self._current = self._conn.executemany(sql, rows)
        return self

    @property
    def lastrowid(self) -> int | None:
        return self._current.lastrowid if self._current else None

    @property
    def rowcount(self) -> int:
        return self._current.rowcount if self._current else -1

    def fetchone(self):
        return self._current.fetchone() if self._current else None

    def fetchall(self) -> list:
        return self._current.fetchall() if self._current else []

    def fetchmany(self, size: int = 1) -> list:
        return self._current.fetchmany(size) if self._current else []

    def __iter__(self):
        return iter(self._current) if self._current else iter(())

    def close(self) -> None:
        self._current = None


@contextlib.contextmanager
def translated_errors() -> Iterator[None]:
    """psycopg's errors as the sqlite3 classes the stores catch."""
    import psycopg

    try:
        yield
    except psycopg.errors.IntegrityError as exc:
        raise sqlite3.IntegrityError(_first_line(exc)) from exc
    except psycopg.errors.QueryCanceled as exc:
        raise sqlite3.OperationalError("interrupted") from exc
    except psycopg.OperationalError as exc:
        raise sqlite3.OperationalError(_first_line(exc)) from exc
    except psycopg.errors.InsufficientPrivilege as exc:
        raise sqlite3.OperationalError("attempt to write a readonly database: " + _first_line(exc)) from exc
    except psycopg.DatabaseError as exc:
        raise sqlite3.DatabaseError(_first_line(exc)) from exc


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0]


def connect(url: str, program: str = "crmdesk"):
    """A psycopg connection (autocommit) to `url`, or a StoreError in the
    interface language saying why not: server unreachable, authentication
    failed, database missing. The password: in the URL if the user put it
    there, else ~/.pgpass (libpq), else the system keyring when installed."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            _(
                "Le module psycopg manque : crmdesk ne peut pas se connecter à un serveur "
                'PostgreSQL (pip install "psycopg[binary]").'
            )
        ) from None
    options = {"autocommit": True, "application_name": program[:60]}
    if "connect_timeout" not in url:
        options["connect_timeout"] = 10

    def attempt(**password):
        try:
            return psycopg.connect(url, **options, **password)
        except psycopg.OperationalError as exc:
            raise connection_error(url, str(exc)) from None
        except psycopg.ProgrammingError as exc:  # a URL libpq cannot read
            raise StoreError(
                _(
                    "Adresse de serveur incorrecte « {url} » : {detail}.",
                    url=without_password(url),
                    detail=_first_line(exc),
                )
            ) from None

    try:
        return attempt()
    except AuthenticationFailed:
        # the keyring asked only when the server wants a password libpq did not have: loading
        # it costs ~0.1 s, a third of what opening a server adds to the window's start
        password = keyring_password(url)
        if not password:
            raise
    return attempt(password=password)


def connection_error(url: str, detail: str) -> StoreError:
    """libpq's words (English, or the server's language) -> the error the user reads."""
    text = detail.lower()
    name, host, shown = database_name(url), host_name(url), without_password(url)
    if (
        ("password" in text and ("authentication failed" in text or "no password supplied" in text))
        or "authentification par mot de passe" in text
        or ("role" in text and "does not exist" in text)
        or "no pg_hba.conf entry" in text
    ):
        return AuthenticationFailed(
            _(
                "Le serveur « {host} » a refusé la connexion à « {url} » : identifiant ou mot de passe incorrect, "
                "ou ce poste n'est pas autorisé. Le mot de passe se met dans le fichier ~/.pgpass "
                "(crmdesk ne l'enregistre jamais).",
                host=host,
                url=shown,
            )
        )
    if ("database" in text and "does not exist" in text) or ("base de données" in text and "n'existe pas" in text):
        return FileMissing(
            _(
                "La base « {name} » n'existe pas sur le serveur « {host} ». Créez-la d'abord "
                "(createdb {name}), vide, puis copiez-y un fichier clients avec "
                "« crmdesk server copy FICHIER {url} ».",
                name=name,
                host=host,
                url=shown,
            )
        )
    if "permission denied for database" in text:  # another login may have the right: the dialog asks
        return AuthenticationFailed(
            _(
                "Le serveur « {host} » a refusé la connexion à « {url} » : {reason}.",
                host=host,
                url=shown,
                reason=server_reason(detail),
            )
        )
    return ServerUnreachable(
        _(
            "Le serveur « {host} » ne répond pas ({detail}). Vérifiez qu'il est allumé, que "
            "PostgreSQL y tourne et que ce PC peut le joindre par le réseau.",
            host=host,
            detail=server_reason(detail),  # libpq's own words only when none of the common reasons
        )
    )


def keyring_password(url: str) -> str | None:
    """The password the system keyring holds for this address (service « crmdesk »), if keyring is installed."""
    if "@" in url.split("//", 1)[-1].split("/", 1)[0] and ":" in url.split("//", 1)[-1].split("@", 1)[0]:
        return None  # the URL has its own
    try:
        import keyring  # optional: not a dependency of crmdesk
    except ImportError:
        return None
    with contextlib.suppress(Exception):  # no keyring backend on this PC: libpq's ~/.pgpass only
        return keyring.get_password("crmdesk", without_password(url))
    return None


# -- pgwin: the window keeps a typed password in the keyring (never in crmdesk's own files) ----
def keyring_problem() -> str | None:
    """Why no password can be kept on this PC (in the interface language), None when the keyring is there."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return _("Le module keyring n'est pas installé : le mot de passe ne peut pas être gardé sur ce poste.")
    if isinstance(keyring.get_keyring(), fail.Keyring):
        return _(
            "Aucun trousseau de mots de passe n'est disponible sur ce poste : le mot de passe ne peut pas y être gardé."
        )
    return None


def keep_password(url: str, password: str) -> None:
    """The password of `url` into the system keyring (service « crmdesk », read back by
    keyring_password); StoreError saying why when it cannot be kept."""
    problem = keyring_problem()
    if problem:
        raise StoreError(problem)
    import keyring

    try:
        keyring.set_password("crmdesk", without_password(url), password)
    except keyring.errors.KeyringError as exc:
        raise StoreError(
            _("Le mot de passe n'a pas pu être gardé dans le trousseau ({reason}).", reason=str(exc))
        ) from None
