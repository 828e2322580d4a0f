"""The « Courrier » menu: letters, labels and envelopes from templates, the
templates themselves, product recalls and the history of what was sent
(issue 18). `install(window)` adds it to a MainWindow (crmdesk/gui/outreach/menu.py)."""

from crmdesk.gui.outreach.menu import install

__all__ = ["install"]
