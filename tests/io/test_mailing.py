"""Mailing lists per channel honour consent, opposition and the suppression list
(issue 7, docs/domain/08-personal-data.md)."""

import datetime as dt
import hashlib
import io

import openpyxl
import pytest

from crmdesk.domain import mailing as rules
from crmdesk.domain.errors import CrmError
from crmdesk.io.csvfile import CsvSource
from crmdesk.io.mailing import TABLES, export_mailing
from crmdesk.store import mailing as store
from crmdesk.store.contacts import ContactStore

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

CONSENT = {
    "consent_email": True,
    "consent_email_date": "2024-03-01",
    "consent_email_source": "Salon bio",
    "consent_sms": True,
    "consent_sms_date": "2024-03-02",
    "consent_sms_source": "Boutique",
    "consent_phone": True,
    "consent_phone_date": "2024-03-03",
    "consent_phone_source": "Appel",
}
ADDRESS = {"address": "3 rue de l'Église", "postal_code": "27000", "city": "Évreux"}

PEOPLE = {
    # kept on every channel
    "K1": {
        "last_name": "Garçon",
        "first_name": "Zoé",
        "civility": "Mme",
        "email": "zoe@exemple.fr",
        "phone": "06 12 34 56 78",
        **CONSENT,
        **ADDRESS,
    },
    # no consent at all, but an address (post: kept)
    "N1": {"last_name": "Sans", "email": "sans@exemple.fr", "phone": "06 11 11 11 11", **ADDRESS},
    "N2": {"last_name": "Sans2", "email": "sans2@exemple.fr", "phone": "01 45 67 89 10"},
    # opposition, even with consents
    "O1": {
        "last_name": "Non",
        "email": "non@exemple.fr",
        "phone": "06 22 22 22 22",
        "opposition": True,
        "opposition_date": "2025-01-10",
        **CONSENT,
        **ADDRESS,
    },
    # on the suppression list by e-mail (a former contact, erased): out of every channel
    "S1": {"last_name": "Efface", "email": "Revenu@Exemple.FR", "phone": "06 33 33 33 33", **CONSENT, **ADDRESS},
    # on the suppression list by phone
    "S2": {"last_name": "Efface2", "email": "autre@exemple.fr", "phone": "+33 1 45 00 00 01", **CONSENT},
    # nothing to write to: no email, a landline only, no address
    "A1": {"last_name": "Muet", "phone": "01 45 67 89 11", **CONSENT},
    # no phone at all, a mobile in phone2, abroad without postal code
    "A2": {
        "company": "=Bio;Corner",
        "kind": "company",
        "email": "contact@biocorner.be",
        "phone2": "+32 470 12 34 56",
        "address": "Rue Haute 1",
        "city": "Bruxelles",
        "country": "BE",
        **CONSENT,
    },
}


@pytest.fixture
def people(database):
    contacts = ContactStore(database)
    for code, values in PEOPLE.items():
        contacts.create({"code": code, **values})
    trashed = contacts.create({"code": "T1", "last_name": "Corbeille", "email": "t@exemple.fr", **CONSENT})
    contacts.trash(trashed)
    assert store.suppress(database, "email", "revenu@exemple.fr")  # the hash, not the address
    assert store.suppress(database, "phone", "01 45 00 00 01")
    return database


def _list(database, tmp_path, channel, fmt="csv"):
    out = tmp_path / f"{channel}.{fmt}"
    counts = export_mailing(database, out, channel, fmt)
    if fmt == "xlsx":
        rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
        return counts, [dict(zip(rows[0], row)) for row in rows[1:]]
    with CsvSource(out) as source:
        return counts, [dict(zip(source.header, row.cells)) for row in source.rows()]


def test_email_list_counts_each_reason(people, tmp_path):
    counts, rows = _list(people, tmp_path, "email")
    assert [r["code"] for r in rows] == ["A2", "K1"]
    assert counts.written == 2
    assert counts.excluded == {"no_consent": 2, "opposition": 1, "suppressed": 2, "no_address": 1}
    assert rows[1] == {
        "code": "K1",
        "civility": "Mme",
        "last_name": "GARÇON",
        "first_name": "Zoé",
        "company": "",
        "email": "zoe@exemple.fr",
        "consent_date": "01/03/2024",
        "consent_source": "Salon bio",
    }
    assert rows[0]["company"] == "=Bio;Corner"  # protected in the file, read back as it is
    assert counts.summary() == (
        "2 contacts dans la liste e-mail ; 6 écartés : 2 sans consentement e-mail, "
        "1 en opposition, 2 sur la liste d'opposition, 1 sans adresse e-mail."
    )


