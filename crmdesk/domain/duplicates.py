"""Duplicates (docs/domain/01-client-file.md): who is probably the same person typed twice, and
how two records become one.

Two contacts are candidates when they have
  * the same e-mail, case ignored (« même e-mail ») ;
  * the same phone number, E.164 as the store keeps it, either of their two
    numbers (« même téléphone ») ;
  * the same SIRET (« même SIRET ») ;
  * close names — accents, case, hyphens, word order and legal forms (SARL…)
    ignored, rapidfuzz ratio of the sorted words ≥ NAME_THRESHOLD (85), and
    each word of the shorter name close to one of the other's — in
    the same postal code or, for two people, the same company (same company
    sheet, or the same company name typed) : « noms proches (92) et même code
    postal ».

Score (0–100), so that the surest come first:
  * same e-mail: 80 + name similarity / 5 (80 with unrelated names, 100 for
    the same name); same phone: 75 + similarity / 5; same SIRET: 90;
  * close names at the same place: their similarity (85–100);
  * each further reason adds 5 to the best one, up to 100.
The reason lists them all: « même e-mail, même téléphone ».

A person is never proposed with the company sheet they work for (that link
is on purpose). A value shared by more than MAX_SHARED contacts (a shop's own
e-mail typed for walk-in clients, a switchboard number) says nothing about
who is who: those contacts are not paired on it.

find_pairs() never compares every pair: it blocks — only contacts sharing an
e-mail, a phone, a SIRET, or a postal code (or company) together with the
phonetic key of one of their name's words are compared — so that 100,000
contacts take seconds (bench/bench_duplicates.py).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from crmdesk.domain.contact import FIELD_NAMES
from crmdesk.domain.errors import CrmError
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _

NAME_THRESHOLD = 85  # name similarity (0–100) from which two names are « proches »
WORD_THRESHOLD = 75  # … provided each word of the shorter name is this close to one of the other's
MAX_SHARED = 50  # an e-mail / phone / SIRET shared by more contacts is not a person's
_SMALL_BLOCK = 24  # up to this many names, compare pair by pair; beyond, rapidfuzz.cdist
_CHUNK = 2_000  # rows of one cdist call (memory: chunk × block bytes)

# Words that say nothing about who someone is: legal forms (dropped from the
# compared name) and articles (not used to block).
LEGAL_FORMS = frozenset(
    {
        "sarl",
        "sas",
        "sasu",
        "sa",
        "eurl",
        "sci",
        "snc",
        "scop",
        "selarl",
        "ei",
        "eirl",
        "ets",
        "etablissements",
        "societe",
        "ste",
        "cie",
        "et",
    }
)
_ARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "d", "l", "van", "von", "der", "di", "da"})
_WORD = re.compile(r"[a-z0-9]+")


# -- keys --------------------------------------------------------------------------
_PHONETIC_RULES = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"^h", ""),
        (r"sch|sh|ch", "s"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"gu(?=[eiy])", "G"),
        (r"qu|q", "k"),
        (r"c(?=[eiy])", "s"),
        (r"ck|c", "k"),
        (r"g(?=[eiy])", "j"),
        (r"w", "v"),
        (r"z", "s"),
        (r"y", "i"),
        (r"bv", "v"),
        (r"h", ""),
    )
)


@functools.lru_cache(maxsize=1 << 16)  # names repeat: a file has far fewer words than contacts
def phonetic(word: str) -> str:
    """A rough French sound key of one word, for blocking: « Dupont » and
    « Dupond » -> « dpn », « Lefèvre » and « Lefebvre » -> « lfvr »,
    « Philippe » and « Filipe » -> « flp ». The first letter, then the
    consonants, doubled letters once, silent endings (e, s, t, d, x) dropped."""
    w = "".join(_WORD.findall(fold(word)))
    while len(w) > 3 and w[-1] in "estdx":
        w = w[:-1]
    for pattern, replacement in _PHONETIC_RULES:
        w = pattern.sub(replacement, w)
    w = w.lower()  # « G »: a hard g kept from the g-before-e/i rule
    if not w:
        return ""
    key = [w[0]]
    for ch in w[1:]:
        if ch not in "aeiou" and ch != key[-1]:
            key.append(ch)
    return "".join(key)[:6]


def name_words(text: str | None) -> list[str]:
    """Folded words of a name, hyphens and apostrophes as spaces: « Marie-Paule REVEL » ->
    [marie, paule, revel]."""
    return _WORD.findall(fold(text))


def compared_name(row: Mapping) -> str:
    """The name two contacts are compared on: a person's last and first names,
    a company's name (a person without names: their company), folded, legal
    forms dropped, words sorted (word order does not matter). A stored row's
    `name_key` (the store's fold of that same name) saves folding it again."""
    if row.get("name_key") is not None:
        return " ".join(sorted(w for w in _WORD.findall(row["name_key"]) if w not in LEGAL_FORMS))
    if row.get("kind") == "company":
        text = row.get("company") or " ".join(filter(None, (row.get("last_name"), row.get("first_name"))))
    else:
        text = " ".join(filter(None, (row.get("last_name"), row.get("first_name")))) or row.get("company") or ""
    return " ".join(sorted(w for w in name_words(text) if w not in LEGAL_FORMS))


@dataclass(frozen=True, slots=True)
class Profile:
    """What the comparison reads of one contact."""

    id: int
    name: str  # compared_name()
    keys: frozenset[str]  # phonetic keys of the name's words (blocking)
    email: str  # lower case, "" = none
    phones: frozenset[str]  # E.164
    postal_code: str
    company: str  # people only: "#<company sheet id>" or the folded company name typed
    siret: str
    company_id: int | None


def profile(row: Mapping) -> Profile:
    """The comparison keys of a contact row (a dict with the contacts columns)."""
    name = compared_name(row)
    keys = frozenset(k for k in (phonetic(w) for w in name.split() if len(w) >= 2 and w not in _ARTICLES) if k)
    phones = frozenset(p for p in (row.get("phone"), row.get("phone2")) if p)
    company = ""
    if row.get("kind") != "company":
        if row.get("company_id"):
            company = f"#{row['company_id']}"
        elif row.get("company"):
            words = (
                _WORD.findall(row["company_key"]) if row.get("company_key") is not None else name_words(row["company"])
            )
            company = " ".join(w for w in words if w not in LEGAL_FORMS)
    return Profile(
        id=int(row["id"]) if row.get("id") is not None else 0,
        name=name,
        keys=keys,
        email=(row.get("email") or "").strip().casefold(),
        phones=phones,
        postal_code=(row.get("postal_code") or "").strip(),
        company=company,
        siret="".join(ch for ch in (row.get("siret") or "") if ch.isdigit()),
        company_id=row.get("company_id"),
    )


# -- scoring -----------------------------------------------------------------------
def similarity(a: str, b: str) -> int:
    """0–100: rapidfuzz ratio of two compared names (their words already sorted)."""
    from rapidfuzz import fuzz

    if not a or not b:
        return 0
    return round(fuzz.ratio(a, b))


def words_match(a: str, b: str) -> bool:
    """Each word of the name with fewer words has a close word (ratio ≥ WORD_THRESHOLD,
    or an initial) in the other: « boutique du lac saveurs » and « boutique du
    plateau saveurs » are alike overall (88) but « lac » is nowhere in the other."""
    from rapidfuzz import fuzz

    short, long_ = sorted((a.split(), b.split()), key=len)
    return all(
        any(v.startswith(w) if len(w) == 1 else fuzz.ratio(w, v, score_cutoff=WORD_THRESHOLD) for v in long_)
        for w in short
    )


@dataclass(frozen=True, slots=True)
class Match:
    score: int
    reason: str


def compare(a: Profile, b: Profile, threshold: int = NAME_THRESHOLD) -> Match | None:
    """Why `a` and `b` may be the same contact, with a score; None if nothing says so."""
    if a.id and a.id == b.id:
        return None
    if (a.company_id and a.company_id == b.id) or (b.company_id and b.company_id == a.id):
        return None
    names = similarity(a.name, b.name)
    scores: list[int] = []
    reasons: list[str] = []
    if a.email and a.email == b.email:
        scores.append(80 + names // 5)
        reasons.append(_("même e-mail"))
    if a.phones & b.phones:
        scores.append(75 + names // 5)
        reasons.append(_("même téléphone"))
    if a.siret and a.siret == b.siret:
        scores.append(90)
        reasons.append(_("même SIRET"))
    if names >= threshold and words_match(a.name, b.name):
        places = []
        if a.postal_code and a.postal_code == b.postal_code:
            places.append(_("même code postal"))
        if a.company and a.company == b.company:
            places.append(_("même entreprise"))
        if places:
            scores.append(names)
            reasons.append(
                _("noms proches ({score}) et {place}", score=names, place=places[0])
                if len(places) == 1
                else _("noms proches ({score}), {place} et {place2}", score=names, place=places[0], place2=places[1])
            )
    if not scores:
        return None
    return Match(min(100, max(scores) + 5 * (len(scores) - 1)), ", ".join(reasons))


@dataclass(frozen=True, slots=True)
class Pair:
    """Two candidate contacts (a < b) with the score and reason of compare()."""

    a: int
    b: int
    score: int
    reason: str


def pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def matches_for(new: Profile, others: Iterable[Profile], threshold: int = NAME_THRESHOLD) -> list[tuple[int, Match]]:
    """(id, match) of the contacts among `others` that `new` (typed, not saved
    yet) may duplicate, surest first."""
    found = []
    for other in others:
        match = compare(new, other, threshold)
        if match is not None:
            found.append((other.id, match))
    found.sort(key=lambda item: (-item[1].score, item[0]))
    return found


def find_pairs(
    rows: Iterable[Mapping],
    *,
    threshold: int = NAME_THRESHOLD,
    skip: Iterable[tuple[int, int]] = (),
    check: Callable[[], None] | None = None,
) -> list[Pair]:
    """Every candidate pair among `rows` (contact dicts), surest first, by
    blocks (see the module's docstring). `skip`: pairs said not to be
    duplicates. `check()` is called now and then (a cancel raises there)."""
    check = check or (lambda: None)
    profiles = [profile(row) for row in rows]
    check()
    exact: dict[tuple[str, str], list[int]] = defaultdict(list)
    named: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, p in enumerate(profiles):
        if p.email:
            exact[("e", p.email)].append(index)
        for phone in p.phones:
            exact[("t", phone)].append(index)
        if p.siret:
            exact[("s", p.siret)].append(index)
        for key in p.keys:
            if p.postal_code:
                named[("p", p.postal_code, key)].append(index)
            if p.company:
                named[("c", p.company, key)].append(index)
    check()
    candidates: set[tuple[int, int]] = set()
    for members in exact.values():
        if 1 < len(members) <= MAX_SHARED:
            candidates.update((i, j) for n, i in enumerate(members) for j in members[n + 1 :])
    for count, members in enumerate(named.values()):
        if len(members) > 1:
            candidates.update(_close_pairs(members, [profiles[i].name for i in members], threshold))
        if count % 5_000 == 0:
            check()
    skipped = {pair_key(a, b) for a, b in skip}
    pairs = []
    for count, (i, j) in enumerate(candidates):
        a, b = profiles[i], profiles[j]
        if pair_key(a.id, b.id) in skipped:
            continue
        match = compare(a, b, threshold)
        if match is not None:
            first, second = pair_key(a.id, b.id)
            pairs.append(Pair(first, second, match.score, match.reason))
        if count % 50_000 == 0:
            check()
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    return pairs


def _close_pairs(members: Sequence[int], names: Sequence[str], threshold: int) -> Iterable[tuple[int, int]]:
    """Pairs of `members` whose names are at least `threshold` alike."""
    from rapidfuzz import fuzz, process

    count = len(names)
    if count <= _SMALL_BLOCK:
        for n in range(count):
            for m in range(n + 1, count):
                if fuzz.ratio(names[n], names[m], score_cutoff=threshold):
                    yield members[n], members[m]
        return
    import numpy

    for start in range(0, count, _CHUNK):
        block = process.cdist(
            names[start : start + _CHUNK],
            names,
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            dtype=numpy.uint8,
            workers=-1,
        )
        rows, columns = numpy.nonzero(block)
        for n, m in zip((rows + start).tolist(), columns.tolist()):
            if m > n:
                yield members[n], members[m]


# -- merging -------------------------------------------------------------------------
# Fields a merge chooses between (the N° client stays the kept one's: both
# codes exist until the other is removed, and the kept one is the one in use).
MERGE_FIELDS = tuple(f for f in FIELD_NAMES if f != "code")
_STAGE_RANK = {"prospect": 0, "former": 1, "client": 2}


def is_empty(value) -> bool:
    return value is None or value == "" or value == 0 or value is False


def same_value(a, b) -> bool:
    return (is_empty(a) and is_empty(b)) or a == b


def differing_fields(keep: Mapping, other: Mapping) -> list[str]:
    """The merge fields where the two contacts differ, in the sheet's order."""
    return [f for f in MERGE_FIELDS if not same_value(keep.get(f), other.get(f))]


def default_choices(keep: Mapping, other: Mapping) -> dict[str, str]:
    """« keep » or « other » for every differing field: the kept contact's
    value, unless it is empty and the other's is not (a blank is filled, a
    consent or an opposition given on either record is kept); the stage is
    the further one (client > ancien client > prospect)."""
    choices = {}
    for field in differing_fields(keep, other):
        if field == "stage":
            better = _STAGE_RANK.get(other.get("stage"), 0) > _STAGE_RANK.get(keep.get("stage"), 0)
            choices[field] = "other" if better else "keep"
        else:
            choices[field] = "other" if is_empty(keep.get(field)) and not is_empty(other.get(field)) else "keep"
    return choices


def merged_values(keep: Mapping, other: Mapping, choices: Mapping[str, object]) -> dict:
    """The changes to make on the kept contact: field -> new value, for the
    fields whose chosen value differs from the kept one's. `choices` maps a
    field to « keep », « other » or a value of its own; fields not in it
    follow default_choices()."""
    wanted = {**default_choices(keep, other), **dict(choices)}
    unknown = sorted(set(wanted) - set(MERGE_FIELDS))
    if unknown:
        raise CrmError(N_("Champ impossible à fusionner : {fields}"), fields=", ".join(unknown))
    changes = {}
    for field, choice in wanted.items():
        value = keep.get(field) if choice == "keep" else other.get(field) if choice == "other" else choice
        if not same_value(value, keep.get(field)):
            changes[field] = value
    return changes


# What moves with a merge, in the order the history is told.
HISTORY = (
    ("orders", N_("commande"), N_("commandes")),
    ("complaints", N_("réclamation"), N_("réclamations")),
    ("interactions", N_("échange"), N_("échanges")),
    ("tasks", N_("tâche"), N_("tâches")),
    ("survey_answers", N_("réponse d'enquête"), N_("réponses d'enquête")),
    ("loyalty_ledger", N_("mouvement de points"), N_("mouvements de points")),
    ("loyalty_card", N_("carte de fidélité"), N_("cartes de fidélité")),
    ("attachments", N_("pièce jointe"), N_("pièces jointes")),
    ("parties_hosted", N_("réunion reçue"), N_("réunions reçues")),
    ("parties_attended", N_("réunion (invitée)"), N_("réunions (invitée)")),
    ("members", N_("personne de l'entreprise"), N_("personnes de l'entreprise")),
    ("referrals", N_("filleul"), N_("filleuls")),
    ("tags", N_("étiquette"), N_("étiquettes")),
)


def history_text(counts: Mapping[str, int]) -> str:
    """« 12 commandes, 1 réclamation, 3 étiquettes » (nothing: « aucun historique »)."""
    parts = []
    for key, one, many in HISTORY:
        n = int(counts.get(key, 0) or 0)
        if n:
            parts.append(f"{n:,}".replace(",", "\u202f") + " " + _(one if n == 1 else many))
    return ", ".join(parts) if parts else _("aucun historique")
