"""Undoable changes to the client file (QUndoCommand).

Each command does its work once in perform(), which may raise a CrmError
with a French message (nothing is pushed then); the stack's first redo()
is skipped because the work is already done. Later undo()/redo() replay
it through the store. `changed(ids)` is called after every step so that
the window refreshes its table and selects the contacts concerned.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from crmdesk.domain.errors import CrmError
from crmdesk.store.contacts import ContactStore

Changed = Callable[[list[int]], None]
Failed = Callable[[CrmError], None]


class StoreCommand(QUndoCommand):
    """perform() once, the stack's first redo() skipped; `changed(self._subject())` after each step."""

    def __init__(self, text: str, changed, failed: Failed | None = None):
        super().__init__(text)
        self._changed = changed
        self._failed = failed
        self._done = False

    def _subject(self):
        """What `changed` is told about."""
        raise NotImplementedError

    def perform(self) -> "StoreCommand":
        self._do()
        self._done = True
        self._changed(self._subject())
        return self

    def redo(self) -> None:
        if self._done:  # the first redo() comes from QUndoStack.push: already done
            self._done = False
            return
        self._step(self._do)

    def undo(self) -> None:
        self._step(self._undo)

    def _step(self, action) -> None:
        try:
            action()
        except CrmError as exc:  # the file changed under us: say so, keep going
            self.setObsolete(True)
            if self._failed:
                self._failed(exc)
        self._changed(self._subject())

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


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
    def __init__(self, store, contact_id: int, changes: dict, text: str, changed, failed=None):
        super().__init__(store, text, changed, failed)
        self.contact_id = contact_id
        self.changes = dict(changes)
        self.before: dict = {}

    def ids(self):
        return [self.contact_id]

    def _do(self):
        self.before = self.store.update(self.contact_id, dict(self.changes))

    def _undo(self):
        self.store.update(self.contact_id, dict(self.before))


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
