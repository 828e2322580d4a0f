"""Duplicate rules: keys, scores, reasons, blocking, merge choices."""

import pytest

from crmdesk.domain import duplicates as d
from crmdesk.domain.errors import CrmError


def person(id_, last, first="", **more):
    return {"id": id_, "kind": "person", "last_name": last, "first_name": first, **more}


@pytest.mark.parametrize(
    "a,b",
    [
        ("Dupont", "Dupond"),
        ("Lefèvre", "Lefebvre"),
        ("Philippe", "Filipe"),
        ("Hélène", "Elène"),
        ("Catherine", "Katherine"),
        ("Thomas", "Tomas"),
        ("Martin", "MARTINE"),
        ("Schmitt", "Schmidt"),
    ],
)
def test_phonetic_keys_hear_what_spelling_hides(a, b):
    assert d.phonetic(a) == d.phonetic(b) != ""


@pytest.mark.parametrize("a,b", [("Martin", "Bernard"), ("Guillaume", "Gilles"), ("Revel", "Robert")])
def test_phonetic_keys_keep_different_names_apart(a, b):
    assert d.phonetic(a) != d.phonetic(b)


def test_compared_name_ignores_accents_case_hyphens_order_and_legal_forms():
    assert d.compared_name(person(1, "REVEL", "Marie-Paule")) == "marie paule revel"
    assert d.compared_name(person(2, "Revel Marie Paule")) == "marie paule revel"
    assert d.compared_name({"kind": "company", "company": "SARL Les Délices d'Hélène"}) == "d delices helene les"
    assert d.compared_name({"kind": "person", "company": "ACME"}) == "acme"  # a person known by company only


@pytest.mark.parametrize(
    "row",
    [
        person(1, "REVEL", "Marie-Paule", company="SARL Élan"),
        {"kind": "company", "company": "SARL Les Délices d'Hélène", "last_name": "X"},
        {"kind": "person", "company": "Œuvre & Cie"},
    ],
)
def test_the_stored_folded_keys_give_the_same_profile(row):
    from crmdesk.domain.contact import display_name
    from crmdesk.domain.text import fold

    stored = {**row, "name_key": fold(display_name(row)), "company_key": fold(row.get("company"))}
    assert d.profile(stored) == d.profile(row)


def test_same_email_whatever_its_case():
    match = d.compare(
        d.profile(person(1, "Dupont", "Hélène", email="Helene.Dupont@Example.fr")),
        d.profile(person(2, "DUPONT", "Helene", email="helene.dupont@example.fr")),
    )
    assert match.reason.startswith("même e-mail")
    assert match.score == 100


def test_same_phone_either_number_and_the_score_follows_the_names():
    a = d.profile(person(1, "Durand", "Paul", phone="+33612345678"))
    b = d.profile(person(2, "Lemoine", "Anne", phone2="+33612345678"))
    c = d.profile(person(3, "DURAND", "Paul", phone="+33612345678"))
    household = d.compare(a, b)
    same_one = d.compare(a, c)
    assert household.reason == "même téléphone" and 75 <= household.score < 85
    assert same_one == d.Match(95, "même téléphone")


def test_close_names_count_only_at_the_same_postal_code_or_company():
    a = d.profile(person(1, "REVEL", "Marie-Paule", postal_code="87000"))
    b = d.profile(person(2, "Revel Marie Paule", postal_code="87000"))
    elsewhere = d.profile(person(3, "Revel", "Marie-Paule", postal_code="75011"))
    colleague = d.profile(person(4, "Revel", "Marie Paule", company="Revel & Fils SARL"))
    same_firm = d.profile(person(5, "REVEL", "Marie-Paule", company="REVEL & FILS"))
    assert d.compare(a, b) == d.Match(100, "noms proches (100) et même code postal")
    assert d.compare(a, elsewhere) is None
    assert d.compare(colleague, same_firm) == d.Match(100, "noms proches (100) et même entreprise")


def test_a_typo_is_close_a_different_first_name_is_not():
    a = d.profile(person(1, "Dupont", "Hélène", postal_code="27000"))
    typo = d.profile(person(2, "Dupond", "Helene", postal_code="27000"))
    sister = d.profile(person(3, "Dupont", "Claire", postal_code="27000"))
    match = d.compare(a, typo)
    assert match.reason == "noms proches (92) et même code postal" and match.score == 92
    assert d.compare(a, sister) is None


def test_alike_overall_is_not_enough_every_word_must_be_found():
    lac = d.profile({"id": 1, "kind": "company", "company": "Boutique Saveurs du Lac", "postal_code": "74000"})
    plateau = d.profile({"id": 2, "kind": "company", "company": "Boutique Saveurs du Plateau", "postal_code": "74000"})
    typo = d.profile({"id": 3, "kind": "company", "company": "Boutique Saveur du Lac SARL", "postal_code": "74000"})
    assert d.similarity(lac.name, plateau.name) >= d.NAME_THRESHOLD
    assert d.compare(lac, plateau) is None
    assert d.compare(lac, typo).reason.startswith("noms proches")
    initial = d.profile(person(4, "Dupont", "J.", postal_code="27000"))
    assert d.words_match(initial.name, d.profile(person(5, "Dupont", "Jean")).name)


