"""Courrier › E-mails…, the e-mail account, the client sheet's « Write an
e-mail… », resuming a batch from the mailing history, the complaint's survey
by e-mail — on Sweety Bio, with a real SMTP server on the loopback."""

from __future__ import annotations

import datetime as dt
import email
import shutil
from email import policy

import keyring
import pytest

from crmdesk.gui.outreach import email_dialog, history, smtp_settings
from crmdesk.gui.outreach.email_dialog import EML, MAILTO, SMTP, BatchReportModel
from crmdesk.store import mail_batches, mail_settings
from tests.helpers.keyrings import MemoryKeyring
from tests.helpers.smtp_server import LoopbackSmtp
from tests.helpers.today import Clock

DEMO_DAY = dt.date(2026, 11, 23)
AT_RISK = 27  # « à risque » clients who consented to e-mails


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


def at_risk_dialog(qtbot, shop):
    shop.outreach.email_action.trigger()
    dialog = shop.outreach.email_dialog
    qtbot.waitExposed(dialog)
    planned(qtbot, dialog)
    dialog.recipients.set_choice("segment", "a_risque")
    planned(qtbot, dialog)
    assert dialog.set_template("Relance des clients à risque")
    return dialog


def run(qtbot, dialog, timeout=30000):
    with qtbot.waitSignal(dialog.jobStarted, timeout=5000) as started:
        dialog.prepare_button.click()
    job = started.args[0]
    with qtbot.waitSignal(dialog.jobEnded, timeout=timeout):
        pass
    return job


def point_at(shop, server, **changes):
    values = {
        "mail.smtp_host": "127.0.0.1",
        "mail.smtp_port": server.port,
        "mail.smtp_security": "none",
        "mail.sender_address": "contact@sweetybio.fr",
        "mail.per_minute": 600,
        **changes,
    }
    mail_settings.save(shop.database, values)


def test_the_segment_as_eml_files_with_who_is_left_out_the_preview_and_the_report(
    qtbot, qtmodeltester, shop, tmp_path, monkeypatch
):
    dialog = at_risk_dialog(qtbot, shop)
    assert dialog.summary.text() == (
        "27 destinataires ; 12 écartés : 3 sans adresse e-mail, 9 sans consentement e-mail."
    )
    assert not dialog.recipients.sort_postal.isVisible() and not dialog.report_button.isVisible()
    preview = dialog.message_view.toPlainText()
    assert "Subject:\nVous nous manquez !" in preview and "To:\nCécile MORIN <contact@bistrot-des-pentes" in preview
    assert "Désinscription" in preview and "{" not in preview
    assert dialog.position_label.text() == "Recipient 1 / 27"
    assert dialog.way() == EML and not dialog.prepare_button.isEnabled()  # no folder yet
    assert not dialog.way_radios[MAILTO].isEnabled()  # one recipient only
    folder = tmp_path / "relance"
    monkeypatch.setattr(email_dialog, "choose_folder", lambda parent: str(folder))
    assert dialog.ask_folder() and dialog.prepare_button.text() == "&Write the e-mails"
    job = run(qtbot, dialog)
    assert job.outcome == "finished" and job.report.sent == AT_RISK
    assert len(list(folder.glob("*.eml"))) == AT_RISK
    assert dialog.report.text().startswith("27 e-mails écrits.")
    assert (
        shop.database.scalar(
            "SELECT count(*) FROM interactions WHERE outreach_batch = ? AND channel = 'email'", (job.batch_id,)
        )
        == AT_RISK
    )
    assert dialog.report_button.isVisible()
    report = dialog.show_report()
    qtmodeltester.check(report.model)
    assert (
        report.model.rowCount() == AT_RISK and report.summary.text() == "27 written or sent, 0 refused, 0 left to send."
    )


