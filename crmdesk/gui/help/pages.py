"""The user manual's pages, where they are, and which page each window asks for (F1).

The manual is Markdown, one file per task, in resources/manual/<language>/
(images in its images/ folder); both languages hold the same file names.
Windows are named by their class name, so that the dialogs stay imported only
when they are first opened.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QWidget

from crmdesk.paths import resources_dir

CONTENTS = "index"
# In the order of the contents.
PAGES = (
    CONTENTS,
    "find-client",
    "client-form",
    "orders",
    "complaints",
    "statuses-rfm",
    "print",
    "writing-to-clients",
    "import",
    "backup",
    "gdpr",
    "shortcuts",
)

# The page F1 opens in a window, a dialog or a tab (by class name). A window that is not
# here asks its parent's page; the main window opens the contents.
PAGE_OF = {
    "MainWindow": CONTENTS,
    # a client's form and what keeps the client file clean
    "ClientDialog": "client-form",
    "TrashDialog": "client-form",
    "DuplicateWarning": "client-form",
    "FindDuplicatesDialog": "client-form",
    "MergeDialog": "client-form",
    # orders
    "OrdersTab": "orders",
    "OrderDialog": "orders",
    "CatalogueDialog": "orders",
    # complaints
    "ComplaintDialog": "complaints",
    "ComplaintsDialog": "complaints",
    "ComplaintsTab": "complaints",
    "PhaseDialog": "complaints",
    "DashboardDialog": "complaints",  # the complaints dashboard
    # statuses and RFM
    "StatusDialog": "statuses-rfm",
    "DistributionDialog": "statuses-rfm",
    "RfmDialog": "statuses-rfm",
    "CohortsDialog": "statuses-rfm",
    # printing
    "PdfPreviewDialog": "print",
    "BusinessDialog": "print",
    # writing to clients (the Courrier menu)
    "LettersDialog": "writing-to-clients",
    "LabelsDialog": "writing-to-clients",
    "TemplatesDialog": "writing-to-clients",
    "RecallDialog": "writing-to-clients",
    "OutreachHistoryDialog": "writing-to-clients",
    "EmailDialog": "writing-to-clients",
    "SmtpSettingsDialog": "writing-to-clients",
    "BatchReportDialog": "writing-to-clients",
    # import and export
    "ImportWizard": "import",
    "ImportHistoryDialog": "import",
    "ExportDialog": "import",
    "MailingDialog": "import",
    "PivotDialog": "import",
    # backups
    "RestoreDialog": "backup",
    "DamagedFileDialog": "backup",
    # personal data
    "RightsDialog": "gdpr",
    "RequestForm": "gdpr",
    "PurgeDialog": "gdpr",
    "AuditViewer": "gdpr",
}

_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def manual_dir(language: str) -> Path:
    return resources_dir() / "manual" / language


def page_path(page: str, language: str) -> Path:
    return manual_dir(language) / f"{page}.md"


def page_of_path(path: Path) -> str | None:
    """The page a file of the manual is (None for a file that is not one of its pages)."""
    return path.stem if path.suffix == ".md" and path.stem in PAGES else None


def title(path: Path) -> str:
    """A page's title: its first heading."""
    found = _TITLE.search(path.read_text(encoding="utf-8"))
    return found.group(1) if found else path.stem


def page_for(widget: QWidget | None) -> str:
    """The page of the task `widget` (the focus) is part of: the first of its parents named in
    PAGE_OF; a window shows first the page of its tab in view (the Orders tab of a client's form)."""
    while widget is not None:
        if widget.isWindow():
            shown = _page_of_tab_in_view(widget)
            if shown is not None:
                return shown
        page = PAGE_OF.get(type(widget).__name__)
        if page is not None:
            return page
        widget = widget.parentWidget()
    return CONTENTS


def _page_of_tab_in_view(window: QWidget) -> str | None:
    if type(window).__name__ == "MainWindow":  # its F1 always opens the contents
        return None
    for tabs in window.findChildren(QTabWidget):
        if tabs.window() is window and tabs.isVisible():
            page = PAGE_OF.get(type(tabs.currentWidget()).__name__)
            if page is not None:
                return page
    return None
