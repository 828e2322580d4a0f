-- crmdesk schema, version 2: the behavioural figures saved on each contact
-- (DOMAIN §3–§4), so that the client table sorts and filters on them.
-- Written by crmdesk/store/analytics.py (save_figures, refresh_client);
-- NULL until computed. A status NULL with figures_as_of set = « hors grille ».

ALTER TABLE contacts ADD COLUMN status TEXT;               -- premium, actif, standard, occasionnel
ALTER TABLE contacts ADD COLUMN revenue_year_cents INTEGER; -- the 365 days ending figures_as_of
ALTER TABLE contacts ADD COLUMN orders_year INTEGER;
ALTER TABLE contacts ADD COLUMN last_order TEXT;            -- ISO date, on or before figures_as_of
ALTER TABLE contacts ADD COLUMN figures_as_of TEXT;         -- reference date of the four above
ALTER TABLE contacts ADD COLUMN rfm_code TEXT;              -- « 4-3-2 »
ALTER TABLE contacts ADD COLUMN rfm_segment TEXT;           -- champions, fideles, … (domain/rfm.py)
ALTER TABLE contacts ADD COLUMN rfm_as_of TEXT;             -- reference date of the RFM code

-- Same shape as 001: (key, id), partial on live rows.
CREATE INDEX contacts_by_status      ON contacts(ifnull(status, ''), name_key, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_revenue     ON contacts(ifnull(revenue_year_cents, -1), id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_orders_year ON contacts(ifnull(orders_year, -1), id)   WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_last_order  ON contacts(ifnull(last_order, ''), id)    WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_rfm_code    ON contacts(ifnull(rfm_code, ''), id)      WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_rfm_segment ON contacts(ifnull(rfm_segment, ''), name_key, id) WHERE deleted_at IS NULL;

-- RFM and status read (contact_id, date, amount_cents) for every order: a
-- covering index makes that one ordered index scan with no table look-up
-- (GROUP BY contact_id needs no sort). It replaces 001's (contact_id, date).
DROP INDEX orders_by_contact;
CREATE INDEX orders_by_contact ON orders(contact_id, date, amount_cents);
