"""Label sheets and envelopes: their exact geometry (docs/domain/13-writing-to-clients.md).

Millimetres, from the top-left corner of the sheet. A label sheet is A4
(210 × 297 mm) with `columns` × `rows` labels of `width` × `height`; the
first label's top-left corner is at (`left`, `top`) and the next one to the
right (below) starts `pitch_x` (`pitch_y`) further. Labels are numbered from
1, left to right then top to bottom, as the user counts them on a partly
used sheet (printing can start at any of them).

    fmt = LABEL_FORMATS["L7163"]
    fmt.per_sheet            # 14
    fmt.box(3)               # Box(x=4.65, y=53.25, width=99.1, height=38.1): label 3, first column, row 2

The figures are the manufacturer's (Avery): L7160 21 labels of 63.5 × 38.1
(3 × 7, margins 7.21 left and 15.15 top, pitch 66.04 × 38.1), L7161 18 of
63.5 × 46.6 (3 × 6, margins 7.21 and 8.7, pitch 66.04 × 46.6), L7163 14 of
99.1 × 38.1 (2 × 7, margins 4.65 and 15.15, pitch 101.6 × 38.1), 3422 (Avery
Zweckform) 24 of 70 × 35 (3 × 8 edge to edge, 8.5 top margin): each sheet
is symmetrical, its margins are what is left of the page, halved.

Envelopes (ISO 269) are printed one per page of their own size, landscape:
DL 220 × 110, C5 229 × 162; the recipient's address in the right half,
clear of the stamp and of the bottom band La Poste's machines print their
code in (15 mm), the sender's in the top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_

A4_WIDTH, A4_HEIGHT = 210.0, 297.0


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

    def contains_point(self, x: float, y: float, tolerance: float = 1e-6) -> bool:
        return self.x - tolerance <= x <= self.right + tolerance and self.y - tolerance <= y <= self.bottom + tolerance

    def inset(self, margin: float) -> Box:
        return Box(self.x + margin, self.y + margin, self.width - 2 * margin, self.height - 2 * margin)


@dataclass(frozen=True)
class LabelFormat:
    code: str
    columns: int
    rows: int
    width: float
    height: float
    left: float
    top: float
    pitch_x: float
    pitch_y: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def box(self, number: int) -> Box:
        """Label `number` (1 … per_sheet) of a sheet."""
        if not 1 <= number <= self.per_sheet:
            raise ValueError(f"label number must be in 1..{self.per_sheet}: {number}")
        row, column = divmod(number - 1, self.columns)
        return Box(
            round(self.left + column * self.pitch_x, 3),
            round(self.top + row * self.pitch_y, 3),
            self.width,
            self.height,
        )

    def description(self) -> str:
        """« L7163 — 14 étiquettes de 99,1 × 38,1 mm » (French: shown through _ where it is read)."""
        return f"{self.code} — {self.per_sheet} × {_mm(self.width)} × {_mm(self.height)} mm"

    def sheets_for(self, count: int, start: int = 1) -> int:
        """Sheets used by `count` labels starting at label `start` of the first sheet."""
        return 0 if count <= 0 else (start - 1 + count + self.per_sheet - 1) // self.per_sheet


def _mm(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _symmetric(
    code: str, columns: int, rows: int, width: float, height: float, pitch_x: float, pitch_y: float
) -> LabelFormat:
    left = round((A4_WIDTH - (columns - 1) * pitch_x - width) / 2, 3)
    top = round((A4_HEIGHT - (rows - 1) * pitch_y - height) / 2, 3)
    return LabelFormat(code, columns, rows, width, height, left, top, pitch_x, pitch_y)


LABEL_FORMATS: dict[str, LabelFormat] = {
    f.code: f
    for f in (
        _symmetric("L7160", 3, 7, 63.5, 38.1, 66.04, 38.1),
        _symmetric("L7161", 3, 6, 63.5, 46.6, 66.04, 46.6),
        _symmetric("L7163", 2, 7, 99.1, 38.1, 101.6, 38.1),
        _symmetric("3422", 3, 8, 70.0, 35.0, 70.0, 35.0),
    )
}

# Inside a label, the text keeps this far from every edge (a sheet moves a
# little in the printer; 3422 has no side margin at all).
LABEL_PADDING = 4.0


@dataclass(frozen=True)
class EnvelopeFormat:
    code: str
    width: float  # landscape
    height: float
    recipient: Box  # where the address block goes
    sender: Box


def _envelope(code: str, width: float, height: float) -> EnvelopeFormat:
    # Recipient: 95 mm wide (38 characters at 10 pt), its bottom 20 mm above the
    # envelope's bottom edge, 15 mm from its right edge; sender top-left.
    recipient = Box(width - 15 - 95, height - 20 - 40, 95, 40)
    return EnvelopeFormat(code, width, height, recipient, Box(10, 8, 80, 28))


ENVELOPE_FORMATS: dict[str, EnvelopeFormat] = {
    f.code: f
    for f in (
        _envelope("DL", 220.0, 110.0),
        _envelope("C5", 229.0, 162.0),
    )
}

FORMATS = (*LABEL_FORMATS, *ENVELOPE_FORMATS)


def label_format(code: str) -> LabelFormat:
    found = LABEL_FORMATS.get(str(code).strip().upper())
    if found is None:
        raise CrmError(
            N_("format d'étiquettes inconnu « {code} » (choisir parmi : {choices})"),
            code=code,
            choices=", ".join(LABEL_FORMATS),
        )
    return found


def envelope_format(code: str) -> EnvelopeFormat:
    found = ENVELOPE_FORMATS.get(str(code).strip().upper())
    if found is None:
        raise CrmError(
            N_("format d'enveloppe inconnu « {code} » (choisir parmi : {choices})"),
            code=code,
            choices=", ".join(ENVELOPE_FORMATS),
        )
    return found


def check_start(fmt: LabelFormat, start: int) -> int:
    """The first label to print on a partly used sheet (1 … per_sheet)."""
    if not isinstance(start, int) or not 1 <= start <= fmt.per_sheet:
        raise CrmError(
            N_("position de départ {start} impossible : une planche {code} a les étiquettes 1 à {last}"),
            start=start,
            code=fmt.code,
            last=fmt.per_sheet,
        )
    return start
