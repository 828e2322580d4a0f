"""Client cards: ten credit-card size cards per A4 page, literal user text
that never leaves its card, the QR code of the client code, lazy reading."""

from __future__ import annotations

import io
import itertools
import re

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf.generic import ContentStream
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from crmdesk.domain.errors import CrmError
from crmdesk.reports.ack_letter import PAGE
from crmdesk.reports.client_cards import (
    CARD_HEIGHT_MM,
    CARD_WIDTH_MM,
    PER_PAGE,
    QR_BORDER_MODULES,
    QR_BOX,
    card_box,
    card_origin,
    cut_marks,
    ellipsize,
    fit_name,
    render_cards,
    status_line,
    wrap,
)
from crmdesk.reports.fonts import register_fonts

BUSINESS = {"name": "Sweety Bio", "phone": "05 55 12 34 56", "email": "contact@sweetybio.example.com"}
HELENE = {
    "code": "SB00007",
    "name": "Hélène Lefèvre-Dupré",
    "status_label": "Premium",
    "segment_label": "Champions",
    "phone_display": "04 65 71 15 86",
    "email": "helene.lefevre@example.fr",
    "city": "Lyon",
    "postal_code": "69002",
}
LONG_WORD = "Z" * 400


def card(**changes) -> dict:
    return {**HELENE, **changes}


def render(cards, business=BUSINESS) -> bytes:
    buf = io.BytesIO()
    render_cards(buf, iter(cards), business=business)
    return buf.getvalue()


