"""crmdesk as a desktop application, without Qt: can the window open on this
machine (display.py), the menu entry and icons of a Linux desktop (entry.py)."""

DESKTOP_ID = "crmdesk"  # crmdesk.desktop; the window says it is this application (Qt desktopFileName)
