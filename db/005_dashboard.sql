-- crmdesk schema, version 5: the aggregates behind the dashboard (DOMAIN §9,
-- issue 6), kept by triggers so that a refresh never scans the orders.
-- Read by crmdesk/store/dashboard.py; rebuilt from scratch by
-- dashboard.rebuild() (drops every dash_* object, runs this file again).
--
-- What an order counts for (the view dash_order_facts says it, and the
-- triggers of deletes and changes read it; the backfill, which
-- OrderStore.insert_many runs again for its new orders, and the triggers of
-- inserts spell it out for speed; the tests hold them all to the same count):
--   * dimension 'all'      key ''                       its amount
--   * dimension 'region'   key = the client's region    its amount ('' = none)
--   * dimension 'rep'      key = the order's rep id, else the client's ('' = none)
--   * dimension 'category' key = category id of each of its lines: the line's
--     own category, else its product's ('' = none), value = round(quantity ×
--     unit price) − discount (as OrderStore.category_shares computes it); an
--     order without lines counts its amount under ''.
--   In every dimension an order counts once per key (orders = distinct orders).
-- The region and the rep are the client's CURRENT ones: when a client's region
-- or rep changes, its orders move with it (trigger dash_contact_*), so that a
-- click on a region's bar lists exactly the clients whose orders made the bar;
-- likewise a product's category for its lines without a category of their own.
-- Orders of clients in the trash still count (the revenue was made).
-- Not followed: a product deleted outright (crmdesk never does it; products are
-- deactivated) — rebuild() puts the aggregates right if it ever happens.
--
-- Granularity: one row per day and key (a custom period is exact to the day);
-- a year of 40 reps is ~15 000 rows. Rows whose orders fall to 0 are left in
-- place (all zero) and ignored by the reads.
--
-- Bulk inserts: any trigger on a table makes SQLite keep a statement journal
-- for every row an executemany writes there (~8 µs a row measured, even for a
-- trigger that does nothing),
-- so OrderStore.insert_many drops the order and line triggers inside its
-- transaction, inserts, runs the backfill below for its new orders and puts
-- the triggers back (crmdesk/store/dashboard.py: bulk_orders).

CREATE TABLE dash_facts (
    dimension     TEXT NOT NULL,               -- all, category, region, rep
    day           TEXT NOT NULL,               -- ISO date of the orders
    key           TEXT NOT NULL,               -- '' = none (see above)
    revenue_cents INTEGER NOT NULL,
    orders        INTEGER NOT NULL,
    PRIMARY KEY (dimension, day, key)
) WITHOUT ROWID;

-- Who bought when: one row per client and month with orders (month number =
-- year × 12 + month − 1), deleted when its count falls to 0.
CREATE TABLE dash_activity (
    contact_id INTEGER NOT NULL,
    month      INTEGER NOT NULL,
    orders     INTEGER NOT NULL,
    PRIMARY KEY (contact_id, month)
) WITHOUT ROWID;

