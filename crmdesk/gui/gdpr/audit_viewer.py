"""« Journal des modifications » (docs/domain/08-personal-data.md): who changed what, when, and by
which action (form, import, merge, erasure), one line per field changed with
its old and new value; filters on the client, the action and a date range
(crmdesk/store/audit.py reads the log and tells the origin of each entry).
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.session import Session
from crmdesk.store.audit import ORIGINS, AuditLog, AuditQuery

NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown « — »: no bound


def origin_labels() -> dict[str, str]:
    return {
        "form": QCoreApplication.translate("AuditViewer", "Form"),
        "import": QCoreApplication.translate("AuditViewer", "Import"),
        "merge": QCoreApplication.translate("AuditViewer", "Merge"),
        "erasure": QCoreApplication.translate("AuditViewer", "Erasure"),
    }


def entity_labels() -> dict[str, str]:
    return {
        "contact": QCoreApplication.translate("AuditViewer", "Client"),
        "order": QCoreApplication.translate("AuditViewer", "Order"),
        "complaint": QCoreApplication.translate("AuditViewer", "Complaint"),
        "survey_answer": QCoreApplication.translate("AuditViewer", "Survey answer"),
        "rights_request": QCoreApplication.translate("AuditViewer", "Rights request"),
        "import": QCoreApplication.translate("AuditViewer", "Import"),
        "setting": QCoreApplication.translate("AuditViewer", "Setting"),
    }


def action_labels() -> dict[str, str]:
    return {
        "create": QCoreApplication.translate("AuditViewer", "created"),
        "update": QCoreApplication.translate("AuditViewer", "changed"),
        "tags": QCoreApplication.translate("AuditViewer", "tags changed"),
        "trash": QCoreApplication.translate("AuditViewer", "sent to the trash"),
        "restore": QCoreApplication.translate("AuditViewer", "restored"),
        "delete": QCoreApplication.translate("AuditViewer", "deleted"),
        "remove": QCoreApplication.translate("AuditViewer", "deleted"),
        "merge": QCoreApplication.translate("AuditViewer", "merged"),
        "unmerge": QCoreApplication.translate("AuditViewer", "merge undone"),
        "import": QCoreApplication.translate("AuditViewer", "imported"),
        "import_undo": QCoreApplication.translate("AuditViewer", "import undone"),
        "erase": QCoreApplication.translate("AuditViewer", "anonymised"),
        "purge": QCoreApplication.translate("AuditViewer", "purged"),
    }


def shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("AuditViewer", "yes")
            if value
            else QCoreApplication.translate("AuditViewer", "no")
        )
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class AuditModel(ReadOnlyTableModel):
    """One row per field changed (an entry without fields: one row)."""

    COLUMNS = ("at", "author", "code", "entity", "action", "origin", "field", "old", "new")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers = (
            self.tr("Date"),
            self.tr("By"),
            self.tr("Client"),
            self.tr("Record"),
            self.tr("Change"),
            self.tr("Action"),
            self.tr("Field"),
            self.tr("Old value"),
            self.tr("New value"),
        )
        self._origins, self._entities, self._actions = origin_labels(), entity_labels(), action_labels()

    def load(self, entries: list[dict]) -> None:
        rows = []
        for entry in entries:
            base = {k: entry[k] for k in ("id", "at", "author", "code", "entity", "entity_id", "action", "origin")}
            changes = entry["changes"] or [("", None, None)]
            rows += [{**base, "field": name, "old": old, "new": new} for name, old, new in changes]
        self.set_rows(rows)

    def cell(self, row: dict, column: int, role):
        key = self.COLUMNS[column]
        if role == Qt.ItemDataRole.ToolTipRole and key in ("old", "new"):
            return shown(row[key]) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "at":
            return f"{format_date(row['at'])} {row['at'][11:16]}"
        if key == "origin":
            return self._origins.get(row["origin"], row["origin"])
        if key == "action":
            return self._actions.get(row["action"], row["action"])
        if key == "entity":
            label = self._entities.get(row["entity"], row["entity"])
            return (
                f"{label} {row['entity_id']}" if row["entity_id"] is not None and row["entity"] != "contact" else label
            )
        if key in ("old", "new"):
            return shown(row[key])
        return "" if row[key] is None else str(row[key])


class AuditViewer(QDialog):
    def __init__(self, session: Session, parent=None, *, code: str = ""):
        super().__init__(parent)
        self.setObjectName("AuditViewer")
        self.setWindowTitle(self.tr("Change log"))
        self.log = AuditLog(session.database)
        self.model = AuditModel(self)
        self.table = read_only_table(self, self.model, "auditTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.code = QLineEdit(code, self)
        self.code.setObjectName("codeFilter")
        self.code.setPlaceholderText(self.tr("Client no."))
        self.code.returnPressed.connect(self.refresh)
        self.origin = QComboBox(self)
        self.origin.setObjectName("originFilter")
        self.origin.addItem(self.tr("All actions"), None)
        for origin in ORIGINS:
            self.origin.addItem(origin_labels()[origin], origin)
        self.origin.currentIndexChanged.connect(self.refresh)
        self.start, self.end = (self._date_edit(name) for name in ("startFilter", "endFilter"))
        apply = QPushButton(self.tr("&Show"), self)
        apply.setObjectName("applyFilters")
        apply.clicked.connect(self.refresh)
        self.info = QLabel(self)
        self.info.setObjectName("auditInfo")
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("&Client:"), self.code),
            (self.tr("&Action:"), self.origin),
            (self.tr("&From:"), self.start),
            (self.tr("&To:"), self.end),
        ):
            text = QLabel(label, self)
            text.setBuddy(widget)
            filters.addWidget(text)
            filters.addWidget(widget)
        filters.addWidget(apply)
        filters.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        self.resize(1000, 520)
        self.refresh()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(NO_DATE)
        return edit

    @staticmethod
    def _day(edit: QDateEdit) -> dt.date | None:
        return None if edit.date() == NO_DATE else edit.date().toPython()

    def set_dates(self, start: dt.date | None, end: dt.date | None) -> None:
        for edit, day in ((self.start, start), (self.end, end)):
            edit.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))

    def query(self) -> AuditQuery:
        return AuditQuery(
            code=self.code.text().strip() or None,
            origin=self.origin.currentData(),
            start=self._day(self.start),
            end=self._day(self.end),
        )

    def refresh(self) -> None:
        query = self.query()
        try:
            entries = self.log.entries(query)
        except CrmError as exc:
            self.model.load([])
            self.info.setText(str(exc))
            return
        self.model.load(entries)
        self.table.resizeColumnsToContents()
        if len(entries) >= query.limit:
            self.info.setText(
                self.tr("The %1 latest changes are shown: narrow the filters to see older ones.").replace(
                    "%1", str(query.limit)
                )
            )
        else:
            self.info.setText(self.tr("%1 change(s).").replace("%1", str(len(entries))))
