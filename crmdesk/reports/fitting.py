"""Canvas strings do not wrap: cutting one with « … » to the width it is given."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

ELLIPSIS = "…"


def fits(text: str, font: str, size: float, width: float) -> bool:
    return stringWidth(text, font, size) <= width


def longest_prefix(text: str, font: str, size: float, width: float, suffix: str = "") -> int:
    """How many characters of ``text`` fit in ``width`` (followed by ``suffix``).
    A binary search: widths only grow with the prefix, and a 500-letter word
    then costs a handful of measures, not 500."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle].rstrip() + suffix, font, size, width):
            low = middle
        else:
            high = middle - 1
    return low


def ellipsize(text: str, font: str, size: float, width: float) -> str:
    """``text`` as it is when it fits in ``width`` points, else cut with « … »."""
    if fits(text, font, size, width):
        return text
    keep = longest_prefix(text, font, size, width, ELLIPSIS)
    return text[:keep].rstrip() + ELLIPSIS if keep or fits(ELLIPSIS, font, size, width) else ""
