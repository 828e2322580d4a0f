"""Regenerate the README screenshots of reaching clients (issue 18): the template
editor, the label dialog and the product recall view, in French, on Sweety Bio
as of 23 November 2026.

    python docs/make_screenshots_outreach.py     (offscreen; no screen needed)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from crmdesk.demo import build
from crmdesk.gui.common import i18n
from crmdesk.gui.app import application

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_screenshots import wait

DOCS = Path(__file__).resolve().parent
DAY = dt.date(2026, 11, 23)
SHOTS = ("template_editor.png", "labels_dialog.png", "recall_view.png")


def main() -> int:
    from crmdesk.gui.main_window import MainWindow
    from crmdesk.gui.outreach import selection
    from crmdesk.store.templates import TemplateStore

    app = application()
    i18n.install(app, "fr")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        settings = QSettings(str(tmp / "shots.ini"), QSettings.Format.IniFormat)
        path = tmp / "clients.sqlite"
        build("sweetybio", path, today=DAY)
        window = MainWindow(settings)
        window.resize(1280, 760)
        window.open_file(path, remember=False)
        window.outreach.today = DAY
        window.show()
        app.processEvents()

        editor = window.outreach.show_templates()
        editor.resize(1120, 760)
        editor.select(TemplateStore(window.database).by_purpose("loyalty_expiry")["id"])
        editor.set_preview_client("SB00037")        # no loyalty points: the empty fields show in red
        app.processEvents()
        editor.grab().save(str(DOCS / "template_editor.png"))
        editor.close()

        labels = window.outreach.show_labels()
        labels.resize(760, 640)
        labels.set_format("L7163")
        labels.picker.set_start(5)
        labels.recipients.set_choice(selection.STATUS, "premium")
        labels.recipients.sort_postal.setChecked(True)
        wait(app, lambda: labels.plan is not None and not labels.task.is_running())
        app.processEvents()
        labels.grab().save(str(DOCS / "labels_dialog.png"))
        labels.close()

        recall = window.outreach.show_recall()
        recall.resize(1100, 560)
        recall.set_criteria(lot="L240615", date_from=dt.date(2026, 10, 1), date_to=DAY)
        recall.search()
        recall.set_notified([c.contact_id for c in recall.result.clients[:4]], True)
        recall.table.selectRow(4)
        app.processEvents()
        recall.grab().save(str(DOCS / "recall_view.png"))
        recall.close()
        window.close()
    for name in SHOTS:
        print(DOCS / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
