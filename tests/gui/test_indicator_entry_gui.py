"""Indicators typed by the business: survey answers in the client sheet
(« Satisfaction » tab), web and social figures per period, sector thresholds."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from crmdesk.domain import indicators as rules
from crmdesk.gui.analysis.indicators.entry_model import PROBLEM_ROLE
from crmdesk.store.indicators import IndicatorStore
from tests.helpers.today import Clock

TODAY = dt.date.today()
FIGURES_2019_2021 = (
    ("2019", "1000", "500", "250", "80", "71"),
    ("2020", "1 700", "750", "355", "116", "80,00"),
    ("2021", "2000", "920", "310", "148", "100"),
)


def plain(text: str | None) -> str:
    """Thin and no-break spaces as plain spaces (« 5 680,00 € »)."""
    return re.sub("[\u00a0\u202f]", " ", text or "")


def days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).strftime("%d/%m/%Y")


def dupont(window) -> int:
    return window.store.conn.execute("SELECT id FROM contacts WHERE last_name LIKE 'dupont'").fetchone()[0]


@pytest.fixture
def tab(qtbot, window, qtmodeltester):
    dialog = window.edit_client(dupont(window))
    qtbot.waitExposed(dialog)
    tab = dialog.surveys_tab
    dialog.tabs.setCurrentWidget(tab)
    qtmodeltester.check(tab.model)
    return tab  # the window closes its sheet


def answer(
    qtbot, tab, indicator: str, score: str, date: str | None = None, comment: str = "", answer_id: int | None = None
):
    """Fill the answer dialog (new, or `answer_id`) and press Save; the dialog, open if refused."""
    dialog = tab.add_answer() if answer_id is None else tab.edit_answer(answer_id)
    qtbot.waitExposed(dialog)
    if date is not None:
        dialog.date_edit.setText(date)
    dialog.indicator_combo.setCurrentIndex(dialog.indicator_combo.findData(indicator))
    dialog.score_edit.setText(score)
    dialog.comment_edit.setText(comment)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog


def column(model, key: str) -> list[str]:
    number = model.COLUMNS.index(key)
    return [model.index(r, number).data() for r in range(model.rowCount())]


# -- the Satisfaction tab ----------------------------------------------------------------------
def test_the_tab_adds_edits_deletes_answers_and_the_summary_follows(qtbot, window, tab, monkeypatch):
    sheet = tab.window()
    assert sheet.tabs.tabText(sheet.tabs.indexOf(tab)) == "Satisfaction"
    assert sheet.tabs.tabText(sheet.tabs.count() - 1) == "Orders"  # still last
    assert tab.summary.text() == "No survey answer yet."
    with qtbot.waitSignal(tab.answersChanged) as changed:
        answer(qtbot, tab, "csat", "5", days_ago(30), "Très bon accueil")
    assert changed.args == [tab.contact_id]
    qtbot.waitUntil(lambda: tab.answer_dialog is None)
    answer(qtbot, tab, "csat", "4", days_ago(20))
    answer(qtbot, tab, "csat", "3", days_ago(10))
    answer(qtbot, tab, "nps", "10", days_ago(5))
    assert column(tab.model, "date") == [days_ago(5), days_ago(10), days_ago(20), days_ago(30)]  # newest first
    assert column(tab.model, "indicator") == ["NPS (0–10)", "CSAT (1–5)", "CSAT (1–5)", "CSAT (1–5)"]
    assert column(tab.model, "comment")[-1] == "Très bon accueil"

    # edit the 3 into a 2: CSAT of [5, 4, 2] = 66,7 %
    third = tab.model.answer_id(1)
    dialog = tab.edit_answer(third)
    assert dialog.score_edit.text() == "3" and dialog.date_edit.text() == days_ago(10)
    dialog.reject()
    answer(qtbot, tab, "csat", "2", answer_id=third)
    assert column(tab.model, "score") == ["10", "2", "4", "5"]
    assert tab.current_answer_id() == third
    assert plain(tab.summary.text()) == "CSAT: 66,7 % (n = 3) · NPS: +100 (n = 1) · CES: — out of 7 (n = 0)"

    # delete asks first; undone from the main window, the answer comes back
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    assert not tab.delete_answer(third) and tab.model.rowCount() == 4
    assert asked == [f"Delete the CSAT answer of {days_ago(10)} (score 2)?"]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    tab.select_answer(third)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert column(tab.model, "score") == ["10", "4", "5"]
    assert plain(tab.summary.text()).startswith("CSAT: 100,0 % (n = 2)")
    assert window.undo_stack.undoText() == f"Delete CSAT answer of {days_ago(10)}"
    with qtbot.waitSignal(tab.answersChanged):
        window.undo_stack.undo()
    assert column(tab.model, "score") == ["10", "2", "4", "5"]
    assert plain(tab.summary.text()).startswith("CSAT: 66,7 % (n = 3)")
    window.undo_stack.redo()
    assert tab.model.rowCount() == 3


def test_an_out_of_scale_score_or_a_future_date_is_refused_in_french(qtbot, tab):
    dialog = answer(qtbot, tab, "csat", "9")
    assert dialog.isVisible() and tab.model.rowCount() == 0
    assert dialog.scale_label.text() == "from 1 to 5"
    assert dialog.errors["score"].text() == "note 9 hors de l'échelle CSAT (1 à 5)"
    assert dialog.score_edit.property("invalid")
    # the same 9 is right on the NPS scale: the reason goes at once
    dialog.indicator_combo.setCurrentIndex(dialog.indicator_combo.findData("nps"))
    assert dialog.scale_label.text() == "from 0 to 10" and not dialog.errors["score"].text()
    dialog.score_edit.setText("quatre")
    dialog.score_edit.editingFinished.emit()
    assert dialog.errors["score"].text().startswith("note non entière")
    dialog.score_edit.setText("9")
    tomorrow = (TODAY + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    dialog.date_edit.setText(tomorrow)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.errors["date"].text() == f"date dans le futur « {tomorrow} »"
    assert tab.model.rowCount() == 0 and IndicatorStore(tab.store.database).answers_of(tab.contact_id) == []
    dialog.date_edit.setText(days_ago(1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: tab.answer_dialog is None)
    assert column(tab.model, "score") == ["9"]


def test_outside_the_main_window_answers_go_on_the_sessions_own_stack(qtbot, window, qtmodeltester):
    from crmdesk.gui.complaints.surveys_tab import AnswerDialog, SurveysTab
    from crmdesk.gui.session import Session

    contact = dupont(window)
    session = Session(window.database)  # no sheet, no main window: a stack of its own
    tab = SurveysTab(session, contact)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    assert tab.actions.stack is session.undo_stack
    with qtbot.waitSignal(tab.answersChanged):
        answer(qtbot, tab, "ces", "2", days_ago(3))
    store = IndicatorStore(window.database)
    [stored] = store.answers_of(contact)
    assert (stored["indicator"], stored["score"]) == ("ces", 2)
    assert plain(tab.summary.text()).endswith("CES: 2,0 out of 7 (n = 1)")
    dialog = AnswerDialog(
        session,
        contact,
        stored["id"],  # an update through the command, not a new answer
        save=lambda answer: tab.actions.edit(stored["id"], answer) or stored["id"],
    )
    qtbot.addWidget(dialog)
    dialog.score_edit.setText("6")
    assert dialog.submit()
    assert [(a["id"], a["score"]) for a in store.answers_of(contact)] == [(stored["id"], 6)]
    assert session.undo_stack.count() == 2 and window.undo_stack.count() == 0
    session.undo_stack.undo()
    assert [(a["id"], a["score"]) for a in store.answers_of(contact)] == [(stored["id"], 2)]


# -- digital indicators ----------------------------------------------------------------------
def type_rows(model, rows) -> None:
    for values in rows:
        row = model.add_row()
        for key, text in zip(model.keys, values):
            assert model.setData(model.index(row, model.keys.index(key)), text)


def derived(model, header: str) -> list[str]:
    number = model._headers.index(header)
    return [plain(model.index(r, number).data()) for r in range(model.rowCount())]


@pytest.fixture
def digital(qtbot, window, qtmodeltester):
    dialog = window.analysis.show_digital()
    qtbot.waitExposed(dialog)
    for model in (dialog.web_model, dialog.web_derived, dialog.social_model, dialog.social_derived):
        qtmodeltester.check(model)
    return dialog


def test_the_digital_dialog_reproduces_the_worked_digital_figures(qtbot, window, digital):
    assert window.analysis.show_digital() is digital  # one at a time
    type_rows(digital.web_model, FIGURES_2019_2021)
    web = digital.web_derived
    assert derived(web, "Period") == ["2019", "2020", "2021", "2021 / 2019"]
    assert derived(web, "Product-view rate")[0] == "50,0 %"
    assert derived(web, "Transformation")[:3] == ["50,0 %", "47,3 %", "33,7 %"]  # 50, 47, 34 %
    assert derived(web, "Conversion")[:3] == ["8,0 %", "6,8 %", "7,4 %"]
    assert derived(web, "Lost carts")[:3] == ["170", "239", "162"]
    assert derived(web, "Abandonment")[:3] == ["68,0 %", "67,3 %", "52,3 %"]
    assert derived(web, "Revenue")[:3] == ["5 680,00 €", "9 280,00 €", "14 800,00 €"]
    assert derived(web, "Visitors y/y") == ["—", "+70,0 %", "+17,6 %", "+100,0 %"]  # +70, +18; +100 %
    assert plain(digital.web_model.index(1, 1).data()) == "1 700"
    assert plain(digital.web_model.index(0, 5).data()) == "71,00 €"

    digital.tabs.setCurrentWidget(digital.social_panel)
    type_rows(
        digital.social_model,
        (
            ("2021", "facebook", "4 560", "34", "20", "11", "5000", "40"),
            ("2021", "Twitter", "1420", "5", "4", "2", "2500", "10"),
        ),
    )
    social = digital.social_derived
    assert derived(social, "Network") == ["Facebook", "Twitter"]
    assert derived(social, "Engaged") == ["65", "11"]
    assert derived(social, "Engagement rate") == ["1,43 %", "0,77 %"]
    assert derived(social, "Reach vs objective") == ["91,2 %", "56,8 %"]
    assert derived(social, "Likes vs objective") == ["85,0 %", "50,0 %"]

    with qtbot.waitSignal(digital.saved):
        digital.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: window.analysis.digital_dialog is None)
    store = IndicatorStore(window.database)
    assert [r.period for r in store.web_rows()] == ["2019", "2020", "2021"]
    assert store.web_rows()[1].average_basket_cents == 8000
    assert store.social_indicators()[0].engagement_rate == pytest.approx(65 / 4560 * 100)

    # reopened: the figures are there; a period taken out of the table is deleted on save
    again = window.analysis.show_digital()
    assert again is not digital and again.web_model.rowCount() == 3
    assert again.web_model.index(0, 1).data(Qt.ItemDataRole.EditRole) == "1000"
    again.web_panel.delete_row(0)
    again.submit()
    assert [r.period for r in store.web_rows()] == ["2020", "2021"]
    assert len(store.social_rows()) == 2


def test_a_bad_period_shows_its_message_frames_the_cell_and_nothing_is_saved(qtbot, window, digital):
    type_rows(digital.web_model, FIGURES_2019_2021[:1] + (("20199", "10", "5", "2", "1", "12,50"),))
    bad = digital.web_model.index(1, 0)
    reason = "période illisible « 20199 » : écrivez 2026 (année), 2026-03 (mois) ou 2026-T1 (trimestre)"
    assert bad.data(PROBLEM_ROLE) == reason and bad.data(Qt.ItemDataRole.ToolTipRole) == reason
    error = digital.web_panel.error
    assert error.isVisible() and error.text() == f"Line 2, Period: {reason}"
    assert derived(digital.web_derived, "Period") == ["2019"]  # the right row still shows its rates
    # a row just added is not shouted at, until a save is refused
    digital.tabs.setCurrentWidget(digital.social_panel)
    row = digital.social_model.add_row()
    digital.social_model.set_cell(row, "period", "2021")
    assert digital.social_model.index(row, 1).data(PROBLEM_ROLE) is None
    digital.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert digital.isVisible() and digital.tabs.currentWidget() is digital.web_panel
    assert digital.summary.text() == "Nothing was saved: correct the cells framed in red."
    assert digital.social_model.index(row, 1).data(PROBLEM_ROLE) == "réseau manquant"
    store = IndicatorStore(window.database)
    assert store.web_rows() == [] and store.social_rows() == []
    # the same period twice is refused too; correcting it lets the save through
    digital.web_model.set_cell(1, "period", "2019")
    assert bad.data(PROBLEM_ROLE) == "this period is already on line 1"
    digital.web_model.set_cell(1, "period", "2026-T1")
    digital.social_panel.delete_row(row)
    assert digital.submit()
    assert [r.period for r in store.web_rows()] == ["2019", "2026-T1"]


# -- thresholds --------------------------------------------------------------------------------
def test_thresholds_are_checked_saved_in_one_go_and_reset(qtbot, window):
    dialog = window.analysis.show_thresholds()
    qtbot.waitExposed(dialog)
    assert window.analysis.show_thresholds() is dialog
    store = IndicatorStore(window.database)
    editors = dialog.editors
    assert {k: editors[k].text() for k in ("csat", "nps", "ces", "engagement", "conversion")} == {
        "csat": "80",
        "nps": "30",
        "ces": "3",
        "engagement": "1",
        "conversion": "3",
    }
    editors["csat"].setText("85,5")
    editors["nps"].setText("150")
    editors["engagement.facebook"].setText("")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.errors["nps"].text() == "150 hors des bornes (−100 à 100)"
    assert editors["nps"].property("invalid") and dialog.isVisible()
    assert store.thresholds() == rules.DEFAULT_THRESHOLDS  # nothing written
    editors["nps"].setText("40")
    assert not dialog.errors["nps"].text()  # rechecked as typed
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = store.thresholds()
    assert (saved["csat"], saved["nps"], saved["ces"], saved["engagement.facebook"]) == (85.5, 40.0, 3.0, None)

    qtbot.waitUntil(lambda: window.analysis.thresholds_dialog is None)
    dialog = window.analysis.show_thresholds()
    assert dialog.editors["csat"].text() == "85,5" and dialog.editors["engagement.facebook"].text() == ""
    dialog.reset_button.click()
    assert dialog.editors["csat"].text() == "80" and dialog.editors["engagement.facebook"].text() == "1"
    assert store.thresholds()["csat"] == 85.5  # only on Save
    dialog.submit()
    assert store.thresholds() == rules.DEFAULT_THRESHOLDS


def test_a_network_of_the_file_gets_its_own_engagement_threshold(qtbot, window):
    IndicatorStore(window.database).set_social(rules.SocialRow("2021", "Instagram", 1000, 30, 5, 1))
    dialog = window.analysis.show_thresholds()
    editor = dialog.editors["engagement.instagram"]
    assert editor.text() == "" and editor.placeholderText() == "general"
    editor.setText("2")
    assert dialog.submit()
    store = IndicatorStore(window.database)
    assert rules.engagement_threshold(store.thresholds(), "Instagram") == 2.0
    dialog = window.analysis.show_thresholds()
    dialog.editors["engagement.instagram"].setText("")  # back to the « any network » threshold
    assert dialog.submit()
    assert "engagement.instagram" not in store.thresholds()


def test_the_indicator_dialogs_work_only_while_a_file_is_open(qtbot, window, qsettings, tmp_path):
    from crmdesk.gui.main_window import MainWindow
    from tests.gui.conftest import make_client_file

    parts = window.analysis
    assert [a.objectName() for a in parts.menu.actions()][-2:] == [
        "actionDigitalIndicators",
        "actionIndicatorThresholds",
    ]
    assert parts.digital_action.isEnabled() and parts.thresholds_action.isEnabled()
    digital, thresholds = window.analysis.show_digital(), window.analysis.show_thresholds()
    assert not digital.isModal() and not thresholds.isModal()
    assert window.open_file(make_client_file(tmp_path / "other.sqlite"))  # another file: they go
    qtbot.waitUntil(lambda: parts.digital_dialog is None and parts.thresholds_dialog is None)

    empty = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(empty)
    empty.analysis.menu.aboutToShow.emit()
    assert not empty.analysis.digital_action.isEnabled() and not empty.analysis.thresholds_action.isEnabled()
    assert empty.analysis.show_digital() is None and empty.analysis.show_thresholds() is None
