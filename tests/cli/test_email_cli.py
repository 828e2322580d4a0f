"""crmdesk email and the mail.* settings, in-process, on Sweety Bio, against
an SMTP server on the loopback (tests/helpers/smtp_server.py)."""

from __future__ import annotations

import datetime as dt
import email
import shutil
from email import policy

import pytest

from crmdesk import demo
from crmdesk.cli.main import main
from crmdesk.store.database import Database
from tests.helpers.smtp_server import LoopbackSmtp

TODAY = dt.date(2026, 11, 23)
AT_RISK = 27  # « à risque » clients of Sweety Bio who may get an e-mail (12 more are left out)


def cli(*args):
    return main([str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "sweetybio.sqlite"
    demo.build("sweetybio", path, today=TODAY)
    return path


@pytest.fixture
def db(built, tmp_path):
    path = tmp_path / "clients.sqlite"
    shutil.copy(built, path)
    return path


def query(path, sql, params=()):
    with Database(path, writer=False) as database:
        return [tuple(r) for r in database.query(sql, params)]


def point_at(db, server, capsys) -> None:
    for key, value in (
        ("mail.smtp_host", "127.0.0.1"),
        ("mail.smtp_port", server.port),
        ("mail.smtp_security", "none"),
        ("mail.sender_address", "contact@sweetybio.fr"),
        ("mail.per_minute", 600),
    ):
        assert cli("config", "set", key, value, "--db", db) == 0
    capsys.readouterr()


def test_a_segment_by_smtp_only_to_who_may_be_written_to(db, capsys):
    with LoopbackSmtp() as server:
        point_at(db, server, capsys)
        assert (
            cli(
                "email",
                "--db",
                db,
                "--template",
                "relance des clients a risque",
                "--segment",
                "a_risque",
                "--as-of",
                "2026-11-23",
                "--send",
            )
            == 0
        )
    err = capsys.readouterr().err
    assert (
        "segment À risque : 27 destinataires ; 12 écartés : 3 sans adresse e-mail, 9 sans consentement e-mail." in err
    )
    assert "27 e-mails envoyés." in err and "Envoi n° 1 enregistré" in err
    allowed = {
        r[0]
        for r in query(
            db,
            "SELECT email FROM contacts WHERE rfm_segment = 'a_risque' "
            "AND consent_email = 1 AND opposition = 0 AND email != ''",
        )
    }
    assert len(server.messages) == AT_RISK and set(server.recipients()) == allowed
    first = server.messages[0]
    assert first["Subject"] == "Vous nous manquez !" and first["From"].addresses[0].addr_spec == "contact@sweetybio.fr"
    assert "{" not in first.get_body(("plain",)).get_content()
    assert query(db, "SELECT count(*) FROM interactions WHERE outreach_batch = 1 AND channel = 'email'") == [(AT_RISK,)]


def test_eml_files_then_a_dry_run_that_writes_nothing(db, tmp_path, capsys):
    out = tmp_path / "relance"
    assert cli("config", "set", "mail.sender_address", "contact@sweetybio.fr", "--db", db) == 0
    assert (
        cli(
            "email", "--db", db, "--template", "Relance des clients à risque", "--segment", "a_risque", "--eml-dir", out
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "27 e-mails écrits." in err
    files = sorted(out.glob("*.eml"))
    assert len(files) == AT_RISK
    message = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and message["Subject"] == "Vous nous manquez !"

    batches = query(db, "SELECT count(*) FROM outreach_batches")
    assert (
        cli(
            "email",
            "--db",
            db,
            "--template",
            "Relance des clients à risque",
            "--segment",
            "a_risque",
            "--eml-dir",
            tmp_path / "essai",
            "--dry-run",
        )
        == 0
    )
    assert "Essai : 27 e-mails prêts, rien n'a été écrit ni envoyé." in capsys.readouterr().err
    assert not (tmp_path / "essai").exists() and query(db, "SELECT count(*) FROM outreach_batches") == batches


def test_a_dropped_connection_then_resume_sends_the_rest_once(db, capsys):
    with LoopbackSmtp(drop_after=10) as server:
        point_at(db, server, capsys)
        assert (
            cli("email", "--db", db, "--template", "Relance des clients à risque", "--segment", "a_risque", "--send")
            == 1
        )
        err = capsys.readouterr().err
        assert "Connexion perdue avec le serveur" in err and "10 e-mails envoyés ; 17 restent à envoyer." in err
        assert "crmdesk email --db" in err and "--resume 1 --send" in err
        server.drop_after = None
        assert cli("email", "--db", db, "--resume", 1, "--send") == 0
        err = capsys.readouterr().err
        assert "Reprise de l'envoi n° 1 : 17 destinataires restants." in err and "17 e-mails envoyés." in err
        assert cli("email", "--db", db, "--resume", 1, "--send") == 1
        assert "est terminé" in capsys.readouterr().err
    received = server.recipients()
    assert len(received) == AT_RISK and len(set(received)) == AT_RISK  # none twice


def test_the_smtp_settings_are_checked_and_the_password_never_goes_in_the_file(db, capsys):
    assert cli("config", "set", "mail.smtp_security", "tls", "--db", db) == 1
    assert "mail.smtp_security : choisir parmi starttls, ssl, none." in capsys.readouterr().err
    assert cli("config", "set", "mail.smtp_password", "secret", "--db", db) == 1
    assert "ne s'enregistre jamais dans le fichier clients" in capsys.readouterr().err
    assert cli("config", "set", "mail.smtp_port", "465", "--db", db) == 0
    assert cli("config", "get", "mail.smtp_port", "--db", db) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "465"
    assert cli("email", "--db", db, "--template", "Relance des clients à risque", "--send") == 1
    assert "Aucun compte SMTP n'est réglé" in capsys.readouterr().err
