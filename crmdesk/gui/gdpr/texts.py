"""What the GDPR menu says in the status bar when a file opens (light: no dialog loaded for it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crmdesk.domain import rights as rules


def alert_text(counts: dict) -> str:
    """« 1 request overdue, 2 due within 7 days » (empty when nothing stands out)."""
    overdue, soon = counts.get(rules.OVERDUE, 0), counts.get(rules.DUE_SOON, 0)
    parts = []
    if overdue:
        parts.append(
            QCoreApplication.translate("RightsDialog", "1 rights request overdue")
            if overdue == 1
            else QCoreApplication.translate("RightsDialog", "%1 rights requests overdue").replace("%1", str(overdue))
        )
    if soon:
        parts.append(
            (
                QCoreApplication.translate("RightsDialog", "1 due within %2 days")
                if soon == 1
                else QCoreApplication.translate("RightsDialog", "%1 due within %2 days").replace("%1", str(soon))
            ).replace("%2", str(rules.ALERT_DAYS))
        )
    return ", ".join(parts)
