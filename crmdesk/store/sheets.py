"""What a client sheet or a client card shows, read for a batch of clients.

`SheetReader(database).sheets(ids, today)` yields one plain dict per client
(the reports layer turns it into a page); `cards(ids, today)` the few fields of
a card. Both read client by client through indexed look-ups, so a batch of a
million clients streams in constant memory. Ids of trashed or missing
contacts are skipped.

Everything is as of `today` (docs/domain/12-figures-as-of.md): the orders dated after it are not
counted nor listed, and the figures (status, 12 months, RFM) are those of that
day: the copy on the contacts when it is of that day, computed otherwise
(crmdesk.store.figures.FiguresAsOf); `contact["figures_as_of"]` is that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from crmdesk.domain import contact as rules
from crmdesk.domain import loyalty as loyalty_rules
from crmdesk.domain.complaints import DEADLINE_STATES, KINDS, deadline_state
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.figures import (
    FiguresAsOf,
    segment_label,
)
from crmdesk.store.loyalty import LoyaltyStore
from crmdesk.store.settings import SettingsStore

# How many of the latest orders a sheet lists (the older ones are counted).
LAST_ORDERS = 8

_CONTACT = """
SELECT c.*, r.name AS rep_name, r.kind AS rep_kind, co.company AS employer, co.code AS employer_code
  FROM contacts c
  LEFT JOIN reps r ON r.id = c.rep_id
  LEFT JOIN contacts co ON co.id = c.company_id
 WHERE c.id = ? AND c.deleted_at IS NULL
"""

_YEARS = """
SELECT ifnull(sum(CASE WHEN date >= :this_year THEN amount_cents END), 0) AS this_year_cents,
       count(CASE WHEN date >= :this_year THEN 1 END) AS this_year_orders,
       ifnull(sum(CASE WHEN date >= :last_year AND date < :this_year THEN amount_cents END), 0) AS last_year_cents,
       count(CASE WHEN date >= :last_year AND date < :this_year THEN 1 END) AS last_year_orders,
       count(*) AS orders_total
  FROM orders WHERE contact_id = :id AND date < :after
