"""Translations and compiled forms are up to date; the French window speaks French."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from crmdesk.gui.common import i18n
from crmdesk.gui.forms import build
from crmdesk.paths import translations_dir
from tests.gui.conftest import column_texts
from tests.helpers.today import Clock

TS = translations_dir() / "crmdesk_fr.ts"
QM = translations_dir() / "crmdesk_fr.qm"
_UIC_VERSION = re.compile(r"^## Created by: Qt User Interface Compiler version .*$", re.MULTILINE)


def messages(ts_path):
    tree = ET.parse(ts_path)
    return {
        (c.findtext("name"), m.findtext("source")): m.find("translation")
        for c in tree.getroot().iter("context")
        for m in c.iter("message")
    }


@pytest.mark.parametrize("ui", sorted(build.UI_DIR.glob("*.ui")), ids=lambda p: p.name)
def test_committed_forms_match_a_fresh_compile(ui):
    committed = build.target(ui).read_text(encoding="utf-8")
    assert committed.startswith(build.header(ui))
    fresh = build.compile_form(ui)
    assert _UIC_VERSION.sub("", committed) == _UIC_VERSION.sub("", fresh), "run: python -m crmdesk.gui.forms.build"


def test_every_string_is_in_the_ts_file_and_translated(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    build.update_translations(fresh)
    found, committed = messages(fresh), messages(TS)
    assert set(found) == set(committed), "run: python -m crmdesk.gui.forms.build --i18n"
    untranslated = [key for key, t in committed.items() if t.get("type") or not (t.text or "").strip()]
    assert untranslated == []


def test_the_qm_file_is_built_from_the_ts_file(tmp_path):
    fresh = tmp_path / "fresh.qm"
    build.release(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run: python -m crmdesk.gui.forms.build --i18n"


def test_french_keeps_its_mnemonics_and_typography():
    for (_context, source), translation in messages(TS).items():
        text = translation.text or ""
        assert source.count("&") - source.count("&&") == text.count("&") - text.count("&&"), source
        assert ("%1" in source) == ("%1" in text), source
        if text.endswith(":") and not text.endswith("\u00a0:"):
            pytest.fail(f"no-break space before the colon: {text!r}")


def test_the_language_follows_the_system_unless_chosen():
    assert i18n.resolve("auto", QLocale(QLocale.Language.French, QLocale.Country.Canada)) == "fr"
    assert i18n.resolve("auto", QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"
    assert i18n.resolve("fr", QLocale(QLocale.Language.English)) == "fr"
    assert i18n.resolve("en", QLocale(QLocale.Language.French)) == "en"


@pytest.fixture
def french(qapp):
    translators = i18n.install(qapp, "fr")
    assert len(translators) == 3  # ours, Qt's own (buttons, dialogs) and what Qt's lacks
    yield
    i18n.remove(qapp, translators)


def test_the_french_window_speaks_french(qtbot, qsettings, client_file, french):
    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    assert window.open_file(client_file)
    titles = [a.text().replace("&", "") for a in window.ui.menubar.actions()]
    assert titles == [
        "Fichier",
        "Édition",
        "Affichage",
        "Réclamations",
        "Courrier",
        "Fidélité",
        "Analyse",
        "RGPD",
        "Aide",
    ]
    assert window.count_label.text() == "3 clients affichés sur 3"
    headers = [
        window.model.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
        for c in range(window.model.columnCount())
    ]
    assert headers[:4] == ["N° client", "Nom", "Entreprise", "Étape"]
    assert column_texts(window.model, "stage") == ["Client", "Ancien client", "Prospect"]
    assert window.undo_action.text() == "&Annuler"
    edit_menu = [a.text() for a in window.ui.menuEdit.actions() if not a.isSeparator()]
    assert "&Corbeille…" in edit_menu and "&Nouveau client…" in edit_menu
    dialog = window.new_client()
    assert dialog.windowTitle() == "Nouveau client"
    assert [dialog.tabs.tabText(i).replace("&", "") for i in range(4)] == [
        "Identité",
        "Coordonnées",
        "Relation",
        "Consentements / RGPD",
    ]
    assert dialog.buttons.button(dialog.buttons.StandardButton.Save).text() == "Enregistrer"
    dialog.reject()
    window.close()


def test_no_english_is_left_in_the_french_window(qtbot, qsettings, client_file, french):
    from PySide6.QtWidgets import QLabel

    from crmdesk.gui.main_window import MainWindow

    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    window.open_file(client_file)
    english = {source for (_context, source) in messages(TS)} - {t.text for t in messages(TS).values()}
    shown = [a.text() for a in window.findChildren(type(window.undo_action))]
    shown += [label.text() for label in window.findChildren(QLabel)]
    dialog = window.new_client()
    shown += [label.text() for label in dialog.findChildren(QLabel)]
    dialog.reject()
    assert [text for text in shown if text in english] == []
    window.close()
    QApplication.processEvents()


def mnemonic(text: str) -> str | None:
    match = re.search(r"(?<!&)&([^&])", text or "")
    return match.group(1).casefold() if match else None


def assert_unique(texts: list[str], where: str) -> None:
    letters = [m for m in map(mnemonic, texts) if m]
    doubles = sorted({m for m in letters if letters.count(m) > 1})
    assert doubles == [], f"{where}: the same mnemonic twice ({doubles}) in {texts}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_mnemonics_are_unique_where_they_are_used_together(qtbot, qapp, qsettings, client_file, language):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from crmdesk.gui.main_window import MainWindow

    translators = i18n.install(qapp, language)
    try:
        window = MainWindow(qsettings, today=Clock())
        qtbot.addWidget(window)
        window.open_file(client_file)
        menus = [a.text() for a in window.ui.menubar.actions()]
        assert_unique(
            menus + [label.text() for label in window.ui.centralwidget.findChildren(QLabel)],
            f"main window ({language})",
        )
        for menu in (window.ui.menuFile, window.ui.menuEdit, window.ui.menuView):
            assert_unique([a.text() for a in menu.actions()], f"{menu.title()} ({language})")
        dialog = window.new_client()
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        for i in range(dialog.tabs.count()):
            page = dialog.tabs.widget(i)
            texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)]
            assert_unique(tabs + texts, f"tab {tabs[i]} ({language})")
        dialog.reject()
        window.close()
    finally:
        i18n.remove(qapp, translators)
