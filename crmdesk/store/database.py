"""Opening a client file: checks, pragmas, writer lock, migrations, transactions."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from crmdesk.store import migrate
from crmdesk.store.errors import FileMissing, NewerFile, NotCrmdeskFile, StorageFull, StoreError
from crmdesk.store.lock import WriterLock

APPLICATION_ID = 0x43524D44  # "CRMD" in the SQLite header marks a crmdesk file
_SQLITE_MAGIC = b"SQLite format 3\x00"


def now_iso() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


CHUNK = 500   # values per « IN (…) » (SQLite allows 32 766 parameters; 500 keeps each statement short)


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[tuple[list, str]]:
    """`items` in slices of `size`, each with its « ?, ?, … » marks for an « IN (…) »."""
    for start in range(0, len(items), size):
        chunk = list(items[start:start + size])
        yield chunk, ", ".join("?" * len(chunk))


def json_ids(values: Iterable[int]) -> str:
    """Ids as one parameter, each once: « id IN (SELECT value FROM json_each(?)) »."""
    return json.dumps(sorted(set(values)))


def references(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key pointing at `table`, read from the
    schema: whatever a later migration adds is seen too."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT m.name, f.\"from\" FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f "
        "WHERE m.type = 'table' AND f.\"table\" = ? ORDER BY m.name, f.\"from\"", (table,))]


def inspect_file(path: Path) -> int:
    """Schema version of an existing crmdesk file, read without changing a byte.

    Raises NotCrmdeskFile or NewerFile with a message for the user.
    """
    name = path.name
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except IsADirectoryError:
        raise NotCrmdeskFile(f"« {name} » est un dossier, pas un fichier clients crmdesk.") from None
    except OSError as exc:
        raise StoreError(f"Impossible de lire « {name} » : {exc.strerror}.") from None
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise NotCrmdeskFile(
            f"« {name} » n'est pas un fichier clients crmdesk (ce n'est pas une base SQLite). "
            "Il n'a pas été modifié."
        )
    # The header on disk may be stale while another connection holds the
    # change in its WAL: ask SQLite, read-only.
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            # a WAL file needs its folder writable, even to be read
            raise StoreError(f"« {name} » ne peut pas être ouvert : son dossier est en lecture seule (ou vous "
                             "n'avez pas le droit d'y écrire). Le fichier n'a pas été modifié.") from None
        raise NotCrmdeskFile(
            f"« {name} » est endommagé ou n'est pas un fichier clients crmdesk. Il n'a pas été modifié."
        ) from None
    if app_id != APPLICATION_ID:
        raise NotCrmdeskFile(
            f"« {name} » est une base SQLite, mais pas un fichier clients crmdesk. "
            "Il n'a pas été modifié."
        )
    latest = migrate.latest_version()
    if version > latest:
        raise NewerFile(
            f"« {name} » a été enregistré par une version plus récente de crmdesk "
            f"(schéma {version}, cette version connaît le schéma {latest}). "
            "Mettez crmdesk à jour pour l'ouvrir ; le fichier n'a pas été modifié."
        )
    return version


class Database:
    """One open client file.

    writer=True takes the single-writer lock and migrates the schema;
    writer=False opens read-only (export, check) and never changes the file.
    """

    def __init__(self, path: str | Path, *, create: bool = False, writer: bool = True,
                 program: str = "crmdesk"):
        self.path = Path(path).expanduser().resolve()
        self.author = _user()
        self._lock: WriterLock | None = None
        self._utils = None
        exists = self.path.exists()
        if not exists and not create:
            raise FileMissing(f"Le fichier « {self.path} » n'existe pas.")
        if not exists and not writer:
            raise FileMissing(f"Le fichier « {self.path} » n'existe pas.")
        version = inspect_file(self.path) if exists else 0
        if writer:
            if not exists:
                _make_parent(self.path)
            self._lock = WriterLock(self.path, program)
            try:
                self._lock.acquire()
            except OSError as exc:   # a read-only folder, a full disk: the lock file cannot be written
                self._lock = None
                raise _folder_error(self.path, exc) from None
        try:
            try:
                self.conn = self._connect(writer)
            except sqlite3.OperationalError as exc:
                raise _storage_error(exc, opening=True) from None
            if writer:
                if version < migrate.latest_version():
                    migrate.upgrade(self, version, backup=exists)
        except BaseException:
            self.close()
            raise

    def _connect(self, writer: bool) -> sqlite3.Connection:
        if writer:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        if writer:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        return conn

    def companion(self) -> Database:
        """A second connection of this process to the open file, for a worker
        thread. It may write when this one may (the writer lock is this
        process's): keep its transactions short, the window's writes wait for
        them. Read-only when this one is. Close it when done."""
        other = object.__new__(Database)
        other.path, other.author, other._lock, other._utils = self.path, self.author, None, None
        other._companion = True
        other.conn = self._connect(self.writable)
        return other

    @property
    def writable(self) -> bool:
        """Opened for writing (this process holds the file's writer lock)."""
        return self._lock is not None

    @property
    def db(self):
        """The file through sqlite-utils (introspection: tables, columns,
        counts). Imported on first use: it pulls in pandas (~0.4 s of start-up)."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    # -- transactions -------------------------------------------------------
    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """All writes inside happen together or not at all (nests as savepoints)."""
        if self.conn.in_transaction:
            name = f"sp{id(object())}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            self.conn.execute(f"RELEASE {name}")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _storage_error(exc) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise _storage_error(exc) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- helpers used by the store modules ------------------------------------
    def query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def scalar(self, sql: str, params: Iterable = ()):
        row = self.conn.execute(sql, tuple(params)).fetchone()
        return row[0] if row else None

    def audit(self, entity: str, entity_id: int | None, action: str, changes: dict | None = None) -> None:
        self.conn.execute(
            "INSERT INTO audit_log(at, author, entity, entity_id, action, changes) VALUES (?, ?, ?, ?, ?, ?)",
            (now_iso(), self.author, entity, entity_id, action,
             json.dumps(changes, ensure_ascii=False, default=str) if changes else None),
        )

    def insert_many(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
        """Bulk insert through executemany (the caller holds the transaction)."""
        if table not in _BULK_TABLES:
            raise ValueError(f"bulk insert into {table!r} is not allowed")
        marks = ", ".join("?" for _ in columns)
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def close(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                if self._lock is not None:
                    conn.execute("PRAGMA optimize")
            conn.close()
            self.conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_BULK_TABLES = frozenset({
    "reps", "contacts", "tags", "contact_tags", "categories", "products", "orders",
    "order_lines", "parties", "party_guests", "interactions", "tasks", "complaints",
    "complaint_events", "survey_answers", "loyalty_rewards", "loyalty_ledger",
    "loyalty_cards", "settings", "web_stats", "social_stats",
})


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Impossible de créer le dossier « {path.parent} » : {exc.strerror}.") from None


def _folder_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return StorageFull(f"Le disque est plein : « {path.name} » ne peut pas être ouvert en écriture. "
                           "Libérez de la place puis recommencez ; le fichier n'a pas été modifié.")
    return StoreError(f"Le dossier « {path.parent} » est en lecture seule (ou vous n'avez pas le droit d'y "
                      f"écrire) : « {path.name} » ne peut pas être ouvert pour être modifié. "
                      "Le fichier n'a pas été modifié.")


def _storage_error(exc: sqlite3.OperationalError, *, opening: bool = False) -> StoreError:
    text = str(exc)
    if opening and ("readonly" in text or "read-only" in text or "unable to open" in text):
        return StoreError("Le fichier ou son dossier est en lecture seule : il ne peut pas être ouvert pour "
                          "être modifié. Le fichier n'a pas été modifié.")
    if "full" in text:
        return StorageFull("Le disque est plein : la modification n'a pas été enregistrée, "
                           "les données précédentes sont intactes. Libérez de la place puis recommencez.")
    if "readonly" in text or "read-only" in text:
        return StoreError("Le fichier ou son dossier est en lecture seule : la modification n'a pas été "
                          "enregistrée, les données précédentes sont intactes.")
    if "locked" in text or "busy" in text:
        return StoreError("Le fichier est occupé par un autre programme ; réessayez dans un instant.")
    return StoreError(f"Erreur d'écriture : {text}. Les données précédentes sont intactes.")
