"""One page of the digital indicators: the figures typed per period, the
French reason of every wrong cell under them, « Add row » / « Delete row »,
and below, read-only, the indicators computed from the rows that are right
(recomputed at every edit: what is typed shows its rates at once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.gui.analysis.indicators.entry_model import CellFrameDelegate, EntryTableModel, TextTableModel
from crmdesk.gui.common.field_errors import error_label
from crmdesk.gui.common.table_model import read_only_table

Derive = Callable[[list[dict]], Sequence[Sequence[str]]]  # right rows -> rows of texts
_SHOWN_PROBLEMS = 3


def _columns_fit(table: QTableView) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(70)
    header.setStretchLastSection(False)  # a stretched figure column would push its numbers far right


class EntryPanel(QWidget):
    def __init__(
        self, model: EntryTableModel, derived: TextTableModel, derive: Derive, name: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName(f"{name}Panel")
        self.model = model
        self.derived = derived
        self.derive = derive

        self.table = QTableView(self)
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(model)
        self.table.setItemDelegate(CellFrameDelegate(self.table))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move, F2 or typing edits
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        _columns_fit(self.table)
        caption = QLabel(self.tr("&Figures per period (F2 or typing edits a cell):"), self)
        caption.setBuddy(self.table)
        self.error = error_label(self, name)

        self.add_button = QPushButton(self.tr("&Add row"), self)
        self.add_button.setObjectName(f"{name}AddRow")
        self.delete_button = QPushButton(self.tr("&Delete row"), self)
        self.delete_button.setObjectName(f"{name}DeleteRow")
        self.add_button.clicked.connect(lambda _checked=False: self.add_row())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_row())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.derived_table = read_only_table(self, derived, f"{name}Derived")
        self.derived_table.setAlternatingRowColors(True)
        _columns_fit(self.derived_table)
        derived_caption = QLabel(self.tr("Computed &indicators:"), self)
        derived_caption.setBuddy(self.derived_table)

        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(derived_caption)
        layout.addWidget(self.derived_table, 1)
        model.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """The computed indicators and the reasons under the table follow the typed figures."""
        self.derived.set_rows(self.derive(self.model.records()))
        problems = self.model.problems(shown_only=True)
        lines = [
            self.tr("Line %1, %2: %3")
            .replace("%1", str(row + 1))
            .replace("%2", self.model.columns[self.model.keys.index(key)].header)
            .replace("%3", why)
            for (row, key), why in sorted(problems.items(), key=lambda p: (p[0][0], self.model.keys.index(p[0][1])))
        ]
        if len(lines) > _SHOWN_PROBLEMS:
            lines = lines[:_SHOWN_PROBLEMS] + [
                self.tr("(and %1 more)").replace("%1", str(len(lines) - _SHOWN_PROBLEMS))
            ]
        self.error.setText("\n".join(lines))
        self.error.setVisible(bool(lines))
        self.delete_button.setEnabled(self.model.rowCount() > 0)

    def add_row(self) -> int:
        row = self.model.add_row()
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def delete_row(self, row: int | None = None) -> None:
        row = row if row is not None else self.table.currentIndex().row()
        self.model.remove_row(row)
