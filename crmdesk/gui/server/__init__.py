"""The window on a PostgreSQL server (issue 19): the same window, another kind
of client file (crmdesk/store/server/).

    connect_dialog.py   File › Connect to a server…, and opening a URL (password asked)
    conflict_dialog.py  a save refused (someone else saved the client): field by field
    listener.py         LISTEN/NOTIFY: changes made on another PC shown within a second

A server database has no path: the window knows it by its URL (without the
password), remembered in Recent files like a file.
"""

from __future__ import annotations

from pathlib import Path

from crmdesk.store.server import on_server as is_server  # one test of the kind, the store's


def location(database) -> Path | str:
    """What the window remembers and reopens: the file's path, or the server's URL (no password)."""
    return database.url if is_server(database) else database.path


def shown_name(database) -> str:
    """The name in the title bar: the file's name, or « base (server) »."""
    if not is_server(database):
        return database.path.name
    from crmdesk.store.server.url import host_name

    host = host_name(database.url)
    return f"{database.name} ({'localhost' if host.startswith('/') else host})"
