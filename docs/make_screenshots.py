"""Regenerate the README screenshots from the Sweety Bio demo, in French
(docs/), and the same views of the English interface (docs/en/).

    python docs/make_screenshots.py                  (French, offscreen; no screen needed)
    python docs/make_screenshots.py --language en    (English, into docs/en/)

The two dialogs of a client file on a PostgreSQL server (File › Connect to a server…, and the sheet
saved on two PCs at once), alone — the other screenshots are not regenerated:

    python docs/make_screenshots.py --server-dialogs postgresql://login@host/empty_base [--language en]

(the demo is copied into that base, which must be empty: createdb, then this).
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


SERVER_SHOTS = ("connect_dialog.png", "conflict_dialog.png")


def server_dialogs(app, out: Path, url: str) -> None:
    """The connect dialog (a server that does not answer), then the conflict dialog: Marie and Paul
    had the same client's sheet open on the demo copied to `url`; Marie saved first."""
    from crmdesk.gui.main_window import MainWindow
    from crmdesk.gui.server.conflict_dialog import ConflictDialog
    from crmdesk.gui.server.connect_dialog import ConnectDialog
    from crmdesk.store.server import transfer

    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "sweetybio.sqlite"
        build("sweetybio", demo)
        transfer.to_server(demo, url)
        windows = []
        for who in ("marie", "paul"):
            window = MainWindow(QSettings(str(Path(tmp) / f"{who}.ini"), QSettings.Format.IniFormat))
            window.open_file(url, remember=False)
            window.show()
            windows.append(window)
        marie, paul = windows
        connect = ConnectDialog(paul, url="postgresql://paul@serveur.local:5432/sweetybio")
        connect.resize(560, connect.sizeHint().height())
        connect.show()
        connect.try_connect()  # no such server here: the reason said in words
        app.processEvents()
        connect.grab().save(str(out / "connect_dialog.png"))
        connect.close()

        client = marie.model.contact_id(0)
        paul_sheet = paul.edit_client(client)
        marie_sheet = marie.edit_client(client)
        marie_sheet.editors["city"].setText("Villeurbanne")
        marie_sheet.editors["job_title"].setText("Gérante")
        marie_sheet.submit()
        paul_sheet.editors["city"].setText("Lyon 3e")
        paul_sheet.editors["phone"].setText("06 98 76 54 32")
        paul_sheet.submit()
        app.processEvents()
        conflict = paul_sheet.findChild(ConflictDialog)
        conflict.grab().save(str(out / "conflict_dialog.png"))
        conflict.reject()
        paul_sheet.discard()
        for window in windows:
            window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=("fr", "en"), default="fr")
    parser.add_argument("--server-dialogs", metavar="URL", help="only the two server dialogs, the demo copied to URL")
    args = parser.parse_args()
    out = DOCS if args.language == "fr" else DOCS / args.language
    out.mkdir(exist_ok=True)
    app = application(sys.argv[:1])
    i18n.install(app, args.language)
    if args.server_dialogs:
        server_dialogs(app, out, args.server_dialogs)
        for name in SERVER_SHOTS:
            print(out / name)
        return 0
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
