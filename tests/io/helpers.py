"""Writing CSV files the ways users and their spreadsheets do."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.helpers.backend import opened


def write_csv(path: Path, header, rows, *, encoding="utf-8", delimiter=",") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def contacts_by_code(db_path: Path | str) -> dict[str, dict]:
    """Every live contact (with rep name and tags) keyed by code, read-only (a file, or a server's URL)."""
    database = opened(db_path, writer=False)
    try:
        rows = database.query(
            "SELECT c.*, (SELECT name FROM reps WHERE reps.id = c.rep_id) AS rep_name FROM contacts c "
            "WHERE deleted_at IS NULL"
        )
        result = {}
        for row in rows:
            record = dict(row)
            record["tags"] = sorted(
                r[0]
                for r in database.query(
                    "SELECT t.name FROM tags t JOIN contact_tags ct ON ct.tag_id = t.id WHERE ct.contact_id = ?",
                    (record["id"],),
                )
            )
            result[record["code"]] = record
        return result
    finally:
        database.close()
