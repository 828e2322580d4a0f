"""Courrier › Rappel de produit…: who bought a product, or a lot, between two
dates, and who has been told (EU regulation 178/2002, art. 18; issue 18).

Choose the product (or type the lot) and the dates, « Chercher »: every
client who bought it, with how to reach them and what they bought — a
recall is a safety duty, so consent and opposition do not hide anyone. The
first column is the tick « Prévenu le … » (click it, or select clients and
« Prévenus aujourd'hui »); the count still to reach is above the list.
« Lettres de rappel… » opens the letters with the recall template and these
buyers (printed, they are ticked); « Étiquettes… » their labels; « Liste
d'appels… » writes them to CSV or Excel. The recall is saved with its ticks
the first time one is made (crmdesk/store/recall.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.outreach import SAFETY
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.file import folders
from crmdesk.store.outreach import Selection
from crmdesk.store.recall import RecallCriteria, RecallResult, as_rows, find, product_choices

if TYPE_CHECKING:
    from crmdesk.gui.outreach.menu import OutreachFeature

translate = QCoreApplication.translate  # texts in the context « RecallDialog »

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def save_path(parent, suggested: str) -> str:
    """Where to write the call list (tests replace it)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        translate("RecallDialog", "Call list"),
        folders.in_documents(suggested),
        translate("RecallDialog", "CSV for Excel or LibreOffice (*.csv);;Excel workbook (*.xlsx)"),
    )
    return name


class RecallModel(ReadOnlyTableModel):
    """The buyers of a recall; the first column ticks « told on »."""

    COLUMNS = ("notified", "code", "name", "phone", "email", "city", "bought")
    notifiedChanged = Signal(list, bool)  # contact ids, ticked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self._headers = (
            translate("RecallDialog", "Told on"),
            translate("RecallDialog", "No."),
            translate("RecallDialog", "Name"),
            translate("RecallDialog", "Phone"),
            translate("RecallDialog", "Email"),
            translate("RecallDialog", "City"),
            translate("RecallDialog", "Bought"),
        )

    def cell(self, row, column: int, role):
        key = self.COLUMNS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "notified":
                return format_date(row.notified_on) if row.notified_on else ""
            if key == "name":
                return row.name
            if key == "phone":
                return row.phone
            if key in ("email", "city"):
                return row.contact.get(key) or ""
            if key == "bought":
                return row.bought()
            return row.code
        if role == Qt.ItemDataRole.CheckStateRole and key == "notified":
            return Qt.CheckState.Checked if row.notified_on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and key == "bought":
            return row.bought()
        if role == Qt.ItemDataRole.UserRole:
            return row.contact_id
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and self.COLUMNS[index.column()] == "notified":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index)
        if row is None or role != Qt.ItemDataRole.CheckStateRole or self.COLUMNS[index.column()] != "notified":
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.notifiedChanged.emit([row.contact_id], ticked)
        return True

    def set_notified(self, notified: dict[int, str]) -> None:
        """The ticks as saved (after a change): the rows stay, their first column changes."""
        for number, row in enumerate(self.rows):
            row.notified_on = notified.get(row.contact_id)
            index = self.index(number, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.CheckStateRole])