def test_two_companies_of_the_same_name_elsewhere_are_not_candidates():
    shop = {"kind": "company", "company": "Biocoop", "postal_code": "87000"}
    assert d.compare(d.profile({"id": 1, **shop}), d.profile({"id": 2, **shop, "postal_code": "75011"})) is None
    same_siret = d.compare(
        d.profile({"id": 1, **shop, "siret": "73282932000074"}),
        d.profile({"id": 2, **shop, "siret": "732 829 320 00074", "postal_code": "75011"}),
    )
    assert same_siret == d.Match(90, "même SIRET")


def test_a_person_is_not_the_company_they_work_for():
    firm = d.profile(
        {"id": 1, "kind": "company", "company": "Dupont", "postal_code": "27000", "email": "contact@dupont.fr"}
    )
    boss = d.profile(person(2, "Dupont", postal_code="27000", company_id=1, email="contact@dupont.fr"))
    assert d.compare(firm, boss) is None


def test_more_reasons_score_higher_and_are_all_told():
    a = d.profile(person(1, "Revel", "Anne", email="a@x.fr", phone="+33612345678", postal_code="87000"))
    b = d.profile(person(2, "Lebrun", "Jeanne", email="a@x.fr", phone="+33612345678", postal_code="87000"))
    match = d.compare(a, b)
    assert match.reason == "même e-mail, même téléphone"
    email_only = d.compare(a, d.profile(person(3, "Lebrun", "Jeanne", email="A@X.FR")))
    assert match.score == email_only.score + 5


def test_find_pairs_blocks_and_skips():
    rows = [
        person(1, "REVEL", "Marie-Paule", postal_code="87000"),
        person(2, "Revel Marie Paule", postal_code="87000"),
        person(3, "Revel", "Marie-Paule", postal_code="75011"),
        person(4, "Martin", "Paul", email="p.martin@exemple.fr"),
        person(5, "Durand", "Léa", email="P.Martin@exemple.fr"),
        person(6, "Martin", "Paule", postal_code="87000"),
    ]
    pairs = d.find_pairs(rows)
    assert [(p.a, p.b, p.reason) for p in pairs] == [
        (1, 2, "noms proches (100) et même code postal"),
        (4, 5, "même e-mail"),
    ]
    assert [(p.a, p.b) for p in d.find_pairs(rows, skip=[(2, 1)])] == [(4, 5)]


def test_big_blocks_go_through_cdist_with_the_same_result(monkeypatch):
    """Blocks beyond _SMALL_BLOCK are compared by rapidfuzz.cdist: same pairs as one by one."""
    last = ["Martin", "Martine", "Dupont", "Dupond", "Durand", "Lefèvre", "Lefebvre", "Petit"]
    first = ["Hélène", "Helene", "Paul", "Paule", "Léa", "Lea", "Jean"]
    rows = [person(i, last[i % 8], first[i % 7], postal_code="69003") for i in range(1, 300)]
    by_cdist = d.find_pairs(rows)
    monkeypatch.setattr(d, "_SMALL_BLOCK", 10_000)
    one_by_one = d.find_pairs(rows)
    assert by_cdist == one_by_one and len(by_cdist) > 1000


def test_a_value_shared_by_too_many_is_not_a_reason():
    rows = [person(i, f"Client{i}", email="boutique@exemple.fr") for i in range(d.MAX_SHARED + 1)]
    assert d.find_pairs(rows) == []


def test_default_choices_fill_blanks_and_keep_the_further_stage():
    keep = {
        "last_name": "REVEL",
        "email": "",
        "phone": "+33612345678",
        "stage": "prospect",
        "consent_email": 0,
        "city": "Limoges",
    }
    other = {
        "last_name": "REVEL",
        "email": "mp@revel.fr",
        "phone": "+33555000000",
        "stage": "client",
        "consent_email": 1,
        "city": None,
    }
    assert d.default_choices(keep, other) == {
        "stage": "other",
        "email": "other",
        "phone": "keep",
        "city": "keep",
        "consent_email": "other",
    }
    changes = d.merged_values(keep, other, {"phone": "other", "city": "Limoges Cedex"})
    assert changes == {
        "stage": "client",
        "email": "mp@revel.fr",
        "phone": "+33555000000",
        "consent_email": 1,
        "city": "Limoges Cedex",
    }
    with pytest.raises(CrmError, match="code"):
        d.merged_values(keep, other, {"code": "other"})


def test_history_text_in_french():
    assert d.history_text({"orders": 12, "complaints": 1, "tags": 2}) == "12 commandes, 1 réclamation, 2 étiquettes"
    assert d.history_text({"orders": 1234}) == "1\u202f234 commandes"
    assert d.history_text({}) == "aucun historique"
