"""Is a client file damaged, and setting it aside: the part of recovery.py that
backups.restore needs too (below both, so that neither imports the other).

A file is only called damaged when it is known to be a client file (its
header says crmdesk, or it has backups) and SQLite cannot read it whole
(health.py's PAGES level). A damaged file is never overwritten nor deleted:
it is renamed « <nom>.endommagé-<horodatage>.sqlite » (its -wal and -shm
follow it), so that a repair can still be attempted on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

from crmdesk.i18n import N_, _
from crmdesk.store import health
from crmdesk.store.database import reader_uri
from crmdesk.store.errors import StoreError
from crmdesk.store.reasons import os_reason, unreadable
from crmdesk.store.sqlite_file import APPLICATION_ID, SQLITE_MAGIC

DAMAGED_MARK = ".endommagé-"


def diagnose(path: str | Path, *, known: bool) -> str | None:
    """Why the client file is damaged (interface language), or None when it is sound or
    not recognisably a client file: its header says crmdesk, or it is `known` (it has
    backups: crmdesk.store.recovery.diagnose looks)."""
    path = Path(path).expanduser()
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
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
        return None  # locked, cannot be opened: says nothing of the content
    finally:
        conn.close()
    return unreadable("; ".join(found)) if found else None


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
            raise StoreError(
                N_("Le fichier endommagé « {name} » n'a pas pu être mis de côté : {reason}. Il n'a pas été modifié."),
                name=path.name,
                reason=os_reason(exc),
            ) from None
        for tail in ("-wal", "-shm"):
            companion = path.with_name(path.name + tail)
            if companion.exists():
                with contextlib.suppress(OSError):
                    _move_new(companion, target.with_name(target.name + tail))
        return target
    raise StoreError(
        N_("Trop de fichiers endommagés portent déjà ce nom à côté de « {name} »."), name=path.name
    )  # pragma: no cover


def _move_new(source: Path, target: Path) -> None:
    """Rename without ever replacing `target` (FileExistsError if it exists)."""
    if os.name == "posix":
        os.link(source, target)  # fails when target exists, unlike rename
        os.unlink(source)
    else:  # pragma: no cover - Windows: rename refuses an existing target
        os.rename(source, target)
