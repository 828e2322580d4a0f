"""Regenerate the README screenshots of reaching clients (issue 18): the template
editor, the label dialog, the product recall view, the e-mail dialog and the
e-mail account, in French, on Sweety Bio as of 23 November 2026.

    python docs/make_screenshots_outreach.py     (offscreen; no screen needed)
    python docs/make_screenshots_outreach.py --out /tmp/shots --language en --only email
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from crmdesk.demo import build
from crmdesk.gui.app import application
from crmdesk.gui.common import i18n

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_screenshots import wait

DOCS = Path(__file__).resolve().parent
DAY = dt.date(2026, 11, 23)
SHOTS = ("template_editor.png", "labels_dialog.png", "recall_view.png", "email_dialog.png", "smtp_settings.png")


def email_dialog_ready(app, window):
    """Courrier › E-mails… for the « à risque » segment (who is left out, the preview), sent through an
    account (the manual's picture too: docs/make_manual_screenshots.py)."""
    from crmdesk.gui.outreach import selection
    from crmdesk.store import mail_settings

    mail_settings.save(
        window.database,
        {
            "mail.smtp_host": "smtp.sweetybio.example.com",
            "mail.smtp_port": 587,
            "mail.smtp_security": "starttls",
            "mail.smtp_login": "contact@sweetybio.example.com",
            "mail.sender_name": "Sweety Bio",
            "mail.per_minute": 20,
        },
    )
    dialog = window.outreach.show_email()
    dialog.resize(760, 860)
    wait(app, lambda: dialog.plan is not None and not dialog.task.is_running())
    dialog.recipients.set_choice(selection.SEGMENT, "a_risque")
    wait(app, lambda: dialog.plan is not None and not dialog.task.is_running())
    dialog.set_template("Relance des clients à risque")
    app.processEvents()
    return dialog


def email_shots(app, window, out: Path) -> None:
    """The e-mail dialog, then the account."""
    dialog = email_dialog_ready(app, window)
    dialog.grab().save(str(out / "email_dialog.png"))
    dialog.close()
    account = window.outreach.show_smtp_settings()
    app.processEvents()
    account.grab().save(str(out / "smtp_settings.png"))
    account.close()


def main(argv: list[str] | None = None) -> int:
    from crmdesk.gui.main_window import MainWindow
    from crmdesk.gui.outreach import selection
    from crmdesk.store.templates import TemplateStore

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="folder of the PNG files (docs/)")
    parser.add_argument("--language", choices=("fr", "en"), default="fr")
    parser.add_argument("--only", choices=("email",), help="only the e-mail dialog and the account")
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    i18n.install(app, args.language)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        settings = QSettings(str(tmp / "shots.ini"), QSettings.Format.IniFormat)
        path = tmp / "clients.sqlite"
        build("sweetybio", path, today=DAY)
        window = MainWindow(settings, today=lambda: DAY)
        window.resize(1280, 760)
        window.open_file(path, remember=False)
        window.show()
        app.processEvents()
        email_shots(app, window, out)
        if args.only:
            window.close()
            print(out / "email_dialog.png", out / "smtp_settings.png")
            return 0

        editor = window.outreach.show_templates()
        editor.resize(1120, 760)
        editor.select(TemplateStore(window.database).by_purpose("loyalty_expiry")["id"])
        editor.set_preview_client("SB00037")  # no loyalty points: the empty fields show in red
        app.processEvents()
        editor.grab().save(str(out / "template_editor.png"))
        editor.close()

        labels = window.outreach.show_labels()
        labels.resize(760, 640)
        labels.set_format("L7163")
        labels.picker.set_start(5)
        labels.recipients.set_choice(selection.STATUS, "premium")
        labels.recipients.sort_postal.setChecked(True)
        wait(app, lambda: labels.plan is not None and not labels.task.is_running())
        app.processEvents()
        labels.grab().save(str(out / "labels_dialog.png"))
        labels.close()

        recall = window.outreach.show_recall()
        recall.resize(1100, 560)
        recall.set_criteria(lot="L240615", date_from=dt.date(2026, 10, 1), date_to=DAY)
        recall.search()
        recall.set_notified([c.contact_id for c in recall.result.clients[:4]], True)
        recall.table.selectRow(4)
        app.processEvents()
        recall.grab().save(str(out / "recall_view.png"))
        recall.close()
        window.close()
    for name in SHOTS:
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
