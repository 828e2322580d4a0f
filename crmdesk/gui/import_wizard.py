"""File › Import…: a wizard over the import pipeline (crmdesk.io).

    from crmdesk.gui import import_wizard
    import_wizard.install(window)        # once, in MainWindow.__init__

adds « Import… » (Ctrl+I) to the File menu (before the Print submenu). The
wizard has four pages:

1. File: what is imported (clients, orders, survey answers), the file (CSV,
   XLSX, ODS; `choose_file` is the file dialog, tests replace it), its sheet.
   A file that cannot be read shows open_table's French message; Next waits.
2. Columns: one row per column of the file (MappingModel: header, first
   values, field, confidence); the field is edited with a combo box. The
   mapping's problems are listed under the table and block Next. The mapping
   is saved to / loaded from JSON (crmdesk.io.mapping).
3. Check: a dry run on a scratch copy of the client file, in a worker thread
   (worker.Task) with a progress bar and Cancel: counts and warnings, then three
   tabs (import_review): the first rows as stored, the probable duplicates
   (clients only, when asked on page 1) with a decision per pair — merge, keep
   both, skip — that the real import applies, and the first rejected lines;
   « Export the report… » writes every rejected line with its original row
   (crmdesk.io.rejects, as `crmdesk import --rejects`).
4. Import: the real import in a worker, with Cancel (the import's transaction
   is rolled back: nothing is written), then the summary with the batch number
   (undoable from File › Import history) and the client table refreshed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal,
)
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QStyledItemDelegate, QTableView,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget, QWizard,
                               QWizardPage)

from crmdesk.domain.errors import CrmError
from crmdesk.io import clients as client_import
from crmdesk.io import indicators as indicator_import
from crmdesk.io import orders as order_import
from crmdesk.io.common import ImportResult, Reject
from crmdesk.io.mapping import SURE, Mapping, suggest_mapping
from crmdesk.io.rejects import write_rejects
from crmdesk.io.tabular import open_table, sheet_names
from crmdesk.gui import folders, labels
from crmdesk.gui import import_review as review
from crmdesk.gui.actions import keep_dialog
from crmdesk.gui.worker import Job, Task

KINDS = ("clients", "orders", "surveys")
SAMPLE_ROWS = 3          # first values shown per column
SHOWN_REJECTS = 100      # rejected lines listed on the check page (all of them are exported)
ERROR_STYLE = "color: #b00020;"


def kind_label(kind: str) -> str:
    return {"clients": QCoreApplication.translate("ImportWizard", "Clients"), "orders": QCoreApplication.translate("ImportWizard", "Orders"), "surveys": QCoreApplication.translate("ImportWizard", "Survey answers")}[kind]


# -- the file dialogs (tests replace them) -------------------------------------------------------

def choose_file(parent) -> str:
    return QFileDialog.getOpenFileName(parent, QCoreApplication.translate("ImportWizard", "File to import"),
                                       folders.in_documents(),
                                       QCoreApplication.translate("ImportWizard", "Tables (*.csv *.txt *.xlsx *.ods);;All files (*)"))[0]


def choose_mapping_to_save(parent) -> str:
    return QFileDialog.getSaveFileName(parent, QCoreApplication.translate("ImportWizard", "Save the column mapping"),
                                       folders.in_documents("correspondance.json"),
                                       QCoreApplication.translate("ImportWizard", "Column mappings (*.json)"))[0]


def choose_mapping_to_load(parent) -> str:
    return QFileDialog.getOpenFileName(parent, QCoreApplication.translate("ImportWizard", "Load a column mapping"),
                                       folders.in_documents(),
                                       QCoreApplication.translate("ImportWizard", "Column mappings (*.json)"))[0]


def choose_report(parent) -> str:
    return QFileDialog.getSaveFileName(parent, QCoreApplication.translate("ImportWizard", "Export the rejected lines"),
                                       folders.in_documents("lignes-refusees.csv"),
                                       QCoreApplication.translate("ImportWizard", "CSV files (*.csv)"))[0]


# -- the import itself (worker thread) ----------------------------------------------------------

@dataclass
class Outcome:
    result: ImportResult
    rejects: list[Reject] = field(default_factory=list)
    preview: tuple = ((), [])         # (columns, rows) as the trial import stored them


def resolve(kind: str, header: list[str], file_name: str, mapping: Mapping, update: bool):
    """The importer's own check of the mapping (CrmError, French)."""
    if kind == "clients":
        return client_import.ClientImport.resolve(header, file_name, mapping, update=update)
    if kind == "orders":
        return order_import.OrderImport.resolve(header, file_name, mapping)
    return indicator_import.SurveyImport.resolve(header, file_name, mapping)


