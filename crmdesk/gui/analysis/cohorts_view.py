"""Analysis › Cohorts…: the retention matrix by month of first order
(crmdesk/io/cohorts.py, docs/domain/06-indicators.md « Cohorts »).

A table: one row per cohort (the month of the clients' first order), its
clients, then « M+0 », « M+1 »…: the share of the cohort who ordered that
many months later (or their number: « Show »), coloured white to blue up to
the best retention; the cells of the reference date's month are in italics
while it is not over. Computed as of the reference date (today by default),
cohorts from a month or from the first order, in a worker thread from a
read-only connection of its own (progress, « Stop »). « Export… » writes the
matrix as XLSX (coloured shares and clients) or CSV.

    cohorts_view.install(window, menu, before=action)   # once, by the Analysis menu
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.periods import bounds
from crmdesk.gui.analysis.tabular_parts import TaskRow, ask_table_path
from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import read_only_table
from crmdesk.gui.common.worker import Job, reader

if TYPE_CHECKING:
    from crmdesk.gui.session import Session

_ROOT = QModelIndex()
FIRST_DAY = QDate(2000, 1, 1)  # « from the first order » (the date edit's special value)
LIGHT, DARK = (235, 242, 250), (23, 75, 140)  # the RFM heat map's white-blue


def heat(share: float, top: float) -> QColor:
    """White to deep blue as the share goes from 0 to `top`."""
    if top <= 0 or share <= 0:
        return QColor("#ffffff")
    t = min(share / top, 1.0)
    return QColor(*(round(a + (b - a) * t) for a, b in zip(LIGHT, DARK)))


def month_label(number: int) -> str:
    """« nov. 2025 » for a month numbered as db/005 numbers it."""
    return bounds("month", dt.date(number // 12, number % 12 + 1, 1)).short_label


class CohortModel(QAbstractTableModel):
    """Rows: cohorts; column 0 their clients, column 1 + k « M+k »."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cohorts = None
        self.show_shares = True
        self._counts = self._shares = self._known = None
        self._top = 0.0

    def set_cohorts(self, cohorts) -> None:
        self.beginResetModel()
        self.cohorts = cohorts
        self._counts = self._shares = self._known = None
        self._top = 0.0
        if cohorts is not None:
            shares = cohorts.shares()
            self._counts, self._shares, self._known = cohorts.counts.to_numpy(), shares.to_numpy(), cohorts.known()
            top = shares.iloc[:, 1:].max().max() if shares.shape[1] > 1 else 0.0  # the best retention after M+0
            self._top = 0.0 if math.isnan(top) else float(top)  # NaN: nobody
        self.endResetModel()

    def set_show_shares(self, shares: bool) -> None:
        self.show_shares = shares
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 1), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() or self.cohorts is None else len(self.cohorts.months)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() or self.cohorts is None else 1 + len(self.cohorts.counts.columns)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if self.cohorts is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.columnCount():
                return self.tr("Clients") if section == 0 else f"M+{section - 1}"
            if role == Qt.ItemDataRole.ToolTipRole and 0 < section < self.columnCount():
                return self.tr("Months after the first order: %1").replace("%1", str(section - 1))
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.rowCount():
            return month_label(self.cohorts.months[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.cohorts is None or not 0 <= index.row() < self.rowCount():
            return None
        row, column = index.row(), index.column()
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return labels.number(int(self._counts[row, 0]))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        k = column - 1
        if not self._known[row, k]:
            return None
        count, share = int(self._counts[row, k]), float(self._shares[row, k])
        nobody = math.isnan(share)  # a cohort of nobody
        if role == Qt.ItemDataRole.DisplayRole:
            if not self.show_shares:
                return labels.number(count)
            return "—" if nobody else f"{labels.FRENCH.toString(share * 100, 'f', 1)}\u00a0%"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.BackgroundRole and k > 0 and not nobody:
            return heat(share, self._top)
        if role == Qt.ItemDataRole.ForegroundRole and k > 0 and not nobody and self._top and share / self._top > 0.55:
            return QColor("#ffffff")
        if role == Qt.ItemDataRole.FontRole and self.cohorts.current(row, k):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            cohort = self.cohorts.months[row]
            text = (
                self.tr("%1 of the %2 clients of %3 ordered in %4")
                .replace("%1", labels.number(count))
                .replace("%2", labels.number(int(self._counts[row, 0])))
                .replace("%3", month_label(cohort))
                .replace("%4", month_label(cohort + k))
            )
            if self.cohorts.current(row, k):
                text += "\n" + self.tr("This month is not over: the figure can still grow.")
            return text
        return None


class CohortsDialog(QDialog):
    computed = Signal(object)  # the Cohorts shown
    exported = Signal(str)  # the path written

    def __init__(self, session: Session, parent: QWidget | None = None, *, as_of: dt.date | None = None):
        super().__init__(parent)
        self.setObjectName("cohortsDialog")
        self.setWindowTitle(self.tr("Cohorts"))
        self.database = session.database
        self.cohorts = None
        self._again = False
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.from_edit = QDateEdit(self)
        self.from_edit.setObjectName("fromEdit")
        self.from_edit.setDisplayFormat("MM/yyyy")
        self.from_edit.setMinimumDate(FIRST_DAY)
        self.from_edit.setSpecialValueText(self.tr("the first order"))
        self.from_edit.setDate(FIRST_DAY)
        self.from_edit.setToolTip(
            self.tr("The first cohort shown (its month); the lowest value: from the first order of the file")
        )
        from_label = QLabel(self.tr("Cohorts &from:"), self)
        from_label.setBuddy(self.from_edit)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        day = as_of or session.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        date_label = QLabel(self.tr("Reference &date:"), self)
        date_label.setBuddy(self.date_edit)
        self.show_combo = QComboBox(self)
        self.show_combo.setObjectName("showCombo")
        self.show_combo.addItem(self.tr("Shares of the cohort"), True)
        self.show_combo.addItem(self.tr("Numbers of clients"), False)
        show_label = QLabel(self.tr("&Show:"), self)
        show_label.setBuddy(self.show_combo)
        for label, widget in (
            (from_label, self.from_edit),
            (date_label, self.date_edit),
            (show_label, self.show_combo),
        ):
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(12)
        top.addStretch(1)
        layout.addLayout(top)

        self.model = CohortModel(self)
        self.table = read_only_table(self, self.model, "cohortsTable")
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setDefaultSectionSize(72)
        layout.addWidget(self.table, 1)

        self.summary = QLabel(self)
        self.summary.setObjectName("summaryLabel")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.task_row = TaskRow(self)
        self.task_row.ended.connect(self._ended)
        layout.addWidget(self.task_row)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("E&xport…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.ask_export)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.from_edit.dateChanged.connect(lambda _d: self.refresh())
        self.date_edit.dateChanged.connect(lambda _d: self.refresh())
        self.show_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_show_shares(self.show_combo.currentData())
        )
        self.resize(900, 560)
        self.refresh()

    def as_of(self) -> dt.date:
        return self.date_edit.date().toPython()

    def start(self) -> dt.date | None:
        day = self.from_edit.date()
        return None if day == FIRST_DAY else day.toPython().replace(day=1)

    def refresh(self) -> None:
        """Compute again (after the computation under way, when one runs)."""
        if self.task_row.running():
            self._again = True
            self.task_row.cancel()
            return
        database, as_of, start = self.database, self.as_of(), self.start()
        self.cohorts = None  # what is shown is always the matrix of the dates shown
        self.model.set_cohorts(None)
        self.export_button.setEnabled(False)
        self.summary.clear()
        if start is not None and start > as_of:
            self.summary.setText(self.tr("The first cohort is after the reference date: nothing to show."))
            return

        def compute(job: Job):
            from crmdesk.io import cohorts

            with reader(database, job) as db:
                return cohorts.compute(db, as_of, start, lambda done, total: job.report(done, total))

        self.task_row.run(compute, self._show)

    def _ended(self) -> None:
        self._inputs(True)
        if self.cohorts is not None and self.cohorts.months:
            self.export_button.setEnabled(True)
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, cohorts) -> None:
        self.cohorts = cohorts
        self.model.set_cohorts(cohorts)
        self.table.resizeColumnToContents(0)
        self.export_button.setEnabled(bool(cohorts.months))
        day = cohorts.as_of.strftime("%d/%m/%Y")
        if not cohorts.months:
            self.summary.setText(self.tr("No order up to %1.").replace("%1", day))
        else:
            text = (
                self.tr(
                    "%1 clients in %2 cohorts, as of %3. Each cell: the share of the cohort (its row) who "
                    "ordered that many months after their first order."
                )
                .replace("%1", labels.number(int(cohorts.sizes.sum())))
                .replace("%2", labels.number(len(cohorts.months)))
                .replace("%3", day)
            )
            if cohorts.in_progress:
                text += " " + self.tr("The month of %1 is not over: its cells, in italics, can still grow.").replace(
                    "%1", day
                )
            self.summary.setText(text)
        self.computed.emit(cohorts)

    # -- export ---------------------------------------------------------------------------------
    def ask_export(self) -> None:
        if self.cohorts is None:
            return
        chosen = ask_table_path(self, self.tr("Export the cohorts"), f"cohortes-{self.cohorts.as_of.isoformat()}")
        if chosen is not None:
            self.export_to(*chosen)

    def export_to(self, path, fmt: str) -> None:
        """Write the matrix shown to `path` (in the worker)."""
        database, cohorts = self.database, self.cohorts

        def write(job: Job) -> str:
            from crmdesk.io import cohorts as matrix

            with reader(database, job) as db:
                matrix.export(db, path, cohorts, fmt, lambda done, total: job.report(done, total))
            return str(path)

        self.export_button.setEnabled(False)
        self._inputs(False)  # a new date would stop the export: the dates wait for it
        self.task_row.run(write, self._exported)

    def _inputs(self, enabled: bool) -> None:
        for widget in (self.from_edit, self.date_edit):
            widget.setEnabled(enabled)

    def _exported(self, path: str) -> None:
        self.summary.setText(self.tr("Cohorts exported to %1.").replace("%1", path))
        self.exported.emit(path)

    def done(self, result: int) -> None:  # QDialog.done: stop the computation before closing
        self.task_row.stop_and_wait()
        super().done(result)
