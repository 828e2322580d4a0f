"""Icons: the application's own SVG, the theme's where there is one, else Qt's standard ones."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from crmdesk.paths import resources_dir

_SP = QStyle.StandardPixmap

# name -> (freedesktop theme icon name, standard pixmap used when the theme has none)
_ICONS = {
    "new_file": ("document-new", _SP.SP_FileIcon),
    "open": ("document-open", _SP.SP_DialogOpenButton),
    "quit": ("application-exit", _SP.SP_DialogCloseButton),
    "new_client": ("contact-new", _SP.SP_FileDialogNewFolder),
    "edit_client": ("document-properties", _SP.SP_FileDialogDetailedView),
    "delete": ("edit-delete", _SP.SP_TrashIcon),
    "trash": ("user-trash", _SP.SP_DirIcon),
    "undo": ("edit-undo", _SP.SP_ArrowBack),
    "redo": ("edit-redo", _SP.SP_ArrowForward),
    "find": ("edit-find", _SP.SP_FileDialogContentsView),
    "about": ("help-about", _SP.SP_MessageBoxInformation),
    "restore": ("edit-undo", _SP.SP_DialogApplyButton),
    "manual": ("help-contents", _SP.SP_DialogHelpButton),
    "back": ("go-previous", _SP.SP_ArrowBack),
    "forward": ("go-next", _SP.SP_ArrowForward),
    "contents": ("go-home", _SP.SP_DirHomeIcon),
}


def icon(name: str) -> QIcon:
    theme, standard = _ICONS[name]
    if QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    return QApplication.style().standardIcon(standard)


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "crmdesk.svg"))
