"""Pick a contact by typing part of its name: « ACME SARL (C000012) ».

Shared by the client, task and complaint dialogs and the duplicates merge
(it lives here, not with the client dialog, so none of them imports another).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from crmdesk.domain import contact as rules
from crmdesk.domain.errors import CrmError
from crmdesk.store.contacts import ContactQuery, ContactStore

CODE_IN_LABEL = re.compile(r"\(([^()]+)\)\s*$")  # the code at the end of « ACME SARL (C000012) »


class ContactPicker(QLineEdit):
    """Type part of a name, pick a contact in the list: « ACME SARL (C000012) »."""

    def __init__(self, store: ContactStore, companies_only: bool, parent=None):
        super().__init__(parent)
        self.store = store
        self.companies_only = companies_only
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.setClearButtonEnabled(True)
        self.textEdited.connect(self._suggest)

    @staticmethod
    def label_of(row: dict) -> str:
        return f"{rules.display_name(row)} ({row['code']})"

    def _suggest(self, text: str) -> None:
        if len(text.strip()) < 2 or CODE_IN_LABEL.search(text):
            return
        rows = self.store.page(ContactQuery(search=text, sort="name"), 60).rows
        if self.companies_only:
            rows = [r for r in rows if r["kind"] == "company"]
        self._model.setStringList([self.label_of(r) for r in rows[:20]])
        self.completer().complete()

    def set_contact(self, contact_id: int | None) -> None:
        row = self.store.get(contact_id) if contact_id else None
        self.setText(self.label_of(row) if row else "")

    def contact_id(self) -> int | None:
        """The chosen contact; CrmError (French) when the text names none."""
        text = self.text().strip()
        if not text:
            return None
        match = CODE_IN_LABEL.search(text)
        code = match.group(1).strip() if match else text
        found = self.store.id_of_code(code)
        if found is None:
            raise CrmError(self.tr("no contact with this number: pick one in the list"))
        if self.companies_only and self.store.get(found)["kind"] != "company":
            raise CrmError(self.tr("this contact is not a company"))
        return found
