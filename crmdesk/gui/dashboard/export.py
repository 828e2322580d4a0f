"""Exports of the dashboard tab.

* « Exporter en PDF… »: the report of crmdesk.reports.dashboard_report (key
  figures and every chart), made in a worker thread from PNG bytes drawn
  here in the GUI thread (pyqtgraph draws only there; the report never sees
  Qt), then previewed in crmdesk (print, save as).
* « Exporter les graphiques (PNG)… »: one PNG per chart in a folder the user
  chooses, `ca-par-categorie.png`…, each written whole or not at all.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import fold
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.worker import Task
from crmdesk.gui.file import folders
from crmdesk.store.reasons import os_reason

EXPORT_SIZE = QSize(600, 360)  # logical pixels of every exported chart
SCALE = 2  # drawn twice as fine: sharp on an A4 half-width, readable on a slide
PNG_WIDTH = EXPORT_SIZE.width() * SCALE
STATUS_TIMEOUT_MS = 8_000


def slug(text: str) -> str:
    """« T4 2026 » -> « t4-2026 » (file names)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def chart_images(tab) -> list[tuple[str, str, bytes]]:
    """(file stem, title, PNG bytes) of every chart, in the tab's order.

    Drawn again on charts of their own, all the same size (EXPORT_SIZE, not
    the size they have on screen: a chart three columns wide would be
    unreadable at half a page), never shown on screen."""
    charts = tab.views.make(None)
    try:
        for chart in charts.values():
            chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            chart.resize(EXPORT_SIZE)
            chart.show()
        tab.views.draw(charts, tab.result)  # sized first: the legends fit the width
        QCoreApplication.sendPostedEvents()  # pyqtgraph lays its items out in posted events
        return [(name, chart.title, chart.png(SCALE)) for name, chart in charts.items()]
    finally:
        for chart in charts.values():
            chart.close()
            chart.deleteLater()


def ask_folder(parent: QWidget) -> Path | None:
    """The folder the PNG files go to (tests replace it)."""
    folder = QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("DashboardExport", "Folder for the chart images"), folders.in_documents()
    )
    return Path(folder) if folder else None


def export_png(tab, folder: Path | None = None) -> list[Path]:
    """Write every chart as `<folder>/<slug>.png`; returns the files written."""
    if tab.result is None:
        return []
    folder = folder or ask_folder(tab)
    if folder is None:
        return []
    from crmdesk.reports.output import atomic_file

    written = []
    try:
        for name, _title, png in chart_images(tab):
            path = Path(folder) / f"{name}.png"
            with atomic_file(path) as out:
                out.write(png)
            written.append(path)
    except (CrmError, OSError) as exc:
        messages.error(
            tab,
            QCoreApplication.translate("DashboardExport", "Export the charts"),
            str(exc) if isinstance(exc, CrmError) else f"{os_reason(exc)} ({exc.filename})",
        )
        return written
    tab.window.statusBar().showMessage(
        QCoreApplication.translate("DashboardExport", "%1 charts saved in %2")
        .replace("%1", labels.number(len(written)))
        .replace("%2", str(folder)),
        STATUS_TIMEOUT_MS,
    )
    return written


def export_pdf(tab) -> Task | None:
    """Make the report in a worker, then open its preview (kept as `tab.preview`)."""
    window = tab.window
    if tab.result is None or window.database is None:
        return None
    business = window.session.settings.business()
    period = tab.result["period"]
    charts = [(title, png) for _name, title, png in chart_images(tab)]
    figures = list(tab.figures)
    today = tab.today()
    title = QCoreApplication.translate("DashboardExport", "Dashboard")

    def render(_job) -> bytes:
        import io

        from crmdesk.reports.dashboard_report import render_dashboard_report

        out = io.BytesIO()
        render_dashboard_report(
            out, business=business, period_label=period.label, charts=charts, figures=figures, title=title, today=today
        )
        return out.getvalue()

    def show(pdf: bytes) -> None:
        from crmdesk.gui.printing.pdf_preview import show_pdf

        tab.preview = show_pdf(window, pdf, f"{title} — {period.label}", f"tableau-de-bord-{slug(period.label)}.pdf")

    task = Task(render, tab)
    task.finished.connect(show)
    task.failed.connect(
        lambda text: messages.error(tab, QCoreApplication.translate("DashboardExport", "Export to PDF"), text)
    )
    tab.pdf_task = task
    task.start()
    return task
