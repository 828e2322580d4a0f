"""crmdesk import clients | orders (and the shared pipeline of every `crmdesk import`).

Before the client file is touched (`preflight`): the file to import is
opened (CSV, XLSX or ODS, crmdesk.io.tabular), its columns are mapped —
with `--mapping FICHIER.json`, or by the mapping suggested from its header,
printed on stderr unless the headers are exactly crmdesk's own — and it must
hold at least one row. `--save-mapping FICHIER.json` writes that mapping for
editing and stops there.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crmdesk.cli.opening import db_argument, db_name, open_database, rehearsal
from crmdesk.cli.output import Progress, info, number, plural
from crmdesk.domain.dates import format_date, parse_date
from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _, ngettext
from crmdesk.io import clients as client_import
from crmdesk.io import orders as order_import
from crmdesk.io.common import ImportResult, Reject
from crmdesk.io.mapping import Mapping, Resolved, suggest_mapping
from crmdesk.io.rejects import RejectsFile
from crmdesk.io.tabular import open_table
from crmdesk.store.server.url import is_server_url

# Rejected lines shown on the terminal; all of them go to --rejects. A reason given for many lines
# (« 16384 valeurs pour 1 colonnes » on every row) is shown for its first lines, then counted.
SHOWN_REJECTS = 1000
SHOWN_PER_REASON = 5
_TRACKED_REASONS = 10_000


class RejectReport:
    """Prints rejected lines on stderr (the first SHOWN_REJECTS, SHOWN_PER_REASON
    at most for one same reason) and writes them all to the --rejects CSV
    (line, reason, then the cells of the columns imported)."""

    def __init__(
        self, path: Path | None, header: list[str], progress: Progress | None = None, columns: list[int] | None = None
    ):
        self.progress = progress
        self.count = 0
        self.shown = 0
        self._reasons: dict[str, int] = {}  # reason -> lines refused for it (the first _TRACKED_REASONS)
        self._file = RejectsFile(path, header, columns) if path is not None else None

    def __call__(self, reject: Reject) -> None:
        self.count += 1
        seen = self._reasons.get(reject.reason, 0)
        if seen or len(self._reasons) < _TRACKED_REASONS:
            self._reasons[reject.reason] = seen + 1
        if seen < SHOWN_PER_REASON and self.shown < SHOWN_REJECTS:
            self.shown += 1
            if self.progress is not None:
                self.progress.done()  # the reject on its own line, not after « … lignes lues »
            info(reject.message())
        if self._file is not None:
            self._file.write(reject)

    def close(self, completed: bool = True) -> None:
        """The counts of the lines not shown; the --rejects file written (`completed`) or left out."""
        hidden = self.count - self.shown
        for reason, count in self._reasons.items():
            more = count - SHOWN_PER_REASON
            if more > 0:
                info(
                    ngettext(
                        "… et {n} autre ligne refusée pour la même raison : {reason}",
                        "… et {n} autres lignes refusées pour la même raison : {reason}",
                        more,
                        n=number(more),
                        reason=reason,
                    )
                )
                hidden -= more
        if hidden > 0:
            info(
                _("… et {count} autres lignes refusées.", count=number(hidden))
                if self._file
                else _(
                    "… et {count} autres lignes refusées (liste complète avec --rejects FICHIER).", count=number(hidden)
                )
            )
        if self._file is not None:
            self._file.close(completed)


@dataclass
class Prepared:
    """The file to import, checked: its header and the mapping to use."""

    path: Path
    header: list[str]
    mapping: Mapping
    resolved: Resolved | None  # None after --save-mapping (nothing imported)

    @property
    def columns(self) -> list[int] | None:
        """The columns of the file the import reads (what a reject report keeps of a row)."""
        return None if self.resolved is None else [index for index, _field in self.resolved.columns]


def preflight(args: argparse.Namespace, kind: str, resolve: Callable[[list[str], str, Mapping], Resolved]) -> Prepared:
    """Read the file's header and settle its mapping before touching the
    client file: a wrong input file must not leave a new empty client file
    behind. `resolve(header, file name, mapping)` is the importer's check."""
    path = Path(args.file).expanduser()
    given = getattr(args, "mapping", None)
    mapping = Mapping.load(Path(given).expanduser(), kind=kind) if given else None
    with open_table(path, sheet=getattr(args, "sheet", None)) as table:
        header = table.header
        if mapping is None:
            mapping = suggest_mapping(kind, header)
            if not mapping.is_identity:
                info(
                    _(
                        "Colonnes de « {name} » ({description}) : correspondance proposée d'après les en-têtes "
                        "(--save-mapping FICHIER.json pour l'enregistrer et la modifier, --mapping FICHIER.json pour "
                        "en donner une) :",
                        name=path.name,
                        description=table.description,
                    )
                )
                for line in mapping.describe():
                    info(line)
        saving = getattr(args, "save_mapping", None)
        if saving:
            target = Path(saving).expanduser()
            if target.resolve() in (path.resolve(), Path(args.db).expanduser().resolve()):
                raise CrmError(
                    N_("--save-mapping doit être un nouveau fichier, ni le fichier importé ni le fichier clients.")
                )
            mapping.save(target)
            problems = mapping.problems(header)
            info(
                _(
                    "Correspondance enregistrée dans « {path} » : modifiez-la (null = colonne ignorée) puis relancez "
                    "avec --mapping {path}. Rien n'a été importé.",
                    path=target,
                )
            )
            for problem in problems:
                info(_("  à corriger : {problem}", problem=problem))
            return Prepared(path, header, mapping, None)
        resolved = resolve(header, path.name, mapping)
        table.require_rows()
    return Prepared(path, header, mapping, resolved)


