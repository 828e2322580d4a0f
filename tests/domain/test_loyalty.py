"""Loyalty balance: batches with their own expiry, redemptions from the first to lapse."""

import datetime as dt

import pytest

from crmdesk.domain import loyalty
from crmdesk.domain.errors import ValidationError
from crmdesk.domain.loyalty import Entry, balance

D = dt.date


def test_redemption_uses_the_batch_that_lapses_first():
    entries = [
        Entry(D(2025, 6, 15), 50, D(2026, 12, 31)),
        Entry(D(2026, 10, 1), 115, D(2027, 10, 1)),
        Entry(D(2026, 11, 1), -20),
    ]
    result = balance(entries, D(2026, 11, 23))
    assert (result.points, result.next_expiry, result.expiring_points) == (145, D(2026, 12, 31), 30)


def test_expired_batch_drops_out_on_the_day_after_its_expiry():
    entries = [Entry(D(2025, 1, 1), 40, D(2026, 1, 31)), Entry(D(2025, 6, 1), 10, None)]
    assert balance(entries, D(2026, 1, 31)).points == 50  # last day: still usable
    after = balance(entries, D(2026, 2, 1))
    assert (after.points, after.next_expiry, after.expiring_points) == (10, None, 0)


def test_redemption_never_draws_on_an_already_expired_batch():
    entries = [
        Entry(D(2025, 1, 1), 40, D(2025, 6, 30)),
        Entry(D(2025, 5, 1), 30, D(2026, 5, 1)),
        Entry(D(2025, 8, 1), -25),
    ]
    assert balance(entries, D(2025, 9, 1)).points == 5


def test_an_expiry_record_is_not_counted_twice():
    entries = [
        Entry(D(2025, 1, 1), 40, D(2025, 6, 30)),
        Entry(D(2025, 7, 1), -40, reason="expired"),
        Entry(D(2025, 8, 1), 12, D(2026, 8, 1)),
    ]
    assert balance(entries, D(2025, 9, 1)).points == 12


def test_same_day_earn_then_redeem_and_leap_day_expiry():
    entries = [Entry(D(2028, 2, 29), 10, D(2028, 2, 29)), Entry(D(2028, 2, 29), -4)]
    result = balance(entries, D(2028, 2, 29))
    assert (result.points, result.next_expiry, result.expiring_points) == (6, D(2028, 2, 29), 6)
    assert balance(entries, D(2028, 3, 1)).points == 0


def test_no_entries():
    assert balance([], D(2026, 1, 1)).points == 0


# -- issue 8: earning, expiry per batch, settings, profitability ------------------------------


def test_points_per_euro_drop_partial_points():
    assert loyalty.points_for(5490, 1) == 54  # 54,90 € -> 54 points
    assert loyalty.points_for(125_400, 1) == 1254  # REVEL's 1 254,00 €
    assert loyalty.points_for(5490, 2.5) == 137  # 137,25 -> 137
    assert loyalty.points_for(99, 1) == 0
    assert loyalty.points_for(-1000, 1) == 0  # a credit note earns nothing


def test_a_batch_lapses_at_the_end_of_the_month_n_months_later():
    assert loyalty.batch_expiry(D(2025, 6, 15), 12) == D(2026, 6, 30)
    assert loyalty.batch_expiry(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert loyalty.batch_expiry(D(2027, 12, 1), 2) == D(2028, 2, 29)


def test_card_validity_ends_the_day_before_the_anniversary():
    assert loyalty.card_validity(D(2026, 11, 23), 12) == (D(2026, 11, 23), D(2027, 11, 22))
    assert loyalty.add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)


def test_lapsed_gives_what_each_batch_still_held_after_redemptions():
    entries = [
        Entry(D(2025, 1, 10), 40, D(2025, 6, 30), id=1),
        Entry(D(2025, 3, 1), 30, D(2025, 9, 30), id=2),
        Entry(D(2025, 4, 1), 25, D(2026, 4, 30), id=3),
        Entry(D(2025, 5, 1), -50, reason="reward", id=4),
    ]
    # the 50 redeemed came from batch 1 (40, lapses first) then batch 2 (10)
    assert [(x.batch.id, x.points) for x in loyalty.lapsed(entries, D(2025, 10, 1))] == [(2, 20)]
    assert loyalty.lapsed(entries, D(2025, 9, 30)) == []  # batch 2's last day
    assert [(x.batch.id, x.points) for x in loyalty.lapsed(entries, D(2026, 5, 1))] == [(2, 20), (3, 25)]
    # an expiry record does not change what lapsed (the balance ignores it too)
    recorded = entries + [Entry(D(2025, 10, 1), -20, reason="expired", id=5)]
    assert [(x.batch.id, x.points) for x in loyalty.lapsed(recorded, D(2025, 10, 1))] == [(2, 20)]
    assert balance(recorded, D(2025, 10, 1)).points == 25


def test_percent_cents_rounds_half_up():
    assert loyalty.percent_cents(44_638, 0.10) == 4_464
    assert loyalty.percent_cents(44_635, 0.10) == 4_464
    assert loyalty.percent_cents(44_634, 0.10) == 4_463


def test_check_settings_in_french():
    assert loyalty.check_settings({"loyalty.points_per_euro": "1,5", "loyalty.validity_months": "24"}) == {
        "loyalty.points_per_euro": 1.5,
        "loyalty.validity_months": 24,
    }
    with pytest.raises(ValidationError) as caught:
        loyalty.check_settings(
            {"loyalty.validity_months": "1,5", "loyalty.points_per_euro": "beaucoup", "loyalty.card_months": 0}
        )
    assert caught.value.problems == {
        "loyalty.points_per_euro": "points par euro : nombre attendu, pas « beaucoup »",
        "loyalty.validity_months": "validité des points (mois) : nombre entier attendu",
        "loyalty.card_months": "validité de la carte (mois) : entre 1 et 120",
    }


def test_profitability_compares_members_with_the_others_trend():
    # members 100 000 -> 130 000 €, others 200 000 -> 220 000 € (+10 %): members would
    # have made 110 000 €; 20 000 € extra for 5 000 € of rewards, vouchers and cards.
    result = loyalty.Profitability(10_000_000, 13_000_000, 20_000_000, 22_000_000, 500_000)
    assert result.expected_cents == 11_000_000
    assert (result.extra_cents, result.net_cents, result.return_rate) == (2_000_000, 1_500_000, 4.0)
    assert (round(result.members_change, 3), round(result.others_change, 3)) == (0.3, 0.1)
    no_trend = loyalty.Profitability(10_000, 12_000, 0, 5_000, 0)
    assert (no_trend.extra_cents, no_trend.return_rate, no_trend.others_change) == (2_000, None, None)
