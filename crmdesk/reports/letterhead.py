"""The business letterhead, from the ``business`` setting.

Known keys (all optional): name, activity, address (may hold several lines),
address_lines (list) or address2, postal_code, city, country, siret, phone,
email, website, logo_data (the image itself, base64, see logo_data()) or
logo / logo_path (an image file); a missing or unreadable logo is skipped. Unknown keys are ignored;
every value is printed literally.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer

from crmdesk.domain.business import LOGO_MAX_BYTES
from crmdesk.domain.contact import format_phone
from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import digits
from crmdesk.i18n import N_
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.text import clean, para
from crmdesk.store.files import read_regular

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


def logo_data(path: Path | str) -> str:
    """An image file as the base64 text kept in the settings (`logo_data`);
    CrmError in French when it is not an image ReportLab can draw."""
    path = Path(path).expanduser()
    try:
        data = read_regular(path, LOGO_MAX_BYTES)  # never a FIFO or /dev/zero: it would hang
    except FileNotFoundError:
        raise CrmError(N_("Logo « {name} » illisible : fichier introuvable."), name=path.name) from None
    except CrmError as exc:
        raise CrmError(N_("Logo : {reason}"), reason=str(exc)) from None
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 - whatever the image library says, the answer is the same
        raise CrmError(N_("« {name} » n'est pas une image (PNG ou JPEG attendu)."), name=path.name) from None
    if not width or not height:
        raise CrmError(N_("« {name} » est une image vide."), name=path.name)
    return base64.b64encode(data).decode("ascii")


def _logo_source(business: Mapping):
    """The logo's bytes (kept in the file) or, from older settings, its path."""
    data = business.get("logo_data")
    if isinstance(data, str) and data:
        return io.BytesIO(base64.b64decode(data, validate=False))
    raw = _value(business, "logo", "logo_path")
    if isinstance(raw, (str, Path)):
        path = Path(raw).expanduser()
        return str(path) if path.is_file() else None
    return None


def logo_flowable(business: Mapping, max_height: float = LOGO_MAX_HEIGHT) -> Flowable | None:
    try:
        source = _logo_source(business)
        if source is None:
            return None
        image = Image(source)
        width, height = image.imageWidth, image.imageHeight
        if not width or not height:
            return None
    except Exception:  # noqa: BLE001 - a broken logo must not prevent the letter
        return None
    scale = min(LOGO_MAX_WIDTH / width, max_height / height)
    image.drawWidth, image.drawHeight = width * scale, height * scale
    image.hAlign = "LEFT"
    return image


def letterhead_flowables(business: Mapping, styles: Mapping, *, compact: bool = False) -> list[Flowable]:
    """The letterhead; `compact` (client sheets) keeps the logo small and the
    ways to reach the firm on one line."""
    charset = register_fonts().charset
    story: list[Flowable] = []
    logo = logo_flowable(business, 11 * mm if compact else LOGO_MAX_HEIGHT)
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
    if compact:  # one line that wraps between the items, not inside a number
        text = " · ".join(para(line, charset=charset).replace(" ", "\u00a0") for line in contact if line)
    else:
        text = "<br/>".join(para(line, charset=charset) for line in contact if line)
    if text:
        story += [Spacer(1, 1.5 * mm), Paragraph(text, styles["small"])]
    return story
