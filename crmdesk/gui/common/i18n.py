"""Interface language: French when the system speaks French, English otherwise.

The choice (Affichage > Langue: Automatique / Français / English) is kept in
QSettings and applied at the next start: translators are installed once,
before the first window is built, and the messages of the layers below
(crmdesk.i18n: reasons, domain labels) are set to the same language. Qt's
own dialogs (file dialogs, message box buttons) speak it too: qtbase_fr from
Qt's translations folder, or the copy shipped in resources/translations when
that folder lacks it (a frozen build), completed by qtbase_extra_fr (the file
dialog's « &Look in: », « Files of &type: », newer than Qt's French catalogue).
Numbers, dates and amounts stay French
whatever the language (see labels.FRENCH).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crmdesk import i18n as messages
from crmdesk.paths import translations_dir


def resolve(choice: str, system: QLocale | None = None) -> str:
    """« auto » -> « fr » or « en » from the system locale."""
    if choice in ("fr", "en"):
        return choice
    locale = system if system is not None else QLocale.system()
    return "fr" if locale.language() == QLocale.Language.French else "en"


def install(app: QCoreApplication, choice: str = "auto") -> list[QTranslator]:
    """Install the translators for `choice` and set the messages' language;
    returns the translators (keep them alive)."""
    language = resolve(choice)
    messages.set_language(language)
    if language != "fr":
        return []
    installed = []
    qt_folders = (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(translations_dir()))
    ours = (str(translations_dir()),)
    for name, folders in (("crmdesk_fr", ours), ("qtbase_fr", qt_folders), ("qtbase_extra_fr", ours)):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
