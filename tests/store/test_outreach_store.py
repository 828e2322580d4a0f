"""Who a mailing goes to, what its fields hold, and the batches on the history
(crmdesk/store/outreach.py), with the templates kept in the file."""

from __future__ import annotations

import datetime as dt

import pytest

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.store import outreach
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.mailing import suppress
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.outreach import Selection, plan_selection
from crmdesk.store.templates import TemplateStore
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

AT = dt.datetime(2026, 11, 23, 10, 30)
ADDRESS = {"address": "3 rue Vaubecour", "postal_code": "69002", "city": "Lyon"}


@pytest.fixture
def people(contacts, database):
    """code -> id: five who may get a letter and five who may not, each for one reason."""
    made = {}
    rows = {
        "P1": {
            "last_name": "Bernard",
            "first_name": "Anne",
            "civility": "Mme",
            **ADDRESS,
            "postal_code": "75008",
            "city": "Paris",
        },
        "P2": {
            "last_name": "Colin",
            "first_name": "Marc",
            "civility": "M.",
            **ADDRESS,
            "postal_code": "13100",
            "city": "Aix-en-Provence",
        },
        "P3": {"kind": "company", "company": "Bio Corner", **ADDRESS},
        "P4": {"last_name": "Dumas", "first_name": "Léa", **ADDRESS, "postal_code": "06000", "city": "Nice"},
        "P5": {"last_name": "Ernst", **ADDRESS, "address": "1 avenue du Boulevard-du-Maréchal-Leclerc-de-Hauteclocque"},
        "X1": {"last_name": "Sans", "first_name": "Adresse"},
        "X2": {"last_name": "Opposé", **ADDRESS, "opposition": 1},
        "X3": {"last_name": "Supprimé", **ADDRESS, "email": "gone@example.fr"},
        "X4": {"last_name": "Défunt", **ADDRESS},
        "X5": {"last_name": "Parti", **ADDRESS},
    }
    for code, values in rows.items():
        made[code] = contacts.create({"code": code, **values}, tags={"X4": ["Décédé"], "X5": ["NPAI"]}.get(code, ()))
    suppress(database, "email", "GONE@example.fr")
    return made


def test_the_plan_keeps_who_may_be_written_to_and_says_why_the_others_are_not(database, people):
    plan = plan_selection(database, Selection(query=ContactQuery(sort="code")), "post")
    assert plan.ids == [people[c] for c in ("P1", "P2", "P3", "P4", "P5")]
    assert plan.counts.summary() == (
        "5 destinataires ; 5 écartés : 1 sans adresse postale, 1 en opposition, "
        "1 sur la liste d'opposition, 1 n'habitant plus à l'adresse (NPAI), "
        "1 décédé(s)."
    )
    # the too-long street is printed whole and reported
    assert plan.address_summary() == ["1 adresse avec une ligne de plus de 38 caractères"]
    by_post = plan_selection(database, Selection(ids=tuple(plan.ids)), "post", sort_postal=True)
    assert by_post.ids == [people[c] for c in ("P4", "P2", "P3", "P5", "P1")]  # 06000, 13100, 69002 ×2, 75008


def test_a_safety_selection_reaches_the_opposed_and_the_suppressed(database, people):
    ids = tuple(people.values())
    plan = plan_selection(database, Selection(ids=ids, purpose="safety"), "post")
    assert set(plan.ids) == {people[c] for c in ("P1", "P2", "P3", "P4", "P5", "X2", "X3")}


def test_trashed_contacts_are_skipped(database, people, contacts):
    contacts.trash(people["P1"])
    plan = plan_selection(database, Selection(ids=(people["P1"], people["P2"])), "post")
    assert plan.ids == [people["P2"]] and plan.counts.kept == 1 and plan.counts.left_out == 0


def test_merge_values_come_from_the_file_and_the_selection_row(database, people):
    orders = OrderStore(database)
    orders.create(NewOrder(people["P1"], "2026-03-02", 4_500), today=TODAY)
    orders.create(NewOrder(people["P1"], "2026-10-12", 12_990), today=TODAY)
    rows = {people["P1"]: {"Remise": "15 %"}}
    found = list(
        outreach.recipients(
            database, [people["P2"], people["P1"]], today=TODAY, rows=rows, business={"name": "Sweety Bio"}
        )
    )
    assert [r.contact["code"] for r in found] == ["P2", "P1"]
    anne = found[1].fields
    assert anne["derniere_commande_date"] == "12 octobre 2026"
    assert anne["derniere_commande_montant"].replace("\u202f", " ").replace("\xa0", " ") == "129,90 €"
    assert anne["remise"] == "15 %" and anne["expediteur"] == "Sweety Bio"
    assert anne["adresse"] == "Mme Anne BERNARD\n3 RUE VAUBECOUR\n75008 PARIS"
    assert found[0].fields["derniere_commande_date"] == "" and "remise" not in found[0].fields