def test_sending_through_the_account_cancel_then_resume_from_the_history(qtbot, shop, monkeypatch):
    with LoopbackSmtp(refuse={"contact@spa-des-alpes.example.com"}) as server:
        point_at(shop, server, **{"mail.per_minute": 120})  # half a second apart: time to cancel
        dialog = at_risk_dialog(qtbot, shop)
        assert (
            dialog.way() == SMTP and dialog.account_label.text() == f"127.0.0.1:{server.port} (aucune (réseau local))"
        )
        with qtbot.waitSignal(dialog.jobStarted, timeout=5000) as started:
            dialog.prepare_button.click()
        job = started.args[0]
        qtbot.waitUntil(lambda: len(server.messages) >= 3, timeout=15000)
        with qtbot.waitSignal(dialog.jobEnded, timeout=15000):
            job.cancel()
        assert job.outcome == "cancelled"
        counts = mail_batches.state_counts(shop.database, job.batch_id)
        assert counts["done"] == len(server.messages) and counts["pending"] > 0
        assert "left." in dialog.report.text() and "Resume sending…" in dialog.report.text()
        dialog.close()

        shop.outreach.history_action.trigger()
        history_dialog = shop.outreach.history_dialog
        history_dialog.select(job.batch_id)
        assert history_dialog.resume_button.isEnabled() and history_dialog.report_button.isEnabled()
        mail_settings.save(shop.database, {"mail.per_minute": 600})
        history_dialog.resume_button.click()
        resumed = shop.outreach.email_dialog
        planned(qtbot, resumed)
        assert resumed.recipients.radios["given"].text() == (
            f"The {counts['pending']} recipients left of mailing no. {job.batch_id}"
        )
        assert not resumed.template_combo.isEnabled()
        second = run(qtbot, resumed)
    assert second.outcome == "finished" and second.batch_id == job.batch_id
    received = server.recipients()
    assert len(received) == len(set(received))  # none twice
    assert mail_batches.state_counts(shop.database, job.batch_id)["pending"] == 0
    history_dialog.refresh()
    assert not history_dialog.resume_button.isEnabled()


def test_a_refused_recipient_is_in_the_report(qtbot, shop):
    refused = shop.database.scalar(
        "SELECT email FROM contacts WHERE rfm_segment = 'a_risque' AND consent_email = 1 "
        "AND email != '' ORDER BY code LIMIT 1"
    )
    with LoopbackSmtp(refuse={refused}) as server:
        point_at(shop, server)
        dialog = at_risk_dialog(qtbot, shop)
        job = run(qtbot, dialog)
    assert job.report.summary() == "26 e-mails envoyés ; 1 refusé (voir le compte rendu)."
    model = BatchReportModel(shop.database, job.batch_id)
    assert [model.index(0, c).data() for c in (2, 3, 4)] == [refused, "Refused", "550 5.1.1 Destinataire inconnu"]


def test_the_client_sheet_writes_an_email_in_the_mail_program(qtbot, shop, monkeypatch):
    opened = []
    monkeypatch.setattr(email_dialog, "open_mail_program", lambda url: opened.append(url) or True)
    shop.ui.searchEdit.setText("SB00001")
    shop.apply_filters()
    shop.ui.clientTable.selectRow(0)
    sheet = shop.edit_client()
    qtbot.waitExposed(sheet)
    sheet.email_button.click()
    dialog = shop.outreach.email_dialog
    planned(qtbot, dialog)
    assert dialog.recipients.radios["given"].text().startswith("This client: SB00001")
    assert dialog.way_radios[MAILTO].isEnabled()
    dialog.set_way(MAILTO)
    assert dialog.set_template("Joyeux anniversaire")
    with qtbot.waitSignal(dialog.sent) as sent:
        dialog.prepare_button.click()
    assert opened and opened[0].startswith(
        "mailto:contact@parapharmacie-vaise.example.com?subject=Joyeux%20anniversaire"
    )
    batch_id = sent.args[0]
    assert shop.database.scalar("SELECT count(*) FROM interactions WHERE outreach_batch = ?", (batch_id,)) == 1
    sheet.done(0)


def test_the_account_settings_keep_the_password_in_the_keyring_and_test_the_connection(qtbot, shop):
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        shop.outreach.smtp_action.trigger()
        dialog = shop.outreach.smtp_dialog
        dialog.host_edit.setText("smtp.sweetybio.fr")
        dialog.login_edit.setText("assistante@sweetybio.fr")
        dialog.password_edit.setText("secret")
        saved = dialog.save()
        assert saved.security == "starttls" and saved.port == 587
        assert memory.items == {("crmdesk-smtp", "assistante@sweetybio.fr@smtp.sweetybio.fr:587"): "secret"}
        assert "secret" not in str(shop.database.query("SELECT value FROM settings"))
        assert dialog.keyring_label.text().startswith("A password is kept in the system's keyring")
        with LoopbackSmtp() as server:
            dialog.host_edit.setText("127.0.0.1")
            dialog.security_combo.setCurrentIndex(dialog.security_combo.findData("none"))
            dialog.port_spin.setValue(server.port)
            dialog.login_edit.clear()
            with qtbot.waitSignal(dialog.test_connection().done, timeout=10000):
                pass
        assert dialog.result_label.text() == f"Connexion réussie à 127.0.0.1:{server.port} (aucune (réseau local))."
        dialog.close()
    finally:
        keyring.set_keyring(before)


