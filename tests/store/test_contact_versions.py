"""Optimistic concurrency on a client file (crmdesk/store/concurrency.py):
a save made with the version the form opened is refused once the contact
changed since, saying who changed what."""

from __future__ import annotations

import pytest

from crmdesk.store import concurrency
from crmdesk.store.concurrency import ConcurrentEdit

pytestmark = pytest.mark.both_kinds


def test_a_save_from_a_stale_form_is_refused_and_writes_nothing(database, contacts):
    client = contacts.create({"last_name": "Martin", "city": "Lyon", "email": "a@example.fr"})
    opened = concurrency.version(database, client)
    contacts.update(client, {"city": "Villeurbanne"}, expected=opened)
    with pytest.raises(ConcurrentEdit, match=r"a modifié ce client le .* \(city\)") as refused:
        contacts.update(client, {"email": "b@example.fr"}, expected=opened)
    assert [(c.field, c.old, c.new) for c in refused.value.changes] == [("city", "Lyon", "Villeurbanne")]
    assert contacts.get(client)["email"] == "a@example.fr"
    contacts.update(client, {"email": "b@example.fr"}, expected=concurrency.version(database, client))
    assert contacts.get(client)["email"] == "b@example.fr"


def test_figures_and_unchanged_saves_do_not_make_a_form_stale(database, contacts):
    client = contacts.create({"last_name": "Durand", "city": "Nantes"})
    opened = concurrency.version(database, client)
    with database.atomic() as conn:  # the figures of the day, written by crmdesk itself
        conn.execute("UPDATE contacts SET status = 'premium', revenue_year_cents = 5000 WHERE id = ?", (client,))
    contacts.update(client, {"city": "Nantes"}, expected=opened)  # nothing to change: accepted
    contacts.update(client, {"city": "Rezé"}, expected=opened)
    assert contacts.get(client)["city"] == "Rezé"
