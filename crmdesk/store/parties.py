"""Home parties (réunions à domicile): host, ambassador, date, guests, sales, voucher
(docs/domain/07-follow-up-and-loyalty.md).

A party's sales are the orders whose party_id is the party (the host's own
included); its voucher is computed from them with the party's own rate
(crmdesk.domain.parties.voucher_cents) until it is issued (`issue_voucher`:
a row of `vouchers`, amount frozen). Saving a party flags its host
(is_host = 1); guests typed as new people become prospects (source
« home_party », referred by the host, followed by the party's ambassador)
and become clients with their first order (`record_sale`).
"""

from __future__ import annotations

import datetime as dt

from crmdesk.domain import parties as rules
from crmdesk.domain.contact import display_name
from crmdesk.domain.errors import CrmError
from crmdesk.domain.periods import Period
from crmdesk.i18n import N_
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.loyalty import LoyaltyStore
from crmdesk.store.orders import NewLine, NewOrder, OrderStore

_LIST = """
SELECT p.id, p.date, p.host_id, p.ambassador_id, p.voucher_rate, p.notes,
       h.code AS host_code, h.kind, h.last_name, h.first_name, h.company, h.city AS host_city,
       r.name AS ambassador_name,
       (SELECT count(*) FROM party_guests g WHERE g.party_id = p.id) AS guests,
       (SELECT count(*) FROM orders o WHERE o.party_id = p.id) AS orders,
       (SELECT ifnull(sum(o.amount_cents), 0) FROM orders o WHERE o.party_id = p.id) AS sales_cents,
       v.id AS voucher_id, v.amount_cents AS voucher_issued_cents, v.used_on AS voucher_used_on
  FROM parties p
  JOIN contacts h ON h.id = p.host_id
  LEFT JOIN reps r ON r.id = p.ambassador_id
  LEFT JOIN vouchers v ON v.party_id = p.id
 WHERE {where}
 ORDER BY p.date DESC, p.id DESC
"""

_GUESTS = """
SELECT c.id, c.code, c.kind, c.last_name, c.first_name, c.company, c.stage, c.is_host,
       (SELECT ifnull(sum(o.amount_cents), 0) FROM orders o WHERE o.party_id = g.party_id
         AND o.contact_id = c.id) AS bought_cents
  FROM party_guests g JOIN contacts c ON c.id = g.contact_id
 WHERE g.party_id = ? ORDER BY c.name_key, c.id
"""


def _row(row) -> dict:
    party = dict(row)
    party["host_name"] = display_name(party)
    party["voucher_cents"] = (
        party["voucher_issued_cents"]
        if party.get("voucher_id") is not None
        else rules.voucher_cents(party["sales_cents"], party["voucher_rate"])
    )
    return party


