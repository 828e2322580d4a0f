-- crmdesk schema: the figures of today (DOMAIN §12, issue 16).
-- Written and read by crmdesk/store/figures.py; figures_touched also by
-- crmdesk/store/analytics.py (refresh_client).
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

-- Contacts whose figures were written by something else than a whole
-- recompute since the snapshot was made (an order typed: refresh_client): the
-- next recompute reads their own columns instead of the snapshot, then forgets
-- the entries it has seen (seq: the ones added meanwhile stay).
CREATE TABLE figures_touched (
    seq         INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL
);
