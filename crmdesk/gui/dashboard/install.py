"""The dashboard's place in the main window.

    DashboardPlace(window, analysis=…)     # in MainWindow's list of features

The central widget becomes two tabs, « Clients » (the form's client table)
and « Tableau de bord »; Affichage gets « Tableau des clients » (Ctrl+1) and
« Tableau de bord » (Ctrl+2). The dashboard itself (tab.py, pyqtgraph) is
imported and built the first time its tab is shown: start-up stays light.

A click on a bar or a cell calls `show_clients(DashboardFilter)`: the other
filters are cleared, the client table shows the clients behind the bar, and
a yellow bar above the table says so (« Filtre du tableau de bord : région
Auvergne-Rhône-Alpes ») with « Retirer ce filtre ». The filter goes into the
table's query through `query()` (MainWindow._query_from_filters), so the
search and the other filters still narrow it down. The filter widgets for a
field the dashboard filter pins (status, RFM segment, sales rep) are
disabled while it holds: two values for one field would be ambiguous.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from crmdesk.gui.dashboard.filter import DashboardFilter
from crmdesk.gui.feature import Feature

if TYPE_CHECKING:
    from crmdesk.gui.analysis.menu import AnalysisFeature

CLIENTS_TAB, DASHBOARD_TAB = 0, 1
# ContactQuery fields only the dashboard sets (no widget of their own): reset when no dashboard filter
DASHBOARD_FIELDS = ("region", "rf", "bought", "complained")
# fields a filter widget sets too: the figures of db/002 (analysis menu) kept apart
PINNED_BY_ANALYSIS = ("status", "rfm_segment")


class DashboardPlace(Feature):
    def __init__(self, window, *, analysis: AnalysisFeature):
        super().__init__(window)
        self.setObjectName("dashboardPlace")
        self.analysis = analysis  # its status and RFM filters give way to a dashboard filter
        self.tab = None  # the DashboardTab, once shown
        self.filter: DashboardFilter | None = None
        self._tabs(window)
        self._filter_bar(window)
        self._view_actions(window)

    # -- set-up -------------------------------------------------------------------------
    def _tabs(self, window) -> None:
        self.tabs = QTabWidget(window)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        clients = window.takeCentralWidget()  # the form's central widget: filters and table
        self.tabs.addTab(clients, self.tr("Clients"))
        self.page = QWidget(self.tabs)
        self.page.setObjectName("dashboardPage")
        QVBoxLayout(self.page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.page, self.tr("Dashboard"))
        window.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_changed)

    def _filter_bar(self, window) -> None:
        ui = window.ui
        self.bar = QFrame(ui.centralwidget)
        self.bar.setObjectName("dashboardFilterBar")
        self.bar.setStyleSheet(
            "#dashboardFilterBar { background: #fff4ce; border: 1px solid #e5c55a; border-radius: 3px; }"
        )
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(8, 3, 4, 3)
        self.label = QLabel(self.bar)
        self.label.setObjectName("dashboardFilterLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a region or a name is never markup
        self.remove_button = QPushButton(self.tr("Remove this filter"), self.bar)
        self.remove_button.setObjectName("removeDashboardFilter")
        self.remove_button.clicked.connect(self.remove_filter)
        self.back_button = QPushButton(self.tr("Back to the dashboard"), self.bar)
        self.back_button.setObjectName("backToDashboard")
        self.back_button.clicked.connect(self.show_dashboard)
        row.addWidget(self.label, 1)
        row.addWidget(self.back_button)
        row.addWidget(self.remove_button)
        ui.centralLayout.insertWidget(ui.centralLayout.indexOf(ui.clientTable), self.bar)
        self.bar.hide()

    def _view_actions(self, window) -> None:
        menu = window.ui.menuView
        first = menu.actions()[0]
        self.clients_action = QAction(self.tr("&Client table"), window)
        self.clients_action.setObjectName("actionShowClientTable")
        self.clients_action.setShortcut(QKeySequence("Ctrl+1"))
        self.clients_action.setStatusTip(self.tr("The client table, its search and its filters"))
        self.clients_action.triggered.connect(lambda _checked=False: self.tabs.setCurrentIndex(CLIENTS_TAB))
        self.dashboard_action = QAction(self.tr("&Dashboard"), window)
        self.dashboard_action.setObjectName("actionShowDashboard")
        self.dashboard_action.setShortcut(QKeySequence("Ctrl+2"))
        self.dashboard_action.setStatusTip(
            self.tr(
                "Charts of the period: revenue, clients, RFM, complaints, satisfaction, retention, digital indicators"
            )
        )
        self.dashboard_action.triggered.connect(lambda _checked=False: self.show_dashboard())
        menu.insertActions(first, [self.clients_action, self.dashboard_action])
        menu.insertSeparator(first)

    # -- the tab --------------------------------------------------------------------------
    def show_dashboard(self):
        """Switch to the dashboard tab (built when first shown); returns it."""
        self.tabs.setCurrentIndex(DASHBOARD_TAB)
        return self.tab

    def _tab_changed(self, index: int) -> None:
        if index == DASHBOARD_TAB and self.tab is None:
            from crmdesk.gui.dashboard.tab import DashboardTab  # pyqtgraph: only now

            self.tab = DashboardTab(self.window, self.page)
            self.tab.clientsAsked.connect(self.show_clients)
            self.page.layout().addWidget(self.tab)

    def figures_changed(self) -> None:
        """A complaint, a survey answer or an indicator changed: recompute if on screen."""
        if self.tab is not None:
            self.tab._changed()

    def stop(self) -> None:
        """The window closes: no computation may outlive it."""
        if self.tab is not None:
            self.tab.stop()

    # -- the filter -------------------------------------------------------------------------
    def query(self, query):
        """`query` with the dashboard filter (or without any dashboard field)."""
        changes = dict.fromkeys(DASHBOARD_FIELDS)
        if self.filter is not None:
            changes.update(self.filter.changes)
        return query.with_(**changes)

    def _pinned_widgets(self) -> dict[str, list[QWidget]]:
        return {
            "rep_id": [self.window.ui.repCombo, self.window.ui.repLabel],
            "status": [self.analysis.status_combo],
            "rfm_segment": [self.analysis.segment_combo],
        }

    def show_clients(self, dashboard_filter: DashboardFilter) -> None:
        """The client table with only the clients behind a bar (other filters cleared)."""
        window = self.window
        if window.model is None:
            return
        window._reset_filter_widgets()  # forgets a previous dashboard filter too
        self.analysis.reset_filters(silent=True)
        window.model.set_query(window.model.query.with_(**dict.fromkeys(PINNED_BY_ANALYSIS)))
        self.filter = dashboard_filter
        for name, widgets in self._pinned_widgets().items():
            for widget in widgets:
                widget.setEnabled(name not in dashboard_filter.changes)
        self.label.setText(self.tr("Dashboard filter: %1").replace("%1", dashboard_filter.text))
        self.bar.show()
        window.apply_filters()
        self.tabs.setCurrentIndex(CLIENTS_TAB)

    def forget_filter(self) -> None:
        """No dashboard filter any more (the caller applies the filters)."""
        if self.filter is None:
            return
        pinned = [name for name in PINNED_BY_ANALYSIS if name in self.filter.changes]
        self.filter = None
        self.bar.hide()
        for widgets in self._pinned_widgets().values():
            for widget in widgets:
                widget.setEnabled(True)
        if pinned and self.window.model is not None:  # back to what the (reset) widgets say
            self.window.model.set_query(self.window.model.query.with_(**dict.fromkeys(pinned)))

    def remove_filter(self) -> None:
        self.forget_filter()
        self.window.apply_filters()


def notify(window=None) -> None:
    """Tell the dashboard of `window` (every main window when None) that its figures changed."""
    from PySide6.QtWidgets import QApplication

    windows = [window] if window is not None else QApplication.topLevelWidgets()
    for each in windows:
        for place in each.findChildren(DashboardPlace):
            place.figures_changed()
