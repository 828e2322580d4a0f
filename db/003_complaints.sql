-- crmdesk schema, version 3: what the complaint workflow (DOMAIN §5) needs
-- beyond 001's columns. Written by crmdesk/store/complaints.py; the dated
-- history itself stays in complaint_events (append-only).

ALTER TABLE complaints ADD COLUMN perishable INTEGER NOT NULL DEFAULT 0 CHECK (perishable IN (0, 1));
ALTER TABLE complaints ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
ALTER TABLE complaints ADD COLUMN justified INTEGER CHECK (justified IN (0, 1));   -- NULL: not qualified yet
ALTER TABLE complaints ADD COLUMN acknowledged_at TEXT;                             -- ISO date-time
ALTER TABLE complaints ADD COLUMN compensation_kind TEXT;                           -- refund, exchange, …
ALTER TABLE complaints ADD COLUMN compensation_cost_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE complaints ADD COLUMN resatisfied INTEGER CHECK (resatisfied IN (0, 1)); -- NULL until closed

CREATE INDEX complaints_by_received ON complaints(received_at);
