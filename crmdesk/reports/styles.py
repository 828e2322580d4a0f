"""Paragraph styles shared by the prints (DejaVu Sans, French typography)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from crmdesk.reports.fonts import register_fonts

INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#57606a")
ACCENT = colors.HexColor("#2e6b3f")


def paragraph_styles() -> dict[str, ParagraphStyle]:
    fonts = register_fonts()
    # splitLongWords: a word wider than the line is cut (the default, stated
    # here because the « nothing overflows » promise depends on it).
    base = ParagraphStyle(
        "base",
        fontName=fonts.regular,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        alignment=TA_LEFT,
        splitLongWords=1,
        wordWrap=None,
    )
    return {
        "base": base,
        "body": ParagraphStyle("body", parent=base, spaceAfter=7),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "company": ParagraphStyle(
            "company", parent=base, fontName=fonts.bold, fontSize=14, leading=17, textColor=ACCENT, spaceAfter=1
        ),
        "tagline": ParagraphStyle(
            "tagline", parent=base, fontName=fonts.oblique, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=3
        ),
        "address": ParagraphStyle("address", parent=base, fontSize=10.5, leading=13.5),
        "place_date": ParagraphStyle("place_date", parent=base, alignment=TA_RIGHT, spaceAfter=10),
        "subject": ParagraphStyle("subject", parent=base, fontName=fonts.bold, spaceAfter=12),
        "label": ParagraphStyle("label", parent=base, fontSize=9, leading=12, textColor=MUTED),
        "value": ParagraphStyle("value", parent=base, fontSize=9.5, leading=12.5),
        "signature": ParagraphStyle("signature", parent=base, spaceBefore=0),
    }
