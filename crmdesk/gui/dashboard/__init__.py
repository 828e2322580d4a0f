"""The « Tableau de bord » tab of the main window (docs/domain/09-dashboards.md).

    install.py   its place in the window: the tabs, View menu actions, the
                 dashboard filter of the client table (imported at start-up:
                 no pyqtgraph there)
    tab.py       the tab itself, built the first time it is shown
    period.py    the period selector
    charts.py    the chart widgets (pyqtgraph)
    views.py     what each chart shows, from the computed figures
    export.py    PDF report and PNG files of the charts

This package's __init__ stays empty: the main window imports install.py at
start-up, and pyqtgraph only comes with tab.py.
"""
