"""The « Complaints » tab of the client sheet: the client's complaints, one in detail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import read_only_table
from crmdesk.gui.complaints.queue_model import ComplaintQueueModel
from crmdesk.gui.complaints.queue_view import ComplaintsDialog
from crmdesk.gui.session import Session

if TYPE_CHECKING:
    from crmdesk.gui.complaints.menu import ComplaintsFeature


class ComplaintsTab(QWidget):
    """A client's complaints; « New complaint… » with the client filled in;
    Enter or double-click opens one in the queue.

    With the window's `complaints` feature, new complaints and the queue are the window's
    (one of each at a time); without it (a sheet on its own), dialogs of the tab's own."""

    def __init__(
        self,
        session: Session,
        contact_id: int,
        parent=None,
        *,
        complaints: ComplaintsFeature | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("ComplaintsTab")
        self.contact_id = contact_id
        self.complaints = complaints
        self.session = session
        self.store = session.complaints
        self.model = ComplaintQueueModel(self.store, self, today=session.today(), contact_id=contact_id)
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
        self.summary.setText(
            self.tr("%1 complaints, %2 open")
            .replace("%1", labels.number(len(rows)))
            .replace("%2", labels.number(still))
        )

    def new_complaint(self):
        if self.complaints is not None:
            dialog = self.complaints.new_complaint(self.contact_id, parent=self.window())
        else:
            from crmdesk.gui.complaints.complaint_dialog import ComplaintDialog

            dialog = ComplaintDialog(self.session, self.window(), contact_id=self.contact_id)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
        dialog.saved.connect(lambda _id: self.refresh())
        return dialog

    def open_complaint(self, complaint_id: int | None):
        if complaint_id is None:
            return None
        if self.complaints is not None:
            return self.complaints.show_queue(complaint_id)
        dialog = ComplaintsDialog(self.session, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.select(complaint_id)
        dialog.show()
        return dialog
