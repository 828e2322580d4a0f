"""Retention: the day a record was created (an import) is not a contact; it
counts only for a record that has no other date."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from crmdesk.cli.main import main
from crmdesk.domain import retention
from crmdesk.store import gdpr
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)


def test_a_prospect_imported_today_is_judged_on_its_last_contact(database, contacts):
    ids = {
        code: contacts.create({"code": code, "last_name": f"Nom {code}", **values})
        for code, values in (
            ("LEGACY", {"first_contact": "2021-03-15"}),  # imported today, last seen in 2021
            ("CALLED", {"last_contact": "2021-06-01", "first_contact": "2019-01-01"}),
            ("NEW", {}),  # typed today, no other date: kept
            ("OLD", {}),  # created in 2020, no other date: out
        )
    }
    database.conn.execute("UPDATE contacts SET created_at = ?", (f"{TODAY.isoformat()}T09:00:00",))
    database.conn.execute("UPDATE contacts SET created_at = '2020-02-02T10:00:00' WHERE id = ?", (ids["OLD"],))
    found = {c.code: c for c in gdpr.retention_candidates(database, TODAY)}
    assert sorted(found) == ["CALLED", "LEGACY", "OLD"]
    assert found["LEGACY"].reason_text() == "Prospect sans contact depuis le 15/03/2021"
    assert found["CALLED"].reason_text() == "Prospect sans contact depuis le 01/06/2021"
    assert found["OLD"].reason_text() == "Prospect sans contact depuis le 02/02/2020"


def test_the_domain_rule_agrees():
    row = {
        "id": 1,
        "code": "C1",
        "stage": "prospect",
        "first_contact": "2021-03-15",
        "created_at": "2026-11-23T09:00:00",
    }
    assert retention.last_activity(row) == dt.date(2021, 3, 15)
    assert retention.judge(row, TODAY, 3, 3).last_activity == dt.date(2021, 3, 15)
    assert retention.last_activity({"created_at": "2026-11-23T09:00:00"}) == TODAY
    assert retention.judge({**row, "first_contact": None}, TODAY, 3, 3) is None


def test_a_legacy_file_imported_now_is_listed_by_the_command(tmp_path, capsys):
    source = tmp_path / "ancien.csv"
    source.write_text("N° client;Nom;Date du premier contact\nA1;Lefèvre;15/03/2021\nA2;Garçon;\n", encoding="utf-8")
    db = tmp_path / "clients.sqlite"
    assert main(["import", "clients", str(source), "--db", str(db)]) == 0
    capsys.readouterr()
    today = dt.date.today()  # the import stamps the record with the real day
    assert main(["gdpr", "retention", "--db", str(db), "--format", "json", "--as-of", today.isoformat()]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["last_activity"]) for r in listed] == [("A1", "2021-03-15")]  # A2: only its import, kept
