"""What each chart of the dashboard shows, from the figures the tab computed.

`Views.make(parent)` builds the charts (slug -> chart, the slug names the
PNG file); `Views.draw(charts, result)` fills them and returns the key
figures [(label, text)]. A bar or a cell that stands for clients carries a
DashboardFilter as its key: the tab hands it to the main window.

`result` (tab.compute): period, today, snapshot (crmdesk.store.dashboard),
satisfaction (IndicatorStore.satisfaction_series over the snapshot's
retention periods), thresholds, web (WebReport), social (SocialIndicators).

A period still in progress on `today` is said to be: « en cours » under its
label on the axes and in its tooltips, and after the retention figure (7,9 %
of a month seven days old is no month's retention yet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject

from crmdesk.domain import complaints as complaint_rules
from crmdesk.domain import indicators as rules
from crmdesk.domain import periods, rfm
from crmdesk.domain.money import format_eur
from crmdesk.domain.periods import Period
from crmdesk.gui.analysis.distribution_view import VALUE_COLOUR, VOLUME_COLOUR
from crmdesk.gui.common import labels
from crmdesk.gui.complaints.dashboard import IN_TIME_COLOUR, KIND_COLOURS, percent
from crmdesk.gui.dashboard.charts import BarChart, BarsAndRate, Chart, HeatMap, Hit, LineChart, Series, french
from crmdesk.gui.dashboard.filter import DashboardFilter
from crmdesk.store.dashboard import months_of

# Colours: clients (volume) blue and revenue (value) orange everywhere, as in
# « Répartition par statut »; complaints by kind as in their own dashboard.
GOOD, BAD, PURPLE = "#1e8449", "#c0392b", "#8e44ad"
THRESHOLD = "#555555"
MAX_BARS = 12  # more categories than this: the smallest are summed up as « others »
WEB_PERIODS = 8  # the last periods of web figures shown


def month_period(month: str) -> Period:
    """« 2026-03 » -> March 2026."""
    year, number = (int(part) for part in month.split("-"))
    return periods.bounds("month", dt.date(year, number, 1))


def axis_label(period: Period) -> str:
    """« nov.\n2026 », « T4\n2026 »: two short lines under a bar or a point."""
    return period.short_label.replace(" ", "\n", 1) if period.kind != "custom" else period.short_label


class Views(QObject):
    """The charts' titles and texts (translated in context « Views »)."""

    def make(self, parent) -> dict[str, Chart]:
        """Every chart, in the order of the tab and of the exports."""
        charts = [
            BarChart(
                "clients-et-ca-par-statut", self.tr("Clients and revenue by status (share in %)"), parent, unit="%"
            ),
            BarChart("ca-par-mois", self.tr("Revenue per month"), parent, unit="€"),
            BarChart("ca-par-categorie", self.tr("Revenue by product category"), parent, horizontal=True),
            BarChart("ca-par-region", self.tr("Revenue by region"), parent, horizontal=True),
            BarChart("ca-par-commercial", self.tr("Revenue by sales rep / ambassador"), parent, horizontal=True),
            BarChart("segments-rfm", self.tr("Clients per RFM segment"), parent, horizontal=True),
            HeatMap("matrice-r-f", self.tr("Clients per recency (R) and frequency (F) score"), parent),
            LineChart("retention-attrition", self.tr("Retention and attrition"), parent, unit="%"),
            BarsAndRate(
                "reclamations-par-mois",
                self.tr("Complaints per month by kind, share closed in time"),
                parent,
                rate_name=self.tr("closed in time"),
                colour=IN_TIME_COLOUR,
            ),
            LineChart("satisfaction-csat", self.tr("CSAT: satisfied customers"), parent, unit="%"),
            LineChart("satisfaction-nps", self.tr("NPS: net promoter score"), parent, unit="pts"),
            LineChart("satisfaction-ces", self.tr("CES: customer effort (lower is better)"), parent),
            LineChart(
                "indicateurs-web", self.tr("Web shop: conversion, transformation, cart abandonment"), parent, unit="%"
            ),
            BarChart(
                "engagement-reseaux-sociaux",
                self.tr("Social networks: engagement rate against the objective"),
                parent,
                unit="%",
            ),
        ]
        heat = charts[6]
        heat.getPlotItem().setLabel("left", self.tr("Recency (R)"))  # short: it fits the chart's height
        heat.getPlotItem().setLabel("bottom", self.tr("Frequency (F)"))
        return {chart.objectName(): chart for chart in charts}

    def draw(self, charts: dict[str, Chart], result: dict) -> list[tuple[str, str]]:
        snap, period = result["snapshot"], result["period"]
        self.today = result.get("today") or dt.date.today()
        self._status(charts["clients-et-ca-par-statut"], snap["status"])
        self._months(charts["ca-par-mois"], snap["months"])
        dimensions = (("category", "ca-par-categorie"), ("region", "ca-par-region"), ("rep", "ca-par-commercial"))
        for dimension, name in dimensions:
            self._revenue(charts[name], dimension, snap[dimension], period)
        self._segments(charts["segments-rfm"], snap["rfm_segments"])
        self._rf(charts["matrice-r-f"], snap["rf_matrix"], snap.get("rfm_method", "grid"))
        self._retention(charts["retention-attrition"], snap["retention"], result["thresholds"])
        self._complaints(charts["reclamations-par-mois"], snap["complaints"])
        self._satisfaction(charts, result["satisfaction"], result["thresholds"])
        self._web(charts["indicateurs-web"], result["web"], result["thresholds"], period)
        self._social(charts["engagement-reseaux-sociaux"], result["social"], result["thresholds"], period)
        return self.figures(result)

    # -- shared wording ---------------------------------------------------------------------
    today: dt.date | None = None

    def in_progress(self, period: Period) -> bool:
        return period.contains(self.today or dt.date.today())

    def progress_text(self, period: Period) -> str:
        """« day 7 of 31 »."""
        day = ((self.today or dt.date.today()) - period.start).days + 1
        return self.tr("day %1 of %2").replace("%1", str(day)).replace("%2", str(period.days))

    def axis(self, period: Period) -> str:
        """The label under a period's bar or point, « en cours » under it while it runs."""
        text = axis_label(period)
        return text + "\n" + self.tr("in progress") if self.in_progress(period) else text

    def tip(self, period: Period, text: str) -> str:
        if not self.in_progress(period):
            return text
        return text + "\n" + self.tr("(in progress: %1)").replace("%1", self.progress_text(period))

    def no_data(self) -> str:
        return self.tr("No data for this period")

    def clients(self, count: int) -> str:
        return self.tr("1 client") if count == 1 else self.tr("%1 clients").replace("%1", labels.number(count))

    def orders(self, count: int) -> str:
        return self.tr("1 order") if count == 1 else self.tr("%1 orders").replace("%1", labels.number(count))

    # -- revenue and clients ------------------------------------------------------------------
    def _status(self, chart: BarChart, rows: list[dict]) -> None:
        """The four statuses, shares over the clients that have one (docs/domain/03-statuses.md table)."""
        rated = [r for r in rows if r["status"]]
        clients = sum(r["clients"] for r in rated)
        revenue = sum(r["revenue_cents"] for r in rated)
        if not clients:
            chart.set_bars([], [], empty=self.no_data())
            return
        volume = [r["clients"] * 100 / clients for r in rated]
        value = [r["revenue_cents"] * 100 / revenue if revenue else 0.0 for r in rated]
        tips = [
            self.tr("%1: %2 (%3 of the clients with a status)\nrevenue %4 (%5 of their revenue)")
            .replace("%1", r["label"])
            .replace("%2", self.clients(r["clients"]))
            .replace("%3", percent(v, 2))
            .replace("%4", format_eur(r["revenue_cents"]))
            .replace("%5", percent(w, 1))
            for r, v, w in zip(rated, volume, value)
        ]
        chart.set_bars(
            [
                (r["label"], DashboardFilter(self.tr("status %1").replace("%1", r["label"]), {"status": r["status"]}))
                for r in rated
            ],
            [
                Series(
                    self.tr("Share in volume (clients)"), VOLUME_COLOUR, volume, [percent(v, 1) for v in volume], tips
                ),
                Series(self.tr("Share in value (revenue)"), VALUE_COLOUR, value, [percent(v, 1) for v in value], tips),
            ],
        )

    def _months(self, chart: BarChart, rows: list[dict]) -> None:
        if not any(r["orders"] for r in rows):
            chart.set_bars([], [], empty=self.no_data())
            return
        names = [self.axis(month_period(r["month"])) for r in rows]
        tips = [
            self.tip(
                month_period(r["month"]),
                self.tr("%1: %2\n%3, %4")
                .replace("%1", month_period(r["month"]).label)
                .replace("%2", format_eur(r["revenue_cents"]))
                .replace("%3", self.orders(r["orders"]))
                .replace("%4", self.clients(r["clients"])),
            )
            for r in rows
        ]
        chart.set_bars(
            [(name, None) for name in names],
            [Series(self.tr("Revenue"), VALUE_COLOUR, [r["revenue_cents"] / 100 for r in rows], [], tips)],
        )

    def _revenue(self, chart: BarChart, dimension: str, rows: list[dict], period: Period) -> None:
        """Horizontal bars, biggest first; the smallest summed up beyond MAX_BARS."""
        shown, rest = rows[: MAX_BARS - 1], rows[MAX_BARS - 1 :]
        if len(rest) == 1:
            shown, rest = rows, []
        total = sum(r["revenue_cents"] for r in rows) or 1
        bars = [
            (r["label"], self._revenue_filter(dimension, r, period), r["revenue_cents"], r["orders"]) for r in shown
        ]
        if rest:
            bars.append(
                (
                    self.tr("%1 others").replace("%1", labels.number(len(rest))),
                    None,
                    sum(r["revenue_cents"] for r in rest),
                    sum(r["orders"] for r in rest),
                )
            )
        if not bars:
            chart.set_bars([], [], empty=self.no_data())
            return
        tips = [
            self.tr("%1: %2 (%3 of the period's revenue), %4")
            .replace("%1", name)
            .replace("%2", format_eur(cents))
            .replace("%3", percent(cents * 100 / total, 1))
            .replace("%4", self.orders(count))
            for name, _key, cents, count in bars
        ]
        chart.set_bars(
            [(name, key) for name, key, _cents, _count in bars],
            [
                Series(
                    self.tr("Revenue"),
                    VALUE_COLOUR,
                    [cents / 100 for _n, _k, cents, _c in bars],
                    [format_eur(cents) for _n, _k, cents, _c in bars],
                    tips,
                )
            ],
        )

    def _revenue_filter(self, dimension: str, row: dict, period: Period) -> DashboardFilter:
        name = row["label"]
        if dimension == "region":
            return DashboardFilter(self.tr("region %1").replace("%1", name), {"region": row["key"]})
        if dimension == "rep":  # 0: the client table's « (none) » rep
            return DashboardFilter(
                self.tr("sales rep %1").replace("%1", name), {"rep_id": int(row["key"]) if row["key"] else 0}
            )
        return DashboardFilter(
            self.tr("bought « %1 » in %2").replace("%1", name).replace("%2", period.label),
            {"bought": (row["key"], *period.iso())},
        )

    # -- RFM and retention --------------------------------------------------------------------------
    def _segments(self, chart: BarChart, rows: list[dict]) -> None:
        if not any(r["clients"] for r in rows):
            chart.set_bars([], [], empty=self.tr("No RFM segment saved: Analysis > RFM analysis…"))
            return
        total = sum(r["clients"] for r in rows)
        tips = [
            self.tr("%1: %2 (%3)\n%4")
            .replace("%1", r["label"])
            .replace("%2", self.clients(r["clients"]))
            .replace("%3", percent(r["clients"] * 100 / total, 1))
            .replace("%4", labels.shown(rfm.SEGMENTS[r["segment"]].action) if r["segment"] in rfm.SEGMENTS else "")
            for r in rows
        ]
        chart.set_bars(
            [
                (
                    r["label"],
                    DashboardFilter(self.tr("RFM segment %1").replace("%1", r["label"]), {"rfm_segment": r["segment"]}),
                )
                for r in rows
            ],
            [
                Series(
                    self.tr("Clients"),
                    VOLUME_COLOUR,
                    [r["clients"] for r in rows],
                    [labels.number(r["clients"]) for r in rows],
                    tips,
                )
            ],
        )

    def _rf(self, chart: HeatMap, cells: dict[tuple[int, int], int], method: str) -> None:
        def segment(r: int, f: int) -> str:
            scale = rfm.grid_to_scale if method == "grid" else (lambda s: s)
            return labels.shown(rfm.SEGMENTS[rfm.segment_of(scale(r), scale(f))].label)

        tips = {
            (r, f): self.tr("R %1 × F %2: %3\nsegment %4")
            .replace("%1", str(r))
            .replace("%2", str(f))
            .replace("%3", self.clients(n))
            .replace("%4", segment(r, f))
            for (r, f), n in cells.items()
        }
        chart.set_cells(cells, tips)
        chart.to_filter = lambda hit: DashboardFilter(
            self.tr("RFM cell R %1 × F %2").replace("%1", str(hit.key[0])).replace("%2", str(hit.key[1])),
            {"rf": hit.key},
        )

    def _retention(self, chart: LineChart, rows: list[dict], thresholds: dict) -> None:
        names = [self.axis(r["period"]) for r in rows]
        tips = [
            self.tip(
                r["period"],
                self.tr("%1 of the %2 clients of the period before bought again (%3 lost)")
                .replace("%1", percent(r["retention"], 1))
                .replace("%2", labels.number(r["at_start"]))
                .replace("%3", labels.number(r["lost"])),
            )
            if r["retention"] is not None
            else ""
            for r in rows
        ]
        threshold = thresholds.get("retention")
        chart.set_lines(
            names,
            [
                Series(self.tr("Retention"), GOOD, [r["retention"] for r in rows], [], tips),
                Series(self.tr("Attrition"), BAD, [r["attrition"] for r in rows]),
            ],
            thresholds=self._threshold(threshold, "%"),
            value_range=(0, 105),
            empty=self.no_data(),
        )

    def _threshold(self, value: float | None, unit: str) -> list[tuple[float, str, str]]:
        if value is None:
            return []
        return [
            (
                value,
                self.tr("threshold %1").replace("%1", f"{french(value, 0 if value.is_integer() else 1)}\u00a0{unit}"),
                THRESHOLD,
            )
        ]

    # -- complaints and satisfaction ---------------------------------------------------------------
    def _complaints(self, chart: BarsAndRate, rows: list[dict]) -> None:
        if not any(r["total"] for r in rows):
            chart.set_bars([], [], empty=self.tr("No complaint over these months"))
            chart.set_rate([], 100, self.tr("target 100 %"))
            return
        months = [month_period(r["month"]) for r in rows]
        series = []
        for kind, colour in KIND_COLOURS.items():
            counts = [r["by_kind"].get(kind, 0) for r in rows]
            if not any(counts):
                continue
            tips = [
                self.tip(
                    month,
                    self.tr("%1, %2: %3 of %4 complaints\nclosed in time: %5")
                    .replace("%1", month.label)
                    .replace("%2", labels.shown(complaint_rules.KINDS[kind]))
                    .replace("%3", labels.number(n))
                    .replace("%4", labels.number(r["total"]))
                    .replace("%5", percent(r["in_time_share"], 0)),
                )
                for month, n, r in zip(months, counts, rows)
            ]
            series.append(Series(labels.shown(complaint_rules.KINDS[kind]), colour, counts, [], tips, key=kind))
        chart.set_bars([(self.axis(m), m) for m in months], series)
        chart.set_rate([r["in_time_share"] for r in rows], 100, self.tr("target 100 %"))
        chart.to_filter = lambda hit: DashboardFilter(
            self.tr("complaints « %1 » received in %2")
            .replace("%1", labels.shown(complaint_rules.KINDS[hit.series_key]))
            .replace("%2", hit.key.label),
            {"complained": (hit.series_key, *hit.key.iso())},
        )

    def _satisfaction(self, charts: dict[str, Chart], rows: list[dict], thresholds: dict) -> None:
        names = [self.axis(r["period"]) for r in rows]
        measures: dict[str, tuple[str, Callable, tuple[float, float] | None, str]] = {
            "csat": (self.tr("CSAT (% of answers 4–5)"), lambda r: r["csat"], (0, 105), "%"),
            "nps": (self.tr("NPS (points)"), lambda r: r["nps"].nps if r["nps"] else None, None, "pts"),
            "ces": (self.tr("CES (mean effort, 1 to 7)"), lambda r: r["ces"].mean if r["ces"] else None, (1, 7), ""),
        }
        for indicator, (name, value, value_range, unit) in measures.items():
            values = [value(r) for r in rows]
            tips = [
                self.tip(
                    r["period"],
                    self.tr("%1 (%2 answers)")
                    .replace("%1", "—" if v is None else french(v, 1))
                    .replace("%2", labels.number(r["answers"][indicator])),
                )
                for v, r in zip(values, rows)
            ]
            charts[f"satisfaction-{indicator}"].set_lines(
                names,
                [Series(name, VOLUME_COLOUR, values, [], tips)],
                thresholds=self._threshold(thresholds.get(indicator), unit),
                value_range=value_range,
                empty=self.tr("No survey answer over these periods"),
            )

    # -- digital indicators ---------------------------------------------------------------------------
    def _web(self, chart: LineChart, report: rules.WebReport, thresholds: dict, period: Period) -> None:
        items = [i for i in report.items if rules.period_bounds(i.period).start <= period.end][-WEB_PERIODS:]
        names = [rules.period_label(i.period) for i in items]
        chart.set_lines(
            names,
            [
                Series(self.tr("Conversion"), VOLUME_COLOUR, [i.conversion_rate for i in items]),
                Series(self.tr("Transformation"), PURPLE, [i.transformation_rate for i in items]),
                Series(self.tr("Cart abandonment"), BAD, [i.abandonment_rate for i in items]),
            ],
            thresholds=[
                *self._threshold(thresholds.get("conversion"), "%"),
                *self._threshold(thresholds.get("abandonment"), "%"),
            ],
            value_range=(0, 105),
            empty=self.tr("No web figures: Analysis > Digital indicators…"),
        )

    def _social(self, chart: BarChart, rows: list, thresholds: dict, period: Period) -> None:
        """The networks of the last period entered up to the end of the dashboard's period."""
        known = [r for r in rows if rules.period_bounds(r.period).start <= period.end]
        last = known[-1].period if known else None
        shown = [r for r in known if r.period == last]
        if not shown:
            chart.set_bars([], [], empty=self.tr("No social network figures: Analysis > Digital indicators…"))
            return
        objectives = [rules.engagement_threshold(thresholds, r.network) for r in shown]
        tips = [
            self.tr("%1, %2: engagement %3 (objective %4)\nreach %5 of the objective")
            .replace("%1", r.network)
            .replace("%2", rules.period_label(r.period))
            .replace("%3", percent(r.engagement_rate, 2))
            .replace("%4", percent(o, 1))
            .replace("%5", percent(r.reach_vs_objective, 1))
            for r, o in zip(shown, objectives)
        ]
        chart.set_bars(
            [(r.network, None) for r in shown],
            [
                Series(
                    self.tr("Engagement rate, %1").replace("%1", rules.period_label(last)),
                    VOLUME_COLOUR,
                    [r.engagement_rate for r in shown],
                    [percent(r.engagement_rate, 2) for r in shown],
                    tips,
                ),
                Series(self.tr("Objective"), THRESHOLD, objectives, [percent(o, 1) for o in objectives], tips),
            ],
        )

    # -- key figures ----------------------------------------------------------------------------------
    def figures(self, result: dict) -> list[tuple[str, str]]:
        """The period's key figures, for the tiles and the PDF report."""
        snap, period = result["snapshot"], result["period"]
        revenue = sum(r["revenue_cents"] for r in snap["region"])  # one region key per order
        orders = sum(r["orders"] for r in snap["region"])
        inside = set(months_of(period))
        complaints = [r for r in snap["complaints"] if r["month"] in inside]
        closed = sum(r["closed"] for r in complaints)
        in_time = sum(r["closed_in_time"] for r in complaints)
        rated = sum(r["clients"] for r in snap["status"] if r["status"])
        retention = snap["retention"][-1] if snap["retention"] else None
        satisfaction = result["satisfaction"][-1] if result["satisfaction"] else {}
        nps, ces = satisfaction.get("nps"), satisfaction.get("ces")
        return [
            (self.tr("Revenue"), format_eur(revenue)),
            (self.tr("Orders"), labels.number(orders)),
            (self.tr("Average basket"), format_eur(round(revenue / orders)) if orders else "—"),
            (self.tr("Clients with a status"), labels.number(rated)),
            (self.tr("Retention"), percent(retention["retention"] if retention else None, 1)),
            (self.tr("Complaints received"), labels.number(sum(r["total"] for r in complaints))),
            (self.tr("Closed in time"), percent(in_time * 100 / closed if closed else None, 0)),
            (self.tr("CSAT"), percent(satisfaction.get("csat"), 1)),
            (self.tr("NPS"), "—" if nps is None else french(nps.nps, 1)),
            (self.tr("CES"), "—" if ces is None else french(ces.mean, 2)),
        ]

    def caveats(self, result: dict) -> dict[int, str]:
        """What a tile must say besides its figure: « 7,9 % (en cours) » is the retention of
        a period still running (the tile's number in figures() -> the text to show)."""
        rows = result["snapshot"]["retention"]
        if rows and rows[-1]["retention"] is not None and self.in_progress(rows[-1]["period"]):
            return {4: self.tr("%1 (in progress)")}  # 4: « Retention » in figures()
        return {}


def filter_of(chart: Chart, hit: Hit) -> DashboardFilter | None:
    """The clients behind a click: the bar's own filter, or the chart's rule."""
    return chart.to_filter(hit) if chart.to_filter is not None else hit.key
