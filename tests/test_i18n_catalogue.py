"""The English catalogue of the messages below the window (crmdesk/i18n.py)
is complete, compiled, and keeps every {field} of the French text."""

from __future__ import annotations

import io
import string

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from crmdesk import i18n
from crmdesk.i18n_build import PO, extract


def catalogue():
    with open(PO, "rb") as handle:
        return read_po(handle, locale="en")


def fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_every_message_of_the_code_has_its_english_text():
    known = catalogue()
    missing = []
    for message, context in extract():
        entry = known.get(message, context=context)
        strings = entry.string if entry is not None and isinstance(entry.string, tuple) else \
            [entry.string] if entry is not None else [""]
        if not all(strings):
            missing.append(message)
    assert missing == [], f"{len(missing)} messages without English: run python -m crmdesk.i18n, then translate"


def test_translations_keep_the_fields_of_the_french_text():
    for entry in catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set().union(*(fields(i) for i in ids))
        for text in strings:
            assert fields(text) <= wanted | {"count"}, (entry.id, text)


def test_the_compiled_catalogue_is_up_to_date():
    compiled = io.BytesIO()
    write_mo(compiled, catalogue())
    assert PO.with_suffix(".mo").read_bytes() == compiled.getvalue(), "run python -m crmdesk.i18n"


def test_french_is_the_default_and_english_is_chosen():
    try:
        assert i18n.language() == "fr"
        assert i18n.language_from_environment({"LANG": "en_US.UTF-8"}) == "en"
        assert i18n.language_from_environment({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}) == "fr"
        assert i18n.language_from_environment({"LC_ALL": "C.UTF-8"}) == "fr"
        assert i18n.language_from_environment({}) == "fr"
        assert i18n.ngettext("{count} client", "{count} clients", 0) == "0 client"
        i18n.set_language("en")
        assert i18n.ngettext("{count} client", "{count} clients", 0) == "0 clients"
    finally:
        i18n.set_language("fr")