class PartyStore:
    def __init__(self, database: Database):
        self.database = database
        self.contacts = ContactStore(database)

    @property
    def conn(self):
        return self.database.conn

    def default_rate(self) -> float:
        return float(LoyaltyStore(self.database).rules()["parties.voucher_rate"])

    # -- reading -----------------------------------------------------------------------------
    def list(self, period: Period | None = None, host_id: int | None = None) -> list[dict]:
        """Parties, newest first, each with host, ambassador, guest count, sales and
        voucher (issued amount, or computed from the sales while not issued)."""
        where, params = ["1 = 1"], []
        if period is not None:
            where.append("p.date BETWEEN ? AND ?")
            params += period.iso()
        if host_id is not None:
            where.append("p.host_id = ?")
            params.append(host_id)
        return [_row(r) for r in self.conn.execute(_LIST.format(where=" AND ".join(where)), params)]

    def get(self, party_id: int) -> dict | None:
        rows = self.conn.execute(_LIST.format(where="p.id = ?"), (party_id,)).fetchall()
        if not rows:
            return None
        party = _row(rows[0])
        party["guest_list"] = [
            {**dict(g), "name": display_name(dict(g))} for g in self.conn.execute(_GUESTS, (party_id,))
        ]
        return party

    def guest_ids(self, party_id: int) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT contact_id FROM party_guests WHERE party_id = ?", (party_id,))]

    def of_contact(self, contact_id: int) -> dict:
        """The parties a client hosted and those she attended as a guest."""
        attended = [
            r[0] for r in self.conn.execute("SELECT party_id FROM party_guests WHERE contact_id = ?", (contact_id,))
        ]
        return {
            "hosted": self.list(host_id=contact_id),
            "attended": [p for p in (self.get(i) for i in attended) if p is not None],
        }

    # -- writing -----------------------------------------------------------------------------
    def save(self, values: dict, party_id: int | None = None) -> int:
        """Create (party_id None) or change a party in one transaction.

        values: host_id, ambassador_id, date (ISO), voucher_rate (None = the
        setting), notes, guests (contact ids: the whole list), new_guests
        (dicts of contact fields: each becomes a prospect and a guest).
        ValidationError / CrmError in French; nothing half-written.
        """
        rate = values.get("voucher_rate")
        rate = self.default_rate() if rate is None else rate
        guests = list(dict.fromkeys(int(g) for g in values.get("guests", ())))
        problems = rules.check_party(values.get("host_id"), values.get("date"), list(values.get("guests", ())), rate)
        rules.raise_problems(problems)
        host_id = int(values["host_id"])
        ambassador = values.get("ambassador_id")
        with self.database.atomic():
            host = self.contacts.get(host_id)
            if host is None or host["deleted_at"]:
                raise CrmError(
                    N_("L'hôtesse choisie n'existe plus (corbeille ?) : la réunion n'a pas été enregistrée.")
                )
            fields = (host_id, ambassador, values["date"], float(rate), values.get("notes"))
            if party_id is None:
                party_id = int(
                    self.conn.execute(
                        "INSERT INTO parties(host_id, ambassador_id, date, voucher_rate, notes) VALUES (?, ?, ?, ?, ?)",
                        fields,
                    ).lastrowid
                )
                action = "create"
            else:
                if (
                    self.conn.execute(
                        "UPDATE parties SET host_id = ?, ambassador_id = ?, date = ?, voucher_rate = ?, "
                        "notes = ? WHERE id = ?",
                        (*fields, party_id),
                    ).rowcount
                    == 0
                ):
                    raise CrmError(N_("Cette réunion n'existe plus."))
                action = "update"
            for person in values.get("new_guests", ()):
                guests.append(
                    self.contacts.create(
                        {
                            "stage": "prospect",
                            "source": "home_party",
                            "referred_by": host_id,
                            "rep_id": ambassador,
                            "first_contact": values["date"],
                            **person,
                        }
                    )
                )
            self.conn.execute("DELETE FROM party_guests WHERE party_id = ?", (party_id,))
            self.conn.executemany(
                "INSERT INTO party_guests(party_id, contact_id) VALUES (?, ?)", [(party_id, g) for g in guests]
            )
            if not host["is_host"]:
                self.contacts.update(host_id, {"is_host": True})
            self.database.audit(
                "party",
                party_id,
                action,
                {"host_id": [None, host_id], "date": [None, values["date"]], "guests": [None, guests]},
            )
        return party_id

    def delete(self, party_id: int) -> None:
        """Remove a party without sales (a party with orders or a voucher is history)."""
        with self.database.atomic():
            if self.database.scalar(
                "SELECT 1 FROM orders WHERE party_id = ? UNION ALL SELECT 1 FROM vouchers WHERE party_id = ?",
                (party_id, party_id),
            ):
                raise CrmError(N_("Cette réunion a des ventes ou un bon d'achat : elle ne peut pas être supprimée."))
            self.conn.execute("DELETE FROM parties WHERE id = ?", (party_id,))
            self.database.audit("party", party_id, "delete")

    def record_sale(
        self,
        party_id: int,
        contact_id: int,
        amount_cents: int,
        *,
        lines: list[NewLine] = (),
        ref: str | None = None,
        today: dt.date | None = None,
    ) -> int:
        """An order taken at the party (its date, channel « home_party », the
        ambassador as rep), its loyalty points credited; a guest who was not
        on the list is added to it. Returns the order's id."""
        party = self.conn.execute("SELECT * FROM parties WHERE id = ?", (party_id,)).fetchone()
        if party is None:
            raise CrmError(N_("Cette réunion n'existe plus."))
        with self.database.atomic():
            order_id = OrderStore(self.database).create(
                NewOrder(
                    contact_id=contact_id,
                    date=party["date"],
                    amount_cents=amount_cents,
                    channel="home_party",
                    rep_id=party["ambassador_id"],
                    ref=ref,
                    lines=list(lines),
                ),
                today=today,
            )
            self.conn.execute("UPDATE orders SET party_id = ? WHERE id = ?", (party_id, order_id))
            if contact_id != party["host_id"]:
                self.conn.execute(
                    "INSERT OR IGNORE INTO party_guests(party_id, contact_id) VALUES (?, ?)", (party_id, contact_id)
                )
            LoyaltyStore(self.database).earn_for_order(order_id, today)
        return order_id

    def issue_voucher(self, party_id: int, today: dt.date) -> int:
        """Give the host her voucher (the rate of the party × its sales, frozen now)."""
        party = self.get(party_id)
        if party is None:
            raise CrmError(N_("Cette réunion n'existe plus."))
        if party["voucher_id"] is not None:
            raise CrmError(N_("Le bon d'achat de cette réunion a déjà été remis."))
        if party["sales_cents"] <= 0:
            raise CrmError(N_("Cette réunion n'a pas encore de ventes : pas de bon d'achat à remettre."))
        return LoyaltyStore(self.database).issue_voucher(
            party["host_id"], "party", party["voucher_cents"], today, party_id=party_id
        )
