"""Letter and e-mail templates with merge fields (docs/domain/13-writing-to-clients.md).

One syntax: a merge field is its French name in braces, ``{prenom}``,
``{adresse}``, ``{points_a_expirer}`` (the names of FIELDS; the name may be
typed with capitals, accents or spaces: ``{Prénom}`` is ``{prenom}``). A
name that is not one of FIELDS is a column of the recipient's row in the
selection (a column of a mailing list file, ``{produit}`` and ``{lot}`` of a
product recall…). ``{{`` and ``}}`` write a brace. A brace left open is an
error (`TemplateError`, said in French where it is).

A template's body is a list of paragraphs of styled text (bold, italic, line
breaks), kept in a small markup — ``<p>``, ``<b>``, ``<i>``, ``<br/>``, the
entities ``&amp; &lt; &gt;`` — that `parse_body` reads and `body_markup`
writes; a body without tags is plain text (a blank line between
paragraphs). The letterhead, the address and the date are not in it: the
letter adds them.

Rendering never reads a value as markup nor as a field: a client called
« {nom} & <b>Fils</b> » prints exactly that, in a letter (ReportLab markup
escaped by crmdesk.reports.letters), in HTML (`Rendered.html`) and in text.
A field empty for a recipient, or missing from its row, is left empty — never
printed as ``{adresse}`` — and named in `Rendered.missing`; a preview shows it
(`Rendered.html(missing=…)`), a batch counts it (`MissingReport`).

    compiled = compile_template(subject, body)            # TemplateError on a syntax error
    rendered = render(compiled, recipient_fields(contact, …) | extra_columns)
    rendered.subject, rendered.text(), rendered.html(), rendered.missing

The same `Rendered` makes a letter (crmdesk.reports.letters), an e-mail's
HTML and text parts, a preview.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from html import escape as html_escape
from html.parser import HTMLParser

from crmdesk.domain.errors import CrmError
from crmdesk.domain.periods import MONTHS
from crmdesk.domain.postal import postal_address
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _, ngettext

KINDS = {"letter": N_("Lettre"), "email": N_("E-mail")}
NAME_MAX = 120
SUBJECT_MAX = 200
BODY_MAX = 100_000

# The merge fields, in the order the editor lists them: name -> (label, what a
# summary says of recipients without it). Labels are French (N_), shown with _.
FIELDS: dict[str, tuple[str, str]] = {
    "formule_appel": (N_("Formule d'appel (Madame, Monsieur)"), N_("sans civilité")),
    "civilite": (N_("Civilité"), N_("sans civilité")),
    "prenom": (N_("Prénom"), N_("sans prénom")),
    "nom": (N_("Nom"), N_("sans nom")),
    "nom_complet": (N_("Civilité, prénom et nom"), N_("sans nom")),
    "societe": (N_("Société"), N_("sans société")),
    "adresse": (N_("Bloc adresse (NF Z10-011)"), N_("sans adresse postale")),
    "code_client": (N_("N° client"), N_("sans N° client")),
    "statut": (N_("Statut"), N_("sans statut")),
    "segment_rfm": (N_("Segment RFM"), N_("sans segment RFM")),
    "points_fidelite": (N_("Solde de points de fidélité"), N_("sans points de fidélité")),
    "points_a_expirer": (N_("Points de la prochaine expiration"), N_("sans points à expirer")),
    "date_expiration_points": (N_("Date de la prochaine expiration des points"), N_("sans points à expirer")),
    "derniere_commande_date": (N_("Date de la dernière commande"), N_("sans commande")),
    "derniere_commande_montant": (N_("Montant de la dernière commande"), N_("sans commande")),
    "commercial": (N_("Commercial"), N_("sans commercial")),
    "date_du_jour": (N_("Date du jour"), N_("sans date")),
    "expediteur": (N_("Nom de l'entreprise (expéditeur)"), N_("sans nom d'entreprise")),
}
# Columns of a client's own row, for a selection made in the client table.
ROW_FIELDS: dict[str, str] = {
    "ville": N_("Ville"),
    "code_postal": N_("Code postal"),
    "email": N_("E-mail"),
    "telephone": N_("Téléphone"),
}

_SALUTATIONS = {
    "mme": "Madame",
    "madame": "Madame",
    "mlle": "Madame",
    "mademoiselle": "Madame",
    "m.": "Monsieur",
    "m": "Monsieur",
    "monsieur": "Monsieur",
    "mr": "Monsieur",
    "mr.": "Monsieur",
}
_TOKENS = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME_JUNK = re.compile(r"[^a-z0-9]+")


class TemplateError(CrmError):
    """The template cannot be read: a brace left open, an empty field name…"""


def field_key(text: str) -> str:
    """« Prénom » -> « prenom », « Date d'achat » -> « date_d_achat »."""
    return _NAME_JUNK.sub("_", fold(text)).strip("_")


