"""Undoable changes to orders (AddOrder, EditOrder, DeleteOrder) and the actions that push them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur
from crmdesk.gui.common.commands import Failed, StoreCommand
from crmdesk.store.orders import NewOrder, OrderStore

Changed = Callable[[int], None]  # contact id


class OrderCommand(StoreCommand):
    """One order's change; `changed(contact_id)` after each step."""

    def __init__(self, orders: OrderStore, contact_id: int, text: str, changed: Changed, failed: Failed | None = None):
        super().__init__(text, changed, failed)
        self.orders = orders
        self.contact_id = contact_id

    def _subject(self) -> int:
        return self.contact_id


class AddOrder(OrderCommand):
    def __init__(self, orders, order: NewOrder, text, changed, failed=None):
        super().__init__(orders, order.contact_id, text, changed, failed)
        self.order = order
        self.order_id: int | None = None

    def _do(self):
        if self.order_id is None:
            self.order_id = self.orders.create(self.order)
        else:
            self.orders.reinsert(self.order_id, self.order)

    def _undo(self):
        self.order = self.orders.delete(self.order_id)


class EditOrder(OrderCommand):
    def __init__(self, orders, order_id: int, order: NewOrder, text, changed, failed=None):
        super().__init__(orders, order.contact_id, text, changed, failed)
        self.order_id = order_id
        self.order = order
        self.before: NewOrder | None = None

    def _do(self):
        self.before = self.orders.update(self.order_id, self.order)

    def _undo(self):
        self.orders.update(self.order_id, self.before)


class DeleteOrder(OrderCommand):
    def __init__(self, orders, order_id: int, contact_id: int, text, changed, failed=None):
        super().__init__(orders, contact_id, text, changed, failed)
        self.order_id = order_id
        self.before: NewOrder | None = None

    def _do(self):
        self.before = self.orders.delete(self.order_id)

    def _undo(self):
        self.orders.reinsert(self.order_id, self.before)


class UndoableOrderActions:
    """Each change is a command on `stack`; `changed(contact_id)` after every step."""

    def __init__(self, orders: OrderStore, stack, changed: Changed, failed: Failed | None = None):
        self.orders = orders
        self.stack = stack
        self.changed = changed
        self.failed = failed

    def add(self, order: NewOrder) -> int:
        text = QCoreApplication.translate("OrdersTab", "New order of %1").replace("%1", format_eur(order.amount_cents))
        command = AddOrder(self.orders, order, text, self.changed, self.failed).perform()
        self.stack.push(command)
        return command.order_id

    def edit(self, order_id: int, order: NewOrder) -> int:
        text = QCoreApplication.translate("OrdersTab", "Edit order of %1").replace("%1", format_date(order.date))
        command = EditOrder(self.orders, order_id, order, text, self.changed, self.failed).perform()
        self.stack.push(command)
        return order_id

    def delete(self, order_id: int) -> None:
        row = self.orders.get(order_id)
        if row is None:
            raise CrmError("Cette commande n'existe plus.")
        text = QCoreApplication.translate("OrdersTab", "Delete order of %1").replace("%1", format_date(row["date"]))
        command = DeleteOrder(self.orders, order_id, row["contact_id"], text, self.changed, self.failed).perform()
        self.stack.push(command)
