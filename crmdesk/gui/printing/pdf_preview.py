"""In-app PDF preview with print and save (QtPdf, from PySide6-Addons).

Generic: give it the bytes of any PDF made by crmdesk.reports (the complaint
acknowledgement letter), or the Path of a PDF file (a batch of client sheets
or cards, read from the file as pages are shown, never loaded whole), and it
shows every page (fit to the width, zoom in/out, « Page 1 / 3 »), prints them
through the print dialog and saves them where the user says (bytes written,
or the file copied, through a temporary file renamed at the end).

    dialog = show_pdf(parent, pdf_bytes, title, "accuse-reception-REC-2026-0001.pdf")
    dialog = show_pdf(parent, Path(".../fiches-client.pdf"), title, "fiches-client.pdf",
                      temp_folder=folder)   # removed, with the file, when the dialog closes
    dialog.printed.connect(...)      # after the pages went to the printer
    dialog.saved.connect(...)        # Path, after the file was written

Every dialog is non-blocking (open()/show(), never exec()): tests drive them.
The print dialog and the printer come from print_dialog() and make_printer(),
which tests may replace.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.gui.common import messages
from crmdesk.gui.file import folders
from crmdesk.store.reasons import os_reason

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
# A page is rendered at the printer's resolution, at most this many dots per
# inch: an A4 page at 1200 dpi would be a 550 MB image; 300 dpi is what a
# laser printer shows of text anyway.
MAX_PRINT_DPI = 300
# A page takes about 0.1 s to render: a print of several pages that lasts
# longer than this shows « Impression de la page 12 / 440… » with Cancel,
# and the windows repaint between pages.
PRINT_PROGRESS_AFTER_MS = 800


def make_printer() -> QPrinter:
    """The printer the print dialog configures (tests replace it)."""
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def print_dialog(printer: QPrinter, parent: QWidget | None) -> QPrintDialog:
    """The print dialog on `printer` (tests replace it); opened with open()."""
    return QPrintDialog(printer, parent)


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page numbers the printer's settings ask for (all by default)."""
    everything = list(range(page_count))
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return everything
    ranges = printer.pageRanges()
    if ranges.isEmpty():
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0:
            return everything
        last = last if last > 0 else page_count
        return [p for p in everything if first <= p + 1 <= last]
    return [p for p in everything if ranges.contains(p + 1)]


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder,
    renamed at the end: on any OSError nothing is left, not even half a file
    (and an existing file keeps its old content)."""
    _write_atomically(path, lambda out: out.write(data))


def copy_atomically(source: Path, path: Path) -> None:
    """Copy the file `source` to `path` the same way (a batch of hundreds of
    pages is copied in blocks, never read whole into memory)."""

    def copy(out: BinaryIO) -> None:
        with open(source, "rb") as stream:
            shutil.copyfileobj(stream, out, 1 << 20)

    _write_atomically(path, copy)


def _write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


class PdfPreviewDialog(QDialog):
    """A PDF shown inside crmdesk, with « Imprimer… » and « Enregistrer sous… ».

    `pdf` is the PDF's bytes (kept in `self.pdf`) or the Path of a PDF file
    (`self.path`; `self.pdf` is then None). `temp_folder`, when given, is a
    folder the dialog owns (the file was written there for it): it is removed
    with everything in it once the document is closed (dialog closed or
    destroyed with its parent)."""

    printed = Signal()
    saved = Signal(Path)
    printDialogOpened = Signal(object)  # the QPrintDialog, for whoever drives it (tests)
    pagePrinted = Signal(int, int)  # pages sent so far, pages to send

    def __init__(
        self,
        pdf: bytes | os.PathLike,
        *,
        title: str,
        suggested_name: str,
        parent: QWidget | None = None,
        temp_folder: Path | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("PdfPreviewDialog")
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)
        self.path: Path | None = None if isinstance(pdf, (bytes, bytearray, memoryview)) else Path(pdf)
        self.pdf: bytes | None = bytes(pdf) if self.path is None else None
        self.temp_folder = Path(temp_folder) if temp_folder is not None else None
        self.suggested_name = suggested_name
        self.print_dialog: QPrintDialog | None = None
        self.print_progress: QProgressDialog | None = None  # while several pages print
        self.last_saved: Path | None = None

        self.document = QPdfDocument(self)
        if self.temp_folder is not None:
            # ~QPdfDocument has closed the file when `destroyed` comes (a file
            # still open cannot be removed on Windows): the folder goes then
            # even when the dialog dies with its parent, without done().
            folder = self.temp_folder
            self.document.destroyed.connect(lambda *_: shutil.rmtree(folder, ignore_errors=True))
        if self.path is not None:
            self._buffer = None
            self.document.load(str(self.path))
        else:
            # The buffer is the document's child: it lives exactly as long as the
            # document reads from it (deleted after the document has closed).
            self._buffer = QBuffer(self.document)
            self._buffer.setData(QByteArray(self.pdf))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.view.setStyleSheet("QPdfView { background: #7f8389; }")
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.view.zoomFactorChanged.connect(self._show_page)

        self.zoom_out_button = self._button(self.tr("Zoom &out"), "zoomOut", self.zoom_out)
        self.zoom_in_button = self._button(self.tr("Zoom &in"), "zoomIn", self.zoom_in)
        self.fit_button = self._button(self.tr("Fit &width"), "fitWidth", self.fit_width)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        self.page_label.setMinimumWidth(90)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = self._button(self.tr("&Print…"), "printButton", self.print_pdf)
        self.save_button = self._button(self.tr("&Save as…"), "saveButton", self.save_as)

        self.print_action = self._shortcut(QKeySequence.StandardKey.Print, self.print_pdf)
        self.save_action = self._shortcut(QKeySequence.StandardKey.Save, self.save_as)
        self._shortcut(QKeySequence.StandardKey.ZoomIn, self.zoom_in)
        self._shortcut(QKeySequence.StandardKey.ZoomOut, self.zoom_out)
        for button, action in ((self.print_button, self.print_action), (self.save_button, self.save_action)):
            button.setToolTip(action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
        self.zoom_in_button.setToolTip(
            QKeySequence(QKeySequence.StandardKey.ZoomIn).toString(QKeySequence.SequenceFormat.NativeText)
        )
        self.zoom_out_button.setToolTip(
            QKeySequence(QKeySequence.StandardKey.ZoomOut).toString(QKeySequence.SequenceFormat.NativeText)
        )

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        tools = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.page_label)
        tools.addStretch(1)
        tools.addWidget(self.print_button)
        tools.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

        readable = self.document.status() == QPdfDocument.Status.Ready and self.page_count() > 0
        for widget in (self.print_button, self.zoom_in_button, self.zoom_out_button, self.fit_button):
            widget.setEnabled(readable)
        self.print_action.setEnabled(readable)
        self._show_page()
        self._initial_size()
        self.view.setFocus()

    def done(self, result: int) -> None:  # Close, Escape, the window's close button
        super().done(result)
        self.remove_temp_folder()

    def remove_temp_folder(self) -> None:
        """Close the document and remove the folder the dialog owns (if any)."""
        if self.temp_folder is None:
            return
        if self.print_dialog is not None:
            self.print_dialog.reject()
        self.document.close()
        shutil.rmtree(self.temp_folder, ignore_errors=True)

    def _initial_size(self) -> None:
        """About an A4 page wide, never taller than the screen (small laptops)."""
        width, height = 780, 940
        screen = (self.parentWidget() or self).screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.95))
            height = min(height, int(available.height() * 0.92))
        self.resize(width, height)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _shortcut(self, key: QKeySequence.StandardKey, slot) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # -- showing ------------------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """0-based."""
        return self.view.pageNavigator().currentPage()

    def _show_page(self, *_args) -> None:
        count = self.page_count()
        if self.document.status() != QPdfDocument.Status.Ready or count <= 0:
            self.page_label.setText(self.tr("This PDF cannot be shown"))
            return
        self.page_label.setText(
            self.tr("Page %1 / %2").replace("%1", str(self.current_page() + 1)).replace("%2", str(count))
        )

    def effective_zoom(self) -> float:
        """The zoom shown, also while fitting the width (where zoomFactor() stays as it was)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count() <= 0:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        points = self.document.pagePointSize(max(0, self.current_page())).width()
        natural = points * self.view.logicalDpiX() / 72.0
        return width / natural if natural > 0 and width > 0 else 1.0

    def _zoom_to(self, factor: float) -> None:
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def zoom_in(self) -> None:
        self._zoom_to(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_to(self.effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- printing ------------------------------------------------------------------------------
    def print_pdf(self) -> QPrintDialog | None:
        """Open the print dialog (non-blocking); the pages print once it is accepted."""
        if self.page_count() <= 0:
            return None
        if self.print_dialog is not None:
            self.print_dialog.raise_()
            return self.print_dialog
        printer = make_printer()
        first = self.document.pagePointSize(0)
        size = QPageSize(QSizeF(first.width(), first.height()), QPageSize.Unit.Point)
        landscape = first.width() > first.height()
        printer.setPageLayout(
            QPageLayout(
                size,
                QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
                QPageLayout().margins(),
            )
        )
        printer.setFullPage(True)  # the PDF has its own margins: print it as it is
        printer.setDocName(self.suggested_name or self.windowTitle())
        dialog = print_dialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        dialog.setMinMax(1, self.page_count())
        options = dialog.options() | QAbstractPrintDialog.PrintDialogOption.PrintPageRange
        dialog.setOptions(options)
        self.print_dialog = dialog
        self._printer = printer

        def finished(result: int) -> None:
            self.print_dialog = None
            if result == QDialog.DialogCode.Accepted:
                self.print_to(printer)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        QDialog.open(dialog)  # QPrintDialog.open(receiver, member) hides the plain one in PySide6
        self.printDialogOpened.emit(dialog)
        return dialog

    def print_to(self, printer: QPrinter) -> bool:
        """Paint the pages the printer asks for; emits printed() when done."""
        pages = pages_to_print(printer, self.page_count())
        if not pages:
            return False
        dpi = max(72, min(printer.resolution(), MAX_PRINT_DPI))
        painter = QPainter()
        if not painter.begin(printer):
            messages.error(self, self.tr("Print"), self.tr("The printer could not be started. Nothing was printed."))
            return False
        progress = self.print_progress = self._print_progress(len(pages)) if len(pages) > 1 else None
        try:
            for number, page in enumerate(pages):
                if progress is not None:
                    progress.setLabelText(
                        self.tr("Printing page %1 / %2…").replace("%1", str(number + 1)).replace("%2", str(len(pages)))
                    )
                    progress.setValue(number)  # repaints the windows once shown (modal)
                    if progress.wasCanceled():
                        printer.abort()
                        painter.end()
                        return False
                if number and not printer.newPage():
                    raise OSError(errno.EIO, "newPage")
                points = self.document.pagePointSize(page)
                image = self._page_image(
                    page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                )
                painter.drawImage(self._target(printer, points), image)
                self.pagePrinted.emit(number + 1, len(pages))
        except OSError:
            painter.end()
            messages.error(self, self.tr("Print"), self.tr("Printing stopped before the end."))
            return False
        finally:
            if progress is not None:
                self.print_progress = None
                progress.reset()
                progress.hide()
                progress.deleteLater()
        painter.end()
        self.printed.emit()
        return True

    def _print_progress(self, total: int) -> QProgressDialog:
        progress = QProgressDialog(self)
        progress.setObjectName("printProgress")
        progress.setWindowTitle(self.tr("Print"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setRange(0, total)
        progress.setMinimumDuration(PRINT_PROGRESS_AFTER_MS)
        return progress

    def _page_image(self, page: int, size: QSize) -> QImage:
        """The page on white paper (QPdfDocument.render leaves the background transparent)."""
        rendered = self.document.render(page, size)
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        return image

    @staticmethod
    def _target(printer: QPrinter, points: QSizeF) -> QRectF:
        """Where a page of `points` goes on the printer's page: actual size
        when it fits (a window-envelope address stays in the window), else
        shrunk to fit, keeping its proportions; centred."""
        area = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
        scale = printer.resolution() / 72.0
        size = QSizeF(points.width() * scale, points.height() * scale)
        if size.width() > area.width() * 1.01 or size.height() > area.height() * 1.01:
            size = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        corner = QPointF(area.x() + (area.width() - size.width()) / 2, area.y() + (area.height() - size.height()) / 2)
        return QRectF(corner, size)

    # -- saving ------------------------------------------------------------------------------
    def save_as(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the PDF"), folders.in_documents(self.suggested_name), self.tr("PDF files (*.pdf)")
        )
        if not name:
            return None
        return self.save_to(name)

    def save_to(self, target: str | Path) -> Path | None:
        """Write the PDF at `target` (« .pdf » added when missing); emits saved(path)."""
        target = Path(target)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            if self.path is not None:
                copy_atomically(self.path, target)
            else:
                write_atomically(target, self.pdf)
        except OSError as exc:
            messages.error(
                self,
                self.tr("Save the PDF"),
                self.tr("Could not save “%1”: %2. Nothing was written.")
                .replace("%1", str(target))
                .replace("%2", self.reason(exc)),
            )
            return None
        self.last_saved = target
        self.saved.emit(target)
        return target

    def reason(self, exc: OSError) -> str:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return self.tr("the disk is full")
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return self.tr("the folder is read-only or you may not write there")
        if exc.errno == errno.ENOENT:
            return self.tr("the folder does not exist")
        return os_reason(exc)


def show_pdf(
    parent: QWidget | None,
    pdf: bytes | os.PathLike,
    title: str,
    suggested_name: str,
    *,
    temp_folder: Path | None = None,
) -> PdfPreviewDialog:
    """Open the preview, not modal, deleted when closed; returns it."""
    dialog = PdfPreviewDialog(pdf, title=title, suggested_name=suggested_name, parent=parent, temp_folder=temp_folder)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
