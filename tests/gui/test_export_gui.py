"""Fichier › Exporter… and Fichier › Liste de diffusion… (issue 7): the
dialogs write their file in a worker thread, with progress and cancel; the
mailing dialog says who was left out and why."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from crmdesk.gui.exporting import export_dialog
from crmdesk.gui.exporting.menu import ExportingFeature
from crmdesk.io.csvfile import CsvSource
from crmdesk.store import exports, mailing
from tests.gui.conftest import make_client_file
from tests.gui.test_print_gui import code_at, select_rows
from tests.helpers.today import Clock

CONSENT = {"consent_email": True, "consent_email_date": "2024-03-01", "consent_email_source": "Salon"}
PEOPLE = (
    {"code": "M1", "last_name": "Accord", "email": "accord@exemple.fr", **CONSENT},
    {"code": "M2", "last_name": "Bof", "email": "bof@exemple.fr"},
    {"code": "M3", "last_name": "Contre", "email": "contre@exemple.fr", "opposition": True, **CONSENT},
    {"code": "M4", "last_name": "Disparu", "email": "disparu@exemple.fr", **CONSENT},
    {"code": "M5", "last_name": "Ecrit", "address": "1 rue Haute", "postal_code": "57000", "city": "Metz", **CONSENT},
)


@pytest.fixture
def save_as(monkeypatch):
    """QFileDialog.getSaveFileName answers the path the test sets (and remembers what it was asked)."""
    answer = {"path": "", "asked": []}

    def ask(parent, title, start, filters):
        answer["asked"].append((title, start, filters))
        return str(answer["path"]), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return answer


@pytest.fixture
def exporting(window):
    return window.exporting


def _codes(path):
    with CsvSource(path) as source:
        return [row.cells[0] for row in source.rows()]


def test_the_file_menu_gets_both_actions(window, exporting):
    actions = window.ui.menuFile.actions()
    quit_at = actions.index(window.ui.actionQuit)
    assert actions[quit_at - 4 : quit_at] == [
        exporting.export_action,
        exporting.mailing_action,
        exporting.pivot_action,
        actions[quit_at - 1],
    ]
    assert actions[quit_at - 1].isSeparator()
    assert exporting.export_action.isEnabled() and exporting.mailing_action.isEnabled()
    assert [f for f in window.features if isinstance(f, ExportingFeature)] == [exporting]  # once


def test_nothing_without_a_file(qtbot, qsettings):
    from crmdesk.gui.main_window import MainWindow

    empty = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(empty)
    parts = empty.exporting
    assert not parts.export_action.isEnabled() and not parts.mailing_action.isEnabled()
    assert empty.exporting.show_export() is None and empty.exporting.show_mailing() is None


def test_export_of_the_selection_writes_the_file(qtbot, window, exporting, save_as, tmp_path):
    select_rows(window, [0, 2])
    wanted = [code_at(window, 0), code_at(window, 2)]
    exporting.export_action.trigger()
    dialog = exporting.export_dialog
    assert isinstance(dialog, export_dialog.ExportDialog) and dialog.isModal()
    assert dialog.radios["selection"].isChecked() and "(2 clients)" in dialog.radios["selection"].text()
    assert "(3 clients)" in dialog.radios["shown"].text()
    save_as["path"] = tmp_path / "selection"  # no extension: .csv is added
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [2]
    assert save_as["asked"][0][1].endswith("clients-selection.csv")
    assert _codes(tmp_path / "selection.csv") == wanted
    assert window.ui.statusbar.currentMessage() == "2 clients exported to selection.csv."
    qtbot.waitUntil(lambda: exporting.export_dialog is None)  # closed and forgotten


def test_export_of_every_client_shown_as_vcard(qtbot, window, exporting, tmp_path):
    window.ui.searchEdit.setText("hele")
    window.apply_filters()
    assert window.model.total() == 2
    dialog = window.exporting.show_export()
    assert not dialog.radios["selection"].isEnabled() and dialog.radios["shown"].isChecked()
    assert dialog.radios["selection"].text() == "The &selection (no client)"
    dialog.set_format("vcard", "4.0")
    assert dialog.suggested_name() == "clients.vcf"
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_to(tmp_path / "carnet.vcf")
    text = (tmp_path / "carnet.vcf").read_bytes().decode("utf-8")
    assert text.count("VERSION:4.0\r\n") == 2 and "FN:Hélène DUPONT" in text and "FN:Helene MARTIN" in text


def test_export_of_a_status_and_of_a_segment(qtbot, window, exporting, tmp_path):
    with window.database.atomic():
        window.database.conn.execute(
            "UPDATE contacts SET status = 'premium', rfm_segment = 'perdus' WHERE last_name = 'DURAND'"
        )
    dialog = window.exporting.show_export()
    dialog.set_choice("status", "premium")
    dialog.set_format("xlsx")
    assert dialog.suggested_name() == "clients-premium.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export_to(tmp_path / "premium.xlsx")
    assert blocker.args == [1]
    dialog = window.exporting.show_export()
    dialog.set_choice("segment", "perdus")
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export_to(tmp_path / "perdus.csv")
    assert _codes(tmp_path / "perdus.csv") == [
        window.store.get(i)["code"] for i in window.store.ids(window.model.query.with_(rfm_segment="perdus"))
    ]


def test_an_export_stopped_midway_leaves_no_file(qtbot, window, exporting, monkeypatch, tmp_path):
    reached, go_on = threading.Event(), threading.Event()
    original = exports.clients_by_ids

    def gated(database, ids, chunk=exports.CHUNK):
        for number, row in enumerate(original(database, ids, chunk)):
            if number == 1:
                reached.set()
                go_on.wait(10)
            yield row

    monkeypatch.setattr(exports, "clients_by_ids", gated)
    dialog = window.exporting.show_export()
    task = dialog.export_to(tmp_path / "clients.csv")
    qtbot.waitUntil(reached.is_set)
    assert not dialog.export_button.isEnabled() and dialog.progress.isVisible()
    assert dialog.cancel_button.text() == "&Stop"
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # stops, does not close
        go_on.set()
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert dialog.message.text() == "Export stopped: no file was written."
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_a_failed_export_says_why(qtbot, window, exporting, boxes, tmp_path):
    dialog = window.exporting.show_export()
    task = dialog.export_to(tmp_path / "absent" / "x.csv")
    with qtbot.waitSignal(task.failed, timeout=10_000):
        pass  # the outcome reaches the window through its event loop: not before this wait
    assert boxes and "n'existe pas" in boxes[-1][1]
    assert dialog.isVisible() and dialog.export_button.isEnabled()


@pytest.fixture
def mailing_window(qtbot, qsettings, tmp_path):
    from crmdesk.gui.main_window import MainWindow

    path = make_client_file(tmp_path / "diffusion.sqlite", PEOPLE)
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    assert win.open_file(path)
    with win.database.atomic():
        mailing.suppress(win.database, "email", "DISPARU@exemple.fr")
    win.show()
    yield win
    win.close()


def test_the_mailing_dialog_shows_who_was_left_out(qtbot, mailing_window, save_as, tmp_path):
    mailing_window.exporting.mailing_action.trigger()
    dialog = mailing_window.exporting.mailing_dialog
    assert isinstance(dialog, export_dialog.MailingDialog) and not dialog.isModal()
    dialog.set_channel("post")
    assert "needs no consent" in dialog.rule.text()
    dialog.set_channel("email")
    assert "consented to email" in dialog.rule.text() and not dialog.summary_box.isVisible()
    save_as["path"] = tmp_path / "emailing.csv"
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    counts = blocker.args[0]
    assert (counts.written, counts.excluded) == (
        1,
        {"no_consent": 1, "opposition": 1, "suppressed": 1, "no_address": 1},
    )
    assert _codes(tmp_path / "emailing.csv") == ["M1"]
    assert dialog.summary_box.isVisible()
    assert dialog.summary.text() == (
        "1 contact written to emailing.csv.\n4 contacts left out:\n"
        "  • 1 without email consent\n  • 1 in opposition\n"
        "  • 1 on the suppression list\n  • 1 without an email address"
    )
    assert dialog.cancel_button.text() == "&Close" and dialog.isVisible()
    assert mailing_window.ui.statusbar.currentMessage() == "1 contact written to emailing.csv."


def test_the_mailing_dialog_post_list_as_excel(qtbot, mailing_window, tmp_path):
    dialog = mailing_window.exporting.show_mailing()
    dialog.set_channel("post")
    dialog.set_format("xlsx")
    assert dialog.suggested_name() == "diffusion-post.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export_to(tmp_path / "courrier.xlsx")
    assert blocker.args[0].written == 1
    assert "1 contact written to courrier.xlsx." in dialog.summary.text()
    assert "4 contacts left out" in dialog.summary.text() and "without a postal address" in dialog.summary.text()
    assert mailing_window.exporting.show_mailing() is dialog  # one at a time


def test_every_row_selected_is_read_by_the_export_not_by_the_window(window, exporting):
    window.ui.clientTable.selectAll()
    assert export_dialog.selection_of(window) == (None, 3)
    dialog = window.exporting.show_export()
    assert "(3 clients)" in dialog.radios["selection"].text()
    assert dialog.target() == (None, window.model.query)  # the worker reads the ids, in the table's order
    dialog.reject()
