"""demo.build: new file only, all or nothing, deterministic, valid contacts."""

from __future__ import annotations

import datetime as dt

import pytest

from crmdesk import demo
from crmdesk.demo.common import Dataset, add_business_days, allocate
from crmdesk.domain.contact import FIELD_NAMES, validate
from crmdesk.domain.errors import CrmError
from crmdesk.store.lock import lock_path
from tests.helpers.demo import open_ro
from tests.helpers.today import TODAY


def dump(path) -> list[str]:
    conn = open_ro(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_names():
    assert demo.NAMES == ("sweetybio", "boldair")
    assert set(demo.TITLES) == set(demo.NAMES)


@pytest.mark.parametrize("name", demo.NAMES)
def test_same_day_same_content(name, tmp_path, request):
    first = request.getfixturevalue(f"{name}_path")
    again = tmp_path / "again.sqlite"
    demo.build(name, again, today=TODAY)
    assert dump(first) == dump(again)


def test_refuses_an_existing_file(tmp_path):
    path = tmp_path / "clients.sqlite"
    path.write_bytes(b"my precious data")
    with pytest.raises(CrmError, match="existe déjà"):
        demo.build("boldair", path, today=TODAY)
    assert path.read_bytes() == b"my precious data"


def test_unknown_demo(tmp_path):
    with pytest.raises(CrmError, match="Démo inconnue"):
        demo.build("acme", tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()


def test_a_failed_build_leaves_nothing(tmp_path, monkeypatch):
    def broken(self, database):
        database.conn.execute("INSERT INTO tags(name) VALUES ('half')")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Dataset, "write", broken)
    path = tmp_path / "demo.sqlite"
    with pytest.raises(RuntimeError):
        demo.build("boldair", path, today=TODAY)
    assert not path.exists()
    assert not lock_path(path).exists()


@pytest.mark.parametrize("name", demo.NAMES)
def test_every_contact_passes_validation(name, request):
    conn = open_ro(request.getfixturevalue(f"{name}_path"))
    rows = [dict(r) for r in conn.execute("SELECT * FROM contacts")]
    conn.close()
    assert rows
    for row in rows:
        values = {k: row[k] for k in FIELD_NAMES}
        clean = validate(values)  # raises on any invalid field
        for key in ("phone", "phone2", "email", "siret", "postal_code", "last_name", "department"):
            assert clean[key] == row[key] or (clean[key] is None and row[key] in ("", None)), key


def test_dates_follow_today(tmp_path):
    later = dt.date(2027, 3, 1)
    path = tmp_path / "later.sqlite"
    demo.build("boldair", path, today=later)
    conn = open_ro(path)
    start = (later - dt.timedelta(days=364)).isoformat()
    revel = conn.execute(
        "SELECT sum(o.amount_cents), max(o.date), min(o.date) FROM orders o JOIN contacts c "
        "ON c.id = o.contact_id WHERE c.code = '1' AND o.date BETWEEN ? AND ?",
        (start, later.isoformat()),
    ).fetchone()
    conn.close()
    assert revel[0] == 125_400
    assert revel[1] <= later.isoformat()


def test_allocate_is_exact():
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert sum(allocate(123_456_789, [7, 13, 1, 99])) == 123_456_789


def test_business_days_skip_sundays_and_holidays():
    # Tuesday 10/11/2026: Wed 11 is Armistice Day, Sunday 15 does not count.
    assert add_business_days(dt.date(2026, 11, 10), 5) == dt.date(2026, 11, 17)
    assert add_business_days(dt.date(2026, 11, 10), 5, saturday=False) == dt.date(2026, 11, 18)


@pytest.mark.parametrize("name", demo.NAMES)
def test_no_order_before_first_contact(name, request):
    conn = open_ro(request.getfixturevalue(f"{name}_path"))
    early = conn.execute(
        "SELECT count(*) FROM orders o JOIN contacts c ON c.id = o.contact_id "
        "WHERE o.date < c.first_contact OR c.first_contact = ''"
    ).fetchone()[0]
    later = conn.execute("SELECT count(*) FROM contacts WHERE last_contact > ?", (TODAY.isoformat(),)).fetchone()[0]
    conn.close()
    assert (early, later) == (0, 0)
