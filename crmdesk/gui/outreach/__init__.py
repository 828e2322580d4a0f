"""The « Courrier » menu: letters, labels and envelopes from templates, the
templates themselves, product recalls and the history of what was sent
(issue 18). `OutreachFeature` (crmdesk/gui/outreach/menu.py) is one of the
main window's features."""
