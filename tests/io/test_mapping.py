"""Column mapping: suggestions from French and English headers, saved mappings, applying them."""

import json

import pytest

from crmdesk.domain.contact import CSV_COLUMNS
from crmdesk.domain.errors import CrmError
from crmdesk.io.clients import import_clients
from crmdesk.io.mapping import KINDS, SURE, Mapping, suggest_field, suggest_mapping
from crmdesk.io.orders import import_orders
from crmdesk.store.contacts import ContactStore
from tests.helpers.cli import cli
from tests.io.helpers import contacts_by_code, write_csv

pytestmark = pytest.mark.both_kinds


@pytest.mark.parametrize(
    "header,field",
    [
        ("N° client", "code"),
        ("Nº client", "code"),
        ("Numéro client", "code"),
        ("Nom Client", "last_name"),
        ("Nom", "last_name"),
        ("Prénom", "first_name"),
        ("Code postal", "postal_code"),
        ("CP", "postal_code"),
        ("CA annuel", "annual_revenue"),
        ("Hôte", "is_host"),
        ("Nom Ambassadeur", "ambassador"),
        ("Ambassadrice", "ambassador"),
        ("E-mail", "email"),
        ("Courriel", "email"),
        ("Tél.", "phone"),
        ("Téléphone", "phone"),
        ("Ville", "city"),
        ("Société", "company"),
        ("Raison sociale", "company"),
        ("Civilité", "civility"),
        ("Date de naissance", "birth_date"),
        ("Commercial", "rep"),
        ("Étiquettes", "tags"),
        ("Adresse", "address"),
        # English
        ("Customer ID", "code"),
        ("Last Name", "last_name"),
        ("First name", "first_name"),
        ("Company Name", "company"),
        ("Email Address", "email"),
        ("Phone Number", "phone"),
        ("ZIP", "postal_code"),
        ("Postcode", "postal_code"),
        ("City", "city"),
        ("Country", "country"),
        ("Date of birth", "birth_date"),
        ("Sales rep", "rep"),
        ("Annual revenue", "annual_revenue"),
        ("Host", "is_host"),
    ],
)
def test_known_headers_are_sure(header, field):
    name, confidence, how = suggest_field("clients", header)
    assert (name, confidence >= SURE) == (field, True), how


@pytest.mark.parametrize(
    "header,field,low,high",
    [
        ("postal_code", "postal_code", 1.0, 1.0),
        ("Ville du client", "city", 0.85, 0.85),
        ("E-mail du contact", "email", 0.85, 0.85),
        ("Téléphone fixe", "phone", 0.7, 0.7),
        ("Nom de la société", "company", 0.95, 0.95),
        ("Numéro de téléphone", "phone", 0.7, 0.7),
        ("Adress", "address", 0.6, 0.75),
        ("Prenon", "first_name", 0.6, 0.75),
        ("Pointure", None, 0.0, 0.0),
    ],
)
def test_confidence_says_how_sure(header, field, low, high):
    name, confidence, how = suggest_field("clients", header)
    assert name == field and low <= confidence <= high, (name, confidence, how)
    assert how


def test_a_suggestion_covers_every_column():
    headers = ["N° client", "Hôte", "Nom Ambassadeur", "Nom Client", "Prénom", "CA annuel", "", "Pointure"]
    mapping = suggest_mapping("clients", headers)
    assert mapping.as_dict() == {
        "N° client": "code",
        "Hôte": "is_host",
        "Nom Ambassadeur": "ambassador",
        "Nom Client": "last_name",
        "Prénom": "first_name",
        "CA annuel": "annual_revenue",
        "Pointure": None,
    }
    assert [c.index for c in mapping.columns] == [0, 1, 2, 3, 4, 5, 7]
    resolved = mapping.resolve(headers, "f.csv")
    assert resolved.columns == [
        (0, "code"),
        (1, "is_host"),
        (2, "ambassador"),
        (3, "last_name"),
        (4, "first_name"),
        (5, "annual_revenue"),
    ]
    assert resolved.labels["is_host"] == "Hôte"
    assert resolved.ignored == ["Pointure"]
    assert resolved.warnings == ["colonne « Pointure » ignorée : elle ne correspond à aucun champ des clients"]
    lines = mapping.describe()
    assert any("« Hôte »" in line and "is_host" in line for line in lines)
    assert any("« Pointure »" in line and "ignorée" in line for line in lines)


def test_crmdesk_own_headers_are_the_identity():
    mapping = suggest_mapping("clients", list(CSV_COLUMNS))
    assert mapping.is_identity
    assert all(c.confidence == 1.0 for c in mapping.columns)
    assert not suggest_mapping("clients", ["nom"]).is_identity