def field_label(name: str) -> str:
    """The field's label in the interface language (a column name as it is)."""
    if name in FIELDS:
        return _(FIELDS[name][0])
    if name in ROW_FIELDS:
        return _(ROW_FIELDS[name])
    return name


def missing_phrase(name: str) -> str:
    """What a count of recipients without the field reads: « sans adresse postale »."""
    if name in FIELDS:
        return _(FIELDS[name][1])
    return _("sans « {name} »", name=field_label(name))


# -- the body: paragraphs of styled spans --------------------------------------------------------
@dataclass(frozen=True)
class Span:
    """A piece of a paragraph: literal text, or a merge field (`field` set;
    once rendered, `text` holds its value, "" when empty)."""

    text: str
    bold: bool = False
    italic: bool = False
    field: str | None = None


Paragraph = tuple[Span, ...]


class _Reader(HTMLParser):
    """The small markup: <p>, <b>/<strong>, <i>/<em>, <br>; any other tag is
    ignored (its text kept), so a body pasted from elsewhere still reads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[Span]] = []
        self.current: list[Span] | None = None
        self.bold = self.italic = 0
        self.tagged = False

    def _paragraph(self) -> list[Span]:
        if self.current is None:
            self.current = []
            self.paragraphs.append(self.current)
        return self.current

    def handle_starttag(self, tag, attrs):
        self.tagged = True
        if tag == "p":
            self.current = None
            self._paragraph()
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "br":
            self._paragraph().append(Span("\n", self.bold > 0, self.italic > 0))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "p"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self.tagged = True
        if tag == "p":
            self.current = None
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", data)
        if not text.strip() and self.current is None:
            return  # spaces between paragraphs
        self._paragraph().append(Span(text, self.bold > 0, self.italic > 0))


def parse_body(body: str) -> list[Paragraph]:
    """The paragraphs of a body (markup or plain text), spans merged and trimmed."""
    body = body or ""
    if "<" not in body:
        blocks = re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n").replace("\r", "\n"))
        return [p for p in (_tidy([Span(line) for line in _lines(block)]) for block in blocks) if p]
    reader = _Reader()
    reader.feed(body)
    reader.close()
    return [p for p in (_tidy(spans) for spans in reader.paragraphs) if p]


def _lines(block: str) -> list[str]:
    parts = [" ".join(line.split()) for line in block.strip().split("\n")]
    out: list[str] = []
    for index, line in enumerate(parts):
        if index:
            out.append("\n")
        out.append(line)
    return out


def _tidy(spans: Iterable[Span]) -> Paragraph:
    """Neighbours of the same style joined, spaces at the ends and around line breaks trimmed."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if (
            merged
            and merged[-1].field is None
            and span.field is None
            and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic)
        ):
            merged[-1] = replace(merged[-1], text=merged[-1].text + span.text)
        else:
            merged.append(span)
    text = "".join(s.text for s in merged)
    if not text.strip():
        return ()
    out: list[Span] = []
    for index, span in enumerate(merged):
        value = span.text
        if span.field is None:
            value = re.sub(r" *\n *", "\n", value)
            if index == 0:
                value = value.lstrip(" ")
            if index == len(merged) - 1:
                value = value.rstrip(" ")
        if value:
            out.append(replace(span, text=value))
    return tuple(out)


