"""E-mails out of crmdesk: the MIME message, the .eml file, the mail
program, the user's SMTP account and its password in the system keyring
(issue 18; who gets one and the batch: crmdesk/io/mail_batch.py).

    message = build_message(content, sender=…, to_address=…, to_name=…, unsubscribe=True)
    EmlFolder(folder).send(message, name="SB00012")      # one owner-only .eml
    mailto_url(message)                                   # the user's mail program, message ready
    with SmtpTransport(settings, password) as smtp:       # STARTTLS / SSL, login
        smtp.send(message)      # Refused (5xx: this recipient), Deferred (4xx), Dropped (connection lost)

**The message** is built with the standard `email` package: multipart/
alternative, a UTF-8 text part and an HTML part of the same template (values
escaped: domain/templates.py), Subject and names encoded (RFC 2047), Date,
Message-ID, From with the business's name, Reply-To the business's address,
and for prospecting the unsubscribe sentence and a List-Unsubscribe header
(mailto the business, « Désinscription »). An .eml carries « X-Unsent: 1 »:
Outlook opens it as a message ready to send.

**The password** of the SMTP account is in the system keyring (`keyring`:
Windows Credential Manager, macOS Keychain, the Secret Service of a Linux
desktop), under the service « crmdesk-smtp » and the user
« login@server:port »; never in the client file. Without a keyring (a
headless Linux) `KeyringUnavailable` says so in French: the password is then
asked for the session only.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import socket
import ssl
from collections.abc import Mapping
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from html import escape
from pathlib import Path
from typing import Self

from crmdesk.domain import emailing
from crmdesk.domain.complaint_letters import mailto
from crmdesk.domain.emailing import Sender, SmtpSettings
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.store.files import private_folder, private_output
from crmdesk.store.reasons import os_reason

KEYRING_SERVICE = "crmdesk-smtp"
TIMEOUT_S = 30


class MailError(CrmError):
    """The account cannot be used (connection, login, TLS): the batch stops, the rest stays to send."""


class Refused(CrmError):
    """The server refused this recipient for good (5xx): kept with its reason."""


class Deferred(CrmError):
    """The server asked to try this recipient later (4xx): left to send."""


class Dropped(MailError):
    """The connection was lost in the middle: what was not sent stays to send."""


class KeyringUnavailable(CrmError):
    """No system keyring: the password is asked for this session only."""


# -- the message -----------------------------------------------------------------------------
def _address(name: str, address: str) -> Address:
    """An Address whose domain is written in ASCII (IDNA); CrmError when it cannot be written."""
    local, _at, domain = address.strip().rpartition("@")
    try:
        domain = domain.encode("idna").decode("ascii")
        local.encode("ascii")
        return Address(display_name=" ".join((name or "").split()), username=local, domain=domain)
    except (UnicodeError, ValueError, IndexError):
        raise Refused(N_("adresse e-mail « {address} » impossible à écrire dans un message"), address=address) from None


def html_document(subject: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8">'
        f"<title>{escape(subject)}</title></head>\n"
        '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4">\n'
        f"{body}\n</body>\n</html>\n"
    )


def build_message(
    content,
    *,
    sender: Sender,
    to_address: str,
    to_name: str = "",
    unsubscribe: bool = True,
    now: dt.datetime | None = None,
    draft: bool = False,
) -> EmailMessage:
    """The e-mail of `content` (a templates.Rendered, or emailing.FixedContent) for one recipient."""
    message = EmailMessage(policy=policy.SMTP)
    moment = (now or dt.datetime.now()).astimezone()
    message["From"] = _address(sender.name, sender.address)
    message["To"] = _address(to_name, to_address)
    if sender.reply_to and sender.reply_to.casefold() != sender.address.casefold():
        message["Reply-To"] = _address(sender.name, sender.reply_to)
    message["Subject"] = content.subject or ""
    message["Date"] = format_datetime(moment)
    message["Message-ID"] = make_msgid(domain=sender.address.rpartition("@")[2].encode("idna").decode("ascii"))
    text, html = content.text(), content.html()
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{emailing.unsubscribe_mailto(sender)}>"
        text = f"{text}\n\n-- \n{emailing.unsubscribe_text(sender)}"
        html = f"{html}\n<hr>\n{emailing.unsubscribe_html(sender)}"
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(text.replace("\r\n", "\n") + "\n", subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        html_document(content.subject or "", html), subtype="html", charset="utf-8", cte="quoted-printable"
    )
    return message


def plain_body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def mailto_url(message: EmailMessage) -> str:
    """A mailto: link with the recipient, subject and text ready (the user's mail program)."""
    to = message["To"].addresses[0].addr_spec
    return mailto(to, str(message["Subject"] or ""), plain_body(message).rstrip("\n"))


# -- .eml files -----------------------------------------------------------------------------
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def eml_name(stem: str) -> str:
    """A file name of ours from a client number: letters, digits, - _ . only."""
    safe = _UNSAFE.sub("_", stem).strip("._")[:60]
    return f"{safe or 'message'}.eml"


class EmlFolder:
    """The « write .eml files » way out: one owner-only file per recipient."""

    def __init__(self, folder: Path):
        self.folder = private_folder(Path(folder).expanduser())

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def send(self, message: EmailMessage, *, name: str = "message") -> Path:
        path = self.folder / eml_name(name)
        with private_output(path, "wb") as handle:
            handle.write(message.as_bytes(policy=policy.SMTP))
        return path


# -- SMTP -----------------------------------------------------------------------------------
def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}".strip()


