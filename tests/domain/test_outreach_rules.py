"""Who a letter or an e-mail may go to (crmdesk/domain/outreach.py)."""

from __future__ import annotations

from crmdesk.domain import outreach
from crmdesk.domain.mailing import suppression_check, suppression_hash

POSTED = {
    "address": "3 rue Vaubecour",
    "postal_code": "69002",
    "city": "Lyon",
    "country": "FR",
    "email": "marc@example.fr",
    "consent_email": 1,
}
NOBODY = suppression_check(())


def test_post_needs_an_address_not_a_consent():
    assert outreach.exclusion("post", POSTED, NOBODY) is None
    assert outreach.exclusion("post", {**POSTED, "postal_code": ""}, NOBODY) == "no_address"
    assert outreach.exclusion("email", {**POSTED, "consent_email": 0}, NOBODY) == "no_consent"


def test_opposition_suppression_and_marks_leave_a_contact_out():
    suppressed = suppression_check([("email", suppression_hash("email", "MARC@example.fr"))])
    assert outreach.exclusion("post", {**POSTED, "opposition": 1}, NOBODY) == "opposition"
    assert outreach.exclusion("post", POSTED, suppressed) == "suppressed"
    assert outreach.exclusion("post", {**POSTED, "erased_at": "2026-01-02"}, NOBODY) == "anonymised"
    assert outreach.exclusion("post", POSTED, NOBODY, tags=["Décédée"]) == "deceased"
    assert outreach.exclusion("email", POSTED, NOBODY, tags=["décédé"]) == "deceased"
    # NPAI: the letter came back; e-mail still reaches them
    assert outreach.exclusion("post", POSTED, NOBODY, tags=["NPAI"]) == "moved"
    assert outreach.exclusion("post", POSTED, NOBODY, tags=["N'habite pas à l'adresse indiquée"]) == "moved"
    assert outreach.exclusion("email", POSTED, NOBODY, tags=["NPAI"]) is None


def test_a_safety_recall_reaches_those_who_opposed():
    suppressed = suppression_check([("email", suppression_hash("email", "marc@example.fr"))])
    opposed = {**POSTED, "opposition": 1}
    assert outreach.exclusion("post", opposed, suppressed, purpose=outreach.SAFETY) is None
    assert outreach.exclusion("post", {**opposed, "city": ""}, NOBODY, purpose=outreach.SAFETY) == "no_address"
    assert outreach.exclusion("post", opposed, NOBODY, tags=["décédé"], purpose=outreach.SAFETY) == "deceased"


def test_the_summary_counts_each_reason():
    counts = outreach.SelectionCounts("post")
    for reason in (None,) * 388 + ("no_address",) * 8 + ("opposition",) * 3 + ("deceased",):
        counts.add(reason)
    assert counts.summary() == (
        "388 destinataires ; 12 écartés : 8 sans adresse postale, 3 en opposition, 1 décédé(s)."
    )
    one = outreach.SelectionCounts("post")
    one.add(None)
    assert one.summary() == "1 destinataire ; personne n'est écarté."
