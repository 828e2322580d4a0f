"""File › Check the file…: `crmdesk check` from the window, and its `--repair`.

    FileFeature(window, after=…)        # file/menu.py: File › Check the file…

The report (SQLite's integrity, references between tables, text that is not
UTF-8 named cell by cell, schema version) is computed by a worker on a
read-only connection of its own, so the window goes on; closing the dialog
stops it. When unreadable text is the only problem and the file may be
written, « Repair the unreadable texts » takes a verified backup (in the
worker), then rewrites the cells as the window shows them, in one
transaction on the window's connection, and checks again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QPushButton, QVBoxLayout

from crmdesk.gui.common import messages
from crmdesk.gui.common.worker import Job, Recomputing
from crmdesk.store import backups, maintenance, text_cells
from crmdesk.store.database import Database


def _check(path, job: Job) -> maintenance.CheckReport:
    return maintenance.check(path, stop=lambda: job.cancelled)


def _prepare_repair(path, job: Job) -> list[text_cells.BadText]:
    """In the worker: a verified backup, then the cells to rewrite (read on a connection of its own)."""
    backups.automatic(path, "reparation")
    database = Database(path, writer=False)
    try:
        with job.watch(database.conn):
            return list(text_cells.iter_bad(database.conn, job.check))
    finally:
        database.close()


class FileCheckDialog(Recomputing, QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("FileCheckDialog")
        self.window_ = window
        self.path = window.database.path
        self.report: maintenance.CheckReport | None = None
        self.setWindowTitle(self.tr("Check « %1 »").replace("%1", self.path.name))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(self._bar())
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reportText")
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.repair_button = QPushButton(self.tr("&Repair the unreadable texts"), self)
        self.repair_button.setObjectName("repairButton")
        self.repair_button.setToolTip(
            self.tr(
                "Each unreadable byte becomes « \ufffd », as shown, in one go, after "
                "a backup; then correct these values by hand"
            )
        )
        self.repair_button.clicked.connect(self.repair)
        buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update()
        self.refresh()

    def refresh(self) -> None:
        if self._busy():
            return
        self.report = None
        self.text.setPlainText(self.tr("Checking every page of the file…"))
        self._update()
        path = self.path
        self._run(lambda job: _check(path, job), self._show)

    def _show(self, report: maintenance.CheckReport) -> None:
        self.report = report
        self.text.setPlainText(report.text())
        self._update()

    def _update(self) -> None:
        repairable = self.report is not None and self.report.repairable
        self.repair_button.setVisible(repairable)
        self.repair_button.setEnabled(repairable and self.window_.writable and not self._running())

    def _running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def repair(self) -> None:
        """Backup and cells in the worker; the rewrite on the window's connection, then a new check."""
        if self._busy() or not self.window_.writable or self.window_.database.path != self.path:
            return
        self.repair_button.setEnabled(False)
        path = self.path
        self._run(lambda job: _prepare_repair(path, job), self._rewrite)

    def _rewrite(self, cells: list[text_cells.BadText]) -> None:
        window = self.window_
        try:
            maintenance.rewrite(window.database, cells)
        except Exception as exc:  # noqa: BLE001 - a CrmError or a SQLite refusal, told in a message
            messages.error(self, self.windowTitle(), str(exc))
            return
        window._changed(sorted({c.key[0] for c in cells if c.table == "contacts"}))
        window.statusBar().showMessage(
            self.tr("%1 unreadable texts rewritten (a backup was made before).").replace("%1", str(len(cells))), 10000
        )
        self._again = True  # check again once this task is over

    def _done(self) -> None:
        super()._done()
        self._update()
