"""What the GUI tests share beyond tests/gui/ (tests/hostile/ opens windows too): message boxes
that never block, and the offscreen platform's harmless warnings."""

from __future__ import annotations

import pytest

from crmdesk.gui.common import messages

OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing)"


class Boxes(list):
    """The message boxes that would have been shown, as (title, text). The
    « Abandonner les modifications ? » questions go to `discards` (the title of
    the form asked about) and take their answers from `answers` (in order;
    messages.DISCARD when none is left)."""

    def __init__(self):
        super().__init__()
        self.discards: list[str] = []
        self.answers: list[str] = []


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    shown = Boxes()

    def error(parent, title, text):
        shown.append((title, text))

    def ask_open_other(parent, title, text, open_label, quit_label):
        shown.append((title, text))
        return False

    def ask_discard(parent, title, *, can_continue=True):
        shown.discards.append(title)
        return shown.answers.pop(0) if shown.answers else messages.DISCARD

    monkeypatch.setattr(messages, "error", error)
    monkeypatch.setattr(messages, "ask_open_other", ask_open_other)
    monkeypatch.setattr(messages, "ask_discard", ask_discard)
    return shown
