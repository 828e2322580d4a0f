"""Verified copies of a client file: SQLite's online backup into a hidden
temporary file, checked, synced, then given a name that never overwrites
anything. Used for the backups (backups.py, maintenance.py), the copy taken
before a migration (migrate.py) and a restore; no Database is opened here,
so that database.py → migrate.py can use it."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from crmdesk.i18n import N_, _
from crmdesk.store import files
from crmdesk.store.errors import StorageFull, StoreError
from crmdesk.store.reasons import os_reason
from crmdesk.store.sqlite_file import interrupting

if TYPE_CHECKING:
    from crmdesk.store.database import Database

BACKUP_DIR = "sauvegardes"  # « crmdesk backup »'s folder beside the file (and that of older versions)
STEP_PAGES = 4096  # 16 MB a step (4 KB pages): progress and cancel between steps
PARTIAL = ".partiel-"  # « .<nom>.partiel-<pid>-<n> »: a backup being written (hidden, never listed)
_PARTIAL = re.compile(r"^\..+" + re.escape(PARTIAL) + r"(\d+)-\d+(?:-journal|-wal|-shm)?$")
_numbers = itertools.count(1)
_LEFTOVER_AGE = 24 * 3600  # where a process cannot be asked whether it lives: a day

# progress(done_pages, total_pages) after each step; it may raise to stop the copy
Progress = Callable[[int, int], None]


def create_verified(source: Database, folder: Path, name: str, progress: Progress | None = None) -> Path:
    """Back `source` up into a new file `folder/name` (« -2 », « -3 »… added
    before the extension when taken: a backup never overwrites anything),
    0600 in a 0700 folder.

    The copy is written under a hidden temporary name (« .<name>.partiel-<pid> »,
    no rollback journal), checked (quick_check: every page and b-tree read
    back), synced, and only then given its name: a backup interrupted at any
    moment (a kill, a full disk, a cancel) leaves nothing that looks like a
    backup. Temporary files left by a killed process are removed here."""
    try:
        folder.mkdir(mode=files.FOLDER_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise files.write_error(folder, exc) from None
    remove_leftovers(folder)
    temp = folder / f".{name}{PARTIAL}{os.getpid()}-{next(_numbers)}"
    try:
        os.close(files.open_private(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        copy_into(source, temp, progress)
        check_copy(temp, progress)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        target = _publish(temp, folder, name)
    except BaseException:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + "-journal").unlink(missing_ok=True)  # a copy failed on a full disk
        raise
    sync_folder(folder)
    return target


def _publish(temp: Path, folder: Path, name: str) -> Path:
    """Give the checked copy its name, never over an existing file."""
    stem, dot, suffix = name.rpartition(".")
    for attempt in range(1, 100):
        target = folder / (name if attempt == 1 else f"{stem}-{attempt}{dot}{suffix}")
        try:
            os.link(temp, target)  # fails when `target` exists, unlike a rename
        except FileExistsError:
            continue
        except OSError:  # no hard links here (FAT, some shares): check, then rename
            if os.path.lexists(target):
                continue
            try:
                os.rename(temp, target)
            except OSError as exc:
                raise files.write_error(folder, exc) from None
            return target
        temp.unlink()
        return target
    raise StoreError(
        N_("Trop de sauvegardes portent déjà ce nom dans « {folder} »."), folder=folder
    )  # pragma: no cover


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary copies (and their SQLite companions) that a
    process killed mid-backup left in `folder`; returns them."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _PARTIAL.match(entry.name)
        if match and entry.is_file(follow_symlinks=False) and not _alive(int(match.group(1)), entry):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int, entry: os.DirEntry) -> bool:
    """Whether the process that writes a temporary copy may still be at it."""
    if pid == os.getpid():
        return True
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # someone else's process: alive
            return True
        return True
    try:  # pragma: no cover - Windows: no harmless way to ask; a day-old copy is no one's
        return time.time() - entry.stat(follow_symlinks=False).st_mtime < _LEFTOVER_AGE
    except OSError:  # pragma: no cover
        return False


def write_error(folder: Path, exc: OSError) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return StorageFull(
            N_("Le disque est plein : impossible d'écrire une sauvegarde dans « {folder} »."), folder=folder
        )
    return StoreError(N_("Impossible d'écrire dans « {folder} » : {reason}."), folder=folder, reason=os_reason(exc))


def copy_into(source: Database, target: Path, progress: Progress | None = None) -> None:
    """Online backup of an open file into `target` (a standalone file:
    rollback journal, no -wal beside it), STEP_PAGES pages at a time.

    The source's read transaction is held from the first step to the last,
    so that writes made meanwhile by other connections (WAL) neither block
    nor restart the copy: the copy is the file as it was at its start. The
    target has no journal while it is written (a copy cut short is thrown
    away whole): no « -journal » is ever left beside it."""
    dest = sqlite3.connect(target)
    conn = source.conn
    snapshot = not conn.in_transaction
    try:
        dest.execute("PRAGMA journal_mode = OFF")
        if snapshot:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.backup(
            dest,
            pages=STEP_PAGES,
            sleep=0,
            progress=(lambda _status, remaining, total: progress(total - remaining, total)) if progress else None,
        )
    except sqlite3.Error as exc:
        if "full" in str(exc):
            raise StorageFull(
                N_(
                    "Le disque est plein : la copie de « {name} » n'a pas pu être écrite ; le fichier "
                    "lui-même est intact."
                ),
                name=source.path.name,
            ) from None
        raise StoreError(N_("La copie de « {name} » a échoué : {reason}."), name=source.path.name, reason=exc) from None
    finally:
        if snapshot and conn.in_transaction:
            conn.execute("COMMIT")
        dest.close()
    _standalone_header(target)
    os.chmod(target, 0o600)


def _standalone_header(path: Path) -> None:
    """Mark a fresh copy as a rollback-journal file: it says « WAL » like its
    source (header bytes 18-19 = 2) and would want a -wal beside it. Written in
    place, not through SQLite, which would need a -journal for it."""
    with open(path, "r+b") as handle:
        header = handle.read(20)
        if header[18:20] == b"\x02\x02":
            handle.seek(18)
            handle.write(b"\x01\x01")


def integrity(
    path: Path, limit: int = 10, *, quick: bool = False, during: Callable[[], None] | None = None
) -> list[str]:
    """PRAGMA integrity_check (quick_check with quick=True) of a file,
    read-only: ["ok"] when it is sound. `during()` is called now and then;
    what it raises (a cancel) stops the check and comes out of here."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with interrupting(conn, during) if during else contextlib.nullcontext(conn):
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}({int(limit)})")]
            return _without_false_nulls(conn, rows, limit) if quick else rows
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


