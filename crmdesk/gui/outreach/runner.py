"""A batch of letters, labels or envelopes: made in a worker, previewed, then
recorded on the clients' history once it is printed or saved.

    job = PdfJob(dialog, window, compute, title=…, name="lettres.pdf", record=record)
    job.start()

`compute(own_database, progress) -> result` runs in a worker thread (worker.Task)
on a read-only connection of its own and writes the PDF at `job.out` (a
temporary folder the preview owns, removed when it closes); the progress
dialog shows « Préparation… 12 / 39 » with Cancel (a cancel leaves nothing).
The preview (crmdesk/gui/printing/pdf_preview.py) prints or saves it; the first time
it does, `record(result)` writes the batch on the clients' history (through
the window's own connection) — a preview closed without printing records
nothing.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.worker import Job, Task, reader
from crmdesk.store.reasons import os_reason

translate = QCoreApplication.translate  # texts in the context « PdfJob »

SHOW_PROGRESS_AFTER_MS = 400
PROGRESS_EVERY_S = 0.05
TEMP_PREFIX = "crmdesk-outreach-"


class PdfJob(QObject):
    previewOpened = Signal(object)  # the PdfPreviewDialog
    recorded = Signal(int)  # the batch id, once printed or saved
    ended = Signal(str)  # "finished", "cancelled" or "failed"

    def __init__(
        self,
        parent: QWidget,
        window,
        compute: Callable[[Any, Callable[[int, int], None]], Any],
        *,
        title: Callable[[Any], str],
        name: str,
        count: int,
        record: Callable[[Any], int | None] | None = None,
    ):
        super().__init__(window)  # not the dialog: the thread outlives a closed dialog
        self.parent_widget, self.window, self.name, self.count = parent, window, name, count
        self.title, self.record_batch = title, record
        self.folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        self.out = self.folder / name
        self.result = None
        self.preview = None
        self.batch_id: int | None = None
        self.outcome: str | None = None
        self.task = Task(lambda job: self._compute(compute, job), self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.progress = QProgressDialog(parent)
        self.progress.setObjectName("outreachProgress")
        self.progress.setWindowTitle(translate("PdfJob", "Preparing"))
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(360)
        self.progress.setRange(0, max(count, 1))
        self.progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.progress.setLabelText(self._label(0, count))
        self.progress.canceled.connect(self.cancel)
        if parent is not window:
            parent.destroyed.connect(self._parent_gone)

    def _parent_gone(self, *_args) -> None:
        """The dialog the batch was started from is gone, and its progress dialog with it."""
        self.parent_widget = None
        self.progress = None
        self.task.cancel()

    def _compute(self, compute, job: Job):
        with reader(self.window.database, job) as own:
            last = [time.monotonic()]

            def progress(done: int, total: int) -> None:
                job.check()
                now = time.monotonic()
                if done >= total or now - last[0] >= PROGRESS_EVERY_S:
                    last[0] = now
                    job.report(done, total)

            try:
                return compute(own, self.out, progress)
            except OSError as exc:
                raise CrmError(
                    translate("PdfJob", "The PDF could not be written in the temporary folder: %1.").replace(
                        "%1", os_reason(exc)
                    )
                ) from None

    def _label(self, done: int, total: int) -> str:
        return (
            translate("PdfJob", "Preparing… %1 / %2")
            .replace("%1", labels.number(done))
            .replace("%2", labels.number(total))
        )

    def start(self) -> PdfJob:
        self.task.start()
        self.progress.setValue(0)
        return self

    def is_running(self) -> bool:
        return self.task.is_running()

    def cancel(self) -> None:
        self.task.cancel()

    def abort(self) -> None:
        self.task.cancel()
        self.task.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _progress(self, done: int, total: int, _text: str) -> None:
        if self.progress is None or self.task.job.cancelled:
            return
        if total and self.progress.maximum() != total:
            self.progress.setMaximum(total)
        self.progress.setLabelText(self._label(done, total or self.count))
        if done:
            self.progress.setValue(min(done, self.progress.maximum()))

    def _finished(self, result) -> None:
        from crmdesk.gui.printing.pdf_preview import show_pdf

        self._close_progress()
        self.result = result
        self.preview = show_pdf(
            self.parent_widget or self.window, self.out, self.title(result), self.name, temp_folder=self.folder
        )
        self.preview.printed.connect(self._record)
        self.preview.saved.connect(lambda _path: self._record())
        self._end("finished")
        self.previewOpened.emit(self.preview)

    def _record(self) -> None:
        """Printed or saved: the batch goes on the clients' history (once)."""
        if self.batch_id is not None or self.record_batch is None:
            return
        try:
            self.batch_id = self.record_batch(self.result)
        except CrmError as exc:
            messages.error(self.preview, translate("PdfJob", "Mailing history"), str(exc))
            return
        if self.batch_id is not None:
            self.recorded.emit(self.batch_id)

    def _failed(self, text: str) -> None:
        self._close_progress()
        shutil.rmtree(self.folder, ignore_errors=True)
        self._end("failed")
        messages.error(self.parent_widget or self.window, translate("PdfJob", "Preparing"), text)

    def _cancelled(self) -> None:
        self._close_progress()
        shutil.rmtree(self.folder, ignore_errors=True)
        self._end("cancelled")

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        self.ended.emit(outcome)

    def _close_progress(self) -> None:
        dialog, self.progress = self.progress, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
