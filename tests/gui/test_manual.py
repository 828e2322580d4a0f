"""The user manual: F1 opens it, in the interface's language, at the page of the
window it is pressed in (the main window: the contents); its pages, links and
pictures are all there in both languages, and it travels with the package."""

from __future__ import annotations

import ast
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolBar, QWidget

from crmdesk.gui.common import i18n
from crmdesk.gui.help import pages
from crmdesk.paths import resources_dir
from tests.gui.conftest import DEMO_DAY
from tests.helpers.today import Clock

ROOT = Path(__file__).resolve().parents[2]
CONTENTS_TITLE = {"fr": "Manuel d'utilisation — Sommaire", "en": "User manual — Contents"}
TITLES = {
    "client-form": {"fr": "Créer ou modifier un client", "en": "Add or edit a client"},
    "orders": {"fr": "Enregistrer une commande", "en": "Record an order"},
    "complaints": {"fr": "Enregistrer une réclamation et y répondre", "en": "Log and answer a complaint"},
    "import": {"fr": "Importer et exporter", "en": "Import and export"},
    "writing-to-clients": {"fr": "Écrire aux clients", "en": "Writing to clients"},
    "gdpr": {"fr": "Données personnelles (RGPD)", "en": "Personal data (GDPR)"},
}
# A step each page must tell, in the words of the interface of its language.
STEPS = {
    "client-form": {"fr": "**Édition › Nouveau client…** (Ctrl+N)", "en": "**Edit › New client…** (Ctrl+N)"},
    "complaints": {
        "fr": "**Réclamations › Nouvelle réclamation…** (Ctrl+R)",
        "en": "**Complaints › New complaint…** (Ctrl+R)",
    },
    "import": {"fr": "**Fichier › Importer…** (Ctrl+I)", "en": "**File › Import…** (Ctrl+I)"},
    "writing-to-clients": {"fr": "**Courrier › Compte d'envoi (SMTP)…**", "en": "**Mailing › E-mail account (SMTP)…**"},
}
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)]*)\)")


@pytest.fixture(params=["fr", "en"])
def language(request, qapp):
    translators = i18n.install(qapp, request.param)  # the window's texts and the messages alike
    yield request.param
    i18n.remove(qapp, translators)


@pytest.fixture
def demo_window(qtbot, qsettings, tmp_path, sweetybio_template, language):
    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    window = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(window)
    window.clock.day = DEMO_DAY
    with qtbot.waitSignal(window.today.ready, timeout=20_000):  # reminders computed after the first paint
        assert window.open_file(path)
        window.show()
        qtbot.waitExposed(window)
    for widget in QApplication.topLevelWidgets():  # « Aujourd'hui » opens by itself when something is late
        if widget is not window and widget.isVisible():
            widget.close()
    activate(qtbot, window)
    yield window
    window.close()


