"""The trash: contacts deleted from the table, restorable one by one or many at once."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout,
)

from crmdesk.gui import icons, labels
from crmdesk.gui.client_model import COLUMN_KEYS, ClientTableModel
from crmdesk.store.contacts import ContactQuery, ContactStore

_SHOWN = ("code", "name", "company", "stage", "city", "email")


class TrashDialog(QDialog):
    """Lists the trashed contacts; `restore(ids)` is the window's undoable restore."""

    def __init__(self, store: ContactStore, restore: Callable[[list[int]], None], parent=None):
        super().__init__(parent)
        self.setObjectName("TrashDialog")
        self.setWindowTitle(self.tr("Trash"))
        self.store = store
        self._restore = restore
        self.model = ClientTableModel(store, ContactQuery(trash=True, sort="name"), self)
        self.table = QTableView(self)
        self.table.setObjectName("trashTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_KEYS.index("name"), Qt.SortOrder.AscendingOrder)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, key in enumerate(COLUMN_KEYS):
            self.table.setColumnHidden(column, key not in _SHOWN)
        header.resizeSection(COLUMN_KEYS.index("name"), 200)
        header.resizeSection(COLUMN_KEYS.index("company"), 160)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.table.activated.connect(lambda _index: self.restore_selected())

        self.info = QLabel(self)
        self.info.setObjectName("trashInfo")
        self.info.setWordWrap(True)
        self.restore_button = QPushButton(icons.icon("restore"), self.tr("&Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(820, 440)
        self.refresh()

    def refresh(self, *_args) -> None:
        self.model.refresh()
        count = self.model.total()
        if count == 0:
            self.info.setText(self.tr("The trash is empty."))
        else:
            self.info.setText(self.tr("%1 in the trash. Select one or more, then « Restore ».")
                              .replace("%1", self.tr("1 client") if count == 1
                                       else self.tr("%1 clients").replace("%1", labels.number(count))))
        self._update()

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

    def _update(self, *_args) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
