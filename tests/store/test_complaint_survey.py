"""A survey answer filed under a complaint decides « satisfied again »; the
closure's details and the letters sent are in the complaint's history."""

import datetime as dt

import pytest

from crmdesk.domain.errors import ValidationError
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.indicators import IndicatorStore

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 30)


@pytest.fixture
def setup(database, contacts):
    anne = contacts.create({"last_name": "Martin", "first_name": "Anne"})
    paul = contacts.create({"last_name": "Durand", "first_name": "Paul"})
    store = ComplaintStore(database)
    ids = []
    for client, resatisfied in ((anne, False), (paul, True)):
        cid = store.create({"contact_id": client, "subject": "Colis abîmé"}, received_at=dt.datetime(2026, 11, 2, 9))
        store.advance(
            cid,
            "closure",
            {
                "answer": "Nous renvoyons le colis.",
                "compensation_kind": "exchange",
                "cost_cents": 900,
                "resatisfied": resatisfied,
            },
            at=dt.datetime(2026, 11, 4, 15),
        )
        ids.append(cid)
    return store, IndicatorStore(database), anne, paul, ids


def test_an_answer_is_filed_under_a_complaint_of_its_own_client(setup):
    _store, answers, anne, _paul, (annes, pauls) = setup
    answer_id = answers.add_answer(anne, "2026-11-10", "csat", 5, "Merci !", complaint_id=annes)
    assert answers.answer(answer_id)["complaint_id"] == annes
    [listed] = answers.answers_of(anne)
    assert (listed["complaint_id"], listed["complaint_ref"]) == (annes, "REC-2026-0001")
    with pytest.raises(ValidationError) as refused:
        answers.add_answer(anne, "2026-11-10", "csat", 5, complaint_id=pauls)
    assert refused.value.problems == {"réclamation": "la réclamation REC-2026-0002 est celle d'un autre client"}
    with pytest.raises(ValidationError) as refused:
        answers.add_answer(anne, "2026-11-10", "nps", 9, complaint_id=999)
    assert refused.value.problems == {"réclamation": "introuvable"}
    answers.update_answer(answer_id, complaint_id=None)
    assert answers.answer(answer_id)["complaint_id"] is None


def test_the_clients_answer_changes_the_share_satisfied_again(setup):
    store, answers, anne, paul, (annes, pauls) = setup
    figures = store.indicators(START, END)
    assert (figures["resatisfied"], figures["resatisfied_by_survey"]) == (50.0, 0)  # judged at closure: Paul only
    answer_id = answers.add_answer(anne, "2026-11-10", "csat", 4, complaint_id=annes)
    figures = store.indicators(START, END)
    assert (figures["resatisfied"], figures["resatisfied_by_survey"]) == (100.0, 1)
    assert store.satisfaction(annes)["resatisfied"] is True and store.satisfaction(annes)["at_closure"] is False
    answers.add_answer(paul, "2026-11-12", "nps", 3, complaint_id=pauls)  # a detractor after all
    assert store.indicators(START, END)["resatisfied"] == 50.0
    answers.add_answer(anne, "2026-11-11", "csat", 5)  # not about the complaint
    answers.delete_answer(answer_id)
    figures = store.indicators(START, END)
    assert (figures["resatisfied"], figures["resatisfied_by_survey"]) == (0.0, 1)


def test_closure_details_and_letters_in_the_history(setup):
    store, _answers, _anne, _paul, (annes, _pauls) = setup
    assert store.closure_details(annes) == {
        "answer": "Nous renvoyons le colis.",
        "compensation_kind": "exchange",
        "cost_cents": 900,
        "resatisfied": False,
    }
    store.letter_sent(annes, "survey", {"document": "enquete.pdf"}, at=dt.datetime(2026, 11, 5, 10))
    last = store.events(annes)[-1]
    assert (last["phase"], last["action"], last["details"]) == (
        "closure",
        "letter",
        {"letter": "survey", "document": "enquete.pdf"},
    )
    assert store.owner_of_ref("rec-2026-0001") == (annes, store.get(annes)["contact_id"])
    assert store.owner_of_ref("R-1999-0001") is None
