"""Satisfaction and digital indicators: docs/domain/06-indicators.md worked figures (docs/domain/06-indicators.md)."""

import datetime as dt

import pytest

from crmdesk.domain import indicators as ind
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.periods import Period

# docs/domain/06-indicators.md (FAUR): visitors, product page views, add to cart, purchases, average basket €
FAUR = {
    "2019": (1000, 500, 250, 80, 71),
    "2020": (1700, 750, 355, 116, 80),
    "2021": (2000, 920, 310, 148, 100),
}


def faur_rows():
    return [ind.WebRow(period, *counts[:4], average_basket_cents=counts[4] * 100) for period, counts in FAUR.items()]


def r(value, digits=1):
    return None if value is None else round(value, digits)


# -- satisfaction --------------------------------------------------------------------------


def test_csat_is_the_share_of_4_and_5():
    assert ind.csat([5, 4, 3, 2]) == 50.0
    assert ind.csat([5, 5, 5]) == 100.0
    assert r(ind.csat([1, 2, 4])) == 33.3
    assert ind.csat([]) is None
    assert ind.csat({5: 3, 1: 1, 3: 0}) == 75.0  # counts per score, as SQL gives them


def test_nps_promoters_minus_detractors():
    result = ind.nps([10, 9, 8, 7, 6, 0])
    assert (r(result.promoters), r(result.passives), r(result.detractors)) == (33.3, 33.3, 33.3)
    assert result.nps == 0 and result.answers == 6
    assert ind.nps([10, 10, 10, 9]).nps == 100
    assert ind.nps([0, 6, 3]).nps == -100
    assert ind.nps([10, 9, 9, 8, 2]).nps == 40.0  # 60 % − 20 %
    assert ind.nps({7: 2, 8: 2}) == ind.Nps(0.0, 100.0, 0.0, 0.0, 4)
    assert ind.nps([]) is None


def test_ces_mean_effort_and_easy_share():
    result = ind.ces([1, 2, 3, 7])
    assert (result.mean, result.easy_share, result.answers) == (3.25, 75.0, 4)
    assert ind.ces({6: 1, 7: 1}).easy_share == 0.0
    assert ind.ces([]) is None


@pytest.mark.parametrize(
    "function,scores,message",
    [
        (ind.csat, [6], "note 6 hors de l'échelle CSAT (1 à 5)"),
        (ind.csat, [0], "note 0 hors de l'échelle CSAT (1 à 5)"),
        (ind.nps, [11], "note 11 hors de l'échelle NPS (0 à 10)"),
        (ind.ces, [8], "note 8 hors de l'échelle CES (1 à 7)"),
        (ind.csat, [4.5], "note non entière « 4.5 »"),
    ],
)
def test_scores_off_the_scale_are_refused(function, scores, message):
    with pytest.raises(CrmError) as caught:
        function(scores)
    assert str(caught.value) == message


def test_typed_indicators_and_scores():
    assert [ind.normalize_indicator(t) for t in ("CSAT", " nps ", "Ces", "Satisfaction", "effort")] == [
        "csat",
        "nps",
        "ces",
        "csat",
        "ces",
    ]
    with pytest.raises(CrmError, match="indicateur inconnu « CSI » \\(attendu : csat, nps ou ces\\)"):
        ind.normalize_indicator("CSI")
    assert ind.parse_score("nps", " 10 ") == 10
    with pytest.raises(CrmError, match="note non entière « 4,5 »"):
        ind.parse_score("csat", "4,5")
    with pytest.raises(CrmError, match="note 11 hors de l'échelle NPS"):
        ind.parse_score("nps", "11")
    with pytest.raises(CrmError, match="note manquante"):
        ind.parse_score("ces", "")


def test_retention_and_attrition():
    assert ind.retention(200, 150) == (75.0, 25.0)
    kept, lost = ind.retention(3, 1)
    assert r(kept) == 33.3 and r(lost) == 66.7 and kept + lost == pytest.approx(100)
    assert ind.retention(10, 10) == (100.0, 0.0)
    assert ind.retention(0, 0) is None
    with pytest.raises(ValueError):
        ind.retention(5, 6)


# -- digital: docs/domain/06-indicators.md table ---------------------------------------------------------------