def progress(job: Job, rows: int) -> None:
    """What the importers' on_progress calls (in the worker thread); raises Cancelled."""
    job.report(rows, 0, QCoreApplication.translate("ImportWizard", "%1 lines read…").replace("%1", f"{rows:,}".replace(",", "\u202f")))


def run_import(database, job: Job, kind: str, path: Path, mapping: Mapping, sheet: str | None,
               update: bool, *, duplicates: str | None = None, decisions: dict | None = None) -> Outcome:
    """One import (`duplicates`: look for them with this policy; `decisions`: per line)."""
    rejects: list[Reject] = []
    options = dict(mapping=mapping, sheet=sheet or None, on_reject=rejects.append,
                   on_progress=lambda rows: progress(job, rows))
    with job.watch(database.conn):
        if kind == "clients":
            result = client_import.import_clients(database, path, update=update, duplicates=duplicates,
                                                  decisions=decisions, **options)
        elif kind == "orders":
            result = order_import.import_orders(database, path, **options)
        else:
            result = indicator_import.import_surveys(database, path, **options)
    return Outcome(result, rejects)


def export_rejects(path: Path, header: list[str], rejects: list[Reject], columns: list[int] | None = None) -> None:
    """Every rejected line (line, reason, the cells of the columns imported), as `crmdesk import --rejects`
    writes it: all or nothing, owner-only."""
    write_rejects(path, header, rejects, columns)


# -- the columns model ------------------------------------------------------------------------

class MappingModel(QAbstractTableModel):
    """One row per column of the file: header, first values, field (editable), confidence."""

    HEADER, SAMPLES, FIELD, CONFIDENCE = range(4)
    mappingChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mapping: Mapping | None = None
        self.headers: list[str] = []
        self.samples: list[list[str]] = []

    def reset(self, mapping: Mapping, header: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.mapping = mapping
        self.headers = [h for h in header if h]
        positions = [i for i, h in enumerate(header) if h]
        self.samples = [[row[i] for row in rows if i < len(row) and row[i]] for i in positions]
        self.endResetModel()
        self.mappingChanged.emit()

    def set_mapping(self, mapping: Mapping) -> None:
        self.mapping = mapping
        if self.headers:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.headers) - 1, self.CONFIDENCE))
        self.mappingChanged.emit()

    def fields(self) -> tuple[str, ...]:
        return self.mapping.fieldset.fields if self.mapping is not None else ()

    def field_text(self, name: str | None) -> str:
        """What the user reads for a field: its label (« Nom »), never the internal key."""
        if name is None:
            return QCoreApplication.translate("ImportWizard", "(ignored)")
        label = labels.shown(self.mapping.fieldset.labels.get(name, "")) or name
        return label[:1].upper() + label[1:]

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (QCoreApplication.translate("ImportWizard", "Column"), QCoreApplication.translate("ImportWizard", "First values"), QCoreApplication.translate("ImportWizard", "Field"), QCoreApplication.translate("ImportWizard", "Confidence"))[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _choice(self, row: int):
        return self.mapping._find(self.headers[row]) if self.mapping is not None else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.headers):
            return None
        row, column = index.row(), index.column()
        choice = self._choice(row)
        name = choice.field if choice is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.HEADER:
                return self.headers[row]
            if column == self.SAMPLES:
                return " | ".join(self.samples[row])
            if column == self.FIELD:
                return self.field_text(name)
            if choice is None or name is None:
                return (choice.how if choice is not None and choice.how else QCoreApplication.translate("ImportWizard", "not recognised"))
            return f"{round(choice.confidence * 100)} % — {choice.how}" if choice.how else \
                f"{round(choice.confidence * 100)} %"
        if role == Qt.ItemDataRole.EditRole and column == self.FIELD:
            return name or ""
        if role == Qt.ItemDataRole.ToolTipRole and column == self.FIELD and name is not None:
            return self.field_text(name)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CONFIDENCE and choice is not None \
                and name is not None and choice.confidence < SURE:
            from PySide6.QtGui import QColor

            return QColor("#a15c00")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.FIELD \
                or self.mapping is None or not 0 <= index.row() < len(self.headers):
            return False
        name = value or None
        if name is not None and name not in self.fields():
            return False
        self.mapping.set(self.headers[index.row()], name)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.CONFIDENCE))
        self.mappingChanged.emit()
        return True


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the kind's fields (first: ignore the column)."""

    def createEditor(self, parent, option, index):
        model = index.model()
        combo = QComboBox(parent)
        combo.addItem(QCoreApplication.translate("ImportWizard", "(ignored)"), "")
        for name in model.fields():
            combo.addItem(model.field_text(name), name)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


