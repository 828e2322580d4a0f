"""The client table: a Qt model that reads the file page by page.

The model never holds the whole table. It knows the row count of the
current query (one count(*), cached) and keeps the last pages it read in a
small LRU. To read the page holding row r it starts from the cheapest
known place:

* the sort key of a loaded page just before or after it (keyset paging,
  `after=` / `backwards=True`, offset 0 when the pages touch);
* otherwise the nearer end of the listing: OFFSET r from the start, or,
  for the second half, reading backwards from the end with OFFSET
  count-1-r (so the last row costs as little as the first).

Whichever gives the smallest OFFSET wins, so a scroll to the end of a
million rows and back reads only the pages shown.

With `listing=True` (the main window) the model also builds the store's
in-memory listing (crmdesk/store/listing.py) in the background, a moment
after its first rows are shown, then each sort order the table asks for:
searches and re-sorts are then counted and paged in memory. A re-sort
whose order is not loaded yet shows at once (pages by key) and the
selected contacts of the view given to `keep_selection_of` are selected
again when the order arrives.

On a server (no in-memory listing: every count and page is SQL), a re-sort
shows at once too: where the selected contacts went (counting the rows
before each, up to a million index entries) is asked in a worker thread on
a connection of its own, and they are selected again when it answers.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)

from crmdesk.domain import rfm as rfm_rules
from crmdesk.domain import segments as status_rules
from crmdesk.domain.contact import display_name, format_phone
from crmdesk.domain.dates import format_date
from crmdesk.domain.money import format_eur
from crmdesk.gui.common import labels
from crmdesk.gui.common.table_model import ReadOnlyTableModel
from crmdesk.gui.common.worker import Task, reader
from crmdesk.store.contacts import ContactQuery, ContactStore, NotInMemory, Page
from crmdesk.store.server import on_server

PAGE_SIZE = 50  # a screenful or two: a page read is 50 rows by key, or by id from memory
MAX_PAGES = 32  # 1,600 rows in memory at most
MAX_FOLLOWED = 8  # selected contacts kept selected across a sort
LISTING_DELAY_MS = 300  # the in-memory listing is built this long after the first rows are shown

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SHOWN_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    key: str  # what the column shows (a LIST_COLUMNS name or « name »)
    sort: str  # the store's SORTS name


COLUMNS = (
    Column("code", "code"),
    Column("name", "name"),
    Column("company", "company"),
    Column("stage", "stage"),
    Column("postal_code", "postal_code"),
    Column("city", "city"),
    Column("phone", "phone"),
    Column("email", "email"),
    Column("first_contact", "first_contact"),
    Column("rep_name", "rep"),
    # behavioural figures (db/002), kept at today by gui/figures_refresh.py
    Column("status", "status"),
    Column("revenue_year_cents", "revenue"),
    Column("orders_year", "orders_year"),
    Column("last_order", "last_order"),
    Column("rfm_code", "rfm_code"),
    Column("rfm_segment", "rfm_segment"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
NUMERIC_KEYS = frozenset(("revenue_year_cents", "orders_year"))
_RIGHT_COLUMNS = frozenset(i for i, key in enumerate(COLUMN_KEYS) if key in NUMERIC_KEYS)
FIGURE_KEYS = ("status", "revenue_year_cents", "orders_year", "last_order", "rfm_code", "rfm_segment")
_FIGURE_COLUMNS = frozenset(i for i, key in enumerate(COLUMN_KEYS) if key in FIGURE_KEYS)
_FIGURE_SORTS = frozenset(c.sort for c in COLUMNS if c.key in FIGURE_KEYS)


def _index_of(key: str) -> int:
    return COLUMN_KEYS.index(key)


class ClientTableModel(ReadOnlyTableModel):
    """Contacts matching a ContactQuery, read by pages as the view asks."""

    def __init__(
        self,
        store: ContactStore,
        query: ContactQuery | None = None,
        parent=None,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
        listing: bool = False,
    ):
        super().__init__(parent)
        self.store = store
        self._query = query or ContactQuery()
        self.page_size = page_size
        self.max_pages = max_pages
        self._pages: OrderedDict[int, Page] = OrderedDict()
        self._count: int | None = None
        self.page_reads = 0  # how many pages were read from the file (for tests and benches)
        self._headers = (
            self.tr("Client no."),
            self.tr("Name"),
            self.tr("Company"),
            self.tr("Stage"),
            self.tr("Postal code"),
            self.tr("City"),
            self.tr("Phone"),
            self.tr("Email"),
            self.tr("First contact"),
            self.tr("Sales rep"),
            self.tr("Status"),
            self.tr("Revenue 12 months"),
            self.tr("Orders/year"),
            self.tr("Last order"),
            self.tr("RFM code"),
            self.tr("RFM segment"),
        )
        self._stages = labels.stages()
        self._view = None  # whose selection a re-sort keeps
        # after a re-sort: (its query, selected ids, current id) to select once the order is loaded
        self._follow: tuple[ContactQuery, list[int], int | None] | None = None
        self._locating: list[Task] = []  # on a server: where a re-sort's selected contacts went
        self.builder = ListingBuilder(store, self) if listing else None
        if self.builder is not None:
            self.builder.attached.connect(self._listing_attached)
        self.figures_day = None  # the day of the figure columns (datetime.date), said in their tooltips

    # -- query -------------------------------------------------------------------
    @property
    def query(self) -> ContactQuery:
        return self._query

    def set_query(self, query: ContactQuery) -> None:
        if query == self._query:
            return
        if self.builder is not None and query.search != self._query.search:
            self.builder.new_search()
        self.beginResetModel()
        self._query = query
        self._drop_cache()
        self.endResetModel()

    def refresh(self) -> None:
        """Forget what was read: the file changed."""
        self.beginResetModel()
        self._drop_cache()
        self.endResetModel()

    def set_figures_day(self, day) -> None:
        self.figures_day = day
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, min(_FIGURE_COLUMNS), max(_FIGURE_COLUMNS))

    def refresh_figures(self) -> None:
        """The figures of the file changed, not its contacts: the rows are read again
        in place (the view keeps its place); a filter or a sort on a figure can
        change the rows themselves: then everything is read again."""
        query = self._query
        if (
            query.status is not None
            or query.rfm_segment is not None
            or query.rf is not None
            or query.sort in _FIGURE_SORTS
        ):
            self.refresh()
            return
        self._pages.clear()
        if self.total():
            self.dataChanged.emit(self.index(0, 0), self.index(self.total() - 1, len(COLUMNS) - 1))

    def _figures_tip(self) -> str:
        return self.tr("Figures as of %1").replace("%1", format_date(self.figures_day.isoformat()))

    def _drop_cache(self) -> None:
        self._pages.clear()
        self._count = None

    def total(self) -> int:
        if self._count is None:
            self._count = self.store.count(self._query)
        return self._count

    def sort_column(self) -> int:
        for i, column in enumerate(COLUMNS):
            if column.sort == self._query.sort:
                return i
        return _index_of("name")

    # -- Qt model ------------------------------------------------------------------
    def _row_count(self) -> int:
        return self.total()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole and section in _FIGURE_COLUMNS and self.figures_day:
                return self._figures_tip()
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return labels.number(section + 1)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Called for every cell and role at each paint: keep it to lookups.
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(index.column())
        if role not in _SHOWN_ROLES or not index.isValid():
            return None
        row = self.row(index.row())
        if row is None:
            return None
        if role == ID_ROLE:
            return row["id"]
        column = index.column()
        if not 0 <= column < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column in _FIGURE_COLUMNS and self.figures_day:
            shown = self._shown(row)[column]
            return f"{shown}\n{self._figures_tip()}" if shown else self._figures_tip()
        return self._shown(row)[column]

    def shown(self, r: int, column: int) -> str | None:
        """The text of a cell (data()'s DisplayRole, for the table's delegate)."""
        row = self.row(r)
        return None if row is None else self._shown(row)[column]

    @staticmethod
    def alignment(column: int) -> Qt.AlignmentFlag | None:
        """A cell's alignment (data()'s TextAlignmentRole): figures on the right."""
        return _RIGHT if column in _RIGHT_COLUMNS else None

    def _shown(self, row: dict) -> tuple:
        shown = row.get("_shown")
        if shown is None:  # formatted when first shown, not for the whole page read
            shown = row["_shown"] = tuple(self._display(row, key) for key in COLUMN_KEYS)
            if self.builder is not None:
                self.builder.start_later()
        return shown

    def _display(self, row: dict, key: str) -> str:
        if key == "name":
            return display_name(row)
        if key == "stage":
            return self._stages.get(row["stage"], row["stage"])
        if key == "phone":
            return format_phone(row["phone"])
        if key in ("first_contact", "last_order"):
            return format_date(row[key])
        if key == "status":
            if row["status"]:
                return labels.shown(status_rules.LABELS.get(row["status"], row["status"]))
            return labels.shown(status_rules.OUTSIDE_LABEL) if row.get("figures_as_of") else ""
        if key == "revenue_year_cents":
            return format_eur(row[key])
        if key == "rfm_segment":
            segment = rfm_rules.SEGMENTS.get(row[key] or "")
            return labels.shown(segment.label) if segment else (row[key] or "")
        value = row.get(key)
        return "" if value is None else str(value)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = self._query.with_(sort=COLUMNS[column].sort, descending=descending)
        if query == self._query:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.contact_id(i.row()) for i in persistent]
        kept = self._selection()
        self._query = query
        self._pages.clear()  # the count does not change with the order
        # Follow the selected contacts to their new rows (one lookup per
        # contact, a few contacts at most: a big selection is dropped). When
        # only SQL could tell (counting up to a million index entries), the
        # view's selection is made again once the order is loaded.
        wanted = list(dict.fromkeys(i for i in ids if i is not None))
        rows, later = {}, False
        quick = self.builder is not None or on_server(self.store.database)
        for contact_id in wanted if len(wanted) <= MAX_FOLLOWED else ():
            try:
                rows[contact_id] = self.row_of_id(contact_id, quick=quick)
            except NotInMemory:
                later = True
        self._follow = (query, *kept) if later and kept is not None else None
        if self._follow is not None and self.builder is None:
            self._locate_later(*self._follow)
        new = []
        for old, contact_id in zip(persistent, ids):
            row = rows.get(contact_id)
            new.append(self.index(row, old.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()

    # -- rows ------------------------------------------------------------------------
    def row(self, r: int) -> dict | None:
        """The listing row r (a dict of LIST_COLUMNS), reading its page if needed."""
        if not 0 <= r < self.total():
            return None
        number, within = divmod(r, self.page_size)
        page = self._page(number)
        return page.rows[within] if within < len(page.rows) else None

    def contact_id(self, r: int) -> int | None:
        row = self.row(r)
        return row["id"] if row else None

    def row_of_id(self, contact_id: int, *, quick: bool = False) -> int | None:
        """Where a contact is in the current listing (None when filtered out).
        quick: NotInMemory rather than a count in SQL."""
        for number, page in self._pages.items():
            for within, row in enumerate(page.rows):
                if row["id"] == contact_id:
                    return number * self.page_size + within
        if quick:
            return self.store.known_position(self._query, contact_id)
        return self.store.position(self._query, contact_id)

    # -- the in-memory listing ---------------------------------------------------------
    def listing_ready(self) -> bool:
        """Searches and the current sort are answered in memory."""
        index = self.store.index
        return index is not None and index.has(self._query.sort)

    def stop_listing(self) -> None:
        """Before the file closes: the background build stops."""
        if self.builder is not None:
            self.builder.stop()
        for task in self._locating:
            task.cancel()
            task.wait()
        self._locating.clear()

    def _locate_later(self, query: ContactQuery, selected: list[int], current: int | None) -> None:
        """On a server: the rows of a re-sort's selected contacts, counted in a worker (a
        statement on a server runs to its end: an earlier re-sort's answer is ignored)."""
        database = self.store.database
        ids = [i for i in dict.fromkeys([*selected, current]) if i is not None]

        def locate(job):
            with reader(database, job) as own:
                store = ContactStore(own)
                return {contact_id: store.position(query, contact_id) for contact_id in ids}

        task = Task(locate, self)
        task.finished.connect(lambda rows: self._select_followed(query, rows))
        task.done.connect(lambda: self._locating.remove(task))
        self._locating.append(task)
        task.start()

    def keep_selection_of(self, view) -> None:
        """The view whose selected clients stay selected across a re-sort."""
        self._view = view

    def _selection(self) -> tuple[list[int], int | None] | None:
        """The view's selected contacts (a few) and current one."""
        if self._view is None or self._view.selectionModel() is None:
            return None
        selection = self._view.selectionModel()
        parts = selection.selection()
        if sum(part.height() for part in parts) > MAX_FOLLOWED:
            return None
        rows = sorted({row for part in parts for row in range(part.top(), part.bottom() + 1)})
        current = selection.currentIndex()
        return (
            [i for i in map(self.contact_id, rows) if i is not None],
            self.contact_id(current.row()) if current.isValid() else None,
        )

    def _listing_attached(self) -> None:
        """An order arrived: select again what a re-sort could not follow,
        unless the user chose other rows meanwhile."""
        if self._follow is None or self._follow[0] != self._query or self._view is None:
            return
        _query, selected, current = self._follow
        try:
            rows = {i: self.row_of_id(i, quick=True) for i in dict.fromkeys([*selected, current]) if i is not None}
        except NotInMemory:
            return  # not this sort's order yet
        self._select_followed(_query, rows)

    def _select_followed(self, query: ContactQuery, rows: dict[int, int | None]) -> None:
        """Select again the contacts a re-sort could not follow at once, now at `rows`
        (contact id -> row), unless the order changed or the user chose other rows meanwhile."""
        if self._follow is None or self._follow[0] != query or query != self._query or self._view is None:
            return
        _query, selected, current = self._follow
        self._follow = None
        current_row = rows.get(current) if current is not None else None
        selection = self._view.selectionModel()
        if selection.hasSelection():
            return
        chosen = QItemSelection()
        for row in (rows[i] for i in selected if rows.get(i) is not None):
            chosen.select(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        selection.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if current_row is not None:
            selection.setCurrentIndex(self.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def loaded_pages(self) -> list[int]:
        return list(self._pages)

    def _page(self, number: int) -> Page:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._read(number)
        self._pages[number] = page
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        return page

    def _read(self, number: int) -> Page:
        size = self.page_size
        count = self.total()
        start = number * size
        wanted = min(size, count - start)
        # (offset, keyword arguments of ContactStore.page): the cheapest wins.
        plans = [
            (start, {"offset": start}),
            (count - start - wanted, {"offset": count - start - wanted, "backwards": True}),
        ]
        for other, page in self._pages.items():
            if not page.keys:
                continue
            if other < number:
                skip = start - (other * size + len(page.rows))
                plans.append((skip, {"after": page.keys[-1], "offset": skip}))
            else:
                skip = other * size - (start + wanted)
                plans.append((skip, {"after": page.keys[0], "offset": skip, "backwards": True}))
        _, how = min((p for p in plans if p[0] >= 0), key=lambda p: p[0])
        self.page_reads += 1
        return self.store.page(self._query, wanted, **how)


class ListingBuilder(QObject):
    """Builds the store's in-memory listing in a worker thread (a read-only
    connection of its own: the window goes on) and attaches it: first the
    search texts and the name's order (and the current sort's), then each
    order the index says is `wanted`, a new index when it turned `stale`
    (too much changed at once), the shown matches grouped by the letter
    that follows the word being typed (`to_read`: the next keystroke looks
    them up), and after 2 letters the counts of the words of 3 letters they
    start and the matches of the likeliest (`to_count`). A failure leaves
    the SQL listing."""

    attached = Signal()

    def __init__(self, store: ContactStore, model: ClientTableModel):
        super().__init__(model)
        self.store = store
        self.model = model
        self.task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._next)
        self._stopped = False
        self._ahead = False  # the task under way reads ahead for the shown search
        application = QCoreApplication.instance()
        if application is not None:  # a build under way ends before the application does
            application.aboutToQuit.connect(self.stop)

    def start_later(self) -> None:
        """After the first rows are painted: the build should not delay them."""
        if self.store.index is None and self.task is None and not self._timer.isActive() and not self._stopped:
            self._timer.start(LISTING_DELAY_MS)

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
            self.task = None

    def _next(self) -> None:
        if self._stopped or (self.task is not None and self.task.is_running()):
            return
        index, database = self.store.index, self.store.database
        if index is None or index.stale:
            sorts = ("name", self.model.query.sort)
            self._run(lambda job: _build_index(database, sorts, job), self._attach_index)
        elif self.model.query.sort in index.wanted:  # the sorts clicked past meanwhile are not loaded
            sort = self.model.query.sort
            index.wanted.clear()
            self._run(
                lambda job: _read_order(database, sort, job), lambda found: self._attach_order(index, sort, found)
            )
        elif index.to_read is not None:
            ahead, seq = index.to_read, index.seq
            index.to_read = None
            self._run(
                lambda job: _read_ahead(database, index, ahead, seq, job),
                lambda found: found is not None and self.store.index is index and index.adopt(ahead, seq, found),
                ahead=True,
            )
        elif index.to_count is not None:
            words, index.to_count = index.to_count, None
            self._run(
                lambda job: _read_words(database, index, words, job),
                lambda found: (
                    found is not None and self.store.index is index and index.adopt_counts(words.prefix, found)
                ),
                ahead=True,
            )
        else:
            index.wanted.clear()

    def new_search(self) -> None:
        """Another search typed: what was being read ahead for the last one
        is moot, and would take the window's time while it searches."""
        if self.task is not None and self._ahead:
            self.task.cancel()

    def _run(self, compute, attach, ahead: bool = False) -> None:
        self._ahead = ahead
        self.task = Task(compute, self)
        self.task.finished.connect(attach)
        self.task.done.connect(self._done)
        self.task.start()

    def _done(self) -> None:
        self.task = None
        if not self._stopped:
            QTimer.singleShot(0, self._next)

    def _attach_index(self, index) -> None:
        index.on_want = lambda: QTimer.singleShot(0, self._next)
        self.store.index = index
        self.attached.emit()

    def _attach_order(self, index, sort: str, found) -> None:
        if self.store.index is index and not index.stale:
            index.add_order(sort, *found)
            self.attached.emit()


def _build_index(database, sorts, job):
    from crmdesk.store.listing import ContactIndex  # numpy: here, in the worker

    with reader(database, job) as own:
        return ContactIndex.build(own.conn, sorts, job.check)


def _read_ahead(database, index, ahead, seq: int, job):
    with _ahead_work():
        if ahead.ids is not None:  # the matches known: only the texts in memory are read
            return index.read_ahead(None, ahead, seq, job.check)
        with reader(database, job) as own:
            return index.read_ahead(own.conn, ahead, seq, job.check)
    return None


def _read_words(database, index, words, job):
    with _ahead_work(), reader(database, job) as own:
        return index.read_words(own.conn, words, job.check)
    return None


@contextmanager
def _ahead_work():
    """What a worker reads ahead for the next keystroke: nothing (None) when
    the window changed the texts meanwhile (adopt() would refuse it); its
    temporary arrays given back after (the window's memory stays that of
    what it keeps)."""
    from crmdesk.store.listing import release_memory

    try:
        with suppress(KeyError, RuntimeError, IndexError):
            yield
    finally:
        release_memory()


def _read_order(database, sort: str, job):
    from crmdesk.store.listing import read_order

    with reader(database, job) as own:
        return read_order(own.conn, sort)
