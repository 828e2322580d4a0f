"""One writer at a time: an OS lock on a file beside the client file.

The OS releases the lock when the process dies, so a crash never leaves the
file locked; the lock file's text only says who holds it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
import stat
from pathlib import Path

from crmdesk.i18n import N_, _
from crmdesk.store.errors import FileLocked
from crmdesk.store.files import NOFOLLOW, PlantedLink, refuse_link

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class WriterLock:
    def __init__(self, db_path: Path, program: str = "crmdesk"):
        self.path = lock_path(Path(db_path))
        self.program = program
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock (FileLocked when another process holds it; OSError when
        the folder cannot be written; PlantedLink when the lock file is a link
        or a second name of another file: truncating it would empty that file)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                refuse_link(self.path)
            raise
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            os.close(fd)
            raise PlantedLink(
                _(
                    "« {name} » n'est pas un simple fichier de verrou (c'est un autre nom d'un "
                    "fichier, ou un fichier spécial) : crmdesk refuse de l'écrire. Supprimez-le, "
                    "puis recommencez.",
                    name=self.path.name,
                )
            )
        if info.st_mode & 0o077 and hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        if not _try_lock(fd):
            holder = os.read(fd, 512).decode("utf-8", "replace").strip()
            os.close(fd)
            who = f" ({holder})" if holder else ""  # (the holder's own words, in its language)
            raise FileLocked(
                N_(
                    "Le fichier « {name} » est déjà ouvert par un autre crmdesk{who}. Fermez-le d'abord : deux "
                    "programmes qui écrivent dans le même fichier risqueraient d'écraser les saisies l'un de l'autre."
                ),
                name=self.path.name[:-5],
                who=who,
            )
        stamp = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
        text = _(
            "{program}, processus {pid} sur {host}, depuis le {stamp}",
            program=self.program,
            pid=os.getpid(),
            host=socket.gethostname(),
            stamp=stamp,
        )
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.encode())
        self._fd = fd

    def release(self) -> None:
        # The file stays (unlinking it would let two processes lock two
        # different inodes); only its text is cleared.
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing drops the OS lock
            self._fd = None

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()
