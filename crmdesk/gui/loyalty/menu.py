"""The « Fidélité » menu of the main window (docs/domain/07-follow-up-and-loyalty.md).

    LoyaltyFeature(window, before=analysis.menu)     # in MainWindow's list of features

adds Fidélité › Réunions à domicile…, Commerciaux et objectifs…, Réglages…
(before the Analysis menu). The dialogs are imported when first opened, one
of each at a time, not modal, closed when another file opens.
They judge by the session's day (Session.today).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from crmdesk.gui.common.actions import add_menu
from crmdesk.gui.feature import Feature


class LoyaltyFeature(Feature):
    dialogs = ("parties_dialog", "reps_dialog", "settings_dialog")

    def __init__(self, window, *, before: QMenu):
        super().__init__(window)
        self.menu = menu = add_menu(
            window, QCoreApplication.translate("LoyaltyMenu", "&Loyalty"), "menuLoyalty", before
        )
        action = partial(self.action, menu)
        self.parties_action = action(
            "actionHomeParties",
            QCoreApplication.translate("LoyaltyMenu", "&Home parties…"),
            QCoreApplication.translate("LoyaltyMenu", "Parties with their host, guests, sales and the host's voucher"),
            self.show_parties,
        )
        self.reps_action = action(
            "actionRepsObjectives",
            QCoreApplication.translate("LoyaltyMenu", "&Reps and objectives…"),
            QCoreApplication.translate(
                "LoyaltyMenu", "Portfolio, revenue and orders per rep over a period, against the objectives"
            ),
            self.show_reps,
        )
        menu.addSeparator()
        self.settings_action = action(
            "actionLoyaltySettings",
            QCoreApplication.translate("LoyaltyMenu", "&Settings…"),
            QCoreApplication.translate("LoyaltyMenu", "Points per euro, validity, vouchers, referral, rebate, rewards"),
            self.show_settings,
        )
        self.follow_menu(menu)

    def show_parties(self):
        from crmdesk.gui.loyalty.parties_view import PartiesDialog

        return self.show_dialog("parties_dialog", lambda: PartiesDialog(self.session, self.window))

    def show_reps(self):
        from crmdesk.gui.analysis.reps_view import RepsDialog

        return self.show_dialog("reps_dialog", lambda: RepsDialog(self.session, self.window))

    def show_settings(self):
        from crmdesk.gui.loyalty.programme_dialog import LoyaltySettingsDialog

        return self.show_dialog("settings_dialog", lambda: LoyaltySettingsDialog(self.session, self.window))
