"""Complaints and requests: vocabulary, triage, deadline state, indicators
(docs/domain/05-complaints.md). Pure functions, no storage.

Triage (what to handle first), one rank per situation, 1 = first:

====  ===========================================  ======================
rank  situation                                    reason shown
====  ===========================================  ======================
1     ``safety``                                   risque santé / sécurité
2     ``delivery`` of perishable goods             livraison de produits frais
3     ``delivery``                                 livraison manquée ou en retard
4     ``stockout`` on an urgent order              rupture de stock sur commande urgente
5     ``special_order``                            commande spéciale
6     ``stockout`` (order not urgent)              rupture de stock
7     ``product_defect``                           produit défectueux
8     ``invoice``                                  facturation
9     ``information``                              demande d'information
10    ``other``                                    autre demande
====  ===========================================  ======================

Within a rank: earliest due date first (none last), then client value
(Premium, Actif, Standard, Occasionnel, no status), then the earliest
received, then the id. ``suggest_priority`` returns that rank: it is the
priority proposed when the complaint is logged.
"""

from __future__ import annotations

import datetime as dt
import math

from crmdesk.domain.indicators import CSAT_SATISFIED, NPS_PASSIVE, NPS_PROMOTER
from crmdesk.i18n import N_, _

# Labels (French, marked for the catalogue): shown through crmdesk.i18n._.
KINDS: dict[str, str] = {
    "safety": N_("Risque santé / sécurité"),
    "delivery": N_("Livraison manquée ou en retard"),
    "stockout": N_("Rupture de stock"),
    "special_order": N_("Commande spéciale"),
    "product_defect": N_("Produit défectueux"),
    "invoice": N_("Facturation"),
    "information": N_("Demande d'information"),
    "other": N_("Autre"),
}

NATURES: dict[str, str] = {
    "good_faith": N_("Bonne foi"),
    "bad_faith": N_("Mauvaise foi"),
    "seller_fault": N_("Faute du vendeur"),
}

CHANNELS: dict[str, str] = {
    "mail": N_("Courrier"),
    "phone": N_("Téléphone"),
    "email": N_("E-mail"),
    "fax": N_("Fax"),
    "face_to_face": N_("En face à face"),
    "social": N_("Réseau social"),
    "web_form": N_("Formulaire web"),
}

SERVICES: tuple[str, ...] = (N_("Commande"), N_("SAV"), N_("Qualité"), N_("Livraison"), N_("Comptabilité"))

# The six phases (docs/domain/05-complaints.md), in order.
PHASES: dict[str, str] = {
    "reception": N_("Réception"),
    "registration": N_("Enregistrement"),
    "resolution": N_("Traitement"),
    "closure": N_("Clôture"),
    "follow_up": N_("Suivi"),
    "exploitation": N_("Exploitation"),
}
PHASE_ORDER: tuple[str, ...] = tuple(PHASES)

COMPENSATIONS: dict[str, str] = {
    "none": N_("Aucune"),
    "refund": N_("Remboursement partiel"),
    "exchange": N_("Échange"),
    "service": N_("Prestation supplémentaire"),
    "discount": N_("Remise sur une prochaine commande"),
}

DEADLINE_STATES: dict[str, str] = {
    "closed": N_("Clôturée"),
    "overdue": N_("En retard"),
    "due_soon": N_("Échéance proche"),
    "ok": N_("Dans les délais"),
}

# Client value for triage: lower first; None (no status) last.
STATUS_ORDER = {"premium": 0, "actif": 1, "standard": 2, "occasionnel": 3}
_STATUS_LABELS = {"premium": "Premium", "actif": N_("Actif"), "standard": "Standard", "occasionnel": N_("Occasionnel")}

_RANKS = {
    "safety": 1,
    "delivery": 3,
    "stockout": 6,
    "special_order": 5,
    "product_defect": 7,
    "invoice": 8,
    "information": 9,
    "other": 10,
}
TRIAGE_REASONS: dict[int, str] = {
    1: N_("risque santé / sécurité"),
    2: N_("livraison de produits frais"),
    3: N_("livraison manquée ou en retard"),
    4: N_("rupture de stock sur commande urgente"),
    5: N_("commande spéciale"),
    6: N_("rupture de stock"),
    7: N_("produit défectueux"),
    8: N_("facturation"),
    9: N_("demande d'information"),
    10: N_("autre demande"),
}


def suggest_priority(kind: str, *, perishable: bool = False, urgent: bool = False) -> int:
    """The triage rank of a situation (1 = handle first), see the table above."""
    if kind not in _RANKS:
        raise ValueError(_("type de réclamation inconnu « {kind} »", kind=kind))
    if kind == "delivery" and perishable:
        return 2
    if kind == "stockout" and urgent:
        return 4
    return _RANKS[kind]


