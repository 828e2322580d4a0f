"""Fichier > Imprimer: client sheets and cards of the current client, the
selection or every client shown, in a worker thread with progress and
cancel, then the in-app preview of the PDF file (issue 5)."""

from __future__ import annotations

import datetime as dt
import errno
import re
import shutil
import tempfile
import threading

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from crmdesk.domain.errors import CrmError
from crmdesk.gui.clients.client_model import COLUMN_KEYS
from crmdesk.gui.common import i18n, labels
from crmdesk.gui.printing import menu as print_menu
from crmdesk.gui.printing.pdf_preview import PdfPreviewDialog
from crmdesk.store.sheets import SheetReader
from tests.helpers.today import Clock

DEMO_DAY = dt.date(2026, 11, 23)
DEMO_CLIENTS = 440
CODE = re.compile(r"Code client : (SB\d{5})")
GATE_AFTER = 5  # the gated worker waits after this many clients


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    """Where the batches make their temporary folders (to see what is left)."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


@pytest.fixture
def shop(qtbot, qsettings, sweetybio_template, tmp_path, temp_root):
    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    window.clock.day = DEMO_DAY
    assert window.open_file(path)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


@pytest.fixture
def gate(monkeypatch):
    """The worker stops after GATE_AFTER clients until the test sets the event
    (it waits in the worker thread; the test waits with qtbot)."""
    opened = threading.Event()
    for name in ("sheets", "cards"):
        original = getattr(SheetReader, name)

        def gated(self, *args, _original=original, **kwargs):
            for number, item in enumerate(_original(self, *args, **kwargs)):
                if number == GATE_AFTER:
                    opened.wait(30)
                yield item

        monkeypatch.setattr(SheetReader, name, gated)
    yield opened
    opened.set()


@pytest.fixture
def visible_progress(monkeypatch):
    """The progress dialog at once and every client reported (no throttling)."""
    monkeypatch.setattr(print_menu, "SHOW_PROGRESS_AFTER_MS", 0)
    monkeypatch.setattr(print_menu, "PROGRESS_EVERY_S", 0.0)


@pytest.fixture
def french(qapp):
    translators = i18n.install(qapp, "fr")
    yield
    i18n.remove(qapp, translators)


def select_rows(window, rows) -> None:
    model, table = window.model, window.ui.clientTable
    selection = QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    flags = QItemSelectionModel.SelectionFlag
    table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)
    table.selectionModel().setCurrentIndex(model.index(rows[0], 0), flags.NoUpdate)


def code_at(window, row: int) -> str:
    return window.model.index(row, COLUMN_KEYS.index("code")).data()


def pdf_text(preview: PdfPreviewDialog) -> str:
    return "".join(page.extract_text() for page in PdfReader(preview.path).pages)


def left_in(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def run(qtbot, printing, action, timeout=30_000) -> PdfPreviewDialog:
    with qtbot.waitSignal(printing.previewOpened, timeout=timeout) as opened:
        action.trigger()
    preview = opened.args[0]  # the window's child: closed with it
    qtbot.waitExposed(preview)
    return preview


def cancel_button(dialog: QProgressDialog) -> QPushButton:
    (button,) = dialog.findChildren(QPushButton)
    return button


# -- menus and actions --------------------------------------------------------------------------
def test_the_print_submenu_sits_in_the_file_menu_before_quit(qtbot, shop):
    printing = shop.printing
    entries = shop.ui.menuFile.actions()
    at = entries.index(printing.menu.menuAction())
    # Print ▸, then the exports (export_menu), then the separator before Quit
    rest = entries[at + 1 :]
    assert rest[-2].isSeparator() and rest[-1] is shop.ui.actionQuit
    assert [a.objectName() for a in rest[:-2]] == ["actionExport", "actionMailingList", "actionPivotExport"]
    assert [a.objectName() for a in printing.menu.actions() if not a.isSeparator()] == [
        "actionPrintSheet",
        "actionPrintSheetsSelection",
        "actionPrintSheetsFilter",
        "actionPrintCardsSelection",
        "actionPrintCardsFilter",
    ]
    assert printing.sheet_action.shortcut().toString() == "Ctrl+P"
    context = shop.ui.clientTable.actions()
    assert printing.sheet_action in context and printing.selection_sheets_action in context


def test_actions_need_a_file_and_a_selection(qtbot, qsettings, sweetybio_template, tmp_path):
    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    printing = window.printing
    assert not any(action.isEnabled() for action in printing.actions)
    assert printing.print_current() is None and printing.print_shown(print_menu.SHEETS) is None

    path = tmp_path / "copy.sqlite"
    shutil.copy(sweetybio_template, path)
    assert window.open_file(path)
    window.ui.clientTable.clearSelection()
    selection_actions = (printing.sheet_action, printing.selection_sheets_action, printing.selection_cards_action)
    assert not any(action.isEnabled() for action in selection_actions)
    assert printing.filter_sheets_action.isEnabled() and printing.filter_cards_action.isEnabled()

    select_rows(window, [3])
    assert all(action.isEnabled() for action in printing.actions)

    window.ui.searchEdit.setText("zzzz-nobody")
    qtbot.waitUntil(lambda: window.model.query.search == "zzzz-nobody")
    assert window.model.total() == 0
    assert not any(action.isEnabled() for action in printing.actions)
    window.close()


# -- batches ------------------------------------------------------------------------------------
def test_sheets_of_the_selection_show_progress_then_the_preview(qtbot, shop, temp_root, visible_progress):
    rows = [0, 7, 12]
    select_rows(shop, rows)
    codes = [code_at(shop, row) for row in rows]
    printing = shop.printing
    texts: list[str] = []
    printing.batchStarted.connect(
        lambda batch: batch.task.progress.connect(lambda *_: texts.append(batch.progress_dialog.labelText()))
    )

    preview = run(qtbot, printing, printing.selection_sheets_action)

    assert texts[0] == "Preparing the client sheets… 0 / 3"
    assert texts[-1] == "Preparing the client sheets… 3 / 3"
    assert printing.batch is None and all(action.isEnabled() for action in printing.actions)
    assert isinstance(preview, PdfPreviewDialog) and preview.pdf is None
    assert preview.page_count() >= 3
    assert re.fullmatch(r"Client sheets \(3 clients, \d+ pages\)", preview.windowTitle())
    assert preview.suggested_name == "fiches-client.pdf"
    assert preview.path.parent.parent == temp_root
    text = pdf_text(preview)
    assert CODE.findall(text) == codes
    assert "Imprimée le 23/11/2026" in text  # the window's day (window.complaints.today)
    qtbot.waitUntil(lambda: not shop.findChildren(QProgressDialog))  # closed, then deleted

    preview.close()
    qtbot.waitUntil(lambda: left_in(temp_root) == [])


def test_every_client_shown_prints_exactly_the_search_result(qtbot, shop, temp_root):
    shop.ui.searchEdit.setText("leroy")
    qtbot.waitUntil(lambda: shop.model.query.search == "leroy")
    shown = shop.model.rowCount()
    assert 1 < shown < 20
    codes = [code_at(shop, row) for row in range(shown)]
    shop.ui.clientTable.clearSelection()
    printing = shop.printing

    preview = run(qtbot, printing, printing.filter_sheets_action)

    assert CODE.findall(pdf_text(preview)) == codes  # the same clients, in the table's order
    assert preview.windowTitle().startswith(f"Client sheets ({shown} clients, ")
    preview.close()


def test_cards_of_23_selected_clients_make_three_pages(qtbot, shop, temp_root):
    select_rows(shop, range(23))
    printing = shop.printing
    preview = run(qtbot, printing, printing.selection_cards_action)
    assert preview.page_count() == 3
    assert preview.windowTitle() == "Client cards (23 clients, 3 pages)"
    assert preview.suggested_name == "cartes-client.pdf"
    text = pdf_text(preview)
    assert all(code_at(shop, row) in text for row in range(23))
    preview.close()


def test_every_row_selected_is_read_by_the_worker_not_the_window(qtbot, shop, temp_root, monkeypatch):
    shop.ui.clientTable.selectAll()
    monkeypatch.setattr(shop, "selected_ids", lambda: pytest.fail("the window read every selected row"))
    preview = run(qtbot, shop.printing, shop.printing.selection_cards_action)
    assert preview.windowTitle() == f"Client cards ({DEMO_CLIENTS} clients, 44 pages)"
    qtbot.waitUntil(lambda: not shop.printing.findChildren(print_menu.Batch))  # done with, deleted
    preview.close()


def test_ctrl_p_prints_the_sheet_of_the_current_client(qtbot, shop, temp_root):
    select_rows(shop, [4])
    code = code_at(shop, 4)
    shop.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shop)
    printing = shop.printing
    with qtbot.waitSignal(printing.previewOpened, timeout=30_000) as opened:
        QTest.keyClick(shop.ui.clientTable, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = opened.args[0]
    assert preview.suggested_name == f"fiche-{code}.pdf"
    assert re.fullmatch(rf"Client sheet {code} \(\d+ pages?\)", preview.windowTitle())
    assert CODE.findall(pdf_text(preview)) == [code]
    preview.close()


def test_save_as_copies_the_batch_and_closing_removes_the_temporary_file(qtbot, shop, temp_root, tmp_path):
    select_rows(shop, [1, 2])
    preview = run(qtbot, shop.printing, shop.printing.selection_sheets_action)
    temporary = preview.path
    with qtbot.waitSignal(preview.saved):
        saved = preview.save_to(tmp_path / "mes-fiches")
    assert saved == tmp_path / "mes-fiches.pdf"
    assert saved.read_bytes() == temporary.read_bytes()
    preview.close()
    qtbot.waitUntil(lambda: not temporary.exists())
    assert left_in(temp_root) == [] and saved.exists()


def test_cancel_stops_the_batch_and_leaves_nothing(qtbot, shop, temp_root, gate, visible_progress):
    printing = shop.printing
    opened: list = []
    printing.previewOpened.connect(opened.append)
    shop.ui.clientTable.clearSelection()
    with qtbot.waitSignal(printing.batchStarted) as started:
        printing.filter_sheets_action.trigger()
    batch = started.args[0]
    dialog = batch.progress_dialog
    qtbot.waitUntil(lambda: dialog.labelText() == f"Preparing the client sheets… {GATE_AFTER} / {DEMO_CLIENTS}")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.value() == GATE_AFTER and dialog.maximum() == DEMO_CLIENTS
    # half a PDF is being written in the batch's folder; one batch at a time
    assert [p.suffix for p in batch.folder.iterdir()] == [".part"]
    assert not any(action.isEnabled() for action in printing.actions)
    assert printing.print_shown(print_menu.CARDS) is None

    with qtbot.waitSignal(batch.task.cancelled, timeout=30_000):
        cancel_button(dialog).click()
        assert dialog.labelText() == "Cancelling…"
        gate.set()
    qtbot.waitUntil(lambda: printing.batch is None)
    assert batch.outcome == "cancelled" and opened == []
    assert left_in(temp_root) == []
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]
    assert shop.ui.statusbar.currentMessage() == "Printing cancelled."
    assert printing.filter_sheets_action.isEnabled()


def test_a_big_batch_is_asked_first_and_declined_runs_nothing(qtbot, shop, temp_root, monkeypatch):
    monkeypatch.setattr(print_menu, "BIG_BATCH", 100)
    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((title, text))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    printing = shop.printing
    with qtbot.assertNotEmitted(printing.batchStarted):
        printing.filter_sheets_action.trigger()
    assert asked == [("Print", "440 client sheets will be prepared (about 440 pages). Continue?")]
    assert printing.batch is None and left_in(temp_root) == []
    assert printing.filter_sheets_action.isEnabled()


def test_a_big_batch_accepted_runs(qtbot, shop, temp_root, monkeypatch):
    monkeypatch.setattr(print_menu, "BIG_BATCH", 100)
    asked = []
    monkeypatch.setattr(
        print_menu, "confirm_big_batch", lambda parent, kind, count: asked.append((kind, count)) or True
    )
    preview = run(qtbot, shop.printing, shop.printing.filter_cards_action)
    assert asked == [(print_menu.CARDS, DEMO_CLIENTS)]
    assert preview.page_count() == 44
    preview.close()


def test_a_failure_is_told_in_french_and_leaves_nothing(qtbot, shop, temp_root, boxes, monkeypatch):
    from crmdesk.reports import prints

    def full(*_args, **_kwargs):
        raise CrmError("Le disque est plein : rien n'a été écrit.")

    monkeypatch.setattr(prints, "print_cards", full)
    select_rows(shop, [0, 1])
    printing = shop.printing
    with qtbot.waitSignal(printing.batchStarted) as started:
        printing.selection_cards_action.trigger()
    with qtbot.waitSignal(started.args[0].ended) as ended:
        pass
    assert ended.args == ["failed"]
    assert boxes == [("Print client cards", "Le disque est plein : rien n'a été écrit.")]
    assert printing.batch is None and left_in(temp_root) == []
    assert printing.selection_cards_action.isEnabled()


def test_a_full_disk_in_the_worker_is_told_in_words(qtbot, shop, temp_root, boxes, monkeypatch):
    from crmdesk.reports import prints

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(prints, "print_sheets", full)
    select_rows(shop, [0])
    with qtbot.waitSignal(shop.printing.batchStarted) as started:
        shop.printing.sheet_action.trigger()
    with qtbot.waitSignal(started.args[0].ended):
        pass
    # the reason is said in words of the interface (the catalogue's language here), never Python's English
    assert boxes == [
        ("Print client sheets", "The PDF could not be written in the temporary folder: le disque est plein.")
    ]
    assert left_in(temp_root) == []


def test_no_temporary_folder_is_told_and_runs_nothing(qtbot, shop, boxes, monkeypatch):
    def no_tmp(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(print_menu.tempfile, "mkdtemp", no_tmp)
    select_rows(shop, [0])
    with qtbot.assertNotEmitted(shop.printing.batchStarted):
        assert shop.printing.print_current() is None
    assert boxes == [
        (
            "Print client sheets",
            "The PDF could not be written in the temporary folder: le support est en lecture seule.",
        )
    ]
    assert shop.printing.sheet_action.isEnabled()


def test_closing_the_window_stops_the_batch(qtbot, shop, temp_root, gate):
    printing = shop.printing
    with qtbot.waitSignal(printing.batchStarted) as started:
        printing.filter_sheets_action.trigger()
    batch = started.args[0]
    qtbot.waitUntil(lambda: any(batch.folder.iterdir()))
    gate.set()
    shop.close()
    assert not batch.task._thread.isRunning()
    assert left_in(temp_root) == []


# -- the client sheet dialog ------------------------------------------------------------------------
def test_the_client_dialog_prints_its_client(qtbot, shop, temp_root):
    select_rows(shop, [9])
    code = code_at(shop, 9)
    dialog = shop.edit_client()
    qtbot.waitExposed(dialog)
    assert dialog.print_button.text() == "Print the sheet…" and dialog.print_button.isEnabled()
    with qtbot.waitSignal(shop.printing.previewOpened, timeout=30_000) as opened:
        dialog.print_button.click()
    preview = opened.args[0]
    assert preview.parentWidget() is dialog  # usable while the sheet (window-modal) is open
    assert preview.suggested_name == f"fiche-{code}.pdf"
    assert CODE.findall(pdf_text(preview)) == [code]
    folder = preview.temp_folder
    dialog.reject()
    qtbot.waitUntil(lambda: not folder.exists())
    assert left_in(temp_root) == []


def test_a_new_client_has_no_print_button(qtbot, shop):
    dialog = shop.new_client()
    assert not hasattr(dialog, "print_button")
    dialog.reject()


# -- French -------------------------------------------------------------------------------------------
def test_french_texts(qtbot, qsettings, french, monkeypatch):
    from crmdesk.gui.main_window import MainWindow

    french_window = MainWindow(qsettings, today=Clock())  # menu texts are translated when the window is built
    qtbot.addWidget(french_window)
    printing = french_window.printing
    assert printing.menu.title() == "&Imprimer"
    assert [a.text() for a in printing.menu.actions() if not a.isSeparator()] == [
        "&Fiche client du client en cours…",
        "Fiches client de la &sélection…",
        "Fiches client de &tous les clients affichés…",
        "&Cartes client de la sélection…",
        "Cartes client de to&us les clients affichés…",
    ]
    assert print_menu.batch_title(print_menu.SHEETS, 400, 412) == "Fiches client (400 clients, 412 pages)"
    assert print_menu.batch_title(print_menu.SHEETS, 1, 1, "SB00007") == "Fiche client SB00007 (1 page)"
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda parent, title, text, *_: asked.append(text) or QMessageBox.StandardButton.No
    )
    assert not print_menu.confirm_big_batch(None, print_menu.SHEETS, 12345)
    many = labels.number(12345)
    assert asked == [f"{many} fiches vont être préparées (environ {many} pages). Continuer\u00a0?"]
    french_window.close()
