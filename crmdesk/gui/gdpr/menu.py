"""The « RGPD » menu of the main window (DOMAIN §8).

    from crmdesk.gui import gdpr_menu
    gdpr_menu.install(window)            # once, in MainWindow.__init__

adds, before the Help menu: Données à purger…, Demandes de droits…,
Journal des modifications…, then Exporter les données du client… and
Anonymiser le client… (both on the current client of the table); and, each
time a file opens, the rights requests overdue or due within 7 days in the
status bar. An erasure or a purge cannot be undone: it is confirmed
(`confirm`, patched by tests), preceded by a backup (`backup_first`), the
window's Ctrl+Z history is emptied and
the window shows the file as it is now (as after an import undo). After an
erasure a message lists where copies of the person may remain: the backups
holding them with the day each will be deleted, the files they were
imported from, earlier exports (crmdesk.store.gdpr.copies_left).

`window.gdpr.today` (None = the real today) is the day deadlines and
retention are judged against: tests and demos set it.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import messages
from crmdesk.gui.common.actions import add_menu, close_dialogs, database_enabler, follow_file, menu_action, show_dialog
from crmdesk.gui.file import folders
from crmdesk.gui.gdpr.purge_view import confirm

STATUS_TIMEOUT_MS = 60_000
_DIALOGS = ("purge_dialog", "rights_dialog", "audit_dialog")


def install(window) -> SimpleNamespace:
    if getattr(window, "gdpr", None) is not None:
        return window.gdpr
    menu = add_menu(window, QCoreApplication.translate("GdprMenu", "G&DPR"), "menuGdpr", window.ui.menuHelp)
    parts = SimpleNamespace(menu=menu, today=None, purge_dialog=None, rights_dialog=None, audit_dialog=None,
                            copies_box=None)
    window.gdpr = parts
    action = partial(menu_action, menu, window)
    parts.purge_action = action(
        "actionDataToPurge", QCoreApplication.translate("GdprMenu", "Data to &purge…"),
        QCoreApplication.translate("GdprMenu", "Contacts whose retention period is over, to anonymise"),
        lambda: show_purge(window))
    parts.rights_action = action(
        "actionRightsRequests", QCoreApplication.translate("GdprMenu", "&Rights requests…"),
        QCoreApplication.translate("GdprMenu", "Access, rectification, erasure and opposition requests, due within a month"),
        lambda: show_rights(window))
    parts.audit_action = action(
        "actionChangeLog", QCoreApplication.translate("GdprMenu", "&Change log…"),
        QCoreApplication.translate("GdprMenu", "Who changed what, when, by which action"),
        lambda: show_audit(window))
    menu.addSeparator()
    parts.export_action = action(
        "actionExportClientData", QCoreApplication.translate("GdprMenu", "&Export the client's data…"),
        QCoreApplication.translate("GdprMenu", "Everything the file holds about the current client, as PDF and JSON"),
        lambda: export_client(window))
    parts.erase_action = action(
        "actionEraseClient", QCoreApplication.translate("GdprMenu", "&Anonymise the client…"),
        QCoreApplication.translate("GdprMenu", "Erase the current client's personal data, keeping their orders for the statistics"),
        lambda: erase_client(window))
    file_actions = (parts.purge_action, parts.rights_action, parts.audit_action)
    enable_file = database_enabler(window, file_actions)

    def enable(*_args) -> None:
        enable_file()
        has_client = window.database is not None and window.current_id() is not None
        parts.export_action.setEnabled(has_client)
        parts.erase_action.setEnabled(has_client)

    follow_file(window, menu, enable, parts, _DIALOGS, opened=lambda: show_status(window))
    return parts


def today(window) -> dt.date:
    return window.gdpr.today or dt.date.today()


def show_status(window) -> str:
    """Rights requests overdue or due soon, in the status bar; returns the text."""
    if window.database is None:
        return ""
    from crmdesk.gui.gdpr.rights_dialog import alert_text
    from crmdesk.store.rights import RightsStore

    text = alert_text(RightsStore(window.database).alerts(today(window)))
    if text:
        window.ui.statusbar.showMessage(text, STATUS_TIMEOUT_MS)
    return text


def _current_code(window) -> str:
    contact_id = window.current_id() if window.database is not None else None
    if contact_id is None:
        return ""
    from crmdesk.store.contacts import ContactStore

    row = ContactStore(window.database).get(contact_id)
    return row["code"] if row else ""


def show_purge(window):
    def make():
        from crmdesk.gui.gdpr.purge_view import PurgeDialog

        dialog = PurgeDialog(window.database, window, today=window.gdpr.today,
                             before_purge=lambda: backup_first(window))
        dialog.purged.connect(lambda _ids: refreshed(window))
        return dialog

    return show_dialog(window, window.gdpr, "purge_dialog", make)


def show_rights(window):
    def make():
        from crmdesk.gui.gdpr.rights_dialog import RightsDialog

        dialog = RightsDialog(window.database, window, today=window.gdpr.today, code=_current_code(window))
        dialog.changed.connect(lambda: show_status(window))
        return dialog

    return show_dialog(window, window.gdpr, "rights_dialog", make)


def show_audit(window):
    def make():
        from crmdesk.gui.gdpr.audit_viewer import AuditViewer

        return AuditViewer(window.database, window, code=_current_code(window))

    return show_dialog(window, window.gdpr, "audit_dialog", make)


def backup_first(window) -> bool:
    """A backup before an erasure or a purge (crmdesk/gui/file/backups.py);
    False when it failed (the user was told): nothing is erased then."""
    from crmdesk.gui.file import backups as backup_hooks

    return backup_hooks.before(window, "purge")


def choose_folder(parent, title: str) -> Path | None:
    """Where the access export goes (tests patch this function)."""
    folder = QFileDialog.getExistingDirectory(parent, title, folders.in_documents())
    return Path(folder) if folder else None


def export_client(window) -> tuple[Path, Path] | None:
    """« Export the client's data… »: the PDF and the JSON into a chosen folder."""
    contact_id = window.current_id() if window.database is not None else None
    if contact_id is None:
        return None
    title = QCoreApplication.translate("GdprMenu", "Export the client's data")
    folder = choose_folder(window, title)
    if folder is None:
        return None
    from crmdesk.reports.access_report import export_access

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        paths = export_access(window.database, contact_id, folder, today=today(window))
    except (CrmError, OSError) as exc:
        messages.error(window, title, str(exc))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    window.ui.statusbar.showMessage(QCoreApplication.translate("GdprMenu", "Data written to %1 and %2.").replace("%1", paths[1].name)
                                    .replace("%2", paths[0].name), 10_000)
    return paths


