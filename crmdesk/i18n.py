"""Messages of the layers under the window (domain, store, io, reports, cli)
in the interface language, without Qt.

French is the source language: a message is written in French, with named
fields in braces, and that text is its key::

    from crmdesk.i18n import _
    problems["email"] = _("adresse e-mail invalide : {reason}", reason=why)

An error keeps the key and the fields and speaks when it is read (see
crmdesk/domain/errors.py)::

    raise StoreError(N_("Le fichier « {name} » n'existe pas."), name=path.name)

English comes from resources/translations/crmdesk_en.po, compiled into
crmdesk_en.mo (`python -m crmdesk.i18n` after editing; a test checks that
every message has its English text and that the .mo is up to date). The
window (Qt, English source and a French .qm) calls `set_language` with the
user's choice before it shows anything; the command line follows the
environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: French unless it asks for
English).

Texts that are built before the language is known (module-level tables of
labels) are marked with `N_` and translated where they are shown, with `_`.
A word that needs two translations (« mars » the month and « mars » its
abbreviation) takes a context: `pgettext("mois abrégé", "mars")`, `NP_` in a table.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import threading
from collections.abc import Iterator, Mapping

from crmdesk.paths import translations_dir

LANGUAGES = ("fr", "en")
DOMAIN = "crmdesk"

_language = "fr"
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_local = threading.local()  # .speaking: (language, catalogue) of `speaking`, in this thread only


def _load(code: str) -> gettext.NullTranslations:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    if code != "fr":
        path = translations_dir() / f"{DOMAIN}_{code}.mo"
        try:
            with open(path, "rb") as handle:
                return gettext.GNUTranslations(handle)
        except OSError:  # a broken install: the messages stay French rather than fail
            pass
    return gettext.NullTranslations()


def set_language(code: str) -> None:
    """« fr » or « en » for every message made from now on."""
    global _language, _catalogue
    _catalogue = _load(code)
    _language = code


def language() -> str:
    return _current()[0]


@contextlib.contextmanager
def speaking(code: str) -> Iterator[None]:
    """Messages made inside speak `code`, in this thread only: a document of
    the French business (a client's rebate statement) stays French whatever
    the interface language."""
    previous = getattr(_local, "speaking", None)
    _local.speaking = (code, _load(code))
    try:
        yield
    finally:
        _local.speaking = previous


def _current() -> tuple[str, gettext.NullTranslations]:
    return getattr(_local, "speaking", None) or (_language, _catalogue)


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
    text = _current()[1].gettext(message) if message else message  # "" would give the catalogue's header
    return text.format(**fields) if fields else text


def ngettext(singular: str, plural: str, count: int, /, **fields) -> str:
    """The singular or plural form for `count` (available as {count});
    French puts 0 and 1 in the singular."""
    language, catalogue = _current()
    if language == "fr":
        text = singular if abs(count) < 2 else plural
    else:  # gettext's plural rules take whole numbers: 1.5 orders is plural
        text = catalogue.ngettext(singular, plural, count if isinstance(count, int) else 1 + (count != 1))
    return text.format(count=count, **fields)


def pgettext(context: str, message: str, /, **fields) -> str:
    """`_` for a message whose translation depends on `context`."""
    text = _current()[1].pgettext(context, message)
    return text.format(**fields) if fields else text


def N_(message: str, /) -> str:
    """Mark a text for translation without translating it yet (tables built at import)."""
    return message


def NP_(context: str, message: str, /) -> str:
    """`N_` for a message translated later with `pgettext(context, message)`."""
    return message


if __name__ == "__main__":
    from crmdesk.i18n_build import main

    raise SystemExit(main())
