"""What the user reads for the coded values of a contact (stage, kind, source…).

English source strings, translated through Qt (context « Labels »); the
codes themselves come from crmdesk.domain.contact. The labels of the layers
below (complaint kinds, RFM segments, statuses… French, marked N_) are shown
through `shown`, in the interface language (crmdesk.i18n).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from crmdesk import i18n as messages
from crmdesk.domain.dates import format_date

# Numbers are always shown the French way, whatever the interface language.
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


def shown(text: str | None) -> str:
    """A label of domain/store (French, marked N_) in the interface language."""
    return messages._(text) if text else ""


def named(name: str, text: str) -> str:
    """« Email: the “@” is missing » / « E-mail : il manque le « @ » »: a name and what goes with it,
    with the interface language's punctuation."""
    return QCoreApplication.translate("Labels", "%1: %2").replace("%1", str(name)).replace("%2", str(text))


def shown_all(table: dict) -> dict:
    """code -> label of a domain table, in the interface language."""
    return {code: shown(text) for code, text in table.items()}


def moment(when) -> str:
    """« 23/11/2026 09:15 » (a datetime: when a backup was made)."""
    return f"{format_date(when.date())} {when:%H:%M}"


def number(value: int) -> str:
    """« 1 234 » (French digit grouping)."""
    return FRENCH.toString(int(value))


def stages() -> dict[str, str]:
    return {
        "prospect": QCoreApplication.translate("Labels", "Prospect"),
        "client": QCoreApplication.translate("Labels", "Client"),
        "former": QCoreApplication.translate("Labels", "Former client"),
    }


def stage(code: str | None) -> str:
    return stages().get(code or "", code or "")


def kinds() -> dict[str, str]:
    return {
        "person": QCoreApplication.translate("Labels", "Person"),
        "company": QCoreApplication.translate("Labels", "Company"),
    }


def civilities() -> dict[str, str]:
    return {"": "—", "M.": "M.", "Mme": "Mme"}


def sources() -> dict[str, str]:
    return {
        "": "—",
        "web": QCoreApplication.translate("Labels", "Web site"),
        "social": QCoreApplication.translate("Labels", "Social network"),
        "fair": QCoreApplication.translate("Labels", "Trade fair / event"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "shop": QCoreApplication.translate("Labels", "Shop"),
        "home_party": QCoreApplication.translate("Labels", "Home party"),
        "referral": QCoreApplication.translate("Labels", "Referral"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }


def channels() -> dict[str, str]:
    return {
        "": "—",
        "email": QCoreApplication.translate("Labels", "Email"),
        "sms": QCoreApplication.translate("Labels", "Text message"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "mail": QCoreApplication.translate("Labels", "Post"),
        "visit": QCoreApplication.translate("Labels", "Visit"),
    }
