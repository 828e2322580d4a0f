"""Base for the flat, read-only table models of the GUI."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


class ReadOnlyTableModel(QAbstractTableModel):
    """Rows counted by `_row_count()` (default: `len(self.rows)`), one column per header.

    Cells are enabled and selectable, never with children: QAbstractTableModel's
    own flags(), not overridden (a Python call per cell at each paint).

    Subclasses set `self._headers` (translated once, in __init__) and write
    either data() or cell(); a model that reads its rows from a store writes
    `_fetch()` and calls refresh().
    """

    _headers: Sequence[str] = ()
    rows: Sequence = ()

    def set_rows(self, rows) -> None:
        """Show `rows` instead of the current ones (one model reset)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def _fetch(self) -> list:
        """The rows as they are now (for refresh())."""
        raise NotImplementedError

    def refresh(self) -> None:
        self.set_rows(self._fetch())

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        return None if row is None else self.cell(row, index.column(), role)

    def cell(self, row, column: int, role):
        """What `role` shows of `column` of the (valid) `row`."""
        return None

    def _row_count(self) -> int:
        return len(self.rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def row_at(self, index: QModelIndex):
        """The row shown at `index`, or None for an invalid or stale index."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    # for `rows` of dicts with an « id »
    def id_at(self, row: int) -> int | None:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def row_of(self, row_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r["id"] == row_id), None)


def read_only_table(parent: QWidget, model: QAbstractTableModel, name: str) -> QTableView:
    """A view of `model`: whole rows, one at a time, no editing; Tab leaves the table."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    return table
