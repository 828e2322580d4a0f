"""Regenerate the screenshots of the user manual (resources/manual/<fr|en>/images/)
from the Sweety Bio demo, once in French and once in English.

    python docs/make_manual_screenshots.py          (offscreen; no screen needed)

Images are at most MAX_WIDTH pixels wide, framed by a grey line, and reduced to a 256-colour palette, so
that the manual stays small inside the package (Pillow comes with ReportLab).
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image, ImageOps
from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QSettings
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from crmdesk.demo import build
from crmdesk.gui.app import application
from crmdesk.gui.common import i18n
from crmdesk.gui.file import backups as backup_hooks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_screenshots import wait
from make_screenshots_followup import rights_requests
from make_screenshots_outreach import email_dialog_ready

ROOT = Path(__file__).resolve().parents[1]
MANUAL = ROOT / "resources" / "manual"
ANNEX = ROOT / "resources" / "demo" / "bol_dair_annexe2.csv"
MAX_WIDTH = 760


def save(widget: QWidget, language: str, name: str) -> Path:
    """`widget` as the manual shows it: narrowed to MAX_WIDTH, 256 colours."""
    QApplication.processEvents()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)), Image.Resampling.LANCZOS)
    image = ImageOps.expand(image, border=1, fill="#8c8c8c")  # a picture, not a window: framed
    path = MANUAL / language / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    return path


def settle(app, seconds: float) -> None:
    """Let the event loop paint what it renders in the background (the PDF preview)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def close_others(window) -> None:
    """Only the main window stays open (« Aujourd'hui » opens by itself when something is late)."""
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()


def client_shots(app, window, language: str) -> list[Path]:
    shots = [save(window, language, "main-window.png")]
    window.ui.searchEdit.setText("hele")
    window.apply_filters()
    shots.append(save(window, language, "search.png"))
    window.ui.searchEdit.setText("bio corner")
    window.apply_filters()
    window.ui.clientTable.selectRow(0)
    sheet = window.edit_client()
    sheet.resize(860, 560)
    shots.append(save(sheet, language, "client-form.png"))
    sheet.tabs.setCurrentWidget(sheet.orders_tab)
    sheet.orders_tab.findChild(QTableView).selectRow(0)
    shots.append(save(sheet, language, "orders-tab.png"))
    order = sheet.orders_tab.add_order()
    order.resize(700, 460)
    order.channel_combo.setCurrentIndex(1)
    order.ref_edit.setText("F-2026-0412")
    for product, quantity in (("Kombucha nature 33 cl", "24"), ("Chocolat noir 70 % 100 g", "40")):
        row = order.add_line()
        order.set_cell(row, "product", product)
        order.set_cell(row, "quantity", quantity)
    shots.append(save(order, language, "order-dialog.png"))
    order.done(0)  # done, not reject: nothing asks whether to keep what was typed
    printing = window.printing
    previews = []
    printing.previewOpened.connect(previews.append)
    sheet.print_button.click()
    wait(app, lambda: bool(previews), 60)
    preview = previews[0]
    preview.resize(700, 640)
    settle(app, 2.0)
    shots.append(save(preview, language, "print-preview.png"))
    preview.close()
    sheet.done(0)
    return shots


def complaint_shots(app, window, language: str) -> list[Path]:
    contact_id = window.current_id()
    dialog = window.complaints.new_complaint(contact_id)
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("phone"))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("delivery"))
    dialog.perishable_check.setChecked(True)
    dialog.subject_edit.setText(
        "Livraison de produits frais manquée" if language == "fr" else "Fresh products not delivered"
    )
    dialog.resize(640, 620)
    shots = [save(dialog, language, "complaint-new.png")]
    dialog.done(0)
    queue = window.complaints.show_queue()
    queue.resize(1000, 700)
    shots.append(save(queue, language, "complaints-queue.png"))
    queue.close()
    return shots


def analysis_shots(app, window, language: str) -> list[Path]:
    import datetime as dt

    distribution = window.analysis.show_distribution(as_of=dt.date.today())
    distribution.resize(860, 600)
    wait(app, lambda: distribution.model.rowCount() > 0)
    shots = [save(distribution, language, "distribution.png")]
    distribution.close()
    rfm = window.analysis.show_rfm(as_of=dt.date.today())
    rfm.resize(960, 660)
    rfm.compute()
    wait(app, lambda: rfm.task is not None and not rfm.task.is_running())
    shots.append(save(rfm, language, "rfm.png"))
    rfm.close()
    return shots


def import_shots(app, window, language: str, folder: Path) -> list[Path]:
    """The wizard on a file of seven new clients from the Bol d'Air extract and two known ones."""
    rows = list(csv.reader(ANNEX.open(encoding="cp1252"), delimiter=";"))
    known = window.database.query(
        "SELECT last_name, first_name, email, postal_code FROM contacts "
        "WHERE kind = 'person' AND email != '' ORDER BY id LIMIT 2"
    )
    path = folder / "clients-salon.csv"  # in the language's own folder
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
    wizard.resize(860, 580)
    wizard.file_page.path.setText(str(path))
    shots = [save(wizard, language, "import-file.png")]
    wizard.next()
    shots.append(save(wizard, language, "import-columns.png"))
    wizard.next()
    wait(app, wizard.check_page.isComplete)
    wizard.check_page.tabs.setCurrentIndex(0)
    shots.append(save(wizard, language, "import-check.png"))
    wizard.done(0)
    return shots


def outreach_shots(app, window, language: str) -> list[Path]:
    dialog = email_dialog_ready(app, window)
    shots = [save(dialog, language, "email-dialog.png")]
    dialog.close()
    return shots


def safety_shots(app, window, language: str) -> list[Path]:
    backup_hooks.before(window, "import")
    dialog = window.file.show_restore()
    dialog.resize(800, 400)
    wait(app, lambda: dialog.model.rowCount() > 0)
    shots = [save(dialog, language, "restore.png")]
    dialog.close()
    rights_requests(window)
    rights = window.gdpr.show_rights()
    rights.resize(900, 380)
    shots.append(save(rights, language, "rights.png"))
    rights.close()
    return shots


def shoot(app, language: str, folder: Path) -> list[Path]:
    from crmdesk.gui.main_window import MainWindow

    translators = i18n.install(app, language)
    try:
        demo = folder / language / "clients.sqlite"  # the name the manual gives as an example
        demo.parent.mkdir()
        build("sweetybio", demo)
        settings = QSettings(str(folder / f"shots-{language}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1100, 640)
        window.open_file(demo, remember=False)
        window.setWindowTitle("clients.sqlite — crmdesk")
        window.show()
        app.processEvents()
        close_others(window)
        shots = client_shots(app, window, language)
        shots += complaint_shots(app, window, language)
        shots += analysis_shots(app, window, language)
        shots += outreach_shots(app, window, language)
        shots += import_shots(app, window, language, demo.parent)
        shots += safety_shots(app, window, language)
        close_others(window)
        window.close()
        window.deleteLater()
        return shots
    finally:
        i18n.remove(app, translators)


def main() -> int:
    app = application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        for language in ("fr", "en"):
            for path in shoot(app, language, Path(folder)):
                print(path.relative_to(ROOT), f"{path.stat().st_size // 1024} Ko")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
