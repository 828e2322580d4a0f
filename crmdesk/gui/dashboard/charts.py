"""The chart widgets of the dashboard (pyqtgraph): bars, lines, a heat map.

Every chart is a PlotWidget that cannot be panned or zoomed (a dashboard is
read, not explored): the mouse wheel over it scrolls the page. It tells the
value under the mouse in a tooltip (`hover` keeps its text) and emits
`activated(Hit)` when a bar or a cell that stands for clients is clicked: the
tab turns it into a filter of the client table. Data go in through
`set_bars`, `set_lines`, `set_cells`; the items drawn stay readable
(`bar_items`, `cells`, `value_labels`) for the tests and the export.

Readable at any size: a value written at a bar's end that would overlap
another one is hidden (the tooltip still has it), category axes have no tick
marks (an inward tick before « 67,00 € » read as a minus sign), and a chart
is never narrower than its title.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pyqtgraph
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from crmdesk.gui.analysis.rfm_dialog import heat_colour  # the RFM dialog's blues: one map for one grid
from crmdesk.gui.common import labels

INK = "#333333"
AXIS_INK = "#555555"
VALUE_AXIS_WIDTH = 56
LEGEND_COLUMNS = 5
LEGEND_SAMPLE = 50  # pixels of a legend entry besides its text: the sample, the spacing
GRID_ALPHA = 0.25
BAR = 0.7  # bar thickness, in category units
LABEL_CHARS = 26  # a category label longer than this is cut with « … » (the tooltip has it whole)


@dataclass
class Series:
    """One set of values over the categories: a colour of bars or one line."""

    name: str
    colour: str
    values: list[float | None]
    texts: list[str] = field(default_factory=list)  # written at the bar's end ("" = nothing)
    tips: list[str] = field(default_factory=list)  # tooltip of each value
    key: object = None  # for a click: which series (a complaint kind…)


@dataclass(frozen=True)
class Hit:
    """What is under the mouse: the category and series indexes and their keys."""

    index: int
    series: int
    key: object = None  # the category's key (None: not clickable)
    series_key: object = None
    tip: str = ""


def french(value: float, decimals: int = 0) -> str:
    return labels.FRENCH.toString(float(value), "f", decimals)


def cut(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bottom_ticks(plot, ticks: list[tuple[float, str]]) -> None:
    """Category labels under the chart; two lines (« nov.\n2026 ») get the height they need."""
    axis = plot.getAxis("bottom")
    axis.setTicks([ticks])
    lines = max((text.count("\n") + 1 for _, text in ticks), default=1)
    axis.setHeight(QFontMetrics(axis.font()).height() * lines + 12)


class FrenchAxis(pyqtgraph.AxisItem):
    """Tick values the French way, with a unit: « 250 k€ », « 1,5 M€ », « 40 % »."""

    def __init__(self, orientation: str, unit: str = "", **kwargs):
        super().__init__(orientation, **kwargs)
        self.unit = unit
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):
        return [self.text(v * scale) for v in values]

    def text(self, value: float) -> str:
        if self.unit == "€":
            for size, suffix in ((1e6, "M€"), (1e3, "k€")):
                if abs(value) >= size:
                    return f"{french(value / size, 0 if abs(value) >= 10 * size else 1)}\u00a0{suffix}"
            return f"{french(value)}\u00a0€"
        decimals = 0 if float(value).is_integer() else 1
        return f"{french(value, decimals)}\u00a0{self.unit}" if self.unit else french(value, decimals)


class Chart(pyqtgraph.PlotWidget):
    activated = Signal(object)  # Hit of a clickable bar or cell

    def __init__(
        self,
        name: str,
        title: str,
        parent: QWidget | None = None,
        *,
        unit: str = "",
        horizontal: bool = False,
        right_unit: str | None = None,
    ):
        value_axis = "bottom" if horizontal else "left"
        axes = {value_axis: FrenchAxis(value_axis, unit)}
        if right_unit is not None:
            axes["right"] = FrenchAxis("right", right_unit)
        super().__init__(parent, background="w", axisItems=axes)
        plot = self.getPlotItem()
        for side in axes.keys() | {"left", "bottom"}:
            plot.getAxis(side).setTextPen(AXIS_INK)
        if not horizontal:  # wide enough for « 1,5 M€ » from the start: no label hidden at first paint
            plot.getAxis("left").setWidth(VALUE_AXIS_WIDTH)
        self._x_labels: list[str] = []  # categories along x: the last one's label gets room (fit_x)
        plot.vb.sigResized.connect(self.fit_x)
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.title = title
        self.horizontal = horizontal
        self.hover = ""
        self.to_filter = None  # Hit -> DashboardFilter, when the key alone does not say it
        self.key: pyqtgraph.LegendItem | None = None
        self.setMinimumHeight(250)
        # the title is centred over the plot, beside the value axis: never narrower than that
        self.setMinimumWidth(
            QFontMetrics(QFont(self.font().family(), 10)).horizontalAdvance(title) + VALUE_AXIS_WIDTH + 16
        )
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setTitle(title, color=INK, size="10pt")
        self.showGrid(x=horizontal, y=not horizontal, alpha=GRID_ALPHA)
        self.getPlotItem().vb.setDefaultPadding(0)
        self.scene().sigMouseMoved.connect(self._moved)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.empty_text = pyqtgraph.TextItem("", color="#888", anchor=(0.5, 0.5))

    def wheelEvent(self, event) -> None:
        """Nothing to zoom: the wheel scrolls the dashboard's page (the event goes up to it)."""
        event.ignore()

    # -- what is under the mouse --------------------------------------------------------
    def hit(self, x: float, y: float) -> Hit | None:
        """The element at the data point (x, y); each kind of chart knows its own."""
        return None

    def hit_at(self, scene_pos: QPointF) -> Hit | None:
        box = self.getPlotItem().vb
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        point = box.mapSceneToView(scene_pos)
        return self.hit(point.x(), point.y())

    def scene_pos(self, x: float, y: float) -> QPointF:
        """Where the data point (x, y) is in the scene (tests click there)."""
        return self.getPlotItem().vb.mapViewToScene(QPointF(x, y))

    def _moved(self, scene_pos: QPointF) -> None:
        hit = self.hit_at(scene_pos)
        self.hover = hit.tip if hit is not None else ""
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if hit is not None and hit.key is not None else Qt.CursorShape.ArrowCursor
        )
        if self.hover:
            QToolTip.showText(QCursor.pos(), self.hover, self)
        else:
            QToolTip.hideText()

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.hit_at(event.scenePos())
        if hit is not None and hit.key is not None:
            self.activated.emit(hit)

    # -- drawing helpers ----------------------------------------------------------------
    def set_x_categories(self, labels_along_x: list[str]) -> None:
        """Categories 0 … n-1 along x, each with half a slot of margin; more on the
        right when the last label is wider than that (« déc. 2026 en cours »)."""
        self._x_labels = list(labels_along_x)
        self.fit_x()

    def fit_x(self, *_args) -> None:
        count = len(self._x_labels)
        if not count:
            return
        metrics = QFontMetrics(self.getPlotItem().getAxis("bottom").font())
        half = max(metrics.horizontalAdvance(line) for line in self._x_labels[-1].split("\n")) / 2 + 4
        width = max(self.getPlotItem().vb.width(), 2 * half + 1)
        # the last label's centre stands 0.6 + extra units from the right end: make that half its width
        extra = max(0.0, (half * (count + 0.2) - 0.6 * width) / (width - half))
        self.getPlotItem().setXRange(-0.6, count - 0.4 + extra, padding=0)

    def reset(self) -> pyqtgraph.PlotItem:
        plot = self.getPlotItem()
        plot.clear()
        if self.key is not None:
            self.key.clear()
            self.key.hide()
        return plot

    def show_empty(self, text: str) -> None:
        """A word in the middle instead of an empty frame (« Aucune donnée »)."""
        plot = self.getPlotItem()
        self._x_labels = []
        self.empty_text.setText(text)
        plot.addItem(self.empty_text)
        self.empty_text.setPos(0.5, 0.5)
        plot.setXRange(0, 1, padding=0)
        plot.setYRange(0, 1, padding=0)
        for side in ("left", "bottom"):
            plot.getAxis(side).setTicks([[]])

    def legend(self, names: list[str]) -> pyqtgraph.LegendItem:
        """The legend, under the chart (inside, it would hide bars or lines),
        in as many columns as the chart's width holds (a legend wider than
        the chart would widen the plot past the window)."""
        if self.key is None:
            self.key = pyqtgraph.LegendItem(labelTextColor=INK, labelTextSize="8pt", verSpacing=-4)
            # in the layout, not floating over the view: it scales with the chart (PNG export)
            self.key.setFlag(self.key.GraphicsItemFlag.ItemIgnoresTransformations, False)
            self.getPlotItem().layout.addItem(self.key, 4, 1)
        font = QFont(self.font())
        font.setPointSize(8)
        widest = max((QFontMetrics(font).horizontalAdvance(n) for n in names), default=0) + LEGEND_SAMPLE
        fits = (self.width() - VALUE_AXIS_WIDTH) // widest
        self.key.setColumnCount(max(1, min(LEGEND_COLUMNS, len(names), fits)))
        self.key.show()
        return self.key

    def png(self, scale: float = 2.0) -> bytes:
        """The chart as drawn now, as PNG bytes, `scale` times its size in
        pixels (vector drawing: sharp at any scale). GUI thread only."""
        image = QImage(self.size() * scale, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # the scene, not the widget: QWidget.render would scale a QGraphicsView twice
        self.scene().render(painter, QRectF(image.rect()), QRectF(self.viewport().rect()))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())


