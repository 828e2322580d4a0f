"""E-mails from templates, sent to a real SMTP server on the loopback
(aiosmtpd) or written as .eml files (crmdesk/io/mail.py, mail_batch.py)."""

from __future__ import annotations

import datetime as dt
import email
import os
import stat
from email import policy

import keyring
import pytest
from keyring.backends import fail

from crmdesk.domain import outreach as rules
from crmdesk.domain.emailing import Sender, SmtpSettings
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.io import mail
from crmdesk.io.mail import EmlFolder, KeyringUnavailable, MailError, SmtpTransport
from crmdesk.io.mail_batch import send_batch, template_content
from crmdesk.store import mail_batches, mail_settings
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.mailing import suppress
from crmdesk.store.outreach import Selection, open_batch, pending, plan_selection
from crmdesk.store.settings import SettingsStore
from crmdesk.store.templates import TemplateStore
from tests.helpers.smtp_server import LOGIN, PASSWORD, LoopbackSmtp

pytestmark = pytest.mark.both_kinds

TODAY = dt.date(2026, 11, 23)
AT = dt.datetime(2026, 11, 23, 10, 30)
CONSENT = {"consent_email": True, "consent_email_date": "2024-03-01", "consent_email_source": "Salon bio"}
SENDER = Sender("contact@sweetybio.fr", "Sweety Bio", "contact@sweetybio.fr")
SUBJECT = "Offre d'été pour {prenom} — {societe}"
BODY = "<p>{formule_appel},</p><p>Votre N° client est le <b>{code_client}</b>.</p><p>À bientôt !</p>"


@pytest.fixture
def people(contacts, database):
    """code -> id: four who consented to e-mails, and one left out for each reason."""
    rows = {
        "K1": {"last_name": "Garçon", "first_name": "Zoé", "civility": "Mme", "email": "zoe@exemple.fr", **CONSENT},
        "K2": {"kind": "company", "company": "{nom} & <b>Fils</b>", "email": "fils@exemple.fr", **CONSENT},
        "K3": {"last_name": "Inconnu", "first_name": "Jean", "email": "inconnu@exemple.fr", **CONSENT},
        "K4": {
            "last_name": "Dupré",
            "first_name": "Hélène",
            "civility": "Mme",
            "email": "helene@exemple.fr",
            **CONSENT,
        },
        "N1": {"last_name": "Sans", "email": "sans@exemple.fr"},  # no consent
        "O1": {
            "last_name": "Non",
            "email": "non@exemple.fr",
            "opposition": True,
            "opposition_date": "2025-01-10",
            **CONSENT,
        },
        "S1": {"last_name": "Efface", "email": "Revenu@Exemple.FR", **CONSENT},  # on the suppression list
        "D1": {"last_name": "Défunt", "email": "defunt@exemple.fr", **CONSENT},  # tagged deceased
        "A1": {"last_name": "Muet", **CONSENT},  # no e-mail
    }
    made = {
        code: contacts.create({"code": code, **values}, tags=["Décédé"] if code == "D1" else ())
        for code, values in rows.items()
    }
    suppress(database, "email", "revenu@exemple.fr")
    SettingsStore(database).set_business({"name": "Sweety Bio", "email": "contact@sweetybio.fr", "city": "Évreux"})
    return made


@pytest.fixture
def template(database):
    store = TemplateStore(database)
    return store.get(store.save(None, name="Offre d'été", kind="email", subject=SUBJECT, body=BODY))


def start(database, template) -> tuple[int, list[int]]:
    plan = plan_selection(database, Selection(query=ContactQuery(sort="code")), "email")
    return open_batch(
        database,
        "email",
        plan.ids,
        template=template,
        subject=template["subject"],
        selection="tous les contacts",
        at=AT,
    ), plan.ids


def send(database, batch_id, transport, template, **options):
    return send_batch(
        database,
        batch_id,
        transport,
        content=template_content(template),
        sender=SENDER,
        today=TODAY,
        clock=lambda: AT,
        **options,
    )


