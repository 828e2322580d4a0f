"""The loyalty programme of a client file (docs/domain/07-follow-up-and-loyalty.md): points, rewards, cards,
vouchers, referral rewards, volume rebates and what the programme earns.

Points (crmdesk.domain.loyalty has the rules and the settings):

* `earn_for_order(order_id)` credits an order's points once (a unique index
  on the ledger sees to it): a batch dated the order's day, lapsing at the
  end of the month ``loyalty.validity_months`` later. It also rewards the
  referrer when the order is the client's first (`reward_referral`). Call it
  when an order is saved; `earn_missing(as_of)` does the same for every
  order not yet credited (imports, history, a file made before the
  programme) and can be run any number of times. Orders of channel
  « opening » (an imported « CA annuel ») and of clients in the trash earn
  nothing. A later change of an order's amount does not change its points.
* `redeem(contact_id, reward_id, today)` spends points on a reward of the
  catalogue; refused in French when the balance is short.
* `expire(as_of)` writes, for every batch whose last day is before `as_of`,
  one negative entry (reason « expired », batch_id = the batch) of the points
  it still held: a record for the client's statement and the reminders; the
  balance is computed from the dates and never counts it. Idempotent.

Cards: `issue_card` gives a number (« FID-<N° client> ») valid
``loyalty.card_months``; on a card already held it renews it (from the day
after its end while valid, from `today` once lapsed), keeping its number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crmdesk.domain import loyalty as rules
from crmdesk.domain import parties as party_rules
from crmdesk.domain import rebate as rebate_rules
from crmdesk.domain import referral as referral_rules
from crmdesk.domain.contact import display_name
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.periods import Period, same_period_last_year
from crmdesk.i18n import N_, _, ngettext
from crmdesk.store.database import Database
from crmdesk.store.settings import SettingsStore

# Every programme setting with its default and its bounds (see the domain modules).
DEFAULTS = {**rules.RULES, **party_rules.RULES, **referral_rules.RULES, **rebate_rules.RULES}
BOUNDS = {**rules.BOUNDS, **party_rules.BOUNDS, **referral_rules.BOUNDS, **rebate_rules.BOUNDS}
CHOICES = {"referral.reward_kind": referral_rules.KINDS, "rebate.base": rebate_rules.BASES}

_NO_POINTS_CHANNELS = ("opening",)

_ORDER = """
SELECT o.id, o.contact_id, o.date, o.amount_cents, o.channel, c.referred_by
  FROM orders o JOIN contacts c ON c.id = o.contact_id
 WHERE o.id = ? AND c.deleted_at IS NULL
"""

_MISSING_ORDERS = """
SELECT o.id, o.contact_id, o.date, o.amount_cents
  FROM orders o JOIN contacts c ON c.id = o.contact_id
 WHERE c.deleted_at IS NULL AND o.channel != 'opening' AND o.date < :until AND o.date >= :since
   AND NOT EXISTS (SELECT 1 FROM loyalty_ledger l WHERE l.order_id = o.id AND l.reason = 'order')
 ORDER BY o.date, o.id
"""

# Referred clients with an order and no reward yet, with their first order.
_UNREWARDED = """
SELECT c.id AS referred_id, c.referred_by AS referrer_id,
       (SELECT o.id FROM orders o WHERE o.contact_id = c.id AND o.date < :until
         ORDER BY o.date, o.id LIMIT 1) AS order_id
  FROM contacts c
 WHERE c.referred_by IS NOT NULL AND c.referred_by != c.id AND c.deleted_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM referral_rewards r WHERE r.referred_id = c.id)
   AND EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = c.id AND o.date < :until)
 ORDER BY c.id
"""

# Batches past their last day that have no expiry entry yet, by client.
_EXPIRED_CONTACTS = """
SELECT DISTINCT b.contact_id FROM loyalty_ledger b
 WHERE b.points > 0 AND b.expires_on < ?
   AND NOT EXISTS (SELECT 1 FROM loyalty_ledger e WHERE e.batch_id = b.id)
 ORDER BY b.contact_id
