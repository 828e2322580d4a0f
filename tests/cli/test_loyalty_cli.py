"""crmdesk loyalty balance|earn|expire|rebate|profit and crmdesk reps, in-process.

The commands are registered on a parser of their own, as crmdesk.cli.main
registers them (register(commands, formatter), then run(args))."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from crmdesk.store.contacts import ContactStore
from crmdesk.store.loyalty import LoyaltyStore
from crmdesk.store.orders import NewOrder, OrderStore
from tests.helpers.backend import handed_over, opened
from tests.helpers.cli import cli
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def path(database):
    """BIG (12 540 € in 2026, a card), SMALL (4 000 €), referred by BIG; one rep."""
    rep = database.conn.execute(
        "INSERT INTO reps(code, name, kind) VALUES ('MB', 'Maryse Brun', 'ambassador')"
    ).lastrowid
    contacts, orders = ContactStore(database), OrderStore(database)
    big = contacts.create({"code": "BIG", "last_name": "Grand", "stage": "client", "rep_id": rep})
    small = contacts.create({"code": "SMALL", "last_name": "Petit", "stage": "client", "referred_by": big})
    for contact_id, day, cents, ref in (
        (big, "2025-01-15", 4_000, "A0"),
        (big, "2026-02-01", 700_000, "A1"),
        (big, "2026-09-01", 554_000, "A2"),
        (small, "2026-03-01", 400_000, "B1"),
    ):
        orders.create(NewOrder(contact_id=contact_id, date=day, amount_cents=cents, ref=ref), today=TODAY)
    LoyaltyStore(database).issue_card(big, dt.date(2025, 1, 1))
    return handed_over(database)


def test_earn_then_balance(path, capsys):
    assert cli("loyalty", "earn", "--db", path, "--as-of", "2026-11-23") == 0
    assert capsys.readouterr().err == "4 commandes créditées (16\u202f580 points), 1 parrainage récompensé.\n"
    assert cli("loyalty", "earn", "--db", path, "--as-of", "2026-11-23") == 0
    assert "0 commande créditée" in capsys.readouterr().err
    assert cli("loyalty", "balance", "--db", path, "--client", "BIG", "--as-of", "23/11/2026", "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    # 40 points of 15/01/2025 lapsed on 31/01/2026; 7 000 + 5 540 + 100 for the referral
    assert (doc["points"], doc["next_expiry"], doc["expiring_points"]) == (12_640, "2027-02-28", 7_000)
    assert doc["card"] == {"number": "FID-BIG", "valid_from": "2025-01-01", "valid_until": "2025-12-31"}
    assert cli("loyalty", "balance", "--db", path, "--client", "BIG", "--as-of", "2026-11-23") == 0
    text = capsys.readouterr().out
    assert "12\u202f640 points" in text and "7\u202f000 points le 28/02/2027" in text and "expirée" in text


def test_expire_is_idempotent(path, capsys):
    cli("loyalty", "earn", "--db", path, "--as-of", "2026-11-23")
    capsys.readouterr()
    assert cli("loyalty", "expire", "--db", path, "--as-of", "2026-11-23") == 0
    assert capsys.readouterr().err == "40 points expirés : 1 lot, 1 client.\n"
    assert cli("loyalty", "expire", "--db", path, "--as-of", "2026-11-23") == 0
    assert capsys.readouterr().err == "Aucun point n'a expiré depuis le dernier passage.\n"


def test_rebate_csv_and_statement(path, tmp_path, capsys):
    assert cli("loyalty", "rebate", "--db", path, "--period", "2026") == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [(r["client_code"], r["revenue"], r["basis"], r["rebate"]) for r in rows] == [
        ("BIG", "12540.00", "2540.00", "50.80"),
        ("SMALL", "4000.00", "0.00", "0.00"),
    ]
    assert "1 client avec une ristourne, 50,80\u00a0€ au total" in captured.err
    out = tmp_path / "releve.csv"
    assert cli("loyalty", "rebate", "--db", path, "--period", "2026", "--client", "BIG", "--out", out) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "01/02/2026;A1;7000,00\r\n" in text and "Ristourne (€);50,80\r\n" in text
    assert "15/01/2025" not in text
    folder = tmp_path / "releves"
    assert cli("loyalty", "rebate", "--db", path, "--period", "2026", "--earning", "--statements", folder) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["ristourne-BIG.csv"]


def test_rebate_total_rule_from_the_settings(path, capsys):
    with opened(path) as database:
        LoyaltyStore(database).save_rules({"rebate.base": "total", "rebate.threshold_cents": 500_000})
    assert cli("loyalty", "rebate", "--db", path, "--period", "2026", "--earning") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["client_code"], r["rebate"]) for r in rows] == [("BIG", "250.80")]


def test_profit(path, capsys):
    assert cli("loyalty", "profit", "--db", path, "--period", "2026", "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["members"] == 1
    assert doc["members_revenue"] == {"before": "40.00", "now": "12540.00"}
    assert doc["others_revenue"] == {"before": "0.00", "now": "4000.00"}
    assert (doc["expected_revenue"], doc["extra_revenue"], doc["net"]) == ("40.00", "12500.00", "12500.00")
    assert cli("loyalty", "profit", "--db", path, "--period", "2026") == 0
    assert "CA en plus 12\u202f500,00\u00a0€" in capsys.readouterr().out


def test_reps_and_objectives(path, capsys):
    assert (
        cli("reps", "--db", path, "--period", "2026", "--set-objective", "MB", "--revenue", "20 000", "--orders", "4")
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [
        (
            r["code"],
            r["clients"],
            r["revenue"],
            r["orders"],
            r["objective_revenue"],
            r["revenue_reached"],
            r["orders_reached"],
        )
        for r in rows
    ] == [("MB", "1", "12540.00", "2", "20000.00", "0.627", "0.5")]
    assert cli("reps", "--db", path, "--period", "T1 2026", "--format", "json") == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["revenue"], row["objective_revenue"]) == ("7000.00", None)


def test_errors_in_french(path, capsys):
    assert cli("loyalty", "balance", "--db", path, "--client", "NOPE") == 1
    assert "Client « NOPE » introuvable." in capsys.readouterr().err
    assert cli("loyalty", "rebate", "--db", path, "--period", "l'an dernier") == 2
    assert "période" in capsys.readouterr().err
    assert cli("reps", "--db", path, "--period", "2026", "--set-objective", "ZZ", "--revenue", "1") == 1
    assert "Commercial « ZZ » introuvable" in capsys.readouterr().err
    assert cli("reps", "--db", path, "--period", "2026", "--revenue", "1") == 1
    assert cli("loyalty", "--help") == 0
    assert "rebate.base" in capsys.readouterr().out


def test_reps_csv_neutralises_a_name_typed_as_a_formula(path, capsys):
    with opened(path) as database, database.atomic():
        database.conn.execute("INSERT INTO reps(code, name) VALUES ('X1', '=HYPERLINK(\"http://x\",\"clic\")')")
    assert cli("reps", "--db", str(path), "--period", "2026") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["name"] for r in rows if r["code"] == "X1"] == ['\'=HYPERLINK("http://x","clic")']
