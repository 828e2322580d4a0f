"""Satisfaction, loyalty and digital indicators (docs/domain/06-indicators.md).

Pure formulas, no storage. Every rate is a **percentage** (0–100) kept at full
precision; rounding is for display only. A rate whose denominator is zero (or
missing) is None, never 0 and never an exception.

Satisfaction, from the scores of survey answers (a list of scores, or a
mapping {score: number of answers} as SQL counts them):

    csat([5, 4, 3, 2])              # 50.0: share of answers 4–5 on 1–5
    nps([10, 9, 8, 7, 6, 0]).nps    # 0.0: % promoters (9–10) − % detractors (0–6), on 0–10
    ces([1, 2, 7]).mean             # 3.33…: mean effort on 1–7 (lower is better); .easy_share: % of 1–3
    retention(200, 150)             # (75.0, 25.0): retention %, attrition %

Digital indicators entered per period (docs/domain/06-indicators.md, FAUR ice-cream maker):

    report = web_report([WebRow("2019", 1000, 500, 250, 80, 7100), …])
    report.items[0].conversion_rate       # 8.0
    report.items[1].evolution["visitors"] # 70.0 (against the row one year earlier)
    report.overall.changes["visitors"]    # 100.0 (last period against the first)
    derive_social(SocialRow("2021", "Facebook", 4560, 34, 20, 11, 5000, 40)).engagement_rate  # 1.425…

Periods of web/social rows are typed text: « 2019 » (year), « 2026-03 »
(month), « 2026-T1 » or « 2026-Q1 » (quarter); « mars 2026 », « 03/2026 » and
« T1 2026 » are understood too. They are stored in the canonical form
(« 2026-T1 ») given by `normalize_period`.

Thresholds: each indicator is compared with a sector threshold that the
business enters (`DEFAULT_THRESHOLDS`, changed in the settings), see `against`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from crmdesk.domain import periods
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _

# -- satisfaction surveys ------------------------------------------------------------------

INDICATORS = ("csat", "nps", "ces")
SCALES: dict[str, tuple[int, int]] = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}
INDICATOR_LABELS = {
    "csat": N_("CSAT (satisfaction, 1 à 5)"),
    "nps": N_("NPS (recommandation, 0 à 10)"),
    "ces": N_("CES (effort, 1 à 7)"),
}
# What a French survey file may write instead of the code (folded text).
INDICATOR_ALIASES = {
    "satisfaction": "csat",
    "note_de_satisfaction": "csat",
    "recommandation": "nps",
    "net_promoter_score": "nps",
    "effort": "ces",
    "effort_client": "ces",
    "customer_effort_score": "ces",
}
CSAT_SATISFIED = 4  # CSAT: 4 and 5 are « satisfied »
NPS_PROMOTER = 9  # NPS: 9–10 promoters, 7–8 passives, 0–6 detractors
NPS_PASSIVE = 7
CES_EASY = 3  # CES: 1–3 is an « easy » answer

Scores = Iterable[int] | Mapping[int, int]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def normalize_indicator(text: str) -> str:
    """« CSAT », « nps », « Effort » -> csat, nps, ces; CrmError (French) otherwise."""
    key = _key(text or "")
    key = INDICATOR_ALIASES.get(key, key)
    if key not in SCALES:
        raise CrmError(N_("indicateur inconnu « {text} » (attendu : csat, nps ou ces)"), text=(text or "").strip())
    return key


def check_score(indicator: str, score: int) -> int:
    """The score if it is an integer on the indicator's scale, else CrmError."""
    low, high = SCALES[indicator]
    if isinstance(score, bool) or not isinstance(score, int):
        raise CrmError(N_("note non entière « {score} »"), score=score)
    if not low <= score <= high:
        raise CrmError(
            N_("note {score} hors de l'échelle {scale} ({low} à {high})"),
            score=score,
            scale=indicator.upper(),
            low=low,
            high=high,
        )
    return score


