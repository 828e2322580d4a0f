"""The import run by the wizard, off the GUI thread: resolve the mapping, import, export the rejects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from crmdesk.gui.common.worker import Job
from crmdesk.io import clients as client_import
from crmdesk.io import indicators as indicator_import
from crmdesk.io import orders as order_import
from crmdesk.io.common import ImportResult, Reject
from crmdesk.io.mapping import Mapping
from crmdesk.io.rejects import write_rejects


@dataclass
class Outcome:
    result: ImportResult
    rejects: list[Reject] = field(default_factory=list)
    preview: tuple = ((), [])  # (columns, rows) as the trial import stored them


def resolve(kind: str, header: list[str], file_name: str, mapping: Mapping, update: bool):
    """The importer's own check of the mapping (CrmError, French)."""
    if kind == "clients":
        return client_import.ClientImport.resolve(header, file_name, mapping, update=update)
    if kind == "orders":
        return order_import.OrderImport.resolve(header, file_name, mapping)
    return indicator_import.SurveyImport.resolve(header, file_name, mapping)


def progress(job: Job, rows: int) -> None:
    """What the importers' on_progress calls (in the worker thread); raises Cancelled."""
    job.report(
        rows,
        0,
        QCoreApplication.translate("ImportWizard", "%1 lines read…").replace("%1", f"{rows:,}".replace(",", "\u202f")),
    )


def run_import(
    database,
    job: Job,
    kind: str,
    path: Path,
    mapping: Mapping,
    sheet: str | None,
    update: bool,
    *,
    duplicates: str | None = None,
    decisions: dict | None = None,
) -> Outcome:
    """One import (`duplicates`: look for them with this policy; `decisions`: per line)."""
    rejects: list[Reject] = []
    options = dict(
        mapping=mapping, sheet=sheet or None, on_reject=rejects.append, on_progress=lambda rows: progress(job, rows)
    )
    with job.watch(database.conn):
        if kind == "clients":
            result = client_import.import_clients(
                database, path, update=update, duplicates=duplicates, decisions=decisions, **options
            )
        elif kind == "orders":
            result = order_import.import_orders(database, path, **options)
        else:
            result = indicator_import.import_surveys(database, path, **options)
    return Outcome(result, rejects)


def export_rejects(path: Path, header: list[str], rejects: list[Reject], columns: list[int] | None = None) -> None:
    """Every rejected line (line, reason, the cells of the columns imported), as `crmdesk import --rejects`
    writes it: all or nothing, owner-only."""
    write_rejects(path, header, rejects, columns)
