"""The contact record (DOMAIN §1): fields, normalisation and validation."""

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
    "code", "kind", "civility", "last_name", "first_name", "company", "siret",
    "email", "phone", "address", "postal_code", "city", "country", "birth_date",
    "first_contact", "source", "rep", "tags", "notes",
    "consent_email", "consent_sms", "consent_phone",
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text | date | bool | choice | ref
    choices: tuple[str, ...] = ()


# Every editable column of the contacts table.
FIELDS = (
    Field("code"), Field("kind", "choice", KINDS), Field("stage", "choice", STAGES),
    Field("civility", "choice", CIVILITIES), Field("last_name"), Field("first_name"),
    Field("company"), Field("company_id", "ref"), Field("job_title"), Field("siret"),
    Field("email"), Field("phone"), Field("phone2"), Field("address"),
    Field("postal_code"), Field("city"), Field("department"), Field("region"),
    Field("country"), Field("birth_date", "date"), Field("first_contact", "date"),
    Field("source", "choice", SOURCES), Field("rep_id", "ref"), Field("referred_by", "ref"),
    Field("is_host", "bool"), Field("notes"), Field("interests"),
    Field("preferred_channel", "choice", CHANNELS),
    Field("consent_email", "bool"), Field("consent_email_date", "date"), Field("consent_email_source"),
    Field("consent_sms", "bool"), Field("consent_sms_date", "date"), Field("consent_sms_source"),
    Field("consent_phone", "bool"), Field("consent_phone_date", "date"), Field("consent_phone_source"),
    Field("opposition", "bool"), Field("opposition_date", "date"),
    Field("last_contact", "date"), Field("retention_end", "date"),
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
        return " ".join(national[i:i + 2] for i in range(0, 10, 2))
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, "FR")
    except phonenumbers.NumberParseException:
        return e164
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 33
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
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

    return SimpleNamespace(EmailNotValidError=EmailNotValidError, validate_email=validate_email,
                           StdnumError=StdnumError, siret=siret)


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
    """email-validator speaks English; the user reads the interface language."""
    text = str(exc)
    for needle, reason in _EMAIL_REASONS:
        if needle in text:
            return _(reason)
    return _("format non reconnu")


_EMAIL_REASONS = (
    ("must have an @-sign", N_("il manque le « @ »")),
    ("something after the @-sign", N_("il manque le domaine après « @ »")),
    ("something before the @-sign", N_("il manque le nom avant « @ »")),
    ("should have a period", N_("le domaine après « @ » est incomplet (ex. « exemple.fr »)")),
    ("invalid characters", N_("caractères interdits (espace, accent…)")),
    ("period", N_("point mal placé")),
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
