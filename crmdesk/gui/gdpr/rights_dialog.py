"""« Demandes de droits » (docs/domain/08-personal-data.md): the register of access, rectification,
erasure and opposition requests, each due one month after its reception;
overdue ones in red, those due within 7 days in orange, with the count at
the top. « New request… » (RequestForm.ask) and « Mark as answered ».
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from crmdesk.domain import rights as rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.common import messages
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.gdpr.texts import alert_text
from crmdesk.gui.session import Session
from crmdesk.store.gdpr import contact_id_of_code

OVERDUE_COLOR, SOON_COLOR = QColor("#b42318"), QColor("#b54708")


def kind_labels() -> dict[str, str]:
    return {
        "access": QCoreApplication.translate("RightsDialog", "Access"),
        "rectification": QCoreApplication.translate("RightsDialog", "Rectification"),
        "erasure": QCoreApplication.translate("RightsDialog", "Erasure"),
        "opposition": QCoreApplication.translate("RightsDialog", "Opposition"),
    }


def state_labels() -> dict[str, str]:
    return {
        rules.OVERDUE: QCoreApplication.translate("RightsDialog", "Overdue"),
        rules.DUE_SOON: QCoreApplication.translate("RightsDialog", "Due soon"),
        rules.OPEN: QCoreApplication.translate("RightsDialog", "Open"),
        rules.ANSWERED: QCoreApplication.translate("RightsDialog", "Answered"),
    }


class RequestModel(ReadOnlyTableModel):
    COLUMNS = ("id", "kind", "client", "requester", "received_on", "due_on", "answered_on", "state")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers = (
            self.tr("No."),
            self.tr("Request"),
            self.tr("Client"),
            self.tr("Requester"),
            self.tr("Received"),
            self.tr("Answer due"),
            self.tr("Answered"),
            self.tr("State"),
        )
        self._kinds, self._states = kind_labels(), state_labels()

    def cell(self, row: dict, column: int, role):
        key = self.COLUMNS[column]
        if role == Qt.ItemDataRole.ForegroundRole and key in ("due_on", "state"):
            return {rules.OVERDUE: OVERDUE_COLOR, rules.DUE_SOON: SOON_COLOR}.get(row["state"])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "kind":
            return self._kinds.get(row["kind"], row["kind"])
        if key == "client":
            return f"{row['client_code']} {row['client_name']}".strip() if row["client_code"] else ""
        if key in ("received_on", "due_on", "answered_on"):
            return format_date(row[key]) if row[key] else ""
        if key == "state":
            text = self._states.get(row["state"], row["state"])
            if row["state"] in (rules.OVERDUE, rules.DUE_SOON, rules.OPEN):
                days = row["days_left"]
                text += " " + (
                    self.tr("(%1 days late)").replace("%1", str(-days))
                    if days < 0
                    else self.tr("(%1 days left)").replace("%1", str(days))
                )
            return text
        return "" if row[key] is None else str(row[key])


class RequestForm(QDialog):
    """A new request: kind, client code or requester, date of reception, notes."""

    def __init__(self, session: Session, parent=None, *, code: str = ""):
        super().__init__(parent)
        self.setObjectName("RequestForm")
        self.setWindowTitle(self.tr("New rights request"))
        self.session = session
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindCombo")
        for code_, label in kind_labels().items():
            self.kind.addItem(label, code_)
        self.client = QLineEdit(code, self)
        self.client.setObjectName("clientEdit")
        self.client.setPlaceholderText(self.tr("Client no., if the person is in the file"))
        self.requester = QLineEdit(self)
        self.requester.setObjectName("requesterEdit")
        self.received = QDateEdit(self)
        self.received.setObjectName("receivedEdit")
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("dd/MM/yyyy")
        day = session.today()
        self.received.setDate(QDate(day.year, day.month, day.day))
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notesEdit")
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318")
        form = QFormLayout()
        form.addRow(self.tr("&Request:"), self.kind)
        form.addRow(self.tr("&Client no.:"), self.client)
        form.addRow(self.tr("&Requester's name:"), self.requester)
        form.addRow(self.tr("Received &on:"), self.received)
        form.addRow(self.tr("&Notes:"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.request_id: int | None = None

    def values(self) -> dict:
        code = self.client.text().strip()
        return {
            "kind": self.kind.currentData(),
            "contact_id": contact_id_of_code(self.session.database, code) if code else None,
            "requester": self.requester.text(),
            "received_on": self.received.date().toPython().isoformat(),
            "notes": self.notes.toPlainText(),
        }

    def accept(self) -> None:
        try:
            self.request_id = self.session.rights.add(self.values())
        except ValidationError as exc:
            self.error.setText(str(exc))
            return
        except CrmError as exc:
            self.error.setText(str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, session: Session, parent=None, **options) -> int | None:
        """The new request's id, or None when cancelled."""
        form = cls(session, parent, **options)
        return form.request_id if form.exec() == QDialog.DialogCode.Accepted else None


class RightsDialog(QDialog):
    changed = Signal()

    def __init__(self, session: Session, parent=None, *, code: str = ""):
        super().__init__(parent)
        self.setObjectName("RightsDialog")
        self.setWindowTitle(self.tr("Rights requests"))
        self.session = session
        self.store = session.rights
        self.code = code
        self.model = RequestModel(self)
        self.table = read_only_table(self, self.model, "rightsTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.alerts = QLabel(self)
        self.alerts.setObjectName("rightsAlerts")
        self.alerts.setWordWrap(True)
        self.new_button = QPushButton(self.tr("&New request…"), self)
        self.new_button.setObjectName("newRequestButton")
        self.new_button.clicked.connect(self.new_request)
        self.answer_button = QPushButton(self.tr("Mark as &answered"), self)
        self.answer_button.setObjectName("answerButton")
        self.answer_button.clicked.connect(self.answer_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.answer_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        note = QLabel(self.tr("A request must be answered within one month of its reception (GDPR art. 12)."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.alerts)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(860, 420)
        self.refresh()

    def _today(self) -> dt.date:
        return self.session.today()

    def refresh(self) -> None:
        rows = self.store.listing(self._today())
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        counts = Counter(row["state"] for row in rows)  # the listing has the states: no second query
        self.alerts.setText(alert_text(counts) or self.tr("No request is late or due soon."))
        self._update()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update(self, *_args) -> None:
        row = self.selected()
        self.answer_button.setEnabled(row is not None and not row["answered_on"])

    def new_request(self) -> int | None:
        request_id = RequestForm.ask(self.session, self, code=self.code)
        if request_id is not None:
            self.refresh()
            self.changed.emit()
        return request_id

    def answer_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self.store.answer(row["id"], self._today())
        except CrmError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            return
        self.refresh()
        self.changed.emit()