class BarChart(Chart):
    """Bars per category: one series, side-by-side series, or stacked ones.

    Horizontal charts list their categories from the top (the biggest first
    when the data come sorted); the value axis is then hidden and each bar
    says its value at its end. A click anywhere in a category's band counts.
    """

    def __init__(
        self,
        name: str,
        title: str,
        parent: QWidget | None = None,
        *,
        unit: str = "",
        horizontal: bool = False,
        stacked: bool = False,
        right_unit: str | None = None,
    ):
        super().__init__(name, title, parent, unit=unit, horizontal=horizontal, right_unit=right_unit)
        self.stacked = stacked
        self.categories: list[tuple[str, object]] = []
        self.series: list[Series] = []
        self.extra_names: list[str] = []  # legend entries drawn after the bars (a rate line)
        self.bar_items: list[pyqtgraph.BarGraphItem] = []
        self.value_labels: list[pyqtgraph.TextItem] = []
        self.bases: list[list[float]] = []
        plot = self.getPlotItem()
        plot.getAxis("left" if horizontal else "bottom").setStyle(tickLength=0)  # categories: no tick marks
        if horizontal:
            plot.hideAxis("bottom")
        plot.vb.sigResized.connect(self.fit_labels)

    def position(self, index: int) -> float:
        return len(self.categories) - 1 - index if self.horizontal else index

    def set_bars(self, categories: list[tuple[str, object]], series: list[Series], *, empty: str = "") -> None:
        """`categories`: (label, key) per category, key None = not clickable."""
        plot = self.reset()
        self.categories, self.series, self.bar_items, self.bases = list(categories), list(series), [], []
        self.value_labels = []
        if not categories:
            self.show_empty(empty)
            return
        count = len(series)
        width = BAR if self.stacked or count == 1 else BAR / count
        base = [0.0] * len(categories)
        top = 0.0
        for number, one in enumerate(series):
            values = [float(v or 0) for v in one.values]
            offset = 0.0 if self.stacked or count == 1 else (number - (count - 1) / 2) * width
            where = [self.position(i) + offset for i in range(len(values))]
            start = list(base) if self.stacked else [0.0] * len(values)
            if self.horizontal:
                item = pyqtgraph.BarGraphItem(
                    x0=start, y=where, width=values, height=width * 0.92, brush=one.colour, pen=None
                )
            else:
                item = pyqtgraph.BarGraphItem(
                    x=where, y0=start, height=values, width=width * 0.92, brush=one.colour, pen=None
                )
            plot.addItem(item)
            self.bar_items.append(item)
            self.bases.append(start)
            ends = [s + v for s, v in zip(start, values)]
            if self.stacked:
                base = ends
            top = max([top, *ends])
            for at, end, text in zip(where, ends, one.texts):
                if text:
                    self._label(plot, text, at, end)
        if count > 1 or self.extra_names:
            named = [(item, one.name) for item, one in zip(self.bar_items, series) if any(one.values)]
            legend = self.legend([name for _item, name in named] + self.extra_names)
            for item, name in named:
                legend.addItem(item, name)
        self._axes(plot, top or 1.0)
        self.fit_labels()

    def _label(self, plot, text: str, at: float, end: float) -> None:
        # a thin space after the end of a horizontal bar: the value never touches the axis or the bar
        label = pyqtgraph.TextItem(
            "\u2009" + text if self.horizontal else text, color=INK, anchor=(0, 0.5) if self.horizontal else (0.5, 1)
        )
        label.setFont(QFont(label.textItem.font().family(), 8))
        label.setPos(*((end, at) if self.horizontal else (at, end)))
        plot.addItem(label)
        self.value_labels.append(label)

    def fit_labels(self, *_args) -> None:
        """Hide a value that would overlap one already written (in drawing order);
        show it again when the chart grows."""
        kept: list[QRectF] = []
        for label in self.value_labels:
            rect = self.label_box(label).adjusted(1, 1, -1, -1)  # touching is not overlapping
            fits = not any(rect.intersects(other) for other in kept)
            label.setVisible(fits)
            if fits:
                kept.append(rect)

    def label_box(self, label: pyqtgraph.TextItem) -> QRectF:
        """Where a value's text falls in the scene, from the current view (the item's own
        transform follows only at its next paint)."""
        metrics = QFontMetrics(label.textItem.font())
        text = label.textItem.toPlainText()
        width, height = metrics.horizontalAdvance(text), metrics.height()
        at = self.getPlotItem().vb.mapViewToScene(label.pos())
        if self.horizontal:  # anchor (0, 0.5): the text starts at the bar's end
            return QRectF(at.x(), at.y() - height / 2, width, height)
        return QRectF(at.x() - width / 2, at.y() - height, width, height)  # anchor (0.5, 1): above the bar

    def fit_x(self, *_args) -> None:
        super().fit_x()
        if self.horizontal:
            self._room_for_values()
        self.fit_labels()

    def _room_for_values(self) -> None:
        """Horizontal bars: the value axis long enough for every value written after its bar
        (« 359 479,22 € » whole, at any width of the chart)."""
        width = self.getPlotItem().vb.width()
        if not self.categories or width <= 0:
            return
        top = (
            max(
                (s + (v or 0) for one, base in zip(self.series, self.bases) for s, v in zip(base, one.values)),
                default=0.0,
            )
            or 1.0
        )
        needed = top * 1.05
        for label in self.value_labels:
            text = QFontMetrics(label.textItem.font()).horizontalAdvance(label.textItem.toPlainText()) + 8
            if text < width:  # the end of the bar, then the text: it fits when the axis reaches this far
                needed = max(needed, label.pos().x() / (1 - text / width))
        self.getPlotItem().setXRange(0, needed, padding=0)

    def _axes(self, plot, top: float) -> None:
        n = len(self.categories)
        ticks = [(self.position(i), cut(label)) for i, (label, _key) in enumerate(self.categories)]
        room = 1.4 if self.horizontal else 1.15  # for the values written at the bars' ends
        if self.horizontal:
            axis = plot.getAxis("left")
            axis.setTicks([ticks])
            metrics = QFontMetrics(self.font())
            longest = max(metrics.horizontalAdvance(t) for _, t in ticks) if ticks else 40
            axis.setWidth(min(220, longest + 14))
            plot.setYRange(-0.6, n - 0.4, padding=0)
            plot.setXRange(0, top * room, padding=0)
            self._room_for_values()
        else:
            bottom_ticks(plot, ticks)
            plot.setYRange(0, top * room, padding=0)
            self.set_x_categories([text for _, text in ticks])

    def hit(self, x: float, y: float) -> Hit | None:
        along, value = (y, x) if self.horizontal else (x, y)
        slot = round(along)
        index = len(self.categories) - 1 - slot if self.horizontal else slot
        if not 0 <= index < len(self.categories) or abs(along - slot) > 0.5:
            return None
        number = self._series_at(index, along - slot, value)
        one = self.series[number]
        tip = one.tips[index] if index < len(one.tips) else ""
        label, key = self.categories[index]
        if not one.values[index]:  # no bar there: nobody to show
            key = None
        return Hit(index, number, key, one.key, tip or label)

    def _series_at(self, index: int, offset: float, value: float) -> int:
        """Which series' bar is there: by height when stacked, by side otherwise."""
        count = len(self.series)
        if count == 1:
            return 0
        if self.stacked:
            for number in range(count - 1, -1, -1):
                if value >= self.bases[number][index] and (self.series[number].values[index] or 0):
                    return number
            return 0
        width = BAR / count
        return min(count - 1, max(0, math.floor((offset + BAR / 2) / width)))


