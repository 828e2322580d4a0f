"""One complaint's history as a timeline: the six phases in order, each with its dated
events (the history is append-only: a correction is a new event, shown as such).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from crmdesk.domain import complaints as rules
from crmdesk.domain.dates import format_date
from crmdesk.domain.money import format_eur
from crmdesk.gui.common import labels
from crmdesk.gui.complaints.texts import action_labels, format_datetime, letter_kinds, yes_no


def detail_labels() -> dict[str, str]:
    return {
        "channel": QCoreApplication.translate("ComplaintsView", "channel"),
        "due_date": QCoreApplication.translate("ComplaintsView", "due"),
        "justified": QCoreApplication.translate("ComplaintsView", "justified"),
        "qualification": QCoreApplication.translate("ComplaintsView", "qualification"),
        "handling": QCoreApplication.translate("ComplaintsView", "handling"),
        "service": QCoreApplication.translate("ComplaintsView", "service"),
        "answer": QCoreApplication.translate("ComplaintsView", "answer"),
        "compensation": QCoreApplication.translate("ComplaintsView", "compensation"),
        "compensation_kind": QCoreApplication.translate("ComplaintsView", "compensation"),
        "cost_cents": QCoreApplication.translate("ComplaintsView", "cost"),
        "resatisfied": QCoreApplication.translate("ComplaintsView", "client re-satisfied"),
        "root_cause": QCoreApplication.translate("ComplaintsView", "root cause"),
        "preventive_action": QCoreApplication.translate("ComplaintsView", "preventive action"),
        "text": "",
        "note": "",
        "file": QCoreApplication.translate("ComplaintsView", "file"),
        "stored_name": QCoreApplication.translate("ComplaintsView", "file"),
        "original_name": QCoreApplication.translate("ComplaintsView", "file"),
        "kind": QCoreApplication.translate("ComplaintsView", "kind"),
        "nature": QCoreApplication.translate("ComplaintsView", "nature"),
        "priority": QCoreApplication.translate("ComplaintsView", "priority"),
        "owner": QCoreApplication.translate("ComplaintsView", "in charge"),
        "document": QCoreApplication.translate("ComplaintsView", "letter"),
        "printed": QCoreApplication.translate("ComplaintsView", "printed"),
        "letter": "",
    }


def format_details(details) -> str:
    """An event's details (JSON text or dict) as one readable line."""
    if not details:
        return ""
    if isinstance(details, str):
        try:
            details = json.loads(details)
        except ValueError:
            return details
    if not isinstance(details, dict):
        return str(details)
    names = detail_labels()
    parts = []
    for key, value in details.items():
        if value is None or value == "" or (key == "stored_name" and "original_name" in details):
            continue
        if key == "cost_cents":
            value = format_eur(int(value))
        elif isinstance(value, bool) or key in ("justified", "resatisfied"):
            value = yes_no(value)
        elif key == "due_date":
            value = format_date(value)
        elif key == "channel":
            value = labels.shown(rules.CHANNELS.get(value, value))
        elif key in ("compensation", "compensation_kind"):
            value = labels.shown(rules.COMPENSATIONS.get(value, value))
        elif key == "handling":
            value = handling_labels().get(value, value)
        elif key == "kind":
            value = labels.shown(rules.KINDS.get(value, value))
        elif key == "nature":
            value = labels.shown(rules.NATURES.get(value, value))
        elif key == "service":
            value = labels.shown(value)
        elif key == "letter":
            value = letter_kinds().get(value, value)
        name = names.get(key, key.replace("_", " "))
        parts.append(labels.named(name, value) if name else str(value))
    return " · ".join(parts)


def handling_labels() -> dict[str, str]:
    return {
        "direct": QCoreApplication.translate("ComplaintsView", "handled directly"),
        "routed": QCoreApplication.translate("ComplaintsView", "routed to the service concerned"),
    }


class Timeline(QTreeWidget):
    """The six phases, each with its dated events (newest last)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("Phase / date"), self.tr("Event"), self.tr("Details"), self.tr("By")])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

    def show_history(self, phase: str | None, events: list[dict]) -> None:
        self.clear()
        order = list(rules.PHASES)
        reached = order.index(phase) if phase in order else -1
        names = action_labels()
        for number, (code, name) in enumerate(rules.PHASES.items()):
            mine = [e for e in events if e.get("phase") == code]
            mark = "✔" if number < reached else ("●" if number == reached else "○")
            item = QTreeWidgetItem(self, [f"{mark} {number + 1}. {labels.shown(name)}"])
            item.setData(0, Qt.ItemDataRole.UserRole, code)
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(0, font)
            if number == reached:
                item.setForeground(0, QBrush(QColor("#1f4e8c")))
            elif number > reached:
                item.setForeground(0, QBrush(QColor("#888888")))
            for event in mine:
                action = event.get("action") or ""
                child = QTreeWidgetItem(
                    item,
                    [
                        format_datetime(event.get("at")),
                        names.get(action, action),
                        format_details(event.get("details")),
                        event.get("author") or "",
                    ],
                )
                child.setToolTip(2, child.text(2))
                if action == "correction":
                    child.setForeground(1, QBrush(QColor("#8e1b10")))
            item.setExpanded(True)

    def event_texts(self, phase: str) -> list[list[str]]:
        """The events shown under a phase, as their texts (for tests)."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == phase:
                return [[item.child(j).text(c) for c in range(4)] for j in range(item.childCount())]
        return []
