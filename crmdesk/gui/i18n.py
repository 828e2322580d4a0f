"""Interface language: French when the system speaks French, English otherwise.

The choice (Affichage > Langue: Automatique / Français / English) is kept in
QSettings and applied at the next start: translators are installed once,
before the first window is built. Numbers, dates and amounts stay French
whatever the language (see labels.FRENCH).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crmdesk.paths import translations_dir


def resolve(choice: str, system: QLocale | None = None) -> str:
    """« auto » -> « fr » or « en » from the system locale."""
    if choice in ("fr", "en"):
        return choice
    locale = system if system is not None else QLocale.system()
    return "fr" if locale.language() == QLocale.Language.French else "en"


def install(app: QCoreApplication, choice: str = "auto") -> list[QTranslator]:
    """Install the translators for `choice`; returns them (keep them alive)."""
    if resolve(choice) != "fr":
        return []
    installed = []
    sources = ((translations_dir(), "crmdesk_fr"),
               (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase_fr"))
    for folder, name in sources:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
