-- crmdesk schema, version 4: satisfaction and digital indicators (DOMAIN §6, §9;
-- seed 004). Written by crmdesk/store/indicators.py, figures derived by
-- crmdesk/domain/indicators.py. Counts are integers >= 0, money in cents;
-- nothing else is constrained (real figures can be odd: more product views
-- than visitors when visitors come back).

-- Web-shop funnel entered per period: « 2019 », « 2026-03 » or « 2026-T1 »
-- (the canonical text of domain/indicators.py normalize_period).
CREATE TABLE web_stats (
    period               TEXT PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                                              OR period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                              OR period GLOB '[0-9][0-9][0-9][0-9]-T[1-4]'),
    visitors             INTEGER NOT NULL CHECK (typeof(visitors) = 'integer' AND visitors >= 0),
    product_views        INTEGER NOT NULL CHECK (typeof(product_views) = 'integer' AND product_views >= 0),
    add_to_cart          INTEGER NOT NULL CHECK (typeof(add_to_cart) = 'integer' AND add_to_cart >= 0),
    purchases            INTEGER NOT NULL CHECK (typeof(purchases) = 'integer' AND purchases >= 0),
    average_basket_cents INTEGER NOT NULL CHECK (typeof(average_basket_cents) = 'integer'
                                                 AND average_basket_cents >= 0),
    updated_at           TEXT NOT NULL
);

-- Social networks per period and network (« Facebook » and « facebook » are one).
CREATE TABLE social_stats (
    period          TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                                      OR period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                      OR period GLOB '[0-9][0-9][0-9][0-9]-T[1-4]'),
    network         TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(network)) > 0),
    reach           INTEGER NOT NULL CHECK (typeof(reach) = 'integer' AND reach >= 0),
    likes           INTEGER NOT NULL CHECK (typeof(likes) = 'integer' AND likes >= 0),
    comments        INTEGER NOT NULL CHECK (typeof(comments) = 'integer' AND comments >= 0),
    shares          INTEGER NOT NULL CHECK (typeof(shares) = 'integer' AND shares >= 0),
    reach_objective INTEGER CHECK (reach_objective IS NULL
                                   OR (typeof(reach_objective) = 'integer' AND reach_objective >= 0)),
    likes_objective INTEGER CHECK (likes_objective IS NULL
                                   OR (typeof(likes_objective) = 'integer' AND likes_objective >= 0)),
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (period, network)
);

-- Survey answers (001) remember the import that brought them, like orders.
ALTER TABLE survey_answers ADD COLUMN import_batch INTEGER REFERENCES import_batches(id) ON DELETE SET NULL;

-- Satisfaction over a period counts answers per score of one indicator
-- between two dates: a covering index makes it one index range scan, no
-- table look-up, even with millions of answers. It replaces 001's
-- (indicator, date).
DROP INDEX survey_answers_by_date;
CREATE INDEX survey_answers_by_date ON survey_answers(indicator, date, score);
-- A client's answers (client sheet, survey tab).
CREATE INDEX survey_answers_by_contact ON survey_answers(contact_id, date);
