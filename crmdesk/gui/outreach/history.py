"""Courrier › Historique des envois…: every batch of letters, labels,
envelopes (and e-mails) recorded on the clients' history, newest first, and
undoing one in one action, like an import (crmdesk/store/outreach.py
undo_batch: its exchanges leave the history, except those changed by hand
since; « last contact » goes back; the recall ticks it made go). An undo is
confirmed first (`confirm`, which tests replace) and is not a Ctrl+Z action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QVBoxLayout

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.messages import confirm  # by name: tests patch it here
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.importing.history import date_time
from crmdesk.store.outreach import batches, undo_batch

if TYPE_CHECKING:
    from crmdesk.gui.outreach.menu import OutreachFeature

translate = QCoreApplication.translate  # texts in the context « OutreachHistory »

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def channel_names() -> dict[str, str]:
    return {
        "letter": translate("OutreachHistory", "Letters"),
        "labels": translate("OutreachHistory", "Labels"),
        "envelope": translate("OutreachHistory", "Envelopes"),
        "email": translate("OutreachHistory", "E-mails"),
    }


class BatchModel(ReadOnlyTableModel):
    COLUMNS = ("id", "at", "channel", "template_name", "selection", "done", "on_history", "undone_at")

    def __init__(self, database, parent=None):
        super().__init__(parent)
        self.database = database
        self._headers = (
            translate("OutreachHistory", "No."),
            translate("OutreachHistory", "Date"),
            translate("OutreachHistory", "Kind"),
            translate("OutreachHistory", "Template"),
            translate("OutreachHistory", "Recipients chosen"),
            translate("OutreachHistory", "Sent"),
            translate("OutreachHistory", "On the history"),
            translate("OutreachHistory", "Undone"),
        )
        self.refresh()

    def _fetch(self) -> list:
        return batches(self.database)

    def cell(self, row, column: int, role):
        key = self.COLUMNS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "at":
                return date_time(row["at"])
            if key == "channel":
                return channel_names().get(row["channel"], row["channel"])
            if key in ("id", "done", "on_history"):
                return labels.number(row[key])
            if key == "undone_at":
                return date_time(row["undone_at"]) if row["undone_at"] else ""
            return row[key] or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("id", "done", "on_history"):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and row["subject"]:
            return row["subject"]
        return None


class OutreachHistoryDialog(QDialog):
    def __init__(self, outreach: OutreachFeature):
        super().__init__(outreach.window)
        self.setObjectName("OutreachHistoryDialog")
        self.setWindowTitle(translate("OutreachHistory", "Mailing history"))
        self.outreach = outreach
        self.window = outreach.window
        self.database = outreach.session.database
        self.info = QLabel(
            translate(
                "OutreachHistory",
                "Each letter, label or envelope printed, each e-mail written or sent is an outgoing exchange on its "
                "client's "
                "history. A mailing can be undone in one action: its exchanges leave the history, "
                "except those changed by hand since.",
            ),
            self,
        )
        self.info.setWordWrap(True)
        self.model = BatchModel(self.database, self)
        self.table = read_only_table(self, self.model, "batchTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.result = QLabel(self)
        self.result.setObjectName("undoResult")
        self.result.setWordWrap(True)
        self.undo_button = QPushButton(translate("OutreachHistory", "&Undo this mailing…"), self)
        self.undo_button.setObjectName("undoBatchButton")
        self.undo_button.clicked.connect(lambda _checked=False: self.undo_selected())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        # e-mail batches: their report, resuming one
        from crmdesk.gui.outreach import email_dialog

        self.report_button, self.resume_button = email_dialog.history_buttons(self)
        self.buttons.rejected.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)
        self.resize(860, 380)
        self._update()

    def refresh(self) -> None:
        selected = self.selected()
        self.model.refresh()
        if selected is not None:
            self.select(selected["id"])
        self._update()

    def select(self, batch_id: int) -> bool:
        row = self.model.row_of(batch_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    def _update(self) -> None:
        row = self.selected()
        self.undo_button.setEnabled(row is not None and not row["undone_at"])
        if hasattr(self, "resume_button"):  # the e-mail buttons come after the first _update (in __init__)
            email = row is not None and row["channel"] == "email"
            self.report_button.setEnabled(email)
            self.resume_button.setEnabled(
                email and not row["undone_at"] and row["recipients"] > row["done"] + row["refused"]
            )

    def undo_selected(self) -> bool:
        row = self.selected()
        if row is None or row["undone_at"]:
            return False
        title = translate("OutreachHistory", "Undo a mailing")
        question = (
            translate("OutreachHistory", "Undo mailing no. %1 (%2, %3, %4 recipients)?")
            .replace("%1", str(row["id"]))
            .replace("%2", channel_names().get(row["channel"], row["channel"]))
            .replace("%3", date_time(row["at"]))
            .replace("%4", labels.number(row["done"]))
            + "\n\n"
            + translate(
                "OutreachHistory",
                "Its exchanges will leave the clients' history, except those changed since. "
                "This cannot be undone with Ctrl+Z.",
            )
        )
        if not confirm(self, title, question):
            return False
        try:
            result = undo_batch(self.database, row["id"])
        except CrmError as exc:
            messages.error(self, title, str(exc))
            return False
        self.result.setText(result.summary())
        self.refresh()
        self.outreach.history_changed()
        recall = self.outreach.recall_dialog
        if recall is not None:
            recall.refresh()
        return True
