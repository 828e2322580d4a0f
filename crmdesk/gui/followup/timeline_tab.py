"""The client sheet's « Historique » tab: all that happened with the client (docs/domain/07-follow-up-and-loyalty.md).

Interactions (calls, e-mails, visits…), orders, complaints and survey
answers, newest first, from one indexed query by client
(InteractionStore.timeline). « Add an exchange… » opens the interaction
dialog; an interaction is edited by a double-click (or Edit…) and deleted
with Delete; the other lines belong to their own tabs. « New task… » plans
a task for this client. `changed(contact_id)` follows every change.

    tab = TimelineTab(session, contact_id, parent)
    dialog.tabs.addTab(tab, tab.tr("History"))
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QVBoxLayout, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur
from crmdesk.gui.common import messages
from crmdesk.gui.common.actions import client_tabs, keep_dialog
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.followup.interaction_dialog import InteractionDialog, channels
from crmdesk.gui.followup.texts import format_when
from crmdesk.gui.session import Session
from crmdesk.store.interactions import InteractionStore


def refresh_tabs(contact_id: int) -> None:
    """Every open History tab of this client shows it again (after an order,
    a complaint or a survey answer changed elsewhere: connect it to
    MainWindow.ordersChanged)."""
    for tab in client_tabs(TimelineTab, contact_id):
        tab.refresh()


class TimelineModel(ReadOnlyTableModel):
    """One line per event: date, what, direction, subject, details, rep."""

    def __init__(self, store: InteractionStore, contact_id: int, parent=None):
        super().__init__(parent)
        self._headers = (
            self.tr("Date"),
            self.tr("What"),
            self.tr("Direction"),
            self.tr("Subject"),
            self.tr("Details"),
            self.tr("Rep"),
        )
        self._sources = {
            "interaction": self.tr("Exchange"),
            "order": self.tr("Order"),
            "complaint": self.tr("Complaint"),
            "survey": self.tr("Survey answer"),
        }
        self._directions = {"in": self.tr("In"), "out": self.tr("Out")}
        self._channels = channels()
        self.store = store
        self.contact_id = contact_id
        self.refresh()

    def _fetch(self) -> list[dict]:
        return self.store.timeline(self.contact_id)

    def _what(self, row: dict) -> str:
        source = self._sources.get(row["source"], row["source"])
        if row["source"] == "interaction":
            return f"{source} · {self._channels.get(row['channel'], row['channel'])}"
        return source

    def _details(self, row: dict) -> str:
        if row["source"] == "order":
            return " · ".join(p for p in (format_eur(row["amount_cents"]), row["ref"] or "") if p)
        if row["source"] == "survey":
            text = f"{(row['kind'] or '').upper()} {row['score']}"
            return f"{text} · {row['notes']}" if row["notes"] else text
        if row["source"] == "complaint":
            return " · ".join(p for p in (row["ref"], (row["notes"] or "").split("\n")[0]) if p)
        return (row["notes"] or "").strip().replace("\n", " ⏎ ")

    def text(self, row: dict, column: int) -> str:
        if column == 0:
            return format_when(row["at"])
        if column == 1:
            return self._what(row)
        if column == 2:
            return self._directions.get(row["direction"], "") if row["source"] == "interaction" else ""
        if column == 3:
            return row["subject"] or ""
        if column == 4:
            return self._details(row)
        return row["rep_name"] or ""

    def cell(self, row: dict, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and row["notes"]:
            return row["notes"]
        return None

    def interaction_id(self, row: int) -> int | None:
        if 0 <= row < len(self.rows) and self.rows[row]["source"] == "interaction":
            return self.rows[row]["id"]
        return None

    def row_of_interaction(self, interaction_id: int) -> int | None:
        return next(
            (i for i, r in enumerate(self.rows) if r["source"] == "interaction" and r["id"] == interaction_id), None
        )


class TimelineTab(QWidget):
    changed = Signal(int)  # contact id, after an interaction was added, edited or deleted
    dialogOpened = Signal(object)  # the InteractionDialog or TaskDialog opened (tests drive it)

    def __init__(
        self, session: Session, contact_id: int, parent: QWidget | None = None, now: dt.datetime | None = None
    ):
        super().__init__(parent)
        self.setObjectName("TimelineTab")
        self.session = session
        self.store = session.interactions
        self.contact_id = contact_id
        self.now = now
        self.dialog = None
        self.model = TimelineModel(self.store, contact_id, self)
        self.table = read_only_table(self, self.model, "timeline")
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.edit_interaction(self.model.interaction_id(index.row())))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("&Add an exchange…"), self)
        self.add_button.setObjectName("addInteraction")
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setObjectName("editInteraction")
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.setObjectName("deleteInteraction")
        self.task_button = QPushButton(self.tr("New &task…"), self)
        self.task_button.setObjectName("newTask")
        self.add_button.clicked.connect(lambda _checked=False: self.add_interaction())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_interaction())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_interaction())
        self.task_button.clicked.connect(lambda _checked=False: self.new_task())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.task_button.setAutoDefault(False)
        buttons.addWidget(self.task_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def refresh(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.current_interaction_id()
        self.model.refresh()
        row = self.model.row_of_interaction(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def current_interaction_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.interaction_id(rows[0].row()) if rows else None

    def _update_buttons(self, *_args) -> None:
        selected = self.current_interaction_id() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    # -- changes -------------------------------------------------------------------------------
    def add_interaction(self) -> InteractionDialog:
        return self._open(None)

    def edit_interaction(self, interaction_id: int | None = None) -> InteractionDialog | None:
        interaction_id = interaction_id if interaction_id is not None else self.current_interaction_id()
        return self._open(interaction_id) if interaction_id is not None else None

    def _open(self, interaction_id: int | None) -> InteractionDialog:
        dialog = InteractionDialog(self.session, self.contact_id, interaction_id, self, now=self.now)
        dialog.saved.connect(self._saved)
        return self._show(dialog)

    def new_task(self):
        from crmdesk.gui.followup.task_dialog import TaskDialog

        dialog = TaskDialog(self.session, contact_id=self.contact_id, parent=self)
        dialog.saved.connect(lambda _task_id: self.changed.emit(self.contact_id))
        return self._show(dialog)

    def _show(self, dialog):
        if self.dialog is not None:  # one at a time
            self.dialog.close()
        keep_dialog(self, "dialog", dialog)
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def _saved(self, interaction_id: int) -> None:
        self.refresh(interaction_id)
        self.changed.emit(self.contact_id)

    def confirm_delete(self, row: dict) -> bool:
        """Ask before deleting (tests patch QMessageBox.question)."""
        text = (
            self.tr("Delete the exchange of %1 « %2 »?")
            .replace("%1", format_when(row["at"]))
            .replace("%2", row["subject"] or "")
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete an exchange"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_interaction(self, interaction_id: int | None = None) -> bool:
        interaction_id = interaction_id if interaction_id is not None else self.current_interaction_id()
        row = self.store.get(interaction_id) if interaction_id is not None else None
        if row is None or not self.confirm_delete(row):
            return False
        try:
            self.store.delete(interaction_id)
        except CrmError as exc:
            messages.error(self, QCoreApplication.translate("TimelineTab", "Delete an exchange"), str(exc))
            return False
        self.refresh()
        self.changed.emit(self.contact_id)
        return True