def parse_score(indicator: str, text: str) -> int:
    """A typed score (« 4 », « 10 ») checked against the indicator's scale."""
    raw = (text or "").strip()
    if not raw:
        raise CrmError(N_("note manquante"))
    if not re.fullmatch(r"[+-]?\d+", raw):
        raise CrmError(N_("note non entière « {raw} » (attendu : un nombre entier)"), raw=raw)
    return check_score(indicator, int(raw))


def _counts(indicator: str, scores: Scores) -> tuple[Counter, int]:
    """{score: answers} checked on the indicator's scale, and the number of answers."""
    counts: Counter = Counter()
    if isinstance(scores, Mapping):
        for score, number in scores.items():
            if number:
                counts[check_score(indicator, score)] += int(number)
    else:
        for score in scores:
            counts[check_score(indicator, score)] += 1
    return counts, sum(counts.values())


def _share(part: float, whole: float) -> float | None:
    return part * 100 / whole if whole else None


def csat(scores: Scores) -> float | None:
    """Share (%) of answers 4–5 among the answers on 1–5; None when no answer."""
    counts, total = _counts("csat", scores)
    return _share(sum(n for s, n in counts.items() if s >= CSAT_SATISFIED), total)


@dataclass(frozen=True)
class Nps:
    promoters: float  # % of answers 9–10
    passives: float  # % of answers 7–8
    detractors: float  # % of answers 0–6
    nps: float  # promoters − detractors, in points (−100 … 100)
    answers: int


def nps(scores: Scores) -> Nps | None:
    """Net Promoter Score of answers on 0–10; None when no answer."""
    counts, total = _counts("nps", scores)
    if not total:
        return None
    promoters = sum(n for s, n in counts.items() if s >= NPS_PROMOTER)
    passives = sum(n for s, n in counts.items() if NPS_PASSIVE <= s < NPS_PROMOTER)
    detractors = total - promoters - passives
    return Nps(
        promoters * 100 / total,
        passives * 100 / total,
        detractors * 100 / total,
        (promoters - detractors) * 100 / total,
        total,
    )


@dataclass(frozen=True)
class Ces:
    mean: float  # mean effort on 1–7, lower is better
    easy_share: float  # % of « easy » answers (1–3)
    answers: int


def ces(scores: Scores) -> Ces | None:
    """Customer Effort Score of answers on 1–7; None when no answer."""
    counts, total = _counts("ces", scores)
    if not total:
        return None
    return Ces(
        sum(s * n for s, n in counts.items()) / total,
        sum(n for s, n in counts.items() if s <= CES_EASY) * 100 / total,
        total,
    )


def retention(at_start: int, retained: int) -> tuple[float, float] | None:
    """(retention %, attrition %) of a period; None when no client at the start.

    Clients at the start of a period = clients who ordered during the previous
    period of the same length; retained = those of them who order again during
    the period. Retention = retained / at start × 100; attrition (churn) =
    lost / at start × 100 = 100 − retention, lost = at start − retained.
    """
    if at_start < 0 or retained < 0 or retained > at_start:
        raise ValueError(f"retention needs 0 <= retained <= at_start, got {retained} / {at_start}")
    if not at_start:
        return None
    kept = retained * 100 / at_start
    return kept, (at_start - retained) * 100 / at_start


# -- comparisons: thresholds, evolutions, trends ---------------------------------------------

