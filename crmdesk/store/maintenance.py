"""Checking a client file and backing it up (both read-only on the file,
so they work while the application has it open)."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from crmdesk.store import migrate
from crmdesk.store.database import Database
from crmdesk.store.errors import FileMissing, StorageFull, StoreError

BACKUP_DIR = "sauvegardes"
_MAX_LISTED = 20


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # facts, not problems

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        lines = [f"Vérification de « {self.path} »"]
        lines += [f"  {note}" for note in self.notes]
        if self.ok:
            lines.append("Aucun problème trouvé.")
        else:
            count = len(self.problems)
            lines.append(f"{count} problème{'s' if count > 1 else ''} trouvé{'s' if count > 1 else ''} :")
            lines += [f"  - {problem}" for problem in self.problems]
            lines.append("Conseil : ne modifiez plus ce fichier ; restaurez la dernière sauvegarde "
                         f"(dossier « {self.path.stem}.sauvegardes » à côté du fichier, « crmdesk restore ») "
                         "ou faites-vous aider.")
        return "\n".join(lines)


def check(path: str | Path) -> CheckReport:
    """Integrity, foreign keys and schema version of a client file.

    Opening errors (not a crmdesk file, newer version, damaged header) are
    problems of the report; a missing file raises FileMissing."""
    path = Path(path).expanduser()
    report = CheckReport(path)
    try:
        database = Database(path, writer=False)
    except FileMissing:
        raise
    except StoreError as exc:
        report.problems.append(str(exc))
        return report
    try:
        _integrity(database.conn, report)
        if report.ok:
            _foreign_keys(database.conn, report)
        _schema(database, report)
        if report.ok:
            _counts(database, report)
    finally:
        database.close()
    return report


def _integrity(conn: sqlite3.Connection, report: CheckReport) -> None:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(100)")]
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"le fichier est endommagé ({exc}) : SQLite ne peut pas le lire en entier")
        return
    if rows == ["ok"]:
        report.notes.append("Intégrité SQLite : correcte")
        return
    report.problems.append(f"le fichier est endommagé : SQLite signale {len(rows)} anomalie(s)")
    report.problems += [f"SQLite : {r}" for r in rows[:_MAX_LISTED]]
    if len(rows) > _MAX_LISTED:
        report.problems.append(f"… et {len(rows) - _MAX_LISTED} autre(s)")


def _foreign_keys(conn: sqlite3.Connection, report: CheckReport) -> None:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"références entre tables illisibles ({exc})")
        return
    if not rows:
        report.notes.append("Références entre tables : correctes")
        return
    report.problems.append(f"{len(rows)} ligne(s) pointent vers un élément qui n'existe plus")
    for table, rowid, parent, _ in rows[:_MAX_LISTED]:
        report.problems.append(f"table « {table} », ligne {rowid} : l'élément de « {parent} » est introuvable")


def _schema(database: Database, report: CheckReport) -> None:
    try:
        version = database.schema_version()
    except sqlite3.DatabaseError as exc:  # pragma: no cover - inspect_file read it already
        report.problems.append(f"version du schéma illisible ({exc})")
        return
    latest = migrate.latest_version()
    if version == latest:
        report.notes.append(f"Version du schéma : {version} (à jour)")
    elif version < latest:
        report.notes.append(f"Version du schéma : {version} ; cette version de crmdesk utilise la {latest}. "
                            "Le fichier sera mis à jour à sa prochaine ouverture en écriture "
                            "(une copie est faite avant).")


def _counts(database: Database, report: CheckReport) -> None:
    try:
        contacts = database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NULL")
        trash = database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NOT NULL")
        orders = database.scalar("SELECT count(*) FROM orders")
    except sqlite3.DatabaseError:
        return
    report.notes.append(f"Contenu : {contacts} contact(s), {trash} à la corbeille, {orders} commande(s)")


# -- backup ----------------------------------------------------------------------------
STEP_PAGES = 4096  # 16 MB a step (4 KB pages): progress and cancel between steps

# progress(done_pages, total_pages) after each step; it may raise to stop the copy
Progress = Callable[[int, int], None]


def backup_name(path: Path, when: dt.datetime | None = None) -> str:
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{path.stem}-{stamp}.sqlite"


def backup(path: str | Path, to_dir: str | Path | None = None) -> Path:
    """Copy the client file with SQLite's online backup API into
    `to_dir` (default: a « sauvegardes » folder beside it) as
    « <stem>-YYYYmmdd-HHMMSS.sqlite », readable by its owner only (0600),
    then check the copy (integrity_check). Returns the copy's path."""
    source = Database(Path(path).expanduser(), writer=False)
    try:
        folder = Path(to_dir).expanduser() if to_dir else source.path.parent / BACKUP_DIR
        return create_verified(source, folder, backup_name(source.path))
    finally:
        source.close()


