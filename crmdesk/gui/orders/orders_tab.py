"""The « Orders » tab of the client sheet: the client's figures, orders and lines.

Changes go through the undoable actions the sheet gives (commands.py: AddOrder,
EditOrder, DeleteOrder on the session's undo stack); the tab emits
`ordersChanged(contact_id)` after a change it made.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur
from crmdesk.gui.common import labels, messages
from crmdesk.gui.common.actions import keep_dialog
from crmdesk.gui.common.table_model import ReadOnlyTableModel
from crmdesk.gui.orders.commands import UndoableOrderActions
from crmdesk.gui.orders.texts import channel_labels, line_headers, quantity_text
from crmdesk.store.orders import NewOrder, OrderStore

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class OrderTableModel(ReadOnlyTableModel):
    """A client's orders, newest first: date, ref., channel, amount, number of lines."""

    COLUMNS = ("date", "ref", "channel", "amount", "lines")

    def __init__(self, orders: OrderStore, contact_id: int, parent=None):
        super().__init__(parent)
        self.orders = orders
        self.contact_id = contact_id
        self.rows: list[dict] = []
        self._headers = (self.tr("Date"), self.tr("Ref."), self.tr("Channel"), self.tr("Amount"), self.tr("Lines"))
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self.orders.orders_of(self.contact_id)
        self.endResetModel()

    order_id = ReadOnlyTableModel.id_at

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "date":
                return format_date(row["date"])
            if key == "ref":
                return row["ref"] or ""
            if key == "channel":
                return channel_labels().get(row["channel"], row["channel"])
            if key == "amount":
                return format_eur(row["amount_cents"])
            return labels.number(row["line_count"])
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("amount", "lines"):
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and row.get("notes"):
            return row["notes"]
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None


class LineTableModel(ReadOnlyTableModel):
    """The lines of one order (read-only): product, category, quantity, unit price, discount, total."""

    COLUMNS = ("product", "category", "quantity", "unit_price", "discount", "total")

    def __init__(self, orders: OrderStore, parent=None):
        super().__init__(parent)
        self.orders = orders
        self.rows: list[dict] = []
        self._headers = line_headers()

    def set_order(self, order_id: int | None) -> None:
        self.beginResetModel()
        self.rows = self.orders.lines_of(order_id) if order_id is not None else []
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "product":
                return row["product_name"] or row["label"] or ""
            if key == "category":
                return row["category_name"] or ""
            if key == "quantity":
                return quantity_text(row["quantity"])
            if key == "unit_price":
                return format_eur(row["unit_price_cents"])
            if key == "discount":
                return format_eur(row["discount_cents"]) if row["discount_cents"] else ""
            return format_eur(round(row["quantity"] * row["unit_price_cents"]) - row["discount_cents"])
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("product", "category"):
            return _RIGHT
        return None


class OrdersTab(QWidget):
    ordersChanged = Signal(int)  # contact id
    orderDialogOpened = Signal(object)  # the OrderDialog, for whoever drives it (tests)

    def __init__(
        self,
        orders: OrderStore,
        contact_id: int,
        actions: UndoableOrderActions,
        parent: QWidget | None = None,
        today=None,
    ):
        super().__init__(parent)
        self.setObjectName("OrdersTab")
        self.orders = orders
        self.contact_id = contact_id
        self.actions = actions
        self.today = today
        self.order_dialog = None
        self.model = OrderTableModel(orders, contact_id, self)
        self.lines_model = LineTableModel(orders, self)
        self._build()
        self.refresh()

    def _build(self) -> None:
        figures = QGridLayout()
        self.figures: dict[str, QLabel] = {}
        captions = (
            ("this_year", self.tr("Revenue this year:")),
            ("last_year", self.tr("Revenue last year:")),
            ("count", self.tr("Orders:")),
            ("average", self.tr("Average basket:")),
            ("last_date", self.tr("Last order:")),
        )
        for number, (key, caption) in enumerate(captions):
            value = QLabel(self)
            value.setObjectName(f"figure_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setStyleSheet("font-weight: bold;")
            self.figures[key] = value
            figures.addWidget(QLabel(caption, self), number // 3, 2 * (number % 3))
            figures.addWidget(value, number // 3, 2 * (number % 3) + 1)
        figures.setColumnStretch(5, 1)

        self.table = QTableView(self)
        self.table.setObjectName("ordersTable")
        self.table.setModel(self.model)
        self._table_look(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _index: self.edit_order())
        self.model.modelReset.connect(self._update_buttons)

        self.lines = QTableView(self)
        self.lines.setObjectName("linesTable")
        self.lines.setModel(self.lines_model)
        self._table_look(self.lines)
        lines_caption = QLabel(self.tr("Lines of the selected order:"), self)

        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.add_button.setObjectName("addOrder")
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setObjectName("editOrder")
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.setObjectName("deleteOrder")
        self.add_button.clicked.connect(lambda _checked=False: self.add_order())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_order())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_order())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 3)
        layout.addWidget(lines_caption)
        layout.addWidget(self.lines, 2)

    @staticmethod
    def _table_look(table: QTableView) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    # -- showing -----------------------------------------------------------------------
    def refresh(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.current_order_id()
        self.model.refresh()
        figures = self.orders.summary(self.contact_id, self.today)
        self.figures["this_year"].setText(format_eur(figures["this_year_cents"]))
        self.figures["last_year"].setText(format_eur(figures["last_year_cents"]))
        self.figures["count"].setText(labels.number(figures["count"]))
        self.figures["average"].setText(format_eur(figures["average_cents"]) or "—")
        self.figures["last_date"].setText(format_date(figures["last_date"]) or "—")
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._current_changed()
        self._update_buttons()

    def current_order_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.order_id(index.row())

    def select_order(self, order_id: int) -> bool:
        row = self.model.row_of(order_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _current_changed(self, *_args) -> None:
        self.lines_model.set_order(self.current_order_id())
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        selected = self.current_order_id() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    # -- changing ----------------------------------------------------------------------
    def add_order(self):
        return self._open_dialog(None)

    def edit_order(self, order_id: int | None = None):
        order_id = order_id if order_id is not None else self.current_order_id()
        if order_id is None:
            return None
        return self._open_dialog(order_id)

    def _open_dialog(self, order_id: int | None):
        from crmdesk.gui.orders.order_dialog import OrderDialog

        def save(order: NewOrder) -> int:
            saved = self.actions.add(order) if order_id is None else self.actions.edit(order_id, order)
            self.refresh(saved)
            self.ordersChanged.emit(self.contact_id)
            return saved

        dialog = OrderDialog(self.orders, self.contact_id, order_id, self, save=save, today=self.today)
        keep_dialog(self, "order_dialog", dialog)
        dialog.open()
        self.orderDialogOpened.emit(dialog)
        return dialog

    def confirm_delete(self, row: dict) -> bool:
        """Ask before deleting (tests patch QMessageBox.question)."""
        text = (
            self.tr("Delete the order of %1 (%2)?")
            .replace("%1", format_date(row["date"]))
            .replace("%2", format_eur(row["amount_cents"]))
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete an order"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_order(self, order_id: int | None = None) -> bool:
        order_id = order_id if order_id is not None else self.current_order_id()
        row = self.orders.get(order_id) if order_id is not None else None
        if row is None or not self.confirm_delete(row):
            return False
        try:
            self.actions.delete(order_id)
        except CrmError as exc:
            messages.error(self, self.tr("Delete an order"), str(exc))
            return False
        self.refresh()
        self.ordersChanged.emit(self.contact_id)
        return True
