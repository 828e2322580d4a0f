"""The acknowledgement letter: content, literal user text, fonts, window envelope."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from crmdesk.reports import ack_letter
from crmdesk.reports.ack_letter import (
    ADDRESS_BOX,
    BODY_BOX,
    LETTERHEAD_BOX,
    PAGE,
    WINDOW,
    Box,
    letter_layout,
    recipient_lines,
    render_ack_letter,
)
from tests.helpers.today import TODAY

BUSINESS = {
    "name": "Sweety Bio",
    "activity": "Distribution de produits biologiques (B2C et B2B)",
    "address": "18 rue de la Charité",
    "postal_code": "87000",
    "city": "Limoges",
    "phone": "05 55 12 34 56",
    "email": "contact@sweetybio.example.com",
    "siret": "12345678900012",
}
CLIENT = {
    "civility": "Mme",
    "last_name": "Lefèvre-Dupré",
    "first_name": "Hélène",
    "company": "",
    "address": "12 chemin des Érables",
    "postal_code": "69002",
    "city": "Lyon",
    "country": "FR",
}
COMPLAINT = {
    "reference": "R-2026-0001",
    "received_at": "2026-11-20T10:32:00",
    "due_date": "2026-11-27",
    "subject": "Goût anormal – Miel Acacia lot L240615",
    "kind": "safety",
    "owner": "Émilie Garnier",
    "channel": "phone",
}


def render(business=BUSINESS, client=CLIENT, complaint=COMPLAINT, today=TODAY) -> bytes:
    buf = io.BytesIO()
    render_ack_letter(buf, business=business, client=client, complaint=complaint, today=today)
    return buf.getvalue()


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def flat(text: str) -> str:
    """Extracted text with no-break spaces as spaces and single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def text_of(pdf: bytes) -> str:
    pages = reader(pdf).pages
    assert len(pages) == 1
    return flat(pages[0].extract_text())


def squeezed(text: str) -> str:
    """Without any whitespace: a wrapped word is found whole again."""
    return re.sub(r"\s+", "", text)


def positions(pdf: bytes) -> list[tuple[float, float, str]]:
    """(x, y from the top, text) of every text run, in millimetres."""
    runs = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x / 72 * 25.4, 297 - y / 72 * 25.4, text.strip()))

    reader(pdf).pages[0].extract_text(visitor_text=visit)
    return runs


# --- content -----------------------------------------------------------------


def test_letter_content_in_french():
    text = text_of(render())
    assert "Sweety Bio" in text
    assert "SIRET : 123 456 789 00012" in text
    assert "Mme Hélène Lefèvre-Dupré" in text
    assert "12 chemin des Érables" in text and "69002 Lyon" in text
    assert "Limoges, le 23 novembre 2026" in text
    assert "Objet : Accusé de réception de votre réclamation n° R-2026-0001" in text
    assert "Madame," in text
    assert "reçue le 20/11/2026 par téléphone" in text
    assert "au plus tard le 27/11/2026" in text
    assert "20/11/2026 à 10 h 32" in text
    assert "Risque santé / sécurité" in text
    assert "Goût anormal – Miel Acacia lot L240615" in text
    assert "Émilie Garnier" in text
    assert "05 55 12 34 56" in text and "contact@sweetybio.example.com" in text
    assert "salutations distinguées" in text


def test_first_of_the_month_and_missing_city():
    text = text_of(render(business={**BUSINESS, "city": ""}, today=dt.date(2026, 12, 1)))
    assert "Le 1er décembre 2026" in text


def test_company_client_and_salutations():
    client = {
        **CLIENT,
        "company": "Épicerie Fine Œuvre",
        "civility": "M.",
        "first_name": "Jérôme",
        "last_name": "Noël",
        "country": "BE",
    }
    lines = recipient_lines(client)
    assert lines == ["Épicerie Fine Œuvre", "M. Jérôme Noël", "12 chemin des Érables", "69002 Lyon", "BELGIQUE"]
    text = text_of(render(client=client))
    assert "Monsieur," in text and "d’agréer, Monsieur," in text
    assert "Madame, Monsieur," in text_of(render(client={**client, "civility": ""}))