_NULL_REPORT = re.compile(r"NULL value in (\w+)\.(\w+)")


def _without_false_nulls(conn: sqlite3.Connection, rows: list[str], limit: int) -> list[str]:
    """quick_check's report without the NULLs it sees where there are none;
    when those filled its `limit`, the other tables are checked one by one."""
    false = {r for r in rows if _false_null(conn, r)}
    if not false:
        return rows
    real = [r for r in rows if r not in false and r != "ok"]
    if len(rows) >= limit:
        skipped = {_NULL_REPORT.fullmatch(r).group(1) for r in false}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            if table not in skipped:
                quoted = "'" + table.replace("'", "''") + "'"  # a pragma takes no bound parameter
                real += [r[0] for r in conn.execute(f"PRAGMA quick_check({quoted})") if r[0] != "ok"]
    return list(dict.fromkeys(real))[:limit] or ["ok"]


def _false_null(conn: sqlite3.Connection, report: str) -> bool:
    """SQLite 3.40's quick_check reports « NULL value in T.C » for rows of a
    WITHOUT ROWID table that hold none (integrity_check does not): asked again
    column by column, the value is looked for."""
    match = _NULL_REPORT.fullmatch(report)
    if match is None:
        return False
    table, column = match.groups()
    known = {r[1] for r in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}
    if column not in known:
        return False
    # typeof(): « IS NULL » on a NOT NULL column is answered from the schema, without reading
    return conn.execute(f'SELECT 1 FROM "{table}" WHERE typeof("{column}") = \'null\' LIMIT 1').fetchone() is None


def check_copy(target: Path, progress: Progress | None = None) -> None:
    """Verify a fresh copy (quick_check: every page of every table and index
    read back; its content is the source's, which `crmdesk check` checks in
    full). A `progress` that raises (a cancel) stops the check with its
    exception; StoreError (French) when the copy is incorrect."""
    verify(target, delete=True, quick=True, during=(lambda: progress(1, 1)) if progress else None)


def verify(
    target: Path, *, delete: bool = False, quick: bool = False, during: Callable[[], None] | None = None
) -> None:
    """StoreError (French) unless `target` passes integrity_check (quick_check)."""
    result = integrity(target, quick=quick, during=during)
    if result != ["ok"]:
        fate = _("elle a été supprimée") if delete else _("elle n'a pas été utilisée")
        raise StoreError(
            N_("La copie « {name} » est incorrecte ({problems}) : {fate}. Vérifiez le fichier avec « crmdesk check »."),
            name=target.name,
            problems="; ".join(result),
            fate=fate,
        )


def make_standalone(path: Path) -> None:
    """Merge the file's write-ahead log into it, so it can be moved or renamed
    alone; StoreError (French) when another connection still holds it."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(N_("Le fichier n'a pas pu être finalisé (encore ouvert ailleurs) ; rien n'a été remplacé."))
    for leftover in (wal, path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
