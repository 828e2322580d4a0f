"""Automatic backups of a client file: where they go, when they are made,
which are kept, listing them and restoring one.

Where: in a folder beside the file, « <nom>.sauvegardes » (clients.sqlite ->
clients.sauvegardes/). Chosen over a folder hidden in the user's data
directory because the user can see it, it travels with the file when the
folder is copied to a USB key or another PC, and two files never mix their
backups; the default client file lives in the user data directory anyway.
A « .sauvegardes » that is a symbolic link (planted by someone else) is
refused, never followed. Names: « <nom>-AAAAmmjj-HHMMSS-<motif>.sqlite »
(motif: quotidienne, fermeture, import, fusion, purge, periodique,
restauration, manuelle; ouverture for older ones); the date is read back
from the name. Each backup is made through SQLite's online backup API (the
file may be open meanwhile), is readable by its owner only (0600), is
written under a temporary name and named only once checked
(crmdesk/store/copies.py create_verified).

When (the window decides, crmdesk/gui/backup_hooks.py; this module gives the
rules): never when the file has not changed since its newest backup
(`unchanged_since`: the state of the file when it was closed is noted
beside its backups); a file up to `BackupPolicy.small_bytes` is backed up
when it is closed and at most every `every_minutes` while it is edited; a
bigger one in the background, at most once a day. Before an import, a merge
or a purge, always — the newest backup is used again when the file has not
changed since.

Which are kept: `BackupPolicy.to_delete`, stated in `POLICY_TEXT` (the help
says the same). Only complete backups count (`looks_complete`: an empty,
cut or foreign file in the folder is never kept in place of a good one, nor
named the latest good backup).

Also listed (never deleted here): the copies made before a schema migration,
beside the file (« <nom>.avant-migration-vN-<horodatage>.sqlite », removed
by the migration once the migrated file is checked), and those of « crmdesk
backup » before this policy, in the « sauvegardes » folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import json
import os
import re
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from crmdesk.i18n import N_, _, ngettext
from crmdesk.store import copies, damage, files, migrate
from crmdesk.store.database import Database, inspect_file
from crmdesk.store.errors import StoreError
from crmdesk.store.lock import WriterLock
from crmdesk.store.reasons import os_reason
from crmdesk.store.sqlite_file import looks_complete

FOLDER_SUFFIX = ".sauvegardes"
REASONS = (
    "quotidienne",
    "ouverture",
    "fermeture",
    "import",
    "fusion",
    "purge",
    "periodique",
    "restauration",
    "manuelle",
    "migration",
    "reparation",
)
DAILY = "quotidienne"  # the background one of a big file
CLOSING = "fermeture"
PERIODIC = "periodique"
MANUAL = "manuelle"  # asked for by the user: never thinned away
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"-(\d{8}-\d{6})(?:-([a-z]+))?(?:-\d+)?\.sqlite$")
_MIGRATION = re.compile(re.escape(migrate.MIGRATION_MARK) + r"\d+-(\d{8}-\d{6})(?:-\d+)?\.sqlite$")
_GB = 10**9


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: dt.datetime
    reason: str
    size: int  # bytes
    clients: int | None = None  # contacts not in the trash; None: not counted or unreadable
    complete: bool = True  # a whole crmdesk file by its header (looks_complete)


@dataclass(frozen=True)
class BackupPolicy:
    """Which automatic backups are kept (POLICY_TEXT says it for the user),
    and when the window makes them."""

    keep_last: int = 3  # the newest ones…
    daily_days: int = 7  # …the newest of each of these last days…
    weekly_weeks: int = 5  # …of each week, and none older than this (but the newest)
    max_bytes: int = 4 * _GB  # together at most, the oldest going first (the newest always kept)
    every_minutes: int = 15  # a small file changed: backed up again at most this often
    small_bytes: int = 50 * 10**6  # up to this size, a changed file is also backed up when it is closed

    def is_small(self, size: int) -> bool:
        return size <= self.small_bytes

    def next_due(self, newest: BackupInfo | None, size: int) -> dt.datetime:
        """When a file that changed since its newest backup is due to be backed
        up again: `every_minutes` after it for a small file, the next day for a
        big one (then in the background)."""
        if newest is None:
            return dt.datetime.min
        if self.is_small(size):
            return newest.when + dt.timedelta(minutes=self.every_minutes)
        return dt.datetime.combine(newest.when.date() + dt.timedelta(days=1), dt.time())

    def horizon(self, now: dt.datetime) -> dt.datetime:
        """Automatic backups older than this are gone (but the newest one)."""
        return now - dt.timedelta(weeks=self.weekly_weeks)

    def to_delete(self, backups: list[BackupInfo], now: dt.datetime) -> list[BackupInfo]:
        """The automatic backups the policy no longer keeps. Manual ones and
        incomplete files are never deleted here, nor counted among those kept."""
        thinned = sorted((b for b in backups if b.reason != MANUAL and b.complete), key=lambda b: b.when, reverse=True)
        keep: list[BackupInfo] = []
        days: set[dt.date] = set()
        weeks: set[tuple[int, int]] = set()
        for rank, backup in enumerate(thinned):  # newest first: the first seen of a day/week is kept
            day = backup.when.date()
            week = tuple(day.isocalendar())[:2]
            young = backup.when >= self.horizon(now)
            newest_of_day = now - backup.when < dt.timedelta(days=self.daily_days) and day not in days
            newest_of_week = week not in weeks
            days.add(day)
            weeks.add(week)
            if rank == 0 or (young and (rank < self.keep_last or newest_of_day or newest_of_week)):
                keep.append(backup)
        total, kept = 0, set()
        for rank, backup in enumerate(keep):  # within the disk budget, newest first
            total += backup.size
            if rank > 0 and total > self.max_bytes:
                break
            kept.add(backup.path)
        return [b for b in thinned if b.path not in kept]

    def latest_removal(self, backup: BackupInfo) -> dt.datetime:
        """The day a backup is gone at the latest, once a newer one is made."""
        return backup.when + dt.timedelta(weeks=self.weekly_weeks)


DEFAULT_POLICY = BackupPolicy()


def policy_text(policy: BackupPolicy = DEFAULT_POLICY) -> str:
    """The rules of `policy`, as the help states them (French; English through the catalogue)."""
    copies = max(1, policy.max_bytes // _GB)
    return _(
        "Parmi les sauvegardes automatiques complètes, crmdesk garde la plus récente, quel que soit son âge, "
        "et, tant qu'elles ont moins de {weeks} semaines : les {last} plus récentes, la plus récente de "
        "chacun des {days} derniers jours et la plus récente de chaque semaine. Si celles-ci occupent "
        "ensemble plus de {budget} Go, les plus anciennes partent d'abord (la plus récente reste toujours) : "
        "pour un fichier de 1 Go, {copies} copies au plus, soit {budget} Go au plus (plus, le temps de "
        "l'écrire, la nouvelle copie). Les sauvegardes manuelles (crmdesk backup) ne sont jamais supprimées.",
        weeks=policy.weekly_weeks,
        last=policy.keep_last,
        days=policy.daily_days,
        budget=f"{policy.max_bytes / _GB:g}".replace(".", ","),
        copies=copies,
    )


def folder_of(path: str | Path) -> Path:
    """« clients.sauvegardes » beside « clients.sqlite »."""
    path = Path(path).expanduser().resolve()
    return path.with_name(path.stem + FOLDER_SUFFIX)


def automatic(
    source: str | Path | Database,
    reason: str,
    *,
    policy: BackupPolicy = DEFAULT_POLICY,
    now: dt.datetime | None = None,
    progress: copies.Progress | None = None,
    reuse: bool = False,
) -> Path | None:
    """Back the file up into its backups folder, then thin the folder.

    `source`: the file's path (opened read-only for the copy) or an open
    Database (its connection is used: no second connection needed).
    A periodic backup is skipped (None) when the newest backup is younger
    than policy.every_minutes. reuse=True (before an import, a merge, a
    purge): when the file has not changed since its newest backup, that
    backup is returned and nothing is copied. Returns the backup's path."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    now = now or dt.datetime.now()
    path = source.path if isinstance(source, Database) else Path(source).expanduser().resolve()
    folder = files.private_folder(folder_of(path))  # never through a planted link
    if reuse:
        same = unchanged_since(path)
        if same is not None:
            return same.path
    if reason == PERIODIC and _recent(folder, path, now, policy):
        return None
    before = _file_state(path)
    opened = None if isinstance(source, Database) else Database(path, writer=False)
    database = source if opened is None else opened
    try:
        name = f"{path.stem}-{now.strftime(_STAMP)}-{reason}.sqlite"
        target = copies.create_verified(database, folder, name, progress)
    finally:
        if opened is not None:
            opened.close()
    if before is not None and before == _file_state(path):  # a closed file: the copy is all of it
        record_state(path, target)
    thin(path, policy, now)  # only once the new backup is verified
    return target


