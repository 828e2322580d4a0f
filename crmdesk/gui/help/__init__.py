"""The user manual inside crmdesk: its pages (pages), its window (viewer), F1 (f1)."""