# -- the pages --------------------------------------------------------------------------------

def _table(parent, model, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return view


def _lines_table(parent, name: str, title: str) -> QTableWidget:
    """A read-only table of (line, text): the warnings of a check."""
    table = QTableWidget(0, 2, parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([QCoreApplication.translate("ImportWizard", "Line"), title])
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def _fill_lines(table: QTableWidget, lines: list[tuple[int, str]]) -> None:
    table.setRowCount(len(lines))
    for row, (line, text) in enumerate(lines):
        table.setItem(row, 0, QTableWidgetItem(str(line)))
        table.setItem(row, 1, QTableWidgetItem(text))
    table.resizeColumnToContents(0)


def _error_label(parent) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FilePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(QCoreApplication.translate("ImportWizard", "File"))
        self.setSubTitle(QCoreApplication.translate("ImportWizard", "What to import, and from which file (CSV, Excel .xlsx or OpenDocument .ods)."))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        self.browse = QPushButton(QCoreApplication.translate("ImportWizard", "Browse…"), self)
        self.browse.setObjectName("browse")
        self.sheet = QComboBox(self)
        self.sheet.setObjectName("sheet")
        self.sheet_label = QLabel(QCoreApplication.translate("ImportWizard", "Sheet:"), self)
        self.update_box = QCheckBox(QCoreApplication.translate("ImportWizard", "Update the clients already in the file (same client number)"), self)
        self.update_box.setObjectName("update")
        self.duplicates_box = QCheckBox(QCoreApplication.translate("ImportWizard", "Look for probable duplicates (clients already in the file, lines repeated in it)"), self)
        self.duplicates_box.setObjectName("findDuplicates")
        self.duplicates_box.setChecked(True)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.error = _error_label(self)
        self.error.setObjectName("error")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ImportWizard", "Import:"), self.kind)
        form.addRow(QCoreApplication.translate("ImportWizard", "File:"), row)
        form.addRow(self.sheet_label, self.sheet)
        form.addRow("", self.update_box)
        form.addRow("", self.duplicates_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.description)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.ok = False
        self._sheets_of = ""
        self.browse.clicked.connect(self._browse)
        self.path.textChanged.connect(self.reload)
        self.sheet.currentIndexChanged.connect(lambda _i: self.reload())
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.update_box.setVisible(self.current_kind() == "clients")
        self.duplicates_box.setVisible(self.current_kind() == "clients")
        self.reload()

    def current_kind(self) -> str:
        return self.kind.currentData()

    def _browse(self) -> None:
        chosen = choose_file(self)
        if chosen:
            self.path.setText(chosen)

    def reload(self) -> None:
        """Open the file (its sheet) and read its header and first values."""
        wiz = self.wiz
        text = self.path.text().strip()
        self.ok = False
        self.description.clear()
        self.error.clear()
        if text:
            path = Path(text).expanduser()
            try:
                if text != self._sheets_of:
                    self._sheets_of = text
                    names = sheet_names(path)
                    self.sheet.blockSignals(True)
                    self.sheet.clear()
                    self.sheet.addItems(names)
                    self.sheet.blockSignals(False)
                sheet = self.sheet.currentText() or None
                with open_table(path, sheet=sheet) as table:
                    header = list(table.header)
                    table.require_rows()
                    rows = []
                    for row in table.rows():
                        rows.append(list(row.cells))
                        if len(rows) >= SAMPLE_ROWS:
                            break
                    self.description.setText(table.description)
            except CrmError as exc:
                self.error.setText(str(exc))
            else:
                wiz.path, wiz.sheet, wiz.header, wiz.first_rows = path, sheet, header, rows
                wiz.kind = self.current_kind()
                wiz.mapping = None          # suggested again on the columns page
                self.ok = True
        has_sheets = self.sheet.count() > 0
        self.sheet.setVisible(has_sheets)
        self.sheet_label.setVisible(has_sheets)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.ok

    def validatePage(self) -> bool:
        self.wiz.update = self.current_kind() == "clients" and self.update_box.isChecked()
        self.wiz.find_duplicates = self.current_kind() == "clients" and self.duplicates_box.isChecked()
        return self.ok


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(QCoreApplication.translate("ImportWizard", "Columns"))
        self.setSubTitle(QCoreApplication.translate("ImportWizard", "Which field each column of the file fills. Double-click a field to change it."))
        self.model = MappingModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("columns")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(MappingModel.FIELD, FieldDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        self.problems = _error_label(self)
        self.problems.setObjectName("problems")
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.save = QPushButton(QCoreApplication.translate("ImportWizard", "Save the mapping…"), self)
        self.save.setObjectName("saveMapping")
        self.load = QPushButton(QCoreApplication.translate("ImportWizard", "Load…"), self)
        self.load.setObjectName("loadMapping")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.load)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.warnings)
        layout.addLayout(buttons)
        self.ok = False
        self.model.mappingChanged.connect(self.check)
        self.save.clicked.connect(self._save)
        self.load.clicked.connect(self._load)

    def initializePage(self) -> None:
        wiz = self.wiz
        if wiz.mapping is None or wiz.mapping.kind != wiz.kind:
            wiz.mapping = suggest_mapping(wiz.kind, wiz.header)
        self.model.reset(wiz.mapping, wiz.header, wiz.first_rows)
        self.view.resizeColumnsToContents()
        for column, widest in ((MappingModel.SAMPLES, 220), (MappingModel.FIELD, 300)):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), widest))

    def check(self) -> None:
        wiz = self.wiz
        problems: list[str] = []
        warnings: list[str] = []
        if wiz.mapping is not None:
            problems = wiz.mapping.problems(wiz.header)
            if not problems:
                try:
                    warnings = resolve(wiz.kind, wiz.header, wiz.path.name, wiz.mapping, wiz.update).warnings
                except CrmError as exc:
                    problems = [str(exc)]
        self.ok = wiz.mapping is not None and not problems
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self.warnings.setText("\n".join(f"• {w}" for w in warnings))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.ok

    def _save(self) -> None:
        target = choose_mapping_to_save(self)
        if not target:
            return
        try:
            self.wiz.mapping.save(target)
        except OSError as exc:
            self.problems.setText(QCoreApplication.translate("ImportWizard", "Cannot save « %1 »: %2").replace("%1", target).replace("%2", exc.strerror
                                                                                                or str(exc)))

    def _load(self) -> None:
        source = choose_mapping_to_load(self)
        if not source:
            return
        try:
            mapping = Mapping.load(source, kind=self.wiz.kind)
        except CrmError as exc:
            self.problems.setText(str(exc))
            return
        self.wiz.mapping = mapping
        self.model.set_mapping(mapping)


