"""Loyalty balance: batches with their own expiry, redemptions from the first to lapse."""

import datetime as dt

from crmdesk.domain.loyalty import Entry, balance

D = dt.date


def test_redemption_uses_the_batch_that_lapses_first():
    entries = [Entry(D(2025, 6, 15), 50, D(2026, 12, 31)), Entry(D(2026, 10, 1), 115, D(2027, 10, 1)),
               Entry(D(2026, 11, 1), -20)]
    result = balance(entries, D(2026, 11, 23))
    assert (result.points, result.next_expiry, result.expiring_points) == (145, D(2026, 12, 31), 30)


def test_expired_batch_drops_out_on_the_day_after_its_expiry():
    entries = [Entry(D(2025, 1, 1), 40, D(2026, 1, 31)), Entry(D(2025, 6, 1), 10, None)]
    assert balance(entries, D(2026, 1, 31)).points == 50           # last day: still usable
    after = balance(entries, D(2026, 2, 1))
    assert (after.points, after.next_expiry, after.expiring_points) == (10, None, 0)


def test_redemption_never_draws_on_an_already_expired_batch():
    entries = [Entry(D(2025, 1, 1), 40, D(2025, 6, 30)), Entry(D(2025, 5, 1), 30, D(2026, 5, 1)),
               Entry(D(2025, 8, 1), -25)]
    assert balance(entries, D(2025, 9, 1)).points == 5


def test_an_expiry_record_is_not_counted_twice():
    entries = [Entry(D(2025, 1, 1), 40, D(2025, 6, 30)), Entry(D(2025, 7, 1), -40, reason="expired"),
               Entry(D(2025, 8, 1), 12, D(2026, 8, 1))]
    assert balance(entries, D(2025, 9, 1)).points == 12


def test_same_day_earn_then_redeem_and_leap_day_expiry():
    entries = [Entry(D(2028, 2, 29), 10, D(2028, 2, 29)), Entry(D(2028, 2, 29), -4)]
    result = balance(entries, D(2028, 2, 29))
    assert (result.points, result.next_expiry, result.expiring_points) == (6, D(2028, 2, 29), 6)
    assert balance(entries, D(2028, 3, 1)).points == 0


def test_no_entries():
    assert balance([], D(2026, 1, 1)).points == 0
