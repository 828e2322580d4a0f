"""The client sheet (fiche client): one A4 page per client (docs/domain/10-prints.md).

    pages = render_sheets(stream, sheets, business=..., today=...)

`sheets` is an iterable of the dicts made by crmdesk.store.sheets; it is
consumed one client at a time, so a batch of any size streams: each
client's flowables are laid out, drawn and dropped before the next is read.

Layout: letterhead and « FICHE CLIENT » block, the name, contact details
beside status / RFM / loyalty / consents, the revenue table (last year, this
year, the 12 months of the status), the latest orders and the open
complaints. A sheet is meant to fit one page; when a client's content does
not (long history, very long values), the sheet goes on over more pages:
the footer of each page says « Page 1 / 2 — suite page suivante » and the
next page starts with « Fiche client … (suite) ». Those footers name the
page count of the client before it is known, so they are PDF form
XObjects drawn on every page and defined once the client is finished.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import chain

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from crmdesk.domain.errors import CrmError
from crmdesk.domain.money import format_eur
from crmdesk.i18n import N_, _
from crmdesk.reports.fitting import ellipsize
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.letterhead import (
    address_lines,
    city_line,
    display_phone,
    format_siret,
    letterhead_flowables,
)
from crmdesk.reports.styles import ACCENT, INK, MUTED, paragraph_styles
from crmdesk.reports.text import clean, fr_date, para

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 16 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
LIGHT = colors.HexColor("#f3f5f2")
RULE = colors.HexColor("#c9d1c9")
ALERT_HEX = "#b42318"

# French wording of the codes stored on a contact (domain/contact.py).
STAGES = {"prospect": "Prospect", "client": "Client", "former": "Ancien client"}
KINDS = {"person": "Particulier", "company": "Entreprise"}
SOURCES = {
    "web": "Site web",
    "social": "Réseaux sociaux",
    "fair": "Salon",
    "phone": "Téléphone",
    "shop": "Magasin",
    "home_party": "Réunion à domicile",
    "referral": "Parrainage",
    "other": "Autre",
}
CHANNELS = {"email": "Courriel", "sms": "SMS", "phone": "Téléphone", "mail": "Courrier", "visit": "Visite"}
REP_KINDS = {"rep": "Commercial", "ambassador": "Ambassadrice"}


# --- wording helpers ------------------------------------------------------------


def _label(codes: Mapping[str, str], value: object) -> str:
    text = clean(value)
    return codes.get(text, text)


def _points(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f") + (" point" if abs(n) < 2 else " points")


def consent_text(contact: Mapping, channel: str) -> str:
    """« Oui, depuis le 12/03/2025 (Bulletin…) » / « Non »."""
    if not contact.get(f"consent_{channel}"):
        return "Non"
    parts = ["Oui"]
    day = fr_date(contact.get(f"consent_{channel}_date"))
    if day:
        parts.append(f"depuis le {day}")
    source = clean(contact.get(f"consent_{channel}_source"))
    text = ", ".join(parts)
    return f"{text} ({source})" if source else text


def opposition_text(contact: Mapping) -> str:
    if not contact.get("opposition"):
        return "Non"
    day = fr_date(contact.get("opposition_date"))
    return f"Oui, depuis le {day} : ne pas prospecter" if day else "Oui : ne pas prospecter"


def loyalty_lines(loyalty: Mapping) -> list[tuple[str, str]]:
    if not loyalty or not loyalty.get("member"):
        return [("Programme", "Non adhérent")]
    rows = []
    if "points" in loyalty:
        rows.append(("Solde", _points(int(loyalty["points"]))))
        if loyalty.get("next_expiry") and loyalty.get("expiring_points"):
            rows.append(
                (
                    "Prochaine expiration",
                    f"{_points(int(loyalty['expiring_points']))} le {fr_date(loyalty['next_expiry'])}",
                )
            )
    card = loyalty.get("card")
    if card:
        rows.append(("Carte", f"n° {clean(card.get('number'))}, valable jusqu'au {fr_date(card.get('valid_until'))}"))
    return rows or [("Programme", "Adhérent, aucun point")]


# --- the document ---------------------------------------------------------------


class _ClientStart(Flowable):
    """Zero-size mark at the top of a client's first page: tells the
    document whose pages follow."""

    def __init__(self, code: str, name: str):
        super().__init__()
        self.code, self.name = code, name

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv._doctemplate.start_client(self.code, self.name)


class SheetDocument(BaseDocTemplate):
    """Pages of client sheets, each page belonging to one client."""

    def __init__(self, out, *, business: Mapping, today: dt.date):
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title="Fiches client",
            author=clean(business.get("name")),
            subject="Fiches client",
            creator="crmdesk",
            pageCompression=1,
            initialFontName=register_fonts().regular,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="sheet",
        )
        self.addPageTemplates([PageTemplate("sheet", [frame], onPageEnd=self._page_end)])
        self.fonts = register_fonts()
        self.printed = fr_date(today)
        self.client: tuple[str, str] = ("", "")
        self.client_pages: list[int] = []

    # -- page decorations ------------------------------------------------------------
    def start_client(self, code: str, name: str) -> None:
        self._finish_client()
        self.client = (code, name)

    def _page_end(self, canvas: Canvas, doc) -> None:
        self.client_pages.append(canvas.getPageNumber())
        code, name = self.client
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 7 * mm
        canvas.line(MARGIN_X, y + 3.5 * mm, PAGE_WIDTH - MARGIN_X, y + 3.5 * mm)
        canvas.setFont(self.fonts.regular, 7.5)
        who = ellipsize(f"Fiche client {code} · {name}", self.fonts.regular, 7.5, 95 * mm)
        canvas.drawString(MARGIN_X, y, who)
        canvas.drawCentredString(PAGE_WIDTH / 2 + 12 * mm, y, f"Imprimée le {self.printed} · document confidentiel")
        canvas.doForm(self._form_name(canvas.getPageNumber()))
        if len(self.client_pages) > 1:
            canvas.setFont(self.fonts.bold, 8)
            canvas.setFillColor(ACCENT)
            top = PAGE_HEIGHT - MARGIN_TOP + 5 * mm
            canvas.drawString(
                MARGIN_X, top, ellipsize(f"Fiche client {code} · {name} (suite)", self.fonts.bold, 8, CONTENT_WIDTH)
            )
        canvas.restoreState()

    @staticmethod
    def _form_name(page: int) -> str:
        return f"sheetpage{page}"

    def _finish_client(self) -> None:
        """Define the « Page i / n » footers of the pages of the client just finished."""
        canvas, pages = self.canv, self.client_pages
        for i, page in enumerate(pages, 1):
            canvas.beginForm(self._form_name(page))
            canvas.setFont(self.fonts.regular, 7.5)
            canvas.setFillColor(MUTED)
            text = f"Page {i} / {len(pages)}"
            if i < len(pages):
                text = f"Suite page suivante · {text}"
            canvas.drawRightString(PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 7 * mm, text)
            canvas.endForm()
        self.client_pages = []

    # -- streaming build ----------------------------------------------------------------
    def build_stories(self, stories: Iterable[list[Flowable]]) -> int:
        """Lay out one story after the other (as BaseDocTemplate.build does
        for one list), then return the page count."""
        self._startBuild()
        canvas = self.canv
        canvas._doctemplate = self
        try:
            for story in stories:
                flowables = list(story)
                while flowables:
                    self.clean_hanging()
                    self.handle_flowable(flowables)
        finally:
            del canvas._doctemplate
        self._doSave = 0
        self._endBuild()
        self._finish_client()
        canvas.save()
        return canvas.getPageNumber() - 1


# --- the story of one client -------------------------------------------------------


class SheetStyles:
    """The paragraph styles and table styles of the sheet, made once per batch."""

    def __init__(self):
        fonts = register_fonts()
        self.fonts = fonts
        self.charset = fonts.charset
        base = paragraph_styles()
        self.p = base
        self.title = ParagraphStyle(
            "sheet-title", parent=base["base"], fontName=fonts.bold, fontSize=17, leading=21, textColor=INK
        )
        self.subtitle = ParagraphStyle(
            "sheet-subtitle", parent=base["base"], fontSize=9.5, leading=12.5, textColor=MUTED, spaceAfter=2 * mm
        )
        self.section = ParagraphStyle(
            "sheet-section",
            parent=base["base"],
            fontName=fonts.bold,
            fontSize=10,
            leading=13,
            textColor=ACCENT,
            spaceBefore=3 * mm,
            spaceAfter=1.2 * mm,
        )
        self.label = ParagraphStyle("sheet-label", parent=base["base"], fontSize=8, leading=10.5, textColor=MUTED)
        self.value = ParagraphStyle("sheet-value", parent=base["base"], fontSize=9, leading=11.5)
        self.cell = ParagraphStyle("sheet-cell", parent=base["base"], fontSize=8.5, leading=10.5)
        self.cell_right = ParagraphStyle("sheet-cell-right", parent=self.cell, alignment=TA_RIGHT)
        self.head = ParagraphStyle("sheet-head", parent=self.cell, fontName=fonts.bold, textColor=MUTED)
        self.head_right = ParagraphStyle("sheet-head-right", parent=self.head, alignment=TA_RIGHT)
        self.stamp = ParagraphStyle(
            "sheet-stamp",
            parent=base["base"],
            fontName=fonts.bold,
            fontSize=15,
            leading=18,
            alignment=TA_RIGHT,
            textColor=ACCENT,
        )
        self.stamp_small = ParagraphStyle("sheet-stamp-small", parent=base["small"], alignment=TA_RIGHT)
        self.note = ParagraphStyle("sheet-note", parent=base["small"], spaceBefore=1 * mm)
        self.pairs = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
            ]
        )
        self.grid = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ]
        )
        self.columns = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 6 * mm),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        self.band = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                ("LINEBELOW", (0, 0), (-1, -1), 1, ACCENT),
            ]
        )

    def text(self, value: object, *, multiline: bool = False) -> str:
        """User text as Paragraph markup, printed literally."""
        return para(value, multiline=multiline, charset=self.charset)


class SheetStory:
    """Builds the flowables of one client's sheet."""

    def __init__(self, styles: SheetStyles, business: Mapping, today: dt.date):
        self.s = styles
        self.business = business
        self.today = today
        self.letterhead = letterhead_flowables(business, styles.p, compact=True)

    def flowables(self, sheet: Mapping) -> list[Flowable]:
        s = self.s
        contact = sheet.get("contact") or {}
        story: list[Flowable] = [_ClientStart(clean(sheet.get("code")), clean(sheet.get("name"))), self._band(sheet)]
        story.append(Paragraph(s.text(sheet.get("name")) or "(sans nom)", s.title))
        story.append(Paragraph(self._subtitle(sheet, contact), s.subtitle))
        left = [Paragraph("Coordonnées", s.section), self._pairs(self._contact_rows(contact), 30 * mm, 92 * mm)]
        right = [
            Paragraph("Statut et segmentation", s.section),
            self._pairs(self._segment_rows(sheet, contact), 30 * mm, 54 * mm),
            Paragraph("Fidélité", s.section),
            self._pairs([(a, s.text(b)) for a, b in loyalty_lines(sheet.get("loyalty") or {})], 30 * mm, 54 * mm),
            Paragraph("Consentements (RGPD)", s.section),
            self._pairs(self._consent_rows(contact), 30 * mm, 54 * mm),
        ]
        columns = Table([[left, right]], colWidths=(CONTENT_WIDTH - 84 * mm, 84 * mm), splitInRow=1)
        columns.setStyle(s.columns)
        story.append(columns)
        story += self._revenue(sheet)
        story += self._complaints(sheet)
        story += self._orders(sheet)
        return story

    # -- blocks ----------------------------------------------------------------------
    def _band(self, sheet: Mapping) -> Table:
        s = self.s
        stamp = [
            Paragraph("FICHE CLIENT", s.stamp),
            Paragraph(f"Code client\u00a0: <b>{s.text(sheet.get('code'))}</b>", s.stamp_small),
            Paragraph(f"Imprimée le {fr_date(self.today)}", s.stamp_small),
        ]
        band = Table(
            [[self.letterhead or [Spacer(1, 1)], stamp]], colWidths=(CONTENT_WIDTH - 60 * mm, 60 * mm), splitInRow=1
        )
        band.setStyle(s.band)
        return band

    def _subtitle(self, sheet: Mapping, contact: Mapping) -> str:
        s = self.s
        parts = [_label(STAGES, contact.get("stage")), _label(KINDS, contact.get("kind"))]
        if contact.get("is_host"):
            parts.append("Hôtesse")
        since = fr_date(contact.get("first_contact"))
        if since:
            parts.append(
                f"client depuis le {since}" if contact.get("stage") == "client" else f"premier contact le {since}"
            )
        tags = ", ".join(clean(t) for t in contact.get("tags") or () if clean(t))
        if tags:
            parts.append(tags)
        return " · ".join(s.text(p) for p in parts if p)

    def _pairs(self, rows: list[tuple[str, str]], label_width: float, value_width: float) -> Table:
        """Label / value rows; values are markup already (escaped user text)."""
        s = self.s
        data = [[Paragraph(label, s.label), Paragraph(value or "—", s.value)] for label, value in rows]
        table = Table(
            data or [[Paragraph("—", s.value), ""]], colWidths=(label_width, value_width), hAlign="LEFT", splitInRow=1
        )
        table.setStyle(s.pairs)
        return table

    def _contact_rows(self, c: Mapping) -> list[tuple[str, str]]:
        t = self.s.text
        rows = []
        person = " ".join(
            p for p in (clean(c.get("civility")), clean(c.get("last_name")), clean(c.get("first_name"))) if p
        )
        if c.get("kind") == "company" and person:
            rows.append(("Interlocuteur", t(person)))
        elif c.get("kind") != "company" and clean(c.get("civility")):
            rows.append(("Civilité", t(c.get("civility"))))
        employer = c.get("employer") or (c.get("company") if c.get("kind") != "company" else None)
        if employer:
            rows.append(("Entreprise", t(employer)))
        if c.get("job_title"):
            rows.append(("Fonction", t(c.get("job_title"))))
        address = "<br/>".join(t(line) for line in [*address_lines(c), city_line(c)] if line)
        country = clean(c.get("country"))
        if country and country.upper() not in ("FR", "FRANCE"):
            address += ("<br/>" if address else "") + t(country)
        rows.append(("Adresse", address))
        rows.append(("Téléphone", t(display_phone(c.get("phone")))))
        if c.get("phone2"):
            rows.append(("Autre téléphone", t(display_phone(c.get("phone2")))))
        rows.append(("Courriel", t(c.get("email"))))
        if c.get("birth_date"):
            rows.append(("Date de naissance", t(fr_date(c.get("birth_date")))))
        if c.get("siret"):
            rows.append(("SIRET", t(format_siret(c.get("siret")))))
        if c.get("preferred_channel"):
            rows.append(("Canal préféré", t(_label(CHANNELS, c.get("preferred_channel")))))
        if c.get("source"):
            rows.append(("Origine", t(_label(SOURCES, c.get("source")))))
        if c.get("rep_name"):
            rows.append((_label(REP_KINDS, c.get("rep_kind")) or "Commercial", t(c.get("rep_name"))))
        if c.get("last_contact"):
            rows.append(("Dernier contact", t(fr_date(c.get("last_contact")))))
        return rows

    def _segment_rows(self, sheet: Mapping, c: Mapping) -> list[tuple[str, str]]:
        t = self.s.text
        status = clean(sheet.get("status_label")) or "Non calculé"
        rows = [("Statut", f"<b>{t(status)}</b>")]
        code, segment = clean(c.get("rfm_code")), clean(sheet.get("segment_label"))
        if code or segment:
            rows.append(("RFM", f"<b>{t(code)}</b> · {t(segment)}" if code and segment else t(code or segment)))
        else:
            rows.append(("RFM", "Non calculé"))
        as_of = fr_date(sheet.get("figures_as_of") or c.get("figures_as_of"))
        if as_of:
            rows.append((_("Chiffres au"), t(as_of)))
        if c.get("last_order"):
            rows.append(("Dernière commande", t(fr_date(c.get("last_order")))))
        return rows

    def _consent_rows(self, c: Mapping) -> list[tuple[str, str]]:
        t = self.s.text
        return [
            ("Courriel", t(consent_text(c, "email"))),
            ("SMS", t(consent_text(c, "sms"))),
            ("Téléphone", t(consent_text(c, "phone"))),
            ("Opposition", t(opposition_text(c))),
        ]

    def _revenue(self, sheet: Mapping) -> list[Flowable]:
        s = self.s
        c = sheet.get("contact") or {}
        years = sheet.get("years") or {}
        year = int(sheet.get("year") or self.today.year)

        def basket(cents, count):
            return format_eur(round(cents / count)) if count else "—"

        last_cents, last_n = int(years.get("last_year_cents") or 0), int(years.get("last_year_orders") or 0)
        this_cents, this_n = int(years.get("this_year_cents") or 0), int(years.get("this_year_orders") or 0)
        twelve_cents, twelve_n = c.get("revenue_year_cents"), c.get("orders_year")
        twelve = [
            format_eur(twelve_cents) if twelve_cents is not None else "—",
            str(twelve_n) if twelve_n is not None else "—",
            basket(twelve_cents or 0, twelve_n or 0),
        ]
        head = ["", str(year - 1), f"{year} (au {fr_date(self.today)})", "12 derniers mois"]
        rows = [
            ["Chiffre d'affaires", format_eur(last_cents), format_eur(this_cents), twelve[0]],
            ["Commandes", str(last_n), str(this_n), twelve[1]],
            ["Panier moyen", basket(last_cents, last_n), basket(this_cents, this_n), twelve[2]],
        ]
        data = [[Paragraph(h, s.head_right if i else s.head) for i, h in enumerate(head)]]
        data += [[Paragraph(v, s.cell_right if i else s.cell) for i, v in enumerate(row)] for row in rows]
        table = Table(data, colWidths=(CONTENT_WIDTH - 3 * 42 * mm, 42 * mm, 42 * mm, 42 * mm), hAlign="LEFT")
        table.setStyle(s.grid)
        return [Paragraph("Chiffre d'affaires", s.section), table]

    def _orders(self, sheet: Mapping) -> list[Flowable]:
        s = self.s
        orders = sheet.get("orders") or []
        total = int(sheet.get("orders_total") or len(orders))
        title = Paragraph("Dernières commandes", s.section)
        if not orders:
            return [title, Paragraph("Aucune commande enregistrée.", s.value)]
        widths = (21 * mm, 25 * mm, 24 * mm, 14 * mm, None, 25 * mm)
        fixed = sum(w for w in widths if w)
        widths = tuple(w if w else CONTENT_WIDTH - fixed for w in widths)
        data = [
            [
                Paragraph(h, s.head_right if i in (3, 5) else s.head)
                for i, h in enumerate(("Date", "N°", "Canal", "Lignes", "Catégories", "Montant"))
            ]
        ]
        for order in orders:
            data.append(
                [
                    Paragraph(fr_date(order.get("date")), s.cell),
                    Paragraph(s.text(order.get("ref")) or "—", s.cell),
                    Paragraph(s.text(order.get("channel_label")), s.cell),
                    Paragraph(str(order.get("line_count") or "—"), s.cell_right),
                    Paragraph(s.text(order.get("categories")), s.cell),
                    Paragraph(format_eur(order.get("amount_cents")), s.cell_right),
                ]
            )
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(s.grid)
        story: list[Flowable] = [title, table]
        if total > len(orders):
            older = total - len(orders)
            plural = "s" if older > 1 else ""
            story.append(
                Paragraph(
                    f"{older} commande{plural} plus ancienne{plural} non listée{plural} ({total} au total).", s.note
                )
            )
        return story

    def _complaints(self, sheet: Mapping) -> list[Flowable]:
        s = self.s
        complaints = sheet.get("complaints") or []
        title = Paragraph("Réclamations en cours", s.section)
        if not complaints:
            return [title, Paragraph("Aucune réclamation en cours.", s.value)]
        data = [[Paragraph(h, s.head) for h in ("Réf.", "Reçue le", "Motif", "Objet", "Réponse due le")]]
        for complaint in complaints:
            due = fr_date(complaint.get("due_date")) or "—"
            if complaint.get("state") == "overdue":
                due = f'<font color="{ALERT_HEX}"><b>{due} · en retard</b></font>'
            data.append(
                [
                    Paragraph(s.text(complaint.get("ref")), s.cell),
                    Paragraph(fr_date(complaint.get("received_at")), s.cell),
                    Paragraph(s.text(complaint.get("kind_label")), s.cell),
                    Paragraph(s.text(complaint.get("subject")), s.cell),
                    Paragraph(due, s.cell),
                ]
            )
        widths = (26 * mm, 20 * mm, 32 * mm, None, 32 * mm)
        fixed = sum(w for w in widths if w)
        table = Table(
            data,
            colWidths=tuple(w if w else CONTENT_WIDTH - fixed for w in widths),
            repeatRows=1,
            hAlign="LEFT",
            splitInRow=1,
        )
        table.setStyle(s.grid)
        return [title, table]


def sheet_stories(sheets: Iterable[Mapping], *, business: Mapping, today: dt.date):
    """The flowables of each sheet, one list per client, a page break between."""
    story = SheetStory(SheetStyles(), business, today)
    for index, sheet in enumerate(sheets):
        flowables = story.flowables(sheet)
        yield [PageBreak(), *flowables] if index else flowables


def render_sheets(
    out, sheets: Iterable[Mapping], *, business: Mapping | None = None, today: dt.date | None = None
) -> int:
    """Write the sheets to `out` (a binary stream); returns the page count.
    Raises CrmError when there is no client to print."""
    business = business or {}
    today = today or dt.date.today()
    iterator = iter(sheets)
    first = next(iterator, None)
    if first is None:
        raise CrmError(N_("Aucun client à imprimer."))
    document = SheetDocument(out, business=business, today=today)
    return document.build_stories(sheet_stories(chain([first], iterator), business=business, today=today))
