"""The dashboard reads right: the page scrolls under the wheel, a period in progress
says so, value labels never overlap, no tick reads as a minus sign, no axis title
is cut."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

from crmdesk.domain import periods
from crmdesk.gui.dashboard.charts import BarChart, Series
from tests.gui import test_dashboard_gui as dashboard_tests
from tests.gui.test_dashboard_gui import NOVEMBER, TODAY, recomputed, shown

OCTOBER = periods.bounds("month", TODAY.replace(month=10))
sweety = dashboard_tests.sweety  # the window on the Sweety Bio demo, as of TODAY


def test_the_wheel_over_a_chart_scrolls_the_page(qtbot, sweety):
    """Over the plot, and over its axes too (pyqtgraph's axes took the wheel for a zoom)."""
    sweety.resize(1280, 800)
    tab = shown(qtbot, sweety)
    scroll = tab.findChild(QScrollArea, "dashboardScroll")
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    chart = tab.charts["ca-par-mois"]
    ranges = chart.viewRange()
    for x, y in ((0.5, 0.5), (0.03, 0.4), (0.5, 0.8)):  # the bars, the amounts' axis, the months' axis
        bar.setValue(0)
        spot = chart.mapTo(sweety, QPoint(int(chart.width() * x), int(chart.height() * y)))
        assert chart.isAncestorOf(sweety.childAt(spot)) or sweety.childAt(spot) is chart
        QTest.wheelEvent(sweety.windowHandle(), QPointF(spot), QPoint(0, -120))  # one notch down
        assert bar.value() > 0, (x, y)
    assert chart.viewRange() == ranges  # nothing zoomed


def test_a_period_in_progress_is_said_to_be(qtbot, sweety):
    tab = shown(qtbot, sweety)  # November 2026, on 23/11/2026
    assert tab.period() == NOVEMBER
    assert tab.in_progress.isVisible()
    assert tab.in_progress.text() == (
        "novembre 2026 is still in progress (day 23 of 30): its figures are those of "
        "23/11/2026 and will change until it ends."
    )
    caption, value = tab.tiles[4]
    assert caption.text() == "Retention" and value.text() == dict(tab.figures)["Retention"] + " (in progress)"
    chart = tab.charts["retention-attrition"]
    assert chart.categories[-1].endswith("\nin progress") and "in progress" not in chart.categories[-2]
    assert "in progress: day 23 of 30" in chart.series[0].tips[-1]
    assert tab.charts["ca-par-mois"].categories[-1][0].endswith("\nin progress")
    recomputed(qtbot, tab, lambda: tab.set_period(OCTOBER))  # a month that is over: no caveat
    assert not tab.in_progress.isVisible()
    assert tab.tiles[4][1].text() == dict(tab.figures)["Retention"]
    assert not any("in progress" in c for c in tab.charts["retention-attrition"].categories)


def text_box(label):
    """Where a label's text is drawn, in the scene: its box less the text's padding, less
    a pixel of line spacing (two labels that touch do not overlap)."""
    margin = label.textItem.document().documentMargin() + 1
    return label.mapRectToScene(label.boundingRect()).adjusted(margin, margin, -margin, -margin)


def visible_labels(chart: BarChart):
    return [label for label in chart.value_labels if label.isVisible()]


def test_values_written_on_the_bars_never_overlap(qtbot, sweety):
    sweety.resize(1400, 800)
    tab = shown(qtbot, sweety)
    for name, chart in tab.charts.items():
        if isinstance(chart, BarChart):
            chart.grab()  # painted as the user sees it
            rects = [text_box(label) for label in visible_labels(chart)]
            for one, other in itertools.combinations(rects, 2):
                assert not one.intersects(other), name
    status = tab.charts["clients-et-ca-par-statut"]
    assert len(visible_labels(status)) == len(status.value_labels) == 8  # room for every share


def test_two_equal_shares_side_by_side_are_not_written_over_each_other(qtbot):
    """« 100,0 % » on both bars of a category read « 100,0 %100,0 % » when the chart was narrow."""
    chart = BarChart("parts", "Clients et CA par statut (part en %)", unit="%")
    qtbot.addWidget(chart)
    chart.resize(420, 260)
    chart.show()
    qtbot.waitExposed(chart)
    statuses = [("Premium", None), ("Actif", None), ("Standard", None), ("Occasionnel", None), ("Autre", None)]
    chart.set_bars(
        statuses,
        [
            Series("Volume", "#3465a4", [100.0] * 5, ["100,0 %"] * 5),
            Series("Valeur", "#e08a2e", [100.0] * 5, ["100,0 %"] * 5),
        ],
    )
    qtbot.waitUntil(lambda: 0 < len(visible_labels(chart)) < 10)  # crowded: some give way
    chart.grab()
    for one, other in itertools.combinations([text_box(label) for label in visible_labels(chart)], 2):
        assert not one.intersects(other)
    chart.resize(1600, 260)  # room again: all come back
    qtbot.waitUntil(lambda: len(visible_labels(chart)) == 10)


def test_no_tick_before_a_value_and_every_axis_title_fits(qtbot, sweety):
    sweety.resize(1280, 800)
    tab = shown(qtbot, sweety)
    for name in ("ca-par-categorie", "ca-par-region", "ca-par-commercial", "segments-rfm"):
        chart = tab.charts[name]
        assert chart.getPlotItem().getAxis("left").style["tickLength"] == 0, name
        assert all(label.textItem.toPlainText().startswith("\u2009") for label in chart.value_labels)
        chart.grab()
        edge = chart.getPlotItem().vb.sceneBoundingRect().right()
        for label in chart.value_labels:  # « 359 479,22 € » whole
            assert label.isVisible() and text_box(label).right() <= edge, (name, label.textItem.toPlainText())
    for name, chart in tab.charts.items():
        plot = chart.getPlotItem()
        for side in ("left", "right", "bottom"):
            axis = plot.getAxis(side)
            if not axis.isVisible() or not axis.label.isVisible() or not axis.labelText:
                continue
            length = plot.vb.height() if side in ("left", "right") else plot.vb.width()
            assert QFontMetrics(axis.label.font()).horizontalAdvance(axis.labelText) <= length, (name, side)
        title = chart.getPlotItem().titleLabel  # the title as drawn, not cut
        assert title.mapRectToScene(title.boundingRect()).right() <= chart.viewport().width(), name
        assert title.item.boundingRect().width() <= title.boundingRect().width() + 1, name
    assert not tab.charts["reclamations-par-mois"].getPlotItem().getAxis("right").labelText  # in the legend
