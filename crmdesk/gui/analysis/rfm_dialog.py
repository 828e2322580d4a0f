"""« Analyse RFM… »: recency, frequency, monetary scores (docs/domain/04-rfm.md).

Settings: method (points grid | quantiles), reference date (today by
default), window (365 days by default; « all history »), and the points grid
of the file with every bound, inclusive or exclusive, and the points given
outside the grid (0 by default). « Calculer » computes in a worker thread
(read-only connection of its own; a progress bar and « Arrêter » while it
runs). Results: a sortable, filterable table per client, an R × F heat map,
the named segments with their counts and recommended actions, the clients
without any order listed apart. « Exporter… » writes CSV (UTF-8 BOM, `;`) or
XLSX; « Utiliser pour le fichier clients » keeps the method, the window and
the grid in the file's settings (rfm.choice, rfm.grid) and calls `on_saved`:
the window recomputes every client's RFM code and segment with them, as of
today, in the background (gui/figures_refresh.py) — they are columns and
filters of the client table, and stay those of today.

The definitions and the quantile rule are those of crmdesk/domain/rfm.py;
the « Aide » tab states them in French.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import rfm
from crmdesk.domain.errors import CrmError
from crmdesk.gui.analysis.rfm_models import RfmFilterModel, RfmResult, RfmResultModel, SegmentModel, export
from crmdesk.gui.analysis.status_dialog import RangeEditor
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.table_model import read_only_table
from crmdesk.gui.common.worker import Job, Task, reader
from crmdesk.gui.file import folders
from crmdesk.gui.session import Session
from crmdesk.store import analytics
from crmdesk.store.contacts import ContactStore

POINTS = (4, 3, 2, 1)
UNITS = {"recency": "days", "frequency": "orders", "monetary": "cents"}

HELP = QT_TRANSLATE_NOOP(
    "RfmDialog",
    """<h3>Definitions</h3>
