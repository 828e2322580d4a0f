"""Survey answers, satisfaction over periods, thresholds, web and social figures in the client file."""

import datetime as dt
import json
import sqlite3

import pytest

from crmdesk.domain import indicators as rules
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.periods import bounds, series
from crmdesk.store.indicators import THRESHOLDS_KEY, IndicatorStore

pytestmark = pytest.mark.both_kinds

D = dt.date
FAUR = [("2019", 1000, 500, 250, 80, 7100), ("2020", 1700, 750, 355, 116, 8000), ("2021", 2000, 920, 310, 148, 10000)]


@pytest.fixture
def store(database):
    return IndicatorStore(database)


@pytest.fixture
def clients(contacts):
    return {
        code: contacts.create({"code": code, "last_name": name}) for code, name in (("C1", "Dupont"), ("C2", "Martin"))
    }


def audit(database, entity):
    return [
        (r["entity_id"], r["action"], json.loads(r["changes"] or "null"))
        for r in database.query("SELECT * FROM audit_log WHERE entity = ? ORDER BY id", (entity,))
    ]


# -- survey answers ---------------------------------------------------------------------------


def test_answers_crud_with_audit(database, store, clients):
    first = store.add_answer(clients["C1"], "05/01/2026", "CSAT", "5", "  Très bien  ")
    second = store.add_answer(clients["C1"], D(2026, 2, 1), "nps", 9)
    store.add_answer(clients["C2"], "2026-01-10", "ces", 2)
    assert [(a["date"], a["indicator"], a["score"], a["comment"]) for a in store.answers_of(clients["C1"])] == [
        ("2026-02-01", "nps", 9, None),
        ("2026-01-05", "csat", 5, "Très bien"),
    ]
    updated = store.update_answer(first, score=3, comment="Livraison en retard")
    assert (updated["score"], updated["comment"]) == (3, "Livraison en retard")
    store.delete_answer(second)
    assert [a["id"] for a in store.answers_of(clients["C1"])] == [first]
    log = audit(database, "survey_answer")
    assert [(entity_id, action) for entity_id, action, _ in log] == [
        (first, "create"),
        (second, "create"),
        (first + 2, "create"),
        (first, "update"),
        (second, "delete"),
    ]
    assert log[3][2] == {"score": [5, 3], "comment": ["Très bien", "Livraison en retard"]}
    assert log[4][2]["score"] == [9, None]


def test_a_wrong_answer_is_refused_with_french_reasons(database, store, clients, contacts):
    with pytest.raises(ValidationError) as caught:
        store.add_answer(clients["C1"], "31/02/2026", "csat", 6)
    assert caught.value.problems == {
        "date": "date impossible « 31/02/2026 »",
        "note": "note 6 hors de l'échelle CSAT (1 à 5)",
    }
    with pytest.raises(ValidationError) as caught:
        store.add_answer(9999, (dt.date.today() + dt.timedelta(days=1)).isoformat(), "CSI", 1)
    assert set(caught.value.problems) == {"client", "date", "indicateur"}
    assert "futur" in caught.value.problems["date"] and "inconnu" in caught.value.problems["indicateur"]
    contacts.trash(clients["C2"])
    with pytest.raises(ValidationError) as caught:
        store.add_answer(clients["C2"], "2026-01-05", "csat", 5)
    assert caught.value.problems == {"client": "introuvable (ou dans la corbeille)"}
    with pytest.raises(ValidationError):
        store.update_answer(store.add_answer(clients["C1"], "2026-01-05", "nps", 10), score=11)
    with pytest.raises(CrmError, match="n'existe plus"):
        store.delete_answer(424242)
    assert database.scalar("SELECT count(*) FROM survey_answers") == 1


def test_the_schema_refuses_off_scale_scores_and_negative_counts(database):
    with pytest.raises(sqlite3.IntegrityError):
        database.conn.execute("INSERT INTO survey_answers(date, indicator, score) VALUES ('2026-01-01', 'ces', 8)")
    with pytest.raises(sqlite3.IntegrityError):
        database.conn.execute("INSERT INTO web_stats VALUES ('2026', -1, 0, 0, 0, 0, '')")
    with pytest.raises(sqlite3.IntegrityError):
        database.conn.execute("INSERT INTO web_stats VALUES ('2026-X', 1, 0, 0, 0, 0, '')")
    with pytest.raises(sqlite3.IntegrityError):
        database.conn.execute("INSERT INTO social_stats VALUES ('2026', 'Facebook', -1, 1, 0, 0, NULL, NULL, '')")


