"""crmdesk import clients | orders (and the shared pipeline of every `crmdesk import`)."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import Callable

from crmdesk.cli.output import Progress, info, number, plural
from crmdesk.domain.errors import CrmError
from crmdesk.io import clients as client_import
from crmdesk.io import csvfile
from crmdesk.io import orders as order_import
from crmdesk.io.common import ImportResult, Reject, map_header
from crmdesk.store.database import Database
from crmdesk.store.maintenance import scratch_copy

# Rejected lines shown on the terminal; all of them go to --rejects.
SHOWN_REJECTS = 1000


class RejectReport:
    """Prints rejected lines on stderr (the first SHOWN_REJECTS) and writes
    them all to the --rejects CSV (line, reason, then the row as read)."""

    def __init__(self, path: Path | None, header: list[str], progress: Progress | None = None):
        self.progress = progress
        self.count = 0
        self._file = None
        self._writer = None
        if path is not None:
            self._file = open(path, "w", encoding="utf-8-sig", newline="")
            self._writer = csvfile.writer(self._file)
            self._writer.writerow(["ligne", "motif", *header])

    def __call__(self, reject: Reject) -> None:
        self.count += 1
        if self.count <= SHOWN_REJECTS:
            if self.progress is not None:
                self.progress.done()  # the reject on its own line, not after « … lignes lues »
            info(reject.message())
        if self._writer is not None:
            self._writer.writerow([reject.line, reject.reason, *(csvfile.neutralise(c) for c in reject.cells)])

    def close(self) -> None:
        if self.count > SHOWN_REJECTS:
            info(f"… et {number(self.count - SHOWN_REJECTS)} autres lignes refusées"
                 + ("." if self._file else " (liste complète avec --rejects FICHIER)."))
        if self._file is not None:
            self._file.close()


def preflight(path: Path, accepted, aliases) -> list[str]:
    """Read the header before touching the client file: a wrong input file
    must not leave a new empty client file behind."""
    if not path.exists():
        raise CrmError(f"Fichier à importer introuvable : « {path} ».")
    if path.is_dir():
        raise CrmError(f"« {path} » est un dossier, pas un fichier CSV.")
    with csvfile.CsvSource(path) as source:
        map_header(source.header, file_name=path.name, accepted=accepted, aliases=aliases)
        return source.header


@contextlib.contextmanager
def _open(db: Path, dry_run: bool):
    if dry_run:
        with scratch_copy(db) as database:
            yield database
    else:
        database = Database(db, create=True)
        try:
            yield database
        finally:
            database.close()


def run_clients(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    header = preflight(source, client_import.ACCEPTED_COLUMNS, client_import.HEADER_ALIASES)
    return run_import(args, header, lambda database, rejects, progress: client_import.import_clients(
        database, source, update=args.update, strict=args.strict, on_reject=rejects, on_progress=progress))


def run_orders(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    header = preflight(source, order_import.COLUMNS, order_import.HEADER_ALIASES)
    return run_import(args, header, lambda database, rejects, progress: order_import.import_orders(
        database, source, create_missing=args.create_missing, strict=args.strict, on_reject=rejects,
        on_progress=progress))


def run_import(args, header, work, counts: Callable[[ImportResult], list[str]] | None = None) -> int:
    """Run `work(database, rejects, progress)` -> ImportResult on --db (a
    scratch copy with --dry-run), report rejects, print the summary; `counts`
    gives its « 3 réponses importées »-like parts (clients and orders have theirs)."""
    db = Path(args.db).expanduser()
    if args.rejects:
        target = Path(args.rejects).expanduser().resolve()
        if target in (db.resolve(), Path(args.file).expanduser().resolve()):
            raise CrmError("--rejects doit être un nouveau fichier, ni le fichier importé ni le fichier clients.")
    progress = Progress()
    rejects = RejectReport(Path(args.rejects).expanduser() if args.rejects else None, header, progress)
    try:
        with _open(db, args.dry_run) as database:
            result = work(database, rejects, progress)
    finally:
        progress.done()
        rejects.close()
    print(_summary(result, db, args.dry_run, counts))
    return 1 if result.rejected else 0


def _summary(result: ImportResult, db: Path, dry_run: bool, counts=None) -> str:
    lines = [f"« {result.file_name} » ({result.encoding}, séparateur {result.delimiter}) : "
             f"{plural(result.rows_read, 'ligne lue', 'lignes lues')}."]
    if result.rolled_back:
        lines.append(f"--strict : {plural(result.rejected, 'ligne refusée', 'lignes refusées')}, "
                     f"rien n'a été importé dans « {db.name} ».")
        return "\n".join(lines)
    if counts is not None:
        done = counts(result)
    elif result.kind == "clients":
        done = [plural(result.inserted, "client créé", "clients créés")]
        if result.updated or result.unchanged:
            done.append(plural(result.updated, "client mis à jour", "clients mis à jour"))
        if result.unchanged:
            done.append(plural(result.unchanged, "client déjà à jour", "clients déjà à jour"))
    else:
        done = [plural(result.inserted, "commande importée", "commandes importées"),
                plural(result.lines, "ligne de détail", "lignes de détail")]
        if result.created_contacts:
            done.append(plural(result.created_contacts, "client « À COMPLÉTER » créé",
                               "clients « À COMPLÉTER » créés"))
        if result.promoted:
            done.append(plural(result.promoted, "prospect devenu client", "prospects devenus clients"))
    done.append(plural(result.rejected, "ligne refusée", "lignes refusées"))
    if dry_run:
        lines.append("Simulation (--dry-run) : " + ", ".join(done) + f". Rien n'a été enregistré dans "
                     f"« {db.name} ».")
    else:
        lines.append(f"Dans « {db.name} » : " + ", ".join(done) + ".")
    if result.rejected:
        lines.append("Les lignes refusées sont listées ci-dessus (sortie d'erreur) ; corrigez-les puis "
                     "importez-les à nouveau.")
    return "\n".join(lines)
