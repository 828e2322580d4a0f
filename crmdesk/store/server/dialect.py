"""The stores' SQLite statements as PostgreSQL runs them.

The stores keep one text for both kinds of client file. What SQLite says
differently is rewritten here, once per statement text (cached), or made to
exist on the server by its schema (db/postgresql/014_baseline.sql: ifnull,
instr, crmdesk_match):

- `?` marks become psycopg's `%s`, `:name` marks `%(name)s` (a literal `%` doubled);
- `INDEXED BY …`, `NOT INDEXED` and the unary `+` that hides an index from
  SQLite's planner are dropped (PostgreSQL plans alone);
- `FROM contacts_fts WHERE contacts_fts MATCH ?` (the FTS5 trigram table)
  reads `crmdesk_match(?)`, the trigram index of the server (pg_trgm);
- `INSERT OR IGNORE INTO …` becomes `INSERT INTO … ON CONFLICT DO NOTHING`;
- `a IS b`, `a IS NOT b` (b not NULL) become IS [NOT] DISTINCT FROM;
- a subquery in FROM gets the name PostgreSQL 15 wants;
- `COLLATE NOCASE` is dropped (the columns that have it are citext there).

Rows come back as `Row`: by position and by name, and dict(row), as
sqlite3.Row; the errors the stores catch keep sqlite3's classes
(IntegrityError for a constraint, OperationalError for the rest).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*")
_INDEXED = re.compile(r"\s+(?:INDEXED\s+BY\s+\w+|NOT\s+INDEXED)\b", re.IGNORECASE)
_HIDE_INDEX = re.compile(r"((?:\bWHERE|\bAND|\bOR|\bON|\bNOT|\bBY|\bSELECT)\s+|[(,]\s*)\+(?=[A-Za-z_])", re.IGNORECASE)
_FTS = re.compile(r"FROM\s+contacts_fts\s+WHERE\s+contacts_fts\s+MATCH\s+%s", re.IGNORECASE)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_IS_NOT = re.compile(r"\bIS\s+NOT\s+(?!NULL\b|TRUE\b|FALSE\b|DISTINCT\b)", re.IGNORECASE)
_IS = re.compile(r"\bIS\s+(?!NOT\b|NULL\b|TRUE\b|FALSE\b|DISTINCT\b)", re.IGNORECASE)
_NOCASE = re.compile(r"\s+COLLATE\s+NOCASE\b", re.IGNORECASE)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)
_CONFLICT = re.compile(r"\bON\s+CONFLICT\b", re.IGNORECASE)


class Unsupported(ValueError):
    """A statement only SQLite understands (a PRAGMA): a store not ready for a server."""


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """The PostgreSQL text of one SQLite statement (see the module's docstring)."""
    if sql.lstrip()[:6].upper() == "PRAGMA":
        if _TUNING.match(sql):
            return "SELECT 1"  # pgstores: a file's cache tuning; a server tunes its own
        raise Unsupported(sql)
    parts, last = [], 0
    for match in _LITERAL.finditer(sql):
        parts.append(_code(sql[last : match.start()]))
        parts.append(match.group(0).replace("%", "%%") if not match.group(0).startswith("--") else "")
        last = match.end()
    parts.append(_code(sql[last:]))
    text = _stores_words("".join(parts))
    text = qualify_upsert(_alias_subqueries(text))
    if _OR_IGNORE.match(text):
        text = _OR_IGNORE.sub("INSERT INTO", text, count=1)
        if not _CONFLICT.search(text):
            text = text.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return text


def _code(text: str) -> str:
    """Outside literals: marks, hints and SQLite's words."""
    text = _NAMED.sub(r"%(\1)s", text.replace("%", "%%").replace("?", "%s"))
    text = _INDEXED.sub("", text)
    text = _HIDE_INDEX.sub(r"\1", text)
    text = _FTS.sub("FROM crmdesk_match(%s) AS contacts_fts(rowid)", text)
    text = _IS.sub("IS NOT DISTINCT FROM ", _IS_NOT.sub("IS DISTINCT FROM ", text))
    return _NOCASE.sub("", text)


# -- pgstores: the functions and words of the imports, duplicates, GDPR, loyalty, dashboard
# and outreach stores (issue 19), rewritten where PostgreSQL has another name for them:
#   total(x)              -> coalesce(sum(x), 0)::float8   (SQLite's total: a float, 0.0 when none)
#   max(a, b, …) min(…)   -> greatest(a, b, …) least(…)    (the scalar forms: two arguments or more;
#                            the stores give them no NULL, where SQLite would answer NULL)
#   char(n)               -> chr(n)
#   x GLOB 'pattern'      -> x ~ '^regex$'                 (a literal pattern: *, ?, [set])
#   json_extract(x, '$.a[0]') -> (x)::jsonb #>> '{a,0}'    (a text: the stores CAST it where they compare)
#   json_valid(x)         -> x holds an object or an array  (crmdesk writes its JSON itself)
#   PRAGMA cache_size = N -> SELECT 1                       (a file's cache; a server tunes its own)
_FUNCTION = re.compile(r"(?<![\w.])(total|max|min|char|json_extract|json_valid)\s*\(", re.IGNORECASE)
_JSON_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")
_GLOB = re.compile(r"\bGLOB\s+'((?:[^']|'')*)'", re.IGNORECASE)
_QUOTED = re.compile(r"'(?:[^']|'')*'")
_TUNING = re.compile(r"\s*PRAGMA\s+cache_size\s*=\s*-?\d+\s*;?\s*$", re.IGNORECASE)


def _stores_words(text: str) -> str:
    """The rewrites above, literals aside (a pattern's text or a separator is not code)."""
    text = _GLOB.sub(lambda m: "~ '" + _glob_regex(m.group(1)) + "'", text)
    literals = _QUOTED.findall(text)
    numbered = iter(range(len(literals)))
    masked = _QUOTED.sub(lambda _m: f"'\x00{next(numbered)}'", text)
    if not _FUNCTION.search(masked):
        return text
    return re.sub(r"'\x00(\d+)'", lambda m: literals[int(m.group(1))], _stores_functions(masked, literals))


def _stores_functions(text: str, literals: list[str]) -> str:
    out, last = [], 0
    for match in _FUNCTION.finditer(text):
        if match.start() < last:
            continue
        arguments, end = _arguments(text, match.end())
        if arguments is None:
            continue
        name = match.group(1).lower()
        inner = [_stores_functions(a, literals) for a in arguments]
        if name == "total" and len(inner) == 1:
            call = f"coalesce(sum({inner[0]}), 0)::float8"
        elif name in ("max", "min") and len(inner) > 1:
            call = ("greatest(" if name == "max" else "least(") + ",".join(inner) + ")"
        elif name == "char" and len(inner) == 1:
            call = f"chr({inner[0]})"
        elif name == "json_extract" and len(inner) == 2 and (path := _json_path(inner[1], literals)):
            call = f"(({inner[0]})::jsonb #>> '{path}')"
        elif name == "json_valid" and len(inner) == 1:
            call = f"(left({inner[0]}, 1) IN ('{{', '['))"
        else:
            call = text[match.start() : match.end()] + ",".join(inner) + ")"
        out.append(text[last : match.start()] + call)
        last = end
    out.append(text[last:])
    return "".join(out)


def _json_path(argument: str, literals: list[str]) -> str | None:
    """« $.a.b[0] » (a masked literal) -> « {a,b,0} », None for another form."""
    found = re.fullmatch(r"\s*'\x00(\d+)'\s*", argument)
    path = literals[int(found.group(1))][1:-1] if found else ""
    if not path.startswith("$") or _JSON_STEP.sub("", path[1:]):
        return None
    return "{" + ",".join(a or b for a, b in _JSON_STEP.findall(path[1:])) + "}"


def _arguments(text: str, start: int) -> tuple[list[str] | None, int]:
    """The top-level arguments of the call whose « ( » ends before `start`, and the end of the call."""
    depth, begin, found = 0, start, []
    for position in range(start, len(text)):
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == ")":
            found.append(text[begin:position])
            return found, position + 1
        elif char == "," and not depth:
            found.append(text[begin:position])
            begin = position + 1
    return None, start


def _glob_regex(pattern: str) -> str:
    out, position = ["^"], 0
    while position < len(pattern):
        char = pattern[position]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "[" and "]" in pattern[position + 2 :]:
            end = pattern.index("]", position + 2)
            body = pattern[position + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("^") else body) + "]")
            position = end
        else:
            out.append(re.escape(char))
        position += 1
    return "".join(out) + "$"