# Sector thresholds shipped by default; the business changes them in the
# settings (« indicators.thresholds »). None = no threshold for that indicator.
DEFAULT_THRESHOLDS: dict[str, float | None] = {
    "csat": 80.0,  # % satisfied (4–5): usual target of a small retailer
    "nps": 30.0,  # points: above 30 is « good » in retail / food trade
    "ces": 3.0,  # mean effort on 1–7: lower is better
    "retention": 80.0,  # % of last period's clients buying again
    "conversion": 3.0,  # % purchases / visitors: French e-commerce average 2–3 %
    "abandonment": 70.0,  # % lost carts / carts: the usual average, lower is better
    "engagement": 1.0,  # % (likes + comments + shares) / reach, any network
    "engagement.facebook": 1.0,  # docs/domain/06-indicators.md: « la moyenne (1 % sur Facebook) »
    "engagement.twitter": 0.5,  # docs/domain/06-indicators.md: « la moyenne se situe entre 0,5 % et 0,9 % »
}
LOWER_IS_BETTER = frozenset({"ces", "abandonment"})
THRESHOLD_LABELS = {
    "csat": "CSAT (%)",
    "nps": "NPS (points)",
    "ces": N_("CES (effort moyen, 1 à 7)"),
    "retention": N_("Taux de rétention (%)"),
    "conversion": N_("Taux de conversion (%)"),
    "abandonment": N_("Taux d'abandon de panier (%)"),
    "engagement": N_("Taux d'engagement (%)"),
}
_THRESHOLD_RANGES = {"nps": (-100.0, 100.0), "ces": (1.0, 7.0)}  # the others are percentages
_ENGAGEMENT = re.compile(r"engagement\.[a-z0-9_]+")


def against(value: float | None, threshold: float | None, higher_is_better: bool = True) -> str | None:
    """ "above" (better than the threshold), "below" (worse) or "equal"; None
    without a value or without a threshold. With higher_is_better=False
    (CES, cart abandonment) a value under the threshold is "above"."""
    if value is None or threshold is None:
        return None
    if math.isclose(value, threshold, rel_tol=1e-9, abs_tol=1e-9):
        return "equal"
    better = value > threshold if higher_is_better else value < threshold
    return "above" if better else "below"


def judge(name: str, value: float | None, thresholds: Mapping[str, float | None] | None = None) -> str | None:
    """`against` with the threshold named `name` and its direction."""
    table = DEFAULT_THRESHOLDS if thresholds is None else thresholds
    return against(value, table.get(name), higher_is_better=name not in LOWER_IS_BETTER)


def engagement_threshold(thresholds: Mapping[str, float | None], network: str) -> float | None:
    """The network's own engagement threshold (« engagement.facebook »), else the general one."""
    key = f"engagement.{network_key(network)}"
    return thresholds[key] if key in thresholds else thresholds.get("engagement")


