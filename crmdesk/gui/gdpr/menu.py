"""The « RGPD » menu of the main window (docs/domain/08-personal-data.md).

    GdprFeature(window)            # in MainWindow's list of features

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

Deadlines and retention are judged against the session's day (Session.today).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import messages
from crmdesk.gui.common.actions import add_menu, close_dialogs, menu_action
from crmdesk.gui.common.messages import confirm  # by name: tests patch it here
from crmdesk.gui.feature import Feature
from crmdesk.gui.file import folders
from crmdesk.gui.importing.menu import ImportingFeature

STATUS_TIMEOUT_MS = 60_000


class GdprFeature(Feature):
    dialogs = ("purge_dialog", "rights_dialog", "audit_dialog")

    def __init__(self, window, *, importing: ImportingFeature):
        super().__init__(window)
        self.importing = importing  # undone(): the window shows the file as it is after an erasure
        self.copies_box: QMessageBox | None = None
        self.menu = menu = add_menu(
            window, QCoreApplication.translate("GdprMenu", "G&DPR"), "menuGdpr", window.ui.menuHelp
        )
        action = partial(self.action, menu)
        self.purge_action = action(
            "actionDataToPurge",
            QCoreApplication.translate("GdprMenu", "Data to &purge…"),
            QCoreApplication.translate("GdprMenu", "Contacts whose retention period is over, to anonymise"),
            self.show_purge,
        )
        self.rights_action = action(
            "actionRightsRequests",
            QCoreApplication.translate("GdprMenu", "&Rights requests…"),
            QCoreApplication.translate(
                "GdprMenu", "Access, rectification, erasure and opposition requests, due within a month"
            ),
            self.show_rights,
        )
        self.audit_action = action(
            "actionChangeLog",
            QCoreApplication.translate("GdprMenu", "&Change log…"),
            QCoreApplication.translate("GdprMenu", "Who changed what, when, by which action"),
            self.show_audit,
        )
        menu.addSeparator()
        client = partial(menu_action, menu, window)  # on the current client: enabled by enable() below
        self.export_action = client(
            "actionExportClientData",
            QCoreApplication.translate("GdprMenu", "&Export the client's data…"),
            QCoreApplication.translate(
                "GdprMenu", "Everything the file holds about the current client, as PDF and JSON"
            ),
            self.export_client,
        )
        self.erase_action = client(
            "actionEraseClient",
            QCoreApplication.translate("GdprMenu", "&Anonymise the client…"),
            QCoreApplication.translate(
                "GdprMenu", "Erase the current client's personal data, keeping their orders for the statistics"
            ),
            self.erase_client,
        )
        self.follow_menu(menu)

    def enable(self, *_args) -> None:
        super().enable()
        has_client = self.session is not None and self.window.current_id() is not None
        self.export_action.setEnabled(has_client)
        self.erase_action.setEnabled(has_client)

    def on_file_opened(self, session) -> None:
        super().on_file_opened(session)
        self.after_paint(self.show_status)  # its store and its query: after the first rows

    def show_status(self) -> str:
        """Rights requests overdue or due soon, in the status bar; returns the text."""
        if self.session is None:
            return ""
        from crmdesk.gui.gdpr.texts import alert_text  # after the first paint (on_file_opened)

        text = alert_text(self.session.rights.alerts(self.session.today()))
        if text:
            self.window.ui.statusbar.showMessage(text, STATUS_TIMEOUT_MS)
        return text

    def _current_code(self) -> str:
        contact_id = self.window.current_id() if self.session is not None else None
        if contact_id is None:
            return ""
        row = self.session.contacts.get(contact_id)
        return row["code"] if row else ""

    def show_purge(self):
        def make():
            from crmdesk.gui.gdpr.purge_view import PurgeDialog

            dialog = PurgeDialog(self.session, self.window, before_purge=self.backup_first)
            dialog.purged.connect(lambda _ids: self.refreshed())
            return dialog

        return self.show_dialog("purge_dialog", make)

    def show_rights(self):
        def make():
            from crmdesk.gui.gdpr.rights_dialog import RightsDialog

            dialog = RightsDialog(self.session, self.window, code=self._current_code())
            dialog.changed.connect(self.show_status)
            return dialog

        return self.show_dialog("rights_dialog", make)

    def show_audit(self):
        def make():
            from crmdesk.gui.gdpr.audit_viewer import AuditViewer

            return AuditViewer(self.session, self.window, code=self._current_code())

        return self.show_dialog("audit_dialog", make)

    def backup_first(self) -> bool:
        """A backup before an erasure or a purge (crmdesk/gui/file/backups.py);
        False when it failed (the user was told): nothing is erased then."""
        from crmdesk.gui.file import backups

        return backups.before(self.window, "purge")

    def export_client(self) -> tuple[Path, Path] | None:
        """« Export the client's data… »: the PDF and the JSON into a chosen folder."""
        window = self.window
        contact_id = window.current_id() if self.session is not None else None
        if contact_id is None:
            return None
        title = QCoreApplication.translate("GdprMenu", "Export the client's data")
        folder = choose_folder(window, title)
        if folder is None:
            return None
        from crmdesk.reports.access_report import export_access

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            paths = export_access(self.session.database, contact_id, folder, today=self.session.today())
        except (CrmError, OSError) as exc:
            messages.error(window, title, str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        window.ui.statusbar.showMessage(
            QCoreApplication.translate("GdprMenu", "Data written to %1 and %2.")
            .replace("%1", paths[1].name)
            .replace("%2", paths[0].name),
            10_000,
        )
        return paths

    def erase_client(self) -> list[int] | None:
        """« Anonymise the client… »: confirmed, then erased and the file cleaned."""
        window = self.window
        contact_id = window.current_id() if self.session is not None else None
        if contact_id is None:
            return None
        code = self._current_code()
        title = QCoreApplication.translate("GdprMenu", "Anonymise the client")
        if not confirm(
            window,
            title,
            QCoreApplication.translate(
                "GdprMenu",
                "Anonymise client %1? Their name, contact details, notes and history are "
                "erased for good; their orders are kept without their name. A backup taken "
                "before keeps them until the backups are thinned out (about five weeks at "
                "most). This cannot be undone.",
            ).replace("%1", code),
        ):
            return None
        if not self.backup_first():
            return None
        from crmdesk.store import gdpr

        database = self.session.database
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the file is vacuumed: seconds on a big one
        try:
            copies = gdpr.copies_left(database, contact_id)  # before: the import records go with the person
            result = gdpr.erase(database, contact_id)
        except CrmError as exc:
            messages.error(window, title, str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.refreshed()
        if not result.cleaned:
            messages.error(
                window,
                title,
                QCoreApplication.translate(
                    "GdprMenu",
                    "Client %1 is anonymised, but another program was reading the file: traces of the erased data may remain in it until the next cleaning (crmdesk gdpr clean).",  # noqa: E501 (one translatable literal)
                ).replace("%1", code),
            )
        window.ui.statusbar.showMessage(
            QCoreApplication.translate("GdprMenu", "Client %1 anonymised.").replace("%1", code), 10_000
        )
        self.show_copies(title, code, copies)
        return result.erased

    def show_copies(self, title: str, code: str, copies) -> QMessageBox:
        """Where the erased person may still be (backups until thinned, imported files, earlier
        exports): a message that does not block the window (kept as self.copies_box)."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            title,
            QCoreApplication.translate(
                "GdprMenu", "Client %1 is anonymised in the client file. Copies of their data may remain elsewhere:"
            ).replace("%1", code),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("copiesLeft")
        box.setInformativeText("\n".join(f"• {copy.text}" for copy in copies))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.copies_box = box
        box.open()
        return box

    def refreshed(self) -> None:
        """Contacts were anonymised: the window shows the file as it is now."""
        close_dialogs(self.window, ("client_dialog",))  # it may show values that are gone
        self.importing.undone()
        close_dialogs(self, ("audit_dialog", "rights_dialog"))


def choose_folder(parent, title: str) -> Path | None:
    """Where the access export goes (tests patch this function)."""
    folder = QFileDialog.getExistingDirectory(parent, title, folders.in_documents())
    return Path(folder) if folder else None
