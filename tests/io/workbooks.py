"""Spreadsheet files built for the tests: XLSX (openpyxl, or patched by hand) and ODS (by hand)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import openpyxl

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def write_xlsx(path: Path, header, rows, *, title: str = "Feuil1", formats: dict[str, str] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)
    return path


def zip_members(path: Path, members: dict[str, bytes | str], *, stored: tuple[str, ...] = ("mimetype",)) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return path


def replace_member(path: Path, name: str, data: bytes | str, target: Path | None = None) -> Path:
    """A copy of the zip `path` (in place by default) with member `name` replaced."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[name] = data
    return zip_members(target or path, members)


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def ods_cell(value) -> str:
    """A table:table-cell for a Python value (str, int, float, date, bool) or raw XML (bytes)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}">'
            f"<text:p>{'VRAI' if value else 'FAUX'}</text:p></table:table-cell>"
        )
    if isinstance(value, (int, float)):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    paragraphs = "".join(f"<text:p>{escape(part)}</text:p>" for part in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'


def ods_row(cells, repeated: int = 1) -> str:
    attribute = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{attribute}>" + "".join(ods_cell(c) for c in cells) + "</table:table-row>"


def ods_content(sheets: dict[str, list[str]], prolog: str = "") -> str:
    """content.xml for sheets given as {name: [row XML…]}."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>" + "".join(rows) + "</table:table>"
        for name, rows in sheets.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODS_NAMESPACES}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )


def write_ods(
    path: Path, header=None, rows=(), *, sheets: dict[str, list[str]] | None = None, content: str | None = None
) -> Path:
    if content is None:
        if sheets is None:
            sheets = {"Feuille1": [ods_row(header), *(ods_row(r) for r in rows)]}
        content = ods_content(sheets)
    return zip_members(
        path,
        {
            "mimetype": ODS_MIMETYPE,
            "content.xml": content,
            "META-INF/manifest.xml": '<?xml version="1.0" encoding="UTF-8"?><manifest/>',
        },
    )


SHEET_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def styled_xlsx(path: Path, rows_xml) -> Path:
    """An XLSX whose first sheet is `rows_xml` (an iterable of <row> elements as text) and
    whose style 1 is a real one (bold), as a spreadsheet writes formatted cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "nom"
    sheet["A1"].font = openpyxl.styles.Font(bold=True)
    book.save(path)
    body = "".join(rows_xml)
    sheet_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{SHEET_NAMESPACE}">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    return replace_member(path, "xl/worksheets/sheet1.xml", sheet_xml)


def inline_cell(reference: str, text: str, style: int = 0) -> str:
    styled = f' s="{style}"' if style else ""
    return f'<c r="{reference}" t="inlineStr"{styled}><is><t>{escape(text)}</t></is></c>'
