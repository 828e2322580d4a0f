"""The letters of a complaint, from the client file: one entry point for the
window and the command line.

    result = write_complaint_letter(database, complaint_id, "closure", out, today=...)
    result.warnings      # French (or English) sentences to show: no mediator, no QR code…
    record_letter(database, complaint_id, "closure", {"document": "x.pdf"})

Kinds: « ack » (accusé de réception, any time), « closure » (the answer at
closure) and « survey » (the satisfaction survey invitation) — these two
once the complaint is closed. Printing or saving a letter is recorded in the
complaint's history (`record_letter`): the acknowledgement sets the date of
acknowledgement (the first one counts), the others add a « letter » event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from crmdesk.domain.complaint_letters import letter_mediator, reply_link
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.settings import SettingsStore

KINDS = ("ack", "closure", "survey")
# kind -> the start of the file name suggested (the reference follows)
FILE_STEMS = {"ack": "accuse-reception", "closure": "reponse-reclamation", "survey": "enquete-satisfaction"}


@dataclass
class LetterResult:
    kind: str
    reference: str
    warnings: list[str] = field(default_factory=list)
    qr_payload: str | None = None  # the survey's QR code, None when it has none
    pdf: bytes | None = None  # set by the caller that wrote into memory

    @property
    def file_name(self) -> str:
        return suggested_name(self.kind, self.reference)


def suggested_name(kind: str, reference: str) -> str:
    safe = "".join(ch for ch in reference if ch.isalnum() or ch == "-")
    return f"{FILE_STEMS[kind]}-{safe}.pdf" if safe else f"{FILE_STEMS[kind]}.pdf"


def _material(database: Database, complaint_id: int, kind: str) -> tuple[dict, dict, dict]:
    if kind not in KINDS:
        raise CrmError(N_("Lettre « {kind} » inconnue (ack, closure ou survey)."), kind=kind)
    complaint = ComplaintStore(database).get(complaint_id)
    if complaint is None:
        raise CrmError(N_("Cette réclamation n'existe plus."))
    if kind != "ack" and not complaint.get("closed_at"):
        raise CrmError(
            N_(
                "La réclamation {ref} n'est pas clôturée : la lettre de réponse et l'enquête de "
                "satisfaction viennent à la clôture."
            ),
            ref=complaint["ref"],
        )
    business = SettingsStore(database).business()
    client = (ContactStore(database).get(complaint["contact_id"]) if complaint.get("contact_id") else None) or {}
    return business, client, complaint


def letter_warnings(kind: str, business: dict, client: dict, reference: str) -> list[str]:
    """What the user should know before sending this letter (nothing stops it)."""
    from crmdesk.reports.survey_letter import QR_MAX_BYTES

    warnings = []
    if kind in ("ack", "closure"):
        _mediator, problem = letter_mediator(business, client)
        if problem:
            warnings.append(problem)
    if kind == "survey":
        reply = reply_link(business, reference)
        if reply is None:
            warnings.append(
                _(
                    "Ni courriel ni enquête en ligne dans l'identité de l'entreprise : le coupon n'a pas "
                    "de QR code, la réponse reviendra par courrier."
                )
            )
        elif len(reply.payload.encode("utf-8")) > QR_MAX_BYTES:
            warnings.append(
                _(
                    "L'adresse de l'enquête en ligne est trop longue pour un QR code lisible ({size} "
                    "octets, {limit} au plus) : le coupon n'en a pas.",
                    size=len(reply.payload.encode("utf-8")),
                    limit=QR_MAX_BYTES,
                )
            )
    return warnings


def write_complaint_letter(
    database: Database, complaint_id: int, kind: str, out: Path | str | BinaryIO, *, today: dt.date | None = None
) -> LetterResult:
    """Write the letter (a path is written atomically); CrmError (French)
    when the complaint is gone, or not closed for a closure or survey letter."""
    business, client, complaint = _material(database, complaint_id, kind)
    result = LetterResult(kind, complaint["ref"], letter_warnings(kind, business, client, complaint["ref"]))
    if kind == "ack":
        from crmdesk.reports.ack_letter import render_ack_letter

        render_ack_letter(out, business=business, client=client, complaint=complaint, today=today)
    elif kind == "closure":
        from crmdesk.reports.closure_letter import render_closure_letter

        closure = ComplaintStore(database).closure_details(complaint_id)
        render_closure_letter(out, business=business, client=client, complaint=complaint, closure=closure, today=today)
    else:
        from crmdesk.reports.survey_letter import qr_payload, render_survey_letter

        result.qr_payload = qr_payload(
            render_survey_letter(out, business=business, client=client, complaint=complaint, today=today)
        )
    return result


def record_letter(database: Database, complaint_id: int, kind: str, details: dict) -> bool:
    """Note in the complaint's history that the letter went out; the
    acknowledgement only once (False when it was already recorded)."""
    store = ComplaintStore(database)
    if kind == "ack":
        current = store.get(complaint_id)
        if current is None or current.get("acknowledged_at"):
            return False
        store.acknowledge(complaint_id, details=details)
        return True
    store.letter_sent(complaint_id, kind, details)
    return True
