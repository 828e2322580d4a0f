-- The search's trigram index on search_text itself (issue 19, the keystroke on a server).
--
-- search_text is already folded by crmdesk (lower case, no accents: crmdesk.domain.text.fold), and so
-- are the words typed. The index of 014 was on crmdesk_fold(search_text): its LIKE rechecked every
-- candidate row through unaccent() — at 100,000 clients a keystroke « mar » spent 45 of its 60 ms
-- there, and the result could differ from the file's, which matches the words in search_text as it is.
-- Now the stores test « search_text LIKE '%word%' » (crmdesk/store/contacts.py) and crmdesk_match()
-- does the same, both answered by this index.
DROP INDEX contacts_search;
CREATE INDEX contacts_search ON contacts USING gin (search_text gin_trgm_ops);

-- The ids of the contacts whose search text holds every phrase of an FTS5 query « "abc" AND "def" »
-- (the phrases folded by crmdesk, as in the file's contacts_fts): each phrase a LIKE '%…%'.
CREATE OR REPLACE FUNCTION crmdesk_match(query text) RETURNS SETOF bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
    clauses text;
BEGIN
    SELECT string_agg(format('search_text LIKE %L',
                             '%' || replace(replace(replace(replace(m[1], '""', '"'),
                                                            '\', '\\'), '%', '\%'), '_', '\_') || '%'),
                      ' AND ')
      INTO clauses
      FROM regexp_matches(query, '"((?:[^"]|"")*)"', 'g') AS m;
    IF clauses IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE 'SELECT id FROM contacts WHERE ' || clauses;
END $$;
