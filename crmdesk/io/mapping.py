"""Which column of the file goes to which field: suggestions and saved mappings.

Each import kind has a `FieldSet`: the fields it fills, their French labels,
the header names it knows for them (canonical names, French and English
synonyms, compared without case, accents or punctuation: « Code postal » =
« CODE_POSTAL » = « code-postal »), the fields it cannot do without.

`suggest_mapping(kind, headers)` gives a `Mapping`: for each header cell, a
field or None, with a confidence and how it was found —

  1.0   the field's own name (« postal_code »)
  0.95  a known synonym (« Code postal », « CP », « zip », « Nom Client »)
  0.85  a synonym once the filler words are left out (« Ville du client »)
  0.7   one meaningful word is a synonym (« Téléphone fixe », « Nom de la société »)
  0.6–0.75  a near spelling (« Adress », « Prenon »: rapidfuzz, 80 % or more)
  0     nothing: the column is ignored (a warning says so).

Two columns suggesting the same field: the more confident one keeps it, the
other is ignored with a warning — unless both are sure (0.95 or more): then
the file is ambiguous and refused (« les colonnes « nom » et « last_name »
désignent toutes deux… »), as two columns mapped to one field always are.
The kinds whose files have a fixed layout (web, social) only take sure
matches and refuse an unknown column.

A `Mapping` is saved as JSON for editing and given back with
`crmdesk import … --mapping FICHIER.json`:

    {"format": "crmdesk-correspondance", "version": 1, "kind": "clients",
     "columns": {"N° client": "code", "Hôte": "is_host", "Remarque": null}}

(a null field ignores the column). `Mapping.resolve(header)` applies it to a
file's header once, before any row is read: [(column index, field)], the
labels as written (for the messages), the warnings; the importers then read
each row through that list (no per-row look-up).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from crmdesk.domain.errors import CrmError
from crmdesk.i18n import N_, _, ngettext
from crmdesk.io.csvfile import grouped, header_key
from crmdesk.store.files import read_regular

FORMAT = "crmdesk-correspondance"
VERSION = 1
SURE = 0.95
MIN_CONFIDENCE = 0.6
_FUZZY_CUTOFF = 80
_MAX_JSON_BYTES = 1 << 20
SHOWN_IGNORED = 10  # ignored columns named in a warning or a description; the others are counted

# Words that say nothing about which field a column is (keys as header_key gives them).
_FILLER = {
    "du",
    "de",
    "des",
    "d",
    "la",
    "le",
    "les",
    "l",
    "a",
    "au",
    "client",
    "clients",
    "contact",
    "the",
    "of",
    "customer",
    "customers",
    "votre",
    "your",
    "principal",
    "principale",
}
# Words that name *something* of the field (« Nom de la société »): a more specific word wins.
_GENERIC = {"nom", "name", "numero", "n", "no", "num", "number", "code", "date", "type", "id"}


@dataclass(frozen=True)
class FieldSet:
    """What an import kind reads: fields, French labels, known header names."""

    kind: str
    noun: str  # « clients », « commandes »… (messages; N_, shown through _)
    fields: tuple[str, ...]  # in display order
    labels: dict[str, str]  # field -> French label (N_, shown through _)
    aliases: dict[str, str]  # header_key -> field
    required: tuple[str, ...] = ()  # each must be mapped
    conflicts: tuple[tuple[str, ...], ...] = ()  # at most one field of each group mapped
    fuzzy: bool = True  # suggest from near spellings and words
    unknown_refused: bool = False  # an unknown column refuses the file

    def lookup(self, key: str) -> str | None:
        if key in self.fields:
            return key
        return self.aliases.get(key)


# -- the kinds ---------------------------------------------------------------------------------

CLIENT_FIELDS = (
    "code",
    "kind",
    "civility",
    "last_name",
    "first_name",
    "company",
    "siret",
    "email",
    "phone",
    "address",
    "postal_code",
    "city",
    "country",
    "birth_date",
    "first_contact",
    "source",
    "rep",
    "tags",
    "notes",
    "consent_email",
    "consent_sms",
    "consent_phone",
    "stage",
    "is_host",
    "ambassador",
    "annual_revenue",
)

CLIENTS = FieldSet(
    "clients",
    N_("clients"),
    CLIENT_FIELDS,
    labels={
        "code": N_("N° client"),
        "kind": N_("type : personne ou entreprise"),
        "civility": N_("civilité"),
        "last_name": N_("nom"),
        "first_name": N_("prénom"),
        "company": N_("raison sociale"),
        "siret": "SIRET",
        "email": N_("e-mail"),
        "phone": N_("téléphone"),
        "address": N_("adresse"),
        "postal_code": N_("code postal"),
        "city": N_("ville"),
        "country": N_("pays"),
        "birth_date": N_("date de naissance"),
        "first_contact": N_("date du premier contact"),
        "source": N_("origine"),
        "rep": N_("commercial"),
        "tags": N_("étiquettes"),
        "notes": N_("notes"),
        "consent_email": N_("accepte les e-mails"),
        "consent_sms": N_("accepte les SMS"),
        "consent_phone": N_("accepte le démarchage téléphonique"),
        "stage": N_("étape : prospect, client ou ancien client"),
        "is_host": N_("hôte de réunions à domicile, oui ou non"),
        "ambassador": N_("ambassadeur : commercial de type ambassadeur, créé s'il manque"),
        "annual_revenue": N_("CA annuel, enregistré comme commande d'ouverture"),
    },
    aliases={
        # French
        "n_client": "code",
        "no_client": "code",
        "numero_client": "code",
        "num_client": "code",
        "code_client": "code",
        "numero": "code",
        "numero_de_client": "code",
        "ref_client": "code",
        "reference_client": "code",
        "type": "kind",
        "type_de_contact": "kind",
        "type_de_client": "kind",
        "civilite": "civility",
        "titre": "civility",
        "nom": "last_name",
        "nom_de_famille": "last_name",
        "nom_client": "last_name",
        "nom_du_client": "last_name",
        "prenom": "first_name",
        "prenom_client": "first_name",
        "societe": "company",
        "entreprise": "company",
        "raison_sociale": "company",
        "nom_de_la_societe": "company",
        "e_mail": "email",
        "mail": "email",
        "courriel": "email",
        "adresse_e_mail": "email",
        "adresse_mail": "email",
        "adresse_electronique": "email",
        "telephone": "phone",
        "tel": "phone",
        "portable": "phone",
        "mobile": "phone",
        "tel_portable": "phone",
        "adresse": "address",
        "adresse_postale": "address",
        "rue": "address",
        "code_postal": "postal_code",
        "cp": "postal_code",
        "ville": "city",
        "commune": "city",
        "localite": "city",
        "pays": "country",
        "date_de_naissance": "birth_date",
        "naissance": "birth_date",
        "ne_le": "birth_date",
        "nee_le": "birth_date",
        "premier_contact": "first_contact",
        "date_premier_contact": "first_contact",
        "date_de_premier_contact": "first_contact",
        "date_du_premier_contact": "first_contact",
        "client_depuis": "first_contact",
        "origine": "source",
        "provenance": "source",
        "canal_d_acquisition": "source",
        "commercial": "rep",
        "representant": "rep",
        "vendeur": "rep",
        "vendeuse": "rep",
        "nom_commercial": "rep",
        "nom_du_commercial": "rep",
        "ambassadeur": "ambassador",
        "ambassadrice": "ambassador",
        "nom_ambassadeur": "ambassador",
        "nom_ambassadrice": "ambassador",
        "nom_de_l_ambassadeur": "ambassador",
        "nom_de_l_ambassadrice": "ambassador",
        "etiquettes": "tags",
        "etiquette": "tags",
        "mots_cles": "tags",
        "remarques": "notes",
        "remarque": "notes",
        "commentaire": "notes",
        "commentaires": "notes",
        "observations": "notes",
        "consentement_email": "consent_email",
        "consentement_e_mail": "consent_email",
        "consentement_mail": "consent_email",
        "optin_email": "consent_email",
        "opt_in_email": "consent_email",
        "consentement_sms": "consent_sms",
        "optin_sms": "consent_sms",
        "opt_in_sms": "consent_sms",
        "consentement_telephone": "consent_phone",
        "consentement_tel": "consent_phone",
        "etape": "stage",
        "hote": "is_host",
        "hotesse": "is_host",
        "est_hote": "is_host",
        "hote_hotesse": "is_host",
        "ca_annuel": "annual_revenue",
        "chiffre_d_affaires_annuel": "annual_revenue",
        "chiffre_d_affaires": "annual_revenue",
        "ca": "annual_revenue",
        "ca_annuel_eur": "annual_revenue",
        "ca_eur": "annual_revenue",
        # English
        "customer_id": "code",
        "customer_number": "code",
        "customer_code": "code",
        "client_id": "code",
        "client_number": "code",
        "account_number": "code",
        "salutation": "civility",
        "title": "civility",
        "lastname": "last_name",
        "surname": "last_name",
        "family_name": "last_name",
        "name": "last_name",
        "firstname": "first_name",
        "given_name": "first_name",
        "forename": "first_name",
        "company_name": "company",
        "organisation": "company",
        "organization": "company",
        "business": "company",
        "email_address": "email",
        "e_mail_address": "email",
        "phone_number": "phone",
        "telephone_number": "phone",
        "mobile_phone": "phone",
        "cell": "phone",
        "street": "address",
        "address_line_1": "address",
        "street_address": "address",
        "zip": "postal_code",
        "zip_code": "postal_code",
        "postcode": "postal_code",
        "post_code": "postal_code",
        "town": "city",
        "date_of_birth": "birth_date",
        "birthday": "birth_date",
        "dob": "birth_date",
        "birthdate": "birth_date",
        "first_contact_date": "first_contact",
        "customer_since": "first_contact",
        "lead_source": "source",
        "sales_rep": "rep",
        "salesperson": "rep",
        "account_manager": "rep",
        "owner": "rep",
        "labels": "tags",
        "comments": "notes",
        "comment": "notes",
        "remarks": "notes",
        "email_consent": "consent_email",
        "email_opt_in": "consent_email",
        "sms_consent": "consent_sms",
        "sms_opt_in": "consent_sms",
        "phone_consent": "consent_phone",
        "host": "is_host",
        "annual_revenue": "annual_revenue",
        "yearly_revenue": "annual_revenue",
        "revenue": "annual_revenue",
        "turnover": "annual_revenue",
    },
    conflicts=(("rep", "ambassador"),),
)

ORDERS = FieldSet(
    "orders",
    N_("commandes"),
    (
        "client_code",
        "date",
        "amount",
        "order_ref",
        "channel",
        "rep",
        "product",
        "category",
        "quantity",
        "unit_price",
        "lot",
    ),
    labels={
        "client_code": N_("N° client"),
        "date": N_("date de la commande"),
        "amount": N_("montant en euros"),
        "order_ref": N_("réf. de commande"),
        "channel": N_("canal"),
        "rep": N_("commercial"),
        "product": N_("produit"),
        "category": N_("catégorie"),
        "quantity": N_("quantité"),
        "unit_price": N_("prix unitaire"),
        "lot": N_("n° de lot"),
    },
    aliases={
        "code_client": "client_code",
        "n_client": "client_code",
        "no_client": "client_code",
        "numero_client": "client_code",
        "client": "client_code",
        "code": "client_code",
        "date_commande": "date",
        "date_de_commande": "date",
        "date_de_la_commande": "date",
        "montant": "amount",
        "montant_ttc": "amount",
        "total": "amount",
        "montant_eur": "amount",
        "total_ttc": "amount",
        "ref": "order_ref",
        "reference": "order_ref",
        "ref_commande": "order_ref",
        "n_commande": "order_ref",
        "no_commande": "order_ref",
        "numero_commande": "order_ref",
        "commande": "order_ref",
        "reference_commande": "order_ref",
        "numero_de_commande": "order_ref",
        "canal": "channel",
        "canal_de_vente": "channel",
        "commercial": "rep",
        "representant": "rep",
        "vendeur": "rep",
        "vendeuse": "rep",
        "ambassadeur": "rep",
        "ambassadrice": "rep",
        "produit": "product",
        "article": "product",
        "designation": "product",
        "libelle": "product",
        "categorie": "category",
        "famille": "category",
        "quantite": "quantity",
        "qte": "quantity",
        "prix_unitaire": "unit_price",
        "pu": "unit_price",
        "n_lot": "lot",
        "no_lot": "lot",
        "numero_lot": "lot",
        "numero_de_lot": "lot",
        "lot_produit": "lot",
        # English
        "customer_code": "client_code",
        "customer_id": "client_code",
        "customer": "client_code",
        "customer_number": "client_code",
        "client_id": "client_code",
        "order_date": "date",
        "total_amount": "amount",
        "order_total": "amount",
        "order_id": "order_ref",
        "order_number": "order_ref",
        "order_no": "order_ref",
        "order": "order_ref",
        "sales_channel": "channel",
        "sales_rep": "rep",
        "salesperson": "rep",
        "item": "product",
        "product_name": "product",
        "qty": "quantity",
        "price": "unit_price",
        "batch": "lot",
        "lot_number": "lot",
        "batch_number": "lot",
    },
    required=("client_code", "date", "amount"),
)

SURVEYS = FieldSet(
    "surveys",
    N_("réponses aux enquêtes"),
    ("client_code", "date", "indicator", "score", "comment", "complaint"),
    labels={
        "client_code": N_("N° client"),
        "date": N_("date de la réponse"),
        "indicator": N_("indicateur : csat, nps ou ces"),
        "score": N_("note"),
        "comment": N_("commentaire"),
        "complaint": N_("référence de la réclamation (enquête après clôture)"),
    },
    aliases={
        "code_client": "client_code",
        "n_client": "client_code",
        "no_client": "client_code",
        "numero_client": "client_code",
        "client": "client_code",
        "code": "client_code",
        "date_reponse": "date",
        "date_de_reponse": "date",
        "date_de_l_enquete": "date",
        "indicateur": "indicator",
        "type": "indicator",
        "question": "indicator",
        "note": "score",
        "reponse": "score",
        "valeur": "score",
        "commentaire": "comment",
        "commentaires": "comment",
        "remarque": "comment",
        "verbatim": "comment",
        "reclamation": "complaint",
        "reference_reclamation": "complaint",
        "ref_reclamation": "complaint",
        "n_reclamation": "complaint",
        "reference": "complaint",
        "ref": "complaint",
        # English
        "customer_code": "client_code",
        "customer_id": "client_code",
        "customer": "client_code",
        "complaint_ref": "complaint",
        "complaint_reference": "complaint",
        "response_date": "date",
        "survey_date": "date",
        "metric": "indicator",
        "rating": "score",
        "comments": "comment",
        "feedback": "comment",
    },
    required=("client_code", "date", "indicator", "score"),
)

_PERIOD_ALIASES = {"periode": "period", "annee": "period", "mois": "period", "trimestre": "period"}

WEB = FieldSet(
    "web",
    N_("chiffres du site"),
    ("period", "visitors", "product_views", "add_to_cart", "purchases", "average_basket"),
    labels={
        "period": N_("période"),
        "visitors": N_("visiteurs"),
        "product_views": N_("pages produit vues"),
        "add_to_cart": N_("mises au panier"),
        "purchases": N_("achats"),
        "average_basket": N_("panier moyen en euros"),
    },
    aliases={
        **_PERIOD_ALIASES,
        "visiteurs": "visitors",
        "nombre_de_visiteurs": "visitors",
        "visites": "visitors",
        "pages_produit": "product_views",
        "page_produit": "product_views",
        "vues_produit": "product_views",
        "consultations_page_produit": "product_views",
        "pages_produit_vues": "product_views",
        "mises_au_panier": "add_to_cart",
        "mise_au_panier": "add_to_cart",
        "ajouts_au_panier": "add_to_cart",
        "paniers": "add_to_cart",
        "achats": "purchases",
        "ventes": "purchases",
        "commandes": "purchases",
        "panier_moyen": "average_basket",
        "panier_moyen_eur": "average_basket",
    },
    required=("period", "visitors", "product_views", "add_to_cart", "purchases", "average_basket"),
    fuzzy=False,
    unknown_refused=True,
)

SOCIAL = FieldSet(
    "social",
    N_("chiffres des réseaux sociaux"),
    ("period", "network", "reach", "likes", "comments", "shares", "reach_objective", "likes_objective"),
    labels={
        "period": N_("période"),
        "network": N_("réseau"),
        "reach": N_("portée"),
        "likes": N_("j'aime"),
        "comments": N_("commentaires"),
        "shares": N_("partages"),
        "reach_objective": N_("objectif de portée"),
        "likes_objective": N_("objectif de j'aime"),
    },
    aliases={
        **_PERIOD_ALIASES,
        "reseau": "network",
        "reseau_social": "network",
        "portee": "reach",
        "portee_de_publication": "reach",
        "personnes_atteintes": "reach",
        "j_aime": "likes",
        "mentions_j_aime": "likes",
        "commentaires": "comments",
        "partages": "shares",
        "objectif_portee": "reach_objective",
        "objectif_de_portee": "reach_objective",
        "objectif_j_aime": "likes_objective",
        "objectif_de_j_aime": "likes_objective",
        "objectif_likes": "likes_objective",
    },
    required=("period", "network", "reach", "likes", "comments", "shares"),
    fuzzy=False,
    unknown_refused=True,
)

KINDS: dict[str, FieldSet] = {fs.kind: fs for fs in (CLIENTS, ORDERS, SURVEYS, WEB, SOCIAL)}


def fieldset(kind: str | FieldSet) -> FieldSet:
    if isinstance(kind, FieldSet):
        return kind
    try:
        return KINDS[kind]
    except KeyError:
        raise CrmError(
            N_("type d'import inconnu « {kind} » (attendu : {expected})"), kind=kind, expected=", ".join(KINDS)
        ) from None


# -- a mapping ---------------------------------------------------------------------------------


@dataclass
class ColumnChoice:
    """One header cell and the field it goes to (None: ignored)."""

    header: str
    field: str | None
    confidence: float = 1.0
    how: str = ""  # « nom du champ », « synonyme », « ressemble à « adresse » »…
    index: int | None = None  # position in the file it was suggested from
    rival: str | None = None  # suggested: the more confident column that has its field


@dataclass
class Resolved:
    """A mapping applied to one file's header."""

    columns: list[tuple[int, str]]  # (column index, field), in file order
    labels: dict[str, str]  # field -> header as written (for the messages)
    ignored: list[str]  # headers read by no field
    warnings: list[str] = field(default_factory=list)

    @property
    def fields(self) -> set[str]:
        return set(self.labels)


