"""Loyalty points: a ledger of batches, each with its own expiry (docs/domain/07-follow-up-and-loyalty.md).

Earned points come in batches (> 0, usually one per order) that lapse on
their ``expires_on`` date (the last day they can be used; None = never).
Redemptions (< 0) use the batches that lapse first, the way a client would
want it. Entries that only record an expiry (reason « expired ») are
ignored: expiry is computed from the dates, so it is never counted twice.

The rules of the programme (settings of the file, defaults in RULES):

* ``loyalty.points_per_euro`` (1): an order of 54,90 € earns
  floor(54,90 × 1) = 54 points; partial points are dropped.
* ``loyalty.validity_months`` (12): a batch earned on 15/06/2025 can be
  used up to the end of the month 12 months later, 30/06/2026 included
  (one expiry date per month keeps the client's statement short).
* ``loyalty.card_months`` (12): a card issued or renewed on a day is valid
  that many months, to the day before (issued 23/11/2026 → until 22/11/2027).
* ``loyalty.card_cost_cents`` (0): what one card in force costs the firm
  over a period (making, sending), counted in the programme's cost.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from crmdesk.domain.dates import add_months
from crmdesk.domain.errors import ValidationError
from crmdesk.i18n import N_, _

EXPIRY_REASON = "expired"
ORDER_REASON = "order"  # points earned by an order (order_id set)
REWARD_REASON = "reward"  # points spent on a reward of the catalogue (reward_id set)
REFERRAL_REASON = "referral"  # points given to a referrer (parrain)
ADJUST_REASON = "adjustment"

# Setting key -> default value (the programme as shipped).
RULES = {
    "loyalty.points_per_euro": 1.0,
    "loyalty.validity_months": 12,
    "loyalty.card_months": 12,
    "loyalty.card_cost_cents": 0,
}


@dataclass(frozen=True)
class Entry:
    at: dt.date
    points: int
    expires_on: dt.date | None = None
    reason: str = ""
    id: int | None = None  # the ledger row, to name a lapsed batch


@dataclass(frozen=True)
class Balance:
    points: int  # usable on `today`
    next_expiry: dt.date | None  # the next date some of them lapse
    expiring_points: int  # how many lapse on that date


@dataclass(frozen=True)
class Lapsed:
    """What was left of a batch when it lapsed."""

    batch: Entry
    points: int


# -- rates and dates -----------------------------------------------------------------------
def percent_cents(cents: int, rate: float) -> int:
    """`rate` (0.10 = 10 %) of an amount in cents, rounded half up to the cent."""
    value = Decimal(int(cents)) * Decimal(str(rate))
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def points_for(amount_cents: int, points_per_euro: float) -> int:
    """Points earned by an amount: floor(euros × points per euro), never negative."""
    value = Decimal(int(amount_cents)) * Decimal(str(points_per_euro)) / 100
    return max(0, int(value.to_integral_value(rounding=ROUND_FLOOR)))


def batch_expiry(earned_on: dt.date, months: int) -> dt.date:
    """Last day a batch earned on `earned_on` can be used: end of the month, `months` later."""
    later = add_months(earned_on.replace(day=1), months)
    return later.replace(day=calendar.monthrange(later.year, later.month)[1])


def card_validity(start: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """(valid_from, valid_until) of a card issued or renewed on `start`."""
    return start, add_months(start, months) - dt.timedelta(days=1)


# -- the ledger ----------------------------------------------------------------------------
def _lapse_key(batch: list) -> tuple:
    expires = batch[0].expires_on
    return (expires is None, expires or dt.date.max)


def _batches(entries: Iterable[Entry]) -> list[list]:
    """[batch entry, points left] after every redemption, in earning order."""
    batches: list[list] = []
    for entry in sorted(entries, key=lambda e: (e.at, e.points < 0)):
        if entry.points > 0:
            batches.append([entry, entry.points])
        elif entry.points < 0 and entry.reason != EXPIRY_REASON:
            wanted = -entry.points
            for batch in sorted(batches, key=_lapse_key):
                if wanted == 0:
                    break
                expires = batch[0].expires_on
                if expires is not None and expires < entry.at:
                    continue
                used = min(wanted, batch[1])
                batch[1] -= used
                wanted -= used
    return batches


def balance(entries: Iterable[Entry], today: dt.date) -> Balance:
    """Usable points on `today` and the next expiry, redemptions taken from
    the batches that lapse first among those still valid when redeemed."""
    valid = [
        (b[0].expires_on, b[1])
        for b in _batches(entries)
        if b[1] > 0 and (b[0].expires_on is None or b[0].expires_on >= today)
    ]
    points = sum(left for _, left in valid)
    dated = [(expires, left) for expires, left in valid if expires is not None]
    if not dated:
        return Balance(points, None, 0)
    first = min(expires for expires, _ in dated)
    return Balance(points, first, sum(left for expires, left in dated if expires == first))


def lapsed(entries: Iterable[Entry], as_of: dt.date) -> list[Lapsed]:
    """The batches whose last day is before `as_of` with points left unused,
    oldest expiry first: what an expiry run records (one entry per batch)."""
    out = [
        Lapsed(b[0], b[1])
        for b in _batches(entries)
        if b[1] > 0 and b[0].expires_on is not None and b[0].expires_on < as_of
    ]
    return sorted(out, key=lambda item: (item.batch.expires_on, item.batch.at))


# -- settings ------------------------------------------------------------------------------
def _number(problems: dict, key: str, value, *, integer: bool, low: float, high: float, label: str):
    try:
        number = float(str(value).replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        if not math.isfinite(number):
            raise ValueError
    except ValueError:
        problems[key] = _("{label} : nombre attendu, pas « {value} »", label=_(label), value=value)
        return None
    if integer:
        if number != int(number):
            problems[key] = _("{label} : nombre entier attendu", label=_(label))
            return None
        number = int(number)
    if not low <= number <= high:
        problems[key] = _("{label} : entre {low:g} et {high:g}", label=_(label), low=low, high=high)
        return None
    return number


# key -> (integer?, min, max, French label); shared by every programme setting
BOUNDS = {
    "loyalty.points_per_euro": (False, 0, 1000, N_("points par euro")),
    "loyalty.validity_months": (True, 1, 120, N_("validité des points (mois)")),
    "loyalty.card_months": (True, 1, 120, N_("validité de la carte (mois)")),
    "loyalty.card_cost_cents": (True, 0, 100_000_00, N_("coût d'une carte (centimes)")),
}


def check_settings(values: Mapping, bounds: Mapping = BOUNDS) -> dict:
    """The values of `bounds`' keys checked and converted (ValidationError with
    French reasons per key); keys not in `values` are left out."""
    problems: dict[str, str] = {}
    out = {}
    for key, (integer, low, high, label) in bounds.items():
        if key in values:
            number = _number(problems, key, values[key], integer=integer, low=low, high=high, label=label)
            if number is not None:
                out[key] = number
    if problems:
        raise ValidationError(problems)
    return out


# -- profitability of the programme ---------------------------------------------------------
@dataclass(frozen=True)
class Profitability:
    """Members' extra revenue over a period against the programme's cost.

    extra = members_now − members_before × (others_now / others_before):
    what members bought beyond what they would have bought had their revenue
    moved like the non-members' over the same two periods (others_before = 0:
    no trend, members_before is the expectation). net = extra − cost;
    return_rate = extra / cost (None when nothing was spent).
    """

    members_before: int
    members_now: int
    others_before: int
    others_now: int
    cost_cents: int

    @property
    def members_change(self) -> float | None:
        return None if not self.members_before else self.members_now / self.members_before - 1

    @property
    def others_change(self) -> float | None:
        return None if not self.others_before else self.others_now / self.others_before - 1

    @property
    def expected_cents(self) -> int:
        if not self.others_before:
            return self.members_before
        value = Decimal(self.members_before) * Decimal(self.others_now) / Decimal(self.others_before)
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def extra_cents(self) -> int:
        return self.members_now - self.expected_cents

    @property
    def net_cents(self) -> int:
        return self.extra_cents - self.cost_cents

    @property
    def return_rate(self) -> float | None:
        return None if not self.cost_cents else self.extra_cents / self.cost_cents
