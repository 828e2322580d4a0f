"""Client cards: credit-card size (85 × 55 mm, ISO 7810 ID-1), ten per A4 sheet.

Layout (millimetres, measured from the top-left corner of the A4 sheet):

- two columns and five rows of cards set edge to edge (one cut separates two
  cards), centred: x 20–190, y 11–286 (:func:`card_box`); the 20 mm and
  11 mm margins stay clear of what office printers cannot print;
- cut marks: short lines in the margins, in line with every card edge, stopping
  :data:`CUT_MARK_GAP_MM` before the cards so that none is left on a card after
  cutting (:func:`cut_marks`);
- on a card (from its top-left corner): the business name small at the top
  above a thin rule (on its right, small, the day the status is of:
  « Chiffres au 07/12/2026 »), the client's name in bold on the left (11 pt shrunk down to
  8 pt, two lines at most, then cut with « … »), status and city under it, the
  QR code of the client code on the right (:data:`QR_BOX`) with the code printed
  under it, phone and email across the bottom.

The canvas is drawn directly (no platypus frames): a print of thousands of
cards stays fast. Every string is cleaned (:func:`crmdesk.reports.text.clean`)
and fitted to its width with the font metrics, so nothing is drawn outside
its card whatever the file holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.reports.ack_letter import PAGE_HEIGHT_MM, PAGE_WIDTH_MM, Box
from crmdesk.reports.fitting import ellipsize, fits, longest_prefix
from crmdesk.reports.fonts import Fonts, register_fonts
from crmdesk.reports.letterhead import city_line
from crmdesk.reports.qr import draw_qr, qr_modules
from crmdesk.reports.styles import ACCENT, INK, MUTED
from crmdesk.reports.text import clean, fr_date

CARD_WIDTH_MM, CARD_HEIGHT_MM = 85.0, 55.0
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
MARGIN_X_MM = (PAGE_WIDTH_MM - COLUMNS * CARD_WIDTH_MM) / 2  # 20
MARGIN_Y_MM = (PAGE_HEIGHT_MM - ROWS * CARD_HEIGHT_MM) / 2  # 11

CUT_MARK_GAP_MM = 2.0  # between a mark and the card edge: a mark never reaches a card
CUT_MARK_LENGTH_MM = 4.0  # 11 mm top margin: the mark runs from 5 to 9 mm, still printable

# Inside a card, from its top-left corner.
PADDING_MM = 4.0
QR_BOX = Box(CARD_WIDTH_MM - PADDING_MM - 20, 11, 20, 20)
TEXT_WIDTH_MM = QR_BOX.x - 3 - PADDING_MM  # the left column stops 3 mm before the QR code
FULL_WIDTH_MM = CARD_WIDTH_MM - 2 * PADDING_MM
QR_BORDER_MODULES = 2  # quiet zone inside the box; the card's padding adds to it
QR_MAX_BYTES = 120  # beyond, the modules of a 20 mm code get too small to scan
CORNER_RADIUS_MM = 3.0  # a bank card's corner (ISO 7810: 3.18 mm)

NAME_SIZES = (11, 10.5, 10, 9.5, 9, 8.5, 8)  # tried in turn until the name fits on two lines
NAME_LINES = 2
BORDER = colors.HexColor("#c8ccd0")


def card_origin(index_on_page: int) -> tuple[float, float]:
    """(x, y) in mm of a card's top-left corner from the sheet's top-left
    corner; cards go left to right, then top to bottom."""
    if not 0 <= index_on_page < PER_PAGE:
        raise ValueError(f"index_on_page must be in 0..{PER_PAGE - 1}: {index_on_page}")
    row, column = divmod(index_on_page, COLUMNS)
    return MARGIN_X_MM + column * CARD_WIDTH_MM, MARGIN_Y_MM + row * CARD_HEIGHT_MM


def card_box(index_on_page: int) -> Box:
    x, y = card_origin(index_on_page)
    return Box(x, y, CARD_WIDTH_MM, CARD_HEIGHT_MM)


Segment = tuple[tuple[float, float], tuple[float, float]]


def cut_marks(count: int = PER_PAGE) -> list[Segment]:
    """The cut marks of a page holding ``count`` cards, as ((x1, y1), (x2, y2))
    in mm from the sheet's top-left corner: for every edge of the cards
    printed, one mark in each margin it runs into."""
    boxes = [card_box(i) for i in range(count)]
    xs = sorted({x for box in boxes for x in (box.x, box.right)})
    ys = sorted({y for box in boxes for y in (box.y, box.bottom)})
    near, far = CUT_MARK_GAP_MM, CUT_MARK_GAP_MM + CUT_MARK_LENGTH_MM
    top, bottom = MARGIN_Y_MM, PAGE_HEIGHT_MM - MARGIN_Y_MM
    left, right = MARGIN_X_MM, PAGE_WIDTH_MM - MARGIN_X_MM
    marks: list[Segment] = []
    for x in xs:
        marks += [((x, top - far), (x, top - near)), ((x, bottom + near), (x, bottom + far))]
    for y in ys:
        marks += [((left - far, y), (left - near, y)), ((right + near, y), (right + far, y))]
    return marks


# --- fitting text ------------------------------------------------------------------


def wrap(text: str, font: str, size: float, width: float, max_lines: int) -> tuple[list[str], bool]:
    """Lines of at most ``width`` points, broken at spaces (inside a word too
    long for a line), ``max_lines`` at most; the last line is cut with « … »
    when the text does not fit. Returns (lines, whole text shown)."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines - 1 and not fits(rest, font, size, width):
        keep = max(1, longest_prefix(rest, font, size, width))  # at least one character: no endless loop
        space = rest.rfind(" ", 0, keep + 1)
        cut = space if space > 0 else keep
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        last = ellipsize(rest, font, size, width)
        lines.append(last)
        return lines, last == rest
    return lines, True


