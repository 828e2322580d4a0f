"""The English interface is English all through: the main dialogs, walked on
the Sweety Bio demo, show none of the words of crmdesk's French interface
(labels of the domain, refusal reasons, generated reminders, month names).
The same walk in French finds them: the check can fail."""

from __future__ import annotations

import shutil

import pyqtgraph
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QWidget,
)

from crmdesk.gui.common import i18n
from crmdesk.gui.file import folders
from tests.gui.conftest import DEMO_DAY
from tests.helpers.today import Clock
from tests.helpers.vocabulary import french_words


@pytest.fixture(params=["en", "fr"])
def language(request, qapp):
    translators = i18n.install(qapp, request.param)  # Qt's and crmdesk's messages alike
    yield request.param
    i18n.remove(qapp, translators)


@pytest.fixture
def demo_window(qtbot, qsettings, tmp_path, sweetybio_template, language):
    """The window on a copy of the demo, opened on DEMO_DAY in `language`: the
    reminders due that day are generated then, in that language."""
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


def texts_of(widget: QWidget) -> list[str]:
    """What a person reads in a widget and its children: labels, buttons, tabs, combo items, text views."""
    found = [widget.windowTitle()]
    found += [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)]
    found += [w.title() for w in widget.findChildren(QGroupBox)]
    found += [w.toPlainText() for w in widget.findChildren(QTextBrowser)]
    for tabs in widget.findChildren(QTabWidget):
        found += [tabs.tabText(i) for i in range(tabs.count())]
    for combo in widget.findChildren(QComboBox):
        found += [combo.itemText(i) for i in range(combo.count())]
    for tree in widget.findChildren(QTreeWidget):
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        found += [item.text(c) for item in items for c in range(tree.columnCount())]
    for listing in widget.findChildren(QListWidget):
        found += [listing.item(i).text() for i in range(listing.count())]
    return found


def model_texts(model) -> list[str]:
    found = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if isinstance(value, str):
                    found.append(value)
    return found


def walk(qtbot, window, tmp_path, boxes) -> dict[str, list[str]]:
    """The texts of the main dialogs, by dialog."""
    seen: dict[str, list[str]] = {}
    # a client with a bad e-mail: refused, with its reason next to the field
    dialog = window.new_client()
    dialog.editors["last_name"].setText("LEROY")
    dialog.editors["email"].setText("zoe.leroy.example.fr")
    dialog.submit()
    assert dialog.errors["email"].text()  # refused: the dialog says why
    seen["client form"] = texts_of(dialog) + [dialog.errors["email"].text()]
    dialog.reject()
    # a new complaint: channels, kinds, natures, services
    window.complaints.new_action.trigger()
    seen["complaint dialog"] = texts_of(window.complaints.new_dialog)
    window.complaints.new_dialog.reject()
    # the complaints queue: kinds, triage reasons, deadline states
    queue = window.complaints.show_queue()
    seen["complaints"] = texts_of(queue) + model_texts(queue.model)
    queue.close()
    # RFM: segments, their actions, the Help tab
    rfm = window.analysis.show_rfm(as_of=DEMO_DAY)
    qtbot.waitUntil(lambda: rfm.result is not None, timeout=20_000)
    seen["RFM"] = texts_of(rfm) + model_texts(rfm.segments) + model_texts(rfm.model)
    rfm.close()
    # Today: the reminders generated on opening
    view = window.today.show()
    seen["today"] = texts_of(view) + [text for model in view.models.values() for text in model_texts(model)]
    view.close()
    # the dashboard: month names on the axes, statuses, segments
    window.dashboard.show_dashboard()
    tab = window.dashboard.tab
    qtbot.waitUntil(lambda: tab.result is not None and not tab.task.is_running(), timeout=20_000)
    ticks = [
        str(label)
        for axis in tab.findChildren(pyqtgraph.PlotWidget)
        for side in ("bottom", "left")
        for level in (axis.getAxis(side)._tickLevels or [])
        for _position, label in level
    ]
    seen["dashboard"] = texts_of(tab) + ticks
    # the client table's statuses and segments
    seen["client table"] = model_texts(window.model)
    # a file that is not a client file cannot be opened: the message says why
    other = tmp_path / "notes.sqlite"
    other.write_text("pas une base", encoding="utf-8")
    assert window.open_file(other) is False
    seen["cannot open"] = [f"{title}\n{text}" for title, text in boxes]
    return seen


def test_the_main_dialogs_speak_the_interface_language(qtbot, demo_window, language, tmp_path, boxes):
    seen = walk(qtbot, demo_window, tmp_path, boxes)
    found = {where: sorted(french_words(texts)) for where, texts in seen.items()}
    if language == "en":
        french = {where: [text for text in texts if french_words([text])] for where, texts in seen.items()}
        offenders = {where: sorted(set(texts)) for where, texts in french.items() if texts}
        assert not offenders, f"French in the English interface: {offenders}"
        assert "the “@” is missing" in seen["client form"][-1]
        assert any(t.startswith("Repurchase reminder: last order on") for t in seen["today"])
        assert "Loyal" in seen["RFM"] and "Definitions" in "\n".join(seen["RFM"])
        assert "Health / safety risk" in seen["complaint dialog"] and "Post" in seen["complaint dialog"]
        assert "is not a crmdesk client file" in seen["cannot open"][0]
    else:  # the control: the same walk in French meets the words looked for
        assert "il manque" in found["client form"]
        assert "Relance réachat" in found["today"]
        assert {"Fidèles", "Définitions", "Récence"} <= set(found["RFM"])
        assert {"Risque santé", "Courrier", "Téléphone"} <= set(found["complaint dialog"])
        assert {"Risque santé", "Réception", "Enregistrement"} <= set(found["complaints"])
        assert "n'est pas un fichier clients" in found["cannot open"]
        assert any(month in found["dashboard"] for month in ("nov.", "oct.", "sept.", "déc."))


def test_qt_own_dialogs_speak_the_language_and_open_in_the_documents_folder(qtbot, language):
    dialog = QFileDialog(None, "", folders.in_documents())
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    texts = [text.replace("&", "") for text in texts_of(dialog)]
    assert dialog.directory().absolutePath() == str(folders.documents())
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "",
        "",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    buttons = sorted(b.text().replace("&", "") for b in box.buttons())
    if language == "en":
        assert "Look in:" in texts and "Files of type:" in texts
        assert buttons == ["Cancel", "No", "Yes"]
    else:
        assert "Voir dans\u00a0:" in texts and "Fichiers de type\u00a0:" in texts
        assert buttons == ["Annuler", "Non", "Oui"]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == ("Cancel" if language == "en" else "Annuler")
    QApplication.processEvents()


def test_qt_french_ships_with_crmdesk(qapp):
    """The copies in resources/translations (inside the wheel: crmdesk/_data) load on their own: a frozen
    build or a Qt without its translations folder still has French file dialogs and buttons."""
    from PySide6.QtCore import QTranslator

    from crmdesk.paths import translations_dir

    qtbase, extra = QTranslator(), QTranslator()
    assert qtbase.load("qtbase_fr", str(translations_dir())) and extra.load("qtbase_extra_fr", str(translations_dir()))
    assert qtbase.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert extra.translate("QFileDialog", "&Look in:") == "&Voir dans\u00a0:"
