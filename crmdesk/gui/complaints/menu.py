"""The « Réclamations » menu of the main window.

    from crmdesk.gui import complaints_menu
    complaints_menu.install(window)      # once, in MainWindow.__init__

adds Réclamations > Nouvelle réclamation… (Ctrl+R: for the client selected in
the client table, if any), File des réclamations…,
Tableau de bord des réclamations… (before the Analysis menu), a « Nouvelle
réclamation » toolbar button, and, each time a file opens, the overdue and
due-soon complaints in the status bar (« 2 réclamations en retard, 1 à
échéance demain »). The dialogs are imported when first opened, one of each
at a time, not modal.

`window.complaints.today` (None = the real today) is the day the deadlines
are judged against: tests and demos set it.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle

from crmdesk.gui.common.actions import add_menu, database_enabler, follow_file, keep_dialog, menu_action, show_dialog

STATUS_TIMEOUT_MS = 60_000
_DIALOGS = ("new_dialog", "queue_dialog", "dashboard_dialog")


def install(window) -> SimpleNamespace:
    """Add the menu, the toolbar button and the start-up message to `window`
    (a MainWindow); returns them (also kept as `window.complaints`)."""
    if getattr(window, "complaints", None) is not None:
        return window.complaints
    ui = window.ui
    analysis = getattr(getattr(window, "analysis", None), "menu", None)   # operations before analysis
    menu = add_menu(window, QCoreApplication.translate("ComplaintsMenu", "&Complaints"), "menuComplaints",
                    analysis or ui.menuHelp)
    parts = SimpleNamespace(menu=menu, today=None, new_dialog=None, queue_dialog=None, dashboard_dialog=None)
    window.complaints = parts

    action = partial(menu_action, menu, window)
    parts.new_action = action("actionNewComplaint", QCoreApplication.translate("ComplaintsMenu", "&New complaint…"),
                              QCoreApplication.translate("ComplaintsMenu", "Log a complaint or a request the moment it arrives"),
                              lambda: new_complaint(window, selected_client(window)))
    parts.new_action.setShortcut(QKeySequence("Ctrl+R"))
    parts.new_action.setIconText(QCoreApplication.translate("ComplaintsMenu", "New complaint"))
    theme = "mail-mark-important"
    parts.new_action.setIcon(QIcon.fromTheme(theme) if QIcon.hasThemeIcon(theme) else
                             QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
    parts.queue_action = action("actionComplaintQueue", QCoreApplication.translate("ComplaintsMenu", "Complaints &queue…"),
                                QCoreApplication.translate("ComplaintsMenu", "Open complaints in triage order, their history and next phase"),
                                lambda: show_queue(window))
    parts.dashboard_action = action("actionComplaintDashboard", QCoreApplication.translate("ComplaintsMenu", "Complaints &dashboard…"),
                                    QCoreApplication.translate("ComplaintsMenu", "Complaint rates, loss rate, times to answer, per month and kind"),
                                    lambda: show_dashboard(window))
    ui.mainToolBar.addSeparator()
    ui.mainToolBar.addAction(parts.new_action)

    enable = database_enabler(window, (parts.new_action, parts.queue_action, parts.dashboard_action))
    follow_file(window, menu, enable, parts, _DIALOGS, opened=lambda: show_status(window))
    return parts


def store(window):
    from crmdesk.store.complaints import ComplaintStore

    return ComplaintStore(window.database) if window.database is not None else None


def today(window) -> dt.date:
    return window.complaints.today or dt.date.today()


def status_text(counts: dict) -> str:
    """« 2 complaints overdue, 1 due tomorrow » (empty when nothing stands out)."""
    overdue, soon = int(counts.get("overdue", 0)), int(counts.get("due_soon", 0))
    parts = []
    if overdue:
        parts.append(QCoreApplication.translate("ComplaintsMenu", "1 complaint overdue") if overdue == 1
                     else QCoreApplication.translate("ComplaintsMenu", "%1 complaints overdue").replace("%1", str(overdue)))
    if soon:
        if overdue:
            parts.append(QCoreApplication.translate("ComplaintsMenu", "1 due tomorrow") if soon == 1 else QCoreApplication.translate("ComplaintsMenu", "%1 due tomorrow").replace("%1", str(soon)))
        else:
            parts.append(QCoreApplication.translate("ComplaintsMenu", "1 complaint due tomorrow") if soon == 1
                         else QCoreApplication.translate("ComplaintsMenu", "%1 complaints due tomorrow").replace("%1", str(soon)))
    return ", ".join(parts)


def show_status(window) -> str:
    """Overdue and due-soon complaints in the status bar; returns the text."""
    complaints = store(window)
    if complaints is None:
        return ""
    text = status_text(complaints.counts_by_state(today(window)))
    if text:
        window.ui.statusbar.showMessage(text, STATUS_TIMEOUT_MS)
    return text


def changed(window, complaint_id: int | None = None) -> None:
    """A complaint was logged or moved on: the queue, an open client sheet, the status bar."""
    from crmdesk.gui.dashboard.install import notify

    parts = window.complaints
    notify(window)
    if parts.queue_dialog is not None:
        parts.queue_dialog.refresh(complaint_id)
    sheet = getattr(window, "client_dialog", None)
    tab = getattr(sheet, "complaints_tab", None) if sheet is not None else None
    if tab is not None:
        tab.refresh()
    if parts.dashboard_dialog is not None:
        parts.dashboard_dialog.refresh()
    show_status(window)


def selected_client(window) -> int | None:
    """The client selected in the client table, when that table is the one shown."""
    from crmdesk.gui.dashboard.install import CLIENTS_TAB

    place = getattr(window, "dashboard", None)
    if place is not None and place.tabs.currentIndex() != CLIENTS_TAB:
        return None
    return window.current_id()


def new_complaint(window, contact_id: int | None = None, parent=None):
    """« New complaint… »: opened with open(); the client pre-filled from a client sheet."""
    if window.database is None:
        return None
    parts = window.complaints
    if parts.new_dialog is not None:
        parts.new_dialog.close()
    from crmdesk.gui.complaints.complaint_dialog import ComplaintDialog

    dialog = keep_dialog(parts, "new_dialog", ComplaintDialog(window.database, parent or window, contact_id=contact_id))

    def saved(complaint_id: int) -> None:
        row = store(window).get(complaint_id, today=today(window))
        changed(window, complaint_id)
        if row is not None:
            from crmdesk.domain.dates import format_date

            window.ui.statusbar.showMessage(
                QCoreApplication.translate("ComplaintsMenu", "Complaint %1 saved; answer due by %2.").replace("%1", row["ref"])
                .replace("%2", format_date(row["due_date"])), 10_000)

    dialog.saved.connect(saved)
    dialog.open()
    return dialog


def show_queue(window, complaint_id: int | None = None):
    def make():
        from crmdesk.gui.complaints.queue_view import ComplaintsDialog

        dialog = ComplaintsDialog(store(window), window, today=window.complaints.today,
                                  new_complaint=lambda: new_complaint(window))
        dialog.changed.connect(lambda complaint: changed(window, complaint))
        return dialog

    dialog = show_dialog(window, window.complaints, "queue_dialog", make)
    if dialog is not None and complaint_id is not None:
        dialog.select(complaint_id)
    return dialog


def show_dashboard(window):
    def make():
        from crmdesk.gui.complaints.dashboard import DashboardDialog

        return DashboardDialog(window.database, window, today=window.complaints.today)

    return show_dialog(window, window.complaints, "dashboard_dialog", make)
