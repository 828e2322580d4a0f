"""Automatic reminders: dates across month ends and leap years, windows, settings."""

import datetime as dt

import pytest

from crmdesk.domain import reminders as r
from crmdesk.domain.errors import ValidationError

D = dt.date
DEFAULTS = r.ReminderSettings()


def origins(facts, today, settings=DEFAULTS, last_run=None):
    return {x.origin: x.due for x in r.due_reminders(facts, settings, today, last_run=last_run)}


def test_birthday_on_29_february_falls_on_28_february_in_a_non_leap_year():
    assert r.birthday_in(D(1984, 2, 29), 2027) == D(2027, 2, 28)
    assert r.birthday_in(D(1984, 2, 29), 2028) == D(2028, 2, 29)
    facts = r.Facts(birthdays=[r.Birthday(7, D(1984, 2, 29))])
    assert origins(facts, D(2027, 2, 28)) == {"birthday:7:2027": D(2027, 2, 28)}
    assert origins(facts, D(2028, 2, 29)) == {"birthday:7:2028": D(2028, 2, 29)}
    # a week ahead (lookahead 7), never after the day: late wishes are worthless
    assert origins(facts, D(2027, 2, 21)) == {"birthday:7:2027": D(2027, 2, 28)}
    assert origins(facts, D(2027, 2, 20)) == {}
    assert origins(facts, D(2027, 3, 1)) == {}


def test_birthday_across_the_new_year_and_days_before():
    facts = r.Facts(birthdays=[r.Birthday(3, D(1990, 1, 2))])
    assert origins(facts, D(2026, 12, 28)) == {"birthday:3:2027": D(2027, 1, 2)}
    ahead = r.ReminderSettings(birthday_days_before=5, lookahead_days=0)
    assert origins(facts, D(2026, 12, 28), ahead) == {"birthday:3:2027": D(2026, 12, 28)}
    assert origins(facts, D(2026, 12, 27), ahead) == {}


def test_a_reminder_missed_while_crmdesk_was_closed_comes_late_but_a_history_is_no_backlog():
    meeting = r.Facts(followups=[r.FollowUp(12, 4, D(2026, 3, 2), "meeting")])  # follow-up due 09/03
    today = D(2026, 3, 20)
    assert origins(meeting, today) == {"followup:12": D(2026, 3, 9)}  # within its grace
    # last opened on 05/03: it fell due while crmdesk was closed -> made late
    assert origins(meeting, today, last_run=D(2026, 3, 5)) == {"followup:12": D(2026, 3, 9)}
    # last opened on 10/03, when it was already due: not made again (nor late)
    assert origins(meeting, today, last_run=D(2026, 3, 10)) == {}
    # the first run on a file (just imported): only what is due from today on
    assert origins(meeting, today, last_run=r.FIRST_RUN) == {}
    assert origins(meeting, D(2026, 3, 5), last_run=r.FIRST_RUN) == {"followup:12": D(2026, 3, 9)}


def test_follow_up_n_days_after_31_january():
    meeting = r.FollowUp(12, 4, D(2026, 1, 31), "meeting", "Présentation")
    thirty = r.ReminderSettings(followup_days=30)
    assert r.days_after(D(2026, 1, 31), 30) == D(2026, 3, 2)
    assert r.days_after(D(2028, 1, 31), 30) == D(2028, 3, 1)
    assert origins(r.Facts(followups=[meeting]), D(2026, 2, 23), thirty) == {"followup:12": D(2026, 3, 2)}
    assert origins(r.Facts(followups=[meeting]), D(2026, 2, 22), thirty) == {}  # more than a week ahead
    [reminder] = r.due_reminders(r.Facts(followups=[meeting]), DEFAULTS, D(2026, 2, 1))
    assert reminder.due == D(2026, 2, 7) and reminder.contact_id == 4
    assert reminder.title == "Relancer après le rendez-vous du 31/01/2026 « Présentation »"
    assert origins(r.Facts(followups=[meeting]), D(2026, 1, 30)) == {}  # not before the meeting


def test_usual_interval_is_the_median_gap_between_order_days():
    assert r.usual_interval([D(2026, 1, 1)]) is None
    assert r.usual_interval([D(2026, 1, 1), D(2026, 1, 1)]) is None  # one order day
    assert r.usual_interval([D(2026, 1, 1), D(2026, 1, 31), D(2026, 2, 10), D(2026, 3, 12)]) == 30
    assert r.usual_interval([D(2026, 1, 1), D(2026, 1, 11), D(2026, 1, 22)]) == 11  # (10 + 11) / 2 -> 11
    assert r.reorder_date([D(2026, 1, 31), D(2026, 1, 1)]) == (D(2026, 3, 2), 30)
    assert r.reorder_date([D(2024, 1, 1), D(2026, 1, 1)]) is None  # no habit over a year


