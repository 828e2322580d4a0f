"""Sweety Bio: what a user of the demo file sees, checked with SQL."""

from __future__ import annotations

import datetime as dt
import json

import holidays
import pytest
from stdnum.fr import siret

from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from tests.helpers.today import TODAY

# docs/domain/03-statuses.md
EXPECTED = {
    "Premium": (39, 56_826_000),
    "Actif": (196, 167_772_000),
    "Standard": (113, 27_060_000),
    "Occasionnel": (52, 18_942_000),
}
BANDS = """CASE WHEN n > 13 THEN 'Premium' WHEN n BETWEEN 9 AND 12 THEN 'Actif'
               WHEN n BETWEEN 5 AND 8 THEN 'Standard' WHEN n BETWEEN 1 AND 4 THEN 'Occasionnel' END"""


def per_client(conn, days: int = 365):
    start = (TODAY - dt.timedelta(days=days - 1)).isoformat()
    return conn.execute(
        "SELECT c.id, c.kind, count(o.id) AS n, coalesce(sum(o.amount_cents), 0) AS cents "
        "FROM contacts c LEFT JOIN orders o ON o.contact_id = c.id AND o.date BETWEEN ? AND ? "
        "WHERE c.stage = 'client' AND c.deleted_at IS NULL GROUP BY c.id",
        (start, TODAY.isoformat()),
    ).fetchall()


def test_400_clients_and_some_others(sweetybio):
    stages = dict(sweetybio.execute("SELECT stage, count(*) FROM contacts GROUP BY stage").fetchall())
    assert stages["client"] == 400
    assert stages.get("prospect", 0) > 0 and stages.get("former", 0) > 0
    kinds = dict(
        sweetybio.execute("SELECT kind, count(*) FROM contacts WHERE stage = 'client' GROUP BY kind").fetchall()
    )
    assert kinds["company"] > 50 and kinds["person"] > 150


@pytest.mark.parametrize("days", [365, 366])  # whichever way a report counts the year
def test_status_counts_and_revenue_reproduce_the_seed(sweetybio, days):
    rows = per_client(sweetybio, days)
    assert not [r for r in rows if r["n"] in (0, 13)]
    start = (TODAY - dt.timedelta(days=days - 1)).isoformat()
    found: dict[str, tuple[int, int]] = {}
    for row in rows:
        n = row["n"]
        status = "Premium" if n > 13 else "Actif" if 9 <= n <= 12 else "Standard" if 5 <= n <= 8 else "Occasionnel"
        count, cents = found.get(status, (0, 0))
        found[status] = (count + 1, cents + row["cents"])
    assert found == EXPECTED
    total = sweetybio.execute(
        "SELECT sum(o.amount_cents) FROM orders o JOIN contacts c ON c.id = o.contact_id "
        "WHERE c.stage = 'client' AND o.date BETWEEN ? AND ?",
        (start, TODAY.isoformat()),
    ).fetchone()[0]
    assert total == 270_600_000  # 2 706 000,00 €


def test_status_in_sql_and_shares(sweetybio):
    start = (TODAY - dt.timedelta(days=364)).isoformat()
    rows = sweetybio.execute(
        f"""
        WITH per AS (SELECT c.id, count(o.id) AS n, sum(o.amount_cents) AS cents FROM contacts c
                     JOIN orders o ON o.contact_id = c.id AND o.date BETWEEN ? AND ?
                     WHERE c.stage = 'client' GROUP BY c.id)
        SELECT {BANDS} AS status, count(*), sum(cents) FROM per GROUP BY status""",
        (start, TODAY.isoformat()),
    ).fetchall()
    clients = sum(r[1] for r in rows)
    revenue = sum(r[2] for r in rows)
    volume = {r[0]: round(100 * r[1] / clients, 2) for r in rows}
    value = {r[0]: round(100 * r[2] / revenue, 1) for r in rows}
    assert volume == {"Premium": 9.75, "Actif": 49.0, "Standard": 28.25, "Occasionnel": 13.0}
    assert value == {"Premium": 21.0, "Actif": 62.0, "Standard": 10.0, "Occasionnel": 7.0}


def test_status_rule_is_stored(sweetybio):
    settings = {k: json.loads(v) for k, v in sweetybio.execute("SELECT key, value FROM settings")}
    assert settings["status.criteria"] == ["orders"]
    assert settings["status.bands"]["Premium"] == {"orders_min": 14}
    assert settings["business"]["name"] == "Sweety Bio"


def test_companies_buy_bigger_baskets(sweetybio):
    avg = dict(
        sweetybio.execute(
            "SELECT c.kind, avg(o.amount_cents) FROM orders o JOIN contacts c ON c.id = o.contact_id GROUP BY c.kind"
        ).fetchall()
    )
    assert avg["company"] > 4 * avg["person"]


