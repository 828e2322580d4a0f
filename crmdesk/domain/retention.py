"""How long personal data is kept, and what an erasure leaves (docs/domain/08-personal-data.md).

Retention (CNIL's standard for prospecting files): a prospect with no
contact for 3 years, a client (or former client) 3 years after their last
purchase, is flagged for erasure; both durations are settings of the file
(SETTINGS, in years). A « keep data until » date typed on the contact
(retention_end) replaces the computed end: the contact is kept until that
day and flagged the day after, whatever their activity.

The last activity of a prospect is the latest of: last contact date, last
interaction, first contact; the creation of the record only when it has
none of these (an import is not a contact). A client's is their last
purchase; a client without any order (typed as client by hand) is judged on
the prospect's dates, with the client duration.

Erasure (anonymisation) keeps the records that statistics need (orders with
their amounts and dates, complaint events, survey scores) and removes every
identifying value: `scrub` blanks the text of a history entry (audit
changes, complaint event details) but for coded values and dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from crmdesk.domain.dates import add_months
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _

PROSPECT_YEARS_KEY = "gdpr.prospect_years"
CLIENT_YEARS_KEY = "gdpr.client_years"
SETTINGS = {PROSPECT_YEARS_KEY: 3, CLIENT_YEARS_KEY: 3}
MAX_YEARS = 30

# Reasons a contact is on the list.
NO_CONTACT, NO_PURCHASE, KEEP_UNTIL = "no_contact", "no_purchase", "keep_until"


def check_years(key: str, value) -> int:
    """A retention duration: a whole number of years from 1 to MAX_YEARS."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_YEARS:
        raise CrmError(
            N_("{key} : un nombre entier d'années de 1 à {most}, pas « {value} »."),
            key=key,
            most=MAX_YEARS,
            value=value,
        )
    return value


def cutoff(today: dt.date, years: int) -> dt.date:
    """Activity before this day is older than `years` (29 February -> 28)."""
    return add_months(today, -12 * years)


@dataclass(frozen=True)
class Candidate:
    contact_id: int
    code: str
    name: str
    stage: str
    reason: str  # NO_CONTACT, NO_PURCHASE or KEEP_UNTIL
    last_activity: dt.date | None
    keep_until: dt.date | None
    in_trash: bool = False

    def reason_text(self) -> str:
        """« Prospect sans contact depuis le 12/03/2022 », in the interface language."""
        if self.reason == KEEP_UNTIL:
            return _("Conservation prévue jusqu'au {day:%d/%m/%Y}", day=self.keep_until)
        day = self.last_activity
        if self.reason == NO_PURCHASE:
            return _("Client sans achat depuis le {day:%d/%m/%Y}", day=day) if day else _("Client sans achat")
        if self.stage == "prospect":
            return _("Prospect sans contact depuis le {day:%d/%m/%Y}", day=day) if day else _("Prospect sans contact")
        return _("Client sans contact depuis le {day:%d/%m/%Y}", day=day) if day else _("Client sans contact")


def _day(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def last_activity(row: Mapping) -> dt.date | None:
    """The latest of the prospect's dates (see the module docstring); the day the
    record was created only when it has none (a file imported today with a
    last contact in 2021 is judged on 2021, not on the import)."""
    days = [d for d in (_day(row.get(k)) for k in ("last_contact", "last_interaction", "first_contact")) if d]
    return max(days) if days else _day(row.get("created_at"))


def judge(row: Mapping, today: dt.date, prospect_years: int, client_years: int) -> Candidate | None:
    """The contact `row` as a candidate for erasure, or None when it is kept.

    row: id, code, name, stage, last_purchase, last_contact, last_interaction,
    first_contact, created_at, retention_end, deleted_at (ISO text or None).
    """
    common = dict(
        contact_id=row["id"],
        code=row["code"],
        name=row.get("name") or "",
        stage=row["stage"],
        in_trash=bool(row.get("deleted_at")),
    )
    keep_until = _day(row.get("retention_end"))
    purchase = _day(row.get("last_purchase"))
    is_client = row["stage"] != "prospect"
    activity = purchase if is_client and purchase else last_activity(row)
    if keep_until is not None:
        if keep_until < today:
            return Candidate(reason=KEEP_UNTIL, last_activity=activity, keep_until=keep_until, **common)
        return None
    years = client_years if is_client else prospect_years
    if activity is None or activity < cutoff(today, years):
        reason = NO_PURCHASE if is_client and purchase else NO_CONTACT
        return Candidate(reason=reason, last_activity=activity, keep_until=None, **common)
    return None


# -- erasure ---------------------------------------------------------------------------------
ERASED = "[effacé]"
ANONYMOUS_NAME = "Anonyme"

# Coded values a history entry keeps (they say what happened, not who).
KEPT_KEYS = frozenset(
    {
        "stage",
        "kind",
        "status",
        "rfm_segment",
        "rfm_code",
        "channel",
        "direction",
        "phase",
        "nature",
        "service",
        "compensation_kind",
        "indicator",
        "action",
        "source",
        "preferred_channel",
        "country",
        "priority",
        "justified",
        "resatisfied",
        "perishable",
        "urgent",
        "stored_name",
    }
)
_IDENTIFYING_DATES = frozenset({"birth_date"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")


def anonymous_code(contact_id: int) -> str:
    """The N° client an erased contact gets (unique: from its id)."""
    return f"ANON-{contact_id:06d}"


def scrub(value, key: str | None = None):
    """`value` (parsed JSON) with every text blanked to ERASED, but the
    coded values of KEPT_KEYS and ISO dates (not a birth date); numbers, booleans, the keys
    themselves (the names of the fields) and the shape are kept."""
    if isinstance(value, dict):
        return {k: scrub(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, key) for v in value]
    if isinstance(value, str):
        if not value or key in KEPT_KEYS or (_ISO_DATE.match(value) and key not in _IDENTIFYING_DATES):
            return value
        return ERASED
    return value
