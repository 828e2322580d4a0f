"""Page 2 of the import wizard: the columns of the file and their fields; the mapping saved or loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWizardPage

from crmdesk.domain.errors import CrmError
from crmdesk.gui.importing import file_dialogs
from crmdesk.gui.importing.field_delegate import FieldDelegate
from crmdesk.gui.importing.mapping_model import MappingModel
from crmdesk.gui.importing.page_parts import page_error_label
from crmdesk.gui.importing.run import resolve
from crmdesk.io.mapping import Mapping, suggest_mapping
from crmdesk.store.reasons import os_reason

if TYPE_CHECKING:  # the wizard imports its pages
    from crmdesk.gui.importing.wizard import ImportWizard


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(QCoreApplication.translate("ImportWizard", "Columns"))
        self.setSubTitle(
            QCoreApplication.translate(
                "ImportWizard", "Which field each column of the file fills. Double-click a field to change it."
            )
        )
        self.model = MappingModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("columns")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(MappingModel.FIELD, FieldDelegate(self.view))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        self.problems = page_error_label(self)
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
        target = file_dialogs.choose_mapping_to_save(self)
        if not target:
            return
        try:
            self.wiz.mapping.save(target)
        except OSError as exc:
            self.problems.setText(
                QCoreApplication.translate("ImportWizard", "Cannot save « %1 »: %2")
                .replace("%1", target)
                .replace("%2", os_reason(exc))
            )

    def _load(self) -> None:
        source = file_dialogs.choose_mapping_to_load(self)
        if not source:
            return
        try:
            mapping = Mapping.load(source, kind=self.wiz.kind)
        except CrmError as exc:
            self.problems.setText(str(exc))
            return
        self.wiz.mapping = mapping
        self.model.set_mapping(mapping)