def test_a_less_sure_rival_gives_way_but_two_sure_columns_are_an_error():
    mapping = suggest_mapping("clients", ["Téléphone", "Téléphone fixe", "Nom"])
    assert mapping.as_dict() == {"Téléphone": "phone", "Téléphone fixe": None, "Nom": "last_name"}
    assert "« Téléphone » a déjà le champ phone" in mapping.columns[1].how
    resolved = mapping.resolve(["Téléphone", "Téléphone fixe", "Nom"], "f.csv")
    assert resolved.ignored == ["Téléphone fixe"]
    assert resolved.warnings == ["colonne « Téléphone fixe » ignorée : « Téléphone » a déjà le champ phone"]
    mapping.set("Téléphone fixe", None)  # the user's choice: no warning any more
    assert mapping.resolve(["Téléphone", "Téléphone fixe", "Nom"], "f.csv").warnings == []
    both = ["Nom", "last_name"]
    with pytest.raises(CrmError, match="« Nom » et « last_name » désignent toutes deux « last_name »"):
        suggest_mapping("clients", both).resolve(both, "f.csv")
    assert suggest_mapping("clients", both).problems(both)


def test_required_fields_and_conflicts_are_problems():
    header = ["code client", "montant"]
    problems = suggest_mapping("orders", header).problems(header)
    assert problems == ["colonne(s) obligatoire(s) manquante(s) : date"]
    header = ["nom", "commercial", "ambassadeur"]
    assert "même champ" in suggest_mapping("clients", header).problems(header)[0]


def test_json_round_trip_and_editing(tmp_path):
    headers = ["N° client", "Nom Client", "Remarque perso", "Pointure"]
    mapping = suggest_mapping("clients", headers)
    mapping.set("Remarque perso", "notes")
    mapping.set("Pointure", None)
    path = tmp_path / "m.json"
    mapping.save(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["kind"] == "clients" and document["columns"]["Pointure"] is None
    assert document["fields"]["is_host"]  # the possible fields, to help editing
    loaded = Mapping.load(path, kind="clients")
    assert loaded == mapping and not loaded.suggested
    resolved = loaded.resolve(headers, "f.csv")
    assert resolved.warnings == []  # « Pointure » ignored on purpose: no warning
    assert resolved.labels["notes"] == "Remarque perso"
    # the same mapping on a file with other case and an extra column
    other = ["N° CLIENT", "nom client", "Ville", "Remarque perso"]
    resolved = loaded.resolve(other, "g.csv")
    assert resolved.columns == [(0, "code"), (1, "last_name"), (3, "notes")]
    assert resolved.warnings == ["colonne « Ville » ignorée : elle ne correspond à aucun champ des clients"]
    assert loaded.resolve(other[:3], "h.csv").warnings[1:] == [
        "la colonne « Remarque perso » de la correspondance n'est pas dans le fichier"
    ]
    with pytest.raises(CrmError, match="champ inconnu « pointure »"):
        mapping.set("Pointure", "pointure")


@pytest.mark.parametrize(
    "text,message",
    [
        ("pas du json", "JSON illisible"),
        ("[]", "pas une correspondance de colonnes crmdesk"),
        ('{"format": "crmdesk-correspondance", "version": 9, "kind": "clients", "columns": {}}', "version 9"),
        ('{"format": "crmdesk-correspondance", "version": 1, "kind": "stocks", "columns": {}}', "« stocks » inconnu"),
        (
            '{"format": "crmdesk-correspondance", "version": 1, "kind": "orders", "columns": {}}',
            "faite pour les commandes, pas pour les clients",
        ),
        (
            '{"format": "crmdesk-correspondance", "version": 1, "kind": "clients", "columns": ["nom"]}',
            "doit associer chaque en-tête",
        ),
        (
            '{"format": "crmdesk-correspondance", "version": 1, "kind": "clients", "columns": {"Nom": "nom"}}',
            "champ inconnu « nom » pour la colonne « Nom »",
        ),
    ],
)
def test_bad_mapping_files_are_explained(tmp_path, text, message):
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CrmError, match=message):
        Mapping.load(path, kind="clients")
    with pytest.raises(CrmError, match="introuvable"):
        Mapping.load(tmp_path / "absent.json")