class SmtpTransport:
    """The user's SMTP account, opened once for a batch (a context manager)."""

    def __init__(
        self,
        settings: SmtpSettings,
        password: str | None,
        *,
        ssl_context: ssl.SSLContext | None = None,
        timeout: float = TIMEOUT_S,
    ):
        if not settings.configured:
            raise MailError(
                N_(
                    "Aucun compte SMTP n'est réglé : Courrier › Compte d'envoi (SMTP)…, ou "
                    "« crmdesk config set mail.smtp_host … »."
                )
            )
        self.settings, self.password, self.timeout = settings, password, timeout
        self.context = ssl_context or ssl.create_default_context()
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        s = self.settings
        where = f"{s.host}:{s.port}"
        if s.login and s.security == "none":
            raise MailError(
                N_(
                    "Un identifiant sans STARTTLS ni SSL/TLS enverrait le mot de passe en clair : "
                    "choisissez STARTTLS ou SSL/TLS."
                )
            )
        try:
            if s.security == "ssl":
                self.smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=self.context)
            else:
                self.smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            self.smtp.ehlo()
            if s.security == "starttls":
                if not self.smtp.has_extn("starttls"):
                    raise MailError(
                        N_(
                            "Le serveur {server} ne propose pas STARTTLS : choisissez SSL/TLS (port "
                            "465) ou vérifiez le réglage."
                        ),
                        server=where,
                    )
                self.smtp.starttls(context=self.context)
                self.smtp.ehlo()
            if s.login:
                if self.password is None:
                    raise MailError(N_("Le mot de passe du compte {login} n'est pas connu."), login=s.login)
                self.smtp.login(s.login, self.password)
        except MailError:
            self.close()
            raise
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            raise MailError(
                N_("Identifiant ou mot de passe refusé par {server} : {reply}"),
                server=where,
                reply=_reply(exc.smtp_code, exc.smtp_error),
            ) from None
        except ssl.SSLCertVerificationError as exc:
            self.close()
            raise MailError(
                N_("Le certificat du serveur {server} n'est pas reconnu ({reason}) : connexion refusée."),
                server=where,
                reason=exc.verify_message or str(exc),
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise MailError(
                N_("Connexion au serveur {server} impossible : {reason}"), server=where, reason=_os_reason(exc)
            ) from None

    def send(self, message: EmailMessage) -> None:
        """Send one message to its one recipient; Refused, Deferred or Dropped when it did not go."""
        if self.smtp is None:
            raise Dropped(N_("La connexion au serveur est fermée."))
        try:
            self.smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise (Refused if code >= 500 else Deferred)(_reply(code, text)) from None
        except smtplib.SMTPSenderRefused as exc:
            raise MailError(
                N_("Le serveur refuse l'expéditeur {address} : {reply}"),
                address=str(exc.sender),
                reply=_reply(exc.smtp_code, exc.smtp_error),
            ) from None
        except smtplib.SMTPDataError as exc:
            raise (Refused if exc.smtp_code >= 500 else Deferred)(_reply(exc.smtp_code, exc.smtp_error)) from None
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException, OSError) as exc:
            self.smtp = None
            raise Dropped(N_("Connexion perdue avec le serveur : {reason}"), reason=_os_reason(exc)) from None

    def close(self) -> None:
        smtp, self.smtp = self.smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout):
        return _("pas de réponse (délai dépassé)")
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc.smtp_code, exc.smtp_error)
    if isinstance(exc, ConnectionRefusedError):
        return _("connexion refusée (serveur ou port incorrect ?)")
    if isinstance(exc, socket.gaierror):
        return _("serveur introuvable (nom incorrect, ou pas de réseau)")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return _("le serveur a fermé la connexion")
    if isinstance(exc, OSError) and exc.errno:
        return os_reason(exc)
    return str(exc) or type(exc).__name__


def test_connection(settings: SmtpSettings, password: str | None, *, ssl_context: ssl.SSLContext | None = None) -> str:
    """Connect, log in and leave; the server's name said in French. MailError when it fails."""
    with SmtpTransport(settings, password, ssl_context=ssl_context):
        pass
    return _("Connexion réussie à {account}.", account=settings.describe())


test_connection.__test__ = False  # not a test, whatever its name


# -- the password in the keyring --------------------------------------------------------------
def _keyring():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable(
            N_(
                "Aucun trousseau de mots de passe n'est disponible sur ce poste : le mot "
                "de passe du compte SMTP sera demandé à chaque session, sans être "
                "enregistré."
            )
        )
    return keyring


def keyring_problem() -> str | None:
    """Why the password cannot be kept (French), None when the keyring is there."""
    try:
        _keyring()
    except KeyringUnavailable as exc:
        return str(exc)
    return None


def read_password(settings: SmtpSettings) -> str | None:
    """The account's password from the keyring, None when it holds none; KeyringUnavailable."""
    keyring = _keyring()
    try:
        return keyring.get_password(KEYRING_SERVICE, settings.keyring_user())
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(
            N_(
                "Le trousseau de mots de passe ne répond pas ({reason}) : le mot de passe "
                "sera demandé pour cette session."
            ),
            reason=str(exc),
        ) from None


def store_password(settings: SmtpSettings, password: str) -> None:
    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, settings.keyring_user(), password)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(
            N_(
                "Le mot de passe n'a pas pu être enregistré dans le trousseau ({reason}) : "
                "il servira pour cette session seulement."
            ),
            reason=str(exc),
        ) from None


def forget_password(settings: SmtpSettings) -> None:
    keyring = _keyring()
    try:
        keyring.delete_password(KEYRING_SERVICE, settings.keyring_user())
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(
            N_("Le trousseau de mots de passe ne répond pas ({reason})."), reason=str(exc)
        ) from None


def recipient_name(contact: Mapping) -> str:
    """The To name: first and last name, else the company."""
    name = " ".join(str(contact.get(k) or "").strip() for k in ("first_name", "last_name")).strip()
    return name or " ".join(str(contact.get("company") or "").split())
