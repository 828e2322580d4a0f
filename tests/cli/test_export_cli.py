"""crmdesk export clients (--status, --segment, vCard) and crmdesk export mailing (issue 7).

The commands are registered by crmdesk.cli.exporting.register; these tests
build a parser with it the way crmdesk/cli/main.py does and run it with
main's error handling (a CrmError: French message, exit 1; argparse: exit 2).
"""

import datetime as dt

import openpyxl
import pytest

from crmdesk.io.csvfile import CsvSource
from crmdesk.store import figures_update, mailing
from tests.helpers.backend import opened
from tests.helpers.cli import cli

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def shop(sweetybio_db):
    """A copy of the Sweety Bio demo, its statuses and RFM segments brought to today
    (the export selects by the figures of today: tests/cli/test_figures_cli.py)."""
    with opened(sweetybio_db) as database:
        figures_update.recompute(database, dt.date.today())
    return sweetybio_db


def _codes(db, where, *params):
    with opened(db, writer=False) as database:
        return [
            r[0]
            for r in database.query(
                f"SELECT code FROM contacts WHERE deleted_at IS NULL AND {where} ORDER BY code", params
            )
        ]


def _csv_codes(path):
    with CsvSource(path) as source:
        return [row.cells[0] for row in source.rows()]


def test_export_of_a_status(shop, tmp_path, capsys):
    out = tmp_path / "premium.csv"
    assert cli("export", "clients", "--db", shop, "--status", "premium", "--out", out) == 0
    expected = _codes(shop, "status = ?", "premium")
    assert _csv_codes(out) == expected
    assert capsys.readouterr().err == f"{len(expected)} clients exportés (statut Premium) dans « {out} » (csv).\n"


def test_export_of_a_segment_by_its_label_as_vcard(shop, tmp_path, capsys):
    out = tmp_path / "a-relancer.vcf"
    assert cli("export", "clients", "--db", shop, "--segment", "À risque", "--out", out) == 0
    expected = _codes(shop, "rfm_segment = ?", "a_risque")
    assert out.read_bytes().count(b"BEGIN:VCARD\r\nVERSION:3.0\r\n") == len(expected) > 0
    assert f"{len(expected)} clients exportés (segment À risque)" in capsys.readouterr().err
    assert (
        cli(
            "export",
            "clients",
            "--db",
            shop,
            "--segment",
            "a_risque",
            "--status",
            "actif",
            "--format",
            "vcard",
            "--vcard-version",
            "4.0",
            "--out",
            out,
        )
        == 0
    )
    both = _codes(shop, "rfm_segment = 'a_risque' AND status = 'actif'")
    assert out.read_bytes().count(b"VERSION:4.0\r\n") == len(both)
    assert "(statut Actif, segment À risque)" in capsys.readouterr().err


def test_export_of_the_clients_without_status_and_an_empty_choice(shop, tmp_path, capsys):
    out = tmp_path / "sans.xlsx"
    assert cli("export", "clients", "--db", shop, "--status", "aucun", "--out", out) == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == _codes(shop, "status IS NULL")
    with opened(shop) as database, database.atomic():
        database.conn.execute("UPDATE contacts SET status = 'actif' WHERE status = 'premium'")
    capsys.readouterr()
    assert cli("export", "clients", "--db", shop, "--status", "Premium", "--out", tmp_path / "p.csv") == 0
    err = capsys.readouterr().err
    assert "0 client exporté" in err and "Aucun client ne correspond" in err


def test_unknown_status_or_segment_is_a_usage_error(shop, capsys):
    assert cli("export", "clients", "--db", shop, "--status", "vip") == 2
    assert "statut inconnu « vip »" in capsys.readouterr().err
    assert cli("export", "clients", "--db", shop, "--segment", "dormeurs") == 2
    assert "segment inconnu" in capsys.readouterr().err
    assert cli("export", "clients", "--db", shop, "--format", "pdf") == 2
    assert cli("export", "mailing", "--db", shop) == 2
    assert "--channel" in capsys.readouterr().err
    assert cli("export", "mailing", "--db", shop, "--channel", "fax") == 2
    assert cli("export", "mailing", "--db", shop, "--channel", "email", "--format", "vcard") == 2


def test_mailing_list_prints_who_was_left_out(shop, tmp_path, capsys):
    with opened(shop) as database:
        email = database.scalar(
            "SELECT email FROM contacts WHERE consent_email = 1 AND opposition = 0 "
            "AND email <> '' ORDER BY code LIMIT 1"
        )
        mailing.suppress(database, "email", email.upper())
    out = tmp_path / "emailing.csv"
    assert cli("export", "mailing", "--db", shop, "--channel", "email", "--out", out) == 0
    kept = _codes(shop, "consent_email = 1 AND opposition = 0 AND email <> '' AND email <> ?", email)
    assert _csv_codes(out) == kept
    no_consent = len(_codes(shop, "consent_email = 0 AND opposition = 0 AND email <> ''"))
    opposed = len(_codes(shop, "opposition = 1"))
    no_email = len(_codes(shop, "email = '' AND opposition = 0"))
    left_out = no_consent + opposed + 1 + no_email
    assert capsys.readouterr().err == (
        f"Liste de diffusion dans « {out} » (csv) : {len(kept)} contacts dans la liste e-mail ; {left_out} écartés : "
        f"{no_consent} sans consentement e-mail, {opposed} en opposition, 1 sur la liste d'opposition, "
        f"{no_email} sans adresse e-mail.\n"
    )


def test_mailing_list_to_stdout_and_as_xlsx(shop, tmp_path, capsysbinary):
    assert cli("export", "mailing", "--db", shop, "--channel", "post") == 0
    captured = capsysbinary.readouterr()
    assert captured.out.startswith("\ufeffcode;civility;last_name;first_name;company;address".encode())
    assert "dans la liste courrier" in captured.err.decode()
    out = tmp_path / "courrier.xlsx"
    assert cli("export", "mailing", "--db", shop, "--channel", "post", "--out", out) == 0
    assert openpyxl.load_workbook(out).active.title == "Courrier"


def test_mailing_refuses_a_vcard_file_and_a_missing_database(shop, tmp_path, capsys):
    assert cli("export", "mailing", "--db", shop, "--channel", "sms", "--out", tmp_path / "x.vcf") == 1
    assert "CSV ou en xlsx" in capsys.readouterr().err
    assert (
        cli("export", "mailing", "--db", tmp_path / "absent.sqlite", "--channel", "sms", "--out", tmp_path / "x.csv")
        == 1
    )
    assert "n'existe pas" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_help_is_french(capsys):
    assert cli("export", "mailing", "--help") == 0
    out = capsys.readouterr().out
    assert "utilisation" in out and "consentement" in out and "opposition" in out
    assert cli("export", "clients", "--help") == 0
    out = capsys.readouterr().out
    assert "--segment" in out and "vcard" in out and "a_risque" in out
