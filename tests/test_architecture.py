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


_SQL = re.compile(
    r"\s*(SELECT\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|PRAGMA\s|"
    r"CREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL)\s|DROP\s+(TABLE|INDEX|TRIGGER)\s)"
)


_RUNS_SQL = {"execute", "executemany", "executescript"}


def _sql_found(path: Path) -> list[str]:
    """SQL text, and calls that run SQL (`.execute(`, `.executemany(`, `.executescript(`), in a module."""
    found = []
    where = path.relative_to(PACKAGE) if path.is_relative_to(PACKAGE) else path
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.match(node.value):
            found.append(f"{where}:{node.lineno}: {node.value[:40]!r}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RUNS_SQL:
            found.append(f"{where}:{node.lineno}: .{node.func.attr}(")
    return found


@pytest.mark.parametrize("layer", ["gui", "cli", "reports", "domain", "io"])
def test_sql_lives_in_the_store(layer):
    """No SQL outside store/: the bulk writes of an import go through store functions
    (crmdesk/store/bulk_contacts.py for the clients import)."""
    found = [hit for path in sorted((PACKAGE / layer).rglob("*.py")) for hit in _sql_found(path)]
    assert not found, "\n".join(found)


def test_the_sql_check_catches_a_query_and_a_call(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('ROWS = "SELECT id FROM contacts"\ndef f(conn, rows):\n    conn.executemany(ROWS, rows)\n')
    assert len(_sql_found(bad)) == 2


# -- import cycles ---------------------------------------------------------------------------
def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_modules(path: Path, root: Path, modules: set[str]) -> set[str]:
    """The crmdesk modules `path` imports, anywhere (inside functions too), except
    under `if TYPE_CHECKING:`. `from package import name` counts as the submodule
    when `name` is one, else as the package."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in modules and m != name}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    paths = {_module_name(p, root): p for p in root.rglob("*.py")}
    return {name: _imported_modules(path, root, set(paths)) for name, path in paths.items()}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a → b → … → a) through each group of modules that import each
    other, directly or not (strongly connected components, Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def connect(node: str) -> None:  # the package has a few hundred modules: recursion is fine
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [_cycle_in(graph, set(group)) for group in groups]


def _cycle_in(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest way from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(group)  # pragma: no cover - a strongly connected group always has one


def _cycles_text(cycles: list[list[str]]) -> str:
    return "\n".join(" → ".join(m.removeprefix("crmdesk.") for m in cycle) for cycle in cycles)


def test_no_import_cycle_outside_the_gui():
    cycles = [c for c in import_cycles(import_graph()) if not c[0].startswith("crmdesk.gui.")]
    print(_cycles_text(cycles))
    assert not cycles, "import cycles:\n" + _cycles_text(cycles)


def test_no_import_cycle():
    cycles = import_cycles(import_graph())
    print(_cycles_text(cycles))
    assert not cycles, "import cycles:\n" + _cycles_text(cycles)


def test_the_cycle_check_sees_imports_in_functions_and_not_type_checking_ones(tmp_path):
    package = tmp_path / "crmdesk"
    (package / "a").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a" / "__init__.py").write_text("")
    (package / "a" / "one.py").write_text("from crmdesk.a import two\n")
    (package / "a" / "two.py").write_text("def f():\n    from . import three\n")
    (package / "a" / "three.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from crmdesk.a import one\nimport crmdesk.a.one\n"
    )
    (package / "a" / "four.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from crmdesk.a import one\n"
    )
    graph = import_graph(package)
    assert graph["crmdesk.a.two"] == {"crmdesk.a.three"} and graph["crmdesk.a.four"] == set()
    assert import_cycles(graph) == [["crmdesk.a.one", "crmdesk.a.two", "crmdesk.a.three", "crmdesk.a.one"]]