def test_reference_from_the_database_column_and_unknown_codes():
    complaint = {
        **COMPLAINT,
        "reference": None,
        "ref": "REC-2026-007",
        "kind": "weird_kind",
        "channel": "pigeon voyageur",
    }
    text = text_of(render(complaint=complaint))
    assert "réclamation n° REC-2026-007" in text
    assert "weird_kind" in text
    assert "(canal : pigeon voyageur)" in text


def test_missing_keys_do_not_break_the_letter():
    text = text_of(render(business={}, client={}, complaint={}))
    assert "Objet : Accusé de réception de votre réclamation" in text
    assert "dans les meilleurs délais" in text
    assert "notre service clients" in text


def test_invalid_dates_are_printed_as_typed():
    text = text_of(render(complaint={**COMPLAINT, "received_at": "hier midi", "due_date": "bientôt"}))
    assert "reçue le hier midi" in text and "au plus tard le bientôt" in text


# --- user text is printed literally ---------------------------------------------


def test_hostile_markup_is_printed_literally():
    client = {
        **CLIENT,
        "last_name": "<b>Dupont</b> & Fils",
        "company": '<img src="/etc/passwd"/>',
        "address": "1 rue <font size=40>X</font>\n&amp; cie",
    }
    complaint = {**COMPLAINT, "subject": "</para><para>Sujet & <i>test</i>", "owner": "Jean <br/> Valjean"}
    business = {**BUSINESS, "name": "<b>Sweety</b> & <u>Bio</u>"}
    text = text_of(render(business=business, client=client, complaint=complaint))
    for typed in (
        "<b>Dupont</b> & Fils",
        '<img src="/etc/passwd"/>',
        "1 rue <font size=40>X</font>",
        "&amp; cie",
        "</para><para>Sujet & <i>test</i>",
        "Jean <br/> Valjean",
        "<b>Sweety</b> & <u>Bio</u>",
    ):
        assert typed in text, typed


def test_control_characters_emoji_and_right_to_left_text():
    client = {
        **CLIENT,
        "last_name": "Dupont\x00\x07\x1b[31m",
        "first_name": "\u202eAli\u202c",
        "address": "Rue 😀 שלום مرحبا\tB",
    }
    complaint = {**COMPLAINT, "subject": "Colis 📦 abîmé\u0085\u2028ligne 2\ud800"}
    pdf = render(client=client, complaint=complaint)
    text = text_of(pdf)
    assert "Dupont[31m" in text  # ESC removed, the rest as typed
    assert "\x00" not in text and "\x1b" not in text
    assert "\u202e" not in text and "Ali" in text
    assert "\ufffd" in text  # emoji: a replacement glyph, no crash
    assert "abîmé" in text and "ligne 2" in text
    assert "שלום" in text or "םולש" in text  # reading order is the viewer's business
    assert "Rue" in text and " B" in text


def test_a_300_character_word_wraps_on_one_page():
    word = "Abcdéfghij" * 30
    assert len(word) == 300
    client = {**CLIENT, "last_name": word, "address": word}
    complaint = {**COMPLAINT, "subject": word, "owner": word}
    business = {**BUSINESS, "name": word, "email": word}
    pdf = render(business=business, client=client, complaint=complaint)
    assert len(reader(pdf).pages) == 1
    whole = squeezed(reader(pdf).pages[0].extract_text())
    assert whole.count(word) >= 5
    width_mm, height_mm = 210, 297
    for x, y, run in positions(pdf):
        assert 0 <= x <= width_mm and 0 <= y <= height_mm, run


def test_a_very_long_subject_is_cut_but_the_letter_stays_one_page():
    subject = "mot " * 2000
    pdf = render(complaint={**COMPLAINT, "subject": subject})
    assert len(reader(pdf).pages) == 1
    text = text_of(pdf)
    assert "…" in text and "au plus tard le 27/11/2026" in text


# --- fonts ------------------------------------------------------------------------


def _fonts(pdf: bytes) -> dict[str, pypdf.generic.DictionaryObject]:
    resources = reader(pdf).pages[0]["/Resources"]["/Font"]
    return {name: font.get_object() for name, font in resources.items()}


