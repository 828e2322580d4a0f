"""Backups of a server database: pg_dump's custom-format archives (one file,
compressed, restored by pg_restore), kept owner-only in crmdesk's folder of
server backups (one sub-folder per server and database) or where asked; and
their restoration into a new, empty database, in one transaction."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

from crmdesk.i18n import _
from crmdesk.store.errors import FileMissing, StoreError
from crmdesk.store.files import private_folder, private_output
from crmdesk.store.server.connection import ServerDatabase, connect, keyring_password
from crmdesk.store.server.transfer import refuse_not_empty
from crmdesk.store.server.url import database_name, host_name, without_password

SUFFIX = ".pgdump"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def default_folder(url: str) -> Path:
    """crmdesk's folder for the archives of the database at `url` (user data, one per server and base)."""
    import platformdirs

    server = _UNSAFE.sub("_", host_name(url)).strip("_") or "serveur"
    folder = f"{server}-{_UNSAFE.sub('_', database_name(url))}"
    return platformdirs.user_data_path("crmdesk") / "sauvegardes-serveur" / folder


def tool(name: str) -> str:
    """pg_dump / pg_restore: the newest of Debian's versions, else the one on the PATH."""
    for folder in sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        reverse=True,
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    ):
        if (folder / name).is_file():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        raise StoreError(
            _(
                "{tool} est introuvable : installez les outils clients de PostgreSQL (paquet "
                "postgresql-client) pour sauvegarder ou restaurer une base du serveur.",
                tool=name,
            )
        )
    return found


def backup(url: str, folder: str | Path | None = None, *, now: dt.datetime | None = None) -> Path:
    """A pg_dump archive of the database at `url`, as « <base>-AAAAMMJJ-HHMMSS.pgdump » in `folder`
    (crmdesk's folder of server backups by default). The database is checked to be crmdesk's first."""
    ServerDatabase(url, writer=False).close()  # reachable, a crmdesk database, not newer
    target_folder = private_folder(Path(folder).expanduser() if folder else default_folder(url))
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = target_folder / f"{_UNSAFE.sub('_', database_name(url))}-{stamp}{SUFFIX}"
    with private_output(target, "wb") as handle:
        _run(
            [tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--dbname", url.strip()],
            url,
            stdout=handle,
        )
    return target


def restore(archive: str | Path, url: str) -> None:
    """Restore a crmdesk archive into the EMPTY database at `url`, in one transaction."""
    archive = Path(archive).expanduser()
    if not archive.is_file():
        raise FileMissing(_("La sauvegarde « {path} » n'existe pas.", path=str(archive)))
    listing = _run(
        [tool("pg_restore"), "--list", str(archive)],
        url,
        capture=True,
        failure=_(
            "« {name} » n'est pas une sauvegarde de base de serveur (pg_dump, format custom).", name=archive.name
        ),
    )
    if "TABLE public crmdesk_meta" not in listing:
        raise StoreError(
            _("« {name} » n'est pas une sauvegarde d'une base crmdesk. Rien n'a été restauré.", name=archive.name)
        )
    raw = connect(url, "crmdesk restore")
    try:
        refuse_not_empty(raw, url)
    finally:
        raw.close()
    _run(
        [
            tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            url.strip(),
            str(archive),
        ],
        url,
    )
    ServerDatabase(url).close()  # restored: a crmdesk database this crmdesk can open (migrated if older)


def _run(command: list[str], url: str, *, stdout=None, capture: bool = False, failure: str | None = None) -> str:
    env = dict(os.environ)
    password = keyring_password(url)
    if password:
        env["PGPASSWORD"] = password  # to the child only, never on its command line
    env["LC_MESSAGES"] = "C"
    result = subprocess.run(
        command, stdout=stdout if stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE, env=env, check=False
    )
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StoreError(
            failure
            or _(
                "{tool} a échoué sur « {url} » : {detail}. Rien n'a été gardé.",
                tool=Path(command[0]).name,
                url=without_password(url),
                detail=detail[0] if detail else result.returncode,
            )
        )
    return result.stdout.decode("utf-8", "replace") if capture else ""
