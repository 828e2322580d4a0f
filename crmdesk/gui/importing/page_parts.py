"""Pieces shared by the import wizard's pages: the kinds, tables, error labels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTableView, QTableWidget, QTableWidgetItem

KINDS = ("clients", "orders", "surveys")
ERROR_STYLE = "color: #b00020;"


def kind_label(kind: str) -> str:
    return {
        "clients": QCoreApplication.translate("ImportWizard", "Clients"),
        "orders": QCoreApplication.translate("ImportWizard", "Orders"),
        "surveys": QCoreApplication.translate("ImportWizard", "Survey answers"),
    }[kind]


def page_table(parent, model, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return view


def lines_table(parent, name: str, title: str) -> QTableWidget:
    """A read-only table of (line, text): the warnings of a check."""
    table = QTableWidget(0, 2, parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([QCoreApplication.translate("ImportWizard", "Line"), title])
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def fill_lines(table: QTableWidget, lines: list[tuple[int, str]]) -> None:
    table.setRowCount(len(lines))
    for row, (line, text) in enumerate(lines):
        table.setItem(row, 0, QTableWidgetItem(str(line)))
        table.setItem(row, 1, QTableWidgetItem(text))
    table.resizeColumnToContents(0)


def page_error_label(parent) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
