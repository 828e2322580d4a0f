"""Indicator values the French way: « 6,8 % », « +70,0 % », « +20 », « 2,5 »; « — » when there is none."""

from __future__ import annotations

from crmdesk.gui.common import labels
from crmdesk.gui.complaints.dashboard import percent

__all__ = ("decimal", "editable", "percent", "points", "signed_percent")


def signed_percent(value: float | None, decimals: int = 1) -> str:
    """An evolution: « +70,0 % », « -12,5 % »."""
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + percent(value, decimals)


def points(value: float | None) -> str:
    """An NPS: « +20 », « -5 », « 0 » (points, whole numbers as the surveys give them)."""
    if value is None:
        return "—"
    rounded = round(value)
    return ("+" if rounded > 0 else "") + labels.FRENCH.toString(int(rounded))


def decimal(value: float | None, decimals: int = 1) -> str:
    """« 2,5 »."""
    return "—" if value is None else labels.FRENCH.toString(float(value), "f", decimals)


def editable(value: float | None) -> str:
    """A number to retype: « 80 », « 1,5 », « -10 » ("" for none), no grouping."""
    return "" if value is None else f"{value:g}".replace(".", ",")
