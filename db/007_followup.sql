-- crmdesk schema, version 7: relationship follow-up (DOMAIN §7, issue 8):
-- interactions, tasks and the automatic reminders. Written by
-- crmdesk/store/interactions.py and crmdesk/store/tasks.py; the rules of the
-- reminders are in crmdesk/domain/reminders.py.

-- What an interaction was: a plain exchange, a meeting or a quote sent (the
-- last two get a follow-up reminder, origin « followup:<id> »).
ALTER TABLE interactions ADD COLUMN kind TEXT NOT NULL DEFAULT 'contact'
    CHECK (kind IN ('contact', 'meeting', 'quote'));
-- When a task was created (by hand or by a reminder); NULL for older rows.
ALTER TABLE tasks ADD COLUMN created_at TEXT;

-- « Aujourd'hui » reads open tasks by due date (tasks_due of 001), a client's
-- tab its own (tasks_by_contact of 006), the agenda every task by due date.
CREATE INDEX tasks_by_due ON tasks(due_at);

-- The facts of the reminders, read by date ranges on a file of a million
-- clients: meetings and quotes by day, birthdays by « MM-DD », cards and
-- points by expiry (open complaints: complaints_open of 001).
CREATE INDEX interactions_followed_up ON interactions(at) WHERE kind IN ('meeting', 'quote');
CREATE INDEX contacts_by_birthday ON contacts(substr(birth_date, 6, 5))
    WHERE birth_date IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX loyalty_cards_by_end ON loyalty_cards(valid_until);
CREATE INDEX loyalty_ledger_by_expiry ON loyalty_ledger(expires_on) WHERE points > 0;

-- Reorder reminders: each client's expected reorder date (last order day +
-- usual interval, domain/reminders.py reorder_date), so that the clients due
-- are an index range instead of a scan of every order. Kept up to date by
-- TasksStore.generate_reminders for the clients whose orders were added since
-- the last run (orders with an id above reminder_marks 'reorder_order_id');
-- a client found due is checked again against its orders before its
-- reminder is written (an order changed or deleted since).
CREATE TABLE reorder_watch (
    contact_id  INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    last_order  TEXT NOT NULL,
    interval_days INTEGER NOT NULL,
    expected_on TEXT NOT NULL          -- last_order + interval_days
);
CREATE INDEX reorder_watch_by_date ON reorder_watch(expected_on);

CREATE TABLE reminder_marks (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
