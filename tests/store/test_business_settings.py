"""The firm's identity: checked, stored in one object, dotted keys win, logo kept in the file."""

import base64
import io

import pypdf
import pytest
from reportlab.lib.utils import ImageReader

from crmdesk.cli.main import main
from crmdesk.domain import business
from crmdesk.domain.errors import CrmError, ValidationError
from crmdesk.reports.letterhead import logo_data
from crmdesk.reports.prints import print_sheets
from crmdesk.store.settings import SettingsStore
from tests.helpers.sheets import TODAY, build

pytestmark = pytest.mark.both_kinds


def tiny_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (46, 107, 63)).save(buffer, "PNG")
    return buffer.getvalue()


def test_validate_normalises_and_explains_in_french():
    assert business.validate(
        {"name": "  Sweety   Bio ", "phone": "04 65 71 01 47", "siret": "845 998 988 00925", "subdivision": "57"}
    ) == {"name": "Sweety Bio", "phone": "+33465710147", "siret": "84599898800925", "subdivision": "57"}
    with pytest.raises(ValidationError) as error:
        business.validate({"siret": "123", "email": "contact", "colour": "vert"})
    assert error.value.problems == {"colour": "réglage inconnu de l'entreprise"}
    with pytest.raises(ValidationError) as error:
        business.validate({"siret": "123", "email": "contact"})
    assert set(error.value.problems) == {"siret", "email"} and "SIRET invalide" in error.value.problems["siret"]


def test_set_business_replaces_dotted_keys_and_is_read_back(database):
    settings = SettingsStore(database)
    settings.set("business.name", "Ancien nom")
    assert settings.business()["name"] == "Ancien nom"
    stored = settings.set_business({"name": "Sweety Bio", "city": "Lyon", "postal_code": "69002"})
    assert settings.business() == stored and stored["name"] == "Sweety Bio"
    settings.set("business.phone", "+33465710147")  # the command line sets one field
    assert settings.business() == {**stored, "phone": "+33465710147"}
    with pytest.raises(ValidationError):
        settings.set_business({"name": "X", "siret": "1"})
    assert settings.business()["name"] == "Sweety Bio"  # a refused identity changes nothing


def test_logo_is_copied_into_the_file_and_printed(database, tmp_path):
    ids = build(database)
    image = tmp_path / "logo.png"
    image.write_bytes(tiny_png())
    data = logo_data(image)
    assert ImageReader(io.BytesIO(base64.b64decode(data))).getSize() == (40, 20)
    settings = SettingsStore(database)
    settings.set_business({**settings.business(), "logo_data": data})
    image.unlink()  # the original may go: the file has its copy
    out = tmp_path / "fiche.pdf"
    print_sheets(database, [ids["helene"]], out, today=TODAY)
    page = pypdf.PdfReader(out).pages[0]
    assert any(name.startswith("/FormXob") or name.startswith("/Im") for name in page["/Resources"]["/XObject"])
    assert [img.image.size for img in page.images] == [(40, 20)]


def test_logo_that_is_not_an_image(tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("pas une image")
    with pytest.raises(CrmError, match="n'est pas une image"):
        logo_data(fake)
    with pytest.raises(CrmError, match="illisible"):
        logo_data(tmp_path / "absent.png")


def test_config_sets_checked_business_fields(db_path, tmp_path, capsys):
    from crmdesk.store.database import Database

    with Database(db_path, create=True):
        pass
    assert main(["config", "set", "business.siret", "845 998 988 00925", "--db", str(db_path)]) == 0
    assert main(["config", "set", "business.siret", "123", "--db", str(db_path)]) == 1
    assert "SIRET invalide" in capsys.readouterr().err
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())
    assert main(["config", "set", "business.logo", str(logo), "--db", str(db_path)]) == 0
    with Database(db_path, writer=False) as database:
        identity = SettingsStore(database).business()
    assert identity["siret"] == "84599898800925" and base64.b64decode(identity["logo_data"]) == logo.read_bytes()
