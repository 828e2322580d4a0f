"""The main window: the client table, its search and filters, the menus.

The form comes from ui/main_window.ui (compiled into forms/ui_main_window.py);
this module wires it to the open client file. Every change to the file goes
through the undo stack (commands.py); the stack is emptied when another file
is opened.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

import crmdesk
from crmdesk.domain.contact import display_name
from crmdesk.domain.errors import CrmError
from crmdesk.gui.analysis.figures_refresh import FiguresRefresh
from crmdesk.gui.analysis.menu import AnalysisFeature
from crmdesk.gui.clients.client_delegate import ClientCellDelegate
from crmdesk.gui.clients.client_model import COLUMN_KEYS, ClientTableModel
from crmdesk.gui.clients.duplicates_menu import DuplicatesFeature
from crmdesk.gui.clients.search_keys import SearchKeys
from crmdesk.gui.common import icons, labels, messages
from crmdesk.gui.common.actions import keep_dialog, menu_action
from crmdesk.gui.common.gui_settings import GuiSettings
from crmdesk.gui.complaints.menu import ComplaintsFeature
from crmdesk.gui.dashboard.install import DashboardPlace
from crmdesk.gui.exporting.menu import ExportingFeature
from crmdesk.gui.feature import Feature
from crmdesk.gui.file import folders, migration_dialog
from crmdesk.gui.file.backups import BackupHooks
from crmdesk.gui.file.file_state import FileState
from crmdesk.gui.file.menu import FileFeature
from crmdesk.gui.followup.today import TodayFeature
from crmdesk.gui.forms.ui_main_window import Ui_MainWindow
from crmdesk.gui.gdpr.menu import GdprFeature
from crmdesk.gui.help.f1 import Manual
from crmdesk.gui.importing.menu import ImportingFeature
from crmdesk.gui.loyalty.menu import LoyaltyFeature
from crmdesk.gui.outreach.menu import OutreachFeature
from crmdesk.gui.printing.menu import Printing
from crmdesk.gui.server import is_server, location, shown_name
from crmdesk.gui.session import Session
from crmdesk.store import health
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database, damaged
from crmdesk.store.errors import DamagedFile, FileMissing, NotCrmdeskFile, ReadOnlyFile
from crmdesk.store.server.url import is_server_url

if TYPE_CHECKING:  # the dialogs are imported when first opened: a lighter start-up
    from crmdesk.gui.clients.client_dialog import ClientDialog
    from crmdesk.gui.clients.trash_dialog import TrashDialog
    from crmdesk.gui.orders.catalogue_dialog import CatalogueDialog
    from crmdesk.store.orders import OrderStore

SEARCH_DELAY_MS = 150
DEMO_NAMES = {"sweetybio": "Sweety Bio", "boldair": "Le Bol d'Air"}
FILE_FILTER_EXT = ".sqlite"

_WIDTHS = {
    "code": 85,
    "name": 190,
    "company": 160,
    "stage": 100,
    "postal_code": 95,
    "city": 120,
    "phone": 115,
    "email": 200,
    "first_contact": 110,
    "rep_name": 130,
}


class MainWindow(QMainWindow):
    contactsChanged = Signal(list)  # ids of the contacts a command touched
    fileOpened = Signal(object)  # Path
    fileClosing = Signal(object)  # Path: about to be let go of (workers stop, the closing backup)
    fileClosed = Signal(object)  # Path: let go of (closed whole, its log merged into it)
    ordersChanged = Signal(int)  # contact id: an order was added, edited, deleted (or undone)

    def __init__(self, settings: QSettings, parent=None, *, today: Callable[[], dt.date] = dt.date.today):
        """`today`: the clock of every file opened here (Session.today; tests give a fixed day)."""
        super().__init__(parent)
        self.clock = today
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.settings = GuiSettings(settings)
        self.session: Session | None = None  # the open file (session.py); None when none is open
        self.database: Database | None = None
        self.store: ContactStore | None = None
        self.catalogue_dialog: CatalogueDialog | None = None
        self.model: ClientTableModel | None = None
        self.path: Path | None = None
        self.client_dialog: ClientDialog | None = None
        self.trash_dialog: TrashDialog | None = None
        self._temp_dirs: list[Path] = []
        self._all_count = 0
        self.undo_stack = QUndoStack(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.ui.statusbar.addPermanentWidget(self.count_label)
        self.setWindowIcon(icons.app_icon())
        self._setup_actions()
        self._setup_table()
        self._setup_filters()
        self.second_filter_row = self._second_filter_row()
        self.features: list[Feature] = self._make_features()
        self._narrow_filters()
        self._restore_window()
        self._update_actions()

    def _make_features(self) -> list[Feature]:
        """The window's features, each made once, here. A menu goes before the one it is given
        (menu bar: Complaints, Mailing, Loyalty, Analysis, GDPR, Help), so Analysis comes first;
        the backups come before the features that back the file up first (merge, purge). The
        list tells them in its order when a file opens; the file's state (its banner) is told last."""
        self.search_keys = SearchKeys(self)  # Enter / Down to the table, Ctrl+E from the search box
        self.backup_hooks = BackupHooks(self)  # backups on open / close / edits
        self.figures = FiguresRefresh(self)  # the figures of today: recomputed in the background when a day passed
        self.analysis = AnalysisFeature(self, filter_row=self.second_filter_row, figures=self.figures)
        self.loyalty = LoyaltyFeature(self, before=self.analysis.menu)
        self.outreach = OutreachFeature(self, before=self.loyalty.menu)  # Courrier: letters, labels, recall
        self.complaints = ComplaintsFeature(self, before=self.outreach.menu, outreach=self.outreach)
        self.printing = Printing(self)
        self.importing = ImportingFeature(self, before_wizard=self.printing.menu)  # Import…, Import history…
        self.exporting = ExportingFeature(self)
        self.duplicates = DuplicatesFeature(self)
        self.file = FileFeature(self, after=self.importing.history_action)  # Restore a backup…, Check the file…
        self.gdpr = GdprFeature(self, importing=self.importing)
        # « Clients » | « Tableau de bord » tabs, the dashboard filter; View › Clients, Dashboard (before Today)
        self.dashboard = DashboardPlace(self, analysis=self.analysis)
        self.today = TodayFeature(self)  # View › Today (Ctrl+T), shown after opening when something is due
        self.manual = Manual(self)  # Help › User manual (F1), and F1 in every dialog
        self.file_state = FileState(self, today=self.today)  # last: read-only or being checked, said in a banner
        return [
            self.search_keys,
            self.backup_hooks,
            self.analysis,
            self.complaints,
            self.printing,
            self.importing,
            self.exporting,
            self.duplicates,
            self.file,
            self.gdpr,
            self.loyalty,
            self.outreach,
            self.dashboard,
            self.today,
            self.manual,
            self.figures,
            self.file_state,
        ]

    # -- set-up ---------------------------------------------------------------
    def _setup_actions(self) -> None:
        ui = self.ui
        SK = QKeySequence.StandardKey
        ui.actionNewClient.setShortcut(QKeySequence("Ctrl+N"))
        ui.actionNewFile.setShortcut(QKeySequence("Ctrl+Shift+N"))
        ui.actionOpen.setShortcuts(SK.Open)
        ui.actionQuit.setShortcuts(SK.Quit)
        ui.actionQuit.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        ui.actionFind.setShortcuts(SK.Find)
        ui.actionEditClient.setShortcut(QKeySequence("Ctrl+E"))
        ui.actionDeleteClient.setShortcuts(SK.Delete)
        ui.actionTrash.setShortcut(QKeySequence("Ctrl+Shift+Del"))
        for action, name in (
            (ui.actionNewFile, "new_file"),
            (ui.actionOpen, "open"),
            (ui.actionQuit, "quit"),
            (ui.actionNewClient, "new_client"),
            (ui.actionEditClient, "edit_client"),
            (ui.actionDeleteClient, "delete"),
            (ui.actionTrash, "trash"),
            (ui.actionFind, "find"),
            (ui.actionAbout, "about"),
        ):
            action.setIcon(icons.icon(name))

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("actionUndo")
        self.undo_action.setShortcuts(SK.Undo)
        self.undo_action.setIcon(icons.icon("undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("actionRedo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icons.icon("redo"))
        first = ui.menuEdit.actions()[0]
        ui.menuEdit.insertActions(first, [self.undo_action, self.redo_action])
        ui.menuEdit.insertSeparator(first)
        ui.mainToolBar.addSeparator()
        ui.mainToolBar.addAction(self.undo_action)
        ui.mainToolBar.addAction(self.redo_action)

        ui.actionNewFile.triggered.connect(self.new_file)
        ui.actionOpen.triggered.connect(self.choose_and_open)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionNewClient.triggered.connect(self.new_client)
        ui.actionEditClient.triggered.connect(lambda _checked=False: self.edit_client())
        ui.actionDeleteClient.triggered.connect(self.delete_clients)
        ui.actionTrash.triggered.connect(self.show_trash)
        ui.actionFind.triggered.connect(self.focus_search)
        ui.actionClearFilters.triggered.connect(self.clear_filters)
        ui.actionAbout.triggered.connect(self.about)
        ui.menuRecent.aboutToShow.connect(self._fill_recent_menu)

        ui.menuEdit.addSeparator()
        self.catalogue_action = menu_action(
            ui.menuEdit,
            self,
            "actionCatalogue",
            self.tr("&Products and categories…"),
            self.tr("Products, categories and the revenue share by category"),
            self.show_catalogue,
        )
        self.business_action = menu_action(
            ui.menuEdit,
            self,
            "actionBusiness",
            self.tr("&Business identity…"),
            self.tr("Name, address, SIRET and logo printed on client sheets, cards and letters"),
            self.show_business,
        )

        group = QActionGroup(self)
        self._languages = {"auto": ui.actionLanguageAuto, "fr": ui.actionLanguageFrench, "en": ui.actionLanguageEnglish}
        current = self.settings.language()
        for code, action in self._languages.items():
            group.addAction(action)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))

    def _setup_table(self) -> None:
        table = self.ui.clientTable
        # A viewport made here, in Python: the one Qt makes is a QWidget PySide has never seen, and the
        # first viewport() asking for it walks every QWidget subclass to find its type (15–20 ms at start).
        table.setViewport(QWidget())
        table.setItemDelegate(ClientCellDelegate(table))  # one call into Python per cell painted, not seven
        vertical = table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        table.activated.connect(lambda _index: self.edit_client())
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        separator = QAction(self)
        separator.setSeparator(True)
        table.addActions([self.ui.actionEditClient, self.ui.actionDeleteClient, separator, self.ui.actionNewClient])

    def _second_filter_row(self) -> QHBoxLayout:
        """Filters by person and by figures go on a second row (the sales rep
        here, status and RFM segment from the analysis menu): one row of seven
        filters would not fit a laptop screen."""
        ui = self.ui
        row = QHBoxLayout()
        row.setObjectName("filterLayout2")
        for widget in (ui.repLabel, ui.repCombo):
            ui.filterLayout.removeWidget(widget)
            row.addWidget(widget)
        row.addStretch(1)
        ui.centralLayout.insertLayout(ui.centralLayout.indexOf(ui.filterLayout) + 1, row)
        return row

    def _narrow_filters(self) -> None:
        """Filter combos sized for about ten letters, not their longest item."""
        # direct children only: the combos' own inner widgets would be wrapped (and typed) for nothing
        for combo in self.ui.centralwidget.findChildren(QComboBox, options=Qt.FindChildOption.FindDirectChildrenOnly):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.ui.searchEdit.setMinimumWidth(160)

    def _setup_filters(self) -> None:
        ui = self.ui
        ui.searchEdit.textChanged.connect(lambda _text: self._search_timer.start())
        ui.searchEdit.returnPressed.connect(self.apply_filters)
        ui.stageCombo.addItem(self.tr("All"), None)
        for code, text in labels.stages().items():
            ui.stageCombo.addItem(text, code)
        for combo in (ui.stageCombo, ui.cityCombo, ui.tagCombo, ui.repCombo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self._fill_filter_lists()

    def _fill_filter_lists(self) -> None:
        """Cities, tags and reps of the open file (the current choice kept)."""
        ui = self.ui
        store = self.store
        self._fill_combo(ui.cityCombo, self.tr("All"), [(c, c) for c in (store.cities() if store else [])])
        self._fill_combo(ui.tagCombo, self.tr("All"), [(t, t) for t in (store.all_tags() if store else [])])
        reps = [(0, self.tr("(none)"))] + [(r["id"], r["name"]) for r in (store.reps() if store else [])]
        self._fill_combo(ui.repCombo, self.tr("All"), reps)

    @staticmethod
    def _fill_combo(combo, all_text: str, items: list[tuple]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for value, text in items:
            combo.addItem(text, value)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if current is not None and found < 0:  # the chosen city or tag is gone
            combo.currentIndexChanged.emit(0)

    def _restore_window(self) -> None:
        geometry = self.settings.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state("state")
        if state is not None:
            self.restoreState(state)

    # -- files -----------------------------------------------------------------
    def open_file(self, path: Path | str, *, create: bool = False, remember: bool = True) -> bool:
        """Open a client file (or a server's postgresql:// URL); on failure say why in French and keep
        the current one."""
        path = path if is_server_url(path) else Path(path)
        error = self._try_open(path, create=create, remember=remember)
        if error is None:
            return True
        if isinstance(error, FileMissing):
            self.settings.remove_recent(path)
        from crmdesk.gui.file import damaged_file  # (here: only a failed opening needs it)

        if not isinstance(error, damaged_file.Told):  # the damaged file dialog said it already
            messages.error(self, self.tr("Cannot open the client file"), str(error))
        return False

    def _try_open(self, path: Path | str, *, create: bool = False, remember: bool = True) -> CrmError | None:
        """Open `path` (the same checks whichever way it is opened: start-up, File › Open,
        the recent files, the command line). A damaged file is never opened for writing
        (damaged_file.py); a file on read-only media opens read-only (file_state.py).
        A server's URL: gui/server/connect_dialog.py (the password asked when needed)."""
        if is_server_url(path):
            from crmdesk.gui.server.connect_dialog import connect
            from crmdesk.store.server.url import without_password

            if self.database is not None and location(self.database) == without_password(path):
                return None  # already open
            opened = connect(self, path)
            return opened if isinstance(opened, CrmError) else self.show_database(opened, remember=remember)
        if self.database is not None and path.expanduser().resolve() == self.database.path:
            return None
        try:
            try:
                database = migration_dialog.open_database(self, path, create=create, check=health.AUTO)
            except ReadOnlyFile:
                if create or not Path(path).expanduser().exists():
                    raise
                database = Database(path, writer=False)
        except (DamagedFile, NotCrmdeskFile) as exc:  # NotCrmdeskFile: damaged when it has backups
            return self._recover(Path(path), exc)
        except CrmError as exc:
            return exc
        return self.show_database(database, remember=remember)

    def _recover(self, path: Path, damage: DamagedFile | NotCrmdeskFile) -> CrmError | None:
        """A damaged file: set aside, its latest good backup offered (damaged_file.py, imported only then)."""
        from crmdesk.gui.file import damaged_file

        return damaged_file.recover(self, path, damage)

    def show_database(self, database: Database, *, remember: bool = True) -> CrmError | None:
        """Let go of the file shown and show `database` (opened already, for writing or not):
        a new session, the table, every feature told."""
        self._close_database()
        self.session = Session(database, self.undo_stack, today=self.clock, parent=self)
        self.session.contactsChanged.connect(self._changed)
        self.session.ordersChanged.connect(self._orders_changed)
        self.session.failed.connect(self._failed)
        self.session.figuresChanged.connect(self._figures_changed)
        self.database = database
        self.store = self.session.contacts
        self.path = database.path
        self.undo_stack.clear()
        self._reset_filter_widgets()  # another file: no hidden filter left over
        try:
            # the in-memory listing reads a file's pages; a server searches and sorts by its own indexes
            self._set_model(ClientTableModel(self.store, ContactQuery(), self, listing=not is_server(database)))
            self._fill_filter_lists()
            self._recount()
        except sqlite3.DatabaseError as exc:  # a big file, opened on its structure: a damaged page met
            if not health.is_damage(exc):
                raise
            self._close_database()
            self._update_actions()
            return self._recover(database.path, damaged(database.path, str(exc)))
        if remember:
            self.settings.add_recent(location(database))
            self.settings.set_last_file(location(database))
            self.setWindowTitle(self.tr("%1 — crmdesk").replace("%1", shown_name(database)))
        for feature in self.features:
            feature.on_file_opened(self.session)
        if is_server(database):  # changes made on the other PCs (LISTEN/NOTIFY)
            from crmdesk.gui.server import listener

            listener.listen(self, self.session)
        self.fileOpened.emit(database.path)
        return None

    def open_first(self, path: Path | None, default: Path) -> bool:
        """At start-up: the given file, else the last one, else the default (created).

        When the file cannot be used, offer to open another one or to quit.
        """
        if path is None:
            last = self.settings.last_file()
            known = last is not None and (is_server_url(last) or last.exists())
            path, create = (last, False) if known else (default, True)
        else:
            create = False
        while True:
            error = self._try_open(path if is_server_url(path) else Path(path), create=create)
            if error is None:
                return True
            other = messages.ask_open_other(
                self,
                self.tr("Cannot open the client file"),
                str(error),
                self.tr("&Open another file…"),
                self.tr("&Quit"),
            )
            if not other:
                return False
            chosen = self._ask_open_path()
            if chosen is not None:
                path, create = chosen, False

    def open_demo(self, name: str) -> bool:
        """Build a fresh copy of a demo file in a temporary folder and open it."""
        from crmdesk import demo as demo_files  # only for demos: keeps start-up light

        folder = Path(tempfile.mkdtemp(prefix="crmdesk-demo-"))
        self._temp_dirs.append(folder)
        target = folder / f"{name}.sqlite"
        try:
            demo_files.build(name, target)
        except (CrmError, OSError, ValueError, KeyError, AttributeError) as exc:
            messages.error(self, self.tr("Cannot build the demo file"), str(exc))
            return False
        if not self.open_file(target, remember=False):
            return False
        self.setWindowTitle(self.tr("Demo %1 (copy) — crmdesk").replace("%1", DEMO_NAMES.get(name, name)))
        return True

    def _ask_open_path(self) -> Path | None:
        start = str(self.path.parent) if self.path else folders.in_documents()
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open a client file"), start, self._file_filter())
        return Path(name) if name else None

    def _file_filter(self) -> str:
        return self.tr("crmdesk client files (*.sqlite);;All files (*)")

    def choose_and_open(self) -> None:
        path = self._ask_open_path()
        if path is not None:
            self.open_file(path)

    def new_file(self) -> None:
        start = str(self.path.parent) if self.path else folders.in_documents()
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New client file"),
            start,
            self._file_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(FILE_FILTER_EXT)
        if path.exists():
            messages.error(
                self,
                self.tr("New client file"),
                self.tr("« %1 » already exists: use File > Open to open it.").replace("%1", path.name),
            )
            return
        self.open_file(path, create=True)

    def _fill_recent_menu(self) -> None:
        menu = self.ui.menuRecent
        menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, start=1):
            action = menu.addAction(f"&{number} {path if is_server_url(path) else path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not files:
            menu.addAction(self.tr("(none)")).setEnabled(False)

    def _close_database(self) -> None:
        if self.session is not None:  # (no file, no form: not a walk of every widget at start-up)
            from crmdesk.gui.common import form_dialog

            form_dialog.settle_forms(self, can_continue=False)  # saved or dropped while the file is open
        path = self.database.path if self.database is not None else None
        if self.database is not None:  # a server database's path: None
            self.fileClosing.emit(path)
        self.file_state.stop()  # a background check of the file under way
        self.figures.stop()  # its worker writes to this file
        if self.trash_dialog is not None:
            self.trash_dialog.close()
        if self.catalogue_dialog is not None:
            self.catalogue_dialog.close()
        if self.client_dialog is not None:
            self.client_dialog.close()
        if self.model is not None:
            self.model.stop_listing()
            self.ui.clientTable.setModel(None)
            self.model.deleteLater()
            self.model = None
        if self.database is not None:
            self.database.close()
            self.database = None
            self.store = None
        if self.session is not None:
            self.session.deleteLater()
            self.session = None
            for feature in self.features:
                feature.on_file_closed()
        if path is not None:
            self.fileClosed.emit(path)

    # -- table -----------------------------------------------------------------
    def _set_model(self, model: ClientTableModel) -> None:
        table = self.ui.clientTable
        header = table.horizontalHeader()
        # The header forgets its sections with a new model: carry them over.
        state = header.saveState() if self.model is not None else self.settings.window_state("header")
        self.model = model
        table.setModel(model)
        if state is None or not header.restoreState(state):
            for key, width in _WIDTHS.items():
                table.setColumnWidth(COLUMN_KEYS.index(key), width)
            header.setSortIndicator(COLUMN_KEYS.index("name"), Qt.SortOrder.AscendingOrder)
        table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        table.selectionModel().selectionChanged.connect(self._update_actions)
        table.selectionModel().currentRowChanged.connect(self._update_actions)
        model.keep_selection_of(table)  # across a re-sort
        self._update_actions()

    def _selected_rows(self) -> list[int]:
        rows: set[int] = set()
        for part in self.ui.clientTable.selectionModel().selection():
            rows.update(range(part.top(), part.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        """The selected contacts, in table order (reads their pages)."""
        if self.model is None:
            return []
        return [i for i in (self.model.contact_id(r) for r in self._selected_rows()) if i is not None]

    def current_id(self) -> int | None:
        """The contact the user is on: the current row if selected, else the first selected."""
        if self.model is None:
            return None
        table = self.ui.clientTable
        selection = table.selectionModel()
        current = table.currentIndex()
        if current.isValid() and selection.isRowSelected(current.row()):
            return self.model.contact_id(current.row())
        tops = [part.top() for part in selection.selection()]
        return self.model.contact_id(min(tops)) if tops else None

    def select_contact(self, contact_id: int) -> bool:
        """Make a contact the current row (False when the filters hide it)."""
        row = self.model.row_of_id(contact_id) if self.model else None
        if row is None:
            return False
        table = self.ui.clientTable
        index = self.model.index(row, 0)
        table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        table.scrollTo(index)
        return True

    @property
    def orders(self) -> OrderStore | None:
        """The open file's orders (their store is built when first needed, not at start-up)."""
        return self.session.orders if self.session is not None else None

    @property
    def writable(self) -> bool:
        """A file is open and may be changed (not on read-only media, its check done: file_state.py)."""
        return self.database is not None and self.database.writable

    def _update_actions(self, *_args) -> None:
        has_file = self.store is not None
        can_write = has_file and self.writable
        selected = has_file and self.model is not None and self.ui.clientTable.selectionModel().hasSelection()
        self.ui.actionNewClient.setEnabled(can_write)
        self.ui.actionEditClient.setEnabled(selected)
        self.ui.actionDeleteClient.setEnabled(selected and can_write)
        self.ui.actionTrash.setEnabled(can_write)
        self.catalogue_action.setEnabled(has_file)
        self.business_action.setEnabled(can_write)

    # -- search and filters ------------------------------------------------------
    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def _query_from_filters(self, base: ContactQuery) -> ContactQuery:
        ui = self.ui
        query = base.with_(
            search=ui.searchEdit.text(),
            stage=ui.stageCombo.currentData(),
            city=ui.cityCombo.currentData(),
            tag=ui.tagCombo.currentData(),
            rep_id=ui.repCombo.currentData(),
        )
        return self.dashboard.query(query)  # the clients behind a dashboard bar, if one was clicked

    def apply_filters(self) -> None:
        self._search_timer.stop()
        if self.model is None:
            return
        keep = self.current_id()
        self.model.set_query(self._query_from_filters(self.model.query))
        if keep is not None:
            self.select_contact(keep)
        self._show_count()
        self._update_actions()

    def clear_filters(self) -> None:
        self._reset_filter_widgets()
        self.apply_filters()

    def _reset_filter_widgets(self) -> None:
        ui = self.ui
        self.dashboard.forget_filter()
        for widget in (ui.stageCombo, ui.cityCombo, ui.tagCombo, ui.repCombo, ui.searchEdit):
            widget.blockSignals(True)
        for combo in (ui.stageCombo, ui.cityCombo, ui.tagCombo, ui.repCombo):
            combo.setCurrentIndex(0)
        ui.searchEdit.clear()
        self._search_timer.stop()
        for widget in (ui.stageCombo, ui.cityCombo, ui.tagCombo, ui.repCombo, ui.searchEdit):
            widget.blockSignals(False)

    def _recount(self) -> None:
        if self.model is not None and self.model.query.with_(sort="name", descending=False) == ContactQuery():
            self._all_count = self.model.total()  # no filter: the table's count is the total
        else:
            self._all_count = self.store.count(ContactQuery()) if self.store else 0
        self._show_count()

    def _show_count(self) -> None:
        shown = self.model.total() if self.model else 0
        total = labels.number(self._all_count)
        if shown == 0:
            text = self.tr("No client shown out of %1").replace("%1", total)
        elif shown == 1:
            text = self.tr("1 client shown out of %1").replace("%1", total)
        else:
            text = self.tr("%1 clients shown out of %2").replace("%1", labels.number(shown)).replace("%2", total)
        self.count_label.setText(text)

    # -- changes (all undoable) ------------------------------------------------------
    def _changed(self, ids: list[int]) -> None:
        """After a command (done, undone, redone): show the file as it is now."""
        if self.model is None:
            return
        keep = ids[0] if ids else self.current_id()
        self.model.refresh()
        self._refresh_filter_lists(ids)
        self._recount()
        if keep is None or not self.select_contact(keep):
            self.ui.clientTable.clearSelection()
        self._update_actions()
        self.contactsChanged.emit(list(ids))

    def _refresh_filter_lists(self, ids: list[int]) -> None:
        """New cities or tags appear in the filters (cheap: only when one is missing)."""
        ui = self.ui
        for contact_id in ids[:20]:
            row = self.store.get(contact_id)
            if row is None:
                continue
            missing_city = row["city"] and ui.cityCombo.findText(row["city"]) < 0
            missing_tag = any(ui.tagCombo.findData(t) < 0 for t in row["tags"])
            if missing_city or missing_tag:
                self._fill_filter_lists()
                return

    def _figures_changed(self) -> None:
        self.analysis.figures_changed()

    def _failed(self, error: CrmError) -> None:
        messages.error(self, self.tr("The change could not be replayed"), str(error))

    def new_client(self) -> ClientDialog | None:
        if self.store is None:
            return None
        from crmdesk.gui.clients.client_dialog import ClientDialog

        return self._show_dialog(
            ClientDialog(
                self.session, None, self, printing=self.printing, complaints=self.complaints, outreach=self.outreach
            )
        )

    def edit_client(self, contact_id: int | None = None) -> ClientDialog | None:
        contact_id = contact_id if contact_id is not None else self.current_id()
        if self.store is None or contact_id is None:
            return None
        from crmdesk.gui.clients.client_dialog import ClientDialog

        return self._show_dialog(
            ClientDialog(
                self.session,
                contact_id,
                self,
                printing=self.printing,
                complaints=self.complaints,
                outreach=self.outreach,
            )
        )

    def _orders_changed(self, contact_id: int) -> None:
        """After an order command (done, undone, redone): the table, an open
        sheet of that client, the catalogue's figures, then ordersChanged."""
        self._changed([contact_id])
        dialog = self.client_dialog
        tab = dialog.orders_tab if dialog is not None else None
        if tab is not None and tab.contact_id == contact_id:
            tab.refresh()
        if self.catalogue_dialog is not None:
            self.catalogue_dialog.refresh()
        self.ordersChanged.emit(contact_id)

    def show_catalogue(self) -> CatalogueDialog | None:
        """« Products and categories… »: not modal, one at a time."""
        if self.orders is None:
            return None
        if self.catalogue_dialog is None:
            from crmdesk.gui.orders.catalogue_dialog import CatalogueDialog

            keep_dialog(self, "catalogue_dialog", CatalogueDialog(self.orders, self))
        self.catalogue_dialog.show()
        self.catalogue_dialog.raise_()
        return self.catalogue_dialog

    def _show_dialog(self, dialog: ClientDialog) -> ClientDialog:
        keep_dialog(self, "client_dialog", dialog)
        dialog.saved.connect(lambda _id: self.ui.statusbar.showMessage(self.tr("Client saved."), 5000))
        dialog.open()
        return dialog

    def delete_clients(self) -> None:
        ids = self.selected_ids()
        if not ids or self.store is None:
            return
        if len(ids) == 1:
            row = self.store.get(ids[0])
            text = self.tr("Delete %1").replace("%1", display_name(row) if row else "")
        else:
            text = self.tr("Delete %1 clients").replace("%1", labels.number(len(ids)))
        from crmdesk.gui.clients.commands import TrashContacts

        if not self._perform(TrashContacts(self.store, ids, text, self._changed, self._failed), self.tr("Delete")):
            return
        self.ui.statusbar.showMessage(self.tr("Moved to the trash (Ctrl+Z to undo, Edit > Trash to restore)."), 8000)

    def restore_clients(self, ids: list[int]) -> None:
        if not ids or self.store is None:
            return
        text = (
            self.tr("Restore %1 clients").replace("%1", labels.number(len(ids)))
            if len(ids) > 1
            else self.tr("Restore a client")
        )
        from crmdesk.gui.clients.commands import RestoreContacts

        self._perform(RestoreContacts(self.store, ids, text, self._changed, self._failed), self.tr("Restore"))

    def _perform(self, command, title: str) -> bool:
        """Do `command`, then push it for undo; a refusal is told in a message box (nothing pushed)."""
        try:
            command.perform()
        except CrmError as exc:
            messages.error(self, title, str(exc))
            return False
        self.undo_stack.push(command)
        return True

    def show_business(self):
        """The business identity dialog of the open file (None without a file)."""
        if self.database is None:
            return None
        from crmdesk.gui.printing.business_dialog import BusinessDialog

        dialog = BusinessDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda _identity: self.statusBar().showMessage(
                self.tr("Business identity saved: it heads the next prints."), 5000
            )
        )
        dialog.open()
        return dialog

    def show_trash(self) -> TrashDialog | None:
        if self.store is None:
            return None
        if self.trash_dialog is None:
            from crmdesk.gui.clients.trash_dialog import TrashDialog

            dialog = keep_dialog(self, "trash_dialog", TrashDialog(self.store, self.restore_clients, self))
            self.contactsChanged.connect(dialog.refresh)
            dialog.emptied.connect(lambda _result: (self.undo_stack.clear(), self._changed([])))
        self.trash_dialog.show()
        self.trash_dialog.raise_()
        return self.trash_dialog

    # -- view, help ---------------------------------------------------------------
    def set_language(self, code: str) -> None:
        self.settings.set_language(code)
        self.ui.statusbar.showMessage(self.tr("The new language will be used the next time crmdesk starts."), 10000)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About crmdesk"),
            self.tr(
                "<h3>crmdesk %1</h3><p>The client file of a small business, kept on this computer, "
                "offline.</p><p>Numbers, dates and amounts are shown the French way.</p>"
            ).replace("%1", crmdesk.__version__),
        )

    # -- closing -----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        from crmdesk.gui.common import form_dialog  # (the forms' module: not before the first paint)

        if not form_dialog.settle_forms(self):  # « Continuer la saisie »: the window stays
            event.ignore()
            return
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state("state", self.saveState())
        self.settings.set_window_state("header", self.ui.clientTable.horizontalHeader().saveState())
        self.settings.sync()
        for dialog in (self.client_dialog, self.trash_dialog, self.catalogue_dialog):
            if dialog is not None:
                dialog.close()
        self.dashboard.stop()
        self.manual.close()
        self._close_database()
        for folder in self._temp_dirs:
            shutil.rmtree(folder, ignore_errors=True)
        self._temp_dirs.clear()
        super().closeEvent(event)
