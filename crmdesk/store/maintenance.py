"""Checking a client file and backing it up (both read-only on the file,
so they work while the application has it open)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crmdesk.i18n import _, ngettext
from crmdesk.store import health, migrate, text_cells
from crmdesk.store.copies import BACKUP_DIR, copy_into, create_verified
from crmdesk.store.database import Database
from crmdesk.store.errors import DamagedFile, FileMissing, StoreError
from crmdesk.store.reasons import unreadable

_MAX_LISTED = 20


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # facts, not problems
    bad_text: int = 0  # cells of invalid text (a repairable problem)
    damaged: bool = False  # SQLite cannot read it whole

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        """Only invalid text was found: `crmdesk check --repair` rewrites it."""
        return self.bad_text > 0 and not self.damaged

    def text(self) -> str:
        lines = [_("Vérification de « {path} »", path=str(self.path))]
        lines += [f"  {note}" for note in self.notes]
        if self.ok:
            lines.append(_("Aucun problème trouvé."))
            return "\n".join(lines)
        lines.append(ngettext("{count} problème trouvé :", "{count} problèmes trouvés :", len(self.problems)))
        lines += [f"  - {problem}" for problem in self.problems]
        if self.repairable:
            lines.append(
                _(
                    "Conseil : « crmdesk check --repair --db {path} » remplace chaque octet illisible par "
                    "« \ufffd » (le texte que crmdesk affiche déjà), en une fois, après une sauvegarde ; "
                    "corrigez ensuite ces valeurs à la main.",
                    path=str(self.path),
                )
            )
        else:
            lines.append(
                _(
                    "Conseil : ne modifiez plus ce fichier ; restaurez la dernière sauvegarde (dossier "
                    "« {folder} » à côté du fichier, « crmdesk restore ») ou faites-vous aider.",
                    folder=f"{self.path.stem}.sauvegardes",
                )
            )
        return "\n".join(lines)


def check(path: str | Path, *, stop: Callable[[], bool] | None = None) -> CheckReport:
    """Integrity, foreign keys, text that is not UTF-8 and schema version of a
    client file, read-only (it may be open elsewhere, or on read-only media).

    Opening errors (not a crmdesk file, newer version, damaged header) are
    problems of the report; a missing file raises FileMissing. `stop()`
    returning True interrupts the check (sqlite3.OperationalError)."""
    path = Path(path).expanduser()
    report = CheckReport(path)
    try:
        database = Database(path, writer=False, check=health.STRUCTURE)
    except FileMissing:
        raise
    except DamagedFile as exc:
        report.damaged = True
        report.problems.append(_("le fichier est endommagé : {reason}", reason=exc.reason))
        return report
    except StoreError as exc:
        report.problems.append(str(exc))
        return report
    if stop is not None:
        database.conn.set_progress_handler(stop, 20_000)
    try:
        if _is_immutable(database):
            report.notes.append(_("Support en lecture seule : le fichier est lu sans rien y écrire"))
        _integrity(database.conn, report)
        if report.ok:
            _foreign_keys(database.conn, report)
            _text(database.conn, report)
        _schema(database, report)
        if not report.damaged:
            _counts(database, report)
    finally:
        database.close()
    return report


def _is_immutable(database: Database) -> bool:
    return not os.access(database.path.parent, os.W_OK)


def _integrity(conn: sqlite3.Connection, report: CheckReport) -> None:
    try:
        rows = health.page_problems(conn, 100, health.FULL)
    except sqlite3.DatabaseError as exc:
        if not health.is_damage(exc):
            raise
        report.damaged = True
        report.problems.append(_("le fichier est endommagé : {reason}", reason=unreadable(str(exc))))
        return
    if not rows:
        report.notes.append(_("Intégrité SQLite : correcte"))
        return
    report.damaged = True
    report.problems.append(
        ngettext(
            "le fichier est endommagé : SQLite signale {count} anomalie",
            "le fichier est endommagé : SQLite signale {count} anomalies",
            len(rows),
        )
    )
    report.problems += [_("SQLite : {detail}", detail=r) for r in rows[:_MAX_LISTED]]
    if len(rows) > _MAX_LISTED:
        report.problems.append(_("… et {count} autre(s)", count=len(rows) - _MAX_LISTED))


def _foreign_keys(conn: sqlite3.Connection, report: CheckReport) -> None:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        report.problems.append(_("références entre tables illisibles ({detail})", detail=str(exc)))
        return
    if not rows:
        report.notes.append(_("Références entre tables : correctes"))
        return
    report.problems.append(
        ngettext(
            "{count} ligne pointe vers un élément qui n'existe plus",
            "{count} lignes pointent vers un élément qui n'existe plus",
            len(rows),
        )
    )
    for table, rowid, parent, _fk in rows[:_MAX_LISTED]:
        report.problems.append(
            _(
                "table « {table} », ligne {row} : l'élément de « {parent} » est introuvable",
                table=table,
                row=rowid,
                parent=parent,
            )
        )


def _text(conn: sqlite3.Connection, report: CheckReport) -> None:
    """Cells whose bytes are not UTF-8 text (written by another program), named one by one."""
    cells, total = text_cells.find(conn, _MAX_LISTED)
    if not total:
        report.notes.append(_("Textes : tous lisibles (UTF-8)"))
        return
    report.bad_text = total
    details = [cell.describe() for cell in cells]
    if total > len(cells):
        details.append(_("… et {count} autre(s)", count=total - len(cells)))
    # One problem, its cells listed under it (the count of problems stays true).
    report.problems.append(
        "\n    · ".join(
            [
                ngettext(
                    "{count} valeur de texte illisible (octets qui ne sont pas de l'UTF-8, écrits "
                    "par un autre programme ; "
                    "crmdesk l'affiche avec « \ufffd ») :",
                    "{count} valeurs de texte illisibles (octets qui ne sont pas de l'UTF-8, écrits "
                    "par un autre programme ; "
                    "crmdesk les affiche avec « \ufffd ») :",
                    total,
                ),
                *details,
            ]
        )
    )


def _schema(database: Database, report: CheckReport) -> None:
    try:
        version = database.schema_version()
    except sqlite3.DatabaseError as exc:  # pragma: no cover - inspect_file read it already
        report.problems.append(_("version du schéma illisible ({detail})", detail=str(exc)))
        return
    latest = migrate.latest_version()
    if version == latest:
        report.notes.append(_("Version du schéma : {version} (à jour)", version=version))
    elif version < latest:
        report.notes.append(
            _(
                "Version du schéma : {version} ; cette version de crmdesk utilise la {latest}. "
                "Le fichier sera mis à jour à sa prochaine ouverture en écriture "
                "(une copie est faite avant).",
                version=version,
                latest=latest,
            )
        )


def _counts(database: Database, report: CheckReport) -> None:
    try:
        contacts = database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NULL")
        trash = database.scalar("SELECT count(*) FROM contacts WHERE deleted_at IS NOT NULL")
        orders = database.scalar("SELECT count(*) FROM orders")
    except sqlite3.DatabaseError:
        return
    report.notes.append(
        _(
            "Contenu : {contacts}, {trash} à la corbeille, {orders}",
            contacts=ngettext("{count} contact", "{count} contacts", contacts),
            trash=trash,
            orders=ngettext("{count} commande", "{count} commandes", orders),
        )
    )


@dataclass(frozen=True)
class Repaired:
    cells: int  # how many were rewritten
    backup: Path | None  # the copy taken before (None: nothing to repair)


def repair(path: str | Path) -> Repaired:
    """`crmdesk check --repair`: rewrite every cell of invalid text as crmdesk
    shows it (« \ufffd » for each unreadable byte), in one transaction, after a
    verified backup (reason « reparation »). The file is opened as a writer:
    a damaged file is refused (DamagedFile) and nothing is written."""
    from crmdesk.store import backups

    database = Database(Path(path).expanduser())
    try:
        cells = list(text_cells.iter_bad(database.conn))
        if not cells:
            return Repaired(0, None)
        copy = backups.automatic(database, "reparation")
        rewrite(database, cells)
        return Repaired(len(cells), copy)
    finally:
        database.close()


def rewrite(database: Database, cells: list[text_cells.BadText]) -> None:
    """The cells found by text_cells rewritten as crmdesk shows them, in one
    transaction (a cell changed since it was found is left alone); a client's
    sort and search keys follow their new text. The caller made the backup."""
    # the derived columns by the contact store's own rule
    from crmdesk.store.contacts import ContactStore, _derived

    store = ContactStore(database)
    with database.atomic() as conn:
        text_cells.rewrite(conn, cells)
        for contact_id in sorted({c.key[0] for c in cells if c.table == "contacts"}):
            row = store.get(contact_id)
            if row is not None:
                derived = _derived(row)
                conn.execute(
                    f"UPDATE contacts SET {', '.join(f'{k} = ?' for k in derived)} WHERE id = ?",
                    (*derived.values(), contact_id),
                )
        database.audit("file", None, "repair_text", {"cells": [None, len(cells)]})


# -- backup -----------------------------------------------------------------------------
def backup_name(path: Path, when: dt.datetime | None = None) -> str:
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{path.stem}-{stamp}.sqlite"


def backup(path: str | Path, to_dir: str | Path | None = None) -> Path:
    """Copy the client file with SQLite's online backup API into
    `to_dir` (default: a « sauvegardes » folder beside it) as
    « <stem>-YYYYmmdd-HHMMSS.sqlite », readable by its owner only (0600),
    then check the copy (integrity_check). Returns the copy's path."""
    source = Database(Path(path).expanduser(), writer=False)
    try:
        folder = Path(to_dir).expanduser() if to_dir else source.path.parent / BACKUP_DIR
        return create_verified(source, folder, backup_name(source.path))
    finally:
        source.close()


@contextlib.contextmanager
def scratch_copy(path: str | Path) -> Iterator[Database]:
    """A throwaway writable copy of a client file (an empty new file if it
    does not exist) in a temporary folder, for a dry run: the real file is
    only read, never locked nor changed, and the copy is deleted after."""
    path = Path(path).expanduser()
    with tempfile.TemporaryDirectory(prefix="crmdesk-essai-") as folder:
        target = Path(folder) / "essai.sqlite"
        if path.exists():
            source = Database(path, writer=False)
            try:
                copy_into(source, target)
            finally:
                source.close()
        database = Database(target, create=True)
        try:
            yield database
        finally:
            database.close()
