"""Add or edit one order: date, channel, rep, reference, notes and its lines.

The amount rule (see crmdesk.store.orders): an order with lines is worth the
sum of its lines — the amount field then shows that total, read-only, and
follows every edit of a line; an order without lines takes the amount typed.

Checked as in the client sheet: a wrong field is outlined and its French
reason written under it; nothing is saved while anything is wrong. Not
blocking: open() it. Save calls the `save` it is given: in the client sheet, an
undoable command (orders/commands.py, UndoableOrderActions).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.dates import format_date, parse_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.money import format_eur, parse_amount
from crmdesk.domain.text import fold
from crmdesk.gui.common import labels
from crmdesk.gui.common.field_errors import INVALID_STYLE, error_label, field_cell, show_reason, summary_label
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.orders.texts import channel_labels, line_headers, quantity_text
from crmdesk.store.orders import NewLine, NewOrder, OrderStore, check_order, clean_lot

Save = Callable[[NewOrder], int]

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _money_text(cents: int | None) -> str:
    """« 1254,00 » for an editor (no grouping, no sign: easy to retype)."""
    if cents is None:
        return ""
    return f"{cents // 100},{cents % 100:02d}" if cents >= 0 else "-" + _money_text(-cents)


def parse_quantity(text: str) -> float:
    raw = (text or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise CrmError(
            QCoreApplication.translate("OrderDialog", "unreadable quantity « %1 »").replace("%1", text)
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CrmError(QCoreApplication.translate("OrderDialog", "unreadable quantity « %1 »").replace("%1", text))
    return value


class LineEditModel(QAbstractTableModel):
    """The lines being typed: product (catalogue or free label), category,
    quantity, unit price, discount (as typed), total (computed)."""

    COLUMNS = ("product", "category", "quantity", "unit_price", "discount", "total", "lot")
    totalChanged = Signal()

    def __init__(self, orders: OrderStore, parent=None):
        super().__init__(parent)
        self.products = {p["id"]: p for p in orders.products()}
        self._product_by_name = {fold(p["name"]): p for p in self.products.values()}
        self.categories = {c["id"]: c["name"] for c in orders.categories()}
        self._category_by_name = {fold(name): cid for cid, name in self.categories.items()}
        self.rows: list[dict] = []
        self.dataChanged.connect(lambda *_: self.totalChanged.emit())
        self.rowsInserted.connect(lambda *_: self.totalChanged.emit())
        self.rowsRemoved.connect(lambda *_: self.totalChanged.emit())
        self.modelReset.connect(lambda *_: self.totalChanged.emit())

    def product_names(self) -> list[str]:
        return [p["name"] for p in self.products.values() if p["active"]]

    # -- contents ------------------------------------------------------------------------
    def load(self, lines: list[dict]) -> None:
        self.beginResetModel()
        self.rows = [
            {
                "product_id": l["product_id"],
                "label": l["label"],
                "category_id": l["category_id"],
                "quantity": quantity_text(l["quantity"]),
                "unit_price": _money_text(l["unit_price_cents"]),
                "discount": _money_text(l["discount_cents"]) if l["discount_cents"] else "",
                "lot": l.get("lot") or "",
            }
            for l in lines
        ]
        self.endResetModel()

    def add_line(self) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(
            {
                "product_id": None,
                "label": "",
                "category_id": None,
                "quantity": "1",
                "unit_price": "",
                "discount": "",
                "lot": "",
            }
        )
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def line(self, row: int) -> NewLine:
        """The line as typed, parsed; CrmError (French) when a cell cannot be read."""
        values = self.rows[row]
        product = values["product_id"]
        label = (values["label"] or "").strip() or None
        if product is None and label is None:
            raise CrmError(QCoreApplication.translate("OrderDialog", "give a product or a label"))
        if not (values["unit_price"] or "").strip():
            raise CrmError(QCoreApplication.translate("OrderDialog", "give the unit price"))
        return NewLine(
            quantity=parse_quantity(values["quantity"]),
            unit_price_cents=parse_amount(values["unit_price"]),
            discount_cents=parse_amount(values["discount"]) if (values["discount"] or "").strip() else 0,
            label=label,
            product_id=product,
            category_id=values["category_id"],
            lot=clean_lot(values.get("lot")),
        )

    def lines(self) -> tuple[list[NewLine], dict[int, str]]:
        """(lines that could be read, {row: French reason} for the others)."""
        lines, problems = [], {}
        for row in range(len(self.rows)):
            try:
                lines.append(self.line(row))
            except CrmError as exc:
                problems[row] = str(exc)
        return lines, problems

    def line_total(self, row: int) -> int | None:
        try:
            line = self.line(row)
        except CrmError:
            return None
        return round(line.quantity * line.unit_price_cents) - line.discount_cents

    def total(self) -> int:
        return sum(t for t in (self.line_total(r) for r in range(len(self.rows))) if t is not None)

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()] != "total":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "product":
                product = self.products.get(row["product_id"])
                return product["name"] if product else (row["label"] or "")
            if key == "category":
                if role == Qt.ItemDataRole.EditRole:
                    return row["category_id"]
                return self.categories.get(row["category_id"], "")
            if key == "total":
                total = self.line_total(index.row())
                return format_eur(total) if total is not None else ""
            if key in ("unit_price", "discount") and role == Qt.ItemDataRole.DisplayRole:
                try:
                    return format_eur(parse_amount(row[key])) if (row[key] or "").strip() else ""
                except CrmError:
                    return row[key]
            return row[key]
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("product", "category", "lot"):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and key == "lot":
            return self.tr("The lot (batch) number printed on the product: a product recall finds its buyers")
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not (0 <= index.row() < len(self.rows)):
            return False
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()]
        first, last = index.column(), index.column()
        if key == "product":
            text = " ".join(str(value or "").split())
            product = self._product_by_name.get(fold(text)) if text else None
            if product is not None:
                row["product_id"], row["label"] = product["id"], None
                if row["category_id"] is None and product["category_id"] is not None:
                    row["category_id"] = product["category_id"]
                if not (row["unit_price"] or "").strip() and product["unit_price_cents"] is not None:
                    row["unit_price"] = _money_text(product["unit_price_cents"])
                last = self.COLUMNS.index("total")
            else:
                row["product_id"], row["label"] = None, text
        elif key == "category":
            if value is None or value == "" or isinstance(value, int):
                category = value if value in self.categories else None
            else:
                category = self._category_by_name.get(fold(str(value)))
                if category is None:
                    return False
            row["category_id"] = category
        elif key in ("quantity", "unit_price", "discount"):
            row[key] = str(value if value is not None else "").strip()
            last = self.COLUMNS.index("total")
        elif key == "lot":
            row[key] = clean_lot(str(value or "")) or ""
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), first), self.index(index.row(), last))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return (*line_headers(), self.tr("Lot"))[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None


class LineDelegate(QStyledItemDelegate):
    """Product: a line edit completing from the catalogue; category: a list."""

    def __init__(self, model: LineEditModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        key = LineEditModel.COLUMNS[index.column()]
        if key == "product":
            editor = QLineEdit(parent)
            completer = QCompleter(self.model.product_names(), editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
            return editor
        if key == "category":
            combo = QComboBox(parent)
            combo.addItem("—", None)
            for category_id, name in sorted(self.model.categories.items(), key=lambda c: fold(c[1])):
                combo.addItem(name, category_id)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


class OrderDialog(FormDialog):
    """Create (order_id None) or edit an order of one contact; asks before dropping changes."""

    saved = Signal(int)

    def __init__(
        self,
        orders: OrderStore,
        contact_id: int,
        order_id: int | None = None,
        parent: QWidget | None = None,
        *,
        save: Save,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        self.orders = orders
        self.contact_id = contact_id
        self.order_id = order_id
        self.today = today
        self.current = orders.get(order_id) if order_id is not None else None
        self._save = save
        self.result_order: NewOrder | None = None
        self.errors: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self._touched: set[str] = set()
        self.setObjectName("OrderDialog")
        self.setStyleSheet(INVALID_STYLE)
        self.setSizeGripEnabled(True)
        self._build()
        self._load()
        self.setWindowTitle(
            self.tr("New order")
            if self.current is None
            else self.tr("Order of %1").replace("%1", format_date(self.current["date"]))
        )
        self.resize(760, 560)
        self.mark_clean()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.date_edit.setMaximumWidth(140)
        self.channel_combo = QComboBox(self)
        for code, text in channel_labels().items():
            self.channel_combo.addItem(text, code)
        self.rep_combo = QComboBox(self)
        self.rep_combo.addItem("—", None)
        for rep in self.orders.reps():
            self.rep_combo.addItem(rep["name"], rep["id"])
        self.ref_edit = QLineEdit(self)
        self.ref_edit.setPlaceholderText(self.tr("invoice or order number (optional)"))
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setMaximumWidth(160)
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(70)
        for field, caption, editor in (
            ("date", self.tr("&Date:"), self.date_edit),
            ("channel", self.tr("&Channel:"), self.channel_combo),
            ("rep", self.tr("Sales r&ep:"), self.rep_combo),
            ("ref", self.tr("Re&ference:"), self.ref_edit),
            ("amount", self.tr("&Amount:"), self.amount_edit),
            ("notes", self.tr("&Notes:"), self.notes_edit),
        ):
            self._add(form, field, caption, editor)

        self.lines_model = LineEditModel(self.orders, self)
        self.lines_table = QTableView(self)
        self.lines_table.setObjectName("lines")
        self.lines_table.setModel(self.lines_model)
        self.lines_table.setItemDelegate(LineDelegate(self.lines_model, self.lines_table))
        self.lines_table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move, F2 or typing edits
        self.lines_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.lines_table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.lines_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((210, 130, 70, 90, 80, 90)):
            self.lines_table.setColumnWidth(column, width)
        self.editors["lines"] = self.lines_table
        lines_label = QLabel(self.tr("&Lines (F2 or typing edits a cell):"), self)
        lines_label.setBuddy(self.lines_table)
        self.add_line_button = QPushButton(self.tr("Add l&ine"), self)
        self.add_line_button.setObjectName("addLine")
        self.remove_line_button = QPushButton(self.tr("Re&move line"), self)
        self.remove_line_button.setObjectName("removeLine")
        for button in (self.add_line_button, self.remove_line_button):
            button.setAutoDefault(False)
        self.add_line_button.clicked.connect(lambda _checked=False: self.add_line())
        self.remove_line_button.clicked.connect(lambda _checked=False: self.remove_line())
        self.total_label = QLabel(self)
        self.total_label.setObjectName("total")
        self.total_label.setStyleSheet("font-weight: bold;")
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.remove_line_button)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.total_label)
        self.errors["lines"] = error_label(self, "lines")

        self.summary = summary_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(lines_label)
        layout.addWidget(self.lines_table, 1)
        layout.addWidget(self.errors["lines"])
        layout.addLayout(line_buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self.lines_model.totalChanged.connect(self._lines_changed)
        self.date_edit.editingFinished.connect(lambda: self._leave("date"))
        self.amount_edit.editingFinished.connect(lambda: self._leave("amount"))
        self.date_edit.textChanged.connect(self._typed)
        self.amount_edit.textChanged.connect(self._typed)
        order = (
            self.date_edit,
            self.channel_combo,
            self.rep_combo,
            self.ref_edit,
            self.amount_edit,
            self.notes_edit,
            self.lines_table,
            self.add_line_button,
            self.remove_line_button,
            self.buttons,
        )
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def form_widgets(self) -> dict[str, QWidget]:
        return {field: editor for field, editor in self.editors.items() if field != "lines"}

    def extra_state(self) -> dict:
        return {"lines": [dict(row) for row in self.lines_model.rows]}

    def _add(self, form: QFormLayout, field: str, caption: str, editor: QWidget) -> None:
        editor.setObjectName(field)
        self.editors[field] = editor
        error = self.errors[field] = error_label(self, field)
        label = QLabel(caption, self)
        label.setBuddy(editor)
        form.addRow(label, field_cell(self, editor, error))

    # -- loading -------------------------------------------------------------------------
    def _load(self) -> None:
        order = self.current
        if order is None:
            self.date_edit.setText(format_date(self.today or dt.date.today()))
            self._select(
                self.rep_combo, self.orders.rep_of_contact(self.contact_id) if self.contact_id is not None else None
            )
            self._lines_changed()
            return
        self.date_edit.setText(format_date(order["date"]))
        self._select(self.channel_combo, order["channel"])
        self._select(self.rep_combo, order["rep_id"])
        self.ref_edit.setText(order["ref"] or "")
        self.notes_edit.setPlainText(order["notes"] or "")
        self.amount_edit.setText(_money_text(order["amount_cents"]))
        self.lines_model.load(order["lines"])
        self._lines_changed()

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    # -- lines ---------------------------------------------------------------------------
    def add_line(self) -> int:
        row = self.lines_model.add_line()
        index = self.lines_model.index(row, 0)
        self.lines_table.setCurrentIndex(index)
        self.lines_table.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def remove_line(self, row: int | None = None) -> None:
        row = row if row is not None else self.lines_table.currentIndex().row()
        self.lines_model.remove_line(row)

    def set_cell(self, row: int, column: str, value) -> bool:
        """Type into a cell of the lines (tests, scripts)."""
        return self.lines_model.setData(self.lines_model.index(row, LineEditModel.COLUMNS.index(column)), value)

    def _lines_changed(self) -> None:
        has_lines = self.lines_model.rowCount() > 0
        total = self.lines_model.total()
        self.amount_edit.setReadOnly(has_lines)
        self.amount_edit.setToolTip(self.tr("The sum of the lines") if has_lines else "")
        if has_lines:
            self.amount_edit.setText(_money_text(total))
            self.total_label.setText(self.tr("Total of the lines: %1").replace("%1", format_eur(total)))
        else:
            self.total_label.setText(self.tr("No line: type the amount"))
        self.remove_line_button.setEnabled(has_lines)
        if has_lines:
            self._touched.add("lines")
        self._recheck()

    # -- checking ------------------------------------------------------------------------
    def order(self) -> tuple[NewOrder | None, dict[str, str]]:
        """(the order as typed, problems: field -> French reason)."""
        problems: dict[str, str] = {}
        date = None
        try:
            date = parse_date(self.date_edit.text()).isoformat()
        except CrmError as exc:
            problems["date"] = str(exc)
        lines, bad_lines = self.lines_model.lines()
        if bad_lines:
            problems["lines"] = "; ".join(
                labels.named(self.tr("line %1").replace("%1", str(row + 1)), why) for row, why in bad_lines.items()
            )
        amount = None
        if self.lines_model.rowCount():
            amount = self.lines_model.total()
        elif not self.amount_edit.text().strip():
            problems["amount"] = "indiquez le montant"
        else:
            try:
                amount = parse_amount(self.amount_edit.text())
            except CrmError as exc:
                problems["amount"] = str(exc)
        if problems:
            if date is not None:  # say at once what is wrong with the date too
                why = check_order(NewOrder(self.contact_id, date, 1), self.today).get("date")
                if why:
                    problems["date"] = why
            return None, problems
        order = NewOrder(
            contact_id=self.contact_id,
            date=date,
            amount_cents=amount,
            channel=self.channel_combo.currentData() or "",
            rep_id=self.rep_combo.currentData(),
            ref=self.ref_edit.text().strip() or None,
            notes=self.notes_edit.toPlainText().strip() or None,
            lines=lines,
        )
        checked = check_order(order, self.today)
        for field, why in checked.items():
            key = "lines" if field.startswith("line") else field
            problems[key] = f"{problems[key]}; {why}" if key in problems else why
        return order, problems

    def show_problems(self, problems: dict[str, str], fields=None) -> None:
        for field, label in self.errors.items():
            reason = problems.get(field) if fields is None or field in fields else None
            show_reason(label, self.editors[field], reason)

    def _leave(self, field: str) -> None:
        self._touched.add(field)
        self._recheck()

    def _typed(self, *_args) -> None:
        if any(label.text() for label in self.errors.values()):
            self._recheck()

    def _recheck(self) -> None:
        _order, problems = self.order()
        self.show_problems(problems, self._touched)
        if self.summary.isVisible() and not problems:
            self.summary.hide()

    # -- saving --------------------------------------------------------------------------
    def submit(self) -> None:
        self._touched = set(self.errors)
        order, problems = self.order()
        if not problems:
            try:
                self.order_id = self._save(order)
            except ValidationError as exc:
                problems = {("lines" if f.startswith("line") else f): why for f, why in exc.problems.items()}
            except CrmError as exc:
                self._refuse(str(exc))
                return
        if problems:
            self.show_problems(problems)
            captions = {
                "date": self.tr("Date"),
                "amount": self.tr("Amount"),
                "channel": self.tr("Channel"),
                "lines": self.tr("Lines"),
            }
            ordered = sorted(problems, key=lambda f: list(self.errors).index(f) if f in self.errors else 99)
            self._refuse(
                self.tr("Cannot save: %1").replace(
                    "%1", "; ".join(labels.named(captions.get(f, f), problems[f]) for f in ordered)
                )
            )
            first = next((f for f in self.errors if f in problems), None)
            if first is not None:
                self.editors[first].setFocus()
            return
        self.result_order = order
        self.saved.emit(self.order_id)
        self.accept()

    def _refuse(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.show()
