"""Rights requests of the people in the file (docs/domain/08-personal-data.md; RGPD articles 12–21).

A person may ask for access to their data, its rectification, its erasure,
or oppose prospecting. The answer is due within one month of reception
(RGPD art. 12.3): the same day of the next month, or that month's last day
when the day does not exist (received 31 January -> due 28 or 29 February).
A request is overdue the day after its due date, and « due soon » from
ALERT_DAYS days before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from crmdesk.domain.dates import add_months
from crmdesk.domain.errors import ValidationError
from crmdesk.i18n import N_, _

KINDS = {
    "access": N_("accès"),
    "rectification": N_("rectification"),
    "erasure": N_("effacement"),
    "opposition": N_("opposition"),
}
CHANNELS = ("", "mail", "email", "phone", "visit", "other")
ALERT_DAYS = 7

ANSWERED, OVERDUE, DUE_SOON, OPEN = "answered", "overdue", "due_soon", "open"


def due_date(received: dt.date) -> dt.date:
    return add_months(received, 1)


def state(request: Mapping, today: dt.date) -> str:
    """answered, overdue, due_soon or open."""
    if request.get("answered_on"):
        return ANSWERED
    due = _date(request["due_on"])
    if today > due:
        return OVERDUE
    if (due - today).days <= ALERT_DAYS:
        return DUE_SOON
    return OPEN


def days_left(request: Mapping, today: dt.date) -> int:
    """Days until the due date (negative when overdue)."""
    return (_date(request["due_on"]) - today).days


def validate(values: Mapping, *, partial: bool = False) -> dict:
    """Clean values of a request; ValidationError (French) otherwise.
    Dates come back ISO; due_on is computed from received_on."""
    problems: dict[str, str] = {}
    clean: dict = {}
    if "kind" in values or not partial:
        kind = (values.get("kind") or "").strip()
        if kind not in KINDS:
            problems[N_("type")] = _("« {code} » inconnu ({expected})", code=kind, expected=", ".join(KINDS))
        clean["kind"] = kind
    for name, label in (("received_on", N_("reçue le")), ("answered_on", N_("répondue le"))):
        if name not in values and (partial or name == "answered_on"):
            continue
        value = values.get(name)
        if value in (None, "") and name == "answered_on":
            clean[name] = None
            continue
        try:
            clean[name] = _date(value).isoformat()
        except (TypeError, ValueError):
            problems[label] = _("date attendue (AAAA-MM-JJ)")
    if "received_on" in clean:
        clean["due_on"] = due_date(_date(clean["received_on"])).isoformat()
    if clean.get("answered_on") and clean.get("received_on") and clean["answered_on"] < clean["received_on"]:
        problems[N_("répondue le")] = _("ne peut pas précéder la réception")
    if "channel" in values:
        channel = (values.get("channel") or "").strip()
        if channel not in CHANNELS:
            problems[N_("canal")] = _("« {channel} » inconnu", channel=channel)
        clean["channel"] = channel
    for name in ("requester", "notes"):
        if name in values:
            text = (values.get(name) or "").strip()
            clean[name] = text or None
    if "contact_id" in values:
        clean["contact_id"] = values.get("contact_id")
    if not partial and not clean.get("contact_id") and not clean.get("requester"):
        problems[N_("demandeur")] = _("choisissez le client ou écrivez le nom du demandeur")
    if problems:
        raise ValidationError(problems)
    return clean


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])
