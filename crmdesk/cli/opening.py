"""Opening a client file — or a server database, its postgresql:// URL given
instead of the file (issue 19) — for a command."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from crmdesk.store import migrate
from crmdesk.store.database import Database
from crmdesk.store.errors import ReadOnlyFile
from crmdesk.store.server.url import database_name, is_server_url


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


def db_argument(text: str) -> Path | str:
    """--db as given: a postgresql:// URL kept as text (a Path would fold its « // »), else the file's Path."""
    return text.strip() if is_server_url(text) else Path(text).expanduser()


def db_name(db: Path | str) -> str:
    """The name a message shows for --db: the file's, or the server database's."""
    return database_name(str(db)) if is_server_url(db) else Path(db).name


def open_database(db: Path | str, *, writer: bool = True, create: bool = False) -> Database:
    """The client file at `db` (made when `create`), or the server database of a
    postgresql:// URL (a server database is made by « crmdesk server copy »)."""
    if is_server_url(db):
        from crmdesk.store.server.connection import ServerDatabase

        return ServerDatabase(str(db), writer=writer)
    return Database(Path(db).expanduser(), writer=writer, create=create)


@contextlib.contextmanager
def rehearsal(db: Path | str) -> Iterator[Database]:
    """A dry run's database: a throwaway copy of a file, or on a server the
    database itself inside a transaction rolled back at the end (nothing the
    others see; only ids taken from the sequences are not given back)."""
    if not is_server_url(db):
        from crmdesk.store.maintenance import scratch_copy

        with scratch_copy(db) as database:
            yield database
        return
    with open_database(db) as database, database.rolled_back():
        yield database
