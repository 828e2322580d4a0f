"""The English catalogue of the messages below the window (crmdesk/i18n.py)
is complete, compiled, and keeps every {field} of the French text; messages
and errors follow the language."""

from __future__ import annotations

import datetime as dt
import io
import string

import pytest
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
        strings = (
            entry.string
            if entry is not None and isinstance(entry.string, tuple)
            else [entry.string]
            if entry is not None
            else [""]
        )
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


def test_a_refusal_reason_follows_the_language():
    from crmdesk.domain import contact
    from crmdesk.domain.errors import ValidationError

    def reasons() -> dict[str, str]:
        with pytest.raises(ValidationError) as refused:
            contact.validate({"last_name": "DUPONT", "email": "dupont.exemple.fr", "postal_code": "1000"})
        return refused.value.problems

    assert reasons() == {
        "email": "adresse e-mail invalide : il manque le « @ »",
        "postal_code": "un code postal français a 5 chiffres",
    }
    i18n.set_language("en")
    assert reasons() == {
        "email": "invalid e-mail address: the “@” is missing",
        "postal_code": "a French postal code has 5 digits",
    }
    i18n.set_language("fr")
    assert reasons()["email"] == "adresse e-mail invalide : il manque le « @ »"


def test_an_error_keeps_its_key_and_fields_and_speaks_when_read():
    from crmdesk.domain.dates import parse_date
    from crmdesk.domain.errors import CrmError

    with pytest.raises(CrmError) as refused:
        parse_date("31/02/2026")
    error = refused.value
    assert (error.key, error.fields) == ("date impossible « {text} »", {"text": "31/02/2026"})
    assert str(error) == "date impossible « 31/02/2026 »"
    i18n.set_language("en")
    assert str(error) == "impossible date “31/02/2026”"
    assert str(CrmError("déjà traduit {pas un champ}")) == "déjà traduit {pas un champ}"


def test_a_document_of_the_business_stays_french_in_an_english_interface():
    from crmdesk.domain import periods

    i18n.set_language("en")
    november = periods.bounds("month", dt.date(2026, 11, 23))
    assert (november.label, november.short_label) == ("November 2026", "Nov 2026")
    with i18n.speaking("fr"):
        assert (november.label, november.short_label) == ("novembre 2026", "nov. 2026")
        assert i18n.ngettext("{count} client", "{count} clients", 0) == "0 client"
    assert november.label == "November 2026"
