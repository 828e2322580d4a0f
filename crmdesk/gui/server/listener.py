"""Changes made on another PC, shown here within a second (LISTEN/NOTIFY).

The server notifies « crmdesk_changes » when a statement changing contacts,
orders, tasks or complaints commits (db/postgresql/014_baseline.sql, its notifications), with the
clients it touched. The listener has a connection of its own
(store/server/notify.py), watched by a QSocketNotifier in the window's
thread (no thread, no polling): when the server writes to it, the
notifications are read without blocking, gathered for a moment (an import
sends one per statement), then told through the Session's signals — the
client table and the Today view re-read what they show.
This window's own changes are skipped: its commands already showed them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal

GATHER_MS = 200  # notifications close together make one refresh


def listen(window, session) -> NotifyListener:
    """Start telling `session` what the other PCs change, until the window lets go of its database."""
    listener = NotifyListener(session.database, session)
    listener.changed.connect(lambda tables: _tell(session, tables))
    listener.lost.connect(lambda text: window.statusBar().showMessage(text, 15_000))
    window.fileClosing.connect(lambda _path: listener.stop(), Qt.ConnectionType.SingleShotConnection)
    return listener


FEW_ORDERS = 5  # orders of at most this many clients: each told (an open sheet's Orders tab follows)


def _tell(session, tables: dict[str, set[int]]) -> None:
    ordered = tables.get("orders")
    few = ordered is not None and 0 < len(ordered) <= FEW_ORDERS
    if "contacts" in tables or (ordered is not None and not few):
        session.contactsChanged.emit([])  # [] : the table re-read, the user's row kept
    for contact_id in sorted(ordered) if few else ():
        session.ordersChanged.emit(contact_id)  # the table's row, an open sheet's Orders tab, the catalogue
    if tables.keys() & {"tasks", "complaints"}:
        session.tasksChanged.emit()  # the Today view, the complaints queue and status


class NotifyListener(QObject):
    changed = Signal(dict)  # table -> ids of the clients touched (empty: many)
    lost = Signal(str)  # the connection to the server was lost: why

    def __init__(self, database, parent: QObject | None = None):
        super().__init__(parent)
        from crmdesk.store.server.notify import Listening

        self._listening: Listening | None = Listening(database)
        self._pending: dict[str, set[int]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._flush)
        self._notifier = QSocketNotifier(self._listening.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        import psycopg

        if self._listening is None:
            return
        try:
            changes = self._listening.read()
        except psycopg.OperationalError as exc:
            self.stop()
            detail = (str(exc).strip().splitlines() or [""])[0]
            self.lost.emit(
                self.tr("The server stopped answering (%1): changes made on other PCs are no longer shown.").replace(
                    "%1", detail
                )
            )
            return
        for change in changes:
            if change.pid == self._listening.own_pid:  # this window's own change: shown already
                continue
            self._pending.setdefault(change.table, set()).update(change.contact_ids)
            if not self._timer.isActive():
                self._timer.start()

    def _flush(self) -> None:
        pending, self._pending = self._pending, {}
        if pending:
            self.changed.emit(pending)

    def stop(self) -> None:
        """No more notifications (another file opens, the window closes)."""
        self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._listening is not None:
            self._listening.close()
            self._listening = None
