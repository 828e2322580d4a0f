"""Courrier: the template editor, letters, the label dialog, the product recall
and the mailing history, on Sweety Bio (issue 18)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest

from crmdesk.domain.templates import field_label
from crmdesk.gui.outreach import history, labels_dialog, recall_view, selection, template_editor
from crmdesk.gui.outreach.template_editor import TemplateListModel
from crmdesk.gui.printing import pdf_preview
from crmdesk.store.interactions import InteractionStore
from crmdesk.store.recall import RecallCriteria, RecallStore, find
from crmdesk.store.templates import TemplateStore
from tests.gui.test_pdf_preview import FakePrintDialog
from tests.helpers.today import Clock

DEMO_DAY = dt.date(2026, 11, 23)


@pytest.fixture
def shop(qtbot, qsettings, sweetybio_template, tmp_path):
    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    assert window.open_file(path)
    window.clock.day = DEMO_DAY
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def planned(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.task.is_running(), timeout=15000)
    return dialog.plan


def prepared(qtbot, dialog):
    """Run the dialog's batch; the preview it opens."""
    with qtbot.waitSignal(dialog.jobStarted, timeout=5000) as started:
        dialog.prepare_button.click()
    job = started.args[0]
    with qtbot.waitSignal(job.previewOpened, timeout=30000) as opened:
        pass
    preview = opened.args[0]
    qtbot.addWidget(preview)
    return job, preview


def interactions_of_batch(window, batch_id):
    return window.database.scalar("SELECT count(*) FROM interactions WHERE outreach_batch = ?", (batch_id,))


# -- the template editor ------------------------------------------------------------------------------
def test_the_template_list_model(qtmodeltester, shop):
    model = TemplateListModel(TemplateStore(shop.database))
    qtmodeltester.check(model)
    assert model.rowCount() == 8 and model.index(0, 0).data() == "Invitation à l'enquête de satisfaction"


def test_editing_a_template_bold_a_field_save_and_preview(qtbot, shop):
    shop.outreach.templates_action.trigger()
    editor = shop.outreach.templates_dialog
    qtbot.waitExposed(editor)
    template_id = TemplateStore(shop.database).by_name("Relance des clients à risque")["id"]
    assert editor.select(template_id)
    assert editor.name_edit.text() == "Relance des clients à risque" and not editor.save_button.isEnabled()
    assert editor.editor.document().blockCount() == 6  # one block per paragraph
    assert "SB00001" in editor.preview.toPlainText()  # the first client, fields filled

    cursor = editor.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock()
    cursor.insertText("Offre valable jusqu'au 31 décembre. ")
    editor.editor.setTextCursor(cursor)
    editor.bold_action.trigger()
    editor.editor.insertPlainText("Profitez-en")
    editor.bold_action.trigger()
    editor.editor.insertPlainText(", ")
    item = next(
        editor.fields.item(i)
        for i in range(editor.fields.count())
        if editor.fields.item(i).data(Qt.ItemDataRole.UserRole) == "prenom"
    )
    editor.fields.setCurrentItem(item)
    editor.insert_button.click()
    assert editor.save_button.isEnabled() and editor.windowTitle().endswith(" *")
    assert editor.save() == template_id
    body = TemplateStore(shop.database).get(template_id)["body"]
    assert body.endswith("<p>Offre valable jusqu'au 31 décembre. <b>Profitez-en</b>, {prenom}</p>")
    assert not editor.save_button.isEnabled()


def test_a_field_empty_for_the_client_is_shown_in_red_and_named(qtbot, shop):
    editor = template_editor.TemplatesDialog(shop.outreach)
    qtbot.addWidget(editor)
    editor.select(TemplateStore(shop.database).by_purpose("loyalty_expiry")["id"])
    assert editor.set_preview_client("SB00002")
    html = editor.preview.toHtml()
    label = field_label("points_fidelite")
    assert f"[{label}]" in editor.preview.toPlainText() and "#fde2e1" in html
    assert editor.empty_label.text().startswith("Empty for this client (left blank in the letter): ")
    assert label in editor.empty_label.text()
    assert "{" not in editor.preview.toPlainText()


