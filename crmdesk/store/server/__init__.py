"""crmdesk on a PostgreSQL server (issue 19): the same client file, shared by
several PCs. The SQLite file stays the default; a `postgresql://` URL given
where a file is expected opens a server database instead.

    url.py         the URL: recognised, shown and remembered without its password
    dialect.py     the stores' SQLite statements as PostgreSQL runs them
    migrate.py     db/postgresql/: the schema, numbered as db/ is
    connection.py  ServerDatabase: the Database of a server (errors in French)
    transfer.py    crmdesk server copy: a file to a server and back, checked
    archive.py     pg_dump / pg_restore archives
    notify.py      LISTEN/NOTIFY: what the other PCs change (the window refreshes)

psycopg is imported when a server is opened, never before (start-up time).
"""

from crmdesk.store.server.url import is_server_url

__all__ = ["is_server_url", "on_server", "untyped", "untyped_sql"]


def on_server(database) -> bool:
    """Whether `database` is a server's (ServerDatabase) rather than a file."""
    return getattr(database, "kind", "sqlite") == "postgresql"


# import_changes keeps a field's value as it was (SQLite: an untyped cell, a text or a
# number); a server keeps it as jsonb (db/postgresql/014_baseline.sql).
def untyped(database, value):
    """`value` bound for an untyped cell (a JSON scalar on a server; NULL stays NULL)."""
    if value is None or not on_server(database):
        return value
    from psycopg.types.json import Jsonb

    return Jsonb(value)


def untyped_sql(database, expression: str) -> str:
    """The SQL of `expression` written into an untyped cell."""
    return f"to_jsonb({expression})" if on_server(database) else expression
