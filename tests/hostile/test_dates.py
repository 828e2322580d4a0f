"""Dates that do not exist (31/02, 29/02 of a common year, month 13) and
ambiguous ones (01/02/03): refused with a French message wherever a date is
typed — the contact rules, the import, every date option of the command
line, the dialogs — and never read as another date (day and month swapped,
the year guessed)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from crmdesk.cli.main import main
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.gui.clients.client_dialog import ClientDialog
from crmdesk.gui.followup.interaction_dialog import InteractionDialog
from crmdesk.gui.followup.task_dialog import TaskDialog
from crmdesk.gui.orders.commands import UndoableOrderActions
from crmdesk.gui.orders.order_dialog import OrderDialog
from crmdesk.gui.session import Session
from crmdesk.io.clients import import_clients
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.parties import PartyStore
from crmdesk.store.tasks import TaskStore
from tests.hostile.values import HOSTILE_DATES, assert_french
from tests.io.helpers import write_csv

NOW = dt.datetime(2026, 11, 23, 15, 0)


@pytest.fixture
def client(contacts):
    return contacts.create({"code": "C1", "last_name": "Durand", "first_name": "Zoé"})


def refused(problems: dict[str, str], field: str, typed: str) -> None:
    assert field in problems, problems
    assert_french(problems[field])
    assert typed in problems[field]  # the message quotes what was typed


# -- the stores ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", HOSTILE_DATES)
@pytest.mark.parametrize("field", ["birth_date", "first_contact", "consent_email_date"])
def test_contact_dates(contacts, typed, field):
    with pytest.raises(ValidationError) as error:
        contacts.create({"last_name": "Durand", field: typed})
    refused(error.value.problems, field, typed)
    assert contacts.count(ContactQuery()) == 0


@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_contact_edit_keeps_the_date(contacts, client, typed):
    contacts.update(client, {"birth_date": "12/03/1980"})
    with pytest.raises(ValidationError) as error:
        contacts.update(client, {"birth_date": typed})
    refused(error.value.problems, "birth_date", typed)
    assert contacts.get(client)["birth_date"] == "1980-03-12"


@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_interaction_task_order_party_and_complaint_dates(database, client, typed):
    with pytest.raises(ValidationError) as error:
        InteractionStore(database).add(
            {"contact_id": client, "at": typed, "channel": "phone", "subject": "Appel"}, now=NOW
        )
    refused(error.value.problems, "date", typed)
    with pytest.raises(ValidationError) as error:
        TaskStore(database).create({"title": "Rappeler", "due_at": typed})
    refused(error.value.problems, "échéance", typed)
    with pytest.raises(ValidationError) as error:
        OrderStore(database).create(NewOrder(client, typed, 1_000), today=NOW.date())
    assert_french("; ".join(error.value.problems.values()))
    with pytest.raises(CrmError) as error:
        PartyStore(database).save({"host_id": client, "date": typed})
    assert_french(str(error.value.problems if isinstance(error.value, ValidationError) else error.value))
    for table in ("interactions", "tasks", "orders", "parties"):
        assert database.scalar(f"SELECT count(*) FROM {table}") == 0, table
    assert ComplaintStore(database).queue(NOW.date()) == []


@pytest.mark.parametrize("typed", ["20261114", "2026-W46-6", "2026-11-14T10:00"])
def test_a_party_date_is_iso_text(database, client, typed):
    """Python reads these as dates too; stored as typed, they would sort and compare wrong."""
    with pytest.raises(ValidationError) as error:
        PartyStore(database).save({"host_id": client, "date": typed})
    refused(error.value.problems, "date", typed)
    assert database.scalar("SELECT count(*) FROM parties") == 0


# -- the import ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_import_leaves_the_date_out_and_names_its_line(database, contacts, tmp_path, typed):
    path = write_csv(
        tmp_path / "c.csv",
        ["code", "last_name", "birth_date", "first_contact"],
        [["K1", "Dupont", "12/03/1980", "01/02/2026"], ["K2", "Martin", typed, ""], ["K3", "Durand", "", typed]],
    )
    rejects = []
    result = import_clients(database, path, on_reject=rejects.append)
    assert (result.inserted, result.rejected) == (3, 0)
    assert [w.line for w in result.warnings] == [3, 4]
    for warning in result.warnings:
        assert_french(warning.text)
        assert typed in warning.text
    for code in ("K2", "K3"):
        stored = contacts.get(contacts.id_of_code(code))
        assert not stored["birth_date"] and not stored["first_contact"]
    kept = contacts.get(contacts.id_of_code("K1"))
    assert (kept["birth_date"], kept["first_contact"]) == ("1980-03-12", "2026-02-01")  # never swapped
    # --strict: the rows are rejected with their line, and nothing is imported
    strict = import_clients(
        database,
        write_csv(
            tmp_path / "d.csv",
            ["code", "last_name", "birth_date"],
            [["K4", "Petit", "01/01/1990"], ["K5", "Roux", typed]],
        ),
        on_reject=rejects.append,
        strict=True,
    )
    assert strict.rolled_back and [r.line for r in rejects] == [3]
    assert_french(rejects[0].reason) and typed in rejects[0].reason
    assert contacts.id_of_code("K4") is None


# -- the command line ------------------------------------------------------------------------------------
@pytest.fixture
def client_file(tmp_path, client, database):
    database.close()
    return tmp_path / "clients.sqlite"


COMMANDS = {
    "tasks --due-before": ["tasks", "--db", "{db}", "--due-before", "{date}"],
    "tasks --today": ["tasks", "--db", "{db}", "--today", "{date}"],
    "kpi --from": ["kpi", "--db", "{db}", "--from", "{date}"],
    "kpi --to": ["kpi", "--db", "{db}", "--to", "{date}"],
    "rfm --as-of": ["rfm", "--db", "{db}", "--as-of", "{date}"],
    "segments --as-of": ["segments", "--db", "{db}", "--as-of", "{date}"],
    "sheet --as-of": ["sheet", "--db", "{db}", "--all", "--out", "{out}", "--as-of", "{date}"],
    "loyalty balance --as-of": ["loyalty", "balance", "--db", "{db}", "--client", "C1", "--as-of", "{date}"],
    "loyalty earn --since": ["loyalty", "earn", "--db", "{db}", "--since", "{date}"],
    "loyalty rebate --period": ["loyalty", "rebate", "--db", "{db}", "--period", "{date}"],
    "reps --period": ["reps", "--db", "{db}", "--period", "{date}"],
    "gdpr retention --as-of": ["gdpr", "retention", "--db", "{db}", "--as-of", "{date}"],
    "gdpr requests --received": [
        "gdpr",
        "requests",
        "--db",
        "{db}",
        "--add",
        "access",
        "--client",
        "C1",
        "--received",
        "{date}",
    ],
    "complaint add --received": [
        "complaint",
        "add",
        "--db",
        "{db}",
        "--client",
        "C1",
        "--subject",
        "Colis",
        "--received",
        "{date}",
    ],
}


@pytest.mark.parametrize("typed", HOSTILE_DATES)
@pytest.mark.parametrize("command", COMMANDS)
def test_command_line_date_options(client_file, tmp_path, capsys, command, typed):
    before = client_file.read_bytes()
    argv = [a.format(db=client_file, out=tmp_path / "out.pdf", date=typed) for a in COMMANDS[command]]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    message = captured.err.strip().splitlines()[-1]
    assert "erreur" in message and typed in message, message
    assert_french(message.split(" : ", 2)[-1])
    assert client_file.read_bytes() == before  # nothing ran
    assert not (tmp_path / "out.pdf").exists()


# -- the dialogs ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_client_dialog_birth_date(qtbot, contacts, typed):
    dialog = ClientDialog(Session(contacts.database))
    qtbot.addWidget(dialog)
    dialog.editors["last_name"].setText("Leroy")
    dialog.editors["birth_date"].setText(typed)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == 0 and contacts.count(ContactQuery()) == 0
    assert_french(dialog.errors["birth_date"].text())
    assert typed in dialog.errors["birth_date"].text()


@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_order_dialog_date(qtbot, database, client, typed):
    session = Session(database)
    actions = UndoableOrderActions(session.orders, session.undo_stack, session.ordersChanged.emit)
    dialog = OrderDialog(session.orders, client, save=actions.add, today=NOW.date())
    qtbot.addWidget(dialog)
    dialog.date_edit.setText(typed)
    dialog.amount_edit.setText("12,50")
    order, problems = dialog.order()
    assert order is None
    refused(problems, "date", typed)


@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_task_and_interaction_dialogs(qtbot, database, client, typed):
    tasks = TaskDialog(Session(database), contact_id=client)
    qtbot.addWidget(tasks)
    tasks.title_edit.setText("Rappeler")
    tasks.due_edit.setText(typed)
    assert tasks.submit() is False
    assert_french(tasks.errors["due_at"].text())
    exchange = InteractionDialog(Session(database), client, now=NOW)
    qtbot.addWidget(exchange)
    exchange.at_edit.setText(typed)
    exchange.subject_edit.setText("Appel")
    assert exchange.submit() is False
    assert_french(exchange.errors["at"].text())
    assert database.scalar("SELECT count(*) FROM tasks") == database.scalar("SELECT count(*) FROM interactions") == 0
