"""Page 1 of the import wizard: what is imported, the file, its sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from crmdesk.domain.errors import CrmError
from crmdesk.gui.importing import file_dialogs
from crmdesk.gui.importing.page_parts import KINDS, kind_label, page_error_label
from crmdesk.io.tabular import open_table, sheet_names

if TYPE_CHECKING:  # the wizard imports its pages
    from crmdesk.gui.importing.wizard import ImportWizard

SAMPLE_ROWS = 3  # first values shown per column


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(QCoreApplication.translate("ImportWizard", "File"))
        self.setSubTitle(
            QCoreApplication.translate(
                "ImportWizard", "What to import, and from which file (CSV, Excel .xlsx or OpenDocument .ods)."
            )
        )
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
        self.update_box = QCheckBox(
            QCoreApplication.translate("ImportWizard", "Update the clients already in the file (same client number)"),
            self,
        )
        self.update_box.setObjectName("update")
        self.duplicates_box = QCheckBox(
            QCoreApplication.translate(
                "ImportWizard", "Look for probable duplicates (clients already in the file, lines repeated in it)"
            ),
            self,
        )
        self.duplicates_box.setObjectName("findDuplicates")
        self.duplicates_box.setChecked(True)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.error = page_error_label(self)
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
        chosen = file_dialogs.choose_file(self)
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
                wiz.mapping = None  # suggested again on the columns page
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
