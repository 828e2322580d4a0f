"""Where a print goes: a file or a folder that appears whole or not at all.

A batch of client sheets can be cancelled or fail half-way (disk full, a
cancel from the progress dialog): the user must never find half a PDF, nor
a folder with the sheets of half the selection. Everything is written under
a temporary name in the target's own folder (same file system, so the final
rename is atomic) and renamed at the end; on any exception the temporary
file or folder is removed and the exception goes on.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.store.files import private_output


def _check_parent(path: Path) -> None:
    if not path.parent.is_dir():
        raise CrmError(N_("Le dossier « {folder} » n'existe pas : rien n'a été écrit."), folder=path.parent)


def _is_database(path: Path) -> bool:
    """An existing SQLite file (a client file, a backup): never overwritten by a print."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


@contextlib.contextmanager
def atomic_file(path: Path | str) -> Iterator[BinaryIO]:
    """A binary stream that becomes `path` when the block ends normally:
    owner-only (0600, it may hold personal data), a full disk said in one
    French message (crmdesk.store.files.private_output)."""
    path = Path(path)
    _check_parent(path)
    if path.is_dir():
        raise CrmError(N_("« {path} » est un dossier : donnez un nom de fichier."), path=path)
    if _is_database(path):
        raise CrmError(N_("« {name} » est une base de données : elle n'est pas remplacée."), name=path.name)
    with private_output(path, "wb") as stream:
        yield stream


@contextlib.contextmanager
def atomic_folder(path: Path | str) -> Iterator[Path]:
    """A temporary folder whose files move into `path` (created when missing)
    when the block ends normally. Files of the same name in `path` are
    replaced; other files there are left alone."""
    path = Path(path)
    _check_parent(path)
    if path.exists() and not path.is_dir():
        raise CrmError(N_("« {path} » est un fichier : donnez un nom de dossier."), path=path)
    temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    try:
        yield temp
        path.mkdir(exist_ok=True)
        for item in sorted(temp.iterdir()):
            os.replace(item, path / item.name)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