def test_only_consenting_recipients_reach_the_server_in_proper_mime(database, people, template):
    plan = plan_selection(database, Selection(query=ContactQuery(sort="code")), "email")
    assert plan.counts.summary() == (
        "4 destinataires ; 5 écartés : 1 sans adresse e-mail, 1 sans consentement "
        "e-mail, 1 en opposition, 1 sur la liste d'opposition, 1 décédé(s)."
    )
    batch_id, _ids = start(database, template)
    with LoopbackSmtp(refuse={"inconnu@exemple.fr"}) as server, SmtpTransport(server.settings(), None) as smtp:
        report = send(database, batch_id, smtp, template)
    assert server.recipients() == ["zoe@exemple.fr", "fils@exemple.fr", "helene@exemple.fr"]
    assert report.sent == 3 and report.remaining == 0 and report.stopped is None
    assert report.refused == {people["K3"]: "550 5.1.1 Destinataire inconnu"}
    assert report.summary() == "3 e-mails envoyés ; 1 refusé (voir le compte rendu)."

    zoe = server.messages[0]
    assert zoe["Subject"] == "Offre d'été pour Zoé —"  # no company: the field left empty
    assert zoe["From"] == "Sweety Bio <contact@sweetybio.fr>"
    assert zoe["To"] == "Zoé GARÇON <zoe@exemple.fr>"
    assert zoe["Date"].datetime.replace(tzinfo=None) == AT
    assert zoe["Message-ID"].endswith("@sweetybio.fr>")
    assert zoe["List-Unsubscribe"] == "<mailto:contact@sweetybio.fr?subject=D%C3%A9sinscription>"
    assert zoe.get_content_type() == "multipart/alternative"
    text = zoe.get_body(("plain",)).get_content().replace("\r\n", "\n")  # CRLF on the wire
    html = zoe.get_body(("html",)).get_content()
    assert text.startswith("Madame,\n\nVotre N° client est le K1.\n\nÀ bientôt !\n")
    assert "Désinscription" in text and "Désinscription" in html
    assert "<p>Votre N° client est le <b>K1</b>.</p>" in html and "{" not in text + html
    # the subject went encoded (RFC 2047), the parts in UTF-8 quoted-printable
    headers = server.messages[0].as_string().split("\n\n", 1)[0]
    subject = next(line for line in headers.splitlines() if line.startswith("Subject:"))
    assert "=?utf-8?" in subject and "Zoé" not in headers
    assert zoe.get_body(("plain",))["Content-Transfer-Encoding"] == "quoted-printable"

    company = server.messages[1]
    assert company["Subject"] == "Offre d'été pour — {nom} & <b>Fils</b>"  # a value is never a field
    assert "{nom} &amp; &lt;b&gt;Fils&lt;/b&gt;" in company.get_body(("html",)).get_content()
    assert company.get_body(("plain",)).get_content().startswith("Madame, Monsieur,")

    # each e-mail that went is an outgoing exchange on its client's history; the refused one is not
    def exchanges(code):
        return [e for e in InteractionStore(database).timeline(people[code]) if e["source"] == "interaction"]

    for code in ("K1", "K2", "K4"):
        [exchange] = exchanges(code)
        assert (exchange["channel"], exchange["direction"], exchange["at"]) == ("email", "out", "2026-11-23T10:30")
        assert exchange["subject"] == "E-mail « Offre d'été »"
    assert exchanges("K1")[0]["notes"] == "Objet : Offre d'été pour Zoé —"
    assert exchanges("K3") == []
    rows = mail_batches.report_rows(database, batch_id)
    assert [(r["code"], r["state"], r["detail"]) for r in rows] == [
        ("K3", "refused", "550 5.1.1 Destinataire inconnu"),
        ("K1", "done", ""),
        ("K2", "done", ""),
        ("K4", "done", ""),
    ]


def test_a_dropped_connection_leaves_the_rest_and_the_resume_sends_it_once(database, people, template):
    batch_id, _ids = start(database, template)
    with LoopbackSmtp(drop_after=2) as server:
        with SmtpTransport(server.settings(), None) as smtp:
            first = send(database, batch_id, smtp, template)
        assert server.drops == 1 and len(server.messages) == 2
        assert first.sent == 2 and first.remaining == 2
        assert first.stopped.startswith("Connexion perdue avec le serveur")
        assert first.summary().endswith("2 e-mails envoyés ; 2 restent à envoyer.")
        assert len(pending(database, batch_id)) == 2
        assert mail_batches.check_resumable(database, batch_id)["id"] == batch_id

        server.drop_after = None  # the line is back: the resume
        with SmtpTransport(server.settings(), None) as smtp:
            second = send(database, batch_id, smtp, template)
    assert second.sent == 2 and second.remaining == 0
    received = server.recipients()
    assert sorted(received) == sorted(
        {"zoe@exemple.fr", "fils@exemple.fr", "inconnu@exemple.fr", "helene@exemple.fr"}
    )  # each once, none twice
    assert database.scalar("SELECT count(*) FROM interactions WHERE outreach_batch = ?", (batch_id,)) == 4
    with pytest.raises(CrmError, match="est terminé"):
        mail_batches.check_resumable(database, batch_id)


