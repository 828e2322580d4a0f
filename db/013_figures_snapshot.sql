-- crmdesk schema: the figures of today (DOMAIN §12, issue 16).
-- Written and read by crmdesk/store/figures_update.py.
--
-- The figures on the contacts (db/002) are those of one day for the whole
-- file, recomputed each day. To find in a moment which contacts a new day
-- changes, the last recompute keeps what it wrote as packed numpy columns
-- (one row: ids, status, 12-month revenue and orders, last order, RFM code
-- and segment as numbers, zlib-compressed): about 10 MB for a million
-- clients, read and compared in a fraction of a second where reading the
-- contacts' own columns takes seconds.
CREATE TABLE figures_snapshot (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    as_of     TEXT NOT NULL,          -- the day of the figures written (ISO)
    contacts  INTEGER NOT NULL,       -- how many contacts it holds
    data      BLOB NOT NULL
);

-- Contacts whose figures may no longer be those of the snapshot: noted by the
-- triggers below at every write of their figures (an order typed:
-- refresh_client), of their trash date, and when one is added or deleted with
-- figures. The next update reads their own columns instead of the snapshot and
-- computes them again, then forgets the entries it has seen and those of its
-- own writes (seq: the ones added meanwhile stay).
CREATE TABLE figures_touched (
    seq         INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL
);

CREATE TRIGGER figures_touched_update AFTER UPDATE OF status, revenue_year_cents, orders_year, last_order,
    rfm_code, rfm_segment, figures_as_of, rfm_as_of, deleted_at ON contacts
BEGIN
    INSERT INTO figures_touched(contact_id) VALUES (new.id);
END;

CREATE TRIGGER figures_touched_insert AFTER INSERT ON contacts
    WHEN new.figures_as_of IS NOT NULL OR new.rfm_as_of IS NOT NULL
BEGIN
    INSERT INTO figures_touched(contact_id) VALUES (new.id);
END;

CREATE TRIGGER figures_touched_delete AFTER DELETE ON contacts
    WHEN old.figures_as_of IS NOT NULL OR old.rfm_as_of IS NOT NULL
BEGIN
    INSERT INTO figures_touched(contact_id) VALUES (old.id);
END;
