"""What the desktop application remembers between runs (QSettings).

The QSettings instance is given by the caller: run() uses the user's
(organisation « crmdesk »), tests give one writing to a temporary file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from crmdesk.store.server.url import is_server_url, without_password

LANGUAGES = ("auto", "fr", "en")
MAX_RECENT = 8


class GuiSettings:
    def __init__(self, qsettings: QSettings):
        self.qsettings = qsettings

    # -- files ------------------------------------------------------------------
    # A server database is remembered by its URL, never with its password (gui/server/).
    def recent_files(self) -> list[Path | str]:
        raw = self.qsettings.value("files/recent", [])
        if isinstance(raw, str):  # QSettings gives back a one-item list as a string
            raw = [raw]
        return [_entry(p) for p in (raw or []) if p]

    def add_recent(self, path: Path | str) -> None:
        path = _entry(path, resolve=True)
        files = [p for p in self.recent_files() if p != path]
        self.qsettings.setValue("files/recent", [str(p) for p in ([path] + files)[:MAX_RECENT]])

    def remove_recent(self, path: Path | str) -> None:
        gone = _entry(path)
        files = [p for p in self.recent_files() if p != gone]
        self.qsettings.setValue("files/recent", [str(p) for p in files])

    def last_file(self) -> Path | str | None:
        raw = self.qsettings.value("files/last", "")
        return _entry(raw) if raw else None

    def set_last_file(self, path: Path | str) -> None:
        self.qsettings.setValue("files/last", str(_entry(path, resolve=True)))

    # -- interface -----------------------------------------------------------------
    def language(self) -> str:
        value = self.qsettings.value("interface/language", "auto")
        return value if value in LANGUAGES else "auto"

    def set_language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(value)
        self.qsettings.setValue("interface/language", value)

    def window_state(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{name}", value)

    def sync(self) -> None:
        self.qsettings.sync()


def _entry(value: Path | str, *, resolve: bool = False) -> Path | str:
    """A remembered client file: a Path, or a server URL (kept as text, its password removed)."""
    if is_server_url(value):
        return without_password(str(value))
    return Path(value).resolve() if resolve else Path(value)
