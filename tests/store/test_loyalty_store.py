"""The loyalty programme in a client file: points per order, expiry per batch,
redemption, cards, referral rewards, rebates and the programme's profitability."""

from __future__ import annotations

import datetime as dt

import pytest

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.periods import bounds
from crmdesk.domain.rebate import RebateRule
from crmdesk.store.loyalty import LoyaltyStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.settings import SettingsStore
from crmdesk.store.sheets import SheetReader
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

D = dt.date


@pytest.fixture
def store(database):
    return LoyaltyStore(database)


def client(contacts, code, **values):
    return contacts.create({"code": code, "last_name": code.title(), "stage": "client", **values})


def order(database, contact_id, day, cents, ref=None):
    return OrderStore(database).create(
        NewOrder(contact_id=contact_id, date=day, amount_cents=cents, ref=ref), today=TODAY
    )


def ledger(database, contact_id):
    return [
        tuple(r)
        for r in database.query(
            "SELECT at, points, reason, expires_on FROM loyalty_ledger WHERE contact_id = ? ORDER BY id", (contact_id,)
        )
    ]


def test_an_order_earns_its_points_once_in_a_batch_with_its_own_expiry(database, contacts, store):
    helene = client(contacts, "HELENE")
    first = order(database, helene, "2025-06-15", 5_490, "CMD-1")
    assert store.earn_for_order(first) == 54
    assert store.earn_for_order(first) == 0  # never twice
    second = order(database, helene, "2026-10-01", 115_400, "CMD-2")
    assert store.earn_missing(TODAY) == {"orders": 1, "points": 1154, "referrals": 0}
    assert store.earn_missing(TODAY) == {"orders": 0, "points": 0, "referrals": 0}
    assert ledger(database, helene) == [
        ("2025-06-15", 54, "order", "2026-06-30"),
        ("2026-10-01", 1154, "order", "2027-10-31"),
    ]
    assert [e["label"] for e in store.entries(helene)] == ["Commande CMD-2", "Commande CMD-1"]
    result = store.balance(helene, TODAY)
    assert (result.points, result.next_expiry, result.expiring_points) == (1154, D(2027, 10, 31), 1154)
    assert store.earn_for_order(second) == 0


def test_a_deleted_order_takes_its_points_and_their_expiry_record_with_it(database, contacts, store):
    helene = client(contacts, "HELENE")
    old, new = order(database, helene, "2025-01-10", 4_000), order(database, helene, "2026-10-01", 2_500)
    store.earn_missing(TODAY)
    store.expire(TODAY)
    OrderStore(database).delete(old)
    assert ledger(database, helene) == [("2026-10-01", 25, "order", "2027-10-31")]
    OrderStore(database).delete(new)
    assert store.balance(helene, TODAY).points == 0


def test_points_per_euro_and_validity_are_settings(database, contacts, store):
    store.save_rules({"loyalty.points_per_euro": "2", "loyalty.validity_months": 6})
    helene = client(contacts, "HELENE")
    order(database, helene, "2026-03-10", 1_050)
    store.earn_missing(TODAY)
    assert ledger(database, helene) == [("2026-03-10", 21, "order", "2026-09-30")]
    with pytest.raises(ValidationError) as caught:
        store.save_rules({"loyalty.validity_months": 0, "rebate.base": "moitié"})
    assert set(caught.value.problems) == {"loyalty.validity_months", "rebate.base"}
    assert store.rules()["loyalty.validity_months"] == 6  # nothing half-written
    SettingsStore(database).set("rebate.rate", "2 %")  # typed by hand, unchecked
    with pytest.raises(CrmError, match="rebate.rate : taux de la ristourne"):
        store.rules()


def test_opening_orders_and_trashed_clients_earn_nothing(database, contacts, store):
    helene, gone = client(contacts, "HELENE"), client(contacts, "GONE")
    OrderStore(database).create(
        NewOrder(contact_id=helene, date="2026-01-01", amount_cents=100_000, channel="opening"), today=TODAY
    )
    order(database, gone, "2026-02-01", 10_000)
    contacts.trash(gone)
    assert store.earn_missing(TODAY)["orders"] == 0


