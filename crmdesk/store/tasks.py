"""Tasks and the automatic reminders (docs/domain/07-follow-up-and-loyalty.md).

* A task has a title, a kind (domain/reminders.py TASK_KINDS), an optional
  client and rep, a due date (« AAAA-MM-JJ ») or date and time
  (« AAAA-MM-JJTHH:MM »), notes, and is done (``done_at`` set) or not. Every
  change is audited.
* ``today_view(today)``: open tasks overdue (due before today), due today, and
  due later this week (after today up to Sunday), each list by due date and
  capped at ``limit`` rows, with the full counts — index ranges on the due
  date (db/001 tasks_due), never a scan.
* ``agenda(start, end)``: every task (done or not) due between two days.
* ``generate_reminders(today)``: the reminders due (domain/reminders.py) for
  the kinds switched on in the settings (``reminders.*``), written as tasks
  with their origin key by INSERT OR IGNORE, in short transactions; returns
  how many were new. The facts are read by indexed date ranges (db/007), and
  only what changed since the last run (reminder_marks): a worker thread runs
  it at each opening (crmdesk/gui/followup/today.py) through a connection of its own.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from crmdesk.domain import loyalty
from crmdesk.domain import reminders as rules
from crmdesk.domain.contact import display_name
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_
from crmdesk.store.database import Database, chunks, now_iso
from crmdesk.store.settings import SettingsStore

_SELECT = """
SELECT t.id, t.contact_id, t.rep_id, t.kind, t.title, t.due_at, t.done_at, t.origin, t.notes, t.created_at,
       c.code AS client_code, c.kind AS client_kind, c.last_name AS client_last_name,
       c.first_name AS client_first_name, c.company AS client_company, r.name AS rep_name
