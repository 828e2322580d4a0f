"""Fichier > Imprimer: client sheets and client cards in PDF (issue 5).

    Printing(window)   # in MainWindow's list of features

adds, in the File menu before « Quit », a submenu « Imprimer » with

* Fiche client du client en cours… (Ctrl+P; also in the table's context menu)
* Fiches client de la sélection…   (also in the table's context menu)
* Fiches client de tous les clients affichés…   (every client of the search and filters)
* Cartes client de la sélection…
* Cartes client de tous les clients affichés…

and `sheet_button(dialog, buttons, contact_id, printing)` gives the client
sheet dialog its « Imprimer la fiche… » button.

A batch runs in a worker thread (worker.Task) on a read-only connection of
its own, with a progress dialog (« Préparation des fiches… 120 / 400 ») and
its Cancel button; the window goes on (and repaints) meanwhile. The PDF is
written in a temporary folder which the preview then owns (removed when the
preview closes); « Enregistrer sous… » copies it. A cancelled batch leaves
nothing: crmdesk.reports.prints writes through a temporary file, and the
folder is removed. One batch at a time: the actions are disabled while one
runs. Above BIG_BATCH clients the user is asked first (confirm_big_batch(),
which tests replace).

The sheets are made for the session's day (Session.today).
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import tempfile
import time
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox, QProgressDialog, QPushButton, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.actions import menu_action
from crmdesk.gui.common.worker import Job, Task, reader
from crmdesk.gui.feature import Feature
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.reasons import os_reason

SHEETS, CARDS = "sheets", "cards"
BIG_BATCH = 2_000  # more clients than this: ask first
SHOW_PROGRESS_AFTER_MS = 400  # a batch done sooner shows no progress dialog at all
PROGRESS_EVERY_S = 0.05  # at most 20 progress updates a second reach the window
STATUS_TIMEOUT_MS = 8_000
SHEET_NAME, SHEETS_NAME, CARDS_NAME = "fiche-{code}.pdf", "fiches-client.pdf", "cartes-client.pdf"
TEMP_PREFIX = "crmdesk-print-"


class Printing(Feature):
    """The « Imprimer » submenu of a main window and the batch it runs (at most one)."""

    batchStarted = Signal(object)  # the Batch
    previewOpened = Signal(object)  # the PdfPreviewDialog of a finished batch

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("printing")
        self.batch: Batch | None = None
        ui = window.ui
        self.menu = QMenu(QCoreApplication.translate("PrintMenu", "&Print"), ui.menuFile)
        self.menu.setObjectName("menuPrint")
        if QIcon.hasThemeIcon("document-print"):
            self.menu.setIcon(QIcon.fromTheme("document-print"))
        ui.menuFile.insertMenu(ui.actionQuit, self.menu)
        ui.menuFile.insertSeparator(ui.actionQuit)

        action = partial(menu_action, self.menu, window)
        self.sheet_action = action(
            "actionPrintSheet",
            QCoreApplication.translate("PrintMenu", "Client sheet of the &current client…"),
            QCoreApplication.translate("PrintMenu", "The sheet of the client you are on: preview, print, save as PDF"),
            self.print_current,
        )
        self.sheet_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.selection_sheets_action = action(
            "actionPrintSheetsSelection",
            QCoreApplication.translate("PrintMenu", "Client sheets of the &selection…"),
            QCoreApplication.translate("PrintMenu", "One sheet per selected client, in one PDF"),
            lambda: self.print_selection(SHEETS),
        )
        self.filter_sheets_action = action(
            "actionPrintSheetsFilter",
            QCoreApplication.translate("PrintMenu", "Client sheets of &every client shown…"),
            QCoreApplication.translate(
                "PrintMenu", "One sheet per client of the current search and filters, in one PDF"
            ),
            lambda: self.print_shown(SHEETS),
        )
        self.menu.addSeparator()
        self.selection_cards_action = action(
            "actionPrintCardsSelection",
            QCoreApplication.translate("PrintMenu", "Client c&ards of the selection…"),
            QCoreApplication.translate("PrintMenu", "A card per selected client, several to a page, to cut out"),
            lambda: self.print_selection(CARDS),
        )
        self.filter_cards_action = action(
            "actionPrintCardsFilter",
            QCoreApplication.translate("PrintMenu", "Client cards of every client s&hown…"),
            QCoreApplication.translate("PrintMenu", "A card per client of the current search and filters, to cut out"),
            lambda: self.print_shown(CARDS),
        )
        self.actions = (
            self.sheet_action,
            self.selection_sheets_action,
            self.filter_sheets_action,
            self.selection_cards_action,
            self.filter_cards_action,
        )

        table = ui.clientTable
        separator = QAction(window)
        separator.setSeparator(True)
        table.addActions([separator, self.sheet_action, self.selection_sheets_action])

        self.menu.aboutToShow.connect(self.update)
        window.contactsChanged.connect(self.update)
        window.installEventFilter(self)
        self.update()

    # -- state ------------------------------------------------------------------------------
    def on_file_opened(self, session) -> None:
        super().on_file_opened(session)
        selection = self.window.ui.clientTable.selectionModel()
        if selection is not None:
            selection.selectionChanged.connect(self.update)
        if self.window.model is not None:
            self.window.model.modelReset.connect(self.update)
        self.update()

    def enable(self, *_args) -> None:
        self.update()

    def update(self, *_args) -> None:
        """No file: nothing; no selection: only the « every client shown » ones; a batch running: nothing."""
        window = self.window
        idle = self.batch is None
        model = window.model if self.session is not None else None
        selection = window.ui.clientTable.selectionModel() if model is not None else None
        selected = idle and selection is not None and selection.hasSelection()
        shown = idle and model is not None and model.total() > 0
        for action in (self.sheet_action, self.selection_sheets_action, self.selection_cards_action):
            action.setEnabled(selected)
        for action in (self.filter_sheets_action, self.filter_cards_action):
            action.setEnabled(shown)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.batch is not None:
            self.batch.abort()  # no thread may outlive the window
        return False

    # -- what to print -------------------------------------------------------------------------
    def print_current(self) -> Batch | None:
        contact_id = self.window.current_id()
        return self.print_client(contact_id) if contact_id is not None else None

    def print_client(self, contact_id: int, parent: QWidget | None = None) -> Batch | None:
        """The sheet of one client (from the window or from that client's sheet dialog)."""
        row = self.session.contacts.get(contact_id) if self.session is not None else None
        if row is None:
            return None
        return self.start(SHEETS, ids=[contact_id], count=1, code=row["code"], parent=parent)

    def print_selection(self, kind: str) -> Batch | None:
        ids, count = self._selected()
        if not count:
            return None
        return self.start(kind, ids=ids, count=count)

    def print_shown(self, kind: str) -> Batch | None:
        model = self.window.model
        if model is None or not model.total():
            return None
        return self.start(kind, query=model.query, count=model.total())

    def _selected(self) -> tuple[list[int] | None, int]:
        """(ids, count) of the selection; ids None when every row is selected
        (Ctrl+A over a million clients: the worker reads them, not the window)."""
        window = self.window
        if window.model is None:
            return [], 0
        rows = sorted((part.top(), part.bottom()) for part in window.ui.clientTable.selectionModel().selection())
        count, end = 0, -1
        for top, bottom in rows:
            if bottom > end:
                count += bottom - max(top, end + 1) + 1
                end = bottom
        if count and count == window.model.total():
            return None, count
        ids = window.selected_ids()
        return ids, len(ids)

    # -- running -------------------------------------------------------------------------------
    def start(
        self,
        kind: str,
        *,
        ids: list[int] | None = None,
        query: ContactQuery | None = None,
        count: int,
        code: str | None = None,
        parent: QWidget | None = None,
    ) -> Batch | None:
        """Ask first when big, then run the batch; None when it does not run."""
        window = self.window
        if self.session is None:
            return None
        if self.batch is not None:  # one at a time: show the one running
            self.batch.bring_up()
            return None
        parent = parent or window
        if count > BIG_BATCH and not confirm_big_batch(parent, kind, count):
            return None
        if ids is None:
            query = query or window.model.query
        name = (
            SHEET_NAME.format(code=_safe_code(code))
            if kind == SHEETS and code
            else (SHEETS_NAME if kind == SHEETS else CARDS_NAME)
        )
        try:
            batch = Batch(
                self.session.database,
                kind,
                ids=ids,
                query=query,
                count=count,
                today=self.session.today(),
                name=name,
                code=code,
                parent=parent,
                owner=self,
            )
        except OSError as exc:  # no temporary folder (disk full, no /tmp)
            messages.error(
                parent,
                _failure_title(kind),
                QCoreApplication.translate(
                    "PrintMenu", "The PDF could not be written in the temporary folder: %1."
                ).replace("%1", os_reason(exc)),
            )
            return None
        self.batch = batch
        batch.ended.connect(lambda outcome: self._ended(batch, outcome))
        batch.previewOpened.connect(self.previewOpened)
        self.update()
        self.batchStarted.emit(batch)
        batch.start()
        return batch

    def _ended(self, batch: Batch, outcome: str) -> None:
        if self.batch is batch:
            self.batch = None
        batch.deleteLater()  # its thread has ended; the preview lives on its own
        if outcome == "cancelled":
            self.window.ui.statusbar.showMessage(
                QCoreApplication.translate("PrintMenu", "Printing cancelled."), STATUS_TIMEOUT_MS
            )
        self.update()


def sheet_button(dialog: QWidget, buttons: QDialogButtonBox, contact_id: int, printing: Printing | None) -> QPushButton:
    """« Imprimer la fiche… » in a client sheet dialog: that client's sheet,
    printed the same way (enabled when the window's printing is given)."""
    # ResetRole only for where it goes: on the left in every platform's layout,
    # away from Save and Cancel (ActionRole lands between them on Windows).
    button = buttons.addButton(
        QCoreApplication.translate("PrintMenu", "Print the sheet…"), QDialogButtonBox.ButtonRole.ResetRole
    )
    button.setObjectName("printSheetButton")
    button.setAutoDefault(False)
    button.setToolTip(
        QCoreApplication.translate("PrintMenu", "This client's sheet as saved: preview, print, save as PDF")
    )
    button.setEnabled(printing is not None)
    if printing is not None:
        button.clicked.connect(lambda _checked=False: printing.print_client(contact_id, parent=dialog))
    return button


def estimated_pages(kind: str, count: int) -> int:
    """About how many pages `count` clients make (sheets are one page, or two
    for a long history; cards several to a page)."""
    if kind == CARDS:
        from crmdesk.reports import client_cards

        return math.ceil(count / client_cards.PER_PAGE)
    return count


def confirm_big_batch(parent: QWidget | None, kind: str, count: int) -> bool:
    """« 12 345 fiches vont être préparées (environ N pages). Continuer ? » (tests replace it)."""
    text = (
        QCoreApplication.translate("PrintMenu", "%1 client sheets will be prepared (about %2 pages). Continue?")
        if kind == SHEETS
        else QCoreApplication.translate("PrintMenu", "%1 client cards will be prepared (about %2 pages). Continue?")
    )
    text = text.replace("%1", labels.number(count)).replace("%2", labels.number(estimated_pages(kind, count)))
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("PrintMenu", "Print"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def _failure_title(kind: str) -> str:
    return (
        QCoreApplication.translate("PrintMenu", "Print client sheets")
        if kind == SHEETS
        else QCoreApplication.translate("PrintMenu", "Print client cards")
    )


def _safe_code(code: str) -> str:
    from crmdesk.reports.prints import file_name_for

    return file_name_for(code, set()).removesuffix(".pdf")


def _counted(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.replace("%1", labels.number(count))


def batch_title(kind: str, clients: int, pages: int, code: str | None = None) -> str:
    """« Fiches client (400 clients, 412 pages) », « Fiche client SB00007 (1 page) »."""
    page_text = _counted(
        pages, QCoreApplication.translate("PrintMenu", "1 page"), QCoreApplication.translate("PrintMenu", "%1 pages")
    )
    if kind == SHEETS and code and clients == 1:
        return (
            QCoreApplication.translate("PrintMenu", "Client sheet %1 (%2)").replace("%1", code).replace("%2", page_text)
        )
    client_text = _counted(
        clients,
        QCoreApplication.translate("PrintMenu", "1 client"),
        QCoreApplication.translate("PrintMenu", "%1 clients"),
    )
    title = (
        QCoreApplication.translate("PrintMenu", "Client sheets (%1, %2)")
        if kind == SHEETS
        else QCoreApplication.translate("PrintMenu", "Client cards (%1, %2)")
    )
    return title.replace("%1", client_text).replace("%2", page_text)


def _compute(
    database, kind: str, ids: list[int] | None, query: ContactQuery | None, out: Path, today: dt.date, job: Job
):
    """In the worker thread: its own read-only connection, the ids, the PDF."""
    from crmdesk.reports import prints

    with reader(database, job) as own:
        wanted = ids if ids is not None else ContactStore(own).ids(query)
        job.report(0, len(wanted))
        last = [time.monotonic()]

        def progress(done: int, total: int) -> None:
            job.check()  # a cancel stops the batch at the next client
            now = time.monotonic()
            if done >= total or now - last[0] >= PROGRESS_EVERY_S:
                last[0] = now
                job.report(done, total)

        try:
            if kind == SHEETS:
                return prints.print_sheets(own, wanted, out, today=today, progress=progress)
            return prints.print_cards(own, wanted, out, today=today, progress=progress)
        except OSError as exc:  # the disk filled up: said in words, not as « OSError : [Errno 28]… »
            raise CrmError(
                QCoreApplication.translate(
                    "PrintMenu", "The PDF could not be written in the temporary folder: %1."
                ).replace("%1", os_reason(exc))
            ) from None


class Batch(QObject):
    """One batch: the worker, its progress dialog, its temporary folder, then the preview."""

    previewOpened = Signal(object)  # the PdfPreviewDialog
    ended = Signal(str)  # "finished", "cancelled" or "failed"

    def __init__(
        self,
        database,
        kind: str,
        *,
        ids: list[int] | None,
        query: ContactQuery | None,
        count: int,
        today: dt.date,
        name: str,
        code: str | None,
        parent: QWidget,
        owner: QObject,
    ):
        super().__init__(owner)  # not the dialog: a thread must not die with a closed dialog
        self.kind, self.count, self.code, self.name = kind, count, code, name
        self.window = owner.window
        self.parent_widget: QWidget | None = parent
        self.folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        self.out = self.folder / name
        self.outcome: str | None = None
        self.task = Task(partial(_compute, database, kind, ids, query, self.out, today), self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)

        self.progress_dialog = QProgressDialog(parent)
        self.progress_dialog.setObjectName("printProgress")
        self.progress_dialog.setWindowTitle(
            QCoreApplication.translate("PrintMenu", "Client sheets")
            if kind == SHEETS
            else QCoreApplication.translate("PrintMenu", "Client cards")
        )
        self.progress_dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.progress_dialog.setAutoClose(False)
        self.progress_dialog.setAutoReset(False)
        self.progress_dialog.setMinimumWidth(360)
        self.progress_dialog.setRange(0, max(count, 1))
        self.progress_dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.progress_dialog.setLabelText(self._label(0, count))
        self.progress_dialog.canceled.connect(self.cancel)
        if parent is not self.window:
            parent.destroyed.connect(self._parent_gone)

    def _label(self, done: int, total: int) -> str:
        text = (
            QCoreApplication.translate("PrintMenu", "Preparing the client sheets… %1 / %2")
            if self.kind == SHEETS
            else QCoreApplication.translate("PrintMenu", "Preparing the client cards… %1 / %2")
        )
        return text.replace("%1", labels.number(done)).replace("%2", labels.number(total))

    def start(self) -> None:
        self.task.start()
        self.progress_dialog.setValue(0)  # starts the progress dialog's clock

    def bring_up(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.show()
            self.progress_dialog.raise_()

    def is_running(self) -> bool:
        return self.task.is_running()

    def cancel(self) -> None:
        """Ask the worker to stop; `ended("cancelled")` follows once it has."""
        self.task.cancel()
        if self.progress_dialog is not None and self.task.is_running():
            self.progress_dialog.setLabelText(QCoreApplication.translate("PrintMenu", "Cancelling…"))

    def abort(self) -> None:
        """The window closes: stop the worker now and remove what it wrote."""
        self.task.cancel()
        self.task.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- worker's news (GUI thread) --------------------------------------------------------------
    def _progress(self, done: int, total: int, _text: str) -> None:
        dialog = self.progress_dialog
        if dialog is None or self.task.job.cancelled:
            return
        if total and dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setLabelText(self._label(done, total or self.count))
        if done:
            dialog.setValue(min(done, dialog.maximum()))

    def _finished(self, result) -> None:
        self._close_progress()
        from crmdesk.gui.printing.pdf_preview import show_pdf

        title = batch_title(self.kind, result.clients, result.pages, self.code)
        parent = self.parent_widget or self.window
        preview = show_pdf(parent, result.path, title, self.name, temp_folder=self.folder)
        self._end("finished")
        self.previewOpened.emit(preview)

    def _failed(self, text: str) -> None:
        self._close_progress()
        shutil.rmtree(self.folder, ignore_errors=True)
        self._end("failed")
        messages.error(self.parent_widget or self.window, _failure_title(self.kind), text)

    def _cancelled(self) -> None:
        self._close_progress()
        shutil.rmtree(self.folder, ignore_errors=True)
        self._end("cancelled")

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        self.ended.emit(outcome)

    def _close_progress(self) -> None:
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.reset()  # stops its timer: it will not pop up later
            dialog.close()
            dialog.deleteLater()

    def _parent_gone(self, *_args) -> None:
        """The dialog the batch was started from was closed: its progress dialog went with it."""
        self.parent_widget = None
        self.progress_dialog = None
        self.task.cancel()
