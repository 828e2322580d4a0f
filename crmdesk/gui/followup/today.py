"""View › Today… (Ctrl+T) of the main window, and the reminders of each opening.

    TodayFeature(window)      # in MainWindow's list of features

adds View › Today… (Ctrl+T), keeps the clients' History tabs in step with
MainWindow.ordersChanged, and, each time a file opens, generates the
reminders due (TaskStore.generate_reminders: only what changed since the
last run) and reads the view's lists in a worker thread, through a
connection of its own (crmdesk/gui/common/worker.py), once the first rows of
the client table are painted. When they are ready (`TodayFeature.ready`), the
view (today_view.py, imported then) is shown if something is overdue or due
today.

The view is judged against the session's day (Session.today).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common.worker import Job, Task
from crmdesk.gui.feature import Feature

if TYPE_CHECKING:
    from crmdesk.store.database import Database


class TodayFeature(Feature):
    """View › Today… (Ctrl+T), and the reminders generated and the view read after each opening."""

    dialogs = ("dialog",)
    ready = Signal(object)  # the view's lists (TaskStore.today_view), read after a file opened

    def __init__(self, window):
        super().__init__(window)
        self.created = 0  # reminders the last opening generated
        self.view: dict | None = None  # the lists read at the last opening
        self.task: Task | None = None  # the worker generating the reminders and reading the lists
        menu = window.ui.menuView
        first = menu.actions()[0] if menu.actions() else None
        self.today_action = self.action(
            menu,
            "actionToday",
            QCoreApplication.translate("TodayView", "&Today…"),
            QCoreApplication.translate("TodayView", "Tasks and reminders overdue, due today and this week"),
            self.show,
            before=first,
        )
        self.today_action.setShortcut(QKeySequence("Ctrl+T"))
        if first is not None:
            menu.insertSeparator(first)
        self.follow_menu(menu)
        window.fileClosing.connect(lambda _path: self.stop())  # the worker stops before the file is let go of
        window.ordersChanged.connect(self._orders_changed)  # an order typed or undone: the History tabs follow

    def on_file_opened(self, session) -> None:
        super().on_file_opened(session)
        session.tasksChanged.connect(self.refresh)  # another PC's tasks (a server)
        self.start_up()

    @staticmethod
    def _orders_changed(contact_id: int) -> None:
        from crmdesk.gui.followup.timeline_tab import refresh_tabs  # lazy: start-up time (a client sheet loads it)

        refresh_tabs(contact_id)

    def refresh(self) -> None:
        """A task or an exchange changed elsewhere (a client's History tab): the open view follows."""
        if self.dialog is not None:
            self.dialog.refresh()

    def start_up(self) -> None:
        """After a file opened: the reminders due are generated and the view's
        lists read in a worker thread, through a connection of its own (it may
        write: the writer lock is this process's; the reminders are written in
        short transactions) — once the client table has been painted, so that
        its first rows come first. When done, `ready` is emitted and the view
        shown if something is overdue or due today."""
        self.stop()
        if self.session is None:
            return
        database = self.session.database
        self.view, self.created = None, 0
        self.after_paint(lambda: self._start(database))

    def _start(self, database: Database) -> None:
        if self.session is None or self.session.database is not database:  # another file was opened meanwhile
            return
        today = self.session.today()
        writable = database.writable  # a file opened read-only: its lists, no new reminders

        def compute(job: Job) -> tuple[int, str | None, dict]:
            from crmdesk.store.tasks import TaskStore  # here, in the worker: not before the first paint

            other = database.companion()
            try:
                with job.watch(other.conn):
                    store = TaskStore(other)
                    try:
                        created, error = (store.generate_reminders(today) if writable else 0), None
                    except CrmError as exc:  # a full disk, a busy file: the reminders wait for the next time
                        created, error = 0, str(exc)
                    job.check()
                    return created, error, store.today_view(today)  # capped (500 a list)
            finally:
                other.close()

        self.task = Task(compute, self)
        self.task.finished.connect(lambda result: self._ready(database, result))
        self.task.failed.connect(lambda text: self.window.ui.statusbar.showMessage(text, 10_000))
        self.task.start()

    def stop(self) -> None:
        """Cancel the start-up work under way (another file, the window closing)."""
        task = self.task
        if task is not None and task.is_running():
            task.cancel()
            task.wait()

    def _ready(self, database: Database, result) -> None:
        if self.session is None or self.session.database is not database:  # another file was opened meanwhile
            return
        created, error, view = result
        self.created, self.view = created, view
        if error:
            self.window.ui.statusbar.showMessage(error, 10_000)
        counts = view["counts"]
        if counts["overdue"] + counts["today"] > 0:
            self.show(view)
        elif self.dialog is not None:  # open already (its reminders' settings changed): it follows
            self.dialog.refresh(view)
        self.ready.emit(view)

    def show(self, view: dict | None = None):
        """The « Today » view of the open file (None without a file); `view`: its lists, already read."""
        if self.session is not None and self.dialog is not None:  # already open: shown as it is now
            self.dialog.refresh(view)

        def make():
            from crmdesk.gui.followup.today_view import TodayView

            dialog = TodayView(self.session, self.window, view=view, feature=self)
            dialog.openClient.connect(self.window.edit_client)
            return dialog

        return self.show_dialog("dialog", make)
