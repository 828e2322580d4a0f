"""Regenerate the README screenshots from the Sweety Bio demo, in French.

    python docs/make_screenshots.py          (offscreen; no screen needed)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from crmdesk.demo import build  # noqa: E402
from crmdesk.gui import i18n  # noqa: E402
from crmdesk.gui.app import application  # noqa: E402

DOCS = Path(__file__).resolve().parent


def main() -> int:
    app = application(sys.argv[:1])
    i18n.install(app, "fr")
    from crmdesk.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "sweetybio.sqlite"
        build("sweetybio", demo)
        settings = QSettings(str(Path(tmp) / "shots.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1280, 760)
        window.open_file(demo, remember=False)
        window.setWindowTitle("sweetybio.sqlite — crmdesk")
        window.show()
        app.processEvents()
        window.grab().save(str(DOCS / "main_window.png"))

        window.ui.searchEdit.setText("hele")
        window.apply_filters()
        app.processEvents()
        window.grab().save(str(DOCS / "search_hele.png"))

        window.ui.clientTable.selectRow(0)
        dialog = window.edit_client()
        dialog.resize(760, 620)
        app.processEvents()
        dialog.grab().save(str(DOCS / "client_dialog.png"))
        dialog.close()
        window.close()
        window.database.close() if window.database else None
    for name in ("main_window.png", "search_hele.png", "client_dialog.png"):
        print(DOCS / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
