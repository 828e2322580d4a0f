"""crmdesk config get / set: the settings of a client file."""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

from crmdesk.cli.opening import open_database
from crmdesk.cli.output import db_option
from crmdesk.domain import business as firm
from crmdesk.domain import client_codes, deadline, emailing, retention
from crmdesk.domain import loyalty as loyalty_rules
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.i18n import N_, _
from crmdesk.store import settings
from crmdesk.store.settings import SettingsStore

DEFAULTS: dict[str, Any] = {
    "complaints.deadline_days": deadline.DEFAULT_DAYS,
    "complaints.day_kind": deadline.DEFAULT_DAY_KIND,
    "business.subdivision": "",
    **retention.SETTINGS,
    **emailing.SETTINGS,
}


def _loyalty():
    from crmdesk.store import loyalty

    return loyalty


_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")

DESCRIPTION = N_("""\
Lit (get) ou change (set) un réglage du fichier clients. La valeur est lue
en JSON (5, "texte", [1, 2], {"a": 1}) ou, à défaut, comme du texte. Seuls
les réglages ci-dessous s'écrivent (un nom mal tapé est refusé, avec le nom
proche s'il y en a un) ; un texte de plus de 200 caractères (500 pour
l'adresse) ou contenant un caractère invisible est refusé.

Réglages vérifiés :
  complaints.deadline_days  délai de réponse aux réclamations, 1 à 30 jours (5)
  complaints.day_kind       ouvrables (lundi–samedi, par défaut) ou ouvres
                            (lundi–vendredi)
  business.subdivision      jours fériés locaux : vide = métropole, 57 Moselle,
                            6AE ou 67/68 Alsace, 971 Guadeloupe, 974 La Réunion…
  business.name, .activity, .address, .postal_code, .city, .siret, .phone,
  .email, .website          en-tête des impressions (fiches, lettres) ; SIRET,
                            téléphone et courriel sont vérifiés
  business.logo             chemin d'une image PNG ou JPEG (2 Mo au plus) :
                            l'image est copiée dans le fichier clients (un
                            tube, un périphérique comme /dev/zero sont refusés)
  business.mediator_name, .mediator_address, .mediator_website
                            le médiateur de la consommation de l'entreprise,
                            nommé dans les réponses aux réclamations des
                            consommateurs (Code de la consommation L612-1)
  business.no_consumer_sales
                            true : pas de vente aux consommateurs (pas de
                            médiateur, pas d'avertissement)
  business.survey_url       enquête de satisfaction en ligne (le QR code de
                            l'invitation l'ouvre ; {reference} y est remplacé
                            par la référence de la réclamation)
  mail.smtp_host, .smtp_port, .smtp_security (starttls, ssl ou none),
  .smtp_login, .sender_address, .sender_name, .per_minute
                            le compte SMTP des e-mails (crmdesk email --send) ;
                            le mot de passe n'est jamais dans le fichier : il
                            va dans le trousseau du système (crmdesk email
                            --save-password)
  gdpr.prospect_years       conservation d'un prospect sans contact (3 ans)
  gdpr.client_years         conservation d'un client après son dernier achat (3 ans)
  clients.code_prefix       début du N° des nouveaux clients (« SB » : SB00441) ;
                            absent = celui des derniers clients du fichier
  clients.code_width        chiffres du numéro (5 : SB00441) ; absent = comme
                            les derniers clients (aussi dans Édition › Identité
                            de l'entreprise… de l'application)
  loyalty.points_per_euro, loyalty.validity_months, loyalty.card_months,
  loyalty.card_cost_cents, parties.voucher_rate, referral.reward_kind
  (points ou voucher), referral.reward_points, referral.reward_cents,
  rebate.threshold_cents, rebate.rate, rebate.base (excess ou total)
                            le programme de fidélité (aussi dans
                            Fidélité › Réglages… de l'application)

exemples :
  crmdesk config get complaints.deadline_days --db clients.sqlite
  crmdesk config set complaints.day_kind ouvres --db clients.sqlite
  crmdesk config set business.subdivision 57 --db clients.sqlite
  crmdesk config set business.siret "845 998 988 00925" --db clients.sqlite
  crmdesk config set business.logo logo.png --db clients.sqlite
  crmdesk config set business.mediator_name "Médiation Conso Exemple" --db clients.sqlite
  crmdesk config set gdpr.client_years 5 --db clients.sqlite
  crmdesk config set clients.code_prefix SB --db clients.sqlite
  crmdesk config set mail.smtp_host smtp.exemple.fr --db clients.sqlite""")


