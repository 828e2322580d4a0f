"""Label sheets and envelopes: the manufacturer's geometry (docs/domain/13-writing-to-clients.md)."""

from __future__ import annotations

import pytest

from crmdesk.domain import labels
from crmdesk.domain.errors import CrmError

# code: (labels, columns, rows, width, height, left, top, horizontal pitch, vertical pitch), Avery's figures
AVERY = {
    "L7160": (21, 3, 7, 63.5, 38.1, 7.21, 15.15, 66.04, 38.1),
    "L7161": (18, 3, 6, 63.5, 46.6, 7.21, 8.7, 66.04, 46.6),
    "L7163": (14, 2, 7, 99.1, 38.1, 4.65, 15.15, 101.6, 38.1),
    "3422": (24, 3, 8, 70.0, 35.0, 0.0, 8.5, 70.0, 35.0),
}


@pytest.mark.parametrize("code", AVERY)
def test_the_sheets_have_their_published_geometry(code):
    count, columns, rows, width, height, left, top, pitch_x, pitch_y = AVERY[code]
    fmt = labels.LABEL_FORMATS[code]
    assert (fmt.per_sheet, fmt.columns, fmt.rows, fmt.width, fmt.height) == (count, columns, rows, width, height)
    assert (fmt.left, fmt.top, fmt.pitch_x, fmt.pitch_y) == pytest.approx((left, top, pitch_x, pitch_y), abs=0.005)
    first, last = fmt.box(1), fmt.box(count)
    assert (first.x, first.y) == pytest.approx((left, top))
    # symmetrical sheets: the margins left at the right and the bottom are the same
    assert labels.A4_WIDTH - last.right == pytest.approx(left, abs=0.01)
    assert labels.A4_HEIGHT - last.bottom == pytest.approx(top, abs=0.01)
    boxes = [fmt.box(n) for n in range(1, count + 1)]
    for a in boxes:
        assert a.x >= 0 and a.y >= 0 and a.right <= labels.A4_WIDTH + 1e-6 and a.bottom <= labels.A4_HEIGHT + 1e-6
        for b in boxes:
            if a is not b:  # no two labels overlap
                assert (
                    a.right <= b.x + 1e-6 or b.right <= a.x + 1e-6 or a.bottom <= b.y + 1e-6 or b.bottom <= a.y + 1e-6
                )


def test_labels_are_counted_left_to_right_then_down():
    fmt = labels.LABEL_FORMATS["L7163"]
    assert (fmt.box(2).x, fmt.box(2).y) == pytest.approx((4.65 + 101.6, 15.15))
    assert (fmt.box(3).x, fmt.box(3).y) == pytest.approx((4.65, 15.15 + 38.1))
    with pytest.raises(ValueError):
        fmt.box(15)


def test_sheets_used_from_a_start_position():
    fmt = labels.LABEL_FORMATS["L7163"]
    assert fmt.sheets_for(30) == 3 and fmt.sheets_for(28) == 2 and fmt.sheets_for(0) == 0
    assert fmt.sheets_for(10, start=5) == 1 and fmt.sheets_for(11, start=5) == 2


def test_start_and_formats_are_checked_in_french():
    fmt = labels.label_format("l7160")
    assert labels.check_start(fmt, 21) == 21
    with pytest.raises(CrmError, match="position de départ 22 impossible : une planche L7160 a les étiquettes 1 à 21"):
        labels.check_start(fmt, 22)
    with pytest.raises(CrmError, match="format d'étiquettes inconnu « L9999 »"):
        labels.label_format("L9999")
    assert labels.envelope_format("c5").width == 229


@pytest.mark.parametrize("code,size", [("DL", (220, 110)), ("C5", (229, 162))])
def test_envelopes(code, size):
    fmt = labels.ENVELOPE_FORMATS[code]
    assert (fmt.width, fmt.height) == size
    box = fmt.recipient
    # the right half, 15 mm from the right edge, clear of La Poste's 15 mm bottom band; the sender top-left
    assert box.x >= fmt.width / 2 - 1 and fmt.width - box.right == 15 and fmt.height - box.bottom >= 15
    assert fmt.sender.right < box.x and fmt.sender.bottom < box.y
