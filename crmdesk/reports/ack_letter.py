"""The complaint acknowledgement letter (accusé de réception), one A4 page.

Layout (millimetres, measured from the top-left corner of the A4 sheet):

- window of a French DL window envelope (« fenêtre à droite », 100 × 45 mm),
  letter folded in three: x 110–210, y 45–90 (:data:`WINDOW`);
- the client's address is drawn 5 mm inside the window on the left, top and
  bottom and stops 10 mm from the sheet's right edge, so that it stays visible
  when the letter moves a few millimetres in the envelope: x 115–200,
  y 50–85 (:data:`ADDRESS_BOX`, 85 × 35 mm: seven lines of 10.5 pt);
- letterhead top-left, x 20–105, y 12–90 (:data:`LETTERHEAD_BOX`), clear of
  the window;
- body x 20–190, y 98–277 (:data:`BODY_BOX`): place and date, subject line,
  letter, details, signature;
- fold marks in the left margin at y 99 and 198 (a third of 297).

Each box is a platypus Frame without padding; what goes in it is wrapped in a
KeepInFrame that shrinks it when it is too long, so the letter is always one
page and nothing is drawn outside its box.

The same frame serves every answer to a complaint (`draw_letter`,
`write_letter`: the closure letter, the satisfaction survey invitation).
To a consumer, the letter names the consumer mediator the business belongs
to (`mediator_paragraph`; Code de la consommation L612-1, L616-1).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Frame,
    KeepInFrame,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from crmdesk.domain.complaint_letters import letter_mediator, mediator_sentence
from crmdesk.domain.complaint_letters import salutation as _salutation
from crmdesk.domain.complaints import KINDS
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.letterhead import (
    address_lines,
    city_line,
    display_phone,
    letterhead_flowables,
)
from crmdesk.reports.output import atomic_file
from crmdesk.reports.styles import MUTED, paragraph_styles
from crmdesk.reports.text import clean, fr_date, fr_long_date, fr_time, para

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0

# A subject longer than this is cut with « … »: it is meant to be one line.
SUBJECT_MAX = 600

# How the complaint reached us, as the letter says it.
_CHANNEL_PHRASES = {
    "mail": "par courrier",
    "phone": "par téléphone",
    "email": "par courriel",
    "fax": "par télécopie",
    "face_to_face": "lors de votre passage",
    "social": "par un réseau social",
    "web_form": "par notre formulaire en ligne",
}

_COUNTRIES = {
    "BE": "BELGIQUE",
    "CH": "SUISSE",
    "LU": "LUXEMBOURG",
    "MC": "MONACO",
    "DE": "ALLEMAGNE",
    "ES": "ESPAGNE",
    "IT": "ITALIE",
    "GB": "ROYAUME-UNI",
    "UK": "ROYAUME-UNI",
    "NL": "PAYS-BAS",
    "PT": "PORTUGAL",
    "CA": "CANADA",
    "US": "ÉTATS-UNIS",
}


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres from the sheet's top-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, other: Box) -> bool:
        return self.x <= other.x and self.y <= other.y and other.right <= self.right and other.bottom <= self.bottom

    def overlaps(self, other: Box) -> bool:
        return not (other.x >= self.right or other.right <= self.x or other.y >= self.bottom or other.bottom <= self.y)

    def pdf_rect(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) in points, y from the bottom as PDF wants it."""
        return (self.x * mm, (PAGE_HEIGHT_MM - self.bottom) * mm, self.width * mm, self.height * mm)


PAGE = Box(0, 0, PAGE_WIDTH_MM, PAGE_HEIGHT_MM)
WINDOW = Box(110, 45, 100, 45)
ADDRESS_BOX = Box(WINDOW.x + 5, WINDOW.y + 5, PAGE_WIDTH_MM - 10 - (WINDOW.x + 5), WINDOW.height - 10)
LETTERHEAD_BOX = Box(20, 12, 85, WINDOW.bottom - 12)
BODY_BOX = Box(20, 98, PAGE_WIDTH_MM - 40, PAGE_HEIGHT_MM - 20 - 98)
FOLDS_MM = (PAGE_HEIGHT_MM / 3, 2 * PAGE_HEIGHT_MM / 3)


@dataclass(frozen=True)
class LetterLayout:
    letterhead: Box
    address: Box
    body: Box
    window: Box


def letter_layout() -> LetterLayout:
    """The boxes the letter is drawn in (the frames are built from them)."""
    return LetterLayout(letterhead=LETTERHEAD_BOX, address=ADDRESS_BOX, body=BODY_BOX, window=WINDOW)


def frame_for(box: Box, name: str) -> Frame:
    x, y, width, height = box.pdf_rect()
    return Frame(
        x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name, showBoundary=0
    )


def fit_in(story: list[Flowable], box: Box) -> KeepInFrame:
    # A hair under the frame's size so rounding never pushes it out.
    return KeepInFrame(
        box.width * mm - 0.5, box.height * mm - 0.5, story or [Spacer(1, 1)], mode="shrink", hAlign="LEFT", vAlign="TOP"
    )


