"""`crmdesk --install-desktop-entry`: crmdesk in the applications menu of a
Linux desktop, with its icons, starting this very crmdesk."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QImageReader

import crmdesk
from crmdesk.cli.main import main
from crmdesk.desktop import entry

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux desktop entry")


def exec_arguments(value: str) -> list[str]:
    """Read an Exec= value back the way the Desktop Entry spec says a launcher does."""
    value = value.replace("\\\\", "\\")  # the string-value escaping first
    words, word, quoted, index, started = [], "", False, 0, False
    while index < len(value):
        char = value[index]
        if quoted and char == "\\" and index + 1 < len(value):
            word, index = word + value[index + 1], index + 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started:
                words.append(word)
            word, started = "", False
        else:
            word, started = word + char, True
        index += 1
    if started:
        words.append(word)
    return [w.replace("%%", "%") for w in words]


def read_entry(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def test_exec_values_survive_any_path():
    for arguments in (
        ["/opt/crmdesk/crmdesk"],
        ["/home/Zoé Martin/mes $outils/crmdesk", "--demo"],
        ['/tmp/a"b`c\\d/python3', "-m", "crmdesk"],
        ["/srv/100%/crmdesk", "--demo"],
    ):
        value = entry.exec_value(arguments)
        assert exec_arguments(value) == arguments, value
    assert entry.exec_value(["/usr/bin/crmdesk", "--demo"]) == "/usr/bin/crmdesk --demo"
    assert entry.exec_value(["/home/a b/crmdesk"]) == '"/home/a b/crmdesk"'


def test_the_data_folder_follows_the_xdg_rule(tmp_path):
    assert entry.data_home({"XDG_DATA_HOME": str(tmp_path), "HOME": "/home/x"}) == tmp_path
    assert entry.data_home({"XDG_DATA_HOME": "relative/dir", "HOME": "/home/x"}) == Path("/home/x/.local/share")
    assert entry.data_home({"HOME": "/home/x"}) == Path("/home/x/.local/share")


@linux_only
def test_install_writes_the_entry_and_icons_once(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees utilisateur"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    assert main(["--install-desktop-entry"]) == 0
    desktop = data / "applications" / "crmdesk.desktop"
    assert f"crmdesk est dans le menu des applications : {desktop}" in capsys.readouterr().err
    sizes = [16, 24, 32, 48, 64, 128, 256]
    for size in sizes:
        icon = QImage(str(data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "crmdesk.png"))
        assert (icon.width(), icon.height()) == (size, size)
    assert (data / "icons/hicolor/scalable/apps/crmdesk.svg").read_bytes() == (ICONS / "crmdesk.svg").read_bytes()

    parsed = read_entry(desktop)
    main_entry = parsed["Desktop Entry"]
    assert (main_entry["Name"], main_entry["Icon"], main_entry["Type"]) == ("crmdesk", "crmdesk", "Application")
    assert main_entry["GenericName[en]"] == "Customer file"
    # Exec starts this crmdesk (here: the Python running the tests, -m crmdesk), which answers
    command = exec_arguments(main_entry["Exec"])
    assert command == [os.path.abspath(sys.executable), "-m", "crmdesk"]
    demo = exec_arguments(parsed["Desktop Action demo"]["Exec"])
    assert demo == [*command, "--demo"]
    version = subprocess.run(
        [*command, "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert version.stdout.strip() == f"crmdesk {crmdesk.__version__}"

    before = {path: path.stat().st_mtime_ns for path in data.rglob("*") if path.is_file()}
    assert len(before) == 1 + len(sizes) + 1
    assert main(["--install-desktop-entry"]) == 0  # again: nothing rewritten
    assert "déjà à jour" in capsys.readouterr().err
    assert {path: path.stat().st_mtime_ns for path in data.rglob("*") if path.is_file()} == before

    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0 and checked.stdout == "", checked.stdout


@linux_only
def test_a_moved_crmdesk_updates_only_the_entry(tmp_path):
    environ = {"XDG_DATA_HOME": str(tmp_path)}
    first = entry.install(["/opt/old/crmdesk"], environ)
    assert all(item.changed for item in first)
    second = entry.install(["/opt/new place/crmdesk"], environ)
    assert [item.changed for item in second] == [True] + [False] * (len(second) - 1)
    assert 'Exec="/opt/new place/crmdesk" --demo' in second[0].path.read_text(encoding="utf-8")
    assert not list(tmp_path.rglob(".*.partial"))


def test_it_is_not_combined_with_a_command(capsys):
    assert main(["--install-desktop-entry", "check", "--db", "x.sqlite"]) == 2
    assert "ne se combine pas" in capsys.readouterr().err


def test_the_committed_icons_are_the_svg_rendered():
    """resources/icons/png/*.png and crmdesk.ico come from crmdesk.svg (python scripts/make_icons.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    reader = QImageReader(str(ICONS / "crmdesk.ico"))
    in_ico = {}
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        in_ico[image.width()] = image.convertToFormat(QImage.Format.Format_ARGB32)
    assert sorted(in_ico) == list(entry.ICON_SIZES)
    for size in entry.ICON_SIZES:
        committed = QImage(str(ICONS / "png" / f"crmdesk-{size}.png")).convertToFormat(QImage.Format.Format_ARGB32)
        rendered = QImage.fromData(make_icons.render(ICONS / "crmdesk.svg", size))
        assert committed == rendered.convertToFormat(QImage.Format.Format_ARGB32), (
            f"{size} px: run python scripts/make_icons.py"
        )
        assert in_ico[size] == committed
