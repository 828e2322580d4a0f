"""Who a letter, a label or an e-mail may go to (docs/domain/08-personal-data.md and 13-writing-to-clients.md).

The rules of the mailing lists (crmdesk/domain/mailing.py: opposition, the
suppression list, nothing to write to, no consent on the channel — post
needs none), plus what a mailing must never do:

- an anonymised person (erased) is never written to;
- a contact marked deceased (a tag « Décédé », « Décédée ») is left out of
  every channel;
- a contact whose postal address is known to be wrong (tag « NPAI », n'habite
  pas à l'adresse indiquée: the letter came back) is left out of post.

A **safety** message (a product recall: EU regulation 178/2002 art. 18) is
not prospecting: it goes to everyone who bought the product and can be
reached, opposition and the suppression list do not apply; the marks above
and « nothing to write to » still do.

    counts = SelectionCounts("post")
    counts.add(exclusion("post", contact, suppressed, tags=…))
    counts.summary()   # « 388 destinataires ; 12 écartés : 8 sans adresse postale, 3 en opposition, 1 décédé. »
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from crmdesk.domain import mailing
from crmdesk.domain.text import fold
from crmdesk.i18n import N_, _, ngettext

MARKETING, SAFETY = "marketing", "safety"
PURPOSES = (MARKETING, SAFETY)
ANONYMISED, DECEASED, MOVED = "anonymised", "deceased", "moved"
REASONS = (ANONYMISED, DECEASED, MOVED, *mailing.REASONS)
_LABELS = {ANONYMISED: N_("anonymisé(s)"), DECEASED: N_("décédé(s)"), MOVED: N_("n'habitant plus à l'adresse (NPAI)")}
SUMMARY_ORDER = (
    mailing.NO_ADDRESS,
    mailing.NO_CONSENT,
    mailing.OPPOSITION,
    mailing.SUPPRESSED,
    MOVED,
    DECEASED,
    ANONYMISED,
)

# Tags that mark a contact (folded).
DECEASED_TAGS = frozenset(("decede", "decedee", "deceased"))
MOVED_TAGS = frozenset(("npai", "n habite pas a l adresse indiquee", "adresse erronee"))

# What each way out is, as a batch records it, and the channel whose rules it follows.
BATCH_CHANNELS = {"letter": "post", "labels": "post", "envelope": "post", "email": "email"}
BATCH_LABELS = {
    "letter": N_("Lettres"),
    "labels": N_("Étiquettes"),
    "envelope": N_("Enveloppes"),
    "email": N_("E-mails"),
}
# The interaction's channel (crmdesk.domain.interactions.CHANNELS) of each.
INTERACTION_CHANNELS = {"letter": "mail", "labels": "mail", "envelope": "mail", "email": "email"}


def marks(tags: Iterable[str]) -> set[str]:
    """DECEASED and MOVED among a contact's tags."""
    folded = {fold(t).replace("'", " ").replace("’", " ") for t in tags}
    found = set()
    if folded & DECEASED_TAGS:
        found.add(DECEASED)
    if folded & MOVED_TAGS:
        found.add(MOVED)
    return found


def exclusion(
    channel: str,
    contact: Mapping,
    suppressed: Callable[[Mapping], bool],
    *,
    tags: Iterable[str] = (),
    purpose: str = MARKETING,
) -> str | None:
    """Why the contact is left out (a REASONS code), or None: it is written to."""
    mailing.check_channel(channel)
    if contact.get("erased_at"):
        return ANONYMISED
    found = marks(tags)
    if DECEASED in found:
        return DECEASED
    if channel == "post" and MOVED in found:
        return MOVED
    if purpose == SAFETY:
        return mailing.NO_ADDRESS if mailing.reach(channel, contact) is None else None
    return mailing.exclusion(channel, contact, suppressed)


def reason_text(channel: str, reason: str) -> str:
    if reason in _LABELS:
        return _(_LABELS[reason])
    return mailing.reason_text(channel, reason)


@dataclass
class SelectionCounts:
    """How many recipients a selection keeps, and how many it leaves out, why."""

    channel: str
    kept: int = 0
    excluded: dict[str, int] = field(default_factory=dict)

    def add(self, reason: str | None) -> None:
        if reason is None:
            self.kept += 1
        else:
            self.excluded[reason] = self.excluded.get(reason, 0) + 1

    @property
    def left_out(self) -> int:
        return sum(self.excluded.values())

    def reasons(self) -> list[tuple[str, int]]:
        return [(r, self.excluded[r]) for r in SUMMARY_ORDER if self.excluded.get(r)]

    def summary(self) -> str:
        """« 388 destinataires ; 12 écartés : 8 sans adresse postale, 3 en opposition, 1 décédé(s). »"""
        head = ngettext("{number} destinataire", "{number} destinataires", self.kept, number=_number(self.kept))
        if not self.left_out:
            return _("{head} ; personne n'est écarté.", head=head)
        why = ", ".join(f"{_number(n)} {reason_text(self.channel, r)}" for r, n in self.reasons())
        return ngettext(
            "{head} ; {number} écarté : {why}.",
            "{head} ; {number} écartés : {why}.",
            self.left_out,
            head=head,
            number=_number(self.left_out),
            why=why,
        )


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")
