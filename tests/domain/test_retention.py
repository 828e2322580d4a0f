"""Retention rules (3 years by default) and what an erasure keeps of a history."""

import datetime as dt

import pytest

from crmdesk.domain import retention
from crmdesk.domain.errors import CrmError
from tests.helpers.today import TODAY


def row(**values):
    return {"id": 1, "code": "C1", "name": "X", "stage": "prospect", **values}


def test_cutoff_three_years_back():
    assert retention.cutoff(TODAY, 3) == dt.date(2023, 11, 23)
    assert retention.cutoff(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)


def test_prospect_judged_on_its_latest_contact():
    assert retention.judge(row(last_contact="2023-11-23"), TODAY, 3, 3) is None
    found = retention.judge(row(last_contact="2023-11-22"), TODAY, 3, 3)
    assert found.reason == "no_contact" and found.last_activity == dt.date(2023, 11, 22)
    # a later interaction or first contact keeps a prospect
    assert retention.judge(row(last_contact="2020-01-01", last_interaction="2025-05-05T10:00"), TODAY, 3, 3) is None
    assert retention.judge(row(first_contact="2024-01-01"), TODAY, 3, 3) is None
    assert retention.judge(row(), TODAY, 3, 3).reason_text() == "Prospect sans contact"


def test_client_judged_on_its_last_purchase():
    client = row(stage="client", last_purchase="2023-06-02", last_contact="2026-10-01")
    assert retention.judge(client, TODAY, 3, 3).reason_text() == "Client sans achat depuis le 02/06/2023"
    assert retention.judge(client, TODAY, 3, 5) is None  # client duration of 5 years
    assert retention.judge({**client, "last_purchase": "2024-01-01"}, TODAY, 3, 3) is None
    # a client without any order: the prospect's dates, with the client duration
    assert retention.judge(row(stage="former", last_contact="2022-01-01"), TODAY, 1, 3).reason == "no_contact"


def test_keep_until_replaces_the_computed_end():
    assert retention.judge(row(last_contact="2010-01-01", retention_end="2026-11-23"), TODAY, 3, 3) is None
    found = retention.judge(row(last_contact="2026-11-01", retention_end="2026-11-22"), TODAY, 3, 3)
    assert found.reason_text() == "Conservation prévue jusqu'au 22/11/2026"


def test_check_years():
    assert retention.check_years("gdpr.client_years", 5) == 5
    for bad in (0, 31, "3", True, 2.5):
        with pytest.raises(CrmError, match="gdpr.client_years"):
            retention.check_years("gdpr.client_years", bad)


def test_scrub_keeps_the_shape_codes_and_dates():
    changes = {
        "last_name": ["REVEL", None],
        "stage": ["prospect", "client"],
        "amount_cents": [None, 12540],
        "date": [None, "2023-01-10"],
        "birth_date": [None, "1971-04-02"],
        "tags": [["Amie"], []],
        "fields": {"city": ["Nice", "Nice"]},
    }
    assert retention.scrub(changes) == {
        "last_name": ["[effacé]", None],
        "stage": ["prospect", "client"],
        "amount_cents": [None, 12540],
        "date": [None, "2023-01-10"],
        "birth_date": [None, "[effacé]"],
        "tags": [["[effacé]"], []],
        "fields": {"city": ["[effacé]", "[effacé]"]},
    }
    assert retention.anonymous_code(42) == "ANON-000042"