def activate(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def press_f1(qtbot, window: QWidget):
    """F1 where the focus is in `window`, as the user would; the manual's window it brings up."""
    activate(qtbot, window)
    target = QApplication.focusWidget() if QApplication.focusWidget() is not None else window
    assert target.window() is window
    qtbot.keyClick(target, Qt.Key.Key_F1)
    viewer = manual_of(window)
    assert viewer is not None, "F1 opened no manual"
    qtbot.waitUntil(viewer.isVisible)
    return viewer


def click(viewer, action) -> None:
    """A click on the tool button of `action`, given to its window as a mouse would: a window
    a modal dialog blocks does not take it (a click given to the widget itself would pass)."""
    button = viewer.findChild(QToolBar).widgetForAction(action)
    QTest.mouseClick(
        viewer.windowHandle(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        button.mapTo(viewer, button.rect().center()),
    )


def manual_of(window: QWidget):
    from crmdesk.gui.help.viewer import ManualViewer

    owned = window.findChild(ManualViewer, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if owned is not None:
        return owned
    main = window
    while main is not None and getattr(main, "manual", None) is None:
        main = main.parentWidget()
    return main.manual.viewer if main is not None else None


def expect_page(viewer, page: str, language: str) -> None:
    title = TITLES[page][language]
    assert viewer.page() == page
    assert viewer.windowTitle() == ("Manuel d'utilisation — " if language == "fr" else "User manual — ") + title
    assert viewer.browser.toPlainText().startswith(title)


# -- F1 -----------------------------------------------------------------------------------
def test_the_help_menu_holds_the_manual_with_f1(demo_window, language):
    actions = [a for a in demo_window.ui.menuHelp.actions() if not a.isSeparator()]
    assert [a.objectName() for a in actions] == ["actionManual", "actionAbout"]
    assert actions[0].text() == ("Manuel d'&utilisation" if language == "fr" else "User &manual")
    assert actions[0].shortcut().toString() == "F1"


def test_f1_in_the_main_window_opens_the_contents(qtbot, demo_window, language):
    demo_window.ui.clientTable.setFocus()
    viewer = press_f1(qtbot, demo_window)
    assert viewer.page() == pages.CONTENTS
    assert viewer.windowTitle() == CONTENTS_TITLE[language]
    text = viewer.browser.toPlainText()
    assert ("Retrouver un client" in text) == (language == "fr")
    assert ("Find a client" in text) == (language == "en")


def test_f1_in_the_client_form_opens_its_page_and_the_orders_tab_the_orders_page(qtbot, demo_window, language):
    demo_window.ui.searchEdit.setText("bio corner")
    demo_window.apply_filters()
    demo_window.ui.clientTable.selectRow(0)
    form = demo_window.edit_client()
    qtbot.waitExposed(form)
    form.editors["last_name"].setFocus()
    viewer = press_f1(qtbot, form)
    expect_page(viewer, "client-form", language)
    click(viewer, viewer.home_action)  # the window-modal form does not block it: a window of its own
    assert viewer.page() == pages.CONTENTS and form.isVisible()
    assert viewer.parent() is None

    form.tabs.setCurrentWidget(form.orders_tab)
    form.print_button.setFocus()  # the focus outside the tab: the tab in view still says « orders »
    expect_page(press_f1(qtbot, form), "orders", language)
    assert manual_of(form) is viewer  # one manual, brought up again
    form.done(0)


def test_f1_in_a_new_complaint_opens_the_complaints_page(qtbot, demo_window, language):
    dialog = demo_window.complaints.new_complaint()
    qtbot.waitExposed(dialog)
    dialog.subject_edit.setFocus()
    viewer = press_f1(qtbot, dialog)
    expect_page(viewer, "complaints", language)
    assert STEPS["complaints"][language] in pages.page_path("complaints", language).read_text(encoding="utf-8")
    dialog.done(0)


def test_f1_in_the_import_wizard_opens_the_import_page(qtbot, demo_window, language):
    wizard = demo_window.importing.show_wizard()
    qtbot.waitExposed(wizard)
    viewer = press_f1(qtbot, wizard)
    expect_page(viewer, "import", language)
    wizard.done(0)


def test_f1_in_the_email_dialog_opens_the_page_on_writing_to_clients(qtbot, demo_window, language):
    demo_window.outreach.email_action.trigger()
    dialog = demo_window.outreach.email_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.task.is_running(), timeout=15000)
    viewer = press_f1(qtbot, dialog)
    expect_page(viewer, "writing-to-clients", language)
    dialog.done(0)


def test_f1_in_a_dialog_that_blocks_every_window_opens_the_manual_over_it(qtbot, demo_window, language):
    """« Nouvelle demande… » of the rights register waits in QDialog.exec(): the manual opens as
    that form's own window, the only one the user can reach then."""
    from crmdesk.gui.gdpr.rights_dialog import RequestForm

    rights = demo_window.gdpr.show_rights()
    qtbot.waitExposed(rights)
    seen = {}

    def inside_the_form() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, RequestForm):  # not shown yet
            QTimer.singleShot(20, inside_the_form)
            return
        try:
            viewer = press_f1(qtbot, form)
            seen.update(page=viewer.page(), title=viewer.windowTitle(), owner=viewer.parent() is form)
            click(viewer, viewer.home_action)  # a window the form blocked would not take it
            seen["usable"] = viewer.page() == pages.CONTENTS
        finally:
            form.reject()
        seen["closed with the form"] = not viewer.isVisible()

    QTimer.singleShot(0, inside_the_form)
    assert rights.new_request() is None
    assert seen == {
        "page": "gdpr",
        "owner": True,
        "usable": True,
        "closed with the form": True,
        "title": ("Manuel d'utilisation — " if language == "fr" else "User manual — ") + TITLES["gdpr"][language],
    }
    rights.close()


def test_closing_the_main_window_closes_the_manual(qtbot, demo_window, language):
    viewer = press_f1(qtbot, demo_window)
    demo_window.close()
    assert not viewer.isVisible() and demo_window.manual.viewer is None


# -- the manual's window ---------------------------------------------------------------------
@pytest.fixture
def viewer(qtbot, language):
    from crmdesk.gui.help.viewer import ManualViewer

    shown = ManualViewer(language)
    qtbot.addWidget(shown)
    shown.show_page(pages.CONTENTS)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_links_lead_from_page_to_page_and_back(viewer, language):
    viewer.browser.anchorClicked.emit(QUrl("orders.md"))
    assert viewer.page() == "orders"
    assert viewer.contents.currentItem().text() == TITLES["orders"][language]
    assert viewer.back_action.isEnabled() and not viewer.forward_action.isEnabled()
    viewer.back_action.trigger()
    assert viewer.page() == pages.CONTENTS
    viewer.forward_action.trigger()
    assert viewer.page() == "orders"
    viewer.contents.setCurrentRow(pages.PAGES.index("gdpr"))  # a click in the contents
    assert viewer.page() == "gdpr"
    viewer.home_action.trigger()
    assert viewer.page() == pages.CONTENTS


def test_a_link_out_of_the_manual_is_not_followed(viewer):
    for url in ("https://example.com/", "file:///etc/passwd", "../../../pyproject.toml", "images/search.png"):
        viewer.browser.anchorClicked.emit(QUrl(url))
        assert viewer.page() == pages.CONTENTS, url


def test_the_search_finds_pages_without_accents_and_marks_the_words(qtbot, viewer, language):
    word = {"fr": "corbeille", "en": "trash"}[language]
    qtbot.keyClicks(viewer.search, word.upper())
    shown = [
        viewer.contents.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(viewer.contents.count())
        if not viewer.contents.item(row).isHidden()
    ]
    holding = [
        page for page in pages.PAGES if word in pages.page_path(page, language).read_text(encoding="utf-8").lower()
    ]
    assert shown == holding and "client-form" in shown and "gdpr" not in shown
    # Enter: each match of the page in turn, then the next page holding the word, at its first match
    visited = [viewer.page()]
    for _press in range(40):
        qtbot.keyClick(viewer.search, Qt.Key.Key_Return)
        assert viewer.browser.textCursor().selectedText().lower() == word
        if viewer.page() != visited[-1]:
            visited.append(viewer.page())
        if len(visited) == 3:
            break
    assert visited == holding[:3]
    assert viewer.browser.extraSelections()

    viewer.search.clear()
    qtbot.keyClicks(viewer.search, {"fr": "reclamation echeance", "en": "complaint due"}[language])
    found = viewer.pages_found()
    assert "complaints" in found and "backup" not in found
    viewer.show_page("complaints")
    marked = {cursor.selectedText().lower() for cursor in viewer._matches}
    assert marked == ({"réclamation", "échéance"} if language == "fr" else {"complaint", "due"})
    viewer.search.clear()
    qtbot.keyClicks(viewer.search, "zzzz")
    assert viewer.found.text() == ("introuvable" if language == "fr" else "not found")


@pytest.mark.parametrize("page", ["find-client", "import"])  # a picture in a paragraph, in a list
def test_pictures_never_make_the_page_scroll_sideways(qtbot, viewer, page):
    viewer.show_page(page)
    assert viewer.browser.horizontalScrollBar().maximum() == 0
    viewer.resize(620, 600)  # a small screen
    qtbot.waitUntil(lambda: viewer.browser.viewport().width() < 400)
    qtbot.waitUntil(lambda: viewer.browser.horizontalScrollBar().maximum() == 0)
    viewer.show_page(pages.CONTENTS)
    viewer.back_action.trigger()
    assert viewer.page() == page and viewer.browser.horizontalScrollBar().maximum() == 0


# -- the pages -------------------------------------------------------------------------------
def links_of(path: Path) -> list[tuple[bool, str]]:
    """(is a picture, target) of every link of a page, in order."""
    return [(bang == "!", target) for bang, _text, target in _LINK.findall(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_is_there_and_every_link_and_picture_resolves(lang):
    folder = pages.manual_dir(lang)
    assert sorted(p.stem for p in folder.glob("*.md")) == sorted(pages.PAGES)
    used = set()
    for page in pages.PAGES:
        path = pages.page_path(page, lang)
        assert pages.title(path) != page, f"{path.name} has no title"
        for picture, target in links_of(path):
            assert "://" not in target and not target.startswith("/"), f"{path.name} leads out: {target}"
            resolved = (folder / target).resolve()
            assert resolved.is_file(), f"{path.name}: {target} is missing"
            if picture:
                assert resolved.parent == (folder / "images").resolve() and resolved.suffix == ".png", target
                image = QImage(str(resolved))
                assert not image.isNull() and image.width() <= 762, target
                used.add(resolved.name)
            else:
                assert resolved.parent == folder.resolve() and pages.page_of_path(resolved) is not None, target
    pictures = {p.name for p in (folder / "images").glob("*")}
    assert pictures == used, "pictures no page shows"
    assert sum((folder / "images" / name).stat().st_size for name in pictures) < 1_500_000


def test_the_english_manual_is_the_french_one_complete():
    """Same pages, same sections, same pictures and links in the same order."""
    for page in pages.PAGES:
        french, english = pages.page_path(page, "fr"), pages.page_path(page, "en")
        assert links_of(french) == links_of(english), page

        def outline(path: Path) -> list[str]:
            return [
                line.split(" ", 1)[0]
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("#") or re.match(r"\s*\d+\. ", line)
            ]

        assert outline(french) == outline(english), page
    for page, step in STEPS.items():
        for language, text in step.items():
            assert text in pages.page_path(page, language).read_text(encoding="utf-8"), (page, language)


def _gui_classes() -> set[str]:
    names = set()
    for path in (ROOT / "crmdesk" / "gui").rglob("*.py"):
        names |= {
            node.name
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ClassDef)
        }
    return names


def test_every_window_of_the_mapping_exists_and_asks_for_a_real_page():
    assert set(pages.PAGE_OF) <= _gui_classes()
    assert set(pages.PAGE_OF.values()) <= set(pages.PAGES)
    assert set(pages.PAGES) - {pages.CONTENTS, "find-client", "shortcuts"} <= set(pages.PAGE_OF.values())


def test_the_manual_travels_with_the_package():
    """resources/ goes into the wheel as crmdesk/_data/resources (crmdesk.paths finds it there);
    .ci/run checks a page of the installed package."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"]["resources"] == "crmdesk/_data/resources"
    assert "resources" in project["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    for language in ("fr", "en"):
        assert pages.manual_dir(language) == resources_dir() / "manual" / language
        assert pages.page_path(pages.CONTENTS, language).is_file()
    assert '(paths.resources_dir() / "manual" / "fr" / "index.md").is_file()' in (ROOT / ".ci" / "run").read_text(
        encoding="utf-8"
    )