def test_a_template_with_a_lone_brace_is_not_saved(qtbot, shop):
    editor = template_editor.TemplatesDialog(shop.outreach)
    qtbot.addWidget(editor)
    editor.select(TemplateStore(shop.database).by_name("Joyeux anniversaire")["id"])
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.editor.insertPlainText(" {prenom")
    assert editor.save() is None
    assert not editor.problems.isHidden()
    assert "accolade « { » seule" in editor.problems.text()
    assert "{prenom" not in TemplateStore(shop.database).by_name("Joyeux anniversaire")["body"]


def test_leaving_unsaved_changes_asks(qtbot, shop, monkeypatch):
    editor = template_editor.TemplatesDialog(shop.outreach)
    qtbot.addWidget(editor)
    store = TemplateStore(shop.database)
    first, second = store.by_name("Joyeux anniversaire")["id"], store.by_name("Rappel de produit")["id"]
    editor.select(first)
    editor.subject_edit.setText("Bon anniversaire !")
    answers = ["cancel", "discard"]
    monkeypatch.setattr(template_editor, "ask_save", lambda parent, name: answers.pop(0))
    editor.select(second)  # cancel: stays on the first, changes kept
    assert editor.current_id == first and editor.subject_edit.text() == "Bon anniversaire !"
    assert editor.list.currentIndex().data() == "Joyeux anniversaire"
    editor.select(second)  # discard
    assert editor.current_id == second and store.get(first)["subject"] == "Joyeux anniversaire !"


def test_new_duplicate_and_delete(qtbot, shop, monkeypatch):
    editor = template_editor.TemplatesDialog(shop.outreach)
    qtbot.addWidget(editor)
    store = TemplateStore(shop.database)
    editor.select(store.by_name("Rappel de produit")["id"])
    copy_id = editor.duplicate()
    assert store.get(copy_id)["name"] == "Rappel de produit (2)" and editor.model.rowCount() == 9
    new_id = editor.new_template()
    assert store.get(new_id)["name"] == "New template" and editor.current_id == new_id
    monkeypatch.setattr(template_editor, "confirm_delete", lambda parent, name: True)
    assert editor.delete()
    assert store.get(new_id) is None and editor.model.rowCount() == 9


# -- letters ------------------------------------------------------------------------------------------
def test_letters_of_a_segment_preview_then_recorded_once_saved(qtbot, shop, tmp_path):
    shop.outreach.letters_action.trigger()
    dialog = shop.outreach.letters_dialog
    qtbot.waitExposed(dialog)
    assert dialog.set_template("Relance des clients à risque")
    dialog.recipients.set_choice(selection.SEGMENT, "a_risque")
    plan = planned(qtbot, dialog)
    count = len(plan.ids)
    assert dialog.summary.text() == f"{count} destinataires ; personne n'est écarté."
    assert dialog.position_label.text() == f"Recipient 1 / {count}"
    code = shop.store.get(plan.ids[1])["code"]
    dialog.next_button.click()
    assert code in dialog.letter.toPlainText() and "Objet : Vous nous manquez !" in dialog.letter.toPlainText()
    assert dialog.empty_label.text() == "Every field is filled for this recipient."

    job, preview = prepared(qtbot, dialog)
    assert preview.page_count() == count
    assert interactions_of_batch(shop, 1) == 0  # a preview records nothing
    with qtbot.waitSignal(job.recorded, timeout=5000):
        assert preview.save_to(tmp_path / "relance.pdf") is not None
    assert interactions_of_batch(shop, 1) == count
    assert "prepared" in dialog.report.text()
    assert len(PdfReader(tmp_path / "relance.pdf").pages) == count
    preview.save_to(tmp_path / "encore.pdf")  # saved again: not recorded twice
    assert shop.database.scalar("SELECT count(*) FROM outreach_batches") == 1
    timeline = InteractionStore(shop.database).timeline(plan.ids[1])
    assert timeline[0]["subject"] == "Lettre « Relance des clients à risque »"
    assert "mailing no. 1" in shop.statusBar().currentMessage()