"""

_LAST_ORDERS = """
SELECT o.id, o.ref, o.date, o.amount_cents, o.channel,
       (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS line_count,
       (SELECT group_concat(name, ', ') FROM (
            SELECT DISTINCT coalesce(lc.name, pc.name) AS name
              FROM order_lines l
              LEFT JOIN products p ON p.id = l.product_id
              LEFT JOIN categories lc ON lc.id = l.category_id
              LEFT JOIN categories pc ON pc.id = p.category_id
             WHERE l.order_id = o.id AND coalesce(lc.name, pc.name) IS NOT NULL
             ORDER BY 1)) AS categories
  FROM orders o WHERE o.contact_id = ? AND o.date < ? ORDER BY o.date DESC, o.id DESC LIMIT ?
"""

_OPEN_COMPLAINTS = """
SELECT ref, received_at, kind, subject, due_date, owner
  FROM complaints WHERE contact_id = ? AND closed_at IS NULL
 ORDER BY due_date IS NULL, due_date, received_at
"""

_CARD = """
SELECT id, code, kind, stage, civility, last_name, first_name, company, email, phone, status,
       revenue_year_cents, orders_year, last_order, rfm_code, rfm_segment, figures_as_of, postal_code, city
  FROM contacts WHERE id = ? AND deleted_at IS NULL
"""

ORDER_CHANNELS = {
    "": "",
    "shop": "Magasin",
    "web": "Site web",
    "phone": "Téléphone",
    "home_party": "Réunion à domicile",
    "fair": "Salon",
    "opening": "Reprise d'historique",
}


def status_label(status: str | None, figures_as_of: str | None) -> str:
    """« Premium »…, « Hors grille » (computed, no status fits), "" (never computed)."""
    from crmdesk.store.figures import status_label as label

    return label({"status": status, "figures_as_of": figures_as_of})


class SheetReader:
    def __init__(self, database: Database):
        self.database = database
        self.contacts = ContactStore(database)
        self.loyalty = LoyaltyStore(database)
        self._figures: FiguresAsOf | None = None

    def figures(self, today: dt.date, ids: Iterable[int] | None = None) -> FiguresAsOf:
        """The figures as of `today` (computed once per day asked; `ids`: those to come)."""
        if self._figures is None or self._figures.as_of != today:
            self._figures = FiguresAsOf(self.database, today)
            if ids is not None:
                self._figures.prepare(ids)
        return self._figures

    @property
    def conn(self):
        return self.database.conn

    def business(self) -> dict:
        """The letterhead (setting « business »), {} when not entered."""
        return SettingsStore(self.database).business()

    # -- sheets ----------------------------------------------------------------------
    def sheets(self, ids: Iterable[int], today: dt.date) -> Iterator[dict]:
        ids = list(ids)
        self.figures(today, ids)
        for contact_id in ids:
            sheet = self.sheet(contact_id, today)
            if sheet is not None:
                yield sheet

    def sheet(self, contact_id: int, today: dt.date) -> dict | None:
        row = self.conn.execute(_CONTACT, (contact_id,)).fetchone()
        if row is None:
            return None
        contact = dict(row)
        contact.update(self.figures(today).of(contact_id, contact))
        contact["tags"] = self.contacts.tags_of(contact_id)
        after = (today + dt.timedelta(days=1)).isoformat()
        years = dict(
            self.conn.execute(
                _YEARS,
                {
                    "id": contact_id,
                    "this_year": f"{today.year:04d}-01-01",
                    "last_year": f"{today.year - 1:04d}-01-01",
                    "after": after,
                },
            ).fetchone()
        )
        orders = [dict(r) for r in self.conn.execute(_LAST_ORDERS, (contact_id, after, LAST_ORDERS))]
        for order in orders:
            order["channel_label"] = ORDER_CHANNELS.get(order["channel"], order["channel"])
        return {
            "id": contact_id,
            "code": contact["code"],
            "name": rules.display_name(contact),
            "contact": contact,
            "status_label": status_label(contact.get("status"), contact.get("figures_as_of")),
            "segment_label": segment_label(contact.get("rfm_segment")),
            "figures_as_of": contact.get("figures_as_of"),
            "year": today.year,
            "years": years,
            "orders": orders,
            "orders_total": int(years["orders_total"]),
            "complaints": self._open_complaints(contact_id, today),
            "loyalty": self._loyalty(contact_id, today),
        }

    def _open_complaints(self, contact_id: int, today: dt.date) -> list[dict]:
        out = []
        for row in self.conn.execute(_OPEN_COMPLAINTS, (contact_id,)):
            complaint = dict(row)
            due = dt.date.fromisoformat(complaint["due_date"]) if complaint["due_date"] else None
            state = deadline_state(due, today, False)
            complaint.update(
                kind_label=KINDS.get(complaint["kind"], complaint["kind"]),
                state=state,
                state_label=DEADLINE_STATES[state],
            )
            out.append(complaint)
        return out

    def _loyalty(self, contact_id: int, today: dt.date) -> dict:
        entries = self.loyalty.ledger_entries(contact_id)
        card = self.conn.execute(
            "SELECT number, valid_from, valid_until FROM loyalty_cards WHERE contact_id = ?", (contact_id,)
        ).fetchone()
        result = {"member": bool(entries) or card is not None, "card": dict(card) if card else None}
        if entries:
            balance = loyalty_rules.balance(entries, today)
            result.update(
                points=balance.points, next_expiry=balance.next_expiry, expiring_points=balance.expiring_points
            )
        return result

    # -- cards -----------------------------------------------------------------------
    def cards(self, ids: Iterable[int], today: dt.date | None = None) -> Iterator[dict]:
        """The cards, with the figures as of `today` (default: the real today)."""
        today = today or dt.date.today()
        ids = list(ids)
        figures = self.figures(today, ids)
        for contact_id in ids:
            row = self.conn.execute(_CARD, (contact_id,)).fetchone()
            if row is None:
                continue
            card = dict(row)
            card.update(figures.of(contact_id, card))
            card["name"] = rules.display_name(card)
            card["phone_display"] = rules.format_phone(card["phone"])
            card["status_label"] = status_label(card["status"], card["figures_as_of"])
            card["segment_label"] = segment_label(card["rfm_segment"])
            yield card
