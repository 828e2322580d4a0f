"""Where the file dialogs open: the user's documents folder (QStandardPaths),
not the working directory crmdesk was started from (often the program's own
folder, or / from a desktop launcher)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents() -> Path:
    """The documents folder (« Documents », « Mes documents »…), else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def in_documents(name: str = "") -> str:
    """A dialog's start: the documents folder, with a suggested file name when given."""
    return str(documents() / name) if name else str(documents())
