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
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from crmdesk.reports.fonts import register_fonts
from crmdesk.domain.complaints import KINDS
from crmdesk.reports.letterhead import address_lines, city_line, letterhead_flowables
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

_SALUTATIONS = {
    "mme": "Madame", "madame": "Madame", "mlle": "Madame", "mademoiselle": "Madame",
    "m.": "Monsieur", "m": "Monsieur", "monsieur": "Monsieur", "mr": "Monsieur", "mr.": "Monsieur",
}

_COUNTRIES = {
    "BE": "BELGIQUE", "CH": "SUISSE", "LU": "LUXEMBOURG", "MC": "MONACO", "DE": "ALLEMAGNE",
    "ES": "ESPAGNE", "IT": "ITALIE", "GB": "ROYAUME-UNI", "UK": "ROYAUME-UNI", "NL": "PAYS-BAS",
    "PT": "PORTUGAL", "CA": "CANADA", "US": "ÉTATS-UNIS",
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
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)

    def overlaps(self, other: Box) -> bool:
        return not (other.x >= self.right or other.right <= self.x
                    or other.y >= self.bottom or other.bottom <= self.y)

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


def _frame(box: Box, name: str) -> Frame:
    x, y, width, height = box.pdf_rect()
    return Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                 id=name, showBoundary=0)


def _fit(story: list[Flowable], box: Box) -> KeepInFrame:
    # A hair under the frame's size so rounding never pushes it out.
    return KeepInFrame(box.width * mm - 0.5, box.height * mm - 0.5, story or [Spacer(1, 1)],
                       mode="shrink", hAlign="LEFT", vAlign="TOP")


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
    return _SALUTATIONS.get(clean(client.get("civility")).casefold(), "Madame, Monsieur")


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


def _reference(complaint: Mapping) -> str:
    return clean(complaint.get("reference") or complaint.get("ref"))


def _subject(complaint: Mapping) -> str:
    subject = clean(complaint.get("subject"))
    return subject if len(subject) <= SUBJECT_MAX else subject[:SUBJECT_MAX - 1].rstrip() + "…"


# --- the story ------------------------------------------------------------------

def _details_table(rows: list[tuple[str, str]], styles: Mapping, width: float) -> Table:
    label_width = 48 * mm
    data = [[Paragraph(label, styles["label"]), Paragraph(value, styles["value"])] for label, value in rows]
    table = Table(data, colWidths=(label_width, width - label_width), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts().regular),   # else Helvetica is referenced
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f5f2")),
        ("LINEBEFORE", (0, 0), (0, -1), 2, colors.HexColor("#2e6b3f")),
    ]))
    return table


def _body_story(business: Mapping, client: Mapping, complaint: Mapping, today: dt.date,
                styles: Mapping) -> list[Flowable]:
    charset = register_fonts().charset

    def p(value: object) -> str:
        return para(value, charset=charset)

    reference = p(_reference(complaint))
    ref_text = f"n°\u00a0{reference}" if reference else ""
    received = complaint.get("received_at")
    received_date = p(fr_date(received))
    received_time = fr_time(received)
    due = p(fr_date(complaint.get("due_date")))
    owner = p(complaint.get("owner"))
    channel = p(channel_phrase(complaint.get("channel")))
    kind = p(kind_label(complaint.get("kind")))
    subject = p(_subject(complaint))
    business_name = p(business.get("name"))
    hello = salutation(client)

    city = p(business.get("city"))
    place_date = f"{city}, le {fr_long_date(today)}" if city else f"Le {fr_long_date(today)}"
    story: list[Flowable] = [
        Paragraph(place_date, styles["place_date"]),
        Paragraph(f"Objet\u00a0: Accusé de réception de votre réclamation {ref_text}".rstrip(), styles["subject"]),
        Paragraph(f"{hello},", styles["body"]),
    ]

    received_words = f"reçue le {received_date}" if received_date else "que vous nous avez adressée"
    if channel:
        received_words += f" {channel}"
    first = (f"Nous vous remercions de nous avoir fait part de votre réclamation, {received_words}, "
             "et vous en accusons bonne réception.")
    if reference:
        first += (f" Elle est enregistrée sous la référence <b>{reference}</b>\u00a0: merci de rappeler "
                  "cette référence dans vos échanges avec nous.")
    story.append(Paragraph(first, styles["body"]))

    rows = []
    if reference:
        rows.append(("Référence", reference))
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
        story += [_details_table(rows, styles, BODY_BOX.width * mm), Spacer(1, 4 * mm)]

    who = owner or "notre service clients"
    promise = (f"au plus tard le <b>{due}</b>" if due else "dans les meilleurs délais")
    story.append(Paragraph(
        f"Votre réclamation est suivie par {who}, qui l’examine avec toute l’attention qu’elle mérite. "
        f"Nous nous engageons à vous apporter une réponse {promise}.", styles["body"]))

    # A phone number is not cut across two lines.
    phone = p(complaint.get("owner_phone") or business.get("phone")).replace(" ", "\u00a0")
    email = p(complaint.get("owner_email") or business.get("email"))
    reach = " ou ".join(part for part in (f"au {phone}" if phone else "",
                                           f"par courriel à {email}" if email else "") if part)
    reach = reach or "en nous écrivant à l’adresse ci-dessus"
    about = f", en rappelant la référence {reference}" if reference else ""
    story.append(Paragraph(f"Pour toute question d’ici là, vous pouvez joindre {who} {reach}{about}.",
                           styles["body"]))
    story.append(Paragraph(
        f"Nous vous prions d’agréer, {hello}, l’expression de nos salutations distinguées.", styles["body"]))

    signature = [line for line in (f"<b>{owner}</b>" if owner else "",
                                   "Service clients" if not owner else "",
                                   business_name) if line]
    story += [Spacer(1, 6 * mm),
              Paragraph("<br/>".join(signature), _indented(styles["signature"], 95 * mm))]
    return story


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


def _draw(target, business: Mapping, client: Mapping, complaint: Mapping, today: dt.date) -> None:
    register_fonts()
    styles = paragraph_styles()
    canvas = Canvas(target, pagesize=A4, pageCompression=1, initialFontName=styles["base"].fontName,
                    initialFontSize=10)
    reference = _reference(complaint)
    canvas.setTitle(f"Accusé de réception {reference}".strip())
    canvas.setAuthor(clean(business.get("name")))
    canvas.setSubject("Accusé de réception de réclamation")
    canvas.setCreator("crmdesk")
    layout = letter_layout()
    parts = (
        (layout.letterhead, "letterhead", letterhead_flowables(business, styles)),
        (layout.address, "address", _address_story(client, styles)),
        (layout.body, "body", _body_story(business, client, complaint, today, styles)),
    )
    for box, name, story in parts:
        frame = _frame(box, name)
        flowables = [_fit(story, box)]
        frame.addFromList(flowables, canvas)
    _fold_marks(canvas)
    canvas.showPage()
    canvas.save()


def render_ack_letter(out: Path | str | BinaryIO, *, business: Mapping, client: Mapping,
                      complaint: Mapping, today: dt.date | None = None) -> None:
    """Write the acknowledgement letter of ``complaint`` to ``out`` (a path or a
    binary file object). A path is written through a temporary file in the same
    folder and then renamed: an error leaves no half-written file behind."""
    business, client, complaint = business or {}, client or {}, complaint or {}
    today = today or dt.date.today()
    if not isinstance(out, (str, os.PathLike)):
        _draw(out, business, client, complaint, today)
        return
    path = Path(out)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            _draw(stream, business, client, complaint, today)
        os.chmod(temp_name, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
