"""The access export: a readable PDF and a JSON file of everything held about one person."""

import json

import pytest
from pypdf import PdfReader

from crmdesk.domain.errors import CrmError
from crmdesk.reports.access_report import export_access, file_names
from crmdesk.store import gdpr
from crmdesk.store.settings import SettingsStore
from tests.helpers.gdpr_person import CODE, EMAIL, make_person
from tests.helpers.today import TODAY


def pdf_text(path):
    """The text of every page, lines joined by single spaces (table cells wrap)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture
def exported(database, tmp_path):
    SettingsStore(database).set_business({"name": "Le Bol d'Air", "city": "Limoges", "postal_code": "87000"})
    person = make_person(database, tmp_path)
    database.conn.execute(
        "UPDATE contacts SET notes = ? WHERE id = ?", ("<b>gras</b> & <img src='x'/> Ω", person.contact_id)
    )
    out = tmp_path / "export"
    out.mkdir()
    return export_access(database, person.contact_id, out, today=TODAY)


def test_both_files_in_the_folder(exported, tmp_path):
    json_path, pdf_path = exported
    assert (json_path.name, pdf_path.name) == file_names(CODE) == ("donnees-BA0042.json", "donnees-BA0042.pdf")
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == ["donnees-BA0042.json", "donnees-BA0042.pdf"]
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["contact"]["email"] == EMAIL and len(data["orders"]) == 2


def test_the_pdf_reads_in_french(exported):
    text = pdf_text(exported[1])
    for expected in (
        "Le Bol d'Air",
        "Le 23 novembre 2026",
        "Vos données personnelles",
        "article 15",
        "REVEL",
        "Marie-Paule",
        EMAIL,
        "10 avenue du Merlan",
        "125,40 €",
        "89,00 €",
        "Commandes (2, 214,40 €)",
        "10/01/2023",
        "Livrer chez Mme REVEL",
        "Appel de Mme Revel",
        "Rappeler Marie-Paule REVEL",
        "Plat cassé — Mme Revel",
        "Plat remplacé, excuses à Mme REVEL",
        "lettre-revel.txt",
        "Merci ! M.-P. Revel",
        "CARTE-7788",
        "Oui, depuis le 12/03/2024 (source : salon)",
        "Opposition à la prospection",
        "02/12/2026",
        "mp.revel@ancien.fr → marie-paule.revel@exemple.fr",
        "REVELL",
        "Page 1",
        "Amie de Mme Revel",
    ):
        assert expected in text, expected
    # user text printed literally, markup and all
    assert "<b>gras</b> & <img src='x'/> Ω" in text


def test_an_erased_person_has_nothing_left_to_export(database, tmp_path):
    person = make_person(database, tmp_path)
    gdpr.erase(database, person.contact_id)
    with pytest.raises(CrmError, match="anonymisé"):
        export_access(database, person.contact_id, tmp_path)
    assert not list(tmp_path.glob("donnees-*"))


def test_status_and_rfm_segment_are_shown_by_their_names():
    from crmdesk.reports.access_report import _value

    assert (_value("status", "premium"), _value("rfm_segment", "fideles")) == ("Premium", "Fidèles")
