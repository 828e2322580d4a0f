"""Orders and their lines, with the look-up tables they point to.

Products, categories and reps are found by name, accent- and case-blind
(« Épicerie » = « epicerie »), and created when missing: that is what an
import or a quick entry needs. Money is in integer cents, dates ISO.

Bulk writes (`insert_many`) run inside the caller's transaction and give
ids explicitly (max + 1): the writer lock guarantees nobody else writes.

Orders typed by the user (`create`, `update`) are checked by `check_order`:
amount > 0 with two decimals at most (cents are integers), date neither in
the future nor before 1900, every line with a quantity > 0, a unit price
>= 0 and a discount between 0 and the line's gross value. When an order has
lines, its amount must be the sum of the lines (quantity × unit price −
discount): the order dialog computes it from the lines, the store refuses
an order whose lines do not add up. Bulk imports are not checked here (the
importer has its own rules).

Revenue by category (`category_shares`) counts the lines' values; an order
without lines, and a line without category (its own or its product's),
counts under « Sans catégorie ».
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _
from crmdesk.store import analytics, dashboard
from crmdesk.store.contacts import prepare_bulk
from crmdesk.store.database import Database, chunks, new_ids, now_iso
from crmdesk.store.figures_base import NO_CATEGORY

# Sales channels of an order (db/001 CHECK) with their labels (N_: shown through _).
CHANNELS = {
    "": "",
    "shop": N_("Boutique"),
    "web": N_("Site web"),
    "phone": N_("Téléphone"),
    "home_party": N_("Réunion à domicile"),
    "fair": N_("Salon / foire"),
    "opening": N_("Ouverture"),
}

# Where the revenue of orders without lines (or lines without category) goes.
EARLIEST_DATE = dt.date(1900, 1, 1)

# Up to this many clients touched by an import, their figures are refreshed one by one.
_ONE_BY_ONE = 2000

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
    lot: str | None = None  # the lot (batch) number sold, for a product recall


def clean_lot(text: str | None) -> str | None:
    """A lot number as kept: single spaces, none around; None when empty."""
    return " ".join((text or "").split()) or None


@dataclass
class NewOrder:
    contact_id: int
    date: str  # ISO yyyy-mm-dd
    amount_cents: int
    channel: str = ""
    rep_id: int | None = None
    ref: str | None = None
    notes: str | None = None
    lines: list[NewLine] = field(default_factory=list)


def line_value(line: NewLine) -> int:
    """What a line is worth, in cents: quantity × unit price − discount."""
    return round(line.quantity * line.unit_price_cents) - line.discount_cents


def lines_total(lines: Sequence[NewLine]) -> int:
    return sum(line_value(line) for line in lines)


def check_order(order: NewOrder, today: dt.date | None = None) -> dict[str, str]:
    """Problems of an order typed by the user: field -> French reason.

    Fields: date, amount, channel, lines, and line<N> (N from 1) for a line.
    """
    today = today or dt.date.today()
    problems: dict[str, str] = {}
    try:
        day = dt.date.fromisoformat(order.date)
    except (TypeError, ValueError):
        problems["date"] = _("date de commande invalide « {date} »", date=order.date)
    else:
        if day > today:
            problems["date"] = _("la date de commande ne peut pas être dans le futur")
        elif day < EARLIEST_DATE:
            problems["date"] = _("la date de commande ne peut pas être avant 1900")
    if not isinstance(order.amount_cents, int) or isinstance(order.amount_cents, bool):
        problems["amount"] = _("montant : deux décimales au plus")
    elif order.amount_cents <= 0:
        problems["amount"] = _("le montant doit être supérieur à zéro")
    if order.channel not in CHANNELS:
        problems["channel"] = _("canal de vente inconnu « {channel} »", channel=order.channel)
    for number, line in enumerate(order.lines, start=1):
        reason = None
        if not (line.quantity > 0):
            reason = _("la quantité doit être supérieure à zéro")
        elif line.unit_price_cents < 0:
            reason = _("le prix unitaire ne peut pas être négatif")
        elif line.discount_cents < 0:
            reason = _("la remise ne peut pas être négative")
        elif line_value(line) < 0:
            reason = _("la remise dépasse quantité × prix unitaire")
        elif not (line.label or "").strip() and line.product_id is None:
            reason = _("indiquez un produit ou un libellé")
        if reason:
            problems[f"line{number}"] = _("ligne {number} : {reason}", number=number, reason=reason)
    if order.lines and "amount" not in problems and not any(k.startswith("line") for k in problems):
        total = lines_total(order.lines)
        if total != order.amount_cents:
            problems["lines"] = _(
                "les lignes totalisent {total}, le montant de la commande est {amount}",
                total=_euros(total),
                amount=_euros(order.amount_cents),
            )
    return problems


def _euros(cents: int) -> str:
    from crmdesk.domain.money import format_eur

    return format_eur(cents)


def line_for_amount(amount_cents: int, quantity: float | None, unit_price_cents: int | None) -> NewLine:
    """The line of a row giving its amount (and maybe quantity and unit price).

    amount = quantity × unit price − discount: a unit price giving more than
    the amount means a discount; an amount above quantity × unit price is an
    error. Without a unit price, it is the amount divided by the quantity,
    rounded up to the cent (the rounding goes into the discount).
    """
    qty = 1.0 if quantity is None else float(quantity)
    if qty <= 0:
        raise CrmError(N_("la quantité doit être positive"))
    if unit_price_cents is None:
        unit_price_cents = math.ceil(amount_cents / qty) if amount_cents >= 0 else round(amount_cents / qty)
    gross = round(qty * unit_price_cents)
    discount = gross - amount_cents
    if discount < 0:
        raise CrmError(N_("le montant dépasse quantité × prix unitaire"))
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
        numbers = [
            int(r[0][1:])
            for r in self.conn.execute("SELECT code FROM reps WHERE code GLOB 'R[0-9]*'")
            if r[0][1:].isdigit()
        ]
        number = max(numbers, default=0) + 1
        while self.database.scalar("SELECT 1 FROM reps WHERE code = ?", (f"R{number:03d}",)):
            number += 1
        return f"R{number:03d}"

    def category_id(self, name: str | None, *, create: bool = True) -> int | None:
        name = " ".join((name or "").split())
        if not name:
            return None
        if self._categories is None:
            self._categories = {fold(r["name"]): r["id"] for r in self.conn.execute("SELECT id, name FROM categories")}
        key = fold(name)
        if key not in self._categories:
            if not create:
                return None
            cursor = self.conn.execute("INSERT INTO categories(name) VALUES (?)", (name,))
            self._categories[key] = int(cursor.lastrowid)
        return self._categories[key]

    def product(
        self, name: str | None, category_id: int | None = None, *, create: bool = True
    ) -> tuple[int | None, int | None]:
        """(product id, its category id) for a product name; created if missing
        (with `category_id`). A product without category gets `category_id`."""
        name = " ".join((name or "").split())
        if not name:
            return None, category_id
        if self._products is None:
            self._products = {
                fold(r["name"]): (r["id"], r["category_id"])
                for r in self.conn.execute("SELECT id, name, category_id FROM products")
            }
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

    def reps(self) -> list[dict]:
        return [dict(r) for r in self.conn.execute("SELECT id, name, active FROM reps ORDER BY name")]

    def rep_of_contact(self, contact_id: int) -> int | None:
        return self.database.scalar("SELECT rep_id FROM contacts WHERE id = ?", (contact_id,))

    def product_by_code_or_name(self, text: str) -> list[int]:
        """Products whose code is `text`, else whose name is it (accent- and case-blind)."""
        by_code = self.database.scalar("SELECT id FROM products WHERE code = ?", (text.strip(),))
        if by_code is not None:
            return [by_code]
        wanted = fold(text)
        return [r["id"] for r in self.conn.execute("SELECT id, name FROM products") if fold(r["name"]) == wanted]

    # -- contacts seen from orders ---------------------------------------------------
    def contact_of_code(self, code: str) -> tuple[int, str] | None:
        """(id, stage) of the contact with this N° client (trash included)."""
        row = self.conn.execute("SELECT id, stage FROM contacts WHERE code = ?", (code,)).fetchone()
        return (row[0], row[1]) if row else None

    def placeholder_contact(self, code: str, note: str) -> int:
        """A minimal client with only its code, to complete later (import of
        orders for clients the file does not know yet)."""
        (contact_id,) = new_ids(self.database, "contacts", 1)
        clean = {
            "id": contact_id,
            "code": code,
            "kind": "person",
            "stage": "client",
            "last_name": PLACEHOLDER_NAME,
            "notes": note,
        }
        columns, values = next(iter(prepare_bulk([clean])))
        self.database.insert_many("contacts", columns, [values])
        self.database.audit("contact", contact_id, "create", {"code": [None, code], "notes": [None, note]})
        return contact_id

    def promote_to_client(self, contact_ids: Iterable[int]) -> int:
        """Prospects who ordered become clients (audited); returns how many changed."""
        ids = sorted(set(contact_ids))
        changed = 0
        now = now_iso()
        for chunk, marks in chunks(ids):
            prospects = [
                r[0]
                for r in self.conn.execute(
                    f"SELECT id FROM contacts WHERE stage = 'prospect' AND id IN ({marks})", chunk
                )
            ]
            for contact_id in prospects:
                self.conn.execute(
                    "UPDATE contacts SET stage = 'client', updated_at = ? WHERE id = ?", (now, contact_id)
                )
                self.database.audit("contact", contact_id, "update", {"stage": ["prospect", "client"]})
            changed += len(prospects)
        return changed

    # -- orders ---------------------------------------------------------------------
    def existing_refs(self, refs: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk, marks in chunks(list(refs)):
            found.update(r[0] for r in self.conn.execute(f"SELECT ref FROM orders WHERE ref IN ({marks})", chunk))
        return found

    def insert_many(
        self, orders: Sequence[NewOrder], *, import_batch: int | None = None, set_based: bool = True
    ) -> list[int]:
        """Insert orders and their lines (the caller holds the transaction).
        set_based: the dashboard's aggregates in one pass (dashboard.bulk_orders);
        False lets its triggers count each order — cheaper for one order (the
        drop and re-creation of the triggers cost ~1 ms, five times the insert)."""
        if not orders:
            return []
        for order in orders:
            if order.channel not in CHANNELS:
                raise CrmError(N_("canal de vente inconnu « {channel} »"), channel=order.channel)
        ids = new_ids(self.database, "orders", len(orders))  # a server's sequence: two imports at once
        now = now_iso()
        order_rows, line_rows = [], []
        for order_id, order in zip(ids, orders, strict=True):
            order_rows.append(
                (
                    order_id,
                    order.contact_id,
                    order.ref or None,
                    order.date,
                    order.amount_cents,
                    order.channel,
                    order.rep_id,
                    order.notes,
                    import_batch,
                    now,
                )
            )
            for line in order.lines:
                line_rows.append(
                    (
                        order_id,
                        line.product_id,
                        line.label,
                        line.category_id,
                        line.quantity,
                        line.unit_price_cents,
                        line.discount_cents,
                        clean_lot(line.lot),
                    )
                )
        # the lot column only when a line has one (the rows of a file written before db/012 still go in)
        with_lots = any(row[-1] is not None for row in line_rows)
        if not with_lots:
            line_rows = [row[:-1] for row in line_rows]
        with dashboard.bulk_orders(self.database) if set_based else contextlib.nullcontext():
            self.database.insert_many(
                "orders",
                (
                    "id",
                    "contact_id",
                    "ref",
                    "date",
                    "amount_cents",
                    "channel",
                    "rep_id",
                    "notes",
                    "import_batch",
                    "created_at",
                ),
                order_rows,
            )
            self.database.insert_many(
                "order_lines",
                ("order_id", "product_id", "label", "category_id", "quantity", "unit_price_cents", "discount_cents")
                + (("lot",) if with_lots else ()),
                line_rows,
            )
        return ids

    def create(self, order: NewOrder, *, today: dt.date | None = None) -> int:
        """One order typed by the user: checked (`check_order`: ValidationError),
        written, audited; the contact becomes a client if it was a prospect."""
        problems = check_order(order, today)
        if problems:
            raise ValidationError(problems)
        if self.database.scalar("SELECT 1 FROM contacts WHERE id = ?", (order.contact_id,)) is None:
            raise CrmError(N_("Ce contact n'existe plus."))
        with self.database.atomic():
            if order.ref and self.existing_refs([order.ref]):
                raise CrmError(N_("La commande « {ref} » existe déjà."), ref=order.ref)
            (order_id,) = self.insert_many([order], set_based=False)
            self.promote_to_client([order.contact_id])
            self._refresh_figures(order.contact_id)
            self.database.audit(
                "order",
                order_id,
                "create",
                {
                    "contact_id": [None, order.contact_id],
                    "date": [None, order.date],
                    "amount_cents": [None, order.amount_cents],
                    "ref": [None, order.ref],
                },
            )
        return order_id

    def orders_of(self, contact_id: int) -> list[dict]:
        rows = self.conn.execute(
            "SELECT o.*, (SELECT name FROM reps WHERE reps.id = o.rep_id) AS rep_name, "
            "(SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS line_count FROM orders o "
            "WHERE contact_id = ? ORDER BY date DESC, id DESC",
            (contact_id,),
        )
        return [dict(r) for r in rows]

    def lines_of(self, order_id: int) -> list[dict]:
        rows = self.conn.execute(
            "SELECT l.*, p.name AS product_name, c.name AS category_name FROM order_lines l "
            "LEFT JOIN products p ON p.id = l.product_id LEFT JOIN categories c ON c.id = l.category_id "
            "WHERE l.order_id = ? ORDER BY l.id",
            (order_id,),
        )
        return [dict(r) for r in rows]

    def get(self, order_id: int) -> dict | None:
        """An order with its rep's name and its lines (list under "lines"), or None."""
        row = self.conn.execute(
            "SELECT o.*, (SELECT name FROM reps WHERE reps.id = o.rep_id) AS rep_name FROM orders o WHERE id = ?",
            (order_id,),
        ).fetchone()
        if row is None:
            return None
        order = dict(row)
        order["lines"] = self.lines_of(order_id)
        return order

    def as_new_order(self, order_id: int) -> NewOrder:
        """The order as it is now, in the form create() and update() take."""
        row = self.get(order_id)
        if row is None:
            raise CrmError(N_("Cette commande n'existe plus."))
        return NewOrder(
            contact_id=row["contact_id"],
            date=row["date"],
            amount_cents=row["amount_cents"],
            channel=row["channel"],
            rep_id=row["rep_id"],
            ref=row["ref"],
            notes=row["notes"],
            lines=[
                NewLine(
                    quantity=l["quantity"],
                    unit_price_cents=l["unit_price_cents"],
                    discount_cents=l["discount_cents"],
                    label=l["label"],
                    product_id=l["product_id"],
                    category_id=l["category_id"],
                    lot=l["lot"],
                )
                for l in row["lines"]
            ],
        )

    def update(self, order_id: int, order: NewOrder, *, today: dt.date | None = None) -> NewOrder:
        """Replace an order's fields and lines in one transaction (audited);
        returns the order as it was (to undo). ValidationError / CrmError in French."""
        problems = check_order(order, today)
        if problems:
            raise ValidationError(problems)
        before = self.as_new_order(order_id)
        if self.database.scalar("SELECT 1 FROM contacts WHERE id = ?", (order.contact_id,)) is None:
            raise CrmError(N_("Ce contact n'existe plus."))
        with self.database.atomic():
            if order.ref and self.database.scalar(
                "SELECT 1 FROM orders WHERE ref = ? AND id != ?", (order.ref, order_id)
            ):
                raise CrmError(N_("La commande « {ref} » existe déjà."), ref=order.ref)
            self.conn.execute(
                "UPDATE orders SET contact_id = ?, ref = ?, date = ?, amount_cents = ?, channel = ?, rep_id = ?, "
                "notes = ? WHERE id = ?",
                (
                    order.contact_id,
                    order.ref or None,
                    order.date,
                    order.amount_cents,
                    order.channel,
                    order.rep_id,
                    order.notes,
                    order_id,
                ),
            )
            self.conn.execute("DELETE FROM order_lines WHERE order_id = ?", (order_id,))
            self._insert_lines(order_id, order.lines)
            self.promote_to_client([order.contact_id])
            self._refresh_figures(before.contact_id, order.contact_id)
            changes = {
                key: [getattr(before, key), getattr(order, key)]
                for key in ("contact_id", "date", "amount_cents", "channel", "rep_id", "ref", "notes")
                if getattr(before, key) != getattr(order, key)
            }
            if before.lines != order.lines:
                changes["lines"] = [len(before.lines), len(order.lines)]
            self.database.audit("order", order_id, "update", changes)
        return before

    def refresh_figures(self, contact_ids: Iterable[int]) -> None:
        """After many orders at once (an import): per client when they are few,
        otherwise every client in one pass, the way the figures were last saved."""
        ids = list(dict.fromkeys(contact_ids))
        if len(ids) <= _ONE_BY_ONE:
            self._refresh_figures(*ids)
            return
        from crmdesk.store import figures, figures_update  # (they read the grids through analytics)

        day = figures.saved_state(self.database).day or dt.date.today()
        figures_update.recompute(self.database, day)  # the file's day, grids, RFM method and window

    def _refresh_figures(self, *contact_ids: int) -> None:
        """The client's revenue, orders per year, last order, status and RFM
        follow its orders at once (same transaction as the order)."""
        for contact_id in dict.fromkeys(contact_ids):
            analytics.refresh_client(self.database, contact_id)

    def _insert_lines(self, order_id: int, lines: Sequence[NewLine]) -> None:
        self.conn.executemany(
            "INSERT INTO order_lines(order_id, product_id, label, category_id, quantity, unit_price_cents, "
            "discount_cents, lot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    order_id,
                    l.product_id,
                    l.label,
                    l.category_id,
                    l.quantity,
                    l.unit_price_cents,
                    l.discount_cents,
                    clean_lot(l.lot),
                )
                for l in lines
            ],
        )

    def delete(self, order_id: int) -> NewOrder:
        """Delete an order and its lines (one transaction, audited); returns it as it was."""
        before = self.as_new_order(order_id)
        with self.database.atomic():
            self.conn.execute("DELETE FROM order_lines WHERE order_id = ?", (order_id,))
            self.conn.execute("DELETE FROM orders WHERE id = ?", (order_id,))
            self._refresh_figures(before.contact_id)
            self.database.audit(
                "order",
                order_id,
                "delete",
                {
                    "contact_id": [before.contact_id, None],
                    "date": [before.date, None],
                    "amount_cents": [before.amount_cents, None],
                    "ref": [before.ref, None],
                },
            )
        return before

    def reinsert(self, order_id: int, order: NewOrder) -> None:
        """Put back a deleted order under its former id (undo of a delete), unchecked."""
        with self.database.atomic():
            self.conn.execute(
                "INSERT INTO orders(id, contact_id, ref, date, amount_cents, channel, rep_id, notes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    order_id,
                    order.contact_id,
                    order.ref or None,
                    order.date,
                    order.amount_cents,
                    order.channel,
                    order.rep_id,
                    order.notes,
                    now_iso(),
                ),
            )
            self._insert_lines(order_id, order.lines)
            self._refresh_figures(order.contact_id)
            self.database.audit(
                "order",
                order_id,
                "create",
                {
                    "contact_id": [None, order.contact_id],
                    "date": [None, order.date],
                    "amount_cents": [None, order.amount_cents],
                    "ref": [None, order.ref],
                },
            )

    # -- figures ------------------------------------------------------------------------
    def summary(self, contact_id: int, today: dt.date | None = None) -> dict:
        """A client's figures: revenue this calendar year and last year (cents),
        order count, average basket (cents, None without order), last order date."""
        today = today or dt.date.today()
        this_year, last_year = str(today.year), str(today.year - 1)
        row = self.conn.execute(
            "SELECT count(*), ifnull(sum(amount_cents), 0), max(date), "
            "ifnull(sum(CASE WHEN substr(date, 1, 4) = ? THEN amount_cents END), 0), "
            "ifnull(sum(CASE WHEN substr(date, 1, 4) = ? THEN amount_cents END), 0) "
            "FROM orders WHERE contact_id = ?",
            (this_year, last_year, contact_id),
        ).fetchone()
        count, total, last, year, previous = row
        return {
            "count": count,
            "total_cents": total,
            "this_year_cents": year,
            "last_year_cents": previous,
            "average_cents": round(total / count) if count else None,
            "last_date": last,
        }

    def category_shares(self, contact_id: int | None = None) -> list[dict]:
        """Revenue per category, biggest first: [{category_id, category, revenue_cents,
        share (percent, float)}]. Over one client, or all when contact_id is None."""
        where, params = ("WHERE o.contact_id = ?", (contact_id, contact_id)) if contact_id is not None else ("", ())
        where2 = "AND o.contact_id = ?" if contact_id is not None else ""
        rows = self.conn.execute(
            f"""
            SELECT category_id, sum(value) AS revenue FROM (
                SELECT coalesce(l.category_id, p.category_id) AS category_id,
                       round(l.quantity * l.unit_price_cents) - l.discount_cents AS value
                  FROM order_lines l JOIN orders o ON o.id = l.order_id
                  LEFT JOIN products p ON p.id = l.product_id {where}
                UNION ALL
                SELECT NULL, o.amount_cents FROM orders o
                 WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id) {where2}
            ) GROUP BY category_id""",
            params,
        ).fetchall()
        names = {r["id"]: r["name"] for r in self.conn.execute("SELECT id, name FROM categories")}
        total = sum(r["revenue"] for r in rows)
        result = [
            {
                "category_id": r["category_id"],
                "category": names.get(r["category_id"], _(NO_CATEGORY)) if r["category_id"] else _(NO_CATEGORY),
                "revenue_cents": int(r["revenue"]),
                "share": 100.0 * r["revenue"] / total if total else 0.0,
            }
            for r in rows
        ]
        result.sort(key=lambda r: (-r["revenue_cents"], fold(r["category"])))
        return result

    # -- catalogue: categories and products ------------------------------------------------
    def categories(self) -> list[dict]:
        """Every category with how many products and order lines use it."""
        rows = self.conn.execute(
            "SELECT c.id, c.name, (SELECT count(*) FROM products p WHERE p.category_id = c.id) AS products, "
            "(SELECT count(*) FROM order_lines l WHERE l.category_id = c.id) AS lines FROM categories c"
        )
        return sorted((dict(r) for r in rows), key=lambda r: fold(r["name"]))

    def create_category(self, name: str) -> int:
        name = self._clean_name(name, "catégorie")
        if self.category_id(name, create=False) is not None:
            raise CrmError(N_("La catégorie « {name} » existe déjà."), name=name)
        with self.database.atomic():
            category_id = self.category_id(name)
            self.database.audit("category", category_id, "create", {"name": [None, name]})
        return category_id

    def rename_category(self, category_id: int, name: str) -> None:
        name = self._clean_name(name, "catégorie")
        old = self.database.scalar("SELECT name FROM categories WHERE id = ?", (category_id,))
        if old is None:
            raise CrmError(N_("Cette catégorie n'existe plus."))
        other = self.category_id(name, create=False)
        if other is not None and other != category_id:
            raise CrmError(N_("La catégorie « {name} » existe déjà."), name=name)
        with self.database.atomic():
            self.conn.execute("UPDATE categories SET name = ? WHERE id = ?", (name, category_id))
            self.database.audit("category", category_id, "update", {"name": [old, name]})
        self._categories = None

    def delete_category(self, category_id: int) -> None:
        """Delete a category nobody uses; refused (French message) when a
        product or an order line is in it."""
        row = next((c for c in self.categories() if c["id"] == category_id), None)
        if row is None:
            raise CrmError(N_("Cette catégorie n'existe plus."))
        if row["products"] or row["lines"]:
            raise CrmError(
                N_(
                    "La catégorie « {name} » est utilisée ({products} produit(s), {lines} ligne(s) de "
                    "commande) : elle ne peut pas être supprimée."
                ),
                name=row["name"],
                products=row["products"],
                lines=row["lines"],
            )
        with self.database.atomic():
            self.conn.execute("DELETE FROM categories WHERE id = ?", (category_id,))
            self.database.audit("category", category_id, "delete", {"name": [row["name"], None]})
        self._categories = None

    def products(self, *, active_only: bool = False) -> list[dict]:
        rows = self.conn.execute(
            "SELECT p.*, c.name AS category_name FROM products p LEFT JOIN categories c ON c.id = p.category_id"
            + (" WHERE p.active = 1" if active_only else "")
        )
        return sorted((dict(r) for r in rows), key=lambda r: fold(r["name"]))

    def create_product(
        self, name: str, category_id: int | None = None, unit_price_cents: int | None = None, code: str | None = None
    ) -> int:
        name = self._clean_name(name, "produit")
        self._check_price(unit_price_cents)
        if self.product(name, create=False)[0] is not None:
            raise CrmError(N_("Le produit « {name} » existe déjà."), name=name)
        with self.database.atomic():
            cursor = self.conn.execute(
                "INSERT INTO products(code, name, category_id, unit_price_cents) VALUES (?, ?, ?, ?)",
                ((code or "").strip() or None, name, category_id, unit_price_cents),
            )
            product_id = int(cursor.lastrowid)
            self.database.audit(
                "product",
                product_id,
                "create",
                {
                    "name": [None, name],
                    "category_id": [None, category_id],
                    "unit_price_cents": [None, unit_price_cents],
                },
            )
        self._products = None
        return product_id

    def update_product(
        self, product_id: int, *, name: str, category_id: int | None, unit_price_cents: int | None, active: bool = True
    ) -> None:
        """Rename a product, change its category or price, (de)activate it (audited)."""
        name = self._clean_name(name, "produit")
        self._check_price(unit_price_cents)
        row = self.conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
        if row is None:
            raise CrmError(N_("Ce produit n'existe plus."))
        other = self.product(name, create=False)[0]
        if other is not None and other != product_id:
            raise CrmError(N_("Le produit « {name} » existe déjà."), name=name)
        new = {
            "name": name,
            "category_id": category_id,
            "unit_price_cents": unit_price_cents,
            "active": int(bool(active)),
        }
        changes = {k: [row[k], v] for k, v in new.items() if row[k] != v}
        if not changes:
            return
        with self.database.atomic():
            self.conn.execute(
                "UPDATE products SET name = ?, category_id = ?, unit_price_cents = ?, active = ? WHERE id = ?",
                (*new.values(), product_id),
            )
            self.database.audit("product", product_id, "update", changes)
        self._products = None

    def deactivate_product(self, product_id: int) -> None:
        row = self.conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
        if row is None:
            raise CrmError(N_("Ce produit n'existe plus."))
        self.update_product(
            product_id,
            name=row["name"],
            category_id=row["category_id"],
            unit_price_cents=row["unit_price_cents"],
            active=False,
        )

    @staticmethod
    def _clean_name(name: str, what: str) -> str:
        name = " ".join((name or "").split())
        if not name:
            raise CrmError(
                N_("Le nom du produit est obligatoire.")
                if what == "produit"
                else N_("Le nom de la catégorie est obligatoire.")
            )
        return name

    @staticmethod
    def _check_price(cents: int | None) -> None:
        if cents is not None and cents < 0:
            raise CrmError(N_("Le prix unitaire ne peut pas être négatif."))