def pages_of(pdf: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def text_of(pdf: bytes) -> str:
    """All the text, one space for any run of whitespace (no-break spaces too)."""
    text = " ".join(page.extract_text() for page in pages_of(pdf))
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def runs(page: pypdf.PageObject) -> list[tuple[float, float, float, str]]:
    """(left, right, baseline from the top, text) of every text run, in mm."""
    found = []

    def visit(text, cm, tm, font, size):
        text = text.strip("\n")
        if not text.strip():
            return
        name = str(font["/BaseFont"]).split("+")[-1]  # « /AAAAAA+DejaVuSans-Bold »
        left = (cm[4] + tm[4]) / mm
        found.append((left, left + stringWidth(text, name, size) / mm, PAGE.height - (cm[5] + tm[5]) / mm, text))

    page.extract_text(visitor_text=visit)
    return found


# --- layout -------------------------------------------------------------------------


def test_ten_credit_card_size_cards_fill_the_sheet_without_overlap():
    boxes = [card_box(i) for i in range(PER_PAGE)]
    for i, box in enumerate(boxes):
        assert (box.width, box.height) == (CARD_WIDTH_MM, CARD_HEIGHT_MM) == (85, 55)
        assert (box.x, box.y) == card_origin(i)
        assert box.x >= 5 and box.y >= 5 and PAGE.width - box.right >= 5 and PAGE.height - box.bottom >= 5
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    # Centred: the same margin left and right, top and bottom.
    assert min(b.x for b in boxes) == pytest.approx(PAGE.width - max(b.right for b in boxes))
    assert min(b.y for b in boxes) == pytest.approx(PAGE.height - max(b.bottom for b in boxes))
    # Left to right, then top to bottom.
    assert card_origin(1)[1] == card_origin(0)[1] < card_origin(2)[1]
    with pytest.raises(ValueError):
        card_origin(PER_PAGE)


@pytest.mark.parametrize("count", [1, 3, PER_PAGE])
def test_cut_marks_line_up_with_every_card_edge_and_stay_in_the_margins(count):
    marks = cut_marks(count)
    boxes = [card_box(i) for i in range(count)]
    for (x1, y1), (x2, y2) in marks:
        assert x1 == x2 or y1 == y2  # straight
        assert min(x1, x2) > 0 and max(x1, x2) < PAGE.width and min(y1, y2) > 0 and max(y1, y2) < PAGE.height
        for box in card_box(0), card_box(PER_PAGE - 1), *boxes:  # no mark on any card
            inside_x = box.x < max(x1, x2) and min(x1, x2) < box.right
            inside_y = box.y < max(y1, y2) and min(y1, y2) < box.bottom
            assert not (inside_x and inside_y)
    vertical = {x1 for (x1, _), (x2, _) in marks if x1 == x2}
    horizontal = {y1 for (_, y1), (_, y2) in marks if y1 == y2}
    for box in boxes:
        assert {box.x, box.right} <= vertical and {box.y, box.bottom} <= horizontal


def test_the_qr_code_box_and_the_text_column_are_inside_the_card():
    assert QR_BOX.x >= 3 and QR_BOX.right <= CARD_WIDTH_MM - 3 and QR_BOX.bottom < CARD_HEIGHT_MM
    assert (QR_BOX.width, QR_BOX.height) == (20, 20)


# --- content ----------------------------------------------------------------------


def test_23_cards_make_3_pages_in_order():
    cards = [card(code=f"SB{i:05d}") for i in range(23)]
    buf = io.BytesIO()
    assert render_cards(buf, iter(cards), business=BUSINESS) == 3
    pages = pages_of(buf.getvalue())
    assert len(pages) == 3
    assert [page.extract_text().count("SB000") for page in pages] == [10, 10, 3]
    assert "SB00000" in pages[0].extract_text() and "SB00022" in pages[2].extract_text()


def test_a_card_shows_what_the_user_expects():
    text = text_of(render([HELENE]))
    for expected in (
        "Sweety Bio",
        "Hélène Lefèvre-Dupré",
        "SB00007",
        "Statut : Premium · Champions",
        "04 65 71 15 86",
        "helene.lefevre@example.fr",
        "69002 Lyon",
    ):
        assert expected in text


def test_status_line():
    assert status_line({"status_label": "Actif", "segment_label": ""}) == "Statut\u00a0: Actif"
    assert status_line({"status_label": "Premium", "segment_label": "Champions"}) == "Statut\u00a0: Premium · Champions"
    assert status_line({"segment_label": "À réactiver", "status_label": None}) == "Segment\u00a0: À réactiver"
    assert status_line({}) == ""


def test_hostile_text_prints_literally():
    text = text_of(
        render([card(name="<b>Dupont</b> & Fils", email='<img src="x">', city="<font color=red>Nice</font>")])
    )
    assert "<b>Dupont</b> & Fils" in text
    assert '<img src="x">' in text
    assert "<font color=red>Nice</font>" in text


def test_emoji_and_bidi_marks_do_not_break_the_print():
    text = text_of(render([card(name="Café 😀 du \u202eport\u202c", code="\u200fSB00008")]))
    assert "Café \ufffd du port" in text
    assert "SB00008" in text and "\u202e" not in text and "\u200f" not in text


def test_a_card_with_nothing_but_none_still_prints():
    pdf = render([dict.fromkeys(HELENE), {}], business={})
    assert len(pages_of(pdf)) == 1
    assert text_of(pdf).strip() == ""


# --- nothing leaves its card --------------------------------------------------------

HOSTILE = card(
    name=LONG_WORD,
    code="C" * 300,
    status_label=LONG_WORD,
    segment_label=LONG_WORD,
    phone_display="06 " * 80,
    email=LONG_WORD + "@example.com",
    city=LONG_WORD,
    postal_code=LONG_WORD,
)


def test_a_400_letter_word_is_cut_with_an_ellipsis():
    text = text_of(render([card(name=LONG_WORD)]))
    assert "…" in text
    assert LONG_WORD not in text.replace(" ", "")


def test_every_text_run_stays_inside_its_card():
    cards = [
        HOSTILE,
        card(
            name="Société des Établissements Réunis de la Haute-Vienne et du Limousin "
            "pour le commerce équitable et solidaire"
        ),
    ] * 5
    pdf = render(cards, business={"name": LONG_WORD})
    found = runs(pages_of(pdf)[0])
    assert len(found) > 50
    boxes = [card_box(i) for i in range(PER_PAGE)]
    for left, right, baseline, text in found:
        home = [b for b in boxes if b.x <= left < b.right and b.y < baseline < b.bottom]
        assert len(home) == 1, text
        box = home[0]
        assert box.x + 3 <= left and right <= box.right - 3, text
        assert box.y + 5 <= baseline <= box.bottom - 3, text


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.sampled_from("aW iléè…-@.Z0"), max_size=300), width=st.floats(min_value=20, max_value=200))
def test_wrap_never_exceeds_the_width_nor_the_line_count(text, width):
    fonts = register_fonts()
    text = re.sub(" +", " ", text).strip()
    lines, whole = wrap(text, fonts.bold, 10, width, 2)
    assert len(lines) <= 2
    assert all(stringWidth(line, fonts.bold, 10) <= width for line in lines)
    if whole:
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    else:
        assert lines[-1].endswith("…")