def test_orders_are_sane(sweetybio):
    bad = sweetybio.execute("""
        SELECT o.id FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY o.id
        HAVING count(l.id) = 0 OR
               CAST(round(sum(l.quantity * l.unit_price_cents - l.discount_cents)) AS INTEGER)
               != o.amount_cents""").fetchall()
    assert bad == []
    assert (
        sweetybio.execute(
            "SELECT count(*) FROM orders WHERE amount_cents <= 0 OR date > ?", (TODAY.isoformat(),)
        ).fetchone()[0]
        == 0
    )
    assert (
        sweetybio.execute(
            "SELECT count(*) FROM order_lines WHERE quantity <= 0 OR unit_price_cents <= 0 OR discount_cents < 0 "
            "OR discount_cents * 5 > quantity * unit_price_cents"
        ).fetchone()[0]
        == 0
    )
    # the status year's orders start 360 days back; prospects never bought
    start = (TODAY - dt.timedelta(days=359)).isoformat()
    assert (
        sweetybio.execute(
            "SELECT count(*) FROM orders WHERE date < ? AND date >= ?",
            (start, (TODAY - dt.timedelta(days=369)).isoformat()),
        ).fetchone()[0]
        == 0
    )
    assert (
        sweetybio.execute(
            "SELECT count(*) FROM orders o JOIN contacts c ON c.id = o.contact_id "
            "WHERE c.stage = 'prospect' OR (c.stage = 'former' AND o.date >= ?)",
            ((TODAY - dt.timedelta(days=364)).isoformat(),),
        ).fetchone()[0]
        == 0
    )


def test_categories_and_seed_products(sweetybio):
    categories = {r[0] for r in sweetybio.execute("SELECT name FROM categories")}
    assert categories == {"Produits frais", "Cosmétiques", "Huiles essentielles", "Épicerie"}
    products = {r[0] for r in sweetybio.execute("SELECT name FROM products")}
    for name in (
        "Huile essentielle Lavande 10 ml",
        "Crème Aloe Vera 50 ml",
        "Miel Acacia 500 g",
        "Savon de Marseille Olive 100 g",
    ):
        assert name in products
    assert any(p.startswith("Kombucha") for p in products)
    shares = sweetybio.execute(
        "SELECT c.name, sum(l.quantity * l.unit_price_cents - l.discount_cents) FROM order_lines l "
        "JOIN categories c ON c.id = l.category_id GROUP BY c.name"
    ).fetchall()
    assert len(shares) == 4 and all(s[1] > 0 for s in shares)


def test_one_helene_found_by_hele(sweetybio, sweetybio_path):
    rows = sweetybio.execute(
        "SELECT first_name, last_name, stage FROM contacts WHERE id IN "
        "(SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH '\"hele\"')"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("Hélène", "DUBOIS", "client")]
    with Database(sweetybio_path, writer=False) as database:
        store = ContactStore(database)
        assert store.count(ContactQuery(search="hele")) == 1
        assert store.count(ContactQuery(search="Hélène")) == 1
        assert store.count(ContactQuery(search="bio corner")) == 1


def test_bio_corner_and_bio_vie_rfm(sweetybio):
    start = (TODAY - dt.timedelta(days=364)).isoformat()
    facts = {
        r[0]: (r[1], r[2], r[3])
        for r in sweetybio.execute(
            "SELECT c.company, count(o.id), sum(o.amount_cents), max(o.date) FROM contacts c "
            "JOIN orders o ON o.contact_id = c.id AND o.date BETWEEN ? AND ? "
            "WHERE c.company IN ('Bio Corner', 'Bio Vie') GROUP BY c.id",
            (start, TODAY.isoformat()),
        )
    }
    count, cents, last = facts["Bio Corner"]
    assert (count, cents) == (18, 11_245_000)  # F 4, M 4 (> 100 000 €)
    assert (TODAY - dt.date.fromisoformat(last)).days == 6  # R 4 (< 15 days)
    count, cents, last = facts["Bio Vie"]
    assert (count, cents) == (6, 4_230_000)  # F 2, M 2 (40 000 – 50 000 €)
    assert (TODAY - dt.date.fromisoformat(last)).days == 75  # R 1 (2 – 3 months)
    before = sweetybio.execute(
        "SELECT count(*), sum(amount_cents) FROM orders o JOIN contacts c ON c.id = o.contact_id "
        "WHERE c.company = 'Bio Vie' AND o.date < ?",
        (start,),
    ).fetchone()
    assert tuple(before) == (11, 7_830_000)


def _business_days_between(start: dt.date, end: dt.date) -> int:
    public = holidays.country_holidays("FR", years=[start.year, end.year])
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() != 6 and day not in public:
            days += 1
    return days


