"""What the order views write: channels, quantities, the line table's headers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crmdesk.gui.common import labels


def channel_labels() -> dict[str, str]:
    """Sales channels of an order, as the user reads them."""
    return {
        "": "—",
        "shop": QCoreApplication.translate("Labels", "Shop"),
        "web": QCoreApplication.translate("Labels", "Web site"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "home_party": QCoreApplication.translate("Labels", "Home party"),
        "fair": QCoreApplication.translate("Labels", "Trade fair"),
        "opening": QCoreApplication.translate("Labels", "Opening"),
    }


def quantity_text(value: float | None) -> str:
    """« 2 », « 1,5 » (French decimal comma)."""
    if value is None:
        return ""
    return labels.FRENCH.toString(float(value), "g", 12)


def line_headers() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("LineTableModel", "Product"),
        QCoreApplication.translate("LineTableModel", "Category"),
        QCoreApplication.translate("LineTableModel", "Quantity"),
        QCoreApplication.translate("LineTableModel", "Unit price"),
        QCoreApplication.translate("LineTableModel", "Discount"),
        QCoreApplication.translate("LineTableModel", "Total"),
    )
