"""Opening a client file written by an older crmdesk: the schema update runs
in a worker thread under a progress dialog (the copy taken first, the
migrations, the check of the result — over a minute on a file of a million
clients), never frozen on the interface's thread; it can be cancelled (the
file is then left as it was).

    from crmdesk.gui import migration_dialog
    database = migration_dialog.open_database(window, path, create=False)   # Database, or CrmError
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from crmdesk.domain.errors import CrmError
from crmdesk.gui.common.worker import Job, Task
from crmdesk.store import migrate
from crmdesk.store.database import Database, inspect_file


def needs_update(path: Path) -> bool:
    """An existing crmdesk file of an older schema that a migration rewrites (its
    header is read, nothing changed). A migration of comments only moves the
    version number alone: the file opens as any other (a big one read-only
    while its pages are checked in the background), with no page read first."""
    try:
        version = inspect_file(path) if path.is_file() else migrate.latest_version()
    except CrmError:
        return False  # Database says why when it opens it
    return version < migrate.latest_version() and migrate.changes_schema(version)


def open_database(
    parent: QWidget | None, path: str | Path, *, create: bool = False, check: str | None = None
) -> Database:
    """Database(path, create=create, check=check); when the file needs updating, in
    a worker thread under a modal progress dialog (every page read first: an
    update rewrites the file). The CrmError Database raises (DamagedFile…), or
    one when the user cancels the update."""
    path = Path(path).expanduser()
    if not needs_update(path.resolve()):
        return Database(path, create=create, check=check)
    dialog = QProgressDialog(
        QCoreApplication.translate(
            "MigrationDialog", "Updating « %1 » for this version of crmdesk (a copy is taken first)…"
        ).replace("%1", path.name),
        QCoreApplication.translate("MigrationDialog", "Cancel"),
        0,
        migrate.TOTAL,
        parent,
    )
    dialog.setObjectName("migrationProgress")
    dialog.setWindowTitle(QCoreApplication.translate("MigrationDialog", "Updating the client file"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)

    outcome: dict = {}

    def compute(job: Job) -> Database:
        # kept at once: a cancel asked once the update is committed comes too late to undo it
        try:
            outcome["database"] = Database(path, progress=lambda done, total: job.report(done, total))
        except CrmError as exc:  # its kind matters to the caller (a damaged file is set aside)
            outcome["exception"] = exc
            raise
        return outcome["database"]

    loop = QEventLoop()
    task = Task(compute, dialog)
    task.progress.connect(lambda done, _total, _text: dialog.setValue(done))
    task.failed.connect(lambda text: outcome.update(error=text))
    task.cancelled.connect(
        lambda: outcome.update(
            error=QCoreApplication.translate(
                "MigrationDialog", "The update of « %1 » was cancelled: the file was not changed."
            ).replace("%1", path.name)
        )
    )
    task.done.connect(loop.quit)
    dialog.canceled.connect(task.cancel)
    task.start()
    dialog.show()
    loop.exec()
    dialog.hide()
    dialog.deleteLater()
    if "database" in outcome:
        return outcome["database"]
    raise outcome.get("exception") or CrmError(outcome["error"])
