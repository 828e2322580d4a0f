"""Page 3 of the import wizard: a dry run on a scratch copy, then preview, duplicates and rejects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.errors import CrmError
from crmdesk.gui.importing import file_dialogs, review
from crmdesk.gui.importing.page_parts import fill_lines, lines_table, page_table
from crmdesk.gui.importing.run import Outcome, export_rejects, resolve
from crmdesk.gui.importing.run_page import RunPage
from crmdesk.store.reasons import os_reason

SHOWN_REJECTS = 100  # rejected lines listed on the check page (all of them are exported)


class CheckPage(RunPage):
    dry_run = True

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "Check"))
        self.setSubTitle(
            QCoreApplication.translate(
                "ImportWizard", "A trial import on a copy of the client file: nothing is written yet."
            )
        )
        self.rejects = QTableWidget(0, 2, self)
        self.rejects.setObjectName("rejects")
        self.rejects.setHorizontalHeaderLabels(
            [QCoreApplication.translate("ImportWizard", "Line"), QCoreApplication.translate("ImportWizard", "Reason")]
        )
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
        self.preview_view = page_table(self, self.preview, "preview")
        self.duplicates = review.DuplicatesModel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("checkTabs")
        self.tabs.addTab(self.preview_view, "")
        self.tabs.addTab(self._duplicates_tab(), "")
        self.tabs.addTab(rejected, "")
        self.warnings = lines_table(self, "warnings", QCoreApplication.translate("ImportWizard", "Warning"))
        self.tabs.addTab(self.warnings, "")
        self.layout_.addWidget(self.tabs, 1)

    def _duplicates_tab(self) -> QWidget:
        tab = QWidget(self)
        self.duplicates_view = page_table(tab, self.duplicates, "duplicates")
        self.duplicates_view.setItemDelegateForColumn(review.DECISION_COLUMN, review.DecisionDelegate(self))
        self.duplicates_view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        hint = QLabel(
            QCoreApplication.translate(
                "ImportWizard",
                "These lines look like a client already in the file, or another line of it. For each one: merge it into that client (the file only fills the fields the client leaves empty), keep both, or skip the line.",  # noqa: E501 (one translatable literal)
            ),
            tab,
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        for choice, text in (
            (review.MERGE, QCoreApplication.translate("ImportWizard", "Merge all")),
            (review.KEEP, QCoreApplication.translate("ImportWizard", "Keep all")),
            (review.SKIP, QCoreApplication.translate("ImportWizard", "Skip all")),
        ):
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
        self.tabs.setTabText(
            0, QCoreApplication.translate("ImportWizard", "Preview (first %1 rows)").replace("%1", str(rows))
        )
        self.tabs.setTabText(
            1, QCoreApplication.translate("ImportWizard", "Probable duplicates (%1)").replace("%1", str(lines))
        )
        self.tabs.setTabText(
            2, QCoreApplication.translate("ImportWizard", "Rejected lines (%1)").replace("%1", str(rejected))
        )
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
        parts = [
            QCoreApplication.translate("ImportWizard", "%1 lines read").replace("%1", str(result.rows_read)),
            QCoreApplication.translate("ImportWizard", "%1 to import").replace("%1", str(result.inserted)),
        ]
        if result.kind == "clients":
            parts.append(QCoreApplication.translate("ImportWizard", "%1 to update").replace("%1", str(result.updated)))
            if result.duplicate_rows:
                parts.append(
                    QCoreApplication.translate("ImportWizard", "%1 probable duplicates").replace(
                        "%1", str(len(result.duplicate_rows))
                    )
                )
        parts.append(QCoreApplication.translate("ImportWizard", "%1 rejected").replace("%1", str(result.rejected)))
        lines = [" ; ".join(parts) + "."] + [f"• {note}" for note in (*result.notes, *result.warning_summary())]
        self.status.setText("\n".join(lines))
        fill_lines(self.warnings, [(w.line, w.text) for w in result.warnings])
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
            self.more.setText(
                QCoreApplication.translate(
                    "ImportWizard", "… and %1 more rejected lines (all of them in the exported report)."
                ).replace("%1", str(len(outcome.rejects) - SHOWN_REJECTS))
            )
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
        target = file_dialogs.choose_report(self)
        if not target:
            return
        target_path = Path(target).expanduser()
        if target_path.resolve() in (self.wiz.path.resolve(), self.wiz.window.database.path):
            self.error.setText(
                QCoreApplication.translate(
                    "ImportWizard", "The report must be a new file, neither the imported file nor the client file."
                )
            )
            return
        wiz = self.wiz
        try:
            columns = [
                index for index, _field in resolve(wiz.kind, wiz.header, wiz.path.name, wiz.mapping, wiz.update).columns
            ]
            export_rejects(target_path, wiz.header, self.outcome.rejects, columns)
        except CrmError as exc:  # a full disk, a folder one may not write to… (French, from the store)
            self.error.setText(str(exc))
        except OSError as exc:
            self.error.setText(
                QCoreApplication.translate("ImportWizard", "Cannot write « %1 »: %2")
                .replace("%1", target)
                .replace("%2", os_reason(exc))
            )
        else:
            self.error.clear()
            self.more.setText(
                QCoreApplication.translate("ImportWizard", "Report written to « %1 ».").replace("%1", target)
            )