def test_web_rates_reproduce_domain():
    items = ind.web_report(faur_rows()).items
    assert [i.period for i in items] == ["2019", "2020", "2021"]
    assert [round(i.product_view_rate) for i in items] == [50, 44, 46]  # seed: 50 %, 44,12 %, 46 %
    assert [r(i.product_view_rate, 2) for i in items] == [50.0, 44.12, 46.0]
    assert [r(i.cart_rate, 2) for i in items] == [25.0, 20.88, 15.5]  # seed: 25 %, 20,88 %, 15,5 %
    assert [round(i.transformation_rate) for i in items] == [50, 47, 34]
    assert [r(i.conversion_rate) for i in items] == [8.0, 6.8, 7.4]
    assert [i.lost_carts for i in items] == [170, 239, 162]
    assert [r(i.abandonment_rate) for i in items] == [68.0, 67.3, 52.3]
    assert [i.revenue_cents for i in items] == [568_000, 928_000, 1_480_000]  # 5 680, 9 280, 14 800 €
    assert [i.average_basket_cents for i in items] == [7100, 8000, 10000]


def test_web_evolutions_year_on_year_and_last_against_first():
    report = ind.web_report(list(reversed(faur_rows())))  # the order of the rows does not matter
    first, second, third = report.items
    assert first.previous is None and first.evolution is None
    assert second.previous == "2019" and third.previous == "2020"
    assert round(second.evolution["visitors"]) == 70 and round(third.evolution["visitors"]) == 18
    assert r(third.evolution["visitors"]) == 17.6
    assert round(second.evolution["average_basket_cents"]) == 13  # seed: + 13 %
    assert round(third.evolution["average_basket_cents"]) == 25  # seed: + 25 %
    assert r(second.evolution["revenue_cents"]) == 63.4  # seed rounds it to « + 64 % »
    assert r(third.evolution["revenue_cents"]) == 59.5  # seed: « + 60 % »
    assert (second.evolution["product_views"], second.evolution["add_to_cart"], second.evolution["purchases"]) == (
        50.0,
        42.0,
        45.0,
    )
    assert (report.overall.first, report.overall.last) == ("2019", "2021")
    assert report.overall.changes["visitors"] == 100.0  # 2021/2019 + 100 %
    assert round(report.overall.changes["average_basket_cents"]) == 41  # seed: + 41 %
    assert round(report.overall.changes["revenue_cents"]) == 161  # seed: « + 160 % »
    assert report.get("2020") is second


def test_evolution_needs_the_row_one_year_earlier():
    rows = faur_rows()
    report = ind.web_report([rows[0], rows[2]])  # no 2020: 2021 has no year-on-year figure
    assert report.items[1].previous is None and report.items[1].evolution is None
    assert report.overall.changes["visitors"] == 100.0
    months = ind.web_report(
        [
            ind.WebRow("2025-03", 100, 0, 0, 0, 0),
            ind.WebRow("2026-03", 150, 0, 0, 0, 0),
            ind.WebRow("2026-02", 90, 0, 0, 0, 0),
        ]
    )
    assert [i.period for i in months.items] == ["2025-03", "2026-02", "2026-03"]
    assert months.items[2].evolution["visitors"] == 50.0
    assert months.items[2].evolution["purchases"] is None  # 0 the year before
    assert ind.web_report([rows[0]]).overall is None and ind.web_report([]).items == []


def test_zero_visitors_gives_no_rate_rather_than_an_error():
    item = ind.derive_web(ind.WebRow("2026-01", 0, 0, 0, 0, 0))
    assert item.conversion_rate is None and item.abandonment_rate is None and item.revenue_cents == 0


def test_web_rows_are_checked_without_over_constraining():
    row = ind.make_web_row(
        {
            "period": "2026-q1",
            "visitors": "1 700",
            "product_views": 2000,
            "add_to_cart": 5,
            "purchases": 9,
            "average_basket_cents": 7150,
        }
    )
    assert row == ind.WebRow("2026-T1", 1700, 2000, 5, 9, 7150)  # odd figures are kept
    with pytest.raises(ValidationError) as caught:
        ind.make_web_row(
            {"period": "2026-13", "visitors": -1, "product_views": "12,5", "add_to_cart": 1, "purchases": 1}
        )
    assert caught.value.problems == {
        "période": "mois impossible « 2026-13 » (01 à 12)",
        "visiteurs": "nombre négatif « -1 »",
        "pages produit vues": "nombre entier attendu, pas « 12,5 »",
        "panier moyen": "valeur manquante",
    }


def test_parse_count_reads_french_thousands():
    assert [ind.parse_count(t) for t in ("1 700", "1\u00a0700", "1\u202f700", "1700", "0")] == [
        1700,
        1700,
        1700,
        1700,
        0,
    ]
    for text, message in (
        ("-3", "nombre négatif « -3 »"),
        ("1,5", "nombre entier attendu, pas « 1,5 »"),
        ("", "valeur manquante"),
        ("abc", "nombre entier attendu, pas « abc »"),
    ):
        with pytest.raises(CrmError) as caught:
            ind.parse_count(text)
        assert str(caught.value) == message


