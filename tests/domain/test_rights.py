"""Rights requests: one month to answer, alerts 7 days ahead."""

import datetime as dt

import pytest

from crmdesk.domain import rights
from crmdesk.domain.errors import ValidationError

D = dt.date


@pytest.mark.parametrize(
    "received,due",
    [
        (D(2026, 11, 2), D(2026, 12, 2)),
        (D(2026, 12, 15), D(2027, 1, 15)),  # over the year end
        (D(2026, 1, 31), D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2028, 1, 31), D(2028, 2, 29)),  # leap year
        (D(2026, 3, 31), D(2026, 4, 30)),
        (D(2026, 2, 28), D(2026, 3, 28)),
    ],
)
def test_due_one_month_later(received, due):
    assert rights.due_date(received) == due


def test_states_and_alerts():
    request = {"due_on": "2026-12-02", "answered_on": None}
    assert rights.state(request, D(2026, 11, 24)) == "open"  # 8 days left
    assert rights.state(request, D(2026, 11, 25)) == "due_soon"  # 7 days left
    assert rights.state(request, D(2026, 12, 2)) == "due_soon"  # due today
    assert rights.state(request, D(2026, 12, 3)) == "overdue"
    assert rights.days_left(request, D(2026, 12, 5)) == -3
    assert rights.state({**request, "answered_on": "2026-12-10"}, D(2027, 1, 1)) == "answered"


def test_validate():
    clean = rights.validate({"kind": "erasure", "requester": " Mme Revel ", "received_on": "2026-01-31"})
    assert clean == {"kind": "erasure", "requester": "Mme Revel", "received_on": "2026-01-31", "due_on": "2026-02-28"}
    with pytest.raises(ValidationError) as caught:
        rights.validate({"kind": "oubli", "received_on": "31/01/2026"})
    assert set(caught.value.problems) == {"type", "reçue le", "demandeur"}
    with pytest.raises(ValidationError, match="précéder"):
        rights.validate({"kind": "access", "contact_id": 1, "received_on": "2026-02-01", "answered_on": "2026-01-01"})
