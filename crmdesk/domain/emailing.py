"""E-mails from templates: the user's SMTP account, the unsubscribe sentence,
the survey invitation as an e-mail (docs/domain/08-personal-data.md,
docs/domain/13-writing-to-clients.md; issue 18).

**The SMTP account** is kept in the client file under « mail.* » settings
(never its password: that one goes to the system keyring, crmdesk/io/mail.py):

    mail.smtp_host       server name (« smtp.orange.fr »); empty: not set up
    mail.smtp_port       587 (STARTTLS), 465 (SSL), 25…
    mail.smtp_security   starttls, ssl or none (none only without a login:
                         a password never travels in clear)
    mail.smtp_login      the account's user name (empty: no login)
    mail.sender_address  the From address (the business's e-mail by default)
    mail.sender_name     the From name (the business's name by default)
    mail.per_minute      at most so many messages a minute (a provider
                         closes an account that sends too fast), 1 to 600

`check_settings(values)` returns them normalised, or ValidationError with a
French reason per key.

**The unsubscribe sentence** ends every e-mail that is prospecting (not a
product recall: a safety notice is sent whatever the opposition): how to stop
receiving them — by answering, or writing to the business's address, which
the List-Unsubscribe header gives too. The texts of an e-mail are French, as
the letters are: they are the French business's words to its clients.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from crmdesk.domain import contact as contact_rules
from crmdesk.domain.errors import ValidationError
from crmdesk.i18n import N_, _

SECURITIES = {"starttls": N_("STARTTLS"), "ssl": N_("SSL/TLS"), "none": N_("aucune (réseau local)")}
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
PER_MINUTE_MAX = 600

SETTINGS: dict[str, object] = {
    "mail.smtp_host": "",
    "mail.smtp_port": 587,
    "mail.smtp_security": "starttls",
    "mail.smtp_login": "",
    "mail.sender_address": "",
    "mail.sender_name": "",
    "mail.per_minute": 20,
}
UNSUBSCRIBE_SUBJECT = "Désinscription"


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    login: str = ""
    sender_address: str = ""
    sender_name: str = ""
    per_minute: int = 20

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> SmtpSettings:
        merged = {**SETTINGS, **{k: v for k, v in values.items() if k in SETTINGS}}
        return cls(**{key.removeprefix("mail.").removeprefix("smtp_"): value for key, value in merged.items()})

    def values(self) -> dict[str, object]:
        return {
            "mail.smtp_host": self.host,
            "mail.smtp_port": self.port,
            "mail.smtp_security": self.security,
            "mail.smtp_login": self.login,
            "mail.sender_address": self.sender_address,
            "mail.sender_name": self.sender_name,
            "mail.per_minute": self.per_minute,
        }

    @property
    def configured(self) -> bool:
        return bool(self.host)

    def keyring_user(self) -> str:
        """Who the password belongs to in the keyring: the login at the server."""
        return f"{self.login}@{self.host}:{self.port}"

    def describe(self) -> str:
        """« smtp.exemple.fr:587 (STARTTLS), identifiant assistante@exemple.fr »."""
        if not self.configured:
            return _("aucun compte SMTP réglé")
        text = _(
            "{host}:{port} ({security})",
            host=self.host,
            port=self.port,
            security=_(SECURITIES.get(self.security, self.security)),
        )
        if self.login:
            text += _(", identifiant {login}", login=self.login)
        return text

    def interval(self) -> float:
        """Seconds to leave between two messages."""
        return 60.0 / max(1, self.per_minute)


def check_settings(values: Mapping[str, object]) -> dict[str, object]:
    """The « mail.* » settings to store, normalised; ValidationError (French, by key)."""
    unknown = sorted(set(values) - set(SETTINGS))
    if unknown:
        raise ValidationError({key: _("réglage inconnu") for key in unknown})
    merged = {**SETTINGS, **values}
    problems: dict[str, str] = {}
    out: dict[str, object] = {}
    host = " ".join(str(merged["mail.smtp_host"] or "").split())
    if host and (" " in host or "/" in host or ":" in host or len(host) > 253):
        problems["mail.smtp_host"] = _("un nom de serveur, comme smtp.exemple.fr (sans « smtp:// » ni port)")
    out["mail.smtp_host"] = host
    security = str(merged["mail.smtp_security"] or "").strip().casefold()
    if security not in SECURITIES:
        problems["mail.smtp_security"] = _("choisir parmi {choices}", choices=", ".join(SECURITIES))
    out["mail.smtp_security"] = security
    out["mail.smtp_port"] = _number(merged["mail.smtp_port"], 1, 65535, "mail.smtp_port", problems)
    out["mail.per_minute"] = _number(merged["mail.per_minute"], 1, PER_MINUTE_MAX, "mail.per_minute", problems)
    login = str(merged["mail.smtp_login"] or "").strip()
    out["mail.smtp_login"] = login
    if login and security == "none":
        problems["mail.smtp_security"] = _(
            "avec un identifiant, STARTTLS ou SSL/TLS : le mot de passe ne passe jamais en clair"
        )
    address = str(merged["mail.sender_address"] or "").strip()
    if address:
        try:
            address = contact_rules.validate({"email": address}, partial=True)["email"]
        except ValidationError as exc:
            problems["mail.sender_address"] = next(iter(exc.problems.values()))
    out["mail.sender_address"] = address
    out["mail.sender_name"] = " ".join(str(merged["mail.sender_name"] or "").split())[:120]
    if problems:
        raise ValidationError(problems)
    return out


def _number(value: object, low: int, high: int, key: str, problems: dict[str, str]) -> int:
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        problems[key] = _("un nombre entier de {low} à {high}", low=low, high=high)
        return low
    return number


# -- the From and the unsubscribe --------------------------------------------------------------
@dataclass(frozen=True)
class Sender:
    address: str
    name: str
    reply_to: str = ""  # where an unsubscribe answer goes (the business's e-mail)


def sender_of(settings: SmtpSettings, business: Mapping) -> Sender | None:
    """Who the e-mails are from: the account's sender, else the business's
    e-mail; its name, else the business's name. None when no address is known."""
    address = settings.sender_address or str(business.get("email") or "").strip()
    if not address:
        return None
    name = settings.sender_name or " ".join(str(business.get("name") or "").split())
    return Sender(address, name, str(business.get("email") or "").strip() or address)


