"""Automatic backups of a client file: where they go, when they are made,
which are kept, listing them and restoring one.

Where: in a folder beside the file, « <nom>.sauvegardes » (clients.sqlite ->
clients.sauvegardes/). Chosen over a folder hidden in the user's data
directory because the user can see it, it travels with the file when the
folder is copied to a USB key or another PC, and two files never mix their
backups; the default client file lives in the user data directory anyway.
Names: « <nom>-AAAAmmjj-HHMMSS-<motif>.sqlite » (motif: ouverture, fermeture,
import, fusion, purge, periodique, restauration, manuelle); the date is read
back from the name. Each backup is made through SQLite's online backup API
(the file may be open meanwhile), is readable by its owner only (0600), and
is checked (integrity_check) before any older one is deleted.

Also listed (never deleted here): the copies made before a schema migration,
beside the file (« <nom>.avant-migration-vN-<horodatage>.sqlite »), and those
of « crmdesk backup » before this policy, in the « sauvegardes » folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from crmdesk.store import maintenance, migrate
from crmdesk.store.database import Database, inspect_file
from crmdesk.store.errors import StoreError
from crmdesk.store.lock import WriterLock

FOLDER_SUFFIX = ".sauvegardes"
REASONS = ("ouverture", "fermeture", "import", "fusion", "purge", "periodique", "restauration", "manuelle",
           "migration", "reparation")
PERIODIC = "periodique"
MANUAL = "manuelle"     # asked for by the user: never thinned away
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"-(\d{8}-\d{6})(?:-([a-z]+))?(?:-\d+)?\.sqlite$")
_MIGRATION = re.compile(re.escape(migrate.MIGRATION_MARK) + r"\d+-(\d{8}-\d{6})(?:-\d+)?\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: dt.datetime
    reason: str
    size: int                     # bytes
    clients: int | None = None    # contacts not in the trash; None: not counted or unreadable


@dataclass(frozen=True)
class BackupPolicy:
    """How many automatic backups are kept: the last `keep_last`, plus the
    newest of each day for `daily_days` days and of each week for
    `weekly_weeks` weeks; a periodic one at most every `every_minutes`."""

    keep_last: int = 10
    daily_days: int = 7
    weekly_weeks: int = 5
    every_minutes: int = 15

    def to_delete(self, backups: list[BackupInfo], now: dt.datetime) -> list[BackupInfo]:
        """The automatic backups the policy no longer keeps (manual ones and
        the newest one are always kept)."""
        thinned = sorted((b for b in backups if b.reason != MANUAL), key=lambda b: b.when, reverse=True)
        keep = set(b.path for b in thinned[:max(self.keep_last, 1)])
        days: set[dt.date] = set()
        weeks: set[tuple[int, int]] = set()
        for backup in thinned:              # newest first: the first seen of a day/week is kept
            age = now - backup.when
            day = backup.when.date()
            if age < dt.timedelta(days=self.daily_days) and day not in days:
                days.add(day)
                keep.add(backup.path)
            week = tuple(day.isocalendar())[:2]
            if age < dt.timedelta(weeks=self.weekly_weeks) and week not in weeks:
                weeks.add(week)
                keep.add(backup.path)
        return [b for b in thinned if b.path not in keep]


DEFAULT_POLICY = BackupPolicy()


def folder_of(path: str | Path) -> Path:
    """« clients.sauvegardes » beside « clients.sqlite »."""
    path = Path(path).expanduser().resolve()
    return path.with_name(path.stem + FOLDER_SUFFIX)


def automatic(source: str | Path | Database, reason: str, *, policy: BackupPolicy = DEFAULT_POLICY,
              now: dt.datetime | None = None, progress: maintenance.Progress | None = None) -> Path | None:
    """Back the file up into its backups folder, then thin the folder.

    `source`: the file's path (opened read-only for the copy) or an open
    Database (its connection is used: no second connection needed).
    A periodic backup is skipped (None) when the newest backup is younger
    than policy.every_minutes. Returns the new backup's path."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    now = now or dt.datetime.now()
    opened = None if isinstance(source, Database) else Database(Path(source).expanduser(), writer=False)
    database = source if opened is None else opened
    try:
        folder = folder_of(database.path)
        if reason == PERIODIC and _recent(folder, database.path, now, policy):
            return None
        name = f"{database.path.stem}-{now.strftime(_STAMP)}-{reason}.sqlite"
        target = maintenance.create_verified(database, folder, name, progress)
    finally:
        if opened is not None:
            opened.close()
    thin(database.path, policy, now)      # only once the new backup is verified
    return target


def _recent(folder: Path, path: Path, now: dt.datetime, policy: BackupPolicy) -> bool:
    newest = max((b.when for b in _scan(folder, path.stem)), default=None)
    return newest is not None and now - newest < dt.timedelta(minutes=policy.every_minutes)


