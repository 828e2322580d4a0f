-- crmdesk schema on a server, version 15: every PC sees the others' changes
-- within a second (issue 19). A statement that changes contacts, orders,
-- tasks or complaints sends ONE notification on the channel
-- « crmdesk_changes » when it commits: « table:id,id,… » (the clients it
-- touched, at most 101 — more means « many »: the window re-reads all).
-- Statement-level triggers with transition tables: an import of 200,000
-- rows sends one notification, not 200,000; a statement that changed no row
-- sends none (the figures recomputed to the same values). The windows
-- LISTEN on their own connection (crmdesk/gui/server/listener.py).
-- SQLite has nothing to notify (one PC): db/015_notify.sql is a comment.
-- Below, the figures' own writes are no longer « touched » without dropping
-- a trigger (a lock on the contacts against every PC).
CREATE FUNCTION crmdesk_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched bigint;
    ids text;
BEGIN
    IF TG_ARGV[0] = 'id' AND TG_OP = 'DELETE' THEN
        SELECT count(*), string_agg(k::text, ',') INTO touched, ids FROM (SELECT id AS k FROM changed_old LIMIT 101) s;
    ELSIF TG_ARGV[0] = 'id' THEN
        SELECT count(*), string_agg(k::text, ',') INTO touched, ids FROM (SELECT id AS k FROM changed_new LIMIT 101) s;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT count(*), string_agg(k::text, ',') INTO touched, ids
          FROM (SELECT contact_id AS k FROM changed_old LIMIT 101) s;
    ELSE
        SELECT count(*), string_agg(k::text, ',') INTO touched, ids
          FROM (SELECT contact_id AS k FROM changed_new LIMIT 101) s;
    END IF;
    IF touched > 0 THEN  -- a task of no client: « tasks: » (no id)
        PERFORM pg_notify('crmdesk_changes', TG_TABLE_NAME || ':' || coalesce(ids, ''));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER contacts_notify_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('id');
CREATE TRIGGER contacts_notify_update AFTER UPDATE ON contacts REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('id');
CREATE TRIGGER contacts_notify_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('id');

CREATE TRIGGER orders_notify_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');
CREATE TRIGGER orders_notify_update AFTER UPDATE ON orders REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');
CREATE TRIGGER orders_notify_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');

CREATE TRIGGER tasks_notify_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');
CREATE TRIGGER tasks_notify_update AFTER UPDATE ON tasks REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');
CREATE TRIGGER tasks_notify_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');

CREATE TRIGGER complaints_notify_insert AFTER INSERT ON complaints REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');
CREATE TRIGGER complaints_notify_update AFTER UPDATE ON complaints REFERENCING NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');
CREATE TRIGGER complaints_notify_delete AFTER DELETE ON complaints REFERENCING OLD TABLE AS changed_old
    FOR EACH STATEMENT EXECUTE FUNCTION crmdesk_notify_changes('contact_id');

-- The figures written by crmdesk itself are not « touched » (db/013): on a file
-- the writer drops the trigger inside its transaction; on a server that would
-- lock the contacts against every PC, so the writer says « SET LOCAL
-- crmdesk.figures_unnoted = 'on' » and the trigger skips (store/figures_update.py).
CREATE OR REPLACE FUNCTION figures_touched_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('crmdesk.figures_unnoted', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF old.figures_as_of IS NOT NULL OR old.rfm_as_of IS NOT NULL THEN
            INSERT INTO figures_touched(contact_id) VALUES (old.id);
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        IF new.figures_as_of IS NOT NULL OR new.rfm_as_of IS NOT NULL THEN
            INSERT INTO figures_touched(contact_id) VALUES (new.id);
        END IF;
    ELSE
        INSERT INTO figures_touched(contact_id) VALUES (new.id);
    END IF;
    RETURN NULL;
END $$;
