"""« Répartition par statut »: clients and revenue per status (docs/domain/03-statuses.md).

A table (status, clients, revenue « 568 260,00 € », share in volume
« 9,75 % », share in value « 21,0 % ») and a pyqtgraph bar chart with the two
shares side by side per status. The shares are over the clients that HAVE a
status; « hors grille » is a last row apart, without shares. The figures are
computed as of the chosen date (today by default) with the file's status
grid, in a worker thread, from a read-only connection of its own.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.money import format_eur
from crmdesk.domain.segments import Distribution
from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.common.worker import Job, Recomputing, reader
from crmdesk.gui.session import Session
from crmdesk.store import analytics

VOLUME_COLOUR = "#3b6ea8"
VALUE_COLOUR = "#e08a2c"


def percent(share: Fraction, decimals: int) -> str:
    """Fraction in % -> « 9,75 % » (French decimals, no-break space)."""
    return f"{labels.FRENCH.toString(float(share), 'f', decimals)}\u00a0%"


class DistributionModel(ReadOnlyTableModel):
    """The four statuses, then « hors grille » when some clients are outside."""

    COLUMNS = ("status", "clients", "revenue", "volume", "value")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.distribution: Distribution | None = None
        self._rows: list = []
        self._headers = (
            self.tr("Status"),
            self.tr("Clients"),
            self.tr("Revenue"),
            self.tr("Share in volume"),
            self.tr("Share in value"),
        )

    def set_distribution(self, distribution: Distribution | None) -> None:
        self.beginResetModel()
        self.distribution = distribution
        self._rows = (
            []
            if distribution is None
            else list(distribution.rows) + ([distribution.outside] if distribution.outside.clients else [])
        )
        self.endResetModel()

    def _row_count(self) -> int:
        return len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            outside = row.status is None
            if key == "status":
                return row.label
            if key == "clients":
                return labels.number(row.clients)
            if key == "revenue":
                return format_eur(row.revenue_cents)
            if key == "volume":
                return "—" if outside else percent(row.volume_share, 2)
            return "—" if outside else percent(row.value_share, 1)
        if role == Qt.ItemDataRole.TextAlignmentRole and key != "status":
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and row.status is None:
            return self.tr("Clients with orders that meet no status of the grid: not in the shares.")
        if role == Qt.ItemDataRole.FontRole and row.status is None:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class DistributionDialog(Recomputing, QDialog):
    computed = Signal(object)  # the Distribution shown

    def __init__(self, session: Session, parent: QWidget | None = None, *, as_of: dt.date | None = None):
        super().__init__(parent)
        self.setObjectName("distributionDialog")
        self.setWindowTitle(self.tr("Distribution by status"))
        self.database = session.database  # read in a worker, on a connection of its own
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        date_label = QLabel(self.tr("&Reference date:"), self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        day = as_of or session.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        date_label.setBuddy(self.date_edit)
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        self.period_label = QLabel(self)
        top.addWidget(self.period_label, 1)
        layout.addLayout(top)

        self.model = DistributionModel(self)
        self.table = read_only_table(self, self.model, "distributionTable")
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

        import pyqtgraph  # only when the view opens: a lighter start-up

        self.chart = pyqtgraph.PlotWidget(self, background="w")
        self.chart.setObjectName("distributionChart")
        self.chart.setMinimumHeight(240)
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.hideButtons()
        self.chart.setLabel("left", "%")
        self.chart.showGrid(y=True, alpha=0.3)
        self.chart.addLegend(offset=(-10, 10))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.total_label = QLabel(self)
        self.total_label.setObjectName("totalLabel")
        layout.addWidget(self.total_label)
        layout.addWidget(self._bar())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.date_edit.dateChanged.connect(lambda _d: self.refresh())
        self.resize(640, 560)
        self.refresh()

    def as_of(self) -> dt.date:
        return self.date_edit.date().toPython()

    def refresh(self) -> None:
        """Recompute (after the current computation when one runs)."""
        if self._busy():
            return
        database, as_of = self.database, self.as_of()
        first = as_of - dt.timedelta(days=analytics.STATUS_DAYS - 1)
        self.period_label.setText(
            self.tr("Orders from %1 to %2")
            .replace("%1", first.strftime("%d/%m/%Y"))
            .replace("%2", as_of.strftime("%d/%m/%Y"))
        )

        def compute(job: Job) -> Distribution:
            with reader(database, job) as db:
                return analytics.segments(db, as_of)

        self._run(compute, self._show)

    def _show(self, distribution: Distribution) -> None:
        self.model.set_distribution(distribution)
        self.total_label.setText(
            self.tr("%1 clients with a status, %2; outside the grid: %3 clients.")
            .replace("%1", labels.number(distribution.clients))
            .replace("%2", format_eur(distribution.revenue_cents))
            .replace("%3", labels.number(distribution.outside.clients))
        )
        self._draw(distribution)
        self.computed.emit(distribution)

    def _draw(self, distribution: Distribution) -> None:
        import pyqtgraph

        plot = self.chart.getPlotItem()
        plot.clear()
        xs = list(range(len(distribution.rows)))
        volume = [float(r.volume_share) for r in distribution.rows]
        value = [float(r.value_share) for r in distribution.rows]
        plot.addItem(
            pyqtgraph.BarGraphItem(
                x=[x - 0.18 for x in xs],
                height=volume,
                width=0.34,
                brush=VOLUME_COLOUR,
                pen=None,
                name=self.tr("Share in volume"),
            )
        )
        plot.addItem(
            pyqtgraph.BarGraphItem(
                x=[x + 0.18 for x in xs],
                height=value,
                width=0.34,
                brush=VALUE_COLOUR,
                pen=None,
                name=self.tr("Share in value"),
            )
        )
        for x, row in zip(xs, distribution.rows):
            for dx, share, decimals in ((-0.18, row.volume_share, 2), (0.18, row.value_share, 1)):
                text = pyqtgraph.TextItem(percent(share, decimals), color="#333", anchor=(0.5, 1))
                text.setPos(x + dx, float(share))
                plot.addItem(text)
        plot.getAxis("bottom").setTicks([[(x, r.label) for x, r in zip(xs, distribution.rows)]])
        top = max(volume + value + [1.0])
        plot.setYRange(0, top * 1.15, padding=0)
        plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
