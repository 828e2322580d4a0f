"""TaskStore: tasks, « Aujourd'hui », agenda, and reminders never generated twice."""

import datetime as dt

import pytest

from crmdesk.domain import reminders as rules
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.tasks import TaskStore
from tests.helpers.backend import reopen

pytestmark = pytest.mark.both_kinds

D = dt.date
TODAY = D(2026, 11, 25)  # a Wednesday


@pytest.fixture
def store(database):
    return TaskStore(database)


@pytest.fixture
def anne(contacts):
    return contacts.create({"last_name": "Martin", "first_name": "Anne", "birth_date": "1984-02-29"})


def test_create_update_done_delete_with_audit(store, anne, database):
    task_id = store.create(
        {"contact_id": anne, "title": "Rappeler pour le devis", "kind": "call", "due_at": "26/11/2026 10:00"}
    )
    task = store.get(task_id)
    assert (task["due_at"], task["client_name"], task["done"]) == ("2026-11-26T10:00", "MARTIN Anne", False)
    store.update(task_id, {"due_at": "2026-11-27"})
    store.set_done(task_id)
    assert store.get(task_id)["done"] is True
    store.set_done(task_id, False)
    assert store.get(task_id)["done_at"] is None
    actions = [
        r[0]
        for r in database.query(
            "SELECT action FROM audit_log WHERE entity = 'task' AND entity_id = ? ORDER BY id", (task_id,)
        )
    ]
    assert actions == ["create", "update", "done", "undone"]
    store.delete(task_id)
    assert store.get(task_id) is None
    with pytest.raises(ValidationError):
        store.create({"title": " "})
    with pytest.raises(CrmError, match="n'existe plus"):
        store.set_done(task_id)


def test_today_view_splits_overdue_today_and_the_rest_of_the_week(store, anne):
    for title, due in (
        ("hier", "2026-11-24T17:00"),
        ("ce matin", "2026-11-25T09:00"),
        ("aujourd'hui", "2026-11-25"),
        ("dimanche", "2026-11-29"),
        ("lundi", "2026-11-30"),
        ("sans date", None),
    ):
        store.create({"contact_id": anne, "title": title, "due_at": due})
    done = store.create({"title": "fait", "due_at": "2026-11-20"})
    store.set_done(done)
    view = store.today_view(TODAY)
    assert [t["title"] for t in view["overdue"]] == ["hier"]
    assert [t["title"] for t in view["today"]] == ["aujourd'hui", "ce matin"]
    assert [t["title"] for t in view["week"]] == ["dimanche"]
    assert view["counts"] == {"overdue": 1, "today": 2, "week": 1}
    assert store.due_count(TODAY) == 3
    assert [t["title"] for t in store.agenda(D(2026, 11, 20), D(2026, 11, 30))] == [
        "fait",
        "hier",
        "aujourd'hui",
        "ce matin",
        "dimanche",
        "lundi",
    ]
    assert [t["title"] for t in store.open_tasks(D(2026, 11, 25))] == ["hier"]
    assert store.open_tasks()[-1]["title"] == "sans date"
    assert len(store.today_view(TODAY, limit=1)["today"]) == 1


def test_reminders_are_never_generated_twice_on_restart(contacts, anne):
    database = contacts.database
    orders = OrderStore(database)
    for day in ("2026-08-01", "2026-09-01", "2026-10-01"):
        orders.create(NewOrder(anne, day, 10_000), today=TODAY)
    InteractionStore(database).add(
        {
            "contact_id": anne,
            "at": "2026-11-20 14:00",
            "channel": "visit",
            "kind": "meeting",
            "subject": "Démonstration",
        },
        now=dt.datetime(2026, 11, 25),
    )
    ComplaintStore(database).create(
        {"contact_id": anne, "subject": "Colis abîmé"}, received_at=dt.datetime(2026, 11, 23, 10)
    )  # due 28/11
    database.conn.execute(
        "INSERT INTO loyalty_cards(contact_id, number, valid_from, valid_until) "
        "VALUES (?, 'F-1', '2025-12-01', '2026-12-20')",
        (anne,),
    )
    database.conn.execute(
        "INSERT INTO loyalty_ledger(contact_id, at, points, reason, expires_on) "
        "VALUES (?, '2025-12-01', 120, 'order', '2026-12-31'), "
        "(?, '2026-01-05', -20, 'reward', NULL)",
        (anne, anne),
    )
    store = TaskStore(database)
    assert store.generate_reminders(D(2026, 11, 1)) == 0  # nothing due yet that day
    assert store.generate_reminders(TODAY) == 5  # then what fell due since, late or not
    origins = {t["origin"]: t["due_at"] for t in store.open_tasks()}
    assert origins == {
        f"reorder:{anne}:2026-10-01": "2026-11-02",  # gaps 31 and 30 -> 31 days: late from 2 Nov
        "followup:1": "2026-11-27",
        "complaint:1:2026-11-28": "2026-11-27",
        f"card:{anne}:2026-12-20": "2026-11-20",
        f"points:{anne}:2026-12-31": "2026-12-01",
    }
    assert any(t["title"].startswith("100 points de fidélité expirent le 31/12/2026") for t in store.open_tasks())
    assert store.generate_reminders(TODAY) == 0
    database.close()
    reopened = reopen(database)
    try:
        again = TaskStore(reopened)
        assert again.generate_reminders(TODAY) == 0
        assert reopened.scalar("SELECT count(*) FROM tasks") == 5
        # a reminder done stays done: it is not made again
        first = again.open_tasks()[0]["id"]
        again.set_done(first)
        assert again.generate_reminders(TODAY) == 0 and len(again.open_tasks()) == 4
    finally:
        reopened.close()


