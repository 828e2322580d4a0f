"""An e-mail address is refused with email-validator's own reason, in the interface language."""

from __future__ import annotations

import re

import pytest

from crmdesk import i18n
from crmdesk.domain.contact import validate
from crmdesk.domain.errors import ValidationError


def reason(email: str) -> str:
    with pytest.raises(ValidationError) as refused:
        validate({"last_name": "Dupont", "email": email})
    return re.split(r" ?: ", refused.value.problems["email"], maxsplit=1)[1]  # French puts a space before « : »


@pytest.mark.parametrize(
    "email, why",
    [
        ("jean@@exemple.fr", "caractère interdit après le « @ » : « @ »"),  # not « espace, accent… »
        ("@@", "il manque le nom avant le « @ »"),
        ("jean.exemple.fr", "il manque le « @ »"),
        ("jean@", "il manque le domaine après le « @ »"),
        ("jean dupont@exemple.fr", "caractère interdit avant le « @ » : espace"),
        ("jean@exemple", "le domaine après le « @ » n'a pas de point (ex. « exemple.fr »)"),
        ("jean@exemple..fr", "deux points de suite"),
        (".jean@exemple.fr", "l'adresse ne peut pas commencer par un point"),
        ("jean.@exemple.fr", "un point juste avant le « @ » n'est pas permis"),
        ("jean@-exemple.fr", "un trait d'union juste après le « @ » n'est pas permis"),
        ("jean@exemple_bis.fr", "caractère interdit après le « @ » : « _ »"),
        ("Jean <jean@exemple.fr>", "tapez l'adresse seule, sans nom ni chevrons"),
        ("jean@exemple.invalid", "ce domaine est réservé : il ne reçoit pas d'e-mails"),
        ("jean@" + "x" * 260 + ".fr", "trop long après le « @ » (10 caractères de trop)"),
    ],
)
def test_the_reason_is_email_validators_own(email, why):
    assert reason(email) == why


def test_the_reason_speaks_english_in_an_english_interface():
    i18n.set_language("en")
    try:
        assert reason("jean@@exemple.fr") == "character not allowed after the “@”: “@”"
        assert reason("jean@exemple") == "the domain after the “@” has no period (e.g. “example.com”)"
    finally:
        i18n.set_language("fr")
