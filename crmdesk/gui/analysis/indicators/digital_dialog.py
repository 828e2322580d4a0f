"""« Indicateurs numériques… »: web-shop and social-network figures per period (docs/domain/06-indicators.md).

Two pages, each an editable table with the computed indicators under it
(crmdesk.domain.indicators: web_report, social_report), shown the French
way as the figures are typed. Periods are typed « 2019 », « 2026-03 » or
« 2026-T1 » (parse_period's French reason otherwise). « Save » writes both
tables in one transaction — periods removed from a table are deleted — and
only when every cell is right; otherwise the wrong cells are framed in red
and nothing is written.
"""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from crmdesk.domain import indicators as rules
from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur, parse_amount
from crmdesk.gui.analysis.indicators.buttons import save_cancel
from crmdesk.gui.analysis.indicators.entry_model import Column, EntryTableModel, TextTableModel
from crmdesk.gui.analysis.indicators.entry_panel import EntryPanel
from crmdesk.gui.analysis.indicators.formats import percent, signed_percent
from crmdesk.gui.common import labels
from crmdesk.gui.session import Session

EVOLVING = ("visitors", "average_basket_cents", "revenue_cents")  # compared year on year (docs/domain/06-indicators.md)


def _optional_count(text: str) -> int | None:
    return rules.parse_count(text) if text.strip() else None


def _money(text: str) -> int:
    if not text.strip():
        raise CrmError(QCoreApplication.translate("DigitalDialog", "missing value"))
    cents = parse_amount(text)
    if cents < 0:
        raise CrmError(
            QCoreApplication.translate("DigitalDialog", "negative amount « %1 »").replace("%1", text.strip())
        )
    return cents


def _money_text(cents: int) -> str:
    """« 71,50 »: easy to retype."""
    return f"{cents // 100},{cents % 100:02d}"


def _count(key: str, header: str) -> Column:
    return Column(key, header, rules.parse_count, labels.number)


def web_texts(records: list[dict]) -> list[tuple[str, ...]]:
    """The computed web indicators of each period, and the last period against the first."""
    report = rules.web_report([rules.WebRow(**r) for r in records])
    rows = [
        (
            rules.period_label(item.period),
            percent(item.product_view_rate),
            percent(item.transformation_rate),
            percent(item.conversion_rate),
            labels.number(item.lost_carts),
            percent(item.abandonment_rate),
            format_eur(item.revenue_cents),
            *(signed_percent((item.evolution or {}).get(m)) for m in EVOLVING),
        )
        for item in report.items
    ]
    overall = report.overall
    if overall is not None:
        span = f"{rules.period_label(overall.last)} / {rules.period_label(overall.first)}"
        rows.append((span, *[""] * 6, *(signed_percent(overall.changes[m]) for m in EVOLVING)))
    return rows


def social_texts(records: list[dict]) -> list[tuple[str, ...]]:
    return [
        (
            rules.period_label(item.period),
            item.network,
            labels.number(item.engaged),
            percent(item.engagement_rate, 2),
            percent(item.reach_vs_objective),
            percent(item.likes_vs_objective),
        )
        for item in rules.social_report([rules.SocialRow(**r) for r in records])
    ]


class DigitalDialog(QDialog):
    saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DigitalDialog")
        self.setWindowTitle(self.tr("Digital indicators"))
        self.setSizeGripEnabled(True)
        self.store = session.indicators
        period = Column("period", self.tr("Period"), rules.normalize_period, rules.period_label, numeric=False)

        self.web_model = EntryTableModel(
            (
                period,
                _count("visitors", self.tr("Visitors")),
                _count("product_views", self.tr("Product views")),
                _count("add_to_cart", self.tr("Added to cart")),
                _count("purchases", self.tr("Purchases")),
                Column("average_basket_cents", self.tr("Average basket"), _money, format_eur, _money_text),
            ),
            lambda values: (values["period"],),
            self.tr("this period is already on line %1"),
            self,
        )
        self.web_model.load([asdict(r) for r in self.store.web_rows()])
        self.web_derived = TextTableModel(
            (
                self.tr("Period"),
                self.tr("Product-view rate"),
                self.tr("Transformation"),
                self.tr("Conversion"),
                self.tr("Lost carts"),
                self.tr("Abandonment"),
                self.tr("Revenue"),
                self.tr("Visitors y/y"),
                self.tr("Basket y/y"),
                self.tr("Revenue y/y"),
            ),
            right=range(1, 10),
            parent=self,
        )

        self.social_model = EntryTableModel(
            (
                period,
                Column("network", self.tr("Network"), rules.normalize_network, numeric=False),
                _count("reach", self.tr("Reach")),
                _count("likes", self.tr("Likes")),
                _count("comments", self.tr("Comments")),
                _count("shares", self.tr("Shares")),
                Column("reach_objective", self.tr("Reach objective"), _optional_count, labels.number),
                Column("likes_objective", self.tr("Likes objective"), _optional_count, labels.number),
            ),
            lambda values: (values["period"], rules.network_key(values["network"])),
            self.tr("this period and network are already on line %1"),
            self,
        )
        self.social_model.load([asdict(r) for r in self.store.social_rows()])
        self.social_derived = TextTableModel(
            (
                self.tr("Period"),
                self.tr("Network"),
                self.tr("Engaged"),
                self.tr("Engagement rate"),
                self.tr("Reach vs objective"),
                self.tr("Likes vs objective"),
            ),
            right=range(2, 6),
            parent=self,
        )

        intro = QLabel(
            self.tr(
                "One row per period: 2019 (year), 2026-03 (month) or 2026-T1 (quarter). "
                "Evolutions compare a period with the same period one year earlier."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.web_panel = EntryPanel(self.web_model, self.web_derived, web_texts, "web", self.tabs)
        self.social_panel = EntryPanel(self.social_model, self.social_derived, social_texts, "social", self.tabs)
        self.tabs.addTab(self.web_panel, self.tr("&Web shop"))
        self.tabs.addTab(self.social_panel, self.tr("&Social networks"))
        self.summary, self.buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        for model in (self.web_model, self.social_model):
            model.changed.connect(self._hide_summary)
        self.resize(1040, 660)

    def _hide_summary(self) -> None:
        if not (self.web_model.problems() or self.social_model.problems()):
            self.summary.hide()

    def submit(self) -> bool:
        """Save both tables when every cell is right; otherwise say where and write nothing."""
        wrong = [panel for panel in (self.web_panel, self.social_panel) if panel.model.problems()]
        if wrong:
            for panel in wrong:
                panel.model.reveal()
            self.tabs.setCurrentWidget(wrong[0])
            return self._refuse(self.tr("Nothing was saved: correct the cells framed in red."))
        try:
            self._write()
        except CrmError as exc:
            return self._refuse(self.tr("Nothing was saved: %1").replace("%1", str(exc)))
        self.saved.emit()
        self.accept()
        return True

    def _refuse(self, text: str) -> bool:
        self.summary.setText(text)
        self.summary.show()
        return False

    def _write(self) -> None:
        web, social = self.web_model.records(), self.social_model.records()
        kept_web = {r["period"] for r in web}
        kept_social = {(r["period"], rules.network_key(r["network"])) for r in social}
        with self.store.database.atomic():
            for row in self.store.web_rows():
                if row.period not in kept_web:
                    self.store.delete_web(row.period)
            for row in self.store.social_rows():
                if (row.period, rules.network_key(row.network)) not in kept_social:
                    self.store.delete_social(row.period, row.network)
            for values in web:
                self.store.set_web(values)
            for values in social:
                self.store.set_social(values)
