"""Fidélité › Commerciaux et objectifs… : reps and ambassadors over a period.

For the period chosen (month, quarter, year, custom dates: the dashboard's
selector), each rep's portfolio (clients, prospects), revenue and orders — an
order counts for its own rep, else its client's, as on the dashboard —, the
objective set for that month, quarter or year and the share reached.
« Set the objective… » asks for a revenue and a number of orders (empty =
none); a custom period has no objective.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur, parse_amount
from crmdesk.domain.periods import Period, bounds
from crmdesk.gui.analysis.indicators.formats import percent
from crmdesk.gui.common import messages
from crmdesk.gui.common.field_errors import summary_label
from crmdesk.gui.common.labels import number
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.dashboard.period import PeriodSelector
from crmdesk.gui.session import Session
from crmdesk.store.reps import RepStore, period_key

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_REACHED = QColor("#d5f5e3")


def share(value: float | None) -> str:
    """0.627 → « 62,7 % »; None → « — »."""
    return percent(None if value is None else value * 100)


class RepsModel(ReadOnlyTableModel):
    def __init__(self, store: RepStore, period: Period, parent=None):
        super().__init__(parent)
        self._headers = (
            self.tr("Rep"),
            self.tr("Kind"),
            self.tr("Clients"),
            self.tr("Prospects"),
            self.tr("Revenue"),
            self.tr("Orders"),
            self.tr("Revenue objective"),
            self.tr("Reached"),
            self.tr("Orders objective"),
            self.tr("Reached"),
        )
        self.store = store
        self.period = period
        self.refresh()

    def refresh(self, period: Period | None = None) -> None:
        self.period = period or self.period
        super().refresh()

    def _fetch(self) -> list[dict]:
        return self.store.figures(self.period)

    def cell(self, row: dict, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            kind = self.tr("Ambassador") if row["kind"] == "ambassador" else self.tr("Sales rep")
            objective = row["objective_revenue_cents"]
            orders = row["objective_orders"]
            return (
                row["name"],
                kind,
                number(row["clients"]),
                number(row["prospects"]),
                format_eur(row["revenue_cents"]),
                number(row["orders"]),
                format_eur(objective) if objective is not None else "—",
                share(row["revenue_reached"]),
                number(orders) if orders is not None else "—",
                share(row["orders_reached"]),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and column in (7, 9):
            reached = row["revenue_reached" if column == 7 else "orders_reached"]
            return QBrush(_REACHED) if reached is not None and reached >= 1 else None
        return None


class ObjectiveDialog(QDialog):
    """A rep's objective for a period: `ObjectiveDialog.ask(parent, name, period, revenue, orders)`
    returns (revenue_cents | None, orders | None), or None when cancelled."""

    def __init__(
        self, name: str, label: str, revenue_cents: int | None, orders: int | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("ObjectiveDialog")
        self.setWindowTitle(self.tr("Objective of %1, %2").replace("%1", name).replace("%2", label))
        self.revenue_edit = QLineEdit(format_eur(revenue_cents) if revenue_cents is not None else "", self)
        self.revenue_edit.setObjectName("revenue")
        self.revenue_edit.setPlaceholderText(self.tr("e.g. 20 000,00"))
        self.orders_edit = QLineEdit(str(orders) if orders is not None else "", self)
        self.orders_edit.setObjectName("orders")
        self.problem = summary_label(self, "problem")
        form = QFormLayout()
        for caption, widget in ((self.tr("&Revenue (€):"), self.revenue_edit), (self.tr("&Orders:"), self.orders_edit)):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.result_values: tuple[int | None, int | None] | None = None

    def values(self) -> tuple[int | None, int | None]:
        """(revenue in cents, orders); CrmError in French when unreadable."""
        revenue = self.revenue_edit.text().strip()
        orders = self.orders_edit.text().strip()
        if orders and not orders.isdigit():
            raise CrmError(self.tr("orders: a whole number"))
        return (parse_amount(revenue) if revenue else None), (int(orders) if orders else None)

    def submit(self) -> bool:
        try:
            self.result_values = self.values()
        except CrmError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return False
        self.accept()
        return True

    @classmethod
    def ask(
        cls, parent: QWidget, name: str, label: str, revenue_cents: int | None, orders: int | None
    ) -> tuple[int | None, int | None] | None:
        dialog = cls(name, label, revenue_cents, orders, parent)
        return dialog.result_values if dialog.exec() == QDialog.DialogCode.Accepted else None


class RepsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RepsDialog")
        self.setWindowTitle(self.tr("Reps and objectives"))
        self.store = session.reps
        today = session.today()
        self.selector = PeriodSelector(today, self)
        self.selector.set_period(bounds("year", today))
        self.model = RepsModel(self.store, self.selector.period(), self)
        self.table = read_only_table(self, self.model, "reps")
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.objective_button = QPushButton(self.tr("Set the o&bjective…"), self)
        self.objective_button.setObjectName("setObjective")
        self.objective_button.setAutoDefault(False)
        self.objective_button.clicked.connect(lambda _checked=False: self.set_objective())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.selector.periodChanged.connect(self._period_changed)
        top = QHBoxLayout()
        top.addWidget(self.selector)
        top.addStretch(1)
        top.addWidget(self.objective_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(980, 420)
        self._update_buttons()

    def _period_changed(self, period: Period) -> None:
        keep = self.current_id()
        self.model.refresh(period)
        self._select(keep)
        self._update_buttons()

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _select(self, rep_id: int | None) -> None:
        row = self.model.row_of(rep_id) if rep_id is not None else None
        if row is not None:
            self.table.selectRow(row)

    def _update_buttons(self, *_args) -> None:
        self.objective_button.setEnabled(
            self.current_id() is not None and period_key(self.selector.period()) is not None
        )

    def set_objective(self) -> bool:
        rep_id = self.current_id()
        key = period_key(self.selector.period())
        if rep_id is None or key is None:
            return False
        row = self.model.rows[self.model.row_of(rep_id)]
        answer = ObjectiveDialog.ask(
            self, row["name"], self.selector.period().label, row["objective_revenue_cents"], row["objective_orders"]
        )
        if answer is None:
            return False
        try:
            self.store.set_objective(rep_id, key, *answer)
        except CrmError as exc:
            messages.error(self, self.tr("Set the objective"), str(exc))
            return False
        self.model.refresh()
        self._select(rep_id)
        return True
