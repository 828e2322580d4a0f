"""A damaged client file, whichever way it is opened (rules: crmdesk/store/recovery.py).

    error = damaged_file.recover(window, path, exc)   # MainWindow._try_open, on DamagedFile or NotCrmdeskFile

Start-up, File › Open, the recent files and the command line all open
through MainWindow._try_open, whose Database checks the file first
(crmdesk/store/health.py); a big file is checked in the background
(crmdesk/gui/file/file_state.py), which ends here too when it finds damage.
The damaged file is never opened for writing: it is set aside (renamed,
never deleted) when it can be, and its latest good backup is offered:
« Restore » puts that backup in its place, then the file opens as usual.
Declined, or without a backup, no file is opened and the caller says so
(at start-up: open another file, or quit).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels, messages
from crmdesk.store import backups, recovery
from crmdesk.store.errors import DamagedFile, NotCrmdeskFile


class Told(CrmError):
    """An opening that failed and that the user was already told about (no second message)."""


def recover(window, path: Path, error: DamagedFile | NotCrmdeskFile) -> CrmError | None:
    """Set the damaged file aside, offer its latest good backup, restore and open
    it when asked. None when the restored file is open; else an error the user
    has already read (Told), or `error` itself when a file that is not a client
    file is not a damaged one either (no backup of it: another program's file)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        reason = error.reason if isinstance(error, DamagedFile) else recovery.diagnose(path)
        damage = recovery.recover(path, reason) if reason else None
    finally:
        QApplication.restoreOverrideCursor()
    if damage is None:
        return error
    if not DamagedFileDialog.ask(window, damage) or damage.backup is None:
        return Told(str(error))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        backups.restore(damage.backup.path, damage.path)
    except CrmError as exc:
        QApplication.restoreOverrideCursor()
        messages.error(window, DamagedFileDialog.title(), str(exc))
        return Told(str(exc))
    QApplication.restoreOverrideCursor()
    return window._try_open(damage.path)


class DamagedFileDialog(QMessageBox):
    """« The file … is damaged; it was set aside as …; restore the latest good backup, of …? »"""

    def __init__(self, damage: recovery.Damage, parent: QWidget | None = None):
        super().__init__(QMessageBox.Icon.Warning, self.title(), "", QMessageBox.StandardButton.NoButton, parent)
        self.setObjectName("DamagedFileDialog")
        self.damage = damage
        text = (
            self.tr("The client file « %1 » is damaged: %2.")
            .replace("%1", damage.path.name)
            .replace("%2", damage.reason)
        )
        if damage.set_aside is not None:
            text += "\n\n" + self.tr("It has been set aside, untouched, as « %1 ».").replace(
                "%1", damage.set_aside.name
            )
        else:
            text += "\n\n" + self.tr(
                "It was not opened, and was left untouched where it is (it could not be "
                "renamed: open in another program, or on read-only media)."
            )
        backup = damage.backup
        if backup is None:
            self.setText(
                text
                + "\n\n"
                + self.tr(
                    "No good backup of it was found: open another file, or get help "
                    "(the damaged file may still be repaired)."
                )
            )
            self.restore_button = None
            self.addButton(QMessageBox.StandardButton.Ok)
            return
        clients = self.tr("unreadable") if backup.clients is None else labels.number(backup.clients)
        self.setText(
            text
            + "\n\n"
            + self.tr("Restore its latest good backup, of %1 (%2 clients)?")
            .replace("%1", labels.moment(backup.when))
            .replace("%2", clients)
        )
        self.setInformativeText(str(backup.path))
        self.restore_button = self.addButton(self.tr("&Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
        self.addButton(self.tr("&Do not restore"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button)

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("DamagedFileDialog", "Damaged client file")

    def accepted_restore(self) -> bool:
        return self.restore_button is not None and self.clickedButton() is self.restore_button

    @classmethod
    def ask(cls, parent: QWidget | None, damage: recovery.Damage) -> bool:
        """Show the dialog; True when the user chose to restore the backup (tests patch this)."""
        dialog = cls(damage, parent)
        dialog.exec()
        return dialog.accepted_restore()