def test_expiry_is_written_per_lapsed_batch_and_only_once(database, contacts, store):
    helene = client(contacts, "HELENE")
    for day, cents in (("2025-01-10", 4_000), ("2025-03-01", 3_000), ("2025-04-01", 2_500)):
        order(database, helene, day, cents)
    store.earn_missing(TODAY)
    reward = store.add_reward("Mug grès", 50, value_cents=1_100)
    store.redeem(helene, reward, D(2025, 5, 1))  # 40 from batch 1, 10 from batch 2
    # batch 1 (last day 31/01/2026) is empty; batch 2 (31/03/2026) lapses with 20 points
    assert store.expire(D(2026, 4, 15)) == {"batches": 1, "points": 20, "clients": 1}
    assert store.expire(D(2026, 4, 15)) == {"batches": 0, "points": 0, "clients": 0}
    assert ledger(database, helene)[-1] == ("2026-04-01", -20, "expired", None)
    assert store.balance(helene, D(2026, 4, 15)).points == 25
    assert store.expire(TODAY) == {"batches": 1, "points": 25, "clients": 1}  # batch 3: 30/04/2026
    assert store.balance(helene, TODAY).points == 0
    assert [e["label"] for e in store.entries(helene)][:2] == ["Points expirés", "Points expirés"]


def test_redeem_refuses_a_short_balance_in_french(database, contacts, store):
    helene = client(contacts, "HELENE")
    order(database, helene, "2026-10-01", 12_000)
    store.earn_missing(TODAY)
    big = store.add_reward("Service de table 18 pièces", 500, 18_900)
    with pytest.raises(
        CrmError,
        match=r"Solde insuffisant : 120 points disponible\(s\) le 23/11/2026, "
        r"la récompense « Service de table 18 pièces » en demande 500 points",
    ):
        store.redeem(helene, big, TODAY)
    small = store.add_reward("Bol déjeuner", 100)
    store.redeem(helene, small, TODAY)
    assert store.balance(helene, TODAY).points == 20
    store.set_reward_active(small, False)
    with pytest.raises(CrmError, match="plus proposée"):
        store.redeem(helene, small, TODAY)
    with pytest.raises(ValidationError):
        store.add_reward(" ", 0)


def test_sheet_shows_the_same_balance_as_the_store(database, contacts, store):
    helene = client(contacts, "HELENE")
    for day, cents in (("2025-06-15", 5_000), ("2026-10-01", 11_500)):
        order(database, helene, day, cents)
    store.earn_missing(TODAY)
    store.redeem(helene, store.add_reward("Dessous de plat", 20), D(2026, 11, 1))
    store.issue_card(helene, D(2026, 1, 5))
    sheet = SheetReader(database).sheet(helene, TODAY)["loyalty"]
    result = store.balance(helene, TODAY)
    # 50 points of 15/06/2025 lapsed on 30/06/2026; 20 redeemed from the 115 of 01/10/2026
    assert (
        (sheet["points"], sheet["next_expiry"], sheet["expiring_points"])
        == (result.points, result.next_expiry, result.expiring_points)
        == (95, D(2027, 10, 31), 95)
    )
    assert sheet["card"]["number"] == "FID-HELENE"


def test_card_issue_and_renewal(database, contacts, store):
    helene, other = client(contacts, "HELENE"), client(contacts, "OTHER")
    card = store.issue_card(helene, D(2026, 1, 5))
    assert (card["number"], card["valid_from"], card["valid_until"]) == ("FID-HELENE", "2026-01-05", "2027-01-04")
    renewed = store.issue_card(helene, D(2026, 12, 20))  # still valid: extended from its end
    assert (renewed["number"], renewed["valid_from"], renewed["valid_until"]) == (
        "FID-HELENE",
        "2026-01-05",
        "2028-01-04",
    )
    late = store.issue_card(helene, D(2028, 3, 1))  # lapsed: a new year from today
    assert (late["valid_from"], late["valid_until"]) == ("2028-03-01", "2029-02-28")
    database.conn.execute("UPDATE contacts SET code = 'X' WHERE id = ?", (other,))
    database.conn.execute(
        "INSERT INTO loyalty_cards(contact_id, number, valid_from, valid_until) "
        "VALUES (?, 'FID-Y', '2026-01-01', '2026-12-31')",
        (other,),
    )
    third = client(contacts, "Y")
    assert store.issue_card(third, TODAY)["number"] == "FID-Y-2"