def erase_client(window) -> list[int] | None:
    """« Anonymise the client… »: confirmed, then erased and the file cleaned."""
    contact_id = window.current_id() if window.database is not None else None
    if contact_id is None:
        return None
    code = _current_code(window)
    title = QCoreApplication.translate("GdprMenu", "Anonymise the client")
    if not confirm(window, title, QCoreApplication.translate("GdprMenu", "Anonymise client %1? Their name, contact details, notes and history are "
                                      "erased for good; their orders are kept without their name. A backup taken "
                                      "before keeps them until the backups are thinned out (about five weeks at "
                                      "most). This cannot be undone.").replace("%1", code)):
        return None
    if not backup_first(window):
        return None
    from crmdesk.store import gdpr

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)   # the file is vacuumed: seconds on a big one
    try:
        copies = gdpr.copies_left(window.database, contact_id)   # before: the import records go with the person
        result = gdpr.erase(window.database, contact_id)
    except CrmError as exc:
        messages.error(window, title, str(exc))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    refreshed(window)
    if not result.cleaned:
        messages.error(window, title, QCoreApplication.translate("GdprMenu", "Client %1 is anonymised, but another program was reading the file: traces of the erased data may remain in it until the next cleaning (crmdesk gdpr clean).").replace("%1", code))
    window.ui.statusbar.showMessage(QCoreApplication.translate("GdprMenu", "Client %1 anonymised.").replace("%1", code), 10_000)
    show_copies(window, title, code, copies)
    return result.erased


def show_copies(window, title: str, code: str, copies) -> QMessageBox:
    """Where the erased person may still be (backups until thinned, imported files, earlier
    exports): a message that does not block the window (kept as window.gdpr.copies_box)."""
    box = QMessageBox(QMessageBox.Icon.Information, title,
                      QCoreApplication.translate("GdprMenu", "Client %1 is anonymised in the client file. Copies of "
                                                 "their data may remain elsewhere:").replace("%1", code),
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("copiesLeft")
    box.setInformativeText("\n".join(f"• {copy.text}" for copy in copies))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.gdpr.copies_box = box
    box.open()
    return box


def refreshed(window) -> None:
    """Contacts were anonymised: the window shows the file as it is now."""
    from crmdesk.gui.importing.history import undone

    close_dialogs(window, ("client_dialog",))       # it may show values that are gone
    undone(window)
    close_dialogs(window.gdpr, ("audit_dialog", "rights_dialog"))
