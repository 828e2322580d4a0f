"""The « Courrier » menu of the main window (issue 18).

    from crmdesk.gui import outreach
    outreach.install(window)      # once, in MainWindow.__init__

adds Courrier › Lettres…, Étiquettes et enveloppes…, Modèles de lettres…,
Rappel de produit…, Historique des envois… (before the Loyalty menu). The
dialogs are imported when first opened, one of each at a time, not modal,
closed when another file opens. `window.outreach.today` (None = the real
today) is the day letters are dated and merge fields computed: tests and
demos set it.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication

from crmdesk.gui.common.actions import add_menu, database_enabler, follow_file, menu_action, show_dialog

translate = QCoreApplication.translate   # texts in the context « OutreachMenu »

_DIALOGS = ("letters_dialog", "labels_dialog", "templates_dialog", "recall_dialog", "history_dialog")




def install(window) -> SimpleNamespace:
    """Add the menu to `window`; returns its parts (also `window.outreach`)."""
    if getattr(window, "outreach", None) is not None:
        return window.outreach
    before = getattr(getattr(window, "loyalty", None), "menu", None) or window.ui.menuHelp
    menu = add_menu(window, translate("OutreachMenu", "&Mailing"), "menuOutreach", before)
    parts = SimpleNamespace(menu=menu, today=None, **dict.fromkeys(_DIALOGS))
    window.outreach = parts
    action = partial(menu_action, menu, window)
    parts.letters_action = action(
        "actionLetters", translate("OutreachMenu", "&Letters…"),
        translate("OutreachMenu", "One letter per client from a template, addressed for a window envelope: preview, print, save as PDF"),
        lambda: show_letters(window))
    parts.labels_action = action(
        "actionLabels", translate("OutreachMenu", "Address l&abels and envelopes…"),
        translate("OutreachMenu", "Address labels on Avery sheets (L7160, L7161, L7163, 3422), DL and C5 envelopes"),
        lambda: show_labels(window))
    menu.addSeparator()
    parts.templates_action = action(
        "actionTemplates", translate("OutreachMenu", "Letter &templates…"),
        translate("OutreachMenu", "The letter and e-mail templates of this file, with their merge fields"),
        lambda: show_templates(window))
    parts.recall_action = action(
        "actionRecall", translate("OutreachMenu", "Product &recall…"),
        translate("OutreachMenu", "Who bought a product or a lot between two dates, and who has been told"),
        lambda: show_recall(window))
    menu.addSeparator()
    parts.history_action = action(
        "actionOutreachHistory", translate("OutreachMenu", "Mailing &history…"),
        translate("OutreachMenu", "The letters, labels and envelopes recorded on the clients' history, and undoing a batch"),
        lambda: show_history(window))
    actions = (parts.letters_action, parts.labels_action, parts.templates_action, parts.recall_action,
               parts.history_action)
    follow_file(window, menu, database_enabler(window, actions), parts, _DIALOGS)
    return parts


def today(window) -> dt.date:
    parts = getattr(window, "outreach", None)
    return getattr(parts, "today", None) or dt.date.today()


def show_letters(window, **preset):
    """Courrier › Lettres… (preset: a recall's recipients, a template; see LettersDialog)."""
    from crmdesk.gui.outreach.letters_dialog import LettersDialog

    if preset and window.outreach.letters_dialog is not None:
        window.outreach.letters_dialog.close()
    return show_dialog(window, window.outreach, "letters_dialog", lambda: LettersDialog(window, **preset))


def show_labels(window, **preset):
    from crmdesk.gui.outreach.labels_dialog import LabelsDialog

    if preset and window.outreach.labels_dialog is not None:
        window.outreach.labels_dialog.close()
    return show_dialog(window, window.outreach, "labels_dialog", lambda: LabelsDialog(window, **preset))


def show_templates(window):
    from crmdesk.gui.outreach.template_editor import TemplatesDialog

    return show_dialog(window, window.outreach, "templates_dialog", lambda: TemplatesDialog(window))


def show_recall(window):
    from crmdesk.gui.outreach.recall_view import RecallDialog

    return show_dialog(window, window.outreach, "recall_dialog", lambda: RecallDialog(window))


def show_history(window):
    from crmdesk.gui.outreach.history import OutreachHistoryDialog

    return show_dialog(window, window.outreach, "history_dialog", lambda: OutreachHistoryDialog(window))


def recorded(window, batch_id: int, count: int) -> None:
    """A batch went on the clients' history: the window, the history dialog and
    an open client sheet show it."""
    from crmdesk.gui.common import labels

    window.ui.statusbar.showMessage(
        translate("OutreachMenu", "Recorded on the history of %1 (mailing no. %2: Mailing › Mailing history… undoes it).")
        .replace("%1", labels.number(count)).replace("%2", str(batch_id)), 10_000)
    for name in ("history_dialog", "recall_dialog"):
        dialog = getattr(window.outreach, name)
        if dialog is not None:
            dialog.refresh()
    _history_changed(window)


def _history_changed(window) -> None:
    dialog = getattr(window, "client_dialog", None)
    tab = getattr(dialog, "timeline_tab", None) if dialog is not None else None
    refresh = getattr(tab, "refresh", None)
    if refresh is not None:
        refresh()
    if window.model is not None:
        window.model.refresh()     # « last contact » may have moved
