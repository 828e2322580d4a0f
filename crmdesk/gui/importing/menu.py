"""File › Import… (Ctrl+I): the menu entry of the import wizard.

Kept apart from crmdesk/gui/importing/wizard.py so that the main window does
not load the import pipeline (phonenumbers, openpyxl…) at start-up: the
wizard is imported when the entry is first used.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from crmdesk.gui.common.actions import menu_action


def show(window):
    from crmdesk.gui.importing import wizard as import_wizard

    return import_wizard.show(window)


def install(window) -> QAction:
    """Add File › Import… (Ctrl+I) to `window` (a MainWindow), before the Print
    submenu; returns the action (also kept as `window.import_wizard_action`)."""
    if getattr(window, "import_wizard_action", None) is not None:
        return window.import_wizard_action
    menu = window.ui.menuFile
    printing = getattr(window, "printing", None)
    before = printing.menu.menuAction() if printing is not None else getattr(window.ui, "actionQuit", None)
    action = menu_action(menu, window, "actionImportWizard", QCoreApplication.translate("ImportWizard", "&Import…"),
                         QCoreApplication.translate("ImportWizard", "Import clients, orders or survey answers from a "
                                                                    "CSV, Excel or OpenDocument file"),
                         lambda: show(window), before=before)
    action.setShortcut(QKeySequence("Ctrl+I"))
    window.import_wizard_action = action
    window.import_wizard = None

    def enable(*_args) -> None:
        action.setEnabled(window.database is not None)

    menu.aboutToShow.connect(enable)
    if hasattr(window, "fileOpened"):
        window.fileOpened.connect(enable)
    enable()
    return action
