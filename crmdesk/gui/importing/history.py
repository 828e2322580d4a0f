"""File › Import history…: every import made into the open client file, and
undoing one of them in one action (issue 7; the rule is in
crmdesk/store/imports.py).

The menu entry is ImportingFeature's (importing/menu.py).

An import undo is not a Ctrl+Z action: it is asked for here, confirmed
(`confirm`, which tests patch), and cannot itself be undone. It runs in one
transaction, in the interface's thread under a wait cursor (an undo is rare;
a big one takes seconds). Afterwards the client table, its filter lists and
the dashboard are refreshed, the window's look-up caches are dropped (reps,
products and categories may be gone) and its Ctrl+Z history is emptied, as
when another file is opened: its commands were recorded against contacts
the undo may have deleted or changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.messages import confirm  # by name: tests patch it here
from crmdesk.gui.session import Session
from crmdesk.store.imports import ImportUndoRefused, history, undo_batch


def kind_label(kind: str) -> str:
    return {
        "clients": QCoreApplication.translate("ImportHistory", "Clients"),
        "orders": QCoreApplication.translate("ImportHistory", "Orders"),
        "surveys": QCoreApplication.translate("ImportHistory", "Survey answers"),
        "web": QCoreApplication.translate("ImportHistory", "Web shop figures"),
        "social": QCoreApplication.translate("ImportHistory", "Social network figures"),
    }.get(kind, kind)


def date_time(at: str | None) -> str:
    """« 23/11/2026 10:15 »."""
    return f"{format_date(at)} {at[11:16]}" if at else ""


class ImportHistoryDialog(QDialog):
    """The imports of a client file, newest first; « Undo this import… »."""

    COLUMNS = ("id", "at", "kind", "file_name", "rows_ok", "rows_rejected", "undone_at")

    def __init__(self, session: Session, parent=None, *, on_undone=None):
        super().__init__(parent)
        self.setObjectName("ImportHistoryDialog")
        self.setWindowTitle(self.tr("Import history"))
        self.database = session.database
        self.on_undone = on_undone or (lambda: None)
        self.rows: list[dict] = []

        self.info = QLabel(self)
        self.info.setObjectName("importHistoryInfo")
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("importHistoryTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("File"),
                self.tr("Imported"),
                self.tr("Rejected"),
                self.tr("Undone"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update)
        self.result = QLabel(self)
        self.result.setObjectName("importUndoResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo_button = QPushButton(self.tr("&Undo this import…"), self)
        self.undo_button.setObjectName("undoImportButton")
        self.undo_button.clicked.connect(self.undo_selected)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)
        self.resize(780, 380)
        self.refresh()

    def refresh(self) -> None:
        """Read the list again (the selection stays on the same import)."""
        selected = self.selected()
        self.rows = history(self.database)
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            undone = (
                self.tr("Yes, %1").replace("%1", date_time(row["undone_at"])) if row["undone_at"] else self.tr("No")
            )
            cells = (
                str(row["id"]),
                date_time(row["at"]),
                kind_label(row["kind"]),
                row["file_name"] or "",
                labels.number(row["rows_ok"]),
                labels.number(row["rows_rejected"]),
                undone,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (0, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row["why_not"]:
                    item.setToolTip(row["why_not"])
                self.table.setItem(number, column, item)
        if not self.rows:
            self.info.setText(self.tr("No import has been made into this file."))
        else:
            self.info.setText(
                self.tr(
                    "Each import can be undone in one action: what it created is deleted, "
                    "the fields it changed get their former values back. Nothing added "
                    "since is lost."
                )
            )
        if selected is not None:
            self.select(selected["id"])
        self._update()

    def select(self, batch_id: int) -> bool:
        for number, row in enumerate(self.rows):
            if row["id"] == batch_id:
                self.table.selectRow(number)
                return True
        return False

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows() if self.rows else []
        return self.rows[rows[0].row()] if rows else None

    def _update(self) -> None:
        row = self.selected()
        self.undo_button.setEnabled(row is not None and row["undoable"])
        self.undo_button.setToolTip(row["why_not"] if row is not None and row["why_not"] else "")

    def undo_selected(self) -> None:
        row = self.selected()
        if row is None or not row["undoable"]:
            return
        title = self.tr("Undo an import")
        question = (
            self.tr("Undo import no. %1 (%2, « %3 », %4)?")
            .replace("%1", str(row["id"]))
            .replace("%2", kind_label(row["kind"]))
            .replace("%3", row["file_name"] or "")
            .replace("%4", date_time(row["at"]))
            + "\n\n"
            + self.tr(
                "What it created (clients, orders, survey answers, tags…) will be deleted "
                "and the fields it changed will get their former values back, except "
                "those changed since. This cannot be undone with Ctrl+Z."
            )
        )
        if not confirm(self, title, question):
            return
        try:
            result = self._run(row["id"], keep_used=False)
        except ImportUndoRefused as refused:
            if not confirm(
                self, title, str(refused) + "\n\n" + self.tr("Undo the rest of the import anyway, keeping these?")
            ):
                return
            try:
                result = self._run(row["id"], keep_used=True)
            except CrmError as exc:
                messages.error(self, title, str(exc))
                return
        except CrmError as exc:
            messages.error(self, title, str(exc))
            self.refresh()
            return
        self.result.setText("\n".join(result.summary()))
        self.refresh()
        self.on_undone()

    def _run(self, batch_id: int, *, keep_used: bool):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return undo_batch(self.database, batch_id, keep_used=keep_used)
        finally:
            QApplication.restoreOverrideCursor()
