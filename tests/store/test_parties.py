"""Home parties in a client file: host, guests, sales, the host's 10 % voucher."""

from __future__ import annotations

import pytest

from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.domain.periods import bounds
from crmdesk.store.loyalty import LoyaltyStore
from crmdesk.store.orders import OrderStore
from crmdesk.store.parties import PartyStore
from crmdesk.store.settings import SettingsStore
from tests.helpers.today import TODAY

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)


@pytest.fixture
def people(database, contacts):
    database.conn.execute("INSERT INTO reps(id, code, name, kind) VALUES (1, 'MB', 'Maryse Brun', 'ambassador')")
    return {
        "revel": contacts.create(
            {"code": "1", "last_name": "REVEL", "first_name": "Marie-Paule", "stage": "client", "rep_id": 1}
        ),
        "agnellini": contacts.create(
            {"code": "2", "last_name": "AGNELLINI", "first_name": "Valérie", "stage": "client", "rep_id": 1}
        ),
    }


def test_a_party_with_its_guests_sales_and_voucher(database, contacts, people):
    store = PartyStore(database)
    party = store.save(
        {
            "host_id": people["revel"],
            "ambassador_id": 1,
            "date": "2026-11-14",
            "guests": [people["agnellini"]],
            "new_guests": [{"last_name": "BRIER", "first_name": "Michel", "city": "Nice"}],
        }
    )
    assert contacts.get(people["revel"])["is_host"] == 1
    brier = max(store.guest_ids(party))  # the new guest, just created
    new = contacts.get(brier)
    assert (new["stage"], new["source"], new["referred_by"], new["rep_id"]) == (
        "prospect",
        "home_party",
        people["revel"],
        1,
    )
    for contact_id, cents in ((people["revel"], 30_000), (people["agnellini"], 8_900), (brier, 5_738)):
        store.record_sale(party, contact_id, cents, today=TODAY)
    (row,) = store.list(bounds("month", TODAY))
    assert (row["host_name"], row["ambassador_name"], row["guests"], row["orders"], row["sales_cents"]) == (
        "REVEL Marie-Paule",
        "Maryse Brun",
        2,
        3,
        44_638,
    )
    assert row["voucher_cents"] == 4_464  # 10 % of 446,38 €, half up
    assert contacts.get(brier)["stage"] == "client"  # a guest who ordered is a client
    order = OrderStore(database).get(database.scalar("SELECT max(id) FROM orders"))
    assert (order["channel"], order["date"], order["rep_id"], order["party_id"]) == (
        "home_party",
        "2026-11-14",
        1,
        party,
    )
    loyalty = LoyaltyStore(database)
    assert loyalty.balance(brier, TODAY).points == 57
    # the host referred her guests, but her voucher already thanks her for their orders
    assert database.scalar("SELECT count(*) FROM referral_rewards") == 0
    detail = store.get(party)
    assert [(g["name"], g["bought_cents"]) for g in detail["guest_list"]] == [
        ("AGNELLINI Valérie", 8_900),
        ("BRIER Michel", 5_738),
    ]

    voucher = store.issue_voucher(party, TODAY)
    assert loyalty.vouchers(people["revel"])[0]["id"] == voucher
    assert loyalty.vouchers(people["revel"])[0]["amount_cents"] == 4_464
    with pytest.raises(CrmError, match="déjà été remis"):
        store.issue_voucher(party, TODAY)
    with pytest.raises(CrmError, match="ne peut pas être supprimée"):
        store.delete(party)
    assert store.of_contact(people["agnellini"])["attended"][0]["id"] == party


def test_rate_comes_from_the_setting_and_stays_with_the_party(database, people):
    SettingsStore(database).set("parties.voucher_rate", 0.15)
    store = PartyStore(database)
    party = store.save({"host_id": people["revel"], "date": "2026-10-01", "guests": []})
    store.record_sale(party, people["revel"], 10_000, today=TODAY)
    SettingsStore(database).set("parties.voucher_rate", 0.10)
    assert store.get(party)["voucher_cents"] == 1_500


def test_refusals_leave_nothing_behind(database, contacts, people):
    store = PartyStore(database)
    with pytest.raises(ValidationError) as caught:
        store.save({"host_id": people["revel"], "date": "2026-11-31", "guests": [people["revel"]]})
    assert set(caught.value.problems) == {"date", "guests"}
    with pytest.raises(ValidationError):  # a new guest without a name: the whole party is refused
        store.save({"host_id": people["revel"], "date": "2026-11-14", "new_guests": [{"city": "Nice"}]})
    assert database.scalar("SELECT count(*) FROM parties") == 0
    assert contacts.get(people["revel"])["is_host"] == 0
    party = store.save({"host_id": people["revel"], "date": "2026-11-14"})
    with pytest.raises(CrmError, match="pas encore de ventes"):
        store.issue_voucher(party, TODAY)
    store.delete(party)
    assert store.list() == []
