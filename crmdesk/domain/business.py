"""The firm's own identity, printed as the letterhead of every document.

Kept in the settings under « business » (one JSON object); a dotted key
« business.<field> » set from the command line overrides the object's field.
The logo travels inside the client file (base64 of the image, `logo_data`),
so a copy of the file on another PC prints the same letterhead.

The consumer mediator (Code de la consommation L612-1, L616-1): a business
that sells to consumers names, in its answers to their complaints, the
mediator it belongs to — name, postal address, website. A business that
sells only to businesses says so (« no_consumer_sales ») and has none.
`mediator(identity)` is what the letters print, `mediator_problem(identity)`
the warning when it is missing or incomplete. `survey_url` is the business's
online satisfaction survey (the QR code of the survey invitation opens it;
« {reference} » in it is replaced by the complaint's reference).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from crmdesk.domain import contact, deadline
from crmdesk.domain.errors import ValidationError
from crmdesk.i18n import N_, _

# Field -> French label (the dialog and the messages use them).
FIELDS: dict[str, str] = {
    "name": N_("Raison sociale"),
    "activity": N_("Activité"),
    "address": N_("Adresse"),
    "postal_code": N_("Code postal"),
    "city": N_("Ville"),
    "country": N_("Pays"),
    "siret": "SIRET",
    "phone": N_("Téléphone"),
    "email": N_("Courriel"),
    "website": N_("Site web"),
    "subdivision": N_("Jours fériés locaux"),
    "logo_data": N_("Logo"),
    "mediator_name": N_("Nom du médiateur"),
    "mediator_address": N_("Adresse du médiateur"),
    "mediator_website": N_("Site web du médiateur"),
    "no_consumer_sales": N_("Pas de vente aux consommateurs"),
    "survey_url": N_("Enquête de satisfaction en ligne"),
}
MEDIATOR_FIELDS = ("mediator_name", "mediator_address", "mediator_website")
# Fields checked the way a client's are (email-validator, phonenumbers, stdnum).
_AS_CONTACT = ("postal_code", "city", "country", "siret", "phone", "email")
LOGO_MAX_BYTES = 2_000_000


def validate(values: Mapping) -> dict:
    """The fields to store, normalised; ValidationError with French reasons
    (keyed by field) when one is wrong or unknown."""
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise ValidationError({name: _("réglage inconnu de l'entreprise") for name in unknown})
    problems: dict[str, str] = {}
    checked: dict = {}
    as_contact = {k: values[k] for k in _AS_CONTACT if k in values}
    try:
        checked.update(contact.validate(as_contact, partial=True))
    except ValidationError as exc:
        problems.update(exc.problems)
    checked.pop("department", None)
    for key in ("name", "activity", "website", "mediator_name"):
        if key in values:
            checked[key] = " ".join(str(values[key] or "").split())
    for key in ("address", "mediator_address"):  # several lines allowed (building, street…)
        if key in values:
            lines = (" ".join(line.split()) for line in str(values[key] or "").splitlines())
            checked[key] = "\n".join(line for line in lines if line)
    for key in ("mediator_website", "survey_url"):
        if key in values:
            try:
                checked[key] = web_address(values[key])
            except ValueError as exc:
                problems[key] = str(exc)
    if "no_consumer_sales" in values:
        try:
            checked["no_consumer_sales"] = yes_no(values["no_consumer_sales"])
        except ValueError as exc:
            problems["no_consumer_sales"] = str(exc)
    if "subdivision" in values:
        try:
            checked["subdivision"] = deadline.normalize_subdivision(values["subdivision"] or None) or ""
        except ValueError as exc:
            problems["subdivision"] = str(exc)
    if "logo_data" in values:
        data = values["logo_data"] or ""
        if not isinstance(data, str) or len(data) * 3 // 4 > LOGO_MAX_BYTES:
            problems["logo_data"] = _("image trop grande (2 Mo au plus)")
        checked["logo_data"] = data
    if problems:
        raise ValidationError(problems)
    return {k: ("" if v is None else v) for k, v in checked.items()}


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_YES = {"1", "true", "oui", "o", "yes", "y", "vrai"}
_NO = {"", "0", "false", "non", "n", "no", "faux", "none"}


def web_address(value: object) -> str:
    """« www.mediateur.fr » -> « https://www.mediateur.fr »; "" stays "";
    ValueError (French) for text that cannot be a web address."""
    text = str(value or "").strip()
    if not text:
        return ""
    if any(ch.isspace() for ch in text) or "." not in text:
        raise ValueError(_("adresse web attendue (https://…), pas « {text} »", text=text))
    if not _SCHEME.match(text):
        text = "https://" + text
    elif not text.lower().startswith(("http://", "https://")):
        raise ValueError(_("adresse web attendue (https://…), pas « {text} »", text=text))
    return text


def yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(_("oui ou non, pas « {text} »", text=value))


@dataclass(frozen=True)
class Mediator:
    """The consumer mediator as printed: name, address lines, website."""

    name: str
    address: tuple[str, ...]
    website: str

    def one_line(self) -> str:
        """« Médiation X, 12 rue…, 75008 Paris — https://… » (letters, e-mails)."""
        place = ", ".join((self.name, *self.address)) if self.name else ", ".join(self.address)
        return " — ".join(part for part in (place, self.website) if part)


def sells_to_consumers(identity: Mapping) -> bool:
    try:
        return not yes_no(identity.get("no_consumer_sales"))
    except ValueError:
        return True


def mediator(identity: Mapping) -> Mediator | None:
    """The mediator the letters name, or None (none entered, or no sales to consumers)."""
    if not sells_to_consumers(identity):
        return None
    name = " ".join(str(identity.get("mediator_name") or "").split())
    address = tuple(line.strip() for line in str(identity.get("mediator_address") or "").splitlines() if line.strip())
    website = str(identity.get("mediator_website") or "").strip()
    if not (name or address or website):
        return None
    return Mediator(name, address, website)


def mediator_problem(identity: Mapping) -> str | None:
    """Why the complaint answers do not name the mediator as the law asks
    (None when they do, or when the business sells only to businesses)."""
    if not sells_to_consumers(identity):
        return None
    missing = [_(FIELDS[key]) for key in MEDIATOR_FIELDS if not str(identity.get(key) or "").strip()]
    if len(missing) == len(MEDIATOR_FIELDS):
        return _(
            "Aucun médiateur de la consommation n'est renseigné : la loi (Code de la consommation, "
            "L612-1 et L616-1) demande de le nommer dans les réponses aux réclamations des consommateurs. "
            "Indiquez-le dans Édition › Identité de l'entreprise (ou crmdesk config set "
            "business.mediator_name …), ou cochez « Pas de vente aux consommateurs »."
        )
    if missing:
        return _("Médiateur de la consommation incomplet, il manque : {missing}.", missing=", ".join(missing))
    return None


def is_consumer(client: Mapping) -> bool:
    """A private person (consumer law applies), not a business or its employee."""
    return (client.get("kind") or "person") != "company" and not client.get("company") and not client.get("company_id")


def merged(stored: object, dotted: Mapping[str, object]) -> dict:
    """The identity from the « business » object and the « business.<field> »
    keys (which win)."""
    identity = dict(stored) if isinstance(stored, Mapping) else {}
    for key, value in dotted.items():
        field = key.removeprefix("business.")
        if field in FIELDS:
            identity[field] = value
    return identity