class RecallDialog(QDialog):
    searched = Signal(object)  # the RecallResult

    def __init__(self, outreach: OutreachFeature):
        window = outreach.window
        super().__init__(window)
        self.setObjectName("RecallDialog")
        self.setWindowTitle(translate("RecallDialog", "Product recall"))
        self.outreach = outreach
        self.window = window
        self.session = outreach.session
        self.database = outreach.session.database
        self.store = self.session.recall
        self.result: RecallResult | None = None
        self.recall_id: int | None = None

        grid = QGridLayout()
        self.product_combo = QComboBox(self)
        self.product_combo.setObjectName("productCombo")
        self.product_combo.addItem(translate("RecallDialog", "(any product)"), None)
        for product in product_choices(self.database):
            text = product["name"] + (f" ({product['code']})" if product["code"] else "")
            self.product_combo.addItem(text, product["id"])
        self.lot_edit = QLineEdit(self)
        self.lot_edit.setObjectName("lotEdit")
        self.lot_edit.setPlaceholderText(translate("RecallDialog", "lot number, e.g. L240615"))
        day = outreach.session.today()
        self.from_edit = QDateEdit(QDate(day.year, day.month, day.day).addMonths(-3), self)
        self.from_edit.setObjectName("fromDate")
        self.to_edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.to_edit.setObjectName("toDate")
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.search_button = QPushButton(translate("RecallDialog", "&Search"), self)
        self.search_button.setObjectName("searchRecall")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(lambda _checked=False: self.search())
        for row, (caption, editor) in enumerate(
            (
                (translate("RecallDialog", "&Product:"), self.product_combo),
                (translate("RecallDialog", "&Lot:"), self.lot_edit),
            )
        ):
            label = QLabel(caption, self)
            label.setBuddy(editor)
            grid.addWidget(label, row, 0)
            grid.addWidget(editor, row, 1, 1, 3)
        for column, (caption, editor) in enumerate(
            (
                (translate("RecallDialog", "Bought &from:"), self.from_edit),
                (translate("RecallDialog", "&to:"), self.to_edit),
            )
        ):
            label = QLabel(caption, self)
            label.setBuddy(editor)
            grid.addWidget(label, 2, column * 2)
            grid.addWidget(editor, 2, column * 2 + 1)
        grid.addWidget(self.search_button, 2, 4)
        grid.setColumnStretch(3, 1)

        self.count_label = QLabel(translate("RecallDialog", "Choose a product or a lot, the dates, then Search."), self)
        self.count_label.setObjectName("recallCount")
        self.count_label.setWordWrap(True)
        self.model = RecallModel(self)
        self.model.notifiedChanged.connect(self.set_notified)
        self.table = read_only_table(self, self.model, "recallTable")
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((118, 80, 190, 110, 210, 110)):
            self.table.setColumnWidth(column, width)

        self.tick_button = QPushButton(translate("RecallDialog", "&Told today"), self)
        self.tick_button.setObjectName("tickButton")
        self.untick_button = QPushButton(translate("RecallDialog", "&Not told"), self)
        self.untick_button.setObjectName("untickButton")
        self.letters_button = QPushButton(translate("RecallDialog", "Recall l&etters…"), self)
        self.letters_button.setObjectName("recallLetters")
        self.labels_button = QPushButton(translate("RecallDialog", "L&abels…"), self)
        self.labels_button.setObjectName("recallLabels")
        self.emails_button = QPushButton(translate("RecallDialog", "E-&mails…"), self)
        self.emails_button.setObjectName("recallEmails")
        self.calls_button = QPushButton(translate("RecallDialog", "&Call list…"), self)
        self.calls_button.setObjectName("callList")
        self.tick_button.clicked.connect(lambda _checked=False: self.set_notified(self.selected_ids(), True))
        self.untick_button.clicked.connect(lambda _checked=False: self.set_notified(self.selected_ids(), False))
        self.letters_button.clicked.connect(lambda _checked=False: self.letters())
        self.labels_button.clicked.connect(lambda _checked=False: self.labels())
        self.emails_button.clicked.connect(lambda _checked=False: self.emails())
        self.calls_button.clicked.connect(lambda _checked=False: self.call_list())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        for button in (
            self.tick_button,
            self.untick_button,
            self.letters_button,
            self.labels_button,
            self.emails_button,
            self.calls_button,
        ):
            button.setAutoDefault(False)
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update())

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 560)
        self._update()

    def criteria(self) -> RecallCriteria:
        return RecallCriteria(
            self.product_combo.currentData(),
            self.lot_edit.text(),
            self.from_edit.date().toPython().isoformat(),
            self.to_edit.date().toPython().isoformat(),
        )

    def set_criteria(
        self,
        *,
        product_id: int | None = None,
        lot: str = "",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> None:
        self.product_combo.setCurrentIndex(max(self.product_combo.findData(product_id), 0))
        self.lot_edit.setText(lot)
        if date_from is not None:
            self.from_edit.setDate(QDate(date_from.year, date_from.month, date_from.day))
        if date_to is not None:
            self.to_edit.setDate(QDate(date_to.year, date_to.month, date_to.day))

    def search(self) -> RecallResult | None:
        try:
            criteria = self.criteria().checked()
        except CrmError as exc:
            messages.error(self, self.windowTitle(), str(exc))
            return None
        self.recall_id = self.store.saved(criteria)
        self.result = find(self.database, criteria, recall_id=self.recall_id)
        self.model.set_rows(self.result.clients)
        self._update()
        self.searched.emit(self.result)
        return self.result

    def refresh(self) -> None:
        """Read the ticks again (a recall letter was printed)."""
        if self.result is None:
            return
        self.recall_id = self.store.saved(self.result.criteria)
        if self.recall_id is not None:
            self.model.set_notified(self.store.notified(self.recall_id))
        self._update()

    def _update(self) -> None:
        result = self.result
        if result is not None:
            text = (
                translate("RecallDialog", "%1 buyers; %2 still to reach.")
                .replace("%1", labels.number(len(result.clients)))
                .replace("%2", labels.number(result.to_reach))
            )
            if result.hidden:
                text += " " + translate(
                    "RecallDialog", "%1 purchases of people anonymised or in the trash are not listed."
                ).replace("%1", labels.number(result.hidden))
            self.count_label.setText(text)
        has_rows = result is not None and bool(result.clients)
        selected = has_rows and self.table.selectionModel().hasSelection()
        self.tick_button.setEnabled(selected)
        self.untick_button.setEnabled(selected)
        for button in (self.letters_button, self.labels_button, self.emails_button, self.calls_button):
            button.setEnabled(has_rows)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].contact_id for r in rows if r < len(self.model.rows)]

    def set_notified(self, contact_ids: list[int], ticked: bool) -> None:
        """Tick (today) or untick « told » for these buyers; the recall is saved the first time."""
        if self.result is None or not contact_ids:
            return
        if self.recall_id is None:
            self.recall_id = self.store.open(self.result.criteria)
        if ticked:
            self.store.notify(self.recall_id, contact_ids, self.outreach.session.today())
        else:
            self.store.unnotify(self.recall_id, contact_ids)
        self.model.set_notified(self.store.notified(self.recall_id))
        self._update()

    def _selection(self) -> tuple[Selection, str]:
        result = self.result
        what = self.product_combo.currentText() if result.criteria.product_id is not None else ""
        lot = result.criteria.lot or ""
        description = translate("RecallDialog", "recall %1").replace("%1", " ".join(p for p in (what, lot) if p))
        text = translate("RecallDialog", "The %1 buyers of the recall").replace(
            "%1", labels.number(len(result.clients))
        )
        return Selection(
            ids=tuple(c.contact_id for c in result.clients),
            rows=as_rows(result),
            description=description,
            purpose=SAFETY,
        ), text

    def letters(self):
        return self._write(self.outreach.show_letters)

    def emails(self):
        """The recall notice by e-mail to the buyers who have an address (a safety notice: consent aside)."""
        return self._write(self.outreach.show_email)

    def _write(self, show):

        if not self.result or not self.result.clients:
            return None
        if self.recall_id is None:
            self.recall_id = self.store.open(self.result.criteria)
        selection, text = self._selection()
        template = self.session.templates.by_purpose("recall")
        return show(
            selection=selection,
            selection_text=text,
            template_id=template["id"] if template else None,
            recall_id=self.recall_id,
        )

    def labels(self):
        if not self.result or not self.result.clients:
            return None
        selection, text = self._selection()
        return self.outreach.show_labels(selection=selection, selection_text=text)

    def call_list(self) -> Path | None:
        from crmdesk.io.outreach import export_call_list

        if not self.result:
            return None
        name = save_path(self, "rappel-appels.csv")
        if not name:
            return None
        path = Path(name)
        fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + ".csv")
        try:
            count = export_call_list(self.database, path, self.result, fmt)
        except CrmError as exc:
            messages.error(self, translate("RecallDialog", "Call list"), str(exc))
            return None
        self.window.ui.statusbar.showMessage(
            translate("RecallDialog", "Call list of %1 buyers written to %2.")
            .replace("%1", labels.number(count))
            .replace("%2", path.name),
            8000,
        )
        return path
