"""The « Tableau de bord » tab on the Sweety Bio demo: what the charts show,
clicking through to the clients behind a bar, the period, the exports."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import threading

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crmdesk.domain import periods
from crmdesk.domain.money import format_eur
from crmdesk.gui.dashboard import export
from crmdesk.gui.dashboard import tab as tab_module
from crmdesk.gui.dashboard.install import CLIENTS_TAB, DASHBOARD_TAB
from crmdesk.store.dashboard import DashboardStore
from crmdesk.store.indicators import IndicatorStore
from tests.gui import test_analysis_gui as analysis_tests
from tests.gui.test_i18n_forms import french  # noqa: F401 - the French translators

TODAY = dt.date(2026, 11, 23)
NOVEMBER = periods.bounds("month", TODAY)
Q4 = periods.bounds("quarter", TODAY)
ALL = 440


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture
def sweety(window, sweetybio_template, tmp_path):
    """The window on a fresh copy of the demo, its deadlines judged on TODAY."""
    assert analysis_tests.TODAY == TODAY
    path = tmp_path / "sweetybio.sqlite"
    shutil.copy(sweetybio_template, path)
    window.clock.day = TODAY  # the demo's figures are of TODAY: none recomputed to another day
    assert window.open_file(path)
    return window


def shown(qtbot, window):
    """Show the dashboard tab and wait for its first figures."""
    window.dashboard.show_dashboard()
    tab = window.dashboard.tab
    qtbot.waitUntil(lambda: tab.result is not None and not tab.task.is_running(), timeout=10_000)
    return tab


def recomputed(qtbot, tab, change):
    """Do `change` and wait for the figures it causes."""
    with qtbot.waitSignal(tab.computed, timeout=10_000):
        change()
    qtbot.waitUntil(lambda: not tab.task.is_running(), timeout=10_000)


@pytest.fixture
def store(sweety):
    return DashboardStore(sweety.database)


def heights(chart, series=0):
    """Bar lengths of a series as drawn (width of horizontal bars)."""
    item = chart.bar_items[series]
    return list(item.opts["width"] if chart.horizontal else item.opts["height"])


def click(qtbot, chart, x, y):
    """A real left click on the chart at the data point (x, y)."""
    point = chart.mapFromScene(chart.scene_pos(x, y))
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point)


def count_sql(window, where: str, params=()) -> int:
    return window.database.scalar(f"SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND {where}", params)


# -- the tab -----------------------------------------------------------------------------------
def test_the_dashboard_is_a_second_tab_built_when_first_shown(qtbot, sweety):
    place = sweety.dashboard
    assert [place.tabs.tabText(i) for i in range(place.tabs.count())] == ["Clients", "Dashboard"]
    assert place.tabs.currentIndex() == CLIENTS_TAB and place.tab is None
    sweety.dashboard.dashboard_action.trigger()
    tab = shown(qtbot, sweety)
    assert place.tabs.currentIndex() == DASHBOARD_TAB
    assert tab.period() == NOVEMBER and tab.selector.label.text() == "novembre 2026"
    assert len(tab.charts) == 14
    place.clients_action.trigger()
    assert place.tabs.currentIndex() == CLIENTS_TAB


def test_the_status_chart_shows_the_shares_of_the_seed_table(qtbot, sweety):
    """docs/domain/03-statuses.md: 39 / 196 / 113 / 52 clients, 21 / 62 / 10 / 7 % of the revenue."""
    chart = shown(qtbot, sweety).charts["clients-et-ca-par-statut"]
    assert [label for label, _key in chart.categories] == ["Premium", "Actif", "Standard", "Occasionnel"]
    assert heights(chart, 0) == pytest.approx([9.75, 49.0, 28.25, 13.0])
    assert heights(chart, 1) == pytest.approx([21.0, 62.0, 10.0, 7.0])
    hit = chart.hit(0, 5)
    assert "Premium" in hit.tip and "39 clients" in hit.tip and "568 260,00 €" in plain(hit.tip)


def test_revenue_bars_are_the_period_revenue_by_category_region_and_rep(qtbot, sweety, store):
    tab = shown(qtbot, sweety)
    start, end = NOVEMBER.iso()
    by_category = dict(
        sweety.database.query(
            "SELECT c.name, sum(CAST(round(l.quantity * l.unit_price_cents) AS INTEGER) - l.discount_cents) "
            "FROM orders o JOIN order_lines l ON l.order_id = o.id "
            "JOIN categories c ON c.id = coalesce(l.category_id, (SELECT category_id FROM products p "
            "WHERE p.id = l.product_id)) WHERE o.date BETWEEN ? AND ? GROUP BY c.name",
            (start, end),
        )
    )
    chart = tab.charts["ca-par-categorie"]
    drawn = {label: width for (label, _key), width in zip(chart.categories, heights(chart))}
    assert drawn == pytest.approx({name: cents / 100 for name, cents in by_category.items()})
    assert heights(chart) == sorted(heights(chart), reverse=True)  # biggest first, at the top
    for dimension, name in (("region", "ca-par-region"), ("rep", "ca-par-commercial")):
        rows = store.revenue_by(dimension, NOVEMBER)
        chart = tab.charts[name]
        assert [label for label, _key in chart.categories] == [r["label"] for r in rows]
        assert heights(chart) == pytest.approx([r["revenue_cents"] / 100 for r in rows])
    total = sweety.database.scalar("SELECT sum(amount_cents) FROM orders WHERE date BETWEEN ? AND ?", (start, end))
    assert sum(heights(tab.charts["ca-par-region"])) == pytest.approx(total / 100)
    assert dict(tab.figures)["Revenue"] == format_eur(total)


def test_monthly_revenue_rfm_segments_and_the_heat_map(qtbot, sweety, store):
    tab = shown(qtbot, sweety)
    months = store.revenue_by_month(periods.custom(dt.date(2025, 12, 1), NOVEMBER.end))
    chart = tab.charts["ca-par-mois"]
    assert heights(chart) == pytest.approx([m["revenue_cents"] / 100 for m in months])
    assert chart.categories[-1][0] == "nov.\n2026\nin progress"  # on 23/11/2026
    segments = tab.charts["segments-rfm"]
    assert heights(segments) == [r["clients"] for r in store.rfm_segments()]
    assert heights(segments)[0] == 191  # champions
    heat = tab.charts["matrice-r-f"]
    assert heat.cells == store.rf_matrix() and len(heat.cells) == 25
    assert sum(heat.cells.values()) == sweety.database.scalar(
        "SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND rfm_code GLOB '[0-9]-[0-9]-*'"
    )
    hit = heat.hit(3, 4)  # F 3 (x), R 4 (y)
    assert hit.key == (4, 3) and hit.tip.startswith("R 4 × F 3: 75 clients")


def test_complaints_are_stacked_by_kind_with_the_share_closed_in_time(qtbot, sweety):
    tab = shown(qtbot, sweety)
    chart = tab.charts["reclamations-par-mois"]
    november = len(chart.categories) - 1
    stacked = sum(item.opts["height"][november] for item in chart.bar_items)
    received = sweety.database.scalar(
        "SELECT count(*) FROM complaints WHERE received_at BETWEEN ? AND ?", ("2026-11-01", "2026-11-31")
    )
    assert stacked == received == 5
    assert {s.key for s in chart.series} == {"safety", "delivery", "stockout", "special_order", "information"}
    assert chart.rates[-1] is None  # nothing closed yet: no share
    assert dict(tab.figures)["Complaints received"] == "5"


def test_satisfaction_retention_against_their_thresholds(qtbot, sweety):
    tab = shown(qtbot, sweety)
    answers = IndicatorStore(sweety.database).satisfaction_series(periods.series("month", TODAY, 12))
    csat = tab.charts["satisfaction-csat"]
    drawn = [y for y in csat.line_items[0].getData()[1]]
    expected = [a["csat"] for a in answers]
    assert [None if y != y else pytest.approx(y) for y in drawn] == expected
    assert [t.value() for t in csat.threshold_items] == [80.0]
    assert [t.value() for t in tab.charts["satisfaction-nps"].threshold_items] == [30.0]
    retention = tab.charts["retention-attrition"]
    assert [s.name for s in retention.series] == ["Retention", "Attrition"]
    assert all(
        r is None or a is None or r + a == pytest.approx(100)
        for r, a in zip(retention.series[0].values, retention.series[1].values)
    )
    last = retention.hit(len(retention.categories) - 1, 50).tip
    assert last.startswith("nov.\n2026\n") and "bought again" in last and "Attrition — " in last


def test_digital_indicators_of_the_worked_example(qtbot, sweety):
    indicators = IndicatorStore(sweety.database)
    for row in indicators.web_rows():  # the demo's quarters give way to docs/domain/06-indicators.md's years
        indicators.delete_web(row.period)
    for row in indicators.social_rows():
        indicators.delete_social(row.period, row.network)
    for period, visitors, views, carts, purchases, basket in (
        ("2019", 1000, 500, 250, 80, 7100),
        ("2020", 1700, 750, 355, 116, 8000),
        ("2021", 2000, 920, 310, 148, 10000),
    ):
        indicators.set_web(
            {
                "period": period,
                "visitors": visitors,
                "product_views": views,
                "add_to_cart": carts,
                "purchases": purchases,
                "average_basket_cents": basket,
            }
        )
    indicators.set_social(
        {
            "period": "2021",
            "network": "facebook",
            "reach": 4560,
            "likes": 34,
            "comments": 20,
            "shares": 11,
            "reach_objective": 5000,
        }
    )
    tab = shown(qtbot, sweety)
    web = tab.charts["indicateurs-web"]
    assert web.categories == ["2019", "2020", "2021"]
    assert web.series[0].values == pytest.approx([8.0, 6.8235, 7.4], abs=1e-3)  # conversion
    assert web.series[2].values == pytest.approx([68.0, 67.32, 52.26], abs=1e-2)  # abandonment
    social = tab.charts["engagement-reseaux-sociaux"]
    assert heights(social, 0) == pytest.approx([65 / 4560 * 100])
    assert heights(social, 1) == [1.0]  # Facebook's threshold
    assert "91,2 %" in plain(social.hit(0, 0.5).tip)  # reach against its objective


# -- clicking through to the clients -------------------------------------------------------------
def test_clicking_a_region_bar_shows_its_clients(qtbot, sweety):
    chart = shown(qtbot, sweety).charts["ca-par-region"]
    assert chart.categories[0][0] == "Auvergne-Rhône-Alpes"
    click(qtbot, chart, heights(chart)[0] / 2, chart.position(0))
    place = sweety.dashboard
    expected = count_sql(sweety, "region = ?", ("Auvergne-Rhône-Alpes",))
    assert place.tabs.currentIndex() == CLIENTS_TAB
    assert sweety.model.query.region == "Auvergne-Rhône-Alpes"
    assert sweety.model.total() == expected > 0
    assert place.bar.isVisible()
    assert place.label.text() == "Dashboard filter: region Auvergne-Rhône-Alpes"
    assert sweety.count_label.text() == f"{expected} clients shown out of {ALL}"
    place.remove_button.click()
    assert not place.bar.isVisible() and sweety.model.query.region is None
    assert sweety.model.total() == ALL


def test_a_status_bar_pins_the_status_filter(qtbot, sweety):
    chart = shown(qtbot, sweety).charts["clients-et-ca-par-statut"]
    click(qtbot, chart, -0.15, 3)  # the Premium pair of bars
    assert sweety.model.query.status == "premium" and sweety.model.total() == 39
    combo = sweety.analysis.status_combo
    assert not combo.isEnabled()  # the dashboard holds the status
    sweety.ui.searchEdit.setText("bio")  # the other filters still narrow it down
    sweety.apply_filters()
    assert sweety.model.query.status == "premium" and sweety.model.total() <= 39
    sweety.ui.actionClearFilters.trigger()
    assert sweety.dashboard.filter is None and combo.isEnabled()
    assert sweety.model.query.status is None and sweety.model.total() == ALL


def test_clicks_on_segments_cells_reps_categories_and_complaints(qtbot, sweety, store):
    tab = shown(qtbot, sweety)
    place = sweety.dashboard

    def through(name, x, y):
        place.show_dashboard()
        click(qtbot, tab.charts[name], x, y)
        assert place.tabs.currentIndex() == CLIENTS_TAB
        return sweety.model.query, sweety.model.total(), place.label.text()

    segments = tab.charts["segments-rfm"]
    query, total, text = through("segments-rfm", 5, segments.position(0))
    assert (query.rfm_segment, total, text) == ("champions", 191, "Dashboard filter: RFM segment Champions")
    query, total, text = through("matrice-r-f", 3, 4)
    assert (query.rf, total) == ((4, 3), 75) and query.rfm_segment is None
    reps = tab.charts["ca-par-commercial"]
    query, total, _text = through("ca-par-commercial", heights(reps)[0] / 2, reps.position(0))
    assert query.rep_id == 1 and total == count_sql(sweety, "rep_id = 1")
    assert not sweety.ui.repCombo.isEnabled()
    categories = tab.charts["ca-par-categorie"]
    query, total, text = through("ca-par-categorie", heights(categories)[0] / 2, categories.position(0))
    assert query.bought == ("4", "2026-11-01", "2026-11-30")
    assert text == "Dashboard filter: bought « Épicerie » in novembre 2026"
    assert total == sweety.database.scalar(
        "SELECT count(DISTINCT o.contact_id) FROM orders o JOIN order_lines l ON l.order_id = o.id "
        "LEFT JOIN products p ON p.id = l.product_id WHERE o.date BETWEEN '2026-11-01' AND '2026-11-30' "
        "AND coalesce(l.category_id, p.category_id) = 4"
    )
    complaints = tab.charts["reclamations-par-mois"]
    november = len(complaints.categories) - 1
    query, total, text = through("reclamations-par-mois", november, 0.5)  # the bottom of the stack
    assert query.complained == ("safety", "2026-11-01", "2026-11-30") and total == 1
    assert text.startswith("Dashboard filter: complaints « Risque santé / sécurité » received in novembre 2026")
    place.remove_button.click()
    assert sweety.ui.repCombo.isEnabled() and sweety.model.total() == ALL


def test_nothing_happens_on_an_empty_bar_and_the_tooltip_follows_the_mouse(qtbot, sweety):
    tab = shown(qtbot, sweety)
    segments = tab.charts["segments-rfm"]
    nouveaux = [label for label, _ in segments.categories].index("Nouveaux")
    assert segments.hit(0.1, segments.position(nouveaux)).key is None  # 0 clients
    with qtbot.assertNotEmitted(segments.activated):
        click(qtbot, segments, 0.1, segments.position(nouveaux))
    assert sweety.dashboard.tabs.currentIndex() == DASHBOARD_TAB
    region = tab.charts["ca-par-region"]
    region._moved(region.scene_pos(1, region.position(0)))
    assert region.hover.startswith("Auvergne-Rhône-Alpes: ") and "€" in region.hover
    region._moved(region.scene_pos(1, -5))
    assert region.hover == ""


# -- the period -----------------------------------------------------------------------------------
def test_the_period_selector_changes_the_figures(qtbot, sweety, store):
    tab = shown(qtbot, sweety)
    november = dict(tab.figures)["Revenue"]
    selector = tab.selector
    recomputed(qtbot, tab, lambda: selector.kind_combo.setCurrentIndex(selector.kind_combo.findData("quarter")))
    assert tab.period() == Q4 and selector.label.text() == "T4 2026"
    assert tab.result["period"] == Q4
    chart = tab.charts["ca-par-categorie"]
    assert heights(chart) == pytest.approx([r["revenue_cents"] / 100 for r in store.revenue_by("category", Q4)])
    quarter = sum(r["revenue_cents"] for r in store.revenue_by("region", Q4))
    assert dict(tab.figures)["Revenue"] == format_eur(quarter) != november
    assert len(tab.charts["retention-attrition"].categories) == tab_module.SERIES["quarter"]
    recomputed(qtbot, tab, selector.previous_button.click)
    assert selector.label.text() == "T3 2026"
    recomputed(qtbot, tab, selector.next_button.click)
    assert tab.period() == Q4
    recomputed(qtbot, tab, lambda: selector.kind_combo.setCurrentIndex(selector.kind_combo.findData("year")))
    assert tab.period() == periods.bounds("year", TODAY) and selector.label.text() == "2026"
    assert not selector.start_edit.isVisible()
    recomputed(qtbot, tab, lambda: selector.kind_combo.setCurrentIndex(selector.kind_combo.findData("custom")))
    assert selector.start_edit.isVisible() and tab.period().kind == "custom"
    recomputed(qtbot, tab, lambda: selector.end_edit.setDate(dt.date(2026, 6, 30)))
    assert tab.period() == periods.custom(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert selector.label.text() == "01/01/2026 – 30/06/2026"


def test_a_change_during_a_computation_is_computed_after_it(qtbot, sweety, monkeypatch):
    tab = shown(qtbot, sweety)
    threads, go = [], threading.Event()
    real = tab_module.compute

    def slow(database, period, job=None, today=None):
        threads.append(threading.current_thread())
        go.wait(5)
        return real(database, period, job, today)

    monkeypatch.setattr(tab_module, "compute", slow)
    tab.set_period(Q4)
    assert tab.task.is_running()
    tab.set_period(periods.bounds("year", TODAY))  # asked while Q4 computes
    QApplication.processEvents()  # the window goes on meanwhile
    go.set()
    qtbot.waitUntil(lambda: tab.result["period"].kind == "year" and not tab.task.is_running(), timeout=10_000)
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_the_dashboard_computes_only_when_shown(qtbot, sweety, client_file):
    tab = shown(qtbot, sweety)
    first = tab.task
    sweety.dashboard.tabs.setCurrentIndex(CLIENTS_TAB)
    tab.set_period(Q4)
    assert tab.task is first  # hidden: nothing computed
    recomputed(qtbot, tab, sweety.dashboard.show_dashboard)
    assert tab.result["period"] == Q4
    recomputed(qtbot, tab, lambda: sweety.open_file(client_file))  # another file, shown: at once
    assert tab.result["path"] == sweety.database.path
    assert tab.charts["ca-par-region"].categories == []  # no orders in that one
    assert tab.charts["ca-par-region"].empty_text.textItem.toPlainText() == "No data for this period"
    assert dict(tab.figures)["Average basket"] == "—"


# -- exports ------------------------------------------------------------------------------------
def test_the_pdf_report_has_the_period_the_key_figures_and_the_charts(qtbot, sweety):
    tab = shown(qtbot, sweety)
    with qtbot.waitSignal(tab.computed, timeout=10_000):
        tab.set_period(Q4)
    qtbot.waitUntil(lambda: not tab.task.is_running())
    task = export.export_pdf(tab)
    with qtbot.waitSignal(task.finished, timeout=20_000) as blocker:
        pass
    reader = pypdf.PdfReader(io.BytesIO(blocker.args[0]))
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    assert "Dashboard — T4 2026" in text
    for label, value in tab.figures:
        assert f"{label}" in text and plain(value) in text
    squeezed = re.sub(r"\s+", "", text)
    for chart in tab.charts.values():
        assert re.sub(r"\s+", "", chart.title) in squeezed
    images = sum(len(page.images) for page in reader.pages)
    assert images == len(tab.charts)
    qtbot.waitUntil(lambda: getattr(tab, "preview", None) is not None)
    assert tab.preview.suggested_name == "tableau-de-bord-t4-2026.pdf"
    assert tab.preview.page_count() == len(reader.pages)
    tab.preview.close()


def test_each_chart_is_exported_as_a_png_file(qtbot, sweety, tmp_path, monkeypatch):
    tab = shown(qtbot, sweety)
    folder = tmp_path / "images"
    folder.mkdir()
    monkeypatch.setattr(export, "ask_folder", lambda parent: folder)
    tab.png_button.click()
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(f"{name}.png" for name in tab.charts)
    assert "ca-par-categorie.png" in files
    from PySide6.QtGui import QImage

    image = QImage(str(folder / "ca-par-region.png"))
    assert image.width() == export.PNG_WIDTH and image.height() > 200
    assert re.match(r"14 charts saved in ", sweety.statusBar().currentMessage())


def test_a_png_export_into_a_missing_folder_says_why(qtbot, sweety, tmp_path, boxes):
    tab = shown(qtbot, sweety)
    assert export.export_png(tab, tmp_path / "missing") == []
    assert boxes and boxes[-1][0] == "Export the charts" and "n'existe pas" in boxes[-1][1]


def test_closing_the_window_during_a_computation_waits_for_it(qtbot, sweety):
    tab = shown(qtbot, sweety)
    tab.set_period(Q4)
    task = tab.task
    sweety.close()
    assert not task.is_running() or task.wait(0)


# -- in French --------------------------------------------------------------------------------------
def test_the_dashboard_speaks_french(qtbot, french, sweety):  # translators before the window
    window = sweety
    place = window.dashboard
    assert [place.tabs.tabText(i) for i in range(2)] == ["Clients", "Tableau de bord"]
    texts = [a.text() for a in window.ui.menuView.actions()]
    first = texts.index("Tableau des &clients")
    assert texts[first : first + 2] == ["Tableau des &clients", "Tableau de &bord"]
    tab = shown(qtbot, window)
    assert tab.selector.kind_combo.currentText() == "Mois" and tab.pdf_button.text() == "&Exporter en PDF…"
    assert [label for label, _value in tab.figures][:3] == ["Chiffre d'affaires", "Commandes", "Panier moyen"]
    chart = tab.charts["ca-par-region"]
    assert chart.title == "CA par région"
    click(qtbot, chart, heights(chart)[0] / 2, chart.position(0))
    assert place.label.text() == "Filtre du tableau de bord\u00a0: région Auvergne-Rhône-Alpes"
    assert place.remove_button.text() == "Retirer ce filtre"
    expected = count_sql(window, "region = ?", ("Auvergne-Rhône-Alpes",))
    assert window.count_label.text() == f"{expected} clients affichés sur {ALL}"


def test_a_logged_complaint_and_new_web_figures_show_at_once(qtbot, sweety):
    from crmdesk.store.complaints import ComplaintStore

    tab = shown(qtbot, sweety)
    before = sum(m["total"] for m in tab.result["snapshot"]["complaints"])
    client = sweety.store.id_of_code("SB00007")

    def log() -> None:
        ComplaintStore(sweety.database).create(
            {"contact_id": client, "subject": "Colis abîmé", "channel": "phone", "kind": "delivery"},
            received_at=dt.datetime(2026, 11, 23, 9, 0),
        )
        sweety.complaints.changed()

    recomputed(qtbot, tab, log)
    assert sum(m["total"] for m in tab.result["snapshot"]["complaints"]) == before + 1
    dialog = sweety.analysis.show_digital()
    recomputed(qtbot, tab, dialog.saved.emit)
    dialog.close()
