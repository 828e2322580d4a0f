-- crmdesk schema, version 10: which contacts changed, for the client
-- table's in-memory listing (crmdesk/store/listing.py).
--
-- The window keeps the order of each sort column and the search texts in
-- memory (a search at a million contacts then reads only the rows shown).
-- Every change to a contact, by any connection or program, writes its id
-- here; the window reads the ids written since it last looked and updates
-- those contacts only. Only the last few thousand entries are kept: a
-- window that missed more (an import, a recomputation of the figures)
-- rebuilds its listing in the background instead.
CREATE TABLE contact_changes (
    seq        INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL
);
CREATE TRIGGER contact_changes_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_changes(contact_id) VALUES (new.id);
END;
CREATE TRIGGER contact_changes_update AFTER UPDATE ON contacts BEGIN
    INSERT INTO contact_changes(contact_id) VALUES (new.id);
END;
CREATE TRIGGER contact_changes_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contact_changes(contact_id) VALUES (old.id);
END;
-- tags are a filter of the table
CREATE TRIGGER contact_changes_tag_insert AFTER INSERT ON contact_tags BEGIN
    INSERT INTO contact_changes(contact_id) VALUES (new.contact_id);
END;
CREATE TRIGGER contact_changes_tag_delete AFTER DELETE ON contact_tags BEGIN
    INSERT INTO contact_changes(contact_id) VALUES (old.contact_id);
END;
CREATE TRIGGER contact_changes_prune AFTER INSERT ON contact_changes WHEN new.seq % 2048 = 0 BEGIN
    DELETE FROM contact_changes WHERE seq <= new.seq - 2048;
END;
