"""The « Analyse » menu of the main window, and the status / RFM filters.

    AnalysisFeature(window, filter_row=…, figures=…)   # in MainWindow's list of features

adds Analyse > Statuts clients…, Répartition par statut…, Analyse RFM…,
Indicateurs numériques…, Seuils des indicateurs… (before the Help menu) and
two filters to the filter bar (Statut, Segment RFM) over the figures kept
on the contacts (db/002), which are those of today (analysis/figures_refresh.py).
The dialogs are imported when first opened, one of each at a time, not
modal; their reference date is the window's day unless given. When a dialog
saved the grid or the RFM method, the figures are recomputed in the
background, then the client table is read again.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel

from crmdesk.domain import rfm as rfm_rules
from crmdesk.domain import segments as status_rules
from crmdesk.gui.common import labels
from crmdesk.gui.common.actions import add_menu
from crmdesk.gui.feature import Feature

if TYPE_CHECKING:
    from crmdesk.gui.analysis.figures_refresh import FiguresRefresh

translate = QCoreApplication.translate  # texts in the context « AnalysisMenu »


class AnalysisFeature(Feature):
    dialogs = (
        "status_dialog",
        "distribution_dialog",
        "rfm_dialog",
        "cohorts_dialog",
        "digital_dialog",
        "thresholds_dialog",
    )

    def __init__(self, window, *, filter_row: QBoxLayout, figures: FiguresRefresh):
        super().__init__(window)
        self.figures = figures  # recomputed when a dialog saved the grid or the RFM method
        self.menu = menu = add_menu(window, translate("AnalysisMenu", "A&nalysis"), "menuAnalysis", window.ui.menuHelp)
        action = partial(self.action, menu)
        self.status_action = action(
            "actionStatuses",
            translate("AnalysisMenu", "Customer &statuses…"),
            translate("AnalysisMenu", "The status grid: thresholds, bounds and counted criteria"),
            self.show_statuses,
        )
        self.distribution_action = action(
            "actionDistribution",
            translate("AnalysisMenu", "&Distribution by status…"),
            translate("AnalysisMenu", "Clients and revenue per status, in volume and in value"),
            self.show_distribution,
        )
        self.rfm_action = action(
            "actionRfm",
            translate("AnalysisMenu", "&RFM analysis…"),
            translate("AnalysisMenu", "Recency, frequency, monetary scores and segments of the clients"),
            self.show_rfm,
        )
        self.cohorts_action = action(
            "actionCohorts",
            translate("CohortsMenu", "&Cohorts…"),
            translate("CohortsMenu", "Retention by month of first order: who orders again, month after month"),
            self.show_cohorts,
        )
        self.digital_action = action(
            "actionDigitalIndicators",
            translate("AnalysisMenu", "Di&gital indicators…"),
            translate("AnalysisMenu", "Web shop and social network figures per period, and their rates"),
            self.show_digital,
        )
        self.thresholds_action = action(
            "actionIndicatorThresholds",
            translate("AnalysisMenu", "Indicator &thresholds…"),
            translate(
                "AnalysisMenu", "The sector thresholds the satisfaction and digital indicators are compared with"
            ),
            self.show_thresholds,
        )
        self.follow_menu(menu)
        self._filters(filter_row)

    def on_file_opened(self, session) -> None:
        super().on_file_opened(session)
        self.reset_filters(silent=True)  # a new file starts unfiltered

    # -- filters ------------------------------------------------------------------------------
    def _filters(self, layout: QBoxLayout) -> None:
        ui = self.window.ui
        at = layout.count() - 1
        status_label = QLabel(translate("AnalysisMenu", "Stat&us:"), ui.centralwidget)
        status_label.setObjectName("statusLabel")
        self.status_combo = status_combo = QComboBox(ui.centralwidget)
        status_combo.setObjectName("statusCombo")
        status_combo.addItem(translate("AnalysisMenu", "All"), None)
        for code in status_rules.STATUSES:
            status_combo.addItem(labels.shown(status_rules.LABELS[code]), code)
        status_combo.addItem(translate("AnalysisMenu", "(none)"), "")
        status_combo.setToolTip(
            translate(
                "AnalysisMenu",
                "Each client's status of today (Analysis > Customer statuses…); "
                "« (none) »: outside the grid, or no order yet",
            )
        )
        status_label.setBuddy(status_combo)
        segment_label = QLabel(translate("AnalysisMenu", "RFM se&gment:"), ui.centralwidget)
        segment_label.setObjectName("segmentLabel")
        self.segment_combo = segment_combo = QComboBox(ui.centralwidget)
        segment_combo.setObjectName("segmentCombo")
        segment_combo.addItem(translate("AnalysisMenu", "All"), None)
        for code, segment in rfm_rules.SEGMENTS.items():
            segment_combo.addItem(labels.shown(segment.label), code)
        segment_combo.addItem(translate("AnalysisMenu", "(none)"), "")
        segment_combo.setToolTip(
            translate(
                "AnalysisMenu",
                "Each client's RFM segment of today, with the method and window "
                "chosen in Analysis > RFM analysis… (« Use for the client file »)",
            )
        )
        segment_label.setBuddy(segment_combo)
        for offset, widget in enumerate((status_label, status_combo, segment_label, segment_combo)):
            layout.insertWidget(at + offset, widget)
        status_combo.currentIndexChanged.connect(self._apply_filters)
        segment_combo.currentIndexChanged.connect(self._apply_filters)
        ui.actionClearFilters.triggered.connect(lambda _checked=False: self.reset_filters())

    def _apply_filters(self, *_args) -> None:
        window = self.window
        if window.model is None:
            return
        window.model.set_query(
            window.model.query.with_(
                status=self.status_combo.currentData(), rfm_segment=self.segment_combo.currentData()
            )
        )
        window.apply_filters()  # the window's own filters, the count, the selection

    def reset_filters(self, *, silent: bool = False) -> None:
        for combo in (self.status_combo, self.segment_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        if not silent:
            self._apply_filters()

    # -- the figures on the contacts -------------------------------------------------------------
    def figures_changed(self) -> None:
        """The figures on the contacts were recomputed (not the contacts): the table's
        rows read again in place, its count, the dashboard."""
        from crmdesk.gui.dashboard.install import notify

        window = self.window
        notify(window)
        if window.model is None:
            return
        window.model.refresh_figures()
        window._show_count()

    def figures_saved(self) -> None:
        """The figures on the contacts changed: re-read the client table, tell the dashboard."""
        from crmdesk.gui.dashboard.install import notify

        window = self.window
        notify(window)
        if window.model is not None:
            window._changed([])  # table, filter lists, count, selection kept

    def _recompute(self) -> None:
        self.figures.recompute()

    def _day(self, as_of: dt.date | None) -> dt.date:
        return as_of or self.session.today()

    # -- dialogs ------------------------------------------------------------------------------------
    def show_statuses(self):
        from crmdesk.gui.analysis.status_dialog import StatusDialog

        return self.show_dialog(
            "status_dialog", lambda: StatusDialog(self.session, self.window, on_saved=self._recompute)
        )

    def show_distribution(self, as_of: dt.date | None = None):
        from crmdesk.gui.analysis.distribution_view import DistributionDialog

        return self.show_dialog(
            "distribution_dialog",
            lambda: DistributionDialog(self.session, self.window, as_of=self._day(as_of)),
        )

    def show_rfm(self, as_of: dt.date | None = None):
        from crmdesk.gui.analysis.rfm_dialog import RfmDialog

        return self.show_dialog(
            "rfm_dialog",
            lambda: RfmDialog(self.session, self.window, as_of=self._day(as_of), on_saved=self._recompute),
        )

    def show_cohorts(self, as_of: dt.date | None = None):
        from crmdesk.gui.analysis.cohorts_view import CohortsDialog  # lazy: start-up time (pandas, numpy)

        return self.show_dialog("cohorts_dialog", lambda: CohortsDialog(self.session, self.window, as_of=as_of))

    def show_digital(self):
        from crmdesk.gui.analysis.indicators.digital_dialog import DigitalDialog

        return self.show_dialog("digital_dialog", lambda: self._notifying(DigitalDialog(self.session, self.window)))

    def show_thresholds(self):
        from crmdesk.gui.analysis.indicators.thresholds_dialog import ThresholdsDialog

        return self.show_dialog(
            "thresholds_dialog", lambda: self._notifying(ThresholdsDialog(self.session, self.window))
        )

    def _notifying(self, dialog):
        """`dialog` whose saves refresh the dashboard."""
        from crmdesk.gui.dashboard.install import notify

        dialog.saved.connect(lambda *_: notify(self.window))
        return dialog