def body_markup(paragraphs: Iterable[Paragraph]) -> str:
    """The markup of `paragraphs` as typed (what `parse_body` reads back the
    same): the braces of the text are the template's own, written as they are."""
    out = []
    for paragraph in paragraphs:
        parts = []
        for span in paragraph:
            text = "<br/>".join(html_escape(line, quote=False) for line in span.text.split("\n"))
            if span.field is not None:
                text = "{" + span.field + "}"
            if span.italic:
                text = f"<i>{text}</i>"
            if span.bold:
                text = f"<b>{text}</b>"
            parts.append(text)
        out.append("<p>" + "".join(parts) + "</p>")
    return "".join(out)


# -- compiling: literal text and fields ----------------------------------------------------------
@dataclass(frozen=True)
class Compiled:
    subject: Paragraph
    paragraphs: tuple[Paragraph, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields used, each once, in order."""
        seen: dict[str, None] = {}
        for paragraph in (self.subject, *self.paragraphs):
            for span in paragraph:
                if span.field is not None:
                    seen.setdefault(span.field)
        return tuple(seen)

    @property
    def columns(self) -> tuple[str, ...]:
        """The fields that are not in FIELDS: columns expected in the selection's rows."""
        return tuple(f for f in self.fields if f not in FIELDS and f not in ROW_FIELDS)


def _split(span: Span, where: str) -> list[Span]:
    out: list[Span] = []
    last = 0
    text = span.text
    for match in _TOKENS.finditer(text):
        if match.start() > last:
            out.append(replace(span, text=text[last : match.start()]))
        token = match.group(0)
        if token in ("{{", "}}"):
            out.append(replace(span, text=token[0]))
        elif match.group(1) is None:
            raise TemplateError(
                N_("{where} : accolade « {brace} » seule (un champ s'écrit {{nom}}, une accolade {{{{ ou }}}})"),
                where=where,
                brace=token,
            )
        else:
            name = field_key(match.group(1))
            if not name:
                raise TemplateError(N_("{where} : champ sans nom « {text} »"), where=where, text=token)
            out.append(Span("{" + name + "}", span.bold, span.italic, name))
        last = match.end()
    if last < len(text):
        out.append(replace(span, text=text[last:]))
    return out


def compile_template(subject: str, body: str | Iterable[Paragraph]) -> Compiled:
    """The template with its fields found; TemplateError when it cannot be read."""
    if len(subject or "") > SUBJECT_MAX:
        raise TemplateError(N_("objet trop long : {count} caractères au plus"), count=SUBJECT_MAX)
    if isinstance(body, str):
        if len(body) > BODY_MAX:
            raise TemplateError(N_("texte trop long : {count} caractères au plus"), count=BODY_MAX)
        body = parse_body(body)
    where_subject = _("objet")
    subject_spans = tuple(s for s in _split(Span(" ".join((subject or "").split())), where_subject))
    paragraphs = []
    for number, paragraph in enumerate(body, start=1):
        where = _("paragraphe {number}", number=number)
        spans: list[Span] = []
        for span in paragraph:
            spans.extend([span] if span.field is not None else _split(span, where))
        paragraphs.append(tuple(spans))
    return Compiled(subject_spans, tuple(paragraphs))


# -- rendering ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rendered:
    """A template filled for one recipient."""

    subject: str
    paragraphs: tuple[Paragraph, ...]
    missing: tuple[str, ...] = ()

    def text(self) -> str:
        """Plain text: a blank line between paragraphs."""
        return "\n\n".join("".join(span.text for span in paragraph) for paragraph in self.paragraphs)

    def html(self, *, missing: Callable[[str], str] | None = None) -> str:
        """HTML paragraphs, every value escaped; `missing(field)` gives the
        HTML shown in place of an empty field (a preview), nothing by default."""
        out = []
        for paragraph in self.paragraphs:
            parts = []
            for span in paragraph:
                if span.field is not None and not span.text:
                    text = missing(span.field) if missing is not None else ""
                else:
                    text = "<br>".join(html_escape(line) for line in span.text.split("\n"))
                if text and span.italic:
                    text = f"<i>{text}</i>"
                if text and span.bold:
                    text = f"<b>{text}</b>"
                parts.append(text)
            out.append("<p>" + "".join(parts) + "</p>")
        return "\n".join(out)


def render(compiled: Compiled, values: Mapping[str, object]) -> Rendered:
    """Fill the fields with `values` (field name -> text); a field with no
    value, or an empty one, stays empty and is named in `missing`."""
    missing: dict[str, None] = {}

    def value(name: str) -> str:
        raw = values.get(name)
        text = "" if raw is None else str(raw).strip()
        if not text:
            missing.setdefault(name)
        return text

    subject = "".join(value(s.field) if s.field is not None else s.text for s in compiled.subject)
    subject = " ".join(subject.split())
    paragraphs = tuple(
        tuple(replace(s, text=value(s.field)) if s.field is not None else s for s in paragraph)
        for paragraph in compiled.paragraphs
    )
    return Rendered(subject, paragraphs, tuple(missing))


# -- the values of one recipient -------------------------------------------------------------------
def long_date(day: dt.date | str | None) -> str:
    """« 23 novembre 2026 », « 1er mai 2026 » (French: a letter of a French business)."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day[:10])
        except ValueError:
            return day
    if day is None:
        return ""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def salutation(civility: str | None) -> str:
    """« Madame », « Monsieur », or « Madame, Monsieur » when the civility is not known."""
    return _SALUTATIONS.get((civility or "").strip().casefold(), "Madame, Monsieur")


def _points(n: int | None) -> str:
    return "" if n is None else f"{n:,}".replace(",", "\u202f")


@dataclass(frozen=True)
class Facts:
    """What the store reads for a recipient besides its contact row (None: none)."""

    status_label: str = ""
    segment_label: str = ""
    rep_name: str = ""
    points: int | None = None
    expiring_points: int | None = None
    next_expiry: dt.date | None = None
    last_order_date: str | None = None
    last_order_cents: int | None = None


def recipient_fields(contact: Mapping, facts: Facts, *, business: Mapping, today: dt.date) -> dict[str, str]:
    """Every field of FIELDS and ROW_FIELDS for a contact, as a letter prints it (French)."""
    from crmdesk.domain.contact import format_phone
    from crmdesk.domain.money import format_eur

    def text(key: str) -> str:
        return " ".join(str(contact.get(key) or "").split())

    address = postal_address(contact)
    expiring = facts.expiring_points if facts.next_expiry is not None else None
    return {
        "formule_appel": salutation(contact.get("civility")),
        "civilite": text("civility"),
        "prenom": text("first_name"),
        "nom": text("last_name"),
        "nom_complet": " ".join(p for p in (text("civility"), text("first_name"), text("last_name")) if p),
        "societe": text("company"),
        "adresse": address.text() if address.complete else "",
        "code_client": text("code"),
        "statut": facts.status_label,
        "segment_rfm": facts.segment_label,
        "points_fidelite": _points(facts.points) if facts.points else "",
        "points_a_expirer": _points(expiring) if expiring else "",
        "date_expiration_points": long_date(facts.next_expiry) if expiring else "",
        "derniere_commande_date": long_date(facts.last_order_date),
        "derniere_commande_montant": format_eur(facts.last_order_cents) if facts.last_order_cents is not None else "",
        "commercial": facts.rep_name or "",
        "date_du_jour": long_date(today),
        "expediteur": " ".join(str(business.get("name") or "").split()),
        "ville": text("city"),
        "code_postal": text("postal_code"),
        "email": text("email"),
        "telephone": format_phone(contact.get("phone")) if contact.get("phone") else "",
    }


def row_columns(row: Mapping[str, object]) -> dict[str, str]:
    """A row of the selection (a mailing list file, a recall line) as fields:
    each column under its `field_key` (« Date d'achat » -> date_d_achat)."""
    out: dict[str, str] = {}
    for name, value in row.items():
        key = field_key(str(name))
        if key and key not in out:
            out[key] = "" if value is None else str(value)
    return out


# -- what a batch reports --------------------------------------------------------------------------
@dataclass
class MissingReport:
    """How many recipients lack each field used (« 12 destinataires sans adresse postale »)."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, rendered: Rendered) -> None:
        # Two fields may read the same (« sans commande »): a recipient counts once per phrase.
        for phrase in dict.fromkeys(missing_phrase(name) for name in rendered.missing):
            self.counts[phrase] = self.counts.get(phrase, 0) + 1

    def lines(self) -> list[str]:
        return [
            ngettext(
                "{number} destinataire {what}", "{number} destinataires {what}", count, number=_number(count), what=what
            )
            for what, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        ]


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")
