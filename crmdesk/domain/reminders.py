"""Automatic reminders (docs/domain/07-follow-up-and-loyalty.md): which tasks are due, from facts, settings and today.

Pure: the store reads the facts (orders, birthdays, loyalty cards and points,
open complaints, meetings and quotes) and writes the reminders as tasks. Each
reminder has an ``origin`` key; the tasks table keeps it UNIQUE, so that a
reminder is never created twice, whatever the number of restarts:

=========  ======================================  ==========================================
kind       origin                                  task due on
=========  ======================================  ==========================================
reorder    reorder:<contact>:<last order date>     last order + usual interval + 1 day
followup   followup:<interaction id>               meeting or quote day + ``followup_days``
birthday   birthday:<contact>:<year>               birthday − ``birthday_days_before``
card       card:<contact>:<valid until>            card end − ``loyalty_days_before``
points     points:<contact>:<expires on>           points' expiry − ``loyalty_days_before``
complaint  complaint:<id>:<due date>               answer date − ``complaint_days_before``
=========  ======================================  ==========================================

When a reminder is generated (``window``): from ``lookahead_days`` before its
due date (7 by default: the week ahead shows in « Aujourd'hui » and in the
agenda) until its *event* (the reorder date, the meeting's follow-up date,
the birthday, the expiry, the answer date) plus a grace period
(``GRACE_DAYS``): a reminder missed because crmdesk was not opened is still
generated late while it is of use — a reorder, a follow-up or a complaint a
month later, a birthday or an expiry never (late wishes are worthless, an
expired card is too late to warn). Late means missed: a reminder that was
already due at the previous run (``last_run``) and not made then is not made
afterwards, and the first run on a file (a file just imported, say) makes
only those due from today on — a history is not a backlog.

Rules:

* **Usual reorder interval** of a client = the median of the gaps, in days,
  between its successive order *days* (several orders on one day count once);
  it needs at least 2 order days (1 gap); an even count of gaps takes the mean
  of the two middle ones, rounded half up to a whole day. The client is late,
  and a reorder reminder is due, from the day after last order + interval
  (« today > last order + interval »). An interval over ``MAX_INTERVAL_DAYS``
  (a year) is no buying habit: no reminder.
* **Birthday** in a year: the same day and month; 29 February falls on
  28 February in a year that is not a leap year.
* Dates are shifted by whole days (« 30 days after 31 January » = 2 March, or
  1 March in a leap year).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.interactions import parse_moment
from crmdesk.i18n import N_, _

KINDS = ("reorder", "followup", "birthday", "card", "points", "complaint")

# Days after its event that a missed reminder is still generated.
GRACE_DAYS = {"reorder": 30, "followup": 30, "birthday": 0, "card": 0, "points": 0, "complaint": 30}
MAX_INTERVAL_DAYS = 365


@dataclass(frozen=True)
class ReminderSettings:
    """Each kind switchable; N values in days. Stored under ``reminders.<field with dots>``
    (``reminders.reorder.enabled``, ``reminders.followup.days``…: see ``SETTING_KEYS``)."""

    reorder_enabled: bool = True
    followup_enabled: bool = True
    followup_days: int = 7
    birthday_enabled: bool = True
    birthday_days_before: int = 0
    loyalty_enabled: bool = True
    loyalty_days_before: int = 30
    complaint_enabled: bool = True
    complaint_days_before: int = 1
    lookahead_days: int = 7

    def enabled(self, kind: str) -> bool:
        group = "loyalty" if kind in ("card", "points") else kind
        return bool(getattr(self, f"{group}_enabled"))


# field -> settings key: reorder_enabled -> reminders.reorder.enabled,
# birthday_days_before -> reminders.birthday.days_before, lookahead_days -> reminders.lookahead_days
SETTING_KEYS: dict[str, str] = {
    f.name: "reminders." + (f.name if f.name == "lookahead_days" else f.name.replace("_", ".", 1))
    for f in fields(ReminderSettings)
}
DAY_LIMITS = (0, 366)


def settings_from(values: dict) -> ReminderSettings:
    """ReminderSettings from stored values by key (SETTING_KEYS); a missing or
    unreadable value keeps its default."""
    defaults = ReminderSettings()
    chosen = {}
    for name, key in SETTING_KEYS.items():
        default = getattr(defaults, name)
        value = values.get(key, default)
        try:
            if isinstance(default, bool):
                chosen[name] = (
                    value
                    if isinstance(value, bool)
                    else str(value).strip().lower() in ("1", "true", "oui", "vrai", "yes")
                )
            else:
                number = int(value)
                chosen[name] = number if DAY_LIMITS[0] <= number <= DAY_LIMITS[1] else default
        except (TypeError, ValueError):
            chosen[name] = default
    return ReminderSettings(**chosen)


# -- facts -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OrderDays:
    contact_id: int
    days: tuple[dt.date, ...]  # order dates, any order


@dataclass(frozen=True)
class FollowUp:
    interaction_id: int
    contact_id: int
    day: dt.date
    kind: str  # meeting, quote
    subject: str = ""


@dataclass(frozen=True)
class Birthday:
    contact_id: int
    birth_date: dt.date


@dataclass(frozen=True)
class CardExpiry:
    contact_id: int
    valid_until: dt.date


@dataclass(frozen=True)
class PointsExpiry:
    contact_id: int
    expires_on: dt.date
    points: int


@dataclass(frozen=True)
class ComplaintDue:
    complaint_id: int
    contact_id: int | None
    due_date: dt.date
    ref: str = ""


@dataclass(frozen=True)
class Facts:
    orders: Sequence[OrderDays] = ()
    followups: Sequence[FollowUp] = ()
    birthdays: Sequence[Birthday] = ()
    cards: Sequence[CardExpiry] = ()
    points: Sequence[PointsExpiry] = ()
    complaints: Sequence[ComplaintDue] = ()


@dataclass(frozen=True)
class Reminder:
    origin: str
    kind: str
    contact_id: int | None
    due: dt.date
    title: str  # French, as the task is stored


# -- date rules --------------------------------------------------------------------------------
def days_after(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def birthday_in(birth_date: dt.date, year: int) -> dt.date:
    """The birthday in `year`; 29 February -> 28 February in a non-leap year."""
    try:
        return birth_date.replace(year=year)
    except ValueError:  # 29 February
        return dt.date(year, 2, 28)


def usual_interval(days: Iterable[dt.date]) -> int | None:
    """Median gap in days between successive order days; None with fewer than 2 days."""
    ordered = sorted(set(days))
    gaps = sorted((b - a).days for a, b in itertools.pairwise(ordered))
    if not gaps:
        return None
    middle = len(gaps) // 2
    if len(gaps) % 2:
        return gaps[middle]
    return math.floor((gaps[middle - 1] + gaps[middle]) / 2 + 0.5)


def reorder_date(days: Iterable[dt.date]) -> tuple[dt.date, int] | None:
    """(last order day + usual interval, interval), None without a habit."""
    days = tuple(days)
    interval = usual_interval(days)
    if interval is None or interval > MAX_INTERVAL_DAYS or interval <= 0:
        return None
    return days_after(max(days), interval), interval


def _window(
    due: dt.date, event: dt.date, kind: str, settings: ReminderSettings, today: dt.date, *, lookahead: bool = True
) -> bool:
    first = days_after(due, -settings.lookahead_days) if lookahead else due
    return first <= today <= days_after(event, GRACE_DAYS[kind])


def _ahead(
    kind: str,
    key: str,
    contact_id: int | None,
    event: dt.date,
    days_before: int,
    title: str,
    settings: ReminderSettings,
    today: dt.date,
) -> list[Reminder]:
    """The reminder due `days_before` days ahead of `event` (origin « kind:key »), when its window holds `today`."""
    due = days_after(event, -days_before)
    if not _window(due, event, kind, settings, today):
        return []
    return [Reminder(f"{kind}:{key}", kind, contact_id, due, title)]


# -- the reminders -----------------------------------------------------------------------------
FIRST_RUN = dt.date.min  # last_run of a file whose reminders were never generated


def due_reminders(
    facts: Facts, settings: ReminderSettings, today: dt.date, *, last_run: dt.date | None = None
) -> list[Reminder]:
    """Every reminder whose window holds `today`, for the kinds switched on,
    in origin order (the caller skips those already created). `last_run`: the
    day reminders were last generated (FIRST_RUN: never) — one due before
    today is kept only if it fell due after that day (missed while crmdesk
    was closed); the first run keeps only those due from today on. None: the
    windows alone decide."""
    found = _due(facts, settings, today)
    if last_run is not None:
        since = today - dt.timedelta(days=1) if last_run == FIRST_RUN else last_run
        found = [r for r in found if r.due >= today or r.due > since]
    return found


def _due(facts: Facts, settings: ReminderSettings, today: dt.date) -> list[Reminder]:
    found: list[Reminder] = []
    if settings.reorder_enabled:
        for history in facts.orders:
            expected = reorder_date(history.days)
            if expected is None:
                continue
            event, interval = expected
            due = days_after(event, 1)
            if event < today and _window(due, event, "reorder", settings, today, lookahead=False):
                last = max(history.days)
                found.append(
                    Reminder(
                        f"reorder:{history.contact_id}:{last.isoformat()}",
                        "reorder",
                        history.contact_id,
                        due,
                        _(
                            "Relance réachat : dernière commande le {last}, commande habituellement tous "
                            "les {interval} jours",
                            last=format_date(last),
                            interval=interval,
                        ),
                    )
                )
    if settings.followup_enabled:
        for meeting in facts.followups:
            due = days_after(meeting.day, settings.followup_days)
            if meeting.day <= today and _window(due, due, "followup", settings, today):
                day = format_date(meeting.day)
                if meeting.kind == "quote":
                    title = (
                        _("Relancer après le devis du {day} « {subject} »", day=day, subject=meeting.subject)
                        if meeting.subject
                        else _("Relancer après le devis du {day}", day=day)
                    )
                else:
                    title = (
                        _("Relancer après le rendez-vous du {day} « {subject} »", day=day, subject=meeting.subject)
                        if meeting.subject
                        else _("Relancer après le rendez-vous du {day}", day=day)
                    )
                found.append(Reminder(f"followup:{meeting.interaction_id}", "followup", meeting.contact_id, due, title))
    if settings.birthday_enabled:
        for person in facts.birthdays:
            for year in (today.year - 1, today.year, today.year + 1):
                event = birthday_in(person.birth_date, year)
                found += _ahead(
                    "birthday",
                    f"{person.contact_id}:{year}",
                    person.contact_id,
                    event,
                    settings.birthday_days_before,
                    _("Souhaiter l'anniversaire ({day})", day=format_date(event)),
                    settings,
                    today,
                )
    if settings.loyalty_enabled:
        for card in facts.cards:
            found += _ahead(
                "card",
                f"{card.contact_id}:{card.valid_until.isoformat()}",
                card.contact_id,
                card.valid_until,
                settings.loyalty_days_before,
                _(
                    "Carte de fidélité valable jusqu'au {day} : prévenir le client, proposer le renouvellement",
                    day=format_date(card.valid_until),
                ),
                settings,
                today,
            )
        for batch in facts.points:
            if batch.points > 0:
                found += _ahead(
                    "points",
                    f"{batch.contact_id}:{batch.expires_on.isoformat()}",
                    batch.contact_id,
                    batch.expires_on,
                    settings.loyalty_days_before,
                    _(
                        "{points} points de fidélité expirent le {day} : prévenir le client",
                        points=batch.points,
                        day=format_date(batch.expires_on),
                    ),
                    settings,
                    today,
                )
    if settings.complaint_enabled:
        for complaint in facts.complaints:
            day = format_date(complaint.due_date)
            title = (
                _("Répondre à la réclamation {ref} avant le {day}", ref=complaint.ref, day=day)
                if complaint.ref
                else _("Répondre à la réclamation avant le {day}", day=day)
            )
            found += _ahead(
                "complaint",
                f"{complaint.complaint_id}:{complaint.due_date.isoformat()}",
                complaint.contact_id,
                complaint.due_date,
                settings.complaint_days_before,
                title,
                settings,
                today,
            )
    found.sort(key=lambda r: r.origin)
    return found


def fact_window(kind: str, settings: ReminderSettings, today: dt.date) -> tuple[dt.date, dt.date]:
    """The range of fact dates that can give a reminder today, for the store's
    indexed reads: the meeting's day (followup), this year's birthday, the
    card's end, the points' expiry, the complaint's answer date."""
    if kind == "followup":
        shift = settings.followup_days
        return days_after(today, -GRACE_DAYS[kind] - shift), days_after(today, settings.lookahead_days - shift)
    before = {
        "birthday": settings.birthday_days_before,
        "card": settings.loyalty_days_before,
        "points": settings.loyalty_days_before,
        "complaint": settings.complaint_days_before,
    }[kind]
    return days_after(today, -GRACE_DAYS[kind]), days_after(today, before + settings.lookahead_days)