def test_a_recipient_to_try_later_stays_to_send_with_the_servers_answer(database, people, template):
    batch_id, _ids = start(database, template)
    with LoopbackSmtp(later={"fils@exemple.fr"}) as server, SmtpTransport(server.settings(), None) as smtp:
        report = send(database, batch_id, smtp, template)
    assert report.sent == 3 and report.remaining == 1
    assert report.deferred == {people["K2"]: "451 4.7.1 Réessayez plus tard"}
    assert pending(database, batch_id) == [people["K2"]]


def test_consent_withdrawn_before_a_resume_is_honoured(database, people, contacts, template):
    batch_id, _ids = start(database, template)
    contacts.update(people["K4"], {"consent_email": False})
    with LoopbackSmtp() as server, SmtpTransport(server.settings(), None) as smtp:
        report = send(database, batch_id, smtp, template)
    assert "helene@exemple.fr" not in server.recipients() and report.sent == 3
    assert report.refused == {people["K4"]: "écarté : sans consentement e-mail"}


def test_messages_are_spaced_by_the_accounts_rate(database, people, template):
    batch_id, _ids = start(database, template)
    waits = []
    with LoopbackSmtp() as server, SmtpTransport(server.settings(per_minute=30), None) as smtp:
        send(database, batch_id, smtp, template, interval=smtp.settings.interval(), wait=waits.append)
    assert len(waits) == 3 and all(1.5 < w <= 2.0 for w in waits)  # 30 a minute: 2 s apart


def test_a_product_recall_has_no_unsubscribe_sentence(database, people, template):
    batch_id, _ids = start(database, template)
    with LoopbackSmtp() as server, SmtpTransport(server.settings(), None) as smtp:
        send(database, batch_id, smtp, template, purpose=rules.SAFETY)
    assert all(
        "List-Unsubscribe" not in m and "Désinscription" not in m.get_body(("plain",)).get_content()
        for m in server.messages
    )


def test_starttls_and_login_against_a_self_signed_server(tmp_path, database, people, template):
    batch_id, _ids = start(database, template)
    with LoopbackSmtp(tls_folder=tmp_path) as server:
        settings = server.settings()
        assert mail.test_connection(settings, PASSWORD, ssl_context=server.client_context()) == (
            f"Connexion réussie à 127.0.0.1:{server.port} (STARTTLS), identifiant {LOGIN}."
        )
        with pytest.raises(MailError, match="Identifiant ou mot de passe refusé par 127.0.0.1"):
            mail.test_connection(settings, "faux", ssl_context=server.client_context())
        with pytest.raises(MailError, match="certificat du serveur .* n'est pas reconnu"):
            mail.test_connection(settings, PASSWORD)  # the system's authorities do not know it
        with pytest.raises(MailError, match="mot de passe en clair"):
            mail.test_connection(server.settings(security="none"), PASSWORD)
        with SmtpTransport(settings, PASSWORD, ssl_context=server.client_context()) as smtp:
            report = send(database, batch_id, smtp, template)
    assert report.sent == 4 and len(server.messages) == 4


def test_connection_refused_is_said_in_french():
    from tests.helpers.smtp_server import free_port

    settings = SmtpSettings(host="127.0.0.1", port=free_port(), security="none")
    with pytest.raises(MailError, match=r"Connexion au serveur 127\.0\.0\.1:\d+ impossible : connexion refusée"):
        mail.test_connection(settings, None)
    with pytest.raises(MailError, match="Aucun compte SMTP"):
        SmtpTransport(SmtpSettings(), None)