@pytest.mark.file_only(
    "a server's integer columns round a fraction when it is written, before any check sees it; "
    "crmdesk never writes one: the domain refuses it first (test_fractional_counts_are_refused_before_writing)"
)
def test_the_file_refuses_a_fractional_count(database):
    with pytest.raises(sqlite3.IntegrityError):
        database.conn.execute("INSERT INTO social_stats VALUES ('2026', 'Facebook', 1, 1.5, 0, 0, NULL, NULL, '')")


def test_fractional_counts_are_refused_before_writing(database, store):
    with pytest.raises(ValidationError, match="nombre entier attendu"):
        store.set_social(
            {"period": "2026", "network": "Facebook", "reach": 1, "likes": 1.5, "comments": 0, "shares": 0}
        )
    assert store.social_rows() == []


# -- satisfaction over a period ------------------------------------------------------------------


def test_satisfaction_over_a_period(store, clients):
    c1, c2 = clients["C1"], clients["C2"]
    for day, indicator, score in [
        ("2026-01-01", "csat", 5),
        ("2026-01-15", "csat", 4),
        ("2026-01-31", "csat", 2),
        ("2026-02-01", "csat", 1),  # outside January
        ("2026-01-10", "nps", 10),
        ("2026-01-11", "nps", 9),
        ("2026-01-12", "nps", 8),
        ("2026-01-13", "nps", 7),
        ("2026-01-14", "nps", 6),
        ("2026-01-16", "nps", 0),
        ("2026-01-20", "ces", 2),
        ("2026-01-21", "ces", 5),
    ]:
        store.add_answer(c1 if score % 2 else c2, day, indicator, score)
    january = store.satisfaction(D(2026, 1, 1), D(2026, 1, 31))
    assert round(january["csat"], 1) == 66.7
    assert january["nps"].nps == 0 and january["nps"].answers == 6
    assert (january["ces"].mean, january["ces"].easy_share) == (3.5, 50.0)
    assert january["answers"] == {"csat": 3, "nps": 6, "ces": 2}
    assert store.satisfaction("2026-02-01", "2026-02-28")["csat"] == 0.0
    empty = store.satisfaction("2025-01-01", "2025-12-31")
    assert (empty["csat"], empty["nps"], empty["ces"]) == (None, None, None)
    months = store.satisfaction_series(series("month", D(2026, 2, 10), 3))
    assert [m["period"].label for m in months] == ["décembre 2025", "janvier 2026", "février 2026"]
    assert [m["answers"]["csat"] for m in months] == [0, 3, 1]
    assert store.satisfaction_series([bounds("year", D(2026, 1, 1))])[0]["answers"]["nps"] == 6


@pytest.mark.file_only("SQLite's query plan (EXPLAIN QUERY PLAN): which index SQLite picks; a server plans alone")
def test_satisfaction_is_one_covering_index_scan_per_indicator(database, store):
    plan = " ".join(
        r["detail"]
        for r in database.query(
            "EXPLAIN QUERY PLAN SELECT score, count(*) FROM survey_answers WHERE indicator = ? "
            "AND date BETWEEN ? AND ? GROUP BY score",
            ("csat", "2026-01-01", "2026-01-31"),
        )
    )
    assert "COVERING INDEX survey_answers_by_date" in plan
    assert "answers" in store.satisfaction("2026-01-01", "2026-01-31")


def test_answers_survive_the_erasure_of_their_client(database, store, clients):
    store.add_answer(clients["C1"], "2026-01-05", "csat", 5)
    with database.atomic() as conn:
        conn.execute("DELETE FROM contacts WHERE id = ?", (clients["C1"],))
    assert store.satisfaction("2026-01-01", "2026-01-31")["csat"] == 100.0
    (orphan,) = database.query("SELECT id FROM survey_answers")
    with pytest.raises(CrmError, match="ne se modifie plus"):
        store.update_answer(orphan["id"], score=4)


# -- thresholds --------------------------------------------------------------------------------


def test_thresholds_merge_over_the_defaults(database, store):
    assert store.thresholds() == rules.DEFAULT_THRESHOLDS
    changed = store.set_thresholds({"csat": "85", "engagement.Instagram": 2.5})
    assert changed["csat"] == 85.0 and changed["nps"] == 30.0 and changed["engagement.instagram"] == 2.5
    store.set_thresholds({"nps": None})  # no NPS threshold; csat is kept
    assert store.thresholds()["csat"] == 85.0 and store.thresholds()["nps"] is None
    assert json.loads(database.scalar("SELECT value FROM settings WHERE key = ?", (THRESHOLDS_KEY,))) == {
        "csat": 85.0,
        "engagement.instagram": 2.5,
        "nps": None,
    }
    assert audit(database, "setting")[-1][2][THRESHOLDS_KEY][1]["nps"] is None
    assert store.reset_thresholds() == rules.DEFAULT_THRESHOLDS


