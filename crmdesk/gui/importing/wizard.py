"""File › Import…: a wizard over the import pipeline (crmdesk.io).

The menu entry is importing/menu.py (« Import… », Ctrl+I, in the File menu). The
wizard has four pages, one module each:

1. File (file_page.py): what is imported (clients, orders, survey answers), the file (CSV,
   XLSX, ODS; file_dialogs.choose_file is the file dialog, tests replace it), its sheet.
   A file that cannot be read shows open_table's French message; Next waits.
2. Columns (columns_page.py): one row per column of the file (MappingModel: header, first
   values, field, confidence); the field is edited with a combo box. The
   mapping's problems are listed under the table and block Next. The mapping
   is saved to / loaded from JSON (crmdesk.io.mapping).
3. Check (check_page.py): a dry run on a scratch copy of the client file, in a worker thread
   (worker.Task) with a progress bar and Cancel: counts and warnings, then three
   tabs (importing/review.py): the first rows as stored, the probable duplicates
   (clients only, when asked on page 1) with a decision per pair — merge, keep
   both, skip — that the real import applies, and the first rejected lines;
   « Export the report… » writes every rejected line with its original row
   (crmdesk.io.rejects, as `crmdesk import --rejects`).
4. Import (import_page.py): the real import in a worker, with Cancel (the import's transaction
   is rolled back: nothing is written), then the summary with the batch number
   (undoable from File › Import history) and the client table refreshed.

Pages 3 and 4 share RunPage (run_page.py); the import itself is run.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWizard

from crmdesk.gui.importing.check_page import CheckPage
from crmdesk.gui.importing.columns_page import ColumnsPage
from crmdesk.gui.importing.file_page import FilePage
from crmdesk.gui.importing.import_page import ImportPage
from crmdesk.io.mapping import Mapping


class ImportWizard(QWizard):
    taskDone = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("importWizard")
        self.setWindowTitle(QCoreApplication.translate("ImportWizard", "Import data"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.window = window
        self.kind = "clients"
        self.path: Path | None = None
        self.sheet: str | None = None
        self.header: list[str] = []
        self.first_rows: list[list[str]] = []
        self.mapping: Mapping | None = None
        self.update = False
        self.find_duplicates = False
        self.cancelled_import = False
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.columns_page, self.check_page, self.import_page):
            self.addPage(page)
        self.resize(820, 560)

    def running(self) -> bool:
        return self.check_page.running() or self.import_page.running()

    def reject(self) -> None:
        if self.import_page.running():  # Cancel during the import: cancel it, then close
            self.import_page.stop()
            return
        self.check_page.stop()
        self.check_page.cleanupPage()
        super().reject()

    def done(self, result: int) -> None:
        for page in (self.check_page, self.import_page):
            if page.task is not None:
                page.task.cancel()
                page.task.wait()
        super().done(result)