# -- end of pgstores' block


_FROM_SUBQUERY = re.compile(r"\bFROM\s*\(", re.IGNORECASE)
_AFTER_SUBQUERY = re.compile(
    r"\s*(?:AS\b|(?!(?:WHERE|GROUP|ORDER|LIMIT|UNION|EXCEPT|INTERSECT|JOIN|LEFT|INNER|CROSS|"
    r"ON|HAVING|WINDOW|OFFSET)\b)[A-Za-z_])",
    re.IGNORECASE,
)


def _alias_subqueries(text: str) -> str:
    """« FROM (SELECT …) » without a name gets one (PostgreSQL 15 wants it, SQLite does not)."""
    out, last = [], 0
    for match in _FROM_SUBQUERY.finditer(text):
        if match.start() < last:
            continue
        depth, end = 0, None
        for position in range(match.end() - 1, len(text)):
            if text[position] == "(":
                depth += 1
            elif text[position] == ")":
                depth -= 1
                if depth == 0:
                    end = position + 1
                    break
        if end is None:
            break
        inner = _alias_subqueries(text[match.end() : end - 1])
        out.append(text[last : match.end()] + inner + ")")
        if not _AFTER_SUBQUERY.match(text, end):
            out.append(f" AS _s{len(out)}")
        last = end
    out.append(text[last:])
    return "".join(out)


