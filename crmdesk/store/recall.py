"""Product recalls (EU regulation 178/2002, art. 18; docs/domain/13-writing-to-clients.md): who bought
a product, or a lot, between two dates — found at once from the order lines
(indexes by lot and by product, db/012) — and who has been told.

    criteria = RecallCriteria(product_id=12, lot=None, date_from="2026-10-01", date_to="2026-11-23")
    found = find(database, criteria)
    found.clients        # [RecallClient(contact_id, code, name, …,
                         #               purchases=[Purchase(date, ref, product, lot, quantity)])]
    found.hidden         # purchases of people anonymised or in the trash (not listed: nobody to reach)
    recall_id = RecallStore(database).open(criteria)      # saved (get or create): the ticks live there
    RecallStore(database).notify(recall_id, [contact_id], day)    # « prévenu le … »

A lot is compared without regard to case or surrounding spaces
(« l240615 » finds « L240615 »); both dates are included. Every live
contact who bought is listed, whatever their consent or opposition: a recall
is a safety duty, not prospecting (crmdesk/domain/outreach.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from crmdesk.domain.contact import display_name, format_phone
from crmdesk.domain.errors import CrmError
from crmdesk.domain.templates import long_date
from crmdesk.i18n import N_
from crmdesk.store.database import Database, json_ids, now_iso
from crmdesk.store.server import on_server


@dataclass(frozen=True)
class RecallCriteria:
    product_id: int | None
    lot: str | None
    date_from: str  # ISO, included
    date_to: str  # ISO, included

    def checked(self) -> RecallCriteria:
        lot = " ".join((self.lot or "").split()) or None
        if self.product_id is None and lot is None:
            raise CrmError(N_("Indiquez le produit ou le lot à rappeler."))
        try:
            start, end = dt.date.fromisoformat(self.date_from), dt.date.fromisoformat(self.date_to)
        except (TypeError, ValueError):
            raise CrmError(
                N_("Dates du rappel illisibles : {start} – {end}."), start=self.date_from, end=self.date_to
            ) from None
        if start > end:
            raise CrmError(
                N_("Le rappel va du {start} au {end} : la première date doit précéder la seconde."),
                start=start.strftime("%d/%m/%Y"),
                end=end.strftime("%d/%m/%Y"),
            )
        return RecallCriteria(self.product_id, lot, start.isoformat(), end.isoformat())


@dataclass(frozen=True)
class Purchase:
    date: str
    ref: str
    product: str
    lot: str
    quantity: float


@dataclass
class RecallClient:
    contact_id: int
    code: str
    name: str
    contact: dict
    purchases: list[Purchase] = field(default_factory=list)
    notified_on: str | None = None

    @property
    def phone(self) -> str:
        return format_phone(self.contact.get("phone")) if self.contact.get("phone") else ""

    def bought(self) -> str:
        """« 2 × Miel d'acacia 500 g (lot L240615) le 12/10/2026 ; … »."""
        return " ; ".join(_purchase_text(p) for p in self.purchases)

    def row(self) -> dict[str, str]:
        """The merge columns of a recall letter (produit, lot, date_achat, quantite, achats)."""
        products = list(dict.fromkeys(p.product for p in self.purchases if p.product))
        lots = list(dict.fromkeys(p.lot for p in self.purchases if p.lot))
        days = list(dict.fromkeys(long_date(p.date) for p in self.purchases))
        return {
            "produit": ", ".join(products),
            "lot": ", ".join(lots),
            "date_achat": ", ".join(days),
            "quantite": _quantity(sum(p.quantity for p in self.purchases)),
            "achats": self.bought(),
        }


