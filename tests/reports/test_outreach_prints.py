"""Letters, address labels and envelopes in PDF, read back with pypdf
(crmdesk/reports/letters.py, labels.py, envelopes.py)."""

from __future__ import annotations

import io
import re
import shutil

import pypdf
import pytest
from reportlab.lib.units import mm

from crmdesk.domain.labels import ENVELOPE_FORMATS, LABEL_FORMATS, LABEL_PADDING
from crmdesk.domain.postal import postal_address
from crmdesk.domain.templates import compile_template, render
from crmdesk.reports.ack_letter import ADDRESS_BOX
from crmdesk.reports.envelopes import print_envelopes
from crmdesk.reports.labels import print_labels, render_labels, render_test_grid
from crmdesk.reports.letters import Letter, print_letters, render_letters
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.database import Database
from crmdesk.store.outreach import Selection, addresses, plan_selection, recipients
from crmdesk.store.templates import TemplateStore
from tests.helpers.today import TODAY


@pytest.fixture(scope="module")
def sweetybio_file(sweetybio_template):
    return sweetybio_template


@pytest.fixture
def sweetybio(sweetybio_file, tmp_path):
    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_file, path)
    database = Database(path, writer=False)
    yield database
    database.close()


def flat(text: str) -> str:
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


def placed_lines(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of every string drawn on a page, x and y in mm from the top-left corner."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            height = float(page.mediabox.height)
            found.append((text.strip(), x / mm, (height - y) / mm))

    page.extract_text(visitor_text=visit)
    return found


def test_thirty_clients_on_l7163_sheets(sweetybio, tmp_path):
    """The done-when of issue 18: 30 Sweety Bio clients in L7163 are 3 pages whose text
    holds each NF Z10-011 address block, each line inside its label."""
    fmt = LABEL_FORMATS["L7163"]
    plan = plan_selection(sweetybio, Selection(query=ContactQuery(sort="code")), "post")
    ids = plan.ids[:30]
    blocks = [address.lines for _id, address in addresses(sweetybio, ids)]
    assert len(blocks) == 30
    result = print_labels(sweetybio, ids, tmp_path / "etiquettes.pdf", fmt)
    assert (result.labels, result.pages, result.contact_ids) == (30, 3, ids)
    pages = pypdf.PdfReader(str(result.path)).pages
    assert len(pages) == 3
    for page in pages:
        assert (float(page.mediabox.width) / mm, float(page.mediabox.height) / mm) == pytest.approx((210, 297), abs=0.1)
    drawn = [placed_lines(page) for page in pages]
    for index, lines in enumerate(blocks):
        sheet, number = divmod(index, fmt.per_sheet)
        assert "\n".join(lines) in pages[sheet].extract_text()  # the block whole, its lines in order
        box = fmt.box(number + 1)
        placed, drawn[sheet] = drawn[sheet][: len(lines)], drawn[sheet][len(lines) :]  # labels are drawn in turn
        assert [text for text, _x, _y in placed] == list(lines)
        for line, x, y in placed:
            assert x == pytest.approx(box.x + LABEL_PADDING, abs=0.01), line
            assert box.y + LABEL_PADDING < y < box.bottom - LABEL_PADDING + 1, line
    assert drawn == [[], [], []]  # nothing else drawn: 14, 14, then 2 labels on the third sheet


def test_a_partly_used_sheet_starts_at_the_label_asked(tmp_path):
    fmt = LABEL_FORMATS["L7160"]
    out = io.BytesIO()
    blocks = [[f"Client {n}", f"{n} RUE HAUTE", "69002 LYON"] for n in range(1, 20)]
    assert render_labels(out, blocks, fmt, start=5) == 2  # labels 5 … 21, then 2 on a second sheet
    pages = pypdf.PdfReader(io.BytesIO(out.getvalue())).pages
    first = {line: (x, y) for line, x, y in placed_lines(pages[0])}
    box = fmt.box(5)
    x, y = first["Client 1"]
    assert x == pytest.approx(box.x + LABEL_PADDING, abs=0.01) and box.y < y < box.bottom
    assert placed_lines(pages[1])[0][0] == "Client 18"


def test_the_test_grid_numbers_every_label():
    for fmt in LABEL_FORMATS.values():
        out = io.BytesIO()
        assert render_test_grid(out, fmt) == 1
        text = pypdf.PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text()
        numbers = [int(n) for n in re.findall(r"^(\d+)$", text, re.MULTILINE)]
        assert numbers == list(range(1, fmt.per_sheet + 1)), fmt.code
        assert f"Planche d'essai {fmt.code}" in text


def test_letters_of_the_at_risk_segment_hold_each_recipients_fields(sweetybio, tmp_path):
    """The done-when of issue 18: letters for « à risque » contain each recipient's
    merged fields and no {…} left."""
    template = TemplateStore(sweetybio).by_purpose("reactivation")
    plan = plan_selection(sweetybio, Selection(query=ContactQuery(sort="code", rfm_segment="a_risque")), "post")
    assert len(plan.ids) > 10
    result = print_letters(sweetybio, template, plan.ids, tmp_path / "lettres.pdf", today=TODAY)
    assert result.letters == result.pages == len(plan.ids) and result.contact_ids == plan.ids
    pages = pypdf.PdfReader(str(result.path)).pages
    compiled = compile_template(template["subject"], template["body"])
    for page, recipient in zip(pages, recipients(sweetybio, plan.ids, today=TODAY), strict=True):
        text = flat(page.extract_text())
        assert "{" not in text and "}" not in text
        rendered = render(compiled, recipient.fields)
        assert rendered.missing == ()
        for name in compiled.fields:
            assert flat(recipient.fields[name]) in text, name
        assert f"Objet : {rendered.subject}" in text
        assert "Lyon, le 23 novembre 2026" in text
        for line in postal_address(recipient.contact).lines:
            assert line in text
        # the address in the window of the envelope
        address = postal_address(recipient.contact).lines
        drawn = {line: (x, y) for line, x, y in placed_lines(page)}
        x, y = drawn[address[-1]]
        assert ADDRESS_BOX.x - 0.5 <= x <= ADDRESS_BOX.right and ADDRESS_BOX.y <= y <= ADDRESS_BOX.bottom
    assert result.missing.lines() == []
    assert result.subjects[plan.ids[0]] == "Vous nous manquez !"


def test_a_letter_prints_the_file_literally():
    compiled = compile_template("Pour {societe}", "<p>{formule_appel},</p><p>Chère <b>{societe}</b>, {adresse}</p>")
    values = {"formule_appel": "Madame", "societe": "<b>Dupont</b> & {nom} <img src='x'>", "adresse": ""}
    rendered = render(compiled, values)
    out = io.BytesIO()
    render_letters(
        out,
        [Letter(["<b>Dupont</b> & {nom}", "12 RUE X", "69002 LYON"], rendered, TODAY)],
        business={"name": "Sweety Bio", "city": "Lyon"},
    )
    text = flat(pypdf.PdfReader(io.BytesIO(out.getvalue())).pages[0].extract_text())
    assert "Objet : Pour <b>Dupont</b> & {nom} <img src='x'>" in text
    assert "Chère <b>Dupont</b> & {nom} <img src='x'>," in text
    assert rendered.missing == ("adresse",)


def test_envelopes_carry_the_sender_and_the_recipient(sweetybio, tmp_path):
    ids = plan_selection(sweetybio, Selection(query=ContactQuery(sort="code")), "post").ids[:3]
    for code in ("DL", "C5"):
        fmt = ENVELOPE_FORMATS[code]
        result = print_envelopes(sweetybio, ids, tmp_path / f"{code}.pdf", fmt)
        pages = pypdf.PdfReader(str(result.path)).pages
        assert result.envelopes == len(pages) == 3
        for page, (_id, address) in zip(pages, addresses(sweetybio, ids), strict=True):
            size = (float(page.mediabox.width) / mm, float(page.mediabox.height) / mm)
            assert size == pytest.approx((fmt.width, fmt.height), abs=0.1)
            drawn = {line: (x, y) for line, x, y in placed_lines(page)}
            assert drawn["Sweety Bio"][0] == pytest.approx(fmt.sender.x, abs=0.01)
            for line in address.lines:
                x, y = drawn[line]
                assert x == pytest.approx(fmt.recipient.x, abs=0.01) and fmt.recipient.y < y < fmt.recipient.bottom


def test_nothing_to_print_is_said_and_leaves_no_file(sweetybio, tmp_path):
    from crmdesk.domain.errors import CrmError

    with pytest.raises(CrmError, match="Aucune étiquette à imprimer"):
        print_labels(sweetybio, [], tmp_path / "vide.pdf", LABEL_FORMATS["3422"])
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("sweetybio.sqlite")] == []
