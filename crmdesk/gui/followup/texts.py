"""What the follow-up views write: when a task is due, when an exchange took place."""

from __future__ import annotations

import datetime as dt

from crmdesk.domain.dates import format_date


def format_when(iso: str | None) -> str:
    """A date (« 02/11/2026 ») or a date and time (« 20/11/2026 14:30 »)."""
    if not iso:
        return ""
    if len(iso) <= 10:
        return format_date(iso)
    return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
