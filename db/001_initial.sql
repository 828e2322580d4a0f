-- crmdesk schema, version 1: the whole domain (DOMAIN.md §1–§9).
-- Applied in one transaction by crmdesk/store/migrate.py; never edit a
-- released migration, add the next numbered file instead.
-- Money is in integer cents, dates are ISO-8601 text, booleans 0/1.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL               -- JSON
);

CREATE TABLE reps (                   -- sales reps and home-party ambassadors
    id     INTEGER PRIMARY KEY,
    code   TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL DEFAULT 'rep' CHECK (kind IN ('rep', 'ambassador')),
    email  TEXT,
    phone  TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'company')),
    stage       TEXT NOT NULL DEFAULT 'prospect' CHECK (stage IN ('prospect', 'client', 'former')),
    company_id  INTEGER REFERENCES contacts(id) ON DELETE SET NULL,   -- a person inside a company
    job_title   TEXT,
    civility    TEXT NOT NULL DEFAULT '',
    last_name   TEXT,
    first_name  TEXT,
    company     TEXT,
    siret       TEXT,
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',                 -- E.164
    phone2      TEXT,
    address     TEXT,
    postal_code TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    department  TEXT,
    region      TEXT,
    country     TEXT NOT NULL DEFAULT 'FR',
    birth_date  TEXT,
    first_contact TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    rep_id      INTEGER REFERENCES reps(id) ON DELETE SET NULL,
    referred_by INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    is_host     INTEGER NOT NULL DEFAULT 0 CHECK (is_host IN (0, 1)),
    notes       TEXT,
    interests   TEXT,
    preferred_channel TEXT NOT NULL DEFAULT '',
    consent_email INTEGER NOT NULL DEFAULT 0 CHECK (consent_email IN (0, 1)),
    consent_email_date TEXT,
    consent_email_source TEXT,
    consent_sms INTEGER NOT NULL DEFAULT 0 CHECK (consent_sms IN (0, 1)),
    consent_sms_date TEXT,
    consent_sms_source TEXT,
    consent_phone INTEGER NOT NULL DEFAULT 0 CHECK (consent_phone IN (0, 1)),
    consent_phone_date TEXT,
    consent_phone_source TEXT,
    opposition  INTEGER NOT NULL DEFAULT 0 CHECK (opposition IN (0, 1)),
    opposition_date TEXT,
    last_contact TEXT,
    retention_end TEXT,
    -- derived by the store, never typed: folded keys for accent-blind
    -- sorting, and the text the trigram index searches
    name_key    TEXT NOT NULL DEFAULT '',
    company_key TEXT NOT NULL DEFAULT '',
    city_key    TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT                  -- in the trash when set
);

