"""Édition › Rechercher les doublons… in the main window.

    DuplicatesFeature(window)      # in MainWindow's list of features

The find dialog (duplicates_dialog.FindDuplicatesDialog) is not modal, one
at a time, closed when another file opens. Its merges go through the
window's undo stack (MergeContacts): Ctrl+Z undoes a merge.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crmdesk.domain.contact import display_name
from crmdesk.gui.feature import Feature


class DuplicatesFeature(Feature):
    dialogs = ("find_dialog",)

    def __init__(self, window):
        super().__init__(window)
        menu = window.ui.menuEdit
        menu.addSeparator()
        self.find_action = self.action(
            menu,
            "actionFindDuplicates",
            QCoreApplication.translate("DuplicatesMenu", "Find dup&licates…"),
            QCoreApplication.translate(
                "DuplicatesMenu", "Clients typed or imported twice: compare, merge or keep both"
            ),
            self.show_find,
        )
        self.follow_menu(menu)

    def show_find(self):
        """The find dialog of the open file (None without a file)."""

        def make():
            from crmdesk.gui.clients.duplicates_dialog import FindDuplicatesDialog

            return FindDuplicatesDialog(self.session, self.merge, self.window)

        return self.show_dialog("find_dialog", make)

    def merge(self, keep_id: int, other_id: int, choices: dict) -> bool:
        """Merge through the undo stack; a refusal is told in a message box."""
        from crmdesk.gui.clients.duplicates_dialog import MergeContacts
        from crmdesk.gui.file import backups as backup_hooks

        window, session = self.window, self.session
        if not backup_hooks.before(window, "fusion"):
            return False
        store = session.duplicates
        kept, merged = store.contacts.get(keep_id), store.contacts.get(other_id)
        text = (
            QCoreApplication.translate("DuplicatesMenu", "Merge %1 into %2")
            .replace("%1", display_name(merged) if merged else "")
            .replace("%2", display_name(kept) if kept else "")
        )
        command = MergeContacts(
            store, keep_id, other_id, choices, text, session.contacts_changed, session.replay_failed
        )
        if not window._perform(command, QCoreApplication.translate("DuplicatesMenu", "Merge")):
            return False
        window.ui.statusbar.showMessage(
            QCoreApplication.translate("DuplicatesMenu", "Clients merged (Ctrl+Z to undo)."), 8000
        )
        return True
