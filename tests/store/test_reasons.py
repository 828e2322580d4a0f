"""The system's reasons (an OSError's errno) are said in the interface language, not in Python's English."""

from __future__ import annotations

import pytest

from crmdesk import i18n
from crmdesk.store.reasons import os_reason, sqlite_reason


def raised(action) -> OSError:
    with pytest.raises(OSError) as caught:
        action()
    return caught.value


@pytest.mark.parametrize("language", ["fr", "en"])
def test_real_system_errors_are_said_in_the_interface_language(tmp_path, language):
    folder = tmp_path / "dossier"
    folder.mkdir()
    missing = raised(lambda: (tmp_path / "absent.csv").read_bytes())
    a_folder = raised(folder.read_bytes)
    existing = raised(folder.mkdir)
    i18n.set_language(language)
    try:
        said = [os_reason(missing), os_reason(a_folder), os_reason(existing)]
    finally:
        i18n.set_language("fr")
    expected = {
        "fr": ["introuvable", "c'est un dossier", "existe déjà"],
        "en": ["not found", "it is a folder", "already exists"],
    }
    assert said == expected[language]


def test_sqlite_words_are_said_for_the_user():
    assert sqlite_reason("database disk image is malformed") == "son contenu est incohérent"
    assert sqlite_reason("*** in database main ***\nPage 7: btreeInitPage() returns error code 11") == (
        "des pages ou des index ne sont plus cohérents"
    )
    assert sqlite_reason("file is not a database") == "il n'a plus la forme d'une base de données"
