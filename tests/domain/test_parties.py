"""Home parties: the host's 10 % voucher and the checks of a party."""

from crmdesk.domain import parties
from crmdesk.domain.referral import ReferralReward, earns_reward


def test_voucher_is_ten_percent_of_the_sales_half_up():
    assert parties.voucher_cents(44_638) == 4_464
    assert parties.voucher_cents(125_400) == 12_540  # REVEL's 1 254 € -> 125,40 €
    assert parties.voucher_cents(125_400, 0.15) == 18_810
    assert parties.voucher_cents(0) == 0


def test_check_party():
    assert parties.check_party(1, "2026-11-23", [2, 3], 0.10) == {}
    assert parties.check_party(None, "23/11/2026", [1, 1], 1.5) == {
        "host": "choisissez l'hôtesse (le client qui reçoit)",
        "date": "date de réunion invalide « 23/11/2026 »",
        "guests": "une invitée est inscrite deux fois",
        "voucher_rate": "le taux du bon d'achat va de 0 à 1 (0,10 = 10 %)",
    }
    assert parties.check_party(1, "2026-11-23", [2, 1], "x")["guests"] == "l'hôtesse ne peut pas être sa propre invitée"


def test_referral_reward_rules():
    values = {"referral.reward_kind": "voucher", "referral.reward_cents": 1500}
    assert ReferralReward.from_settings(lambda k, d: values.get(k, d)) == ReferralReward("voucher", cents=1500)
    assert ReferralReward.from_settings(lambda k, d: d) == ReferralReward("points", points=100)
    assert earns_reward(1, 2, 0) and not earns_reward(1, 2, 1) and not earns_reward(None, 2, 0)
    assert not earns_reward(2, 2, 0)
    assert not earns_reward(1, 2, 0, party_host_id=1)  # the host's voucher thanks her already
    assert earns_reward(1, 2, 0, party_host_id=7)
