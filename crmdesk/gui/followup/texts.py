"""What the follow-up views write: when a task is due, when an exchange took place, the kinds of task."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from crmdesk.domain.dates import format_date


def format_when(iso: str | None) -> str:
    """A date (« 02/11/2026 ») or a date and time (« 20/11/2026 14:30 »)."""
    if not iso:
        return ""
    if len(iso) <= 10:
        return format_date(iso)
    return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")


def task_kinds() -> dict[str, str]:
    return {
        "todo": QCoreApplication.translate("Tasks", "To do"),
        "call": QCoreApplication.translate("Tasks", "Call"),
        "email": QCoreApplication.translate("Tasks", "Write"),
        "visit": QCoreApplication.translate("Tasks", "Visit"),
        "reorder": QCoreApplication.translate("Tasks", "Reorder reminder"),
        "followup": QCoreApplication.translate("Tasks", "Follow-up"),
        "birthday": QCoreApplication.translate("Tasks", "Birthday"),
        "card": QCoreApplication.translate("Tasks", "Loyalty card"),
        "points": QCoreApplication.translate("Tasks", "Loyalty points"),
        "complaint": QCoreApplication.translate("Tasks", "Complaint"),
    }
