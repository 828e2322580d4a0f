-- 015: the bookkeeping triggers of contacts run once per statement (issue 19).
--
-- 014's row triggers updated the single `counters` row once per contact
-- inserted or deleted: inside one transaction each update walks past the
-- earlier dead versions of that row, so a 200,000-row import (or COPY) grew
-- quadratic (440 rows/s). Here the counts, the change journal
-- (contact_changes, its pruning) and the figures' « touched » notes are
-- written by statement-level triggers reading the statement's transition
-- tables (as the notifications at the end of 014 do): one INSERT … SELECT
-- per journal, and the counts applied once per transaction (below). The
-- results are those of 014 (and of the SQLite file's row triggers).
--
-- What stays row by row, and why:
-- - trashing / restoring (UPDATE OF deleted_at): one client per statement
--   (ContactStore.trash), and PostgreSQL allows no transition table on an
--   « UPDATE OF column » trigger; a statement-level AFTER UPDATE would run on
--   every update of a contact (the figures: one statement per client). It
--   now runs only when the row changes side (WHEN), as SQLite's does, and
--   adds to the transaction's pending counts like the others.
-- - figures_touched on UPDATE OF the figures' columns: the same reason.
-- SQLite's file keeps its row triggers: db/015_statement_triggers.sql holds
-- no statement (the file's version number moves alone, without a copy).

DROP TRIGGER contacts_count ON contacts;
DROP TRIGGER contact_changes ON contacts;
DROP TRIGGER contact_changes_tag ON contact_tags;
DROP TRIGGER contact_changes_prune ON contact_changes;
DROP TRIGGER figures_touched ON contacts;

-- Live and trashed counts. Even once per statement, an UPDATE of the one
-- `counters` row per statement stays quadratic for a transaction of many
-- statements (executemany: one INSERT per row). So the statements add their
-- change to two transaction-local settings (crmdesk.pending_live /
-- pending_trash: a savepoint rolled back takes its share back with it), and
-- ONE update of `counters` applies the sum when the transaction commits: the
-- first change of a transaction « arms » a deferred constraint trigger on
-- `counters` (by a no-op update of the row, which also takes the row's lock
-- as 014's first update did), which fires at COMMIT. Inside the transaction
-- that wrote them, counters do not show its own changes yet (nothing in
-- crmdesk reads them there: the window and the commands read after commit).
CREATE FUNCTION crmdesk_count_later(live bigint, trash bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF live = 0 AND trash = 0 THEN
        RETURN;
    END IF;
    PERFORM set_config('crmdesk.pending_live',
                       (coalesce(nullif(current_setting('crmdesk.pending_live', true), ''), '0')::bigint
                        + live)::text, true);
    PERFORM set_config('crmdesk.pending_trash',
                       (coalesce(nullif(current_setting('crmdesk.pending_trash', true), ''), '0')::bigint
                        + trash)::text, true);
    IF current_setting('crmdesk.pending_armed', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('crmdesk.pending_armed', 'on', true);
        UPDATE counters SET value = value WHERE name = 'contacts_live';
    END IF;
END $$;

CREATE FUNCTION counters_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    live bigint := coalesce(nullif(current_setting('crmdesk.pending_live', true), ''), '0')::bigint;
    trash bigint := coalesce(nullif(current_setting('crmdesk.pending_trash', true), ''), '0')::bigint;
BEGIN
    -- emptied first: the update below fires this trigger again, with nothing left to add
    PERFORM set_config('crmdesk.pending_live', '0', true);
    PERFORM set_config('crmdesk.pending_trash', '0', true);
    PERFORM set_config('crmdesk.pending_armed', 'off', true);
    UPDATE counters SET value = value + CASE name WHEN 'contacts_live' THEN live ELSE trash END
     WHERE (name = 'contacts_live' AND live <> 0) OR (name = 'contacts_trash' AND trash <> 0);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER counters_apply AFTER UPDATE ON counters DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION counters_apply();

-- What a statement inserted or deleted, counted once.
CREATE FUNCTION contacts_count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    live bigint;
    trash bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL)
          INTO live, trash FROM changed_new;
    ELSE
        SELECT -count(*) FILTER (WHERE deleted_at IS NULL), -count(*) FILTER (WHERE deleted_at IS NOT NULL)
          INTO live, trash FROM changed_old;
    END IF;
    PERFORM crmdesk_count_later(live, trash);
    RETURN NULL;
END $$;
CREATE TRIGGER contacts_count_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION contacts_count_statement();
CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION contacts_count_statement();
-- A contact trashed or restored (one per statement), only when the row changes side.
CREATE FUNCTION contacts_count_trash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF new.deleted_at IS NULL THEN
        PERFORM crmdesk_count_later(1, -1);
    ELSE
        PERFORM crmdesk_count_later(-1, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER contacts_count_trash AFTER UPDATE OF deleted_at ON contacts
    FOR EACH ROW WHEN ((old.deleted_at IS NULL) <> (new.deleted_at IS NULL)) EXECUTE FUNCTION contacts_count_trash();
DROP FUNCTION contacts_count();

-- Which contacts changed: one journal row per contact (or tag link) the statement touched.
CREATE OR REPLACE FUNCTION contact_changes_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'contacts' AND TG_OP = 'DELETE' THEN
        INSERT INTO contact_changes(contact_id) SELECT id FROM changed_old;
    ELSIF TG_TABLE_NAME = 'contacts' THEN
        INSERT INTO contact_changes(contact_id) SELECT id FROM changed_new;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO contact_changes(contact_id) SELECT contact_id FROM changed_old;
    ELSE
        INSERT INTO contact_changes(contact_id) SELECT contact_id FROM changed_new;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER contact_changes_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION contact_changes_note();
CREATE TRIGGER contact_changes_update AFTER UPDATE ON contacts REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION contact_changes_note();
CREATE TRIGGER contact_changes_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION contact_changes_note();
CREATE TRIGGER contact_changes_tag_insert AFTER INSERT ON contact_tags REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION contact_changes_note();
CREATE TRIGGER contact_changes_tag_delete AFTER DELETE ON contact_tags REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION contact_changes_note();

-- The journal keeps the last 2048 changes at least: the row trigger pruned
-- when a seq reached a multiple of 2048; here the highest multiple the
-- statement reached prunes once (the same rows remain).
CREATE OR REPLACE FUNCTION contact_changes_prune() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first bigint;
    last bigint;
BEGIN
    SELECT min(seq), max(seq) INTO first, last FROM added;
    IF last / 2048 > (first - 1) / 2048 THEN
        DELETE FROM contact_changes WHERE seq <= last / 2048 * 2048 - 2048;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER contact_changes_prune AFTER INSERT ON contact_changes REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION contact_changes_prune();

-- A contact with figures, inserted or deleted (db/013): noted once per statement.
CREATE FUNCTION figures_touched_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('crmdesk.figures_unnoted', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        INSERT INTO figures_touched(contact_id)
        SELECT id FROM changed_old WHERE figures_as_of IS NOT NULL OR rfm_as_of IS NOT NULL;
    ELSE
        INSERT INTO figures_touched(contact_id)
        SELECT id FROM changed_new WHERE figures_as_of IS NOT NULL OR rfm_as_of IS NOT NULL;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER figures_touched_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION figures_touched_statement();
CREATE TRIGGER figures_touched_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION figures_touched_statement();