def test_fonts_are_dejavu_and_embedded():
    fonts = _fonts(render(complaint={**COMPLAINT, "subject": "Remboursement de 12,50 € – œuf"}))
    names = {str(font["/BaseFont"]) for font in fonts.values()}
    assert {re.sub(r"^/[A-Z]{6}\+", "", name) for name in names} == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
    }
    for font in fonts.values():
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"]  # the glyphs travel with the PDF
        assert "/ToUnicode" in font  # and the text can be copied
    assert "12,50 € – œuf" in text_of(render(complaint={**COMPLAINT, "subject": "12,50 € – œuf"}))


# --- window envelope ----------------------------------------------------------------


def test_layout_numbers():
    assert Box(110, 45, 100, 45) == WINDOW
    assert Box(115, 50, 85, 35) == ADDRESS_BOX
    layout = letter_layout()
    assert layout.window.contains(layout.address)
    assert not layout.letterhead.overlaps(layout.window)
    assert layout.body.y >= layout.window.bottom
    for box in (LETTERHEAD_BOX, ADDRESS_BOX, BODY_BOX):
        assert PAGE.contains(box)
        assert box.x >= 20 and box.right <= 200 and box.bottom <= 297 - 20


def test_frames_are_built_from_the_layout():
    frame = ack_letter.frame_for(ADDRESS_BOX, "address")
    x, y, width, height = ADDRESS_BOX.pdf_rect()
    assert (frame._x1, frame._y1, frame._width, frame._height) == pytest.approx((x, y, width, height))
    assert (frame._leftPadding, frame._topPadding, frame._rightPadding, frame._bottomPadding) == (0, 0, 0, 0)


def _address_runs(pdf: bytes, marker: str) -> list[tuple[float, float, str]]:
    runs = positions(pdf)
    first = next(i for i, (_, _, text) in enumerate(runs) if marker in text)
    return [run for run in runs[first:] if run[0] >= WINDOW.x][:12]


@pytest.mark.parametrize(
    "client",
    [
        CLIENT,
        {
            **CLIENT,
            "company": "Société Coopérative Agricole des Producteurs Réunis du Limousin",
            "address": "Bâtiment C, escalier 4\nZone artisanale des Grands Champs\n" + "Lieu-dit " * 20 + "\nBP 42",
            "country": "CH",
        },
    ],
    ids=["short", "long"],
)
def test_the_address_is_drawn_inside_the_window(client):
    pdf = render(client=client)
    runs = _address_runs(pdf, client.get("company") or "Mme Hélène")
    assert runs
    address_text = " ".join(text for _, _, text in runs)
    assert "Lyon" in address_text
    for x, baseline, text in runs:
        if baseline > ADDRESS_BOX.bottom + 5:  # past the address: the body
            break
        assert ADDRESS_BOX.x - 0.01 <= x <= ADDRESS_BOX.right, text
        assert ADDRESS_BOX.y < baseline <= ADDRESS_BOX.bottom, text


# --- files and images ------------------------------------------------------------------


def test_writes_a_path_atomically(tmp_path):
    out = tmp_path / "ar.pdf"
    render_ack_letter(out, business=BUSINESS, client=CLIENT, complaint=COMPLAINT, today=TODAY)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["ar.pdf"]


def test_a_failed_render_leaves_no_file(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ack_letter, "draw_letter", boom)
    with pytest.raises(RuntimeError):
        render_ack_letter(tmp_path / "ar.pdf", business=BUSINESS, client=CLIENT, complaint=COMPLAINT)
    assert list(tmp_path.iterdir()) == []


def test_logo_is_drawn_when_the_file_exists(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (46, 107, 63)).save(logo)
    page = reader(render(business={**BUSINESS, "logo": str(logo)})).pages[0]
    assert "/XObject" in page["/Resources"]
    no_logo = reader(render(business={**BUSINESS, "logo": str(tmp_path / "missing.png")})).pages[0]
    assert "/XObject" not in no_logo["/Resources"]
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    assert len(reader(render(business={**BUSINESS, "logo": str(broken)})).pages) == 1
