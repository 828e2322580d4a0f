"""What the user reads for the coded values of a contact (stage, kind, source…).

English source strings, translated through Qt (context « Labels »); the
codes themselves come from crmdesk.domain.contact.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

# Numbers are always shown the French way, whatever the interface language.
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


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
