-- crmdesk schema, version 13: client numbers sort naturally (« SB2 » before
-- « SB10 », « C000002 » before « C000010 » whatever their widths).
-- contacts.code_key: the text before the final number in lower case, the
-- length of that number (leading zeros dropped) on two digits, then the
-- number: SB2 -> « sb012 », SB10 -> « sb0210 ». The store writes it with the
-- other derived keys (crmdesk.domain.client_codes.sort_key); the triggers
-- below compute the same text when a code is written by anything else (an
-- erasure renames a contact). The client table's sort by N° client walks the
-- index, paged by key like the other sorts.
ALTER TABLE contacts ADD COLUMN code_key TEXT NOT NULL DEFAULT '';
UPDATE contacts SET code_key = lower(rtrim(code, '0123456789'))
    || printf('%02d', length(ltrim(substr(code, length(rtrim(code, '0123456789')) + 1), '0')))
    || ltrim(substr(code, length(rtrim(code, '0123456789')) + 1), '0');
CREATE INDEX contacts_by_code_natural ON contacts(code_key, id) WHERE deleted_at IS NULL;
DROP INDEX contacts_by_code;
CREATE TRIGGER contacts_code_key_insert AFTER INSERT ON contacts
WHEN new.code_key IS NOT lower(rtrim(new.code, '0123456789'))
    || printf('%02d', length(ltrim(substr(new.code, length(rtrim(new.code, '0123456789')) + 1), '0')))
    || ltrim(substr(new.code, length(rtrim(new.code, '0123456789')) + 1), '0')
BEGIN
    UPDATE contacts SET code_key = lower(rtrim(new.code, '0123456789'))
    || printf('%02d', length(ltrim(substr(new.code, length(rtrim(new.code, '0123456789')) + 1), '0')))
    || ltrim(substr(new.code, length(rtrim(new.code, '0123456789')) + 1), '0')
    WHERE id = new.id;
END;
CREATE TRIGGER contacts_code_key_update AFTER UPDATE OF code, code_key ON contacts
WHEN new.code_key IS NOT lower(rtrim(new.code, '0123456789'))
    || printf('%02d', length(ltrim(substr(new.code, length(rtrim(new.code, '0123456789')) + 1), '0')))
    || ltrim(substr(new.code, length(rtrim(new.code, '0123456789')) + 1), '0')
BEGIN
    UPDATE contacts SET code_key = lower(rtrim(new.code, '0123456789'))
    || printf('%02d', length(ltrim(substr(new.code, length(rtrim(new.code, '0123456789')) + 1), '0')))
    || ltrim(substr(new.code, length(rtrim(new.code, '0123456789')) + 1), '0')
    WHERE id = new.id;
END;