def fit_name(name: str, font: str, width: float) -> tuple[float, list[str]]:
    """(font size, lines) of the client's name: the biggest size at which it
    holds on two lines, else the smallest size, cut with « … »."""
    for size in NAME_SIZES:
        lines, whole = wrap(name, font, size, width, NAME_LINES)
        if whole:
            return size, lines
    return size, lines


# --- one card -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Ink:
    """What every card of a print shares: the fonts and the business name."""

    fonts: Fonts
    business: str

    def text(self, value: object) -> str:
        return clean(value, charset=self.fonts.charset)


def _y(top_mm: float) -> float:
    """A card-local PDF y (from the card's bottom, in points) from a distance in mm from its top."""
    return (CARD_HEIGHT_MM - top_mm) * mm


def _line(
    canvas: Canvas, text: str, x_mm: float, top_mm: float, width_mm: float, font: str, size: float, color=INK
) -> None:
    if text:
        canvas.setFont(font, size)
        canvas.setFillColor(color)
        canvas.drawString(x_mm * mm, _y(top_mm), ellipsize(text, font, size, width_mm * mm))


def _labelled(canvas: Canvas, ink: _Ink, label: str, value: str, top_mm: float) -> None:
    """« Tél. : 04 65 71 15 86 » across the card, the label muted; nothing when no value."""
    if not value:
        return
    label = f"{label}\u00a0: "
    label_width = stringWidth(label, ink.fonts.regular, 7)
    _line(canvas, label, PADDING_MM, top_mm, FULL_WIDTH_MM, ink.fonts.regular, 7, MUTED)
    _line(
        canvas, value, PADDING_MM + label_width / mm, top_mm, FULL_WIDTH_MM - label_width / mm, ink.fonts.regular, 8.5
    )


def figures_date(card: Mapping) -> str:
    """« Chiffres au 07/12/2026 »: the day the status is of, "" without figures."""
    day = fr_date(card.get("figures_as_of"))
    return _("Chiffres au {day}", day=day) if day else ""


def status_line(card: Mapping, charset: frozenset[int] | None = None) -> str:
    """« Statut : Premium · Champions », « Segment : À réactiver » or ""."""
    status = clean(card.get("status_label"), charset=charset)
    segment = clean(card.get("segment_label"), charset=charset)
    if status:
        return f"Statut\u00a0: {status}" + (f" · {segment}" if segment else "")
    return f"Segment\u00a0: {segment}" if segment else ""


def _qr_modules(code: str) -> list[list[bool]] | None:
    """The QR code's dark modules, row by row from the top; None when there is
    no code or it is too long to scan at this size."""
    if not code or len(code.encode("utf-8")) > QR_MAX_BYTES:
        return None
    return qr_modules(code)


def _draw_qr(canvas: Canvas, code: str) -> None:
    """The QR code of ``code`` in QR_BOX (crmdesk.reports.qr: one path of runs)."""
    modules = _qr_modules(code)
    if modules is not None:
        draw_qr(canvas, modules, QR_BOX.x * mm, _y(QR_BOX.y), QR_BOX.width * mm, QR_BORDER_MODULES)


