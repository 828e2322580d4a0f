"""Start the desktop application: `crmdesk.gui.app.run()` (called by the CLI)."""

from __future__ import annotations

import signal
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QSocketNotifier
from PySide6.QtWidgets import QApplication

from crmdesk.desktop import DESKTOP_ID
from crmdesk.gui.common import gui_gc, i18n, icons
from crmdesk.gui.common.gui_settings import GuiSettings

ORGANISATION = "crmdesk"
APPLICATION = "crmdesk"


def default_file() -> Path:
    """The client file used when none is named: <user data dir>/crmdesk/clients.sqlite."""
    from platformdirs import user_data_dir  # here: not on the way to the window's first paint

    return Path(user_data_dir(APPLICATION, appauthor=False)) / "clients.sqlite"


def application(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("crmdesk")
    app.setDesktopFileName(DESKTOP_ID)  # the menu entry of --install-desktop-entry (icon, task bar)
    app.setWindowIcon(icons.app_icon())
    # Python's collector on the GUI thread's timer from now on, as once a worker runs: left automatic,
    # it would run ~80 times (25–35 ms) while the window's modules are imported, before its first paint
    gui_gc.install()
    return app


class CloseOnSignals:
    """SIGINT (Ctrl+C in the terminal that started crmdesk) and SIGTERM (end
    of the session, `kill`) close the window the way its close button does —
    settings saved, file closed, demo copy deleted — instead of killing the
    process (Python only sees a signal when it runs, and Qt's loop is C++:
    the signal wakes a socket that Qt watches)."""

    SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))

    def __init__(self, close: Callable[[], object]):
        self._close = close
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {number: signal.signal(number, self._noted) for number in self.SIGNALS}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._wake)

    @staticmethod
    def _noted(_number, _frame) -> None:
        """The C handler already wrote the signal to the socket: _wake closes."""

    def _wake(self) -> None:
        try:
            received = self._read.recv(64)
        except BlockingIOError:
            return
        if received:
            self._close()

    def remove(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        self._read.close()
        self._write.close()


def run(
    path: Path | str | None = None,
    *,
    demo: str | None = None,
    argv: Sequence[str] | None = None,
    settings: QSettings | None = None,
) -> int:
    """Open the main window on a client file; returns the exit status.

    path None: the last file used, else the default file (created if
    missing); a postgresql:// URL: that server database (gui/server/).
    demo « sweetybio » or « boldair »: a fresh demo file built in a
    temporary folder (deleted on exit), never remembered as the last file.
    settings: where to remember things (the user's QSettings by default).
    """
    app = application(argv)
    qsettings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)
    translators = i18n.install(app, GuiSettings(qsettings).language())
    # after the translators: the window's texts are translated once
    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(qsettings)
    signals = CloseOnSignals(window.close)
    try:
        # a damaged file is set aside and its latest good backup offered, as on every opening (damaged_file.py)
        from crmdesk.store.server.url import is_server_url

        if path and not is_server_url(path):
            path = Path(path)
        opened = window.open_demo(demo) if demo else window.open_first(path or None, default_file())
        if not opened:
            window.close()
            return 1
        window.show()
        return app.exec()
    finally:
        signals.remove()
        window.deleteLater()
        i18n.remove(app, translators)
