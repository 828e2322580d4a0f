-- crmdesk schema, version 6: every import can be undone later in one action
-- (issue 7). Written by crmdesk/store/imports.py (start_batch, finish_batch,
-- record_old_values, record_promotions; undo_batch reads and applies them).
--
-- What an import created is found by its batch: orders and survey answers
-- had `import_batch` already (001, 004), contacts get it here. Each of these
-- three is inserted with ids above all the earlier ones (the writer lock and
-- the import's single transaction see to it), so the batch also keeps their
-- id range (in `marks`) and an undo reads a range of the primary key, with
-- no index on import_batch.

ALTER TABLE contacts ADD COLUMN import_batch INTEGER REFERENCES import_batches(id) ON DELETE SET NULL;

-- JSON: the highest ids of contacts, orders, answers, tags, reps, categories,
-- products and of the audit log when the import began and ended, and what an
-- import of web or social figures replaced. NULL for the imports made before
-- this version: those cannot be undone.
ALTER TABLE import_batches ADD COLUMN marks TEXT;

-- The fields an import changed, with the value before (old_value) and the
-- value it wrote (new_value, read back when the import ends): an undo puts
-- back a field only while it still holds what the import wrote, so that a
-- later change by hand is never lost. Values keep their SQLite type (no
-- declared type); tags are a JSON list of names.
--   entity 'contact'  entity_id = contact id, field = column or 'tags'
--   entity 'product'  entity_id = product id, field 'category_id' (a product
--                     without category that an orders import gave one)
--   entity 'web_stats' / 'social_stats'  key = the row's key (JSON), field '*',
--                     values = the whole row (JSON; old NULL: the row was new)
CREATE TABLE import_changes (
    batch_id  INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL DEFAULT 0,
    key       TEXT NOT NULL DEFAULT '',
    field     TEXT NOT NULL,
    old_value,
    new_value,
    PRIMARY KEY (batch_id, entity, entity_id, key, field)
) WITHOUT ROWID;

-- Rows of the look-up tables an import created (tag, rep, category, product),
-- with their name: an undo deletes those nothing uses any more.
CREATE TABLE import_created (
    batch_id  INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    name      TEXT,
    PRIMARY KEY (batch_id, entity, entity_id)
) WITHOUT ROWID;

-- Deleting a contact or an order makes SQLite look for the rows that refer
-- to it (foreign keys): without these indexes, one scan of the table per row
-- deleted.
CREATE INDEX IF NOT EXISTS tasks_by_contact ON tasks(contact_id);
CREATE INDEX IF NOT EXISTS parties_by_host ON parties(host_id);
CREATE INDEX IF NOT EXISTS party_guests_by_contact ON party_guests(contact_id);
CREATE INDEX IF NOT EXISTS attachments_by_contact ON attachments(contact_id);
CREATE INDEX IF NOT EXISTS loyalty_ledger_by_order ON loyalty_ledger(order_id);