def test_printing_the_letters_records_them(qtbot, shop, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_preview, "print_dialog", lambda printer, parent: FakePrintDialog(printer, parent))
    shop.outreach.letters_action.trigger()
    dialog = shop.outreach.letters_dialog
    dialog.set_template("Joyeux anniversaire")
    dialog.recipients.set_choice(selection.STATUS, "premium")
    planned(qtbot, dialog)
    job, preview = prepared(qtbot, dialog)
    printing = preview.print_pdf()
    printing.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printing.printer.setOutputFileName(str(tmp_path / "imprime.pdf"))
    with qtbot.waitSignal(job.recorded, timeout=30000):
        printing.accept()
    assert interactions_of_batch(shop, job.batch_id) == len(dialog.plan.ids) == 39


def test_a_cancelled_batch_leaves_nothing(qtbot, shop):
    shop.outreach.letters_action.trigger()
    dialog = shop.outreach.letters_dialog
    planned(qtbot, dialog)
    with qtbot.waitSignal(dialog.jobStarted, timeout=5000) as started:
        dialog.prepare_button.click()
    job = started.args[0]
    with qtbot.waitSignal(job.ended, timeout=30000) as ended:
        job.cancel()
    assert ended.args == ["cancelled"] and job.preview is None and not job.folder.exists()
    assert shop.database.scalar("SELECT count(*) FROM outreach_batches") == 0


def test_closing_the_dialog_stops_its_batch(qtbot, shop):
    shop.outreach.letters_action.trigger()
    dialog = shop.outreach.letters_dialog
    planned(qtbot, dialog)
    with qtbot.waitSignal(dialog.jobStarted, timeout=5000) as started:
        dialog.prepare_button.click()
    job = started.args[0]
    dialog.close()
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30000)
    assert job.outcome == "cancelled" and job.preview is None and not job.folder.exists()
    assert shop.outreach.letters_dialog is None


# -- labels and envelopes ------------------------------------------------------------------------------
def test_the_label_dialog_starts_where_clicked_and_records_the_sheet(qtbot, shop, tmp_path):
    shop.outreach.labels_action.trigger()
    dialog = shop.outreach.labels_dialog
    qtbot.waitExposed(dialog)
    dialog.set_format("L7163")
    assert dialog.picker.isVisible() and dialog.start_spin.maximum() == 14
    QTest.mouseClick(dialog.picker, Qt.MouseButton.LeftButton, pos=dialog.picker.label_rect(5).center().toPoint())
    assert dialog.start_spin.value() == 5 and dialog.picker.start == 5
    dialog.recipients.set_choice(selection.STATUS, "premium")
    plan = planned(qtbot, dialog)
    assert len(plan.ids) == 39
    job, preview = prepared(qtbot, dialog)
    assert preview.page_count() == 4  # 10 on the partly used sheet, 14, 14, 1
    with qtbot.waitSignal(job.recorded, timeout=5000):
        preview.save_to(tmp_path / "etiquettes.pdf")
    assert shop.database.query("SELECT channel, recipients FROM outreach_batches")[0][:] == ("labels", 39)
    dialog.set_format("DL")
    assert not dialog.picker.isVisibleTo(dialog) and not dialog.start_spin.isVisibleTo(dialog)


def test_the_test_grid_preview(qtbot, shop):
    dialog = labels_dialog.LabelsDialog(shop.outreach)
    qtbot.addWidget(dialog)
    dialog.set_format("3422")
    preview = dialog.show_test_grid()
    qtbot.addWidget(preview)
    assert preview.page_count() == 1 and preview.suggested_name == "grille-3422.pdf"


def test_a_file_of_client_numbers(qtbot, shop, tmp_path, monkeypatch):
    listing = tmp_path / "liste.txt"
    listing.write_text("SB00003\nSB00001\nNOPE\n", encoding="utf-8")
    monkeypatch.setattr(selection, "choose_file", lambda parent: str(listing))
    dialog = labels_dialog.LabelsDialog(shop.outreach)
    qtbot.addWidget(dialog)
    assert dialog.recipients.ask_file()
    assert dialog.recipients.choice() == selection.FILE
    assert dialog.recipients.file_label.text() == "“liste.txt”: 2 clients (1 numbers not found or in the trash)"
    plan = planned(qtbot, dialog)
    assert [shop.store.get(i)["code"] for i in plan.ids] == ["SB00003", "SB00001"]


