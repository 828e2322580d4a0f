"""crmdesk export clients."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crmdesk.cli.output import info, plural
from crmdesk.domain.errors import CrmError
from crmdesk.io.export import export_clients, format_for_path
from crmdesk.store.database import Database


def run_clients(args: argparse.Namespace) -> int:
    to_stdout = args.out in (None, "-")
    fmt = format_for_path(None if to_stdout else args.out, args.format)
    if to_stdout and fmt == "xlsx" and sys.stdout.isatty():
        raise CrmError("Un classeur Excel ne s'affiche pas dans le terminal : indiquez --out clients.xlsx.")
    database = Database(Path(args.db).expanduser(), writer=False)
    try:
        if to_stdout:
            sys.stdout.flush()
            count = export_clients(database, sys.stdout.buffer, fmt)
            sys.stdout.buffer.flush()
            info(f"{plural(count, 'client exporté', 'clients exportés')} ({fmt}).")
        else:
            out = Path(args.out).expanduser()
            count = export_clients(database, out, fmt)
            info(f"{plural(count, 'client exporté', 'clients exportés')} dans « {out} » ({fmt}).")
    finally:
        database.close()
    return 0
