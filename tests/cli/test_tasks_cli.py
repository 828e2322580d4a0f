"""crmdesk tasks: reminders generated first (once), then the open tasks in CSV or JSON.

Parsed by a parser holding only this command (crmdesk/cli/main.py wires it
the same way: register(commands, formatter) and handler « tasks »).
"""

import csv
import io
import json

import pytest

from crmdesk.store.contacts import ContactStore
from crmdesk.store.tasks import TaskStore
from tests.helpers.backend import handed_over
from tests.helpers.cli import cli

pytestmark = pytest.mark.both_kinds


@pytest.fixture
def client_file(database):
    anne = ContactStore(database).create(
        {"last_name": "Martin", "first_name": "Anne", "code": "C000001", "birth_date": "1984-02-29"}
    )
    TaskStore(database).create({"contact_id": anne, "title": "Envoyer le catalogue", "due_at": "2027-02-20"})
    TaskStore(database).create({"title": "Ranger la réserve"})
    return handed_over(database)


def test_generates_reminders_once_then_lists_open_tasks_in_csv(client_file, capsys):
    assert cli("tasks", "--db", client_file, "--today", "27/02/2027") == 0
    captured = capsys.readouterr()
    assert "1 relance créée ; 3 tâches à faire." in captured.err
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [(r["due_at"], r["title"]) for r in rows] == [
        ("2027-02-20", "Envoyer le catalogue"),
        ("2027-02-28", "Souhaiter l'anniversaire (28/02/2027)"),
        ("", "Ranger la réserve"),
    ]
    assert rows[1]["origin"] == "birthday:1:2027" and rows[1]["client_code"] == "C000001"
    assert cli("tasks", "--db", client_file, "--today", "2027-02-27") == 0
    assert "0 relance créée ; 3 tâches à faire." in capsys.readouterr().err


def test_due_before_is_inclusive_and_json(client_file, capsys):
    assert (
        cli("tasks", "--db", client_file, "--today", "2027-02-27", "--due-before", "2027-02-20", "--format", "json")
        == 0
    )
    [task] = json.loads(capsys.readouterr().out)
    assert task["title"] == "Envoyer le catalogue" and task["client_name"] == "MARTIN Anne"


def test_bad_date_is_a_usage_error_in_french(client_file, capsys):
    assert cli("tasks", "--db", client_file, "--due-before", "31/02/2027") == 2
    assert "date impossible" in capsys.readouterr().err


def test_help_says_reminders_come_first(capsys):
    assert cli("tasks", "--help") == 0
    out = capsys.readouterr().out
    assert "Crée d'abord les relances automatiques" in out and "--due-before" in out
