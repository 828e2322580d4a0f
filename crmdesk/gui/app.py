"""Start the desktop application: `crmdesk.gui.app.run()` (called by the CLI)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from platformdirs import user_data_dir
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from crmdesk.gui import i18n, icons
from crmdesk.gui.settings import GuiSettings

ORGANISATION = "crmdesk"
APPLICATION = "crmdesk"


def default_file() -> Path:
    """The client file used when none is named: <user data dir>/crmdesk/clients.sqlite."""
    return Path(user_data_dir(APPLICATION, appauthor=False)) / "clients.sqlite"


def application(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("crmdesk")
    app.setWindowIcon(icons.app_icon())
    return app


def run(path: Path | None = None, *, demo: str | None = None, argv: Sequence[str] | None = None,
        settings: QSettings | None = None) -> int:
    """Open the main window on a client file; returns the exit status.

    path None: the last file used, else the default file (created if
    missing). demo « sweetybio » or « boldair »: a fresh demo file built in a
    temporary folder (deleted on exit), never remembered as the last file.
    settings: where to remember things (the user's QSettings by default).
    """
    app = application(argv)
    qsettings = settings if settings is not None else QSettings(ORGANISATION, APPLICATION)
    translators = i18n.install(app, GuiSettings(qsettings).language())
    from crmdesk.gui.main_window import MainWindow  # after the translators: its texts are translated once

    window = MainWindow(qsettings)
    try:
        # a damaged file is set aside and its latest good backup offered, as on every opening (damaged_file.py)
        opened = window.open_demo(demo) if demo else window.open_first(Path(path) if path else None,
                                                                         default_file())
        if not opened:
            window.close()
            return 1
        window.show()
        return app.exec()
    finally:
        window.deleteLater()
        i18n.remove(app, translators)
