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
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from crmdesk.domain import rfm as rfm_rules
from crmdesk.domain import segments as status_rules
from crmdesk.domain.contact import display_name, format_phone
from crmdesk.domain.dates import format_date
from crmdesk.domain.money import format_eur
from crmdesk.gui import labels
from crmdesk.gui.table_model import ReadOnlyTableModel
from crmdesk.store.contacts import ContactQuery, ContactStore, Page

PAGE_SIZE = 200
MAX_PAGES = 48  # about 10,000 rows in memory at most
MAX_FOLLOWED = 8  # selected contacts kept selected across a sort

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SHOWN_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    key: str       # what the column shows (a LIST_COLUMNS name or « name »)
    sort: str      # the store's SORTS name


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

    def __init__(self, store: ContactStore, query: ContactQuery | None = None, parent=None,
                 page_size: int = PAGE_SIZE, max_pages: int = MAX_PAGES):
        super().__init__(parent)
        self.store = store
        self._query = query or ContactQuery()
        self.page_size = page_size
        self.max_pages = max_pages
        self._pages: OrderedDict[int, Page] = OrderedDict()
        self._count: int | None = None
        self.page_reads = 0  # how many pages were read from the file (for tests and benches)
        self._headers = (
            self.tr("Client no."), self.tr("Name"), self.tr("Company"), self.tr("Stage"),
            self.tr("Postal code"), self.tr("City"), self.tr("Phone"), self.tr("Email"),
            self.tr("First contact"), self.tr("Sales rep"),
            self.tr("Status"), self.tr("Revenue 12 months"), self.tr("Orders/year"), self.tr("Last order"),
            self.tr("RFM code"), self.tr("RFM segment"),
        )
        self._stages = labels.stages()
        self.figures_day = None   # the day of the figure columns (datetime.date), said in their tooltips

    # -- query -------------------------------------------------------------------
    @property
    def query(self) -> ContactQuery:
        return self._query

    def set_query(self, query: ContactQuery) -> None:
        if query == self._query:
            return
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
        if query.status is not None or query.rfm_segment is not None or query.rf is not None \
                or query.sort in _FIGURE_SORTS:
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
            return _RIGHT if index.column() in _RIGHT_COLUMNS else None
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
            shown = row["_shown"][column]
            return f"{shown}\n{self._figures_tip()}" if shown else self._figures_tip()
        return row["_shown"][column]

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
                return status_rules.LABELS.get(row["status"], row["status"])
            return status_rules.OUTSIDE_LABEL if row.get("figures_as_of") else ""
        if key == "revenue_year_cents":
            return format_eur(row[key])
        if key == "rfm_segment":
            segment = rfm_rules.SEGMENTS.get(row[key] or "")
            return segment.label if segment else (row[key] or "")
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
        self._query = query
        self._pages.clear()  # the count does not change with the order
        # Follow the selected contacts to their new rows (one lookup per
        # contact, a few contacts at most: a big selection is dropped).
        wanted = list(dict.fromkeys(i for i in ids if i is not None))
        rows = {i: self.row_of_id(i) for i in wanted} if len(wanted) <= MAX_FOLLOWED else {}
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

    def row_of_id(self, contact_id: int) -> int | None:
        """Where a contact is in the current listing (None when filtered out)."""
        for number, page in self._pages.items():
            for within, row in enumerate(page.rows):
                if row["id"] == contact_id:
                    return number * self.page_size + within
        return self.store.position(self._query, contact_id)

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
        plans = [(start, {"offset": start}),
                 (count - start - wanted, {"offset": count - start - wanted, "backwards": True})]
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
        page = self.store.page(self._query, wanted, **how)
        for row in page.rows:  # formatted once per read, not at every paint
            row["_shown"] = tuple(self._display(row, key) for key in COLUMN_KEYS)
        return page

