"""Duplicate search speed and recall on a file with planted duplicates.

    python bench/bench_duplicates.py                  # 100,000 contacts, 3 % planted copies
    python bench/bench_duplicates.py --count 20000 --share 0.05

Target (issue 7): the whole-file search (DuplicateStore.candidates, what
« Rechercher les doublons » and `crmdesk duplicates` run) in ≤ 30 s on
100,000 clients, by blocks, never every pair.

The file (deterministic, written in one transaction through Database.insert_many
and contacts.prepare_bulk, like an import) holds originals with varied names
(the demo's pools plus invented surnames), ~2,000 postal codes weighted like
towns of different sizes, most with a unique e-mail and mobile number, some
working for a company; then `share` of the contacts are copies of an
original, typed again in one of five ways:

  email    same e-mail in other capitals, « NOM Prénom » typed in the last name, no postal code
  phone    same number (the other field), a typo in the last name, another postal code
  typo     same postal code, one letter wrong, missing or doubled in the last or first name
  swapped  same postal code, last and first names swapped, no accents, hyphens as spaces
  company  same company, a typo in the first name, another postal code

It prints the time of the search, the recall of the planted pairs (overall and
by way) and how many other pairs were found (namesakes at the same place, by
chance of the draw).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Timer, report
from crmdesk.demo.names import FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES
from crmdesk.domain.text import fold
from crmdesk.store.contacts import prepare_bulk
from crmdesk.store.database import Database
from crmdesk.store.duplicates import DuplicateStore

WAYS = ("email", "phone", "typo", "swapped", "company")
_ONSETS = ("b", "br", "c", "ch", "d", "f", "g", "gr", "j", "l", "m", "n", "p", "pr", "r", "s", "t", "tr", "v")
_VOWELS = ("a", "e", "i", "o", "ou", "au", "é", "ai", "eu")
_CODAS = ("", "", "n", "r", "l", "s", "t", "rd", "nd", "ll", "x")
_ENDINGS = ("", "et", "on", "eau", "ier", "ard", "in", "ot", "and", "elle", "y")
_FIELDS = (
    "code",
    "kind",
    "stage",
    "civility",
    "last_name",
    "first_name",
    "company",
    "email",
    "phone",
    "phone2",
    "postal_code",
    "city",
    "department",
    "country",
    "first_contact",
    "source",
)


def invented_surname(rnd: random.Random) -> str:
    parts = [rnd.choice(_ONSETS) + rnd.choice(_VOWELS) + rnd.choice(_CODAS) for _ in range(rnd.choice((1, 2, 2)))]
    return ("".join(parts) + rnd.choice(_ENDINGS)).upper()


def postal_codes(rnd: random.Random, count: int = 2_000) -> tuple[list[str], list[float]]:
    departments = [f"{d:02d}" for d in range(1, 96) if d != 20]
    codes = sorted({rnd.choice(departments) + f"{rnd.randrange(0, 1000):03d}" for _ in range(count * 2)})[:count]
    rnd.shuffle(codes)
    return codes, [1 / (rank + 10) for rank in range(len(codes))]  # a few big towns, many small


def typo(rnd: random.Random, word: str) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    i = rnd.randrange(1, len(word)) if len(word) > 1 else 0
    kind = rnd.choice(("swap", "drop", "double"))
    if kind == "drop" and len(word) > 4:
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    replacement = rnd.choice(letters)
    return word[:i] + (replacement.upper() if word[i].isupper() else replacement) + word[i + 1 :]


def original(rnd: random.Random, n: int, codes, weights, companies) -> dict:
    female = rnd.random() < 0.5
    first = rnd.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
    if rnd.random() < 0.15:
        first = first + "-" + rnd.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
    last = rnd.choice(LAST_NAMES) if rnd.random() < 0.4 else invented_surname(rnd)
    postal = rnd.choices(codes, weights)[0]
    row = dict.fromkeys(_FIELDS, None)
    row.update(
        code=f"D{n:07d}",
        kind="person",
        stage=rnd.choice(("prospect", "client", "client")),
        civility="Mme" if female else "M.",
        last_name=last,
        first_name=first,
        postal_code=postal,
        city=f"Ville {postal}",
        department=postal[:2],
        country="FR",
        first_contact="2024-01-15",
        source="web",
        email="",
        phone="",
    )
    if rnd.random() < 0.75:
        row["email"] = f"{fold(first).replace(' ', '-')}.{fold(last).replace(' ', '')}.{n}@example.fr"
    if rnd.random() < 0.8:
        row["phone"] = f"+336{n:08d}"
    if rnd.random() < 0.1:
        row["company"] = rnd.choice(companies)
    return row


def copy_of(rnd: random.Random, row: dict, way: str, n: int, codes, weights) -> dict:
    copy = {**row, "code": f"D{n:07d}", "stage": "prospect", "email": "", "phone": "", "phone2": None, "company": None}
    elsewhere = rnd.choices(codes, weights)[0]
    if way == "email":
        copy.update(
            email=row["email"].upper() if rnd.random() < 0.5 else row["email"].title(),
            last_name=f"{row['last_name']} {row['first_name']}",
            first_name=None,
            postal_code="",
            city="",
            department=None,
        )
    elif way == "phone":
        copy.update(
            phone2=row["phone"],
            last_name=typo(rnd, row["last_name"]),
            postal_code=elsewhere,
            city=f"Ville {elsewhere}",
            department=elsewhere[:2],
        )
    elif way == "typo":
        if rnd.random() < 0.5:
            copy["last_name"] = typo(rnd, row["last_name"])
        else:
            copy["first_name"] = typo(rnd, row["first_name"])
    elif way == "swapped":
        copy.update(
            last_name=fold(row["first_name"]).replace("-", " ").upper(), first_name=fold(row["last_name"]).title()
        )
    elif way == "company":
        copy.update(
            company=row["company"],
            first_name=typo(rnd, row["first_name"]),
            postal_code=elsewhere,
            city=f"Ville {elsewhere}",
            department=elsewhere[:2],
        )
    return copy


def build(path: Path, count: int, share: float, seed: int = 20261123) -> dict[tuple[str, str], str]:
    """Write the file; returns the planted pairs (code of the original, code of the copy) -> way."""
    rnd = random.Random(seed)
    codes, weights = postal_codes(rnd)
    companies = [
        f"{invented_surname(rnd).title()} {rnd.choice(('Bio', 'Primeurs', 'Conseil', 'Services'))}"
        for _ in range(3_000)
    ]
    planted_count = int(count * share)
    rows = [original(rnd, n, codes, weights, companies) for n in range(1, count - planted_count + 1)]
    chosen = rnd.sample(range(len(rows)), planted_count)
    planted = {}
    for k, index in enumerate(chosen):
        way = WAYS[k % len(WAYS)]
        if way == "company" and not rows[index]["company"]:
            way = "typo"
        if way in ("email", "phone") and not rows[index][way]:
            way = "typo"
        copy = copy_of(rnd, rows[index], way, len(rows) + 1, codes, weights)
        rows.append(copy)
        planted[(rows[index]["code"], copy["code"])] = way
    with Database(path, create=True) as database, database.atomic():
        prepared = list(prepare_bulk(rows))
        database.insert_many("contacts", prepared[0][0], (values for _columns, values in prepared))
    return planted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="contacts in the file (copies included)")
    parser.add_argument("--share", type=float, default=0.03, help="share of planted copies")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "duplicates.sqlite"
        with Timer() as built:
            planted = build(path, args.count, args.share)
        print(f"{args.count:,} contacts, {len(planted):,} planted copies, written in {built.seconds:.1f} s", flush=True)
        with Database(path, writer=False) as database, Timer() as search:
            pairs = DuplicateStore(database).candidates()
        found = {(p.code_a, p.code_b) for p in pairs} | {(p.code_b, p.code_a) for p in pairs}
        hits = Counter(way for pair, way in planted.items() if pair in found)
        ways = Counter(planted.values())
        recall = sum(hits.values()) / len(planted)
        report(f"search of {args.count:,} contacts", search.seconds, "s", "target ≤ 30 s", search.seconds <= 30)
        print(f"recall of the planted pairs: {100 * recall:.1f} % ({sum(hits.values()):,} / {len(planted):,})")
        for way in WAYS:
            if ways[way]:
                print(f"  {way:<8} {100 * hits[way] / ways[way]:5.1f} % ({hits[way]:,} / {ways[way]:,})")
        others = len(pairs) - sum(hits.values())
        print(
            f"pairs found: {len(pairs):,}, of which {others:,} not planted (namesakes drawn at the same place, "
            f"shared company, copies of a copy's original…)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