"""

_LEDGER = """
SELECT l.id, l.at, l.points, l.reason, l.order_id, l.reward_id, l.expires_on, l.batch_id,
       o.ref AS order_ref, r.name AS reward_name
  FROM loyalty_ledger l
  LEFT JOIN orders o ON o.id = l.order_id
  LEFT JOIN loyalty_rewards r ON r.id = l.reward_id
 WHERE l.contact_id = ? ORDER BY l.at DESC, l.id DESC
"""

_REVENUE_BY_CLIENT = """
SELECT c.id, c.code, c.kind, c.last_name, c.first_name, c.company,
       sum(o.amount_cents) AS revenue_cents, count(*) AS orders
  FROM orders o JOIN contacts c ON c.id = o.contact_id
 WHERE o.date >= ? AND o.date < ? AND c.deleted_at IS NULL {only}
 GROUP BY c.id ORDER BY revenue_cents DESC, c.code
"""

# Revenue of card holders (a card valid since `start` or earlier) and of the others.
_MEMBER_REVENUE = """
SELECT (k.contact_id IS NOT NULL) AS member, ifnull(sum(o.amount_cents), 0) AS cents,
       count(DISTINCT o.contact_id) AS clients
  FROM orders o LEFT JOIN loyalty_cards k ON k.contact_id = o.contact_id AND k.valid_from <= :start
 WHERE o.date >= :from AND o.date < :to
 GROUP BY 1
