"""Messages of the layers under the window (domain, store, io, reports, cli)
in the interface language, without Qt.

French is the source language: a message is written in French, with named
fields in braces, and that text is its key::

    from crmdesk.i18n import _
    raise StoreError(_("Le fichier « {name} » n'existe pas.", name=path.name))

English comes from resources/translations/crmdesk_en.po, compiled into
crmdesk_en.mo (`python -m crmdesk.i18n` after editing; a test checks that
every message has its English text and that the .mo is up to date). The
window (Qt, English source and a French .qm) calls `set_language` with the
user's choice before it shows anything; the command line follows the
environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: French unless it asks for
English).

Texts that are built before the language is known (module-level tables of
labels) are marked with `N_` and translated where they are shown, with `_`.
"""

from __future__ import annotations

import gettext
import os
from typing import Mapping

from crmdesk.paths import translations_dir

LANGUAGES = ("fr", "en")
DOMAIN = "crmdesk"

_language = "fr"
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def set_language(code: str) -> None:
    """« fr » or « en » for every message made from now on."""
    global _language, _catalogue
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    _language = code
    _catalogue = gettext.NullTranslations()
    if code != "fr":
        path = translations_dir() / f"{DOMAIN}_{code}.mo"
        try:
            with open(path, "rb") as handle:
                _catalogue = gettext.GNUTranslations(handle)
        except OSError:     # a broken install: the messages stay French rather than fail
            pass


def language() -> str:
    return _language


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, the way gettext reads it:
    the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set; « en » when
    it names English, French otherwise (French first)."""
    environ = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            first = value.split(":")[0].lower()
            return "en" if first.startswith("en") else "fr"
    return "fr"


def _(message: str, /, **fields) -> str:
    """`message` in the current language, its {fields} filled in."""
    text = _catalogue.gettext(message)
    return text.format(**fields) if fields else text


def ngettext(singular: str, plural: str, count: int, /, **fields) -> str:
    """The singular or plural form for `count` (available as {count});
    French puts 0 and 1 in the singular."""
    if _language == "fr":
        text = singular if abs(count) < 2 else plural
    else:
        text = _catalogue.ngettext(singular, plural, count)
    return text.format(count=count, **fields)


def N_(message: str, /) -> str:
    """Mark a text for translation without translating it yet (tables built at import)."""
    return message


if __name__ == "__main__":
    from crmdesk.i18n_build import main

    raise SystemExit(main())