-- One index per sortable column of the client table, (key, id) so that
-- paging by key is an index walk; partial on live rows.
CREATE INDEX contacts_by_code    ON contacts(code, id)        WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_name    ON contacts(name_key, id)    WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_company ON contacts(company_key, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_city    ON contacts(city_key, id)    WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_postal  ON contacts(postal_code, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_email   ON contacts(email, id)       WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_phone   ON contacts(phone, id)       WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_stage   ON contacts(stage, name_key, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_rep     ON contacts(ifnull(rep_id, 0), name_key, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_by_first_contact ON contacts(first_contact, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_trash      ON contacts(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX contacts_company    ON contacts(company_id);
CREATE INDEX contacts_referred   ON contacts(referred_by);

-- Accent- and case-blind substring search (SQLite < 3.45 has no
-- remove_diacritics for trigram, so search_text is folded by the store).
CREATE VIRTUAL TABLE contacts_fts USING fts5(
    search_text, content='contacts', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts(contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_text ON contacts BEGIN
    INSERT INTO contacts_fts(contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO contacts_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

-- Live and trashed contact counts, kept by triggers: counting a million
-- index entries costs ~0.25 s on a cold start, reading this costs nothing.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters(name, value) VALUES ('contacts_live', 0), ('contacts_trash', 0);
CREATE TRIGGER contacts_count_insert AFTER INSERT ON contacts BEGIN
    UPDATE counters SET value = value + 1
     WHERE name = CASE WHEN new.deleted_at IS NULL THEN 'contacts_live' ELSE 'contacts_trash' END;
END;
CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts BEGIN
    UPDATE counters SET value = value - 1
     WHERE name = CASE WHEN old.deleted_at IS NULL THEN 'contacts_live' ELSE 'contacts_trash' END;
END;
CREATE TRIGGER contacts_count_trash AFTER UPDATE OF deleted_at ON contacts
WHEN (old.deleted_at IS NULL) != (new.deleted_at IS NULL) BEGIN
    UPDATE counters SET value = value + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
     WHERE name = 'contacts_live';
    UPDATE counters SET value = value + CASE WHEN new.deleted_at IS NULL THEN -1 ELSE 1 END
     WHERE name = 'contacts_trash';
END;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_by_contact ON contact_tags(contact_id);

CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    code        TEXT UNIQUE,
    name        TEXT NOT NULL,
    category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    unit_price_cents INTEGER,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE RESTRICT,
    ref          TEXT UNIQUE,
    date         TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    channel      TEXT NOT NULL DEFAULT '' CHECK (channel IN ('', 'shop', 'web', 'phone', 'home_party', 'fair', 'opening')),
    rep_id       INTEGER REFERENCES reps(id) ON DELETE SET NULL,
    party_id     INTEGER REFERENCES parties(id) ON DELETE SET NULL,
    notes        TEXT,
    import_batch INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX orders_by_contact ON orders(contact_id, date);
CREATE INDEX orders_by_date    ON orders(date);

CREATE TABLE order_lines (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product_id  INTEGER REFERENCES products(id) ON DELETE SET NULL,
    label       TEXT,
    category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    quantity    REAL NOT NULL DEFAULT 1,
    unit_price_cents INTEGER NOT NULL,
    discount_cents   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX order_lines_by_order ON order_lines(order_id);

CREATE TABLE parties (                -- home parties (réunions à domicile)
    id             INTEGER PRIMARY KEY,
    host_id        INTEGER NOT NULL REFERENCES contacts(id) ON DELETE RESTRICT,
    ambassador_id  INTEGER REFERENCES reps(id) ON DELETE SET NULL,
    date           TEXT NOT NULL,
    voucher_rate   REAL NOT NULL DEFAULT 0.10,
    notes          TEXT
);
CREATE TABLE party_guests (
    party_id   INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    PRIMARY KEY (party_id, contact_id)
) WITHOUT ROWID;

CREATE TABLE interactions (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,         -- date and time
    channel    TEXT NOT NULL,
    direction  TEXT NOT NULL DEFAULT 'in' CHECK (direction IN ('in', 'out')),
    subject    TEXT,
    notes      TEXT,
    rep_id     INTEGER REFERENCES reps(id) ON DELETE SET NULL
);
CREATE INDEX interactions_by_contact ON interactions(contact_id, at);

CREATE TABLE tasks (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
    rep_id     INTEGER REFERENCES reps(id) ON DELETE SET NULL,
    kind       TEXT NOT NULL DEFAULT 'todo',
    title      TEXT NOT NULL,
    due_at     TEXT,
    done_at    TEXT,
    origin     TEXT UNIQUE,           -- key of an automatic reminder, never generated twice
    notes      TEXT
);
CREATE INDEX tasks_due ON tasks(done_at, due_at);

CREATE TABLE complaints (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE,
    contact_id   INTEGER REFERENCES contacts(id) ON DELETE RESTRICT,
    received_at  TEXT NOT NULL,
    channel      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('safety', 'delivery', 'stockout', 'special_order',
                                               'product_defect', 'invoice', 'information', 'other')),
    nature       TEXT NOT NULL DEFAULT '' CHECK (nature IN ('', 'good_faith', 'bad_faith', 'seller_fault')),
    service      TEXT NOT NULL DEFAULT '',
    subject      TEXT,
    product_id   INTEGER REFERENCES products(id) ON DELETE SET NULL,
    lot          TEXT,
    description  TEXT,
    priority     INTEGER NOT NULL DEFAULT 3,
    owner        TEXT,
    due_date     TEXT,
    phase        TEXT NOT NULL DEFAULT 'reception',
    closed_at    TEXT
);
CREATE INDEX complaints_open ON complaints(closed_at, due_date);
CREATE INDEX complaints_by_contact ON complaints(contact_id);

CREATE TABLE complaint_events (       -- append-only: a correction is a new event
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id) ON DELETE RESTRICT,
    at           TEXT NOT NULL,
    phase        TEXT NOT NULL,
    action       TEXT NOT NULL,
    details      TEXT,                -- JSON
    author       TEXT
);
CREATE INDEX complaint_events_by_complaint ON complaint_events(complaint_id, at);
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events BEGIN
    SELECT RAISE(ABORT, 'complaint history is append-only');
END;
CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events BEGIN
    SELECT RAISE(ABORT, 'complaint history is append-only');
END;

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER REFERENCES complaints(id) ON DELETE CASCADE,
    contact_id   INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
    stored_name  TEXT NOT NULL,       -- relative to the managed folder
    original_name TEXT,
    added_at     TEXT NOT NULL
);

CREATE TABLE survey_answers (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    date       TEXT NOT NULL,
    indicator  TEXT NOT NULL CHECK (indicator IN ('csat', 'nps', 'ces')),
    score      INTEGER NOT NULL,
    comment    TEXT,
    CHECK ((indicator = 'csat' AND score BETWEEN 1 AND 5)
        OR (indicator = 'nps' AND score BETWEEN 0 AND 10)
        OR (indicator = 'ces' AND score BETWEEN 1 AND 7))
);
CREATE INDEX survey_answers_by_date ON survey_answers(indicator, date);

CREATE TABLE loyalty_rewards (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    points      INTEGER NOT NULL CHECK (points > 0),
    active      INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE loyalty_ledger (         -- batches of points, each with its expiry
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    points      INTEGER NOT NULL,     -- > 0 earned, < 0 redeemed or expired
    reason      TEXT NOT NULL,
    order_id    INTEGER REFERENCES orders(id) ON DELETE SET NULL,
    reward_id   INTEGER REFERENCES loyalty_rewards(id) ON DELETE SET NULL,
    expires_on  TEXT
);
CREATE INDEX loyalty_ledger_by_contact ON loyalty_ledger(contact_id, at);
CREATE TABLE loyalty_cards (
    contact_id  INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    number      TEXT NOT NULL UNIQUE,
    valid_from  TEXT NOT NULL,
    valid_until TEXT NOT NULL
);

CREATE TABLE suppression_list (       -- opposition kept even after erasure
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value_hash TEXT NOT NULL,
    added_at  TEXT NOT NULL,
    UNIQUE (kind, value_hash)
);

CREATE TABLE import_batches (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    file_name  TEXT,
    at         TEXT NOT NULL,
    rows_ok    INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    undone_at  TEXT
);

CREATE TABLE audit_log (              -- who changed what, when (DOMAIN §8)
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    author    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    changes   TEXT                    -- JSON {field: [old, new]}
);
CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id);
