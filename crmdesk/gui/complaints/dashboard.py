"""« Tableau de bord des réclamations »: docs/domain/05-complaints.md indicators for a period.

Month, quarter or year (the one that holds the chosen day). Figures:
complaint rate per transaction and per client, loss rate (compensation
cost / revenue), mean and 90th-percentile times to acknowledge (hours) and
to close (days), share closed in time, share re-satisfied — French formats.
Two pyqtgraph charts: complaints per month by kind (stacked bars, the twelve
months ending with the period) with the share closed in time as a line on a
right-hand % axis (the dashed line is 100 %: every complaint answered by its
deadline); and the counts by kind for the period.

Computed in a worker thread from a read-only connection of its own.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain import complaints as rules
from crmdesk.domain import periods
from crmdesk.domain.money import format_eur
from crmdesk.gui.common import labels
from crmdesk.gui.common.worker import Job, Recomputing, reader
from crmdesk.gui.session import Session

KIND_COLOURS = {
    "safety": "#c0392b",
    "delivery": "#e08a2c",
    "stockout": "#d4ac0d",
    "special_order": "#3b6ea8",
    "product_defect": "#8e44ad",
    "invoice": "#16a085",
    "information": "#7f8c8d",
    "other": "#b4b4b4",
}
IN_TIME_COLOUR = "#1e8449"


def period_bounds(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The month, quarter or year holding `day`: (first day, last day)."""
    period = periods.bounds(kind, day)
    return period.start, period.end


def period_name(kind: str, start: dt.date) -> str:
    return periods.bounds(kind, start).short_label


