"""crmdesk demo sweetybio|boldair --out FILE [--force]."""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path

from crmdesk.cli.output import info
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _
from crmdesk.store import copies
from crmdesk.store.lock import WriterLock, lock_path

DEMOS = ("sweetybio", "boldair")
TITLES = {"sweetybio": "Sweety Bio", "boldair": "Le Bol d'Air"}


def run_demo(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise CrmError(N_("« {path} » est un dossier : indiquez un nom de fichier (ex. demo.sqlite)."), path=out)
    if out.exists():
        if not args.force:
            raise CrmError(
                N_("« {path} » existe déjà : rien n'a été fait. Ajoutez --force pour le remplacer."), path=out
            )
        with WriterLock(out, "crmdesk demo"):  # refuses (FileLocked) if the application has it open
            pass
    out.parent.mkdir(parents=True, exist_ok=True)
    # Built beside the target then renamed: the target is replaced whole or not at all.
    temp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    _remove(temp)
    try:
        from crmdesk.demo import build

        build(args.name, temp)
        copies.make_standalone(temp)
        for suffix in ("-wal", "-shm"):  # a stale journal must not be applied to the new file
            _remove(out.with_name(out.name + suffix))
        os.replace(temp, out)
    finally:
        _remove(temp)
        _remove(lock_path(temp))
    info(_("Démo « {title} » écrite dans « {path} ».", title=TITLES[args.name], path=out))
    print(out)
    return 0


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
