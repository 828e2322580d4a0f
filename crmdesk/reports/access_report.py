"""The right of access (RGPD art. 15): everything the file holds about one
person, as a readable PDF and as JSON (docs/domain/08-personal-data.md and 10-prints.md).

    export_access(database, contact_id, folder)   # -> (json path, pdf path)

The PDF opens with the firm's letterhead and the date, then one section per
kind of data (identity and reach, consents, orders, exchanges, tasks,
complaints and their history, survey answers, loyalty, home parties, rights
requests, the history of changes and the old values kept by imports, and
any other record). Empty sections say « Aucune donnée ». Text from the file
is printed literally (reports/text.py), dates dd/mm/yyyy, amounts « 1 254,00 € ».
Both files are written through temporary files: they appear whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from crmdesk.domain.complaints import COMPENSATIONS, PHASES
from crmdesk.domain.complaints import KINDS as COMPLAINT_KINDS
from crmdesk.domain.money import format_eur
from crmdesk.domain.rfm import SEGMENTS as RFM_SEGMENTS
from crmdesk.domain.rights import KINDS as REQUEST_KINDS
from crmdesk.domain.segments import LABELS as STATUS_LABELS
from crmdesk.reports.fonts import register_fonts
from crmdesk.reports.letterhead import display_phone, letterhead_flowables
from crmdesk.reports.output import atomic_file
from crmdesk.reports.styles import ACCENT, MUTED, paragraph_styles
from crmdesk.reports.text import clean, fr_date, fr_long_date, fr_time, para
from crmdesk.store.database import Database
from crmdesk.store.gdpr import access_data
from crmdesk.store.settings import SettingsStore

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
SECTION_ROOM = 35 * mm  # less room than this left on the page: the section starts on the next one
RULE = colors.HexColor("#d0d7de")
NONE = "Aucune donnée"

# The contact's fields as the person reads them, in this order.
FIELDS = (
    ("code", "N° client"),
    ("kind", "Type"),
    ("stage", "Situation"),
    ("civility", "Civilité"),
    ("last_name", "Nom"),
    ("first_name", "Prénom"),
    ("company", "Société"),
    ("job_title", "Fonction"),
    ("siret", "SIRET"),
    ("email", "Courriel"),
    ("phone", "Téléphone"),
    ("phone2", "Autre téléphone"),
    ("address", "Adresse"),
    ("postal_code", "Code postal"),
    ("city", "Ville"),
    ("department", "Département"),
    ("region", "Région"),
    ("country", "Pays"),
    ("birth_date", "Date de naissance"),
    ("first_contact", "Premier contact"),
    ("source", "Origine"),
    ("is_host", "Hôtesse de réunions"),
    ("notes", "Notes"),
    ("interests", "Centres d'intérêt"),
    ("preferred_channel", "Canal préféré"),
    ("last_contact", "Dernier contact"),
    ("retention_end", "Données conservées jusqu'au"),
    ("status", "Statut"),
    ("revenue_year_cents", "Chiffre d'affaires (12 mois)"),
    ("orders_year", "Commandes (12 mois)"),
    ("last_order", "Dernière commande"),
    ("rfm_segment", "Segment RFM"),
    ("created_at", "Fiche créée le"),
    ("updated_at", "Fiche modifiée le"),
    ("deleted_at", "Mise à la corbeille le"),
)
_CODES = {
    "kind": {"person": "Particulier", "company": "Entreprise"},
    "stage": {"prospect": "Prospect", "client": "Client", "former": "Ancien client"},
    "source": {
        "web": "Site web",
        "social": "Réseau social",
        "fair": "Salon / événement",
        "phone": "Téléphone",
        "shop": "Boutique",
        "home_party": "Réunion à domicile",
        "referral": "Parrainage",
        "other": "Autre",
    },
    "preferred_channel": {
        "email": "Courriel",
        "sms": "SMS",
        "phone": "Téléphone",
        "mail": "Courrier",
        "visit": "Visite",
    },
    "status": dict(STATUS_LABELS),
    "rfm_segment": {code: segment.label for code, segment in RFM_SEGMENTS.items()},
}
_CHANNELS = {"email": "Courriel", "sms": "SMS", "phone": "Téléphone"}
_ORDER_CHANNELS = {
    "shop": "Boutique",
    "web": "Web",
    "phone": "Téléphone",
    "home_party": "Réunion",
    "fair": "Salon",
    "opening": "Reprise",
}
_ACTIONS = {
    "create": "création",
    "update": "modification",
    "tags": "étiquettes",
    "trash": "mise à la corbeille",
    "restore": "restauration",
    "merge": "fusion de doublons",
    "unmerge": "fusion annulée",
    "import": "import",
    "import_undo": "import annulé",
    "erase": "anonymisation",
    "remove": "suppression",
    "reinsert": "rétablissement",
    "not_duplicate": "pas un doublon",
}
_DATE_KEYS = re.compile(r"(^|_)(date|at|on|until|from|contact|order|as_of)$")
_PHONES = ("phone", "phone2")
_EVENT_ACTIONS = {
    "received": "reçue",
    "acknowledged": "accusé de réception",
    "qualified": "enregistrée",
    "handled": "traitée",
    "closed": "clôturée",
    "followed_up": "suivie",
    "analysed": "analysée",
    "attachment": "pièce jointe",
    "correction": "correction",
}
_DETAIL_LABELS = {
    "channel": "canal",
    "due_date": "échéance",
    "answer": "réponse",
    "compensation_kind": "compensation",
    "cost_cents": "coût",
    "resatisfied": "client satisfait",
    "original_name": "fichier",
    "handling": "traitement",
    "root_cause": "cause",
    "preventive_action": "action préventive",
    "owner": "responsable",
    "kind": "type",
    "priority": "priorité",
    "justified": "justifiée",
}
_LEDGER_REASONS = {"order": "commande", "expired": "points expirés", "reward": "récompense", "referral": "parrainage"}
_FIELD_LABELS = {
    **dict(FIELDS),
    "tags": "Étiquettes",
    "opposition": "Opposition",
    "opposition_date": "Opposition le",
    "company_id": "Société",
    "referred_by": "Parrain",
    "rep_id": "Commercial",
    **{
        f"consent_{c}{suffix}": f"Consentement {label.lower()}{text}"
        for c, label in _CHANNELS.items()
        for suffix, text in (("", ""), ("_date", " (date)"), ("_source", " (source)"))
    },
}


def file_names(code: str) -> tuple[str, str]:
    """« donnees-BA0042.json », « donnees-BA0042.pdf » (the code made safe for a file name)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", code).strip("_") or "client"
    return f"donnees-{safe}.json", f"donnees-{safe}.pdf"


