"""The answers to a complaint from its detail: the mediator's warning above the
letter, the closure letter and the satisfaction survey once closed, the
client's answer filed under the complaint and « re-satisfied » following it."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from crmdesk.gui.complaints.surveys_tab import AnswerTableModel
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.indicators import IndicatorStore
from crmdesk.store.settings import SettingsStore
from tests.helpers.today import Clock

DEMO_DAY = dt.date(2026, 11, 23)
HELENE = "REC-2026-0002"  # Hélène Dubois, a consumer: her answers name the mediator


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub("[\u00a0\u202f]", " ", text or ""))


@pytest.fixture
def queue(qtbot, qsettings, tmp_path, sweetybio_template):
    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    win.clock.day = DEMO_DAY
    assert win.open_file(path)
    win.show()
    qtbot.waitExposed(win)
    dialog = win.complaints.show_queue()
    dialog.filter_combo.setCurrentIndex(1)  # all complaints: a closed one stays listed
    store = ComplaintStore(win.database)
    assert dialog.select(store.id_of_ref(HELENE))
    yield win, dialog, store
    win.close()


def open_letter(qtbot, detail, button):
    with qtbot.waitSignal(detail.previewOpened) as opened:
        button.click()
    preview = opened.args[0]
    qtbot.waitExposed(preview)
    return preview


def pdf_text(preview) -> str:
    return plain("".join(page.extract_text() for page in PdfReader(io.BytesIO(preview.pdf)).pages))


def close(store, complaint_id):
    store.advance(
        complaint_id,
        "closure",
        {
            "answer": "La crème Aloe Vera ne contient ni parfum ni huile essentielle.",
            "compensation_kind": "none",
            "cost_cents": 0,
            "resatisfied": False,
        },
        at=dt.datetime(2026, 11, 23, 11, 0),
    )


def test_without_a_mediator_the_letter_says_so_above_the_page(qtbot, queue):
    window, dialog, _store = queue
    detail = dialog.detail
    assert not detail.closure_button.isEnabled() and not detail.survey_button.isEnabled()
    assert not detail.answer_button.isEnabled()
    preview = open_letter(qtbot, detail, detail.letter_button)
    banner = preview.findChild(QLabel, "letterWarning")
    assert banner is not None and banner.isVisible()
    assert "Aucun médiateur de la consommation" in banner.text() and "L612-1" in banner.text()
    assert "médiateur" not in pdf_text(preview)
    preview.close()

    SettingsStore(window.database).set_business(
        {
            "name": "Sweety Bio",
            "city": "Lyon",
            "email": "contact@sweetybio.example.com",
            "mediator_name": "Médiation Conso Exemple",
            "mediator_address": "12 rue des Lilas\n75008 Paris",
            "mediator_website": "https://www.mediation-conso.example.org",
        }
    )
    preview = open_letter(qtbot, detail, detail.letter_button)
    assert preview.findChild(QLabel, "letterWarning") is None
    assert (
        "Médiation Conso Exemple, 12 rue des Lilas, 75008 Paris — https://www.mediation-conso.example.org"
        in pdf_text(preview)
    )
    preview.close()


def test_once_closed_the_closure_letter_and_the_survey_are_printed_and_noted(qtbot, queue, tmp_path, monkeypatch):
    _window, dialog, store = queue
    detail = dialog.detail
    complaint_id = detail.complaint_id
    close(store, complaint_id)
    dialog.refresh(complaint_id)
    assert detail.closure_button.isEnabled() and detail.survey_button.isEnabled()

    preview = open_letter(qtbot, detail, detail.closure_button)
    assert preview.windowTitle() == f"Closure letter {HELENE}"
    assert preview.suggested_name == f"reponse-reclamation-{HELENE}.pdf"
    assert "La crème Aloe Vera ne contient ni parfum ni huile essentielle." in pdf_text(preview)
    assert "Aucun médiateur" in preview.findChild(QLabel, "letterWarning").text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "reponse"), ""))
    with qtbot.waitSignal(dialog.changed):
        preview.save_button.click()
    assert (tmp_path / "reponse.pdf").read_bytes() == preview.pdf
    last = detail.timeline.event_texts("closure")[-1]
    assert last[1] == "Letter sent" and "Closure letter" in last[2] and "reponse.pdf" in last[2]
    preview.close()

    preview = open_letter(qtbot, detail, detail.survey_button)
    assert preview.windowTitle() == f"Satisfaction survey {HELENE}"
    text = pdf_text(preview)
    assert f"Coupon-réponse — réclamation {HELENE}" in text and "Scannez ce code" in text
    assert preview.findChild(QLabel, "letterWarning") is None  # the demo has an e-mail: a QR code
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "enquete"), ""))
    with qtbot.waitSignal(dialog.changed):
        preview.save_button.click()
    assert "Satisfaction survey" in detail.timeline.event_texts("closure")[-1][2]
    preview.close()


def test_the_clients_answer_is_filed_under_the_complaint_and_changes_re_satisfied(qtbot, queue, qtmodeltester):
    window, dialog, store = queue
    detail = dialog.detail
    complaint_id = detail.complaint_id
    close(store, complaint_id)
    dialog.refresh(complaint_id)
    assert detail.fields["satisfied"].text() == "no — judged at closure"
    dashboard = window.complaints.show_dashboard()

    def idle():
        return dashboard.figures is not None and not dashboard.task.is_running() and not dashboard._again

    qtbot.waitUntil(idle)
    dashboard.set_period("month", DEMO_DAY)
    qtbot.waitUntil(idle)
    assert dashboard.figures["resatisfied"] == 0.0 and plain(dashboard.values["resatisfied"].text()) == "0,0 %"

    with qtbot.waitSignal(detail.answerDialogOpened) as opened:
        detail.answer_button.click()
    answer = opened.args[0]
    assert answer.complaint_combo.currentData() == complaint_id
    answer.date_edit.setText("23/11/2026")
    answer.indicator_combo.setCurrentIndex(answer.indicator_combo.findData("csat"))
    answer.score_edit.setText("5")
    with qtbot.waitSignal(dashboard.computed):
        assert answer.submit()
    qtbot.waitUntil(idle)
    assert dashboard.figures["resatisfied"] == 100.0 and plain(dashboard.values["resatisfied"].text()) == "100,0 %"
    assert dashboard.figures["resatisfied_by_survey"] == 1
    assert detail.fields["satisfied"].text() == "yes — client's survey: CSAT 5 (23/11/2026)"

    contact_id = detail.complaint["contact_id"]
    model = AnswerTableModel(IndicatorStore(window.database), contact_id)
    qtmodeltester.check(model)
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Complaint"
    assert [model.index(r, 4).data() for r in range(model.rowCount()) if model.index(r, 4).data()] == [HELENE]
    dashboard.close()


def test_once_closed_the_survey_goes_by_email_and_is_noted(qtbot, queue):
    from crmdesk.store import mail_settings
    from tests.helpers.smtp_server import LoopbackSmtp

    window, dialog, store = queue
    detail = dialog.detail
    complaint_id = detail.complaint_id
    assert not detail.survey_email_button.isEnabled()
    close(store, complaint_id)
    dialog.refresh(complaint_id)
    assert detail.survey_email_button.isEnabled()
    with LoopbackSmtp() as server:
        mail_settings.save(
            window.database,
            {
                "mail.smtp_host": "127.0.0.1",
                "mail.smtp_port": server.port,
                "mail.smtp_security": "none",
                "mail.per_minute": 600,
                "mail.sender_address": "contact@sweetybio.fr",
            },
        )
        detail.survey_email_button.click()
        email = window.outreach.email_dialog
        assert email.windowTitle() == f"Satisfaction survey {HELENE} by e-mail"
        qtbot.waitUntil(lambda: email.plan is not None and not email.task.is_running(), timeout=15000)
        assert email.summary.text() == "1 destinataire ; personne n'est écarté."
        assert not email.template_combo.isVisible()  # the invitation's own text
        assert "Trois questions suffisent" in email.message_view.toPlainText()
        with qtbot.waitSignal(email.jobStarted) as started:
            email.prepare_button.click()
        with qtbot.waitSignal(dialog.changed, timeout=15000):
            pass
    assert started.args[0].outcome == "finished"
    [message] = server.messages
    assert str(message["Subject"]) == f"Votre avis sur le traitement de votre réclamation n°\u00a0{HELENE}"
    assert f"(référence {HELENE})" in message.get_body(("plain",)).get_content()
    assert "Satisfaction survey" in detail.timeline.event_texts("closure")[-1][2]
    email.close()
