"""Regenerate the README screenshots from the Sweety Bio demo, in French
(docs/), and the same views of the English interface (docs/en/).

    python docs/make_screenshots.py                  (French, offscreen; no screen needed)
    python docs/make_screenshots.py --language en    (English, into docs/en/)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QTableView

from crmdesk.demo import build
from crmdesk.gui.app import application
from crmdesk.gui.common import i18n

DOCS = Path(__file__).resolve().parent
SHOTS = (
    "main_window.png",
    "search_hele.png",
    "client_dialog.png",
    "orders_tab.png",
    "distribution.png",
    "rfm_results.png",
    "rfm_heatmap.png",
    "dashboard.png",
    "dashboard_filter.png",
)


def wait(app, ready, seconds: float = 20.0) -> None:
    """Let the event loop run until `ready()` (a worker thread finishing)."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def dashboard(app, window, out: Path) -> None:
    """The « Tableau de bord » tab (quarter), then the client table after a click on a region bar."""
    from crmdesk.domain import periods

    window.ui.searchEdit.clear()
    window.clear_filters()
    window.resize(1400, 900)
    window.dashboard.show_dashboard()
    tab = window.dashboard.tab
    wait(app, lambda: tab.result is not None and not tab.task.is_running())
    tab.set_period(periods.bounds("quarter", dt.date.today()))
    wait(app, lambda: tab.result["period"].kind == "quarter" and not tab.task.is_running())
    app.processEvents()
    window.grab().save(str(out / "dashboard.png"))
    chart = tab.charts["ca-par-region"]
    chart.activated.emit(chart.hit(1, chart.position(0)))  # as a click on the biggest region's bar
    app.processEvents()
    window.grab().save(str(out / "dashboard_filter.png"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=("fr", "en"), default="fr")
    args = parser.parse_args()
    out = DOCS if args.language == "fr" else DOCS / args.language
    out.mkdir(exist_ok=True)
    app = application(sys.argv[:1])
    i18n.install(app, args.language)
    from crmdesk.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "sweetybio.sqlite"
        build("sweetybio", demo)
        settings = QSettings(str(Path(tmp) / "shots.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1280, 760)
        window.open_file(demo, remember=False)
        window.setWindowTitle("sweetybio.sqlite — crmdesk")
        window.show()
        app.processEvents()
        window.grab().save(str(out / "main_window.png"))

        window.ui.searchEdit.setText("hele")
        window.apply_filters()
        app.processEvents()
        window.grab().save(str(out / "search_hele.png"))

        window.ui.searchEdit.setText("bio corner")
        window.apply_filters()
        window.ui.clientTable.selectRow(0)
        dialog = window.edit_client()
        dialog.resize(900, 620)
        app.processEvents()
        dialog.grab().save(str(out / "client_dialog.png"))
        dialog.tabs.setCurrentWidget(dialog.orders_tab)
        dialog.orders_tab.findChild(QTableView).selectRow(0)
        app.processEvents()
        dialog.grab().save(str(out / "orders_tab.png"))
        dialog.close()

        distribution = window.analysis.show_distribution(as_of=dt.date.today())
        distribution.resize(900, 640)
        wait(app, lambda: distribution.model.rowCount() > 0)
        distribution.grab().save(str(out / "distribution.png"))
        distribution.close()

        rfm = window.analysis.show_rfm(as_of=dt.date.today())
        rfm.resize(1000, 680)
        rfm.compute()
        wait(app, lambda: rfm.task is not None and not rfm.task.is_running())
        rfm.grab().save(str(out / "rfm_results.png"))
        rfm.tabs.setCurrentIndex(1)
        app.processEvents()
        rfm.grab().save(str(out / "rfm_heatmap.png"))
        rfm.close()
        dashboard(app, window, out)
        window.close()
    for name in SHOTS:
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