"""


def _bad_choice(key: str, value) -> str | None:
    """Why `value` is not one of the choices of setting `key` (French), None when it is."""
    choices = CHOICES[key]
    return (
        None
        if value in choices
        else _("« {value} » : choisir parmi {choices}", value=value, choices=", ".join(choices))
    )


def _day_after(day: dt.date) -> str:
    return (day + dt.timedelta(days=1)).isoformat()


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


@dataclass(frozen=True)
class Rebate:
    contact_id: int
    code: str
    name: str
    revenue_cents: int
    orders: int
    basis_cents: int
    rebate_cents: int


class LoyaltyStore:
    def __init__(self, database: Database):
        self.database = database
        self.settings = SettingsStore(database)

    @property
    def conn(self):
        return self.database.conn

    # -- settings ------------------------------------------------------------------------------
    def rules(self) -> dict:
        """Every programme setting, the file's value or the default; CrmError in
        French when a value stored by hand (crmdesk config set) is not valid."""
        values = {key: self.settings.get(key, default) for key, default in DEFAULTS.items()}
        try:
            values.update(rules.check_settings(values, BOUNDS))
        except ValidationError as exc:
            problems = dict(exc.problems)
        else:
            problems = {}
        problems.update({key: why for key in CHOICES if (why := _bad_choice(key, values[key]))})
        if problems:
            raise CrmError(
                N_("Réglage du programme de fidélité invalide — {problems}. Corrigez-le dans Fidélité › Réglages…"),
                problems=" ; ".join(f"{key} : {why}" for key, why in problems.items()),
            )
        return values

    def save_rules(self, values: dict) -> dict:
        """Check and store programme settings in one transaction (ValidationError in
        French per key); returns what was stored."""
        try:
            clean, problems = rules.check_settings(values, BOUNDS), {}
        except ValidationError as exc:
            clean, problems = {}, dict(exc.problems)
        for key in (k for k in CHOICES if k in values):
            if why := _bad_choice(key, values[key]):
                problems[key] = why
            else:
                clean[key] = values[key]
        if problems:
            raise ValidationError(problems)
        with self.database.atomic():
            for key, value in clean.items():
                if self.settings.get(key) != value:
                    self.settings.set(key, value)
        return clean

    def rebate_rule(self) -> rebate_rules.RebateRule:
        return rebate_rules.RebateRule.from_settings(self.rules().get)

    # -- the ledger ----------------------------------------------------------------------------
    def entries(self, contact_id: int) -> list[dict]:
        """The client's ledger, newest first, each with `label` (French, what the movement is)."""
        out = []
        for row in self.conn.execute(_LEDGER, (contact_id,)):
            entry = dict(row)
            entry["label"] = _label(entry)
            out.append(entry)
        return out

    def ledger_entries(self, contact_id: int) -> list[rules.Entry]:
        """The client's ledger as crmdesk.domain.loyalty computes balances from it."""
        return [
            rules.Entry(_date(r["at"]), r["points"], _date(r["expires_on"]), r["reason"], r["id"])
            for r in self.conn.execute(
                "SELECT id, at, points, expires_on, reason FROM loyalty_ledger WHERE contact_id = ?", (contact_id,)
            )
        ]

    def balance(self, contact_id: int, today: dt.date) -> rules.Balance:
        return rules.balance(self.ledger_entries(contact_id), today)

    def earn_for_order(self, order_id: int, today: dt.date | None = None) -> int:
        """Credit an order's points (once); reward the referrer when it is the
        client's first order. Returns the points credited now (0 if none or already)."""
        row = self.conn.execute(_ORDER, (order_id,)).fetchone()
        if row is None or row["channel"] in _NO_POINTS_CHANNELS:
            return 0
        with self.database.atomic():
            points = self._earn(row, self.rules())
            first = self.conn.execute(
                "SELECT id FROM orders WHERE contact_id = ? ORDER BY date, id LIMIT 1", (row["contact_id"],)
            ).fetchone()[0]
            if first == order_id and row["referred_by"] is not None:
                self.reward_referral(row["contact_id"], today or _date(row["date"]))
        return points

    def earn_for_contact(self, contact_id: int, today: dt.date | None = None) -> int:
        """Credit the orders of one client not credited yet (after an order is typed)."""
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT o.id FROM orders o WHERE o.contact_id = ? AND NOT EXISTS (SELECT 1 FROM loyalty_ledger l "
                "WHERE l.order_id = o.id AND l.reason = ?) ORDER BY o.date, o.id",
                (contact_id, rules.ORDER_REASON),
            )
        ]
        return sum(self.earn_for_order(order_id, today) for order_id in ids)

    def _earn(self, order, settings: dict) -> int:
        if self.database.scalar(
            "SELECT 1 FROM loyalty_ledger WHERE order_id = ? AND reason = ?", (order["id"], rules.ORDER_REASON)
        ):
            return 0
        points = rules.points_for(order["amount_cents"], settings["loyalty.points_per_euro"])
        if points <= 0:
            return 0
        day = _date(order["date"])
        self.conn.execute(
            "INSERT INTO loyalty_ledger(contact_id, at, points, reason, order_id, expires_on) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                order["contact_id"],
                day.isoformat(),
                points,
                rules.ORDER_REASON,
                order["id"],
                rules.batch_expiry(day, int(settings["loyalty.validity_months"])).isoformat(),
            ),
        )
        return points

    def earn_missing(self, as_of: dt.date, since: dt.date | None = None) -> dict:
        """Credit every order dated up to `as_of` (and from `since`) not credited yet,
        and reward the referrals due; idempotent. Returns the counts."""
        settings = self.rules()
        counts = {"orders": 0, "points": 0, "referrals": 0}
        with self.database.atomic():
            for order in self.conn.execute(
                _MISSING_ORDERS, {"until": _day_after(as_of), "since": since.isoformat() if since else ""}
            ).fetchall():
                points = self._earn(order, settings)
                if points:
                    counts["orders"] += 1
                    counts["points"] += points
            for row in self.conn.execute(_UNREWARDED, {"until": _day_after(as_of)}).fetchall():
                counts["referrals"] += self._reward(
                    row["referred_id"], row["referrer_id"], row["order_id"], as_of, settings
                )
            if counts["orders"] or counts["referrals"]:
                self.database.audit("loyalty", None, "earn", counts)
        return counts

    def redeem(self, contact_id: int, reward_id: int, today: dt.date) -> int:
        """Spend points on a reward; CrmError in French when the reward is not
        available or the balance is short. Returns the ledger entry's id."""
        reward = self.conn.execute("SELECT * FROM loyalty_rewards WHERE id = ?", (reward_id,)).fetchone()
        if reward is None or not reward["active"]:
            raise CrmError(N_("Cette récompense n'est plus proposée."))
        with self.database.atomic():
            if (
                self.database.scalar("SELECT 1 FROM contacts WHERE id = ? AND deleted_at IS NULL", (contact_id,))
                is None
            ):
                raise CrmError(N_("Ce client n'existe plus."))
            available = self.balance(contact_id, today).points
            if available < reward["points"]:
                raise CrmError(
                    N_(
                        "Solde insuffisant : {available} disponible(s) le {day:%d/%m/%Y}, la récompense « {reward} » "
                        "en demande {wanted}. Rien n'a été débité."
                    ),
                    available=format_points(available),
                    day=today,
                    reward=reward["name"],
                    wanted=format_points(reward["points"]),
                )
            cursor = self.conn.execute(
                "INSERT INTO loyalty_ledger(contact_id, at, points, reason, reward_id) VALUES (?, ?, ?, ?, ?)",
                (contact_id, today.isoformat(), -reward["points"], rules.REWARD_REASON, reward_id),
            )
            self.database.audit(
                "contact",
                contact_id,
                "redeem",
                {"reward": [None, reward["name"]], "points": [available, available - reward["points"]]},
            )
        return int(cursor.lastrowid)

    def expire(self, as_of: dt.date) -> dict:
        """Record the points lapsed before `as_of`, one entry per batch; idempotent."""
        counts = {"batches": 0, "points": 0, "clients": 0}
        with self.database.atomic():
            contacts = [r[0] for r in self.conn.execute(_EXPIRED_CONTACTS, (as_of.isoformat(),)).fetchall()]
            for contact_id in contacts:
                recorded = {
                    r[0]
                    for r in self.conn.execute(
                        "SELECT batch_id FROM loyalty_ledger WHERE contact_id = ? AND batch_id IS NOT NULL",
                        (contact_id,),
                    )
                }
                gone = [
                    item
                    for item in rules.lapsed(self.ledger_entries(contact_id), as_of)
                    if item.batch.id not in recorded
                ]
                for item in gone:
                    self.conn.execute(
                        "INSERT INTO loyalty_ledger(contact_id, at, points, reason, batch_id) VALUES (?, ?, ?, ?, ?)",
                        (
                            contact_id,
                            _day_after(item.batch.expires_on),
                            -item.points,
                            rules.EXPIRY_REASON,
                            item.batch.id,
                        ),
                    )
                    counts["batches"] += 1
                    counts["points"] += item.points
                counts["clients"] += bool(gone)
            if counts["batches"]:
                self.database.audit("loyalty", None, "expire", {**counts, "as_of": as_of.isoformat()})
        return counts

    # -- rewards catalogue -------------------------------------------------------------------
    def rewards(self, *, active_only: bool = True) -> list[dict]:
        where = "WHERE active = 1" if active_only else ""
        return [dict(r) for r in self.conn.execute(f"SELECT * FROM loyalty_rewards {where} ORDER BY points, name")]

    def add_reward(self, name: str, points: int, value_cents: int = 0) -> int:
        name = " ".join((name or "").split())
        problems = {}
        if not name:
            problems["name"] = _("donnez un nom à la récompense")
        if not isinstance(points, int) or points <= 0:
            problems["points"] = _("le nombre de points doit être supérieur à zéro")
        if not isinstance(value_cents, int) or value_cents < 0:
            problems["value"] = _("la valeur ne peut pas être négative")
        if problems:
            raise ValidationError(problems)
        with self.database.atomic():
            cursor = self.conn.execute(
                "INSERT INTO loyalty_rewards(name, points, value_cents) VALUES (?, ?, ?)", (name, points, value_cents)
            )
            self.database.audit("reward", cursor.lastrowid, "create", {"name": [None, name], "points": [None, points]})
        return int(cursor.lastrowid)

    def set_reward_active(self, reward_id: int, active: bool) -> None:
        with self.database.atomic():
            self.conn.execute("UPDATE loyalty_rewards SET active = ? WHERE id = ?", (int(active), reward_id))
            self.database.audit("reward", reward_id, "update", {"active": [not active, active]})

    # -- cards -----------------------------------------------------------------------------------
    def card(self, contact_id: int) -> dict | None:
        row = self.conn.execute("SELECT * FROM loyalty_cards WHERE contact_id = ?", (contact_id,)).fetchone()
        return dict(row) if row else None

    def issue_card(self, contact_id: int, today: dt.date) -> dict:
        """Issue a card, or renew the one held; returns the card."""
        months = int(self.rules()["loyalty.card_months"])
        with self.database.atomic():
            code = self.database.scalar("SELECT code FROM contacts WHERE id = ? AND deleted_at IS NULL", (contact_id,))
            if code is None:
                raise CrmError(N_("Ce client n'existe plus."))
            card = self.card(contact_id)
            if card is None:
                number = self._free_number(f"FID-{code}")
                start, end = rules.card_validity(today, months)
                self.conn.execute(
                    "INSERT INTO loyalty_cards(contact_id, number, valid_from, valid_until) VALUES (?, ?, ?, ?)",
                    (contact_id, number, start.isoformat(), end.isoformat()),
                )
                self.database.audit(
                    "contact", contact_id, "card", {"number": [None, number], "valid_until": [None, end.isoformat()]}
                )
            else:
                until = _date(card["valid_until"])
                start = until + dt.timedelta(days=1) if until >= today else today
                _, end = rules.card_validity(start, months)
                valid_from = card["valid_from"] if until >= today else start.isoformat()
                self.conn.execute(
                    "UPDATE loyalty_cards SET valid_from = ?, valid_until = ? WHERE contact_id = ?",
                    (valid_from, end.isoformat(), contact_id),
                )
                self.database.audit(
                    "contact", contact_id, "card", {"valid_until": [card["valid_until"], end.isoformat()]}
                )
        return self.card(contact_id)

    def _free_number(self, wanted: str) -> str:
        number, n = wanted, 1
        while self.database.scalar("SELECT 1 FROM loyalty_cards WHERE number = ?", (number,)):
            n += 1
            number = f"{wanted}-{n}"
        return number

    # -- vouchers --------------------------------------------------------------------------------
    def vouchers(self, contact_id: int) -> list[dict]:
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT * FROM vouchers WHERE contact_id = ? ORDER BY issued_on DESC, id DESC", (contact_id,)
            )
        ]

    def issue_voucher(
        self, contact_id: int, source: str, amount_cents: int, today: dt.date, party_id: int | None = None
    ) -> int:
        """A voucher valid ``loyalty.validity_months`` (the caller holds the checks)."""
        months = int(self.rules()["loyalty.validity_months"])
        _, until = rules.card_validity(today, months)
        with self.database.atomic():
            cursor = self.conn.execute(
                "INSERT INTO vouchers(contact_id, source, party_id, amount_cents, issued_on, valid_until) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (contact_id, source, party_id, amount_cents, today.isoformat(), until.isoformat()),
            )
            self.database.audit(
                "contact", contact_id, "voucher", {"source": [None, source], "amount_cents": [None, amount_cents]}
            )
        return int(cursor.lastrowid)

    def use_voucher(self, voucher_id: int, day: dt.date) -> None:
        """Mark a voucher spent (refused in French when already spent or lapsed)."""
        row = self.conn.execute("SELECT * FROM vouchers WHERE id = ?", (voucher_id,)).fetchone()
        if row is None:
            raise CrmError(N_("Ce bon d'achat n'existe plus."))
        if row["used_on"]:
            raise CrmError(N_("Ce bon d'achat a déjà été utilisé le {day:%d/%m/%Y}."), day=_date(row["used_on"]))
        if row["valid_until"] and _date(row["valid_until"]) < day:
            raise CrmError(
                N_("Ce bon d'achat n'est plus valable depuis le {day:%d/%m/%Y}."), day=_date(row["valid_until"])
            )
        with self.database.atomic():
            self.conn.execute("UPDATE vouchers SET used_on = ? WHERE id = ?", (day.isoformat(), voucher_id))
            self.database.audit("contact", row["contact_id"], "voucher_used", {"voucher": [None, voucher_id]})

    # -- referral --------------------------------------------------------------------------------
    def reward_referral(self, referred_id: int, today: dt.date) -> bool:
        """Reward the referrer of `referred_id` if the referred client has ordered
        and was never rewarded for; True when a reward was given now."""
        row = self.conn.execute(
            "SELECT referred_by, (SELECT id FROM orders WHERE contact_id = c.id ORDER BY date, id LIMIT 1) "
            "FROM contacts c WHERE id = ?",
            (referred_id,),
        ).fetchone()
        if row is None or row[1] is None:
            return False
        with self.database.atomic():
            return bool(self._reward(referred_id, row[0], row[1], today, self.rules()))

    def _reward(self, referred_id: int, referrer_id: int | None, order_id: int, today: dt.date, settings: dict) -> int:
        host = self.database.scalar(
            "SELECT p.host_id FROM orders o JOIN parties p ON p.id = o.party_id WHERE o.id = ?", (order_id,)
        )
        if not referral_rules.earns_reward(referrer_id, referred_id, 0, host):
            return 0
        if self.database.scalar("SELECT 1 FROM referral_rewards WHERE referred_id = ?", (referred_id,)):
            return 0
        reward = referral_rules.ReferralReward.from_settings(settings.get)
        ledger_id = voucher_id = None
        if reward.kind == "points" and reward.points > 0:
            ledger_id = self.conn.execute(
                "INSERT INTO loyalty_ledger(contact_id, at, points, reason, expires_on) VALUES (?, ?, ?, ?, ?)",
                (
                    referrer_id,
                    today.isoformat(),
                    reward.points,
                    rules.REFERRAL_REASON,
                    rules.batch_expiry(today, int(settings["loyalty.validity_months"])).isoformat(),
                ),
            ).lastrowid
        elif reward.kind == "voucher" and reward.cents > 0:
            voucher_id = self.issue_voucher(referrer_id, "referral", reward.cents, today)
        self.conn.execute(
            "INSERT INTO referral_rewards(referred_id, referrer_id, order_id, rewarded_on, kind, points, ledger_id, "
            "voucher_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (referred_id, referrer_id, order_id, today.isoformat(), reward.kind, reward.points, ledger_id, voucher_id),
        )
        self.database.audit(
            "contact", referrer_id, "referral_reward", {"referred": [None, referred_id], "kind": [None, reward.kind]}
        )
        return 1

    def referral_info(self, contact_id: int) -> dict:
        """Who referred the client, and whom she referred (with the reward given, if any)."""
        referrer = self.conn.execute(
            "SELECT p.id, p.code, p.kind, p.last_name, p.first_name, p.company FROM contacts c "
            "JOIN contacts p ON p.id = c.referred_by WHERE c.id = ?",
            (contact_id,),
        ).fetchone()
        referred = []
        for row in self.conn.execute(
            "SELECT c.id, c.code, c.kind, c.last_name, c.first_name, c.company, r.rewarded_on, r.kind AS reward, "
            "r.points, v.amount_cents FROM contacts c LEFT JOIN referral_rewards r ON r.referred_id = c.id "
            "LEFT JOIN vouchers v ON v.id = r.voucher_id "
            "WHERE c.referred_by = ? AND c.deleted_at IS NULL ORDER BY c.name_key, c.id",
            (contact_id,),
        ):
            item = dict(row)
            item["name"] = display_name(item)
            referred.append(item)
        return {
            "referrer": {**dict(referrer), "name": display_name(dict(referrer))} if referrer else None,
            "referred": referred,
        }

    # -- volume rebate ---------------------------------------------------------------------------
    def rebates(
        self,
        period: Period,
        rule: rebate_rules.RebateRule | None = None,
        contact_id: int | None = None,
        *,
        earning_only: bool = False,
    ) -> list[Rebate]:
        """Per client with orders in `period`: revenue, basis and rebate, biggest revenue first."""
        rule = rule or self.rebate_rule()
        only, params = "", [period.start.isoformat(), _day_after(period.end)]
        if contact_id is not None:
            only, params = "AND c.id = ?", [*params, contact_id]
        out = []
        for row in self.conn.execute(_REVENUE_BY_CLIENT.format(only=only), params):
            revenue = int(row["revenue_cents"])
            item = Rebate(
                row["id"],
                row["code"],
                display_name(dict(row)),
                revenue,
                int(row["orders"]),
                rule.basis_cents(revenue),
                rule.rebate_cents(revenue),
            )
            if item.rebate_cents or not earning_only:
                out.append(item)
        return out

    def orders_in(self, contact_id: int, period: Period) -> list[dict]:
        """The client's orders of the period (a rebate statement's detail)."""
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT id, ref, date, amount_cents, channel FROM orders WHERE contact_id = ? AND "
                "date >= ? AND date < ? "
                "ORDER BY date, id",
                (contact_id, period.start.isoformat(), _day_after(period.end)),
            )
        ]

    # -- profitability -----------------------------------------------------------------------------
    def profitability(self, period: Period, before: Period | None = None) -> dict:
        """The programme over `period` against `before` (the same period a year
        earlier by default): see crmdesk.domain.loyalty.Profitability. Members =
        clients holding a card valid since the start of `period` or earlier."""
        before = before or same_period_last_year(period)
        revenue = {}
        for name, span in (("now", period), ("before", before)):
            rows = self.conn.execute(
                _MEMBER_REVENUE,
                {"start": period.start.isoformat(), "from": span.start.isoformat(), "to": _day_after(span.end)},
            )
            revenue[name] = {bool(r["member"]): (int(r["cents"]), int(r["clients"])) for r in rows}
        costs = self.costs(period)
        result = rules.Profitability(
            members_before=revenue["before"].get(True, (0, 0))[0],
            members_now=revenue["now"].get(True, (0, 0))[0],
            others_before=revenue["before"].get(False, (0, 0))[0],
            others_now=revenue["now"].get(False, (0, 0))[0],
            cost_cents=sum(costs.values()),
        )
        members = int(
            self.database.scalar(
                "SELECT count(*) FROM loyalty_cards WHERE valid_from <= ?", (period.start.isoformat(),)
            )
        )
        return {"period": period, "before": before, "result": result, "costs": costs, "members": members}

    def costs(self, period: Period) -> dict:
        """What the programme cost over `period`, in cents: rewards redeemed (their
        value), vouchers spent, cards in force (``loyalty.card_cost_cents`` each)."""
        start, end = period.start.isoformat(), _day_after(period.end)
        rewards = self.database.scalar(
            "SELECT ifnull(sum(r.value_cents), 0) FROM loyalty_ledger l JOIN loyalty_rewards r ON r.id = l.reward_id "
            "WHERE l.reason = ? AND l.at >= ? AND l.at < ?",
            (rules.REWARD_REASON, start, end),
        )
        vouchers = self.database.scalar(
            "SELECT ifnull(sum(amount_cents), 0) FROM vouchers WHERE used_on >= ? AND used_on < ?", (start, end)
        )
        cards = self.database.scalar(
            "SELECT count(*) FROM loyalty_cards WHERE valid_from <= ? AND valid_until >= ?",
            (period.end.isoformat(), start),
        )
        return {
            "rewards": int(rewards),
            "vouchers": int(vouchers),
            "cards": int(cards) * int(self.rules()["loyalty.card_cost_cents"]),
        }


def format_points(n: int) -> str:
    """« 1 254 points » (French grouping), for messages and statements."""
    return ngettext("{number} point", "{number} points", n, number=f"{n:,}".replace(",", "\u202f"))


def _label(entry: dict) -> str:
    """What a ledger movement is, in the interface language."""
    reason = entry["reason"]
    if reason == rules.ORDER_REASON:
        return _("Commande {ref}", ref=entry["order_ref"]) if entry.get("order_ref") else _("Commande")
    if reason == rules.REWARD_REASON:
        return _("Récompense : {name}", name=entry["reward_name"]) if entry.get("reward_name") else _("Récompense")
    if reason == rules.EXPIRY_REASON:
        return _("Points expirés")
    if reason == rules.REFERRAL_REASON:
        return _("Parrainage")
    return reason
