"""Referral (parrainage): the referrer is rewarded when the referred client
places a first order — exactly once per referred client (docs/domain/07-follow-up-and-loyalty.md).

Settings: ``referral.reward_kind`` « points » (shipped) or « voucher »;
``referral.reward_points`` (100) points credited to the referrer's loyalty
ledger, or ``referral.reward_cents`` (1 000 = 10,00 €) as a voucher. The
referred client is the one whose contacts.referred_by names the referrer; a
client who referred herself, or with no referrer, earns nobody anything.
A guest whose first order was made at a party of the host who referred her
earns the host nothing more: the host is already thanked by her party's
voucher (domain/parties.py), one reward per sale.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmdesk.i18n import N_

KINDS = ("points", "voucher")
KIND_LABELS = {"points": N_("points de fidélité"), "voucher": N_("bon d'achat")}
RULES = {"referral.reward_kind": "points", "referral.reward_points": 100, "referral.reward_cents": 1000}
BOUNDS = {
    "referral.reward_points": (True, 0, 1_000_000, N_("points offerts au parrain")),
    "referral.reward_cents": (True, 0, 100_000_00, N_("bon d'achat offert au parrain (centimes)")),
}


@dataclass(frozen=True)
class ReferralReward:
    kind: str  # points | voucher
    points: int = 0
    cents: int = 0

    @classmethod
    def from_settings(cls, get) -> ReferralReward:
        kind = str(get("referral.reward_kind", RULES["referral.reward_kind"]))
        if kind not in KINDS:
            kind = RULES["referral.reward_kind"]
        if kind == "points":
            return cls(kind, points=int(get("referral.reward_points", RULES["referral.reward_points"])))
        return cls(kind, cents=int(get("referral.reward_cents", RULES["referral.reward_cents"])))


def earns_reward(
    referrer_id: int | None, referred_id: int, orders_before: int, party_host_id: int | None = None
) -> bool:
    """A referred client's order rewards the referrer when it is her first one
    (`party_host_id`: host of the party where it was made, if any)."""
    return (
        referrer_id is not None and referrer_id != referred_id and orders_before == 0 and party_host_id != referrer_id
    )
