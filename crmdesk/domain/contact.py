"""The contact record (docs/domain/01-client-file.md): fields, normalisation and validation."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from types import SimpleNamespace

from crmdesk.domain.dates import parse_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.text import control_character, digits, fold
from crmdesk.i18n import N_, _

# phonenumbers, email-validator and python-stdnum are imported where they are
# used: together they cost ~50 ms, and the client table is painted before
# anyone validates anything.

KINDS = ("person", "company")
STAGES = ("prospect", "client", "former")
CIVILITIES = ("", "M.", "Mme")
SOURCES = ("", "web", "social", "fair", "phone", "shop", "home_party", "referral", "other")
CHANNELS = ("", "email", "sms", "phone", "mail", "visit")

# The canonical CSV columns (import and export), in order.
CSV_COLUMNS = (
    "code",
    "kind",
    "civility",
    "last_name",
    "first_name",
    "company",
    "siret",
    "email",
    "phone",
    "address",
    "postal_code",
    "city",
    "country",
    "birth_date",
    "first_contact",
    "source",
    "rep",
    "tags",
    "notes",
    "consent_email",
    "consent_sms",
    "consent_phone",
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text | date | bool | choice | ref
    choices: tuple[str, ...] = ()


# Every editable column of the contacts table.
FIELDS = (
    Field("code"),
    Field("kind", "choice", KINDS),
    Field("stage", "choice", STAGES),
    Field("civility", "choice", CIVILITIES),
    Field("last_name"),
    Field("first_name"),
    Field("company"),
    Field("company_id", "ref"),
    Field("job_title"),
    Field("siret"),
    Field("email"),
    Field("phone"),
    Field("phone2"),
    Field("address"),
    Field("postal_code"),
    Field("city"),
    Field("department"),
    Field("region"),
    Field("country"),
    Field("birth_date", "date"),
    Field("first_contact", "date"),
    Field("source", "choice", SOURCES),
    Field("rep_id", "ref"),
    Field("referred_by", "ref"),
    Field("is_host", "bool"),
    Field("notes"),
    Field("interests"),
    Field("preferred_channel", "choice", CHANNELS),
    Field("consent_email", "bool"),
    Field("consent_email_date", "date"),
    Field("consent_email_source"),
    Field("consent_sms", "bool"),
    Field("consent_sms_date", "date"),
    Field("consent_sms_source"),
    Field("consent_phone", "bool"),
    Field("consent_phone_date", "date"),
    Field("consent_phone_source"),
    Field("opposition", "bool"),
    Field("opposition_date", "date"),
    Field("last_contact", "date"),
    Field("retention_end", "date"),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
_BY_NAME = {f.name: f for f in FIELDS}

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,29}")
_FR_POSTAL = re.compile(r"\d{5}")
_TRUE = {"1", "true", "oui", "yes", "o", "y", "vrai", "x"}
_FALSE = {"", "0", "false", "non", "no", "n", "faux"}


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return bool(value)
    text = fold(str(value or ""))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CrmError(N_("« {value} » n'est ni oui ni non"), value=value)


def normalize_phone(raw: str, region: str = "FR") -> str:
    """Any way of typing a phone number -> E.164 (« +33612345678 »)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, region or "FR")
    except phonenumbers.NumberParseException:
        raise CrmError(N_("numéro de téléphone illisible « {raw} »"), raw=raw) from None
    if not phonenumbers.is_valid_number(number):
        raise CrmError(N_("numéro de téléphone invalide « {raw} »"), raw=raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str | None) -> str:
    """« +33612345678 » -> « 06 12 34 56 78 » (international format abroad)."""
    if not e164:
        return ""
    if len(e164) == 12 and e164.startswith("+33") and e164[3:].isdigit():
        national = "0" + e164[3:]  # the usual case, without phonenumbers (the table paints many)
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 33
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def department_of(postal_code: str) -> str:
    """French department from a postal code (Corsica 2A/2B, overseas 97x)."""
    if not _FR_POSTAL.fullmatch(postal_code or ""):
        return ""
    if postal_code.startswith("97") or postal_code.startswith("98"):
        return postal_code[:3]
    if postal_code.startswith("20"):
        return "2A" if int(postal_code) < 20200 else "2B"
    return postal_code[:2]