def _as_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _rank(c: dict) -> int:
    return suggest_priority(
        c.get("kind") or "other", perishable=bool(c.get("perishable")), urgent=bool(c.get("urgent"))
    )


def triage_key(c: dict, today: dt.date) -> tuple:
    """Sort key of the open queue: rank, due date, client value, reception, id.

    `c` has kind, perishable, urgent, due_date (ISO or date), status (client
    status code or None), received_at (ISO), and optionally id.
    `today` is accepted for symmetry with triage_reason; the order does not
    depend on it (an overdue complaint already has the earliest due date).
    """
    due = _as_date(c.get("due_date"))
    status = (c.get("status") or "").lower()
    return (
        _rank(c),
        due is None,
        due or dt.date.max,
        STATUS_ORDER.get(status, len(STATUS_ORDER)),
        str(c.get("received_at") or ""),
        c.get("id") or 0,
    )


def triage_reason(c: dict, today: dt.date) -> str:
    """Why a complaint stands where it does, in the interface language, e.g.
    « risque santé / sécurité · échéance le 27/11/2026 · client Premium »."""
    parts = [_(TRIAGE_REASONS[_rank(c)])]
    due = _as_date(c.get("due_date"))
    if due is not None:
        parts.append(
            _("échéance le {day:%d/%m/%Y} (dépassée)", day=due)
            if due < today
            else _("échéance le {day:%d/%m/%Y}", day=due)
        )
    status = (c.get("status") or "").lower()
    if status in _STATUS_LABELS:
        parts.append(_("client {status}", status=_(_STATUS_LABELS[status])))
    return " · ".join(parts)


def deadline_state(due_date: dt.date | None, today: dt.date, closed: bool, soon_days: int = 1) -> str:
    """« closed » when closed; « overdue » when today is after the due date;
    « due_soon » when the due date is at most `soon_days` calendar days away
    (today or tomorrow by default); « ok » otherwise, or without a due date."""
    if closed:
        return "closed"
    due = _as_date(due_date)
    if due is None:
        return "ok"
    if today > due:
        return "overdue"
    if (due - today).days <= soon_days:
        return "due_soon"
    return "ok"


# -- indicators (docs/domain/05-complaints.md) -----------------------------------------------------------
def complaint_rate(complaints: int, base: int) -> float:
    """complaints / base × 100 (base = transactions, clients or units);
    10 complaints for 500 transactions -> 2.0. 0.0 when the base is 0."""
    if base <= 0:
        return 0.0
    return complaints * 100.0 / base


def loss_rate(cost_cents: int, revenue_cents: int) -> float:
    """total cost of complaints / revenue × 100; 5 000 € / 200 000 € -> 2.5.
    0.0 when there is no revenue."""
    if revenue_cents <= 0:
        return 0.0
    return cost_cents * 100.0 / revenue_cents


def percentile_nearest_rank(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile: the smallest value such that at least p % of
    the values are <= it, i.e. sorted(values)[ceil(p/100 × n) − 1]. Always
    one of the values (no interpolation). None for an empty list."""
    if not values:
        return None
    ordered = sorted(values)
    index = max(1, math.ceil(p / 100.0 * len(ordered))) - 1
    return ordered[index]


def mean_and_p90(durations: list[float]) -> tuple[float | None, float | None]:
    """Mean and 90th percentile (nearest rank, see percentile_nearest_rank)
    of durations; (None, None) for none. [1..10] -> (5.5, 9)."""
    values = [float(d) for d in durations if d is not None]
    if not values:
        return None, None
    return sum(values) / len(values), percentile_nearest_rank(values, 90)


def share(part: int, whole: int) -> float | None:
    """part / whole × 100, None when whole is 0."""
    return None if whole <= 0 else part * 100.0 / whole


def resatisfied(at_closure: bool | None, answers: list[dict]) -> bool | None:
    """Is the client satisfied again? The client's own word — the survey
    answers linked to the complaint (dicts with indicator, score, date, id) —
    outranks what was judged at closure: the latest CSAT decides (4–5 yes,
    1–3 no); without one, the latest NPS when it is clear (9–10 yes, 0–6
    no; a passive 7–8 leaves the closure's judgement). CES says nothing
    about satisfaction."""

    def latest(indicator: str) -> dict | None:
        mine = [a for a in answers if a.get("indicator") == indicator]
        return max(mine, key=lambda a: (str(a.get("date") or ""), a.get("id") or 0)) if mine else None

    csat = latest("csat")
    if csat is not None:
        return int(csat["score"]) >= CSAT_SATISFIED
    nps = latest("nps")
    if nps is not None and not NPS_PASSIVE <= int(nps["score"]) < NPS_PROMOTER:
        return int(nps["score"]) >= NPS_PROMOTER
    return at_closure