def register(commands, formatter) -> None:
    parser = commands.add_parser(
        "config",
        help=_("lit ou change un réglage du fichier clients"),
        description=_(DESCRIPTION),
        formatter_class=formatter,
        allow_abbrev=False,
    )
    what = parser.add_subparsers(dest="what", title=_("action"), metavar="{get,set}", prog="crmdesk config")
    what.required = True
    get = what.add_parser(
        "get", help=_("affiche un réglage"), description=_(DESCRIPTION), formatter_class=formatter, allow_abbrev=False
    )
    get.add_argument("key", metavar=_("CLÉ"), help=_("nom du réglage (ex. complaints.deadline_days)"))
    db_option(get, _("fichier clients (obligatoire)"))
    get.set_defaults(handler="config_get")
    put = what.add_parser(
        "set", help=_("change un réglage"), description=_(DESCRIPTION), formatter_class=formatter, allow_abbrev=False
    )
    put.add_argument("key", metavar=_("CLÉ"), help=_("nom du réglage"))
    put.add_argument("value", metavar=_("VALEUR"), help=_("nouvelle valeur (JSON ou texte)"))
    db_option(put, _("fichier clients (obligatoire)"))
    put.set_defaults(handler="config_set")


parse_value = settings.parse_value


def settable_keys() -> tuple[str, ...]:
    """Every key `config set` accepts: the ones crmdesk reads (a key nothing reads is refused)."""
    loyalty = _loyalty()
    business = (f"business.{field}" for field in firm.FIELDS if field not in ("logo_data", "subdivision"))
    return (*DEFAULTS, *loyalty.DEFAULTS, *business, "business.logo", client_codes.PREFIX_KEY, client_codes.WIDTH_KEY)


def validate(key: str, value: Any) -> Any:
    """The value to store for `key`; CrmError (French) when it is refused."""
    if not _KEY.match(key):
        raise CrmError(N_("Nom de réglage incorrect « {key} » (lettres minuscules, chiffres, _ et points)."), key=key)
    if key in ("mail.smtp_password", "mail.password"):
        raise CrmError(
            N_(
                "Le mot de passe SMTP ne s'enregistre jamais dans le fichier clients : « crmdesk email "
                "--db FICHIER --save-password » le range dans le trousseau du système."
            )
        )
    settings.refuse_unknown(key, settable_keys())
    settings.check_value(key, value)
    if key == "complaints.deadline_days":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 30:
            raise CrmError(
                N_("complaints.deadline_days : un nombre entier de jours de 1 à 30, pas « {value} »."), value=value
            )
        return value
    if key == "complaints.day_kind":
        if not isinstance(value, str) or not value.strip():
            _bad(key, value)
        try:
            return deadline.normalize_day_kind(value)
        except ValueError:
            _bad(key, value)
    if key in retention.SETTINGS:
        return retention.check_years(key, value)
    if key in (client_codes.PREFIX_KEY, client_codes.WIDTH_KEY):
        return client_codes.check_setting(key, value)
    if key in emailing.SETTINGS:
        try:
            return emailing.check_settings({key: value})[key]
        except ValidationError as exc:
            raise CrmError(N_("{key} : {reason}."), key=key, reason=next(iter(exc.problems.values()))) from None
    loyalty = _loyalty()
    if key in loyalty.CHOICES:
        if value not in loyalty.CHOICES[key]:
            raise CrmError(
                N_("{key} : choisir parmi {choices}, pas « {value} »."),
                key=key,
                choices=", ".join(loyalty.CHOICES[key]),
                value=_show(value),
            )
        return value
    if key in loyalty.BOUNDS:
        try:
            return loyalty_rules.check_settings({key: value}, loyalty.BOUNDS)[key]
        except ValidationError as exc:
            raise CrmError(N_("{key} : {reason}."), key=key, reason=exc.problems[key]) from None
    if key == "business.logo":
        from crmdesk.reports.letterhead import logo_data

        return logo_data(str(value))
    if key.startswith("business.") and key.removeprefix("business.") in firm.FIELDS:
        field = key.removeprefix("business.")
        if isinstance(value, (dict, list)) or (isinstance(value, bool) and field != "no_consumer_sales"):
            raise CrmError(N_("{key} : texte attendu, pas « {value} »."), key=key, value=_show(value))
        try:
            return firm.validate({field: "" if value is None else str(value)})[field]
        except ValidationError as exc:
            raise CrmError(N_("{key} : {reason}."), key=key, reason=exc.problems[field]) from None
    return value


def stored_key(key: str) -> str:
    """Where a setting goes: a logo given as a path is kept as its image."""
    return "business.logo_data" if key == "business.logo" else key


def _bad(key: str, value: Any) -> None:
    raise CrmError(
        N_("{key} : « ouvrables » (lundi–samedi) ou « ouvres » (lundi–vendredi), pas « {value} »."),
        key=key,
        value=value,
    )


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def run_get(args: argparse.Namespace) -> int:
    key = args.key.strip()
    with open_database(args.db, writer=False) as database:
        missing = object()
        value = SettingsStore(database).get(key, missing)
    if value is missing:
        defaults = {**DEFAULTS, **_loyalty().DEFAULTS}
        if key not in defaults:
            raise CrmError(N_("Le réglage « {key} » n'existe pas dans ce fichier."), key=key)
        value = defaults[key]
    print(_show(value))
    return 0


def run_set(args: argparse.Namespace) -> int:
    key = args.key.strip()
    value = validate(key, parse_value(args.value))
    with open_database(args.db) as database:
        SettingsStore(database).set(stored_key(key), value)
    shown = _("image de {size} ko copiée", size=len(value) * 3 // 4 // 1000) if key == "business.logo" else _show(value)
    print(f"{key} = {shown}")
    return 0
