"""Envelopes DL and C5: one page of the envelope's own size (landscape) per
recipient, the sender's address top-left, the recipient's NF Z10-011 block
in the right half (geometry: crmdesk/domain/labels.py ENVELOPE_FORMATS).
The printer is fed the envelopes flap down, the way its tray shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from crmdesk.domain.errors import CrmError
from crmdesk.domain.labels import EnvelopeFormat
from crmdesk.i18n import N_
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.labels import draw_block
from crmdesk.reports.letterhead import address_lines, city_line
from crmdesk.reports.output import atomic_file
from crmdesk.reports.styles import MUTED
from crmdesk.reports.text import clean

RECIPIENT_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
SENDER_SIZES = (8.0, 7.5, 7.0, 6.5)
Progress = Callable[[int, int], None]


def sender_lines(business: Mapping) -> list[str]:
    """The business's name and address, as the sender's block."""
    lines = [clean(business.get("name")), *address_lines(business), city_line(business)]
    return [line for line in lines if line]


def render_envelopes(
    out: BinaryIO, addresses: Iterable[Sequence[str]], fmt: EnvelopeFormat, *, business: Mapping
) -> int:
    fonts = register_fonts()
    canvas = Canvas(
        out,
        pagesize=(fmt.width * mm, fmt.height * mm),
        pageCompression=1,
        initialFontName=fonts.regular,
        initialFontSize=10,
    )
    canvas.setTitle(f"Enveloppes {fmt.code}")
    canvas.setCreator("crmdesk")
    sender = [clean(line, charset=fonts.charset) for line in sender_lines(business or {})]
    pages = 0
    for lines in addresses:
        if sender:
            draw_block(
                canvas,
                sender,
                fmt.sender,
                fonts.regular,
                page_height=fmt.height,
                sizes=SENDER_SIZES,
                middle=False,
                color=MUTED,
            )
        text = [clean(line, charset=fonts.charset) for line in lines if clean(line)]
        draw_block(canvas, text, fmt.recipient, fonts.regular, page_height=fmt.height, sizes=RECIPIENT_SIZES)
        canvas.showPage()
        pages += 1
    if not pages:
        raise CrmError(N_("Aucune enveloppe à imprimer : personne n'est retenu."))
    canvas.save()
    return pages


@dataclass
class EnvelopesResult:
    envelopes: int
    pages: int
    path: Path
    contact_ids: list[int]


def print_envelopes(
    database, ids: Sequence[int], out: Path | str, fmt: EnvelopeFormat, *, progress: Progress | None = None
) -> EnvelopesResult:
    from crmdesk.store.outreach import addresses
    from crmdesk.store.settings import SettingsStore

    business = SettingsStore(database).business()
    done: list[int] = []

    def blocks() -> Iterable[Sequence[str]]:
        for contact_id, address in addresses(database, ids):
            yield address.lines
            done.append(contact_id)
            if progress is not None:
                progress(len(done), len(ids))

    out = Path(out)
    with atomic_file(out) as stream:
        pages = render_envelopes(stream, blocks(), fmt, business=business)
    return EnvelopesResult(len(done), pages, out, done)