def test_a_batch_goes_on_the_history_and_is_undone_in_one_action(database, people, contacts):
    interactions = InteractionStore(database)
    contacts.update(people["P2"], {"last_contact": "2026-11-01"})
    template = TemplateStore(database).by_purpose("reactivation")
    ids = [people["P1"], people["P2"], people["P3"]]
    batch_id = outreach.record_batch(
        database,
        "letter",
        ids,
        template=template,
        subject=template["subject"],
        selection="segment À risque",
        at=AT,
        subjects={people["P1"]: "Vous nous manquez, Anne !"},
    )
    (entry,) = [e for e in interactions.timeline(people["P1"]) if e["source"] == "interaction"]
    assert (entry["channel"], entry["direction"], entry["at"]) == ("mail", "out", "2026-11-23T10:30")
    assert entry["subject"] == "Lettre « Relance des clients à risque »"
    assert entry["notes"] == "Objet : Vous nous manquez, Anne !"
    assert contacts.get(people["P2"])["last_contact"] == "2026-11-23"
    (row,) = outreach.batches(database)
    assert (row["channel"], row["recipients"], row["done"], row["on_history"]) == ("letter", 3, 3, 3)

    # an exchange edited by hand since stays; the others go; « last contact » comes back
    edited = next(e["id"] for e in interactions.timeline(people["P3"]) if e["source"] == "interaction")
    interactions.update(edited, {"notes": "Rappelé le client après la lettre"}, now=AT)
    result = outreach.undo_batch(database, batch_id)
    assert (result.removed, result.kept) == (2, 1)
    assert result.summary() == (
        "Envoi n° 1 annulé : 2 échanges retirés de l'historique des clients. 1 échange modifié depuis est conservé."
    )
    assert [e for e in interactions.timeline(people["P1"]) if e["source"] == "interaction"] == []
    assert contacts.get(people["P2"])["last_contact"] == "2026-11-01"
    assert contacts.get(people["P3"])["last_contact"] == "2026-11-23"  # its exchange is still there
    with pytest.raises(CrmError, match="L'envoi n° 1 a déjà été annulé"):
        outreach.undo_batch(database, batch_id)
    actions = [r[0] for r in database.query("SELECT action FROM audit_log WHERE entity = 'outreach_batch'")]
    assert actions == ["create", "undo"]


def test_a_batch_sent_one_by_one_resumes_without_sending_twice(database, people):
    ids = [people["P1"], people["P2"], people["P3"]]
    batch_id = outreach.open_batch(database, "email", ids, subject="Nouveautés", at=AT)
    assert sorted(outreach.pending(database, batch_id)) == sorted(ids)
    assert outreach.complete(database, batch_id, [people["P1"]]) == 1
    outreach.refuse(database, batch_id, people["P2"], "550 unknown user")
    assert outreach.pending(database, batch_id) == [people["P3"]]
    assert outreach.complete(database, batch_id, [people["P1"], people["P3"]]) == 1  # P1 is not written twice
    assert (
        database.scalar("SELECT count(*) FROM interactions WHERE outreach_batch = ? AND channel = 'email'", (batch_id,))
        == 2
    )
    (row,) = outreach.batches(database)
    assert (row["done"], row["refused"]) == (2, 1)


def test_a_recall_letter_ticks_its_recipients(database, people):
    from crmdesk.store.recall import RecallCriteria, RecallStore

    database.conn.execute("INSERT INTO products(code, name) VALUES ('MIEL', 'Miel')")
    recall_id = RecallStore(database).open(RecallCriteria(1, None, "2026-10-01", "2026-11-23"))
    batch_id = outreach.record_batch(database, "letter", [people["P1"]], at=AT, recall_id=recall_id)
    assert RecallStore(database).notified(recall_id) == {people["P1"]: "2026-11-23"}
    outreach.undo_batch(database, batch_id)
    assert RecallStore(database).notified(recall_id) == {}


def test_the_shipped_templates_compile_and_use_known_fields(database):
    from crmdesk.domain.templates import FIELDS, compile_template

    templates = TemplateStore(database).all()
    assert {t["purpose"] for t in templates} == {
        "loyalty_expiry",
        "birthday",
        "reactivation",
        "first_order",
        "home_party",
        "complaint_answer",
        "survey",
        "recall",
    }
    for template in templates:
        compiled = compile_template(template["subject"], template["body"])
        assert compiled.paragraphs and template["kind"] == "letter"
        unknown = set(compiled.columns)
        assert unknown <= ({"produit", "lot", "date_achat"} if template["purpose"] == "recall" else set()), template
        assert set(compiled.fields) - unknown <= set(FIELDS)


def test_templates_are_checked_saved_and_deleted(database):
    store = TemplateStore(database)
    template_id = store.save(None, name="  Soldes  d'hiver ", subject="Soldes", body="Bonjour {prenom},\n\nÀ bientôt")
    assert store.get(template_id)["name"] == "Soldes d'hiver"
    assert store.by_name("SOLDES D'HIVER")["id"] == template_id
    with pytest.raises(ValidationError) as caught:
        store.save(None, name="soldes d'hiver", kind="fax", subject="Prix }", body="<p>{prenom</p>")
    assert set(caught.value.problems) == {"nom", "type", "objet", "texte"}
    assert caught.value.problems["nom"] == "un modèle porte déjà ce nom"
    store.save(template_id, name="Soldes d'hiver", subject="Soldes -50 %", body="<p>Bonjour {prenom},</p>")
    assert store.get(template_id)["subject"] == "Soldes -50 %"
    assert store.free_name("Soldes d'hiver") == "Soldes d'hiver (2)"
    assert store.delete(template_id)["name"] == "Soldes d'hiver"
    assert store.get(template_id) is None
    with pytest.raises(CrmError, match="Modèle « Soldes » introuvable. Modèles du fichier : « Invitation"):
        store.find("Soldes")
    actions = [r[0] for r in database.query("SELECT action FROM audit_log WHERE entity = 'template' ORDER BY id")]
    assert actions == ["create", "update", "delete"]