# -- social (docs/domain/06-indicators.md) ---------------------------------------------------------------------


def test_facebook_engagement_and_objectives():
    item = ind.derive_social(ind.SocialRow("2021", "Facebook", 4560, 34, 20, 11, 5000, 40))
    assert item.engaged == 65
    assert r(item.engagement_rate, 2) == 1.43  # 65 / 4 560
    assert r(item.reach_vs_objective) == 91.2  # 4 560 / 5 000
    assert r(item.like_rate, 2) == 0.75  # 34 / 4 560
    assert r(item.like_objective_rate, 2) == 0.8  # 40 / 5 000
    assert r(item.likes_vs_objective) == 85.0  # 34 / 40


def test_twitter_engagement_and_objectives():
    item = ind.derive_social(ind.SocialRow("2021", "Twitter", 1420, 5, 4, 2, 2500, 10))
    assert item.engaged == 11
    assert r(item.engagement_rate, 2) == 0.77  # 11 / 1 420
    assert r(item.reach_vs_objective) == 56.8
    assert r(item.like_rate, 2) == 0.35 and r(item.like_objective_rate, 2) == 0.4
    assert r(item.likes_vs_objective) == 50.0
    assert (
        ind.judge(
            "engagement",
            item.engagement_rate,
            {"engagement": ind.engagement_threshold(ind.DEFAULT_THRESHOLDS, "Twitter")},
        )
        == "above"
    )


def test_social_rows_without_objectives_and_ordering():
    row = ind.make_social_row(
        {
            "period": "2021",
            "network": " linkedin ",
            "reach": "1 000",
            "likes": 0,
            "comments": 0,
            "shares": 0,
            "reach_objective": "",
            "likes_objective": None,
        }
    )
    assert row == ind.SocialRow("2021", "LinkedIn", 1000, 0, 0, 0, None, None)
    item = ind.derive_social(row)
    assert item.reach_vs_objective is None and item.like_objective_rate is None and item.likes_vs_objective is None
    report = ind.social_report(
        [ind.SocialRow("2021", "Twitter", 1, 0, 0, 0), row, ind.SocialRow("2020", "Twitter", 1, 0, 0, 0)]
    )
    assert [(i.period, i.network) for i in report] == [("2020", "Twitter"), ("2021", "LinkedIn"), ("2021", "Twitter")]
    with pytest.raises(ValidationError) as caught:
        ind.make_social_row({"period": "2021", "network": "", "reach": 1, "likes": 1, "comments": 1, "shares": 1})
    assert caught.value.problems == {"réseau": "réseau manquant"}


# -- periods --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,parsed,canonical,label",
    [
        ("2019", ("year", 2019, 0), "2019", "2019"),
        ("2026-03", ("month", 2026, 3), "2026-03", "mars 2026"),
        ("03/2026", ("month", 2026, 3), "2026-03", "mars 2026"),
        ("Mars 2026", ("month", 2026, 3), "2026-03", "mars 2026"),
        ("févr. 2026", ("month", 2026, 2), "2026-02", "février 2026"),
        ("2026-T1", ("quarter", 2026, 1), "2026-T1", "T1 2026"),
        ("2026-Q4", ("quarter", 2026, 4), "2026-T4", "T4 2026"),
        ("t2 2026", ("quarter", 2026, 2), "2026-T2", "T2 2026"),
    ],
)
def test_periods_typed_by_the_user(text, parsed, canonical, label):
    assert ind.parse_period(text) == parsed
    assert ind.normalize_period(text) == canonical
    assert ind.period_label(text) == label


@pytest.mark.parametrize(
    "text,message",
    [
        ("2026-13", "mois impossible « 2026-13 » (01 à 12)"),
        ("2026-T5", "trimestre impossible « 2026-T5 » (T1 à T4)"),
        ("19", "période illisible « 19 » : écrivez 2026 (année), 2026-03 (mois) ou 2026-T1 (trimestre)"),
        (
            "2026-03-01",
            "période illisible « 2026-03-01 » : écrivez 2026 (année), 2026-03 (mois) ou 2026-T1 (trimestre)",
        ),
        (
            "brumaire 2026",
            "période illisible « brumaire 2026 » : écrivez 2026 (année), 2026-03 (mois) ou 2026-T1 (trimestre)",
        ),
        ("", "période manquante : écrivez 2026 (année), 2026-03 (mois) ou 2026-T1 (trimestre)"),
        ("0999", "année invraisemblable dans « 0999 »"),
    ],
)
def test_unreadable_periods_are_explained_in_french(text, message):
    with pytest.raises(CrmError) as caught:
        ind.parse_period(text)
    assert str(caught.value) == message


