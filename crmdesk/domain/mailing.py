"""Who may be written to, per channel (docs/domain/08-personal-data.md: mailing lists honour consent and opposition).

A mailing list is made for ONE channel: e-mail, SMS, phone or post. A live
contact is left out for the first of these reasons that applies (so each
one is counted once, under one reason):

1. « en opposition »: the contact opposed prospecting (`opposition`);
2. « sur la liste d'opposition »: the e-mail address or a phone number of
   the contact is on the suppression list (the opposition of someone whose
   file was erased, kept as a hash: `suppression_hash`). It means that
   person opposed prospecting, so it leaves the contact out of every
   channel, post included;
3. « sans adresse … »: nothing to write to on that channel: no e-mail
   address; no mobile number for SMS (06, 07 in France; a number abroad that
   phonenumbers says may be a mobile); no phone number at all for phone; no
   street, city (and, in France, postal code) for post;
4. « sans consentement … »: e-mail, SMS and phone need the contact's
   consent on that channel (`consent_email`, `consent_sms`, `consent_phone`).
   Post does not: in France, postal prospecting is opt-out, so everyone with
   a postal address is written to unless in opposition.

The suppression list (db/001 `suppression_list`) holds `(kind, value_hash)`
with kind « email » or « phone » and value_hash = the lower-case hex SHA-256
of the UTF-8 bytes of the normalised value: an e-mail address stripped and
case-folded (« Helene@Exemple.FR » → « helene@exemple.fr »), a phone number
in E.164 (« 06 12 34 56 78 » → « +33612345678 », France by default). Every
writer and reader of that table goes through `suppression_hash`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _, ngettext

CHANNELS = ("email", "sms", "phone", "post")
CHANNEL_LABELS = {"email": N_("e-mail"), "sms": N_("SMS"), "phone": N_("téléphone"), "post": N_("courrier")}
SUPPRESSION_KINDS = ("email", "phone")

# Why a contact is left out, in the order they are checked.
OPPOSITION, SUPPRESSED, NO_ADDRESS, NO_CONSENT = "opposition", "suppressed", "no_address", "no_consent"
REASONS = (OPPOSITION, SUPPRESSED, NO_ADDRESS, NO_CONSENT)
# The order a summary lists them in (the most frequent reason first, usually).
SUMMARY_ORDER = (NO_CONSENT, OPPOSITION, SUPPRESSED, NO_ADDRESS)

_NO_ADDRESS = {
    "email": N_("sans adresse e-mail"),
    "sms": N_("sans numéro de portable"),
    "phone": N_("sans numéro de téléphone"),
    "post": N_("sans adresse postale"),
}
_NO_CONSENT = {
    "email": N_("sans consentement e-mail"),
    "sms": N_("sans consentement SMS"),
    "phone": N_("sans consentement téléphone"),
}


def check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise CrmError(N_("canal inconnu « {channel} » (email, sms, phone ou post)"), channel=channel)
    return channel


def reason_text(channel: str, reason: str) -> str:
    """« sans consentement e-mail », « en opposition »… (follows a count: « 312 sans … »)."""
    if reason == OPPOSITION:
        return _("en opposition")
    if reason == SUPPRESSED:
        return _("sur la liste d'opposition")
    return _((_NO_ADDRESS if reason == NO_ADDRESS else _NO_CONSENT)[channel])


# -- the suppression list ------------------------------------------------------------------
def normalise_for_suppression(kind: str, value: str | None) -> str | None:
    """The text that is hashed; None when there is nothing (or nothing readable)."""
    text = (value or "").strip()
    if not text:
        return None
    if kind == "email":
        return text.casefold()
    if kind == "phone":
        from crmdesk.domain.contact import normalize_phone

        try:
            return normalize_phone(text, "FR")
        except CrmError:
            return None
    raise ValueError(f"unknown suppression kind {kind!r}")


def suppression_hash(kind: str, value: str | None) -> str | None:
    """Lower-case hex SHA-256 of the normalised value (see the module's docstring)."""
    normalised = normalise_for_suppression(kind, value)
    if normalised is None:
        return None
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def suppression_keys(contact: Mapping) -> list[tuple[str, str]]:
    """(kind, hash) of every e-mail address and phone number of a contact."""
    keys = []
    for kind, name in (("email", "email"), ("phone", "phone"), ("phone", "phone2")):
        digest = suppression_hash(kind, contact.get(name))
        if digest is not None:
            keys.append((kind, digest))
    return keys


# -- who is reached, and how ------------------------------------------------------------------
def is_mobile(e164: str | None) -> bool:
    """A number an SMS can reach: 06 / 07 in France; abroad, what phonenumbers
    says is (or may be) a mobile."""
    if not e164:
        return False
    if e164.startswith("+33"):
        return e164[3:4] in ("6", "7")
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    return kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def has_postal_address(contact: Mapping) -> bool:
    """A street and a city; a French address also needs its postal code."""
    if not (contact.get("address") or "").strip() or not (contact.get("city") or "").strip():
        return False
    return (contact.get("country") or "FR").upper() != "FR" or bool((contact.get("postal_code") or "").strip())


def reach(channel: str, contact: Mapping) -> str | None:
    """What to write to on the channel: the e-mail address, the (E.164)
    number, or « address » for post; None when there is none."""
    if channel == "email":
        return contact.get("email") or None
    if channel == "sms":
        return next((n for n in (contact.get("phone"), contact.get("phone2")) if is_mobile(n)), None)
    if channel == "phone":
        return contact.get("phone") or contact.get("phone2") or None
    return "address" if has_postal_address(contact) else None


def exclusion(channel: str, contact: Mapping, suppressed: Callable[[Mapping], bool]) -> str | None:
    """Why the contact is left out of the channel's list (a REASONS code), or None."""
    if contact.get("opposition"):
        return OPPOSITION
    if suppressed(contact):
        return SUPPRESSED
    if reach(channel, contact) is None:
        return NO_ADDRESS
    if channel != "post" and not contact.get(f"consent_{channel}"):
        return NO_CONSENT
    return None


def suppression_check(hashes: Iterable[tuple[str, str]]) -> Callable[[Mapping], bool]:
    """contact -> is one of its addresses on the list (given as (kind, hash) pairs)."""
    listed = frozenset(hashes)
    if not listed:
        return lambda contact: False
    return lambda contact: any(key in listed for key in suppression_keys(contact))


@dataclass
class MailingCounts:
    """How many contacts the list holds, and how many were left out and why."""

    channel: str
    written: int = 0
    excluded: dict[str, int] = field(default_factory=dict)  # REASONS code -> count

    def add(self, reason: str | None) -> None:
        if reason is None:
            self.written += 1
        else:
            self.excluded[reason] = self.excluded.get(reason, 0) + 1

    @property
    def left_out(self) -> int:
        return sum(self.excluded.values())

    def reasons(self) -> list[tuple[str, int]]:
        """(reason, count) of the reasons that left someone out, in SUMMARY_ORDER."""
        return [(reason, self.excluded[reason]) for reason in SUMMARY_ORDER if self.excluded.get(reason)]

    def summary(self) -> str:
        """« 412 contacts dans la liste e-mail ; 354 écartés : 312 sans consentement e-mail, 14 en
        opposition, 3 sur la liste d'opposition, 25 sans adresse e-mail. »"""
        label = _(CHANNEL_LABELS[self.channel])
        head = ngettext(
            "{number} contact dans la liste {channel}",
            "{number} contacts dans la liste {channel}",
            self.written,
            number=_number(self.written),
            channel=label,
        )
        if not self.left_out:
            return _("{head} ; aucun contact écarté.", head=head)
        why = ", ".join(f"{_number(count)} {reason_text(self.channel, reason)}" for reason, count in self.reasons())
        return ngettext(
            "{head} ; {number} écarté : {why}.",
            "{head} ; {number} écartés : {why}.",
            self.left_out,
            head=head,
            number=_number(self.left_out),
            why=why,
        )


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")  # as the command line writes numbers
