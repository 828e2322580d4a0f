"""Files that hold personal data: owner-only, never through a planted link.

Whatever the umask, what crmdesk writes about people (the client file and
its -wal/-shm, attachments, backups, exports, reject reports, the GDPR
access export) is readable by its owner only on POSIX (0600, folders 0700).
A path crmdesk makes beside the client file (lock, backups folder,
attachments folder) is refused when someone replaced it with a symbolic
link: following it would write the data, or truncate a file, elsewhere.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from crmdesk.i18n import _
from crmdesk.store.errors import StorageFull, StoreError

FILE_MODE = 0o600
FOLDER_MODE = 0o700
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX; Windows has no such links to plant


class PlantedLink(StoreError):
    """A path crmdesk makes is a symbolic link."""


def refuse_link(path: Path) -> None:
    """PlantedLink when `path` itself is a symbolic link (its folder may be one: the user's choice)."""
    if Path(path).is_symlink():
        raise PlantedLink(
            _(
                "« {name} » est un lien symbolique vers un autre endroit : crmdesk refuse de "
                "le suivre (ses données iraient ailleurs). Supprimez ce lien, puis recommencez.",
                name=Path(path).name,
            )
        )


def private_folder(path: Path) -> Path:
    """Make (or check) a folder of crmdesk's: not a link, 0700 when crmdesk creates it."""
    path = Path(path)
    refuse_link(path)
    try:
        path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(path, exc) from None
    refuse_link(path)  # made between the check and mkdir
    return path


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """os.open without following a link at `path`, the file 0600 whatever the umask."""
    try:
        fd = os.open(path, flags | NOFOLLOW, FILE_MODE)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            refuse_link(path)
        raise write_error(Path(path).parent, exc) from None
    with contextlib.suppress(OSError):  # a file that existed keeps no wider rights
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
    return fd


def make_private(path: Path) -> None:
    """Take the group's and others' rights off an existing file or folder crmdesk
    owns (the client file, its -wal and -shm, the attachments folder): 0644
    becomes 0600, 0755 becomes 0700, a read-only 0444 becomes 0400 (never
    writable by this). A link is left alone."""
    with contextlib.suppress(FileNotFoundError, PermissionError, NotImplementedError):
        info = os.lstat(path)
        if not stat.S_ISLNK(info.st_mode) and info.st_mode & 0o077:
            os.chmod(path, info.st_mode & 0o700)


@contextlib.contextmanager
def private_output(path: Path, mode: str = "w", **options) -> Iterator[IO]:
    """Write `path` all or nothing: into a 0600 temporary file of the same
    folder, synced then renamed over `path` when the block ends without
    error; on error (a full disk, a cancel) the temporary file is removed
    and `path` is left as it was."""
    path = Path(path)
    refuse_link(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise write_error(path.parent, exc) from None
    temp = Path(name)
    try:
        with os.fdopen(fd, mode, **options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise write_error(path.parent, exc) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_error(folder: Path, exc: OSError) -> StoreError:
    """A French message for an OSError while writing in `folder` (never errno's English)."""
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return StorageFull(
            _(
                "Le disque est plein : rien n'a été écrit dans « {folder} ». Libérez de la place puis recommencez.",
                folder=str(folder),
            )
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            _("Impossible d'écrire dans « {folder} » : accès refusé ou support en lecture seule.", folder=str(folder))
        )
    if exc.errno == errno.ENAMETOOLONG:
        return StoreError(
            _("Impossible d'écrire dans « {folder} » : le nom du fichier est trop long.", folder=str(folder))
        )
    return StoreError(
        _("Impossible d'écrire dans « {folder} » (erreur système {code}).", folder=str(folder), code=exc.errno)
    )


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a file the user named (a logo, a mapping), at most `limit`: a FIFO, a device
    (/dev/zero) or a folder is refused at once with a French message — reading it would hang or
    never end — and so is a bigger file (CrmError, or FileNotFoundError when it is missing)."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO opens without waiting
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StoreError(_("« {name} » ne peut pas être lu (accès refusé ?).", name=path.name)) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(
                _(
                    "« {name} » n'est pas un fichier ordinaire (un dossier, un périphérique, un "
                    "tube…) : donnez le chemin d'un vrai fichier.",
                    name=path.name,
                )
            )
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise StoreError(_("« {name} » est trop gros : {most} ko au plus.", name=path.name, most=limit // 1000))
    return data