class _RunPage(QWizardPage):
    """A page running one import (dry or real) in a worker, with a progress bar and Cancel."""

    dry_run = True

    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.wiz = wizard
        self.task: Task | None = None
        self.outcome: Outcome | None = None
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progress")
        self.bar.setRange(0, 0)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.cancel = QPushButton(QCoreApplication.translate("ImportWizard", "Cancel"), self)
        self.cancel.setObjectName("cancel")
        self.cancel.clicked.connect(self.stop)
        self.error = _error_label(self)
        self.error.setObjectName("error")
        top = QHBoxLayout()
        top.addWidget(self.bar, 1)
        top.addWidget(self.cancel)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.error)

    def start(self) -> None:
        wiz = self.wiz
        self.outcome = None
        self.error.clear()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        kind, path, mapping, sheet, update = wiz.kind, wiz.path, wiz.mapping, wiz.sheet, wiz.update
        database = wiz.window.database
        if self.dry_run:
            from crmdesk.store.maintenance import scratch_copy

            db_path = database.path

            from crmdesk.store.imports import preview

            policy = "keep" if wiz.find_duplicates else None

            def work(job: Job) -> Outcome:
                with scratch_copy(db_path) as scratch:
                    outcome = run_import(scratch, job, kind, path, mapping, sheet, update, duplicates=policy)
                    if outcome.result.batch_id is not None:
                        outcome.preview = preview(scratch, outcome.result.batch_id, kind)
                    return outcome
        else:
            decisions = wiz.check_page.duplicates.decisions() if kind == "clients" else None

            def work(job: Job) -> Outcome:
                return run_import(database, job, kind, path, mapping, sheet, update, decisions=decisions)
        self.task = Task(work, self)
        self.task.progress.connect(lambda _done, _total, text: self.status.setText(text))
        self.task.finished.connect(self._finished)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.task.done.connect(self._done)
        self.status.setText(self.running_text())
        self.completeChanged.emit()
        self.task.start()

    def running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def stop(self) -> None:
        if self.running():
            self.cancel.setEnabled(False)
            self.status.setText(QCoreApplication.translate("ImportWizard", "Cancelling…"))
            self.task.cancel()

    def _done(self) -> None:
        self.bar.hide()
        self.cancel.hide()
        self.completeChanged.emit()
        self.wiz.taskDone.emit()

    def _failed(self, text: str) -> None:
        self.status.clear()
        self.error.setText(text)

    def _finished(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.show_outcome(outcome)

    def isComplete(self) -> bool:
        return not self.running() and self.outcome is not None

    def cleanupPage(self) -> None:      # Back
        self.stop()
        if self.task is not None:
            self.task.wait()


class CheckPage(_RunPage):
    dry_run = True

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "Check"))
        self.setSubTitle(QCoreApplication.translate("ImportWizard", "A trial import on a copy of the client file: nothing is written yet."))
        self.rejects = QTableWidget(0, 2, self)
        self.rejects.setObjectName("rejects")
        self.rejects.setHorizontalHeaderLabels([QCoreApplication.translate("ImportWizard", "Line"), QCoreApplication.translate("ImportWizard", "Reason")])
        self.rejects.verticalHeader().hide()
        self.rejects.horizontalHeader().setStretchLastSection(True)
        self.rejects.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.more = QLabel(self)
        self.export = QPushButton(QCoreApplication.translate("ImportWizard", "Export the report…"), self)
        self.export.setObjectName("exportReport")
        self.export.clicked.connect(self._export)
        self.again = QPushButton(QCoreApplication.translate("ImportWizard", "Check again"), self)
        self.again.setObjectName("checkAgain")
        self.again.clicked.connect(self.start)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export)
        buttons.addWidget(self.again)
        buttons.addStretch(1)
        rejected = QWidget(self)
        column = QVBoxLayout(rejected)
        column.addWidget(self.rejects, 1)
        column.addWidget(self.more)
        column.addLayout(buttons)
        self.preview = review.PreviewModel(self)
        self.preview_view = _table(self, self.preview, "preview")
        self.duplicates = review.DuplicatesModel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("checkTabs")
        self.tabs.addTab(self.preview_view, "")
        self.tabs.addTab(self._duplicates_tab(), "")
        self.tabs.addTab(rejected, "")
        self.warnings = _lines_table(self, "warnings", QCoreApplication.translate("ImportWizard", "Warning"))
        self.tabs.addTab(self.warnings, "")
        self.layout_.addWidget(self.tabs, 1)

    def _duplicates_tab(self) -> QWidget:
        tab = QWidget(self)
        self.duplicates_view = _table(tab, self.duplicates, "duplicates")
        self.duplicates_view.setItemDelegateForColumn(review.DECISION_COLUMN, review.DecisionDelegate(self))
        self.duplicates_view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        hint = QLabel(QCoreApplication.translate("ImportWizard", "These lines look like a client already in the file, or another line of it. For each one: merge it into that client (the file only fills the fields the client leaves empty), keep both, or skip the line."), tab)
        hint.setWordWrap(True)
        row = QHBoxLayout()
        for choice, text in ((review.MERGE, QCoreApplication.translate("ImportWizard", "Merge all")),
                             (review.KEEP, QCoreApplication.translate("ImportWizard", "Keep all")),
                             (review.SKIP, QCoreApplication.translate("ImportWizard", "Skip all"))):
            button = QPushButton(text, tab)
            button.setObjectName(f"duplicates_{choice}")
            button.clicked.connect(lambda _checked=False, c=choice: self.duplicates.decide_all(c))
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(hint)
        layout.addWidget(self.duplicates_view, 1)
        layout.addLayout(row)
        return tab

    def _tab_titles(self, outcome: Outcome | None) -> None:
        rows = len(outcome.preview[1]) if outcome else 0
        lines = self.duplicates.lines()
        rejected = outcome.result.rejected if outcome else 0
        self.tabs.setTabText(0, QCoreApplication.translate("ImportWizard", "Preview (first %1 rows)").replace("%1", str(rows)))
        self.tabs.setTabText(1, QCoreApplication.translate("ImportWizard", "Probable duplicates (%1)").replace("%1", str(lines)))
        self.tabs.setTabText(2, QCoreApplication.translate("ImportWizard", "Rejected lines (%1)").replace("%1", str(rejected)))
        warned = outcome.result.warned if outcome else 0
        self.tabs.setTabText(3, QCoreApplication.translate("ImportWizard", "Warnings (%1)").replace("%1", str(warned)))
        self.tabs.setTabVisible(1, self.wiz.kind == "clients")

    def running_text(self) -> str:
        return QCoreApplication.translate("ImportWizard", "Checking the file…")

    def initializePage(self) -> None:
        self.rejects.setRowCount(0)
        self.warnings.setRowCount(0)
        self.preview.reset((), [])
        self.duplicates.reset([])
        self._tab_titles(None)
        self.more.clear()
        self.export.setEnabled(False)
        self.again.hide()
        self.start()

    def show_outcome(self, outcome: Outcome) -> None:
        result = outcome.result
        parts = [QCoreApplication.translate("ImportWizard", "%1 lines read").replace("%1", str(result.rows_read)),
                 QCoreApplication.translate("ImportWizard", "%1 to import").replace("%1", str(result.inserted))]
        if result.kind == "clients":
            parts.append(QCoreApplication.translate("ImportWizard", "%1 to update").replace("%1", str(result.updated)))
            if result.duplicate_rows:
                parts.append(QCoreApplication.translate("ImportWizard", "%1 probable duplicates").replace(
                    "%1", str(len(result.duplicate_rows))))
        parts.append(QCoreApplication.translate("ImportWizard", "%1 rejected").replace("%1", str(result.rejected)))
        lines = [" ; ".join(parts) + "."] + [f"• {note}" for note in (*result.notes, *result.warning_summary())]
        self.status.setText("\n".join(lines))
        _fill_lines(self.warnings, [(w.line, w.text) for w in result.warnings])
        shown = outcome.rejects[:SHOWN_REJECTS]
        self.rejects.setRowCount(len(shown))
        for row, reject in enumerate(shown):
            self.rejects.setItem(row, 0, QTableWidgetItem(str(reject.line)))
            self.rejects.setItem(row, 1, QTableWidgetItem(reject.reason))
        self.rejects.resizeColumnToContents(0)
        self.preview.reset(*outcome.preview)
        self.duplicates.reset(result.duplicates)
        self._tab_titles(outcome)
        for view in (self.preview_view, self.duplicates_view):
            view.resizeColumnsToContents()
        if result.duplicate_rows:
            self.tabs.setCurrentIndex(1)
        elif outcome.rejects:
            self.tabs.setCurrentIndex(2)
        elif result.warnings:
            self.tabs.setCurrentIndex(3)
        if len(outcome.rejects) > SHOWN_REJECTS:
            self.more.setText(QCoreApplication.translate("ImportWizard", "… and %1 more rejected lines (all of them in the exported report).")
                              .replace("%1", str(len(outcome.rejects) - SHOWN_REJECTS)))
        self.export.setEnabled(bool(outcome.rejects))

    def _cancelled(self) -> None:
        self.status.setText(QCoreApplication.translate("ImportWizard", "Check cancelled."))
        self.again.show()

    def _failed(self, text: str) -> None:
        super()._failed(text)
        self.again.show()

    def _export(self) -> None:
        if self.outcome is None:
            return
        target = choose_report(self)
        if not target:
            return
        target_path = Path(target).expanduser()
        if target_path.resolve() in (self.wiz.path.resolve(), self.wiz.window.database.path):
            self.error.setText(QCoreApplication.translate("ImportWizard", "The report must be a new file, neither the imported file nor the client file."))
            return
        wiz = self.wiz
        try:
            columns = [index for index, _field in resolve(wiz.kind, wiz.header, wiz.path.name, wiz.mapping,
                                                          wiz.update).columns]
            export_rejects(target_path, wiz.header, self.outcome.rejects, columns)
        except CrmError as exc:          # a full disk, a folder one may not write to… (French, from the store)
            self.error.setText(str(exc))
        except OSError as exc:
            self.error.setText(QCoreApplication.translate("ImportWizard", "Cannot write « %1 »: %2").replace("%1", target)
                               .replace("%2", exc.strerror or str(exc)))
        else:
            self.error.clear()
            self.more.setText(QCoreApplication.translate("ImportWizard", "Report written to « %1 ».").replace("%1", target))