def test_every_kind_knows_its_fields():
    for fs in KINDS.values():
        assert set(fs.aliases.values()) <= set(fs.fields), fs.kind
        assert set(fs.labels) == set(fs.fields), fs.kind
        assert set(fs.required) <= set(fs.fields), fs.kind
    # web and social: sure matches only, an unknown column refuses the file
    assert suggest_field("web", "visiteur")[0] is None
    with pytest.raises(CrmError, match="colonne\\(s\\) inconnue\\(s\\) « humeur »"):
        suggest_mapping("web", [*KINDS["web"].fields, "humeur"]).resolve([*KINDS["web"].fields, "humeur"], "w.csv")


def test_a_mapping_drives_the_import(database, tmp_path):
    header = ["Réf", "Famille", "Prénom", "Bidule"]
    path = write_csv(tmp_path / "c.csv", header, [["X1", "Durand", "Zoé", "?"]], delimiter=";")
    mapping = Mapping("clients", [])
    for text, name in (("Réf", "code"), ("Famille", "last_name"), ("Prénom", "first_name"), ("Bidule", None)):
        mapping.set(text, name)
    result = import_clients(database, path, mapping=mapping)
    assert (result.inserted, result.notes) == (1, [])
    store = ContactStore(database)
    contact = store.get(store.id_of_code("X1"))
    assert (contact["last_name"], contact["first_name"]) == ("DURAND", "Zoé")
    orders = write_csv(
        tmp_path / "o.csv", ["Customer", "Order date", "Total", "Remark"], [["X1", "01/02/2026", "1 254,50", "?"]]
    )
    result = import_orders(database, orders)
    assert (result.inserted, result.notes) == (
        1,
        ["colonne « Remark » ignorée : elle ne correspond à aucun champ des commandes"],
    )
    assert database.scalar("SELECT amount_cents FROM orders") == 125450


# -- on the command line -------------------------------------------------------------------------


def test_save_mapping_edit_it_and_import_with_it(tmp_path, capsys):
    header = ["Réf", "Nom", "Pointure", "Tél portable perso"]
    source = write_csv(tmp_path / "c.csv", header, [["X1", "Durand", "38", "06 12 34 56 78"]], delimiter=";")
    db, saved = tmp_path / "c.sqlite", tmp_path / "colonnes.json"
    assert cli("import", "clients", source, "--db", db, "--save-mapping", saved) == 0
    err = capsys.readouterr().err
    for part in ("correspondance proposée", "Correspondance enregistrée", "Rien n'a été importé"):
        assert part in err
    assert not db.exists()
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["columns"] == {"Réf": None, "Nom": "last_name", "Pointure": None, "Tél portable perso": "phone"}
    document["columns"]["Réf"] = "code"
    document["columns"]["Pointure"] = "notes"
    saved.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert cli("import", "clients", source, "--db", db, "--mapping", saved) == 0
    out, err = capsys.readouterr()
    assert "1 client créé" in out and "correspondance proposée" not in err
    contact = contacts_by_code(db)["X1"]
    assert (contact["notes"], contact["phone"]) == ("38", "+33612345678")
    document["kind"] = "orders"
    saved.write_text(json.dumps(document), encoding="utf-8")
    assert cli("import", "clients", source, "--db", db, "--mapping", saved) == 1
    assert "faite pour les commandes" in capsys.readouterr().err


def test_a_suggestion_missing_a_required_column_can_still_be_saved(tmp_path, capsys):
    source = write_csv(tmp_path / "o.csv", ["Client", "Jour", "Montant"], [["X1", "01/02/2026", "10"]])
    saved = tmp_path / "o.json"
    assert cli("import", "orders", source, "--db", tmp_path / "c.sqlite", "--save-mapping", saved) == 0
    assert "à corriger : colonne(s) obligatoire(s) manquante(s) : date" in capsys.readouterr().err
    assert cli("import", "orders", source, "--db", tmp_path / "c.sqlite") == 1
    err = capsys.readouterr().err
    assert "« Jour »" in err and "manquante(s) : date" in err and "Traceback" not in err
    assert not (tmp_path / "c.sqlite").exists()


def test_surveys_with_english_headers_and_a_mapping(tmp_path, capsys):
    db = tmp_path / "c.sqlite"
    assert (
        cli("import", "clients", write_csv(tmp_path / "c.csv", ["code", "last_name"], [["C1", "Durand"]]), "--db", db)
        == 0
    )
    source = write_csv(
        tmp_path / "s.csv",
        ["Customer ID", "Response date", "Metric", "Rating", "Feedback"],
        [["C1", "02/03/2026", "NPS", "9", "Très bien"]],
    )
    assert cli("import", "surveys", source, "--db", db) == 0
    assert "1 réponse importée" in capsys.readouterr().out
