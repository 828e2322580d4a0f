"""Import of orders (purchase history, docs/domain/02-orders.md) from a CSV, Excel or OpenDocument file.

Columns: client_code, date, amount, and optionally order_ref, channel, rep,
product, category, quantity, unit_price, lot (or their French and English names:
« code client », « montant », « réf commande », « canal », « produit »,
« order date »…), through the `Mapping` given or the one suggested from the
header (crmdesk.io.mapping); a column no field matches is ignored with a
warning in `ImportResult.notes`.

- Each row is an order, unless it has an order_ref: rows sharing a ref
  (anywhere in the file) are the lines of one order, whose amount is the sum
  of their amounts. They must agree on client, date, channel and rep.
- A row is a line of detail when it names a product, a category, a quantity,
  a unit price or a lot: amount = quantity × unit price − discount (a unit
  price giving more than the amount is a discount; less is an error). The
  lot (batch) number of what was sold is kept on the line (product recalls).
- Amounts in French (« 1 254,50 », « 1 254,50 € ») or with a dot
  (« 1254.50 »); dates dd/mm/yyyy or yyyy-mm-dd, not in the future.
- Channel: shop/boutique, web/site, phone/téléphone, home_party/réunion,
  fair/salon, opening/ouverture, or empty.
- Unknown client code: the row is rejected, unless `create_missing` creates
  a minimal client « À COMPLÉTER » with that code.
- An order_ref already in the file is rejected (importing the same file
  twice does not double the revenue); a rejected row rejects its whole
  order (a partial order would give a wrong amount).
- Rep, product and category names are found accent/case-blind, created when
  missing. A prospect who gets an order becomes a client.

Everything happens in one transaction; with `strict=True` nothing is written
when a row is rejected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from crmdesk.domain.dates import parse_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import parse_amount
from crmdesk.i18n import N_, _
from crmdesk.io.common import (
    PROGRESS_EVERY,
    ImportResult,
    ProgressHandler,
    Reject,
    RejectHandler,
    describe_source,
    synonym,
)
from crmdesk.io.mapping import ORDERS, Mapping, Resolved, suggest_mapping
from crmdesk.io.tabular import Table, open_table
from crmdesk.store import imports
from crmdesk.store.database import Database
from crmdesk.store.orders import CHANNELS, NewLine, NewOrder, OrderStore, clean_lot, line_for_amount

COLUMNS = ORDERS.fields
REQUIRED = ORDERS.required
HEADER_ALIASES = ORDERS.aliases  # known header names: crmdesk.io.mapping
_DETAIL = ("product", "category", "quantity", "unit_price", "lot")

CHANNEL_ALIASES = {
    "boutique": "shop",
    "magasin": "shop",
    "site": "web",
    "site_web": "web",
    "internet": "web",
    "en_ligne": "web",
    "telephone": "phone",
    "tel": "phone",
    "reunion": "home_party",
    "reunion_a_domicile": "home_party",
    "vente_a_domicile": "home_party",
    "salon": "fair",
    "foire": "fair",
    "salon_foire": "fair",
    "ouverture": "opening",
}
CHUNK = 2000


@dataclass
class _Row:
    line: int
    code: str
    date: str
    amount: int
    channel: str
    rep: str
    product: str
    category: str
    detail: NewLine | None
    cells: tuple[str, ...] = ()


@dataclass
class _Group:
    ref: str | None
    rows: list[_Row] = field(default_factory=list)
    exists: bool = False  # the ref is already in the client file
    bad_line: int | None = None  # a rejected row makes the whole order rejected


def parse_quantity(text: str) -> float:
    raw = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise CrmError(N_("quantité illisible « {text} »"), text=text) from None
    if not value > 0 or value != value or value == float("inf"):
        raise CrmError(N_("quantité « {text} » : il faut un nombre positif"), text=text)
    return value


class OrderImport:
    def __init__(
        self,
        database: Database,
        path: str | Path,
        *,
        create_missing: bool = False,
        strict: bool = False,
        on_reject: RejectHandler | None = None,
        on_progress: ProgressHandler | None = None,
        chunk_size: int = CHUNK,
        mapping: Mapping | None = None,
        sheet: str | None = None,
    ):
        self.database = database
        self.path = Path(path)
        self.mapping = mapping
        self.sheet = sheet
        self.create_missing = create_missing
        self.strict = strict
        self.on_reject = on_reject or (lambda reject: None)
        self.on_progress = on_progress
        self.chunk_size = chunk_size
        self.store = OrderStore(database)
        self.result = ImportResult("orders", self.path.name)
        self.today = dt.date.today()
        self._contacts: dict[str, int | None] = {}
        self._customers: set[int] = set()

    @staticmethod
    def resolve(header: list[str], file_name: str, mapping: Mapping | None = None) -> Resolved:
        """The columns to read (the mapping given, or the one suggested), or CrmError."""
        return (mapping or suggest_mapping(ORDERS, header)).resolve(header, file_name)

    def run(self) -> ImportResult:
        with open_table(self.path, sheet=self.sheet) as source:
            describe_source(self.result, source)
            resolved = self.resolve(source.header, self.path.name, self.mapping)
            source.require_rows()
            self.result.notes.extend(resolved.warnings)
            self.columns, self.labels = resolved.columns, resolved.labels
            self.width = len(source.header)
            try:
                with self.database.atomic():
                    self.result.batch_id = imports.start_batch(self.database, "orders", self.path.name)
                    self._stream(source)
                    imports.record_promotions(self.database, self.result.batch_id, self._customers)  # undo
                    self.result.promoted = self.store.promote_to_client(self._customers)
                    self.store.refresh_figures(self._customers)
                    if self.strict and self.result.rejected:
                        raise _Rollback
                    imports.finish_batch(
                        self.database,
                        self.result.batch_id,
                        rows_ok=self.result.inserted,
                        rows_rejected=self.result.rejected,
                        details={"lines": self.result.lines, "created_contacts": self.result.created_contacts},
                    )
            except _Rollback:
                self.result.rolled_back = True
                self.result.batch_id = None
        return self.result

    # -- reading -----------------------------------------------------------------------
    def _stream(self, source: Table) -> None:
        singles: list[_Group] = []
        groups: dict[str, _Group] = {}
        for row in source.rows():
            self.result.rows_read += 1
            if self.on_progress and self.result.rows_read % PROGRESS_EVERY == 0:
                self.on_progress(self.result.rows_read)
            values = {name: (row.cells[i].strip() if i < len(row.cells) else "") for i, name in self.columns}
            ref = " ".join(values.get("order_ref", "").split())
            group = None
            if ref:
                group = groups.get(ref)
                if group is None:
                    group = groups[ref] = _Group(ref, exists=bool(self.store.existing_refs([ref])))
                if group.exists:
                    self._reject(
                        row.line,
                        _("la commande « {ref} » est déjà dans le fichier clients (import déjà fait ?)", ref=ref),
                        row.cells,
                    )
                    continue
            try:
                if len(row.cells) > self.width and any(c.strip() for c in row.cells[self.width :]):
                    raise CrmError(
                        N_(
                            "{count} valeurs pour {width} colonnes (une valeur contient-elle le séparateur "
                            "sans guillemets ?)"
                        ),
                        count=len(row.cells),
                        width=self.width,
                    )
                parsed = self._parse(row.line, values)
                parsed.cells = tuple(row.cells)
                if group is not None and group.rows:
                    self._same_order(group.rows[0], parsed)
            except CrmError as exc:
                self._reject(row.line, str(exc), row.cells)
                if group is not None and group.bad_line is None:
                    group.bad_line = row.line
                continue
            if group is None:
                singles.append(_Group(None, [parsed]))
                if len(singles) >= self.chunk_size:
                    self._write(singles)
                    singles = []
            else:
                group.rows.append(parsed)
        self._write(singles)
        good = []
        for group in groups.values():
            if group.exists:
                continue
            if group.bad_line is None:
                good.append(group)
                continue
            for parsed in group.rows:
                self._reject(
                    parsed.line,
                    _(
                        "commande « {ref} » refusée en entier : sa ligne {line} est refusée",
                        ref=group.ref,
                        line=group.bad_line,
                    ),
                    parsed.cells,
                )
        for start in range(0, len(good), self.chunk_size):
            self._write(good[start : start + self.chunk_size])

    def _parse(self, line: int, values: dict[str, str]) -> _Row:
        label = self.labels.get
        code = values["client_code"]
        if not code:
            raise CrmError(N_("{label} : N° client manquant"), label=label("client_code"))
        if not values["date"]:
            raise CrmError(N_("{label} : date manquante"), label=label("date"))
        try:
            date = parse_date(values["date"])
        except CrmError as exc:
            raise CrmError(N_("{label} : {reason}"), label=label("date"), reason=exc) from None
        if date > self.today:
            raise CrmError(N_("{label} : date dans le futur « {text} »"), label=label("date"), text=values["date"])
        if not values["amount"]:
            raise CrmError(N_("{label} : montant manquant"), label=label("amount"))
        try:
            amount = parse_amount(values["amount"])
        except CrmError as exc:
            raise CrmError(N_("{label} : {reason}"), label=label("amount"), reason=exc) from None
        if amount < 0:
            raise CrmError(N_("{label} : montant négatif « {text} »"), label=label("amount"), text=values["amount"])
        channel = synonym(values.get("channel", ""), CHANNEL_ALIASES) if values.get("channel") else ""
        if channel not in CHANNELS:
            known = ", ".join(c for c in CHANNELS if c)
            raise CrmError(
                N_("{label} : canal inconnu « {text} » (attendu : {known})"),
                label=label("channel"),
                text=values["channel"],
                known=known,
            )
        detail = None
        if any(values.get(name) for name in _DETAIL):
            quantity = unit = None
            if values.get("quantity"):
                try:
                    quantity = parse_quantity(values["quantity"])
                except CrmError as exc:
                    raise CrmError(N_("{label} : {reason}"), label=label("quantity"), reason=exc) from None
            if values.get("unit_price"):
                try:
                    unit = parse_amount(values["unit_price"])
                except CrmError as exc:
                    raise CrmError(N_("{label} : {reason}"), label=label("unit_price"), reason=exc) from None
                if unit < 0:
                    raise CrmError(
                        N_("{label} : prix négatif « {text} »"), label=label("unit_price"), text=values["unit_price"]
                    )
            detail = line_for_amount(amount, quantity, unit)
            detail.label = " ".join(values.get("product", "").split()) or None
            detail.lot = clean_lot(values.get("lot"))
        contact_id = self._contact(code)
        if contact_id is None and not self.create_missing:
            raise CrmError(
                N_("{label} : client « {code} » inconnu (ajoutez-le d'abord, ou utilisez --create-missing)"),
                label=label("client_code"),
                code=code,
            )
        return _Row(
            line,
            code,
            date.isoformat(),
            amount,
            channel,
            " ".join(values.get("rep", "").split()),
            values.get("product", ""),
            values.get("category", ""),
            detail,
        )

    def _same_order(self, first: _Row, row: _Row) -> None:
        for attribute, what in (
            ("code", N_("le client")),
            ("date", N_("la date")),
            ("channel", N_("le canal")),
            ("rep", N_("le commercial")),
        ):
            if getattr(first, attribute) != getattr(row, attribute):
                raise CrmError(
                    N_("même réf. de commande que la ligne {line}, mais {what} diffère (« {first} » / « {second} »)"),
                    line=first.line,
                    what=_(what),
                    first=getattr(first, attribute),
                    second=getattr(row, attribute),
                )

    def _contact(self, code: str) -> int | None:
        if code not in self._contacts:
            found = self.store.contact_of_code(code)
            self._contacts[code] = found[0] if found else None
        return self._contacts[code]

    def _reject(self, line: int, reason: str, cells=()) -> None:
        self.result.rejected += 1
        self.on_reject(Reject(line, reason, tuple(cells)))

    # -- writing -----------------------------------------------------------------------
    def _write(self, groups: list[_Group]) -> None:
        if not groups:
            return
        orders = []
        for group in groups:
            first = group.rows[0]
            contact_id = self._contact(first.code)
            if contact_id is None:
                contact_id = self.store.placeholder_contact(
                    first.code,
                    _(
                        "Créé par l'import des commandes « {name} » du {day} (ligne {line}) : à compléter.",
                        name=self.path.name,
                        day=self.today.strftime("%d/%m/%Y"),
                        line=first.line,
                    ),
                )
                self._contacts[first.code] = contact_id
                self.result.created_contacts += 1
            order = NewOrder(
                contact_id=contact_id,
                date=first.date,
                amount_cents=sum(r.amount for r in group.rows),
                channel=first.channel,
                rep_id=self.store.rep_id(first.rep),
                ref=group.ref,
            )
            for row in group.rows:
                if row.detail is None:
                    continue
                category_id = self.store.category_id(row.category)
                product_id, category_id = self.store.product(row.product, category_id)
                row.detail.product_id, row.detail.category_id = product_id, category_id
                order.lines.append(row.detail)
            orders.append(order)
            self._customers.add(contact_id)
        self.store.insert_many(orders, import_batch=self.result.batch_id)
        self.result.inserted += len(orders)
        self.result.lines += sum(len(o.lines) for o in orders)


class _Rollback(Exception):
    pass


def import_orders(database: Database, path: str | Path, **options) -> ImportResult:
    return OrderImport(database, path, **options).run()
