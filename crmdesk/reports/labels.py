"""Address labels on A4 label sheets, and the test-print grid (docs/domain/13-writing-to-clients.md).

Each label gets one NF Z10-011 address block (crmdesk/domain/postal.py),
left-aligned, centred in height, LABEL_PADDING mm clear of every edge; the
font is the biggest of FONT_SIZES at which every line fits (an address of 38
characters fits the narrowest label at 7.5 pt); at the smallest, a line
still too wide is cut with « … » — visibly: such lines were reported before
printing. The geometry of the sheets is in crmdesk/domain/labels.py.

Printing can start at any label of a partly used sheet (`start`, 1-based):
the labels before it stay blank. The test grid draws every label's outline
and number on plain paper, to lay over a sheet against the light.

Each label's lines are drawn one after the other (top to bottom, label after
label), so a PDF text extractor reads each address as a block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from crmdesk.domain.errors import CrmError
from crmdesk.domain.labels import (
    A4_HEIGHT,
    LABEL_PADDING,
    Box,
    LabelFormat,
    check_start,
)
from crmdesk.i18n import N_
from crmdesk.reports.fitting import ellipsize
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.output import atomic_file
from crmdesk.reports.styles import ACCENT, INK, MUTED
from crmdesk.reports.text import clean

FONT_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
LEADING = 1.18
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PlacedLine:
    """Where a line was drawn: baseline start (x, y) in mm from the sheet's top-left corner."""

    text: str
    x: float
    y: float
    size: float


def fit_lines(
    lines: Sequence[str], font: str, width_mm: float, height_mm: float, sizes: Sequence[float] = FONT_SIZES
) -> tuple[float, list[str]]:
    """(font size, lines) for a block in a box: the biggest size at which every
    line fits; at the smallest size, lines still too wide are cut with « … »."""
    width = width_mm * mm
    for size in sizes:
        if len(lines) * size * LEADING <= height_mm * mm and all(
            stringWidth(line, font, size) <= width for line in lines
        ):
            return size, list(lines)
    size = sizes[-1]
    return size, [ellipsize(line, font, size, width) for line in lines]


def draw_block(
    canvas: Canvas,
    lines: Sequence[str],
    box: Box,
    font: str,
    *,
    page_height: float = A4_HEIGHT,
    sizes: Sequence[float] = FONT_SIZES,
    middle: bool = True,
    color=INK,
) -> list[PlacedLine]:
    """Draw `lines` left-aligned in `box` (mm, from the page's top-left), centred in
    height when `middle`; returns where each line went."""
    size, fitted = fit_lines(lines, font, box.width, box.height, sizes)
    leading_mm = size * LEADING / mm
    block = len(fitted) * leading_mm
    top = box.y + (box.height - block) / 2 if middle else box.y
    placed = []
    canvas.setFont(font, size)
    canvas.setFillColor(color)
    for number, line in enumerate(fitted):
        baseline = top + number * leading_mm + size * 0.82 / mm  # the ascent below the line's top
        canvas.drawString(box.x * mm, (page_height - baseline) * mm, line)
        placed.append(PlacedLine(line, box.x, baseline, size))
    return placed


def render_labels(
    out: BinaryIO,
    addresses: Iterable[Sequence[str]],
    fmt: LabelFormat,
    *,
    start: int = 1,
    title: str = "Étiquettes d'adresse",
) -> int:
    """One address block per label from label `start` of the first sheet; the
    number of sheets (CrmError when there is no address). `addresses` is
    read one at a time."""
    check_start(fmt, start)
    fonts = register_fonts()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=fonts.regular, initialFontSize=9)
    canvas.setTitle(f"{title} {fmt.code}")
    canvas.setCreator("crmdesk")
    position, pages, drawn = start, 0, 0
    for lines in addresses:
        if position > fmt.per_sheet:
            canvas.showPage()
            position = 1
        if drawn == 0 or position == 1:
            pages += 1
        text = [clean(line, charset=fonts.charset) for line in lines if clean(line)]
        draw_block(canvas, text, fmt.box(position).inset(LABEL_PADDING), fonts.regular)
        position += 1
        drawn += 1
    if not drawn:
        raise CrmError(N_("Aucune étiquette à imprimer : personne n'est retenu."))
    canvas.showPage()
    canvas.save()
    return pages


def render_test_grid(out: BinaryIO, fmt: LabelFormat) -> int:
    """One sheet: the outline and number of every label, and the sheet's figures."""
    fonts = register_fonts()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=fonts.regular, initialFontSize=9)
    canvas.setTitle(f"Planche d'essai {fmt.code}")
    canvas.setCreator("crmdesk")
    canvas.setFont(fonts.regular, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(
        5 * mm,
        (A4_HEIGHT - 4.5) * mm,
        f"Planche d'essai {fmt.code} : imprimez sur du papier ordinaire, puis posez-la sur une "
        f"planche d'étiquettes à contre-jour : chaque cadre doit tomber sur une étiquette.",
    )
    for number in range(1, fmt.per_sheet + 1):
        box = fmt.box(number)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.5)
        canvas.roundRect(box.x * mm, (A4_HEIGHT - box.bottom) * mm, box.width * mm, box.height * mm, 2 * mm)
        inner = box.inset(LABEL_PADDING)
        canvas.setStrokeColor(colors.HexColor("#c8ccd0"))
        canvas.setDash(1, 2)
        canvas.rect(inner.x * mm, (A4_HEIGHT - inner.bottom) * mm, inner.width * mm, inner.height * mm)
        canvas.setDash()
        canvas.setFillColor(INK)
        canvas.setFont(fonts.bold, 14)
        canvas.drawCentredString(
            (box.x + box.width / 2) * mm, (A4_HEIGHT - box.y - box.height / 2 - 1) * mm, str(number)
        )
        canvas.setFont(fonts.regular, 6.5)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(
            (box.x + box.width / 2) * mm,
            (A4_HEIGHT - box.y - box.height / 2 - 5.5) * mm,
            f"{box.width:g} × {box.height:g} mm".replace(".", ","),
        )
    canvas.showPage()
    canvas.save()
    return 1


@dataclass
class LabelsResult:
    labels: int
    pages: int
    path: Path
    contact_ids: list[int]


def print_labels(
    database, ids: Sequence[int], out: Path | str, fmt: LabelFormat, *, start: int = 1, progress: Progress | None = None
) -> LabelsResult:
    """The labels of the recipients `ids` (a Plan's, in order) into the PDF `out`."""
    from crmdesk.store.outreach import addresses

    check_start(fmt, start)
    done: list[int] = []

    def blocks() -> Iterable[Sequence[str]]:
        for contact_id, address in addresses(database, ids):
            yield address.lines
            done.append(contact_id)
            if progress is not None:
                progress(len(done), len(ids))

    out = Path(out)
    with atomic_file(out) as stream:
        pages = render_labels(stream, blocks(), fmt, start=start)
    return LabelsResult(len(done), pages, out, done)
