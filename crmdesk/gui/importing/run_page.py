"""The pages of the import wizard that run the import in a worker (check, import), with Cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWizardPage

from crmdesk.gui.common.worker import Job, Task
from crmdesk.gui.importing.page_parts import page_error_label
from crmdesk.gui.importing.run import Outcome, run_import

if TYPE_CHECKING:  # the wizard imports its pages
    from crmdesk.gui.importing.wizard import ImportWizard


class RunPage(QWizardPage):
    """A page running one import (dry or real) in a worker, with a progress bar and Cancel."""

    dry_run = True

    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.task: Task | None = None
        self.outcome: Outcome | None = None
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progress")
        self.bar.setRange(0, 0)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.cancel = QPushButton(QCoreApplication.translate("ImportWizard", "Cancel"), self)
        self.cancel.setObjectName("cancel")
        self.cancel.clicked.connect(self.stop)
        self.error = page_error_label(self)
        self.error.setObjectName("error")
        top = QHBoxLayout()
        top.addWidget(self.bar, 1)
        top.addWidget(self.cancel)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.error)

    def start(self) -> None:
        wiz = self.wiz
        self.outcome = None
        self.error.clear()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        kind, path, mapping, sheet, update = wiz.kind, wiz.path, wiz.mapping, wiz.sheet, wiz.update
        database = wiz.window.database
        if self.dry_run:
            from crmdesk.store.imports import preview
            from crmdesk.store.maintenance import scratch_copy
            from crmdesk.store.server import on_server

            db_path = database.path
            # a copy of the file; on a server, the base itself in a transaction rolled back
            rehearsal = database.rehearsal if on_server(database) else lambda: scratch_copy(db_path)
            policy = "keep" if wiz.find_duplicates else None

            def work(job: Job) -> Outcome:
                with rehearsal() as scratch:
                    outcome = run_import(scratch, job, kind, path, mapping, sheet, update, duplicates=policy)
                    if outcome.result.batch_id is not None:
                        outcome.preview = preview(scratch, outcome.result.batch_id, kind)
                    return outcome
        else:
            decisions = wiz.check_page.duplicates.decisions() if kind == "clients" else None

            def work(job: Job) -> Outcome:
                return run_import(database, job, kind, path, mapping, sheet, update, decisions=decisions)

        self.task = Task(work, self)
        if not self.dry_run:  # it writes on the window's connection: timer-driven reads wait for its end
            wiz.window.session.writing(self.task)
        self.task.progress.connect(lambda _done, _total, text: self.status.setText(text))
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.task.done.connect(self._done)
        self.status.setText(self.running_text())
        self.completeChanged.emit()
        self.task.start()

    def running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def stop(self) -> None:
        if self.running():
            self.cancel.setEnabled(False)
            self.status.setText(QCoreApplication.translate("ImportWizard", "Cancelling…"))
            self.task.cancel()

    def _done(self) -> None:
        self.bar.hide()
        self.cancel.hide()
        self.completeChanged.emit()
        self.wiz.taskDone.emit()

    def _failed(self, text: str) -> None:
        self.status.clear()
        self.error.setText(text)

    def _finished(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.show_outcome(outcome)

    def isComplete(self) -> bool:
        return not self.running() and self.outcome is not None

    def cleanupPage(self) -> None:  # Back
        self.stop()
        if self.task is not None:
            self.task.wait()
