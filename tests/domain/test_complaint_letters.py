"""The consumer mediator in the business identity, the survey invitation's
content and reply, and who decides « satisfied again »."""

import pytest

from crmdesk.domain import business as firm
from crmdesk.domain.complaint_letters import (
    letter_mediator,
    mailto,
    mediator_sentence,
    reply_link,
    survey_invitation,
)
from crmdesk.domain.complaints import resatisfied
from crmdesk.domain.errors import ValidationError

MEDIATOR = {
    "mediator_name": "Médiation Conso Exemple",
    "mediator_address": "12 rue des Lilas\n75008 Paris",
    "mediator_website": "https://www.mediation-conso.example.org",
}
CONSUMER = {"kind": "person", "civility": "Mme", "last_name": "Dubois", "first_name": "Hélène"}


# -- the identity ------------------------------------------------------------------------------
def test_the_mediator_fields_are_checked_and_normalised():
    stored = firm.validate(
        {
            "mediator_name": "  Médiation   Conso ",
            "mediator_address": " 12 rue  X \n\n 75008 Paris ",
            "mediator_website": "www.mediation.example.org",
            "no_consumer_sales": "non",
            "survey_url": "https://forms.example.org/s?ref={reference}",
        }
    )
    assert stored == {
        "mediator_name": "Médiation Conso",
        "mediator_address": "12 rue X\n75008 Paris",
        "mediator_website": "https://www.mediation.example.org",
        "no_consumer_sales": False,
        "survey_url": "https://forms.example.org/s?ref={reference}",
    }
    assert firm.validate({"no_consumer_sales": True}) == {"no_consumer_sales": True}
    with pytest.raises(ValidationError) as refused:
        firm.validate(
            {"mediator_website": "médiateur", "survey_url": "ftp://x.example.org", "no_consumer_sales": "peut-être"}
        )
    assert refused.value.problems == {
        "mediator_website": "adresse web attendue (https://…), pas « médiateur »",
        "survey_url": "adresse web attendue (https://…), pas « ftp://x.example.org »",
        "no_consumer_sales": "oui ou non, pas « peut-être »",
    }


def test_the_warning_says_what_is_missing():
    assert firm.mediator_problem({}).startswith("Aucun médiateur de la consommation n'est renseigné")
    assert "L612-1" in firm.mediator_problem({})
    assert (
        firm.mediator_problem({"mediator_name": "Médiation X"})
        == "Médiateur de la consommation incomplet, il manque : Adresse du médiateur, Site web du médiateur."
    )
    assert firm.mediator_problem(MEDIATOR) is None
    assert firm.mediator_problem({"no_consumer_sales": True}) is None  # sells to businesses only
    assert firm.mediator({"no_consumer_sales": True, **MEDIATOR}) is None
    found = firm.mediator(MEDIATOR)
    assert found.one_line() == (
        "Médiation Conso Exemple, 12 rue des Lilas, 75008 Paris — https://www.mediation-conso.example.org"
    )


def test_a_business_client_is_not_a_consumer():
    assert letter_mediator(MEDIATOR, CONSUMER)[0].name == "Médiation Conso Exemple"
    assert letter_mediator({}, CONSUMER) == (None, firm.mediator_problem({}))
    assert letter_mediator({}, {"kind": "company", "company": "Bio Corner"}) == (None, None)
    assert letter_mediator({}, {"kind": "person", "company_id": 4}) == (None, None)


def test_the_mediator_sentence_of_each_letter():
    found = firm.mediator(MEDIATOR)
    closing = mediator_sentence(found, closing=True)
    assert closing.startswith("Si cette réponse ne vous satisfait pas, vous pouvez recourir gratuitement au médiateur")
    assert "d’un an" in closing and found.one_line() in closing
    assert mediator_sentence(found, closing=False).startswith("Si un désaccord subsistait après notre réponse")


