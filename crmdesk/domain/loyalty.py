"""Loyalty points: a ledger of batches, each with its own expiry (DOMAIN §7).

Earned points come in batches (> 0, usually one per order) that lapse on
their ``expires_on`` date (the last day they can be used; None = never).
Redemptions (< 0) use the batches that lapse first, the way a client would
want it. Entries that only record an expiry (reason « expired ») are
ignored: expiry is computed from the dates, so it is never counted twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

EXPIRY_REASON = "expired"


@dataclass(frozen=True)
class Entry:
    at: dt.date
    points: int
    expires_on: dt.date | None = None
    reason: str = ""


@dataclass(frozen=True)
class Balance:
    points: int                       # usable on `today`
    next_expiry: dt.date | None       # the next date some of them lapse
    expiring_points: int              # how many lapse on that date


def _lapse_key(batch: list) -> tuple:
    expires = batch[0]
    return (expires is None, expires or dt.date.max)


def balance(entries: Iterable[Entry], today: dt.date) -> Balance:
    """Usable points on `today` and the next expiry, redemptions taken from
    the batches that lapse first among those still valid when redeemed."""
    batches: list[list] = []   # [expires_on, points left]
    for entry in sorted(entries, key=lambda e: (e.at, e.points < 0)):
        if entry.points > 0:
            batches.append([entry.expires_on, entry.points])
        elif entry.points < 0 and entry.reason != EXPIRY_REASON:
            wanted = -entry.points
            for batch in sorted(batches, key=_lapse_key):
                if wanted == 0:
                    break
                if batch[0] is not None and batch[0] < entry.at:
                    continue
                used = min(wanted, batch[1])
                batch[1] -= used
                wanted -= used
    valid = [b for b in batches if b[1] > 0 and (b[0] is None or b[0] >= today)]
    points = sum(b[1] for b in valid)
    dated = [b for b in valid if b[0] is not None]
    if not dated:
        return Balance(points, None, 0)
    first = min(b[0] for b in dated)
    return Balance(points, first, sum(b[1] for b in dated if b[0] == first))
