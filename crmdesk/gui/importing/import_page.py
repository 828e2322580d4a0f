"""Page 4 of the import wizard: the real import, then its summary."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWizard

from crmdesk.gui.importing.run import Outcome
from crmdesk.gui.importing.run_page import RunPage
from crmdesk.io.common import ImportResult

NOUNS = {
    "clients": (
        QT_TRANSLATE_NOOP("ImportWizard", "client imported"),
        QT_TRANSLATE_NOOP("ImportWizard", "clients imported"),
    ),
    "orders": (
        QT_TRANSLATE_NOOP("ImportWizard", "order imported"),
        QT_TRANSLATE_NOOP("ImportWizard", "orders imported"),
    ),
    "surveys": (
        QT_TRANSLATE_NOOP("ImportWizard", "answer imported"),
        QT_TRANSLATE_NOOP("ImportWizard", "answers imported"),
    ),
}


class ImportPage(RunPage):
    dry_run = False

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(QCoreApplication.translate("ImportWizard", "Import"))
        self.setSubTitle(QCoreApplication.translate("ImportWizard", "The import into the client file."))
        self.setCommitPage(True)
        self.layout_.addStretch(1)

    def running_text(self) -> str:
        return QCoreApplication.translate("ImportWizard", "Importing…")

    def initializePage(self) -> None:
        from crmdesk.gui.file import backups as backup_hooks

        if backup_hooks.before(self.wiz.window, "import"):  # the user was told when it failed
            self.start()
        else:
            self.error.setText(
                QCoreApplication.translate(
                    "ImportWizard", "Import not started: the client file could not be backed up first."
                )
            )

    def show_outcome(self, outcome: Outcome) -> None:
        result = outcome.result
        one, many = NOUNS[result.kind]
        noun = QCoreApplication.translate("ImportWizard", one if result.inserted <= 1 else many)
        text = f"{result.inserted} {noun}"
        if result.kind == "clients" and result.updated:
            text += ", " + QCoreApplication.translate("ImportWizard", "%1 updated").replace("%1", str(result.updated))
        if result.kind == "clients" and result.merged:
            text += ", " + QCoreApplication.translate("ImportWizard", "%1 merged into existing clients").replace(
                "%1", str(result.merged)
            )
        if result.kind == "clients" and result.skipped:
            text += ", " + QCoreApplication.translate("ImportWizard", "%1 duplicates skipped").replace(
                "%1", str(result.skipped)
            )
        if result.rejected:
            text += ", " + QCoreApplication.translate("ImportWizard", "%1 rejected").replace("%1", str(result.rejected))
        if result.warned:
            changed = QCoreApplication.translate(
                "ImportWizard", "%1 lines imported with a change (see the check page's Warnings tab)"
            )
            text += ", " + changed.replace("%1", str(result.warned))
        if result.batch_id is not None:
            text += ", " + QCoreApplication.translate(
                "ImportWizard", "batch no. %1: can be undone from File › Import history"
            ).replace("%1", str(result.batch_id))
        self.status.setText(text + ".")
        if not result.rolled_back:  # written for good: no going back, nothing left to cancel
            self.wiz.setButtonLayout([QWizard.WizardButton.Stretch, QWizard.WizardButton.FinishButton])
        self.wiz.window.analysis.figures_saved()

    def _cancelled(self) -> None:
        self.status.setText(QCoreApplication.translate("ImportWizard", "Import cancelled: nothing was written."))
        self.outcome = Outcome(ImportResult(self.wiz.kind, self.wiz.path.name, rolled_back=True))
        self.wiz.cancelled_import = True