def test_period_order_year_before_and_bounds():
    typed = ["2026-02", "2026", "2025-T4", "2026-T1", "2026-01", "2025"]
    assert sorted(typed, key=ind.period_sort_key) == ["2025", "2025-T4", "2026", "2026-T1", "2026-01", "2026-02"]
    assert [ind.year_before(p) for p in ("2020", "2026-03", "2026-Q1")] == ["2019", "2025-03", "2025-T1"]
    assert ind.period_bounds("2026-T1") == Period("quarter", dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert ind.period_bounds("2028-02").end == dt.date(2028, 2, 29)
    assert ind.period_text("month", 2026, 3) == "2026-03"


# -- thresholds and trends -----------------------------------------------------------------------


def test_against_a_threshold():
    assert ind.against(85, 80) == "above"
    assert ind.against(75, 80) == "below"
    assert ind.against(80.0, 80) == "equal"
    assert ind.against(2.5, 3.0, higher_is_better=False) == "above"  # CES: less effort is better
    assert ind.against(3.5, 3.0, higher_is_better=False) == "below"
    assert ind.against(None, 80) is None and ind.against(80, None) is None
    assert ind.judge("ces", 2.0) == "above" and ind.judge("abandonment", 68.0) == "above"
    assert ind.judge("nps", 0.0) == "below" and ind.judge("csat", 80.0) == "equal"


def test_default_thresholds_and_engagement_per_network():
    defaults = ind.DEFAULT_THRESHOLDS
    assert (defaults["csat"], defaults["nps"], defaults["ces"]) == (80.0, 30.0, 3.0)
    assert ind.engagement_threshold(defaults, "Facebook") == 1.0  # docs/domain/06-indicators.md: 1 % on Facebook
    assert ind.engagement_threshold(defaults, "twitter") == 0.5  # docs/domain/06-indicators.md: 0.5 % to 0.9 %
    assert ind.engagement_threshold(defaults, "Instagram") == 1.0  # the general one
    assert ind.engagement_threshold({**defaults, "engagement.facebook": None}, "Facebook") is None
    facebook = ind.derive_social(ind.SocialRow("2021", "Facebook", 4560, 34, 20, 11, 5000, 40))
    assert ind.against(facebook.engagement_rate, ind.engagement_threshold(defaults, "Facebook")) == "above"


def test_thresholds_are_validated_in_french():
    assert ind.validate_thresholds(
        {"csat": "85,5", "nps": -20, "ces": 2, "engagement.Facebook": 1.2, "retention": None, "conversion": ""}
    ) == {"csat": 85.5, "nps": -20.0, "ces": 2.0, "engagement.facebook": 1.2, "retention": None, "conversion": None}
    with pytest.raises(ValidationError) as caught:
        ind.validate_thresholds(
            {"csat": 120, "nps": -101, "ces": 0.5, "vitesse": 3, "abandonment": "beaucoup", "engagement": True}
        )
    assert caught.value.problems == {
        "csat": "120 hors des bornes (0 à 100)",
        "nps": "−101 hors des bornes (−100 à 100)",
        "ces": "0,5 hors des bornes (1 à 7)",
        "vitesse": "seuil inconnu",
        "abandonment": "nombre attendu, pas « beaucoup »",
        "engagement": "nombre attendu",
    }


def test_merge_keeps_the_defaults_under_valid_stored_values():
    merged = ind.merge_thresholds({"csat": 90, "nps": "n'importe quoi", "engagement.instagram": 2})
    assert merged["csat"] == 90.0 and merged["nps"] == 30.0 and merged["engagement.instagram"] == 2.0
    assert ind.merge_thresholds(None) == ind.DEFAULT_THRESHOLDS
    assert ind.merge_thresholds("abîmé") == ind.DEFAULT_THRESHOLDS


def test_trend_in_points_and_in_percent():
    points = [("2019", 8.0), ("2020", 6.8), ("2021", None), ("2022", 7.4), ("2023", 7.4)]
    changes = [p.change for p in ind.trend(points)]
    assert changes[0] is None and r(changes[1]) == -1.2 and changes[2] is None and changes[3] is None
    assert changes[4] == 0.0
    visitors = ind.trend([("2019", 1000), ("2020", 1700), ("2021", 2000)], relative=True)
    assert [r(p.change) for p in visitors] == [None, 70.0, 17.6]
    assert [p.label for p in visitors] == ["2019", "2020", "2021"] and visitors[1].value == 1700
    assert ind.trend([]) == []
    assert ind.evolution(0, 5) is None and ind.evolution(None, 5) is None and ind.evolution(4, 5) == 25.0