def _draw_card(canvas: Canvas, card: Mapping, index_on_page: int, ink: _Ink) -> None:
    box = card_box(index_on_page)
    regular, bold = ink.fonts.regular, ink.fonts.bold
    canvas.saveState()
    canvas.translate(box.x * mm, (PAGE_HEIGHT_MM - box.bottom) * mm)  # card-local points from here on

    canvas.setStrokeColor(BORDER)
    canvas.setLineWidth(0.4)
    canvas.roundRect(0, 0, CARD_WIDTH_MM * mm, CARD_HEIGHT_MM * mm, CORNER_RADIUS_MM * mm, stroke=1, fill=0)

    as_of = figures_date(card)
    as_of_width = stringWidth(as_of, regular, 6.5) / mm + 2 if as_of else 0
    _line(canvas, ink.business, PADDING_MM, 7, FULL_WIDTH_MM - as_of_width, bold, 7, ACCENT)
    if as_of:  # the day the status is of, right-aligned on the business line
        canvas.setFont(regular, 6.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString((CARD_WIDTH_MM - PADDING_MM) * mm, _y(7), as_of)
    canvas.setStrokeColor(ACCENT)
    canvas.line(PADDING_MM * mm, _y(8.8), (CARD_WIDTH_MM - PADDING_MM) * mm, _y(8.8))

    size, lines = fit_name(ink.text(card.get("name")), bold, TEXT_WIDTH_MM * mm)
    leading_mm = size * 1.2 / mm
    for number, text in enumerate(lines):
        _line(canvas, text, PADDING_MM, 15 + number * leading_mm, TEXT_WIDTH_MM, bold, size)
    _line(canvas, status_line(card, ink.fonts.charset), PADDING_MM, 26, TEXT_WIDTH_MM, regular, 8)
    _line(canvas, ink.text(city_line(card)), PADDING_MM, 31, TEXT_WIDTH_MM, regular, 8, MUTED)

    code = ink.text(card.get("code"))
    _draw_qr(canvas, code)
    if code:
        # Centred under the QR code, no wider than it.
        text = ellipsize(code, bold, 8, QR_BOX.width * mm)
        canvas.setFont(bold, 8)
        canvas.setFillColor(INK)
        canvas.drawCentredString((QR_BOX.x + QR_BOX.width / 2) * mm, _y(QR_BOX.bottom + 3.2), text)

    phone, email = ink.text(card.get("phone_display")), ink.text(card.get("email"))
    if phone or email:  # no rule above an empty contact block
        canvas.setStrokeColor(BORDER)
        canvas.line(PADDING_MM * mm, _y(38.5), (CARD_WIDTH_MM - PADDING_MM) * mm, _y(38.5))
    _labelled(canvas, ink, "Tél.", phone, 44)
    _labelled(canvas, ink, "Courriel", email, 49.5)
    canvas.restoreState()


def _draw_cut_marks(canvas: Canvas, count: int) -> None:
    canvas.saveState()
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.3)
    for (x1, y1), (x2, y2) in cut_marks(count):
        canvas.line(x1 * mm, (PAGE_HEIGHT_MM - y1) * mm, x2 * mm, (PAGE_HEIGHT_MM - y2) * mm)
    canvas.restoreState()


# --- the print ------------------------------------------------------------------------


def render_cards(out: BinaryIO, cards: Iterable[Mapping], *, business: Mapping) -> int:
    """Draw the cards, ten per A4 page (2 columns × 5 rows of 85 × 55 mm,
    centred, cut marks in the margins); return the number of pages.

    ``cards`` is read one card at a time and each card is drawn before the
    next is asked for: a print of a million clients holds one in memory, and
    a progress report wrapped around the iterator moves as cards are drawn.
    Raises CrmError when there is no card (``out`` may hold a partial file
    then: the caller writes to a temporary file)."""
    fonts = register_fonts()
    ink = _Ink(fonts=fonts, business=clean((business or {}).get("name"), charset=fonts.charset))
    canvas = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=fonts.regular, initialFontSize=8)
    canvas.setTitle("Cartes client")
    canvas.setAuthor(ink.business)
    canvas.setSubject("Cartes client à découper")
    canvas.setCreator("crmdesk")
    pages = on_page = 0
    for card in cards:
        if on_page == PER_PAGE:
            _draw_cut_marks(canvas, on_page)
            canvas.showPage()
            on_page = 0
        if on_page == 0:
            pages += 1
        _draw_card(canvas, card or {}, on_page, ink)
        on_page += 1
    if not pages:
        raise CrmError(N_("Aucun client à imprimer."))
    _draw_cut_marks(canvas, on_page)
    canvas.showPage()
    canvas.save()
    return pages
