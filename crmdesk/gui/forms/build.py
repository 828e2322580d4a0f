"""Recompile the Qt Designer forms: ui/*.ui -> crmdesk/gui/forms/ui_*.py.

    python -m crmdesk.gui.forms.build            # forms
    python -m crmdesk.gui.forms.build --i18n     # forms, then lupdate + lrelease

The generated modules are committed (no build step at install time);
tests/gui/test_i18n_forms.py checks that they match a fresh compile.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
UI_DIR = ROOT / "ui"
FORMS_DIR = Path(__file__).resolve().parent
GUI_DIR = FORMS_DIR.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("fr",)


def _tool(name: str) -> str:
    """A pyside6 tool beside the running interpreter, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} introuvable : installez PySide6")
    return found


def header(ui: Path) -> str:
    return f"# Generated from ui/{ui.name} by pyside6-uic — do not edit; run `python -m crmdesk.gui.forms.build`\n"


def compile_form(ui: Path) -> str:
    """The Python module for one .ui file, with its header."""
    result = subprocess.run([_tool("pyside6-uic"), str(ui)], capture_output=True, text=True, check=True)
    return header(ui) + used_imports_only(result.stdout)


_QT_IMPORT = re.compile(r"^from (PySide6\.\w+) import (?:\(([^)]*)\)|([\w, ]+)$)", re.MULTILINE)


def used_imports_only(source: str) -> str:
    """uic imports the same ~40 Qt classes into every form; PySide6 builds a class's Python
    enums the first time its name is imported (QGradient, QImage, QPainter, QFont…: ~10 ms
    at start-up for nothing). Only the names the form uses are kept."""
    tree = ast.parse(source)
    imported = {node.lineno for node in tree.body if isinstance(node, ast.ImportFrom)}
    used = {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and getattr(node, "lineno", None) not in imported
    }

    def keep(match: re.Match) -> str:
        names = [name for name in re.split(r"[\s,]+", (match[2] or match[3]).strip()) if name in used]
        return f"from {match[1]} import {', '.join(names)}" if names else ""

    return _QT_IMPORT.sub(keep, source)


def target(ui: Path) -> Path:
    return FORMS_DIR / f"ui_{ui.stem}.py"


def build_forms() -> list[Path]:
    written = []
    for ui in sorted(UI_DIR.glob("*.ui")):
        path = target(ui)
        path.write_text(compile_form(ui), encoding="utf-8")
        written.append(path)
    return written


def sources_for_lupdate() -> list[str]:
    """Python sources of the GUI (generated forms excluded: the .ui files speak for them)."""
    python = [p for p in sorted(GUI_DIR.rglob("*.py")) if not p.name.startswith("ui_")]
    return [str(p) for p in python] + [str(p) for p in sorted(UI_DIR.glob("*.ui"))]


def update_translations(ts: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources_for_lupdate(), "-ts", str(ts)],
        check=True,
        capture_output=True,
    )


def release(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)


def build_translations() -> None:
    for language in LANGUAGES:
        ts = TRANSLATIONS / f"crmdesk_{language}.ts"
        update_translations(ts)
        release(ts, ts.with_suffix(".qm"))
        extra = TRANSLATIONS / f"qtbase_extra_{language}.ts"  # Qt's own words its catalogue lacks (by hand)
        if extra.exists():
            release(extra, extra.with_suffix(".qm"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--i18n", action="store_true", help="also run lupdate and lrelease")
    args = parser.parse_args(argv)
    for path in build_forms():
        print(path.relative_to(ROOT))
    if args.i18n:
        build_translations()
        print(*(f"resources/translations/crmdesk_{lang}.qm" for lang in LANGUAGES), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
