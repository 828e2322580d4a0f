"""Undoable changes to the client file (QUndoCommand): the base of every command.

Each command does its work once in perform(), which may raise a CrmError
with a French message (nothing is pushed then); the stack's first redo()
is skipped because the work is already done. Later undo()/redo() replay
it through the store. `changed(ids)` is called after every step so that
the window refreshes its table and selects the contacts concerned.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from crmdesk.domain.errors import CrmError

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

    def changed_something(self) -> bool:
        """After perform(): whether the file changed (nothing to undo otherwise)."""
        return True

    def perform(self) -> StoreCommand:
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
