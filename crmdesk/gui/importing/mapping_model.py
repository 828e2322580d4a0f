"""The columns page's table: one row per column of the file, and the field it goes to."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from crmdesk.gui.common import labels
from crmdesk.io.mapping import SURE, Mapping


class MappingModel(QAbstractTableModel):
    """One row per column of the file: header, first values, field (editable), confidence."""

    HEADER, SAMPLES, FIELD, CONFIDENCE = range(4)
    mappingChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mapping: Mapping | None = None
        self.headers: list[str] = []
        self.samples: list[list[str]] = []

    def reset(self, mapping: Mapping, header: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.mapping = mapping
        self.headers = [h for h in header if h]
        positions = [i for i, h in enumerate(header) if h]
        self.samples = [[row[i] for row in rows if i < len(row) and row[i]] for i in positions]
        self.endResetModel()
        self.mappingChanged.emit()

    def set_mapping(self, mapping: Mapping) -> None:
        self.mapping = mapping
        if self.headers:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.headers) - 1, self.CONFIDENCE))
        self.mappingChanged.emit()

    def fields(self) -> tuple[str, ...]:
        return self.mapping.fieldset.fields if self.mapping is not None else ()

    def field_text(self, name: str | None) -> str:
        """What the user reads for a field: its label (« Nom »), never the internal key."""
        if name is None:
            return QCoreApplication.translate("ImportWizard", "(ignored)")
        label = labels.shown(self.mapping.fieldset.labels.get(name, "")) or name
        return label[:1].upper() + label[1:]

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (
                QCoreApplication.translate("ImportWizard", "Column"),
                QCoreApplication.translate("ImportWizard", "First values"),
                QCoreApplication.translate("ImportWizard", "Field"),
                QCoreApplication.translate("ImportWizard", "Confidence"),
            )[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _choice(self, row: int):
        return self.mapping._find(self.headers[row]) if self.mapping is not None else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.headers):
            return None
        row, column = index.row(), index.column()
        choice = self._choice(row)
        name = choice.field if choice is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.HEADER:
                return self.headers[row]
            if column == self.SAMPLES:
                return " | ".join(self.samples[row])
            if column == self.FIELD:
                return self.field_text(name)
            if choice is None or name is None:
                return (
                    choice.how
                    if choice is not None and choice.how
                    else QCoreApplication.translate("ImportWizard", "not recognised")
                )
            return (
                f"{round(choice.confidence * 100)} % — {choice.how}"
                if choice.how
                else f"{round(choice.confidence * 100)} %"
            )
        if role == Qt.ItemDataRole.EditRole and column == self.FIELD:
            return name or ""
        if role == Qt.ItemDataRole.ToolTipRole and column == self.FIELD and name is not None:
            return self.field_text(name)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == self.CONFIDENCE
            and choice is not None
            and name is not None
            and choice.confidence < SURE
        ):
            from PySide6.QtGui import QColor

            return QColor("#a15c00")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != self.FIELD
            or self.mapping is None
            or not 0 <= index.row() < len(self.headers)
        ):
            return False
        name = value or None
        if name is not None and name not in self.fields():
            return False
        self.mapping.set(self.headers[index.row()], name)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.CONFIDENCE))
        self.mappingChanged.emit()
        return True
