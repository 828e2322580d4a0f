"""Loyalty in the GUI: the client's loyalty tab, the settings, the home parties,
the reps and their objectives, the « Loyalty » menu."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from crmdesk.domain.money import format_eur
from crmdesk.domain.periods import custom
from crmdesk.gui.analysis.reps_view import ObjectiveDialog, RepsDialog
from crmdesk.gui.loyalty.loyalty_tab import LoyaltyTab, RedeemDialog
from crmdesk.gui.loyalty.menu import LoyaltyFeature
from crmdesk.gui.loyalty.parties_view import PartiesDialog, parse_new_guests
from crmdesk.gui.loyalty.programme_dialog import LoyaltySettingsDialog
from crmdesk.gui.session import Session
from crmdesk.store.contacts import ContactStore
from crmdesk.store.database import Database
from crmdesk.store.loyalty import LoyaltyStore
from crmdesk.store.orders import NewOrder, OrderStore
from crmdesk.store.parties import PartyStore
from crmdesk.store.settings import SettingsStore

TODAY = dt.date(2026, 11, 23)


def plain(text: str) -> str:
    return re.sub("[\u00a0\u202f]", " ", text or "")


@pytest.fixture
def boldair(boldair_template, tmp_path):
    copy = tmp_path / "boldair.sqlite"
    shutil.copy(boldair_template, copy)
    with Database(copy) as database:
        yield database


@pytest.fixture
def helene(database):
    """A client with 50 points lapsed, 115 earned, 20 spent, a referrer and a catalogue."""
    contacts, orders = ContactStore(database), OrderStore(database)
    marraine = contacts.create({"code": "M1", "last_name": "Martin", "first_name": "Paule", "stage": "client"})
    helene = contacts.create(
        {"code": "H1", "last_name": "Dupont", "first_name": "Hélène", "stage": "client", "referred_by": marraine}
    )
    for day, cents, ref in (("2025-06-15", 5_000, "CMD-1"), ("2026-10-01", 11_500, "CMD-2")):
        orders.create(NewOrder(contact_id=helene, date=day, amount_cents=cents, ref=ref), today=TODAY)
    store = LoyaltyStore(database)
    store.earn_missing(TODAY)
    store.redeem(helene, store.add_reward("Dessous de plat", 20, 500), dt.date(2026, 11, 1))
    store.add_reward("Mug grès", 60, 1_100)
    store.add_reward("Service de table", 2_000, 18_900)
    return helene


def test_loyalty_tab_shows_balance_expiry_card_ledger_and_referral(qtbot, qtmodeltester, database, helene):
    tab = LoyaltyTab(Session(database, today=lambda: TODAY), helene)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    assert plain(tab.balance_label.text()) == "Balance: 95 points"
    assert plain(tab.expiry_label.text()) == "95 points expire on 31/10/2027"
    assert tab.card_label.text() == "No loyalty card."
    assert tab.referral_label.text() == "Referred by MARTIN Paule (M1)."
    texts = [[tab.model.index(r, c).data() for c in range(4)] for r in range(tab.model.rowCount())]
    assert texts == [
        ["01/11/2026", "Reward: Dessous de plat", "-20", ""],
        ["01/10/2026", "Order CMD-2", "+115", "31/10/2027"],
        ["15/06/2025", "Order CMD-1", "+50", "30/06/2026"],
    ]
    with qtbot.waitSignal(tab.loyaltyChanged):
        qtbot.mouseClick(tab.card_button, Qt.MouseButton.LeftButton)
    assert tab.card_label.text() == "Card FID-H1, valid from 23/11/2026 to 22/11/2027"
    assert tab.card_button.text() == "&Renew the card"


def test_the_referrer_sees_whom_she_referred(qtbot, database, helene):
    marraine = ContactStore(database).id_of_code("M1")
    tab = LoyaltyTab(Session(database, today=lambda: TODAY), marraine)
    qtbot.addWidget(tab)
    assert tab.referral_label.text() == "Referred 1 client(s), 1 rewarded: DUPONT Hélène."
    assert plain(tab.balance_label.text()) == "Balance: 100 points"  # the referral reward


def test_use_points(qtbot, monkeypatch, database, helene, boxes):
    store = LoyaltyStore(database)
    mug, service = (r["id"] for r in store.rewards() if r["name"] in ("Mug grès", "Service de table"))
    tab = LoyaltyTab(Session(database, today=lambda: TODAY), helene)
    qtbot.addWidget(tab)
    asked = []
    monkeypatch.setattr(
        RedeemDialog, "ask", classmethod(lambda cls, parent, rewards, balance: asked.append(balance) or mug)
    )
    with qtbot.waitSignal(tab.loyaltyChanged):
        qtbot.mouseClick(tab.redeem_button, Qt.MouseButton.LeftButton)
    assert asked == [95] and plain(tab.balance_label.text()) == "Balance: 35 points"
    assert tab.model.index(0, 1).data() == "Reward: Mug grès"
    monkeypatch.setattr(RedeemDialog, "ask", classmethod(lambda cls, parent, rewards, balance: service))
    assert tab.redeem() is False
    assert plain(boxes[-1][1]).startswith("Solde insuffisant : 35 points disponible(s) le 23/11/2026")
    assert store.balance(helene, TODAY).points == 35


def test_redeem_dialog_offers_only_what_the_balance_affords(qtbot, database, helene):
    rewards = LoyaltyStore(database).rewards()
    dialog = RedeemDialog(rewards, 30, None)
    qtbot.addWidget(dialog)
    enabled = [dialog.combo.model().item(i).isEnabled() for i in range(dialog.combo.count())]
    assert enabled == [True, False, False] and dialog.reward_id() == rewards[0]["id"]
    poor = RedeemDialog(rewards, 10, None)
    qtbot.addWidget(poor)
    assert not poor.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_settings_dialog_saves_rates_in_percent_and_money_in_euros(qtbot, qtmodeltester, database):
    dialog = LoyaltySettingsDialog(Session(database))
    qtbot.addWidget(dialog)
    assert (dialog.voucher_rate.value(), dialog.rebate_threshold.value(), dialog.rebate_rate.value()) == (
        10.0,
        10_000.0,
        2.0,
    )
    assert not dialog.referral_voucher.isEnabled()
    dialog.voucher_rate.setValue(15)
    dialog.referral_kind.setCurrentIndex(dialog.referral_kind.findData("voucher"))
    assert dialog.referral_voucher.isEnabled() and not dialog.referral_points.isEnabled()
    dialog.referral_voucher.setValue(12.5)
    dialog.rebate_base.setCurrentIndex(dialog.rebate_base.findData("total"))
    dialog.reward_name.setText("Mug grès 35 cl")
    dialog.reward_points.setValue(150)
    dialog.reward_value.setValue(11)
    qtbot.mouseClick(dialog.add_reward_button, Qt.MouseButton.LeftButton)
    qtmodeltester.check(dialog.rewards_model)
    assert [dialog.rewards_model.index(0, c).data() for c in range(4)] == [
        "Mug grès 35 cl",
        "150",
        "11,00\u00a0€",
        "yes",
    ]
    dialog.rewards_table.selectRow(0)
    qtbot.mouseClick(dialog.toggle_reward_button, Qt.MouseButton.LeftButton)
    assert dialog.rewards_model.index(0, 3).data() == "no"
    dialog.reward_name.clear()
    qtbot.mouseClick(dialog.add_reward_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "donnez un nom à la récompense"
    assert dialog.submit()
    rules = LoyaltyStore(database).rules()
    assert (
        rules["parties.voucher_rate"],
        rules["referral.reward_kind"],
        rules["referral.reward_cents"],
        rules["rebate.base"],
    ) == (0.15, "voucher", 1250, "total")


def test_parties_list_of_the_demo(qtbot, qtmodeltester, boldair):
    dialog = PartiesDialog(Session(boldair, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.rowCount() == 20
    newest = [model.index(0, c).data() for c in range(7)]
    assert newest[0] == "29/10/2026" and newest[1] == "VINCENT Manon (19)" and newest[2] == "Remy Albando"
    party = PartyStore(boldair).list()[0]
    assert newest[5] == format_eur(party["sales_cents"])
    assert party["voucher_cents"] == (party["sales_cents"] + 5) // 10
    assert plain(dialog.total_label.text()).startswith("20 parties, ")
    dialog.table.selectRow(0)
    assert dialog.voucher_button.isEnabled()
    assert dialog.issue_voucher()
    assert model.index(0, 6).data().endswith("(issued)") and not dialog.voucher_button.isEnabled()


def test_new_party_with_known_and_new_guests(qtbot, boldair):
    dialog = PartiesDialog(Session(boldair, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.partyDialogOpened) as opened:
        qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    party = opened.args[0]
    party.host_edit.setText("2")  # AGNELLINI, a guest who becomes a host
    assert party.host_name.text() == "AGNELLINI Valérie" and party.ambassador_combo.currentText() == "Maryse Brun"
    party.guests_edit.setText("5, 6 99")
    assert party.guest_names.text() == "BRIER Michel, BATOL Mélanie, 99: unknown"
    assert not party.submit()
    assert party.errors["guests"].text() == "unknown N° client: 99"
    party.guests_edit.setText("5 6")
    party.new_guests_edit.setPlainText("NOUVELLE; Zoé\n\n")
    with qtbot.waitSignal(party.saved):
        assert party.submit()
    assert dialog.model.rowCount() == 21
    row = dialog.model.rows[0]
    assert (row["host_name"], row["guests"], row["date"]) == ("AGNELLINI Valérie", 3, "2026-11-23")
    zoe = ContactStore(boldair).get(max(PartyStore(boldair).guest_ids(row["id"])))
    assert (zoe["last_name"], zoe["first_name"], zoe["stage"], zoe["source"]) == (
        "NOUVELLE",
        "Zoé",
        "prospect",
        "home_party",
    )
    assert ContactStore(boldair).get(row["host_id"])["is_host"] == 1


def test_parse_new_guests():
    assert parse_new_guests("DUPONT; Hélène\nMARTIN, Paul\nDURAND\n") == [
        {"last_name": "DUPONT", "first_name": "Hélène"},
        {"last_name": "MARTIN", "first_name": "Paul"},
        {"last_name": "DURAND", "first_name": ""},
    ]


def test_reps_and_objectives(qtbot, qtmodeltester, monkeypatch, boldair):
    dialog = RepsDialog(Session(boldair, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.selector.period().label == "2026"
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert names == ["Maryse Brun", "Remy Albando"]
    assert [dialog.model.index(0, c).data() for c in (1, 2, 3, 6, 7)] == ["Ambassador", "21", "0", "—", "—"]
    assert not dialog.objective_button.isEnabled()
    dialog.table.selectRow(0)
    revenue = dialog.model.rows[0]["revenue_cents"]
    monkeypatch.setattr(ObjectiveDialog, "ask", classmethod(lambda cls, *args: (revenue * 2, 10)))
    qtbot.mouseClick(dialog.objective_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(0, 7).data() == "50,0\u00a0%"
    assert dialog.model.index(0, 9).data().endswith("\u00a0%")
    dialog.selector.set_period(custom(TODAY, TODAY))
    assert not dialog.objective_button.isEnabled()  # no objective for custom dates
    assert dialog.model.index(0, 6).data() == "—"


def test_objective_dialog_reads_french_amounts(qtbot):
    dialog = ObjectiveDialog("Maryse Brun", "2026", 2_000_000, 40)
    qtbot.addWidget(dialog)
    assert plain(dialog.revenue_edit.text()) == "20 000,00 €" and dialog.orders_edit.text() == "40"
    dialog.revenue_edit.setText("25 000,50")
    dialog.orders_edit.setText("")
    assert dialog.submit() and dialog.result_values == (2_500_050, None)
    dialog.orders_edit.setText("beaucoup")
    assert not dialog.submit() and dialog.problem.text() == "orders: a whole number"


def test_menu_opens_the_three_dialogs(qtbot, window):
    parts = window.loyalty
    assert [f for f in window.features if isinstance(f, LoyaltyFeature)] == [parts]  # once
    assert [a.text() for a in parts.menu.actions() if not a.isSeparator()] == [
        "&Home parties…",
        "&Reps and objectives…",
        "&Settings…",
    ]
    window.clock.day = TODAY
    parts.parties_action.trigger()
    parts.reps_action.trigger()
    parts.settings_action.trigger()
    assert isinstance(parts.parties_dialog, PartiesDialog) and isinstance(parts.reps_dialog, RepsDialog)
    assert isinstance(parts.settings_dialog, LoyaltySettingsDialog)
    for dialog in (parts.parties_dialog, parts.reps_dialog, parts.settings_dialog):
        qtbot.waitExposed(dialog)
        dialog.close()
    qtbot.waitUntil(lambda: parts.parties_dialog is None and parts.settings_dialog is None)


def test_settings_typed_wrong_by_hand_are_shown_and_put_right(qtbot, database):
    SettingsStore(database).set("rebate.rate", "2 %")
    dialog = LoyaltySettingsDialog(Session(database))
    qtbot.addWidget(dialog)
    assert dialog.problem.text().startswith("Réglage du programme de fidélité invalide — rebate.rate")
    assert dialog.rebate_rate.value() == 2.0  # the default, to save
    assert dialog.submit()
    assert LoyaltyStore(database).rules()["rebate.rate"] == 0.02
