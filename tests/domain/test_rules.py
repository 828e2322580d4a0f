"""Pure rules: folding, dates, money, contact validation."""

import datetime as dt

import pytest

from crmdesk.domain import contact
from crmdesk.domain.dates import format_date, parse_date
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.money import format_eur, parse_amount
from crmdesk.domain.text import fold, search_terms


def test_fold_removes_accents_case_and_ligatures():
    assert fold("  Hélène   ŒUVRE-Straße ") == "helene oeuvre-strasse"
    assert search_terms("06 12.34") == ["061234"]
    assert search_terms("Hélène  Dupont") == ["helene", "dupont"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("23/12/2026", dt.date(2026, 12, 23)),
        ("2026-12-23", dt.date(2026, 12, 23)),
        ("1/2/2026", dt.date(2026, 2, 1)),
        ("23.12.2026", dt.date(2026, 12, 23)),
        ("2026-12-23T10:30:00", dt.date(2026, 12, 23)),
    ],
)
def test_dates_are_read_the_french_way(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text,reason",
    [
        ("31/02/2026", "impossible"),
        ("01/02/03", "ambiguë"),
        ("12/25/2026", "impossible"),
        ("demain", "illisible"),
    ],
)
def test_bad_dates_are_refused_not_guessed(text, reason):
    with pytest.raises(CrmError, match=reason):
        parse_date(text)


def test_format_date():
    assert format_date("2026-12-23") == "23/12/2026"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    "text,cents",
    [
        ("1 254,00", 125400),
        ("1\u00a0254,5", 125450),
        ("1254.50", 125450),
        ("1 254 €", 125400),
        (89, 8900),
    ],
)
def test_amounts(text, cents):
    assert parse_amount(text) == cents


def test_amount_errors():
    for bad in ("abc", "1,234,5", "12,345", "NaN"):
        if bad == "12,345":
            with pytest.raises(CrmError, match="deux décimales"):
                parse_amount(bad)
            continue
        with pytest.raises(CrmError):
            parse_amount(bad)


def test_money_prints_in_french():
    assert format_eur(125400).replace("\u202f", " ").replace("\u00a0", " ") == "1 254,00 €"


def test_validate_normalises():
    clean = contact.validate(
        {
            "last_name": "revel",
            "first_name": "Marie-Paule",
            "phone": "06.12.34.56.78",
            "postal_code": "06000",
            "email": "Marie@Exemple.FR",
            "consent_email": "oui",
        }
    )
    assert clean["last_name"] == "REVEL"
    assert clean["phone"] == "+33612345678"
    assert clean["department"] == "06"
    assert clean["email"] == "Marie@exemple.fr"
    assert clean["consent_email"] is True
    assert contact.format_phone(clean["phone"]) == "06 12 34 56 78"


@pytest.mark.parametrize(
    "field,value,reason",
    [
        ("email", "marie.exemple.fr", "@"),
        ("email", "marie@exemple", "domaine"),
        ("phone", "12", "téléphone"),
        ("postal_code", "6000", "5 chiffres"),
        ("siret", "73282932000075", "SIRET"),
        ("birth_date", "31/02/1990", "impossible"),
        ("stage", "vip", "inconnue"),
        ("code", "a b", "lettres"),
    ],
)
def test_validate_explains_in_french(field, value, reason):
    with pytest.raises(ValidationError) as caught:
        contact.validate({"last_name": "X", field: value})
    assert reason in caught.value.problems[field]


def test_unknown_field_is_an_error_not_silently_dropped():
    with pytest.raises(ValidationError, match="champ inconnu"):
        contact.validate({"last_name": "X", "emial": "x@y.fr"})


def test_department_of_corsica_and_overseas():
    assert contact.department_of("20000") == "2A"
    assert contact.department_of("20200") == "2B"
    assert contact.department_of("97400") == "974"


@pytest.mark.parametrize("typed", ["06 12 34 56 78", "01 40 20 50 50", "09 75 10 47 39", "04 65 71 36 43"])
def test_french_phone_display_matches_phonenumbers(typed):
    import phonenumbers

    e164 = contact.normalize_phone(typed)
    expected = phonenumbers.format_number(phonenumbers.parse(e164, "FR"), phonenumbers.PhoneNumberFormat.NATIONAL)
    assert contact.format_phone(e164) == expected == typed
    assert contact.format_phone("+441632960983") == "+44 1632 960983"