def test_the_name_shrinks_before_it_is_cut():
    bold = register_fonts().bold
    width = 50 * mm
    assert fit_name("Jean Martin", bold, width) == (11, ["Jean Martin"])
    assert fit_name("Établissements Réunis de la Haute-Vienne", bold, width) == (
        11,
        ["Établissements Réunis", "de la Haute-Vienne"],
    )
    size, lines = fit_name("Établissements Réunis de la Haute-Vienne et du Limousin", bold, width)
    assert 8 < size < 11 and " ".join(lines) == "Établissements Réunis de la Haute-Vienne et du Limousin"
    size, lines = fit_name(LONG_WORD, bold, width)
    assert size == 8 and len(lines) == 2 and lines[-1].endswith("…")
    assert ellipsize("court", bold, 8, width) == "court"


# --- the QR code ----------------------------------------------------------------------


def test_the_qr_code_drawn_is_the_client_code():
    """Rebuild the module grid from the rectangles on the page (one card, its
    origin known) and compare it with an independent encoding of the code."""
    page = pages_of(render([HELENE]))[0]
    qr = QrCodeWidget("SB00007", barLevel="M").qr
    qr.make()
    size = len(qr.modules)
    module = QR_BOX.width * mm / (size + 2 * QR_BORDER_MODULES)
    left = QR_BOX.x * mm + QR_BORDER_MODULES * module
    top = (CARD_HEIGHT_MM - QR_BOX.y) * mm - QR_BORDER_MODULES * module
    drawn = set()
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"re":
            x, y, w, _ = (float(v) for v in operands)
            row, column = round((top - y) / module) - 1, round((x - left) / module)
            drawn |= {(row, column + i) for i in range(round(w / module))}
    expected = {(r, c) for r, line in enumerate(qr.modules) for c, dark in enumerate(line) if dark}
    assert drawn == expected


def test_a_code_too_long_to_scan_gets_no_qr_code_but_is_printed_cut():
    page = pages_of(render([card(code="C" * 300)]))[0]
    operators = [op for _, op in ContentStream(page.get_contents(), page.pdf).operations]
    assert b"re" not in operators
    assert "CCCC…" in page.extract_text()


# --- the file -------------------------------------------------------------------------


def test_only_dejavu_is_used_and_metadata_is_set():
    pdf = render([HELENE] * 12)
    for page in pages_of(pdf):
        fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
        assert fonts and all("DejaVuSans" in name for name in fonts), fonts
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert meta.title == "Cartes client" and meta.creator == "crmdesk"


def test_no_card_is_an_error():
    with pytest.raises(CrmError, match="Aucun client à imprimer"):
        render_cards(io.BytesIO(), iter(()), business=BUSINESS)


def test_cards_are_read_lazily(monkeypatch):
    """Each page is written before the cards of the next page are asked for."""
    pulled = 0
    pulled_at_page_end = []

    def cards():
        nonlocal pulled
        for i in range(25):
            pulled += 1
            yield card(code=f"SB{i:05d}")

    show_page = Canvas.showPage

    def spy(canvas):
        pulled_at_page_end.append(pulled)
        show_page(canvas)

    monkeypatch.setattr(Canvas, "showPage", spy)
    assert render_cards(io.BytesIO(), cards(), business=BUSINESS) == 3
    # Page 1 ends when card 11 arrives, page 2 when card 21 does; the last when the cards run out.
    assert pulled_at_page_end == [11, 21, 25]
