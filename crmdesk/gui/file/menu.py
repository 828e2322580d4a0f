"""The File menu's entries about the client file itself: Restore a backup…, Check the file…;
Connect to a server… (gui/server/connect_dialog.py).

Each dialog is one at a time, not modal, closed when another file opens (the list or the
report shown would be stale).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from crmdesk.gui.common.actions import bring_up, keep_dialog, menu_action
from crmdesk.gui.feature import Feature


class FileFeature(Feature):
    dialogs = ("restore_dialog", "check_dialog")

    def __init__(self, window, *, after: QAction):
        super().__init__(window)
        menu = window.ui.menuFile
        entries = menu.actions()
        at = entries.index(after) + 1
        before = entries[at] if at < len(entries) else None
        self.restore_action = self.action(
            menu,
            "actionRestoreBackup",
            QCoreApplication.translate("RestoreDialog", "Res&tore a backup…"),
            QCoreApplication.translate("RestoreDialog", "Put back the client file as it was in one of its backups"),
            self.show_restore,
            before=before,
        )
        self.check_action = self.action(
            menu,
            "actionCheckFile",
            QCoreApplication.translate("FileCheckDialog", "Chec&k the file…"),
            QCoreApplication.translate(
                "FileCheckDialog", "Check the client file for damage and unreadable text, and repair the text"
            ),
            self.show_check,
            before=before,
        )
        self.follow_menu(menu)
        self.connect_action = menu_action(  # with or without a file open
            menu,
            window,
            "actionConnectServer",
            QCoreApplication.translate("ConnectDialog", "Connect to a &server…"),
            QCoreApplication.translate(
                "ConnectDialog", "Open the client file shared by several PCs on a PostgreSQL server"
            ),
            self.show_connect,
            before=window.ui.menuRecent.menuAction(),
        )

    def enable(self, *_args) -> None:
        """On a server, the file's backups and page check do not apply: the server keeps its own pages,
        pg_dump backs it up (crmdesk backup --db URL)."""
        super().enable()
        from crmdesk.gui.server import is_server

        on_server = self.session is not None and is_server(self.session.database)
        tip = QCoreApplication.translate(
            "ConnectDialog",
            "On a server, backups and checks are the server's: crmdesk backup, restore and check --db URL.",
        )
        for action in (self.restore_action, self.check_action):
            if on_server:
                action.setEnabled(False)
            action.setToolTip(tip if on_server else "")

    def show_connect(self):
        from crmdesk.gui.server import connect_dialog

        return connect_dialog.show(self.window)

    def show_restore(self):
        if self.session is None:
            return None
        if self.restore_dialog is None:
            from crmdesk.gui.file.restore_dialog import RestoreDialog, restore_into

            window = self.window
            keep_dialog(
                self,
                "restore_dialog",
                RestoreDialog(self.session.path, window, restore=lambda backup: restore_into(window, backup)),
            )
        return bring_up(self.restore_dialog)

    def show_check(self):
        if self.session is None:
            return None
        if self.check_dialog is None:
            from crmdesk.gui.file.file_check import FileCheckDialog

            keep_dialog(self, "check_dialog", FileCheckDialog(self.window))
        return bring_up(self.check_dialog)
