"""The « Fidélité » menu of the main window (DOMAIN §7).

    from crmdesk.gui import loyalty_menu
    loyalty_menu.install(window)      # once, in MainWindow.__init__

adds Fidélité › Réunions à domicile…, Commerciaux et objectifs…, Réglages…
(before the Analysis menu). The dialogs are imported when first opened, one
of each at a time, not modal, closed when another file opens.
`window.loyalty.today` (None = the real today) is the day they judge by:
tests and demos set it.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication

from crmdesk.gui.common.actions import add_menu, database_enabler, follow_file, menu_action, show_dialog

_DIALOGS = ("parties_dialog", "reps_dialog", "settings_dialog")


def install(window) -> SimpleNamespace:
    """Add the menu to `window` (a MainWindow); returns its parts (also `window.loyalty`)."""
    if getattr(window, "loyalty", None) is not None:
        return window.loyalty
    analysis = getattr(getattr(window, "analysis", None), "menu", None)
    menu = add_menu(window, QCoreApplication.translate("LoyaltyMenu", "&Loyalty"), "menuLoyalty",
                    analysis or window.ui.menuHelp)
    parts = SimpleNamespace(menu=menu, today=None, **dict.fromkeys(_DIALOGS))
    window.loyalty = parts
    action = partial(menu_action, menu, window)
    parts.parties_action = action(
        "actionHomeParties", QCoreApplication.translate("LoyaltyMenu", "&Home parties…"),
        QCoreApplication.translate("LoyaltyMenu", "Parties with their host, guests, sales and the host's voucher"),
        lambda: show_parties(window))
    parts.reps_action = action(
        "actionRepsObjectives", QCoreApplication.translate("LoyaltyMenu", "&Reps and objectives…"),
        QCoreApplication.translate("LoyaltyMenu", "Portfolio, revenue and orders per rep over a period, "
                                                  "against the objectives"),
        lambda: show_reps(window))
    menu.addSeparator()
    parts.settings_action = action(
        "actionLoyaltySettings", QCoreApplication.translate("LoyaltyMenu", "&Settings…"),
        QCoreApplication.translate("LoyaltyMenu", "Points per euro, validity, vouchers, referral, rebate, rewards"),
        lambda: show_settings(window))
    enable = database_enabler(window, (parts.parties_action, parts.reps_action, parts.settings_action))
    follow_file(window, menu, enable, parts, _DIALOGS)
    return parts


def _today(window) -> dt.date:
    return window.loyalty.today or dt.date.today()


def show_parties(window):
    from crmdesk.gui.loyalty.parties_view import PartiesDialog

    return show_dialog(window, window.loyalty, "parties_dialog",
                       lambda: PartiesDialog(window.database, window, today=_today(window)))


def show_reps(window):
    from crmdesk.gui.analysis.reps_view import RepsDialog

    return show_dialog(window, window.loyalty, "reps_dialog",
                       lambda: RepsDialog(window.database, window, today=_today(window)))


def show_settings(window):
    from crmdesk.gui.loyalty.programme_dialog import LoyaltySettingsDialog

    return show_dialog(window, window.loyalty, "settings_dialog",
                       lambda: LoyaltySettingsDialog(window.database, window))