def _recent(folder: Path, path: Path, now: dt.datetime, policy: BackupPolicy) -> bool:
    newest = max((b.when for b in _scan(folder, path.stem) if b.complete), default=None)
    return newest is not None and now - newest < dt.timedelta(minutes=policy.every_minutes)


def thin(path: str | Path, policy: BackupPolicy = DEFAULT_POLICY, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups the policy no longer keeps; returns them."""
    path = Path(path).expanduser().resolve()
    doomed = policy.to_delete(_scan(folder_of(path), path.stem), now or dt.datetime.now())
    for backup in doomed:
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
    return [b.path for b in doomed]


def newest(path: str | Path) -> BackupInfo | None:
    """The newest complete backup in the file's backups folder (None: there is none)."""
    path = Path(path).expanduser().resolve()
    return max(
        (b for b in _scan(folder_of(path), path.stem) if b.complete),
        key=lambda b: (b.when, _mtime(b.path)),
        default=None,
    )


# -- has the file changed since its newest backup? --------------------------------------------
def _state_file(path: Path) -> Path:
    return folder_of(path) / f".{path.stem}.etat"


def _file_state(path: Path) -> dict | None:
    """The file's size and time of last change, when it is whole in itself
    (no write-ahead log waiting beside it); None otherwise."""
    try:
        wal = os.stat(path.with_name(path.name + "-wal")).st_size
    except FileNotFoundError:
        wal = 0
    except OSError:
        return None
    if wal:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def record_state(path: str | Path, backup: Path) -> bool:
    """Note, beside the backups, that the file as it is now (closed: its log
    merged into it) is what `backup` holds. False when the file is not whole
    in itself (it is open and being written)."""
    path = Path(path).expanduser().resolve()
    state = _file_state(path)
    if state is None:
        return False
    state["backup"] = Path(backup).name
    target = _state_file(path)
    try:
        files.refuse_link(target.parent)
        for stale in target.parent.glob(glob.escape(f".{target.name}.") + "*.part"):  # a kill mid-write
            if time.time() - stale.stat().st_mtime > 60:
                stale.unlink()
        with files.private_output(target) as handle:
            json.dump(state, handle)
    except (StoreError, OSError):
        return False  # only a saving: the next backup is made anyway
    return True


def unchanged_since(path: str | Path) -> BackupInfo | None:
    """The newest backup when the file has not changed since it (same size
    and time of last change as noted when it was closed, nothing waiting in
    its log); None when it may have."""
    path = Path(path).expanduser().resolve()
    try:
        files.refuse_link(folder_of(path))
        noted = json.loads(_state_file(path).read_text(encoding="utf-8"))
        recorded = {"size": noted["size"], "mtime_ns": noted["mtime_ns"]}
        backup = str(noted["backup"])
    except (OSError, ValueError, KeyError, TypeError, StoreError):
        return None
    if _file_state(path) != recorded:
        return None
    found = newest(path)
    match = _NAME.search(backup)
    if found is None or match is None or found.when < dt.datetime.strptime(match.group(1), _STAMP):
        return None
    return found


# -- listing ----------------------------------------------------------------------------------
def list_backups(path: str | Path, *, counts: bool = True) -> list[BackupInfo]:
    """Every backup of the file, newest first, with its size and (counts=True)
    its number of clients. Reads each backup (a fraction of a second each):
    call it off the interface's thread."""
    path = Path(path).expanduser().resolve()
    found = _scan(folder_of(path), path.stem)
    found += _scan(path.parent / copies.BACKUP_DIR, path.stem)
    for file in _files(path.parent, path.stem + migrate.MIGRATION_MARK):
        match = _MIGRATION.search(file.name)
        info = _info(file, match.group(1), "migration") if match else None
        if info is not None:
            found.append(info)
    found.sort(key=lambda b: (b.when, _mtime(b.path), b.path.name), reverse=True)  # same second: by write time
    if counts:
        found = [
            BackupInfo(b.path, b.when, b.reason, b.size, client_count(b.path) if b.complete else None, b.complete)
            for b in found
        ]
    return found


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _files(folder: Path, prefix: str) -> list[Path]:
    """Regular files of `folder` named `prefix`…; links are not followed (nor is
    a folder that is a link)."""
    if folder.is_symlink():
        return []
    try:
        with os.scandir(folder) as entries:
            return [Path(e.path) for e in entries if e.name.startswith(prefix) and e.is_file(follow_symlinks=False)]
    except OSError:
        return []


def _scan(folder: Path, stem: str) -> list[BackupInfo]:
    """The backups named « <stem>-AAAAmmjj-HHMMSS[-motif][-n].sqlite » in `folder`."""
    result = []
    for file in _files(folder, stem + "-"):
        match = _NAME.search(file.name)
        if match and file.name[: match.start()] == stem:
            result.append(_info(file, match.group(1), match.group(2) or MANUAL))
    return [b for b in result if b is not None]


def _info(file: Path, stamp: str, reason: str) -> BackupInfo | None:
    try:
        when = dt.datetime.strptime(stamp, _STAMP)
        size = file.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(file, when, reason, size, complete=looks_complete(file))


def has_backups(path: str | Path) -> bool:
    """Whether anything named like a backup of `path` is there (damage.diagnose's `known`)."""
    return bool(list_backups(path, counts=False))


def incomplete(path: str | Path) -> list[BackupInfo]:
    """The files named like backups of `path` that are not whole crmdesk files
    (empty, cut, foreign): never restored nor counted, listed for the user."""
    return [b for b in list_backups(path, counts=False) if not b.complete]


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
    """The newest complete backup that passes integrity_check (None: there is none)."""
    for backup in list_backups(path, counts=False):
        if backup.complete and copies.integrity(backup.path, 1) == ["ok"]:
            return BackupInfo(backup.path, backup.when, backup.reason, backup.size, client_count(backup.path))
    return None


# -- restoring -----------------------------------------------------------------------------------
def verify(backup: str | Path) -> None:
    """StoreError (French) unless `backup` is a sound crmdesk file."""
    backup = Path(backup).expanduser()
    if not backup.is_file():
        raise StoreError(N_("La sauvegarde « {backup} » est introuvable."), backup=backup)
    if not looks_complete(backup):
        raise StoreError(
            _(
                "La sauvegarde « {name} » est incomplète ou illisible (fichier vide, coupé ou qui "
                "n'est pas un fichier clients crmdesk) : elle n'a pas été restaurée, rien n'a été "
                "remplacé. Choisissez-en une autre.",
                name=backup.name,
            )
        )
    try:
        inspect_file(backup)
    except StoreError as exc:
        raise StoreError(
            N_("La sauvegarde « {backup} » ne peut pas être restaurée : {reason}"), backup=backup.name, reason=exc
        ) from None
    problems = copies.integrity(backup)
    if problems != ["ok"]:
        raise StoreError(
            N_(
                "La sauvegarde « {backup} » est endommagée ({problems}) : elle n'a pas été restaurée, "
                "rien n'a été remplacé. Choisissez-en une autre."
            ),
            backup=backup.name,
            problems="; ".join(problems[:3]),
        )


@dataclass(frozen=True)
class Restored:
    target: Path
    safety: Path | None  # the backup of the replaced file
    set_aside: Path | None  # the replaced file itself, when it was too damaged to be copied


def restore(backup: str | Path, target: str | Path, *, policy: BackupPolicy = DEFAULT_POLICY) -> Restored:
    """Replace `target` by the backup, atomically.

    The backup is checked first (a damaged one is refused, nothing changes);
    the current file is backed up (reason « restauration ») or, when it is
    too damaged to be copied, set aside under another name; the backup is
    copied to a temporary file in the target's folder, checked, then put in
    place with os.replace, after the target's -wal and -shm are gone (a
    stale write-ahead log would be replayed into the restored file). The
    writer lock is held throughout: a file open in crmdesk is refused."""
    backup = Path(backup).expanduser().resolve()
    target = Path(target).expanduser().resolve()
    if backup == target:
        raise StoreError(N_("La sauvegarde et le fichier à remplacer sont le même fichier."))
    verify(backup)
    lock = WriterLock(target, _("crmdesk (restauration)"))
    try:
        lock.acquire()
    except OSError as exc:
        raise StoreError(
            N_("Impossible d'écrire dans « {folder} » : {reason}."), folder=target.parent, reason=os_reason(exc)
        ) from None
    try:
        safety = set_aside = None
        if target.exists():
            try:
                safety = automatic(target, "restauration", policy=policy)
            except StoreError:
                if damage.diagnose(target, known=has_backups(target)) is None:
                    raise  # a sound file that cannot be copied: keep it, stop
                set_aside = damage.set_aside(target)
        temp = _copy_beside(backup, target)
        try:
            if target.exists():
                os.chmod(temp, target.stat().st_mode & 0o777)  # the file keeps its access rights
                copies.make_standalone(target)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        copies.sync_folder(target.parent)
    finally:
        lock.release()
    return Restored(target, safety, set_aside)


def _copy_beside(backup: Path, target: Path) -> Path:
    """A checked copy of `backup` in a new temporary file of the target's folder."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.restauration-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise copies.write_error(target.parent, exc) from None
    os.close(fd)
    temp = Path(name)
    try:
        source = Database(backup, writer=False)
        try:
            copies.copy_into(source, temp)
        finally:
            source.close()
        copies.verify(temp, delete=True)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def format_size(size: int) -> str:
    """« 980 octets », « 45,2 Ko », « 12,3 Mo », « 1,1 Go » (French decimal comma)."""
    if size < 1000:
        return ngettext("{count} octet", "{count} octets", size)
    for unit, scale in ((N_("Ko"), 1e3), (N_("Mo"), 1e6), (N_("Go"), 1e9)):
        if size < scale * 1000 or unit == "Go":
            return f"{size / scale:.1f}".replace(".", ",") + " " + _(unit)
    raise AssertionError  # pragma: no cover
