"""Hostile file names joined to a folder, safely.

`folder / name` in pathlib returns `name` itself when `name` is absolute:
a hostile name « /etc/passwd » written that way replaces the machine's file
(CI runs as root). Every test that makes a file from a hostile name goes
through `file_in`, which only ever gives a path directly inside `folder`.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


class UnsafeName(ValueError):
    """A name that would leave the folder it is joined to."""


def file_in(folder: Path, name: str) -> Path:
    """`folder / name` when that is a file directly in `folder`; UnsafeName otherwise
    (absolute on any system, a drive, « .. », or a folder part)."""
    for flavour in (PurePosixPath(name), PureWindowsPath(name)):
        if flavour.is_absolute() or flavour.drive or flavour.root:
            raise UnsafeName(f"absolute name: {name!r}")
        if ".." in flavour.parts or len(flavour.parts) != 1 or name in ("", "."):
            raise UnsafeName(f"name leaving its folder: {name!r}")
    path = Path(folder) / name
    if path.parent != Path(folder):
        raise UnsafeName(f"name leaving its folder: {name!r}")
    return path