def test_reorder_reminder_only_once_the_client_is_late():
    history = r.Facts(orders=[r.OrderDays(5, (D(2024, 1, 31), D(2024, 2, 29), D(2024, 1, 1)))])
    # gaps 30 and 29 -> 29.5 -> 30; last 29/02/2024 + 30 = 30/03/2024
    assert origins(history, D(2024, 3, 30)) == {}
    [late] = r.due_reminders(history, DEFAULTS, D(2024, 3, 31))
    assert (late.origin, late.due) == ("reorder:5:2024-02-29", D(2024, 3, 31))
    assert "tous les 30 jours" in late.title
    assert origins(history, D(2024, 4, 29)) == {"reorder:5:2024-02-29": D(2024, 3, 31)}
    assert origins(history, D(2024, 4, 30)) == {}  # a month late: lapsed


def test_loyalty_card_points_and_complaints_before_their_dates():
    facts = r.Facts(
        cards=[r.CardExpiry(1, D(2026, 3, 31))],
        points=[r.PointsExpiry(2, D(2026, 3, 1), 150), r.PointsExpiry(3, D(2026, 3, 1), 0)],
        complaints=[r.ComplaintDue(9, 1, D(2026, 12, 1), "R-2026-0009")],
    )
    found = {x.origin: x for x in r.due_reminders(facts, DEFAULTS, D(2026, 2, 24))}
    assert set(found) == {"card:1:2026-03-31", "points:2:2026-03-01"}
    assert found["card:1:2026-03-31"].due == D(2026, 3, 1)  # 30 days before the end
    assert found["points:2:2026-03-01"].due == D(2026, 1, 30)  # 30 days before 1 March 2026
    assert found["points:2:2026-03-01"].title.startswith("150 points de fidélité expirent le 01/03/2026")
    assert origins(facts, D(2026, 4, 1)) == {}  # expired: too late to warn
    complaint = origins(facts, D(2026, 11, 23))
    assert complaint == {"complaint:9:2026-12-01": D(2026, 11, 30)}


def test_switches_turn_kinds_off():
    facts = r.Facts(birthdays=[r.Birthday(1, D(1980, 6, 1))], cards=[r.CardExpiry(1, D(2026, 6, 20))])
    assert len(r.due_reminders(facts, DEFAULTS, D(2026, 6, 1))) == 2
    off = r.ReminderSettings(birthday_enabled=False, loyalty_enabled=False)
    assert r.due_reminders(facts, off, D(2026, 6, 1)) == []


def test_settings_from_stored_values_keep_defaults_for_bad_ones():
    chosen = r.settings_from(
        {
            "reminders.followup.days": "10",
            "reminders.birthday.enabled": False,
            "reminders.loyalty.days_before": "beaucoup",
            "reminders.lookahead_days": 999,
        }
    )
    assert chosen.followup_days == 10 and chosen.birthday_enabled is False
    assert chosen.loyalty_days_before == 30 and chosen.lookahead_days == 7
    assert r.SETTING_KEYS["loyalty_days_before"] == "reminders.loyalty.days_before"


@pytest.mark.parametrize("kind", ["followup", "birthday", "card", "points", "complaint"])
def test_fact_window_holds_every_fact_that_gives_a_reminder(kind):
    today = D(2026, 2, 27)
    start, end = r.fact_window(kind, DEFAULTS, today)
    day = D(2025, 12, 1)
    while day < D(2026, 5, 1):
        facts = {
            "followup": r.Facts(followups=[r.FollowUp(1, 1, day, "quote")]),
            "birthday": r.Facts(birthdays=[r.Birthday(1, day.replace(year=1980))]),
            "card": r.Facts(cards=[r.CardExpiry(1, day)]),
            "points": r.Facts(points=[r.PointsExpiry(1, day, 5)]),
            "complaint": r.Facts(complaints=[r.ComplaintDue(1, 1, day, "R")]),
        }[kind]
        if r.due_reminders(facts, DEFAULTS, today):
            assert start <= day <= end, day
        day += dt.timedelta(days=1)


def test_validate_task():
    task = r.validate_task({"title": " Rappeler ", "due_at": "24/11/2026 9h30", "kind": "call"})
    assert task["title"] == "Rappeler" and task["due_at"] == "2026-11-24T09:30"
    assert r.validate_task({"title": "x", "due_at": "2026-11-24"})["due_at"] == "2026-11-24"
    with pytest.raises(ValidationError) as error:
        r.validate_task({"title": "", "due_at": "31/02/2026", "kind": "nap"})
    assert set(error.value.problems) == {"titre", "échéance", "type"}