def test_sms_needs_a_mobile_number(people, tmp_path):
    counts, rows = _list(people, tmp_path, "sms")
    assert [(r["code"], r["mobile"]) for r in rows] == [("A2", "+32 470 12 34 56"), ("K1", "06 12 34 56 78")]
    assert counts.excluded == {"no_consent": 1, "opposition": 1, "suppressed": 2, "no_address": 2}
    assert rows[1]["consent_source"] == "Boutique"
    assert "2 sans numéro de portable" in counts.summary()


def test_phone_list(people, tmp_path):
    counts, rows = _list(people, tmp_path, "phone", "xlsx")
    assert [(r["code"], r["phone"]) for r in rows] == [
        ("A1", "01 45 67 89 11"),
        ("A2", "+32 470 12 34 56"),
        ("K1", "06 12 34 56 78"),
    ]
    assert rows[0]["consent_date"] == dt.datetime(2024, 3, 3)
    assert counts.excluded == {"no_consent": 2, "opposition": 1, "suppressed": 2}


def test_post_is_opt_out(people, tmp_path):
    counts, rows = _list(people, tmp_path, "post")
    assert [r["code"] for r in rows] == ["A2", "K1", "N1"]  # no consent needed
    assert counts.excluded == {"opposition": 1, "suppressed": 2, "no_address": 2}
    assert rows[0] == {
        "code": "A2",
        "civility": "",
        "last_name": "",
        "first_name": "",
        "company": "=Bio;Corner",
        "address": "Rue Haute 1",
        "postal_code": "",
        "city": "Bruxelles",
        "country": "Belgique",
    }
    assert rows[1]["country"] == ""  # La Poste: no « FRANCE » at home
    assert list(rows[0]) == list(TABLES["post"].columns)


def test_nobody_left_out_and_an_empty_file(database, tmp_path):
    counts = export_mailing(database, tmp_path / "vide.csv", "post")
    assert (counts.written, counts.excluded) == (0, {})
    assert counts.summary() == "0 contact dans la liste courrier ; aucun contact écarté."


def test_suppression_hash_is_sha256_of_the_normalised_value(database):
    expected = hashlib.sha256(b"helene@exemple.fr").hexdigest()
    assert rules.suppression_hash("email", "  Helene@Exemple.FR ") == expected
    assert rules.suppression_hash("phone", "06 12 34 56 78") == hashlib.sha256(b"+33612345678").hexdigest()
    assert rules.suppression_hash("phone", "+33 6 12 34 56 78") == rules.suppression_hash("phone", "0612345678")
    assert rules.suppression_hash("phone", "n'importe quoi") is None
    assert rules.suppression_hash("email", "") is None
    assert store.suppress(database, "email", "Helene@exemple.fr")
    assert not store.suppress(database, "email", "helene@EXEMPLE.fr")  # once
    assert not store.suppress(database, "phone", "")  # nothing to keep
    assert store.is_suppressed(database, "email", "HELENE@exemple.fr")
    assert not store.is_suppressed(database, "phone", "06 12 34 56 78")
    assert store.suppressed_hashes(database) == {("email", expected)}
    assert database.scalar("SELECT count(*) FROM suppression_list WHERE value_hash LIKE '%@%'") == 0
    with pytest.raises(ValueError):
        store.suppress(database, "post", "x")


def test_exclusion_order_is_opposition_list_address_consent():
    listed = rules.suppression_check([("email", rules.suppression_hash("email", "a@b.fr"))])
    everything_wrong = {"opposition": True, "email": "a@b.fr"}
    assert rules.exclusion("email", everything_wrong, listed) == rules.OPPOSITION
    assert rules.exclusion("email", {"email": "a@b.fr"}, listed) == rules.SUPPRESSED
    assert rules.exclusion("email", {"email": ""}, listed) == rules.NO_ADDRESS
    assert rules.exclusion("email", {"email": "c@d.fr"}, listed) == rules.NO_CONSENT
    assert (
        rules.exclusion("post", {"address": "1 rue X", "city": "Metz", "postal_code": ""}, listed) == rules.NO_ADDRESS
    )  # a French address has its postal code
    assert rules.is_mobile("+33712345678") and not rules.is_mobile("+33145678910") and not rules.is_mobile("")


def test_wrong_channel_or_format(database):
    with pytest.raises(CrmError, match="canal inconnu"):
        export_mailing(database, io.BytesIO(), "pigeon")
    with pytest.raises(CrmError, match="csv ou xlsx"):
        export_mailing(database, io.BytesIO(), "email", "vcard")


def test_progress_is_reported(people):
    seen = []
    export_mailing(people, io.BytesIO(), "email", progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, len(PEOPLE)) and seen[-1] == (len(PEOPLE), len(PEOPLE))