class Mapping:
    """Header -> field for one import kind; suggested or loaded from JSON."""

    def __init__(self, kind: str | FieldSet, columns: list[ColumnChoice], *, suggested: bool = False):
        self.fieldset = fieldset(kind)
        self.kind = self.fieldset.kind
        self.columns = list(columns)
        self.suggested = suggested
        self._index: tuple[dict, dict] | None = None  # header -> choice, header_key -> choice

    def __repr__(self) -> str:
        return f"Mapping({self.kind!r}, {self.as_dict()!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Mapping) and (self.kind, self.as_dict()) == (other.kind, other.as_dict())

    # -- reading and changing (the import wizard) ------------------------------------------
    def as_dict(self) -> dict[str, str | None]:
        return {c.header: c.field for c in self.columns}

    def field_of(self, header: str) -> str | None:
        choice = self._find(header)
        return choice.field if choice else None

    def set(self, header: str, field_name: str | None) -> None:
        """The user's choice for one column (None: ignore it); raises CrmError for a field the kind lacks."""
        self._check_field(field_name, header)
        choice = self._find(header)
        if choice is None:
            self.columns.append(ColumnChoice(header, field_name, 1.0, "choisi"))
            self._index = None
        else:
            choice.field, choice.confidence, choice.how, choice.rival = field_name, 1.0, "choisi", None

    @property
    def is_identity(self) -> bool:
        """Every column named exactly as its field (crmdesk's own export)."""
        return all(c.field == c.header for c in self.columns)

    def _find(self, header: str) -> ColumnChoice | None:
        """The choice for `header`: the one of that exact header, else the first one of the same key
        (looked up in an index: a file may have thousands of columns)."""
        if self._index is None:
            exact: dict[str, ColumnChoice] = {}
            keyed: dict[str, ColumnChoice] = {}
            for choice in self.columns:
                exact.setdefault(choice.header, choice)
                keyed.setdefault(header_key(choice.header), choice)
            self._index = exact, keyed
        exact, keyed = self._index
        return exact.get(header) or keyed.get(header_key(header))

    def _check_field(self, name: str | None, header: str, source: str = "") -> None:
        if name is not None and name not in self.fieldset.fields:
            raise CrmError(
                N_(
                    "{where}champ inconnu « {name} » pour la colonne « {header} » (champs possibles pour "
                    "les {noun} : {fields})."
                ),
                where=source,
                name=name,
                header=header,
                noun=_(self.fieldset.noun),
                fields=", ".join(self.fieldset.fields),
            )

    # -- applying it -----------------------------------------------------------------------
    def problems(self, header: list[str], *, required: tuple[str, ...] | None = None) -> list[str]:
        """What makes this mapping unusable on a file with `header` (French, empty if none)."""
        return self._apply(header, "", required)[1]

    def resolve(self, header: list[str], file_name: str, *, required: tuple[str, ...] | None = None) -> Resolved:
        """The columns to read, or CrmError (French) naming every problem; `required`
        replaces the kind's required fields."""
        resolved, problems = self._apply(header, file_name, required)
        if problems:
            if file_name:
                raise CrmError(
                    N_("« {name} » : {problems}. Rien n'a été importé."), name=file_name, problems=" ; ".join(problems)
                )
            raise CrmError(N_("{problems}. Rien n'a été importé."), problems=" ; ".join(problems))
        return resolved

    def _apply(self, header: list[str], file_name: str, required) -> tuple[Resolved, list[str]]:
        fs = self.fieldset
        resolved = Resolved([], {}, [])
        problems: list[str] = []
        unknown: list[str] = []
        rivals: list[tuple[str, str]] = []  # (ignored header, the header that has its field)
        used: set[int] = set()
        for index, text in enumerate(header):
            if not text:
                continue
            choice = self._find(text)
            if choice is None or choice.field is None:
                resolved.ignored.append(text)
                if choice is not None and choice.rival:
                    rivals.append((text, choice.rival))
                elif choice is None or choice.confidence < SURE:  # not ignored on purpose
                    unknown.append(text)
                continue
            used.add(id(choice))
            name = choice.field
            if name in resolved.labels:
                problems.append(
                    _(
                        "les colonnes « {first} » et « {second} » désignent toutes deux « {field} »",
                        first=resolved.labels[name],
                        second=text,
                        field=name,
                    )
                )
                continue
            resolved.labels[name] = text
            resolved.columns.append((index, name))
        if unknown and fs.unknown_refused:
            listed = ", ".join(_("« {name} »", name=u) for u in unknown)
            problems.insert(
                0,
                _(
                    "colonne(s) inconnue(s) {listed}. Colonnes reconnues : {fields}. Renommez ou "
                    "supprimez ces colonnes",
                    listed=listed,
                    fields=", ".join(fs.fields),
                ),
            )
        elif len(unknown) > SHOWN_IGNORED:  # counted, not one warning per column
            resolved.warnings.append(
                ngettext(
                    "{n} colonne ignorée : elle ne correspond à aucun champ des {noun} ({names})",
                    "{n} colonnes ignorées : elles ne correspondent à aucun champ des {noun} ({names})",
                    len(unknown),
                    n=grouped(len(unknown)),
                    noun=fs.noun,
                    names=_some(unknown),
                )
            )
        elif unknown:
            resolved.warnings.extend(
                _(
                    "colonne « {header} » ignorée : elle ne correspond à aucun champ des {noun}",
                    header=u,
                    noun=_(fs.noun),
                )
                for u in unknown
            )
        resolved.warnings.extend(
            _(
                "colonne « {header} » ignorée : « {rival} » a déjà le champ {field}",
                header=text,
                rival=rival,
                field=self.field_of(rival),
            )
            for text, rival in rivals
        )
        for group in fs.conflicts:
            present = [name for name in group if name in resolved.labels]
            if len(present) > 1:
                listed = _(" et ").join(_("« {name} » ({field})", name=resolved.labels[n], field=n) for n in present)
                problems.append(
                    _("les colonnes {listed} désignent toutes deux le même champ : gardez-en une", listed=listed)
                )
        missing = [name for name in (fs.required if required is None else required) if name not in resolved.labels]
        if missing:
            problems.append(_("colonne(s) obligatoire(s) manquante(s) : {fields}", fields=", ".join(missing)))
        if not self.suggested:
            for choice in self.columns:
                if id(choice) not in used and choice.field is not None:
                    resolved.warnings.append(
                        _(
                            "la colonne « {header} » de la correspondance n'est pas dans le fichier",
                            header=choice.header,
                        )
                    )
        return resolved, problems

    def describe(self, file_name: str = "") -> list[str]:
        """Lines in the interface language, one per column: « « Hôte » → is_host (hôte de réunions…) »."""
        ignored = [c.header for c in self.columns if c.field is None]
        many = len(ignored) > SHOWN_IGNORED  # then the ignored columns are counted, after the others
        shown = [c for c in self.columns if c.field is not None or not many]
        width = min(max((len(c.header) for c in shown), default=0), 40) + 4
        lines = []
        for choice in shown:
            left = _("« {name} »", name=choice.header).ljust(width)
            if choice.field is None:
                lines.append(f"  {left} → " + _("ignorée") + (f" ({choice.how})" if choice.how else ""))
                continue
            label = _(self.fieldset.labels.get(choice.field, ""))
            line = f"  {left} → {choice.field}" + (f" ({label})" if label else "")
            if choice.confidence < SURE:
                line += _(
                    " — à vérifier : {how}, confiance {percent} %",
                    how=choice.how,
                    percent=round(choice.confidence * 100),
                )
            lines.append(line)
        if many:
            lines.append(
                "  "
                + ngettext(
                    "{n} autre colonne ignorée ({names})",
                    "{n} autres colonnes ignorées ({names})",
                    len(ignored),
                    n=grouped(len(ignored)),
                    names=_some(ignored),
                )
            )
        return lines

    # -- JSON ------------------------------------------------------------------------------
    def to_json(self) -> str:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "kind": self.kind,
            "columns": self.as_dict(),
            "fields": {name: _(self.fieldset.labels.get(name, "")) for name in self.fieldset.fields},
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def from_json(cls, text: str, *, kind: str | None = None, source: str = N_("la correspondance")) -> Mapping:
        where = _("« {source} » : ", source=_(source))
        try:
            document = json.loads(text)
        except ValueError as exc:
            raise CrmError(N_("{where}JSON illisible ({reason})."), where=where, reason=exc) from None
        except RecursionError:
            raise CrmError(
                _(
                    "{where}JSON imbriqué sur des milliers de niveaux : ce n'est pas une correspondance de colonnes.",
                    where=where,
                )
            ) from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise CrmError(
                N_('{where}ce n\'est pas une correspondance de colonnes crmdesk (il faut "format": "{format}").'),
                where=where,
                format=FORMAT,
            )
        if document.get("version") != VERSION:
            raise CrmError(
                N_("{where}version {version!r} inconnue (attendu : {expected})."),
                where=where,
                version=document.get("version"),
                expected=VERSION,
            )
        saved_kind = document.get("kind")
        if saved_kind not in KINDS:
            raise CrmError(
                N_("{where}type d'import « {kind} » inconnu (attendu : {expected})."),
                where=where,
                kind=saved_kind,
                expected=", ".join(KINDS),
            )
        if kind is not None and saved_kind != kind:
            raise CrmError(
                N_("{where}cette correspondance est faite pour les {saved}, pas pour les {wanted}."),
                where=where,
                saved=_(KINDS[saved_kind].noun),
                wanted=_(fieldset(kind).noun),
            )
        columns = document.get("columns")
        if not isinstance(columns, dict) or not all(isinstance(v, (str, type(None))) for v in columns.values()):
            raise CrmError(
                N_("{where}« columns » doit associer chaque en-tête à un champ (ou null pour l'ignorer)."), where=where
            )
        mapping = cls(
            saved_kind,
            [
                ColumnChoice(str(header), value or None, 1.0, _("correspondance enregistrée"))
                for header, value in columns.items()
            ],
        )
        for choice in mapping.columns:
            mapping._check_field(choice.field, choice.header, where)
        return mapping

    @classmethod
    def load(cls, path: str | Path, *, kind: str | None = None) -> Mapping:
        path = Path(path)
        try:
            if path.is_file() and path.stat().st_size > _MAX_JSON_BYTES:
                raise CrmError(N_("« {name} » est bien trop gros pour une correspondance de colonnes."), name=path.name)
            text = read_regular(path, _MAX_JSON_BYTES).decode("utf-8-sig")  # never a FIFO: it would hang
        except FileNotFoundError:
            raise CrmError(N_("Correspondance de colonnes introuvable : « {path} »."), path=path) from None
        except UnicodeDecodeError:
            raise CrmError(N_("« {name} » n'est pas un fichier JSON (UTF-8)."), name=path.name) from None
        return cls.from_json(text, kind=kind, source=path.name)


