"""The open client file, as the window's menus, views and dialogs see it.

A Session is made when a file opens and closed when it is let go of (another
file, or the window closes). It holds what every feature needs, in one place
(in the spirit of git-cola's ApplicationContext):

- the Database and its stores, each built once, when first asked for (a store
  on a worker's own connection is the one exception: built there, on it);
- the undo stack: every change goes through `push(command)`;
- the clock: `today()` (the tests give a fixed date here, never by patching);
- the change signals: contacts, orders, figures changed; a replay failed;
- the tasks writing on the file's own connection from a worker (an import):
  `writing(task)`, `writer_busy()`, `writersDone` — what a timer reads on the
  GUI thread waits for them (it would block on the connection, the window frozen).

    session = Session(database, undo_stack)
    ClientDialog(session, contact_id, parent)   # instead of a raw Database or store
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common.commands import StoreCommand
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database

if TYPE_CHECKING:
    from crmdesk.store.complaints import ComplaintStore
    from crmdesk.store.duplicates import DuplicateStore
    from crmdesk.store.indicators import IndicatorStore
    from crmdesk.store.interactions import InteractionStore
    from crmdesk.store.loyalty import LoyaltyStore
    from crmdesk.store.orders import OrderStore
    from crmdesk.store.parties import PartyStore
    from crmdesk.store.recall import RecallStore
    from crmdesk.store.reps import RepStore
    from crmdesk.store.rights import RightsStore
    from crmdesk.store.settings import SettingsStore
    from crmdesk.store.tasks import TaskStore
    from crmdesk.store.templates import TemplateStore


class Session(QObject):
    contactsChanged = Signal(list)  # ids of the contacts a command touched (done, undone, redone)
    ordersChanged = Signal(int)  # contact id: an order was added, edited, deleted (or undone)
    figuresChanged = Signal()  # the figures of the client table were recomputed
    answersChanged = Signal(int)  # contact id: a survey answer was added, edited, deleted (or undone)
    tasksChanged = Signal()  # tasks or complaints changed on another PC (a server: gui/server/listener.py)
    failed = Signal(object)  # CrmError: an undo or redo could not be replayed (the file changed)
    writersDone = Signal()  # the last task writing on the file's connection ended

    def __init__(
        self,
        database: Database,
        undo_stack: QUndoStack | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.database = database
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._today = today
        self._writers: set = set()  # Tasks (worker.py) writing on database.conn from their thread

    @property
    def path(self):
        return self.database.path

    def today(self) -> dt.date:
        return self._today()

    # -- the stores: one of each per file, built when first needed --------------------------
    @cached_property
    def contacts(self) -> ContactStore:
        return ContactStore(self.database)

    @cached_property
    def orders(self) -> OrderStore:
        from crmdesk.store.orders import OrderStore  # not at start-up: the figures' and the dashboard's code

        return OrderStore(self.database)

    @cached_property
    def complaints(self) -> ComplaintStore:
        from crmdesk.store.complaints import ComplaintStore  # not at start-up: the window opens without it

        return ComplaintStore(self.database)

    @cached_property
    def tasks(self) -> TaskStore:
        from crmdesk.store.tasks import TaskStore  # not at start-up (holidays)

        return TaskStore(self.database)

    @cached_property
    def interactions(self) -> InteractionStore:
        from crmdesk.store.interactions import InteractionStore  # not at start-up

        return InteractionStore(self.database)

    @cached_property
    def loyalty(self) -> LoyaltyStore:
        from crmdesk.store.loyalty import LoyaltyStore  # not at start-up

        return LoyaltyStore(self.database)

    @cached_property
    def settings(self) -> SettingsStore:
        from crmdesk.store.settings import SettingsStore  # lazy: start-up time, as the ones below

        return SettingsStore(self.database)

    @cached_property
    def indicators(self) -> IndicatorStore:
        from crmdesk.store.indicators import IndicatorStore

        return IndicatorStore(self.database)

    @cached_property
    def templates(self) -> TemplateStore:
        from crmdesk.store.templates import TemplateStore

        return TemplateStore(self.database)

    @cached_property
    def recall(self) -> RecallStore:
        from crmdesk.store.recall import RecallStore

        return RecallStore(self.database)

    @cached_property
    def rights(self) -> RightsStore:
        from crmdesk.store.rights import RightsStore

        return RightsStore(self.database)

    @cached_property
    def parties(self) -> PartyStore:
        from crmdesk.store.parties import PartyStore

        return PartyStore(self.database)

    @cached_property
    def reps(self) -> RepStore:
        from crmdesk.store.reps import RepStore

        return RepStore(self.database)

    @cached_property
    def duplicates(self) -> DuplicateStore:
        from crmdesk.store.duplicates import DuplicateStore

        return DuplicateStore(self.database)

    def forget(self, *names: str) -> None:
        """Build these stores again when next asked for (an import undone: what they read may be gone)."""
        for name in names:
            self.__dict__.pop(name, None)

    # -- work on the file's connection off the GUI thread ------------------------------------
    def writing(self, task):
        """`task` (started or about to be) writes on `database.conn` from its thread (an import).
        Until it ends, `writer_busy()` is True: timer-driven reads of that connection wait
        (figures_refresh, backups), then go on at `writersDone`."""
        self._writers.add(task)
        task.done.connect(lambda: self._writer_ended(task))
        return task

    def writer_busy(self) -> bool:
        return any(task.is_running() for task in self._writers)

    def _writer_ended(self, task) -> None:
        self._writers.discard(task)
        if not self.writer_busy():
            self.writersDone.emit()

    # -- changes ------------------------------------------------------------------------------
    def push(self, command: StoreCommand) -> bool:
        """Do `command` once and put it on the undo stack; False when it changed nothing.

        A CrmError from the first run goes to the caller (nothing is pushed then): the
        dialog says why and stays open.
        """
        command.perform()
        if not command.changed_something():
            return False
        self.undo_stack.push(command)
        return True

    def contacts_changed(self, ids: list[int]) -> None:
        """The `changed` of contact commands."""
        self.contactsChanged.emit(list(ids))

    def replay_failed(self, error: CrmError) -> None:
        """The `failed` of every command."""
        self.failed.emit(error)
