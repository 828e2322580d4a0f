"""The dashboard report (docs/domain/10-prints.md): key figures and charts of a period, A4 portrait.

    render_dashboard_report(out, business=..., period_label="T4 2026",
                            charts=[("CA par catégorie", png_bytes), …],
                            figures=[("Chiffre d'affaires", "1 254,00 €"), …])

No Qt here: the window draws its charts into PNG bytes and hands them over.
Layout: compact letterhead, the title with the period, the date printed,
the key figures four to a row, then the charts two to a row, each under its
title; a chart never splits across pages. Footer « Page 1 / 3 ». Every text
is printed literally (crmdesk.reports.text.para).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.letterhead import letterhead_flowables
from crmdesk.reports.output import atomic_file
from crmdesk.reports.styles import ACCENT, MUTED, paragraph_styles
from crmdesk.reports.text import clean, fr_date, para

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
GAP = 6 * mm
FIGURES_PER_ROW = 4
CHARTS_PER_ROW = 2
TILE = colors.HexColor("#f3f5f2")
RULE = colors.HexColor("#c9d1c9")


class _NumberedCanvas(Canvas):
    """Draws « Page n / total » once the page count is known (pages kept until save)."""

    def __init__(self, *args, footer: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer = footer

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        fonts = register_fonts()
        self.saveState()
        self.setFont(fonts.regular, 8)
        self.setFillColor(MUTED)
        self.drawString(MARGIN, 9 * mm, self._footer)
        self.drawRightString(PAGE_WIDTH - MARGIN, 9 * mm, f"Page {self._pageNumber} / {total}")
        self.restoreState()


def _styles() -> dict[str, ParagraphStyle]:
    styles = paragraph_styles()
    fonts = register_fonts()
    base = styles["base"]
    styles.update(
        {
            "title": ParagraphStyle(
                "title",
                parent=base,
                fontName=fonts.bold,
                fontSize=16,
                leading=20,
                textColor=ACCENT,
                spaceBefore=4,
                spaceAfter=2,
            ),
            "printed": ParagraphStyle("printed", parent=styles["small"], spaceAfter=8),
            "figure_label": ParagraphStyle("figure_label", parent=base, fontSize=8, leading=10, textColor=MUTED),
            "figure_value": ParagraphStyle("figure_value", parent=base, fontName=fonts.bold, fontSize=11.5, leading=14),
            "chart_title": ParagraphStyle(
                "chart_title", parent=base, fontName=fonts.bold, fontSize=9.5, leading=12, spaceAfter=2
            ),
        }
    )
    return styles


def _figures_table(figures: Sequence[tuple[str, str]], styles: Mapping) -> Table:
    charset = register_fonts().charset
    cells = [
        [
            Paragraph(para(label, charset=charset), styles["figure_label"]),
            Paragraph(para(value, charset=charset), styles["figure_value"]),
        ]
        for label, value in figures
    ]
    rows = [cells[i : i + FIGURES_PER_ROW] for i in range(0, len(cells), FIGURES_PER_ROW)]
    rows[-1] += [""] * (FIGURES_PER_ROW - len(rows[-1]))
    table = Table(rows, colWidths=[CONTENT_WIDTH / FIGURES_PER_ROW] * FIGURES_PER_ROW)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), TILE),
                ("INNERGRID", (0, 0), (-1, -1), 2, colors.white),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _chart_cell(title: str, png: bytes, width: float, styles: Mapping) -> list:
    try:
        reader = ImageReader(io.BytesIO(png))
        pixels_wide, pixels_high = reader.getSize()
    except Exception as exc:  # noqa: BLE001 - ReportLab/PIL raise many kinds for a bad image
        raise CrmError(N_("Graphique « {title} » illisible : ce n'est pas une image PNG."), title=clean(title)) from exc
    image = Image(io.BytesIO(png), width=width, height=width * pixels_high / pixels_wide)
    charset = register_fonts().charset
    return [Paragraph(para(title, charset=charset), styles["chart_title"]), image]


def _charts_table(charts: Sequence[tuple[str, bytes]], styles: Mapping) -> list:
    width = (CONTENT_WIDTH - (CHARTS_PER_ROW - 1) * GAP) / CHARTS_PER_ROW
    cells = [_chart_cell(title, png, width, styles) for title, png in charts]
    story = []
    for i in range(0, len(cells), CHARTS_PER_ROW):
        row = cells[i : i + CHARTS_PER_ROW]
        row += [""] * (CHARTS_PER_ROW - len(row))
        table = Table([row], colWidths=[width + GAP] * (CHARTS_PER_ROW - 1) + [width])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
                ]
            )
        )
        story.append(KeepTogether([table]))
    return story


def _story(business: Mapping, title: str, period_label: str, charts, figures, today: dt.date) -> list:
    styles = _styles()
    charset = register_fonts().charset
    story = letterhead_flowables(business, styles, compact=True)
    story.append(Paragraph(f"{para(title, charset=charset)} — {para(period_label, charset=charset)}", styles["title"]))
    story.append(Paragraph(f"Édité le {fr_date(today)}", styles["printed"]))
    if figures:
        story += [_figures_table(figures, styles), Spacer(1, 6 * mm)]
    story += _charts_table(charts, styles)
    return story


def _draw(stream: BinaryIO, business, title, period_label, charts, figures, today) -> None:
    fonts = register_fonts()
    story = _story(business, title, period_label, charts, figures, today)
    footer = " — ".join(part for part in (clean(business.get("name")), clean(title), clean(period_label)) if part)
    document = SimpleDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=16 * mm,
        title=f"{clean(title)} — {clean(period_label)}",
        author=clean(business.get("name")),
        subject=clean(title),
        creator="crmdesk",
        initialFontName=fonts.regular,
        pageCompression=1,
    )
    document.build(story, canvasmaker=lambda *args, **kwargs: _NumberedCanvas(*args, footer=footer, **kwargs))


def render_dashboard_report(
    out: Path | str | BinaryIO,
    *,
    business: Mapping | None,
    period_label: str,
    charts: Sequence[tuple[str, bytes]],
    figures: Sequence[tuple[str, str]] = (),
    title: str = "Tableau de bord",
    today: dt.date | None = None,
) -> None:
    """Write the report to `out`: a binary stream, or a path written whole
    or not at all (crmdesk.reports.output.atomic_file)."""
    business = business or {}
    today = today or dt.date.today()
    args = (business, title, period_label, list(charts), list(figures), today)
    if isinstance(out, (str, Path)):
        with atomic_file(out) as stream:
            _draw(stream, *args)
    else:
        _draw(out, *args)
