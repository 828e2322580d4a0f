"""A damaged client file at start-up (rules: crmdesk/store/recovery.py).

    from crmdesk.gui import damaged_file
    path = damaged_file.check_at_start_up(window, path, default_file())   # in app.run, before open_first

The file that would be opened (the one named, else the last one) is
checked; when damaged it has already been set aside (renamed, never
deleted) when the user is told, and is offered its latest good backup:
« Restore » puts that backup in its place, then the file opens as usual.
Declined, or without a backup, the file is missing and the usual start-up
message offers to open another file or to quit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.gui import labels, messages
from crmdesk.gui.restore_dialog import when_text
from crmdesk.store import backups, recovery


def check_at_start_up(window, path: Path | None, default: Path) -> Path | None:
    """The path to give window.open_first: `path` unchanged when there is
    nothing to do, the damaged file's path when it was set aside."""
    target = Path(path) if path is not None else window.settings.last_file()
    if target is None or not target.exists():
        return path
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        damage = recovery.recover_at_start(target)
    finally:
        QApplication.restoreOverrideCursor()
    if damage is None:
        return path
    if DamagedFileDialog.ask(window, damage) and damage.backup is not None:
        try:
            backups.restore(damage.backup.path, damage.path)
        except CrmError as exc:
            messages.error(window, DamagedFileDialog.title(), str(exc))
    return damage.path


class DamagedFileDialog(QMessageBox):
    """« The file … is damaged; it was set aside as …; restore the latest good backup, of …? »"""

    def __init__(self, damage: recovery.Damage, parent: QWidget | None = None):
        super().__init__(QMessageBox.Icon.Warning, self.title(), "", QMessageBox.StandardButton.NoButton, parent)
        self.setObjectName("DamagedFileDialog")
        self.damage = damage
        text = (self.tr("The client file « %1 » is damaged: %2.\n\nIt has been set aside, untouched, as « %3 ».")
                .replace("%1", damage.path.name).replace("%2", damage.reason).replace("%3", damage.set_aside.name))
        backup = damage.backup
        if backup is None:
            self.setText(text + "\n\n" + self.tr("No good backup of it was found: open another file, or get help "
                                                 "(the damaged file may still be repaired)."))
            self.restore_button = None
            self.addButton(QMessageBox.StandardButton.Ok)
            return
        clients = self.tr("unreadable") if backup.clients is None else labels.number(backup.clients)
        self.setText(text + "\n\n" + self.tr("Restore its latest good backup, of %1 (%2 clients)?")
                     .replace("%1", when_text(backup)).replace("%2", clients))
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
