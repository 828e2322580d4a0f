"""The answer deadline in French business days (domain/deadline.py)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmdesk.domain.deadline import (
    due_date,
    is_working_day,
    normalize_day_kind,
    normalize_subdivision,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    "received,day_kind,expected",
    [
        # a week without holidays: the reception day never counts
        (D(2026, 11, 23), "ouvrables", D(2026, 11, 28)),  # Mon -> Sat
        (D(2026, 11, 23), "ouvres", D(2026, 11, 30)),  # Mon -> next Mon
        (D(2026, 11, 20), "ouvrables", D(2026, 11, 26)),  # Fri: Sat counts, Sun does not
        (D(2026, 11, 20), "ouvres", D(2026, 11, 27)),  # Fri: the weekend does not count
        (D(2026, 11, 21), "ouvres", D(2026, 11, 27)),  # received Sat (not worked): Mon is day 1
        # received on a Sunday: counting starts on Monday
        (D(2026, 11, 22), "ouvrables", D(2026, 11, 27)),
        (D(2026, 11, 22), "ouvres", D(2026, 11, 27)),
        # Christmas (Fri 25/12/2026) and New Year (Fri 1/1/2027)
        (D(2026, 12, 24), "ouvrables", D(2026, 12, 31)),
        (D(2026, 12, 24), "ouvres", D(2027, 1, 4)),
        (D(2026, 12, 25), "ouvrables", D(2026, 12, 31)),  # received on a holiday
        (D(2026, 12, 28), "ouvrables", D(2027, 1, 4)),
        (D(2026, 12, 28), "ouvres", D(2027, 1, 5)),
        # Easter Monday 6/4/2026
        (D(2026, 4, 3), "ouvrables", D(2026, 4, 10)),
        (D(2026, 4, 3), "ouvres", D(2026, 4, 13)),
        # Ascension Thu 14/5/2026, Whit Monday 25/5/2026
        (D(2026, 5, 13), "ouvrables", D(2026, 5, 20)),
        (D(2026, 5, 13), "ouvres", D(2026, 5, 21)),
        (D(2026, 5, 22), "ouvrables", D(2026, 5, 29)),
        (D(2026, 5, 22), "ouvres", D(2026, 6, 1)),
        # 1st and 8th May 2026 are Fridays
        (D(2026, 4, 30), "ouvres", D(2026, 5, 11)),
    ],
)
def test_due_date_mainland(received, day_kind, expected):
    assert due_date(received, 5, day_kind) == expected
    assert working_days_between(received, expected, day_kind) == 5


def test_datetime_reception_and_defaults():
    assert due_date(dt.datetime(2026, 11, 22, 23, 59)) == D(2026, 11, 27)
    assert due_date(dt.datetime(2026, 11, 23, 0, 1)) == D(2026, 11, 28)
    assert due_date(D(2026, 11, 23), 0) == D(2026, 11, 23)
    assert due_date(D(2026, 11, 23), 1) == D(2026, 11, 24)
    assert due_date(D(2026, 11, 23), 5, "ouvrés") == D(2026, 11, 30)  # the accent is accepted


@pytest.mark.parametrize("subdivision", ["57", "6AE", "67", "68"])
def test_alsace_moselle(subdivision):
    # Good Friday 3/4/2026 and Saint Stephen 26/12 are holidays there only
    assert due_date(D(2026, 4, 2), 5, "ouvres") == D(2026, 4, 10)
    assert due_date(D(2026, 4, 2), 5, "ouvres", subdivision) == D(2026, 4, 13)
    assert due_date(D(2026, 12, 24), 5, "ouvrables") == D(2026, 12, 31)
    assert due_date(D(2026, 12, 24), 5, "ouvrables", subdivision) == D(2027, 1, 2)
    assert not is_working_day(D(2026, 12, 26), "ouvrables", subdivision)
    assert is_working_day(D(2026, 12, 26), "ouvrables", None)
    assert is_working_day(D(2026, 12, 26), "ouvrables", "")


def test_subdivisions_and_day_kinds():
    assert normalize_subdivision("") is None and normalize_subdivision(None) is None
    assert normalize_subdivision("67") == normalize_subdivision("68") == "6AE"
    assert normalize_subdivision("Moselle") == "57"
    assert normalize_subdivision("974") == "974"
    with pytest.raises(ValueError, match="subdivision inconnue"):
        normalize_subdivision("99")
    with pytest.raises(ValueError, match="ouvrables ou ouvres"):
        normalize_day_kind("calendaires")
    with pytest.raises(ValueError):
        due_date(D(2026, 1, 1), -1)


def test_working_days_between():
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 23)) == 0
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 30), "ouvres") == 5
    assert working_days_between(D(2026, 11, 30), D(2026, 11, 23), "ouvres") == -5
    assert working_days_between(D(2026, 12, 24), D(2027, 1, 2), "ouvrables", "57") == 5


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31)),
    st.integers(1, 30),
    st.sampled_from(["ouvrables", "ouvres"]),
    st.sampled_from([None, "57", "6AE", "971"]),
)
def test_due_date_properties(received, days, day_kind, subdivision):
    due = due_date(received, days, day_kind, subdivision)
    assert due > received
    assert is_working_day(due, day_kind, subdivision)
    assert working_days_between(received, due, day_kind, subdivision) == days
    if day_kind == "ouvres":  # Monday–Friday never allows fewer days than Monday–Saturday
        assert due >= due_date(received, days, "ouvrables", subdivision)
