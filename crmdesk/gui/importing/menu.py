"""File › Import… (Ctrl+I) and File › Import history…: the menu entries of the import wizard
and of the import history.

Kept apart from crmdesk/gui/importing/wizard.py so that the main window does
not load the import pipeline (phonenumbers, openpyxl…) at start-up: the
wizard is imported when the entry is first used.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from crmdesk.gui.common.actions import bring_up, keep_dialog
from crmdesk.gui.feature import Feature


class ImportingFeature(Feature):
    dialogs = ("history_dialog",)  # another file: the list shown is stale

    def __init__(self, window, *, before_wizard: QMenu):
        super().__init__(window)
        self.wizard = None
        menu = window.ui.menuFile
        self.wizard_action = self.action(
            menu,
            "actionImportWizard",
            QCoreApplication.translate("ImportWizard", "&Import…"),
            QCoreApplication.translate(
                "ImportWizard", "Import clients, orders or survey answers from a CSV, Excel or OpenDocument file"
            ),
            self.show_wizard,
            before=before_wizard.menuAction(),
        )
        self.wizard_action.setShortcut(QKeySequence("Ctrl+I"))
        entries = menu.actions()
        after_recent = entries.index(window.ui.menuRecent.menuAction()) + 1
        self.history_action = self.action(
            menu,
            "actionImportHistory",
            QCoreApplication.translate("ImportHistory", "Import &history…"),
            QCoreApplication.translate("ImportHistory", "The imports made into this file, and undoing one of them"),
            self.show_history,
            before=entries[after_recent] if after_recent < len(entries) else None,
        )
        self.follow_menu(menu)

    def show_wizard(self):
        """Open the wizard (window-modal) on the open client file."""
        if self.session is None:
            return None
        from crmdesk.gui.importing.wizard import ImportWizard

        wizard = keep_dialog(self, "wizard", ImportWizard(self.window))
        wizard.open()
        return wizard

    def show_history(self):
        """Open (or bring up) the import history of the open file."""
        if self.session is None:
            return None
        if self.history_dialog is None:
            from crmdesk.gui.importing.history import ImportHistoryDialog

            keep_dialog(self, "history_dialog", ImportHistoryDialog(self.session, self.window, on_undone=self.undone))
        return bring_up(self.history_dialog)

    def undone(self) -> None:
        """An import was undone (or contacts erased): the window shows the file as it is now."""
        window = self.window
        window.undo_stack.clear()
        self.session.forget("orders")  # reps, products, categories may be gone (window.orders follows)
        window._fill_filter_lists()  # cities and tags the import brought may be gone
        window.analysis.figures_saved()  # client table, count, selection; the dashboard
