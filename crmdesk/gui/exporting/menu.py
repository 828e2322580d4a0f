"""Fichier › Exporter… and Fichier › Liste de diffusion… (issue 7).

    ExportingFeature(window)     # in MainWindow's list of features, after the printing one

adds the two actions to the File menu, before « Quit » (after the « Print »
submenu when it is there). Each opens its dialog (crmdesk/gui/exporting/export_dialog.py),
one of each at a time; they work only while a file is open, and a newly
opened file closes them. « Exporter… » is window-modal (it counts the
selection when it opens: the selection must not change under it);
« Liste de diffusion… » is not.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication

from crmdesk.gui.common.actions import bring_up, keep_dialog
from crmdesk.gui.feature import Feature


class ExportingFeature(Feature):
    dialogs = ("export_dialog", "mailing_dialog", "pivot_dialog")

    def __init__(self, window):
        super().__init__(window)
        menu = window.ui.menuFile
        quit_action = window.ui.actionQuit
        actions = menu.actions()
        before = actions[actions.index(quit_action) - 1] if quit_action in actions else None
        if before is None or not before.isSeparator():  # keep « Quit » apart
            before = menu.insertSeparator(quit_action)

        action = partial(self.action, menu, before=before)
        self.export_action = action(
            "actionExport",
            QCoreApplication.translate("ExportMenu", "E&xport…"),
            QCoreApplication.translate(
                "ExportMenu", "The selection, the clients shown, a status or an RFM segment as CSV, Excel or vCard"
            ),
            self.show_export,
        )
        self.mailing_action = action(
            "actionMailingList",
            QCoreApplication.translate("ExportMenu", "&Mailing list…"),
            QCoreApplication.translate(
                "ExportMenu",
                "Who may be written to by email, text message, phone or post, honouring consent and opposition",
            ),
            self.show_mailing,
        )
        self.pivot_action = action(
            "actionPivotExport",
            QCoreApplication.translate("PivotMenu", "Export a pi&vot table…"),
            QCoreApplication.translate("PivotMenu", "Revenue by client, category or rep and by month, as Excel or CSV"),
            self.show_pivot,
        )
        self.follow_menu(menu)

    def show_export(self):
        """The « Exporter… » dialog (the one already open, brought up)."""
        return self._show("export_dialog", "ExportDialog", modal=True)

    def show_mailing(self):
        """The « Liste de diffusion… » dialog."""
        return self._show("mailing_dialog", "MailingDialog", modal=False)

    def show_pivot(self):
        """« Exporter un tableau croisé… » (not modal)."""
        from crmdesk.gui.analysis.pivot_dialog import PivotDialog  # lazy: start-up time (pandas, openpyxl)

        return self.show_dialog("pivot_dialog", lambda: PivotDialog(self.session, self.window))

    def _show(self, name: str, class_name: str, *, modal: bool):
        if self.session is None:
            return None
        dialog = getattr(self, name)
        if dialog is None:
            from crmdesk.gui.exporting import export_dialog

            dialog = keep_dialog(self, name, getattr(export_dialog, class_name)(self.window))
            if modal:
                dialog.open()
        return bring_up(dialog)