def _some(names: list[str]) -> str:
    """« « a », « b », … » : the first SHOWN_IGNORED names, « … » for the others."""
    shown = ", ".join(f"« {name} »" for name in names[:SHOWN_IGNORED])
    return shown + (_(", … et {n} autres", n=grouped(len(names) - SHOWN_IGNORED)) if len(names) > SHOWN_IGNORED else "")


# -- suggestions -------------------------------------------------------------------------------


def suggest_mapping(kind: str | FieldSet, headers: list[str]) -> Mapping:
    """A field (or None) for every non-empty header cell, with its confidence."""
    fs = fieldset(kind)
    choices: list[ColumnChoice] = []
    best: dict[str, ColumnChoice] = {}
    known: dict[str, tuple[str | None, float, str]] = {}  # the same header many times: suggested once
    for index, text in enumerate(headers):
        if not text:
            continue
        if text not in known:
            known[text] = suggest_field(fs, text)
        name, confidence, how = known[text]
        choice = ColumnChoice(text, name, confidence, how, index)
        choices.append(choice)
        if name is None:
            continue
        rival = best.get(name)
        if rival is None:
            best[name] = choice
        elif min(rival.confidence, confidence) >= SURE:
            continue  # both sure: left for resolve() to refuse
        else:
            loser = choice if confidence <= rival.confidence else rival
            winner = rival if loser is choice else choice
            best[name] = winner
            loser.field, loser.confidence, loser.rival = None, 0.0, winner.header
            loser.how = _("« {header} » a déjà le champ {field}", header=winner.header, field=name)
    return Mapping(fs, choices, suggested=True)