<ul>
<li><b>Recency</b>: number of days between the last order (on the reference date at the latest)
and the reference date; an order on the day itself gives 0.</li>
<li><b>Frequency</b>: number of orders of the window ending on the reference date
(365 days: from the date − 364 days to the date included; “whole history”: all of them).</li>
<li><b>Monetary</b>: total of those same orders.</li>
<li>Orders after the reference date are ignored; a client without any order is listed apart,
never scored; a client whose orders are all older than the window has a frequency and an amount
of 0 (it is scored).</li>
</ul>
<h3>Points grid</h3>
<p>Each axis gives the points of the first band (4, then 3, 2, 1) that holds the value; a value
outside every band gets the “outside the grid” points (0 by default). Score = R + F + M, code
“R-F-M” (e.g. 4-3-2). For the segments, p points of the grid count as the score p + 1
(4 → 5, 0 → 1).</p>
<h3>Quantile rule</h3>
<p>On each axis, with n scored clients and w the number of clients strictly <b>worse</b> on that
axis (older last order, fewer orders, smaller amount): score = 1 + the whole part of 5 × w / n,
always between 1 and 5 (5 = most recent, most frequent, biggest amount). Two equal values always
have the same score; a better value never has a lower score.</p>
<h3>Segments</h3>
<p>From the R and F scores (1 to 5): R 4–5: F 4–5 champions, F 3 loyal, F 2 promising,
F 1 new; R 3: F 3–5 loyal, F 1–2 need attention; R 1–2: F 3–5 at risk,
otherwise hibernating (R 2) or lost (R 1).</p>
""",
)


def heat_colour(count: int, top: int) -> QColor:
    """White to deep blue with the count."""
    if top <= 0 or count <= 0:
        return QColor("#ffffff")
    t = count / top
    light, dark = (235, 242, 250), (23, 75, 140)
    return QColor(*(round(a + (b - a) * t) for a, b in zip(light, dark)))


class RfmDialog(QDialog):
    computed = Signal(object)  # RfmResult
    saved = Signal(int)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        as_of: dt.date | None = None,
        on_saved: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("rfmDialog")
        self.setWindowTitle(self.tr("RFM analysis"))
        self.session = session
        self.database = session.database  # read in a worker, on a connection of its own
        self.on_saved = on_saved
        self.task: Task | None = None
        self.result: RfmResult | None = None
        layout = QVBoxLayout(self)

        # -- settings ---------------------------------------------------------------------
        form = QFormLayout()
        top = QHBoxLayout()
        self.method_combo = QComboBox(self)
        self.method_combo.setObjectName("methodCombo")
        self.method_combo.addItem(self.tr("Points grid"), "grid")
        self.method_combo.addItem(self.tr("Quantiles (scores 1 to 5)"), "quantile")
        method_label = QLabel(self.tr("&Method:"), self)
        method_label.setBuddy(self.method_combo)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        day = as_of or dt.date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        date_label = QLabel(self.tr("Reference &date:"), self)
        date_label.setBuddy(self.date_edit)
        self.window_spin = QSpinBox(self)
        self.window_spin.setObjectName("windowSpin")
        self.window_spin.setRange(0, 36_500)
        self.window_spin.setValue(rfm.DEFAULT_WINDOW_DAYS)
        self.window_spin.setSuffix(self.tr(" days"))
        self.window_spin.setSpecialValueText(self.tr("all history"))
        self.window_spin.setToolTip(
            self.tr(
                "Orders counted for F and M: the days ending on the reference date (365 by default); 0 = all history"
            )
        )
        window_label = QLabel(self.tr("&Window:"), self)
        window_label.setBuddy(self.window_spin)
        for label, widget in (
            (method_label, self.method_combo),
            (date_label, self.date_edit),
            (window_label, self.window_spin),
        ):
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(12)
        self.compute_button = QPushButton(self.tr("&Compute"), self)
        self.compute_button.setObjectName("computeButton")
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        top.addStretch(1)
        top.addWidget(self.compute_button)
        form.addRow(top)
        layout.addLayout(form)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(True)
        self.stop_button = QPushButton(self.tr("S&top"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.clicked.connect(self.cancel)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        layout.addLayout(progress_row)
        self._show_busy(False)

        # -- tabs -------------------------------------------------------------------------------
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._results_page(), self.tr("&Results"))
        self.tabs.addTab(self._heat_page(), self.tr("R × F m&ap"))
        self.tabs.addTab(self._segments_page(), self.tr("Se&gments"))
        self.tabs.addTab(self._grid_page(), self.tr("&Points grid"))
        help_view = QTextBrowser(self)
        help_view.setObjectName("helpText")
        help_view.setHtml(QCoreApplication.translate("RfmDialog", HELP))
        self.help_view = help_view
        self.tabs.addTab(help_view, self.tr("&Help"))
        layout.addWidget(self.tabs, 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("E&xport…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportButton")
        self.save_button = self.buttons.addButton(
            self.tr("&Use for the client file"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(
            self.tr(
                "Compute the RFM code and segment of the client table's columns and "
                "filters with this method, window and grid, as of today, from now on"
            )
        )
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.ask_export)
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.buttons)

        self.method_combo.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        self._results_ready(False)
        self.setTabOrder(self.method_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.window_spin)
        self.setTabOrder(self.window_spin, self.compute_button)
        self.setTabOrder(self.compute_button, self.tabs)
        self.resize(980, 680)
        self.compute()

    # -- pages ------------------------------------------------------------------------------------
    def _results_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        self.filter_edit = QLineEdit(page)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("code or name"))
        self.filter_edit.setClearButtonEnabled(True)
        filter_label = QLabel(self.tr("&Filter:"), page)
        filter_label.setBuddy(self.filter_edit)
        self.segment_filter = QComboBox(page)
        self.segment_filter.setObjectName("segmentFilter")
        self.segment_filter.addItem(self.tr("All segments"), None)
        for code, segment in rfm.SEGMENTS.items():
            self.segment_filter.addItem(labels.shown(segment.label), code)
        segment_label = QLabel(self.tr("Segme&nt:"), page)
        segment_label.setBuddy(self.segment_filter)
        self.shown_label = QLabel(page)
        self.shown_label.setObjectName("shownLabel")
        for widget in (filter_label, self.filter_edit, segment_label, self.segment_filter):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.shown_label)
        box.addLayout(row)
        self.model = RfmResultModel(self)
        self.proxy = RfmFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(page)
        self.table.setObjectName("rfmTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((80, 200, 110, 36, 95, 36, 115, 36, 50, 75)):
            self.table.setColumnWidth(column, width)
        box.addWidget(self.table, 1)
        self.filter_edit.textChanged.connect(self._filter)
        self.segment_filter.currentIndexChanged.connect(self._filter)
        return page

    def _heat_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.heat_title = QLabel(page)
        self.heat_title.setWordWrap(True)
        box.addWidget(self.heat_title)
        self.heat = QTableWidget(page)
        self.heat.setObjectName("heatMap")
        self.heat.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.heat.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.heat.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        font = self.heat.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heat.setFont(font)
        box.addWidget(self.heat, 1)
        return page

    def _segments_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.segments = SegmentModel(self)
        self.segment_table = read_only_table(page, self.segments, "segmentTable")
        self.segment_table.setWordWrap(True)
        header = self.segment_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.segment_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.segment_table.activated.connect(self._show_segment)
        box.addWidget(self.segment_table, 1)
        self.unordered_label = QLabel(page)
        self.unordered_label.setObjectName("unorderedLabel")
        self.unordered_label.setWordWrap(True)
        box.addWidget(self.unordered_label)
        return page

    def _grid_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        note = QLabel(
            self.tr(
                "Used by the points grid method. Each axis gives the points of the first band "
                "(4, then 3, 2, 1) that holds the value; « — » = no limit on that side."
            ),
            page,
        )
        note.setWordWrap(True)
        box.addWidget(note)
        axes = QTabWidget(page)
        names = {
            "recency": self.tr("Recency (days)"),
            "frequency": self.tr("Frequency (orders)"),
            "monetary": self.tr("Monetary (revenue)"),
        }
        self.grid_editors: dict[tuple[str, int], RangeEditor] = {}
        self.outside_spins: dict[str, QSpinBox] = {}
        for axis in rfm.AXES:
            tab = QWidget(axes)
            grid = QGridLayout(tab)
            grid.addWidget(QLabel(self.tr("From (low bound)"), tab), 0, 1)
            grid.addWidget(QLabel(self.tr("To (high bound)"), tab), 0, 2)
            for i, points in enumerate(POINTS, start=1):
                editor = RangeEditor(UNITS[axis], tab)
                editor.setObjectName(f"{axis}_{points}")
                label = QLabel(self.tr("%1 points").replace("%1", str(points)), tab)
                label.setBuddy(editor.low)
                grid.addWidget(label, 2 * i - 1, 0)
                grid.addWidget(editor.pair("low"), 2 * i - 1, 1)
                grid.addWidget(editor.pair("high"), 2 * i - 1, 2)
                grid.addWidget(editor.description, 2 * i, 1, 1, 2)
                editor.changed.connect(self._grid_changed)
                self.grid_editors[(axis, points)] = editor
            spin = QSpinBox(tab)
            spin.setObjectName(f"{axis}_outside")
            spin.setRange(0, 100)
            outside_label = QLabel(self.tr("&Outside the grid:"), tab)
            outside_label.setBuddy(spin)
            spin.setSuffix(self.tr(" points"))
            spin.valueChanged.connect(self._grid_changed)
            grid.addWidget(outside_label, 2 * len(POINTS) + 1, 0)
            grid.addWidget(spin, 2 * len(POINTS) + 1, 1, Qt.AlignmentFlag.AlignLeft)
            grid.setRowStretch(2 * len(POINTS) + 2, 1)
            grid.setColumnStretch(3, 1)
            self.outside_spins[axis] = spin
            axes.addTab(tab, names[axis])
        self.axis_tabs = axes
        box.addWidget(axes, 1)
        row = QHBoxLayout()
        self.grid_error = QLabel(page)
        self.grid_error.setObjectName("gridError")
        self.grid_error.setStyleSheet("color: #b00020;")
        self.grid_error.setWordWrap(True)
        row.addWidget(self.grid_error, 1)
        defaults = QPushButton(self.tr("Default &values"), page)
        defaults.setObjectName("gridDefaults")
        defaults.clicked.connect(lambda: self.set_grid(rfm.DEFAULT_GRID))
        row.addWidget(defaults)
        box.addLayout(row)
        try:
            grid = analytics.file_rfm_grid(self.database)
        except CrmError as exc:
            grid = rfm.DEFAULT_GRID
            self.grid_error.setText(str(exc))
        self.set_grid(grid)
        return page

    # -- the grid ---------------------------------------------------------------------------------
    def set_grid(self, grid: rfm.RfmGrid) -> None:
        """Show a grid (bands by their points; a band the grid lacks keeps the default one)."""
        for axis in rfm.AXES:
            bands = dict(grid.axis(axis).bands)
            default = dict(rfm.DEFAULT_GRID.axis(axis).bands)
            for points in POINTS:
                self.grid_editors[(axis, points)].set_range(bands.get(points, default[points]))
            self.outside_spins[axis].setValue(grid.axis(axis).outside)
        self._grid_changed()

    def grid_json(self) -> dict:
        return {
            axis: {
                "outside": self.outside_spins[axis].value(),
                "bands": [{"points": p, **self.grid_editors[(axis, p)].to_json()} for p in POINTS],
            }
            for axis in rfm.AXES
        }

    def grid(self) -> rfm.RfmGrid:
        return rfm.RfmGrid.from_json(self.grid_json())

    def _grid_changed(self, *_args) -> None:
        try:
            self.grid()
        except CrmError as exc:
            self.grid_error.setText(str(exc))
        else:
            self.grid_error.setText("")
        if self.result is not None:
            self.status_label.setText(self.tr("The settings changed: « Compute » to see their results."))

    def _method_changed(self, *_args) -> None:
        grid = self.method_combo.currentData() == "grid"
        self.tabs.setTabEnabled(3, grid)

    # -- computing --------------------------------------------------------------------------------
    def as_of(self) -> dt.date:
        return self.date_edit.date().toPython()

    def compute(self) -> None:
        if self.task is not None and self.task.is_running():
            return
        method = self.method_combo.currentData()
        try:
            grid = self.grid()
        except CrmError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            self.tabs.setCurrentIndex(3)
            return
        as_of, window = self.as_of(), self.window_spin.value() or None
        database = self.database
        reading = self.tr("Reading the orders…")
        scoring = self.tr("Scoring the clients…")

        def work(job: Job) -> RfmResult:
            with reader(database, job) as db:
                job.report(0, 3, reading)
                rows, unordered = analytics.rfm_rows(db, as_of, method, window, grid)
                job.report(1, 3, scoring)
                names = ContactStore(db).display_names()
                job.report(2, 3, scoring)
            return RfmResult(rows, names, unordered, method, window, as_of, grid)

        self._show_busy(True)
        self.task = Task(work, self)
        self.task.progress.connect(self._progress)
        self.task.finished.connect(self._computed)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(lambda: self.status_label.setText(self.tr("Computation stopped.")))
        self.task.done.connect(lambda: self._show_busy(False))
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(text)

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.compute_button.setEnabled(not busy)
        if busy:
            self.progress.setRange(0, 0)
        if hasattr(self, "save_button"):  # not yet during __init__
            self._results_ready(not busy and self.result is not None)

    def _results_ready(self, ready: bool) -> None:
        self.export_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _failed(self, text: str) -> None:
        messages.error(self, self.windowTitle(), text)

    def _computed(self, result: RfmResult) -> None:
        self.result = result
        self.model.set_result(result)
        self.segments.set_rows(result.rows)
        self._fill_heat(result)
        count = len(result.without_orders)
        self.unordered_label.setText(
            self.tr("Clients without any order (listed apart, not scored): %1").replace("%1", labels.number(count))
            + (
                " — " + ", ".join(code for _id, code in result.without_orders[:20]) + ("…" if count > 20 else "")
                if count
                else ""
            )
        )
        method = self.tr("points grid") if result.method == "grid" else self.tr("quantiles")
        window = (
            self.tr("%1 days").replace("%1", labels.number(result.window_days))
            if result.window_days
            else self.tr("all history")
        )
        self.status_label.setText(
            self.tr("%1 clients scored on %2 (%3, window: %4).")
            .replace("%1", labels.number(len(result.rows)))
            .replace("%2", result.as_of.strftime("%d/%m/%Y"))
            .replace("%3", method)
            .replace("%4", window)
        )
        self._filter()
        self._results_ready(True)
        self.computed.emit(result)

    def _filter(self, *_args) -> None:
        self.proxy.set_text(self.filter_edit.text())
        self.proxy.set_segment(self.segment_filter.currentData())
        self.shown_label.setText(
            self.tr("%1 of %2 clients")
            .replace("%1", labels.number(self.proxy.rowCount()))
            .replace("%2", labels.number(self.model.rowCount()))
        )

    def _show_segment(self, index) -> None:
        """Enter on a segment: its clients in the results table."""
        code = self.segments.data(index, Qt.ItemDataRole.UserRole + 2)
        self.segment_filter.setCurrentIndex(max(0, self.segment_filter.findData(code)))
        self.tabs.setCurrentIndex(0)

    def _fill_heat(self, result: RfmResult) -> None:
        if result.method == "grid":
            scores = list(range(max(POINTS), -1, -1))  # 4 … 0 (0 = outside the grid)
        else:
            scores = [5, 4, 3, 2, 1]
        cells = rfm.rf_matrix(result.rows)
        top = max(cells.values(), default=0)
        self.heat.clear()
        self.heat.setRowCount(len(scores))
        self.heat.setColumnCount(len(scores))
        self.heat.setVerticalHeaderLabels([self.tr("R %1").replace("%1", str(s)) for s in scores])
        self.heat.setHorizontalHeaderLabels([self.tr("F %1").replace("%1", str(s)) for s in reversed(scores)])
        for i, r in enumerate(scores):
            for j, f in enumerate(reversed(scores)):
                count = cells.get((r, f), 0)
                item = QTableWidgetItem(labels.number(count) if count else "·")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                colour = heat_colour(count, top)
                item.setBackground(QBrush(colour))
                item.setForeground(QBrush(QColor("#ffffff" if colour.lightness() < 128 else "#1a1a1a")))
                scale_r = rfm.grid_to_scale(r) if result.method == "grid" else r
                scale_f = rfm.grid_to_scale(f) if result.method == "grid" else f
                segment = rfm.SEGMENTS[rfm.segment_of(scale_r, scale_f)]
                item.setToolTip(
                    self.tr("R %1, F %2: %3 clients — %4")
                    .replace("%1", str(r))
                    .replace("%2", str(f))
                    .replace("%3", labels.number(count))
                    .replace("%4", labels.shown(segment.label))
                )
                self.heat.setItem(i, j, item)
        self.heat_title.setText(
            self.tr(
                "Clients per recency score (rows, most recent at the top) and frequency "
                "score (columns, most frequent on the right)."
            )
        )

    # -- export and save -------------------------------------------------------------------------------
    def ask_export(self) -> None:
        if self.result is None:
            return
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the RFM scores"),
            folders.in_documents(f"rfm-{self.result.as_of.isoformat()}.csv"),
            self.tr("CSV for Excel (*.csv);;Excel workbook (*.xlsx)"),
        )
        if name:
            fmt = "xlsx" if name.lower().endswith(".xlsx") or "xlsx" in chosen else "csv"
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix("." + fmt)
            self.export_to(path, fmt)

    def export_to(self, path: Path, fmt: str | None = None) -> int:
        """Write the rows shown (filtered, in the table's order)."""
        rows = self.proxy.rows_shown()
        try:
            count = export(rows, self.result.names, path, fmt)
        except CrmError as exc:
            messages.error(self, self.tr("Export the RFM scores"), str(exc))
            return 0
        self.status_label.setText(
            self.tr("%1 clients exported to %2.").replace("%1", labels.number(count)).replace("%2", Path(path).name)
        )
        return count

    def save(self) -> None:
        """Keep the method, window and grid shown for the client file's RFM codes."""
        from crmdesk.store.figures import CHOICE_KEY, Choice

        result = self.result
        if result is None or (self.task is not None and self.task.is_running()):
            return
        settings = self.session.settings
        try:
            with self.database.atomic():
                if result.method == "grid":
                    settings.set(rfm.GRID_KEY, result.grid.to_json())
                settings.set(CHOICE_KEY, Choice(result.method, result.window_days).to_json())
        except CrmError as exc:
            self._failed(str(exc))
            return
        if self.on_saved is not None:
            self.on_saved()  # the window recomputes the figures of today in the background
        self.status_label.setText(
            self.tr(
                "The client table's RFM codes and segments are now computed this way, "
                "as of today: they are being updated (see the status bar)."
            )
        )
        self.saved.emit(len(result.rows))

    # -- closing ----------------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().done(result)
