"""Money is kept in integer cents; shown the French way (« 1 254,00 € »)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_

_GROUPING = re.compile(r"[\s\u00a0\u202f']")


def parse_amount(text: str | int | float | Decimal) -> int:
    """« 1 254,50 », « 1254.5 », « 1 254 € » -> 125450 cents."""
    if isinstance(text, int):
        return text * 100
    raw = _GROUPING.sub("", str(text)).replace("€", "").strip()
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise CrmError(N_("montant illisible « {text} »"), text=text) from None
    if not value.is_finite():
        raise CrmError(N_("montant illisible « {text} »"), text=text)
    cents = value * 100
    if cents != cents.to_integral_value():
        raise CrmError(N_("montant « {text} » : deux décimales au plus"), text=text)
    return int(cents)


def format_eur(cents: int | None, locale: str = "fr_FR") -> str:
    if cents is None:
        return ""
    from babel.numbers import format_currency  # babel loads its locale data on first use anyway

    return format_currency(Decimal(cents) / 100, "EUR", locale=locale)
