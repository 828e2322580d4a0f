"""Interactions with a client (docs/domain/07-follow-up-and-loyalty.md): vocabulary, the CROC outline, checks.

An interaction is one contact with a client, whatever its way: a call, an
e-mail, a letter, a visit… It has a date and time, a channel, a direction
(« in » the client reached us, « out » we reached the client), a subject,
free notes and the rep who handled it. Its ``kind`` says whether it was a
meeting or a quote sent: those two are followed up automatically
(domain/reminders.py, origin « followup:<interaction id> »).

Phone-call notes can follow the CROC outline (Contact, Raison, Objectif,
Conclusion): ``croc_template`` writes the four headings for the user to fill.
"""

from __future__ import annotations

import datetime as dt
import re

from crmdesk.domain.dates import parse_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.i18n import N_, _

# Labels (marked N_): shown through crmdesk.i18n._.
CHANNELS: dict[str, str] = {
    "phone": N_("Téléphone"),
    "email": N_("E-mail"),
    "mail": N_("Courrier"),
    "visit": N_("Visite"),
    "video": N_("Visioconférence"),
    "social": N_("Réseau social"),
    "counter": N_("Comptoir"),
}

DIRECTIONS: dict[str, str] = {"in": N_("Entrant"), "out": N_("Sortant")}

KINDS: dict[str, str] = {
    "contact": N_("Échange"),
    "meeting": N_("Rendez-vous"),
    "quote": N_("Devis envoyé"),
}
FOLLOWED_UP_KINDS = frozenset({"meeting", "quote"})

# The CROC outline of a phone call, in French (the GUI passes its translated headings).
CROC_HEADINGS = (N_("Contact"), N_("Raison"), N_("Objectif"), N_("Conclusion"))

FIELDS = ("contact_id", "at", "channel", "direction", "kind", "subject", "notes", "rep_id")
SUBJECT_MAX = 200

_TIME = re.compile(r"(\d{1,2})[:h](\d{2})?$")


def croc_template(headings: tuple[str, str, str, str] = CROC_HEADINGS) -> str:
    """« Contact :\\n\\nRaison :\\n… » — one heading per paragraph, to fill in."""
    return "\n\n".join(f"{heading} :\n" for heading in headings)


def parse_moment(value: str | dt.datetime | dt.date) -> dt.datetime:
    """« 23/11/2026 14:30 », « 2026-11-23T14:30 », « 23/11/2026 14h30 » or a date alone
    (then 00:00) -> a datetime to the minute; CrmError (French) otherwise."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    raw = (value or "").strip()
    if not raw:
        raise CrmError(N_("obligatoire"))
    day_text, _, time_text = raw.replace("T", " ", 1).partition(" ")
    day = parse_date(day_text)
    time_text = time_text.strip()
    if not time_text:
        return dt.datetime.combine(day, dt.time())
    match = _TIME.match(time_text[:5] if len(time_text) == 8 and time_text[5] == ":" else time_text)
    if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise CrmError(N_("heure illisible « {time_text} » : attendu hh:mm"), time_text=time_text)
    return dt.datetime.combine(day, dt.time(int(match.group(1)), int(match.group(2) or 0)))


def validate(values: dict, *, now: dt.datetime | None = None) -> dict:
    """The interaction to store (``at`` ISO to the minute, codes checked, texts
    stripped); ValidationError with French reasons keyed by French field names
    (client, date, canal, sens, type, objet, notes). The date may not be in
    the future: a planned call is a task, not an interaction."""
    problems: dict[str, str] = {}
    clean: dict = {}
    contact_id = values.get("contact_id")
    if contact_id in (None, ""):
        problems["client"] = _("obligatoire")
    else:
        clean["contact_id"] = int(contact_id)
    try:
        moment = parse_moment(values.get("at"))
        limit = (now or dt.datetime.now()).replace(second=0, microsecond=0)
        if moment.date() > limit.date():
            raise CrmError(N_("date dans le futur : pour un appel à passer, créez plutôt une tâche"))
        clean["at"] = moment.isoformat(timespec="minutes")
    except CrmError as exc:
        problems["date"] = str(exc)
    for field, name, choices, default in (
        ("channel", N_("canal"), CHANNELS, None),
        ("direction", N_("sens"), DIRECTIONS, "out"),
        ("kind", N_("type"), KINDS, "contact"),
    ):
        code = values.get(field) or default
        if code not in choices:
            problems[name] = (
                _("obligatoire")
                if not code
                else _("« {code} » inconnu ({expected})", code=code, expected=", ".join(choices))
            )
        else:
            clean[field] = code
    subject = str(values.get("subject") or "").strip()
    notes = str(values.get("notes") or "").strip()
    if not subject and not notes:
        problems[N_("objet")] = _("obligatoire (ou des notes)")
    elif len(subject) > SUBJECT_MAX:
        problems[N_("objet")] = _("{count} caractères au plus", count=SUBJECT_MAX)
    clean["subject"] = subject or None
    clean["notes"] = notes or None
    rep_id = values.get("rep_id")
    clean["rep_id"] = int(rep_id) if rep_id not in (None, "") else None
    if problems:
        raise ValidationError(problems)
    return clean
