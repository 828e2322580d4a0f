"""The « Courrier » menu of the main window (issue 18).

    OutreachFeature(window, before=loyalty.menu)     # in MainWindow's list of features

adds Courrier › Lettres…, Étiquettes et enveloppes…, E-mails…, Modèles de
lettres…, Rappel de produit…, Compte d'envoi (SMTP)…, Historique des envois…
(before the Loyalty menu). The
dialogs are imported when first opened, one of each at a time, not modal,
closed when another file opens. Letters are dated and merge fields computed
on the session's day (Session.today).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from crmdesk.gui.common import labels
from crmdesk.gui.common.actions import add_menu
from crmdesk.gui.feature import Feature

translate = QCoreApplication.translate  # texts in the context « OutreachMenu »


class OutreachFeature(Feature):
    """Courrier: letters, labels and envelopes, e-mails, templates, product recall, the SMTP account, history."""

    dialogs = (
        "letters_dialog",
        "labels_dialog",
        "templates_dialog",
        "recall_dialog",
        "history_dialog",
        "email_dialog",
        "smtp_dialog",
    )

    def __init__(self, window, *, before: QMenu):
        super().__init__(window)
        self.smtp_passwords: dict[str, str] = {}  # typed for this session when no keyring holds them
        self.menu = menu = add_menu(window, translate("OutreachMenu", "&Mailing"), "menuOutreach", before)
        action = partial(self.action, menu)
        self.letters_action = action(
            "actionLetters",
            translate("OutreachMenu", "&Letters…"),
            translate(
                "OutreachMenu",
                "One letter per client from a template, addressed for a window envelope: preview, print, save as PDF",
            ),
            self.show_letters,
        )
        self.labels_action = action(
            "actionLabels",
            translate("OutreachMenu", "Address l&abels and envelopes…"),
            translate(
                "OutreachMenu", "Address labels on Avery sheets (L7160, L7161, L7163, 3422), DL and C5 envelopes"
            ),
            self.show_labels,
        )
        self.email_action = action(
            "actionEmails",
            translate("OutreachMenu", "&E-mails…"),
            translate(
                "OutreachMenu",
                "A template by e-mail to the clients who consented: .eml files, your mail program or your account",
            ),
            self.show_email,
        )
        menu.addSeparator()
        self.templates_action = action(
            "actionTemplates",
            translate("OutreachMenu", "Letter &templates…"),
            translate("OutreachMenu", "The letter and e-mail templates of this file, with their merge fields"),
            self.show_templates,
        )
        self.recall_action = action(
            "actionRecall",
            translate("OutreachMenu", "Product &recall…"),
            translate("OutreachMenu", "Who bought a product or a lot between two dates, and who has been told"),
            self.show_recall,
        )
        self.smtp_action = action(
            "actionSmtpAccount",
            translate("OutreachMenu", "E-mail a&ccount (SMTP)…"),
            translate("OutreachMenu", "The account e-mails are sent with; its password stays in the system's keyring"),
            self.show_smtp_settings,
        )
        menu.addSeparator()
        self.history_action = action(
            "actionOutreachHistory",
            translate("OutreachMenu", "Mailing &history…"),
            translate(
                "OutreachMenu",
                "The letters, labels, envelopes and e-mails recorded on the clients' history, and undoing a batch",
            ),
            self.show_history,
        )
        self.follow_menu(menu)

    def show_letters(self, **preset):
        """Courrier › Lettres… (preset: a recall's recipients, a template; see LettersDialog)."""
        from crmdesk.gui.outreach.letters_dialog import LettersDialog

        if preset and self.letters_dialog is not None:
            self.letters_dialog.close()
        return self.show_dialog("letters_dialog", lambda: LettersDialog(self, **preset))

    def show_labels(self, **preset):
        from crmdesk.gui.outreach.labels_dialog import LabelsDialog

        if preset and self.labels_dialog is not None:
            self.labels_dialog.close()
        return self.show_dialog("labels_dialog", lambda: LabelsDialog(self, **preset))

    def show_email(self, **preset):
        """Courrier › E-mails… (preset: a client, a recall's buyers, a batch to resume; see EmailDialog)."""
        from crmdesk.gui.outreach.email_dialog import EmailDialog

        if preset and self.email_dialog is not None:
            self.email_dialog.close()
        return self.show_dialog("email_dialog", lambda: EmailDialog(self, **preset))

    def show_smtp_settings(self):
        from crmdesk.gui.outreach.smtp_settings import SmtpSettingsDialog

        return self.show_dialog("smtp_dialog", lambda: SmtpSettingsDialog(self.window))

    def show_templates(self):
        from crmdesk.gui.outreach.template_editor import TemplatesDialog

        return self.show_dialog("templates_dialog", lambda: TemplatesDialog(self))

    def show_recall(self):
        from crmdesk.gui.outreach.recall_view import RecallDialog

        return self.show_dialog("recall_dialog", lambda: RecallDialog(self))

    def show_history(self):
        from crmdesk.gui.outreach.history import OutreachHistoryDialog

        return self.show_dialog("history_dialog", lambda: OutreachHistoryDialog(self))

    def recorded(self, batch_id: int, count: int) -> None:
        """A batch went on the clients' history: the window, the history dialog and
        an open client sheet show it."""
        self.window.ui.statusbar.showMessage(
            translate(
                "OutreachMenu", "Recorded on the history of %1 (mailing no. %2: Mailing › Mailing history… undoes it)."
            )
            .replace("%1", labels.number(count))
            .replace("%2", str(batch_id)),
            10_000,
        )
        for dialog in (self.history_dialog, self.recall_dialog):
            if dialog is not None:
                dialog.refresh()
        self.history_changed()

    def history_changed(self) -> None:
        """A batch was recorded or undone: an open client sheet's history, the table's « last contact »."""
        window = self.window
        sheet = window.client_dialog
        if sheet is not None and sheet.timeline_tab is not None:
            sheet.timeline_tab.refresh()
        if window.model is not None:
            window.model.refresh()
