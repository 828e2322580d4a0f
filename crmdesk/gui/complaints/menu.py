"""The « Réclamations » menu of the main window.

    ComplaintsFeature(window, before=outreach.menu, outreach=outreach)   # in MainWindow's list of features

adds Réclamations > Nouvelle réclamation… (Ctrl+R: for the client selected in
the client table, if any), File des réclamations…,
Tableau de bord des réclamations… (before the Analysis menu), a « Nouvelle
réclamation » toolbar button, and, each time a file opens (once the client table is
painted), the overdue and due-soon complaints in the status bar (« 2 réclamations en retard, 1 à
échéance demain »). The dialogs are imported when first opened, one of each
at a time, not modal.

The deadlines are judged against the session's day (Session.today).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QStyle

from crmdesk.gui.common.actions import add_menu, keep_dialog
from crmdesk.gui.feature import Feature

if TYPE_CHECKING:
    from crmdesk.gui.outreach.menu import OutreachFeature

STATUS_TIMEOUT_MS = 60_000


class ComplaintsFeature(Feature):
    dialogs = ("new_dialog", "queue_dialog", "dashboard_dialog")

    def __init__(self, window, *, before: QMenu, outreach: OutreachFeature):
        """`outreach`: the Courrier feature (the queue's survey by e-mail)."""
        super().__init__(window)
        self.outreach = outreach
        self.menu = menu = add_menu(
            window, QCoreApplication.translate("ComplaintsMenu", "&Complaints"), "menuComplaints", before
        )  # operations before analysis
        self.new_action = self.action(
            menu,
            "actionNewComplaint",
            QCoreApplication.translate("ComplaintsMenu", "&New complaint…"),
            QCoreApplication.translate("ComplaintsMenu", "Log a complaint or a request the moment it arrives"),
            lambda: self.new_complaint(self.selected_client()),
        )
        self.new_action.setShortcut(QKeySequence("Ctrl+R"))
        self.new_action.setIconText(QCoreApplication.translate("ComplaintsMenu", "New complaint"))
        theme = "mail-mark-important"
        self.new_action.setIcon(
            QIcon.fromTheme(theme)
            if QIcon.hasThemeIcon(theme)
            else QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        )
        self.queue_action = self.action(
            menu,
            "actionComplaintQueue",
            QCoreApplication.translate("ComplaintsMenu", "Complaints &queue…"),
            QCoreApplication.translate(
                "ComplaintsMenu", "Open complaints in triage order, their history and next phase"
            ),
            self.show_queue,
        )
        self.dashboard_action = self.action(
            menu,
            "actionComplaintDashboard",
            QCoreApplication.translate("ComplaintsMenu", "Complaints &dashboard…"),
            QCoreApplication.translate(
                "ComplaintsMenu", "Complaint rates, loss rate, times to answer, per month and kind"
            ),
            self.show_dashboard,
        )
        window.ui.mainToolBar.addSeparator()
        window.ui.mainToolBar.addAction(self.new_action)
        self.follow_menu(menu)

    def on_file_opened(self, session) -> None:
        super().on_file_opened(session)
        session.answersChanged.connect(self._answers_changed)
        session.tasksChanged.connect(self.changed)  # a complaint logged or moved on another PC (a server)
        self.after_paint(self.show_status)  # its store and its query: after the first rows

    def _answers_changed(self, _contact_id: int) -> None:
        """A survey answer changed: « re-satisfied » in the queue and the dashboard may follow."""
        for dialog in (self.queue_dialog, self.dashboard_dialog):
            if dialog is not None:
                dialog.refresh()

    def show_status(self) -> str:
        """Overdue and due-soon complaints in the status bar; returns the text."""
        if self.session is None:
            return ""
        text = status_text(self.session.complaints.counts_by_state(self.session.today()))
        if text:
            self.window.ui.statusbar.showMessage(text, STATUS_TIMEOUT_MS)
        return text

    def changed(self, complaint_id: int | None = None) -> None:
        """A complaint was logged or moved on: the queue, an open client sheet, the status bar."""
        from crmdesk.gui.dashboard.install import notify

        notify(self.window)
        if self.queue_dialog is not None:
            self.queue_dialog.refresh(complaint_id)
        sheet = self.window.client_dialog
        if sheet is not None and sheet.complaints_tab is not None:
            sheet.complaints_tab.refresh()
        if self.dashboard_dialog is not None:
            self.dashboard_dialog.refresh()
        self.show_status()

    def selected_client(self) -> int | None:
        """The client selected in the client table, when that table is the one shown."""
        from crmdesk.gui.dashboard.install import CLIENTS_TAB

        if self.window.dashboard.tabs.currentIndex() != CLIENTS_TAB:
            return None
        return self.window.current_id()

    def new_complaint(self, contact_id: int | None = None, parent=None):
        """« New complaint… »: opened with open(); the client pre-filled from a client sheet."""
        if self.session is None:
            return None
        if self.new_dialog is not None:
            self.new_dialog.close()
        from crmdesk.gui.complaints.complaint_dialog import ComplaintDialog

        dialog = keep_dialog(
            self, "new_dialog", ComplaintDialog(self.session, parent or self.window, contact_id=contact_id)
        )
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, complaint_id: int) -> None:
        row = self.session.complaints.get(complaint_id, today=self.session.today())
        self.changed(complaint_id)
        if row is not None:
            from crmdesk.domain.dates import format_date

            self.window.ui.statusbar.showMessage(
                QCoreApplication.translate("ComplaintsMenu", "Complaint %1 saved; answer due by %2.")
                .replace("%1", row["ref"])
                .replace("%2", format_date(row["due_date"])),
                10_000,
            )

    def show_queue(self, complaint_id: int | None = None):
        def make():
            from crmdesk.gui.complaints.queue_view import ComplaintsDialog
            from crmdesk.gui.complaints.surveys_tab import SurveyActions

            dialog = ComplaintsDialog(
                self.session,
                self.window,
                new_complaint=self.new_complaint,
                answers=SurveyActions.of(self.session),
                outreach=self.outreach,
            )
            dialog.changed.connect(self.changed)
            return dialog

        dialog = self.show_dialog("queue_dialog", make)
        if dialog is not None and complaint_id is not None:
            dialog.select(complaint_id)
        return dialog

    def show_dashboard(self):
        def make():
            from crmdesk.gui.complaints.dashboard import DashboardDialog

            return DashboardDialog(self.session, self.window)

        return self.show_dialog("dashboard_dialog", make)


def status_text(counts: dict) -> str:
    """« 2 complaints overdue, 1 due tomorrow » (empty when nothing stands out)."""
    overdue, soon = int(counts.get("overdue", 0)), int(counts.get("due_soon", 0))
    parts = []
    if overdue:
        parts.append(
            QCoreApplication.translate("ComplaintsMenu", "1 complaint overdue")
            if overdue == 1
            else QCoreApplication.translate("ComplaintsMenu", "%1 complaints overdue").replace("%1", str(overdue))
        )
    if soon:
        if overdue:
            parts.append(
                QCoreApplication.translate("ComplaintsMenu", "1 due tomorrow")
                if soon == 1
                else QCoreApplication.translate("ComplaintsMenu", "%1 due tomorrow").replace("%1", str(soon))
            )
        else:
            parts.append(
                QCoreApplication.translate("ComplaintsMenu", "1 complaint due tomorrow")
                if soon == 1
                else QCoreApplication.translate("ComplaintsMenu", "%1 complaints due tomorrow").replace("%1", str(soon))
            )
    return ", ".join(parts)
