"""Merge fields (crmdesk/domain/templates.py): one syntax, nothing left in braces."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from crmdesk.domain.templates import (
    FIELDS,
    Facts,
    MissingReport,
    Span,
    TemplateError,
    body_markup,
    compile_template,
    field_key,
    long_date,
    parse_body,
    recipient_fields,
    render,
    row_columns,
)

BODY = (
    "<p>{formule_appel},</p><p>Vous avez <b>{points_fidelite} points</b> ; {{promo}} &amp; <i>merci</i>"
    "<br/>à bientôt</p><p>{produit}</p>"
)


def test_fields_are_found_and_rendered():
    compiled = compile_template("Vos {Points_Fidélité} points", BODY)
    assert compiled.fields == ("points_fidelite", "formule_appel", "produit")
    assert compiled.columns == ("produit",)  # not a field of the list: a column of the selection
    rendered = render(compiled, {"formule_appel": "Madame", "points_fidelite": "1 250", "produit": "Miel"})
    assert rendered.subject == "Vos 1 250 points"
    assert rendered.text() == "Madame,\n\nVous avez 1 250 points ; {promo} & merci\nà bientôt\n\nMiel"
    assert rendered.missing == ()


def test_an_empty_or_missing_field_is_left_empty_and_named():
    rendered = render(compile_template("Rappel : {produit}", BODY), {"formule_appel": "Madame", "points_fidelite": " "})
    assert rendered.missing == ("produit", "points_fidelite")
    assert "{" not in rendered.text().replace("{promo}", "") and "{" not in rendered.subject
    assert rendered.subject == "Rappel :"
    html = rendered.html(missing=lambda name: f"<mark>{name}</mark>")
    assert "<b><mark>points_fidelite</mark></b>" in html and "<mark>produit</mark>" in html
    assert "<mark>" not in rendered.html()


def test_values_are_never_read_as_markup_nor_as_fields():
    hostile = "{nom} & <b>Fils</b> <script>"
    rendered = render(compile_template("{societe}", "<p>{societe}</p>"), {"societe": hostile, "nom": "X"})
    assert rendered.text() == hostile and rendered.subject == hostile
    assert rendered.html() == "<p>{nom} &amp; &lt;b&gt;Fils&lt;/b&gt; &lt;script&gt;</p>"


def test_a_brace_left_open_is_an_error_in_french():
    with pytest.raises(TemplateError) as caught:
        compile_template("", "<p>Bonjour {prenom</p>")
    assert str(caught.value) == ("paragraphe 1 : accolade « { » seule (un champ s'écrit {nom}, une accolade {{ ou }})")
    with pytest.raises(TemplateError, match="objet : accolade « } » seule"):
        compile_template("Prix }", "<p>x</p>")
    with pytest.raises(TemplateError, match="champ sans nom"):
        compile_template("", "<p>{ }</p>")


def test_plain_text_bodies_and_the_markup_round_trip():
    paragraphs = parse_body("Bonjour {prenom},\n\nligne 1\nligne 2\n\n\n")
    assert paragraphs == [(Span("Bonjour {prenom},"),), (Span("ligne 1\nligne 2"),)]
    markup = body_markup(parse_body(BODY))
    assert markup == (
        "<p>{formule_appel},</p><p>Vous avez <b>{points_fidelite} points</b> ; {{promo}} &amp; "
        "<i>merci</i><br/>à bientôt</p><p>{produit}</p>"
    )
    assert body_markup(parse_body(markup)) == markup
    assert parse_body("<p>  </p><p>a</p>\n<div><span>b</span></div>") == [(Span("a"),), (Span("b"),)]


def test_field_names_are_typed_freely():
    assert field_key(" Date d'achat ") == "date_d_achat"
    assert field_key("Prénom") == "prenom"
    assert row_columns({"Date d'achat": "12/10/2026", "Remise": None}) == {"date_d_achat": "12/10/2026", "remise": ""}


def test_every_field_of_a_recipient():
    contact = {
        "civility": "M.",
        "first_name": "Marc",
        "last_name": "LEROY",
        "company": "",
        "kind": "person",
        "code": "SB00002",
        "address": "3 rue Vaubecour",
        "postal_code": "69002",
        "city": "Lyon",
        "country": "FR",
        "email": "marc@example.fr",
        "phone": "+33612345678",
    }
    facts = Facts(
        status_label="Actif",
        segment_label="À risque",
        rep_name="Maryse Brun",
        points=1250,
        expiring_points=300,
        next_expiry=dt.date(2026, 12, 31),
        last_order_date="2026-07-01",
        last_order_cents=125450,
    )
    values = recipient_fields(contact, facts, business={"name": "Sweety Bio"}, today=dt.date(2026, 11, 23))
    assert set(FIELDS) <= set(values)
    assert values["formule_appel"] == "Monsieur" and values["nom_complet"] == "M. Marc LEROY"
    assert values["adresse"] == "M. Marc LEROY\n3 RUE VAUBECOUR\n69002 LYON"
    assert values["points_fidelite"] == "1\u202f250" and values["points_a_expirer"] == "300"
    assert values["date_expiration_points"] == "31 décembre 2026"
    assert values["derniere_commande_date"] == "1er juillet 2026"
    assert re.sub(r"\s", " ", values["derniere_commande_montant"]) == "1 254,50 €"
    assert values["date_du_jour"] == "23 novembre 2026" and values["expediteur"] == "Sweety Bio"
    assert values["telephone"] == "06 12 34 56 78" and values["societe"] == ""
    nobody = recipient_fields({"civility": ""}, Facts(), business={}, today=dt.date(2026, 1, 1))
    assert nobody["formule_appel"] == "Madame, Monsieur"
    assert nobody["adresse"] == nobody["points_fidelite"] == nobody["derniere_commande_date"] == ""


def test_a_batch_counts_the_recipients_without_each_field():
    compiled = compile_template("", "<p>{derniere_commande_date} {derniere_commande_montant} {adresse}</p>")
    report = MissingReport()
    for values in (
        {},
        {"adresse": "X"},
        {"adresse": "X", "derniere_commande_date": "1er mai 2026", "derniere_commande_montant": "10 €"},
    ):
        report.add(render(compiled, values))
    # « sans commande » counts a recipient once although two of its fields say so
    assert report.lines() == ["2 destinataires sans commande", "1 destinataire sans adresse postale"]


def test_long_dates_in_french():
    assert long_date(dt.date(2026, 5, 1)) == "1er mai 2026"
    assert long_date("2026-08-15T10:00") == "15 août 2026"
    assert long_date(None) == ""
