"""The answers to a complaint on paper: the consumer mediator in the
acknowledgement and the closure letter, the satisfaction survey invitation
with its reply slip and QR code."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from crmdesk.domain.complaint_letters import reply_link
from crmdesk.reports.ack_letter import render_ack_letter
from crmdesk.reports.closure_letter import compensation_text, render_closure_letter
from crmdesk.reports.qr import qr_modules
from crmdesk.reports.survey_letter import (
    CUT_Y_MM,
    QR_BORDER_MODULES,
    QR_BOX,
    SLIP_BOX,
    qr_payload,
    render_survey_letter,
)

TODAY = dt.date(2026, 11, 25)
MEDIATOR = {
    "mediator_name": "Médiation Conso Exemple",
    "mediator_address": "12 rue des Lilas\n75008 Paris",
    "mediator_website": "https://www.mediation-conso.example.org",
}
BUSINESS = {
    "name": "Sweety Bio",
    "address": "18 rue de la Charité",
    "postal_code": "69002",
    "city": "Lyon",
    "phone": "+33478000000",
    "email": "contact@sweetybio.example.com",
    **MEDIATOR,
}
CLIENT = {
    "code": "SB00199",
    "kind": "person",
    "civility": "Mme",
    "last_name": "Dubois",
    "first_name": "Hélène",
    "address": "101 rue des Cerisiers",
    "postal_code": "74000",
    "city": "Annecy",
}
COMPANY = {
    "code": "SB00007",
    "kind": "company",
    "company": "Bio Corner",
    "address": "3 place du Marché",
    "postal_code": "69001",
    "city": "Lyon",
}
COMPLAINT = {
    "ref": "R-2026-0006",
    "received_at": "2026-11-20T10:32:00",
    "due_date": "2026-11-27",
    "closed_at": "2026-11-25T16:00:00",
    "subject": "Goût anormal – Miel Acacia lot L240615",
    "kind": "safety",
    "owner": "Émilie Garnier",
    "channel": "phone",
}
CLOSURE = {
    "answer": "Une fermentation due au stockage a été constatée.\nNous retirons ce lot de la vente.",
    "compensation_kind": "refund",
    "cost_cents": 1250,
    "resatisfied": True,
}


def text_of(pdf: bytes) -> str:
    [page] = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", page.extract_text().replace("\u00a0", " "))


def ack(business=BUSINESS, client=CLIENT) -> str:
    out = io.BytesIO()
    render_ack_letter(out, business=business, client=client, complaint=COMPLAINT, today=TODAY)
    return text_of(out.getvalue())


def closure(business=BUSINESS, client=CLIENT, details=CLOSURE) -> str:
    out = io.BytesIO()
    render_closure_letter(out, business=business, client=client, complaint=COMPLAINT, closure=details, today=TODAY)
    return text_of(out.getvalue())


def survey(business=BUSINESS, client=CLIENT):
    out = io.BytesIO()
    invitation = render_survey_letter(out, business=business, client=client, complaint=COMPLAINT, today=TODAY)
    return out.getvalue(), invitation


# -- the mediator ------------------------------------------------------------------------------
def test_the_acknowledgement_names_the_mediator_to_a_consumer():
    text = ack()
    assert (
        "Si un désaccord subsistait après notre réponse, vous pourriez recourir gratuitement au médiateur "
        "de la consommation dont nous relevons : Médiation Conso Exemple, 12 rue des Lilas, 75008 Paris — "
        "https://www.mediation-conso.example.org." in text
    )
    assert "salutations distinguées" in text.split("Médiation Conso Exemple")[1]  # before the closing words


def test_the_closure_letter_gives_the_answer_the_compensation_and_the_mediator():
    text = closure()
    assert "Objet : Réponse à votre réclamation n° R-2026-0006" in text
    assert (
        "Vous nous avez fait part le 20/11/2026 de votre réclamation concernant « Goût anormal – Miel Acacia "
        "lot L240615 »" in text
    )
    assert "Une fermentation due au stockage a été constatée. Nous retirons ce lot de la vente." in text
    assert "Nous vous proposons, en réparation : Remboursement partiel de 12,50 €." in text.replace("\u202f", " ")
    assert "Réponse du 25/11/2026" in text and "Émilie Garnier" in text
    assert (
        "Si cette réponse ne vous satisfait pas, vous pouvez recourir gratuitement au médiateur de la "
        "consommation dont nous relevons : Médiation Conso Exemple, 12 rue des Lilas, 75008 Paris — "
        "https://www.mediation-conso.example.org. Il peut être saisi dans un délai d’un an" in text
    )


def test_no_mediator_sentence_without_one_nor_to_a_business():
    for text in (
        ack(business={"name": "Sweety Bio"}),
        closure(business={"name": "Sweety Bio"}),
        ack(client=COMPANY),
        closure(client=COMPANY),
        ack(business={**BUSINESS, "no_consumer_sales": True}),
    ):
        assert "médiateur" not in text and "salutations distinguées" in text


def test_the_compensation_as_the_client_reads_it():
    assert compensation_text({"compensation_kind": "none", "cost_cents": 0}) == ""
    assert compensation_text({"compensation_kind": "exchange", "cost_cents": 900}) == "Échange"  # the firm's cost
    assert compensation_text({"compensation_kind": "discount", "cost_cents": 500}).startswith(
        "Remise sur une prochaine commande de 5,00"
    )
    assert "réparation" not in closure(details={**CLOSURE, "compensation_kind": "none", "cost_cents": 0})


# -- the survey invitation -------------------------------------------------------------------------
def positions(pdf: bytes) -> dict[str, float]:
    """First text run -> its height from the top of the page, in millimetres."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.setdefault(text.strip(), 297 - y / 72 * 25.4)

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_letter_and_its_reply_slip():
    pdf, invitation = survey()
    text = text_of(pdf)
    assert "Objet : Votre avis sur le traitement de votre réclamation n° R-2026-0006" in text
    assert "Coupon-réponse — réclamation R-2026-0006" in text
    assert "Client : SB00199 — Mme Hélène Dubois" in text
    assert "1. Êtes-vous satisfait(e) de la façon dont votre réclamation a été traitée ?" in text
    assert "☐ 1 ☐ 2 ☐ 3 ☐ 4 ☐ 5" in text and "1 = pas du tout satisfait(e) · 5 = très satisfait(e)" in text
    assert "2. Recommanderiez-vous Sweety Bio à un proche ?" in text
    assert "☐ 0 ☐ 1 ☐ 2 ☐ 3 ☐ 4 ☐ 5 ☐ 6 ☐ 7 ☐ 8 ☐ 9 ☐ 10" in text
    assert "3. Un commentaire, une suggestion ?" in text
    assert (
        "À nous renvoyer par courrier à Sweety Bio, 18 rue de la Charité, 69002 Lyon, ou par courriel à "
        "contact@sweetybio.example.com." in text
    )
    assert "Scannez ce code pour répondre par courriel" in text
    where = positions(pdf)
    slip = [y for run, y in where.items() if run.startswith("Coupon-réponse")]
    body = [y for run, y in where.items() if run.startswith("Trois questions suffisent")]
    assert slip and body and body[0] < CUT_Y_MM < slip[0] <= SLIP_BOX.bottom
    assert invitation.reference == "R-2026-0006"