def opening_date(args: argparse.Namespace) -> dt.date:
    """--opening-date, or 1 January of this year."""
    if not getattr(args, "opening_date", None):
        return client_import.opening_day()
    try:
        day = parse_date(args.opening_date)
    except CrmError as exc:
        raise CrmError(N_("--opening-date : {reason}"), reason=exc) from None
    if day > dt.date.today():
        raise CrmError(N_("--opening-date : le {day} est dans le futur."), day=format_date(day))
    return day


@contextlib.contextmanager
def _open(db: Path | str, dry_run: bool):
    if dry_run:
        with rehearsal(db) as database:
            yield database
    else:
        database = open_database(db, create=True)
        try:
            yield database
        finally:
            database.close()


def run_clients(args: argparse.Namespace) -> int:
    day = opening_date(args)
    ready = preflight(
        args,
        "clients",
        lambda header, name, mapping: client_import.ClientImport.resolve(header, name, mapping, update=args.update),
    )
    if ready.resolved is None:
        return 0
    return run_import(
        args,
        ready.header,
        lambda database, rejects, progress: client_import.import_clients(
            database,
            ready.path,
            update=args.update,
            strict=args.strict,
            on_reject=rejects,
            on_progress=progress,
            mapping=ready.mapping,
            opening_date=day,
            sheet=args.sheet,
            duplicates=args.duplicates,
        ),
        columns=ready.columns,
    )


def run_orders(args: argparse.Namespace) -> int:
    ready = preflight(args, "orders", order_import.OrderImport.resolve)
    if ready.resolved is None:
        return 0
    return run_import(
        args,
        ready.header,
        lambda database, rejects, progress: order_import.import_orders(
            database,
            ready.path,
            create_missing=args.create_missing,
            strict=args.strict,
            on_reject=rejects,
            on_progress=progress,
            mapping=ready.mapping,
            sheet=args.sheet,
        ),
        columns=ready.columns,
    )


def run_import(
    args, header, work, counts: Callable[[ImportResult], list[str]] | None = None, *, columns: list[int] | None = None
) -> int:
    """Run `work(database, rejects, progress)` -> ImportResult on --db (a
    scratch copy with --dry-run), report rejects, print the summary; `counts`
    gives its « 3 réponses importées »-like parts (clients and orders have theirs);
    `columns`: the columns of the file the import reads (the --rejects report keeps only those).
    Progress on a terminal; Ctrl+C stops it, nothing written (one transaction)."""
    db = db_argument(args.db)
    on_server = is_server_url(db)
    if args.rejects:
        target = Path(args.rejects).expanduser().resolve()
        if target == Path(args.file).expanduser().resolve() or (not on_server and target == db.resolve()):
            raise CrmError(N_("--rejects doit être un nouveau fichier, ni le fichier importé ni le fichier clients."))
    # an import can be undone, the backup is for the worst case (a server's: crmdesk backup, its administrator's)
    if not args.dry_run and not on_server and db.exists():
        from crmdesk.store import backups

        with Progress(_("Sauvegarde avant l'import"), _("pages")) as saving:
            backups.automatic(db, "import", reuse=True, progress=saving)  # the newest serves if nothing changed
    progress = Progress()
    rejects = RejectReport(Path(args.rejects).expanduser() if args.rejects else None, header, progress, columns)
    completed = False
    try:
        with _open(db, args.dry_run) as database:
            progress.conn = database.conn
            with progress:
                result = work(database, rejects, progress)
        completed = True
    finally:
        progress.done()
        rejects.close(completed)
    for note in result.notes:
        info(_("attention : {note}", note=note))
    report_warnings(result)
    _report_duplicates(result)
    print(_summary(result, db, args.dry_run, counts))
    return 1 if result.rejected else 0


