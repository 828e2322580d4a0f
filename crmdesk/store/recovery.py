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
and -shm follow it), so that a repair can still be attempted on it. The
diagnosis and the renaming are in damage.py (backups.restore uses them too).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from crmdesk.i18n import _
from crmdesk.store import backups, damage
from crmdesk.store.damage import DAMAGED_MARK, set_aside
from crmdesk.store.errors import StoreError
from crmdesk.store.lock import WriterLock

__all__ = ["DAMAGED_MARK", "Damage", "diagnose", "recover", "recover_at_start", "set_aside"]


@dataclass(frozen=True)
class Damage:
    path: Path  # where the file was
    set_aside: Path | None  # where it is now (None: it could not be moved, e.g. read-only media)
    reason: str  # in the interface language
    backup: backups.BackupInfo | None  # the latest good backup, None when there is none


def diagnose(path: str | Path) -> str | None:
    """Why the client file is damaged (interface language), or None when it is sound or
    not recognisably a client file (its header says crmdesk, or it has backups)."""
    return damage.diagnose(path, known=backups.has_backups(path))


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
    except (StoreError, OSError):  # FileLocked, PlantedLink…
        return None  # in use elsewhere, or no write access: opening will say so
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
        lock = None  # open in another crmdesk, or read-only media: left where it is
    if lock is not None:
        try:
            with contextlib.suppress(StoreError):
                moved = set_aside(path)
        finally:
            lock.release()
    return Damage(path, moved, reason, backups.latest_good(path))