def drawn_modules(pdf: bytes, size: int) -> set[tuple[int, int]]:
    """The dark modules, rebuilt from the rectangles drawn in the QR code's box."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    module = QR_BOX.width * mm / (size + 2 * QR_BORDER_MODULES)
    left = QR_BOX.x * mm + QR_BORDER_MODULES * module
    top = (297 - QR_BOX.y) * mm - QR_BORDER_MODULES * module
    drawn = set()
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"re":
            x, y, w, _ = (float(v) for v in operands)
            row, column = round((top - y) / module) - 1, round((x - left) / module)
            drawn |= {(row, column + i) for i in range(round(w / module))}
    return drawn


def test_the_qr_code_is_an_email_to_the_business_with_the_reference():
    pdf, invitation = survey()
    payload = qr_payload(invitation)
    assert payload == reply_link(BUSINESS, "R-2026-0006").payload
    assert payload.startswith(
        "mailto:contact@sweetybio.example.com?subject=Enqu%C3%AAte%20de%20satisfaction%20R-2026-0006&body="
    )
    modules = qr_modules(payload)
    assert drawn_modules(pdf, len(modules)) == {
        (r, c) for r, line in enumerate(modules) for c, dark in enumerate(line) if dark
    }


def test_the_qr_code_reads_back(qapp):
    """Printed at 200 dpi, a reader finds the e-mail (or the survey's address) in it."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    def decoded(pdf: bytes) -> list[str]:
        document = QPdfDocument()
        buffer = QBuffer()
        buffer.setData(pdf)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        size = QSize(round(210 / 25.4 * 200), round(297 / 25.4 * 200))
        page = QImage(size, QImage.Format.Format_RGB32)
        page.fill(QColor("white"))
        painter = QPainter(page)
        painter.drawImage(0, 0, document.render(0, size))
        painter.end()
        png = QBuffer()
        png.open(QIODevice.OpenModeFlag.WriteOnly)
        page.save(png, "PNG")
        document.close()
        return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(png.data()))))]

    assert decoded(survey()[0]) == [reply_link(BUSINESS, "R-2026-0006").payload]
    online = {**BUSINESS, "survey_url": "https://forms.example.org/avis?ref={reference}"}
    assert decoded(survey(business=online)[0]) == ["https://forms.example.org/avis?ref=R-2026-0006"]


def test_no_qr_code_without_an_email_nor_a_survey_or_when_too_long():
    for business in (
        {"name": "Sweety Bio", "city": "Lyon"},
        {**BUSINESS, "survey_url": "https://forms.example.org/" + "x" * 500},
    ):
        pdf, invitation = survey(business=business)
        assert qr_payload(invitation) is None
        page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
        assert b"re" not in [op for _, op in ContentStream(page.get_contents(), page.pdf).operations]
        assert "Scannez" not in text_of(pdf) and "Coupon-réponse" in text_of(pdf)
