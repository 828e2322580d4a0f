"""The « Analyse » menu: status grid, distribution by status, RFM dialog,
and the figures they save as columns and filters of the client table."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from crmdesk.domain import segments as status_rules
from crmdesk.gui.clients.client_model import COLUMN_KEYS
from crmdesk.gui.common.worker import Task
from crmdesk.store import analytics
from crmdesk.store.contacts import ContactQuery
from crmdesk.store.settings import SettingsStore
from tests.gui.conftest import column_texts

TODAY = dt.date(2026, 11, 23)


def plain(text: str) -> str:
    """French spaces (narrow / no-break) as plain spaces, to compare with the spec."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture
def sweety(window, sweetybio_template, tmp_path):
    """The window on a fresh copy of the Sweety Bio demo, with the Analyse menu, on the
    day of the demo's figures (no recompute to another day)."""
    import shutil

    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    window.clock.day = TODAY
    assert window.open_file(path)
    return window


def wait_figures(qtbot, window):
    """The background recompute of the figures (gui/figures_refresh.py) has ended."""
    qtbot.waitUntil(lambda: window.figures.task is None or not window.figures.task.is_running(), timeout=20_000)


def wait_idle(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.is_running(), timeout=10_000)


# -- worker ---------------------------------------------------------------------------------
def test_a_task_reports_progress_then_its_result(qtbot):
    def compute(job):
        for i in range(3):
            job.report(i + 1, 3, "step")
        return 42

    task = Task(compute)
    steps = []
    task.progress.connect(lambda done, total, _text: steps.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [42]
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert not task.is_running()


def test_a_task_can_be_cancelled_and_failures_are_reported(qtbot):
    import threading

    go = threading.Event()

    def slow(job):
        go.wait(5)
        job.check()
        return 1

    task = Task(slow)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        task.cancel()
        go.set()
    from crmdesk.domain.errors import CrmError

    def broken(job):
        raise CrmError("fichier illisible")

    failing = Task(broken)
    with qtbot.waitSignal(failing.failed, timeout=5000) as blocker:
        failing.start()
    assert blocker.args == ["fichier illisible"]


# -- menu, columns, filters -------------------------------------------------------------------
def test_the_menu_is_installed_before_help(window):
    parts = window.analysis
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Complaints", "&Mailing", "&Loyalty", "A&nalysis", "G&DPR", "&Help"]
    assert titles.index(parts.menu.title()) < titles.index(window.ui.menuHelp.title())
    assert [a.text() for a in parts.menu.actions()] == [
        "Customer &statuses…",
        "&Distribution by status…",
        "&RFM analysis…",
        "&Cohorts…",
        "Di&gital indicators…",
        "Indicator &thresholds…",
    ]
    assert all(a.isEnabled() for a in parts.menu.actions())


def test_saved_figures_become_sortable_columns_and_filters(qtbot, sweety, qtmodeltester):
    window = sweety
    model = window.model
    analytics.save_figures(window.database, TODAY)
    window.analysis.figures_saved()
    qtmodeltester.check(model)
    bio_corner = window.store.id_of_code("SB00007")
    row = model.row_of_id(bio_corner)
    cells = {
        key: model.index(row, COLUMN_KEYS.index(key)).data()
        for key in ("status", "revenue_year_cents", "orders_year", "last_order", "rfm_code", "rfm_segment")
    }
    assert {k: plain(v) for k, v in cells.items()} == {
        "status": "Premium",
        "revenue_year_cents": "112 450,00 €",
        "orders_year": "18",
        "last_order": "17/11/2026",
        "rfm_code": "4-4-4",
        "rfm_segment": "Champions",
    }
    right = model.index(row, COLUMN_KEYS.index("revenue_year_cents")).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight
    # sort on the revenue column, highest first
    model.sort(COLUMN_KEYS.index("revenue_year_cents"), Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "revenue"
    assert model.contact_id(0) == bio_corner
    # the filters of the filter bar
    parts = window.analysis
    parts.status_combo.setCurrentIndex(parts.status_combo.findData("premium"))
    assert model.query.status == "premium"
    assert model.rowCount() == 39
    assert set(column_texts(model, "status")) == {"Premium"}
    parts.segment_combo.setCurrentIndex(parts.segment_combo.findData("champions"))
    expected = window.store.count(ContactQuery(status="premium", rfm_segment="champions"))
    assert model.rowCount() == expected > 0
    window.ui.actionClearFilters.trigger()
    assert model.query.status is None and model.query.rfm_segment is None
    assert model.rowCount() == window.store.count(ContactQuery())


# -- status settings -----------------------------------------------------------------------
def test_the_status_dialog_shows_every_bound_and_saves_the_grid(qtbot, sweety):
    window = sweety
    dialog = window.analysis.show_statuses()
    qtbot.waitExposed(dialog)
    # the demo counts the orders (legacy settings), bounds inclusive
    assert [c for c, box in dialog.criteria.items() if box.isChecked()] == ["orders"]
    actif = dialog.editors[("actif", "orders")]
    assert actif.description.text() == "de 9 commandes à 12 commandes inclus"
    assert actif.low_inclusive.text() == "inclusive"
    actif.high.setValue(13)
    assert actif.description.text() == "de 9 commandes à 13 commandes inclus"
    actif.high_inclusive.setChecked(False)
    assert actif.description.text() == "de 9 commandes inclus à 13 commandes exclu"
    assert actif.high_inclusive.text() == "exclusive"
    actif.high_inclusive.setChecked(True)
    premium = dialog.editors[("premium", "revenue")]
    assert plain(premium.description.text()) == "plus de 100 000 €"
    assert premium.high.text() == "—" and not premium.high_inclusive.isEnabled()
    assert "Actif: commandes par an de 9 commandes à 13 commandes inclus" in dialog.summary.text()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert window.figures.task is not None  # the window recomputes the statuses in the background
    wait_figures(qtbot, window)
    grid = analytics.file_grid(window.database)
    assert grid.criteria == ("orders",)
    assert grid.rule("actif").orders == status_rules.Range(9, True, 13, True)
    # the figures were recomputed with the new grid: 13 orders in the year is now Actif
    statuses = dict(
        window.database.query(
            "SELECT ifnull(status, '-'), count(*) FROM contacts "
            "WHERE figures_as_of IS NOT NULL AND orders_year > 0 GROUP BY 1"
        )
    )
    assert "-" not in statuses
    assert window.database.scalar("SELECT figures_as_of FROM contacts WHERE code = 'SB00007'") == "2026-11-23"
    assert window.model.rowCount() > 0
    assert set(column_texts(window.model, "status")) <= {*status_rules.LABELS.values(), status_rules.OUTSIDE_LABEL, ""}


def test_an_invalid_grid_is_refused_with_the_french_reason(qtbot, sweety, boxes):
    dialog = sweety.analysis.show_statuses()
    standard = dialog.editors[("standard", "revenue")]
    standard.low.setValue(60_000)  # above its high bound of 50 000 €
    assert "dépasse la borne haute" in dialog.error_label.text()
    before = SettingsStore(sweety.database).get(status_rules.GRID_KEY)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert boxes and "dépasse la borne haute" in boxes[-1][1]
    assert SettingsStore(sweety.database).get(status_rules.GRID_KEY) == before
    for box in dialog.criteria.values():
        box.setChecked(False)
    assert "au moins un critère" in dialog.error_label.text()
    dialog.buttons.button(dialog.buttons.StandardButton.RestoreDefaults).click()
    assert dialog.error_label.text() == ""
    assert [c for c, box in dialog.criteria.items() if box.isChecked()] == ["revenue"]
    dialog.reject()


# -- distribution by status ---------------------------------------------------------------------
def test_the_distribution_reproduces_the_worked_table_of_statuses(qtbot, sweety, qtmodeltester):
    dialog = sweety.analysis.show_distribution(as_of=TODAY)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    rows = [[plain(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(4)]
    assert rows == [
        ["Premium", "39", "568 260,00 €", "9,75 %", "21,0 %"],
        ["Actif", "196", "1 677 720,00 €", "49,00 %", "62,0 %"],
        ["Standard", "113", "270 600,00 €", "28,25 %", "10,0 %"],
        ["Occasionnel", "52", "189 420,00 €", "13,00 %", "7,0 %"],
    ]
    # the clients outside the grid are a row apart, without shares
    assert model.index(4, 0).data() == "Hors grille"
    assert model.index(4, 3).data() == "—"
    # the chart has the two series, one bar per status each
    from pyqtgraph import BarGraphItem

    bars = [i for i in dialog.chart.getPlotItem().items if isinstance(i, BarGraphItem)]
    assert [list(b.opts["height"]) for b in bars] == [[9.75, 49.0, 28.25, 13.0], [21.0, 62.0, 10.0, 7.0]]
    # another reference date recomputes
    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        dialog.date_edit.setDate(QDate(2026, 1, 1))
    assert [model.index(r, 1).data() for r in range(4)] != ["39", "196", "113", "52"]
    dialog.close()


# -- RFM -----------------------------------------------------------------------------------------
@pytest.fixture
def rfm_dialog(qtbot, sweety):
    dialog = sweety.analysis.show_rfm(as_of=TODAY)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    yield dialog
    dialog.close()


def test_the_rfm_dialog_scores_every_client_like_the_store(qtbot, sweety, rfm_dialog, qtmodeltester):
    dialog = rfm_dialog
    expected, _unordered = analytics.rfm_rows(sweety.database, TODAY, "grid", 365)
    assert dialog.model.rowCount() == len(expected) == 415
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    qtmodeltester.check(dialog.segments)
    qtmodeltester.check(dialog.heat.model())
    # Bio Corner: 4-4-4 champions (docs/domain/04-rfm.md)
    dialog.filter_edit.setText("bio corner")
    assert dialog.proxy.rowCount() == 1
    cells = [dialog.proxy.index(0, c).data() for c in range(dialog.proxy.columnCount())]
    assert cells[0] == "SB00007" and cells[1] == "Bio Corner"
    assert cells[9:] == ["4-4-4", "Champions"]
    assert plain(cells[6]) == "112 450,00 €"
    dialog.filter_edit.clear()
    # sorting by amount sorts numbers, not text
    dialog.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    amounts = [dialog.proxy.index(r, 6).data(Qt.ItemDataRole.UserRole + 1) for r in range(dialog.proxy.rowCount())]
    assert amounts == sorted(amounts, reverse=True)
    # the segment filter and the named segments agree
    counts = {code: dialog.segments.count(code) for code in analytics.rfm.SEGMENTS}
    assert sum(counts.values()) == 415
    dialog.segment_filter.setCurrentIndex(dialog.segment_filter.findData("champions"))
    assert dialog.proxy.rowCount() == counts["champions"] > 0
    assert {dialog.proxy.index(r, 10).data() for r in range(dialog.proxy.rowCount())} == {"Champions"}
    actions = [dialog.segments.index(r, 3).data() for r in range(dialog.segments.rowCount())]
    assert actions[0].startswith("Programme de fidélité")
    # the heat map: R rows 4..0 (top down), F columns 0..4 (left to right), the counts of rf_matrix
    matrix = analytics.rfm.rf_matrix(expected)
    heat = dialog.heat
    assert heat.rowCount() == heat.columnCount() == 5
    assert heat.verticalHeaderItem(0).text() == "R 4" and heat.horizontalHeaderItem(0).text() == "F 0"
    shown = {(4 - i, j): heat.item(i, j).text() for i in range(5) for j in range(5)}
    assert shown == {k: (str(matrix[k]) if matrix.get(k) else "·") for k in shown}
    # the help states the quantile rule
    assert "1 + the whole part of 5 × w / n" in dialog.help_view.toPlainText()  # English source (French: .ts)


def test_quantiles_and_window_recompute_in_the_worker(qtbot, rfm_dialog, sweety):
    dialog = rfm_dialog
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("quantile"))
    dialog.window_spin.setValue(0)
    assert dialog.window_spin.text() == "all history"
    with qtbot.waitSignal(dialog.computed, timeout=10_000) as blocker:
        dialog.compute_button.click()
        assert dialog.progress.isVisible() or not dialog.task.is_running()
    result = blocker.args[0]
    assert result.method == "quantile" and result.window_days is None
    expected, _ = analytics.rfm_rows(sweety.database, TODAY, "quantile", None)
    assert [(r.client_code, r.code, r.segment) for r in result.rows] == [
        (r.client_code, r.code, r.segment) for r in expected
    ]
    assert dialog.heat.verticalHeaderItem(0).text() == "R 5"
    assert not dialog.tabs.isTabEnabled(3)  # the points grid does not apply


def test_a_computation_can_be_stopped(qtbot, rfm_dialog, monkeypatch):
    import threading

    dialog = rfm_dialog
    release = threading.Event()
    real = analytics.rfm_rows

    def slow(*args, **kwargs):
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(analytics, "rfm_rows", slow)
    dialog.compute()
    task = dialog.task
    assert dialog.stop_button.isVisible()
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        dialog.stop_button.click()
        release.set()
    assert dialog.status_label.text() == "Computation stopped."
    assert dialog.compute_button.isEnabled() and not dialog.stop_button.isVisible()


def test_the_grid_editor_changes_the_points_and_refuses_a_bad_grid(qtbot, rfm_dialog, boxes):
    dialog = rfm_dialog
    recency4 = dialog.grid_editors[("recency", 4)]
    assert recency4.description.text() == "de 0 jour inclus à 15 jours exclu"
    assert dialog.outside_spins["recency"].value() == 0
    dialog.outside_spins["recency"].setValue(1)  # older than 90 days: 1 point instead of 0
    with qtbot.waitSignal(dialog.computed, timeout=10_000) as blocker:
        dialog.compute_button.click()
    rows = blocker.args[0].rows
    assert all(r.r >= 1 for r in rows) and any(r.recency_days > 90 for r in rows)
    recency4.low.setValue(20)  # 20 > 15: an empty band
    assert "dépasse la borne haute" in dialog.grid_error.text()
    dialog.compute_button.click()
    assert boxes and "dépasse la borne haute" in boxes[-1][1]
    dialog.findChild(type(dialog.compute_button), "gridDefaults").click()
    assert dialog.grid_error.text() == "" and dialog.outside_spins["recency"].value() == 0


def test_export_csv_and_xlsx(qtbot, rfm_dialog, tmp_path):
    dialog = rfm_dialog
    dialog.segment_filter.setCurrentIndex(dialog.segment_filter.findData("champions"))
    shown = dialog.proxy.rowCount()
    path = tmp_path / "rfm.csv"
    assert dialog.export_to(path) == shown
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert lines[0][:3] == ["client_code", "name", "recency_days"]
    assert len(lines) == shown + 1
    bio = next(line for line in lines if line[0] == "SB00007")
    assert bio[6] == "112450,00" and bio[9:] == ["4-4-4", "Champions"]
    from openpyxl import load_workbook

    book = tmp_path / "rfm.xlsx"
    assert dialog.export_to(book) == shown
    workbook = load_workbook(book, read_only=True)
    try:
        values = list(workbook["RFM"].values)
    finally:
        workbook.close()
    assert len(values) == shown + 1
    bio = next(v for v in values if v[0] == "SB00007")
    assert bio[6] == 112450.0  # euros, a number
    assert bio[9] == "4-4-4"


def test_saving_makes_the_rfm_code_a_column_and_a_filter(qtbot, rfm_dialog, sweety):
    dialog = rfm_dialog
    window = sweety
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("quantile"))
    with qtbot.waitSignal(dialog.computed, timeout=10_000):
        dialog.compute_button.click()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    wait_figures(qtbot, window)  # the window recomputes the file's figures with the chosen method
    saved = dict(window.database.query("SELECT code, rfm_code FROM contacts WHERE rfm_code IS NOT NULL"))
    assert saved == {r.client_code: r.code for r in dialog.result.rows}
    # the table was re-read: the column shows the quantile codes, the filter finds the segment
    model = window.model
    bio = model.row_of_id(window.store.id_of_code("SB00007"))
    code = model.index(bio, COLUMN_KEYS.index("rfm_code")).data()
    assert code == saved["SB00007"]
    combo = window.analysis.segment_combo
    combo.setCurrentIndex(combo.findData("perdus"))
    assert model.rowCount() == dialog.segments.count("perdus")
    assert set(column_texts(model, "rfm_segment")) <= {"Perdus"}
    assert window.count_label.text().startswith(str(model.rowCount()))


def test_the_dialogs_work_by_keyboard(qtbot, rfm_dialog):
    from PySide6.QtWidgets import QLabel

    dialog = rfm_dialog
    buddies = {label.text(): label.buddy() for label in dialog.findChildren(QLabel) if "&" in label.text()}
    assert buddies["&Method:"] is dialog.method_combo
    assert buddies["Reference &date:"] is dialog.date_edit
    assert buddies["&Window:"] is dialog.window_spin
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)

    def focused(widget):
        now = QApplication.focusWidget()
        return now is widget or (now is not None and now.parent() is widget)

    dialog.method_combo.setFocus()
    qtbot.waitUntil(lambda: focused(dialog.method_combo))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused(dialog.date_edit))
    for _section in range(3):  # Tab walks the day, month, year of the date, then leaves it
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused(dialog.window_spin))
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # &Method
    qtbot.waitUntil(lambda: focused(dialog.method_combo))
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &Filter
    qtbot.waitUntil(lambda: focused(dialog.filter_edit))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_mnemonics_are_unique_and_french_is_spoken(qtbot, qapp, sweety, language):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from crmdesk.gui.common import i18n
    from tests.gui.test_i18n_forms import assert_unique

    translators = i18n.install(qapp, language)
    try:
        window = sweety
        parts = window.analysis
        dialog = window.analysis.show_rfm(as_of=TODAY)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
        inner = dialog.axis_tabs

        def texts(widget, skip=None):
            found = widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)
            return [w.text() for w in found if skip is None or not skip.isAncestorOf(w)]

        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert_unique(tabs + texts(dialog, skip=inner), f"RFM dialog ({language})")
        status = window.analysis.show_statuses()
        assert_unique(texts(status, skip=status.tabs) + texts(status.tabs.widget(0)), f"statuses ({language})")
        assert_unique([a.text() for a in parts.menu.actions()], f"analysis menu ({language})")
        if language == "fr":
            from PySide6.QtCore import QCoreApplication

            assert QCoreApplication.translate("AnalysisMenu", "A&nalysis") == "A&nalyse"
            assert dialog.windowTitle() == "Analyse RFM" and tabs[0] == "&Résultats"
            assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "N° client"
            assert status.windowTitle() == "Statuts clients"
            assert status.editors[("actif", "revenue")].low_inclusive.text() == "inclus"
        status.reject()
        dialog.close()
    finally:
        i18n.remove(qapp, translators)
