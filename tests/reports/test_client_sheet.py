"""Client sheets (fiche client): what the PDF says, hostile text, continuation pages, batches."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.reports.client_sheet import render_sheets
from crmdesk.reports.prints import file_name_for, print_cards, print_sheets
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactStore
from crmdesk.store.sheets import SheetReader
from tests.helpers.sheets import BUSINESS, TODAY, build


def pages_text(data_or_path) -> list[str]:
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    # French number formats use (narrow) no-break spaces: compare with plain ones
    return [re.sub(r"[\u00a0\u202f]", " ", page.extract_text()) for page in pypdf.PdfReader(source).pages]


@pytest.fixture
def ids(database):
    return build(database)


def sheet_pdf(database, ids_, today=TODAY) -> list[str]:
    buffer = io.BytesIO()
    reader = SheetReader(database)
    render_sheets(buffer, reader.sheets(ids_, today), business=reader.business(), today=today)
    return pages_text(buffer.getvalue())


def test_sheet_shows_identity_figures_complaint_loyalty_and_consent(database, ids):
    [page] = sheet_pdf(database, [ids["helene"]])
    for expected in (
        "FICHE CLIENT",
        "Sweety Bio",
        "SIRET : 845 998 988 00925",
        "Tél. : 04 65 71 01 47",
        "LEFÈVRE-DUPRÉ Hélène",
        "12 chemin des Érables",
        "69002 Lyon",
        "06 12 34 56 78",
        "helene@example.org",
        "Imprimée le 23/11/2026",
    ):
        assert expected in page, expected
    # revenue: 2025 = 500,00 € (1 order), 2026 = 100,00 + 1 154,00 = 1 254,00 € (2 orders)
    assert re.search(r"Chiffre d'affaires\n 500,00 €\n 1 254,00 €", page)
    assert re.search(r"Commandes\n 1\n 2\n", page)
    assert "Panier moyen\n 500,00 €\n 627,00 €" in page
    # status and RFM as of the day printed (not as saved on the contact the day the orders were typed):
    # 1 254,00 € over the 12 months = Occasionnel; last order 01/10, 53 days before = R 2, 2 orders = F 1,
    # < 40 000 € = M 1; R 2 → 3 and F 1 → 2 on the segments' scale = « À surveiller »
    assert "Statut\nOccasionnel" in page
    assert "RFM\n2-1-1 · À surveiller" in page
    assert "Chiffres au\n23/11/2026" in page
    # the open complaint and its due date (5 business days after Friday 20/11)
    complaint = ComplaintStore(database).of_contact(ids["helene"])[0]
    assert complaint["ref"] in page and "Colis abîmé à la livraison" in page
    assert dt.date.fromisoformat(complaint["due_date"]).strftime("%d/%m/%Y") in page
    # loyalty: 50 + 115 earned, 20 redeemed from the batch that lapses first
    assert "Solde\n145 points" in page and "30 points le 31/12/2026" in page
    assert "Oui, depuis le 12/03/2025\n(Bulletin magasin)" in page
    assert "Page 1 / 1" in page
    # the last orders, latest first
    assert page.index("01/10/2026\nCMD-2") < page.index("10/02/2026\nCMD-1") < page.index("15/06/2025\nCMD-0")


def test_hostile_text_prints_literally_and_stays_on_the_page(database, ids):
    pages = sheet_pdf(database, [ids["hostile"]])
    text = "\n".join(pages)
    stored = ContactStore(database).get(ids["hostile"])
    assert stored["last_name"].startswith("<") and f"{stored['last_name']}" in text
    assert '<img src="/etc/passwd"/> & Cie' in text
    assert "\u200f" not in text and "Zoé" in text  # bidi mark dropped, letters kept
    assert "Paris \ufffd" in text  # emoji shown as a replacement mark
    assert text.replace("\n", "").count("x" * 600) == 1  # the long word, cut into lines, all there
    assert len(pages) == 1


def test_a_sheet_too_long_for_a_page_continues_and_says_so(database, ids):
    complaints = ComplaintStore(database)
    for i in range(25):
        complaints.create(
            {
                "contact_id": ids["long"],
                "subject": f"Demande n° {i} " + "détail " * 20,
                "channel": "email",
                "kind": "information",
            },
            received_at=dt.datetime(2026, 11, 2 + i % 20, 9, 0),
        )
    pages = sheet_pdf(database, [ids["long"], ids["helene"]])
    first_client = [p for p in pages if "Fiche client C0003" in p]
    assert len(first_client) >= 2 and len(pages) == len(first_client) + 1
    count = len(first_client)
    for number, page in enumerate(first_client, 1):
        assert f"Page {number} / {count}" in page
        assert ("Suite page suivante" in page) == (number < count)
        assert ("MARTIN Paul (suite)" in page) == (number > 1)
    assert "Demande n° 24" in "\n".join(first_client)
    assert "Page 1 / 1" in pages[-1] and "LEFÈVRE-DUPRÉ Hélène" in pages[-1]


def test_batch_has_one_page_per_client_in_the_order_given(database, ids):
    order = [ids["long"], ids["helene"], ids["hostile"]]
    pages = sheet_pdf(database, order)
    assert len(pages) == 3
    assert [re.search(r"Code client : (\S+)", p).group(1) for p in pages] == ["C0003", "C0001", "C0002"]


def test_nothing_to_print(database, ids):
    with pytest.raises(CrmError, match="Aucun client"):
        render_sheets(io.BytesIO(), iter(()), business=BUSINESS, today=TODAY)
    ContactStore(database).trash(ids["hostile"])
    with pytest.raises(CrmError, match="Aucun client"):
        print_sheets(database, [ids["hostile"]], database.path.parent / "x.pdf", today=TODAY)
    assert not (database.path.parent / "x.pdf").exists()


def test_print_to_file_and_split_folder(database, ids, tmp_path):
    out = tmp_path / "fiches.pdf"
    result = print_sheets(database, list(ids.values()), out, today=TODAY)
    assert (result.clients, result.pages) == (3, 3) and len(pages_text(out)) == 3
    folder = tmp_path / "une-par-client"
    result = print_sheets(database, list(ids.values()), folder, today=TODAY, split=True)
    assert sorted(p.name for p in folder.iterdir()) == ["C0001.pdf", "C0002.pdf", "C0003.pdf"]
    assert (result.files, result.pages) == (3, 3)
    assert "LEFÈVRE-DUPRÉ Hélène" in pages_text(folder / "C0001.pdf")[0]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


@pytest.mark.parametrize("split", [False, True])
def test_a_cancelled_batch_leaves_nothing(database, ids, tmp_path, split):
    class Cancel(Exception):
        pass

    def progress(done, total):
        if done == 2:
            raise Cancel

    out = tmp_path / ("fiches" if split else "fiches.pdf")
    with pytest.raises(Cancel):
        print_sheets(database, list(ids.values()), out, today=TODAY, split=split, progress=progress)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("clients.sqlite")] == []


def test_an_existing_pdf_is_replaced_whole_and_a_database_never(database, ids, tmp_path):
    out = tmp_path / "fiche.pdf"
    out.write_bytes(b"old")
    print_sheets(database, [ids["helene"]], out, today=TODAY)
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(CrmError, match="base de données"):
        print_cards(database, [ids["helene"]], database.path)
    with pytest.raises(CrmError, match="n'existe pas"):
        print_sheets(database, [ids["helene"]], tmp_path / "nowhere" / "f.pdf", today=TODAY)


def test_file_names_for_split_are_safe_and_distinct():
    used: set[str] = set()
    assert file_name_for("SB00007", used) == "SB00007.pdf"
    assert file_name_for("sb00007", used) == "sb00007-2.pdf"  # case-blind file systems
    assert file_name_for("../../etc/passwd", used) == "_.._etc_passwd.pdf"
    assert file_name_for("...", used) == "client.pdf"
