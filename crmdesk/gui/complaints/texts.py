"""What the complaints views write: dates and times, references, states and their colours, letters."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from crmdesk.domain import complaints as rules
from crmdesk.domain.dates import format_date
from crmdesk.gui.common import labels

OVERDUE_BACKGROUND = "#f8d3d0"
OVERDUE_TEXT = "#8e1b10"
DUE_SOON_BACKGROUND = "#fde3c0"
DUE_SOON_TEXT = "#7a4300"


def format_datetime(value) -> str:
    """ISO date-time (or datetime) -> « 21/11/2026 14:30 »."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", ""))
        except ValueError:
            return format_date(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return format_date(value)


def reference_of(row: dict) -> str:
    return row.get("reference") or row.get("ref") or ""


def client_of(row: dict) -> str:
    name = row.get("client_name") or ""
    code = row.get("client_code") or ""
    return f"{name} ({code})" if name and code else name or code


def state_colours(state: str | None) -> tuple[str, str] | None:
    """(background, text) of a deadline state, None when it does not stand out."""
    if state == "overdue":
        return OVERDUE_BACKGROUND, OVERDUE_TEXT
    if state == "due_soon":
        return DUE_SOON_BACKGROUND, DUE_SOON_TEXT
    return None


def state_text(state: str | None) -> str:
    return labels.shown(rules.DEADLINE_STATES.get(state or "", state or ""))


def yes_no(value) -> str:
    if value is None or value == "":
        return "—"
    return (
        QCoreApplication.translate("ComplaintsView", "yes")
        if value
        else QCoreApplication.translate("ComplaintsView", "no")
    )


def action_labels() -> dict[str, str]:
    return {
        "received": QCoreApplication.translate("ComplaintsView", "Received"),
        "acknowledged": QCoreApplication.translate("ComplaintsView", "Acknowledgement sent"),
        "qualified": QCoreApplication.translate("ComplaintsView", "Qualified"),
        "handled": QCoreApplication.translate("ComplaintsView", "Handled"),
        "closed": QCoreApplication.translate("ComplaintsView", "Closed"),
        "followed_up": QCoreApplication.translate("ComplaintsView", "Followed up"),
        "analysed": QCoreApplication.translate("ComplaintsView", "Cause analysed"),
        "note": QCoreApplication.translate("ComplaintsView", "Note"),
        "correction": QCoreApplication.translate("ComplaintsView", "Correction"),
        "attachment": QCoreApplication.translate("ComplaintsView", "Attachment added"),
        "letter": QCoreApplication.translate("ComplaintsView", "Letter sent"),
    }


def letter_kinds() -> dict[str, str]:
    return {
        "ack": QCoreApplication.translate("ComplaintsView", "Acknowledgement letter"),
        "closure": QCoreApplication.translate("ComplaintsView", "Closure letter"),
        "survey": QCoreApplication.translate("ComplaintsView", "Satisfaction survey"),
    }