def test_five_open_requests_of_the_seed(sweetybio):
    rows = sweetybio.execute(
        "SELECT c.*, (SELECT count(*) FROM complaint_events e WHERE e.complaint_id = c.id "
        "AND e.phase = 'reception') AS receptions FROM complaints c ORDER BY received_at"
    ).fetchall()
    assert sorted(r["kind"] for r in rows) == sorted(["stockout", "delivery", "information", "safety", "special_order"])
    for row in rows:
        assert row["closed_at"] is None and row["phase"] == "reception"
        assert row["receptions"] == 1 and row["contact_id"] is not None
        received = dt.date.fromisoformat(row["received_at"][:10])
        due = dt.date.fromisoformat(row["due_date"])
        assert _business_days_between(received, due) == 5 and due.weekday() != 6
        assert row["received_at"] < TODAY.isoformat()
    safety = next(r for r in rows if r["kind"] == "safety")
    assert safety["lot"] == "L240615" and "Miel Acacia" in safety["subject"]
    assert (
        sweetybio.execute("SELECT name FROM products WHERE id = ?", (safety["product_id"],)).fetchone()[0]
        == "Miel Acacia 500 g"
    )
    special = next(r for r in rows if r["kind"] == "special_order")
    assert special["due_date"] < TODAY.isoformat()  # one overdue on purpose
    assert [r["ref"] for r in rows] == [f"REC-2026-{n:04d}" for n in range(1, 6)]


def test_surveys_and_consents(sweetybio):
    answers = dict(sweetybio.execute("SELECT indicator, count(*) FROM survey_answers GROUP BY indicator").fetchall())
    assert set(answers) == {"csat", "nps", "ces"} and min(answers.values()) >= 50
    assert (
        sweetybio.execute(
            "SELECT count(*) FROM survey_answers s JOIN contacts c ON c.id = s.contact_id "
            "WHERE c.stage != 'client' OR s.date > ?",
            (TODAY.isoformat(),),
        ).fetchone()[0]
        == 0
    )
    consents = sweetybio.execute(
        "SELECT count(*) FROM contacts WHERE consent_email = 1 AND consent_email_date IS NOT NULL "
        "AND consent_email_source != ''"
    ).fetchone()[0]
    assert consents > 100
    assert (
        sweetybio.execute(
            "SELECT count(*) FROM contacts WHERE consent_email = 1 AND consent_email_date IS NULL"
        ).fetchone()[0]
        == 0
    )
    assert sweetybio.execute("SELECT count(*) FROM contacts WHERE opposition = 1").fetchone()[0] >= 1


def test_companies_and_reps(sweetybio):
    for (number,) in sweetybio.execute("SELECT siret FROM contacts WHERE kind = 'company'"):
        assert siret.is_valid(number)
    reps = sweetybio.execute("SELECT count(*), min(kind), max(kind) FROM reps").fetchone()
    assert tuple(reps) == (3, "rep", "rep")
    assert (
        sweetybio.execute("SELECT count(*) FROM contacts WHERE kind = 'company' AND rep_id IS NULL").fetchone()[0] == 0
    )


def test_seniority_agrees_with_document_3(sweetybio):
    """Adding « seniority » to the status criteria would change nobody's status."""
    bands = {
        "Premium": (3 * 366, None),
        "Actif": (2 * 366, 3 * 365),
        "Standard": (366, 2 * 365),
        "Occasionnel": (0, 365),
    }
    for row in per_client(sweetybio):
        n = row["n"]
        status = "Premium" if n > 13 else "Actif" if n >= 9 else "Standard" if n >= 5 else "Occasionnel"
        first = sweetybio.execute("SELECT first_contact FROM contacts WHERE id = ?", (row["id"],)).fetchone()[0]
        age = (TODAY - dt.date.fromisoformat(first)).days
        low, high = bands[status]
        assert age > low and (high is None or age < high), (status, age)


def test_the_client_table_figures_are_saved_at_build(tmp_path):
    """Status and RFM columns are filled from the start (docs/domain/03-statuses.md counts)."""
    import datetime as _dt

    from crmdesk.demo import build
    from crmdesk.store.database import Database

    path = tmp_path / "figures.sqlite"
    build("sweetybio", path, today=_dt.date(2026, 11, 23))
    with Database(path, writer=False) as db:
        rows = {
            r[0]: (r[1], r[2])
            for r in db.query(
                "SELECT status, count(*), sum(revenue_year_cents) FROM contacts WHERE stage = 'client' GROUP BY status"
            )
        }
        corner = db.query("SELECT rfm_code, rfm_segment FROM contacts WHERE company = 'Bio Corner'")[0]
    assert rows == {
        "premium": (39, 56826000),
        "actif": (196, 167772000),
        "standard": (113, 27060000),
        "occasionnel": (52, 18942000),
    }
    assert tuple(corner) == ("4-4-4", "champions")
