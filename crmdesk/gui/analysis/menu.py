"""The « Analyse » menu of the main window, and the status / RFM filters.

    from crmdesk.gui import analysis_menu
    analysis_menu.install(window)        # once, in MainWindow.__init__

adds Analyse > Statuts clients…, Répartition par statut…, Analyse RFM…,
Indicateurs numériques…, Seuils des indicateurs… (before the Help menu) and
two filters to the filter bar (Statut, Segment RFM) over the figures kept
on the contacts (db/002), which are those of today (gui/figures_refresh.py).
The dialogs are imported when first opened, one of each at a time, not
modal; their reference date is the window's day unless given. When a dialog
saved the grid or the RFM method, the figures are recomputed in the
background, then the client table is read again.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel

from crmdesk.domain import rfm as rfm_rules, segments as status_rules
from crmdesk.gui.analysis import cohorts_view, figures_refresh
from crmdesk.gui.common import labels
from crmdesk.gui.common.actions import add_menu, database_enabler, follow_file, menu_action, show_dialog

_DIALOGS = ("status_dialog", "distribution_dialog", "rfm_dialog", "digital_dialog", "thresholds_dialog")


def install(window) -> SimpleNamespace:
    """Add the menu and the filters to `window` (a MainWindow); returns them
    (also kept as `window.analysis`)."""
    if getattr(window, "analysis", None) is not None:  # already there
        return window.analysis
    ui = window.ui
    menu = add_menu(window, QCoreApplication.translate("AnalysisMenu", "A&nalysis"), "menuAnalysis", ui.menuHelp)
    parts = SimpleNamespace(menu=menu, status_dialog=None, distribution_dialog=None, rfm_dialog=None,
                            digital_dialog=None, thresholds_dialog=None)
    window.analysis = parts

    action = partial(menu_action, menu, window)
    parts.status_action = action("actionStatuses", QCoreApplication.translate("AnalysisMenu", "Customer &statuses…"),
                                 QCoreApplication.translate("AnalysisMenu", "The status grid: thresholds, bounds and counted criteria"),
                                 lambda: show_statuses(window))
    parts.distribution_action = action("actionDistribution", QCoreApplication.translate("AnalysisMenu", "&Distribution by status…"),
                                       QCoreApplication.translate("AnalysisMenu", "Clients and revenue per status, in volume and in value"),
                                       lambda: show_distribution(window))
    parts.rfm_action = action("actionRfm", QCoreApplication.translate("AnalysisMenu", "&RFM analysis…"),
                              QCoreApplication.translate("AnalysisMenu", "Recency, frequency, monetary scores and segments of the clients"),
                              lambda: show_rfm(window))
    parts.digital_action = action("actionDigitalIndicators", QCoreApplication.translate("AnalysisMenu", "Di&gital indicators…"),
                                  QCoreApplication.translate("AnalysisMenu", "Web shop and social network figures per period, and their rates"),
                                  lambda: show_digital(window))
    parts.thresholds_action = action("actionIndicatorThresholds", QCoreApplication.translate("AnalysisMenu", "Indicator &thresholds…"),
                                     QCoreApplication.translate("AnalysisMenu", "The sector thresholds the satisfaction and digital indicators are compared with"),
                                     lambda: show_thresholds(window))

    parts.cohorts = cohorts_view.install(window, menu, before=parts.digital_action)   # Cohortes…
    enable = database_enabler(window, (parts.status_action, parts.distribution_action, parts.rfm_action,
                                       parts.digital_action, parts.thresholds_action))
    follow_file(window, menu, enable, parts, _DIALOGS)
    _install_filters(window, parts)
    return parts


# -- filters ------------------------------------------------------------------------------
def _install_filters(window, parts: SimpleNamespace) -> None:
    ui = window.ui
    layout = getattr(window, "second_filter_row", None) or ui.filterLayout
    at = layout.count() - 1 if layout is not ui.filterLayout else (
        layout.indexOf(ui.filterSpacer) if hasattr(ui, "filterSpacer") else layout.count())
    status_label = QLabel(QCoreApplication.translate("AnalysisMenu", "Stat&us:"), ui.centralwidget)
    status_label.setObjectName("statusLabel")
    status_combo = QComboBox(ui.centralwidget)
    status_combo.setObjectName("statusCombo")
    status_combo.addItem(QCoreApplication.translate("AnalysisMenu", "All"), None)
    for code in status_rules.STATUSES:
        status_combo.addItem(labels.shown(status_rules.LABELS[code]), code)
    status_combo.addItem(QCoreApplication.translate("AnalysisMenu", "(none)"), "")
    status_combo.setToolTip(QCoreApplication.translate(
        "AnalysisMenu", "Each client's status of today (Analysis > Customer statuses…); "
                        "« (none) »: outside the grid, or no order yet"))
    status_label.setBuddy(status_combo)
    segment_label = QLabel(QCoreApplication.translate("AnalysisMenu", "RFM se&gment:"), ui.centralwidget)
    segment_label.setObjectName("segmentLabel")
    segment_combo = QComboBox(ui.centralwidget)
    segment_combo.setObjectName("segmentCombo")
    segment_combo.addItem(QCoreApplication.translate("AnalysisMenu", "All"), None)
    for code, segment in rfm_rules.SEGMENTS.items():
        segment_combo.addItem(labels.shown(segment.label), code)
    segment_combo.addItem(QCoreApplication.translate("AnalysisMenu", "(none)"), "")
    segment_combo.setToolTip(QCoreApplication.translate(
        "AnalysisMenu", "Each client's RFM segment of today, with the method and window "
                        "chosen in Analysis > RFM analysis… (« Use for the client file »)"))
    segment_label.setBuddy(segment_combo)
    for offset, widget in enumerate((status_label, status_combo, segment_label, segment_combo)):
        layout.insertWidget(at + offset, widget)
    parts.status_combo, parts.segment_combo = status_combo, segment_combo

    def apply(*_args) -> None:
        if window.model is None:
            return
        window.model.set_query(window.model.query.with_(status=status_combo.currentData(),
                                                         rfm_segment=segment_combo.currentData()))
        window.apply_filters()   # the window's own filters, the count, the selection

    def reset(*_args, silent: bool = False) -> None:
        for combo in (status_combo, segment_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        if not silent:
            apply()

    status_combo.currentIndexChanged.connect(apply)
    segment_combo.currentIndexChanged.connect(apply)
    ui.actionClearFilters.triggered.connect(reset)
    window.fileOpened.connect(lambda _path: reset(silent=True))  # a new file starts unfiltered
    parts.reset_filters = reset


# -- dialogs ------------------------------------------------------------------------------------
def figures_changed(window) -> None:
    """The figures on the contacts were recomputed (not the contacts): the table's
    rows read again in place, its count, the dashboard."""
    from crmdesk.gui.dashboard.install import notify

    notify(window)
    if window.model is None:
        return
    window.model.refresh_figures()
    show_count = getattr(window, "_show_count", None)
    if show_count is not None:
        show_count()


def _recompute(window) -> None:
    figures_refresh.recompute(window)


def _day(window, as_of: dt.date | None) -> dt.date:
    return as_of or figures_refresh.today(window)


def figures_saved(window) -> None:
    """The figures on the contacts changed: re-read the client table, tell the dashboard."""
    from crmdesk.gui.dashboard.install import notify

    notify(window)
    if window.model is None:
        return
    refresh = getattr(window, "_changed", None)
    if refresh is not None:
        refresh([])     # table, filter lists, count, selection kept
    else:
        window.model.refresh()


def _show(window, name: str, make):
    return show_dialog(window, window.analysis, name, make)


def show_statuses(window):
    from crmdesk.gui.analysis.status_dialog import StatusDialog

    return _show(window, "status_dialog", lambda: StatusDialog(
        window.database, window, on_saved=lambda: _recompute(window)))


def show_distribution(window, as_of: dt.date | None = None):
    from crmdesk.gui.analysis.distribution_view import DistributionDialog

    return _show(window, "distribution_dialog", lambda: DistributionDialog(window.database, window,
                                                                           as_of=_day(window, as_of)))


def show_rfm(window, as_of: dt.date | None = None):
    from crmdesk.gui.analysis.rfm_dialog import RfmDialog

    return _show(window, "rfm_dialog", lambda: RfmDialog(
        window.database, window, as_of=_day(window, as_of), on_saved=lambda: _recompute(window)))


def show_digital(window):
    from crmdesk.gui.analysis.indicators.digital_dialog import DigitalDialog

    return _show(window, "digital_dialog", lambda: _notifying(window, DigitalDialog(window.database, window)))


def show_thresholds(window):
    from crmdesk.gui.analysis.indicators.thresholds_dialog import ThresholdsDialog

    return _show(window, "thresholds_dialog", lambda: _notifying(window, ThresholdsDialog(window.database, window)))


def _notifying(window, dialog):
    """`dialog` whose saves refresh the dashboard."""
    from crmdesk.gui.dashboard.install import notify

    dialog.saved.connect(lambda *_: notify(window))
    return dialog
