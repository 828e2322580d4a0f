"""Pieces shared by the cohort view and the pivot export dialog: a progress
row with « Stop » for one worker task at a time, and the question « where to
write the table » (CSV or XLSX)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QProgressBar, QPushButton, QWidget

from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.worker import Job, Task
from crmdesk.gui.file import folders


class TaskRow(QWidget):
    """A progress bar and « Stop », shown while a task runs (hidden otherwise).

    run(compute, finished) starts compute(job) in a worker thread; its
    job.report(done, total) moves the bar (total 0: rows read, busy bar);
    finished(result) is called in the GUI thread when it ends well; a
    failure is shown in a message box; « Stop » cancels.
    """

    ended = Signal()  # after any outcome (finished, failed, cancelled)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.task: Task | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progress")
        self.bar.setTextVisible(True)
        self.stop_button = QPushButton(self.tr("S&top"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.clicked.connect(self.cancel)
        row.addWidget(self.bar, 1)
        row.addWidget(self.stop_button)
        self.hide()

    def running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def run(self, compute: Callable[[Job], Any], finished: Callable[[Any], None]) -> None:
        self.bar.setRange(0, 0)
        self.bar.setFormat("")
        self.show()
        self.task = Task(compute, self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(finished)
        self.task.failed.connect(lambda text: messages.error(self.window(), self.window().windowTitle(), text))
        self.task.done.connect(self._done)
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def stop_and_wait(self) -> None:
        """Cancel and join the running task (its dialog is closing)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait()

    def _progress(self, done: int, total: int, _text: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(
                self.tr("%1 / %2 rows written").replace("%1", labels.number(done)).replace("%2", labels.number(total))
            )
        else:
            self.bar.setRange(0, 0)
            self.bar.setFormat(self.tr("%1 rows read").replace("%1", labels.number(done)))

    def _done(self) -> None:
        self.hide()
        self.ended.emit()


def ask_table_path(parent: QWidget, title: str, name: str) -> tuple[Path, str] | None:
    """(path, « csv » or « xlsx ») chosen in a save dialog opening on the documents
    folder with `name` (without its extension) suggested; None when cancelled."""
    chosen, kind = QFileDialog.getSaveFileName(
        parent,
        title,
        folders.in_documents(f"{name}.xlsx"),
        QCoreApplication.translate("TableExport", "Excel workbook (*.xlsx);;CSV for Excel (*.csv)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    fmt = "csv" if path.suffix.lower() == ".csv" or (path.suffix.lower() != ".xlsx" and "csv" in kind) else "xlsx"
    if path.suffix.lower() not in (".csv", ".xlsx"):
        path = path.with_name(f"{path.name}.{fmt}")
    return path, fmt
