"""crmdesk complaint add / list / letter and crmdesk config get / set, in-process."""

import csv
import io
import json

import pytest

from crmdesk.store.server import is_server_url
from tests.helpers.backend import opened
from tests.helpers.cli import cli


def add(database, *options) -> int:
    """`crmdesk complaint add --db … OPTIONS`: its exit code."""
    return cli("complaint", "add", "--db", database, *options)


def letter(database, ref: str, kind: str, out) -> int:
    """`crmdesk complaint letter --db … --ref … --kind … --out …`: its exit code."""
    return cli("complaint", "letter", "--db", database, "--ref", ref, "--kind", kind, "--out", out)


pytestmark = pytest.mark.both_kinds


@pytest.fixture
def sweetybio(sweetybio_db):
    return sweetybio_db


def test_add_prints_reference_and_due_date(sweetybio, capsys):
    assert (
        add(
            sweetybio,
            "--client",
            "SB00007",
            "--subject",
            "Colis abîmé",
            "--received",
            "2026-11-22T10:15",
            "--kind",
            "delivery",
            "--channel",
            "email",
            "--product",
            "EP-MIE-ACA",
            "--lot",
            "L1",
            "--format",
            "json",
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["reference"] == "REC-2026-0006" and out["due_date"] == "2026-11-27"
    assert out["client_code"] == "SB00007" and out["product"] == "Miel Acacia 500 g" and out["lot"] == "L1"
    assert add(sweetybio, "--client", "SB00007", "--subject", "Autre", "--received", "2026-11-23T09:00") == 0
    text = capsys.readouterr().out
    assert "REC-2026-0007" in text and "2026-11-28" in text


def test_add_errors(sweetybio, capsys):
    assert add(sweetybio, "--client", "NOPE", "--subject", "x") == 1
    assert "introuvable" in capsys.readouterr().err
    assert add(sweetybio, "--client", "SB00007", "--subject", "x", "--product", "Produit inexistant") == 1
    assert add(sweetybio, "--client", "SB00007", "--subject", " ") == 1
    assert "objet" in capsys.readouterr().err
    assert add(sweetybio, "--client", "SB00007", "--subject", "x", "--received", "hier") == 2
    assert add(sweetybio, "--client", "SB00007", "--subject", "x", "--kind", "bogus") == 2
    assert add(sweetybio, "--subject", "x") == 2


def test_list_in_triage_order(sweetybio, capsys):
    assert cli("complaint", "list", "--db", sweetybio, "--open") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["reference", "client_code", "kind", "received", "due_date", "phase", "priority"]
    assert [r["kind"] for r in rows] == ["safety", "delivery", "stockout", "special_order", "information"]
    assert all(len(r["due_date"]) == 10 for r in rows)
    assert cli("complaint", "list", "--db", sweetybio, "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 5 and data[0]["reason"].startswith("risque santé / sécurité")


def test_config_get_set(sweetybio, capsys):
    assert cli("config", "get", "complaints.deadline_days", "--db", sweetybio) == 0
    assert capsys.readouterr().out.strip() == "5"
    assert cli("config", "get", "business.subdivision", "--db", sweetybio) == 0
    assert capsys.readouterr().out.strip() == ""
    assert cli("config", "set", "complaints.day_kind", "ouvres", "--db", sweetybio) == 0
    assert cli("config", "set", "business.subdivision", "67", "--db", sweetybio) == 0
    capsys.readouterr()
    assert cli("config", "get", "business.subdivision", "--db", sweetybio) == 0
    assert capsys.readouterr().out.strip() == "6AE"
    # Good Friday in Alsace, Monday–Friday: received Thu 2/4/2026 -> Mon 13/4
    assert (
        add(sweetybio, "--client", "SB00007", "--subject", "x", "--received", "2026-04-02T10:00", "--format", "json")
        == 0
    )
    assert json.loads(capsys.readouterr().out)["due_date"] == "2026-04-13"
    for key, value in (
        ("complaints.deadline_days", "0"),
        ("complaints.deadline_days", "31"),
        ("complaints.deadline_days", "cinq"),
        ("complaints.day_kind", "calendaires"),
        ("business.subdivision", "99"),
        ("Mauvaise Clé", "1"),
    ):
        assert cli("config", "set", key, value, "--db", sweetybio) == 1
        assert capsys.readouterr().err.startswith("crmdesk : ")
    assert cli("config", "get", "nothing.here", "--db", sweetybio) == 1
    assert cli("config", "set", "complaints.deadline_days", "--db", sweetybio) == 2


# -- letters and the consumer mediator --------------------------------------------------------------
def pdf_text(path) -> str:
    import re

    import pypdf

    return re.sub(r"\s+", " ", pypdf.PdfReader(path).pages[0].extract_text().replace("\u00a0", " "))


def test_the_letters_of_a_complaint_and_the_mediator(sweetybio, tmp_path, capsys):
    from crmdesk.store.complaints import ComplaintStore

    # REC-2026-0002: Hélène Dubois, a consumer; no mediator set in the demo yet
    assert (
        cli(
            "complaint",
            "letter",
            "--db",
            sweetybio,
            "--ref",
            "rec-2026-002",
            "--kind",
            "ack",
            "--out",
            tmp_path / "ar.pdf",
            "--date",
            "2026-11-23",
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "Attention : Aucun médiateur de la consommation n'est renseigné" in err
    assert "Lettre de la réclamation REC-2026-0002 dans" in err
    text = pdf_text(tmp_path / "ar.pdf")
    assert "médiateur" not in text and "Lyon, le 23 novembre 2026" in text

    for key, value in (
        ("business.mediator_name", "Médiation Conso Exemple"),
        ("business.mediator_address", "12 rue des Lilas\n75008 Paris"),
        ("business.mediator_website", "www.mediation-conso.example.org"),
    ):
        assert cli("config", "set", key, value, "--db", sweetybio) == 0
    assert "business.mediator_website = https://www.mediation-conso.example.org" in capsys.readouterr().out
    assert letter(sweetybio, "REC-2026-0002", "ack", tmp_path / "ar.pdf") == 0
    assert "Attention" not in capsys.readouterr().err
    text = pdf_text(tmp_path / "ar.pdf")
    assert "Médiation Conso Exemple, 12 rue des Lilas, 75008 Paris — https://www.mediation-conso.example.org" in text

    assert letter(sweetybio, "REC-2026-0002", "closure", tmp_path / "reponse.pdf") == 1
    assert "n'est pas clôturée" in capsys.readouterr().err
    assert not (tmp_path / "reponse.pdf").exists()
    with opened(sweetybio) as database:
        store = ComplaintStore(database)
        complaint_id = store.id_of_ref("REC-2026-0002")
        assert store.get(complaint_id)["acknowledged_at"]  # the letter written acknowledged it
        store.advance(
            complaint_id,
            "closure",
            {
                "answer": "La crème ne contient aucun parfum.",
                "compensation_kind": "none",
                "cost_cents": 0,
                "resatisfied": True,
            },
        )
    assert letter(sweetybio, "REC-2026-0002", "closure", tmp_path / "reponse.pdf") == 0
    text = pdf_text(tmp_path / "reponse.pdf")
    assert "La crème ne contient aucun parfum." in text and "Médiation Conso Exemple" in text
    assert letter(sweetybio, "REC-2026-0002", "survey", tmp_path / "enquete.pdf") == 0
    assert "Coupon-réponse — réclamation REC-2026-0002" in pdf_text(tmp_path / "enquete.pdf")
    with opened(sweetybio, writer=False) as database:
        sent = [e["details"] for e in ComplaintStore(database).events(complaint_id) if e["action"] == "letter"]
    assert sent == [{"letter": "closure", "document": "reponse.pdf"}, {"letter": "survey", "document": "enquete.pdf"}]

    assert cli("config", "set", "business.no_consumer_sales", "true", "--db", sweetybio) == 0
    assert cli("config", "set", "business.mediator_name", "", "--db", sweetybio) == 0
    capsys.readouterr()
    assert letter(sweetybio, "REC-2026-0002", "closure", tmp_path / "reponse.pdf") == 0
    assert "Attention" not in capsys.readouterr().err and "médiateur" not in pdf_text(tmp_path / "reponse.pdf")
    assert letter(sweetybio, "R-1999-0001", "ack", tmp_path / "x.pdf") == 1
    assert "introuvable" in capsys.readouterr().err
    if not is_server_url(sweetybio):  # the client file as the output: a server database is no file
        assert (
            cli("complaint", "letter", "--db", sweetybio, "--ref", "REC-2026-0002", "--kind", "ack", "--out", sweetybio)
            == 1
        )
        assert "base de données" in capsys.readouterr().err
