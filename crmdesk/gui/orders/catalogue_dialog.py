"""« Products and categories… »: the catalogue, and the revenue share by category.

Three tabs: products (add, rename, change category or unit price,
deactivate), categories (add, rename, delete when unused) and the revenue
of all clients by category (table and bar chart). Changes are saved at
once, audited by the store; they are not on the undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur, parse_amount
from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.store.orders import OrderStore

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def percent(value: float) -> str:
    """« 42,3 % » (French decimal comma, no-break space)."""
    return labels.FRENCH.toString(float(value), "f", 1) + "\u00a0%"


class _ListModel(ReadOnlyTableModel):
    """Rows of dicts shown read-only through `columns` (key, header, formatter)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        # translated once: data() and columnCount() are called for every cell at each paint
        self._columns = self.columns()
        self._headers = [column[1] for column in self._columns]

    def columns(self) -> list[tuple]:
        raise NotImplementedError

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        key, _header, show, right = self._columns[index.column()]
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return show(row[key]) if show else ("" if row[key] is None else str(row[key]))
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return _RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return row.get("id")
        return None


class ProductTableModel(_ListModel):
    def columns(self):
        return [
            ("name", self.tr("Product"), None, False),
            ("category_name", self.tr("Category"), None, False),
            ("unit_price_cents", self.tr("Unit price"), format_eur, True),
            ("active", self.tr("Active"), lambda v: self.tr("yes") if v else self.tr("no"), False),
        ]


class CategoryTableModel(_ListModel):
    def columns(self):
        return [
            ("name", self.tr("Category"), None, False),
            ("products", self.tr("Products"), labels.number, True),
            ("lines", self.tr("Order lines"), labels.number, True),
        ]


class ShareTableModel(_ListModel):
    def columns(self):
        return [
            ("category", self.tr("Category"), None, False),
            ("revenue_cents", self.tr("Revenue"), format_eur, True),
            ("share", self.tr("Share"), percent, True),
        ]


