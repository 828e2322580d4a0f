"""Fichier › Exporter… and Fichier › Liste de diffusion… (issue 7).

    from crmdesk.gui import export_menu
    export_menu.install(window)          # once, in MainWindow.__init__, after print_menu.install

adds the two actions to the File menu, before « Quit » (after the « Print »
submenu when it is there). Each opens its dialog (crmdesk/gui/exporting/export_dialog.py),
one of each at a time; they work only while a file is open, and a newly
opened file closes them. « Exporter… » is window-modal (it counts the
selection when it opens: the selection must not change under it);
« Liste de diffusion… » is not.
"""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication

from crmdesk.gui.analysis import pivot_dialog
from crmdesk.gui.common.actions import bring_up, database_enabler, follow_file, keep_dialog, menu_action

DIALOGS = ("export_dialog", "mailing_dialog")


def install(window) -> SimpleNamespace:
    """Add the actions to `window` (a MainWindow); returns them (also kept as `window.exporting`)."""
    if getattr(window, "exporting", None) is not None:
        return window.exporting
    parts = SimpleNamespace(export_dialog=None, mailing_dialog=None)
    window.exporting = parts
    menu = window.ui.menuFile
    quit_action = window.ui.actionQuit
    actions = menu.actions()
    before = actions[actions.index(quit_action) - 1] if quit_action in actions else None
    if before is None or not before.isSeparator():   # keep « Quit » apart
        before = menu.insertSeparator(quit_action)

    action = partial(menu_action, menu, window, before=before)
    parts.export_action = action(
        "actionExport", QCoreApplication.translate("ExportMenu", "E&xport…"),
        QCoreApplication.translate("ExportMenu", "The selection, the clients shown, a status or an RFM segment "
                                                 "as CSV, Excel or vCard"),
        lambda: show_export(window))
    parts.mailing_action = action(
        "actionMailingList", QCoreApplication.translate("ExportMenu", "&Mailing list…"),
        QCoreApplication.translate("ExportMenu", "Who may be written to by email, text message, phone or post, "
                                                 "honouring consent and opposition"),
        lambda: show_mailing(window))
    parts.pivot = pivot_dialog.install(window, menu, before=before)     # Exporter un tableau croisé…
    enable = database_enabler(window, (parts.export_action, parts.mailing_action))
    follow_file(window, menu, enable, parts, DIALOGS)
    return parts


def show_export(window):
    """The « Exporter… » dialog (the one already open, brought up)."""
    return _show(window, "export_dialog", "ExportDialog", modal=True)


def show_mailing(window):
    """The « Liste de diffusion… » dialog."""
    return _show(window, "mailing_dialog", "MailingDialog", modal=False)


def _show(window, name: str, class_name: str, *, modal: bool):
    if window.database is None:
        return None
    parts = install(window)
    dialog = getattr(parts, name)
    if dialog is None:
        from crmdesk.gui.exporting import export_dialog

        dialog = keep_dialog(parts, name, getattr(export_dialog, class_name)(window))
        if modal:
            dialog.open()
    return bring_up(dialog)

