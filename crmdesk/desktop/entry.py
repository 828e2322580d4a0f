"""crmdesk in the applications menu of a Linux desktop (freedesktop.org):
`crmdesk --install-desktop-entry` writes resources/desktop/crmdesk.desktop,
its Exec lines pointing at this very crmdesk, and the icons under the
user's data folder ($XDG_DATA_HOME, ~/.local/share by default):

    applications/crmdesk.desktop
    icons/hicolor/<N>x<N>/apps/crmdesk.png   (scripts/make_icons.py renders them)
    icons/hicolor/scalable/apps/crmdesk.svg

Running it again rewrites only what changed (a moved virtual environment,
a new version's icons).
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from crmdesk.desktop import DESKTOP_ID
from crmdesk.paths import resources_dir

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# Characters that make the spec quote an Exec argument, and those escaped inside the quotes.
_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")
_ESCAPED = re.compile(r"""(["`$\\])""")


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME when it is an absolute path, else ~/.local/share (the spec's rule)."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(environ.get("HOME") or os.path.expanduser("~")) / ".local" / "share"


def this_crmdesk() -> list[str]:
    """The command that starts the running crmdesk: the frozen executable,
    the `crmdesk` script of its environment, or `python -m crmdesk`."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.stem == "crmdesk" and script.is_file():
        return [os.path.abspath(script)]
    return [os.path.abspath(sys.executable), "-m", "crmdesk"]


def exec_value(arguments: Sequence[str]) -> str:
    """An Exec= value running `arguments` (quoting and escaping of the Desktop Entry spec)."""
    words = []
    for argument in arguments:
        if _RESERVED.search(argument) or not argument:
            argument = '"' + _ESCAPED.sub(r"\\\1", argument) + '"'
        words.append(argument.replace("%", "%%"))
    # then the escaping of every string value of a .desktop file
    return " ".join(words).replace("\\", "\\\\")


def entry_text(command: Sequence[str]) -> str:
    """resources/desktop/crmdesk.desktop with each `Exec=crmdesk …` running `command …`."""
    lines = []
    for line in (resources_dir() / "desktop" / "crmdesk.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec=crmdesk"):
            line = "Exec=" + exec_value([*command, *shlex.split(line[len("Exec=crmdesk") :])])
        lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Installed:
    path: Path
    changed: bool  # False: it was already there, identical


def install(command: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> list[Installed]:
    """Write the menu entry and the icons; the entry first in the list."""
    home = data_home(environ)
    icons = resources_dir() / "icons"
    entry = entry_text(command if command is not None else this_crmdesk()).encode("utf-8")
    files = [(home / "applications" / f"{DESKTOP_ID}.desktop", entry)]
    for size in ICON_SIZES:
        files.append(
            (
                home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png",
                (icons / "png" / f"crmdesk-{size}.png").read_bytes(),
            )
        )
    files.append(
        (home / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg", (icons / "crmdesk.svg").read_bytes())
    )
    return [Installed(path, _write_if_changed(path, content)) for path, content in files]


def _write_if_changed(path: Path, content: bytes) -> bool:
    try:
        if path.read_bytes() == content:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    os.chmod(partial, 0o644)
    os.replace(partial, path)  # a menu never reads half a file
    return True
