"""Volume rebate (ristourne): rate × revenue above a threshold, two documented rules."""

import pytest

from crmdesk.domain.rebate import RebateRule


def test_excess_rule_pays_only_above_the_threshold():
    rule = RebateRule(threshold_cents=1_000_000, rate=0.02)  # 2 % above 10 000 €
    assert rule.rebate_cents(1_254_000) == 5_080  # 2 % × 2 540 € = 50,80 €
    assert rule.basis_cents(1_254_000) == 254_000
    assert rule.rebate_cents(1_000_000) == 0  # at the threshold: nothing above it
    assert rule.rebate_cents(999_999) == 0
    assert rule.rebate_cents(1_000_025) == 1  # 0,50 cent rounds half up


def test_total_rule_pays_on_the_whole_revenue_once_the_threshold_is_reached():
    rule = RebateRule(threshold_cents=1_000_000, rate=0.02, base="total")
    assert rule.rebate_cents(1_254_000) == 25_080  # 2 % × 12 540 €
    assert rule.rebate_cents(1_000_000) == 20_000  # reached: counts
    assert rule.rebate_cents(999_999) == 0


def test_rule_from_settings_and_description():
    values = {"rebate.threshold_cents": 500_000, "rebate.rate": 0.03}
    rule = RebateRule.from_settings(lambda key, default: values.get(key, default))
    assert (rule.threshold_cents, rule.rate, rule.base) == (500_000, 0.03, "excess")
    assert rule.describe() == "3 % × (CA − 5\u202f000,00\u00a0€) au-delà de 5\u202f000,00\u00a0€"
    with pytest.raises(ValueError):
        RebateRule(0, 0.1, base="bogus")
