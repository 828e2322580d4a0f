"""Fidélité › Réglages… : the rules of the loyalty programme and its rewards catalogue.

Points per euro, months a batch of points stays usable, card validity and
cost, the host's voucher rate, the referrer's reward (points or a voucher),
the volume rebate (threshold, rate, and which rule: above the threshold only,
or the whole revenue once reached). Rates are typed in % and stored as
fractions (10 % → 0.10), money in euros and stored in cents. Saved in one
transaction (LoyaltyStore.save_rules); a refusal is shown in French.
The catalogue: name, points, value to the firm (the programme's cost);
a reward is added or withdrawn (never deleted: redemptions point to it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.money import format_eur
from crmdesk.gui.common.field_errors import summary_label
from crmdesk.gui.common.form_dialog import FormDialog
from crmdesk.gui.common.labels import FRENCH, number
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.session import Session
from crmdesk.store.loyalty import DEFAULTS, LoyaltyStore

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _spin(parent, name: str, low: float, high: float, decimals: int = 0, suffix: str = "", step: float = 1):
    spin = QDoubleSpinBox(parent) if decimals else QSpinBox(parent)
    if decimals:
        spin.setDecimals(decimals)
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setSuffix(suffix)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setLocale(FRENCH)  # « 10 000,00 € » whatever the interface language
    spin.setGroupSeparatorShown(True)
    return spin


class RewardsModel(ReadOnlyTableModel):
    def __init__(self, store: LoyaltyStore, parent=None):
        super().__init__(parent)
        self._headers = (self.tr("Reward"), self.tr("Points"), self.tr("Value"), self.tr("Offered"))
        self.store = store
        self.refresh()

    def _fetch(self) -> list[dict]:
        return self.store.rewards(active_only=False)

    def cell(self, row: dict, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row["name"],
                number(row["points"]),
                format_eur(row["value_cents"]),
                self.tr("yes") if row["active"] else self.tr("no"),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return _RIGHT
        return None


class LoyaltySettingsDialog(FormDialog):
    """The rules (saved by Save; Escape or Cancel with changes asks first) and the catalogue (saved at once)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LoyaltySettingsDialog")
        self.setWindowTitle(self.tr("Loyalty programme settings"))
        self.store = session.loyalty
        s = self
        self.points_per_euro = _spin(s, "pointsPerEuro", 0, 1000, 2, step=0.5)
        self.validity_months = _spin(s, "validityMonths", 1, 120, suffix=self.tr(" months"))
        self.card_months = _spin(s, "cardMonths", 1, 120, suffix=self.tr(" months"))
        self.card_cost = _spin(s, "cardCost", 0, 100_000, 2, " €", 0.5)
        self.voucher_rate = _spin(s, "voucherRate", 0, 100, 2, " %")
        self.referral_kind = QComboBox(s)
        self.referral_kind.setObjectName("referralKind")
        self.referral_kind.addItem(self.tr("Loyalty points"), "points")
        self.referral_kind.addItem(self.tr("A voucher"), "voucher")
        self.referral_points = _spin(s, "referralPoints", 0, 1_000_000, suffix=self.tr(" points"))
        self.referral_voucher = _spin(s, "referralVoucher", 0, 100_000, 2, " €")
        self.rebate_threshold = _spin(s, "rebateThreshold", 0, 1_000_000_000, 2, " €", 1000)
        self.rebate_rate = _spin(s, "rebateRate", 0, 100, 2, " %", 0.5)
        self.rebate_base = QComboBox(s)
        self.rebate_base.setObjectName("rebateBase")
        self.rebate_base.addItem(self.tr("rate × (revenue − threshold), above the threshold"), "excess")
        self.rebate_base.addItem(self.tr("rate × whole revenue, once the threshold is reached"), "total")
        self.referral_kind.currentIndexChanged.connect(self._kind_changed)

        points = self._group(
            self.tr("Points and card"),
            (
                (self.tr("Points per &euro:"), self.points_per_euro),
                (self.tr("Points usable &for:"), self.validity_months),
                (self.tr("Card &valid for:"), self.card_months),
                (self.tr("Cost of a &card:"), self.card_cost),
            ),
        )
        hint = QLabel(
            self.tr("A batch of points stays usable until the end of the month, that many months after the order."),
            self,
        )
        hint.setWordWrap(True)
        points.layout().addRow(hint)
        rewards = self._group(
            self.tr("Home parties and referral"),
            (
                (self.tr("&Host's voucher:"), self.voucher_rate),
                (self.tr("Referrer's &reward:"), self.referral_kind),
                (self.tr("Referral &points:"), self.referral_points),
                (self.tr("Referral v&oucher:"), self.referral_voucher),
            ),
        )
        rebate = self._group(
            self.tr("Volume rebate"),
            (
                (self.tr("&Threshold:"), self.rebate_threshold),
                (self.tr("R&ate:"), self.rebate_rate),
                (self.tr("Ru&le:"), self.rebate_base),
            ),
        )

        self.rewards_model = RewardsModel(self.store, self)
        self.rewards_table = read_only_table(self, self.rewards_model, "rewards")
        header = self.rewards_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reward_name = QLineEdit(self)
        self.reward_name.setObjectName("rewardName")
        self.reward_name.setPlaceholderText(self.tr("New reward"))
        self.reward_name.setMinimumWidth(self.fontMetrics().horizontalAdvance("Service de table 18 pièces"))
        self.reward_points = _spin(s, "rewardPoints", 1, 1_000_000, suffix=self.tr(" points"))
        self.reward_value = _spin(s, "rewardValue", 0, 100_000, 2, " €")
        self.add_reward_button = QPushButton(self.tr("A&dd"), self)
        self.add_reward_button.setObjectName("addReward")
        self.add_reward_button.clicked.connect(lambda _checked=False: self.add_reward())
        self.toggle_reward_button = QPushButton(self.tr("&Withdraw / offer again"), self)
        self.toggle_reward_button.setObjectName("toggleReward")
        self.toggle_reward_button.clicked.connect(lambda _checked=False: self.toggle_reward())
        for button in (self.add_reward_button, self.toggle_reward_button):
            button.setAutoDefault(False)
        new_reward = QHBoxLayout()
        new_reward.addWidget(self.reward_name, 1)
        for widget in (self.reward_points, self.reward_value, self.add_reward_button):
            new_reward.addWidget(widget)
        catalogue = QGroupBox(self.tr("Rewards catalogue"), self)
        box = QVBoxLayout(catalogue)
        box.addWidget(self.rewards_table)
        box.addLayout(new_reward)
        box.addWidget(self.toggle_reward_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.problem = summary_label(self, "problem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        for group in (points, rewards, rebate):
            left.addWidget(group)
        left.addStretch(1)
        columns.addLayout(left)
        columns.addWidget(catalogue, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.load()
        self.mark_clean()

    def form_widgets(self) -> dict[str, QWidget]:
        """The rules: the catalogue's « new reward » fields are added with their own button."""
        names = (
            "points_per_euro",
            "validity_months",
            "card_months",
            "card_cost",
            "voucher_rate",
            "referral_kind",
            "referral_points",
            "referral_voucher",
            "rebate_threshold",
            "rebate_rate",
            "rebate_base",
        )
        return {name: getattr(self, name) for name in names}

    def _group(self, title: str, rows) -> QGroupBox:
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        for caption, widget in rows:
            label = QLabel(caption, group)
            label.setBuddy(widget)
            form.addRow(label, widget)
        return group

    def _kind_changed(self, *_args) -> None:
        points = self.referral_kind.currentData() == "points"
        self.referral_points.setEnabled(points)
        self.referral_voucher.setEnabled(not points)

    # -- values --------------------------------------------------------------------------------
    def load(self) -> None:
        try:
            rules = self.store.rules()
        except CrmError as exc:  # a value typed by hand: the defaults, to be saved right
            rules = dict(DEFAULTS)
            self._show_problem(str(exc))
        self.points_per_euro.setValue(float(rules["loyalty.points_per_euro"]))
        self.validity_months.setValue(int(rules["loyalty.validity_months"]))
        self.card_months.setValue(int(rules["loyalty.card_months"]))
        self.card_cost.setValue(int(rules["loyalty.card_cost_cents"]) / 100)
        self.voucher_rate.setValue(float(rules["parties.voucher_rate"]) * 100)
        self.referral_kind.setCurrentIndex(max(0, self.referral_kind.findData(rules["referral.reward_kind"])))
        self.referral_points.setValue(int(rules["referral.reward_points"]))
        self.referral_voucher.setValue(int(rules["referral.reward_cents"]) / 100)
        self.rebate_threshold.setValue(int(rules["rebate.threshold_cents"]) / 100)
        self.rebate_rate.setValue(float(rules["rebate.rate"]) * 100)
        self.rebate_base.setCurrentIndex(max(0, self.rebate_base.findData(rules["rebate.base"])))
        self._kind_changed()

    def values(self) -> dict:
        """What the dialog would store: rates as fractions, money in cents."""
        return {
            "loyalty.points_per_euro": round(self.points_per_euro.value(), 2),
            "loyalty.validity_months": self.validity_months.value(),
            "loyalty.card_months": self.card_months.value(),
            "loyalty.card_cost_cents": round(self.card_cost.value() * 100),
            "parties.voucher_rate": round(self.voucher_rate.value() / 100, 4),
            "referral.reward_kind": self.referral_kind.currentData(),
            "referral.reward_points": self.referral_points.value(),
            "referral.reward_cents": round(self.referral_voucher.value() * 100),
            "rebate.threshold_cents": round(self.rebate_threshold.value() * 100),
            "rebate.rate": round(self.rebate_rate.value() / 100, 4),
            "rebate.base": self.rebate_base.currentData(),
        }

    def _show_problem(self, text: str | None) -> None:
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))

    def submit(self) -> bool:
        try:
            self.store.save_rules(self.values())
        except ValidationError as exc:
            self._show_problem("\n".join(exc.problems.values()))
            return False
        except CrmError as exc:
            self._show_problem(str(exc))
            return False
        self.accept()
        return True

    # -- catalogue -----------------------------------------------------------------------------
    def add_reward(self) -> int | None:
        try:
            reward_id = self.store.add_reward(
                self.reward_name.text(), self.reward_points.value(), round(self.reward_value.value() * 100)
            )
        except ValidationError as exc:
            self._show_problem("\n".join(exc.problems.values()))
            return None
        self._show_problem(None)
        self.reward_name.clear()
        self.rewards_model.refresh()
        return reward_id

    def toggle_reward(self) -> bool:
        rows = self.rewards_table.selectionModel().selectedRows()
        if not rows:
            return False
        reward = self.rewards_model.rows[rows[0].row()]
        self.store.set_reward_active(reward["id"], not reward["active"])
        self.rewards_model.refresh()
        self.rewards_table.selectRow(rows[0].row())
        return True
