"""Mailing list of one channel (e-mail, SMS, phone, post) as CSV or Excel,
honouring consent and opposition (docs/domain/08-personal-data.md; who is left out and why:
crmdesk/domain/mailing.py).

    counts = export_mailing(database, "liste.csv", "email")
    counts.written, counts.excluded      # 412, {"no_consent": 312, "opposition": 14, …}
    counts.summary()                     # « 412 contacts dans la liste e-mail ; 354 écartés : … »

Columns: code, civility, last_name, first_name, company, then the channel's
email / mobile / phone with consent_date and consent_source (the date and
source of the consent on that channel), or, for post, address, postal_code,
city and country (the country's French name, empty for France, as La Poste
wants it). Every live contact by N° client, streamed; cells are protected
against formulas as in every crmdesk export (crmdesk/io/export.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from crmdesk.domain import mailing as rules
from crmdesk.domain.errors import CrmError
from crmdesk.domain.mailing import MailingCounts
from crmdesk.i18n import N_
from crmdesk.io.export import TABLE_FORMATS, Progress, Table, export_phone, reporting, write_output, write_table
from crmdesk.io.vcard import country_name
from crmdesk.store import exports
from crmdesk.store import mailing as store
from crmdesk.store.database import Database

_WHO = ("code", "civility", "last_name", "first_name", "company")
_CONSENT = ("consent_date", "consent_source")
_REACH = {"email": "email", "sms": "mobile", "phone": "phone"}  # the column of the address or number
_WIDTHS = {
    "code": 12,
    "last_name": 20,
    "first_name": 16,
    "company": 24,
    "email": 30,
    "mobile": 16,
    "phone": 16,
    "consent_date": 12,
    "consent_source": 30,
    "address": 32,
    "city": 20,
    "country": 14,
}

TABLES = {
    **{
        channel: Table(
            title, _WHO + (_REACH[channel],) + _CONSENT, frozenset(("consent_date",)), _WIDTHS, N_("contacts")
        )
        for channel, title in (("email", "E-mail"), ("sms", "SMS"), ("phone", "Téléphone"))
    },
    "post": Table(
        "Courrier", _WHO + ("address", "postal_code", "city", "country"), frozenset(), _WIDTHS, N_("contacts")
    ),
}


def mailing_row(channel: str, contact: Mapping) -> dict[str, str]:
    """The list's row of a contact kept on the channel."""
    row = {name: contact[name] or "" for name in _WHO}
    if channel == "post":
        country = (contact["country"] or "FR").upper()
        row.update(
            address=contact["address"] or "",
            postal_code=contact["postal_code"] or "",
            city=contact["city"] or "",
            country="" if country == "FR" else country_name(country),
        )
        return row
    reach = rules.reach(channel, contact)
    row[_REACH[channel]] = reach if channel == "email" else export_phone(reach, contact["country"])
    row["consent_date"] = contact[f"consent_{channel}_date"] or ""
    row["consent_source"] = contact[f"consent_{channel}_source"] or ""
    return row


def export_mailing(
    database: Database, out: str | Path | BinaryIO, channel: str, fmt: str = "csv", *, progress: Progress | None = None
) -> MailingCounts:
    """Write the channel's mailing list to a path (atomically) or an open
    binary stream; returns how many contacts it holds and how many were left
    out, by reason."""
    rules.check_channel(channel)
    if fmt not in TABLE_FORMATS:
        raise CrmError(N_("format inconnu « {fmt} » pour une liste de diffusion (csv ou xlsx)"), fmt=fmt)

    def write(handle: BinaryIO) -> MailingCounts:
        counts = MailingCounts(channel)
        suppressed = rules.suppression_check(store.suppressed_hashes(database))
        total = exports.live_count(database)

        def kept(candidates):
            for contact in reporting(candidates, total, progress):
                reason = rules.exclusion(channel, contact, suppressed)
                counts.add(reason)
                if reason is None:
                    yield mailing_row(channel, contact)

        with contextlib.closing(iter(store.candidates(database))) as candidates:  # closed even on a full disk
            write_table(TABLES[channel], fmt, kept(candidates), handle, total)
        return counts

    return write_output(database, out, write)
