-- Complaint attachments kept in the server database. The PCs of a server share no folder, so an
-- attachment's bytes live in the database, one row per attachment, gone with it (a GDPR erasure,
-- a complaint deleted). A client file keeps its « <nom>-pieces/ » folder (the SQLite migration of
-- the same number changes nothing there).
CREATE TABLE attachment_contents (
    attachment_id bigint PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE,
    content       bytea NOT NULL
);