def test_eml_files_are_owner_only_and_parse_back_the_same(tmp_path, database, people, template):
    batch_id, _ids = start(database, template)
    folder = tmp_path / "envoi"
    report = send(database, batch_id, EmlFolder(folder), template, commit_every=200)
    assert report.sent == 4 and report.remaining == 0
    assert sorted(p.name for p in folder.iterdir()) == ["K1.eml", "K2.eml", "K3.eml", "K4.eml"]
    if os.name == "posix":
        assert stat.S_IMODE((folder / "K1.eml").stat().st_mode) == 0o600
    message = email.message_from_bytes((folder / "K1.eml").read_bytes(), policy=policy.default)
    assert message["Subject"] == "Offre d'été pour Zoé —" and message["X-Unsent"] == "1"
    assert message.get_body(("plain",)).get_content().startswith("Madame,\r\n\r\nVotre N° client est le K1.")
    assert b"\r\n" in (folder / "K1.eml").read_bytes()  # the lines of an e-mail
    assert database.scalar("SELECT count(*) FROM interactions WHERE outreach_batch = ?", (batch_id,)) == 4


def test_the_mail_program_gets_the_message_ready(database, people, template):
    from crmdesk.domain.templates import compile_template, render
    from crmdesk.store.outreach import preview_fields

    fields = preview_fields(database, people["K1"], today=TODAY)
    content = render(compile_template(template["subject"], template["body"]), fields)
    message = mail.build_message(content, sender=SENDER, to_address="zoe@exemple.fr", to_name="Zoé Garçon")
    url = mail.mailto_url(message)
    assert url.startswith("mailto:zoe@exemple.fr?subject=Offre%20d'%C3%A9t%C3%A9%20pour%20Zo%C3%A9")
    assert "&body=Madame%2C%0D%0A%0D%0AVotre%20N%C2%B0%20client" in url or "&body=Madame," in url


def test_the_eml_name_is_ours_whatever_the_client_number():
    assert mail.eml_name("../../etc/passwd") == "etc_passwd.eml"
    assert mail.eml_name("SB00012") == "SB00012.eml" and mail.eml_name("...") == "message.eml"


# -- the SMTP settings and the password ------------------------------------------------------------
def test_the_settings_are_checked_and_kept_in_the_file_without_the_password(database):
    saved = mail_settings.save(
        database,
        {
            "mail.smtp_host": " smtp.exemple.fr ",
            "mail.smtp_port": "465",
            "mail.smtp_security": "SSL",
            "mail.smtp_login": "moi@exemple.fr",
        },
    )
    assert saved == mail_settings.load(database)
    assert (saved.host, saved.port, saved.security, saved.login) == ("smtp.exemple.fr", 465, "ssl", "moi@exemple.fr")
    assert saved.describe() == "smtp.exemple.fr:465 (SSL/TLS), identifiant moi@exemple.fr"
    with pytest.raises(ValidationError) as caught:
        mail_settings.save(
            database, {"mail.smtp_security": "none", "mail.smtp_port": 0, "mail.sender_address": "pas une adresse"}
        )
    assert set(caught.value.problems) == {"mail.smtp_security", "mail.smtp_port", "mail.sender_address"}
    assert "en clair" in caught.value.problems["mail.smtp_security"]
    assert not database.scalar("SELECT count(*) FROM settings WHERE value LIKE '%mot%'")


def test_the_password_goes_to_the_keyring(memory_keyring):
    settings = SmtpSettings(host="smtp.exemple.fr", login="moi@exemple.fr")
    assert mail.keyring_problem() is None and mail.read_password(settings) is None
    mail.store_password(settings, "secret")
    assert memory_keyring.items == {("crmdesk-smtp", "moi@exemple.fr@smtp.exemple.fr:587"): "secret"}
    assert mail.read_password(settings) == "secret"
    mail.forget_password(settings)
    mail.forget_password(settings)  # already gone: nothing to say
    assert mail.read_password(settings) is None


def test_without_a_keyring_it_says_so_in_french():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert mail.keyring_problem().startswith("Aucun trousseau de mots de passe n'est disponible")
        with pytest.raises(KeyringUnavailable, match="demandé à chaque session"):
            mail.read_password(SmtpSettings(host="smtp.exemple.fr", login="moi"))
    finally:
        keyring.set_keyring(before)
