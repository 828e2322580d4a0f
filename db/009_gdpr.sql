-- crmdesk schema, version 9: personal-data rights (DOMAIN §8, issue 9).
-- Written by crmdesk/store/gdpr.py (erasure, retention) and
-- crmdesk/store/rights.py (the register of requests); read by
-- crmdesk/store/audit.py (the audit viewer).

-- An erased (anonymised) contact keeps its row, so that its orders keep
-- their amounts and dates for the statistics; erased_at marks it: the
-- retention list, the access export and a second erasure skip it.
ALTER TABLE contacts ADD COLUMN erased_at TEXT;

-- The register of rights requests (access, rectification, erasure,
-- opposition): each must be answered within one month of its reception
-- (due_on = same day of the next month, the month's last day when that day
-- does not exist: domain/rights.py). `requester` is the person as they
-- wrote it when they are not (or not yet) in the file; an erasure blanks it
-- and the notes but keeps the dates: the register proves the answer.
CREATE TABLE rights_requests (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'opposition')),
    contact_id  INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    requester   TEXT,
    channel     TEXT NOT NULL DEFAULT '',
    received_on TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    answered_on TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    CHECK (answered_on IS NULL OR answered_on >= received_on)
);
CREATE INDEX rights_requests_open ON rights_requests(answered_on, due_on);
CREATE INDEX rights_requests_by_contact ON rights_requests(contact_id);

-- The audit viewer filters on a date range.
CREATE INDEX audit_log_by_at ON audit_log(at);

-- What an erasure looks up for each contact, without a scan of a big file:
-- the merges it took part in (few entries among millions) and the old
-- values imports kept for it (import_changes' key starts with the batch).
CREATE INDEX audit_log_merges ON audit_log(entity_id) WHERE action IN ('merge', 'unmerge');
-- the records of the person deleted before (an order, an interaction…): their
-- « delete » entry names the contact they belonged to
CREATE INDEX audit_log_deletes ON audit_log(entity, entity_id) WHERE action = 'delete';
CREATE INDEX import_changes_by_entity ON import_changes(entity, entity_id);

-- Complaint history stays append-only (db/001), with one exception: the
-- erasure of a person must remove the identifying text of the events of
-- their complaints (answers, notes, attachment names in `details`) while
-- keeping each event, its date, phase and action for the statistics.
-- gdpr.erase() puts the contact's id in gdpr_erasing for the length of its
-- transaction (the table is empty at any other time); an UPDATE is allowed
-- only for an event of a complaint of that contact, and only of `details`.
-- Why a table rather than dropping and re-creating the trigger (as
-- dashboard.bulk_orders does for speed): the rule stays in the schema, a
-- crash mid-way cannot leave the history unprotected, and any other UPDATE
-- — even during an erasure — is still refused. DELETE stays forbidden.
CREATE TABLE gdpr_erasing (
    contact_id INTEGER PRIMARY KEY
);

DROP TRIGGER complaint_events_no_update;
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
WHEN NOT (old.complaint_id IN (SELECT id FROM complaints
                                WHERE contact_id IN (SELECT contact_id FROM gdpr_erasing))
          AND new.id IS old.id AND new.complaint_id IS old.complaint_id AND new.at IS old.at
          AND new.phase IS old.phase AND new.action IS old.action AND new.author IS old.author)
BEGIN
    SELECT RAISE(ABORT, 'complaint history is append-only');
END;