# -- the product recall -----------------------------------------------------------------------------------
def test_the_recall_view_lists_ticks_and_writes_letters(qtbot, qtmodeltester, shop, tmp_path, monkeypatch):
    shop.outreach.recall_action.trigger()
    view = shop.outreach.recall_dialog
    qtbot.waitExposed(view)
    view.set_criteria(lot="L240615", date_from=dt.date(2026, 10, 1), date_to=DEMO_DAY)
    view.search_button.click()
    qtmodeltester.check(view.model)
    result = find(shop.database, RecallCriteria(None, "L240615", "2026-10-01", "2026-11-23"))
    buyers = len(result.clients)
    assert view.model.rowCount() == buyers > 20
    assert view.count_label.text() == f"{buyers} buyers; {buyers} still to reach."
    first = view.model.index(0, 0)
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert view.model.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert first.data() == "23/11/2026" and view.count_label.text().endswith(f"{buyers - 1} still to reach.")
    recall_id = RecallStore(shop.database).saved(result.criteria)
    assert RecallStore(shop.database).notified(recall_id) == {view.model.rows[0].contact_id: "2026-11-23"}

    letters = view.letters()
    qtbot.waitExposed(letters)
    assert letters.template_combo.currentText() == "Rappel de produit"
    plan = planned(qtbot, letters)
    assert len(plan.ids) == buyers  # a recall reaches the opposed too
    text = letters.letter.toPlainText()
    assert "Miel Acacia 500 g" in text and "lot L240615" in text and "{" not in text
    job, preview = prepared(qtbot, letters)
    with qtbot.waitSignal(job.recorded, timeout=5000):
        preview.save_to(tmp_path / "rappel.pdf")
    qtbot.waitUntil(lambda: view.count_label.text().endswith(" 0 still to reach."))

    calls = tmp_path / "appels.csv"
    monkeypatch.setattr(recall_view, "save_path", lambda parent, suggested: str(calls))
    assert view.call_list() == calls
    assert len(calls.read_text(encoding="utf-8-sig").splitlines()) == buyers + 1


# -- the history --------------------------------------------------------------------------------------------
def test_the_history_undoes_a_mailing(qtbot, qtmodeltester, shop, monkeypatch):
    from crmdesk.store.outreach import record_batch

    ids = [shop.store.id_of_code(code) for code in ("SB00001", "SB00002")]
    batch_id = record_batch(shop.database, "envelope", ids, selection="essai")
    shop.outreach.history_action.trigger()
    dialog = shop.outreach.history_dialog
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1 and dialog.model.index(0, 2).data() == "Envelopes"
    assert not dialog.undo_button.isEnabled()
    dialog.select(batch_id)
    assert dialog.undo_button.isEnabled()
    monkeypatch.setattr(history, "confirm", lambda parent, title, text: True)
    assert dialog.undo_selected()
    assert interactions_of_batch(shop, batch_id) == 0
    assert dialog.result.text() == "Envoi n° 1 annulé : 2 échanges retirés de l'historique des clients."
    assert dialog.model.index(0, 7).data() != "" and not dialog.undo_button.isEnabled()


# -- the lot of an order line -------------------------------------------------------------------------------
def test_the_lot_is_typed_in_the_order_dialog(qtbot, shop):
    from crmdesk.gui.orders.commands import UndoableOrderActions
    from crmdesk.gui.orders.order_dialog import OrderDialog

    contact_id = shop.store.id_of_code("SB00002")
    order_id = shop.orders.orders_of(contact_id)[0]["id"]
    actions = UndoableOrderActions(shop.orders, shop.undo_stack, shop.session.ordersChanged.emit)
    dialog = OrderDialog(
        shop.orders, contact_id, order_id, shop, save=lambda order: actions.edit(order_id, order), today=DEMO_DAY
    )
    qtbot.addWidget(dialog)
    model = dialog.lines_model
    assert model.headerData(model.COLUMNS.index("lot"), Qt.Orientation.Horizontal) == "Lot"
    assert dialog.set_cell(0, "lot", "  LOT  42 ")
    dialog.submit()
    assert shop.orders.lines_of(order_id)[0]["lot"] == "LOT 42"


def test_the_menu_follows_the_file(qtbot, qsettings):
    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    window.outreach.menu.aboutToShow.emit()
    assert not window.outreach.letters_action.isEnabled() and window.outreach.menu.title() == "&Mailing"
    assert window.outreach.menu.menuAction() in window.ui.menubar.actions()
