"""Opening a client file: checks, pragmas, writer lock, migrations, transactions."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from crmdesk.i18n import N_, _
from crmdesk.store import health, migrate
from crmdesk.store.errors import (
    DamagedFile,
    FileMissing,
    NewerFile,
    NotCrmdeskFile,
    ReadOnlyFile,
    StorageFull,
    StoreError,
)
from crmdesk.store.files import make_private, open_private
from crmdesk.store.lock import WriterLock
from crmdesk.store.reasons import unreadable
from crmdesk.store.server import on_server
from crmdesk.store.sqlite_file import APPLICATION_ID, SQLITE_MAGIC

# The write-ahead log while a file is open: cut back to this size once checkpointed
# (a reader that held an old snapshot for a minute can make it grow by hundreds of MB).
WAL_LIMIT = 32 * 2**20


def now_iso() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


CHUNK = 500  # values per « IN (…) » (SQLite allows 32 766 parameters; 500 keeps each statement short)


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[tuple[list, str]]:
    """`items` in slices of `size`, each with its « ?, ?, … » marks for an « IN (…) »."""
    for start in range(0, len(items), size):
        chunk = list(items[start : start + size])
        yield chunk, ", ".join("?" * len(chunk))


def json_ids(values: Iterable[int]) -> str:
    """Ids as one parameter, each once: « id IN (SELECT value FROM json_each(?)) »."""
    return json.dumps(sorted(set(values)))


def new_ids(database, table: str, count: int) -> list[int]:
    """Ids for `count` rows about to be inserted into `table` (key `id`), increasing.
    A file: after the highest (its writer is alone). A server: from the table's
    sequence, so that several imports and PCs writing at once never take the
    same (the ids may then leave gaps)."""
    if count <= 0:
        return []
    if on_server(database):
        return sorted(
            r[0]
            for r in database.conn.execute(
                "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)", (table, count)
            )
        )
    first = int(database.scalar(f"SELECT ifnull(max(id), 0) + 1 FROM {table}"))
    return list(range(first, first + count))


def references(conn: sqlite3.Connection, table: str, *, restricting: bool = False) -> list[tuple[str, str]]:
    """(table, column) of every foreign key pointing at `table` (with `restricting`,
    only those that forbid deleting a row it points at: ON DELETE RESTRICT or
    NO ACTION), read from the schema: whatever a later migration adds is seen too."""
    if on_server(conn):  # a server's catalogue (issue 19)
        return conn.references(table, restricting=restricting)
    return [
        (r[0], r[1])
        for r in conn.execute(
            'SELECT m.name, f."from" FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f '
            "WHERE m.type = 'table' AND f.\"table\" = ? AND (NOT ? OR f.on_delete IN ('RESTRICT', 'NO ACTION')) "
            'ORDER BY m.name, f."from"',
            (table, restricting),
        )
    ]


def decode_text(raw: bytes) -> str:
    """Every text SQLite hands over (the connections' text_factory): invalid UTF-8
    written by another program shows as « \ufffd » instead of failing the read
    (`crmdesk check` names such cells, `crmdesk check --repair` rewrites them).
    A Python call per text value: under 0.3 µs, lost in the cost of a row."""
    return raw.decode("utf-8", "replace")


def reader_uri(path: Path) -> str:
    """A read-only SQLite URI for `path`. On read-only media (a CD, a read-only
    share) SQLite cannot make the -shm a WAL file needs, even to be read:
    the file is then opened « immutable » (nobody can change it there anyway)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if os.access(path.parent, os.W_OK) else uri + "&immutable=1"


def _header_app_id(header: bytes) -> int:
    return int.from_bytes(header[68:72], "big")


def inspect_file(path: Path, *, level: str | None = None) -> int:
    """Schema version of an existing crmdesk file, read without changing a byte.

    level None reads the header only (application id, version); health.STRUCTURE
    health.PAGES or health.FULL also checks that the file is sound that far (health.py).
    Raises NotCrmdeskFile, NewerFile or DamagedFile with a message for the user.
    """
    name = path.name
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except IsADirectoryError:
        raise NotCrmdeskFile(_("« {name} » est un dossier, pas un fichier clients crmdesk.", name=name)) from None
    except OSError as exc:
        raise StoreError(
            _("Impossible de lire « {name} » (erreur système {code}).", name=name, code=exc.errno)
        ) from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotCrmdeskFile(
            _(
                "« {name} » n'est pas un fichier clients crmdesk (ce n'est pas une base SQLite). "
                "Il n'a pas été modifié.",
                name=name,
            )
        )
    # The header on disk may be stale while another connection holds the
    # change in its WAL: ask SQLite, read-only.
    problems: list[str] = []
    try:
        probe = sqlite3.connect(reader_uri(path), uri=True)
        try:
            probe.text_factory = decode_text
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            version = probe.execute("PRAGMA user_version").fetchone()[0]
            if level is not None and app_id == APPLICATION_ID:
                problems = health.problems(probe, level)
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorname", "") or "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise StoreError(
                _(
                    "« {name} » est occupé par un autre programme : réessayez dans un instant. "
                    "Le fichier n'a pas été modifié.",
                    name=name,
                )
            ) from None
        if not health.is_damage(exc):
            raise ReadOnlyFile(
                _(
                    "« {name} » ne peut pas être lu : SQLite n'a pas pu l'ouvrir (son dossier "
                    "est peut-être en lecture seule, ou vous n'avez pas le droit d'y lire). "
                    "Le fichier n'a pas été modifié.",
                    name=name,
                )
            ) from None
        if _header_app_id(header) == APPLICATION_ID:
            raise damaged(path, str(exc)) from None
        raise NotCrmdeskFile(
            _("« {name} » est endommagé ou n'est pas un fichier clients crmdesk. Il n'a pas été modifié.", name=name)
        ) from None
    if app_id != APPLICATION_ID:
        raise NotCrmdeskFile(
            _("« {name} » est une base SQLite, mais pas un fichier clients crmdesk. Il n'a pas été modifié.", name=name)
        )
    if problems:
        raise damaged(path, "; ".join(problems[:3]))
    latest = migrate.latest_version()
    if version > latest:
        raise NewerFile(
            _(
                "« {name} » a été enregistré par une version plus récente de crmdesk (schéma {version}, "
                "cette version connaît le schéma {latest}). Mettez crmdesk à jour pour l'ouvrir ; "
                "le fichier n'a pas été modifié.",
                name=name,
                version=version,
                latest=latest,
            )
        )
    return version


def damaged(path: Path, detail: str) -> DamagedFile:
    """The error of a damaged client file (SQLite's words in `detail`)."""
    reason = unreadable(detail)
    return DamagedFile(
        _(
            "Le fichier clients « {name} » est endommagé : {reason}. Il n'a pas été modifié ; "
            "ne l'utilisez plus et restaurez sa dernière sauvegarde (crmdesk restore).",
            name=path.name,
            reason=reason,
        ),
        reason,
    )


class Database:
    """One open client file.

    writer=True takes the single-writer lock and migrates the schema;
    writer=False opens read-only (export, check) and never changes the file.

    Every opening checks the file first (health.py), at the level `check`:
    health.WRITING by default for a writer (every page read, a small file
    fully checked: nothing is written into a damaged file), health.AUTO for
    a reader and for the window's writer (as much as the size allows at
    once), health.STRUCTURE for a second connection to a file already open.
    A writer whose pages were not read yet (`checked` False) opens with
    SQLite's query_only set: it cannot write until `allow_writes()` (the
    window calls it once its background check found the file sound).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = False,
        writer: bool = True,
        program: str = "crmdesk",
        check: str | None = None,
        progress: migrate.Progress | None = None,
    ):
        self.path = Path(path).expanduser().resolve()
        self.author = _user()
        self.writer = writer
        self._lock: WriterLock | None = None
        exists = self.path.exists()
        if not exists and not create:
            raise FileMissing(_("Le fichier « {path} » n'existe pas.", path=str(self.path)))
        if not exists and not writer:
            raise FileMissing(_("Le fichier « {path} » n'existe pas.", path=str(self.path)))
        level = health.level_for(self.path, check or (health.WRITING if writer else health.AUTO))
        version = inspect_file(self.path, level=level) if exists else 0
        self.checked = not exists or level != health.STRUCTURE
        if writer:
            if not exists:
                _make_parent(self.path)
            self._lock = WriterLock(self.path, program)
            try:
                self._lock.acquire()
            except OSError as exc:  # a read-only folder, a full disk: the lock file cannot be written
                self._lock = None
                raise _folder_error(self.path, exc) from None
        try:
            if writer:
                _prepare_file(self.path, exists)
            try:
                self.conn = self._connect(writer)
            except sqlite3.OperationalError as exc:
                raise _storage_error(exc, opening=True) from None
            if writer and not self.checked and migrate.changes_schema(version):
                self.verify()  # a migration writes the whole file: never into a damaged one
            if writer and version < migrate.latest_version():
                migrate.upgrade(self, version, backup=exists, progress=progress)
            if writer and not self.checked:  # comments only migrated: the version number alone was written
                self.conn.execute("PRAGMA query_only = ON")
        except BaseException:
            self.close()
            raise

    @property
    def writable(self) -> bool:
        """True when this connection may write (a writer whose pages were all checked)."""
        return self.writer and self.checked

    def verify(self) -> None:
        """Read every page now (health.PAGES) on this connection; DamagedFile when
        the file is damaged, else writes are allowed."""
        found = health.problems(self.conn, health.PAGES)
        if found:
            raise damaged(self.path, "; ".join(found[:3]))
        self.allow_writes()

    def allow_writes(self) -> None:
        """The pages were checked (here or on another connection): lift query_only."""
        self.checked = True
        if self.writer:
            self.conn.execute("PRAGMA query_only = OFF")

    def _connect(self, writer: bool) -> sqlite3.Connection:
        if writer:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(reader_uri(self.path), uri=True, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.text_factory = decode_text
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        if writer:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT}")
            _writing.add(self.path)
        return conn

    def companion(self) -> Database:
        """A second connection of this process to the open file, for a worker
        thread. It may write when this one may (the writer lock is this
        process's): keep its transactions short, the window's writes wait for
        them. Read-only when this one is. Close it when done."""
        other = object.__new__(Database)
        other.path, other.author, other._lock = self.path, self.author, None
        other._companion = True
        other.writer = other.checked = self.writable  # a file still being checked: a reader until then
        other.conn = self._connect(self.writable)
        return other

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
            raise _storage_error(exc, checking=self._checking()) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise _storage_error(exc, checking=self._checking()) from None
        except BaseException:
            self._rollback()
            raise

    def _checking(self) -> str | None:
        """The file's name while writes wait for its check (query_only), else None."""
        return self.path.name if self.writer and not self.checked else None

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
            (
                now_iso(),
                self.author,
                entity,
                entity_id,
                action,
                json.dumps(changes, ensure_ascii=False, default=str) if changes else None,
            ),
        )

    def insert_many(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
        """Bulk insert through executemany (the caller holds the transaction)."""
        if table not in _BULK_TABLES:
            raise ValueError(f"bulk insert into {table!r} is not allowed")
        marks = ", ".join("?" for _ in columns)
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def change_mark(self) -> tuple[int, int]:
        """Changes so far, as a value that moves whenever anything is committed to
        the file: this connection's own changes and SQLite's data_version (which
        moves with every commit of another connection, of this process or not)."""
        return self.conn.total_changes, int(self.scalar("PRAGMA data_version"))

    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def close(self) -> None:
        """Let go of the file. The writer leaves it whole in itself: its
        write-ahead log merged into it and emptied (checkpoint TRUNCATE), so a
        closed client file is one file that can be copied alone. A reader of a
        file this process writes gives the log back when it grew while it read."""
        conn = getattr(self, "conn", None)
        if conn is not None:
            if self._lock is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA analysis_limit = 1000")  # bounded: closing stays quick at 1M rows
                    conn.execute("PRAGMA optimize")
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA busy_timeout = 500")  # a reader elsewhere: do not wait for it
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.close()
            self.conn = None
            if self._lock is None and not getattr(self, "_companion", False) and self.path in _writing:
                release_log(self.path)
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            _writing.discard(self.path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# Files whose writer lock this process holds: their readers may give the log back.
_writing: set[Path] = set()


def release_log(path: Path, limit: int = WAL_LIMIT) -> None:
    """Checkpoint the write-ahead log of `path` and cut it back (TRUNCATE) when
    it is over `limit` bytes: after a long reader let go, the log does not stay
    big until the file is closed. Through a short connection of its own
    (any thread); gives up at once when the file is busy."""
    try:
        if os.stat(path.with_name(path.name + "-wal")).st_size <= limit:
            return
    except OSError:
        return
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.close()


_BULK_TABLES = frozenset(
    {
        "reps",
        "contacts",
        "tags",
        "contact_tags",
        "categories",
        "products",
        "orders",
        "order_lines",
        "parties",
        "party_guests",
        "interactions",
        "tasks",
        "complaints",
        "complaint_events",
        "survey_answers",
        "loyalty_rewards",
        "loyalty_ledger",
        "loyalty_cards",
        "settings",
        "web_stats",
        "social_stats",
    }
)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            _(
                "Impossible de créer le dossier « {folder} » (erreur système {code}).",
                folder=str(path.parent),
                code=exc.errno,
            )
        ) from None


def _prepare_file(path: Path, exists: bool) -> None:
    """The client file and its -wal/-shm readable by their owner only (SQLite gives
    the -wal and -shm it creates the rights of the file); a file that cannot be
    written is refused before SQLite would open it read-only without a word."""
    if not exists:
        os.close(open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))  # empty: SQLite makes it a database
        return
    for tail in ("", "-wal", "-shm"):
        make_private(path.with_name(path.name + tail))
    if not os.access(path, os.W_OK):
        raise _read_only(path)


def _read_only(path: Path) -> ReadOnlyFile:
    return ReadOnlyFile(
        _(
            "« {name} » ne peut pas être modifié : le fichier ou son dossier « {folder} » est en "
            "lecture seule (CD, partage en lecture seule, ou vous n'avez pas le droit d'y écrire). "
            "Il peut être consulté, pas modifié ; il n'a pas été modifié.",
            name=path.name,
            folder=str(path.parent),
        )
    )


def _folder_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return StorageFull(
            _(
                "Le disque est plein : « {name} » ne peut pas être ouvert en écriture. "
                "Libérez de la place puis recommencez ; le fichier n'a pas été modifié.",
                name=path.name,
            )
        )
    return _read_only(path)


def _storage_error(exc: sqlite3.OperationalError, *, opening: bool = False, checking: str | None = None) -> StoreError:
    text = str(exc)
    if checking and ("readonly" in text or "read-only" in text):
        return StoreError(
            _(
                "« {name} » est en cours de vérification (chaque page de ce gros fichier est lue) : "
                "les modifications seront possibles dans un instant ; rien n'a été enregistré.",
                name=checking,
            )
        )
    if opening and ("readonly" in text or "read-only" in text or "unable to open" in text):
        return ReadOnlyFile(
            _(
                "Le fichier ou son dossier est en lecture seule : il ne peut pas être ouvert pour "
                "être modifié. Le fichier n'a pas été modifié."
            )
        )
    if "full" in text:
        return StorageFull(
            N_(
                "Le disque est plein : la modification n'a pas été enregistrée, les données "
                "précédentes sont intactes. Libérez de la place puis recommencez."
            )
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            N_(
                "Le fichier ou son dossier est en lecture seule : la modification n'a pas été "
                "enregistrée, les données précédentes sont intactes."
            )
        )
    if "locked" in text or "busy" in text:
        return StoreError(N_("Le fichier est occupé par un autre programme ; réessayez dans un instant."))
    return StoreError(N_("Erreur d'écriture : {text}. Les données précédentes sont intactes."), text=text)
