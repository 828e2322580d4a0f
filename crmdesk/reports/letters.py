"""Letters from a template, one A4 page per recipient (docs/domain/13-writing-to-clients.md).

The page is the complaint acknowledgement's (crmdesk/reports/ack_letter.py):
the letterhead top-left, the recipient's address in the window of a DL
window envelope (« fenêtre à droite », the letter folded in three), fold
marks in the left margin, the body below: « Lyon, le 23 novembre 2026 »,
« Objet : … » when the template has a subject, then the template's
paragraphs filled for the recipient. A body too long for its box is shrunk
to fit: a letter is always one page.

The address is the NF Z10-011 block (crmdesk/domain/postal.py). Every value
of the file is escaped before it reaches ReportLab (crmdesk/reports/text.py):
a field never prints as markup, nor as ``{nom}``.

    pages = render_letters(stream, letters, business=business)     # letters: Iterable[Letter]
    result = print_letters(database, template, plan.ids, out, today=…, rows=…, progress=…)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Spacer

from crmdesk.domain.errors import CrmError
from crmdesk.domain.templates import (
    Compiled,
    MissingReport,
    Rendered,
    compile_template,
    long_date,
    render,
)
from crmdesk.i18n import N_
from crmdesk.reports.ack_letter import (
    ADDRESS_BOX,
    BODY_BOX,
    FOLDS_MM,
    LETTERHEAD_BOX,
    PAGE_HEIGHT_MM,
    Box,
)
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.letterhead import letterhead_flowables
from crmdesk.reports.output import atomic_file
from crmdesk.reports.styles import MUTED, paragraph_styles
from crmdesk.reports.text import clean, escape

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Letter:
    """One page: the address lines, the filled template, the day it is dated."""

    address: Sequence[str]
    rendered: Rendered
    day: dt.date


def _frame(box: Box, name: str) -> Frame:
    x, y, width, height = box.pdf_rect()
    return Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)


def _fit(story: list[Flowable], box: Box) -> KeepInFrame:
    return KeepInFrame(
        box.width * mm - 0.5, box.height * mm - 0.5, story or [Spacer(1, 1)], mode="shrink", hAlign="LEFT", vAlign="TOP"
    )


def _piece(text: str, charset: frozenset[int]) -> str:
    """One line of a span, cleaned and escaped, keeping a space at either end
    (« Vous avez » + « 12 » + « points » must not run together)."""
    core = clean(text, charset=charset)
    if not core:
        return " " if text else ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + escape(core) + trail


def paragraph_markup(paragraph: Iterable, charset: frozenset[int]) -> str:
    """ReportLab markup of a rendered paragraph: values escaped, bold and italic, line breaks."""
    parts = []
    for span in paragraph:
        text = "<br/>".join(_piece(line, charset) for line in span.text.split("\n"))
        if text.strip() and span.italic:
            text = f"<i>{text}</i>"
        if text.strip() and span.bold:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


def _body(letter: Letter, business: Mapping, styles: Mapping, charset: frozenset[int]) -> list[Flowable]:
    city = escape(clean(business.get("city"), charset=charset))
    day = long_date(letter.day)
    story: list[Flowable] = [Paragraph(f"{city}, le {day}" if city else f"Le {day}", styles["place_date"])]
    subject = escape(clean(letter.rendered.subject, charset=charset))
    if subject:
        story.append(Paragraph(f"Objet\u00a0: {subject}", styles["subject"]))
    for paragraph in letter.rendered.paragraphs:
        text = paragraph_markup(paragraph, charset)
        if text.strip():
            story.append(Paragraph(text, styles["body"]))
    return story


def _address(lines: Sequence[str], styles: Mapping, charset: frozenset[int]) -> list[Flowable]:
    text = "<br/>".join(escape(clean(line, charset=charset)) for line in lines if line)
    return [Paragraph(text, styles["address"])] if text else []


def _fold_marks(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.4)
    for fold in FOLDS_MM:
        y = (PAGE_HEIGHT_MM - fold) * mm
        canvas.line(4 * mm, y, 9 * mm, y)
    canvas.restoreState()


def render_letters(out: BinaryIO, letters: Iterable[Letter], *, business: Mapping, title: str = "Lettres") -> int:
    """Draw one page per letter; returns the number of pages (CrmError when none).
    `letters` is read one at a time: a batch holds one letter in memory."""
    fonts = register_fonts()
    styles = paragraph_styles()
    business = business or {}
    canvas = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=fonts.regular, initialFontSize=10)
    canvas.setTitle(title)
    canvas.setAuthor(clean(business.get("name")))
    canvas.setCreator("crmdesk")
    head = letterhead_flowables(business, styles)
    pages = 0
    for letter in letters:
        for box, name, story in (
            (LETTERHEAD_BOX, "letterhead", list(head)),
            (ADDRESS_BOX, "address", _address(letter.address, styles, fonts.charset)),
            (BODY_BOX, "body", _body(letter, business, styles, fonts.charset)),
        ):
            _frame(box, name).addFromList([_fit(story, box)], canvas)
        _fold_marks(canvas)
        canvas.showPage()
        pages += 1
    if not pages:
        raise CrmError(N_("Aucune lettre à imprimer : personne n'est retenu."))
    canvas.save()
    return pages


@dataclass
class LettersResult:
    letters: int
    pages: int
    path: Path
    missing: MissingReport
    contact_ids: list[int]
    subjects: dict[int, str]  # each recipient's subject, filled (what the history records)


def print_letters(
    database,
    template: Mapping,
    ids: Sequence[int],
    out: Path | str,
    *,
    today: dt.date,
    rows: Mapping[int, Mapping[str, str]] | None = None,
    progress: Progress | None = None,
) -> LettersResult:
    """The letters of `template` for the recipients `ids` (a Plan's, in order)
    into the PDF `out` (written whole or not at all); `progress(done, total)`
    after each letter may raise to cancel."""
    from crmdesk.domain.postal import postal_address
    from crmdesk.store.outreach import recipients
    from crmdesk.store.settings import SettingsStore

    compiled = compile_template(template.get("subject") or "", template.get("body") or "")
    business = SettingsStore(database).business()
    report = MissingReport()
    done: list[int] = []
    subjects: dict[int, str] = {}
    total = len(ids)

    def letters() -> Iterable[Letter]:
        for recipient in recipients(database, ids, today=today, rows=rows, business=business):
            rendered = render(compiled, recipient.fields)
            report.add(rendered)
            yield Letter(postal_address(recipient.contact).lines, rendered, today)
            done.append(recipient.contact["id"])
            subjects[recipient.contact["id"]] = rendered.subject
            if progress is not None:
                progress(len(done), total)

    out = Path(out)
    with atomic_file(out) as stream:
        pages = render_letters(stream, letters(), business=business, title=str(template.get("name") or "Lettres"))
    return LettersResult(len(done), pages, out, report, done, subjects)


def preview_letter(
    template: Mapping,
    fields: Mapping[str, str],
    address: Sequence[str],
    *,
    business: Mapping,
    today: dt.date,
    out: BinaryIO,
) -> Rendered:
    """One letter for one recipient (the template editor's « Aperçu PDF »)."""
    compiled: Compiled = compile_template(template.get("subject") or "", template.get("body") or "")
    rendered = render(compiled, fields)
    render_letters(
        out, [Letter(address, rendered, today)], business=business, title=str(template.get("name") or "Lettre")
    )
    return rendered
