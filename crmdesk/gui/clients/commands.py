"""Undoable changes to contacts: create, edit, trash, restore (the base: common/commands.py)."""

from __future__ import annotations

from collections.abc import Sequence

from crmdesk.gui.common.commands import Changed, Failed, StoreCommand
from crmdesk.store.contacts import ContactStore


class ContactCommand(StoreCommand):
    def __init__(self, store: ContactStore, text: str, changed: Changed, failed: Failed | None = None):
        super().__init__(text, changed, failed)
        self.store = store

    def _subject(self) -> list[int]:
        return self.ids()

    def ids(self) -> list[int]:
        raise NotImplementedError


class CreateContact(ContactCommand):
    def __init__(self, store, values: dict, tags: Sequence[str], text: str, changed, failed=None):
        super().__init__(store, text, changed, failed)
        self.values = dict(values)
        self.tags = list(tags)
        self.contact_id: int | None = None
        self._snapshot: dict | None = None

    def ids(self):
        return [self.contact_id] if self.contact_id is not None else []

    def _do(self):
        if self._snapshot is None:
            self.contact_id = self.store.create(self.values, self.tags)
        else:
            self.store.reinsert(self._snapshot)

    def _undo(self):
        self._snapshot = self.store.snapshot(self.contact_id)
        self.store.remove(self.contact_id)


class EditContact(ContactCommand):
    def __init__(self, store, contact_id: int, changes: dict, text: str, changed, failed=None, *, expected=None):
        super().__init__(store, text, changed, failed)
        self.contact_id = contact_id
        self.changes = dict(changes)
        self.before: dict = {}
        self.expected = expected  # the version the sheet opened (a server): refused if saved elsewhere since

    def ids(self):
        return [self.contact_id]

    def changed_something(self) -> bool:
        return bool(self.before)

    def _do(self):
        self.before = self.store.update(self.contact_id, dict(self.changes), expected=self.expected)
        self._seen_now()

    def _undo(self):
        self.store.update(self.contact_id, dict(self.before), expected=self.expected)
        self._seen_now()

    def _seen_now(self) -> None:
        """An undo or redo is refused too when someone else saved the client since (a server)."""
        if self.expected is not None:
            from crmdesk.store import concurrency

            self.expected = concurrency.version(self.store.database, self.contact_id)


class TrashContacts(ContactCommand):
    def __init__(self, store, contact_ids: Sequence[int], text: str, changed, failed=None):
        super().__init__(store, text, changed, failed)
        self.contact_ids = list(contact_ids)

    def ids(self):
        return list(self.contact_ids)

    def _do(self):
        with self.store.database.atomic():
            for contact_id in self.contact_ids:
                self.store.trash(contact_id)

    def _undo(self):
        with self.store.database.atomic():
            for contact_id in self.contact_ids:
                self.store.restore(contact_id)


class RestoreContacts(TrashContacts):
    def _do(self):
        super()._undo()

    def _undo(self):
        super()._do()
