"""Le Bol d'Air: annex 2 of docs/domain/11-demo-data.md as a client file, with its parties."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from crmdesk.demo import boldair as module
from crmdesk.domain import loyalty
from crmdesk.domain.parties import voucher_cents
from crmdesk.paths import resources_dir
from crmdesk.store.database import Database
from crmdesk.store.loyalty import LoyaltyStore
from crmdesk.store.parties import PartyStore
from crmdesk.store.sheets import SheetReader
from tests.helpers.today import TODAY

CSV = resources_dir() / "demo" / "bol_dair_annexe2.csv"


def test_annex2_csv_is_saved_like_french_excel():
    raw = CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # ANSI, no BOM
    assert raw.startswith("N° client;Hôte;Nom Ambassadeur;Nom Client;Prénom;CA annuel\r\n".encode("cp1252"))
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.decode("cp1252").split("\r\n")[:-1]
    assert len(lines) == 42 and all(line.count(";") == 5 for line in lines)
    assert lines[1] == "1;Oui;Maryse Brun;REVEL;Marie-Paule;1 254"
    assert lines[-1] == "50;Oui;Remy Albando;UFFOL;Jérôme;1 042"


def test_read_annex2():
    rows = module.read_annex2()
    assert len(rows) == 41
    assert [r.number for r in rows] == [str(n) for n in range(1, 41)] + ["50"]
    assert rows[0] == module.AnnexClient("1", True, "Maryse Brun", "REVEL", "Marie-Paule", 125_400)
    assert sum(r.host for r in rows) == 16
    assert {r.ambassador for r in rows} == {"Maryse Brun", "Remy Albando"}
    assert sum(r.revenue for r in rows) == 1_864_000


def test_clients_are_the_annex(boldair):
    annex = {r.number: r for r in module.read_annex2()}
    start = (TODAY - dt.timedelta(days=364)).isoformat()
    rows = boldair.execute(
        "SELECT c.code, c.last_name, c.first_name, c.is_host, c.stage, r.name AS ambassador, "
        "(SELECT sum(amount_cents) FROM orders o WHERE o.contact_id = c.id AND o.date BETWEEN ? AND ?) "
        "AS cents FROM contacts c JOIN reps r ON r.id = c.rep_id",
        (start, TODAY.isoformat()),
    ).fetchall()
    assert len(rows) == 41 and {r["stage"] for r in rows} == {"client"}
    for row in rows:
        entry = annex[row["code"]]
        assert (row["last_name"], row["first_name"], bool(row["is_host"]), row["ambassador"], row["cents"]) == (
            entry.last_name,
            entry.first_name,
            entry.host,
            entry.ambassador,
            entry.revenue,
        ), row["code"]
    assert boldair.execute("SELECT count(*) FROM contacts WHERE is_host = 1").fetchone()[0] == 16
    assert (
        boldair.execute(
            "SELECT count(*) FROM orders WHERE date > ? OR date < ?", (TODAY.isoformat(), start)
        ).fetchone()[0]
        == 0
    )


def test_revel(boldair):
    row = boldair.execute(
        "SELECT c.*, (SELECT sum(amount_cents) FROM orders WHERE contact_id = c.id) AS cents "
        "FROM contacts c WHERE last_name = 'REVEL'"
    ).fetchone()
    assert (row["code"], row["first_name"], row["address"], row["postal_code"], row["city"]) == (
        "1",
        "Marie-Paule",
        "10 avenue du Merlan",
        "06000",
        "Nice",
    )
    assert row["cents"] == 125_400 and row["is_host"] == 1


def test_two_ambassadors(boldair):
    reps = [tuple(r) for r in boldair.execute("SELECT name, kind FROM reps ORDER BY name")]
    assert reps == [("Maryse Brun", "ambassador"), ("Remy Albando", "ambassador")]
    business = json.loads(boldair.execute("SELECT value FROM settings WHERE key = 'business'").fetchone()[0])
    assert (business["address"], business["postal_code"], business["city"]) == (
        "44 route des Arènes romaines",
        "87000",
        "Limoges",
    )


def test_parties(boldair):
    parties = boldair.execute(
        "SELECT p.*, h.is_host, h.rep_id FROM parties p JOIN contacts h ON h.id = p.host_id"
    ).fetchall()
    assert len(parties) >= 16
    hosts = {p["host_id"] for p in parties}
    assert hosts == {r[0] for r in boldair.execute("SELECT id FROM contacts WHERE is_host = 1")}
    for party in parties:
        assert party["is_host"] == 1
        assert party["ambassador_id"] == party["rep_id"]
        assert party["voucher_rate"] == 0.10
        guests = boldair.execute(
            "SELECT c.id, c.rep_id FROM party_guests g JOIN contacts c ON c.id = g.contact_id WHERE g.party_id = ?",
            (party["id"],),
        ).fetchall()
        assert guests and all(g["id"] != party["host_id"] and g["rep_id"] == party["rep_id"] for g in guests)
        buyers = {r[0] for r in boldair.execute("SELECT contact_id FROM orders WHERE party_id = ?", (party["id"],))}
        assert buyers == {party["host_id"], *(g["id"] for g in guests)}
    bad = boldair.execute(
        "SELECT count(*) FROM orders o JOIN parties p ON p.id = o.party_id "
        "WHERE o.channel != 'home_party' OR o.date != p.date OR o.rep_id != p.ambassador_id"
    ).fetchone()[0]
    assert bad == 0
    assert (
        boldair.execute("SELECT count(*) FROM orders WHERE party_id IS NULL AND channel = 'home_party'").fetchone()[0]
        == 0
    )


def test_voucher(boldair, boldair_path):
    assert (
        json.loads(boldair.execute("SELECT value FROM settings WHERE key = 'parties.voucher_rate'").fetchone()[0])
        == 0.10
    )
    sales = boldair.execute(
        "SELECT p.id, p.voucher_rate, sum(o.amount_cents) FROM parties p JOIN orders o ON o.party_id = p.id "
        "GROUP BY p.id"
    ).fetchall()
    assert len(sales) == len(module.PARTIES)
    for _, rate, cents in sales:
        assert voucher_cents(cents, rate) == (cents + 5) // 10  # 10 %, half up
    assert voucher_cents(44_638) == 4_464 and voucher_cents(44_635) == 4_464
    # what the party list shows: the same vouchers
    with Database(boldair_path, writer=False) as database:
        listed = {p["id"]: (p["sales_cents"], p["voucher_cents"]) for p in PartyStore(database).list()}
    assert listed == {party_id: (cents, (cents + 5) // 10) for party_id, _, cents in sales}


def test_loyalty_points_cards_and_rewards(boldair, boldair_path):
    # one batch per order, as LoyaltyStore.earn_missing credits them: nothing left to earn
    bad = boldair.execute(
        "SELECT count(*) FROM orders o LEFT JOIN loyalty_ledger l ON l.order_id = o.id AND l.reason = 'order' "
        "WHERE l.id IS NULL OR l.points != o.amount_cents / 100 OR l.at != o.date"
    ).fetchone()[0]
    assert bad == 0
    hosts = {r[0] for r in boldair.execute("SELECT id FROM contacts WHERE is_host = 1")}
    assert {r[0] for r in boldair.execute("SELECT contact_id FROM loyalty_cards")} == hosts
    revel = boldair.execute("SELECT id FROM contacts WHERE code = '1'").fetchone()[0]
    assert boldair.execute("SELECT number FROM loyalty_cards WHERE contact_id = ?", (revel,)).fetchone()[0] == "FID-1"
    copy = boldair_path.with_name("copy.sqlite")
    source = sqlite3.connect(boldair_path)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    with Database(copy) as database:
        store = LoyaltyStore(database)
        assert store.earn_missing(TODAY) == {"orders": 0, "points": 0, "referrals": 0}
        sheets = SheetReader(database)
        spent = database.query("SELECT id, contact_id, at, points FROM loyalty_ledger WHERE reason = 'reward'")
        assert spent and {r["contact_id"] for r in spent} <= hosts
        for row in spent:  # each host could afford her reward on the day
            before = [
                loyalty.Entry(
                    dt.date.fromisoformat(r["at"]),
                    r["points"],
                    dt.date.fromisoformat(r["expires_on"]) if r["expires_on"] else None,
                    r["reason"],
                )
                for r in database.query(
                    "SELECT * FROM loyalty_ledger WHERE contact_id = ? AND id != ?", (row["contact_id"], row["id"])
                )
            ]
            assert loyalty.balance(before, dt.date.fromisoformat(row["at"])).points >= -row["points"] == 700
            assert (
                sheets.sheet(row["contact_id"], TODAY)["loyalty"]["points"]
                == store.balance(row["contact_id"], TODAY).points
            )
        # REVEL: 1 254 € over the year, floor(euros) per order, 700 points spent on « Coffret 6 mugs »
        earned = sum(
            r[0] // 100 for r in database.query("SELECT amount_cents FROM orders WHERE contact_id = ?", (revel,))
        )
        assert 1250 <= earned <= 1254
        assert store.balance(revel, TODAY).points == earned - 700


def test_orders_lines_add_up(boldair):
    bad = boldair.execute("""
        SELECT o.id FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY o.id
        HAVING count(l.id) = 0 OR
               CAST(round(sum(l.quantity * l.unit_price_cents - l.discount_cents)) AS INTEGER)
               != o.amount_cents""").fetchall()
    assert bad == []


def test_guests_were_referred_by_their_first_host(boldair):
    rows = boldair.execute(
        "SELECT c.code, c.source, r.is_host FROM contacts c LEFT JOIN contacts r ON r.id = c.referred_by"
    ).fetchall()
    for row in rows:
        if row["source"] == "home_party":
            assert row["is_host"] == 1, row["code"]
    vincent = boldair.execute("SELECT is_host, source FROM contacts WHERE last_name = 'VINCENT'").fetchone()
    assert tuple(vincent) == (1, "home_party")  # a guest who became a host
