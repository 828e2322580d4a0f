"""Opening a client file for a reading command."""

from __future__ import annotations

from pathlib import Path

from crmdesk.store import migrate
from crmdesk.store.database import Database
from crmdesk.store.errors import ReadOnlyFile
from crmdesk.store.server.url import is_server_url


def open_for_reading(path: Path | str) -> Database:
    """Read-only, unless the file's schema is older than this crmdesk: then it
    is brought up to date first (with its backup), so that new tables exist.
    A postgresql:// URL opens that server database (brought up to date too)."""
    if is_server_url(path):
        from crmdesk.store.server.connection import ServerDatabase

        return ServerDatabase(str(path))
    path = Path(path).expanduser()
    database = Database(path, writer=False)
    if database.schema_version() < migrate.latest_version():
        database.close()
        try:
            database = Database(path)
        except ReadOnlyFile:  # read-only media: read it as it is (what is newer is missing)
            database = Database(path, writer=False)
    return database
