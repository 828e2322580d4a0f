"""Reaching clients on a big file: who a mailing keeps, letters, labels.

    python bench/bench_outreach.py                    # on bench/out/clients-1000000.sqlite (read only)
    python bench/bench_outreach.py --count 100000 --letters 200 --labels 2000

Each figure is printed next to a reference measured in the same run:

- the plan of a mailing to every contact (crmdesk/store/outreach.py
  plan_selection: ids of the query, then the contacts by chunks of ids,
  the rules of domain/outreach.py, NF Z10-011 problems noted), against the
  mailing list's own decision over the same contacts (store/mailing.py
  candidates, one cursor, domain/mailing.py exclusion, nothing written);
- N letters of a template (print_letters: merge values read per client,
  one page each) against N client sheets (print_sheets) of the same clients;
- N address labels (L7160) against N client cards (ten to a page) of the same clients.

The file is opened read-only (it stays as the lead built it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import OUT, Timer, report

TODAY = dt.date(2026, 11, 23)
TEMPLATE = {
    "name": "Relance",
    "subject": "Vous nous manquez, {prenom} !",
    "body": "<p>{formule_appel},</p><p>Votre dernière commande remonte au {derniere_commande_date} "
    "({derniere_commande_montant}). Votre numéro client : <b>{code_client}</b>.</p>"
    "<p>Le service clients<br/>{expediteur}</p>",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--letters", type=int, default=1_000)
    parser.add_argument("--labels", type=int, default=10_000)
    args = parser.parse_args()

    from crmdesk.domain import mailing as rules
    from crmdesk.domain.labels import LABEL_FORMATS
    from crmdesk.reports.labels import print_labels
    from crmdesk.reports.letters import print_letters
    from crmdesk.reports.prints import print_cards, print_sheets
    from crmdesk.store import mailing as mailing_store
    from crmdesk.store.contacts import ContactQuery
    from crmdesk.store.database import Database
    from crmdesk.store.outreach import Selection, plan_selection

    path = OUT / f"clients-{args.count}.sqlite"
    if not path.exists():
        raise SystemExit(f"{path} is missing (bench/common.py big_file builds it)")
    with Database(path, writer=False) as database, tempfile.TemporaryDirectory() as folder:
        with Timer() as reference:
            suppressed = rules.suppression_check(mailing_store.suppressed_hashes(database))
            kept = sum(1 for c in mailing_store.candidates(database) if rules.exclusion("post", c, suppressed) is None)
        with Timer() as mine:
            plan = plan_selection(database, Selection(query=ContactQuery(sort="code")), "post")
        assert len(plan.ids) == kept, (len(plan.ids), kept)
        report(
            f"plan of a mailing to {args.count:,} contacts ({kept:,} kept)",
            mine.seconds,
            "s",
            f"mailing list's own pass {reference.seconds:.1f} s, ratio {mine.seconds / reference.seconds:.2f}",
            mine.seconds <= 3 * reference.seconds,
        )

        ids = plan.ids[: args.letters]
        with Timer() as sheets:
            print_sheets(database, ids, Path(folder) / "fiches.pdf", today=TODAY)
        with Timer() as letters:
            result = print_letters(database, TEMPLATE, ids, Path(folder) / "lettres.pdf", today=TODAY)
        report(
            f"{result.letters:,} letters",
            result.letters / letters.seconds,
            "letters/s",
            f"client sheets {len(ids) / sheets.seconds:,.1f}/s",
            letters.seconds <= sheets.seconds,
        )

        ids = plan.ids[: args.labels]
        with Timer() as cards:
            print_cards(database, ids, Path(folder) / "cartes.pdf")
        with Timer() as labels:
            done = print_labels(database, ids, Path(folder) / "etiquettes.pdf", LABEL_FORMATS["L7160"])
        report(
            f"{done.labels:,} labels L7160 ({done.pages:,} sheets)",
            done.labels / labels.seconds,
            "labels/s",
            f"client cards {len(ids) / cards.seconds:,.1f}/s",
            labels.seconds <= 1.5 * cards.seconds,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
