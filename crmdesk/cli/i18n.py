"""argparse's own words (« usage: », « options », « show this help message
and exit », its error lines) in the command line's language.

argparse asks gettext for them: `argparse._` and `argparse.ngettext` are
`gettext.gettext` / `gettext.ngettext` of the default domain. Binding a
default domain (gettext.textdomain / bindtextdomain) would be the stdlib's
way, but gettext then picks the language from LANGUAGE, LC_ALL, LC_MESSAGES
and LANG alone: where none names one — Windows, LANG=C — crmdesk speaks
French (its rule, crmdesk/i18n.py) and argparse would stay English. So,
while crmdesk's parser is built and used, and only then, argparse's two
names are pointed at the French catalogue of its msgids,
resources/translations/argparse_fr.po (`python -m crmdesk.i18n` extracts
them from the running Python's argparse.py and compiles the .mo). English is
argparse's own.
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
from collections.abc import Iterator

from crmdesk.paths import translations_dir


def _catalogue(language: str) -> gettext.NullTranslations:
    try:
        with open(translations_dir() / f"argparse_{language}.mo", "rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:  # a broken install: argparse's words stay English rather than fail
        return gettext.NullTranslations()


@contextlib.contextmanager
def argparse_speaking(language: str) -> Iterator[None]:
    """argparse's words in `language` (« fr » or « en ») inside the block."""
    if language == "en":
        yield
        return
    catalogue = _catalogue(language)
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = catalogue.gettext, catalogue.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
