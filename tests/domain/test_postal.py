"""NF Z10-011 address blocks (docs/domain/13-writing-to-clients.md)."""

from __future__ import annotations

from crmdesk.domain import postal
from crmdesk.domain.postal import NO_ADDRESS, TOO_LONG, TOO_MANY, postal_address


def person(**values):
    return {
        "kind": "person",
        "civility": "Mme",
        "first_name": "Hélène",
        "last_name": "DUBOIS",
        "address": "12, rue de l'Église",
        "postal_code": "42000",
        "city": "Saint-Étienne",
        "country": "FR",
        **values,
    }


def test_a_person_the_standard_way():
    address = postal_address(person())
    assert address.lines == ("Mme Hélène DUBOIS", "12 RUE DE L EGLISE", "42000 SAINT ETIENNE")
    assert address.problems == () and address.complete


def test_complement_lines_before_the_street_stay_as_typed():
    address = postal_address(person(address="Résidence « Les Tilleuls », bât. B\nAppartement 12\n3 bis, avenue Foch"))
    assert address.lines == (
        "Mme Hélène DUBOIS",
        "Résidence « Les Tilleuls », bât. B",
        "Appartement 12",
        "3 BIS AVENUE FOCH",
        "42000 SAINT ETIENNE",
    )


def test_the_street_is_found_by_its_word_when_it_has_no_number():
    address = postal_address(person(address="Chez M. Martin\nLieu-dit La Croix, chemin des Prés"))
    assert address.lines[1:] == ("Chez M. Martin", "LIEU DIT LA CROIX CHEMIN DES PRES", "42000 SAINT ETIENNE")


def test_the_last_lines_hold_only_capitals_digits_and_spaces():
    address = postal_address(person(address="Bâtiment C\n5, allée d'Œillets", city="L'Île-d'Yeu", postal_code="85350"))
    for line in address.lines[2:]:
        assert line == line.upper() and all(ch.isalnum() or ch == " " for ch in line), line
        assert line.isascii(), line
    assert address.lines[-1] == "85350 L ILE D YEU"


def test_a_firm_then_the_person_it_is_for():
    contact = person(company="Bio Corner", address="112 avenue du Général-de-Gaulle", postal_code="69007", city="Lyon")
    assert postal_address(contact).lines == (
        "Bio Corner",
        "Mme Hélène DUBOIS",
        "112 AVENUE DU GENERAL DE GAULLE",
        "69007 LYON",
    )
    firm = {
        "kind": "company",
        "company": "Herboristerie Montchat",
        "civility": "",
        "address": "49 place de l'Église",
        "postal_code": "69003",
        "city": "Lyon",
    }
    assert postal_address(firm).lines == ("Herboristerie Montchat", "49 PLACE DE L EGLISE", "69003 LYON")


def test_abroad_the_country_is_a_seventh_line():
    address = postal_address(person(address="Rue Haute 12", postal_code="1000", city="Bruxelles", country="BE"))
    assert address.lines[-2:] == ("1000 BRUXELLES", "BELGIQUE")
    many = postal_address(person(address="A\nB\nC\n4 rue X", postal_code="1000", city="Bruxelles", country="BE"))
    assert len(many.lines) == 7 and many.problems == ()


def test_a_line_too_long_is_reported_and_printed_whole():
    street = "128 boulevard du Maréchal-de-Lattre-de-Tassigny"
    address = postal_address(person(address=street))
    assert address.lines[1] == "128 BOULEVARD DU MARECHAL DE LATTRE DE TASSIGNY"
    assert address.problems == (postal.AddressProblem(TOO_LONG, 2, 47),)
    assert address.problems[0].text() == "ligne 2 trop longue : 47 caractères pour 38 au plus"


def test_more_than_six_lines_is_reported():
    address = postal_address(
        person(company="Comptoir", address="Service achats\nBât. A\nEntrée 2\nÉtage 3\n8 rue Haute")
    )
    assert len(address.lines) == 8
    assert postal.AddressProblem(TOO_MANY, 0, 8) in address.problems
    assert "8 lignes d'adresse pour 6 au plus" in [p.text() for p in address.problems]


def test_no_street_or_no_town_or_no_french_postal_code_is_no_address():
    for missing in ({"address": ""}, {"city": " "}, {"postal_code": ""}):
        address = postal_address(person(**missing))
        assert not address.complete and address.problems[0].kind == NO_ADDRESS
        assert address.lines == ("Mme Hélène DUBOIS",)
    assert postal_address(person(postal_code="", country="CH", city="Genève")).complete


def test_sorted_by_postal_code_france_first():
    contacts = [
        person(id=1, postal_code="75008", city="Paris"),
        person(id=2, postal_code="1000", country="BE"),
        person(id=3, postal_code="13100", city="Aix-en-Provence"),
        person(id=4, postal_code="13100", city="Aix"),
    ]
    assert [c["id"] for c in sorted(contacts, key=postal.sort_key)] == [4, 3, 1, 2]


def test_the_quick_check_finds_the_same_problems():
    cases = [
        person(),
        person(address=""),
        person(address="128 boulevard du Maréchal-de-Lattre-de-Tassigny"),
        person(company="Comptoir", address="Service achats\nBât. A\nEntrée 2\nÉtage 3\n8 rue Haute"),
        person(last_name="Œ" * 18, first_name="Æ" * 2),
        person(city="Saint-Rémy-de-Provence-sur-Œuvre-Longue"),
        person(address="Rue Haute 12", postal_code="1000", city="Bruxelles", country="BE"),
        {"kind": "company", "company": "A" * 39, "address": "1 rue X", "postal_code": "69002", "city": "Lyon"},
    ]
    for contact in cases:
        assert postal.problems(contact) == postal_address(contact).problems, contact
