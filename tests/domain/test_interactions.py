"""Interactions: the CROC outline, dates and times, French reasons."""

import datetime as dt

import pytest

from crmdesk.domain import interactions as rules
from crmdesk.domain.errors import CrmError, ValidationError

NOW = dt.datetime(2026, 11, 23, 15, 0)


def test_croc_template_has_the_four_headings_in_order():
    text = rules.croc_template()
    assert text == "Contact :\n\n\nRaison :\n\n\nObjectif :\n\n\nConclusion :\n"
    assert rules.croc_template(("C", "R", "O", "C2")).splitlines()[0] == "C :"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("23/11/2026 14:30", dt.datetime(2026, 11, 23, 14, 30)),
        ("2026-11-23T14:30:00", dt.datetime(2026, 11, 23, 14, 30)),
        ("23/11/2026 9h05", dt.datetime(2026, 11, 23, 9, 5)),
        ("23/11/2026 9h", dt.datetime(2026, 11, 23, 9, 0)),
        ("23/11/2026", dt.datetime(2026, 11, 23, 0, 0)),
    ],
)
def test_parse_moment(text, expected):
    assert rules.parse_moment(text) == expected


@pytest.mark.parametrize("text", ["", "23/11/2026 25:00", "23/11/2026 midi", "30/02/2026 10:00"])
def test_parse_moment_refuses(text):
    with pytest.raises(CrmError):
        rules.parse_moment(text)


def test_validate_cleans_and_defaults():
    row = rules.validate(
        {
            "contact_id": "4",
            "at": "20/11/2026 10:00",
            "channel": "phone",
            "subject": "  Devis cuisine ",
            "notes": "",
            "rep_id": "",
        },
        now=NOW,
    )
    assert row == {
        "contact_id": 4,
        "at": "2026-11-20T10:00",
        "channel": "phone",
        "direction": "out",
        "kind": "contact",
        "subject": "Devis cuisine",
        "notes": None,
        "rep_id": None,
    }


def test_validate_gives_every_reason_in_french():
    with pytest.raises(ValidationError) as error:
        rules.validate({"at": "24/11/2026 10:00", "channel": "fax", "direction": "up", "kind": "x"}, now=NOW)
    problems = error.value.problems
    assert problems["client"] == "obligatoire"
    assert problems["date"].startswith("date dans le futur")
    assert "« fax » inconnu" in problems["canal"] and "sens" in problems and "type" in problems
    assert problems["objet"] == "obligatoire (ou des notes)"
    # notes alone are enough
    assert (
        rules.validate({"contact_id": 1, "at": NOW, "channel": "counter", "notes": "Passé en boutique"}, now=NOW)[
            "subject"
        ]
        is None
    )
