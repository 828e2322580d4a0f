"""Server addresses: `postgresql://user@host[:port]/base` (libpq's URL form;
`postgres://` too). The password is never kept by crmdesk: libpq reads it from
~/.pgpass (or PGPASSFILE), or the system keyring gives it (keyring.py); an
address shown or remembered has it removed."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(text: object) -> bool:
    """True for a PostgreSQL URL (what --db accepts besides a file)."""
    return isinstance(text, str) and text.strip().lower().startswith(SCHEMES)


def without_password(url: str) -> str:
    """The URL as it may be shown, logged and remembered: no password in it."""
    parts = urlsplit(url.strip())
    if parts.password is None:
        return url.strip()
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))


def database_name(url: str) -> str:
    """The database of the URL (« base » in postgresql://user@host/base), for messages."""
    path = urlsplit(url.strip()).path.lstrip("/")
    return unquote(path) or "?"


def host_name(url: str) -> str:
    """The server of the URL, for messages: its host (a socket folder as is), else « localhost »."""
    parts = urlsplit(url.strip())
    host = unquote(parts.hostname or "") if parts.hostname else ""
    return host or "localhost"
