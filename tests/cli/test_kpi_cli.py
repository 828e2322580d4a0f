"""crmdesk kpi: every indicator in one JSON document, on the worked examples of docs/domain/."""

import json

import pytest

from crmdesk.cli.main import main
from crmdesk.domain.indicators import SocialRow, WebRow
from crmdesk.store.contacts import ContactStore
from crmdesk.store.indicators import IndicatorStore
from crmdesk.store.orders import NewOrder, OrderStore
from tests.helpers.backend import handed_over, opened
from tests.helpers.today import TODAY


def kpi(capsys, *args):
    assert main(["kpi", *map(str, args), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


pytestmark = pytest.mark.both_kinds


@pytest.fixture
def sweetybio(sweetybio_db):
    path = sweetybio_db
    with opened(path) as database:
        store = IndicatorStore(database)
        # docs/domain/06-indicators.md: FAUR's web figures and its Facebook / Twitter post
        for row in (
            WebRow("2019", 1000, 500, 250, 80, 7100),
            WebRow("2020", 1700, 750, 355, 116, 8000),
            WebRow("2021", 2000, 920, 310, 148, 10000),
        ):
            store.set_web(row)
        store.set_social(SocialRow("2021", "Facebook", 4560, 34, 20, 11, 5000, 40))
        store.set_social(SocialRow("2021", "Twitter", 1420, 5, 4, 2, 2500, 10))
    return path


def test_status_shares_reproduce_domain_section_3(sweetybio, capsys):
    doc = kpi(capsys, "--db", sweetybio, "--to", TODAY)
    assert set(doc) == {
        "period",
        "figures_as_of",
        "status",
        "rfm",
        "revenue",
        "complaints",
        "satisfaction",
        "retention",
        "digital",
        "social",
    }
    assert doc["figures_as_of"] == "2026-11-23"
    shares = {
        row["status"]: (row["clients"], row["revenue"], row["volume_share"], row["value_share"])
        for row in doc["status"]
        if row["status"]
    }
    assert shares == {
        "premium": (39, 568260.0, 9.75, 21.0),
        "actif": (196, 1677720.0, 49.0, 62.0),
        "standard": (113, 270600.0, 28.25, 10.0),
        "occasionnel": (52, 189420.0, 13.0, 7.0),
    }
    assert doc["period"] == {"from": "2026-01-01", "to": "2026-11-23"}
    assert len(doc["rfm"]["rf_matrix"]) == 25
    assert sum(s["clients"] for s in doc["rfm"]["segments"]) == sum(c["clients"] for c in doc["rfm"]["rf_matrix"])
    assert doc["complaints"]["complaints"] == sum(m["total"] for m in doc["complaints"]["by_month"])


def test_digital_and_social_reproduce_domain_section_9(sweetybio, capsys):
    doc = kpi(capsys, "--db", sweetybio, "--from", "2019-01-01", "--to", "2021-12-31")
    web = {row["period"]: row for row in doc["digital"]}
    assert [web[y]["conversion_rate"] for y in ("2019", "2020", "2021")] == [8.0, 6.82, 7.4]
    assert [web[y]["abandonment_rate"] for y in ("2019", "2020", "2021")] == [68.0, 67.32, 52.26]
    assert [web[y]["revenue"] for y in ("2019", "2020", "2021")] == [5680.0, 9280.0, 14800.0]
    assert web["2019"]["lost_carts"] == 170 and web["2019"]["product_view_rate"] == 50.0
    assert web["2020"]["evolution"]["visitors"] == 70.0 and web["2021"]["evolution"]["visitors"] == 17.65
    social = {row["network"]: row for row in doc["social"]}
    assert (social["Facebook"]["engaged"], social["Facebook"]["engagement_rate"]) == (65, 1.43)
    assert social["Facebook"]["reach_vs_objective"] == 91.2 and social["Facebook"]["likes_vs_objective"] == 85.0
    assert (social["Twitter"]["engagement_rate"], social["Twitter"]["reach_vs_objective"]) == (0.77, 56.8)
    # 2026 keeps the demo's own quarters only, each compared with the same quarter of 2025
    web_2026 = kpi(capsys, "--db", sweetybio, "--from", "2026-01-01", "--to", "2026-11-23")["digital"]
    assert [(row["period"], row["compared_with"]) for row in web_2026] == [
        (f"2026-T{q}", f"2025-T{q}") for q in range(1, 5)
    ]


def test_retention_counts_clients_of_the_previous_period(database, capsys):
    contacts, orders = ContactStore(database), OrderStore(database)
    ids = {name: contacts.create({"last_name": name, "stage": "client"}) for name in ("KEPT", "LOST", "NEW")}
    for name, day in (
        ("KEPT", "2025-05-02"),
        ("KEPT", "2026-03-01"),
        ("LOST", "2025-09-09"),
        ("NEW", "2026-02-01"),
    ):
        orders.create(NewOrder(contact_id=ids[name], date=day, amount_cents=1000), today=TODAY)
    doc = kpi(capsys, "--db", handed_over(database), "--from", "2026-01-01", "--to", "2026-12-31")
    retention = doc["retention"]
    assert retention["previous_period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert (retention["at_start"], retention["retained"], retention["lost"]) == (2, 1, 1)
    assert (retention["retention"], retention["attrition"]) == (50.0, 50.0)


def test_text_summary_and_bad_period(sweetybio, capsys):
    assert main(["kpi", "--db", str(sweetybio), "--to", "2026-11-23"]) == 0
    text = capsys.readouterr().out
    assert "Premium                 39 clients (9,75 %)" in text and "Rétention" in text
    assert main(["kpi", "--db", str(sweetybio), "--from", "2026-12-01", "--to", "2026-11-23"]) == 1
    assert "--from (01/12/2026) est après --to (23/11/2026)" in capsys.readouterr().err
