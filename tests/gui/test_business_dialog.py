"""The business identity dialog: fields checked with French reasons, logo copied into the file."""

import base64
import io

import pytest

from crmdesk.gui.printing.business_dialog import BusinessDialog
from crmdesk.gui.session import Session
from crmdesk.store.settings import SettingsStore
from tests.helpers.today import Clock


def png_file(tmp_path):
    from PIL import Image

    path = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (46, 107, 63)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def dialog(qtbot, database):
    SettingsStore(database).set_business({"name": "Sweety Bio", "city": "Lyon", "subdivision": "57"})
    widget = BusinessDialog(Session(database))
    qtbot.addWidget(widget)
    return widget


def test_shows_the_stored_identity(dialog):
    assert dialog.editors["name"].text() == "Sweety Bio" and dialog.editors["city"].text() == "Lyon"
    assert dialog.logo_preview.text() == dialog.tr("(no logo)") and not dialog.remove_logo_button.isEnabled()


def test_wrong_fields_are_framed_and_nothing_is_saved(dialog, database):
    dialog.editors["siret"].setText("123")
    dialog.editors["email"].setText("contact")
    dialog.editors["name"].setText("Autre nom")
    assert dialog.save() is False
    assert dialog.errors["siret"].isVisibleTo(dialog) and "SIRET invalide" in dialog.errors["siret"].text()
    assert "@" in dialog.errors["email"].text()
    assert dialog.editors["siret"].property("invalid") is True
    assert SettingsStore(database).business()["name"] == "Sweety Bio"


def test_saving_stores_everything_with_the_logo(dialog, database, qtbot, tmp_path):
    dialog.editors["siret"].setText("845 998 988 00925")
    dialog.editors["phone"].setText("04 65 71 01 47")
    dialog.editors["address"].setPlainText("Bâtiment B\n18 rue de la Charité")
    assert dialog.load_logo(png_file(tmp_path))
    assert not dialog.logo_preview.pixmap().isNull() and dialog.remove_logo_button.isEnabled()
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    identity = SettingsStore(database).business()
    assert identity["siret"] == "84599898800925" and identity["phone"] == "+33465710147"
    assert identity["address"] == "Bâtiment B\n18 rue de la Charité"
    assert identity["subdivision"] == "57"  # not on the form, kept
    assert base64.b64decode(identity["logo_data"]) == (tmp_path / "logo.png").read_bytes()


def test_a_file_that_is_not_an_image_is_explained(dialog, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("texte")
    assert dialog.load_logo(fake) is False
    assert "n'est pas une image" in dialog.errors["logo_data"].text()


def test_edit_menu_opens_it_for_the_open_file(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from crmdesk.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, today=Clock())
    qtbot.addWidget(window)
    assert not window.business_action.isEnabled()
    assert window.open_file(tmp_path / "clients.sqlite", create=True)
    assert window.business_action.isEnabled()
    window.business_action.trigger()
    dialog = window.findChild(BusinessDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.editors["name"].setText("Le Bol d'Air")
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert SettingsStore(window.database).business()["name"] == "Le Bol d'Air"
    assert window.statusBar().currentMessage() == window.tr("Business identity saved: it heads the next prints.")


# -- the consumer mediator ---------------------------------------------------------------------
def test_the_mediator_warning_follows_what_is_typed(dialog, database, qtbot):
    warning = dialog.mediator_warning
    assert warning.isVisibleTo(dialog) and "Aucun médiateur de la consommation" in warning.text()
    dialog.editors["mediator_name"].setText("Médiation Conso Exemple")
    assert (
        warning.text() == "Médiateur de la consommation incomplet, il manque : Adresse du médiateur, "
        "Site web du médiateur."
    )
    dialog.editors["mediator_address"].setPlainText("12 rue des Lilas\n75008 Paris")
    dialog.editors["mediator_website"].setText("www.mediation-conso.example.org")
    assert not warning.isVisibleTo(dialog)
    dialog.editors["survey_url"].setText("https://forms.example.org/avis?ref={reference}")
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    identity = SettingsStore(database).business()
    assert identity["mediator_name"] == "Médiation Conso Exemple"
    assert identity["mediator_address"] == "12 rue des Lilas\n75008 Paris"
    assert identity["mediator_website"] == "https://www.mediation-conso.example.org"
    assert identity["survey_url"] == "https://forms.example.org/avis?ref={reference}"
    assert identity["no_consumer_sales"] is False


def test_a_business_that_sells_only_to_businesses_needs_no_mediator(dialog, database, qtbot):
    dialog.no_consumer_sales.setChecked(True)
    assert not dialog.mediator_warning.isVisibleTo(dialog)
    assert not dialog.editors["mediator_name"].isEnabled()
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    assert SettingsStore(database).business()["no_consumer_sales"] is True
    again = BusinessDialog(Session(database))
    qtbot.addWidget(again)
    assert again.no_consumer_sales.isChecked() and not again.mediator_warning.isVisibleTo(again)


def test_a_wrong_website_is_framed_in_red(dialog, database):
    dialog.editors["mediator_website"].setText("médiateur du coin")
    assert dialog.save() is False
    assert "adresse web attendue" in dialog.errors["mediator_website"].text()
    assert dialog.editors["mediator_website"].property("invalid") is True
    assert "mediator_website" not in SettingsStore(database).business()


def test_the_numbering_of_new_clients_is_shown_and_changed(dialog, database, contacts, qtbot):
    for number in (438, 439, 440):
        contacts.create({"last_name": f"Client {number}", "code": f"SB{number:05d}"})
    widget = BusinessDialog(Session(database))  # reads the file's numbering as it opens
    qtbot.addWidget(widget)
    assert (widget.prefix_edit.text(), widget.width_spin.value()) == ("SB", 5)
    assert widget.next_code_label.text() == "Next new client: SB00441"
    widget.prefix_edit.setText("S1")
    assert (
        not widget.errors["code_prefix"].isHidden() and "sans chiffre à la fin" in widget.errors["code_prefix"].text()
    )
    widget.prefix_edit.setText("CL")
    widget.width_spin.setValue(4)
    assert widget.next_code_label.text() == "Next new client: CL0001"
    assert widget.save()
    assert SettingsStore(database).get("clients.code_prefix") == "CL"
    assert contacts.get(contacts.create({"last_name": "Nouveau"}))["code"] == "CL0001"


def test_an_unchanged_numbering_is_not_stored(dialog, database):
    assert dialog.save()
    assert SettingsStore(database).get("clients.code_prefix") is None  # still follows the file