# -- tasks -------------------------------------------------------------------------------------
# What a task is about: typed by hand (todo, call, email, visit) or made by a reminder (KINDS).
TASK_KINDS: dict[str, str] = {
    "todo": N_("À faire"),
    "call": N_("Appeler"),
    "email": N_("Écrire"),
    "visit": N_("Visite"),
    "reorder": N_("Relance réachat"),
    "followup": N_("Relance après rendez-vous ou devis"),
    "birthday": N_("Anniversaire"),
    "card": N_("Carte de fidélité"),
    "points": N_("Points de fidélité"),
    "complaint": N_("Réclamation"),
}
TASK_FIELDS = ("contact_id", "rep_id", "kind", "title", "due_at", "notes")
TITLE_MAX = 200


def validate_task(values: dict) -> dict:
    """The task to store: ``due_at`` « AAAA-MM-JJ » (a day) or « AAAA-MM-JJTHH:MM »
    (a day and a time), or None; ValidationError with French reasons (titre,
    type, échéance)."""
    problems: dict[str, str] = {}
    clean: dict = {}
    title = str(values.get("title") or "").strip()
    if not title:
        problems[N_("titre")] = _("obligatoire")
    elif len(title) > TITLE_MAX:
        problems[N_("titre")] = _("{count} caractères au plus", count=TITLE_MAX)
    clean["title"] = title
    kind = values.get("kind") or "todo"
    if kind not in TASK_KINDS:
        problems[N_("type")] = _("« {code} » inconnu ({expected})", code=kind, expected=", ".join(TASK_KINDS))
    clean["kind"] = kind
    due = values.get("due_at")
    clean["due_at"] = None
    if due not in (None, ""):
        try:
            if isinstance(due, dt.date) and not isinstance(due, dt.datetime):
                clean["due_at"] = due.isoformat()
            else:
                moment = parse_moment(due)
                has_time = isinstance(due, dt.datetime) or len(str(due).strip()) > 10
                clean["due_at"] = moment.isoformat(timespec="minutes") if has_time else moment.date().isoformat()
        except CrmError as exc:
            problems[N_("échéance")] = str(exc)
    for key in ("contact_id", "rep_id"):
        value = values.get(key)
        clean[key] = int(value) if value not in (None, "") else None
    clean["notes"] = str(values.get("notes") or "").strip() or None
    if problems:
        raise ValidationError(problems)
    return clean
