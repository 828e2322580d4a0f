"""A damaged client file, whichever way it was opened (the window at start-up,
File › Open, the recent files, a command): set it aside, find the latest
good backup.

A file is only called damaged when it is known to be a client file (its
header says crmdesk, or it has backups) and SQLite cannot read it whole
(the checks of health.py at the PAGES level: every page read, faster than
integrity_check on a big file). Anything else (another program's file, a
file open in another crmdesk, a folder that cannot be written) is left to
the usual opening messages. A damaged file is never overwritten nor
deleted: it is renamed « <nom>.endommagé-<horodatage>.sqlite » (its -wal
and -shm follow it), so that a repair can still be attempted on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from crmdesk.i18n import N_, _
from crmdesk.store import backups, health
from crmdesk.store.database import APPLICATION_ID, reader_uri
from crmdesk.store.errors import StoreError
from crmdesk.store.lock import WriterLock

DAMAGED_MARK = ".endommagé-"
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Damage:
    path: Path                           # where the file was
    set_aside: Path | None               # where it is now (None: it could not be moved, e.g. read-only media)
    reason: str                          # in the interface language
    backup: backups.BackupInfo | None    # the latest good backup, None when there is none


def diagnose(path: str | Path) -> str | None:
    """Why the client file is damaged (interface language), or None when it is sound or
    not recognisably a client file."""
    path = Path(path).expanduser()
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    known = bool(backups.list_backups(path, counts=False))
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return _("son en-tête est illisible (ce n'est plus une base SQLite)") if known else None
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID and not known:
        return None
    try:
        conn = sqlite3.connect(reader_uri(path), uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        found = health.problems(conn, health.PAGES, 3)
    except sqlite3.DatabaseError:
        return None                 # locked, cannot be opened: says nothing of the content
    finally:
        conn.close()
    return _("SQLite ne peut pas le lire en entier ({detail})", detail="; ".join(found)) if found else None


def set_aside(path: str | Path, now: dt.datetime | None = None) -> Path:
    """Rename the file « <nom>.endommagé-<horodatage>.sqlite » (never over an
    existing file), its -wal and -shm with it; returns the new path."""
    path = Path(path).expanduser().resolve()
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 100):
        extra = "" if attempt == 1 else f"-{attempt}"
        target = path.with_name(f"{path.stem}{DAMAGED_MARK}{stamp}{extra}{path.suffix or '.sqlite'}")
        try:
            _move_new(path, target)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StoreError(N_("Le fichier endommagé « {name} » n'a pas pu être mis de côté : {reason}. Il n'a pas "
                                "été modifié."), name=path.name, reason=exc.strerror) from None
        for tail in ("-wal", "-shm"):
            companion = path.with_name(path.name + tail)
            if companion.exists():
                with contextlib.suppress(OSError):
                    _move_new(companion, target.with_name(target.name + tail))
        return target
    raise StoreError(N_("Trop de fichiers endommagés portent déjà ce nom à côté de « {name} »."),
                     name=path.name)  # pragma: no cover


def _move_new(source: Path, target: Path) -> None:
    """Rename without ever replacing `target` (FileExistsError if it exists)."""
    if os.name == "posix":
        os.link(source, target)       # fails when target exists, unlike rename
        os.unlink(source)
    else:  # pragma: no cover - Windows: rename refuses an existing target
        os.rename(source, target)


def recover_at_start(path: str | Path) -> Damage | None:
    """When a file could not be opened: a damaged client file is set aside and
    the latest good backup looked up (None: it is not damaged, the opening's
    own message stands)."""
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        return None
    lock = WriterLock(path, _("crmdesk (vérification)"))
    try:
        lock.acquire()
    except (StoreError, OSError):     # FileLocked, PlantedLink…
        return None                   # in use elsewhere, or no write access: opening will say so
    try:
        reason = diagnose(path)
        if reason is None:
            return None
        moved = set_aside(path)
    finally:
        lock.release()
    return Damage(path, moved, reason, backups.latest_good(path))


def recover(path: str | Path, reason: str) -> Damage:
    """A file the opening found damaged (DamagedFile.reason): set aside when it
    can be (not open elsewhere, its folder writable), the latest good backup
    looked up. Nothing is written into the file either way."""
    path = Path(path).expanduser().resolve()
    moved = None
    lock = WriterLock(path, "crmdesk (mise de côté)")
    try:
        lock.acquire()
    except (StoreError, OSError):
        lock = None                   # open in another crmdesk, or read-only media: left where it is
    if lock is not None:
        try:
            with contextlib.suppress(StoreError):
                moved = set_aside(path)
        finally:
            lock.release()
    return Damage(path, moved, reason, backups.latest_good(path))
