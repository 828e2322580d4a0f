-- crmdesk schema, version 8: the loyalty programme (DOMAIN §7, issue 8):
-- points per order, expiry per batch, rewards, vouchers (home-party hosts,
-- referrals), referral rewards and the reps' objectives. Written by
-- crmdesk/store/loyalty.py, parties.py and reps.py; the rules are in
-- crmdesk/domain/loyalty.py, rebate.py, parties.py and referral.py.
-- The meaning of 001's loyalty_ledger and loyalty_cards columns is unchanged
-- (points > 0 = a batch earned, usable up to expires_on included; < 0 =
-- redeemed or expired).

-- What a reward of the catalogue costs the firm (the programme's cost).
ALTER TABLE loyalty_rewards ADD COLUMN value_cents INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0);

-- An expiry entry (reason 'expired', points < 0) names the batch that lapsed:
-- one per batch, so an expiry run can be repeated without counting twice.
ALTER TABLE loyalty_ledger ADD COLUMN batch_id INTEGER REFERENCES loyalty_ledger(id) ON DELETE CASCADE;
CREATE UNIQUE INDEX loyalty_ledger_expiry ON loyalty_ledger(batch_id) WHERE batch_id IS NOT NULL;
-- An order earns its points once.
CREATE UNIQUE INDEX loyalty_ledger_order ON loyalty_ledger(order_id) WHERE reason = 'order' AND order_id IS NOT NULL;
-- (Batches by expiry date: 007's loyalty_ledger_by_expiry serves the expiry run too.)

-- An order deleted (by hand, by undoing its import) takes its points with it,
-- and their expiry record (batch_id cascade); a redemption already made stays.
CREATE TRIGGER loyalty_order_delete BEFORE DELETE ON orders BEGIN
    DELETE FROM loyalty_ledger WHERE order_id = old.id AND reason = 'order';
END;

-- Vouchers (bons d'achat) given to a client: a party's host (10 % of her
-- party's sales, one voucher per party) or a referrer. Amount frozen when
-- issued; used_on set when the client spends it.
CREATE TABLE vouchers (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    source       TEXT NOT NULL CHECK (source IN ('party', 'referral')),
    party_id     INTEGER UNIQUE REFERENCES parties(id) ON DELETE SET NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    issued_on    TEXT NOT NULL,
    valid_until  TEXT,
    used_on      TEXT
);
CREATE INDEX vouchers_by_contact ON vouchers(contact_id, issued_on);
CREATE INDEX vouchers_by_use ON vouchers(used_on) WHERE used_on IS NOT NULL;

-- A referral rewarded: one row per referred client, written with the reward
-- (points in the ledger or a voucher) when her first order is saved.
CREATE TABLE referral_rewards (
    referred_id  INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
    referrer_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    order_id     INTEGER REFERENCES orders(id) ON DELETE SET NULL,
    rewarded_on  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('points', 'voucher')),
    points       INTEGER NOT NULL DEFAULT 0,
    ledger_id    INTEGER REFERENCES loyalty_ledger(id) ON DELETE SET NULL,
    voucher_id   INTEGER REFERENCES vouchers(id) ON DELETE SET NULL
);
CREATE INDEX referral_rewards_by_referrer ON referral_rewards(referrer_id);

-- Objectives of a rep or ambassador per period (« 2026 », « 2026-T1 »,
-- « 2026-03 »: crmdesk.domain.indicators.period_text); NULL = no objective.
CREATE TABLE rep_objectives (
    rep_id        INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
    period        TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]'
                                    OR period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'
                                    OR period GLOB '[0-9][0-9][0-9][0-9]-T[1-4]'),
    revenue_cents INTEGER CHECK (revenue_cents IS NULL OR revenue_cents >= 0),
    orders        INTEGER CHECK (orders IS NULL OR orders >= 0),
    PRIMARY KEY (rep_id, period)
) WITHOUT ROWID;

-- Parties by date (the list) and their sales (by host and a guest's parties: 006).
CREATE INDEX parties_by_date ON parties(date);
CREATE INDEX orders_by_party ON orders(party_id) WHERE party_id IS NOT NULL;
-- Revenue per rep and period (orders without a rep of their own count for the client's).
CREATE INDEX orders_by_rep ON orders(rep_id, date) WHERE rep_id IS NOT NULL;