def create_verified(source: Database, folder: Path, name: str, progress: Progress | None = None) -> Path:
    """Back `source` up into a new file `folder/name` (« -2 », « -3 »… added
    before the extension when taken: a backup never overwrites anything),
    0600 in a 0700 folder, checked by integrity_check; nothing is left
    behind when the copy fails or is incorrect."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Impossible de créer le dossier « {folder} » : {exc.strerror}.") from None
    target = _new_file(folder, name)
    try:
        copy_into(source, target, progress)
        verify(target, delete=True)
    except BaseException:
        target.unlink(missing_ok=True)
        target.with_name(target.name + "-journal").unlink(missing_ok=True)   # a copy failed on a full disk
        raise
    return target


def _new_file(folder: Path, name: str) -> Path:
    """Create the empty backup file (0600, never an existing one)."""
    stem, dot, suffix = name.rpartition(".")
    for attempt in range(1, 100):
        target = folder / (name if attempt == 1 else f"{stem}-{attempt}{dot}{suffix}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise write_error(folder, exc) from None
        os.close(fd)
        return target
    raise StoreError(f"Trop de sauvegardes portent déjà ce nom dans « {folder} ».")  # pragma: no cover


def write_error(folder: Path, exc: OSError) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return StorageFull(f"Le disque est plein : impossible d'écrire une sauvegarde dans « {folder} ».")
    return StoreError(f"Impossible d'écrire dans « {folder} » : {exc.strerror}.")


def copy_into(source: Database, target: Path, progress: Progress | None = None) -> None:
    """Online backup of an open file into `target` (a standalone file:
    rollback journal, no -wal beside it), STEP_PAGES pages at a time.

    The source's read transaction is held from the first step to the last,
    so that writes made meanwhile by other connections (WAL) neither block
    nor restart the copy: the copy is the file as it was at its start."""
    dest = sqlite3.connect(target)
    conn = source.conn
    snapshot = not conn.in_transaction
    try:
        if snapshot:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.backup(dest, pages=STEP_PAGES, sleep=0,
                    progress=(lambda _status, remaining, total: progress(total - remaining, total))
                    if progress else None)
        dest.execute("PRAGMA journal_mode = DELETE")
        dest.commit()
    except sqlite3.Error as exc:
        if "full" in str(exc):
            raise StorageFull(f"Le disque est plein : la copie de « {source.path.name} » n'a pas pu être "
                              "écrite ; le fichier lui-même est intact.") from None
        raise StoreError(f"La copie de « {source.path.name} » a échoué : {exc}.") from None
    finally:
        if snapshot and conn.in_transaction:
            conn.execute("COMMIT")
        dest.close()
    os.chmod(target, 0o600)


def integrity(path: Path, limit: int = 10) -> list[str]:
    """PRAGMA integrity_check of a file, read-only: ["ok"] when it is sound."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return [r[0] for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def verify(target: Path, *, delete: bool = False) -> None:
    """StoreError (French) unless `target` passes integrity_check."""
    result = integrity(target)
    if result != ["ok"]:
        fate = "elle a été supprimée" if delete else "elle n'a pas été utilisée"
        raise StoreError(f"La copie « {target.name} » est incorrecte ({'; '.join(result)}) : {fate}. "
                         "Vérifiez le fichier avec « crmdesk check ».")


@contextlib.contextmanager
def scratch_copy(path: str | Path) -> Iterator[Database]:
    """A throwaway writable copy of a client file (an empty new file if it
    does not exist) in a temporary folder, for a dry run: the real file is
    only read, never locked nor changed, and the copy is deleted after."""
    path = Path(path).expanduser()
    with tempfile.TemporaryDirectory(prefix="crmdesk-essai-") as folder:
        target = Path(folder) / "essai.sqlite"
        if path.exists():
            source = Database(path, writer=False)
            try:
                copy_into(source, target)
            finally:
                source.close()
        database = Database(target, create=True)
        try:
            yield database
        finally:
            database.close()


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
        raise StoreError("Le fichier n'a pas pu être finalisé (encore ouvert ailleurs) ; rien n'a été remplacé.")
    for leftover in (wal, path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
