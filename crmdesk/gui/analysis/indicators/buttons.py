"""The bottom of the indicator dialogs: the line for what no field shows, then Save / Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from crmdesk.gui.common.field_errors import summary_label

_SAVE_CANCEL = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel


def save_cancel(dialog: QDialog, extra=QDialogButtonBox.StandardButton.NoButton) -> tuple[QLabel, QDialogButtonBox]:
    """(summary line, buttons): Save calls `dialog.submit()`, Cancel rejects."""
    buttons = QDialogButtonBox(_SAVE_CANCEL | extra, dialog)
    buttons.accepted.connect(dialog.submit)
    buttons.rejected.connect(dialog.reject)
    return summary_label(dialog), buttons