def suggest_field(kind: str | FieldSet, header: str) -> tuple[str | None, float, str]:
    """(field or None, confidence 0–1, how it was found, in the interface language) for one header."""
    fs = fieldset(kind)
    key = header_key(header)
    if not key:
        return None, 0.0, _("en-tête vide")
    if key in fs.fields:
        return key, 1.0, _("nom du champ")
    if key in fs.aliases:
        return fs.aliases[key], SURE, _("synonyme connu")
    if not fs.fuzzy:
        return None, 0.0, _("aucun champ ne lui correspond")
    words = key.split("_")
    kept = [w for w in words if w not in _FILLER]
    if kept and kept != words:
        found = fs.lookup("_".join(kept))
        if found:
            return found, 0.85, _("synonyme « {words} »", words=" ".join(kept))
    hits: dict[str, str] = {}
    for word in kept:
        found = fs.lookup(word)
        if found:
            hits.setdefault(found, word)
    specific = {name: word for name, word in hits.items() if word not in _GENERIC}
    candidates = specific or hits
    if len(candidates) == 1:
        ((name, word),) = candidates.items()
        return name, 0.7, _("mot « {word} »", word=word)
    from rapidfuzz import fuzz, process

    known = [*fs.fields, *fs.aliases]
    found = process.extractOne(key, known, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    if found:
        text, score = found[0], found[1]
        return fs.lookup(text), round(0.75 * score / 100, 2), _("ressemble à « {text} »", text=text.replace("_", " "))
    return None, 0.0, _("aucun champ ne lui correspond")
