"""The firm's own identity, printed as the letterhead of every document.

Kept in the settings under « business » (one JSON object); a dotted key
« business.<field> » set from the command line overrides the object's field.
The logo travels inside the client file (base64 of the image, `logo_data`),
so a copy of the file on another PC prints the same letterhead.
"""

from __future__ import annotations

from collections.abc import Mapping

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
}
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
    for key in ("name", "activity", "website"):
        if key in values:
            checked[key] = " ".join(str(values[key] or "").split())
    if "address" in values:   # several lines allowed (building, street…)
        lines = (" ".join(line.split()) for line in str(values["address"] or "").splitlines())
        checked["address"] = "\n".join(line for line in lines if line)
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


def merged(stored: object, dotted: Mapping[str, object]) -> dict:
    """The identity from the « business » object and the « business.<field> »
    keys (which win)."""
    identity = dict(stored) if isinstance(stored, Mapping) else {}
    for key, value in dotted.items():
        field = key.removeprefix("business.")
        if field in FIELDS:
            identity[field] = value
    return identity
