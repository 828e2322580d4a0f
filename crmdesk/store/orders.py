"""Orders and their lines, with the look-up tables they point to.

Products, categories and reps are found by name, accent- and case-blind
(« Épicerie » = « epicerie »), and created when missing: that is what an
import or a quick entry needs. Money is in integer cents, dates ISO.

Bulk writes (`insert_many`) run inside the caller's transaction and give
ids explicitly (max + 1): the writer lock guarantees nobody else writes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import fold
from crmdesk.store.contacts import prepare_bulk
from crmdesk.store.database import Database, now_iso

# Sales channels of an order (db/001 CHECK) with their French labels.
CHANNELS = {
    "": "",
    "shop": "Boutique",
    "web": "Site web",
    "phone": "Téléphone",
    "home_party": "Réunion à domicile",
    "fair": "Salon / foire",
    "opening": "Ouverture",
}

# Last name of a contact created only from an order's client code.
PLACEHOLDER_NAME = "À COMPLÉTER"


@dataclass
class NewLine:
    quantity: float
    unit_price_cents: int
    discount_cents: int = 0
    label: str | None = None
    product_id: int | None = None
    category_id: int | None = None


@dataclass
class NewOrder:
    contact_id: int
    date: str                      # ISO yyyy-mm-dd
    amount_cents: int
    channel: str = ""
    rep_id: int | None = None
    ref: str | None = None
    notes: str | None = None
    lines: list[NewLine] = field(default_factory=list)


def line_for_amount(amount_cents: int, quantity: float | None, unit_price_cents: int | None) -> NewLine:
    """The line of a row giving its amount (and maybe quantity and unit price).

    amount = quantity × unit price − discount: a unit price giving more than
    the amount means a discount; an amount above quantity × unit price is an
    error. Without a unit price, it is the amount divided by the quantity,
    rounded up to the cent (the rounding goes into the discount).
    """
    qty = 1.0 if quantity is None else float(quantity)
    if qty <= 0:
        raise CrmError("la quantité doit être positive")
    if unit_price_cents is None:
        unit_price_cents = math.ceil(amount_cents / qty) if amount_cents >= 0 else round(amount_cents / qty)
    gross = round(qty * unit_price_cents)
    discount = gross - amount_cents
    if discount < 0:
        raise CrmError("le montant dépasse quantité × prix unitaire")
    return NewLine(quantity=qty, unit_price_cents=unit_price_cents, discount_cents=discount)


class OrderStore:
    def __init__(self, database: Database):
        self.database = database
        self._reps: dict[str, int] | None = None
        self._categories: dict[str, int] | None = None
        self._products: dict[str, tuple[int, int | None]] | None = None

    @property
    def conn(self):
        return self.database.conn

    # -- look-up tables -----------------------------------------------------------
    def rep_id(self, name: str | None, *, create: bool = True, kind: str = "rep") -> int | None:
        """Id of the rep called `name` (accent/case-blind); created if missing."""
        name = " ".join((name or "").split())
        if not name:
            return None
        if self._reps is None:
            self._reps = {fold(r["name"]): r["id"] for r in self.conn.execute("SELECT id, name FROM reps")}
        key = fold(name)
        if key not in self._reps:
            if not create:
                return None
            code = self._next_rep_code()
            cursor = self.conn.execute("INSERT INTO reps(code, name, kind) VALUES (?, ?, ?)", (code, name, kind))
            self._reps[key] = int(cursor.lastrowid)
            self.database.audit("rep", self._reps[key], "create", {"name": [None, name], "code": [None, code]})
        return self._reps[key]

    def _next_rep_code(self) -> str:
        numbers = [int(r[0][1:]) for r in self.conn.execute("SELECT code FROM reps WHERE code GLOB 'R[0-9]*'")
                   if r[0][1:].isdigit()]
        number = max(numbers, default=0) + 1
        while self.database.scalar("SELECT 1 FROM reps WHERE code = ?", (f"R{number:03d}",)):
            number += 1
        return f"R{number:03d}"

    def category_id(self, name: str | None, *, create: bool = True) -> int | None:
        name = " ".join((name or "").split())
        if not name:
            return None
        if self._categories is None:
            self._categories = {fold(r["name"]): r["id"]
                                for r in self.conn.execute("SELECT id, name FROM categories")}
        key = fold(name)
        if key not in self._categories:
            if not create:
                return None
            cursor = self.conn.execute("INSERT INTO categories(name) VALUES (?)", (name,))
            self._categories[key] = int(cursor.lastrowid)
        return self._categories[key]

    def product(self, name: str | None, category_id: int | None = None, *,
                create: bool = True) -> tuple[int | None, int | None]:
        """(product id, its category id) for a product name; created if missing
        (with `category_id`). A product without category gets `category_id`."""
        name = " ".join((name or "").split())
        if not name:
            return None, category_id
        if self._products is None:
            self._products = {fold(r["name"]): (r["id"], r["category_id"])
                              for r in self.conn.execute("SELECT id, name, category_id FROM products")}
        key = fold(name)
        if key not in self._products:
            if not create:
                return None, category_id
            cursor = self.conn.execute("INSERT INTO products(name, category_id) VALUES (?, ?)", (name, category_id))
            self._products[key] = (int(cursor.lastrowid), category_id)
        product_id, own_category = self._products[key]
        if own_category is None and category_id is not None:
            self.conn.execute("UPDATE products SET category_id = ? WHERE id = ?", (category_id, product_id))
            self._products[key] = (product_id, category_id)
            own_category = category_id
        return product_id, own_category

    # -- contacts seen from orders ---------------------------------------------------
    def contact_of_code(self, code: str) -> tuple[int, str] | None:
        """(id, stage) of the contact with this N° client (trash included)."""
        row = self.conn.execute("SELECT id, stage FROM contacts WHERE code = ?", (code,)).fetchone()
        return (row[0], row[1]) if row else None

    def placeholder_contact(self, code: str, note: str) -> int:
        """A minimal client with only its code, to complete later (import of
        orders for clients the file does not know yet)."""
        contact_id = int(self.database.scalar("SELECT ifnull(max(id), 0) + 1 FROM contacts"))
        clean = {"id": contact_id, "code": code, "kind": "person", "stage": "client",
                 "last_name": PLACEHOLDER_NAME, "notes": note}
        columns, values = next(iter(prepare_bulk([clean])))
        self.database.insert_many("contacts", columns, [values])
        self.database.audit("contact", contact_id, "create", {"code": [None, code], "notes": [None, note]})
        return contact_id

    def promote_to_client(self, contact_ids: Iterable[int]) -> int:
        """Prospects who ordered become clients (audited); returns how many changed."""
        ids = sorted(set(contact_ids))
        changed = 0
        now = now_iso()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            prospects = [r[0] for r in self.conn.execute(
                f"SELECT id FROM contacts WHERE stage = 'prospect' AND id IN ({marks})", chunk)]
            for contact_id in prospects:
                self.conn.execute("UPDATE contacts SET stage = 'client', updated_at = ? WHERE id = ?",
                                  (now, contact_id))
                self.database.audit("contact", contact_id, "update", {"stage": ["prospect", "client"]})
            changed += len(prospects)
        return changed

    # -- orders ---------------------------------------------------------------------
    def existing_refs(self, refs: Sequence[str]) -> set[str]:
        found: set[str] = set()
        refs = list(refs)
        for start in range(0, len(refs), 500):
            chunk = refs[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(r[0] for r in self.conn.execute(f"SELECT ref FROM orders WHERE ref IN ({marks})", chunk))
        return found

    def insert_many(self, orders: Sequence[NewOrder], *, import_batch: int | None = None) -> list[int]:
        """Insert orders and their lines (the caller holds the transaction)."""
        if not orders:
            return []
        next_id = int(self.database.scalar("SELECT ifnull(max(id), 0) + 1 FROM orders"))
        now = now_iso()
        order_rows, line_rows, ids = [], [], []
        for offset, order in enumerate(orders):
            if order.channel not in CHANNELS:
                raise CrmError(f"canal de vente inconnu « {order.channel} »")
            order_id = next_id + offset
            ids.append(order_id)
            order_rows.append((order_id, order.contact_id, order.ref or None, order.date, order.amount_cents,
                               order.channel, order.rep_id, order.notes, import_batch, now))
            for line in order.lines:
                line_rows.append((order_id, line.product_id, line.label, line.category_id, line.quantity,
                                  line.unit_price_cents, line.discount_cents))
        self.database.insert_many(
            "orders", ("id", "contact_id", "ref", "date", "amount_cents", "channel", "rep_id", "notes",
                       "import_batch", "created_at"), order_rows)
        self.database.insert_many(
            "order_lines", ("order_id", "product_id", "label", "category_id", "quantity", "unit_price_cents",
                            "discount_cents"), line_rows)
        return ids

    def create(self, order: NewOrder) -> int:
        """One order typed by the user: checked, written, audited; the
        contact becomes a client if it was a prospect."""
        try:
            dt.date.fromisoformat(order.date)
        except (TypeError, ValueError):
            raise CrmError(f"date de commande invalide « {order.date} »") from None
        if self.database.scalar("SELECT 1 FROM contacts WHERE id = ?", (order.contact_id,)) is None:
            raise CrmError("Ce contact n'existe plus.")
        with self.database.atomic():
            if order.ref and self.existing_refs([order.ref]):
                raise CrmError(f"La commande « {order.ref} » existe déjà.")
            (order_id,) = self.insert_many([order])
            self.promote_to_client([order.contact_id])
            self.database.audit("order", order_id, "create", {
                "contact_id": [None, order.contact_id], "date": [None, order.date],
                "amount_cents": [None, order.amount_cents], "ref": [None, order.ref]})
        return order_id

    def orders_of(self, contact_id: int) -> list[dict]:
        rows = self.conn.execute(
            "SELECT o.*, (SELECT name FROM reps WHERE reps.id = o.rep_id) AS rep_name FROM orders o "
            "WHERE contact_id = ? ORDER BY date DESC, id DESC", (contact_id,))
        return [dict(r) for r in rows]

    def lines_of(self, order_id: int) -> list[dict]:
        rows = self.conn.execute(
            "SELECT l.*, p.name AS product_name, c.name AS category_name FROM order_lines l "
            "LEFT JOIN products p ON p.id = l.product_id LEFT JOIN categories c ON c.id = l.category_id "
            "WHERE l.order_id = ? ORDER BY l.id", (order_id,))
        return [dict(r) for r in rows]