FROM tasks t
LEFT JOIN contacts c ON c.id = t.contact_id
LEFT JOIN reps r ON r.id = t.rep_id
"""
# The tasks of a client in the trash wait there with it (shown again when it is restored).
_LIVE = " AND (t.contact_id IS NULL OR c.deleted_at IS NULL)"
_REORDER_MARK = "reorder_order_id"
# The last run of the reminders (reminder_marks): its day, and the newest client and audit row it saw.
_DAY_MARK, _CONTACT_MARK, _AUDIT_MARK = "reminders_day", "reminders_contact_id", "reminders_audit_id"
WRITE_ROWS = 2000  # reminders written per transaction
MANY_CHANGED = 20_000  # more clients changed than this since the last run: read the birthdays of the window


def _row(row) -> dict:
    task = dict(row)
    task["client_name"] = (
        display_name(
            {
                "kind": task.pop("client_kind"),
                "company": task.pop("client_company"),
                "last_name": task.pop("client_last_name"),
                "first_name": task.pop("client_first_name"),
            }
        )
        if task["contact_id"]
        else ""
    )
    task["done"] = task["done_at"] is not None
    return task


def _day(value: dt.date | str) -> str:
    return value.isoformat()[:10] if isinstance(value, dt.date) else str(value)[:10]


def week_end(today: dt.date) -> dt.date:
    """The Sunday ending the week of `today`."""
    return today + dt.timedelta(days=6 - today.weekday())


class TaskStore:
    def __init__(self, database: Database):
        self.database = database
        self.settings = SettingsStore(database)

    # -- one task ---------------------------------------------------------------------------
    def _check(self, values: dict) -> dict:
        clean = rules.validate_task(values)
        if clean["contact_id"] is not None and not self.database.scalar(
            "SELECT 1 FROM contacts WHERE id = ? AND deleted_at IS NULL", (clean["contact_id"],)
        ):
            raise CrmError(N_("Ce client n'existe plus (ou il est dans la corbeille)."))
        return clean

    def create(self, values: dict) -> int:
        row = self._check(values)
        with self.database.atomic() as conn:
            cursor = conn.execute(
                "INSERT INTO tasks(contact_id, rep_id, kind, title, due_at, notes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [row[f] for f in rules.TASK_FIELDS] + [now_iso()],
            )
            task_id = int(cursor.lastrowid)
            self.database.audit("task", task_id, "create", {f: [None, row[f]] for f in rules.TASK_FIELDS})
        return task_id

    def get(self, task_id: int) -> dict | None:
        row = self.database.conn.execute(_SELECT + " WHERE t.id = ?", (task_id,)).fetchone()
        return _row(row) if row else None

    def _existing(self, task_id: int) -> dict:
        task = self.get(task_id)
        if task is None:
            raise CrmError(N_("Cette tâche n'existe plus."))
        return task

    def update(self, task_id: int, changes: dict) -> dict:
        old = self._existing(task_id)
        row = self._check({**{f: old[f] for f in rules.TASK_FIELDS}, **changes})
        diff = {f: [old[f], row[f]] for f in rules.TASK_FIELDS if old[f] != row[f]}
        if diff:
            with self.database.atomic() as conn:
                conn.execute(
                    "UPDATE tasks SET contact_id = ?, rep_id = ?, kind = ?, title = ?, due_at = ?, "
                    "notes = ? WHERE id = ?",
                    [row[f] for f in rules.TASK_FIELDS] + [task_id],
                )
                self.database.audit("task", task_id, "update", diff)
        return self.get(task_id)

    def set_done(self, task_id: int, done: bool = True) -> None:
        """Mark done (now) or not done again."""
        old = self._existing(task_id)
        if old["done"] == done:
            return
        stamp = now_iso() if done else None
        with self.database.atomic() as conn:
            conn.execute("UPDATE tasks SET done_at = ? WHERE id = ?", (stamp, task_id))
            self.database.audit("task", task_id, "done" if done else "undone", {"done_at": [old["done_at"], stamp]})

    def delete(self, task_id: int) -> None:
        """Delete a task. A reminder's row is kept (marked done) rather than
        deleted, so that its origin is never generated again."""
        old = self._existing(task_id)
        if old["origin"]:
            raise CrmError(
                N_("Une relance automatique ne se supprime pas : cochez-la comme faite (elle ne sera pas recréée).")
            )
        with self.database.atomic() as conn:
            conn.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
            self.database.audit("task", task_id, "delete", {f: [old[f], None] for f in rules.TASK_FIELDS})

    # -- lists ------------------------------------------------------------------------------
    def of_contact(self, contact_id: int) -> list[dict]:
        """A client's tasks: open ones first by due date (none last), then done ones."""
        return [
            _row(r)
            for r in self.database.query(
                _SELECT + " WHERE t.contact_id = ? ORDER BY t.done_at IS NOT NULL, t.due_at IS NULL, t.due_at, t.id",
                (contact_id,),
            )
        ]

    def _open_between(self, start: str | None, end: str, limit: int) -> tuple[list[dict], int]:
        """Open tasks with start <= due_at < end (start None: any), by due date."""
        where = "t.done_at IS NULL AND t.due_at < ?" + ("" if start is None else " AND t.due_at >= ?") + _LIVE
        params = [end] + ([] if start is None else [start])
        rows = [
            _row(r)
            for r in self.database.query(_SELECT + f" WHERE {where} ORDER BY t.due_at, t.id LIMIT ?", params + [limit])
        ]
        count = self.database.scalar(
            f"SELECT count(*) FROM tasks t LEFT JOIN contacts c ON c.id = t.contact_id WHERE {where}", params
        )
        return rows, int(count)

    def today_view(self, today: dt.date, limit: int = 500) -> dict:
        """{"overdue", "today", "week": lists of tasks; "counts": {section: count}}."""
        tomorrow = today + dt.timedelta(days=1)
        after_week = week_end(today) + dt.timedelta(days=1)
        sections = {
            "overdue": (None, today.isoformat()),
            "today": (today.isoformat(), tomorrow.isoformat()),
            "week": (tomorrow.isoformat(), after_week.isoformat()),
        }
        view: dict = {"counts": {}}
        for name, (start, end) in sections.items():
            view[name], view["counts"][name] = self._open_between(start, end, limit)
        return view

    def due_count(self, today: dt.date) -> int:
        """Open tasks due today or before (what the start-up view is shown for)."""
        return int(
            self.database.scalar(
                "SELECT count(*) FROM tasks t LEFT JOIN contacts c ON c.id = t.contact_id "
                "WHERE t.done_at IS NULL AND t.due_at < ?" + _LIVE,
                ((today + dt.timedelta(days=1)).isoformat(),),
            )
        )

    def agenda(self, start: dt.date, end: dt.date) -> list[dict]:
        """Every task due from `start` to `end` (both included), done or not, by due date."""
        return [
            _row(r)
            for r in self.database.query(
                _SELECT + " WHERE t.due_at >= ? AND t.due_at < ?" + _LIVE + " ORDER BY t.due_at, t.id",
                (start.isoformat(), (end + dt.timedelta(days=1)).isoformat()),
            )
        ]

    def open_tasks(self, due_before: dt.date | None = None) -> list[dict]:
        """Open tasks by due date (undated ones last), or only those due before a day."""
        if due_before is not None:
            return [
                _row(r)
                for r in self.database.query(
                    _SELECT + " WHERE t.done_at IS NULL AND t.due_at < ?" + _LIVE + " ORDER BY t.due_at, t.id",
                    (due_before.isoformat(),),
                )
            ]
        return [
            _row(r)
            for r in self.database.query(
                _SELECT + " WHERE t.done_at IS NULL" + _LIVE + " ORDER BY t.due_at IS NULL, t.due_at, t.id"
            )
        ]

    # -- reminders --------------------------------------------------------------------------
    def reminder_settings(self) -> rules.ReminderSettings:
        stored = {
            r["key"]: self.settings.get(r["key"])
            for r in self.database.query("SELECT key FROM settings WHERE key LIKE 'reminders.%'")
        }
        return rules.settings_from(stored)

    def set_reminder_settings(self, chosen: rules.ReminderSettings) -> None:
        """Store every value (one transaction; each change audited by the settings store)."""
        current = self.reminder_settings()
        with self.database.atomic():
            for name, key in rules.SETTING_KEYS.items():
                if getattr(current, name) != getattr(chosen, name) or self.settings.get(key) is None:
                    self.settings.set(key, getattr(chosen, name))

    def generate_reminders(self, today: dt.date | None = None) -> int:
        """Write the reminders due `today` as tasks; how many are new.

        Incremental: what an earlier run already wrote is not read again —
        the birthdays are read for the days the window gained since the last
        run, plus the clients created or changed since (the audit log says
        which). The first run on a file writes only the reminders due from
        today on. Written in short transactions (WRITE_ROWS rows each), so
        that a worker thread doing this never holds the window's writes long."""
        today = today or dt.date.today()
        settings = self.reminder_settings()
        last = self._mark(_DAY_MARK)
        since = dt.date.fromordinal(last) if last else None
        marks = {
            _DAY_MARK: today.toordinal(),
            _CONTACT_MARK: self.database.scalar("SELECT max(id) FROM contacts") or 0,
            _AUDIT_MARK: self.database.scalar("SELECT max(id) FROM audit_log") or 0,
        }
        facts = self._facts(settings, today, since if since is not None and since <= today else None)
        due = rules.due_reminders(facts, settings, today, last_run=rules.FIRST_RUN if since is None else since)
        created = 0
        stamp = now_iso()
        for start in range(0, len(due), WRITE_ROWS):
            with self.database.atomic() as conn:
                before = conn.total_changes
                conn.executemany(
                    "INSERT OR IGNORE INTO tasks(contact_id, rep_id, kind, title, due_at, origin, created_at) "
                    "VALUES (?, (SELECT rep_id FROM contacts WHERE id = ?), ?, ?, ?, ?, ?)",  # the client's rep
                    [
                        (r.contact_id, r.contact_id, r.kind, r.title, r.due.isoformat(), r.origin, stamp)
                        for r in due[start : start + WRITE_ROWS]
                    ],
                )
                created += conn.total_changes - before
        with self.database.atomic() as conn:
            if created:
                self.database.audit(
                    "task", None, "reminders", {"created": [None, created], "today": [None, today.isoformat()]}
                )
                if self.database.scalar("SELECT max(id) FROM audit_log") == marks[_AUDIT_MARK] + 1:
                    marks[_AUDIT_MARK] += 1  # our own row: the next run need not look at it
            self._set_marks(marks)
        return created

    def _mark(self, name: str) -> int | None:
        return self.database.scalar("SELECT value FROM reminder_marks WHERE name = ?", (name,))

    def _set_marks(self, marks: dict[str, int]) -> None:
        """Only the marks that moved are written (a run that found nothing new leaves the file as it was)."""
        self.database.conn.executemany(
            "INSERT INTO reminder_marks(name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value WHERE reminder_marks.value != excluded.value",
            list(marks.items()),
        )

    # -- the facts, by indexed date ranges ----------------------------------------------------
    def _facts(self, settings: rules.ReminderSettings, today: dt.date, since: dt.date | None) -> rules.Facts:
        """The facts that can give a reminder today; `since` (the day of the
        last run) narrows the birthdays to what is new since then."""

        def window(kind: str) -> tuple[str, str]:
            start, end = rules.fact_window(kind, settings, today)
            return start.isoformat(), end.isoformat()

        parts: dict = {}
        if settings.reorder_enabled:
            parts["orders"] = self._reorder_facts(today)
        if settings.followup_enabled:
            start, end = window("followup")
            parts["followups"] = [
                rules.FollowUp(
                    r["id"], r["contact_id"], dt.date.fromisoformat(r["at"][:10]), r["kind"], r["subject"] or ""
                )
                for r in self.database.query(
                    "SELECT i.id, i.contact_id, i.at, i.kind, i.subject FROM interactions i "
                    "JOIN contacts c ON c.id = i.contact_id AND c.deleted_at IS NULL "
                    "WHERE i.kind IN ('meeting', 'quote') AND i.at >= ? AND i.at < ?",
                    (start, _next_day(end)),
                )
            ]
        if settings.birthday_enabled:
            parts["birthdays"] = self._new_birthdays(settings, today, since)
        if settings.loyalty_enabled:
            start, end = window("card")
            parts["cards"] = [
                rules.CardExpiry(r["contact_id"], dt.date.fromisoformat(r["valid_until"][:10]))
                for r in self.database.query(
                    "SELECT k.contact_id, k.valid_until FROM loyalty_cards k "
                    "JOIN contacts c ON c.id = k.contact_id AND c.deleted_at IS NULL "
                    "WHERE k.valid_until >= ? AND k.valid_until < ?",
                    (start, _next_day(end)),
                )
            ]
            parts["points"] = self._points_facts(today, *window("points"))
        if settings.complaint_enabled:
            start, end = window("complaint")
            parts["complaints"] = [
                rules.ComplaintDue(r["id"], r["contact_id"], dt.date.fromisoformat(r["due_date"]), r["ref"])
                for r in self.database.query(
                    "SELECT id, contact_id, due_date, ref FROM complaints "
                    "WHERE closed_at IS NULL AND due_date >= ? AND due_date <= ?",
                    (start, end),
                )
            ]
        return rules.Facts(**parts)

    def _new_birthdays(
        self, settings: rules.ReminderSettings, today: dt.date, since: dt.date | None
    ) -> list[rules.Birthday]:
        """The birthdays that can give a reminder today and that the run of
        `since` did not see: the days the window gained since, and the clients
        created or changed since. Everything in the window when there was no
        run, when a setting changed, or when many clients changed (an import)."""
        start, end = rules.fact_window("birthday", settings, today)
        if since is None:
            return self._birthday_facts(start, end)
        audit = self._mark(_AUDIT_MARK) or 0
        if self.database.scalar("SELECT 1 FROM audit_log WHERE id > ? AND entity = 'setting' LIMIT 1", (audit,)):
            return self._birthday_facts(start, end)
        seen_end = rules.fact_window("birthday", settings, since)[1]
        found = self._birthday_facts(max(start, seen_end + dt.timedelta(days=1)), end)
        changed = {
            r[0]
            for r in self.database.query(
                "SELECT DISTINCT entity_id FROM audit_log WHERE id > ? AND entity = 'contact' AND "
                "entity_id IS NOT NULL "
                "UNION SELECT id FROM contacts WHERE id > ?",
                (audit, self._mark(_CONTACT_MARK) or 0),
            )
        }
        if len(changed) > MANY_CHANGED:
            return self._birthday_facts(start, end)
        known = {b.contact_id for b in found}
        for chunk, marks in chunks(sorted(changed - known)):
            for row in self.database.query(
                f"SELECT id, birth_date FROM contacts WHERE id IN ({marks}) AND birth_date IS NOT NULL "
                "AND deleted_at IS NULL",
                chunk,
            ):
                found += _birthday(row)
        return found

    def _birthday_facts(self, start: dt.date, end: dt.date) -> list[rules.Birthday]:
        """Contacts whose birthday (« MM-JJ ») falls from `start` to `end`; 29 February
        is asked for too when 28 February is in a non-leap year (it falls then)."""
        days, day = set(), start
        while day <= end:
            days.add(day.strftime("%m-%d"))
            if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
                days.add("02-29")
            day += dt.timedelta(days=1)
        if not days:
            return []
        found = []
        marks = ", ".join("?" for _ in days)
        for row in self.database.query(
            "SELECT id, birth_date FROM contacts INDEXED BY contacts_by_birthday "
            f"WHERE birth_date IS NOT NULL AND deleted_at IS NULL AND substr(birth_date, 6, 5) IN ({marks})",
            sorted(days),
        ):
            found += _birthday(row)
        return found

    def _points_facts(self, today: dt.date, start: str, end: str) -> list[rules.PointsExpiry]:
        """For the clients with a batch of points lapsing in the window: their next
        expiry and how many points lapse then (domain/loyalty.py balance)."""
        ids = [
            r[0]
            for r in self.database.query(
                "SELECT DISTINCT l.contact_id FROM loyalty_ledger l "
                "JOIN contacts c ON c.id = l.contact_id AND c.deleted_at IS NULL "
                "WHERE l.points > 0 AND l.expires_on >= ? AND l.expires_on < ?",
                (start, _next_day(end)),
            )
        ]
        entries: dict[int, list] = defaultdict(list)
        for chunk, marks in chunks(ids):
            for r in self.database.query(
                f"SELECT contact_id, at, points, expires_on, reason FROM loyalty_ledger WHERE contact_id IN ({marks})",
                chunk,
            ):
                entries[r["contact_id"]].append(
                    loyalty.Entry(
                        dt.date.fromisoformat(r["at"][:10]),
                        r["points"],
                        dt.date.fromisoformat(r["expires_on"][:10]) if r["expires_on"] else None,
                        r["reason"],
                    )
                )
        found = []
        for contact_id in ids:
            state = loyalty.balance(entries[contact_id], today)
            if state.next_expiry is not None and state.expiring_points > 0:
                found.append(rules.PointsExpiry(contact_id, state.next_expiry, state.expiring_points))
        return found

    def _reorder_facts(self, today: dt.date) -> list[rules.OrderDays]:
        """The clients whose expected reorder date is past (within the grace), with
        their order days read again (an order may have changed since)."""
        self._refresh_reorder_watch()
        start = today - dt.timedelta(days=rules.GRACE_DAYS["reorder"] + 1)
        ids = [
            r[0]
            for r in self.database.query(
                "SELECT w.contact_id FROM reorder_watch w JOIN contacts c ON c.id = w.contact_id "
                "AND c.deleted_at IS NULL WHERE w.expected_on >= ? AND w.expected_on < ?",
                (start.isoformat(), today.isoformat()),
            )
        ]
        days = self._order_days(ids)
        return [rules.OrderDays(cid, tuple(days[cid])) for cid in ids if days.get(cid)]

    def _order_days(self, ids: Iterable[int]) -> dict[int, list[dt.date]]:
        days: dict[int, list[dt.date]] = defaultdict(list)
        for chunk, marks in chunks(list(ids)):
            for contact_id, day in self.database.query(
                f"SELECT contact_id, substr(date, 1, 10) FROM orders WHERE contact_id IN ({marks})", chunk
            ):
                days[contact_id].append(dt.date.fromisoformat(day))
        return days

    def _refresh_reorder_watch(self) -> None:
        """Expected reorder dates (db/007 reorder_watch) of the clients with orders
        added since the last run (all of them the first time)."""
        mark = self._mark(_REORDER_MARK) or 0
        top = self.database.scalar("SELECT max(id) FROM orders") or 0
        if top <= mark:
            return
        if mark == 0:
            ids = [r[0] for r in self.database.query("SELECT DISTINCT contact_id FROM orders")]
        else:
            ids = [r[0] for r in self.database.query("SELECT DISTINCT contact_id FROM orders WHERE id > ?", (mark,))]
        for group in range(0, len(ids), WRITE_ROWS):  # short transactions (a worker may do this)
            with self.database.atomic() as conn:
                for chunk, _ in chunks(ids[group : group + WRITE_ROWS]):
                    days = self._order_days(chunk)
                    rows, gone = [], []
                    for contact_id in chunk:
                        expected = rules.reorder_date(days.get(contact_id, ()))
                        if expected is None:
                            gone.append((contact_id,))
                        else:
                            rows.append(
                                (contact_id, max(days[contact_id]).isoformat(), expected[1], expected[0].isoformat())
                            )
                    conn.executemany("DELETE FROM reorder_watch WHERE contact_id = ?", gone)
                    conn.executemany(
                        "INSERT INTO reorder_watch(contact_id, last_order, interval_days, expected_on) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT(contact_id) DO UPDATE SET "
                        "last_order = excluded.last_order, interval_days = excluded.interval_days, "
                        "expected_on = excluded.expected_on",
                        rows,
                    )
        with self.database.atomic():
            self._set_marks({_REORDER_MARK: top})


def _birthday(row) -> list[rules.Birthday]:
    try:
        return [rules.Birthday(row["id"], dt.date.fromisoformat(row["birth_date"][:10]))]
    except ValueError:  # a birth date that is no date: no wishes
        return []


def _next_day(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()
