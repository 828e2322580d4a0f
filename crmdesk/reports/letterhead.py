"""The business letterhead, from the ``business`` setting.

Known keys (all optional): name, activity, address (may hold several lines),
address_lines (list) or address2, postal_code, city, country, siret, phone,
email, website, logo (or logo_path: an image file; skipped when missing or
unreadable). Unknown keys are ignored; every value is printed literally.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, Spacer

from crmdesk.domain.contact import format_phone
from crmdesk.domain.text import digits
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.text import clean, para

LOGO_MAX_WIDTH = 40 * mm
LOGO_MAX_HEIGHT = 18 * mm


def _value(data: Mapping, *keys: str) -> object:
    for key in keys:
        value = data.get(key)
        if value not in (None, ""):
            return value
    return None


def address_lines(data: Mapping) -> list[str]:
    """Street lines of a business or client record, cleaned, in order."""
    lines: list[str] = []
    listed = data.get("address_lines")
    if isinstance(listed, (list, tuple)):
        lines.extend(clean(line) for line in listed)
    else:
        lines.extend(clean(data.get("address"), multiline=True).split("\n"))
    for key in ("address2", "address3"):
        lines.append(clean(data.get(key)))
    return [line for line in lines if line]


def city_line(data: Mapping) -> str:
    return " ".join(part for part in (clean(data.get("postal_code")), clean(data.get("city"))) if part)


def format_siret(value: object) -> str:
    """« 12345678900012 » -> « 123 456 789 00012 »; anything else as typed."""
    text = clean(value)
    number = digits(text)
    if len(number) == 14 and len(text.replace(" ", "")) == 14:
        return f"{number[:3]} {number[3:6]} {number[6:9]} {number[9:]}"
    return text


def display_phone(value: object) -> str:
    """A stored E.164 number the French way (« 04 65 71 01 47 »); anything else as typed."""
    text = clean(value)
    return format_phone(text) if text.startswith("+") else text


def logo_flowable(business: Mapping) -> Flowable | None:
    raw = _value(business, "logo", "logo_path")
    if not isinstance(raw, (str, Path)):
        return None
    path = Path(raw).expanduser()
    try:
        if not path.is_file():
            return None
        image = Image(str(path))
        width, height = image.imageWidth, image.imageHeight
        if not width or not height:
            return None
    except Exception:  # noqa: BLE001 - a broken logo must not prevent the letter
        return None
    scale = min(LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height)
    image.drawWidth, image.drawHeight = width * scale, height * scale
    image.hAlign = "LEFT"
    return image


def letterhead_flowables(business: Mapping, styles: Mapping) -> list[Flowable]:
    charset = register_fonts().charset
    story: list[Flowable] = []
    logo = logo_flowable(business)
    if logo is not None:
        story += [logo, Spacer(1, 2 * mm)]
    name = para(business.get("name"), charset=charset)
    if name:
        story.append(Paragraph(name, styles["company"]))
    activity = para(business.get("activity"), charset=charset)
    if activity:
        story.append(Paragraph(activity, styles["tagline"]))
    lines = [*address_lines(business), city_line(business)]
    country = clean(business.get("country"))
    if country and country.upper() not in ("FR", "FRANCE"):
        lines.append(country)
    contact = []
    if business.get("phone"):
        contact.append(f"Tél.\u00a0: {display_phone(business['phone'])}")
    if business.get("email"):
        contact.append(f"Courriel\u00a0: {clean(business['email'])}")
    if business.get("website"):
        contact.append(clean(business["website"]))
    if business.get("siret"):
        contact.append(f"SIRET\u00a0: {format_siret(business['siret'])}")
    text = "<br/>".join(para(line, charset=charset) for line in lines if line)
    if text:
        story.append(Paragraph(text, styles["small"]))
    text = "<br/>".join(para(line, charset=charset) for line in contact if line)
    if text:
        story += [Spacer(1, 1.5 * mm), Paragraph(text, styles["small"])]
    return story
