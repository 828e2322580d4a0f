"""The in-app PDF preview: pages shown, zoom, print (to a PDF file), save as,
save errors in French; the complaint acknowledgement letter goes through it."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import shutil

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from crmdesk.gui.common import i18n
from crmdesk.gui.complaints.texts import reference_of
from crmdesk.gui.file import folders
from crmdesk.gui.printing import pdf_preview
from crmdesk.gui.printing.pdf_preview import PdfPreviewDialog, pages_to_print, show_pdf
from crmdesk.store.complaints import ComplaintStore
from tests.helpers.today import Clock

DEMO_DAY = dt.date(2026, 11, 23)
CTRL = Qt.KeyboardModifier.ControlModifier


def make_pdf(pages: int = 2) -> bytes:
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    for number in range(1, pages + 1):
        sheet.setFont("Helvetica", 28)
        sheet.drawString(72, 760, f"Page numéro {number}")
        sheet.rect(72, 72, 451, 640)
        sheet.showPage()
    sheet.save()
    return out.getvalue()


class FakePrintDialog(QDialog):
    """Stands for QPrintDialog: non-blocking, the test accepts or rejects it."""

    def __init__(self, printer: QPrinter, parent=None):
        super().__init__(parent)
        self.printer = printer
        self.range = None
        self._options = 0

    def setMinMax(self, low: int, high: int) -> None:
        self.range = (low, high)

    def options(self):
        return pdf_preview.QAbstractPrintDialog.PrintDialogOption(0)

    def setOptions(self, options) -> None:
        self._options = options


@pytest.fixture
def fake_print_dialog(monkeypatch):
    monkeypatch.setattr(pdf_preview, "print_dialog", lambda printer, parent: FakePrintDialog(printer, parent))


@pytest.fixture
def preview(qtbot):
    dialog = show_pdf(None, make_pdf(2), "Essai", "essai.pdf")
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def french(qapp):
    translators = i18n.install(qapp, "fr")
    yield
    i18n.remove(qapp, translators)


def print_to_file(qtbot, preview: PdfPreviewDialog, target, *, pages: tuple[int, int] | None = None):
    dialog = preview.print_pdf()
    assert isinstance(dialog, FakePrintDialog) and dialog.isVisible() and dialog.range == (1, 2)
    dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(target))
    if pages:
        dialog.printer.setPrintRange(QPrinter.PrintRange.PageRange)
        dialog.printer.setFromTo(*pages)
    with qtbot.waitSignal(preview.printed, timeout=10000):
        dialog.accept()


# -- showing ---------------------------------------------------------------------------------------
def test_every_page_is_shown_fit_to_width_with_the_page_count(preview):
    assert preview.windowTitle() == "Essai"
    assert preview.page_count() == 2
    assert preview.page_label.text() == "Page 1 / 2"
    assert preview.view.pageMode() == preview.view.PageMode.MultiPage
    assert preview.view.zoomMode() == preview.view.ZoomMode.FitToWidth
    assert not preview.isModal()
    assert preview.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def test_zoom_in_out_and_back_to_the_width(qtbot, preview):
    fitted = preview.effective_zoom()
    preview.zoom_in_button.click()
    assert preview.view.zoomMode() == preview.view.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25)
    preview.zoom_out_button.click()
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() == pytest.approx(fitted / 1.25)
    for _ in range(30):
        preview.zoom_out()
    assert preview.view.zoomFactor() == pytest.approx(pdf_preview.MIN_ZOOM)
    preview.fit_button.click()
    assert preview.view.zoomMode() == preview.view.ZoomMode.FitToWidth


def test_bytes_that_are_not_a_pdf_say_so(qtbot):
    dialog = PdfPreviewDialog(b"not a pdf", title="x", suggested_name="x.pdf")
    qtbot.addWidget(dialog)
    assert dialog.page_label.text() == "This PDF cannot be shown"
    assert not dialog.print_button.isEnabled()
    assert dialog.print_pdf() is None


def test_the_buffer_lives_as_long_as_the_document(preview):
    assert preview._buffer.parent() is preview.document
    assert preview._buffer.isOpen()


# -- saving -----------------------------------------------------------------------------------------
def test_save_as_writes_the_same_bytes(qtbot, preview, tmp_path, monkeypatch):
    asked = []

    def save_name(parent, caption, directory, filters):
        asked.append((directory, filters))
        return str(tmp_path / "copie"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(preview.saved) as saved:
        preview.save_button.click()
    target = tmp_path / "copie.pdf"
    assert saved.args == [target]
    assert asked == [(str(folders.documents() / "essai.pdf"), "PDF files (*.pdf)")]  # in Documents
    assert target.read_bytes() == preview.pdf
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copie.pdf"]


def test_ctrl_s_saves_and_cancel_writes_nothing(qtbot, preview, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert preview.save_as() is None
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "b.PDF"), ""))
    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)
    with qtbot.waitSignal(preview.saved):
        QTest.keyClick(preview.view, Qt.Key.Key_S, CTRL)
    assert (tmp_path / "b.PDF").read_bytes() == preview.pdf


def test_a_full_disk_shows_a_french_message_and_leaves_nothing(qtbot, preview, tmp_path, monkeypatch, boxes, french):
    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdf_preview.os, "replace", full)
    with qtbot.assertNotEmitted(preview.saved):
        assert preview.save_to(tmp_path / "lettre.pdf") is None
    assert list(tmp_path.iterdir()) == []
    ((title, text),) = boxes
    assert title == "Enregistrer le PDF"
    assert text.startswith("Impossible d'enregistrer « ")
    assert "le disque est plein" in text and "Rien n'a été écrit" in text


def test_a_read_only_folder_shows_a_french_message_and_keeps_the_old_file(
    qtbot, preview, tmp_path, monkeypatch, boxes, french
):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    old = folder / "lettre.pdf"
    old.write_bytes(b"ancienne version")

    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    if os.geteuid() == 0:  # root writes anywhere: make the folder read-only the hard way
        monkeypatch.setattr(pdf_preview.tempfile, "mkstemp", read_only)
    else:
        folder.chmod(0o500)
    try:
        assert preview.save_to(old) is None
    finally:
        folder.chmod(0o700)
    assert [p.name for p in folder.iterdir()] == ["lettre.pdf"]
    assert old.read_bytes() == b"ancienne version"
    assert "lecture seule" in boxes[-1][1]


def test_a_write_error_midway_removes_the_temporary_file(tmp_path, monkeypatch):
    def broken_fsync(_fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(pdf_preview.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        pdf_preview.write_atomically(tmp_path / "x.pdf", b"%PDF-1.4")
    assert list(tmp_path.iterdir()) == []


# -- printing ---------------------------------------------------------------------------------------
def test_printing_to_a_pdf_file_prints_every_page(qtbot, preview, tmp_path, fake_print_dialog):
    printed = tmp_path / "imprime.pdf"
    print_to_file(qtbot, preview, printed)
    reader = PdfReader(printed)
    assert len(reader.pages) == 2
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4, as the PDF
    assert preview.print_dialog is None


def test_the_page_range_of_the_print_dialog_is_honoured(qtbot, preview, tmp_path, fake_print_dialog):
    printed = tmp_path / "page2.pdf"
    print_to_file(qtbot, preview, printed, pages=(2, 2))
    assert len(PdfReader(printed).pages) == 1


def test_ctrl_p_opens_the_print_dialog_and_cancel_prints_nothing(qtbot, preview, tmp_path, fake_print_dialog):
    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)
    with qtbot.waitSignal(preview.printDialogOpened) as opened:
        QTest.keyClick(preview.view, Qt.Key.Key_P, CTRL)
    dialog = opened.args[0]
    assert preview.print_pdf() is dialog  # one print dialog at a time
    dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(tmp_path / "non.pdf"))
    with qtbot.assertNotEmitted(preview.printed):
        dialog.reject()
    assert not (tmp_path / "non.pdf").exists()
    assert preview.print_dialog is None


def test_pages_to_print():
    printer = QPrinter()
    assert pages_to_print(printer, 3) == [0, 1, 2]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert pages_to_print(printer, 3) == [1, 2]
    printer.setFromTo(3, 9)
    assert pages_to_print(printer, 3) == [2]


# -- the acknowledgement letter --------------------------------------------------------------------
@pytest.fixture
def queue(qtbot, qsettings, tmp_path, sweetybio_template):
    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    win.clock.day = DEMO_DAY
    assert win.open_file(path)
    win.show()
    qtbot.waitExposed(win)
    yield win, win.complaints.show_queue()
    win.close()


def letter_preview(qtbot, detail) -> PdfPreviewDialog:
    with qtbot.waitSignal(detail.previewOpened) as opened:
        detail.letter_button.click()
    preview = opened.args[0]
    qtbot.waitExposed(preview)
    return preview


def test_the_letter_opens_in_the_preview_and_saving_it_acknowledges(qtbot, queue, tmp_path, monkeypatch):
    window, dialog = queue
    detail = dialog.detail
    store = ComplaintStore(window.database)
    reference = reference_of(detail.complaint)
    assert reference
    assert not store.get(detail.complaint_id)["acknowledged_at"]
    preview = letter_preview(qtbot, detail)
    assert isinstance(preview, PdfPreviewDialog) and detail.letter_preview is preview
    assert preview.suggested_name == f"accuse-reception-{reference}.pdf"
    assert reference in preview.windowTitle()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(preview.pdf)).pages)
    assert reference in text
    assert preview.page_label.text() == "Page 1 / 1"
    # shown, not yet sent: nothing recorded
    assert not store.get(detail.complaint_id)["acknowledged_at"]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "lettre"), ""))
    with qtbot.waitSignal(dialog.changed):
        preview.save_button.click()
    assert (tmp_path / "lettre.pdf").read_bytes() == preview.pdf
    assert store.get(detail.complaint_id)["acknowledged_at"]
    events = detail.timeline.event_texts("reception")
    assert events[-1][1] == "Acknowledgement sent"
    assert "lettre.pdf" in events[-1][2]
    # saved again: the first acknowledgement counts, no second event
    preview.save_to(tmp_path / "encore.pdf")
    assert detail.timeline.event_texts("reception") == events
    preview.close()
    qtbot.waitUntil(lambda: detail.letter_preview is None)


def test_printing_the_letter_acknowledges(qtbot, queue, tmp_path, fake_print_dialog):
    window, dialog = queue
    detail = dialog.detail
    complaint_id = detail.complaint_id
    preview = letter_preview(qtbot, detail)
    printer_dialog = preview.print_pdf()
    printer_dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer_dialog.printer.setOutputFileName(str(tmp_path / "imprimee.pdf"))
    with qtbot.waitSignal(dialog.changed):
        printer_dialog.accept()
    assert len(PdfReader(tmp_path / "imprimee.pdf").pages) == 1
    assert ComplaintStore(window.database).get(complaint_id)["acknowledged_at"]
    last = detail.timeline.event_texts("reception")[-1]
    assert last[1] == "Acknowledgement sent" and "printed: yes" in last[2]
    preview.close()


def test_the_real_print_dialog_opens_without_blocking(qtbot, preview):
    from PySide6.QtPrintSupport import QPrintDialog

    with qtbot.waitSignal(preview.printDialogOpened) as opened:
        preview.print_button.click()
    dialog = opened.args[0]
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    assert (dialog.minPage(), dialog.maxPage()) == (1, 2)
    assert dialog.printer().fullPage()
    with qtbot.assertNotEmitted(preview.printed):
        dialog.reject()
    assert preview.print_dialog is None


# -- a PDF file (client sheets and cards in batches) ------------------------------------------------
@pytest.fixture
def pdf_file(tmp_path):
    folder = tmp_path / "crmdesk-print-essai"
    folder.mkdir()
    path = folder / "fiches-client.pdf"
    path.write_bytes(make_pdf(3))
    return path


@pytest.fixture
def file_preview(qtbot, pdf_file):
    dialog = show_pdf(
        None, pdf_file, "Fiches client (3 clients, 3 pages)", "fiches-client.pdf", temp_folder=pdf_file.parent
    )
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_a_pdf_file_is_shown_from_the_file(file_preview, pdf_file):
    assert file_preview.path == pdf_file and file_preview.pdf is None
    assert file_preview._buffer is None
    assert file_preview.page_count() == 3
    assert file_preview.page_label.text() == "Page 1 / 3"
    assert file_preview.print_button.isEnabled()


def test_save_as_copies_the_file(qtbot, file_preview, pdf_file, tmp_path, monkeypatch):
    target_folder = tmp_path / "ailleurs"
    target_folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target_folder / "mes-fiches"), "PDF files (*.pdf)")
    )
    with qtbot.waitSignal(file_preview.saved) as saved:
        file_preview.save_button.click()
    target = target_folder / "mes-fiches.pdf"
    assert saved.args == [target]
    assert target.read_bytes() == pdf_file.read_bytes()
    assert [p.name for p in target_folder.iterdir()] == ["mes-fiches.pdf"]


def test_copying_the_file_onto_an_old_one_fails_whole(qtbot, file_preview, tmp_path, monkeypatch, boxes, french):
    old = tmp_path / "fiches.pdf"
    old.write_bytes(b"ancienne version")

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdf_preview.os, "replace", full)
    with qtbot.assertNotEmitted(file_preview.saved):
        assert file_preview.save_to(old) is None
    assert old.read_bytes() == b"ancienne version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crmdesk-print-essai", "fiches.pdf"]
    assert "le disque est plein" in boxes[-1][1]


def test_printing_from_the_file_prints_every_page(qtbot, file_preview, tmp_path, fake_print_dialog):
    dialog = file_preview.print_pdf()
    assert dialog.range == (1, 3)
    dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(tmp_path / "imprime.pdf"))
    with qtbot.waitSignal(file_preview.printed, timeout=10000):
        dialog.accept()
    assert len(PdfReader(tmp_path / "imprime.pdf").pages) == 3


def test_closing_removes_the_folder_it_owns(qtbot, pdf_file):
    dialog = show_pdf(None, pdf_file, "x", "x.pdf", temp_folder=pdf_file.parent)  # deleted on close
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
        assert not pdf_file.parent.exists()  # at once, not when deleted


def test_the_folder_goes_also_when_the_parent_is_deleted(qtbot, pdf_file):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    PdfPreviewDialog(pdf_file, title="x", suggested_name="x.pdf", parent=parent, temp_folder=pdf_file.parent)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not pdf_file.parent.exists())


def test_a_file_without_a_folder_to_own_is_left_alone(qtbot, pdf_file):
    dialog = show_pdf(None, pdf_file, "x", "x.pdf")
    qtbot.addWidget(dialog)
    dialog.close()
    assert pdf_file.exists()


def test_a_file_that_is_not_a_pdf_says_so(qtbot, tmp_path):
    path = tmp_path / "faux.pdf"
    path.write_bytes(b"not a pdf")
    dialog = PdfPreviewDialog(path, title="x", suggested_name="x.pdf")
    qtbot.addWidget(dialog)
    assert dialog.page_label.text() == "This PDF cannot be shown"
    assert dialog.print_pdf() is None


def test_a_long_print_shows_its_progress_and_can_be_cancelled(qtbot, file_preview, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_preview, "PRINT_PROGRESS_AFTER_MS", 0)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "annule.pdf"))
    seen = []

    def page_printed(done, total):
        progress = file_preview.print_progress
        seen.append((done, total, progress.isVisible(), progress.isModal()))
        if done == 2:
            progress.cancel()

    file_preview.pagePrinted.connect(page_printed)
    with qtbot.assertNotEmitted(file_preview.printed):
        assert file_preview.print_to(printer) is False
    assert [s[:2] for s in seen] == [(1, 3), (2, 3)]
    assert seen[-1][2:] == (True, True)  # shown, and the windows behind wait
    assert file_preview.print_progress is None
