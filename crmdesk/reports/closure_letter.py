"""The answer to a complaint at its closure (lettre de clôture), one A4 page.

The acknowledgement's frame (crmdesk/reports/ack_letter.py: letterhead, the
client's address in the window of a DL envelope, fold marks); the body says
the answer given (as typed at closure), the compensation, the complaint's
details and — to a consumer — the consumer mediator the business belongs
to, whom the client may turn to if the answer does not satisfy them
(Code de la consommation L612-1, L616-1).

    render_closure_letter(out, business=..., client=..., complaint=..., closure=..., today=...)

`closure` is what was decided at closure: the details of the « closed »
event (answer, compensation_kind, cost_cents), ComplaintStore.closure_details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from crmdesk.domain.complaints import COMPENSATIONS
from crmdesk.domain.money import format_eur
from crmdesk.reports.ack_letter import (
    BODY_BOX,
    details_table,
    draw_letter,
    mediator_paragraph,
    opening,
    reference,
    salutation,
    signature,
    subject_text,
    write_letter,
)
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.styles import paragraph_styles
from crmdesk.reports.text import fr_date, para

# Compensations whose cost is what the client receives (printed); the cost of
# an exchange or of an extra service is the business's own.
_AMOUNT_SHOWN = ("refund", "discount")


def compensation_text(closure: Mapping) -> str:
    """« Remboursement partiel de 12,50 € », « Échange », "" for none."""
    kind = str(closure.get("compensation_kind") or "")
    if not kind or kind == "none":
        return ""
    label = str(COMPENSATIONS.get(kind) or kind)
    cost = closure.get("cost_cents")
    if kind in _AMOUNT_SHOWN and isinstance(cost, int) and not isinstance(cost, bool) and cost > 0:
        return f"{label} de {format_eur(cost)}"
    return label


def _body_story(
    business: Mapping, client: Mapping, complaint: Mapping, closure: Mapping, today: dt.date, styles: Mapping
) -> list[Flowable]:
    charset = register_fonts().charset

    def p(value: object, multiline: bool = False) -> str:
        return para(value, charset=charset, multiline=multiline)

    ref = p(reference(complaint))
    ref_text = f"n°\u00a0{ref}" if ref else ""
    received = p(fr_date(complaint.get("received_at")))
    closed = p(fr_date(complaint.get("closed_at")))
    subject = p(subject_text(complaint))
    owner = p(complaint.get("owner"))
    answer = p(closure.get("answer"), multiline=True)
    compensation = p(compensation_text(closure))
    hello = salutation(client)

    story = opening(business, client, today, f"Réponse à votre réclamation {ref_text}".rstrip(), styles)
    about = f" concernant «\u00a0{subject}\u00a0»" if subject else ""
    when = f" le {received}" if received else ""
    story.append(
        Paragraph(
            f"Vous nous avez fait part{when} de votre réclamation{about}. Nous l’avons examinée "
            "avec attention et vous remercions de votre patience.",
            styles["body"],
        )
    )
    if answer:
        story.append(Paragraph(answer, styles["body"]))
    if compensation:
        story.append(Paragraph(f"Nous vous proposons, en réparation\u00a0: <b>{compensation}</b>.", styles["body"]))

    rows = [
        (label, value)
        for label, value in (
            ("Référence", ref),
            ("Reçue le", received),
            ("Objet de la réclamation", subject),
            ("Suivie par", owner),
            ("Réponse du", closed or fr_date(today)),
        )
        if value
    ]
    story += [details_table(rows, styles, BODY_BOX.width * mm), Spacer(1, 4 * mm)]
    story += mediator_paragraph(business, client, styles, closing=True)
    story.append(
        Paragraph(
            f"Nous restons à votre disposition et vous prions d’agréer, {hello}, l’expression de "
            "nos salutations distinguées.",
            styles["body"],
        )
    )
    story += signature(owner, p(business.get("name")), styles)
    return story


def render_closure_letter(
    out: Path | str | BinaryIO,
    *,
    business: Mapping,
    client: Mapping,
    complaint: Mapping,
    closure: Mapping,
    today: dt.date | None = None,
) -> None:
    """Write the closure letter of ``complaint`` to ``out`` (a path, written
    atomically, or a binary file object)."""
    business, client, complaint, closure = business or {}, client or {}, complaint or {}, closure or {}
    today = today or dt.date.today()

    def draw(stream: BinaryIO) -> None:
        body = _body_story(business, client, complaint, closure, today, paragraph_styles())
        draw_letter(
            stream,
            business=business,
            client=client,
            body=body,
            title=f"Réponse à la réclamation {reference(complaint)}".strip(),
            subject="Réponse à une réclamation",
        )

    write_letter(out, draw)
