"""File › Restore a backup…: the backups of the open client file (date,
reason, size, client count), and putting one back in its place.

    FileFeature(window, after=…)          # file/menu.py: File › Restore a backup…

The list is read in a worker thread (each backup is opened to count its
clients). Restoring asks for confirmation (`confirm`, which tests patch),
then, under a wait cursor: the window lets go of the file, the backup
replaces it (crmdesk.store.backups.restore: the backup is checked, the
current file backed up first, the replacement atomic), and the file is
opened again; its Ctrl+Z history is emptied, as for any file opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.messages import confirm  # by name: tests patch it here
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.common.worker import Job, Recomputing
from crmdesk.store import backups


def restore_into(window, backup: Path) -> backups.Restored | None:
    """Replace the window's file by `backup` and show it; None (the user was
    told why) when refused: the file is then opened again as it was."""
    path = window.database.path
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        window.backup_hooks.wait()  # no backup of the file under way while it is replaced
        window._close_database()  # lets go of the file and its writer lock
        try:
            done = backups.restore(backup, path)
        except CrmError as exc:
            error = str(exc)
            done = None
    finally:
        QApplication.restoreOverrideCursor()
    reopened = window.open_file(path)
    if done is None:
        messages.error(window, QCoreApplication.translate("RestoreDialog", "Restore a backup"), error)
    elif reopened:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "RestoreDialog", "Backup restored; the replaced file was backed up in %1."
            ).replace("%1", done.safety.name if done.safety else str(done.set_aside)),
            10000,
        )
    return done


def when_text(backup: backups.BackupInfo) -> str:
    """« 23/11/2026 09:15 »."""
    return labels.moment(backup.when)


def reason_label(reason: str) -> str:
    return {
        "quotidienne": QCoreApplication.translate("RestoreDialog", "Daily"),
        "ouverture": QCoreApplication.translate("RestoreDialog", "On opening"),
        "fermeture": QCoreApplication.translate("RestoreDialog", "On closing"),
        "import": QCoreApplication.translate("RestoreDialog", "Before an import"),
        "fusion": QCoreApplication.translate("RestoreDialog", "Before a merge"),
        "purge": QCoreApplication.translate("RestoreDialog", "Before a purge"),
        "periodique": QCoreApplication.translate("RestoreDialog", "While editing"),
        "restauration": QCoreApplication.translate("RestoreDialog", "Before a restore"),
        "manuelle": QCoreApplication.translate("RestoreDialog", "Manual"),
        "migration": QCoreApplication.translate("RestoreDialog", "Before an update"),
    }.get(reason, reason)


class BackupTableModel(ReadOnlyTableModel):
    """Backups, newest first: date, reason, size (« 12,3 Mo »), clients."""

    DATE, REASON, SIZE, CLIENTS = range(4)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers = (self.tr("Date"), self.tr("Made"), self.tr("Size"), self.tr("Clients"))

    def cell(self, backup: backups.BackupInfo, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return when_text(backup)
            if column == self.REASON:
                return reason_label(backup.reason)
            if column == self.SIZE:
                return backups.format_size(backup.size)
            if not backup.complete:
                return self.tr("incomplete")
            return self.tr("unreadable") if backup.clients is None else labels.number(backup.clients)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SIZE, self.CLIENTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        return None


class RestoreDialog(Recomputing, QDialog):
    """The backups of `path`; « Restore… » calls `restore(backup_path)`."""

    def __init__(self, path: Path, parent=None, *, restore=None):
        super().__init__(parent)
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.path = Path(path)
        self.restore = restore or (lambda backup: None)
        self.model = BackupTableModel(self)

        self.info = QLabel(self)
        self.info.setObjectName("restoreInfo")
        self.info.setWordWrap(True)
        self.info.setText(
            self.tr(
                "Backups of « %1 » (folder « %2 »), newest first. Restoring one replaces the "
                "file; the file as it is now is backed up first."
            )
            .replace("%1", self.path.name)
            .replace("%2", str(backups.folder_of(self.path)))
        )
        self.table = read_only_table(self, self.model, "backupTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupTableModel.REASON, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.policy = QLabel(self.tr("Which backups are kept: %1").replace("%1", backups.policy_text()), self)
        self.policy.setObjectName("backupPolicy")
        self.policy.setWordWrap(True)
        self.empty = QLabel(self.tr("No backup of this file yet."), self)
        self.empty.setObjectName("noBackupLabel")
        self.empty.hide()
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self._bar())
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(self.policy)
        layout.addWidget(self.buttons)
        self.resize(620, 380)
        self._update()
        self.refresh()

    def refresh(self) -> None:
        if self._busy():
            return
        path = self.path

        def compute(job: Job) -> list[backups.BackupInfo]:
            job.check()
            return backups.list_backups(path)

        self._run(compute, self._show)

    def _show(self, rows: list[backups.BackupInfo]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._update()

    def selected(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _update(self, *_args) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        if not backup.complete:
            messages.error(
                self,
                self.tr("Restore a backup"),
                self.tr(
                    "This backup is incomplete or unreadable (an empty or cut file): it cannot be restored. "
                    "Choose another one."
                ),
            )
            return
        clients = self.tr("unreadable") if backup.clients is None else labels.number(backup.clients)
        text = (
            self.tr(
                "Replace « %1 » by its backup of %2 (%3 clients)?\n\nThe file as it is now is backed up "
                "first: this can be undone by restoring that backup."
            )
            .replace("%1", self.path.name)
            .replace("%2", when_text(backup))
            .replace("%3", clients)
        )
        if not confirm(self, self.tr("Restore a backup"), text):
            return
        if self.restore(backup.path) is not None:
            self.close()

    def closeEvent(self, event) -> None:
        if self.task is not None:  # the thread must not outlive the dialog
            self.task.cancel()
            self.task.wait()
        super().closeEvent(event)