def _clean_text(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _iso_date(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return parse_date(str(value)).isoformat()


@functools.cache
def _libraries() -> SimpleNamespace:
    from email_validator import EmailNotValidError, validate_email
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.fr import siret

    return SimpleNamespace(
        EmailNotValidError=EmailNotValidError, validate_email=validate_email, StdnumError=StdnumError, siret=siret
    )


def _check(field: str, value, problems: dict[str, str], country: str):
    """Return the normalised value of one field, or record why it is wrong."""
    lib = _libraries()
    spec = _BY_NAME[field]
    try:
        if spec.kind == "bool":
            return parse_bool(value)
        if spec.kind == "ref":
            return int(value) if value not in (None, "") else None
        if spec.kind == "date":
            return _iso_date(value) if value not in (None, "") else None
        text = str(value).strip() if field == "notes" and value is not None else _clean_text(value)
        if problem := control_character(text):
            raise CrmError(problem)
        if spec.kind == "choice":
            if text not in spec.choices:
                raise CrmError(N_("valeur inconnue « {value} »"), value=text)
            return text
        if not text:
            return None if field != "code" else ""
        if field == "email":
            return lib.validate_email(text, check_deliverability=False).normalized
        if field in ("phone", "phone2"):
            return normalize_phone(text, country)
        if field == "postal_code" and country == "FR" and not _FR_POSTAL.fullmatch(text):
            raise CrmError(N_("un code postal français a 5 chiffres"))
        if field == "siret":
            return lib.siret.validate(text)
        if field == "code" and not _CODE.fullmatch(text):
            raise CrmError(N_("lettres, chiffres, « . », « - », « / » ou « _ », 30 caractères au plus"))
        if field == "last_name":
            return text.upper()  # French files write the NOM in capitals
        return text
    except lib.EmailNotValidError as exc:
        problems[field] = _("adresse e-mail invalide : {reason}", reason=_email_reason(exc))
    except lib.StdnumError:
        problems[field] = _("SIRET invalide (14 chiffres, clé de contrôle)")
    except CrmError as exc:
        problems[field] = str(exc)
    except (TypeError, ValueError):
        problems[field] = _("valeur invalide « {value} »", value=value)
    return None


def _email_reason(exc: Exception) -> str:
    """email-validator's own reason, in the interface language: « a@@b.fr » is
    refused because the part after the « @ » holds a second « @ », and the
    user reads that, not a guess."""
    text = str(exc)
    for pattern, reason in _EMAIL_REASONS:
        match = pattern.search(text)
        if match:
            fields = match.groupdict()
            if "chars" in fields:
                fields["chars"] = _characters(fields["chars"])
            if "where" in fields:
                fields["where"] = _(_EMAIL_PLACES.get(fields["where"], fields["where"]))
            return _(reason, **fields)
    return _("format non reconnu ({reason})", reason=text.rstrip("."))


def _characters(listed: str) -> str:
    """email-validator's list of characters (« '@', SPACE ») as the user reads it (« « @ », espace »)."""
    shown = []
    for item in listed.split(", "):
        if len(item) >= 3 and item[0] == item[-1] and item[0] in "'\"":
            shown.append(_("« {character} »", character=item[1:-1]))
        else:
            shown.append(_(_CHARACTER_NAMES.get(item, item)))
    return ", ".join(shown)


_CHARACTER_NAMES = {
    "SPACE": N_("espace"),
    "NO-BREAK SPACE": N_("espace insécable"),
    "CHARACTER TABULATION": N_("tabulation"),
    "LINE FEED (LF)": N_("retour à la ligne"),
}
_EMAIL_PLACES = {"period": N_("un point"), "hyphen": N_("un trait d'union")}
_TOO_MANY = r"\((?P<count>\d+) (?:character|byte)s? too many"

# email-validator 2's messages (email_validator/syntax.py), most specific first.
_EMAIL_REASONS = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in (
        (r"must have an @-sign", N_("il manque le « @ »")),
        (r"full-width|small commercial at", N_("le « @ » n'est pas le @ ordinaire : retapez-le")),
        (r"something before the @-sign", N_("il manque le nom avant le « @ »")),
        (r"something after the @-sign", N_("il manque le domaine après le « @ »")),
        (r"too long before the @-sign " + _TOO_MANY, N_("trop long avant le « @ » ({count} caractères de trop)")),
        (r"too long after the @-sign " + _TOO_MANY, N_("trop long après le « @ » ({count} caractères de trop)")),
        (r"too long " + _TOO_MANY, N_("adresse trop longue ({count} caractères de trop)")),
        (r"periods cannot be separated by so many", N_("une partie du domaine est trop longue entre deux points")),
        (r"invalid characters before the @-sign: (?P<chars>.+)\.$", N_("caractère interdit avant le « @ » : {chars}")),
        (
            r"after the @-sign contains invalid characters(?: after Unicode normalization)?: (?P<chars>.+)\.$",
            N_("caractère interdit après le « @ » : {chars}"),
        ),
        (r"unsafe characters: (?P<chars>.+)\.$", N_("caractère invisible ou de contrôle : {chars}")),
        (
            r"Internationalized characters before the @-sign are not supported",
            N_("lettres accentuées ou non latines refusées avant le « @ »"),
        ),
        (r"invalid character", N_("caractère interdit")),
        (r"cannot start with a (?P<where>period|hyphen)", N_("l'adresse ne peut pas commencer par {where}")),
        (
            r"cannot have a (?P<where>period|hyphen) immediately before the @-sign",
            N_("{where} juste avant le « @ » n'est pas permis"),
        ),
        (
            r"cannot have a (?P<where>period|hyphen) immediately after the @-sign",
            N_("{where} juste après le « @ » n'est pas permis"),
        ),
        (r"cannot end with a (?P<where>period|hyphen)", N_("l'adresse ne peut pas finir par {where}")),
        (r"two periods in a row", N_("deux points de suite")),
        (r"period and a hyphen next to each other", N_("un point et un trait d'union côte à côte")),
        (r"two letters followed by two dashes", N_("deux traits d'union de suite dans le domaine")),
        (r"It should have a period", N_("le domaine après le « @ » n'a pas de point (ex. « exemple.fr »)")),
        (r"not within a valid top-level domain", N_("le domaine ne finit pas par une extension valide (.fr, .com…)")),
        (r"special-use or reserved name", N_("ce domaine est réservé : il ne reçoit pas d'e-mails")),
        (
            r"bracketed IP address|address literal|in brackets",
            N_("une adresse IP entre crochets n'est pas acceptée après le « @ »"),
        ),
        (r"Quoting the part before the @-sign", N_("les guillemets ne sont pas acceptés avant le « @ »")),
        (
            r"display name|angle bracket|anything after the email address|after close quote",
            N_("tapez l'adresse seule, sans nom ni chevrons"),
        ),
        (r"not valid IDNA|IDNA encoding|invalid after normalizing", N_("nom de domaine international invalide")),
        (r"not valid ASCII", N_("caractères non reconnus")),
    )
)


def validate(values: dict, *, partial: bool = False) -> dict:
    """Normalise a contact's fields; raise ValidationError (French reasons).

    With partial=True only the given fields are checked (an edit of a few
    fields); otherwise the record must identify someone (name or company).
    Unknown field names are an error, so that a typo never drops data.
    """
    unknown = sorted(set(values) - set(FIELD_NAMES))
    if unknown:
        raise ValidationError({name: _("champ inconnu") for name in unknown})
    country = (_clean_text(values.get("country")) or "FR").upper()
    problems: dict[str, str] = {}
    clean = {name: _check(name, value, problems, country) for name, value in values.items()}
    if "country" in clean:
        clean["country"] = country
    if clean.get("birth_date") and clean["birth_date"] > dt.date.today().isoformat():
        problems["birth_date"] = _("date de naissance dans le futur")
    if clean.get("postal_code") and country == "FR" and not clean.get("department"):
        clean["department"] = department_of(clean["postal_code"])
    if not partial:
        if not (clean.get("last_name") or clean.get("company")):
            problems["last_name"] = _("il faut un nom ou une raison sociale")
        if clean.get("kind") == "company" and not clean.get("company"):
            problems["company"] = _("une entreprise a une raison sociale")
    if problems:
        raise ValidationError(problems)
    return clean


def display_name(row: dict) -> str:
    """« REVEL Marie-Paule », or the company name for a company."""
    person = " ".join(p for p in (row.get("last_name"), row.get("first_name")) if p)
    if row.get("kind") == "company":
        return row.get("company") or person
    return person or row.get("company") or ""


def sort_key(text: str | None) -> str:
    return fold(text)


def search_text(row: dict) -> str:
    """Folded text the trigram index searches: names, company, email, phones, city."""
    parts = [row.get(k) for k in ("last_name", "first_name", "company", "email", "city", "code")]
    for key in ("phone", "phone2"):
        number = row.get(key)
        if number:
            parts.append(digits(number))
            parts.append(digits(format_phone(number)))
    return " ".join(fold(p) for p in parts if p)