def twelve_months(end: dt.date) -> list[str]:
    """« 2025-12 » … « 2026-11 »: the twelve months ending with `end`'s."""
    year, month = end.year, end.month
    out = []
    for _ in range(12):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def percent(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    return f"{labels.FRENCH.toString(float(value), 'f', decimals)}\u00a0%"


def decimal(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{labels.FRENCH.toString(float(value), 'f', 1)}\u00a0{unit}"


def compute(database, kind: str, day: dt.date, today: dt.date, job: Job | None = None) -> dict:
    """The period's indicators, plus the twelve months' counts by kind and in-time shares."""
    from crmdesk.store.complaints import ComplaintStore

    start, end = period_bounds(kind, day)
    with reader(database, job) as db:
        store = ComplaintStore(db)
        figures = store.indicators(start, end)
        months = twelve_months(end)
        per_month = {m: {"kinds": {}, "closed": 0, "in_time": 0} for m in months}
        for row in store.queue(today, open_only=False):
            month = (row.get("received_at") or "")[:7]
            if month not in per_month:
                continue
            cell = per_month[month]
            cell["kinds"][row["kind"]] = cell["kinds"].get(row["kind"], 0) + 1
            if row.get("closed_at"):
                cell["closed"] += 1
                if row.get("due_date") and row["closed_at"][:10] <= row["due_date"]:
                    cell["in_time"] += 1
    figures["months"] = per_month
    figures["kind"] = kind
    figures["period"] = period_name(kind, start)
    return figures


class DashboardDialog(Recomputing, QDialog):
    computed = Signal(object)  # the figures shown

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("complaintsDashboard")
        self.setWindowTitle(self.tr("Complaints dashboard"))
        self.setSizeGripEnabled(True)
        self.database = session.database  # read in the worker, on a connection of its own
        self.today = session.today()
        self.figures: dict | None = None

        top = QHBoxLayout()
        kind_label = QLabel(self.tr("&Period:"), self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("periodKind")
        for code, text in (("month", self.tr("Month")), ("quarter", self.tr("Quarter")), ("year", self.tr("Year"))):
            self.kind_combo.addItem(text, code)
        kind_label.setBuddy(self.kind_combo)
        day_label = QLabel(self.tr("&Including:"), self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("periodDay")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setDate(QDate(self.today.year, self.today.month, self.today.day))
        day_label.setBuddy(self.date_edit)
        self.period_label = QLabel(self)
        self.period_label.setObjectName("periodLabel")
        self.period_label.setStyleSheet("font-weight: bold;")
        for widget in (kind_label, self.kind_combo, day_label, self.date_edit):
            top.addWidget(widget)
        top.addSpacing(12)
        top.addWidget(self.period_label, 1)

        box = QGroupBox(self.tr("Indicators"), self)
        grid = QGridLayout(box)
        self.values: dict[str, QLabel] = {}
        captions = (
            ("complaints", self.tr("Complaints received:")),
            ("rate_transactions", self.tr("Complaint rate (per order):")),
            ("rate_clients", self.tr("Complaint rate (per client):")),
            ("cost", self.tr("Cost of compensations:")),
            ("loss_rate", self.tr("Loss rate (cost / revenue):")),
            ("ack", self.tr("Time to acknowledge (mean / 90 %):")),
            ("close", self.tr("Time to close (mean / 90 %):")),
            ("in_time", self.tr("Closed in time:")),
            ("resatisfied", self.tr("Clients re-satisfied:")),
            ("top_lot", self.tr("Most cited product / lot:")),
        )
        for number, (key, caption) in enumerate(captions):
            value = QLabel(self)
            value.setObjectName(f"indicator_{key}")
            value.setStyleSheet("font-weight: bold;")
            self.values[key] = value
            grid.addWidget(QLabel(caption, box), number // 2, 2 * (number % 2))
            grid.addWidget(value, number // 2, 2 * (number % 2) + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        import pyqtgraph  # only when the dashboard opens: a lighter start-up

        self.month_chart = self._plot(pyqtgraph, "monthChart", self.tr("Complaints per month by kind"))
        self.month_chart.setLabel("left", self.tr("complaints"))
        self.share_box = pyqtgraph.ViewBox()
        plot = self.month_chart.getPlotItem()
        plot.showAxis("right")
        plot.scene().addItem(self.share_box)
        plot.getAxis("right").linkToView(self.share_box)
        plot.getAxis("right").setLabel(self.tr("closed in time (%)"), color=IN_TIME_COLOUR)
        self.share_box.setXLink(plot)
        self.share_box.setYRange(0, 110, padding=0)
        self.share_box.setMouseEnabled(x=False, y=False)
        plot.vb.sigResized.connect(lambda *_: self.share_box.setGeometry(plot.vb.sceneBoundingRect()))
        self.kind_chart = self._plot(pyqtgraph, "kindChart", self.tr("Complaints by kind over the period"))

        charts = QHBoxLayout()
        charts.addWidget(self.month_chart, 1)
        charts.addWidget(self.kind_chart, 1)
        self._bar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(box)
        layout.addLayout(charts, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_edit.dateChanged.connect(lambda _d: self.refresh())
        self.resize(1100, 720)
        self.refresh()

    def _plot(self, pyqtgraph, name: str, title: str):
        chart = pyqtgraph.PlotWidget(self, background="w")
        chart.setObjectName(name)
        chart.setMinimumHeight(260)
        chart.setMenuEnabled(False)
        chart.setMouseEnabled(x=False, y=False)
        chart.hideButtons()
        chart.setTitle(title, color="#333")
        chart.showGrid(y=True, alpha=0.3)
        return chart

    def set_period(self, kind: str, day: dt.date) -> None:
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self.kind_combo.blockSignals(False)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.refresh()

    def refresh(self) -> None:
        if self._busy():
            return
        database, kind, day, today = (
            self.database,
            self.kind_combo.currentData(),
            self.date_edit.date().toPython(),
            self.today,
        )
        start, end = period_bounds(kind, day)
        self.period_label.setText(
            self.tr("%1: from %2 to %3")
            .replace("%1", period_name(kind, start))
            .replace("%2", start.strftime("%d/%m/%Y"))
            .replace("%3", end.strftime("%d/%m/%Y"))
        )
        self._run(lambda job: compute(database, kind, day, today, job), self._show)

    def _show(self, f: dict) -> None:
        self.figures = f
        v = self.values
        v["complaints"].setText(
            self.tr("%1 (for %2 orders, %3 clients)")
            .replace("%1", labels.number(f["complaints"]))
            .replace("%2", labels.number(f["transactions"]))
            .replace("%3", labels.number(f["clients"]))
        )
        v["rate_transactions"].setText(percent(f["complaint_rate_transactions"], 2))
        v["rate_clients"].setText(percent(f["complaint_rate_clients"], 2))
        v["cost"].setText(format_eur(f["cost_cents"]))
        v["loss_rate"].setText(
            self.tr("%1 of %2").replace("%1", percent(f["loss_rate"], 2)).replace("%2", format_eur(f["revenue_cents"]))
        )
        v["ack"].setText(f"{decimal(f['ack_mean_hours'], 'h')} / {decimal(f['ack_p90_hours'], 'h')}")
        v["close"].setText(f"{decimal(f['close_mean_days'], 'j')} / {decimal(f['close_p90_days'], 'j')}")
        v["in_time"].setText(percent(f["closed_in_time"]))
        v["resatisfied"].setText(percent(f["resatisfied"]))
        lots = f.get("by_product_lot") or []
        top = lots[0] if lots else None
        v["top_lot"].setText(
            "—"
            if top is None
            else " — ".join(p for p in (top["product"], top["lot"], labels.number(top["count"])) if p)
        )
        self._draw(f)
        self.computed.emit(f)

    def _draw(self, f: dict) -> None:
        import pyqtgraph

        plot = self.month_chart.getPlotItem()
        plot.clear()
        self.share_box.clear()
        months = list(f["months"])
        xs = list(range(len(months)))
        legend = plot.legend or plot.addLegend(offset=(10, 10))
        legend.clear()
        base = [0.0] * len(months)
        top = 1.0
        for kind, colour in KIND_COLOURS.items():
            heights = [float(f["months"][m]["kinds"].get(kind, 0)) for m in months]
            if not any(heights):
                continue
            bars = pyqtgraph.BarGraphItem(
                x=xs,
                y0=list(base),
                height=heights,
                width=0.7,
                brush=colour,
                pen=None,
                name=labels.shown(rules.KINDS[kind]),
            )
            plot.addItem(bars)
            base = [b + h for b, h in zip(base, heights)]
            top = max(top, max(base))
        shares = [(x, 100.0 * c["in_time"] / c["closed"]) for x, c in zip(xs, f["months"].values()) if c["closed"]]
        if shares:
            line = pyqtgraph.PlotDataItem(
                [s[0] for s in shares],
                [s[1] for s in shares],
                pen=pyqtgraph.mkPen(IN_TIME_COLOUR, width=2),
                symbol="o",
                symbolBrush=IN_TIME_COLOUR,
                symbolSize=7,
            )
            self.share_box.addItem(line)
            legend.addItem(line, self.tr("closed in time"))
        target = pyqtgraph.InfiniteLine(
            pos=100, angle=0, pen=pyqtgraph.mkPen(IN_TIME_COLOUR, style=Qt.PenStyle.DashLine)
        )
        self.share_box.addItem(target)
        plot.getAxis("bottom").setTicks(
            [[(x, f"{periods.short_month_name(int(m[5:]))}\n{m[:4]}") for x, m in zip(xs, months)]]
        )
        plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
        plot.setYRange(0, top * 1.2, padding=0)
        self.share_box.setGeometry(plot.vb.sceneBoundingRect())

        chart = self.kind_chart.getPlotItem()
        chart.clear()
        by_kind = [(k, f["by_kind"].get(k, 0)) for k in KIND_COLOURS if f["by_kind"].get(k)]
        ys = list(range(len(by_kind)))
        if by_kind:
            chart.addItem(
                pyqtgraph.BarGraphItem(
                    x0=0,
                    y=ys,
                    height=0.6,
                    width=[n for _, n in by_kind],
                    brushes=[KIND_COLOURS[k] for k, _ in by_kind],
                    pen=None,
                )
            )
            for y, (_kind, n) in zip(ys, by_kind):
                text = pyqtgraph.TextItem(labels.number(n), color="#333", anchor=(0, 0.5))
                text.setPos(n, y)
                chart.addItem(text)
        chart.getAxis("left").setTicks([[(y, labels.shown(rules.KINDS[k])) for y, (k, _n) in zip(ys, by_kind)]])
        chart.setYRange(-0.6, max(len(by_kind), 1) - 0.4, padding=0)
        chart.setXRange(0, max([n for _, n in by_kind] + [1]) * 1.25, padding=0)