def test_birthday_of_29_february_and_switches_from_the_settings(store, anne):
    assert store.generate_reminders(D(2027, 2, 27)) == 1
    [task] = store.open_tasks()
    assert (task["origin"], task["due_at"]) == (f"birthday:{anne}:2027", "2027-02-28")
    store.set_reminder_settings(rules.ReminderSettings(birthday_enabled=False, followup_days=3))
    assert store.reminder_settings().birthday_enabled is False
    assert store.settings.get("reminders.followup.days") == 3
    assert store.generate_reminders(D(2028, 2, 29)) == 0


def test_a_new_order_moves_the_reorder_date(store, anne, database):
    orders = OrderStore(database)
    for day in ("2026-01-10", "2026-02-10"):
        orders.create(NewOrder(anne, day, 5_000), today=TODAY)
    assert store.generate_reminders(D(2026, 3, 13)) == 0  # expected 13/03: not late yet
    orders.create(NewOrder(anne, "2026-03-12", 5_000), today=TODAY)
    assert store.generate_reminders(D(2026, 3, 14)) == 0  # bought again: next date 12/04
    assert store.generate_reminders(D(2026, 4, 14)) == 1
    assert store.open_tasks()[0]["origin"] == f"reorder:{anne}:2026-03-12"


def test_a_reminder_is_ticked_done_not_deleted(store, anne):
    store.generate_reminders(D(2027, 2, 27))
    [task] = store.open_tasks()
    with pytest.raises(CrmError, match="ne se supprime pas"):
        store.delete(task["id"])
    assert store.get(task["id"]) is not None


def test_a_trashed_clients_tasks_wait_with_it_and_reminders_go_to_its_rep(database):
    import datetime as dt

    from crmdesk.store.contacts import ContactStore
    from crmdesk.store.tasks import TaskStore

    contacts = ContactStore(database)
    with database.atomic():
        rep = database.conn.execute("INSERT INTO reps(code, name) VALUES ('CV', 'Claire Vasseur')").lastrowid
    client = contacts.create({"last_name": "Poubelle", "rep_id": rep, "birth_date": "1980-11-24"})
    store = TaskStore(database)
    today = dt.date(2026, 11, 23)
    store.generate_reminders(today)
    birthday = [t for t in store.open_tasks() if t["kind"] == "birthday"]
    assert [t["rep_name"] for t in birthday] == ["Claire Vasseur"]
    assert store.today_view(today)["counts"]["week"] == 1
    contacts.trash(client)
    assert store.today_view(today)["counts"]["week"] == 0 and store.open_tasks() == []
    contacts.restore(client)
    assert store.today_view(today)["counts"]["week"] == 1


def _born(contacts, count: int, first: dt.date) -> None:
    """`count` clients born in 1980, one birthday a day from `first` on, through an import-like bulk write."""
    for i in range(count):
        day = first + dt.timedelta(days=i)
        contacts.create({"last_name": f"Né {i}", "birth_date": day.replace(year=1980).isoformat()})


def test_the_first_run_on_a_fresh_file_wishes_no_birthday_already_past(database, contacts):
    _born(contacts, 30, TODAY - dt.timedelta(days=15))  # birthdays from 10/11 to 09/12
    store = TaskStore(database)
    created = store.generate_reminders(TODAY)
    view = store.today_view(TODAY)
    # only the birthdays from today to a week ahead: none overdue, none past
    assert created == 8
    assert view["counts"] == {"overdue": 0, "today": 1, "week": 4}  # Wed 25/11; Thu to Sun
    dues = sorted(t["due_at"] for t in store.open_tasks())
    assert dues[0] == "2026-11-25" and dues[-1] == "2026-12-02"
    # the next day: one more birthday enters the week ahead; yesterday's wish is not made late
    assert store.generate_reminders(TODAY + dt.timedelta(days=1)) == 1
    assert sorted(t["due_at"] for t in store.open_tasks())[-1] == "2026-12-03"


def test_later_runs_read_only_what_changed_and_write_nothing_when_nothing_did(database, contacts):
    _born(contacts, 20, TODAY - dt.timedelta(days=5))
    store = TaskStore(database)
    assert store.generate_reminders(TODAY) == 8
    changes = database.conn.total_changes
    assert store.generate_reminders(TODAY) == 0
    assert database.conn.total_changes == changes  # a run that finds nothing leaves the file alone
    # a client created, and one edited, since the last run: their birthdays are read at the next one
    new = contacts.create({"last_name": "Nouvelle", "birth_date": "1990-11-27"})
    old = contacts.create({"last_name": "Ancien", "birth_date": "1970-06-01"})
    assert store.generate_reminders(TODAY) == 1
    contacts.update(old, {"birth_date": "1970-11-28"})
    assert store.generate_reminders(TODAY) == 1
    assert {t["contact_id"] for t in store.open_tasks() if t["due_at"] in ("2026-11-27", "2026-11-28")} >= {new, old}
    # a setting changed (wishes three days ahead): the whole window is read again
    store.set_reminder_settings(rules.ReminderSettings(birthday_days_before=3))
    assert store.generate_reminders(TODAY) == 3  # birthdays 03/12 to 05/12, new with the longer window