def test_referrer_is_rewarded_once_at_the_first_order(database, contacts, store):
    marraine = client(contacts, "MARRAINE")
    filleule = client(contacts, "FILLEULE", referred_by=marraine, stage="prospect")
    first = order(database, filleule, "2026-11-02", 8_000)
    assert store.earn_for_order(first, TODAY) == 80
    second = order(database, filleule, "2026-11-10", 9_000)
    store.earn_for_order(second, TODAY)
    assert store.earn_missing(TODAY)["referrals"] == 0
    assert store.reward_referral(filleule, TODAY) is False
    assert ledger(database, marraine) == [("2026-11-23", 100, "referral", "2027-11-30")]
    info = store.referral_info(marraine)
    assert [(r["code"], r["reward"], r["points"]) for r in info["referred"]] == [("FILLEULE", "points", 100)]
    assert store.referral_info(filleule)["referrer"]["code"] == "MARRAINE"


def test_referral_reward_as_a_voucher_and_for_history(database, contacts, store):
    store.save_rules({"referral.reward_kind": "voucher", "referral.reward_cents": 1_500})
    marraine = client(contacts, "MARRAINE")
    filleule = client(contacts, "FILLEULE", referred_by=marraine)
    order(database, filleule, "2026-05-02", 8_000)
    order(database, filleule, "2026-06-02", 8_000)
    assert store.earn_missing(TODAY)["referrals"] == 1  # history: rewarded once
    assert store.earn_missing(TODAY)["referrals"] == 0
    (voucher,) = store.vouchers(marraine)
    assert (voucher["source"], voucher["amount_cents"], voucher["valid_until"]) == ("referral", 1_500, "2027-11-22")
    store.use_voucher(voucher["id"], TODAY)
    with pytest.raises(CrmError, match="déjà été utilisé le 23/11/2026"):
        store.use_voucher(voucher["id"], TODAY)
    assert database.scalar("SELECT order_id FROM referral_rewards") == database.scalar(
        "SELECT min(id) FROM orders WHERE contact_id = ?", (filleule,)
    )


def test_rebate_per_client_per_period(database, contacts, store):
    big, small = client(contacts, "BIG"), client(contacts, "SMALL")
    for day, cents in (("2026-02-01", 700_000), ("2026-09-01", 554_000), ("2025-12-31", 999_900)):
        order(database, big, day, cents)
    order(database, small, "2026-03-01", 400_000)
    year = bounds("year", TODAY)
    rows = store.rebates(year)
    assert [(r.code, r.revenue_cents, r.orders, r.basis_cents, r.rebate_cents) for r in rows] == [
        ("BIG", 1_254_000, 2, 254_000, 5_080),
        ("SMALL", 400_000, 1, 0, 0),
    ]
    assert [r.code for r in store.rebates(year, earning_only=True)] == ["BIG"]
    total = store.rebates(year, RebateRule(1_000_000, 0.02, "total"), contact_id=big)
    assert [(r.basis_cents, r.rebate_cents) for r in total] == [(1_254_000, 25_080)]
    assert [o["date"] for o in store.orders_in(big, year)] == ["2026-02-01", "2026-09-01"]


def test_profitability_of_the_programme(database, contacts, store):
    member, other = client(contacts, "MEMBER"), client(contacts, "OTHER")
    store.issue_card(member, D(2025, 12, 1))
    store.save_rules({"loyalty.card_cost_cents": 300})
    for contact_id, day, cents in (
        (member, "2025-03-01", 100_000),
        (member, "2026-03-01", 130_000),
        (other, "2025-04-01", 200_000),
        (other, "2026-04-01", 220_000),
    ):
        order(database, contact_id, day, cents)
    store.earn_missing(TODAY)
    store.redeem(member, store.add_reward("Mug", 100, value_cents=1_100), D(2026, 5, 1))
    report = store.profitability(bounds("year", TODAY))
    result = report["result"]
    assert (result.members_before, result.members_now, result.others_before, result.others_now) == (
        100_000,
        130_000,
        200_000,
        220_000,
    )
    assert report["costs"] == {"rewards": 1_100, "vouchers": 0, "cards": 300}
    assert (result.extra_cents, result.cost_cents, result.net_cents) == (20_000, 1_400, 18_600)
    assert report["members"] == 1 and report["before"] == bounds("year", D(2025, 1, 1))