SHOWN_DUPLICATES = 20
SHOWN_WARNINGS = 5  # lines shown for each kind of warning (all of them are counted)


def report_warnings(result: ImportResult) -> None:
    """Rows imported with a change (a zero put back, an invalid e-mail left empty…), on stderr:
    one count per kind of change, and its first lines."""
    for kind, summary in zip(result.warning_counts, result.warning_summary()):
        info(_("attention : {summary}", summary=summary))
        examples = result.examples(kind, SHOWN_WARNINGS)
        for warning in examples:
            info(f"  {warning.message()}")
        if result.warning_counts[kind] > len(examples):
            info("  " + _("… et {n} autres", n=number(result.warning_counts[kind] - len(examples))))


def _report_duplicates(result: ImportResult) -> None:
    """The probable duplicates (--duplicates), on stderr, surest pair of each line."""
    if not result.duplicate_rows:
        return
    info(
        _(
            "{lines} à un client du fichier ou à une autre ligne :",
            lines=plural(len(result.duplicate_rows), N_("ligne ressemble"), N_("lignes ressemblent")),
        )
    )
    shown = set()
    for suspect in result.duplicates:
        if suspect.line in shown:
            continue
        shown.add(suspect.line)
        if len(shown) > SHOWN_DUPLICATES:
            info("  " + _("… et {count} autres", count=len(result.duplicate_rows) - SHOWN_DUPLICATES))
            break
        other = (
            f"{suspect.code} {suspect.other_name}"
            if suspect.existing
            else _("ligne {line} {name}", line=suspect.other_line, name=suspect.other_name)
        )
        info(
            "  "
            + _(
                "ligne {line} {name} ≈ {other} ({reason} ; score {score})",
                line=suspect.line,
                name=suspect.name,
                other=other,
                reason=suspect.reason,
                score=suspect.score,
            )
        )


def _summary(result: ImportResult, db: Path | str, dry_run: bool, counts=None) -> str:
    lines = [
        _(
            "« {name} » ({source}) : {lines}.",
            name=result.file_name,
            source=result.source,
            lines=plural(result.rows_read, N_("ligne lue"), N_("lignes lues")),
        )
    ]
    if result.rolled_back:
        lines.append(
            _(
                "--strict : {lines}, rien n'a été importé dans « {name} ».",
                lines=plural(result.rejected, N_("ligne refusée"), N_("lignes refusées")),
                name=db_name(db),
            )
        )
        return "\n".join(lines)
    if counts is not None:
        done = counts(result)
    elif result.kind == "clients":
        done = [plural(result.inserted, N_("client créé"), N_("clients créés"))]
        if result.updated or result.unchanged:
            done.append(plural(result.updated, N_("client mis à jour"), N_("clients mis à jour")))
        if result.unchanged:
            done.append(plural(result.unchanged, N_("client déjà à jour"), N_("clients déjà à jour")))
        if result.opening_orders:
            done.append(
                plural(
                    result.opening_orders,
                    N_("commande d'ouverture (CA annuel)"),
                    N_("commandes d'ouverture (CA annuel)"),
                )
            )
        if result.promoted:
            done.append(plural(result.promoted, N_("prospect devenu client"), N_("prospects devenus clients")))
        if result.merged:
            done.append(
                plural(
                    result.merged,
                    N_("ligne fusionnée avec un client existant"),
                    N_("lignes fusionnées avec des clients existants"),
                )
            )
        if result.skipped:
            done.append(plural(result.skipped, N_("doublon ignoré"), N_("doublons ignorés")))
    else:
        done = [
            plural(result.inserted, N_("commande importée"), N_("commandes importées")),
            plural(result.lines, N_("ligne de détail"), N_("lignes de détail")),
        ]
        if result.created_contacts:
            done.append(
                plural(result.created_contacts, N_("client « À COMPLÉTER » créé"), N_("clients « À COMPLÉTER » créés"))
            )
        if result.promoted:
            done.append(plural(result.promoted, N_("prospect devenu client"), N_("prospects devenus clients")))
    done.append(plural(result.rejected, N_("ligne refusée"), N_("lignes refusées")))
    if dry_run:
        lines.append(
            _(
                "Simulation (--dry-run) : {done}. Rien n'a été enregistré dans « {name} ».",
                done=", ".join(done),
                name=db_name(db),
            )
        )
    else:
        lines.append(_("Dans « {name} » : {done}.", name=db_name(db), done=", ".join(done)))
    if result.rejected:
        lines.append(
            _(
                "Les lignes refusées sont listées ci-dessus (sortie d'erreur) ; corrigez-les puis "
                "importez-les à nouveau."
            )
        )
    return "\n".join(lines)
