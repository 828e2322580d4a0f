"""The layers only look down: domain <- store <- gui; reports, io, cli beside."""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "crmdesk"

# What each layer may import from crmdesk (besides itself).
# crmdesk.i18n (messages in the interface language, no Qt) serves every layer.
ALLOWED = {
    "domain": {"i18n"},
    "store": {"domain", "paths", "i18n"},
    "io": {"domain", "store", "paths", "i18n"},
    "reports": {"domain", "store", "paths", "i18n"},
    "demo": {"domain", "store", "paths", "i18n"},
    # the desktop integration (display check, menu entry) runs before Qt: no Qt there
    "desktop": {"paths", "i18n"},
    "gui": {"domain", "store", "io", "reports", "demo", "desktop", "paths", "i18n"},
    "cli": {"domain", "store", "io", "reports", "demo", "gui", "desktop", "paths", "i18n"},
}
# Third-party modules a layer must not touch.
FORBIDDEN_THIRD_PARTY = {
    "domain": ("PySide6", "sqlite3", "sqlite_utils", "pyqtgraph", "reportlab"),
    "store": ("PySide6", "pyqtgraph", "reportlab"),
    "io": ("PySide6", "pyqtgraph"),
    "reports": ("PySide6", "pyqtgraph"),
    "demo": ("PySide6", "pyqtgraph"),
    "desktop": ("PySide6", "pyqtgraph", "reportlab"),
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _layer_files():
    for layer in ALLOWED:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            yield layer, path


@pytest.mark.parametrize("layer,path", list(_layer_files()), ids=lambda v: getattr(v, "name", v))
def test_layer_imports_only_lower_layers(layer, path):
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] == "crmdesk" and len(parts) > 1 and parts[1] != layer:
            assert parts[1] in ALLOWED[layer], f"{path.relative_to(PACKAGE)} imports {name}"
        for banned in FORBIDDEN_THIRD_PARTY.get(layer, ()):
            assert parts[0] != banned, f"{path.relative_to(PACKAGE)} imports {name}"


def test_every_layer_exists():
    for layer in ("domain", "store", "gui", "reports", "io", "cli"):
        assert (PACKAGE / layer / "__init__.py").is_file(), layer


def test_the_check_catches_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from crmdesk.gui import app\nimport PySide6.QtCore\n")
    assert list(_imports(bad)) == ["crmdesk.gui", "PySide6.QtCore"]


_SQL = re.compile(r"\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|PRAGMA\s|"
                  r"CREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL)\s|DROP\s+(TABLE|INDEX|TRIGGER)\s)")


@pytest.mark.parametrize("layer", ["gui", "cli", "reports", "domain"])
def test_sql_lives_in_the_store(layer):
    """No SQL text outside store/ (io/ still reads and writes in bulk: see the README)."""
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not _SQL.match(node.value), f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value[:40]!r}"
