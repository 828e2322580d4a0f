"""Volume rebate (ristourne): a share of a period's revenue above a threshold (docs/domain/07-follow-up-and-loyalty.md).

Two rules, chosen by the setting ``rebate.base``:

* ``excess`` (shipped default): rate × (revenue − threshold) when the
  revenue is above the threshold, else 0 — only what is bought beyond the
  threshold earns the rebate, so crossing it never makes a jump;
* ``total``: rate × revenue once the revenue reaches the threshold
  (>= threshold), else 0 — the whole period's revenue earns the rebate.

``rebate.threshold_cents`` (1 000 000 = 10 000,00 €) and ``rebate.rate``
(0.02 = 2 %) are settings too. Revenue = the sum of the client's orders dated
within the period (both ends included). Amounts rounded half up to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmdesk.domain.loyalty import percent_cents
from crmdesk.i18n import N_, _

BASES = ("excess", "total")
RULES = {"rebate.threshold_cents": 1_000_000, "rebate.rate": 0.02, "rebate.base": "excess"}
BOUNDS = {
    "rebate.threshold_cents": (True, 0, 10**12, N_("seuil de la ristourne (centimes)")),
    "rebate.rate": (False, 0, 1, N_("taux de la ristourne (0,02 = 2 %)")),
}
BASE_LABELS = {
    "excess": N_("taux × (CA − seuil) au-delà du seuil"),
    "total": N_("taux × CA entier dès que le seuil est atteint"),
}


@dataclass(frozen=True)
class RebateRule:
    threshold_cents: int
    rate: float
    base: str = "excess"

    def __post_init__(self):
        if self.base not in BASES:
            raise ValueError(f"unknown rebate base {self.base!r}")

    @classmethod
    def from_settings(cls, get) -> RebateRule:
        """`get(key, default)`: a SettingsStore's get."""
        return cls(
            int(get("rebate.threshold_cents", RULES["rebate.threshold_cents"])),
            float(get("rebate.rate", RULES["rebate.rate"])),
            str(get("rebate.base", RULES["rebate.base"])),
        )

    def earns(self, revenue_cents: int) -> bool:
        if self.base == "excess":
            return revenue_cents > self.threshold_cents
        return revenue_cents >= self.threshold_cents

    def basis_cents(self, revenue_cents: int) -> int:
        """The part of the revenue the rate applies to."""
        if not self.earns(revenue_cents):
            return 0
        return revenue_cents - self.threshold_cents if self.base == "excess" else revenue_cents

    def rebate_cents(self, revenue_cents: int) -> int:
        return percent_cents(self.basis_cents(revenue_cents), self.rate)

    def describe(self) -> str:
        """« 2 % × (CA − 10 000,00 €) au-delà de 10 000,00 € » (in the interface language)."""
        from crmdesk.domain.money import format_eur

        rate = f"{self.rate * 100:g}".replace(".", ",") + " %"
        threshold = format_eur(self.threshold_cents)
        if self.base == "excess":
            return _("{rate} × (CA − {threshold}) au-delà de {threshold}", rate=rate, threshold=threshold)
        return _("{rate} × CA dès que le CA atteint {threshold}", rate=rate, threshold=threshold)
