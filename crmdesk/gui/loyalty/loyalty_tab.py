"""The « Fidélité » tab of the client sheet (docs/domain/07-follow-up-and-loyalty.md).

The client's points (usable today, the next expiry and how many lapse
then — the numbers the printed client sheet shows), the loyalty card
(number, validity; Issue / Renew), the ledger of movements (orders,
rewards, referral, expiries), the vouchers, who referred the client and whom
she referred, and « Use points… »: a reward of the catalogue bought with
points (refused in French when the balance is short). Every change is saved
at once in one transaction; `loyaltyChanged(contact_id)` follows it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.domain.dates import format_date
from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur
from crmdesk.gui.common import messages
from crmdesk.gui.common.labels import number
from crmdesk.gui.common.table_model import ReadOnlyTableModel, read_only_table
from crmdesk.gui.session import Session
from crmdesk.store.loyalty import LoyaltyStore

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def points_text(points: int) -> str:
    """« 1 254 points » / « 1 point » (French grouping)."""
    if abs(points) <= 1:
        return QCoreApplication.translate("LoyaltyTab", "%1 point").replace("%1", number(points))
    return QCoreApplication.translate("LoyaltyTab", "%1 points").replace("%1", number(points))


def movement_label(entry: dict) -> str:
    """What a ledger movement is, translated (the store's `label` is French only)."""
    reason = entry["reason"]
    if reason == "order":
        return QCoreApplication.translate("LoyaltyTab", "Order %1").replace("%1", entry.get("order_ref") or "").strip()
    if reason == "reward":
        return QCoreApplication.translate("LoyaltyTab", "Reward: %1").replace("%1", entry.get("reward_name") or "")
    if reason == "expired":
        return QCoreApplication.translate("LoyaltyTab", "Points expired")
    if reason == "referral":
        return QCoreApplication.translate("LoyaltyTab", "Referral reward")
    return entry["label"]


class LedgerModel(ReadOnlyTableModel):
    """The client's movements of points, newest first: date, movement, points, last day of use."""

    def __init__(self, store: LoyaltyStore, contact_id: int, parent=None):
        super().__init__(parent)
        self._headers = (self.tr("Date"), self.tr("Movement"), self.tr("Points"), self.tr("Usable until"))
        self.store = store
        self.contact_id = contact_id
        self.refresh()

    def _fetch(self) -> list[dict]:
        return self.store.entries(self.contact_id)

    def cell(self, row: dict, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_date(row["at"])
            if column == 1:
                return movement_label(row)
            if column == 2:
                return ("+" if row["points"] > 0 else "") + number(row["points"])
            return format_date(row["expires_on"])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return _RIGHT
        return None


class RedeemDialog(QDialog):
    """Pick a reward the client can afford: `RedeemDialog.ask(parent, rewards, balance)`
    returns the reward's id, or None (tests patch `ask`)."""

    def __init__(self, rewards: list[dict], balance: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RedeemDialog")
        self.setWindowTitle(self.tr("Use points"))
        self.combo = QComboBox(self)
        self.combo.setObjectName("reward")
        for reward in rewards:
            text = self.tr("%1 — %2").replace("%1", reward["name"]).replace("%2", points_text(reward["points"]))
            self.combo.addItem(text, reward["id"])
            if reward["points"] > balance:  # shown, but not selectable: the balance is short
                item = self.combo.model().item(self.combo.count() - 1)
                item.setEnabled(False)
        affordable = [i for i, r in enumerate(rewards) if r["points"] <= balance]
        if affordable:
            self.combo.setCurrentIndex(affordable[0])
        label = QLabel(self.tr("Balance: %1").replace("%1", points_text(balance)), self)
        label.setObjectName("balance")
        form = QFormLayout()
        form.addRow(label)
        caption = QLabel(self.tr("&Reward:"), self)
        caption.setBuddy(self.combo)
        form.addRow(caption, self.combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(affordable))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def reward_id(self) -> int | None:
        return self.combo.currentData()

    @classmethod
    def ask(cls, parent: QWidget, rewards: list[dict], balance: int) -> int | None:
        dialog = cls(rewards, balance, parent)
        return dialog.reward_id() if dialog.exec() == QDialog.DialogCode.Accepted else None


class LoyaltyTab(QWidget):
    loyaltyChanged = Signal(int)  # contact id

    def __init__(self, session: Session, contact_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LoyaltyTab")
        self.store = session.loyalty
        self.contact_id = contact_id
        self.session = session

        self.balance_label = self._label("balance")
        font = self.balance_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.balance_label.setFont(font)
        self.expiry_label = self._label("nextExpiry")
        self.card_label = self._label("card")
        self.vouchers_label = self._label("vouchers")
        self.referral_label = self._label("referral")

        self.card_button = QPushButton(self)
        self.card_button.setObjectName("issueCard")
        self.card_button.clicked.connect(lambda _checked=False: self.issue_card())
        self.redeem_button = QPushButton(self.tr("&Use points…"), self)
        self.redeem_button.setObjectName("usePoints")
        self.redeem_button.clicked.connect(lambda _checked=False: self.redeem())
        for button in (self.card_button, self.redeem_button):
            button.setAutoDefault(False)

        self.model = LedgerModel(self.store, contact_id, self)
        self.table = read_only_table(self, self.model, "ledger")
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        top = QHBoxLayout()
        figures = QVBoxLayout()
        figures.addWidget(self.balance_label)
        figures.addWidget(self.expiry_label)
        top.addLayout(figures, 1)
        top.addWidget(self.redeem_button, 0, Qt.AlignmentFlag.AlignTop)
        card = QHBoxLayout()
        card.addWidget(self.card_label, 1)
        card.addWidget(self.card_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(card)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.vouchers_label)
        layout.addWidget(self.referral_label)
        self.refresh()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def today(self) -> dt.date:
        return self.session.today()

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        today = self.today()
        balance = self.store.balance(self.contact_id, today)
        self.balance_label.setText(self.tr("Balance: %1").replace("%1", points_text(balance.points)))
        if balance.next_expiry is not None:
            self.expiry_label.setText(
                self.tr("%1 expire on %2")
                .replace("%1", points_text(balance.expiring_points))
                .replace("%2", format_date(balance.next_expiry))
            )
        else:
            self.expiry_label.setText(self.tr("No points about to expire."))
        self._show_card(today)
        self._show_vouchers()
        self._show_referral()
        self.model.refresh()
        self.redeem_button.setEnabled(balance.points > 0 and bool(self.store.rewards()))
        self.balance = balance

    def _show_card(self, today: dt.date) -> None:
        card = self.store.card(self.contact_id)
        if card is None:
            self.card_label.setText(self.tr("No loyalty card."))
            self.card_button.setText(self.tr("Iss&ue a card"))
            return
        valid = card["valid_until"] >= today.isoformat()
        template = self.tr("Card %1, valid from %2 to %3") if valid else self.tr("Card %1, expired on %3")
        self.card_label.setText(
            template.replace("%1", card["number"])
            .replace("%2", format_date(card["valid_from"]))
            .replace("%3", format_date(card["valid_until"]))
        )
        self.card_button.setText(self.tr("&Renew the card"))

    def _show_vouchers(self) -> None:
        open_ = [v for v in self.store.vouchers(self.contact_id) if not v["used_on"]]
        if not open_:
            self.vouchers_label.setText(self.tr("No voucher to use."))
            return
        parts = [
            self.tr("%1 until %2")
            .replace("%1", format_eur(v["amount_cents"]))
            .replace("%2", format_date(v["valid_until"]))
            for v in open_
        ]
        self.vouchers_label.setText(self.tr("Vouchers to use: %1").replace("%1", ", ".join(parts)))

    def _show_referral(self) -> None:
        info = self.store.referral_info(self.contact_id)
        lines = []
        if info["referrer"]:
            lines.append(
                self.tr("Referred by %1 (%2).")
                .replace("%1", info["referrer"]["name"])
                .replace("%2", info["referrer"]["code"])
            )
        if info["referred"]:
            rewarded = sum(1 for r in info["referred"] if r["rewarded_on"])
            lines.append(
                self.tr("Referred %1 client(s), %2 rewarded: %3.")
                .replace("%1", number(len(info["referred"])))
                .replace("%2", number(rewarded))
                .replace("%3", ", ".join(r["name"] for r in info["referred"]))
            )
        self.referral_label.setText("\n".join(lines) or self.tr("No referral."))
        self.referral_label.setVisible(True)

    # -- changing ------------------------------------------------------------------------------
    def _changed(self) -> None:
        self.refresh()
        self.loyaltyChanged.emit(self.contact_id)

    def issue_card(self) -> bool:
        try:
            self.store.issue_card(self.contact_id, self.today())
        except CrmError as exc:
            messages.error(self, self.tr("Loyalty card"), str(exc))
            return False
        self._changed()
        return True

    def redeem(self) -> bool:
        """« Use points… »: ask for a reward, then spend the points (French message if refused)."""
        rewards = self.store.rewards()
        if not rewards:
            messages.error(
                self,
                self.tr("Use points"),
                self.tr("The rewards catalogue is empty: add rewards in Loyalty › Settings."),
            )
            return False
        reward_id = RedeemDialog.ask(self, rewards, self.store.balance(self.contact_id, self.today()).points)
        if reward_id is None:
            return False
        try:
            self.store.redeem(self.contact_id, reward_id, self.today())
        except CrmError as exc:
            messages.error(self, self.tr("Use points"), str(exc))
            return False
        self._changed()
        return True