def unsubscribe_text(sender: Sender) -> str:
    """The sentence that ends a prospecting e-mail (French: the business's words)."""
    return (
        "Vous ne souhaitez plus recevoir nos courriels ? Répondez à ce message avec « "
        f"{UNSUBSCRIBE_SUBJECT} » en objet, ou écrivez-nous à {sender.reply_to} : nous ne vous écrirons plus."
    )


def unsubscribe_html(sender: Sender) -> str:
    return f'<p style="color:#666;font-size:small">{escape(unsubscribe_text(sender))}</p>'


def unsubscribe_mailto(sender: Sender) -> str:
    from urllib.parse import quote

    return f"mailto:{quote(sender.reply_to, safe='@.+-_')}?subject={quote(UNSUBSCRIBE_SUBJECT)}"


# -- the complaint's survey invitation as an e-mail ---------------------------------------------
@dataclass(frozen=True)
class FixedContent:
    """A message written for one recipient (not a template): what
    domain.templates.Rendered gives, for the same e-mail builder."""

    subject: str
    body_text: str
    missing: tuple[str, ...] = ()

    def text(self) -> str:
        return self.body_text

    def html(self, *, missing=None) -> str:
        blocks = [b for b in self.body_text.strip().split("\n\n") if b.strip()]
        return "\n".join("<p>" + "<br>".join(escape(line) for line in block.split("\n")) + "</p>" for block in blocks)


def survey_content(invitation) -> FixedContent:
    """The survey invitation (domain/complaint_letters.py) as an e-mail's content."""
    return FixedContent(invitation.subject, invitation.plain_text().rstrip("\n"))