def _quantity(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def _purchase_text(p: Purchase) -> str:
    day = dt.date.fromisoformat(p.date[:10]).strftime("%d/%m/%Y")
    lot = f" (lot {p.lot})" if p.lot else ""
    return f"{_quantity(p.quantity)} × {p.product}{lot} le {day}"


@dataclass
class RecallResult:
    criteria: RecallCriteria
    clients: list[RecallClient]
    hidden: int = 0  # purchases of anonymised or trashed people

    @property
    def to_reach(self) -> int:
        return sum(1 for c in self.clients if not c.notified_on)


_FIND = """
SELECT o.contact_id, o.date, ifnull(o.ref, '') AS ref, l.quantity, ifnull(l.lot, '') AS lot,
       coalesce(p.name, l.label, '') AS product, c.deleted_at, c.erased_at
  FROM order_lines l
  JOIN orders o ON o.id = l.order_id
  JOIN contacts c ON c.id = o.contact_id
  LEFT JOIN products p ON p.id = l.product_id
 WHERE {which} AND o.date BETWEEN :start AND :end
 ORDER BY o.contact_id, o.date, o.id, l.id
"""
_CONTACTS = (
    "SELECT id, code, kind, civility, last_name, first_name, company, email, phone, phone2, address, "
    "postal_code, city, country, opposition, erased_at FROM contacts WHERE id IN (SELECT value FROM "
    "json_each(?))"
)


def find(database: Database, criteria: RecallCriteria, *, recall_id: int | None = None) -> RecallResult:
    """Who bought it in the dates (see the module docstring), by name; with
    `recall_id`, each client's « prévenu le » from that saved recall."""
    criteria = criteria.checked()
    clauses, params = [], {"start": criteria.date_from, "end": criteria.date_to + "\uffff"}
    if criteria.lot is not None:
        # a server's index of lots is on lower(lot) (db/postgresql/014_baseline.sql), a file's NOCASE
        clauses.append("lower(l.lot) = lower(:lot)" if on_server(database) else "l.lot = :lot COLLATE NOCASE")
        params["lot"] = criteria.lot
    if criteria.product_id is not None:
        clauses.append("l.product_id = :product")
        params["product"] = criteria.product_id
    grouped: dict[int, list[Purchase]] = {}
    hidden = 0
    for row in database.conn.execute(_FIND.format(which=" AND ".join(clauses)), params):
        if row["deleted_at"] or row["erased_at"]:
            hidden += 1
            continue
        grouped.setdefault(row["contact_id"], []).append(
            Purchase(row["date"][:10], row["ref"], row["product"], row["lot"], row["quantity"])
        )
    contacts = {r["id"]: dict(r) for r in database.conn.execute(_CONTACTS, (json_ids(grouped),))}
    notified = RecallStore(database).notified(recall_id) if recall_id is not None else {}
    clients = [
        RecallClient(
            contact_id,
            contacts[contact_id]["code"],
            display_name(contacts[contact_id]),
            contacts[contact_id],
            purchases,
            notified.get(contact_id),
        )
        for contact_id, purchases in grouped.items()
    ]
    clients.sort(key=lambda c: (c.name.casefold(), c.code))
    return RecallResult(criteria, clients, hidden)


class RecallStore:
    def __init__(self, database: Database):
        self.database = database

    def open(self, criteria: RecallCriteria) -> int:
        """The saved recall of these criteria, created the first time (audited)."""
        criteria = criteria.checked()
        row = self.database.conn.execute(
            "SELECT id FROM recalls WHERE product_id IS ? AND lower(lot) IS lower(?) AND date_from = ? AND date_to = ?",
            (criteria.product_id, criteria.lot, criteria.date_from, criteria.date_to),
        ).fetchone()
        if row is not None:
            return int(row[0])
        with self.database.atomic() as conn:
            cursor = conn.execute(
                "INSERT INTO recalls(product_id, lot, date_from, date_to, created_at) VALUES (?, ?, ?, ?, ?)",
                (criteria.product_id, criteria.lot, criteria.date_from, criteria.date_to, now_iso()),
            )
            recall_id = int(cursor.lastrowid)
            self.database.audit(
                "recall",
                recall_id,
                "create",
                {
                    "product_id": [None, criteria.product_id],
                    "lot": [None, criteria.lot],
                    "date_from": [None, criteria.date_from],
                    "date_to": [None, criteria.date_to],
                },
            )
        return recall_id

    def saved(self, criteria: RecallCriteria) -> int | None:
        """The id of the saved recall of these criteria, None when there is none."""
        criteria = criteria.checked()
        return self.database.scalar(
            "SELECT id FROM recalls WHERE product_id IS ? AND lower(lot) IS lower(?) AND date_from = ? AND date_to = ?",
            (criteria.product_id, criteria.lot, criteria.date_from, criteria.date_to),
        )

    def recalls(self) -> list[dict]:
        """Every saved recall, newest first, with its product's name and how many were told."""
        return [
            dict(r)
            for r in self.database.query(
                "SELECT r.*, p.name AS product, (SELECT count(*) FROM recall_contacts rc WHERE rc.recall_id = r.id) "
                "AS notified FROM recalls r LEFT JOIN products p ON p.id = r.product_id ORDER BY r.id DESC"
            )
        ]

    def get(self, recall_id: int) -> RecallCriteria | None:
        row = self.database.conn.execute("SELECT * FROM recalls WHERE id = ?", (recall_id,)).fetchone()
        return RecallCriteria(row["product_id"], row["lot"], row["date_from"], row["date_to"]) if row else None

    def notified(self, recall_id: int) -> dict[int, str]:
        """contact id -> the day they were told."""
        return {
            r[0]: r[1]
            for r in self.database.conn.execute(
                "SELECT contact_id, notified_on FROM recall_contacts WHERE recall_id = ?", (recall_id,)
            )
        }

    def notify(self, recall_id: int, contact_ids: Iterable[int], day: dt.date) -> int:
        """Tick « prévenu le `day` » for these clients (those already ticked keep their day); how many were new."""
        with self.database.atomic() as conn:
            cursor = conn.execute(
                "INSERT INTO recall_contacts(recall_id, contact_id, notified_on) SELECT ?, value, ? FROM "
                "json_each(?) WHERE true ON CONFLICT (recall_id, contact_id) DO NOTHING",
                (recall_id, day.isoformat(), json_ids(contact_ids)),
            )
            if cursor.rowcount:
                self.database.audit("recall", recall_id, "notify", {"clients": [None, cursor.rowcount]})
            return cursor.rowcount

    def unnotify(self, recall_id: int, contact_ids: Iterable[int]) -> int:
        """Untick (a tick made by mistake)."""
        with self.database.atomic() as conn:
            cursor = conn.execute(
                "DELETE FROM recall_contacts WHERE recall_id = ? AND contact_id IN (SELECT value FROM json_each(?))",
                (recall_id, json_ids(contact_ids)),
            )
            if cursor.rowcount:
                self.database.audit("recall", recall_id, "unnotify", {"clients": [cursor.rowcount, None]})
            return cursor.rowcount


def product_choices(database: Database) -> list[dict]:
    """Products (id, code, name) by name, for a recall's product list."""
    return [dict(r) for r in database.query("SELECT id, code, name FROM products ORDER BY name COLLATE NOCASE")]


def product_of(database: Database, text: str) -> dict:
    """The product a user names: its code, else its name (capitals and accents ignored); CrmError otherwise."""
    from crmdesk.domain.text import fold

    wanted = (text or "").strip()
    products = product_choices(database)
    for key in ("code", "name"):
        found = [p for p in products if p[key] and fold(p[key]) == fold(wanted)]
        if len(found) == 1:
            return found[0]
    raise CrmError(N_("Produit « {name} » introuvable (donnez son code ou son nom exact)."), name=wanted)


def as_rows(result: RecallResult) -> Mapping[int, dict[str, str]]:
    """contact id -> its merge columns (a Selection's `rows`)."""
    return {client.contact_id: client.row() for client in result.clients}
