"""Regenerate the README screenshots of the import wizard, duplicates, follow-up,
loyalty, backups and personal-data screens, in French, from the demos.

    python docs/make_screenshots_followup.py     (offscreen; no screen needed)
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from crmdesk.demo import build
from crmdesk.gui.app import application
from crmdesk.gui.common import i18n
from crmdesk.gui.file import backups as backup_hooks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_screenshots import wait

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
ANNEX = ROOT / "resources" / "demo" / "bol_dair_annexe2.csv"
SHOTS = (
    "import_wizard_file.png",
    "import_wizard_columns.png",
    "import_wizard_check.png",
    "import_wizard_duplicates.png",
    "import_wizard_done.png",
    "duplicates.png",
    "merge_dialog.png",
    "timeline.png",
    "today.png",
    "agenda.png",
    "loyalty_tab.png",
    "parties.png",
    "reps.png",
    "restore_dialog.png",
    "purge_view.png",
    "rights_requests.png",
    "audit_log.png",
)


def open_window(app, settings, path: Path):
    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(settings)
    window.resize(1280, 760)
    window.open_file(path, remember=False)
    window.show()
    app.processEvents()
    return window


def wizard_shots(app, window, tmp: Path) -> None:
    """The four steps on a file that repeats two Sweety Bio clients, and the duplicates tab."""
    rows = list(csv.reader(ANNEX.open(encoding="cp1252"), delimiter=";"))
    known = window.database.query(
        "SELECT last_name, first_name, email, postal_code FROM contacts "
        "WHERE kind = 'person' AND email != '' ORDER BY id LIMIT 2"
    )
    path = tmp / "clients-salon.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Nom", "Prénom", "E-mail", "Code postal", "Ville"])
        for row in rows[1:8]:
            writer.writerow([row[3].title(), row[4], "", "87000", "Limoges"])
        for person in known:
            writer.writerow(
                [person["last_name"].title(), person["first_name"], person["email"].upper(), person["postal_code"], ""]
            )
    wizard = window.importing.show_wizard()
    wizard.resize(900, 600)
    wizard.file_page.path.setText(str(path))
    app.processEvents()
    wizard.grab().save(str(DOCS / "import_wizard_file.png"))
    wizard.next()
    app.processEvents()
    wizard.grab().save(str(DOCS / "import_wizard_columns.png"))
    wizard.next()
    wait(app, wizard.check_page.isComplete)
    wizard.check_page.tabs.setCurrentIndex(0)
    app.processEvents()
    wizard.grab().save(str(DOCS / "import_wizard_check.png"))
    wizard.check_page.tabs.setCurrentIndex(1)
    app.processEvents()
    wizard.grab().save(str(DOCS / "import_wizard_duplicates.png"))
    wizard.check_page.duplicates.decide_all("keep")  # so that « Rechercher les doublons » finds them
    wizard.next()
    wait(app, wizard.import_page.isComplete)
    wizard.grab().save(str(DOCS / "import_wizard_done.png"))
    wizard.done(0)


def duplicates_shots(app, window) -> None:
    dialog = window.duplicates.show_find()
    dialog.resize(1000, 560)
    wait(app, lambda: dialog.model.rowCount() > 0)
    dialog.table.selectRow(0)
    app.processEvents()
    dialog.grab().save(str(DOCS / "duplicates.png"))
    merge = dialog.merge_selected()
    merge.resize(900, 600)
    app.processEvents()
    merge.grab().save(str(DOCS / "merge_dialog.png"))
    merge.reject()
    dialog.close()


def follow_up_shots(app, window) -> None:
    wait(app, lambda: window.today.view is not None)  # the reminders are made in a worker after opening
    view = window.today.show()
    view.resize(900, 560)
    app.processEvents()
    view.grab().save(str(DOCS / "today.png"))
    view.close()
    contact_id = window.database.scalar("SELECT contact_id FROM interactions ORDER BY at DESC LIMIT 1")
    dialog = window.edit_client(contact_id)
    dialog.resize(900, 620)
    dialog.tabs.setCurrentWidget(dialog.timeline_tab)
    app.processEvents()
    dialog.grab().save(str(DOCS / "timeline.png"))
    dialog.close()
    from crmdesk.gui.followup.agenda_view import AgendaView

    agenda = AgendaView(window.database, window)
    agenda.resize(1000, 640)
    app.processEvents()
    agenda.grab().save(str(DOCS / "agenda.png"))
    agenda.close()


def rights_requests(window) -> None:
    """Three requests: one answered, one due soon, one overdue (what the register colours)."""
    import datetime as dt

    from crmdesk.store.rights import RightsStore

    store = RightsStore(window.database)
    today = dt.date.today()
    ids = [r["id"] for r in window.database.query("SELECT id FROM contacts WHERE kind = 'person' ORDER BY id LIMIT 3")]
    for contact_id, kind, days_ago in zip(ids, ("access", "opposition", "erasure"), (40, 26, 10)):
        request = store.add(
            {
                "kind": kind,
                "contact_id": contact_id,
                "channel": "email",
                "received_on": (today - dt.timedelta(days=days_ago)).isoformat(),
            }
        )
        if kind == "erasure":
            store.answer(request, today)


def safety_shots(app, window) -> None:
    rights_requests(window)
    backup_hooks.before(window, "import")
    dialog = window.file.show_restore()
    dialog.resize(820, 420)
    wait(app, lambda: dialog.model.rowCount() > 0)
    dialog.grab().save(str(DOCS / "restore_dialog.png"))
    dialog.close()
    for show, name in (
        (window.gdpr.show_purge, "purge_view.png"),
        (window.gdpr.show_rights, "rights_requests.png"),
        (window.gdpr.show_audit, "audit_log.png"),
    ):
        dialog = show()
        dialog.resize(1000, 560)
        app.processEvents()
        dialog.grab().save(str(DOCS / name))
        dialog.close()


def loyalty_shots(app, window) -> None:
    host = window.database.scalar("SELECT host_id FROM parties ORDER BY date DESC LIMIT 1")
    dialog = window.edit_client(host)
    dialog.resize(900, 620)
    dialog.tabs.setCurrentWidget(dialog.loyalty_tab)
    app.processEvents()
    dialog.grab().save(str(DOCS / "loyalty_tab.png"))
    dialog.close()
    for show, name in ((window.loyalty.show_parties, "parties.png"), (window.loyalty.show_reps, "reps.png")):
        dialog = show()
        dialog.resize(1000, 560)
        app.processEvents()
        dialog.grab().save(str(DOCS / name))
        dialog.close()


def main() -> int:
    app = application(sys.argv[:1])
    i18n.install(app, "fr")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        settings = QSettings(str(tmp / "shots.ini"), QSettings.Format.IniFormat)
        demo = tmp / "sweetybio.sqlite"
        build("sweetybio", demo)
        window = open_window(app, settings, demo)
        follow_up_shots(app, window)
        wizard_shots(app, window, tmp)
        duplicates_shots(app, window)
        safety_shots(app, window)
        window.close()
        demo = tmp / "boldair.sqlite"
        build("boldair", demo)
        window = open_window(app, settings, demo)
        loyalty_shots(app, window)
        window.close()
    for name in SHOTS:
        print(DOCS / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