# -- the survey invitation -----------------------------------------------------------------------
def test_the_reply_is_the_online_survey_when_the_business_has_one():
    reply = reply_link(
        {"email": "contact@sweetybio.example.com", "survey_url": "https://forms.example.org/s?ref={reference}"},
        "R-2026-0006",
    )
    assert (reply.kind, reply.payload) == ("url", "https://forms.example.org/s?ref=R-2026-0006")
    assert (
        reply_link({"survey_url": "https://forms.example.org/avis"}, "R-2026-0006").payload
        == "https://forms.example.org/avis"
    )


def test_otherwise_an_email_with_the_reference_in_its_subject():
    reply = reply_link({"email": "contact@sweetybio.example.com"}, "R-2026-0006")
    assert reply.kind == "mailto" and reply.shown == "contact@sweetybio.example.com"
    assert reply.payload == (
        "mailto:contact@sweetybio.example.com?subject=Enqu%C3%AAte%20de%20satisfaction%20R-2026-0006"
        "&body=R%C3%A9clamation%20R-2026-0006%0D%0ASatisfaction%20(1%20%C3%A0%205)%20:%20%0D%0A"
        "Recommandation%20(0%20%C3%A0%2010)%20:%20%0D%0ACommentaire%20:%20%0D%0A"
    )
    assert reply_link({}, "R-2026-0006") is None
    assert mailto("a+b@x.fr", "é & ?", "") == "mailto:a+b@x.fr?subject=%C3%A9%20%26%20%3F&body="


def test_the_invitation_asks_the_three_questions_of_the_satisfaction_tab():
    invitation = survey_invitation(
        {"name": "Sweety Bio", "email": "contact@sweetybio.example.com"}, CONSUMER, {"ref": "R-2026-0006"}
    )
    assert [(q.code, q.low, q.high) for q in invitation.questions] == [
        ("csat", 1, 5),
        ("nps", 0, 10),
        ("comment", None, None),
    ]
    assert invitation.subject == "Votre avis sur le traitement de votre réclamation n°\u00a0R-2026-0006"
    text = invitation.plain_text()
    assert text.startswith("Madame,\n")
    assert "1. Êtes-vous satisfait(e) de la façon dont votre réclamation a été traitée" in text
    assert "(1 = pas du tout satisfait(e), 5 = très satisfait(e))" in text
    assert "2. Recommanderiez-vous Sweety Bio à un proche" in text
    assert "Il vous suffit de répondre à ce courriel (référence R-2026-0006)." in text and "coupon" not in text
    online = survey_invitation(
        {"name": "Sweety Bio", "survey_url": "https://forms.example.org/avis?r={reference}"},
        CONSUMER,
        {"ref": "R-2026-0006"},
    )
    assert "Répondez en ligne\u00a0: https://forms.example.org/avis?r=R-2026-0006" in online.plain_text()


# -- satisfied again -------------------------------------------------------------------------------
def answer(indicator, score, date="2026-12-01", id=1):
    return {"indicator": indicator, "score": score, "date": date, "id": id}


@pytest.mark.parametrize(
    "at_closure, answers, expected",
    [
        (False, [], False),  # nothing said: the closure's judgement
        (None, [], None),
        (False, [answer("csat", 4)], True),  # CSAT 4–5 satisfied
        (True, [answer("csat", 3)], False),
        (True, [answer("csat", 5, "2026-12-01"), answer("csat", 2, "2026-12-03", 2)], False),  # the latest
        (False, [answer("nps", 9)], True),  # promoter
        (True, [answer("nps", 6)], False),  # detractor
        (False, [answer("nps", 8)], False),  # passive: the closure's judgement
        (True, [answer("nps", 7)], True),
        (False, [answer("nps", 10), answer("csat", 2, id=2)], False),  # CSAT first
        (False, [answer("ces", 1)], False),  # effort says nothing of satisfaction
    ],
)
def test_the_clients_answer_outranks_the_judgement_at_closure(at_closure, answers, expected):
    assert resatisfied(at_closure, answers) is expected