def test_without_a_keyring_the_password_is_asked_for_the_session(qtbot, shop, monkeypatch):
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    asked = []
    monkeypatch.setattr(smtp_settings, "ask_password", lambda parent, settings, why: asked.append(why) or "pw")
    try:
        settings = mail_settings.save(shop.database, {"mail.smtp_host": "smtp.sweetybio.fr", "mail.smtp_login": "moi"})
        assert smtp_settings.password_for(shop, settings, shop) == "pw"
        assert smtp_settings.password_for(shop, settings, shop) == "pw"  # the session keeps it
        assert len(asked) == 1 and asked[0].startswith("Aucun trousseau de mots de passe")
        dialog = smtp_settings.SmtpSettingsDialog(shop)
        qtbot.addWidget(dialog)
        assert dialog.keyring_label.text().startswith("Aucun trousseau")
    finally:
        keyring.set_keyring(before)


def test_the_history_reports_an_email_batch(qtbot, qtmodeltester, shop, tmp_path, monkeypatch):
    dialog = at_risk_dialog(qtbot, shop)
    dialog.use_folder(tmp_path / "eml")
    job = run(qtbot, dialog)
    shop.outreach.history_action.trigger()
    history_dialog = shop.outreach.history_dialog
    assert history_dialog.select(job.batch_id)
    assert history_dialog.report_button.isEnabled() and not history_dialog.resume_button.isEnabled()
    history_dialog.report_button.click()
    report = history_dialog.report_dialog
    qtmodeltester.check(report.model)
    assert report.model.rowCount() == AT_RISK
    monkeypatch.setattr(history, "confirm", lambda parent, title, text: True)
    assert history_dialog.undo_selected()
    assert shop.database.scalar("SELECT count(*) FROM interactions WHERE outreach_batch = ?", (job.batch_id,)) == 0


def test_the_eml_of_the_dialog_parses_back(qtbot, shop, tmp_path):
    dialog = at_risk_dialog(qtbot, shop)
    dialog.use_folder(tmp_path / "eml")
    run(qtbot, dialog)
    first = min((tmp_path / "eml").glob("*.eml"))
    message = email.message_from_bytes(first.read_bytes(), policy=policy.default)
    assert message["From"] == "Sweety Bio <contact@sweetybio.example.com>"
    assert message["Subject"] == "Vous nous manquez !"
    # folded (longer than 78 characters): the parsed value keeps the fold's space
    assert message["List-Unsubscribe"].strip() == "<mailto:contact@sweetybio.example.com?subject=D%C3%A9sinscription>"
    assert "SB00026" in message.get_body(("plain",)).get_content()  # the merge fields filled


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_dialogs_mnemonics_are_unique_and_translated(qtbot, qapp, shop, language):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from crmdesk.gui.common import i18n
    from tests.gui.test_i18n_forms import assert_unique

    translators = i18n.install(qapp, language)
    try:
        dialogs = email_dialog.EmailDialog(shop.outreach), smtp_settings.SmtpSettingsDialog(shop)
        planned(qtbot, dialogs[0])
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            texts = [
                w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if not w.isHidden()
            ]
            assert_unique(texts, f"{dialog.objectName()} ({language})")
            dialog.close()
        expected = {
            "en": ("Account sett&ings…", "&Test the connection"),
            "fr": ("Rég&lages du compte…", "&Tester la connexion"),
        }[language]
        assert (dialogs[0].account_button.text(), dialogs[1].test_button.text()) == expected
    finally:
        i18n.remove(qapp, translators)


def test_a_recall_by_email_reaches_every_buyer_with_an_address_and_ticks_them(qtbot, shop, tmp_path):
    from crmdesk.store.recall import RecallCriteria, find

    shop.outreach.recall_action.trigger()
    view = shop.outreach.recall_dialog
    view.set_criteria(lot="L240615", date_from=dt.date(2026, 10, 1), date_to=DEMO_DAY)
    view.search_button.click()
    buyers = find(shop.database, RecallCriteria(None, "L240615", "2026-10-01", "2026-11-23")).clients
    with_address = [
        c for c in buyers if shop.database.scalar("SELECT email FROM contacts WHERE id = ?", (c.contact_id,))
    ]
    assert view.emails_button.isEnabled()
    dialog = view.emails()
    plan = planned(qtbot, dialog)
    assert dialog.template_combo.currentText() == "Rappel de produit"
    assert sorted(plan.ids) == sorted(c.contact_id for c in with_address)  # consent aside: a safety notice
    assert "Désinscription" not in dialog.message_view.toPlainText()
    dialog.use_folder(tmp_path / "rappel")
    job = run(qtbot, dialog)
    assert job.report.sent == len(with_address) == len(list((tmp_path / "rappel").glob("*.eml")))
    left = len(buyers) - len(with_address)
    qtbot.waitUntil(lambda: view.count_label.text().endswith(f" {left} still to reach."))