NOUNS = {"clients": (QT_TRANSLATE_NOOP("ImportWizard", "client imported"),
                     QT_TRANSLATE_NOOP("ImportWizard", "clients imported")),
         "orders": (QT_TRANSLATE_NOOP("ImportWizard", "order imported"),
                    QT_TRANSLATE_NOOP("ImportWizard", "orders imported")),
         "surveys": (QT_TRANSLATE_NOOP("ImportWizard", "answer imported"),
                     QT_TRANSLATE_NOOP("ImportWizard", "answers imported"))}


class ImportPage(_RunPage):
    dry_run = False

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "Import"))
        self.setSubTitle(QCoreApplication.translate("ImportWizard", "The import into the client file."))
        self.setCommitPage(True)
        self.layout_.addStretch(1)

    def running_text(self) -> str:
        return QCoreApplication.translate("ImportWizard", "Importing…")

    def initializePage(self) -> None:
        from crmdesk.gui import backup_hooks

        if backup_hooks.before(self.wiz.window, "import"):   # the user was told when it failed
            self.start()
        else:
            self.error.setText(QCoreApplication.translate("ImportWizard", "Import not started: the client file could not be backed up first."))

    def show_outcome(self, outcome: Outcome) -> None:
        result = outcome.result
        one, many = NOUNS[result.kind]
        noun = QCoreApplication.translate("ImportWizard", one if result.inserted <= 1 else many)
        text = f"{result.inserted} {noun}"
        if result.kind == "clients" and result.updated:
            text += ", " + QCoreApplication.translate("ImportWizard", "%1 updated").replace("%1", str(result.updated))
        if result.kind == "clients" and result.merged:
            text += ", " + QCoreApplication.translate("ImportWizard", "%1 merged into existing clients").replace("%1", str(result.merged))
        if result.kind == "clients" and result.skipped:
            text += ", " + QCoreApplication.translate("ImportWizard", "%1 duplicates skipped").replace("%1", str(result.skipped))
        if result.rejected:
            text += ", " + QCoreApplication.translate("ImportWizard", "%1 rejected").replace("%1", str(result.rejected))
        if result.warned:
            changed = QCoreApplication.translate(
                "ImportWizard", "%1 lines imported with a change (see the check page's Warnings tab)")
            text += ", " + changed.replace("%1", str(result.warned))
        if result.batch_id is not None:
            text += ", " + QCoreApplication.translate("ImportWizard", "batch no. %1: can be undone from File › Import history").replace(
                "%1", str(result.batch_id))
        self.status.setText(text + ".")
        if not result.rolled_back:      # written for good: no going back, nothing left to cancel
            self.wiz.setButtonLayout([QWizard.WizardButton.Stretch, QWizard.WizardButton.FinishButton])
        from crmdesk.gui.analysis_menu import figures_saved

        figures_saved(self.wiz.window)

    def _cancelled(self) -> None:
        self.status.setText(QCoreApplication.translate("ImportWizard", "Import cancelled: nothing was written."))
        self.outcome = Outcome(ImportResult(self.wiz.kind, self.wiz.path.name, rolled_back=True))
        self.wiz.cancelled_import = True


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
        if self.import_page.running():      # Cancel during the import: cancel it, then close
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


# -- the menu ---------------------------------------------------------------------------------

def show(window) -> ImportWizard | None:
    """Open the wizard (window-modal) on the open client file."""
    if window.database is None:
        return None
    wizard = keep_dialog(window, "import_wizard", ImportWizard(window))
    wizard.open()
    return wizard
