"""Keep the English catalogue of crmdesk/i18n.py in step with the code.

    python -m crmdesk.i18n          # extract, update crmdesk_en.po, compile crmdesk_en.mo
                                    # (and argparse_fr.po/.mo: argparse's own words in French)

Extraction reads the sources with `ast`: the first argument of every
`_()`, `N_()` and `ngettext()` call that is a string literal (two for
ngettext; a context and a message for pgettext() and NP_()). New messages
enter the .po with an empty English text (a test
fails until it is written); messages gone from the code are dropped.
Babel reads and writes the catalogue (a build-time tool: never imported
when crmdesk runs).

The command line's parser is argparse, whose own words (« usage: »,
« options », its error lines) are English msgids of the stdlib: they are
extracted the same way from the running Python's argparse.py into
argparse_fr.po, translated into French there, and loaded by
crmdesk/cli/i18n.py when the command line speaks French.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TRANSLATIONS = PACKAGE.parent / "resources" / "translations"
PO = TRANSLATIONS / "crmdesk_en.po"
ARGPARSE_PO = TRANSLATIONS / "argparse_fr.po"
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2, "NP_": 2}
CONTEXTUAL = {"pgettext", "NP_"}


def sources() -> list[Path]:
    """Every module but the GUI's (its texts go through Qt's tr and the .ts)."""
    gui = PACKAGE / "gui"
    return [p for p in sorted(PACKAGE.rglob("*.py")) if gui not in p.parents]


Message = tuple[str | tuple[str, str], str | None]  # (message or (singular, plural), context)


def messages_in(path: Path) -> Iterator[tuple[Message, int]]:
    """((message or (singular, plural), context), line) of each marked call in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        count = MARKERS.get(name)
        if count is None or len(node.args) < count:
            continue
        texts = node.args[:count]
        if all(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts):
            values = [t.value for t in texts]
            if name in CONTEXTUAL:
                yield (values[1], values[0]), node.lineno
            else:
                yield ((values[0] if count == 1 else (values[0], values[1])), None), node.lineno


def extract() -> dict[Message, list[tuple[str, int]]]:
    found: dict = {}
    root = PACKAGE.parent
    for path in sources():
        for message, line in messages_in(path):
            found.setdefault(message, []).append((str(path.relative_to(root)), line))
    return found


def argparse_messages() -> dict[Message, list[tuple[str, int]]]:
    """argparse's own messages (gettext msgids of the stdlib module crmdesk runs with)."""
    import argparse

    found: dict = {}
    for message, line in messages_in(Path(argparse.__file__)):
        found.setdefault(message, []).append(("argparse.py", line))
    return found


def update(
    po_path: Path = PO, found: dict | None = None, locale: str = "en", domain: str = "crmdesk"
) -> tuple[int, int]:
    """Merge the messages of the code (or `found`) into the catalogue; returns (messages, untranslated)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    old = None
    if po_path.exists():
        with open(po_path, "rb") as handle:
            old = read_po(handle, locale=locale)
    stamp = old.creation_date if old is not None else None  # unchanged runs give unchanged files
    catalogue = Catalog(
        locale=locale,
        domain=domain,
        project="crmdesk",
        version=None,
        charset="utf-8",
        creation_date=stamp,
        revision_date=stamp,
        fuzzy=False,
    )
    found = extract() if found is None else found
    for (message, context), places in sorted(found.items(), key=lambda item: str(item[0])):
        previous = old.get(message, context=context) if old is not None else None
        string = previous.string if previous is not None else ("", "") if isinstance(message, tuple) else ""
        catalogue.add(message, string, locations=places[:3], context=context)
    with open(po_path, "wb") as handle:
        write_po(handle, catalogue, width=100, omit_header=False, sort_output=True, include_lineno=False)
    with open(po_path.with_suffix(".mo"), "wb") as handle:
        write_mo(handle, catalogue)
    missing = sum(1 for m in catalogue if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string]))
    return len(catalogue), missing


def main() -> int:
    total, missing = update()
    print(f"{PO.relative_to(PACKAGE.parent)}: {total} messages, {missing} without English")
    total, missing = update(ARGPARSE_PO, argparse_messages(), locale="fr", domain="argparse")
    print(f"{ARGPARSE_PO.relative_to(PACKAGE.parent)}: {total} messages, {missing} without French")
    return 0
