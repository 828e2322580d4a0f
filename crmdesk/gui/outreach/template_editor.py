"""Courrier › Modèles de lettres…: the letter and e-mail templates of the file
(issue 18).

On the left the templates; on the right the one chosen: its name, kind
(letter or e-mail), subject and text — a small rich-text editor (bold,
italic, paragraphs; Ctrl+B, Ctrl+I) — and the merge fields to insert
(double-click, or « Insérer »), each written ``{nom}`` and coloured in the
text (a name that is not a field of the list, orange, is taken from the
columns of the selection: a file's column, a recall's product). The
letterhead, the recipient's address and the date are added to every letter:
they are not in the text. Under it, the letter of one client (the window's
current one, or the N° client typed) with the fields empty for that client
shown in red; « Aperçu PDF… » shows the printed page.

Saving checks the template (a name, braces closed: crmdesk/store/templates.py)
and says what is wrong. Leaving a template with unsaved changes asks first
(`ask_save`, which tests replace).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QSyntaxHighlighter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.postal import postal_address
from crmdesk.domain.templates import (
    FIELDS,
    KINDS,
    ROW_FIELDS,
    Span,
    TemplateError,
    body_markup,
    compile_template,
    field_key,
    field_label,
    parse_body,
    render,
)
from crmdesk.gui.common import labels, messages
from crmdesk.gui.outreach.letters_dialog import letter_html
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.outreach import preview_fields
from crmdesk.store.templates import TemplateStore

if TYPE_CHECKING:
    from crmdesk.gui.outreach.menu import OutreachFeature

translate = QCoreApplication.translate  # texts in the context « TemplatesDialog »

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
KNOWN_COLOR, COLUMN_COLOR = QColor("#0b5cad"), QColor("#b35900")
_ROOT = QModelIndex()
PARAGRAPH_SPACE = 6


def ask_save(parent: QWidget | None, name: str) -> str:
    """« save », « discard » or « cancel » for a template with unsaved changes (tests replace it)."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        translate("TemplatesDialog", "Letter templates"),
        translate("TemplatesDialog", "Save the changes to “%1”?").replace("%1", name),
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def confirm_delete(parent: QWidget | None, name: str) -> bool:
    """Yes / No before deleting a template (tests replace it)."""
    answer = QMessageBox.question(
        parent,
        translate("TemplatesDialog", "Delete a template"),
        translate("TemplatesDialog", "Delete the template “%1”? The mailings made with it keep its name.").replace(
            "%1", name
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class TemplateListModel(QAbstractListModel):
    """The templates of the file, by name."""

    def __init__(self, store: TemplateStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.rows: list[dict] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self.store.all()
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row["name"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return labels.named(labels.shown(KINDS[row["kind"]]), row["subject"] or "—")
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def row_of(self, template_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r["id"] == template_id), None)


class FieldHighlighter(QSyntaxHighlighter):
    """{fields} in blue (a field of the list) or orange (a column of the selection)."""

    def highlightBlock(self, text: str) -> None:
        for match in _FIELD.finditer(text):
            if match.group(1) is None:
                continue
            fmt = QTextCharFormat()
            key = field_key(match.group(1))
            fmt.setForeground(KNOWN_COLOR if key in FIELDS or key in ROW_FIELDS else COLUMN_COLOR)
            self.setFormat(match.start(), match.end() - match.start(), fmt)


def document_paragraphs(edit: QTextEdit) -> list[tuple[Span, ...]]:
    """The editor's text as paragraphs of spans (bold, italic; a line break is « \\n »)."""
    paragraphs = []
    block = edit.document().begin()
    while block.isValid():
        spans = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                text = fragment.text().replace("\u2028", "\n").replace("\u2029", "\n")
                spans.append(Span(text, fmt.fontWeight() >= QFont.Weight.Bold, fmt.fontItalic()))
            it += 1
        paragraphs.append(tuple(spans))
        block = block.next()
    return paragraphs


def document_markup(edit: QTextEdit) -> str:
    """The editor's text in the template markup (crmdesk/domain/templates.py)."""
    return body_markup(parse_body(body_markup(document_paragraphs(edit))))


def load_document(edit: QTextEdit, body: str) -> None:
    """Show a template's body in the editor: one block per paragraph."""
    edit.clear()
    cursor = QTextCursor(edit.document())
    plain = QTextCharFormat()
    spaced = QTextBlockFormat()
    spaced.setBottomMargin(PARAGRAPH_SPACE)  # paragraphs apart, as in the letter (new ones follow suit)
    cursor.setBlockFormat(spaced)
    for number, paragraph in enumerate(parse_body(body)):
        if number:
            cursor.insertBlock(spaced)
        for span in paragraph:
            fmt = QTextCharFormat(plain)
            fmt.setFontWeight(QFont.Weight.Bold if span.bold else QFont.Weight.Normal)
            fmt.setFontItalic(span.italic)
            cursor.insertText(span.text.replace("\n", "\u2028"), fmt)
    edit.document().setModified(False)
    edit.moveCursor(QTextCursor.MoveOperation.Start)


class TemplatesDialog(QDialog):
    saved = Signal(int)  # the template id

    def __init__(self, outreach: OutreachFeature):
        window = outreach.window
        super().__init__(window)
        self.setObjectName("TemplatesDialog")
        self.setWindowTitle(translate("TemplatesDialog", "Letter templates"))
        self.outreach = outreach
        self.window = window
        self.session = outreach.session
        self.database = outreach.session.database
        self.store = self.session.templates
        self.business = self.session.settings.business()
        self.current_id: int | None = None
        self._loaded: dict | None = None
        self._loading = False

        self.model = TemplateListModel(self.store, self)
        self.list = QListView(self)
        self.list.setObjectName("templateList")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.new_button = QPushButton(translate("TemplatesDialog", "&New"), self)
        self.new_button.setObjectName("newTemplate")
        self.copy_button = QPushButton(translate("TemplatesDialog", "D&uplicate"), self)
        self.copy_button.setObjectName("copyTemplate")
        self.delete_button = QPushButton(translate("TemplatesDialog", "&Delete…"), self)
        self.delete_button.setObjectName("deleteTemplate")
        for button in (self.new_button, self.copy_button, self.delete_button):
            button.setAutoDefault(False)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.list, 1)
        left_buttons = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.delete_button):
            left_buttons.addWidget(button)
        left_box.addLayout(left_buttons)

        right = QWidget(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(right)
        self.name_edit.setObjectName("templateName")
        self.kind_combo = QComboBox(right)
        self.kind_combo.setObjectName("templateKind")
        for code, text in KINDS.items():
            self.kind_combo.addItem(labels.shown(text), code)
        self.subject_edit = QLineEdit(right)
        self.subject_edit.setObjectName("templateSubject")
        self.subject_edit.setPlaceholderText(
            translate("TemplatesDialog", "the “Subject:” line of a letter, an e-mail's subject")
        )
        for caption, editor in (
            (translate("TemplatesDialog", "N&ame:"), self.name_edit),
            (translate("TemplatesDialog", "&Kind:"), self.kind_combo),
            (translate("TemplatesDialog", "Su&bject:"), self.subject_edit),
        ):
            label = QLabel(caption, right)
            label.setBuddy(editor)
            form.addRow(label, editor)

        self.toolbar = QToolBar(right)
        self.bold_action = QAction(translate("TemplatesDialog", "Bold"), self)
        self.bold_action.setObjectName("actionBold")
        self.bold_action.setCheckable(True)
        self.bold_action.setShortcut(QKeySequence.StandardKey.Bold)
        bold_font = QFont()
        bold_font.setBold(True)
        self.bold_action.setFont(bold_font)
        self.italic_action = QAction(translate("TemplatesDialog", "Italic"), self)
        self.italic_action.setObjectName("actionItalic")
        self.italic_action.setCheckable(True)
        self.italic_action.setShortcut(QKeySequence.StandardKey.Italic)
        italic_font = QFont()
        italic_font.setItalic(True)
        self.italic_action.setFont(italic_font)
        self.toolbar.addAction(self.bold_action)
        self.toolbar.addAction(self.italic_action)
        self.editor = QTextEdit(right)
        self.editor.setObjectName("templateBody")
        self.editor.setAcceptRichText(False)  # pasted text keeps only what the markup knows
        self.editor.setTabChangesFocus(True)
        self.highlighter = FieldHighlighter(self.editor.document())
        self.bold_action.toggled.connect(self._set_bold)
        self.italic_action.toggled.connect(self._set_italic)
        self.editor.currentCharFormatChanged.connect(self._format_changed)
        note = QLabel(
            translate(
                "TemplatesDialog",
                "The letterhead, the recipient's address (NF Z10-011) and the date are added to every letter.",
            ),
            right,
        )
        note.setObjectName("letterheadNote")
        note.setWordWrap(True)

        self.fields = QListWidget(right)
        self.fields.setObjectName("fieldList")
        for name, (text, _missing) in FIELDS.items():
            self._add_field(name, labels.shown(text))
        for name, text in ROW_FIELDS.items():
            self._add_field(name, labels.shown(text))
        self.fields.setMinimumWidth(300)
        self.fields.setMaximumWidth(360)
        self.insert_button = QPushButton(translate("TemplatesDialog", "&Insert the field"), right)
        self.insert_button.setObjectName("insertField")
        self.insert_button.setAutoDefault(False)
        self.fields.itemDoubleClicked.connect(lambda item: self.insert_field(item.data(Qt.ItemDataRole.UserRole)))
        self.insert_button.clicked.connect(lambda _checked=False: self.insert_selected_field())
        fields_box = QVBoxLayout()
        fields_label = QLabel(translate("TemplatesDialog", "Merge &fields:"), right)
        fields_label.setBuddy(self.fields)
        fields_box.addWidget(fields_label)
        fields_box.addWidget(self.fields, 1)
        fields_box.addWidget(self.insert_button)
        editor_row = QHBoxLayout()
        editor_column = QVBoxLayout()
        editor_column.addWidget(self.toolbar)
        editor_column.addWidget(self.editor, 1)
        editor_column.addWidget(note)
        editor_row.addLayout(editor_column, 1)
        editor_row.addLayout(fields_box)

        preview_row = QHBoxLayout()
        self.client_edit = QLineEdit(right)
        self.client_edit.setObjectName("previewClient")
        self.client_edit.setPlaceholderText(translate("TemplatesDialog", "Client no."))
        self.client_edit.setMaximumWidth(140)
        self.client_edit.editingFinished.connect(self.show_preview)
        preview_label = QLabel(translate("TemplatesDialog", "Pre&view for:"), right)
        preview_label.setBuddy(self.client_edit)
        self.client_name = QLabel(right)
        self.client_name.setObjectName("previewClientName")
        self.pdf_button = QPushButton(translate("TemplatesDialog", "&PDF preview…"), right)
        self.pdf_button.setObjectName("pdfPreview")
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(lambda _checked=False: self.pdf_preview())
        preview_row.addWidget(preview_label)
        preview_row.addWidget(self.client_edit)
        preview_row.addWidget(self.client_name, 1)
        preview_row.addWidget(self.pdf_button)
        self.preview = QTextBrowser(right)
        self.preview.setObjectName("templatePreview")
        self.empty_label = QLabel(right)
        self.empty_label.setObjectName("emptyFields")
        self.empty_label.setWordWrap(True)
        self.problems = QLabel(right)
        self.problems.setObjectName("templateProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color:#a40e0e;")
        self.problems.hide()

        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addLayout(form)
        right_box.addLayout(editor_row, 3)
        right_box.addWidget(self.problems)
        right_box.addLayout(preview_row)
        right_box.addWidget(self.preview, 2)
        right_box.addWidget(self.empty_label)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 770])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Discard
            | QDialogButtonBox.StandardButton.Close,
            self,
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.revert_button = self.buttons.button(QDialogButtonBox.StandardButton.Discard)
        self.revert_button.setText(translate("TemplatesDialog", "&Revert"))
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.revert_button.clicked.connect(lambda _checked=False: self.load(self.current_id))
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self.list.selectionModel().currentChanged.connect(lambda current, _previous: self._picked(current))
        self.new_button.clicked.connect(lambda _checked=False: self.new_template())
        self.copy_button.clicked.connect(lambda _checked=False: self.duplicate())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete())
        for signal in (
            self.name_edit.textChanged,
            self.subject_edit.textChanged,
            self.editor.textChanged,
            self.kind_combo.currentIndexChanged,
        ):
            signal.connect(self._changed)
        self.preview_id = window.current_id() if window.model is not None else None
        if self.preview_id is None:  # the first client by N° (one row read)
            first = self.session.contacts.page(ContactQuery(sort="code"), 1).rows
            self.preview_id = first[0]["id"] if first else None
        self._show_preview_client()
        self.resize(1040, 760)
        if self.model.rowCount():
            self.select(self.model.rows[0]["id"])
        else:
            self.load(None)

    # -- fields -------------------------------------------------------------------------------------
    def _add_field(self, name: str, text: str) -> None:
        item = QListWidgetItem(f"{text}  {{{name}}}")
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setToolTip("{" + name + "}")
        self.fields.addItem(item)

    def insert_selected_field(self) -> None:
        item = self.fields.currentItem()
        if item is not None:
            self.insert_field(item.data(Qt.ItemDataRole.UserRole))

    def insert_field(self, name: str) -> None:
        """`{name}` at the cursor: in the subject when it was being edited last, else in the text."""
        if self.subject_edit.hasFocus():
            self.subject_edit.insert("{" + name + "}")
            return
        self.editor.textCursor().insertText("{" + name + "}")
        self.editor.setFocus()

    # -- bold, italic -------------------------------------------------------------------------------
    def _set_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self.editor.mergeCurrentCharFormat(fmt)

    def _set_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self.editor.mergeCurrentCharFormat(fmt)

    def _format_changed(self, fmt: QTextCharFormat) -> None:
        for action, on in (
            (self.bold_action, fmt.fontWeight() >= QFont.Weight.Bold),
            (self.italic_action, fmt.fontItalic()),
        ):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)

    # -- the template shown -------------------------------------------------------------------------
    def values(self) -> dict:
        return {
            "name": self.name_edit.text(),
            "kind": self.kind_combo.currentData(),
            "subject": self.subject_edit.text(),
            "body": document_markup(self.editor),
        }

    def is_dirty(self) -> bool:
        if self._loaded is None:
            return False
        now = self.values()
        return any(now[k] != self._loaded[k] for k in ("name", "kind", "subject")) or now["body"] != body_markup(
            parse_body(self._loaded["body"])
        )

    def select(self, template_id: int) -> bool:
        row = self.model.row_of(template_id)
        if row is None:
            return False
        self.list.setCurrentIndex(self.model.index(row, 0))
        return True

    def _picked(self, index: QModelIndex) -> None:
        template_id = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        if template_id == self.current_id or self._loading:
            return
        if not self.leave():
            self._reselect()
            return
        self.load(template_id)

    def _reselect(self) -> None:
        row = self.model.row_of(self.current_id) if self.current_id is not None else None
        self._loading = True
        try:
            if row is not None:
                self.list.setCurrentIndex(self.model.index(row, 0))
        finally:
            self._loading = False

    def leave(self) -> bool:
        """May the template shown be left (saved or its changes dropped when the user says so)?"""
        if not self.is_dirty():
            return True
        answer = ask_save(self, self.name_edit.text() or self._loaded.get("name", ""))
        if answer == "save":
            return self.save() is not None
        return answer == "discard"

    def load(self, template_id: int | None) -> None:
        row = self.store.get(template_id) if template_id is not None else None
        self._loading = True
        try:
            self.current_id = row["id"] if row else None
            self._loaded = dict(row) if row else None
            self.name_edit.setText(row["name"] if row else "")
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(row["kind"] if row else "letter"), 0))
            self.subject_edit.setText(row["subject"] if row else "")
            load_document(self.editor, row["body"] if row else "")
        finally:
            self._loading = False
        for widget in (
            self.name_edit,
            self.kind_combo,
            self.subject_edit,
            self.editor,
            self.fields,
            self.insert_button,
            self.copy_button,
            self.delete_button,
            self.pdf_button,
        ):
            widget.setEnabled(row is not None)
        self.problems.hide()
        self._changed()

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        title = translate("TemplatesDialog", "Letter templates")
        self.setWindowTitle(f"{title} — {self.name_edit.text()}{' *' if dirty else ''}" if self._loaded else title)
        self.show_preview()

    # -- actions ------------------------------------------------------------------------------------
    def save(self) -> int | None:
        """Write the template shown; its id, or None (the problems are shown)."""
        if self._loaded is None:
            return None
        values = self.values()
        try:
            template_id = self.store.save(self.current_id, **values)
        except ValidationError as exc:
            self.problems.setText(translate("TemplatesDialog", "Not saved: %1").replace("%1", str(exc)))
            self.problems.show()
            return None
        except CrmError as exc:
            messages.error(self, translate("TemplatesDialog", "Letter templates"), str(exc))
            return None
        self.problems.hide()
        self.model.refresh()
        self.load(template_id)
        self._loading = True
        try:
            self.select(template_id)
        finally:
            self._loading = False
        self.saved.emit(template_id)
        self._templates_changed()
        return template_id

    def new_template(self) -> int | None:
        if not self.leave():
            return None
        body = "<p>{formule_appel},</p><p></p><p>{expediteur}</p>"
        template_id = self.store.save(
            None,
            name=self.store.free_name(translate("TemplatesDialog", "New template")),
            kind="letter",
            subject="",
            body=body,
        )
        return self._show_new(template_id)

    def duplicate(self) -> int | None:
        if self._loaded is None or not self.leave():
            return None
        row = self.store.get(self.current_id)
        template_id = self.store.save(
            None, name=self.store.free_name(row["name"]), kind=row["kind"], subject=row["subject"], body=row["body"]
        )
        return self._show_new(template_id)

    def _show_new(self, template_id: int) -> int:
        self.model.refresh()
        self.load(template_id)
        self._loading = True
        try:
            self.select(template_id)
        finally:
            self._loading = False
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        self._templates_changed()
        return template_id

    def delete(self) -> bool:
        if self._loaded is None or not confirm_delete(self, self._loaded["name"]):
            return False
        try:
            self.store.delete(self.current_id)
        except CrmError as exc:
            messages.error(self, translate("TemplatesDialog", "Delete a template"), str(exc))
            return False
        self._loaded = None
        self.model.refresh()
        if self.model.rows:
            self.load(self.model.rows[0]["id"])
            self._reselect()
        else:
            self.load(None)
        self._templates_changed()
        return True

    def _templates_changed(self) -> None:
        dialog = self.outreach.letters_dialog
        if dialog is not None:
            dialog.fill_templates()
            dialog.show_preview()

    # -- preview ------------------------------------------------------------------------------------
    def _show_preview_client(self) -> None:
        row = self.session.contacts.get(self.preview_id) if self.preview_id is not None else None
        self.client_edit.setText(row["code"] if row else "")
        self.client_name.setText(postal_address(row).lines[0] if row and postal_address(row).lines else "")

    def set_preview_client(self, code: str) -> bool:
        ids, _missing = self.session.contacts.ids_of_codes([code])
        if not ids:
            self.client_name.setText(translate("TemplatesDialog", "No client “%1”").replace("%1", code))
            return False
        self.preview_id = ids[0]
        self._show_preview_client()
        self.show_preview()
        return True

    def show_preview(self) -> None:
        code = self.client_edit.text().strip()
        current = self.session.contacts.get(self.preview_id) if self.preview_id is not None else None
        if code and (current is None or current["code"] != code) and not self.set_preview_client(code):
            return
        if self._loaded is None or self.preview_id is None:
            self.preview.setHtml("")
            self.empty_label.setText("")
            return
        values = self.values()
        try:
            compiled = compile_template(values["subject"], values["body"])
        except TemplateError as exc:
            self.preview.setPlainText(str(exc))
            self.empty_label.setText("")
            return
        fields = preview_fields(self.database, self.preview_id, today=self.outreach.session.today()) or {}
        rendered = render(compiled, fields)
        self.rendered = rendered
        self.preview.setHtml(
            letter_html(
                rendered, business=self.business, day=self.outreach.session.today(), address=fields.get("adresse", "")
            )
        )
        if rendered.missing:
            self.empty_label.setText(
                translate("TemplatesDialog", "Empty for this client (left blank in the letter): %1").replace(
                    "%1", ", ".join(field_label(f) for f in rendered.missing)
                )
            )
            self.empty_label.setStyleSheet("color:#a40e0e;")
        else:
            self.empty_label.setText(translate("TemplatesDialog", "Every field is filled for this client."))
            self.empty_label.setStyleSheet("")

    def pdf_preview(self):
        """The printed page of the letter for the preview client."""
        from crmdesk.gui.printing.pdf_preview import show_pdf
        from crmdesk.reports.letters import preview_letter

        if self.preview_id is None or self._loaded is None:
            return None
        contact = self.session.contacts.get(self.preview_id)
        fields = preview_fields(self.database, self.preview_id, today=self.outreach.session.today()) or {}
        buffer = io.BytesIO()
        try:
            preview_letter(
                self.values(),
                fields,
                postal_address(contact).lines,
                business=self.business,
                today=self.outreach.session.today(),
                out=buffer,
            )
        except CrmError as exc:
            messages.error(self, translate("TemplatesDialog", "Letter templates"), str(exc))
            return None
        name = f"{self.name_edit.text() or 'modele'}-{contact['code']}.pdf"
        return show_pdf(
            self,
            buffer.getvalue(),
            translate("TemplatesDialog", "Letter “%1” for %2")
            .replace("%1", self.name_edit.text())
            .replace("%2", contact["code"]),
            name,
        )

    def done(self, result: int) -> None:  # Close, Escape, the title bar: unsaved changes are asked about
        if not self.leave():
            return
        self._loaded = None
        super().done(result)
