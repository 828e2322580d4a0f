"""The file dialogs of the import wizard (tests replace them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from crmdesk.gui.file import folders


def choose_file(parent) -> str:
    return QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ImportWizard", "File to import"),
        folders.in_documents(),
        QCoreApplication.translate("ImportWizard", "Tables (*.csv *.txt *.xlsx *.ods);;All files (*)"),
    )[0]


def choose_mapping_to_save(parent) -> str:
    return QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ImportWizard", "Save the column mapping"),
        folders.in_documents("correspondance.json"),
        QCoreApplication.translate("ImportWizard", "Column mappings (*.json)"),
    )[0]


def choose_mapping_to_load(parent) -> str:
    return QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ImportWizard", "Load a column mapping"),
        folders.in_documents(),
        QCoreApplication.translate("ImportWizard", "Column mappings (*.json)"),
    )[0]


def choose_report(parent) -> str:
    return QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ImportWizard", "Export the rejected lines"),
        folders.in_documents("lignes-refusees.csv"),
        QCoreApplication.translate("ImportWizard", "CSV files (*.csv)"),
    )[0]
