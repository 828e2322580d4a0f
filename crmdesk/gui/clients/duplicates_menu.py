"""Édition › Rechercher les doublons… in the main window.

    from crmdesk.gui import duplicates_menu
    duplicates_menu.install(window)      # once, in MainWindow.__init__

The find dialog (duplicates_dialog.FindDuplicatesDialog) is not modal, one
at a time, closed when another file opens. Its merges go through the
window's undo stack (MergeContacts): Ctrl+Z undoes a merge.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication

from crmdesk.domain.contact import display_name
from crmdesk.gui.common.actions import database_enabler, follow_file, menu_action, show_dialog


def install(window) -> SimpleNamespace:
    """Add the action to the Edit menu of `window` (a MainWindow); returns the
    parts (also kept as `window.duplicates`)."""
    if getattr(window, "duplicates", None) is not None:
        return window.duplicates
    parts = SimpleNamespace(find_dialog=None)
    window.duplicates = parts
    menu = window.ui.menuEdit
    menu.addSeparator()
    parts.find_action = menu_action(
        menu, window, "actionFindDuplicates", QCoreApplication.translate("DuplicatesMenu", "Find dup&licates…"),
        QCoreApplication.translate("DuplicatesMenu", "Clients typed or imported twice: compare, merge or keep both"),
        lambda: show_find(window))
    enable = database_enabler(window, (parts.find_action,))

    follow_file(window, menu, enable, parts, ("find_dialog",))
    return parts


def show_find(window):
    """The find dialog of the open file (None without a file)."""
    def make():
        from crmdesk.gui.clients.duplicates_dialog import FindDuplicatesDialog

        return FindDuplicatesDialog(
            window.database, lambda keep, other, choices: merge(window, keep, other, choices), window)

    return show_dialog(window, window.duplicates, "find_dialog", make)


def merge(window, keep_id: int, other_id: int, choices: dict) -> bool:
    """Merge through the window's undo stack; a refusal is told in a message box."""
    from crmdesk.gui.clients.duplicates_dialog import MergeContacts
    from crmdesk.gui.file import backups as backup_hooks
    from crmdesk.store.duplicates import DuplicateStore

    if not backup_hooks.before(window, "fusion"):
        return False
    store = DuplicateStore(window.database)
    kept, merged = store.contacts.get(keep_id), store.contacts.get(other_id)
    text = (QCoreApplication.translate("DuplicatesMenu", "Merge %1 into %2")
            .replace("%1", display_name(merged) if merged else "").replace("%2", display_name(kept) if kept else ""))
    command = MergeContacts(store, keep_id, other_id, choices, text, window._changed, window._failed)
    if not window._perform(command, QCoreApplication.translate("DuplicatesMenu", "Merge")):
        return False
    window.ui.statusbar.showMessage(
        QCoreApplication.translate("DuplicatesMenu", "Clients merged (Ctrl+Z to undo)."), 8000)
    return True
