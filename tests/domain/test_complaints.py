"""Complaint rules: vocabulary, triage, deadline state, indicators (docs/domain/05-complaints.md)."""

import datetime as dt
import random

import pytest

from crmdesk.domain import complaints as rules
from crmdesk.domain.complaints import (
    complaint_rate,
    deadline_state,
    loss_rate,
    mean_and_p90,
    suggest_priority,
    triage_key,
    triage_reason,
)
from tests.helpers.today import TODAY


def test_vocabulary():
    assert set(rules.KINDS) == {
        "safety",
        "delivery",
        "stockout",
        "special_order",
        "product_defect",
        "invoice",
        "information",
        "other",
    }
    assert set(rules.NATURES) == {"good_faith", "bad_faith", "seller_fault"}
    assert set(rules.CHANNELS) == {"mail", "phone", "email", "fax", "face_to_face", "social", "web_form"}
    assert rules.SERVICES == ("Commande", "SAV", "Qualité", "Livraison", "Comptabilité")
    assert list(rules.PHASES) == ["reception", "registration", "resolution", "closure", "follow_up", "exploitation"]
    assert list(rules.PHASES.values()) == [
        "Réception",
        "Enregistrement",
        "Traitement",
        "Clôture",
        "Suivi",
        "Exploitation",
    ]


def test_suggest_priority_follows_the_triage_rule():
    chain = [
        suggest_priority("safety"),
        suggest_priority("delivery", perishable=True),
        suggest_priority("delivery"),
        suggest_priority("stockout", urgent=True),
        suggest_priority("special_order"),
        suggest_priority("stockout"),
        suggest_priority("product_defect"),
        suggest_priority("invoice"),
        suggest_priority("information"),
        suggest_priority("other"),
    ]
    assert chain == list(range(1, 11))
    assert suggest_priority("safety", perishable=True, urgent=True) == 1
    with pytest.raises(ValueError):
        suggest_priority("nonsense")


def _c(kind, due="2026-11-27", status=None, perishable=False, urgent=False, received="2026-11-20T10:00:00", id=0):
    return {
        "kind": kind,
        "due_date": due,
        "status": status,
        "perishable": perishable,
        "urgent": urgent,
        "received_at": received,
        "id": id,
    }


def test_triage_order_of_the_seed_situations():
    # docs/domain/05-complaints.md, shuffled: whatever their deadlines, the situation comes first
    seed = [
        _c("information", due="2026-11-24", status="premium"),
        _c("special_order", due="2026-11-20"),
        _c("stockout", urgent=True, due="2026-11-30"),
        _c("delivery", perishable=True, due="2026-12-01", status="occasionnel"),
        _c("safety", due="2026-12-02"),
    ]
    for _ in range(5):
        random.Random(_).shuffle(seed)
        ordered = sorted(seed, key=lambda c: triage_key(c, TODAY))
        assert [c["kind"] for c in ordered] == ["safety", "delivery", "stockout", "special_order", "information"]


def test_then_due_date_then_client_value():
    same = [
        _c("invoice", due="2026-11-30", status="premium", id=1),
        _c("invoice", due="2026-11-25", status=None, id=2),
        _c("invoice", due="2026-11-25", status="premium", id=3),
        _c("invoice", due="2026-11-25", status="actif", id=4),
        _c("invoice", due=None, status="premium", id=5),
        _c("invoice", due="2026-11-25", status="occasionnel", id=6),
        _c("invoice", due="2026-11-25", status="standard", id=7),
    ]
    ordered = sorted(same, key=lambda c: triage_key(c, TODAY))
    assert [c["id"] for c in ordered] == [3, 4, 7, 6, 2, 1, 5]
    # delivery of fresh products before another delivery, an urgent stock-out before a special order
    assert triage_key(_c("delivery", perishable=True), TODAY) < triage_key(_c("delivery", due="2026-11-01"), TODAY)
    assert triage_key(_c("stockout", urgent=True), TODAY) < triage_key(_c("special_order"), TODAY)
    assert triage_key(_c("special_order"), TODAY) < triage_key(_c("stockout"), TODAY)


def test_triage_reason():
    assert (
        triage_reason(_c("safety", status="premium"), TODAY)
        == "risque santé / sécurité · échéance le 27/11/2026 · client Premium"
    )
    assert (
        triage_reason(_c("delivery", perishable=True), TODAY) == "livraison de produits frais · échéance le 27/11/2026"
    )
    assert (
        triage_reason(_c("stockout", urgent=True, due="2026-11-20"), TODAY)
        == "rupture de stock sur commande urgente · échéance le 20/11/2026 (dépassée)"
    )
    assert triage_reason(_c("information", due=None, status="actif"), TODAY) == "demande d'information · client Actif"


def test_deadline_state():
    due = dt.date(2026, 11, 25)
    assert deadline_state(due, dt.date(2026, 11, 26), closed=True) == "closed"
    assert deadline_state(due, dt.date(2026, 11, 26), closed=False) == "overdue"
    assert deadline_state(due, dt.date(2026, 11, 25), closed=False) == "due_soon"
    assert deadline_state(due, dt.date(2026, 11, 24), closed=False) == "due_soon"
    assert deadline_state(due, dt.date(2026, 11, 23), closed=False) == "ok"
    assert deadline_state(due, dt.date(2026, 11, 23), closed=False, soon_days=2) == "due_soon"
    assert deadline_state(None, TODAY, closed=False) == "ok"


def test_rates_on_the_worked_examples_of_the_complaints_page():
    assert complaint_rate(10, 500) == pytest.approx(2.0)  # 10 for 500 transactions
    assert loss_rate(500_000, 20_000_000) == pytest.approx(2.5)  # 5 000 € / 200 000 €
    assert complaint_rate(3, 0) == 0.0 and loss_rate(100, 0) == 0.0


def test_mean_and_p90_nearest_rank():
    assert mean_and_p90([]) == (None, None)
    assert mean_and_p90([4.0]) == (4.0, 4.0)
    assert mean_and_p90([float(v) for v in range(1, 11)]) == (5.5, 9.0)  # ceil(0.9 × 10) = 9th
    mean, p90 = mean_and_p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100])  # ceil(9.9) = 10th
    assert p90 == 10 and mean == pytest.approx(155 / 11)
    assert rules.percentile_nearest_rank([5, 1, 3], 50) == 3
