"""Two people, two PCs, one client: the second save is refused, saying who
changed what and when; nothing is lost."""

from __future__ import annotations

import threading

import pytest

from crmdesk.store import concurrency
from crmdesk.store.concurrency import ConcurrentEdit
from crmdesk.store.contacts import ContactStore


def test_the_second_save_of_the_same_client_is_refused_with_who_what_and_when(two_pcs):
    marie, paul = two_pcs
    client = ContactStore(marie).create(
        {"last_name": "Martin", "first_name": "Hélène", "city": "Lyon", "phone": "0612345678"}
    )
    seen_by_marie = concurrency.version(marie, client)
    seen_by_paul = concurrency.version(paul, client)
    assert seen_by_marie == seen_by_paul

    ContactStore(marie).update(client, {"city": "Villeurbanne"}, expected=seen_by_marie)
    with pytest.raises(ConcurrentEdit) as refused:
        ContactStore(paul).update(client, {"city": "Lyon 3e", "phone": "0698765432"}, expected=seen_by_paul)
    said = str(refused.value)
    assert said.startswith(f"{marie.author} a modifié ce client le ") and "(city)" in said
    assert "rien n'a été écrit" in said and marie.author.startswith("marie_")
    (change,) = refused.value.changes
    assert (change.author, change.field, change.old, change.new) == (marie.author, "city", "Lyon", "Villeurbanne")
    kept = ContactStore(paul).get(client)
    assert (kept["city"], kept["phone"]) == ("Villeurbanne", "+33612345678")  # Marie's edit kept, Paul's not written

    # Paul reloads: his save then goes through
    ContactStore(paul).update(client, {"phone": "0698765432"}, expected=concurrency.version(paul, client))
    assert ContactStore(marie).get(client)["phone"] == "+33698765432"
    authors = [r[0] for r in marie.query("SELECT author FROM audit_log WHERE entity_id = ? ORDER BY id", (client,))]
    assert authors == [marie.author, marie.author, paul.author]


def test_two_saves_at_the_same_moment_one_wins_the_other_is_told(two_pcs):
    """Paul's save waits on the row Marie's transaction holds, then sees her change."""
    marie, paul = two_pcs
    client = ContactStore(marie).create({"last_name": "Durand", "city": "Nantes"})
    seen = concurrency.version(marie, client)
    outcome: list[object] = []
    marie_inside, paul_done = threading.Event(), threading.Event()

    def paul_saves():
        marie_inside.wait(5)
        try:
            ContactStore(paul).update(client, {"city": "Rezé"}, expected=seen)
            outcome.append("saved")
        except ConcurrentEdit as exc:
            outcome.append(exc)
        paul_done.set()

    worker = threading.Thread(target=paul_saves)
    worker.start()
    with marie.atomic():
        ContactStore(marie).update(client, {"city": "Saint-Herblain"}, expected=seen)
        marie_inside.set()
        assert not paul_done.wait(0.5)  # Paul waits for the row while Marie's transaction is open
    worker.join(10)
    assert isinstance(outcome[0], ConcurrentEdit) and outcome[0].changed_fields == {"city"}
    assert ContactStore(paul).get(client)["city"] == "Saint-Herblain"
