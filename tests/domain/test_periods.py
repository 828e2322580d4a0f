"""Dashboard periods: bounds, previous, year on year, series, labels."""

import datetime as dt

import pytest

from crmdesk.domain.periods import Period, bounds, custom, previous, same_period_last_year, series

D = dt.date


def test_bounds_and_labels():
    assert bounds("month", D(2026, 2, 14)) == Period("month", D(2026, 2, 1), D(2026, 2, 28))
    assert bounds("month", D(2028, 2, 29)).end == D(2028, 2, 29)
    quarter = bounds("quarter", D(2026, 11, 23))
    assert (quarter.start, quarter.end, quarter.label) == (D(2026, 10, 1), D(2026, 12, 31), "T4 2026")
    assert bounds("year", D(2026, 11, 23)).label == "2026"
    assert bounds("month", D(2026, 11, 23)).label == "novembre 2026"
    assert bounds("month", D(2026, 11, 23)).short_label == "nov. 2026"
    assert custom(D(2026, 1, 1), D(2026, 11, 23)).label == "01/01/2026 – 23/11/2026"


def test_previous_crosses_year_ends_and_keeps_custom_lengths():
    assert previous(bounds("month", D(2026, 1, 10))) == bounds("month", D(2025, 12, 1))
    assert previous(bounds("quarter", D(2026, 2, 1))).label == "T4 2025"
    assert previous(custom(D(2026, 3, 1), D(2026, 3, 10))) == custom(D(2026, 2, 19), D(2026, 2, 28))


def test_same_period_last_year_and_series():
    assert same_period_last_year(bounds("month", D(2028, 2, 29))) == bounds("month", D(2027, 2, 1))
    assert same_period_last_year(custom(D(2028, 2, 29), D(2028, 3, 5))).start == D(2027, 2, 28)
    months = series("month", D(2026, 11, 23), 12)
    assert [m.start.month for m in months] == [12, *range(1, 12)] and months[0].start.year == 2025


def test_a_period_never_ends_before_it_starts():
    with pytest.raises(ValueError):
        custom(D(2026, 2, 1), D(2026, 1, 31))
