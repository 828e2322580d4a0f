"""The « Tableau de bord » tab: key figures and charts of a period (docs/domain/09-dashboards.md).

Built the first time the tab is shown (install.py). It computes each time
it is shown (complaints, survey answers and digital figures are entered in
dialogs that tell nobody), and while shown when the file, the period, the
orders or the clients change. The figures come from one worker Task (DashboardStore
snapshot + IndicatorStore) on a read-only connection of its own; the window
goes on meanwhile, and a change during a computation computes again after it
(worker.Recomputing). Clicking a bar or a cell emits `clientsAsked` with
the filter of the clients behind it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from crmdesk.domain.dates import format_date
from crmdesk.domain.periods import Period
from crmdesk.gui.common.worker import Job, Recomputing, reader
from crmdesk.gui.dashboard import export
from crmdesk.gui.dashboard.period import PeriodSelector
from crmdesk.gui.dashboard.views import Views, filter_of

SERIES = {"month": 12, "quarter": 8, "year": 5, "custom": 12}  # periods on the trend charts
COLUMNS = 3
TILES_PER_ROW = 5
# (section title key, [(chart slug, column span)]) — the grid of the tab, row by row
LAYOUT = (
    ("sales", [("clients-et-ca-par-statut", 1), ("ca-par-mois", 2)]),
    (None, [("ca-par-categorie", 1), ("ca-par-region", 1), ("ca-par-commercial", 1)]),
    ("clients", [("segments-rfm", 1), ("matrice-r-f", 1), ("retention-attrition", 1)]),
    ("complaints", [("reclamations-par-mois", 3)]),
    (None, [("satisfaction-csat", 1), ("satisfaction-nps", 1), ("satisfaction-ces", 1)]),
    ("digital", [("indicateurs-web", 2), ("engagement-reseaux-sociaux", 1)]),
)


def compute(database, period: Period, job: Job | None = None, today: dt.date | None = None) -> dict:
    """Everything the tab shows (worker thread; `database` is only read through a reader);
    `today` says which period is still in progress."""
    from crmdesk.store.dashboard import DashboardStore
    from crmdesk.store.indicators import IndicatorStore

    with reader(database, job) as db:
        snapshot = DashboardStore(db).snapshot(period, series=SERIES[period.kind])
        indicators = IndicatorStore(db)
        return {
            "path": database.path,
            "period": period,
            "today": today or dt.date.today(),
            "snapshot": snapshot,
            "satisfaction": indicators.satisfaction_series([r["period"] for r in snapshot["retention"]]),
            "thresholds": indicators.thresholds(),
            "web": indicators.web_indicators(),
            "social": indicators.social_indicators(),
        }


class DashboardTab(Recomputing, QWidget):
    clientsAsked = Signal(object)  # DashboardFilter of a clicked bar or cell
    computed = Signal(object)  # the result shown

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dashboardTab")
        self.setWindowTitle(self.tr("Dashboard"))  # titles the error box of a failed computation
        self.window = window
        self.result: dict | None = None
        self.figures: list[tuple[str, str]] = []
        self.pdf_task = None  # the report being made (export.py), and its preview
        self.preview = None
        self.views = Views(self)

        self.selector = PeriodSelector(self.today(), self)  # the month of today to start with
        self.pdf_button = QPushButton(self.tr("E&xport to PDF…"), self)
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.setToolTip(self.tr("A report with the key figures and the charts: preview, print, save"))
        self.png_button = QPushButton(self.tr("Export chart&s (PNG)…"), self)
        self.png_button.setObjectName("exportPng")
        self.png_button.setToolTip(self.tr("Each chart as a PNG image in a folder you choose"))
        top = QHBoxLayout()
        top.addWidget(self.selector)
        top.addStretch(1)
        top.addWidget(self._bar())
        top.addWidget(self.pdf_button)
        top.addWidget(self.png_button)
        self.progress.setMaximumWidth(120)

        content = QWidget(self)
        content.setObjectName("dashboardContent")
        content.setStyleSheet("#dashboardContent { background: white; }")
        grid = QGridLayout(content)
        grid.setSpacing(10)
        self.in_progress = QLabel(content)
        self.in_progress.setObjectName("inProgress")
        self.in_progress.setWordWrap(True)
        self.in_progress.setStyleSheet(
            "color: #8a5a00; background: #fff4ce; border: 1px solid #e5c55a; border-radius: 3px; padding: 4px;"
        )
        self.in_progress.hide()
        grid.addWidget(self.in_progress, 0, 0, 1, COLUMNS)
        self.tiles = self._tiles(grid)
        self.charts = self.views.make(content)
        self._place(grid, 2)
        scroll = QScrollArea(self)
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        for chart in self.charts.values():
            chart.activated.connect(lambda hit, c=chart: self._clicked(c, hit))
        self.selector.periodChanged.connect(self._changed)
        self.pdf_button.clicked.connect(lambda: export.export_pdf(self))
        self.png_button.clicked.connect(lambda: export.export_png(self))
        window.fileOpened.connect(self._changed)
        window.ordersChanged.connect(self._changed)
        window.contactsChanged.connect(self._changed)
        self._enable()

    # -- layout ---------------------------------------------------------------------------------
    def _section_titles(self) -> dict[str, str]:
        return {
            "sales": self.tr("Revenue and clients"),
            "clients": self.tr("RFM segments and loyalty"),
            "complaints": self.tr("Complaints and satisfaction"),
            "digital": self.tr("Digital indicators"),
        }

    def _tiles(self, grid: QGridLayout) -> dict[int, tuple[QLabel, QLabel]]:
        """Key figures, a label above a big value; filled by _show."""
        box = QFrame(self)
        box.setObjectName("keyFigures")
        box.setStyleSheet("#keyFigures { background: #f3f5f2; border: 1px solid #c9d1c9; border-radius: 4px; }")
        tiles = QGridLayout(box)
        found = {}
        for number in range(2 * TILES_PER_ROW):
            caption, value = QLabel(box), QLabel(box)
            caption.setStyleSheet("color: #57606a;")
            value.setObjectName(f"figure{number}")
            value.setStyleSheet("font-size: 13pt; font-weight: bold;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row, column = divmod(number, TILES_PER_ROW)
            tiles.addWidget(caption, 2 * row, column)
            tiles.addWidget(value, 2 * row + 1, column)
            found[number] = (caption, value)
        grid.addWidget(box, 1, 0, 1, COLUMNS)
        return found

    def _place(self, grid: QGridLayout, row: int) -> None:
        titles = self._section_titles()
        for section, charts in LAYOUT:
            if section is not None:
                heading = QLabel(titles[section], grid.parentWidget())
                heading.setObjectName(f"section_{section}")
                heading.setStyleSheet("font-size: 12pt; font-weight: bold; color: #2e6b3f; padding-top: 6px;")
                grid.addWidget(heading, row, 0, 1, COLUMNS)
                row += 1
            column = 0
            for name, span in charts:
                grid.addWidget(self.charts[name], row, column, 1, span)
                column += span
            row += 1
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)

    # -- state ------------------------------------------------------------------------------------
    def today(self) -> dt.date:
        """The day of the open file (its session's clock), the window's when none is open."""
        session = self.window.session
        return session.today() if session is not None else self.window.clock()

    def period(self) -> Period:
        return self.selector.period()

    def set_period(self, period: Period) -> None:
        self.selector.set_period(period)

    def _enable(self) -> None:
        ready = self.result is not None and self.window.database is not None
        self.pdf_button.setEnabled(ready)
        self.png_button.setEnabled(ready)

    def _changed(self, *_args) -> None:
        """Something the figures depend on changed: now when shown (else when next shown)."""
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        if self.window.database is None:
            return
        if self._busy():
            return
        database, period, today = self.window.database, self.period(), self.today()
        self._run(lambda job: compute(database, period, job, today), self._show)

    def _show(self, result: dict) -> None:
        database = self.window.database
        if database is None or result["path"] != database.path or result["period"] != self.period():
            self._again = self._again or self.isVisible()  # a late answer for another file or period
            return
        self.result = result
        self.figures = self.views.draw(self.charts, result)
        caveats = self.views.caveats(result)
        for number, (caption, value) in self.tiles.items():
            label, text = self.figures[number] if number < len(self.figures) else ("", "")
            caption.setText(label)
            value.setText(caveats[number].replace("%1", text) if number in caveats else text)
        period = result["period"]
        running = period.contains(result["today"])
        self.in_progress.setVisible(running)
        if running:
            self.in_progress.setText(
                self.tr("%1 is still in progress (%2): its figures are those of %3 and will change until it ends.")
                .replace("%1", period.label)
                .replace("%2", self.views.progress_text(period))
                .replace("%3", format_date(result["today"]))
            )
        self._enable()
        self.computed.emit(result)

    def _clicked(self, chart, hit) -> None:
        dashboard_filter = filter_of(chart, hit)
        if dashboard_filter is not None:
            self.clientsAsked.emit(dashboard_filter)

    def stop(self) -> None:
        """Cancel the computation and the report being made, wait for their threads (the window closes)."""
        for task in (self.task, self.pdf_task):
            if task is not None:
                task.cancel()
                task.wait()