def returning_id(sql: str, tables_with_id: frozenset[str]) -> str | None:
    """`sql` with « RETURNING id » when it inserts into a table whose key is an
    identity `id` (the cursor's lastrowid, as SQLite gives it), else None."""
    match = _INSERT_INTO.match(sql)
    if match is None or match.group(1).lower() not in tables_with_id or _RETURNING.search(sql):
        return None
    return sql.rstrip().rstrip(";") + " RETURNING id"


class Row(tuple):
    """A row read by position or by column name (any case), as sqlite3.Row."""

    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()
    _index: ClassVar[dict[str, int]] = {}

    def keys(self) -> list[str]:
        return list(self._names)

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                key = self._index[key.lower()]
            except KeyError:
                raise IndexError(f"No item with that key: {key!r}") from None
        return tuple.__getitem__(self, key)


@lru_cache(maxsize=512)
def row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        index.setdefault(name.lower(), position)  # the first of a repeated name, as sqlite3.Row
    return type("Row", (Row,), {"__slots__": (), "_names": names, "_index": index})


def row_factory(cursor):
    """psycopg's row factory giving `Row`s."""
    description = cursor.description
    if description is None:
        return tuple
    make = row_class(tuple(column.name for column in description))
    return lambda values: make(values)


# -- pgsuite: numbers as SQLite gives them (issue 19) ------------------------------------------------
# sum() of integers is an integer in SQLite, a numeric (Decimal) in PostgreSQL: a rep's revenue
# against its objective came back Decimal('0.627') instead of 0.627. The stores' SQL has no
# numeric column (db/postgresql/014_baseline.sql), so a numeric value is such an aggregate: read
# as an int when whole, else a float, as SQLite would.
def load_numbers_as_sqlite(raw) -> None:
    """Make the psycopg connection `raw` read numeric values as int (whole) or float."""
    from psycopg.types.numeric import NumericLoader

    class SqliteNumber(NumericLoader):
        def load(self, data):
            value = super().load(data)
            return int(value) if value.is_finite() and value == value.to_integral_value() else float(value)

    raw.adapters.register_loader("numeric", SqliteNumber)


# An upsert's « SET n = n + excluded.n » (db/005's backfill, run again by dashboard.rebuild):
# SQLite reads the bare « n » as the row in place, PostgreSQL finds it ambiguous (the row in
# place or the one proposed): it is named by its table there.
_UPSERT = re.compile(r"\bINSERT\s+INTO\s+(\w+)\b.*?\bON\s+CONFLICT\b.*?\bDO\s+UPDATE\s+SET\b", re.I | re.S)
_SELF_ASSIGNED = re.compile(r"(?<![\w.])(\w+)(\s*=\s*)\1(?![\w.(])")


def qualify_upsert(text: str) -> str:
    """`text` with each « col = col … » of an upsert's SET read as the row in place (table.col)."""
    found = _UPSERT.search(text)
    if found is None:
        return text
    table, start = found.group(1), found.end()
    return text[:start] + _SELF_ASSIGNED.sub(lambda m: f"{m.group(1)}{m.group(2)}{table}.{m.group(1)}", text[start:])


# -- end of pgsuite's block