# --- wording -------------------------------------------------------------------


def kind_label(code: object) -> str:
    """French label of a kind code; an unknown code prints as typed."""
    text = clean(code)
    return str(KINDS.get(text) or text)


def channel_phrase(code: object) -> str:
    text = clean(code)
    if not text:
        return ""
    if text in _CHANNEL_PHRASES:
        return _CHANNEL_PHRASES[text]
    return f"(canal\u00a0: {text})"


def salutation(client: Mapping) -> str:
    """« Madame », « Monsieur » or « Madame, Monsieur »."""
    return _salutation(client)


def person_name(client: Mapping) -> str:
    parts = (clean(client.get(key)) for key in ("civility", "first_name", "last_name"))
    return " ".join(part for part in parts if part)


def recipient_lines(client: Mapping) -> list[str]:
    """The postal address, French order (NF Z10-011): recipient, company or
    contact person, street lines, postal code and city, country abroad."""
    person = person_name(client)
    company = clean(client.get("company"))
    lines = [company, person] if company else [person]
    lines += address_lines(client)
    lines.append(city_line(client))
    country = clean(client.get("country"))
    if country and country.upper() not in ("FR", "FRA", "FRANCE"):
        lines.append(_COUNTRIES.get(country.upper(), country))
    return [line for line in lines if line]


def reference(complaint: Mapping) -> str:
    return clean(complaint.get("reference") or complaint.get("ref"))


def subject_text(complaint: Mapping) -> str:
    subject = clean(complaint.get("subject"))
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1].rstrip() + "…"


# --- the story ------------------------------------------------------------------


def details_table(rows: list[tuple[str, str]], styles: Mapping, width: float) -> Table:
    label_width = 48 * mm
    data = [[Paragraph(label, styles["label"]), Paragraph(value, styles["value"])] for label, value in rows]
    table = Table(data, colWidths=(label_width, width - label_width), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts().regular),  # else Helvetica is referenced
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f5f2")),
                ("LINEBEFORE", (0, 0), (0, -1), 2, colors.HexColor("#2e6b3f")),
            ]
        )
    )
    return table


def opening(business: Mapping, client: Mapping, today: dt.date, subject: str, styles: Mapping) -> list[Flowable]:
    """Place and date, « Objet : … » (`subject`, markup already escaped), « Madame, »."""
    city = para(business.get("city"), charset=register_fonts().charset)
    place_date = f"{city}, le {fr_long_date(today)}" if city else f"Le {fr_long_date(today)}"
    return [
        Paragraph(place_date, styles["place_date"]),
        Paragraph(f"Objet\u00a0: {subject}", styles["subject"]),
        Paragraph(f"{salutation(client)},", styles["body"]),
    ]


def _body_story(
    business: Mapping, client: Mapping, complaint: Mapping, today: dt.date, styles: Mapping
) -> list[Flowable]:
    charset = register_fonts().charset

    def p(value: object) -> str:
        return para(value, charset=charset)

    ref = p(reference(complaint))
    ref_text = f"n°\u00a0{ref}" if ref else ""
    received = complaint.get("received_at")
    received_date = p(fr_date(received))
    received_time = fr_time(received)
    due = p(fr_date(complaint.get("due_date")))
    owner = p(complaint.get("owner"))
    channel = p(channel_phrase(complaint.get("channel")))
    kind = p(kind_label(complaint.get("kind")))
    subject = p(subject_text(complaint))
    business_name = p(business.get("name"))
    hello = salutation(client)

    story = opening(business, client, today, f"Accusé de réception de votre réclamation {ref_text}".rstrip(), styles)

    received_words = f"reçue le {received_date}" if received_date else "que vous nous avez adressée"
    if channel:
        received_words += f" {channel}"
    first = (
        f"Nous vous remercions de nous avoir fait part de votre réclamation, {received_words}, "
        "et vous en accusons bonne réception."
    )
    if ref:
        first += (
            f" Elle est enregistrée sous la référence <b>{ref}</b>\u00a0: merci de rappeler "
            "cette référence dans vos échanges avec nous."
        )
    story.append(Paragraph(first, styles["body"]))

    rows = []
    if ref:
        rows.append(("Référence", ref))
    if received_date:
        when = received_date + (f" à {received_time}" if received_time else "")
        rows.append(("Reçue le", when))
    if kind:
        rows.append(("Motif", kind))
    if subject:
        rows.append(("Objet de la réclamation", subject))
    if owner:
        rows.append(("Suivie par", owner))
    if due:
        rows.append(("Réponse au plus tard le", f"<b>{due}</b>"))
    if rows:
        story += [details_table(rows, styles, BODY_BOX.width * mm), Spacer(1, 4 * mm)]

    who = owner or "notre service clients"
    promise = f"au plus tard le <b>{due}</b>" if due else "dans les meilleurs délais"
    story.append(
        Paragraph(
            f"Votre réclamation est suivie par {who}, qui l’examine avec toute l’attention qu’elle mérite. "
            f"Nous nous engageons à vous apporter une réponse {promise}.",
            styles["body"],
        )
    )

    # A phone number is not cut across two lines.
    phone = p(display_phone(complaint.get("owner_phone") or business.get("phone"))).replace(" ", "\u00a0")
    email = p(complaint.get("owner_email") or business.get("email"))
    reach = " ou ".join(
        part for part in (f"au {phone}" if phone else "", f"par courriel à {email}" if email else "") if part
    )
    reach = reach or "en nous écrivant à l’adresse ci-dessus"
    about = f", en rappelant la référence {ref}" if ref else ""
    story.append(Paragraph(f"Pour toute question d’ici là, vous pouvez joindre {who} {reach}{about}.", styles["body"]))
    story += mediator_paragraph(business, client, styles, closing=False)
    story.append(
        Paragraph(f"Nous vous prions d’agréer, {hello}, l’expression de nos salutations distinguées.", styles["body"])
    )
    story += signature(owner, business_name, styles)
    return story


