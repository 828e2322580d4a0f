"""crmdesk letters / labels / envelopes / recall / templates list, in-process, on Sweety Bio."""

from __future__ import annotations

import csv
import io
import json
import re

import pypdf
import pytest

from tests.helpers.backend import opened
from tests.helpers.cli import cli
from tests.io.helpers import write_csv

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def db(sweetybio_db):
    return sweetybio_db


def query(path, sql, params=()):
    with opened(path, writer=False) as database:
        return [tuple(r) for r in database.query(sql, params)]


def test_letters_of_a_segment_are_printed_and_recorded(db, tmp_path, capsys):
    out = tmp_path / "relance.pdf"
    assert (
        cli(
            "letters",
            "--db",
            db,
            "--template",
            "relance des clients a risque",
            "--segment",
            "a_risque",
            "--as-of",
            "2026-11-23",
            "--out",
            out,
        )
        == 0
    )
    err = capsys.readouterr().err
    (count,) = query(db, "SELECT count(*) FROM contacts WHERE rfm_segment = 'a_risque' AND deleted_at IS NULL")[0]
    pages = pypdf.PdfReader(out).pages
    assert len(pages) == count
    assert f"segment À risque : {count} destinataires ; personne n'est écarté." in err
    assert f"{count} lettres dans « {out} » ({count} pages)." in err
    assert "Enregistré dans l'historique de" in err and "envoi n° 1" in err
    assert query(db, "SELECT count(*) FROM interactions WHERE outreach_batch = 1 AND channel = 'mail'") == [(count,)]
    assert all("{" not in page.extract_text() for page in pages)


def test_no_record_writes_nothing_in_the_file(db, tmp_path, capsys):
    before = query(db, "SELECT count(*) FROM interactions")
    assert (
        cli(
            "letters",
            "--db",
            db,
            "--template",
            "Joyeux anniversaire",
            "--status",
            "premium",
            "--out",
            tmp_path / "a.pdf",
            "--no-record",
        )
        == 0
    )
    assert query(db, "SELECT count(*) FROM interactions") == before
    assert "Enregistré" not in capsys.readouterr().err


def test_labels_on_a_partly_used_sheet_by_postal_code(db, tmp_path, capsys):
    out = tmp_path / "etiquettes.pdf"
    assert (
        cli(
            "labels",
            "--db",
            db,
            "--format",
            "l7163",
            "--start",
            "5",
            "--sort-postal",
            "--status",
            "premium",
            "--out",
            out,
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "39 étiquettes L7163" in err and "(4 planches)" in err  # 39 from label 5: 10 + 14 + 14 + 1
    pages = pypdf.PdfReader(out).pages
    codes = re.findall(r"^(\d{5}) ", "\n".join(p.extract_text() for p in pages), re.MULTILINE)
    assert codes == sorted(codes) and len(codes) == 39
    assert query(db, "SELECT channel, recipients FROM outreach_batches") == [("labels", 39)]


def test_a_start_beyond_the_sheet_is_refused(db, tmp_path, capsys):
    assert cli("labels", "--db", db, "--format", "3422", "--start", "25", "--out", tmp_path / "x.pdf") == 1
    assert "position de départ 25 impossible : une planche 3422 a les étiquettes 1 à 24" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_the_test_grid(tmp_path, capsys):
    out = tmp_path / "grille.pdf"
    assert cli("labels", "--db", tmp_path / "absent.sqlite", "--format", "L7161", "--test-grid", "--out", out) == 0
    assert "Planche d'essai L7161" in pypdf.PdfReader(out).pages[0].extract_text()


def test_envelopes_from_a_file_of_client_numbers(db, tmp_path, capsys):
    listing = write_csv(
        tmp_path / "liste.csv",
        ["code", "remise"],
        [["SB00002", "10 %"], ["ZZZ", ""], ["SB00001", "5 %"]],
        delimiter=";",
    )
    out = tmp_path / "enveloppes.pdf"
    assert cli("envelopes", "--db", db, "--format", "DL", "--filter-file", listing, "--out", out) == 0
    err = capsys.readouterr().err
    assert "1 N° client du fichier ignorés (introuvables ou dans la corbeille) : ZZZ" in err
    assert "fichier « liste.csv » : 2 destinataires" in err
    assert len(pypdf.PdfReader(out).pages) == 2


def test_a_letter_prints_the_columns_of_the_file(db, tmp_path, capsys):
    with opened(db) as database:
        from crmdesk.store.templates import TemplateStore

        TemplateStore(database).save(
            None,
            name="Remise",
            subject="Votre remise de {remise}",
            body="<p>{formule_appel},</p><p>Votre remise : {remise}.</p>",
        )
    listing = write_csv(
        tmp_path / "liste.csv", ["N° client", "Remise"], [["SB00002", "10 %"], ["SB00001", ""]], delimiter=";"
    )
    out = tmp_path / "remise.pdf"
    assert cli("letters", "--db", db, "--template", "Remise", "--filter-file", listing, "--out", out) == 0
    pages = [p.extract_text() for p in pypdf.PdfReader(out).pages]
    assert "Votre remise : 10 %." in pages[0] and "Votre remise : ." in pages[1]
    assert "1 destinataire sans « remise » : ce champ reste vide dans sa lettre" in capsys.readouterr().err


def test_recall_by_lot_as_csv_and_json(db, capsys):
    assert cli("recall", "--db", db, "--lot", "l240615", "--from", "07/10/2026", "--to", "2026-11-21") == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    expected = query(
        db,
        "SELECT DISTINCT c.code FROM orders o JOIN order_lines l ON l.order_id = o.id "
        "JOIN contacts c ON c.id = o.contact_id WHERE l.lot = 'L240615' "
        "AND o.date BETWEEN '2026-10-07' AND '2026-11-21'",
    )
    assert sorted(r["code"] for r in rows) == sorted(code for (code,) in expected)
    assert all("Miel Acacia 500 g (lot L240615)" in r["bought"] for r in rows)
    assert f"{len(rows)} acheteurs ; {len(rows)} à prévenir." in captured.err
    assert (
        cli(
            "recall",
            "--db",
            db,
            "--product",
            "EP-MIE-ACA",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-21",
            "--format",
            "json",
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["product"] == "Miel Acacia 500 g" and doc["to_reach"] == len(doc["clients"]) > 0
    assert all(p["product"] == "Miel Acacia 500 g" for c in doc["clients"] for p in c["purchases"])


def test_templates_list(db, capsys):
    assert cli("templates", "list", "--db", db, "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 8 and {t["kind"] for t in listed} == {"letter"}
    recall = next(t for t in listed if t["purpose"] == "recall")
    assert recall["name"] == "Rappel de produit" and {"produit", "lot", "date_achat"} <= set(recall["fields"])
    assert cli("templates", "list", "--db", db) == 0
    assert "Rappel de produit\tLettre\tRappel de produit : {produit}\t" in capsys.readouterr().out


def test_an_unknown_template_is_named(db, tmp_path, capsys):
    assert cli("letters", "--db", db, "--template", "Soldes", "--out", tmp_path / "x.pdf") == 1
    assert "Modèle « Soldes » introuvable. Modèles du fichier : « Invitation" in capsys.readouterr().err
