"""The satisfaction survey invitation sent at the closure of a complaint, one A4 page.

The upper two thirds are a letter in the acknowledgement's frame
(crmdesk/reports/ack_letter.py: letterhead, the client's address in the
window of a DL envelope); the lower third, below the second fold, is a reply
slip to cut off and send back:

- cut line at y 198 (the fold), « ✂ »;
- questions x 20–148, y 203–287 (:data:`SLIP_BOX`): the complaint's
  reference and the client's code (so that the answer finds its complaint),
  CSAT 1–5 and NPS 0–10 with boxes to tick, lines for a comment, where to
  send the slip;
- QR code x 154–190, y 206–242 (:data:`QR_BOX`, 36 mm) and what it does
  under it (:data:`QR_CAPTION_BOX`): it opens the business's online survey,
  or an e-mail to the business with the reference in its subject (the
  choice and why: crmdesk/domain/complaint_letters.py). No QR code when the
  business has neither, or when the address is too long to scan at this size.

The wording comes from domain.complaint_letters.survey_invitation, which an
e-mail can use as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from crmdesk.domain.complaint_letters import SurveyInvitation, survey_invitation
from crmdesk.reports.ack_letter import (
    FOLDS_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    Box,
    draw_letter,
    fit_in,
    frame_for,
    opening,
    person_name,
    write_letter,
)
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.letterhead import address_lines, city_line
from crmdesk.reports.qr import draw_qr, qr_modules
from crmdesk.reports.styles import MUTED, paragraph_styles
from crmdesk.reports.text import clean, para

CUT_Y_MM = FOLDS_MM[1]
SURVEY_BODY_BOX = Box(20, 98, PAGE_WIDTH_MM - 40, CUT_Y_MM - 6 - 98)
SLIP_BOX = Box(20, CUT_Y_MM + 5, 128, PAGE_HEIGHT_MM - 10 - (CUT_Y_MM + 5))
QR_BOX = Box(154, CUT_Y_MM + 8, 36, 36)
QR_CAPTION_BOX = Box(
    QR_BOX.x - 2, QR_BOX.bottom + 1, PAGE_WIDTH_MM - 18 - (QR_BOX.x - 2), SLIP_BOX.bottom - QR_BOX.bottom - 1
)
QR_BORDER_MODULES = 2
# Beyond this many bytes the modules of a 36 mm code get too small for a phone
# to read from an office printer's page (version 15: 77 modules, 0.45 mm).
QR_MAX_BYTES = 400


def qr_payload(invitation: SurveyInvitation) -> str | None:
    """What the QR code encodes, None when there is none to print."""
    reply = invitation.reply
    if reply is None or len(reply.payload.encode("utf-8")) > QR_MAX_BYTES:
        return None
    return reply.payload


def _boxes(question, styles: Mapping, charset) -> list[Flowable]:
    """« ☐ 1  ☐ 2 … » in one row, the meaning of both ends under it."""
    cells = [Paragraph(f"\u2610\u00a0{n}", styles["value"]) for n in range(question.low, question.high + 1)]
    table = Table([cells], colWidths=[11 * mm] * len(cells), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts().regular),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    ends = para(f"{question.low} = {question.low_label} · {question.high} = {question.high_label}", charset=charset)
    return [table, Paragraph(ends, styles["small"])]


def _comment_lines(width: float, count: int = 3) -> Table:
    table = Table([[""]] * count, colWidths=[width], rowHeights=[6.5 * mm] * count, hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, MUTED)]))
    return table


def _slip_story(invitation: SurveyInvitation, business: Mapping, client: Mapping, styles: Mapping) -> list[Flowable]:
    charset = register_fonts().charset

    def p(value: object) -> str:
        return para(value, charset=charset)

    ref = p(invitation.reference)
    title = f"Coupon-réponse — réclamation <b>{ref}</b>" if ref else "Coupon-réponse"
    who = " — ".join(part for part in (p(client.get("code")), p(person_name(client) or client.get("company"))) if part)
    story: list[Flowable] = [Paragraph(title, styles["subject"])]
    if who:
        story.append(Paragraph(f"Client\u00a0: {who}", styles["value"]))
    story.append(Spacer(1, 2 * mm))
    for number, question in enumerate(invitation.questions, start=1):
        story.append(Paragraph(f"<b>{number}.</b> {p(question.text)}", styles["value"]))
        if question.low is not None:
            story += _boxes(question, styles, charset)
        else:
            story.append(_comment_lines(SLIP_BOX.width * mm))
        story.append(Spacer(1, 1.5 * mm))
    back = ", ".join(
        clean(part) for part in (business.get("name"), *address_lines(business), city_line(business)) if clean(part)
    )
    ways = [f"par courrier à {p(back)}" if back else ""]
    reply = invitation.reply
    if reply is not None:
        ways.append(("en ligne\u00a0: " if reply.kind == "url" else "par courriel à ") + p(reply.shown))
    ways = [way for way in ways if way]
    if ways:
        story.append(Paragraph("À nous renvoyer " + ", ou ".join(ways) + ".", styles["small"]))
    return story


def _caption_story(invitation: SurveyInvitation, styles: Mapping) -> list[Flowable]:
    if qr_payload(invitation) is None:
        return []
    return [Paragraph(para(invitation.reply.instruction, charset=register_fonts().charset), styles["small"])]


def _draw_slip(canvas: Canvas, invitation: SurveyInvitation, business: Mapping, client: Mapping) -> None:
    styles = paragraph_styles()
    y = (PAGE_HEIGHT_MM - CUT_Y_MM) * mm
    canvas.saveState()
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 2)
    canvas.line(17 * mm, y, (PAGE_WIDTH_MM - 10) * mm, y)
    canvas.setFont(register_fonts().regular, 10)
    canvas.setFillColor(MUTED)
    canvas.drawString(11.5 * mm, y - 1.2 * mm, "\u2702")
    canvas.setFont(register_fonts().regular, 7)
    canvas.drawRightString((PAGE_WIDTH_MM - 10) * mm, y + 1.2 * mm, "à découper et à nous renvoyer")
    canvas.restoreState()
    for box, name, story in (
        (SLIP_BOX, "slip", _slip_story(invitation, business, client, styles)),
        (QR_CAPTION_BOX, "qrCaption", _caption_story(invitation, styles)),
    ):
        frame_for(box, name).addFromList([fit_in(story, box)], canvas)
    payload = qr_payload(invitation)
    if payload is not None:
        draw_qr(
            canvas,
            qr_modules(payload),
            QR_BOX.x * mm,
            (PAGE_HEIGHT_MM - QR_BOX.y) * mm,
            QR_BOX.width * mm,
            QR_BORDER_MODULES,
        )


def _body_story(
    invitation: SurveyInvitation, business: Mapping, client: Mapping, today: dt.date, styles: Mapping
) -> list[Flowable]:
    charset = register_fonts().charset
    story = opening(business, client, today, para(invitation.subject, charset=charset), styles)
    story += [Paragraph(para(text, charset=charset), styles["body"]) for text in invitation.paragraphs]
    story.append(Paragraph(para(invitation.closing, charset=charset), styles["body"]))
    story.append(Paragraph(para(invitation.signature, charset=charset), styles["signature"]))
    return story


def render_survey_letter(
    out: Path | str | BinaryIO, *, business: Mapping, client: Mapping, complaint: Mapping, today: dt.date | None = None
) -> SurveyInvitation:
    """Write the invitation to ``out`` (a path, written atomically, or a
    binary file object); returns its content (what the QR code encodes:
    qr_payload)."""
    business, client, complaint = business or {}, client or {}, complaint or {}
    today = today or dt.date.today()
    invitation = survey_invitation(business, client, complaint)

    def draw(stream: BinaryIO) -> None:
        body = _body_story(invitation, business, client, today, paragraph_styles())
        draw_letter(
            stream,
            business=business,
            client=client,
            body=body,
            body_box=SURVEY_BODY_BOX,
            title=f"Enquête de satisfaction {invitation.reference}".strip(),
            subject="Enquête de satisfaction après réclamation",
            extra=lambda canvas: _draw_slip(canvas, invitation, business, client),
        )

    write_letter(out, draw)
    return invitation