def signature(owner: str, business_name: str, styles: Mapping) -> list[Flowable]:
    """The person in charge (or « Service clients ») and the business, on the right half."""
    lines = [
        line
        for line in (f"<b>{owner}</b>" if owner else "", "Service clients" if not owner else "", business_name)
        if line
    ]
    return [Spacer(1, 6 * mm), Paragraph("<br/>".join(lines), _indented(styles["signature"], 95 * mm))]


def mediator_paragraph(business: Mapping, client: Mapping, styles: Mapping, *, closing: bool) -> list[Flowable]:
    """The sentence naming the consumer mediator (its name in bold), for a
    consumer client of a business that has one; nothing otherwise (the
    warning is the caller's: domain complaint_letters.letter_warnings)."""
    found, _problem = letter_mediator(business, client)
    if found is None:
        return []
    charset = register_fonts().charset
    text = para(mediator_sentence(found, closing=closing), charset=charset)
    name = para(found.name, charset=charset)
    if name:
        text = text.replace(name, f"<b>{name}</b>", 1)
    return [Paragraph(text, styles["body"])]


def _indented(style: ParagraphStyle, indent: float) -> ParagraphStyle:
    return ParagraphStyle(style.name + "-indented", parent=style, leftIndent=indent)


def _address_story(client: Mapping, styles: Mapping) -> list[Flowable]:
    charset = register_fonts().charset
    text = "<br/>".join(para(line, charset=charset) for line in recipient_lines(client))
    return [Paragraph(text, styles["address"])] if text else []


def _fold_marks(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.4)
    for fold in FOLDS_MM:
        y = (PAGE_HEIGHT_MM - fold) * mm
        canvas.line(4 * mm, y, 9 * mm, y)
    canvas.restoreState()


def draw_letter(
    target,
    *,
    business: Mapping,
    client: Mapping,
    body: list[Flowable],
    title: str,
    subject: str,
    body_box: Box = BODY_BOX,
    extra: Callable[[Canvas], None] | None = None,
) -> None:
    """One A4 letter to `client`: letterhead, address in the DL window, `body`
    in `body_box`, fold marks; `extra(canvas)` draws what else the page holds
    (the survey's reply slip) before the page is closed."""
    register_fonts()
    styles = paragraph_styles()
    canvas = Canvas(target, pagesize=A4, pageCompression=1, initialFontName=styles["base"].fontName, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setAuthor(clean(business.get("name")))
    canvas.setSubject(subject)
    canvas.setCreator("crmdesk")
    layout = letter_layout()
    parts = (
        (layout.letterhead, "letterhead", letterhead_flowables(business, styles)),
        (layout.address, "address", _address_story(client, styles)),
        (body_box, "body", body),
    )
    for box, name, story in parts:
        frame = frame_for(box, name)
        flowables = [fit_in(story, box)]
        frame.addFromList(flowables, canvas)
    _fold_marks(canvas)
    if extra is not None:
        extra(canvas)
    canvas.showPage()
    canvas.save()


def write_letter(out: Path | str | BinaryIO, draw: Callable[[BinaryIO], None]) -> None:
    """`draw(stream)` into `out` (a path or a binary file object). A path is
    written through a temporary file in the same folder and then renamed
    (crmdesk.reports.output.atomic_file: an error leaves no half-written file,
    a client file is never overwritten)."""
    if not isinstance(out, (str, os.PathLike)):
        draw(out)
        return
    with atomic_file(out) as stream:
        draw(stream)


def render_ack_letter(
    out: Path | str | BinaryIO, *, business: Mapping, client: Mapping, complaint: Mapping, today: dt.date | None = None
) -> None:
    """Write the acknowledgement letter of ``complaint`` to ``out`` (a path or a
    binary file object; see write_letter)."""
    business, client, complaint = business or {}, client or {}, complaint or {}
    today = today or dt.date.today()

    def draw(stream: BinaryIO) -> None:
        body = _body_story(business, client, complaint, today, paragraph_styles())
        draw_letter(
            stream,
            business=business,
            client=client,
            body=body,
            title=f"Accusé de réception {reference(complaint)}".strip(),
            subject="Accusé de réception de réclamation",
        )

    write_letter(out, draw)
