"""Orders in the client sheet, the order dialog, the catalogue dialog."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QMessageBox

from crmdesk import demo
from crmdesk.gui.common import i18n
from crmdesk.gui.orders.catalogue_dialog import CatalogueDialog
from crmdesk.gui.orders.order_dialog import LineEditModel
from crmdesk.gui.orders.orders_tab import LineTableModel, OrderTableModel
from crmdesk.store.orders import NewLine, NewOrder
from tests.gui.conftest import column_texts
from tests.helpers.today import Clock

TODAY = dt.date.today()


def plain(text: str) -> str:
    """Thin and no-break spaces as plain spaces (« 1 254,00 € »)."""
    return re.sub("[\u00a0\u202f]", " ", text or "")


def dupont(window) -> int:
    return window.store.conn.execute("SELECT id FROM contacts WHERE last_name LIKE 'dupont'").fetchone()[0]


def open_orders(qtbot, window, contact_id):
    dialog = window.edit_client(contact_id)
    qtbot.waitExposed(dialog)
    tab = dialog.orders_tab
    dialog.tabs.setCurrentWidget(tab)
    return dialog, tab


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def figure(tab, key):
    return plain(tab.figures[key].text())


def test_adding_an_order_with_two_lines_shows_it_with_its_total(qtbot, window):
    contact = dupont(window)
    dialog, tab = open_orders(qtbot, window, contact)
    assert dialog.tabs.tabText(dialog.tabs.count() - 1) == "Orders"
    assert tab.model.rowCount() == 0 and figure(tab, "count") == "0"
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    order = tab.order_dialog
    qtbot.waitExposed(order)
    assert order.date_edit.text() == TODAY.strftime("%d/%m/%Y")
    order.channel_combo.setCurrentIndex(order.channel_combo.findData("shop"))
    order.ref_edit.setText("F-2026-001")
    for label, quantity, price, discount in (
        ("Coffret découverte", "2", "500", ""),
        ("Huile d'argan", "1", "264,00", "10"),
    ):
        row = order.add_line()
        assert order.set_cell(row, "product", label)
        assert order.set_cell(row, "quantity", quantity)
        assert order.set_cell(row, "unit_price", price)
        assert order.set_cell(row, "discount", discount)
    assert plain(order.total_label.text()).endswith("1 254,00 €")
    assert order.amount_edit.isReadOnly() and order.amount_edit.text() == "1254,00"
    with qtbot.waitSignal(window.ordersChanged) as changed:
        save(order)
    assert changed.args == [contact]
    qtbot.waitUntil(lambda: tab.order_dialog is None)
    assert tab.model.rowCount() == 1
    texts = [plain(tab.model.index(0, c).data()) for c in range(tab.model.columnCount())]
    assert texts == [TODAY.strftime("%d/%m/%Y"), "F-2026-001", "Shop", "1 254,00 €", "2"]
    assert figure(tab, "this_year") == "1 254,00 €" and figure(tab, "count") == "1"
    assert figure(tab, "average") == "1 254,00 €" and figure(tab, "last_date") == TODAY.strftime("%d/%m/%Y")
    assert tab.lines_model.rowCount() == 2
    assert plain(tab.lines_model.index(1, 5).data()) == "254,00 €"
    # undoable from the main window; the open sheet follows
    window.undo_stack.undo()
    assert tab.model.rowCount() == 0 and figure(tab, "this_year") == "0,00 €"
    window.undo_stack.redo()
    assert tab.model.rowCount() == 1 and len(window.orders.lines_of(tab.model.order_id(0))) == 2
    dialog.reject()


def test_a_prospect_who_orders_becomes_a_client_in_the_table(qtbot, window):
    contact = window.store.conn.execute("SELECT id FROM contacts WHERE last_name LIKE 'martin'").fetchone()[0]
    dialog, tab = open_orders(qtbot, window, contact)
    order = tab.add_order()
    order.amount_edit.setText("45,90")
    save(order)
    qtbot.waitUntil(lambda: tab.order_dialog is None)
    assert dialog.editors["stage"].currentData() == "client"
    assert "Prospect" not in column_texts(window.model, "stage")
    dialog.reject()


@pytest.mark.parametrize(
    "field,text,reason",
    [
        ("amount", "douze", "montant illisible"),
        ("amount", "0", "supérieur à zéro"),
        ("amount", "12,345", "deux décimales"),
        ("date", (TODAY + dt.timedelta(days=1)).strftime("%d/%m/%Y"), "dans le futur"),
        ("date", "31/02/2026", "date impossible"),
        ("date", "01/01/1899", "avant 1900"),
    ],
)
def test_a_bad_amount_or_date_is_refused_with_its_reason(qtbot, window, field, text, reason):
    dialog, tab = open_orders(qtbot, window, dupont(window))
    order = tab.add_order()
    order.amount_edit.setText("12,00")
    (order.amount_edit if field == "amount" else order.date_edit).setText(text)
    save(order)
    assert order.isVisible()
    assert reason in order.errors[field].text() and not order.errors[field].isHidden()
    assert reason in order.summary.text()
    assert order.editors[field].property("invalid") is True
    assert window.orders.orders_of(dupont(window)) == []
    order.reject()
    dialog.reject()


def test_a_bad_line_is_refused_and_nothing_saved(qtbot, window):
    dialog, tab = open_orders(qtbot, window, dupont(window))
    order = tab.add_order()
    row = order.add_line()
    order.set_cell(row, "product", "Savon")
    order.set_cell(row, "quantity", "0")
    order.set_cell(row, "unit_price", "4,50")
    save(order)
    assert "ligne 1 : la quantité doit être supérieure à zéro" in order.errors["lines"].text()
    order.set_cell(row, "quantity", "deux")
    assert "unreadable quantity" in order.errors["lines"].text()  # checked again as the user types
    assert window.orders.orders_of(dupont(window)) == []
    order.reject()
    dialog.reject()


def test_editing_a_line_changes_the_total(qtbot, window):
    contact = dupont(window)
    order_id = window.orders.create(
        NewOrder(
            contact,
            "2026-01-10",
            3000,
            "web",
            lines=[
                NewLine(quantity=2, unit_price_cents=1000, label="Miel"),
                NewLine(quantity=1, unit_price_cents=1000, label="Pain"),
            ],
        )
    )
    dialog, tab = open_orders(qtbot, window, contact)
    order = tab.edit_order(order_id)
    assert order.channel_combo.currentData() == "web" and order.lines_model.rowCount() == 2
    order.set_cell(0, "quantity", "3,5")
    assert plain(order.total_label.text()).endswith("45,00 €")
    assert plain(order.lines_model.index(0, 5).data()) == "35,00 €"
    save(order)
    qtbot.waitUntil(lambda: tab.order_dialog is None)
    assert plain(tab.model.index(0, 3).data()) == "45,00 €"
    assert window.orders.get(order_id)["amount_cents"] == 4500
    window.undo_stack.undo()
    assert window.orders.get(order_id)["amount_cents"] == 3000
    assert plain(tab.model.index(0, 3).data()) == "30,00 €"
    dialog.reject()


def test_deleting_asks_first_then_removes(qtbot, window, monkeypatch):
    contact = dupont(window)
    window.orders.create(NewOrder(contact, "2026-01-10", 3000))
    dialog, tab = open_orders(qtbot, window, contact)
    asked = []

    def answer(reply):
        def question(parent, title, text, *args):
            asked.append(plain(text))
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 1
    assert asked == ["Delete the order of 10/01/2026 (30,00 €)?"]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(tab.ordersChanged):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 0 and window.orders.orders_of(contact) == []
    window.undo_stack.undo()
    assert tab.model.rowCount() == 1
    dialog.reject()


def test_the_order_dialog_works_from_the_keyboard(qtbot, window):
    dialog, tab = open_orders(qtbot, window, dupont(window))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Add…
    qtbot.waitUntil(lambda: tab.order_dialog is not None and tab.order_dialog.isVisible())
    order = tab.order_dialog
    qtbot.waitUntil(lambda: order.isActiveWindow())
    order.date_edit.setFocus()
    qtbot.waitUntil(lambda: order.date_edit.hasFocus())
    chain = []
    for _ in range(5):
        qtbot.keyClick(order.focusWidget(), Qt.Key.Key_Tab)
        chain.append(order.focusWidget())
    assert chain == [order.channel_combo, order.rep_combo, order.ref_edit, order.amount_edit, order.notes_edit]
    qtbot.keyClick(order, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Amount
    assert order.amount_edit.hasFocus()
    qtbot.keyClicks(order.amount_edit, "19,90")
    qtbot.keyClick(order.amount_edit, Qt.Key.Key_Return)  # the default button: Save
    qtbot.waitUntil(lambda: tab.order_dialog is None)
    assert plain(tab.model.index(0, 3).data()) == "19,90 €"
    dialog.reject()


def test_every_model_passes_the_model_tester(qtmodeltester, qtbot, window):
    contact = dupont(window)
    order_id = window.orders.create(
        NewOrder(contact, "2026-01-10", 3000, lines=[NewLine(quantity=3, unit_price_cents=1000, label="Miel")])
    )
    orders_model = OrderTableModel(window.orders, contact)
    qtmodeltester.check(orders_model)
    lines = LineTableModel(window.orders)
    lines.set_order(order_id)
    qtmodeltester.check(lines)
    editable = LineEditModel(window.orders)
    editable.load(window.orders.lines_of(order_id))
    editable.add_line()
    qtmodeltester.check(editable)
    catalogue = CatalogueDialog(window.orders, window)
    qtbot.addWidget(catalogue)
    for model in (catalogue.products_model, catalogue.categories_model, catalogue.shares_model):
        qtmodeltester.check(model)


@pytest.fixture
def demo_window(qtbot, qsettings, tmp_path):
    from crmdesk.gui.main_window import MainWindow

    path = tmp_path / "sweetybio.sqlite"
    demo.build("sweetybio", path)
    win = MainWindow(qsettings, today=Clock())
    qtbot.addWidget(win)
    assert win.open_file(path)
    yield win
    win.close()


def test_category_shares_on_the_demo_sum_to_100(qtbot, demo_window):
    catalogue = demo_window.show_catalogue()
    assert catalogue is demo_window.show_catalogue()  # one at a time
    shares = catalogue.shares_model
    assert shares.rowCount() >= 4
    values = [
        float(plain(shares.index(r, 2).data()).replace(" %", "").replace(",", ".")) for r in range(shares.rowCount())
    ]
    assert sum(values) == pytest.approx(100, abs=0.05 * len(values))
    assert sum(r["share"] for r in shares.rows) == pytest.approx(100)
    catalogue.close()


def test_the_catalogue_manages_products_and_categories(qtbot, demo_window):
    demo_window.catalogue_action.trigger()
    catalogue = demo_window.catalogue_dialog
    categories = catalogue.categories_model
    catalogue.category_name.setText("Thés et infusions")
    new_category = catalogue.add_category()
    assert new_category is not None and "Thés et infusions" in [r["name"] for r in categories.rows]
    catalogue.category_name.setText("Thés")
    assert catalogue.rename_category()
    catalogue.product_name.setText("Thé vert sencha")
    catalogue.product_category.setCurrentIndex(catalogue.product_category.findData(new_category))
    catalogue.product_price.setText("8,90")
    product = catalogue.add_product()
    row = next(r for r in catalogue.products_model.rows if r["id"] == product)
    assert (row["category_name"], row["unit_price_cents"], row["active"]) == ("Thés", 890, 1)
    catalogue.tabs.setCurrentIndex(1)
    catalogue._reselect(catalogue.categories_table, categories, new_category)
    assert not catalogue.delete_category()
    assert "utilisée" in catalogue.message.text()
    assert catalogue.deactivate_product()
    assert demo_window.orders.products(active_only=True) and product not in [
        p["id"] for p in demo_window.orders.products(active_only=True)
    ]
    catalogue.close()


def _mnemonic(text):
    match = re.search(r"(?<!&)&([^&])", text or "")
    return match.group(1).casefold() if match else None


def _unique(texts, where):
    letters = [m for m in map(_mnemonic, texts) if m]
    assert sorted({m for m in letters if letters.count(m) > 1}) == [], f"{where}: {texts}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_new_screens_are_translated_and_keep_unique_mnemonics(qtbot, qapp, qsettings, client_file, language):
    from crmdesk.gui.main_window import MainWindow

    translators = i18n.install(qapp, language)
    try:
        window = MainWindow(qsettings, today=Clock())  # built after the translator: speaks the language
        qtbot.addWidget(window)
        assert window.open_file(client_file)
        dialog, tab = open_orders(qtbot, window, dupont(window))
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        _unique(
            tabs + [w.text() for w in tab.findChildren(QLabel) + tab.findChildren(QAbstractButton)],
            f"orders tab ({language})",
        )
        order = tab.add_order()
        texts = [w.text() for w in order.findChildren(QLabel) + order.findChildren(QAbstractButton)]
        _unique(texts, f"order dialog ({language})")
        catalogue = window.show_catalogue()
        ctabs = [catalogue.tabs.tabText(i) for i in range(catalogue.tabs.count())]
        for i in range(catalogue.tabs.count()):
            page = catalogue.tabs.widget(i)
            _unique(
                ctabs + [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)],
                f"catalogue tab {ctabs[i]} ({language})",
            )
        _unique([a.text() for a in window.ui.menuEdit.actions()], f"edit menu ({language})")
        if language == "fr":
            assert tabs[-1] == "Commandes"
            assert order.windowTitle() == "Nouvelle commande"
            assert [plain(tab.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(5)] == [
                "Date",
                "Réf.",
                "Canal",
                "Montant",
                "Lignes",
            ]
            assert window.catalogue_action.text() == "&Produits et catégories…"
            assert ctabs == ["&Produits", "Ca&tégories", "&Répartition du CA"]
        catalogue.close()
        order.reject()
        dialog.reject()
        window.close()
    finally:
        i18n.remove(qapp, translators)
