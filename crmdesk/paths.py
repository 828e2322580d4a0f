"""Where the data folders shipped with crmdesk live.

In a wheel, `db/`, `resources/` and `ui/` are copied into `crmdesk/_data/`;
in a source checkout (or an editable install) they sit beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def migrations_dir() -> Path:
    return _data_dir("db")


def resources_dir() -> Path:
    return _data_dir("resources")


def translations_dir() -> Path:
    return resources_dir() / "translations"
