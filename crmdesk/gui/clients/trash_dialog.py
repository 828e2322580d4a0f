"""The trash: contacts deleted from the table, restorable one by one or many at once.

Each row says when it was deleted (the most recent first). « Empty the
trash… » deletes them for good after a confirmation, in one transaction
(crmdesk.store.trash: a contact with orders, complaints or home parties stays
in the trash — those records must outlive it); `emptied(EmptiedTrash)`
follows: the window forgets the undo history, which could name them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from crmdesk.domain.dates import format_date
from crmdesk.gui.clients.client_model import COLUMN_KEYS, COLUMNS, ClientTableModel
from crmdesk.gui.common import icons, labels
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.trash import EmptiedTrash, empty_trash, held_in_trash

_SHOWN = ("code", "name", "company", "stage", "city", "email")


def deleted_on(stamp: str | None) -> str:
    """« 2026-11-23T14:05:09 » -> « 23/11/2026 14:05 »."""
    if not stamp:
        return ""
    return f"{format_date(stamp[:10])} {stamp[11:16]}".strip()


class TrashModel(ClientTableModel):
    """The client table's model with one more column: when each contact was deleted."""

    DELETED = len(COLUMNS)

    def __init__(self, store: ContactStore, parent=None):
        super().__init__(store, ContactQuery(trash=True, sort="deleted_at", descending=True), parent)
        self._headers = (*self._headers, self.tr("Deleted on"))

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if section == self.DELETED and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if role == Qt.ItemDataRole.DisplayRole else None
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if (
            index.isValid()
            and index.column() == self.DELETED
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        ):
            row = self.row(index.row())
            return deleted_on(row.get("deleted_at")) if row else None
        return super().data(index, role)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column != self.DELETED:
            super().sort(column, order)
            return
        self.set_query(self.query.with_(sort="deleted_at", descending=order == Qt.SortOrder.DescendingOrder))


class TrashDialog(QDialog):
    """Lists the trashed contacts; `restore(ids)` is the window's undoable restore."""

    emptied = Signal(object)  # EmptiedTrash

    def __init__(self, store: ContactStore, restore: Callable[[list[int]], None], parent=None):
        super().__init__(parent)
        self.setObjectName("TrashDialog")
        self.setWindowTitle(self.tr("Trash"))
        self.store = store
        self._restore = restore
        self.model = TrashModel(store, self)
        self.table = QTableView(self)
        self.table.setObjectName("trashTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, key in enumerate(COLUMN_KEYS):
            self.table.setColumnHidden(column, key not in _SHOWN)
        header.moveSection(TrashModel.DELETED, 0)  # first: when it went to the trash
        header.resizeSection(TrashModel.DELETED, 130)
        header.resizeSection(COLUMN_KEYS.index("name"), 200)
        header.resizeSection(COLUMN_KEYS.index("company"), 160)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TrashModel.DELETED, Qt.SortOrder.DescendingOrder)  # the latest first
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.table.activated.connect(lambda _index: self.restore_selected())

        self.info = QLabel(self)
        self.info.setObjectName("trashInfo")
        self.info.setWordWrap(True)
        self.restore_button = QPushButton(icons.icon("restore"), self.tr("&Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(self.tr("&Empty the trash…"), self)
        self.empty_button.setObjectName("emptyButton")
        self.empty_button.setToolTip(self.tr("Delete every client of the trash for good"))
        self.empty_button.clicked.connect(lambda _checked=False: self.empty())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("trashOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.resize(900, 440)
        self.refresh()

    def refresh(self, *_args) -> None:
        self.model.refresh()
        count = self.model.total()
        if count == 0:
            self.info.setText(self.tr("The trash is empty."))
        else:
            self.info.setText(
                self.tr("%1 in the trash. Select one or more, then « Restore ».").replace("%1", self.clients(count))
            )
        self._update()

    def clients(self, count: int) -> str:
        return self.tr("1 client") if count == 1 else self.tr("%1 clients").replace("%1", labels.number(count))

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.contact_id(r) for r in rows) if i is not None]

    def select_all(self) -> None:
        self.table.selectAll()

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._restore(ids)
            self.refresh()

    def empty(self) -> EmptiedTrash | None:
        """Ask, then delete for good what may go; the outcome is written under the table."""
        count = self.model.total()
        if not count:
            return None
        held = len(held_in_trash(self.store.database))
        kept = self.tr("To make such a person anonymous, restore them, then use GDPR › Anonymise the client.")
        if held == count:
            QMessageBox.information(
                self,
                self.tr("Empty the trash"),
                self.tr(
                    "Nothing can be deleted for good: every client in the trash has orders, complaints or home "
                    "parties, which must be kept."
                )
                + "\n\n"
                + kept,
            )
            return None
        going = count - held
        text = (
            self.tr(
                "1 client will be deleted for good, with their exchanges, tasks and loyalty points. "
                "This cannot be undone."
            )
            if going == 1
            else self.tr(
                "%1 clients will be deleted for good, with their exchanges, tasks and loyalty points. "
                "This cannot be undone."
            ).replace("%1", labels.number(going))
        )
        if held:
            text += (
                "\n\n"
                + (
                    self.tr("1 client will stay in the trash: their orders, complaints or home parties must be kept.")
                    if held == 1
                    else self.tr(
                        "%1 clients will stay in the trash: their orders, complaints or home parties must be kept."
                    ).replace("%1", labels.number(held))
                )
                + " "
                + kept
            )
        answer = QMessageBox.question(
            self,
            self.tr("Empty the trash"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        result = empty_trash(self.store.database)
        self.refresh()
        said = (
            self.tr("1 client deleted for good.")
            if result.deleted == 1
            else self.tr("%1 clients deleted for good.").replace("%1", labels.number(result.deleted))
        )
        if result.kept:
            said += " " + (
                self.tr("1 client kept in the trash (orders, complaints or home parties).")
                if result.kept == 1
                else self.tr("%1 clients kept in the trash (orders, complaints or home parties).").replace(
                    "%1", labels.number(result.kept)
                )
            )
        self.outcome.setText(said)
        self.outcome.show()
        self.emptied.emit(result)
        return result

    def _update(self, *_args) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        self.empty_button.setEnabled(self.model.total() > 0)
