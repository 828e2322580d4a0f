"""The complaints queue as a table (ComplaintQueueModel over ComplaintStore.queue).

Reference, client, kind, received, due date, phase, priority and why the complaint
stands where it does; overdue rows are red, due-soon rows orange.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from crmdesk.domain import complaints as rules
from crmdesk.domain.dates import format_date
from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import ReadOnlyTableModel
from crmdesk.gui.complaints.texts import client_of, format_datetime, reference_of, state_colours, state_text

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ComplaintQueueModel(ReadOnlyTableModel):
    """The queue in triage order; or, given `contact_id`, one client's complaints (latest first)."""

    QUEUE_COLUMNS = ("reference", "client", "kind", "received", "due_date", "phase", "priority", "reason")
    CLIENT_COLUMNS = ("reference", "received", "kind", "subject", "due_date", "phase", "state")

    def __init__(
        self, store, parent=None, *, today: dt.date | None = None, open_only: bool = True, contact_id: int | None = None
    ):
        super().__init__(parent)
        self.store = store
        self.today = today
        self.open_only = open_only
        self.contact_id = contact_id
        self.COLUMNS = self.CLIENT_COLUMNS if contact_id is not None else self.QUEUE_COLUMNS
        texts = header_texts()
        self._headers = tuple(texts[key] for key in self.COLUMNS)
        self.rows: list[dict] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        if self.contact_id is not None:
            self.rows = self.store.of_contact(self.contact_id, today=self.today)
        else:
            self.rows = self.store.queue(self.today, open_only=self.open_only)
        self.endResetModel()

    def set_open_only(self, open_only: bool) -> None:
        if open_only != self.open_only:
            self.open_only = open_only
            self.refresh()

    complaint_id = ReadOnlyTableModel.id_at

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "reference":
                return reference_of(row)
            if key == "client":
                return client_of(row)
            if key == "kind":
                return labels.shown(rules.KINDS.get(row.get("kind"), row.get("kind") or ""))
            if key == "received":
                return format_datetime(row.get("received_at"))
            if key == "due_date":
                return format_date(row.get("due_date"))
            if key == "phase":
                return labels.shown(rules.PHASES.get(row.get("phase"), row.get("phase") or ""))
            if key == "priority":
                return str(row.get("priority") or "")
            if key == "subject":
                return row.get("subject") or ""
            if key == "state":
                return state_text(row.get("state"))
            return row.get("reason") or ""
        colours = state_colours(row.get("state"))
        if role == Qt.ItemDataRole.BackgroundRole and colours:
            return QBrush(QColor(colours[0]))
        if role == Qt.ItemDataRole.ForegroundRole and colours:
            return QBrush(QColor(colours[1]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return " — ".join(p for p in (row.get("subject"), state_text(row.get("state"))) if p)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "priority":
            return _RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None


def header_texts() -> dict[str, str]:
    return {
        "reference": QCoreApplication.translate("ComplaintsView", "Reference"),
        "client": QCoreApplication.translate("ComplaintsView", "Client"),
        "kind": QCoreApplication.translate("ComplaintsView", "Kind"),
        "received": QCoreApplication.translate("ComplaintsView", "Received"),
        "due_date": QCoreApplication.translate("ComplaintsView", "Due date"),
        "phase": QCoreApplication.translate("ComplaintsView", "Phase"),
        "priority": QCoreApplication.translate("ComplaintsView", "Priority"),
        "reason": QCoreApplication.translate("ComplaintsView", "Why here"),
        "subject": QCoreApplication.translate("ComplaintsView", "Subject"),
        "state": QCoreApplication.translate("ComplaintsView", "Deadline"),
    }
