"""crmdesk as a desktop application, without Qt: can the window open on this
machine (display.py), the menu entry and icons of a Linux desktop (entry.py)."""