-- Retention counters per kind of period (period number = month number /
-- months of the kind: a month, a quarter, a year): `active` = clients with an
-- order in the period, `kept` = those of them with an order in the NEXT period
-- too. Retention of period p = kept(p − 1) / active(p − 1). Kept by the
-- triggers of dash_activity when a client's month appears or disappears.
CREATE TABLE dash_kinds (
    kind   TEXT PRIMARY KEY,
    months INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO dash_kinds(kind, months) VALUES ('month', 1), ('quarter', 3), ('year', 12);

CREATE TABLE dash_retention (
    kind   TEXT NOT NULL,
    period INTEGER NOT NULL,
    active INTEGER NOT NULL,
    kept   INTEGER NOT NULL,
    PRIMARY KEY (kind, period)
) WITHOUT ROWID;

-- Two queues, always empty between statements: a row inserted is applied by
-- its trigger, then deleted. dash_pending: add (sign 1) or take away (-1) all
-- that an order counts for, as dash_order_facts says it now, and its client's
-- month when `activity` (the order itself changes). dash_month_changes: a
-- client's month appeared (1) or disappeared (-1) in dash_activity.
CREATE TABLE dash_pending (
    order_id INTEGER NOT NULL,
    sign     INTEGER NOT NULL,
    activity INTEGER NOT NULL
);
CREATE TABLE dash_month_changes (
    contact_id INTEGER NOT NULL,
    month      INTEGER NOT NULL,
    sign       INTEGER NOT NULL
);

-- The value and category of each order line.
CREATE VIEW dash_lines AS
SELECT l.id, l.order_id,
       ifnull(CAST(coalesce(l.category_id, p.category_id) AS TEXT), '') AS category,
       CAST(round(l.quantity * l.unit_price_cents) AS INTEGER) - l.discount_cents AS value
  FROM order_lines AS l
  LEFT JOIN products AS p ON p.id = l.product_id;

-- What each order counts for: one row per order and dimension key.
CREATE VIEW dash_order_facts AS
SELECT o.id AS order_id, o.contact_id, 'all' AS dimension, substr(o.date, 1, 10) AS day, '' AS key,
       o.amount_cents AS revenue_cents
  FROM orders AS o
UNION ALL
SELECT o.id, o.contact_id, 'region', substr(o.date, 1, 10), ifnull(c.region, ''), o.amount_cents
  FROM orders AS o JOIN contacts AS c ON c.id = o.contact_id
UNION ALL
SELECT o.id, o.contact_id, 'rep', substr(o.date, 1, 10), ifnull(CAST(coalesce(o.rep_id, c.rep_id) AS TEXT), ''),
       o.amount_cents
  FROM orders AS o JOIN contacts AS c ON c.id = o.contact_id
UNION ALL
SELECT o.id, o.contact_id, 'category', substr(o.date, 1, 10), l.category, sum(l.value)
  FROM orders AS o JOIN dash_lines AS l ON l.order_id = o.id
 GROUP BY o.id, o.contact_id, l.category
UNION ALL
SELECT o.id, o.contact_id, 'category', substr(o.date, 1, 10), '', o.amount_cents
  FROM orders AS o
 WHERE NOT EXISTS (SELECT 1 FROM order_lines AS l WHERE l.order_id = o.id);

-- Lines that take their category from their product: found when the product
-- changes category (partial: lines with a category of their own are not in it).
CREATE INDEX dash_lines_by_product ON order_lines(product_id) WHERE category_id IS NULL;

-- Clients per saved status, RFM segment and code (db/002 figures) with their
-- yearly revenue: one pass over this index, no table look-up (the columns of
-- its WHERE are in it so that it covers the query): ~0.1 s for a million
-- clients. An index rather than counters kept by triggers: analytics.save_figures
-- rewrites every contact three times, and a trigger on these columns would cost
-- it a statement journal per row (measured on 1,000,000 clients: 28 s without
-- either, 58 s with this index, 67 s with the leanest trigger).
-- Counted: live contacts that are clients or have figures.
CREATE INDEX dash_contact_figures ON contacts(status, rfm_segment, rfm_code, revenue_year_cents, stage,
    figures_as_of, deleted_at)
 WHERE deleted_at IS NULL AND (figures_as_of IS NOT NULL OR stage = 'client');

-- The client table filtered on a region (ContactQuery.region), same shape as 001.
CREATE INDEX IF NOT EXISTS contacts_by_region ON contacts(ifnull(region, ''), name_key, id) WHERE deleted_at IS NULL;

-- The first order the backfill below reads: 0 here (every order), the first
-- new order when dashboard.bulk_orders runs it again.
CREATE TABLE dash_bulk (first_order INTEGER NOT NULL);
INSERT INTO dash_bulk(first_order) VALUES (0);

-- == Backfill: what the orders with an id >= dash_bulk.first_order count for ==
-- Set-based, before the triggers exist; dashboard.bulk_orders runs the
-- statements of this section again for the new orders of a bulk insert (with
-- the order and line triggers dropped, those of dash_activity kept). They say
-- what dash_order_facts says: one pass over the orders for all / region / rep
-- and the orders without lines, one over the lines.
WITH cube AS MATERIALIZED (
    SELECT substr(o.date, 1, 10) AS day, ifnull(c.region, '') AS region,
           ifnull(CAST(coalesce(o.rep_id, c.rep_id) AS TEXT), '') AS rep,
           sum(o.amount_cents) AS cents, count(*) AS n,
           sum(CASE WHEN l.order_id IS NULL THEN o.amount_cents ELSE 0 END) AS bare_cents,
           count(*) - count(l.order_id) AS bare
      FROM orders AS o
      JOIN contacts AS c ON c.id = o.contact_id
      LEFT JOIN (SELECT DISTINCT order_id FROM order_lines
                  WHERE order_id >= (SELECT first_order FROM dash_bulk)) AS l ON l.order_id = o.id
     WHERE o.id >= (SELECT first_order FROM dash_bulk)
     GROUP BY 1, 2, 3)
INSERT INTO dash_facts(dimension, day, key, revenue_cents, orders)
SELECT 'all', day, '', sum(cents), sum(n) FROM cube GROUP BY day
UNION ALL SELECT 'region', day, region, sum(cents), sum(n) FROM cube GROUP BY day, region
UNION ALL SELECT 'rep', day, rep, sum(cents), sum(n) FROM cube GROUP BY day, rep
UNION ALL SELECT 'category', day, '', sum(bare_cents), sum(bare) FROM cube GROUP BY day HAVING sum(bare) > 0
ON CONFLICT (dimension, day, key) DO UPDATE
   SET revenue_cents = revenue_cents + excluded.revenue_cents, orders = orders + excluded.orders;

INSERT INTO dash_facts(dimension, day, key, revenue_cents, orders)
SELECT 'category', substr(o.date, 1, 10), l.category, sum(l.value), count(DISTINCT o.id)
  FROM orders AS o JOIN dash_lines AS l ON l.order_id = o.id
 WHERE o.id >= (SELECT first_order FROM dash_bulk)
 GROUP BY 2, 3
ON CONFLICT (dimension, day, key) DO UPDATE
   SET revenue_cents = revenue_cents + excluded.revenue_cents, orders = orders + excluded.orders;

INSERT INTO dash_activity(contact_id, month, orders)
SELECT contact_id, CAST(substr(date, 1, 4) AS INTEGER) * 12 + CAST(substr(date, 6, 2) AS INTEGER) - 1, count(*)
  FROM orders NOT INDEXED     -- the range of ids, not a walk of orders_by_contact (10M entries)
 WHERE id >= (SELECT first_order FROM dash_bulk)
 GROUP BY 1, 2
ON CONFLICT (contact_id, month) DO UPDATE SET orders = orders + excluded.orders;
-- == End of the backfill ==

-- Retention counters of the whole history (then dash_activity's triggers keep them).
INSERT INTO dash_retention(kind, period, active, kept)
SELECT kind, period, count(*), total(next_period = period + 1)
  FROM (SELECT kind, contact_id, period,
               lead(period) OVER (PARTITION BY kind, contact_id ORDER BY period) AS next_period
          FROM (SELECT DISTINCT k.kind, a.contact_id, a.month / k.months AS period
                  FROM dash_kinds AS k JOIN dash_activity AS a))
 GROUP BY kind, period;

-- == Triggers ==
-- Orders. A new order adds what it counts for (spelled out rather than read
-- from dash_order_facts: 3 × faster on an import; a new order has no lines
-- yet, the foreign key sees to it). A deleted order is taken away BEFORE the
-- row goes: its lines, deleted by the cascade afterwards, find no order and do
-- nothing. A changed order: the old taken away, the new added.
CREATE TRIGGER dash_order_insert AFTER INSERT ON orders BEGIN
    INSERT INTO dash_facts(dimension, day, key, revenue_cents, orders)
    SELECT 'all', substr(new.date, 1, 10), '', new.amount_cents, 1
    UNION ALL
    SELECT 'category', substr(new.date, 1, 10), '', new.amount_cents, 1
    UNION ALL
    SELECT 'region', substr(new.date, 1, 10), ifnull(c.region, ''), new.amount_cents, 1
      FROM contacts AS c WHERE c.id = new.contact_id
    UNION ALL
    SELECT 'rep', substr(new.date, 1, 10), ifnull(CAST(coalesce(new.rep_id, c.rep_id) AS TEXT), ''), new.amount_cents, 1
      FROM contacts AS c WHERE c.id = new.contact_id
    ON CONFLICT (dimension, day, key) DO UPDATE
       SET revenue_cents = revenue_cents + excluded.revenue_cents, orders = orders + excluded.orders;
    INSERT INTO dash_activity(contact_id, month, orders)
    VALUES (new.contact_id,
            CAST(substr(new.date, 1, 4) AS INTEGER) * 12 + CAST(substr(new.date, 6, 2) AS INTEGER) - 1, 1)
    ON CONFLICT (contact_id, month) DO UPDATE SET orders = orders + 1;
END;

CREATE TRIGGER dash_order_delete BEFORE DELETE ON orders BEGIN
    INSERT INTO dash_pending(order_id, sign, activity) VALUES (old.id, -1, 1);
END;

CREATE TRIGGER dash_order_update_before BEFORE UPDATE OF contact_id, date, amount_cents, rep_id ON orders
WHEN old.contact_id IS NOT new.contact_id OR old.date IS NOT new.date OR old.amount_cents IS NOT new.amount_cents
  OR old.rep_id IS NOT new.rep_id BEGIN
    INSERT INTO dash_pending(order_id, sign, activity) VALUES (old.id, -1, 1);
END;

CREATE TRIGGER dash_order_update_after AFTER UPDATE OF contact_id, date, amount_cents, rep_id ON orders
WHEN old.contact_id IS NOT new.contact_id OR old.date IS NOT new.date OR old.amount_cents IS NOT new.amount_cents
  OR old.rep_id IS NOT new.rep_id BEGIN
    INSERT INTO dash_pending(order_id, sign, activity) VALUES (new.id, 1, 1);
END;

-- Lines, added or deleted one by one (an order typed or edited): the first
-- line of an order takes it out of « no lines » ('' with its amount), the last
-- one gone puts it back; a line adds its value to its category, and its order
-- once to that category's orders. A line changed in place (rare: a category set
-- by hand, a product deleted) takes its order(s) away and adds them back.
CREATE TRIGGER dash_line_insert AFTER INSERT ON order_lines BEGIN
    INSERT INTO dash_facts(dimension, day, key, revenue_cents, orders)
    SELECT 'category', substr(o.date, 1, 10), '', -o.amount_cents, -1
      FROM orders AS o
     WHERE o.id = new.order_id
       AND NOT EXISTS (SELECT 1 FROM order_lines AS x WHERE x.order_id = new.order_id AND x.id != new.id)
    UNION ALL
    SELECT 'category', substr(o.date, 1, 10), l.category, l.value,
           NOT EXISTS (SELECT 1 FROM dash_lines AS x
                        WHERE x.order_id = l.order_id AND x.id != l.id AND x.category = l.category)
      FROM dash_lines AS l JOIN orders AS o ON o.id = l.order_id
     WHERE l.id = new.id
    ON CONFLICT (dimension, day, key) DO UPDATE
       SET revenue_cents = revenue_cents + excluded.revenue_cents, orders = orders + excluded.orders;
END;

CREATE TRIGGER dash_line_delete BEFORE DELETE ON order_lines BEGIN
    INSERT INTO dash_facts(dimension, day, key, revenue_cents, orders)
    SELECT 'category', substr(o.date, 1, 10), l.category, -l.value,
           -NOT EXISTS (SELECT 1 FROM dash_lines AS x
                         WHERE x.order_id = l.order_id AND x.id != l.id AND x.category = l.category)
      FROM dash_lines AS l JOIN orders AS o ON o.id = l.order_id
     WHERE l.id = old.id
    UNION ALL
    SELECT 'category', substr(o.date, 1, 10), '', o.amount_cents, 1
      FROM orders AS o
     WHERE o.id = old.order_id
       AND NOT EXISTS (SELECT 1 FROM order_lines AS x WHERE x.order_id = old.order_id AND x.id != old.id)
    ON CONFLICT (dimension, day, key) DO UPDATE
       SET revenue_cents = revenue_cents + excluded.revenue_cents, orders = orders + excluded.orders;
END;

CREATE TRIGGER dash_line_update_before BEFORE UPDATE OF order_id, product_id, category_id, quantity, unit_price_cents,
    discount_cents ON order_lines BEGIN
    INSERT INTO dash_pending(order_id, sign, activity)
    SELECT id, -1, 0 FROM orders WHERE id IN (old.order_id, new.order_id);
END;

CREATE TRIGGER dash_line_update_after AFTER UPDATE OF order_id, product_id, category_id, quantity, unit_price_cents,
    discount_cents ON order_lines BEGIN
    INSERT INTO dash_pending(order_id, sign, activity)
    SELECT id, 1, 0 FROM orders WHERE id IN (old.order_id, new.order_id);
END;

-- A client's region or rep changes: its orders move from the old key to the new.
CREATE TRIGGER dash_contact_update_before BEFORE UPDATE OF region, rep_id ON contacts
WHEN old.region IS NOT new.region OR old.rep_id IS NOT new.rep_id BEGIN
    INSERT INTO dash_pending(order_id, sign, activity) SELECT id, -1, 0 FROM orders WHERE contact_id = old.id;
END;

CREATE TRIGGER dash_contact_update_after AFTER UPDATE OF region, rep_id ON contacts
WHEN old.region IS NOT new.region OR old.rep_id IS NOT new.rep_id BEGIN
    INSERT INTO dash_pending(order_id, sign, activity) SELECT id, 1, 0 FROM orders WHERE contact_id = new.id;
END;

-- A product changes category: the lines without a category of their own follow it.
CREATE TRIGGER dash_product_update_before BEFORE UPDATE OF category_id ON products
WHEN old.category_id IS NOT new.category_id BEGIN
    INSERT INTO dash_pending(order_id, sign, activity)
    SELECT DISTINCT order_id, -1, 0 FROM order_lines WHERE product_id = old.id AND category_id IS NULL;
END;

CREATE TRIGGER dash_product_update_after AFTER UPDATE OF category_id ON products
WHEN old.category_id IS NOT new.category_id BEGIN
    INSERT INTO dash_pending(order_id, sign, activity)
    SELECT DISTINCT order_id, 1, 0 FROM order_lines WHERE product_id = new.id AND category_id IS NULL;
END;

CREATE TRIGGER dash_pending_apply AFTER INSERT ON dash_pending BEGIN
    INSERT INTO dash_facts(dimension, day, key, revenue_cents, orders)
    SELECT dimension, day, key, new.sign * revenue_cents, new.sign FROM dash_order_facts WHERE order_id = new.order_id
    ON CONFLICT (dimension, day, key) DO UPDATE
       SET revenue_cents = revenue_cents + excluded.revenue_cents, orders = orders + excluded.orders;
    INSERT INTO dash_activity(contact_id, month, orders)
    SELECT contact_id, CAST(substr(date, 1, 4) AS INTEGER) * 12 + CAST(substr(date, 6, 2) AS INTEGER) - 1, new.sign
      FROM orders WHERE id = new.order_id AND new.activity
    ON CONFLICT (contact_id, month) DO UPDATE SET orders = orders + excluded.orders;
    DELETE FROM dash_activity
     WHERE orders <= 0 AND new.activity
       AND (contact_id, month) IN (SELECT contact_id, CAST(substr(date, 1, 4) AS INTEGER) * 12
                                                      + CAST(substr(date, 6, 2) AS INTEGER) - 1
                                     FROM orders WHERE id = new.order_id);
    DELETE FROM dash_pending WHERE rowid = new.rowid;
END;

-- A client's month appears (its first order of the month) or disappears (the
-- last one gone): for each kind of period, when it is the client's only month
-- in that period, the period gains or loses an active client, kept when the
-- client also bought in the next period; and the previous period keeps one
-- more or one less when the client bought in it.
CREATE TRIGGER dash_activity_insert AFTER INSERT ON dash_activity BEGIN
    INSERT INTO dash_month_changes(contact_id, month, sign) VALUES (new.contact_id, new.month, 1);