def _threshold_number(key: str, value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CrmError(N_("nombre attendu"))
    if isinstance(value, str):
        try:
            value = float(value.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
        except ValueError:
            raise CrmError(N_("nombre attendu, pas « {text} »"), text=value.strip()) from None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise CrmError(N_("nombre attendu"))
    low, high = _THRESHOLD_RANGES.get(key, (0.0, 100.0))
    if not low <= value <= high:
        raise CrmError(N_("{value} hors des bornes ({low} à {high})"), value=_fr(value), low=_fr(low), high=_fr(high))
    return float(value)


def _fr(value: float) -> str:
    return f"{value:g}".replace(".", ",").replace("-", "−")


def validate_thresholds(values: Mapping) -> dict[str, float | None]:
    """Thresholds as typed (numbers, « 80,5 », None or "" = no threshold),
    checked: CSAT and rates 0–100, NPS −100–100, CES 1–7. Keys: those of
    DEFAULT_THRESHOLDS or « engagement.<network> ». ValidationError (French)."""
    problems: dict[str, str] = {}
    clean: dict[str, float | None] = {}
    for key, value in values.items():
        key = str(key)
        if key.startswith("engagement.") and network_key(key[len("engagement.") :]):
            key = f"engagement.{network_key(key[len('engagement.') :])}"  # « engagement.Facebook »
        if key not in DEFAULT_THRESHOLDS and not _ENGAGEMENT.fullmatch(key):
            problems[key] = _("seuil inconnu")
            continue
        try:
            clean[key] = _threshold_number(key, value)
        except CrmError as exc:
            problems[key] = str(exc)
    if problems:
        raise ValidationError(problems)
    return clean


def valid_thresholds(stored) -> dict[str, float | None]:
    """The valid entries of stored thresholds; an entry that is not valid
    (setting edited by hand) is dropped."""
    kept: dict[str, float | None] = {}
    if isinstance(stored, Mapping):
        for key, value in stored.items():
            try:
                kept.update(validate_thresholds({key: value}))
            except ValidationError:
                continue
    return kept


def merge_thresholds(stored) -> dict[str, float | None]:
    """The defaults with the valid stored thresholds over them."""
    return {**DEFAULT_THRESHOLDS, **valid_thresholds(stored)}


def evolution(old: float | None, new: float | None) -> float | None:
    """Change from `old` to `new` in % ((new − old) / old × 100); None when
    either is missing or old is 0."""
    if old is None or new is None or old == 0:
        return None
    return (new - old) * 100 / old


@dataclass(frozen=True)
class TrendPoint:
    label: str
    value: float | None
    change: float | None  # from the previous value: points, or % with relative=True


def trend(points: Iterable[tuple[str, float | None]], *, relative: bool = False) -> list[TrendPoint]:
    """Each (label, value) with its change from the previous one: a
    difference in points (rates, NPS) or, with relative=True, an evolution
    in % (counts, amounts). None for the first one and when a value is missing."""
    result: list[TrendPoint] = []
    previous: float | None = None
    for index, (label, value) in enumerate(points):
        if index == 0 or value is None or previous is None:
            change = None
        else:
            change = evolution(previous, value) if relative else value - previous
        result.append(TrendPoint(label, value, change))
        previous = value
    return result


# -- periods of the digital indicators ------------------------------------------------------

PERIOD_KINDS = ("year", "quarter", "month")
_PERIOD_HELP = N_("écrivez 2026 (année), 2026-03 (mois) ou 2026-T1 (trimestre)")
_YEAR = r"(\d{4})"
_PERIOD_FORMS = (
    ("year", re.compile(_YEAR)),
    ("month", re.compile(_YEAR + r"\s*[-/.]\s*(\d{1,2})")),
    ("month_first", re.compile(r"(\d{1,2})\s*[-/.]\s*" + _YEAR)),
    ("quarter", re.compile(_YEAR + r"\s*[-/ ]?\s*[tq]\s*(\d)")),
    ("quarter_first", re.compile(r"[tq]\s*(\d)\s*[-/ ]?\s*" + _YEAR)),
    ("month_name", re.compile(r"([a-z]+\.?)\s+" + _YEAR)),
)
_MONTH_NAMES = {
    fold(name).rstrip("."): number
    for names in (periods.MONTHS, periods.SHORT_MONTHS)
    for number, name in enumerate(names, start=1)
}


def parse_period(text: str) -> tuple[str, int, int]:
    """« 2019 » -> ("year", 2019, 0); « 2026-03 », « 03/2026 », « mars 2026 »
    -> ("month", 2026, 3); « 2026-T1 », « 2026-Q1 », « T1 2026 » -> ("quarter",
    2026, 1). CrmError with a French reason for anything else."""
    raw = " ".join((text or "").split())
    folded = fold(raw)
    if not folded:
        raise CrmError(N_("période manquante : {help}"), help=_(_PERIOD_HELP))
    for form, pattern in _PERIOD_FORMS:
        match = pattern.fullmatch(folded)
        if not match:
            continue
        groups = match.groups()
        if form == "year":
            kind, year, number = "year", int(groups[0]), 0
        elif form == "month":
            kind, year, number = "month", int(groups[0]), int(groups[1])
        elif form == "month_first":
            kind, year, number = "month", int(groups[1]), int(groups[0])
        elif form == "quarter":
            kind, year, number = "quarter", int(groups[0]), int(groups[1])
        elif form == "quarter_first":
            kind, year, number = "quarter", int(groups[1]), int(groups[0])
        else:
            month = _MONTH_NAMES.get(groups[0].rstrip("."))
            if month is None:
                break
            kind, year, number = "month", int(groups[1]), month
        if year < 1900:
            raise CrmError(N_("année invraisemblable dans « {text} »"), text=raw)
        if kind == "month" and not 1 <= number <= 12:
            raise CrmError(N_("mois impossible « {text} » (01 à 12)"), text=raw)
        if kind == "quarter" and not 1 <= number <= 4:
            raise CrmError(N_("trimestre impossible « {text} » (T1 à T4)"), text=raw)
        return kind, year, number
    raise CrmError(N_("période illisible « {text} » : {help}"), text=raw, help=_(_PERIOD_HELP))


def period_text(kind: str, year: int, number: int = 0) -> str:
    """The canonical form: « 2019 », « 2026-03 », « 2026-T1 »."""
    if kind == "year":
        return f"{year:04d}"
    if kind == "month":
        return f"{year:04d}-{number:02d}"
    if kind == "quarter":
        return f"{year:04d}-T{number}"
    raise ValueError(f"unknown period kind {kind!r}")


def normalize_period(text: str) -> str:
    """« 2026-q1 », « T1 2026 » -> « 2026-T1 » (CrmError when unreadable)."""
    return period_text(*parse_period(text))


def _first_month(kind: str, number: int) -> int:
    return {"year": 1, "quarter": 3 * number - 2, "month": number}[kind]


def period_sort_key(text: str) -> tuple[int, int, int]:
    """Chronological order: by first month, a longer period before the
    shorter ones that start with it (2026, 2026-T1, 2026-01, 2026-02 …)."""
    kind, year, number = parse_period(text)
    return year, _first_month(kind, number), PERIOD_KINDS.index(kind)


def year_before(text: str) -> str:
    """The same period one year earlier: « 2020 » -> « 2019 », « 2026-T1 » -> « 2025-T1 »."""
    kind, year, number = parse_period(text)
    return period_text(kind, year - 1, number)


def period_label(text: str) -> str:
    """For display: « 2019 », « mars 2026 », « T1 2026 »."""
    return period_bounds(text).label


def period_bounds(text: str) -> periods.Period:
    """The dates of a typed period (crmdesk.domain.periods.Period)."""
    kind, year, number = parse_period(text)
    return periods.bounds(kind, dt.date(year, _first_month(kind, number), 1))


# -- digital: the web shop funnel (docs/domain/06-indicators.md) --------------------------------------------

WEB_COUNTS = ("visitors", "product_views", "add_to_cart", "purchases")
WEB_LABELS = {
    "period": N_("période"),
    "visitors": N_("visiteurs"),
    "product_views": N_("pages produit vues"),
    "add_to_cart": N_("mises au panier"),
    "purchases": N_("achats"),
    "average_basket_cents": N_("panier moyen"),
}
# Measures compared year on year (and last period against the first).
EVOLUTION_MEASURES = ("visitors", "product_views", "add_to_cart", "purchases", "revenue_cents", "average_basket_cents")


@dataclass(frozen=True)
class WebRow:
    period: str  # canonical text (« 2019 », « 2026-03 », « 2026-T1 »)
    visitors: int
    product_views: int  # visitors who looked at a product page
    add_to_cart: int  # visitors who put a product in their cart
    purchases: int  # orders placed on the site
    average_basket_cents: int  # average order, in cents


@dataclass(frozen=True)
class WebIndicators:
    row: WebRow
    product_view_rate: float | None  # % product_views / visitors
    cart_rate: float | None  # % add_to_cart / visitors
    transformation_rate: float | None  # % add_to_cart / product_views
    conversion_rate: float | None  # % purchases / visitors
    lost_carts: int  # add_to_cart − purchases
    abandonment_rate: float | None  # % lost carts / add_to_cart
    revenue_cents: int  # average basket × purchases
    average_basket_cents: int
    previous: str | None = None  # period one year earlier, when its row is there
    evolution: dict[str, float | None] | None = None  # % against `previous`, by EVOLUTION_MEASURES

    @property
    def period(self) -> str:
        return self.row.period

    def measure(self, name: str) -> int:
        """A measure of EVOLUTION_MEASURES (a count, the revenue or the basket)."""
        return self.revenue_cents if name == "revenue_cents" else getattr(self.row, name)


@dataclass(frozen=True)
class Evolution:
    first: str  # period
    last: str
    changes: dict[str, float | None]  # % from first to last, by EVOLUTION_MEASURES


@dataclass(frozen=True)
class WebReport:
    items: list[WebIndicators]  # in chronological order
    overall: Evolution | None  # last against first (same kind of period), None under 2 rows

    def get(self, period: str) -> WebIndicators | None:
        wanted = normalize_period(period)
        return next((item for item in self.items if item.period == wanted), None)


def _count(value, *, optional: bool = False) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise CrmError(N_("valeur manquante"))
    if isinstance(value, str):
        value = parse_count(value)
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise CrmError(N_("nombre entier attendu, pas « {value} »"), value=value)
    if value < 0:
        raise CrmError(N_("nombre négatif « {value} »"), value=value)
    return value


def _optional_count(value) -> int | None:
    return _count(value, optional=True)


_GROUPING = re.compile(r"[\s\u00a0\u202f']")


def parse_count(text: str) -> int:
    """« 1 700 », « 1\u00a0700 », « 1700 » -> 1700; CrmError for a negative,
    decimal or unreadable number."""
    raw = _GROUPING.sub("", text or "")
    if not raw:
        raise CrmError(N_("valeur manquante"))
    if re.fullmatch(r"-\d+", raw):
        raise CrmError(N_("nombre négatif « {text} »"), text=text.strip())
    if not re.fullmatch(r"\+?\d+", raw):
        raise CrmError(N_("nombre entier attendu, pas « {text} »"), text=text.strip())
    return int(raw)


def _checked(cls, labels: Mapping[str, str], values: Mapping, checks: Mapping):
    problems: dict[str, str] = {}
    clean = {}
    for name, check in checks.items():
        try:
            clean[name] = check(values.get(name))
        except CrmError as exc:
            problems[labels.get(name, name)] = str(exc)
    if problems:
        raise ValidationError(problems)
    return cls(**clean)


def make_web_row(values: WebRow | Mapping) -> WebRow:
    """A WebRow from a mapping (or another WebRow), period normalised and
    counts checked (non-negative integers; « 1 700 » is read). Real figures
    can be odd (more views than visitors when a visitor comes back): only
    negatives are refused. ValidationError keyed by French field names."""
    if isinstance(values, WebRow):
        values = {f.name: getattr(values, f.name) for f in fields(WebRow)}
    checks = {"period": normalize_period}
    checks.update({name: _count for name in (*WEB_COUNTS, "average_basket_cents")})
    return _checked(WebRow, WEB_LABELS, values, checks)


def derive_web(row: WebRow, previous: WebRow | None = None) -> WebIndicators:
    """Rates of one period; with `previous` (the row one year earlier), the
    year-on-year evolutions."""
    lost = row.add_to_cart - row.purchases
    item = WebIndicators(
        row=row,
        product_view_rate=_share(row.product_views, row.visitors),
        cart_rate=_share(row.add_to_cart, row.visitors),
        transformation_rate=_share(row.add_to_cart, row.product_views),
        conversion_rate=_share(row.purchases, row.visitors),
        lost_carts=lost,
        abandonment_rate=_share(lost, row.add_to_cart),
        revenue_cents=row.average_basket_cents * row.purchases,
        average_basket_cents=row.average_basket_cents,
    )
    if previous is None:
        return item
    before = derive_web(previous)
    return replace(
        item,
        previous=previous.period,
        evolution={name: evolution(before.measure(name), item.measure(name)) for name in EVOLUTION_MEASURES},
    )


def web_report(rows: Iterable[WebRow]) -> WebReport:
    """Every row derived, in chronological order, each against the row of the
    same period one year earlier when there is one; `overall` compares the
    last period with the first one of the same kind (docs/domain/06-indicators.md: 2021/2019)."""
    ordered = sorted(rows, key=lambda r: period_sort_key(r.period))
    by_period = {r.period: r for r in ordered}
    items = [derive_web(r, by_period.get(year_before(r.period))) for r in ordered]
    overall = None
    if items:
        kind = parse_period(items[-1].period)[0]
        same = [i for i in items if parse_period(i.period)[0] == kind]
        if len(same) >= 2:
            first, last = same[0], same[-1]
            overall = Evolution(
                first.period,
                last.period,
                {name: evolution(first.measure(name), last.measure(name)) for name in EVOLUTION_MEASURES},
            )
    return WebReport(items, overall)


# -- digital: social networks (docs/domain/06-indicators.md) ------------------------------------------------

SOCIAL_COUNTS = ("reach", "likes", "comments", "shares")
SOCIAL_LABELS = {
    "period": N_("période"),
    "network": N_("réseau"),
    "reach": N_("portée"),
    "likes": N_("j'aime"),
    "comments": N_("commentaires"),
    "shares": N_("partages"),
    "reach_objective": N_("objectif de portée"),
    "likes_objective": N_("objectif de j'aime"),
}
NETWORKS = {
    "facebook": "Facebook",
    "twitter": "Twitter",
    "x": "X",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "pinterest": "Pinterest",
    "snapchat": "Snapchat",
    "threads": "Threads",
    "bluesky": "Bluesky",
}


def network_key(name: str) -> str:
    """« Linked In », « linkedin » -> « linkedin » (thresholds, comparisons)."""
    return re.sub(r"[^a-z0-9]+", "", fold(name or ""))


def normalize_network(name: str) -> str:
    """Known networks get their usual spelling (« facebook » -> « Facebook »);
    another name is kept as typed, spaces tidied. CrmError when empty."""
    tidy = " ".join((name or "").split())
    if not tidy:
        raise CrmError(N_("réseau manquant"))
    return NETWORKS.get(network_key(tidy), tidy)


@dataclass(frozen=True)
class SocialRow:
    period: str
    network: str
    reach: int  # people who saw the publications (portée)
    likes: int
    comments: int
    shares: int
    reach_objective: int | None = None
    likes_objective: int | None = None


@dataclass(frozen=True)
class SocialIndicators:
    row: SocialRow
    engaged: int  # likes + comments + shares
    engagement_rate: float | None  # % engaged / reach
    reach_vs_objective: float | None  # % reach / reach objective
    like_rate: float | None  # % likes / reach
    like_objective_rate: float | None  # % likes objective / reach objective
    likes_vs_objective: float | None  # % likes / likes objective

    @property
    def period(self) -> str:
        return self.row.period

    @property
    def network(self) -> str:
        return self.row.network


def make_social_row(values: SocialRow | Mapping) -> SocialRow:
    """A SocialRow from a mapping (or another SocialRow), checked like
    `make_web_row`; the objectives may be empty (None)."""
    if isinstance(values, SocialRow):
        values = {f.name: getattr(values, f.name) for f in fields(SocialRow)}
    checks = {"period": normalize_period, "network": normalize_network}
    checks.update({name: _count for name in SOCIAL_COUNTS})
    checks.update({name: _optional_count for name in ("reach_objective", "likes_objective")})
    return _checked(SocialRow, SOCIAL_LABELS, values, checks)


def derive_social(row: SocialRow) -> SocialIndicators:
    engaged = row.likes + row.comments + row.shares
    return SocialIndicators(
        row=row,
        engaged=engaged,
        engagement_rate=_share(engaged, row.reach),
        reach_vs_objective=_share(row.reach, row.reach_objective),
        like_rate=_share(row.likes, row.reach),
        like_objective_rate=_share(row.likes_objective, row.reach_objective)
        if row.likes_objective is not None
        else None,
        likes_vs_objective=_share(row.likes, row.likes_objective),
    )


def social_report(rows: Iterable[SocialRow]) -> list[SocialIndicators]:
    """Every row derived, by period (chronological) then network."""
    ordered = sorted(rows, key=lambda r: (period_sort_key(r.period), network_key(r.network)))
    return [derive_social(r) for r in ordered]