def test_wrong_thresholds_change_nothing(store):
    store.set_thresholds({"csat": 90})
    with pytest.raises(ValidationError) as caught:
        store.set_thresholds({"csat": 70, "ces": 9, "nps": 150})
    assert caught.value.problems == {"ces": "9 hors des bornes (1 à 7)", "nps": "150 hors des bornes (−100 à 100)"}
    assert store.thresholds()["csat"] == 90.0


def test_a_hand_edited_threshold_setting_falls_back_to_defaults(store):
    store.settings.set(THRESHOLDS_KEY, {"csat": "beaucoup", "nps": 40})
    assert store.thresholds()["csat"] == 80.0 and store.thresholds()["nps"] == 40.0
    store.settings.set(THRESHOLDS_KEY, "pas un objet")
    assert store.thresholds() == rules.DEFAULT_THRESHOLDS


# -- web and social figures ---------------------------------------------------------------------


def test_web_figures_give_back_domain_worked_answers(database, store):
    for period, *counts in FAUR:
        assert store.set_web(rules.WebRow(period, *counts)) == "inserted"
    report = store.web_indicators()
    assert [round(i.transformation_rate) for i in report.items] == [50, 47, 34]
    assert [round(i.conversion_rate, 1) for i in report.items] == [8.0, 6.8, 7.4]
    assert [round(i.abandonment_rate, 1) for i in report.items] == [68.0, 67.3, 52.3]
    assert [i.revenue_cents // 100 for i in report.items] == [5680, 9280, 14800]
    assert [round(i.evolution["visitors"]) for i in report.items[1:]] == [70, 18]
    assert report.overall.changes["visitors"] == 100.0
    assert [r.period for r in store.web_rows()] == ["2019", "2020", "2021"]


def test_web_upsert_delete_and_audit(database, store):
    row = {
        "period": "2026-q1",
        "visitors": "1 700",
        "product_views": 750,
        "add_to_cart": 355,
        "purchases": 116,
        "average_basket_cents": 8000,
    }
    assert store.set_web(row) == "inserted"
    assert store.set_web(row) == "unchanged"
    assert store.set_web({**row, "period": "2026-T1", "visitors": 1800}) == "updated"
    assert store.web_rows() == [rules.WebRow("2026-T1", 1800, 750, 355, 116, 8000)]
    assert database.scalar("SELECT count(*) FROM web_stats") == 1
    with pytest.raises(ValidationError) as caught:
        store.set_web({**row, "purchases": -2})
    assert caught.value.problems == {"achats": "nombre négatif « -2 »"}
    assert store.delete_web("2026-Q1") is True and store.delete_web("2026-T1") is False
    assert store.web_rows() == []
    log = audit(database, "web_stats")
    assert [action for _, action, _ in log] == ["create", "update", "delete"]
    assert log[1][2] == {"period": ["2026-T1", "2026-T1"], "visitors": [1700, 1800]}


def test_social_figures_both_networks(database, store):
    assert (
        store.set_social(
            {
                "period": "2021",
                "network": "facebook",
                "reach": 4560,
                "likes": 34,
                "comments": 20,
                "shares": 11,
                "reach_objective": 5000,
                "likes_objective": 40,
            }
        )
        == "inserted"
    )
    assert store.set_social(rules.SocialRow("2021", "Twitter", 1420, 5, 4, 2, 2500, 10)) == "inserted"
    assert store.set_social(rules.SocialRow("2021", "TWITTER", 1420, 5, 4, 2, 2500, 10)) == "unchanged"
    facebook, twitter = store.social_indicators()
    assert (
        facebook.network,
        round(facebook.engagement_rate, 2),
        round(facebook.reach_vs_objective, 1),
        round(facebook.like_rate, 2),
        round(facebook.like_objective_rate, 2),
        facebook.likes_vs_objective,
    ) == ("Facebook", 1.43, 91.2, 0.75, 0.8, 85.0)
    assert (
        round(twitter.engagement_rate, 2),
        twitter.reach_vs_objective,
        round(twitter.like_rate, 2),
        twitter.like_objective_rate,
        twitter.likes_vs_objective,
    ) == (0.77, 56.8, 0.35, 0.4, 50.0)
    assert store.set_social(rules.SocialRow("2021", "Mastodon", 10, 1, 0, 0)) == "inserted"
    assert store.set_social(rules.SocialRow("2021", "mastodon", 12, 1, 0, 0)) == "updated"  # one row per network
    assert database.scalar("SELECT count(*) FROM social_stats") == 3
    assert store.delete_social("2021", "MASTODON") is True
    assert [r.network for r in store.social_rows()] == ["Facebook", "Twitter"]
    assert [action for _, action, _ in audit(database, "social_stats")] == [
        "create",
        "create",
        "create",
        "update",
        "delete",
    ]
