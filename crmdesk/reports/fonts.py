"""The fonts of every print: DejaVu Sans, shipped in resources/fonts and embedded.

The PDF base fonts (Helvetica…) are not embedded and only know Latin-1 in
ReportLab: no « € » nor « œ » guaranteed. DejaVu Sans (Bitstream Vera licence,
resources/fonts/LICENSE-DejaVu.txt) covers French, the euro sign, Greek,
Cyrillic, Hebrew and Arabic letters. ReportLab embeds a TrueType font as a
subset of the glyphs used.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from crmdesk.paths import resources_dir

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf"}

_lock = threading.Lock()


@dataclass(frozen=True)
class Fonts:
    regular: str = REGULAR
    bold: str = BOLD
    oblique: str = OBLIQUE

    @cached_property
    def charset(self) -> frozenset[int]:
        """Code points every one of the three faces can draw."""
        faces = (pdfmetrics.getFont(name).face.charToGlyph for name in (self.regular, self.bold, self.oblique))
        first, *others = faces
        return frozenset(first).intersection(*others)


_FONTS: Fonts | None = None


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> Fonts:
    """Register the three faces once per process (thread-safe) and map the
    family so that <b> and <i> in our own Paragraph markup pick them."""
    global _FONTS
    with _lock:
        if _FONTS is None:
            folder = fonts_dir()
            for name, filename in FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
            addMapping(FAMILY, 0, 0, REGULAR)
            addMapping(FAMILY, 1, 0, BOLD)
            addMapping(FAMILY, 0, 1, OBLIQUE)
            addMapping(FAMILY, 1, 1, BOLD)  # no bold-oblique shipped
            _FONTS = Fonts()
            _FONTS.charset  # noqa: B018 - computed under the lock
        return _FONTS