def export_access(
    database: Database, contact_id: int, folder: Path | str, today: dt.date | None = None
) -> tuple[Path, Path]:
    """Write the JSON and the PDF of one contact's data into `folder`."""
    data = access_data(database, contact_id)
    business = SettingsStore(database).business()
    folder = Path(folder)
    json_name, pdf_name = file_names(data["contact"]["code"])
    # both files or neither: the JSON is put in place only once the PDF is
    with atomic_file(folder / json_name) as stream:
        stream.write(json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8"))
        with atomic_file(folder / pdf_name) as pdf:
            render_access_report(pdf, data, business=business, today=today or dt.date.today())
    return folder / json_name, folder / pdf_name


# -- the PDF -------------------------------------------------------------------------------------
def _value(key: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or key == "is_host":
        return "Oui" if value else "Non"
    if key.endswith("_cents"):
        return format_eur(int(value))
    if key in _PHONES:
        return display_phone(value)
    if key == "compensation_kind":
        return COMPENSATIONS.get(str(value), clean(value))
    if key in _CODES:
        return _CODES[key].get(str(value), clean(value))
    if isinstance(value, str) and _DATE_KEYS.search(key):
        time = fr_time(value)
        return f"{fr_date(value)} {time}".strip()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return clean(value, multiline=True)


class _Builder:
    def __init__(self, charset: frozenset[int]):
        self.charset = charset
        base = paragraph_styles()
        fonts = register_fonts()
        self.styles = base
        self.title = ParagraphStyle(
            "title",
            parent=base["base"],
            fontName=fonts.bold,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceBefore=4 * mm,
            spaceAfter=2 * mm,
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=base["base"],
            fontName=fonts.bold,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=5 * mm,
            spaceAfter=1.5 * mm,
        )
        self.cell = ParagraphStyle("cell", parent=base["base"], fontSize=8.5, leading=10.5)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=fonts.bold, textColor=MUTED)
        self.story: list = []

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of our own text with user text already escaped (para)."""
        return Paragraph(text, style or self.styles["body"])

    def user(self, value, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(para(value, multiline=True, charset=self.charset), style or self.cell)

    def section(self, title: str, flowables: list) -> None:
        heading = self.p(para(title), self.heading)
        if not flowables:
            flowables = [self.p(NONE, self.styles["small"])]
        # a heading never ends a page, but a long table starts under it (KeepTogether
        # with a table longer than the room left would push the whole table to the next page)
        self.story.append(CondPageBreak(SECTION_ROOM))
        self.story.append(heading)
        self.story.extend(flowables)

    def pairs(self, rows: Iterable[tuple[str, str]]) -> list:
        data = [[self.user(label, self.head), self.user(value)] for label, value in rows if value != ""]
        if not data:
            return []
        # splitInRow: a value longer than a page (a 5,000-character note) goes on over the next page
        table = Table(data, colWidths=(52 * mm, WIDTH - 52 * mm), hAlign="LEFT", splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return [table]

    def grid(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> list:
        if not rows:
            return []
        total = sum(widths)
        data = [[self.user(h, self.head) for h in headers]] + [[self.user(v) for v in row] for row in rows]
        table = Table(data, colWidths=[WIDTH * w / total for w in widths], repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return [table]


def _consent(contact: Mapping, channel: str) -> str:
    if not contact.get(f"consent_{channel}"):
        return "Non"
    parts = ["Oui"]
    if contact.get(f"consent_{channel}_date"):
        parts.append(f"depuis le {fr_date(contact[f'consent_{channel}_date'])}")
    text = ", ".join(parts)
    source = clean(contact.get(f"consent_{channel}_source"))
    return f"{text} (source : {source})" if source else text


def _changes(changes) -> str:
    if not isinstance(changes, dict):
        return _value("", changes)
    lines = []
    for name, pair in changes.items():
        if isinstance(pair, list) and len(pair) == 2:
            old, new = (_value(name, v) or "—" for v in pair)
            lines.append(f"{_FIELD_LABELS.get(name, name)} : {old} → {new}")
        else:
            lines.append(f"{_FIELD_LABELS.get(name, name)} : {_value(name, pair)}")
    return "\n".join(lines)


def _details(details) -> str:
    if not isinstance(details, dict):
        return _value("", details)
    return "\n".join(f"{_DETAIL_LABELS.get(k, k)} : {_value(k, v)}" for k, v in details.items() if k != "stored_name")


def _story(data: Mapping, business: Mapping, today: dt.date, b: _Builder) -> list:
    contact = data["contact"]
    styles = b.styles
    b.story += letterhead_flowables(business, styles)
    b.story.append(b.p(f"Le {fr_long_date(today)}", styles["place_date"]))
    b.story.append(b.p("Vos données personnelles", b.title))
    firm = para(business.get("name") or "notre entreprise", charset=b.charset)
    b.story.append(
        b.p(
            f"Voici l'ensemble des données que {firm} conserve à votre sujet dans son fichier clients, "
            "en réponse à votre demande d'accès (article 15 du Règlement général sur la protection des données). "
            "Vous pouvez en demander la rectification ou l'effacement, et vous opposer à tout moment à la "
            "prospection ; nous vous répondrons dans un délai d'un mois."
        )
    )

    b.section(
        "Identité et coordonnées",
        b.pairs(
            [(label, _value(key, contact.get(key))) for key, label in FIELDS]
            + [
                ("Commercial / ambassadrice", _value("", data.get("rep"))),
                ("Société", f"{data['company']['code']} {data['company']['name']}" if data.get("company") else ""),
                ("Parrainé(e) par", data["referred_by"]["name"] if data.get("referred_by") else ""),
                ("Étiquettes", ", ".join(data.get("tags") or [])),
            ]
        ),
    )
    b.section(
        "Consentements et opposition",
        b.pairs(
            [(f"Prospection par {_CHANNELS[c].lower()}", _consent(contact, c)) for c in _CHANNELS]
            + [
                (
                    "Opposition à la prospection",
                    "Oui"
                    + (f", depuis le {fr_date(contact['opposition_date'])}" if contact.get("opposition_date") else "")
                    if contact.get("opposition")
                    else "Non",
                ),
                ("Liste d'opposition", "Oui" if data.get("on_suppression_list") else "Non"),
            ]
        ),
    )
    if data.get("members"):
        b.section(
            "Personnes de la société",
            b.grid(
                ["N°", "Nom", "Prénom", "Fonction"],
                [
                    [m["code"], _value("", m["last_name"]), _value("", m["first_name"]), _value("", m["job_title"])]
                    for m in data["members"]
                ],
                [1, 2, 2, 2],
            ),
        )
    orders = data.get("orders") or []
    total = sum(int(o["amount_cents"]) for o in orders)
    b.section(
        f"Commandes ({len(orders)}, {format_eur(total)})" if orders else "Commandes",
        b.grid(
            ["Date", "Référence", "Montant", "Canal", "Articles", "Notes"],
            [
                [
                    fr_date(o["date"]),
                    _value("", o["ref"]),
                    format_eur(o["amount_cents"]),
                    _ORDER_CHANNELS.get(o["channel"], clean(o["channel"])),
                    "\n".join(
                        f"{_value('', line['label'] or line['product'])} × {line['quantity']:g}" for line in o["lines"]
                    ),
                    _value("", o["notes"]),
                ]
                for o in orders
            ],
            [2.4, 2.8, 2.4, 2.4, 6.4, 2.6],
        ),
    )
    b.section(
        "Échanges",
        b.grid(
            ["Date", "Canal", "Sens", "Objet", "Notes"],
            [
                [
                    _value("at", i["at"]),
                    _value("preferred_channel", i["channel"]),
                    "reçu" if i["direction"] == "in" else "émis",
                    _value("", i["subject"]),
                    _value("", i["notes"]),
                ]
                for i in data.get("interactions") or []
            ],
            [3.6, 2, 1.4, 4, 6],
        ),
    )
    b.section(
        "Tâches et rappels",
        b.grid(
            ["Échéance", "Tâche", "Faite le", "Notes"],
            [
                [
                    _value("due_at", t["due_at"]),
                    _value("", t["title"]),
                    _value("done_at", t["done_at"]),
                    _value("", t["notes"]),
                ]
                for t in data.get("tasks") or []
            ],
            [3.2, 5, 3.2, 5],
        ),
    )
    complaint_flowables = []
    for c in data.get("complaints") or []:
        complaint_flowables += b.pairs(
            [
                ("Réclamation", f"{c['ref']} reçue le {_value('at', c['received_at'])}"),
                ("Type", COMPLAINT_KINDS.get(c["kind"], clean(c["kind"]))),
                ("Objet", _value("", c["subject"])),
                ("Description", _value("", c["description"])),
                ("Étape", PHASES.get(c["phase"], clean(c["phase"]))),
                ("Compensation", COMPENSATIONS.get(c.get("compensation_kind") or "", "")),
                ("Clôturée le", _value("at", c["closed_at"])),
            ]
        )
        complaint_flowables += b.grid(
            ["Date", "Étape", "Action", "Détails"],
            [
                [
                    _value("at", e["at"]),
                    PHASES.get(e["phase"], clean(e["phase"])),
                    _EVENT_ACTIONS.get(e["action"], clean(e["action"])),
                    _details(e["details"]),
                ]
                for e in c["events"]
            ],
            [3.4, 2.4, 2.8, 8],
        )
        complaint_flowables.append(Spacer(1, 3 * mm))
    b.section("Réclamations", complaint_flowables)
    b.section(
        "Pièces jointes",
        b.grid(
            ["Ajoutée le", "Nom du fichier"],
            [[_value("at", a["added_at"]), _value("", a["original_name"])] for a in data.get("attachments") or []],
            [1.3, 4],
        ),
    )
    b.section(
        "Réponses aux enquêtes de satisfaction",
        b.grid(
            ["Date", "Indicateur", "Note", "Commentaire"],
            [
                [fr_date(s["date"]), s["indicator"].upper(), str(s["score"]), _value("", s["comment"])]
                for s in data.get("survey_answers") or []
            ],
            [2.6, 2, 1.2, 8],
        ),
    )
    loyalty = data.get("loyalty") or {}
    card = loyalty.get("card")
    b.section(
        "Fidélité",
        (
            b.pairs(
                [
                    ("Carte", _value("", card["number"])),
                    ("Valable", f"du {fr_date(card['valid_from'])} au {fr_date(card['valid_until'])}"),
                ]
            )
            if card
            else []
        )
        + b.grid(
            ["Date", "Points", "Motif", "Expire le"],
            [
                [
                    fr_date(e["at"]),
                    str(e["points"]),
                    _LEDGER_REASONS.get(e["reason"], clean(e["reason"])),
                    fr_date(e["expires_on"]),
                ]
                for e in loyalty.get("ledger") or []
            ],
            [2.6, 1.5, 4, 2.6],
        ),
    )
    b.section(
        "Réunions à domicile",
        b.grid(
            ["Date", "Rôle", "Notes"],
            [[fr_date(p["date"]), "hôtesse", _value("", p["notes"])] for p in data.get("parties_hosted") or []]
            + [[fr_date(p["date"]), "invitée", ""] for p in data.get("parties_attended") or []],
            [2.6, 2, 8],
        ),
    )
    b.section(
        "Vos demandes (droits RGPD)",
        b.grid(
            ["Reçue le", "Demande", "Réponse due le", "Répondue le", "Notes"],
            [
                [
                    fr_date(r["received_on"]),
                    REQUEST_KINDS.get(r["kind"], clean(r["kind"])),
                    fr_date(r["due_on"]),
                    fr_date(r["answered_on"]),
                    _value("", r["notes"]),
                ]
                for r in data.get("rights_requests") or []
            ],
            [2.6, 2.4, 2.6, 2.6, 5],
        ),
    )
    b.section(
        "Historique des modifications de votre fiche",
        b.grid(
            ["Date", "Par", "Action", "Changements"],
            [
                [
                    _value("at", h["at"]),
                    _value("", h["author"]),
                    _ACTIONS.get(h["action"], clean(h["action"])),
                    _changes(h["changes"]),
                ]
                for h in data.get("history") or []
            ],
            [3.4, 1.8, 2.6, 9],
        ),
    )
    b.section(
        "Anciennes valeurs conservées par les imports",
        b.grid(
            ["Import n°", "Champ", "Avant", "Après"],
            [
                [
                    str(i["batch_id"]),
                    _FIELD_LABELS.get(i["field"], clean(i["field"])),
                    _value("", i["old_value"]),
                    _value("", i["new_value"]),
                ]
                for i in data.get("import_old_values") or []
            ],
            [1.5, 2.5, 5, 5],
        ),
    )
    for name, rows in (data.get("other") or {}).items():
        b.section(
            f"Autres données ({name})",
            b.grid(list(rows[0]), [[_value(k, v) for k, v in r.items()] for r in rows], [1] * len(rows[0])),
        )
    b.story.append(Spacer(1, 4 * mm))
    b.story.append(b.p("Ce document est confidentiel : il contient des données personnelles.", styles["small"]))
    return b.story


def render_access_report(out: BinaryIO | Path | str, data: Mapping, *, business: Mapping, today: dt.date) -> int:
    """Write the PDF; returns its page count."""
    fonts = register_fonts()
    contact = data["contact"]
    code = clean(contact.get("code"))
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"Données personnelles — {code}",
        author=clean(business.get("name")),
        subject="Droit d'accès (RGPD)",
        creator="crmdesk",
        initialFontName=fonts.regular,
    )
    printed = fr_date(today)

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, f"Données personnelles · client {code} · éditées le {printed}")
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 2 * mm, f"Page {document.page}")
        canvas.restoreState()

    doc.build(_story(data, business, today, _Builder(fonts.charset)), onFirstPage=footer, onLaterPages=footer)
    return doc.page
