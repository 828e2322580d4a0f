"""The « Complaints » tab of the client sheet: the client's complaints, one in detail."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import read_only_table
from crmdesk.gui.complaints.queue_model import ComplaintQueueModel
from crmdesk.gui.complaints.queue_view import ComplaintsDialog


class ComplaintsTab(QWidget):
    """A client's complaints; « New complaint… » with the client filled in;
    Enter or double-click opens one in the queue."""

    def __init__(self, database, contact_id: int, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        from crmdesk.store.complaints import ComplaintStore

        self.setObjectName("ComplaintsTab")
        self.contact_id = contact_id
        self.store = ComplaintStore(database)
        self.model = ComplaintQueueModel(self.store, self, today=today, contact_id=contact_id)
        self.table = read_only_table(self, self.model, "clientComplaints")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda index: self.open_complaint(self.model.complaint_id(index.row())))
        self.new_button = QPushButton(self.tr("New complaint…"), self)
        self.new_button.setObjectName("newComplaint")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(lambda _c=False: self.new_complaint())
        self.summary = QLabel(self)
        self.summary.setObjectName("complaintsSummary")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.model.refresh()
        rows = self.model.rows
        still = sum(1 for r in rows if not r.get("closed_at"))
        self.summary.setText(self.tr("%1 complaints, %2 open").replace("%1", labels.number(len(rows)))
                             .replace("%2", labels.number(still)))

    def _main_window(self):
        sheet = self.window()
        main = sheet.parentWidget() if sheet is not None else None
        return main if main is not None and getattr(main, "complaints", None) is not None else None

    def new_complaint(self):
        main = self._main_window()
        if main is not None:
            from crmdesk.gui.complaints import menu as complaints_menu

            dialog = complaints_menu.new_complaint(main, self.contact_id, parent=self.window())
        else:
            from crmdesk.gui.complaints.complaint_dialog import ComplaintDialog

            dialog = ComplaintDialog(self.store.database, self.window(), contact_id=self.contact_id)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
        dialog.saved.connect(lambda _id: self.refresh())
        return dialog

    def open_complaint(self, complaint_id: int | None):
        if complaint_id is None:
            return None
        main = self._main_window()
        if main is not None:
            from crmdesk.gui.complaints import menu as complaints_menu

            return complaints_menu.show_queue(main, complaint_id)
        dialog = ComplaintsDialog(self.store, self.window(), today=self.model.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.select(complaint_id)
        dialog.show()
        return dialog
