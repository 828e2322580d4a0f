"""Courrier › Lettres…: the letters of a template for a choice of recipients
(issue 18).

Pick a template, the recipients (the table's selection, every client shown,
a status, an RFM segment, a file of N° client, or a recall's buyers), look at
the letter of any recipient (« ◀ 3 / 39 ▶ »: the page as it will print, the
fields empty for that recipient shown in red and named), then « Préparer les
lettres » makes the PDF in a worker (progress, Cancel) and opens the preview
(print, save as PDF). Once printed or saved, each letter is an outgoing
exchange on its recipient's history (Courrier › Historique des envois undoes
the batch); a recall's letters also tick « prévenu le » for their recipients.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from crmdesk.domain.errors import CrmError
from crmdesk.domain.templates import compile_template, field_label, long_date, render
from crmdesk.gui.common import labels
from crmdesk.gui.outreach.base import OutreachDialog
from crmdesk.store.outreach import Selection, preview_fields, record_batch

if TYPE_CHECKING:
    from crmdesk.gui.outreach.menu import OutreachFeature

translate = QCoreApplication.translate  # texts in the context « LettersDialog »

MISSING_STYLE = "background-color:#fde2e1;color:#a40e0e;"


def missing_marker(field: str) -> str:
    """What the preview shows for a field empty for this recipient (HTML)."""
    return f'<span style="{MISSING_STYLE}">[{escape(field_label(field))}]</span>'


def letter_html(rendered, *, business: dict, day, address: str) -> str:
    """The letter as the preview shows it: the address, the place and date, the subject, the body."""
    city = escape(str(business.get("city") or ""))
    date = f"{city}, le {long_date(day)}" if city else f"Le {long_date(day)}"
    block = escape(address).replace("\n", "<br>") if address else missing_marker("adresse")
    parts = [
        f'<table width="100%"><tr><td width="55%"></td><td>{block}</td></tr></table>',
        f'<p align="right">{escape(date)}</p>',
    ]
    if rendered.subject:
        parts.append(f"<p><b>Objet : {escape(rendered.subject)}</b></p>")
    parts.append(rendered.html(missing=missing_marker))
    return "\n".join(parts)


class LettersDialog(OutreachDialog):
    def __init__(
        self,
        outreach: OutreachFeature,
        *,
        selection: Selection | None = None,
        selection_text: str = "",
        template_id: int | None = None,
        recall_id: int | None = None,
    ):
        super().__init__(outreach, translate("LettersDialog", "Letters"), given=selection, given_text=selection_text)
        self.setObjectName("LettersDialog")
        self.recall_id = recall_id
        self.templates = self.session.templates
        self.business = self.session.settings.business()
        self.position = 0
        self.prepare_button.setText(translate("LettersDialog", "&Prepare the letters…"))

        top = QWidget(self)
        form = QFormLayout(top)
        form.setContentsMargins(0, 0, 0, 0)
        self.template_combo = QComboBox(top)
        self.template_combo.setObjectName("templateCombo")
        self.fill_templates(template_id)
        label = QLabel(translate("LettersDialog", "&Template:"), top)
        label.setBuddy(self.template_combo)
        form.addRow(label, self.template_combo)
        self.template_combo.currentIndexChanged.connect(lambda _i: self.show_preview())

        self.letter = self.preview_box_with("letterPreview", 260)
        self.planned.connect(lambda _plan: self.show_recipient(0))
        self.finish_layout(top, after=self.preview_box)
        self.resize(720, 820)

    def fill_templates(self, template_id: int | None = None) -> None:
        current = template_id if template_id is not None else self.template_combo.currentData()
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for row in self.templates.all(kind="letter"):
            self.template_combo.addItem(row["name"], row["id"])
        found = self.template_combo.findData(current)
        self.template_combo.setCurrentIndex(max(found, 0))
        self.template_combo.blockSignals(False)

    def template(self) -> dict | None:
        template_id = self.template_combo.currentData()
        return self.templates.get(template_id) if template_id is not None else None

    def set_template(self, name: str) -> bool:
        index = self.template_combo.findText(name)
        if index >= 0:
            self.template_combo.setCurrentIndex(index)
        return index >= 0

    def can_prepare(self) -> bool:
        return self.template_combo.count() > 0

    # -- preview ------------------------------------------------------------------------------------
    def show_recipient(self, position: int) -> None:
        count = len(self.plan.ids) if self.plan else 0
        self.position = max(0, min(position, count - 1)) if count else 0
        self.previous_button.setEnabled(count > 0 and self.position > 0)
        self.next_button.setEnabled(count > 0 and self.position < count - 1)
        self.position_label.setText(
            translate("LettersDialog", "Recipient %1 / %2")
            .replace("%1", labels.number(self.position + 1))
            .replace("%2", labels.number(count))
            if count
            else translate("LettersDialog", "No recipient")
        )
        self.show_preview()

    def recipient_id(self) -> int | None:
        return self.plan.ids[self.position] if self.plan and self.plan.ids else None

    def show_preview(self) -> None:
        template, contact_id = self.template(), self.recipient_id()
        if template is None or contact_id is None:
            self.letter.setHtml("")
            self.empty_label.setText("")
            return
        row = self.selection().rows.get(contact_id, {})
        fields = preview_fields(self.database, contact_id, today=self.outreach.session.today(), row=row)
        if fields is None:
            self.letter.setHtml("")
            return
        try:
            rendered = render(compile_template(template["subject"], template["body"]), fields)
        except CrmError as exc:
            self.letter.setPlainText(str(exc))
            return
        self.rendered = rendered
        self.letter.setHtml(
            letter_html(
                rendered, business=self.business, day=self.outreach.session.today(), address=fields.get("adresse", "")
            )
        )
        if rendered.missing:
            self.empty_label.setText(
                translate("LettersDialog", "Empty for this recipient (left blank in the letter): %1").replace(
                    "%1", ", ".join(field_label(f) for f in rendered.missing)
                )
            )
            self.empty_label.setStyleSheet("color:#a40e0e;")
        else:
            self.empty_label.setText(translate("LettersDialog", "Every field is filled for this recipient."))
            self.empty_label.setStyleSheet("")

    # -- the batch ----------------------------------------------------------------------------------
    def batch(self):
        from crmdesk.reports.letters import print_letters

        template = self.template()
        if template is None:
            raise CrmError(translate("LettersDialog", "Choose a template."))
        selection, ids, day = self.selection(), list(self.plan.ids), self.outreach.session.today()

        def compute(own, out, progress):
            return print_letters(own, template, ids, out, today=day, rows=selection.rows, progress=progress)

        def title(result) -> str:
            return (
                translate("LettersDialog", "Letters “%1” (%2)")
                .replace("%1", template["name"])
                .replace("%2", translate("LettersDialog", "%1 letters").replace("%1", labels.number(result.letters)))
            )

        def record(result) -> int:
            return record_batch(
                self.database,
                "letter",
                result.contact_ids,
                template=template,
                subject=template["subject"],
                selection=selection.description,
                subjects=result.subjects,
                recall_id=self.recall_id,
            )

        return compute, title, "lettres.pdf", record

    def show_result(self, result) -> None:
        lines = [
            translate(
                "LettersDialog", "%1 letters prepared: printing or saving them records them on the clients' history."
            ).replace("%1", labels.number(result.letters))
        ]
        lines += result.missing.lines()
        self.report.setText("\n".join(lines))
        self.report.show()