def _table(parent: QWidget, model: QAbstractTableModel, name: str) -> QTableView:
    table = read_only_table(parent, model, name)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class CatalogueDialog(QDialog):
    catalogueChanged = Signal()

    def __init__(self, orders: OrderStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.orders = orders
        self.setObjectName("CatalogueDialog")
        self.setWindowTitle(self.tr("Products and categories"))
        self.setSizeGripEnabled(True)
        self.products_model = ProductTableModel(self)
        self.categories_model = CategoryTableModel(self)
        self.shares_model = ShareTableModel(self)
        self.chart = None
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._products_tab(), self.tr("&Products"))
        self.tabs.addTab(self._categories_tab(), self.tr("Ca&tegories"))
        self.tabs.addTab(self._shares_tab(), self.tr("&Revenue by category"))
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.refresh()
        self.resize(860, 540)

    # -- tabs ------------------------------------------------------------------------------
    def _products_tab(self) -> QWidget:
        page = QWidget(self)
        self.products_table = _table(page, self.products_model, "productsTable")
        self.products_table.selectionModel().currentRowChanged.connect(self._product_picked)
        form = QFormLayout()
        self.product_name = QLineEdit(page)
        self.product_name.setObjectName("productName")
        self.product_category = QComboBox(page)
        self.product_category.setObjectName("productCategory")
        self.product_price = QLineEdit(page)
        self.product_price.setObjectName("productPrice")
        self.product_price.setPlaceholderText(self.tr("e.g. 12,50"))
        self.product_price.setMaximumWidth(140)
        self.product_active = QCheckBox(self.tr("On sale (shown when typing an order)"), page)
        self.product_active.setChecked(True)
        for caption, editor in (
            (self.tr("&Name:"), self.product_name),
            (self.tr("Cate&gory:"), self.product_category),
            (self.tr("&Unit price:"), self.product_price),
        ):
            label = QLabel(caption, page)
            label.setBuddy(editor)
            form.addRow(label, editor)
        form.addRow("", self.product_active)
        self.add_product_button = QPushButton(self.tr("A&dd as a new product"), page)
        self.save_product_button = QPushButton(self.tr("&Save changes"), page)
        self.deactivate_button = QPushButton(self.tr("Deact&ivate"), page)
        self.add_product_button.clicked.connect(lambda _c=False: self.add_product())
        self.save_product_button.clicked.connect(lambda _c=False: self.save_product())
        self.deactivate_button.clicked.connect(lambda _c=False: self.deactivate_product())
        row = QHBoxLayout()
        for button in (self.add_product_button, self.save_product_button, self.deactivate_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.products_table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        return page

    def _categories_tab(self) -> QWidget:
        page = QWidget(self)
        self.categories_table = _table(page, self.categories_model, "categoriesTable")
        self.categories_table.selectionModel().currentRowChanged.connect(self._category_picked)
        self.category_name = QLineEdit(page)
        self.category_name.setObjectName("categoryName")
        label = QLabel(self.tr("Na&me:"), page)
        label.setBuddy(self.category_name)
        self.add_category_button = QPushButton(self.tr("&Add"), page)
        self.rename_category_button = QPushButton(self.tr("R&ename"), page)
        self.delete_category_button = QPushButton(self.tr("&Delete"), page)
        self.add_category_button.clicked.connect(lambda _c=False: self.add_category())
        self.rename_category_button.clicked.connect(lambda _c=False: self.rename_category())
        self.delete_category_button.clicked.connect(lambda _c=False: self.delete_category())
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.category_name, 1)
        for button in (self.add_category_button, self.rename_category_button, self.delete_category_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.categories_table, 1)
        layout.addLayout(row)
        return page

    def _shares_tab(self) -> QWidget:
        page = QWidget(self)
        self.shares_table = _table(page, self.shares_model, "sharesTable")
        note = QLabel(
            self.tr(
                "All clients, all orders. The value of each order line counts for its category "
                "(the product's when the line has none); orders without lines count "
                "under « Sans catégorie »."
            ),
            page,
        )
        note.setWordWrap(True)
        layout = QHBoxLayout(page)
        left = QVBoxLayout()
        left.addWidget(self.shares_table, 1)
        left.addWidget(note)
        layout.addLayout(left, 3)
        try:
            import pyqtgraph

            self.chart = pyqtgraph.PlotWidget(page, background="w")
            self.chart.setObjectName("sharesChart")
            self.chart.setMinimumWidth(260)
            self.chart.setLabel("bottom", self.tr("Share of revenue (%)"))
            self.chart.setMouseEnabled(x=False, y=False)
            self.chart.hideButtons()
            layout.addWidget(self.chart, 2)
        except ImportError:  # the chart is a bonus: the table says it all
            self.chart = None
        return page

    # -- showing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        keep_product = self._current(self.products_table, self.products_model)
        keep_category = self._current(self.categories_table, self.categories_model)
        self.products_model.set_rows(self.orders.products())
        categories = self.orders.categories()
        self.categories_model.set_rows(categories)
        current = self.product_category.currentData()
        self.product_category.clear()
        self.product_category.addItem("—", None)
        for category in categories:
            self.product_category.addItem(category["name"], category["id"])
        self.product_category.setCurrentIndex(max(self.product_category.findData(current), 0))
        shares = self.orders.category_shares(None)
        self.shares_model.set_rows(shares)
        self._draw(shares)
        self._reselect(self.products_table, self.products_model, keep_product)
        self._reselect(self.categories_table, self.categories_model, keep_category)

    def _draw(self, shares: list[dict]) -> None:
        if self.chart is None:
            return
        import pyqtgraph

        self.chart.clear()
        if not shares:
            return
        # horizontal bars, biggest on top: category names stay readable
        ys = list(range(len(shares), 0, -1))
        self.chart.addItem(
            pyqtgraph.BarGraphItem(x0=0, y=ys, height=0.6, width=[s["share"] for s in shares], brush="#5b8c5a")
        )
        axis = self.chart.getAxis("left")
        axis.setTicks([[(y, s["category"]) for y, s in zip(ys, shares)]])
        axis.setWidth(max(self.fontMetrics().horizontalAdvance(s["category"]) for s in shares) + 16)
        self.chart.setYRange(0.4, len(shares) + 0.6, padding=0)

    @staticmethod
    def _current(table: QTableView, model: _ListModel) -> int | None:
        index = table.currentIndex()
        return model.rows[index.row()]["id"] if index.isValid() and index.row() < len(model.rows) else None

    @staticmethod
    def _reselect(table: QTableView, model: _ListModel, row_id: int | None) -> None:
        row = next((i for i, r in enumerate(model.rows) if r["id"] == row_id), None)
        if row is not None:
            table.selectRow(row)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #a93226; font-weight: bold;" if error else "color: #1e6b34;")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _changed(self, text: str) -> None:
        self.refresh()
        self._say(text)
        self.catalogueChanged.emit()

    # -- products --------------------------------------------------------------------------
    def _product_picked(self, *_args) -> None:
        product_id = self._current(self.products_table, self.products_model)
        row = next((r for r in self.products_model.rows if r["id"] == product_id), None)
        if row is None:
            return
        self.product_name.setText(row["name"])
        self.product_category.setCurrentIndex(max(self.product_category.findData(row["category_id"]), 0))
        cents = row["unit_price_cents"]
        self.product_price.setText("" if cents is None else f"{cents // 100},{cents % 100:02d}")
        self.product_active.setChecked(bool(row["active"]))

    def _product_values(self) -> tuple[str, int | None, int | None]:
        text = self.product_price.text().strip()
        price = parse_amount(text) if text else None
        return self.product_name.text(), self.product_category.currentData(), price

    def add_product(self) -> int | None:
        try:
            name, category, price = self._product_values()
            product_id = self.orders.create_product(name, category, price)
        except CrmError as exc:
            self._say(str(exc), error=True)
            return None
        self._changed(self.tr("Product added."))
        self._reselect(self.products_table, self.products_model, product_id)
        return product_id

    def save_product(self) -> bool:
        product_id = self._current(self.products_table, self.products_model)
        if product_id is None:
            self._say(self.tr("Pick a product in the list first."), error=True)
            return False
        try:
            name, category, price = self._product_values()
            self.orders.update_product(
                product_id,
                name=name,
                category_id=category,
                unit_price_cents=price,
                active=self.product_active.isChecked(),
            )
        except CrmError as exc:
            self._say(str(exc), error=True)
            return False
        self._changed(self.tr("Product saved."))
        return True

    def deactivate_product(self) -> bool:
        product_id = self._current(self.products_table, self.products_model)
        if product_id is None:
            return False
        try:
            self.orders.deactivate_product(product_id)
        except CrmError as exc:
            self._say(str(exc), error=True)
            return False
        self._changed(self.tr("Product deactivated: past orders keep it, new orders no longer offer it."))
        return True

    # -- categories ------------------------------------------------------------------------
    def _category_picked(self, *_args) -> None:
        category_id = self._current(self.categories_table, self.categories_model)
        row = next((r for r in self.categories_model.rows if r["id"] == category_id), None)
        if row is not None:
            self.category_name.setText(row["name"])

    def add_category(self) -> int | None:
        try:
            category_id = self.orders.create_category(self.category_name.text())
        except CrmError as exc:
            self._say(str(exc), error=True)
            return None
        self._changed(self.tr("Category added."))
        self._reselect(self.categories_table, self.categories_model, category_id)
        return category_id

    def rename_category(self) -> bool:
        category_id = self._current(self.categories_table, self.categories_model)
        if category_id is None:
            self._say(self.tr("Pick a category in the list first."), error=True)
            return False
        try:
            self.orders.rename_category(category_id, self.category_name.text())
        except CrmError as exc:
            self._say(str(exc), error=True)
            return False
        self._changed(self.tr("Category renamed."))
        return True

    def delete_category(self) -> bool:
        category_id = self._current(self.categories_table, self.categories_model)
        if category_id is None:
            self._say(self.tr("Pick a category in the list first."), error=True)
            return False
        try:
            self.orders.delete_category(category_id)
        except CrmError as exc:
            self._say(str(exc), error=True)
            return False
        self._changed(self.tr("Category deleted."))
        return True