def thin(path: str | Path, policy: BackupPolicy = DEFAULT_POLICY, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups the policy no longer keeps; returns them."""
    path = Path(path).expanduser().resolve()
    doomed = policy.to_delete(_scan(folder_of(path), path.stem), now or dt.datetime.now())
    for backup in doomed:
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
    return [b.path for b in doomed]


# -- listing ----------------------------------------------------------------------------------
def list_backups(path: str | Path, *, counts: bool = True) -> list[BackupInfo]:
    """Every backup of the file, newest first, with its size and (counts=True)
    its number of clients. Reads each backup (a fraction of a second each):
    call it off the interface's thread."""
    path = Path(path).expanduser().resolve()
    found = _scan(folder_of(path), path.stem)
    found += _scan(path.parent / maintenance.BACKUP_DIR, path.stem)
    for file in _files(path.parent, path.stem + migrate.MIGRATION_MARK):
        match = _MIGRATION.search(file.name)
        info = _info(file, match.group(1), "migration") if match else None
        if info is not None:
            found.append(info)
    found.sort(key=lambda b: (b.when, _mtime(b.path), b.path.name), reverse=True)   # same second: by write time
    if counts:
        found = [BackupInfo(b.path, b.when, b.reason, b.size, client_count(b.path)) for b in found]
    return found


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _files(folder: Path, prefix: str) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.name.startswith(prefix) and p.is_file()]
    except OSError:
        return []


def _scan(folder: Path, stem: str) -> list[BackupInfo]:
    """The backups named « <stem>-AAAAmmjj-HHMMSS[-motif][-n].sqlite » in `folder`."""
    result = []
    for file in _files(folder, stem + "-"):
        match = _NAME.search(file.name)
        if match and file.name[:match.start()] == stem:
            result.append(_info(file, match.group(1), match.group(2) or MANUAL))
    return [b for b in result if b is not None]


def _info(file: Path, stamp: str, reason: str) -> BackupInfo | None:
    try:
        when = dt.datetime.strptime(stamp, _STAMP)
        size = file.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(file, when, reason, size)


def client_count(backup: Path) -> int | None:
    """Contacts outside the trash in a backup (None when it cannot be read)."""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return conn.execute("SELECT count(*) FROM contacts WHERE deleted_at IS NULL").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def latest_good(path: str | Path) -> BackupInfo | None:
    """The newest backup that passes integrity_check (None: there is none)."""
    for backup in list_backups(path, counts=False):
        if maintenance.integrity(backup.path, 1) == ["ok"]:
            return BackupInfo(backup.path, backup.when, backup.reason, backup.size, client_count(backup.path))
    return None


# -- restoring -----------------------------------------------------------------------------------
def verify(backup: str | Path) -> None:
    """StoreError (French) unless `backup` is a sound crmdesk file."""
    backup = Path(backup).expanduser()
    if not backup.is_file():
        raise StoreError(f"La sauvegarde « {backup} » est introuvable.")
    try:
        inspect_file(backup)
    except StoreError as exc:
        raise StoreError(f"La sauvegarde « {backup.name} » ne peut pas être restaurée : {exc}") from None
    problems = maintenance.integrity(backup)
    if problems != ["ok"]:
        raise StoreError(f"La sauvegarde « {backup.name} » est endommagée ({'; '.join(problems[:3])}) : "
                         "elle n'a pas été restaurée, rien n'a été remplacé. Choisissez-en une autre.")


@dataclass(frozen=True)
class Restored:
    target: Path
    safety: Path | None      # the backup of the replaced file
    set_aside: Path | None   # the replaced file itself, when it was too damaged to be copied


def restore(backup: str | Path, target: str | Path, *, policy: BackupPolicy = DEFAULT_POLICY) -> Restored:
    """Replace `target` by the backup, atomically.

    The backup is checked first (a damaged one is refused, nothing changes);
    the current file is backed up (reason « restauration ») or, when it is
    too damaged to be copied, set aside under another name; the backup is
    copied to a temporary file in the target's folder, checked, then put in
    place with os.replace, after the target's -wal and -shm are gone (a
    stale write-ahead log would be replayed into the restored file). The
    writer lock is held throughout: a file open in crmdesk is refused."""
    from crmdesk.store import recovery

    backup = Path(backup).expanduser().resolve()
    target = Path(target).expanduser().resolve()
    if backup == target:
        raise StoreError("La sauvegarde et le fichier à remplacer sont le même fichier.")
    verify(backup)
    lock = WriterLock(target, "crmdesk (restauration)")
    try:
        lock.acquire()
    except OSError as exc:
        raise StoreError(f"Impossible d'écrire dans « {target.parent} » : {exc.strerror}.") from None
    try:
        safety = set_aside = None
        if target.exists():
            try:
                safety = automatic(target, "restauration", policy=policy)
            except StoreError:
                if recovery.diagnose(target) is None:
                    raise                       # a sound file that cannot be copied: keep it, stop
                set_aside = recovery.set_aside(target)
        temp = _copy_beside(backup, target)
        try:
            if target.exists():
                os.chmod(temp, target.stat().st_mode & 0o777)   # the file keeps its access rights
                maintenance.make_standalone(target)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _sync_folder(target.parent)
    finally:
        lock.release()
    return Restored(target, safety, set_aside)


def _copy_beside(backup: Path, target: Path) -> Path:
    """A checked copy of `backup` in a new temporary file of the target's folder."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.restauration-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise maintenance.write_error(target.parent, exc) from None
    os.close(fd)
    temp = Path(name)
    try:
        source = Database(backup, writer=False)
        try:
            maintenance.copy_into(source, temp)
        finally:
            source.close()
        maintenance.verify(temp, delete=True)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def format_size(size: int) -> str:
    """« 980 octets », « 45,2 Ko », « 12,3 Mo », « 1,1 Go » (French decimal comma)."""
    if size < 1000:
        return f"{size} octet{'s' if size > 1 else ''}"
    for unit, scale in (("Ko", 1e3), ("Mo", 1e6), ("Go", 1e9)):
        if size < scale * 1000 or unit == "Go":
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    raise AssertionError  # pragma: no cover


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
