"""What both demo builders share: rows to insert, exact money splitting,
order lines, fictional identifiers, business days.

Everything is integer arithmetic on cents or driven by a seeded
random.Random, so that a demo built twice for the same day is the same file
content, on any machine.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from stdnum import luhn

from crmdesk.demo.names import FICTION_PREFIXES
from crmdesk.domain import deadline
from crmdesk.domain.contact import FIELD_NAMES, validate
from crmdesk.domain.text import fold
from crmdesk.store.contacts import prepare_bulk
from crmdesk.store.database import Database


# -- rows ---------------------------------------------------------------------
@dataclass
class Table:
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)


class Dataset:
    """Rows per table, in insertion order (parents before children)."""

    def __init__(self) -> None:
        self.tables: dict[str, Table] = {}

    def add(self, table: str, columns: Sequence[str], row: Sequence) -> None:
        columns = tuple(columns)
        current = self.tables.setdefault(table, Table(columns))
        if current.columns != columns:
            raise ValueError(f"{table}: columns differ between rows")
        if len(row) != len(columns):
            raise ValueError(f"{table}: {len(row)} values for {len(columns)} columns")
        current.rows.append(tuple(row))

    def add_dict(self, table: str, values: dict) -> None:
        self.add(table, tuple(values), tuple(values.values()))

    def write(self, database: Database) -> None:
        for name, table in self.tables.items():
            database.insert_many(name, table.columns, table.rows)


def setting(data: Dataset, key: str, value) -> None:
    data.add("settings", ("key", "value"), (key, json.dumps(value, ensure_ascii=False)))


def contact(data: Dataset, contact_id: int, values: dict, *, created: str) -> dict:
    """Validate a contact like the forms do, then queue it with its derived
    search and sort columns (prepare_bulk). Returns the clean values."""
    full = dict.fromkeys(FIELD_NAMES)
    full.update({"civility": "", "source": "", "preferred_channel": "", "country": "FR"})
    full.update(values)
    clean = validate(full)
    ((columns, row),) = list(prepare_bulk([clean]))
    record = dict(zip(columns, row))
    record["created_at"] = record["updated_at"] = created  # a fixed stamp, not now()
    data.add("contacts", ("id", *record), (contact_id, *record.values()))
    return clean


# -- money ----------------------------------------------------------------------
def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` cents in proportion to integer weights, exactly
    (largest remainder; ties to the first)."""
    if not weights:
        raise ValueError("nothing to allocate to")
    whole = sum(weights)
    parts = [total * w // whole for w in weights]
    rest = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[:rest]:
        parts[i] += 1
    return parts


@dataclass(frozen=True)
class Item:
    """A product as an order line sees it: the price charged to this client."""

    product_id: int
    category_id: int
    price: int  # cents
    weight: int  # how often it is bought


def weighted_sample(rng: random.Random, items: Sequence[Item], k: int) -> list[Item]:
    pool = list(items)
    weights = [i.weight for i in pool]
    chosen = []
    for _ in range(min(k, len(pool))):
        (index,) = rng.choices(range(len(pool)), weights=weights)
        chosen.append(pool.pop(index))
        weights.pop(index)
    return chosen


def order_lines(rng: random.Random, amount: int, items: Sequence[Item], k: int) -> list[tuple[Item, int, int]]:
    """Lines (item, quantity, discount cents) whose value adds up to `amount`.

    Catalogue prices and whole quantities; the last line absorbs the
    difference as a small discount (« remise »): among a shortlist of
    products it takes the one whose discount is the smallest share of its
    line, so discounts stay a few per cent at most.
    """
    chosen = weighted_sample(rng, items, k)
    targets = allocate(amount, [rng.randint(50, 150) for _ in chosen])
    lines: list[list] = []
    for item, target in zip(chosen[:-1], targets[:-1]):
        quantity = target // item.price
        if quantity:
            lines.append([item, quantity])
    remaining = amount - sum(item.price * q for item, q in lines)
    cheapest = min(i.price for i in items)
    while lines and remaining < 4 * cheapest:  # leave room for a sensible last line
        lines[-1][1] -= 1
        remaining += lines[-1][0].price
        if lines[-1][1] == 0:
            lines.pop()
    used = {item.product_id for item, _ in lines}
    fitting = [i for i in items if i.price <= remaining]
    shortlist = [i for i in fitting if i.product_id not in used] or fitting or [min(items, key=lambda i: i.price)]
    shortlist = weighted_sample(rng, shortlist, 8)

    def discount_share(item: Item) -> tuple:
        quantity = max(1, -(-remaining // item.price))
        discount = quantity * item.price - remaining
        return (discount / (quantity * item.price), item.product_id)

    last = min(shortlist, key=discount_share)
    quantity = max(1, -(-remaining // last.price))
    result = [(item, q, 0) for item, q in lines]
    result.append((last, quantity, quantity * last.price - remaining))
    assert sum(i.price * q - d for i, q, d in result) == amount
    return result


# -- dates ------------------------------------------------------------------------
def spread_days(rng: random.Random, count: int, first: dt.date, last: dt.date) -> list[dt.date]:
    """`count` distinct days between first and last (inclusive), one per slice
    of the period, so that regular clients order regularly. Sorted."""
    span = (last - first).days + 1
    if count > span:
        raise ValueError(f"{count} orders do not fit in {span} days")
    days: list[int] = []
    for index in range(count):
        low = index * span // count
        high = (index + 1) * span // count - 1
        days.append(rng.randint(low, max(low, high)))
    return [first + dt.timedelta(days=d) for d in sorted(days)]


def at(day: dt.date, hour: int, minute: int = 0) -> str:
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"


def add_business_days(start: dt.date, count: int, *, saturday: bool = True) -> dt.date:
    """`count` French working days after `start`: « jours ouvrables »
    (Monday–Saturday) by default, « ouvrés » (Monday–Friday) with
    saturday=False; public holidays never count. The day of reception
    itself does not count. The rule is domain/deadline.py's (mainland).
    """
    return deadline.due_date(start, count, "ouvrables" if saturday else "ouvres")


# -- identifiers ------------------------------------------------------------------
class Identities:
    """Unique fictional phone numbers, e-mail addresses and SIRETs."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._phones: set[str] = set()
        self._emails: set[str] = set()
        self._sirets: set[str] = set()

    def phone(self, zone: str) -> str:
        prefix = FICTION_PREFIXES[zone]
        while True:
            number = f"{prefix}{self.rng.randint(0, 9999):04d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def email(self, local: str, domain: str) -> str:
        base = slug(local, ".")
        candidate, n = f"{base}@{domain}", 1
        while candidate in self._emails:
            n += 1
            candidate = f"{base}{n}@{domain}"
        self._emails.add(candidate)
        return candidate

    def siret(self) -> str:
        """A SIRET that passes the Luhn checks of SIREN and SIRET."""
        while True:
            siren = f"{self.rng.randint(30_000_000, 99_999_999)}"
            siren += luhn.calc_check_digit(siren)
            body = f"{siren}{self.rng.randint(1, 99):04d}"
            number = body + luhn.calc_check_digit(body)
            if number not in self._sirets:
                self._sirets.add(number)
                return number


def slug(text: str, separator: str = "-") -> str:
    """« Hélène d'Arc » -> « helene-d-arc » (for e-mail addresses and domains)."""
    out, gap = [], False
    for ch in fold(text):
        if ch.isascii() and ch.isalnum():
            if gap and out:
                out.append(separator)
            out.append(ch)
            gap = False
        else:
            gap = True
    return "".join(out)
