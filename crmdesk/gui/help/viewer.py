"""The user manual's window: its contents beside the page, links between pages,
back and forward, and a search through every page of the manual.

Pages are Markdown files read from the installed package (pages.manual_dir):
nothing is fetched, and a link leading out of the manual is not followed.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPixmap, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.text import fold
from crmdesk.gui.common import icons
from crmdesk.gui.help import pages

_LINK_TARGET = re.compile(r"\]\([^)]*\)")  # « [Imprimer](print.md) »: the words, not the file name
_MARKUP = re.compile(r"[#*_`|>]")
_MATCH = QColor("#ffe066")


def _fragments(block):
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            yield fragment
        iterator += 1


class ManualViewer(QDialog):
    """One language of the manual; `show_page(page)` brings a page up."""

    def __init__(self, language: str, parent: QWidget | None = None):
        super().__init__(
            parent, Qt.WindowType.Window | Qt.WindowType.WindowMinMaxButtonsHint | Qt.WindowType.WindowCloseButtonHint
        )
        self.setObjectName("ManualViewer")
        self.language = language
        self.folder = pages.manual_dir(language).resolve()
        self.titles = {page: pages.title(pages.page_path(page, language)) for page in pages.PAGES}
        self._texts: dict[str, str] = {}
        self._matches: list[QTextCursor] = []

        self.browser = QTextBrowser(self)
        self.browser.setObjectName("manualPage")
        self.browser.setOpenLinks(False)  # followed by _follow: only the manual's own pages
        self.browser.setSearchPaths([str(self.folder)])
        self.browser.anchorClicked.connect(self._follow)
        self.browser.sourceChanged.connect(self._shown)

        self.contents = QListWidget(self)
        self.contents.setObjectName("manualContents")
        for page in pages.PAGES:
            item = QListWidgetItem(self.titles[page], self.contents)
            item.setData(Qt.ItemDataRole.UserRole, page)
        self.contents.currentItemChanged.connect(self._picked)

        self.search = QLineEdit(self)
        self.search.setObjectName("manualSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search the manual (Ctrl+F)"))
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.next_match)
        self.found = QLabel(self)
        self.found.setObjectName("manualFound")

        bar = QToolBar(self)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back_action = bar.addAction(icons.icon("back"), self.tr("&Back"), self.browser.backward)
        self.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.forward_action = bar.addAction(icons.icon("forward"), self.tr("&Forward"), self.browser.forward)
        self.forward_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.home_action = bar.addAction(
            icons.icon("contents"), self.tr("&Contents"), lambda: self.show_page(pages.CONTENTS)
        )
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        for action in (self.back_action, self.forward_action):
            action.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        bar.addSeparator()
        bar.addWidget(self.search)
        bar.addWidget(self.found)
        find = QAction(self.tr("Find"), self)  # not on the bar: the search field's placeholder tells it
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self._focus_search)
        self.addAction(find)

        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 850])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(splitter)
        self.resize(1120, 700)

    # -- pages --------------------------------------------------------------------------
    def show_page(self, page: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(pages.page_path(page, self.language))))

    def page(self) -> str | None:
        """The page shown (None before the first)."""
        return self._page_of(self.browser.source())

    @staticmethod
    def _page_of(url: QUrl) -> str | None:
        return pages.page_of_path(Path(url.toLocalFile())) if url.isLocalFile() else None

    def _follow(self, url: QUrl) -> None:
        """A click on a link: another page of the manual (or a place in this one); nothing else."""
        if url.scheme() not in ("", "file"):
            return
        if not url.path():
            self.browser.scrollToAnchor(url.fragment())
            return
        target = Path(self.browser.source().resolved(url).toLocalFile()).resolve()
        if target.parent == self.folder and pages.page_of_path(target) is not None:
            self.browser.setSource(QUrl.fromLocalFile(str(target)))

    def _shown(self, url: QUrl) -> None:
        page = self._page_of(url)  # browser.source() may still name the page before
        self.setWindowTitle(self.tr("User manual — %1").replace("%1", self.titles.get(page, "")))
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == page:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)
        self._lay_out()
        self._highlight()

    def _lay_out(self) -> None:
        """Air around the headings, and no picture wider than the page (a small screen)."""
        document = self.browser.document()
        document.setDocumentMargin(14)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        block = document.begin()
        while block.isValid():
            spaced = block.blockFormat()
            level = spaced.headingLevel()
            if level:
                spaced.setTopMargin(14 if level > 1 else 4)
                spaced.setBottomMargin(6)
            cursor.setPosition(block.position())
            if not level and block.textList() is None and cursor.currentTable() is None:
                spaced.setTopMargin(max(spaced.topMargin(), 6))  # a paragraph after a list
            cursor.setBlockFormat(spaced)
            block = block.next()
        cursor.endEditBlock()
        self._fit_images()

    def _fit_images(self) -> None:
        document = self.browser.document()
        layout = document.documentLayout()
        right = self.browser.viewport().width() - document.documentMargin() - 8
        block = document.begin()
        while block.isValid():
            listed = block.textList().format().indent() if block.textList() is not None else 0
            indent = (block.blockFormat().indent() + listed) * document.indentWidth()  # a picture in a list
            room = right - layout.blockBoundingRect(block).x() - indent - block.blockFormat().leftMargin()
            for fragment in _fragments(block):
                shape = fragment.charFormat()
                if not shape.isImageFormat():
                    continue
                image = shape.toImageFormat()
                picture = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
                natural = picture.width() if isinstance(picture, (QImage, QPixmap)) else 0
                width = min(natural, room) if natural and room > 100 else 0
                if width and width != image.width():
                    image.setWidth(width)
                    image.setHeight(width * picture.height() / natural)
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
            block = block.next()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.page() is not None:
            self._fit_images()

    def _picked(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) != self.page():
            self.show_page(item.data(Qt.ItemDataRole.UserRole))

    # -- search -------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _words(self) -> list[str]:
        return fold(self.search.text()).split()

    def text_of(self, page: str) -> str:
        """A page's words, folded (no accents, lower case), for the search."""
        if page not in self._texts:
            source = pages.page_path(page, self.language).read_text(encoding="utf-8")
            self._texts[page] = fold(_MARKUP.sub(" ", _LINK_TARGET.sub("]", source)))
        return self._texts[page]

    def pages_found(self) -> list[str]:
        """The pages holding every word searched for (all of them when nothing is)."""
        words = self._words()
        return [page for page in pages.PAGES if all(word in self.text_of(page) for word in words)]

    def _search_changed(self, _text: str) -> None:
        found = set(self.pages_found())
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) not in found)
        if not self._words():
            self.found.clear()
        elif found:
            self.found.setText(
                self.tr("%1 pages").replace("%1", str(len(found))) if len(found) > 1 else self.tr("1 page")
            )
        else:
            self.found.setText(self.tr("not found"))
        self._highlight()

    def _highlight(self) -> None:
        """Every word searched for, marked in the page shown."""
        self._matches = self._find_in_page(self._words())
        marked = QTextCharFormat()
        marked.setBackground(_MATCH)
        selections = []
        for cursor in self._matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = marked
            selections.append(selection)
        self.browser.setExtraSelections(selections)

    def _find_in_page(self, words: list[str]) -> list[QTextCursor]:
        """Cursors over each match of `words` in the page, accents and case ignored."""
        if not words:
            return []
        document = self.browser.document()
        raw = document.toRawText()
        folded, origin = [], []  # the folded page, and the position in the page of each of its characters
        for position, char in enumerate(raw):
            bare = " " if char.isspace() else fold(char)
            folded.append(bare)
            origin.extend([position] * len(bare))
        text = "".join(folded)
        found = []
        for word in words:
            start = text.find(word)
            while start >= 0:
                cursor = QTextCursor(document)
                cursor.setPosition(origin[start])
                cursor.setPosition(origin[start + len(word) - 1] + 1, QTextCursor.MoveMode.KeepAnchor)
                found.append(cursor)
                start = text.find(word, start + len(word))
        return sorted(found, key=QTextCursor.position)

    def next_match(self) -> None:
        """Enter in the search: the next match in this page, else the next page holding the words."""
        after = self.browser.textCursor().position()
        following = [cursor for cursor in self._matches if cursor.position() > after]
        if following:
            self._go_to(following[0])
            return
        found = self.pages_found() if self._words() else []
        if not found:
            return
        current = self.page()
        later = [
            page for page in found if current not in pages.PAGES or pages.PAGES.index(page) > pages.PAGES.index(current)
        ]
        target = (later or found)[0]
        if target != current:
            self.show_page(target)
        if self._matches:
            self._go_to(self._matches[0])

    def _go_to(self, cursor: QTextCursor) -> None:
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