class BarsAndRate(BarChart):
    """Stacked bars (counts) with a rate in % as a line on a right-hand axis,
    and its target as a dashed line (complaints closed in time: 100 %)."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None, *, rate_name: str, colour: str):
        super().__init__(name, title, parent, stacked=True, right_unit="%")
        self.colour = colour
        self.extra_names = [rate_name]
        self.rates: list[float | None] = []
        self.rate_line: pyqtgraph.PlotDataItem | None = None
        plot = self.getPlotItem()
        self.rate_box = pyqtgraph.ViewBox(enableMenu=False)
        self.rate_box.setMouseEnabled(x=False, y=False)
        plot.showAxis("right")
        plot.scene().addItem(self.rate_box)
        axis = plot.getAxis("right")
        axis.linkToView(self.rate_box)
        axis.setWidth(VALUE_AXIS_WIDTH)
        axis.setTextPen(colour)  # the rate's colour says whose axis it is (its name is in the legend)
        self.rate_box.setXLink(plot)
        self.rate_box.setYRange(0, 125, padding=0)
        plot.vb.sigResized.connect(self._follow)

    def _follow(self, *_args) -> None:
        """The rate's box stays over the bars' box (pyqtgraph's two-axes recipe)."""
        self.rate_box.setGeometry(self.getPlotItem().vb.sceneBoundingRect())

    def set_rate(self, rates: list[float | None], target: float, target_label: str) -> None:
        self.rate_box.clear()
        self.rates = list(rates)
        points = [(x, r) for x, r in enumerate(rates) if r is not None]
        self.rate_line = pyqtgraph.PlotDataItem(
            [x for x, _ in points],
            [r for _, r in points],
            pen=pyqtgraph.mkPen(self.colour, width=2),
            symbol="o",
            symbolSize=7,
            symbolBrush=self.colour,
            symbolPen=None,
        )
        self.rate_box.addItem(self.rate_line)
        self.rate_box.addItem(
            pyqtgraph.InfiniteLine(
                pos=target,
                angle=0,
                label=target_label,
                pen=pyqtgraph.mkPen(self.colour, width=1.5, style=Qt.PenStyle.DashLine),
                labelOpts={"position": 0.02, "color": self.colour, "anchors": [(0, 1), (0, 1)]},
            )
        )
        if self.categories:  # into the bars' legend (set_bars made room for it)
            self.key.addItem(self.rate_line, self.extra_names[0])
        self._follow()


class LineChart(Chart):
    """Lines over periods (categories along x), with dashed threshold lines."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None, *, unit: str = ""):
        super().__init__(name, title, parent, unit=unit)
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.line_items: list[pyqtgraph.PlotDataItem] = []
        self.threshold_items: list[pyqtgraph.InfiniteLine] = []

    def set_lines(
        self,
        categories: list[str],
        series: list[Series],
        *,
        thresholds: list[tuple[float, str, str]] = (),
        value_range: tuple[float, float] | None = None,
        empty: str = "",
    ) -> None:
        """`thresholds`: (value, label, colour), drawn dashed across the chart."""
        plot = self.reset()
        self.categories, self.series, self.line_items, self.threshold_items = list(categories), list(series), [], []
        if not categories or not any(v is not None for s in series for v in s.values):
            self.categories = []
            self.show_empty(empty)
            return
        xs = list(range(len(categories)))
        for one in series:
            ys = [math.nan if v is None else float(v) for v in one.values]
            line = pyqtgraph.PlotDataItem(
                xs,
                ys,
                pen=pyqtgraph.mkPen(one.colour, width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush=one.colour,
                symbolPen=None,
                connect="finite",
            )
            plot.addItem(line)
            self.line_items.append(line)
        if len(series) > 1:  # one line: the title names it
            legend = self.legend([one.name for one in series])
            for line, one in zip(self.line_items, series):
                legend.addItem(line, one.name)
        known = [v for s in series for v in s.values if v is not None]
        for value, text, colour in thresholds:
            mark = pyqtgraph.InfiniteLine(
                pos=value,
                angle=0,
                label=text,
                pen=pyqtgraph.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine),
                labelOpts={"position": 0.02, "color": colour, "anchors": [(0, 1), (0, 1)]},
            )
            plot.addItem(mark)
            self.threshold_items.append(mark)
            known.append(value)
        bottom_ticks(plot, self._ticks())
        self.set_x_categories(self.categories)  # room for the first and last labels
        if value_range is not None:
            plot.setYRange(*value_range, padding=0)
        else:
            low, high = min(0.0, *known), max(known)
            room = (high - low) * 0.15 or 1.0
            plot.setYRange(low - (room if low < 0 else 0), high + room, padding=0)

    def _ticks(self) -> list[tuple[int, str]]:
        """Every label, or one in two / three when there are many (they would overlap)."""
        step = max(1, math.ceil(len(self.categories) / 8))
        return [(i, text) for i, text in enumerate(self.categories) if (len(self.categories) - 1 - i) % step == 0]

    def hit(self, x: float, y: float) -> Hit | None:
        index = round(x)
        if not self.categories or not 0 <= index < len(self.categories):
            return None
        axis = self.getPlotItem().getAxis("left")  # its unit: « 6,8 % », « 41,7 pts »
        lines = [
            s.tips[index]
            if index < len(s.tips) and s.tips[index]
            else f"{s.name} — {'—' if s.values[index] is None else axis.text(round(s.values[index], 1))}"
            for s in self.series
        ]
        return Hit(index, 0, None, None, f"{self.categories[index]}\n" + "\n".join(lines))


class HeatMap(Chart):
    """The R × F grid: one square per (R, F) score pair, its clients written in it."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None):
        super().__init__(name, title, parent)
        self.cells: dict[tuple[int, int], int] = {}
        self.tips: dict[tuple[int, int], str] = {}
        self.showGrid(x=False, y=False)

    def set_cells(self, cells: dict[tuple[int, int], int], tips: dict[tuple[int, int], str]) -> None:
        plot = self.reset()
        self.cells, self.tips = dict(cells), dict(tips)
        keys = sorted(cells)
        top = max(cells.values(), default=0)
        if keys:
            plot.addItem(
                pyqtgraph.BarGraphItem(
                    x=[f for _r, f in keys],
                    y=[r for r, _f in keys],
                    width=0.96,
                    height=0.96,
                    brushes=[heat_colour(cells[k], top) for k in keys],
                    pen=pyqtgraph.mkPen("#d0d7de"),
                )
            )
        for (r, f), count in cells.items():
            text = pyqtgraph.TextItem(
                labels.number(count), anchor=(0.5, 0.5), color="#ffffff" if top and count > top * 0.55 else INK
            )
            text.setFont(QFont(text.textItem.font().family(), 9, QFont.Weight.Bold))
            text.setPos(f, r)
            plot.addItem(text)
        # the saved method's scale: grid points 0–4, quantile notes 1–5
        scores = sorted({s for key in keys for s in key}) or list(range(1, 6))
        for side in ("left", "bottom"):
            plot.getAxis(side).setTicks([[(s, str(s)) for s in scores]])
        plot.setXRange(scores[0] - 0.5, scores[-1] + 0.5, padding=0)
        plot.setYRange(scores[0] - 0.5, scores[-1] + 0.5, padding=0)

    def hit(self, x: float, y: float) -> Hit | None:
        cell = (round(y), round(x))
        if cell not in self.cells:
            return None
        return Hit(0, 0, cell if self.cells[cell] else None, None, self.tips.get(cell, ""))
