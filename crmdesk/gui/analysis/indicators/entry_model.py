"""An editable table of figures typed per period, and a read-only table of texts.

EntryTableModel keeps each cell as typed; a Column's `parse` turns the text
into the value to store or raises CrmError with the French reason. A wrong
cell is reported (PROBLEM_ROLE, tooltip, pale red background; the view's
CellFrameDelegate frames it in red) once it was edited, or everywhere after
`reveal()` (a refused save): a row just added is not shouted at. Rows left
entirely blank are ignored. Two rows with the same identity (the period;
the period and the network) are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QStyledItemDelegate

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common.table_model import ReadOnlyTableModel

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FRAME = QColor("#c0392b")  # field_errors.INVALID_STYLE's colours
_FILL = QColor("#fdf0ef")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    parse: Callable[[str], object]  # typed text -> value (CrmError: French reason)
    show: Callable[[object], str] = str  # value -> what the cell shows
    edit: Callable[[object], str] = str  # stored value -> text to retype
    numeric: bool = True  # right-aligned


class EntryTableModel(QAbstractTableModel):
    """Rows of typed texts over `columns`; `identity(values)` tells two rows apart."""

    changed = Signal()  # after any edit, insertion or removal

    def __init__(self, columns: Sequence[Column], identity: Callable[[dict], tuple], duplicate: str, parent=None):
        super().__init__(parent)
        self.columns = tuple(columns)
        self.keys = tuple(c.key for c in self.columns)
        self._identity = identity
        self._duplicate = duplicate  # French reason, « %1 » = the row number already holding it
        self.rows: list[dict] = []  # {"texts": {key: text}, "edited": set of keys}
        self._values: list[dict] = []
        self._problems: dict[tuple[int, str], str] = {}
        self._revealed = False
        for signal in (self.dataChanged, self.rowsInserted, self.rowsRemoved, self.modelReset):
            signal.connect(lambda *_: self.changed.emit())

    # -- contents --------------------------------------------------------------------------
    def load(self, records: Sequence[dict]) -> None:
        """Stored rows (values by key), shown as the texts to retype."""
        self.beginResetModel()
        self.rows = [
            {"texts": {c.key: "" if r.get(c.key) is None else c.edit(r[c.key]) for c in self.columns}, "edited": set()}
            for r in records
        ]
        self._revealed = False
        self._check()
        self.endResetModel()

    def add_row(self) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append({"texts": dict.fromkeys(self.keys, ""), "edited": set()})
        self._check()
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self._check()
            self.endRemoveRows()
            self._all_changed()  # a duplicate may be gone

    def set_cell(self, row: int, key: str, text: str) -> bool:
        """Type into a cell (tests, scripts)."""
        return self.setData(self.index(row, self.keys.index(key)), text)

    def reveal(self) -> None:
        """Report every problem, edited or not (a save was refused)."""
        self._revealed = True
        self._all_changed()

    # -- checking --------------------------------------------------------------------------
    def _blank(self, row: int) -> bool:
        return not any(t.strip() for t in self.rows[row]["texts"].values())

    def _check(self) -> None:
        self._values, self._problems = [], {}
        seen: dict[tuple, int] = {}
        for number, row in enumerate(self.rows):
            values = {}
            for column in self.columns:
                try:
                    values[column.key] = column.parse(row["texts"][column.key])
                except CrmError as exc:
                    self._problems[(number, column.key)] = str(exc)
            self._values.append(values)
            if self._blank(number) or len(values) < len(self.columns):
                continue
            identity = self._identity(values)
            if identity in seen:
                self._problems[(number, self.keys[0])] = self._duplicate.replace("%1", str(seen[identity] + 1))
            else:
                seen[identity] = number

    def problems(self, shown_only: bool = False) -> dict[tuple[int, str], str]:
        """{(row, key): French reason} of the rows that are not blank."""
        return {
            (row, key): why
            for (row, key), why in self._problems.items()
            if not self._blank(row) and (not shown_only or self._shown(row, key))
        }

    def _shown(self, row: int, key: str) -> bool:
        return self._revealed or key in self.rows[row]["edited"]

    def records(self) -> list[dict]:
        """The rows that are right (values by key), in the table's order; blank ones left out."""
        wrong = {row for row, _key in self._problems}
        return [self._values[r] for r in range(len(self.rows)) if r not in wrong and not self._blank(r)]

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = self.columns[index.column()]
        text = self.rows[index.row()]["texts"][column.key]
        problem = (
            self._problems.get((index.row(), column.key))
            if self._shown(index.row(), column.key) and not self._blank(index.row())
            else None
        )
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._values[index.row()].get(column.key)
            return text if problem or not text.strip() or value is None else column.show(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        if role in (Qt.ItemDataRole.ToolTipRole, PROBLEM_ROLE):
            return problem
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return QBrush(_FILL)
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not 0 <= index.row() < len(self.rows):
            return False
        key = self.keys[index.column()]
        row = self.rows[index.row()]
        row["texts"][key] = " ".join(str(value if value is not None else "").split())
        row["edited"].add(key)
        self._check()
        self._all_changed()  # duplicates link rows together
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def _all_changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


class CellFrameDelegate(QStyledItemDelegate):
    """Frames in red the cells whose PROBLEM_ROLE is set."""

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        if index.data(PROBLEM_ROLE):
            painter.save()
            painter.setPen(QPen(_FRAME, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class TextTableModel(ReadOnlyTableModel):
    """Read-only rows of ready-made texts; the columns in `right` (figures) are right-aligned."""

    def __init__(self, headers: Sequence[str], right: Container[int] = (), parent=None):
        super().__init__(parent)
        self._headers = tuple(headers)
        self.right = right
        self.rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self.rows = [tuple(r) for r in rows]
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # a long text is cut in its cell
            return row[index.column()] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right:
            return _RIGHT
        return None
