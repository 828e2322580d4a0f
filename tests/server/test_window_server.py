"""The window on a PostgreSQL server, as a user at a second PC lives it: opened
by its URL or File › Connect to a server…, remembered in Recent files without
the password; list, search, sort, page, edit, orders, complaints, Today and the
figures; two PCs editing one client (the second save refused, resolved field by
field, nothing lost); another PC's new client appearing; a read-only login."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from crmdesk.gui.clients.client_model import COLUMN_KEYS
from crmdesk.gui.common.worker import Task
from crmdesk.gui.main_window import MainWindow
from crmdesk.gui.server.conflict_dialog import KEEP_MINE, TAKE_THEIRS, ConflictDialog
from crmdesk.gui.server.connect_dialog import ConnectDialog, server_url, url_fields
from crmdesk.store import figures
from crmdesk.store.complaints import ComplaintStore
from crmdesk.store.contacts import ContactQuery, ContactStore
from crmdesk.store.database import Database
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.server import transfer
from crmdesk.store.tasks import TaskStore
from tests.helpers.gui import OFFSCREEN_LIMITS, boxes  # noqa: F401 - boxes: an autouse fixture
from tests.helpers.today import TODAY, Clock

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def qsettings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_url(pg_url, sweetybio_template) -> str:
    """The Sweety Bio demo copied to an empty server database (crmdesk server copy)."""
    transfer.to_server(sweetybio_template, pg_url)
    return pg_url


def open_window(qtbot, settings: QSettings, url: str, *, day: dt.date = TODAY) -> MainWindow:
    window = MainWindow(settings, today=Clock(day))
    qtbot.addWidget(window)
    assert window.open_file(url)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.today.view is not None, timeout=20_000)  # its reminders generated
    return window


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_the_window_opens_a_server_and_lists_searches_sorts_and_pages_it(
    qtbot, qsettings, demo_url, sweetybio_template, qtmodeltester
):
    window = open_window(qtbot, qsettings, demo_url)
    name = demo_url.rsplit("/", 1)[1]
    assert window.windowTitle() == f"{name} (localhost) — crmdesk"
    assert window.database.kind == "postgresql" and window.database.writable
    assert window.model.rowCount() == 440 and window.count_label.text() == "440 clients shown out of 440"
    qtmodeltester.check(window.model)
    # the same searches as on the file, the same clients
    with Database(sweetybio_template, writer=False) as file:
        for text in ("bio", "hélène", "LYON", "pharma"):
            window.ui.searchEdit.setText(text)
            window.apply_filters()
            expected = ContactStore(file).count(ContactQuery(search=text))
            assert window.model.rowCount() == expected > 0, text
    window.clear_filters()
    # sort by city, descending; the last row (the last page) read
    city = COLUMN_KEYS.index("city")
    window.ui.clientTable.sortByColumn(city, Qt.SortOrder.DescendingOrder)
    cities = [window.model.index(r, city).data() for r in (0, 1, 200, 438, 439)]
    with Database(sweetybio_template, writer=False) as file:
        ordered = [
            r[0] for r in file.query("SELECT city FROM contacts WHERE deleted_at IS NULL ORDER BY city_key DESC")
        ]
    assert cities == [ordered[r] for r in (0, 1, 200, 438, 439)]  # accents and case aside, as on the file
    assert window.model.index(439, COLUMN_KEYS.index("name")).data()
    # the file's backups and page check are the server's business
    window.ui.menuFile.aboutToShow.emit()
    for action in (window.file.restore_action, window.file.check_action):
        assert not action.isEnabled() and action.toolTip().startswith("On a server, backups and checks")
    # remembered without a password; the recent entry reopens it
    assert window.settings.recent_files()[0] == demo_url and window.settings.last_file() == demo_url
    window.close()
    again = MainWindow(qsettings)
    qtbot.addWidget(again)
    again.ui.menuRecent.aboutToShow.emit()
    entry = again.ui.menuRecent.actions()[0]
    assert entry.text() == f"&1 {demo_url}"
    entry.trigger()
    assert again.database is not None and again.database.url == demo_url and again.model.rowCount() == 440
    again.close()


def test_a_re_sort_on_a_server_keeps_the_selected_client(qtbot, qsettings, demo_url, qtmodeltester):
    """Where the selected client went in the new order is counted in a worker on a server
    (up to a million index entries): the new order shows at once, the client selected again."""
    window = open_window(qtbot, qsettings, demo_url)
    table = window.ui.clientTable
    chosen = window.model.contact_id(40)
    window.select_contact(chosen)
    header = table.horizontalHeader()
    column = COLUMN_KEYS.index("email")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert window.model.query.sort == "email"
    qtbot.waitUntil(lambda: window.current_id() == chosen, timeout=20_000)
    emails = [
        r[0] for r in window.database.query("SELECT id FROM contacts WHERE deleted_at IS NULL ORDER BY email, id")
    ]
    row = emails.index(chosen)
    assert window.model.contact_id(row) == chosen and table.selectionModel().isRowSelected(row)
    qtmodeltester.check(window.model)
    window.close()


def test_a_password_typed_is_never_remembered(qtbot, qsettings, demo_url):
    secret = demo_url.replace("://crmdesk_admin@", "://crmdesk_admin:s3cret@")
    window = open_window(qtbot, qsettings, secret)
    assert window.database.url == demo_url
    assert "s3cret" not in str(window.settings.recent_files()) + str(window.settings.last_file())
    assert "s3cret" not in window.windowTitle()
    window.close()


def test_edit_order_complaint_today_and_figures_on_a_server(qtbot, qsettings, demo_url, sweetybio_template):
    window = open_window(qtbot, qsettings, demo_url)
    # Today: the reminders generated and listed as on the file
    qtbot.waitUntil(lambda: window.today.view is not None, timeout=20_000)
    file = Database(sweetybio_template, writer=False)
    try:
        expected = TaskStore(file).today_view(TODAY, 50)["counts"]
    finally:
        file.close()
    assert window.today.view["counts"]["overdue"] >= expected["overdue"]
    assert window.today.created > 0
    # a client edited in its sheet
    contact = window.current_id() or window.model.contact_id(0)
    dialog = window.edit_client(contact)
    qtbot.waitExposed(dialog)
    dialog.editors["city"].setText("Villeurbanne")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.client_dialog is None)
    assert window.store.get(contact)["city"] == "Villeurbanne"
    assert (
        window.database.scalar(
            "SELECT author FROM audit_log WHERE entity = 'contact' AND entity_id = ? ORDER BY id DESC LIMIT 1",
            (contact,),
        )
        == "crmdesk_admin"
    )
    # an order added in the sheet
    dialog = window.edit_client(contact)
    qtbot.waitExposed(dialog)
    tab = dialog.orders_tab
    before = tab.model.rowCount()
    order = tab.add_order()
    order.amount_edit.setText("45,90")
    with qtbot.waitSignal(window.ordersChanged):
        save_button(order).click()
    assert tab.model.rowCount() == before + 1
    dialog.reject()
    # a complaint logged
    store = ComplaintStore(window.database)
    queued = len(store.queue())
    window.complaints.new_action.trigger()
    complaint = window.complaints.new_dialog
    complaint.client_edit.set_contact(contact)
    complaint.kind_combo.setCurrentIndex(complaint.kind_combo.findData("invoice"))
    complaint.subject_edit.setText("Facture en double")
    with qtbot.waitSignal(complaint.saved):
        complaint.submit()
    assert len(store.queue()) == queued + 1
    # the figures brought to the next day, on the server
    window.clock.day = TODAY + dt.timedelta(days=1)
    task = window.figures.recompute()
    assert task is not None
    with qtbot.waitSignal(task.done, timeout=30_000):
        pass
    assert figures.saved_state(window.database).day == TODAY + dt.timedelta(days=1)
    window.close()


@pytest.fixture
def two_pcs(qtbot, tmp_path, demo_url):
    """Marie's and Paul's windows on the same server database."""
    windows = []
    for who in ("marie", "paul"):
        settings = QSettings(str(tmp_path / f"{who}.ini"), QSettings.Format.IniFormat)
        windows.append(open_window(qtbot, settings, demo_url))
    yield windows
    for window in windows:
        window.close()


def test_two_pcs_edit_one_client_the_second_save_is_resolved_field_by_field(qtbot, two_pcs):
    marie, paul = two_pcs
    client = marie.model.contact_id(0)
    original = marie.store.get(client)
    paul_sheet = paul.edit_client(client)  # Paul opens the sheet first
    qtbot.waitExposed(paul_sheet)
    marie_sheet = marie.edit_client(client)
    marie_sheet.editors["city"].setText("Villeurbanne")
    marie_sheet.editors["job_title"].setText("Gérante")
    qtbot.mouseClick(save_button(marie_sheet), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: marie.client_dialog is None)

    paul_sheet.editors["city"].setText("Lyon 3e")
    paul_sheet.editors["phone"].setText("06 98 76 54 32")
    qtbot.mouseClick(save_button(paul_sheet), Qt.MouseButton.LeftButton)
    conflict = paul_sheet.findChild(ConflictDialog)
    assert conflict is not None and conflict.isVisible() and paul_sheet.isVisible()
    text = conflict.findChild(QLabel, "conflictMessage").text()
    assert text.startswith("crmdesk_admin saved this client on ") and "nothing was written" in text
    assert "(Job title, City)" in text  # the fields as the sheet names them
    # nothing of Paul's written yet, Marie's kept
    assert paul.store.get(client)["city"] == "Villeurbanne"
    assert set(conflict.groups) == {"city", "job_title"}
    assert conflict.choice("city") == KEEP_MINE  # Paul changed it too: his, unless he says otherwise
    assert conflict.choice("job_title") == TAKE_THEIRS  # Paul did not touch it: Marie's
    conflict.choose("city", TAKE_THEIRS)
    qtbot.mouseClick(conflict.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: paul.client_dialog is None)
    saved = paul.store.get(client)
    assert (saved["city"], saved["job_title"], saved["phone"]) == ("Villeurbanne", "Gérante", "+33698765432")
    assert saved["last_name"] == original["last_name"]
    # Marie's window shows Paul's phone without a click (LISTEN/NOTIFY)
    phone = COLUMN_KEYS.index("phone")
    qtbot.waitUntil(lambda: marie.model.index(marie.model.row_of_id(client), phone).data() == "06 98 76 54 32")


def test_a_refused_save_can_reload_the_sheet(qtbot, two_pcs):
    marie, paul = two_pcs
    client = marie.model.contact_id(1)
    paul_sheet = paul.edit_client(client)
    marie_sheet = marie.edit_client(client)
    marie_sheet.editors["city"].setText("Bron")
    marie_sheet.submit()
    paul_sheet.editors["notes"].setPlainText("Rappeler lundi")
    paul_sheet.submit()
    conflict = paul_sheet.findChild(ConflictDialog)
    qtbot.mouseClick(conflict.reload_button, Qt.MouseButton.LeftButton)
    assert paul_sheet.isVisible() and paul_sheet.editors["city"].text() == "Bron"
    assert not paul_sheet.has_changes()
    paul_sheet.editors["notes"].setPlainText("Rappeler lundi")
    paul_sheet.submit()
    qtbot.waitUntil(lambda: paul.client_dialog is None)
    assert (paul.store.get(client)["city"], paul.store.get(client)["notes"]) == ("Bron", "Rappeler lundi")


def test_an_undo_never_undoes_another_pcs_later_edit(qtbot, two_pcs, boxes):
    marie, paul = two_pcs
    client = marie.model.contact_id(2)
    sheet = marie.edit_client(client)
    sheet.editors["city"].setText("Bron")
    sheet.submit()
    sheet = paul.edit_client(client)
    sheet.editors["city"].setText("Vénissieux")
    sheet.submit()
    marie.undo_stack.undo()
    assert boxes[-1][0] == "The change could not be replayed"
    assert "a modifié ce client" in boxes[-1][1] and "(city)" in boxes[-1][1]
    assert marie.store.get(client)["city"] == "Vénissieux"


def test_a_client_added_on_one_pc_appears_on_the_other(qtbot, two_pcs):
    marie, paul = two_pcs
    assert paul.model.rowCount() == 440
    ContactStore(marie.database).create({"last_name": "Zidane", "first_name": "Inès", "city": "Marseille"})
    marie.session.contacts_changed([])
    qtbot.waitUntil(lambda: paul.model.rowCount() == 441, timeout=5_000)
    assert "ZIDANE Inès" in [paul.model.index(r, COLUMN_KEYS.index("name")).data() for r in range(441)]
    assert paul.count_label.text() == "441 clients shown out of 441"
    # a task typed on Marie's PC: Paul's Today view follows
    view = paul.today.show()
    before = view.headings["today"].text()
    TaskStore(marie.database).create({"title": "Appeler Inès", "due_at": TODAY.isoformat()})
    qtbot.waitUntil(lambda: view.headings["today"].text() != before, timeout=5_000)


def test_a_read_only_login_opens_read_only_with_the_reason(qtbot, qsettings, pg_cluster, demo_url):
    name = demo_url.rsplit("/", 1)[1]
    login = f"lecture_{name[-6:]}"
    with pg_cluster.admin() as admin:
        admin.execute(f"CREATE ROLE {login} LOGIN")
    with psycopg.connect(demo_url, autocommit=True) as conn:
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {login}")
    window = open_window(qtbot, qsettings, pg_cluster.url(name, user=login))
    reason = window.database.read_only
    assert reason.startswith(f"Votre identifiant « {login} » ne peut que lire la base")
    assert window.model.rowCount() == 440
    assert window.windowTitle() == f"{name} (localhost) (read-only) — crmdesk"
    assert window.file_state.banner.isVisible() and window.file_state.banner.text() == reason
    assert window.statusBar().currentMessage() == reason
    for action in window.file_state.writing_actions():
        assert not action.isEnabled(), action.objectName()
        assert action.toolTip() == reason, action.objectName()
    assert not window.ui.actionNewClient.isEnabled() and not window.ui.actionDeleteClient.isEnabled()
    window.ui.menuFile.aboutToShow.emit()  # a menu's own rule does not enable them again
    assert not window.file.restore_action.isEnabled()
    sheet = window.edit_client(window.model.contact_id(0))  # read, not saved
    assert sheet.editors["last_name"].text() and not save_button(sheet).isEnabled()
    assert save_button(sheet).toolTip() == reason
    sheet.discard()
    window.close()


def test_connect_to_a_server_from_the_file_menu(qtbot, qsettings, pg_cluster, demo_url, tmp_path):
    fields = url_fields(demo_url)
    assert server_url(**fields) == demo_url
    assert url_fields("postgresql://marie:secret@serveur:5433/clients") == {
        "host": "serveur",
        "port": 5433,
        "database": "clients",
        "login": "marie",
    }
    assert server_url("serveur", 5432, "clients", "marie", "p@ss:w/rd") == (
        "postgresql://marie:p%40ss%3Aw%2Frd@serveur:5432/clients"
    )
    window = MainWindow(qsettings)
    qtbot.addWidget(window)
    window.file.connect_action.trigger()
    dialog = window.findChild(ConnectDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.host_edit.setText(fields["host"])
    dialog.port_spin.setValue(fields["port"])
    dialog.login_edit.setText(fields["login"])
    dialog.database_edit.setText("nulle_part")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "La base « nulle_part » n'existe pas sur le serveur" in dialog.error_label.text()
    dialog.database_edit.setText(fields["database"])
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.database is not None)
    assert window.database.url == demo_url and window.model.rowCount() == 440
    assert window.settings.recent_files() == [demo_url]
    window.close()


def test_crmdesk_db_url_opens_the_window_on_the_server(qtbot, demo_url):
    """`crmdesk --db postgresql://…` (crmdesk-window the same): the window, on the server."""
    from crmdesk.cli.main import main

    seen = []

    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append((widget.database.url, widget.model.rowCount()))
                widget.close()

    QTimer.singleShot(0, close)
    assert main(["--db", demo_url]) == 0
    assert seen == [(demo_url, 440)]


def test_a_login_refused_asks_again_in_the_connect_dialog(qtbot, qsettings, pg_cluster, demo_url):
    """Recent files or the command line with a login the server refuses: the dialog, its French reason."""
    name = demo_url.rsplit("/", 1)[1]
    refused = pg_cluster.url(name, user="inconnue")
    window = MainWindow(qsettings)
    qtbot.addWidget(window)
    seen = []

    def answer() -> None:
        dialog = window.findChild(ConnectDialog)
        seen.append((dialog.error_label.text(), dialog.login_edit.text(), dialog.database_edit.text()))
        dialog.login_edit.setText("crmdesk_admin")
        dialog.password_edit.setText("tapé")  # asked, used once, never remembered
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    assert window.open_file(refused)
    ((said, login, database),) = seen
    assert said.startswith("Le serveur « ") and "a refusé la connexion" in said
    assert (login, database) == ("inconnue", name)
    assert window.database.url == demo_url and window.model.rowCount() == 440
    assert "tapé" not in str(window.settings.recent_files())
    window.close()


def test_the_dashboard_and_the_data_to_purge_show_on_a_server_what_they_show_on_the_file(
    qtbot, qsettings, demo_url, sweetybio_template, tmp_path
):
    """Two screens whose statements are SQLite's own words at heart (total(), scalar max()): opened in
    the window on the server and on the file, they show the same figures and the same people."""
    path = tmp_path / "sweetybio.sqlite"
    path.write_bytes(sweetybio_template.read_bytes())
    seen = {}
    for kind, target in (("file", str(path)), ("server", demo_url)):
        window = open_window(qtbot, qsettings, target)
        window.dashboard.show_dashboard()
        tab = window.dashboard.tab
        qtbot.waitUntil(lambda t=tab: t.result is not None and not t.task.is_running(), timeout=20_000)
        window.gdpr.show_purge()
        dialog = window.gdpr.purge_dialog
        qtbot.waitUntil(lambda d=dialog: d.model.rowCount() > 0, timeout=20_000)
        people = sorted(
            tuple(dialog.model.index(r, c).data() for c in range(dialog.model.columnCount()))
            for r in range(dialog.model.rowCount())
        )
        figures_shown = {k: v for k, v in tab.result.items() if k != "path"}  # the file's path: none on a server
        seen[kind] = (figures_shown, people)
        dialog.close()
        window.close()
    assert seen["server"][1] == seen["file"][1]
    assert seen["server"][0] == seen["file"][0]


SCREENS = [
    ("loyalty", "show_parties"),
    ("loyalty", "show_reps"),
    ("loyalty", "show_settings"),
    ("outreach", "show_letters"),
    ("outreach", "show_labels"),
    ("outreach", "show_email"),
    ("outreach", "show_templates"),
    ("outreach", "show_recall"),
    ("outreach", "show_history"),
    ("gdpr", "show_rights"),
    ("gdpr", "show_audit"),
    ("duplicates", "show_find"),
]


def test_the_other_screens_open_on_a_server_without_an_error(qtbot, qsettings, demo_url, boxes):
    window = open_window(qtbot, qsettings, demo_url)
    for feature, show in SCREENS:
        dialog = getattr(getattr(window, feature), show)()
        # a screen's first workers, if any, have reported (an error would show in `boxes`)
        qtbot.waitUntil(lambda: not any(task.is_running() for task in window.findChildren(Task)), timeout=20_000)
        assert boxes == [], (feature, show, boxes)
        if dialog is not None:
            dialog.close()
    window.close()


def test_another_pcs_complaint_and_order_show_in_the_open_queue_and_sheet(qtbot, two_pcs):
    marie, paul = two_pcs
    client = paul.model.contact_id(0)
    queue = paul.complaints.show_queue()
    queued = queue.model.rowCount()
    sheet = paul.edit_client(client)
    orders = sheet.orders_tab.model.rowCount()
    ComplaintStore(marie.database).create({"contact_id": client, "subject": "Colis abîmé", "kind": "delivery"})
    qtbot.waitUntil(lambda: queue.model.rowCount() == queued + 1, timeout=5_000)
    OrderStore(marie.database).create(NewOrder(client, TODAY.isoformat(), 4_200), today=TODAY)
    qtbot.waitUntil(lambda: sheet.orders_tab.model.rowCount() == orders + 1, timeout=5_000)
    sheet.close()
