"""Home parties (réunions à domicile): the host's voucher and what a party must hold
(docs/domain/07-follow-up-and-loyalty.md).

An ambassador holds a demonstration at a host's home with about ten
friends; the host is thanked with a voucher (bon d'achat) worth
``parties.voucher_rate`` (0.10 = 10 %) of the sales made at her party: the
orders whose party is this one, the host's own order included, rounded half
up to the cent. Each party keeps the rate in force when it was created, so a
later change of the setting does not rewrite past vouchers. Guests become
prospects (or clients when they order) and can host a party in turn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from crmdesk.domain.errors import ValidationError
from crmdesk.domain.loyalty import percent_cents
from crmdesk.i18n import N_, _

VOUCHER_RATE = 0.10
RULES = {"parties.voucher_rate": VOUCHER_RATE}
BOUNDS = {"parties.voucher_rate": (False, 0, 1, N_("taux du bon d'achat de l'hôtesse (0,10 = 10 %)"))}


def voucher_cents(sales_cents: int, rate: float = VOUCHER_RATE) -> int:
    """The host's voucher: `rate` of the party's sales, rounded half up to the cent."""
    return percent_cents(sales_cents, rate)


def check_party(
    host_id: int | None, date: str | None, guests: Iterable[int], rate, today: dt.date | None = None
) -> dict[str, str]:
    """Problems of a party as typed: field -> French reason (empty = fine).

    A party needs a host and a real date (a planned party may be in the
    future); the host is not her own guest; a guest is listed once; the rate
    is between 0 and 1.
    """
    problems: dict[str, str] = {}
    if host_id is None:
        problems["host"] = _("choisissez l'hôtesse (le client qui reçoit)")
    try:  # ISO text only: Python 3.11 also reads « 20261114 » and « 2026-W46-6 », which would be stored as is
        if dt.date.fromisoformat(date or "").isoformat() != date:
            raise ValueError
    except ValueError:
        problems["date"] = _("date de réunion invalide « {date} »", date=date or "")
    guests = list(guests)
    if host_id is not None and host_id in guests:
        problems["guests"] = _("l'hôtesse ne peut pas être sa propre invitée")
    elif len(set(guests)) != len(guests):
        problems["guests"] = _("une invitée est inscrite deux fois")
    try:
        value = float(rate)
        if not 0 <= value <= 1:
            raise ValueError
    except (TypeError, ValueError):
        problems["voucher_rate"] = _("le taux du bon d'achat va de 0 à 1 (0,10 = 10 %)")
    return problems


def raise_problems(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)
