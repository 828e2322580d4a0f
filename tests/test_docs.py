"""The specification is in the repository: code and tests point to docs/domain/, never to a
document outside it (« DOMAIN §3 », « seed 000 »), and every page they point to exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "docs" / "domain"
_OUTSIDE = re.compile(r"DOMAIN ?§|DOMAIN\.md|\bseeds? ?0\d\d|seed_0\d\d")
# « docs/domain/05-complaints.md », and the pages listed after it: « …, 06-indicators.md and 09-dashboards.md »
_POINTER = re.compile(r"docs/domain/((?:\d\d-[a-z0-9-]+\.md)(?:(?:, | and | et )\d\d-[a-z0-9-]+\.md)*)")


def _sources():
    """The modules of crmdesk/ and tests/ (not this one: its own examples are stale on purpose)."""
    for folder in ("crmdesk", "tests"):
        yield from (path for path in sorted((ROOT / folder).rglob("*.py")) if path != Path(__file__).resolve())


def test_no_pointer_to_a_document_outside_the_repository():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _OUTSIDE.search(line)
    ]
    assert not found, "\n".join(found)


def test_every_page_pointed_to_exists():
    pointed: dict[str, str] = {}
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for group in _POINTER.findall(line):
                for name in re.findall(r"\d\d-[a-z0-9-]+\.md", group):
                    pointed.setdefault(name, f"{path.relative_to(ROOT)}:{number}")
    assert len(pointed) >= 12  # the code does point into the pages
    missing = {name: where for name, where in pointed.items() if not (PAGES / name).is_file()}
    assert not missing, missing


def test_the_checks_catch_a_stale_pointer():
    assert _OUTSIDE.search("(DOMAIN §5, seed 003 part B)") and _OUTSIDE.search("def test_follows_seed_000():")
    assert not _OUTSIDE.search("(docs/domain/05-complaints.md)")
    pointed = _POINTER.findall("(docs/domain/06-indicators.md and 99-nowhere.md)")
    assert pointed == ["06-indicators.md and 99-nowhere.md"]