END;

CREATE TRIGGER dash_activity_delete AFTER DELETE ON dash_activity BEGIN
    INSERT INTO dash_month_changes(contact_id, month, sign) VALUES (old.contact_id, old.month, -1);
END;

CREATE TRIGGER dash_month_changes_apply AFTER INSERT ON dash_month_changes BEGIN
    INSERT INTO dash_retention(kind, period, active, kept)
    SELECT k.kind, new.month / k.months, new.sign,
           new.sign * EXISTS (SELECT 1 FROM dash_activity AS a WHERE a.contact_id = new.contact_id
                                 AND a.month BETWEEN (new.month / k.months + 1) * k.months
                                                 AND (new.month / k.months + 2) * k.months - 1)
      FROM dash_kinds AS k
     WHERE NOT EXISTS (SELECT 1 FROM dash_activity AS a WHERE a.contact_id = new.contact_id AND a.month != new.month
                          AND a.month BETWEEN new.month / k.months * k.months
                                          AND (new.month / k.months + 1) * k.months - 1)
    ON CONFLICT (kind, period) DO UPDATE SET active = active + excluded.active, kept = kept + excluded.kept;
    UPDATE dash_retention SET kept = kept + new.sign
     WHERE (kind, period) IN (
           SELECT k.kind, new.month / k.months - 1 FROM dash_kinds AS k
            WHERE NOT EXISTS (SELECT 1 FROM dash_activity AS a WHERE a.contact_id = new.contact_id
                                 AND a.month != new.month
                                 AND a.month BETWEEN new.month / k.months * k.months
                                                 AND (new.month / k.months + 1) * k.months - 1)
              AND EXISTS (SELECT 1 FROM dash_activity AS a WHERE a.contact_id = new.contact_id
                             AND a.month BETWEEN (new.month / k.months - 1) * k.months
                                             AND new.month / k.months * k.months - 1));
    DELETE FROM dash_month_changes WHERE rowid = new.rowid;
END;
