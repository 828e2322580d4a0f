-- crmdesk schema, version 13: client numbers sort naturally (« SB2 » before
-- « SB10 », « C000002 » before « C000010 » whatever their widths).
-- contacts.code_key: the text before the final number in lower case, the
-- length of that number (leading zeros dropped) on two digits, then the
-- number: SB2 -> « sb012 », SB10 -> « sb0210 » (crmdesk.domain.client_codes.
-- sort_key says the same in Python). A virtual generated column: SQLite
-- computes it from the code, for every writer, and adding it rewrites no row
-- (a million-client file only reads its codes to build the index). The
-- client table's sort by N° client walks the index, paged by key like the
-- other sorts. It replaces the plain index on the code.
ALTER TABLE contacts ADD COLUMN code_key TEXT GENERATED ALWAYS AS (
    lower(rtrim(code, '0123456789'))
    || printf('%02d', length(ltrim(substr(code, length(rtrim(code, '0123456789')) + 1), '0')))
    || ltrim(substr(code, length(rtrim(code, '0123456789')) + 1), '0')
) VIRTUAL;
CREATE INDEX contacts_by_code_natural ON contacts(code_key, id) WHERE deleted_at IS NULL;
DROP INDEX contacts_by_code;
