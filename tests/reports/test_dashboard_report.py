"""The dashboard report: period, key figures, charts two to a row, literal text, whole file or none."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pypdf
import pytest

from crmdesk.domain.errors import CrmError
from crmdesk.reports.dashboard_report import render_dashboard_report
from tests.helpers.today import TODAY

HOSTILE = "<b>x</b> & y"


def png(width: int = 60, height: int = 30, colour: tuple[int, int, int] = (59, 110, 168)) -> bytes:
    """A plain RGB PNG, made without Qt nor PIL (reports never see Qt)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(colour) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def render(**changes) -> bytes:
    args = {
        "business": {"name": "Sweety Bio", "city": "Lyon"},
        "period_label": "T4 2026",
        "charts": [("CA par catégorie", png()), ("CA par région", png(80, 40))],
        "figures": [("Chiffre d'affaires", "1 254,00 €"), ("Commandes", "216")],
        "today": TODAY,
    }
    args.update(changes)
    out = io.BytesIO()
    render_dashboard_report(out, **args)
    return out.getvalue()


def text_of(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages).replace("\u00a0", " "))


def test_the_report_has_the_period_the_figures_and_every_chart():
    pdf = render()
    text = text_of(pdf)
    for expected in (
        "Sweety Bio",
        "Tableau de bord — T4 2026",
        "Édité le 23/11/2026",
        "Chiffre d'affaires",
        "1 254,00 €",
        "Commandes 216",
        "CA par catégorie",
        "CA par région",
        "Page 1 / 1",
    ):
        assert expected in text
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 2
    assert reader.metadata.title == "Tableau de bord — T4 2026"


def test_user_text_is_printed_literally():
    pdf = render(
        business={"name": HOSTILE},
        period_label=HOSTILE,
        charts=[(HOSTILE, png())],
        figures=[(HOSTILE, HOSTILE)],
        title=HOSTILE,
    )
    text = text_of(pdf)
    assert text.count(HOSTILE) >= 6  # letterhead, title, period, chart, figure label and value, footer


def test_many_charts_go_on_over_numbered_pages_without_being_cut():
    charts = [(f"Graphique {n}", png(120, 70, (n * 15, 110, 168))) for n in range(14)]  # distinct: not shared
    pdf = render(charts=charts, figures=[(f"Chiffre {n}", str(n)) for n in range(10)])
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages >= 2
    assert sum(len(p.images) for p in reader.pages) == 14
    text = text_of(pdf)
    assert all(f"Page {n} / {pages}" in text for n in range(1, pages + 1))
    assert all(f"Graphique {n}" in text for n in range(14))


def test_a_path_is_written_whole_and_a_bad_image_leaves_nothing(tmp_path):
    target = tmp_path / "tableau-de-bord.pdf"
    render_dashboard_report(target, business={}, period_label="novembre 2026", charts=[("A", png())])
    assert target.read_bytes().startswith(b"%PDF")
    broken = tmp_path / "broken.pdf"
    with pytest.raises(CrmError, match="« Cassé » illisible"):
        render_dashboard_report(broken, business={}, period_label="2026", charts=[("Cassé", b"not a png")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tableau-de-bord.pdf"]


def test_no_figure_no_chart_is_still_a_page():
    text = text_of(render(charts=[], figures=[]))
    assert "Tableau de bord — T4 2026" in text
