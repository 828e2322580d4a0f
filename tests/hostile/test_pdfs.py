"""Markup, control characters, right-to-left marks and very long words in
every PDF: the client sheets (`crmdesk sheet`), the client cards
(`crmdesk cards`), the acknowledgement, closure and survey letters, the GDPR access report
(`crmdesk gdpr export`) and the dashboard report. Nothing crashes and the
text prints literally: what `reports.text.clean` keeps of it (control and
bidi characters out, emoji as « � ») is found in the extracted text."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from crmdesk.cli.main import main
from crmdesk.gui.dashboard.export import slug
from crmdesk.reports.ack_letter import SUBJECT_MAX, render_ack_letter
from crmdesk.reports.dashboard_report import render_dashboard_report
from crmdesk.reports.text import clean
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactStore
from crmdesk.store.settings import SettingsStore
from tests.helpers.today import TODAY
from tests.hostile.values import HOSTILE_TEXT, MAY_BE_REFUSED, TEXT
from tests.reports.test_dashboard_report import png

# How much of the 5,000-character word each document is expected to print.
SHOWN = 400


def squeezed(text: str) -> str:
    """Without white space (a wrapped word is whole again), no-break spaces included."""
    return re.sub(r"[\s\u00a0\u202f]+", "", text)


def pdf_text(source) -> str:
    reader = pypdf.PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
    return squeezed("".join(page.extract_text() for page in reader.pages))


def printed(value: str, limit: int | None = None) -> str:
    """What a PDF shows of a typed value, squeezed; the start of it when it is cut."""
    shown = squeezed(clean(value))
    return shown[:limit] if limit else shown


def assert_printed(value: str, text: str, limit: int = SHOWN) -> None:
    expected = printed(value, limit if value == TEXT["long-5000"] else None)
    assert expected and expected in text, expected[:80]
    if value == TEXT["markup"]:
        assert "<b>gras</b>&<imgsrc=x>" in text


def contact_of(stored, value):
    if value not in stored:
        assert value in MAY_BE_REFUSED
        pytest.skip("refused at entry, nothing to print")
    return stored[value]


@pytest.fixture(scope="module")
def sheets(hostile_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sheets")
    assert (
        main(
            [
                "sheet",
                "--db",
                str(hostile_path),
                "--all",
                "--split",
                "--out",
                str(folder / "fiches"),
                "--as-of",
                TODAY.isoformat(),
            ]
        )
        == 0
    )
    assert main(["cards", "--db", str(hostile_path), "--all", "--out", str(folder / "cartes.pdf")]) == 0
    return folder


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_client_sheet(sheets, stored, value):
    contact = contact_of(stored, value)
    text = pdf_text(sheets / "fiches" / f"{contact['code']}.pdf")
    assert "FICHECLIENT" in text
    assert_printed(value, text)


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_client_card(sheets, stored, value):
    """A card has room for a name on two lines: a long one is cut with « … »."""
    contact = contact_of(stored, value)
    text = pdf_text(sheets / "cartes.pdf")
    assert contact["code"] in text
    name = printed("HOSTILE " + contact["first_name"])
    assert name in text or name[:20] in text


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_acknowledgement_letter(hostile_db, stored, value):
    contact = contact_of(stored, value)
    complaints = ComplaintStore(hostile_db)
    (complaint,) = complaints.of_contact(contact["id"], today=TODAY)
    out = io.BytesIO()
    business = SettingsStore(hostile_db).business()
    render_ack_letter(
        out, business=business, client=ContactStore(hostile_db).get(contact["id"]), complaint=complaint, today=TODAY
    )
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == 1  # a letter fits its page, whatever was typed
    text = pdf_text(out.getvalue())
    assert_printed(value, text, limit=SUBJECT_MAX // 2)


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_closure_and_survey_letters(hostile_db, stored, value):
    """The answer typed at closure and the mediator's name print literally; the
    survey's reply slip names the client; each letter keeps to its page."""
    from crmdesk.reports.closure_letter import render_closure_letter
    from crmdesk.reports.survey_letter import render_survey_letter

    contact = contact_of(stored, value)
    (complaint,) = ComplaintStore(hostile_db).of_contact(contact["id"], today=TODAY)
    client = ContactStore(hostile_db).get(contact["id"])
    business = {
        **SettingsStore(hostile_db).business(),
        "mediator_name": value,
        "mediator_website": "https://m.example",
        "mediator_address": "1 rue X",
    }
    closure = {"answer": value, "compensation_kind": "refund", "cost_cents": 1250}
    for render, extra in ((render_closure_letter, {"closure": closure}), (render_survey_letter, {})):
        out = io.BytesIO()
        render(out, business=business, client=client, complaint=complaint, today=TODAY, **extra)
        assert len(pypdf.PdfReader(io.BytesIO(out.getvalue())).pages) == 1
        text = pdf_text(out.getvalue())
        if render is render_closure_letter:
            assert_printed(value, text, limit=SUBJECT_MAX // 2)
        else:
            assert "Coupon-réponse" in text and contact["code"] in text


@pytest.mark.parametrize("value", HOSTILE_TEXT)
@pytest.mark.slow
def test_gdpr_access_report(hostile_path, stored, tmp_path, value):
    contact = contact_of(stored, value)
    assert (
        main(
            ["gdpr", "export", "--db", str(hostile_path), "--client", contact["code"], "--out", str(tmp_path / "acces")]
        )
        == 0
    )
    text = pdf_text(tmp_path / "acces" / f"donnees-{contact['code']}.pdf")
    assert_printed(value, text)
    if value == TEXT["long-5000"]:  # everything held, however long: over several pages
        assert text.count("é") >= 5 * 4_996


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_dashboard_report(value):
    """The letterhead is typed by the user (the figures and chart titles are the application's)."""
    out = io.BytesIO()
    render_dashboard_report(
        out,
        business={"name": value, "address": value, "city": value},
        period_label="T4 2026",
        charts=[("CA par catégorie", png())],
        figures=[("Commandes", "216")],
        title="Tableau de bord",
        today=dt.date(2026, 11, 23),
    )
    assert_printed(value, pdf_text(out.getvalue()))


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_dashboard_file_names_stay_plain(value):
    """The PNG and PDF names of the dashboard export are made from labels."""
    name = slug(value)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|", name), name
