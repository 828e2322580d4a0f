"""Importing survey answers, web-shop figures and social-network figures (docs/domain/06-indicators.md)."""

import datetime as dt

import pytest

from crmdesk.domain import indicators as rules
from crmdesk.domain.errors import CrmError
from crmdesk.io.indicators import import_social, import_surveys, import_web
from crmdesk.store.indicators import IndicatorStore
from tests.io.helpers import write_csv

pytestmark = pytest.mark.both_kinds  # a file and a server database (tests/server/fixtures.py)

NBSP = "\u00a0"
# docs/domain/06-indicators.md as French Excel writes it: cp1252, « ; », thousands with a (no-break) space, « € »
WEB_HEADER = ["Période", "Visiteurs", "Pages produit", "Mises au panier", "Achats", "Panier moyen (€)"]
WEB_ROWS = [
    ["2019", "1 000", "500", "250", "80", "71"],
    ["2020", f"1{NBSP}700", "750", "355", "116", "80,00 €"],
    ["2021", "2 000", "920", "310", "148", "100"],
]
SURVEY_HEADER = ["code client", "date", "indicateur", "note", "commentaire"]


@pytest.fixture
def clients(contacts):
    return {
        code: contacts.create({"code": code, "last_name": name}) for code, name in (("C1", "Dupont"), ("C2", "Martin"))
    }


def run(function, database, path, **options):
    rejects = []
    return function(database, path, on_reject=rejects.append, **options), rejects


def messages(rejects):
    return [r.message() for r in rejects]


# -- web ---------------------------------------------------------------------------------------


def test_domain_table_as_a_french_excel_csv(database, tmp_path):
    path = write_csv(tmp_path / "site.csv", WEB_HEADER, WEB_ROWS, encoding="cp1252", delimiter=";")
    result, rejects = run(import_web, database, path)
    assert rejects == [] and (result.inserted, result.updated, result.rejected) == (3, 0, 0)
    assert (result.encoding, result.delimiter) == ("Windows-1252 (Excel)", "point-virgule")
    report = IndicatorStore(database).web_indicators()
    assert [i.row.visitors for i in report.items] == [1000, 1700, 2000]
    assert [round(i.transformation_rate) for i in report.items] == [50, 47, 34]
    assert [round(i.conversion_rate, 1) for i in report.items] == [8.0, 6.8, 7.4]
    assert report.items[0].lost_carts == 170
    assert [round(i.abandonment_rate, 1) for i in report.items] == [68.0, 67.3, 52.3]
    assert [i.revenue_cents for i in report.items] == [568_000, 928_000, 1_480_000]
    assert [round(i.evolution["visitors"]) for i in report.items[1:]] == [70, 18]
    assert report.overall.changes["visitors"] == 100.0
    assert database.scalar("SELECT kind FROM import_batches WHERE id = ?", (result.batch_id,)) == "web"


def test_importing_a_period_again_replaces_it(database, tmp_path):
    run(import_web, database, write_csv(tmp_path / "a.csv", WEB_HEADER, WEB_ROWS))
    changed = [list(r) for r in WEB_ROWS] + [["2022", "2 100", "1 000", "300", "150", "1 254,50 €"]]
    changed[2][1] = "2 200"
    result, rejects = run(import_web, database, write_csv(tmp_path / "b.csv", WEB_HEADER, changed))
    assert rejects == [] and (result.inserted, result.updated, result.unchanged) == (1, 1, 2)
    rows = IndicatorStore(database).web_rows()
    assert [(r.period, r.visitors) for r in rows] == [("2019", 1000), ("2020", 1700), ("2021", 2200), ("2022", 2100)]
    assert rows[-1].average_basket_cents == 125450


def test_bad_web_lines_are_rejected_with_their_number(database, tmp_path):
    header = ["period", "visitors", "product_views", "add_to_cart", "purchases", "average_basket"]
    rows = [
        ["2019", "1000", "500", "250", "80", "71"],
        ["2020", "-5", "750", "355", "116", "80"],
        ["2020-13", "1", "1", "1", "1", "1"],
        ["2021", "2000", "92,5", "310", "148", "100"],
        ["2019", "1000", "500", "250", "80", "72"],
        ["2022", "2000", "920", "", "148", "100"],
        ["2023", "2000", "920", "310", "148", "-3"],
        ["2024", "10", "5", "5", "1", "deux euros"],
    ]
    result, rejects = run(import_web, database, write_csv(tmp_path / "w.csv", header, rows))
    assert messages(rejects) == [
        "ligne 3 : visitors : nombre négatif « -5 »",
        "ligne 4 : period : mois impossible « 2020-13 » (01 à 12)",
        "ligne 5 : product_views : nombre entier attendu, pas « 92,5 »",
        "ligne 6 : période « 2019 » déjà donnée à la ligne 2",
        "ligne 7 : add_to_cart : valeur manquante",
        "ligne 8 : average_basket : montant négatif « -3 »",
        "ligne 9 : average_basket : montant illisible « deux euros »",
    ]
    assert result.inserted == 1 and [r.period for r in IndicatorStore(database).web_rows()] == ["2019"]


def test_a_missing_column_refuses_the_file(database, tmp_path):
    path = write_csv(tmp_path / "w.csv", ["période", "visiteurs"], [["2019", "1000"]])
    with pytest.raises(CrmError, match="colonne\\(s\\) obligatoire\\(s\\) manquante\\(s\\) : product_views"):
        import_web(database, path)
    with pytest.raises(CrmError, match="colonne\\(s\\) inconnue\\(s\\) « humeur »"):
        import_web(database, write_csv(tmp_path / "x.csv", [*WEB_HEADER, "humeur"], []))
    assert database.scalar("SELECT count(*) FROM web_stats") == 0


# -- social ------------------------------------------------------------------------------------


def test_social_figures_of_both_networks(database, tmp_path):
    header = ["période", "réseau", "portée", "j'aime", "commentaires", "partages", "objectif portée", "objectif j'aime"]
    rows = [
        ["2021", "facebook", "4 560", "34", "20", "11", "5 000", "40"],
        ["2021", "Twitter", "1 420", "5", "4", "2", "2 500", "10"],
        ["2021", "LinkedIn", "300", "6", "1", "0", "", ""],
        ["2021", "FACEBOOK", "1", "1", "1", "1", "", ""],
        ["2021", "Instagram", "300", "-6", "1", "0", "", ""],
    ]
    result, rejects = run(
        import_social, database, write_csv(tmp_path / "s.csv", header, rows, encoding="cp1252", delimiter=";")
    )
    assert messages(rejects) == [
        "ligne 5 : période « 2021 » pour « Facebook » déjà donnée à la ligne 2",
        "ligne 6 : j'aime : nombre négatif « -6 »",
    ]
    assert result.inserted == 3
    by_network = {i.network: i for i in IndicatorStore(database).social_indicators()}
    assert sorted(by_network) == ["Facebook", "LinkedIn", "Twitter"]
    facebook, twitter = by_network["Facebook"], by_network["Twitter"]
    assert (facebook.engaged, round(facebook.engagement_rate, 2), facebook.reach_vs_objective) == (65, 1.43, 91.2)
    assert (facebook.likes_vs_objective, round(facebook.like_rate, 2)) == (85.0, 0.75)
    assert (twitter.engaged, round(twitter.engagement_rate, 2), twitter.likes_vs_objective) == (11, 0.77, 50.0)
    assert by_network["LinkedIn"].reach_vs_objective is None


# -- surveys -------------------------------------------------------------------------------------

SURVEY_ROWS = [
    ["C1", "05/01/2026", "CSAT", "5", "Très bien"],  # line 2
    ["C2", "2026-01-06", "nps", "9", ""],  # line 3
    ["C1", "07/01/2026", "csat", "6", "trop bien"],  # line 4: off the CSAT scale
    ["C2", "08/01/2026", "NPS", "11", ""],  # line 5: off the NPS scale
    ["C9", "09/01/2026", "ces", "2", ""],  # line 6: unknown client
    ["C1", "31/02/2026", "ces", "2", ""],  # line 7: impossible date
    ["C1", "10/01/2026", "CSI", "2", ""],  # line 8: unknown indicator
    ["C1", "11/01/2026", "ces", "2,5", ""],  # line 9: not an integer
    ["C1", "01/02/26", "ces", "2", ""],  # line 10: ambiguous date
    ["C2", "12/01/2026", "Effort", "3", "Facile"],  # line 11
]
SURVEY_MESSAGES = [
    "ligne 4 : note : note 6 hors de l'échelle CSAT (1 à 5)",
    "ligne 5 : note : note 11 hors de l'échelle NPS (0 à 10)",
    "ligne 6 : code client : client « C9 » inconnu (importez d'abord les clients)",
    "ligne 7 : date : date impossible « 31/02/2026 »",
    "ligne 8 : indicateur : indicateur inconnu « CSI » (attendu : csat, nps ou ces)",
    "ligne 9 : note : note non entière « 2,5 » (attendu : un nombre entier)",
    "ligne 10 : date : date ambiguë « 01/02/26 » : écrivez l'année sur quatre chiffres (jj/mm/aaaa)",
]


def test_surveys_bad_lines_are_explained_and_the_good_ones_imported(database, clients, tmp_path):
    path = write_csv(tmp_path / "enquete.csv", SURVEY_HEADER, SURVEY_ROWS, encoding="cp1252", delimiter=";")
    result, rejects = run(import_surveys, database, path)
    assert messages(rejects) == SURVEY_MESSAGES
    assert (result.rows_read, result.inserted, result.rejected) == (10, 3, 7)
    assert rejects[0].cells == tuple(SURVEY_ROWS[2])
    store = IndicatorStore(database)
    assert [(a["date"], a["indicator"], a["score"], a["comment"]) for a in store.answers_of(clients["C1"])] == [
        ("2026-01-05", "csat", 5, "Très bien")
    ]
    assert [(a["indicator"], a["score"]) for a in store.answers_of(clients["C2"])] == [("ces", 3), ("nps", 9)]
    assert database.scalar("SELECT count(*) FROM survey_answers WHERE import_batch = ?", (result.batch_id,)) == 3
    assert database.scalar("SELECT count(*) FROM audit_log WHERE entity = 'survey_answer' AND action = 'import'") == 3


def test_strict_imports_nothing_when_a_line_is_bad(database, clients, tmp_path):
    path = write_csv(tmp_path / "enquete.csv", SURVEY_HEADER, SURVEY_ROWS[:3])
    result, rejects = run(import_surveys, database, path, strict=True)
    assert result.rolled_back and result.batch_id is None and len(rejects) == 1
    assert database.scalar("SELECT count(*) FROM survey_answers") == 0
    assert database.scalar("SELECT count(*) FROM import_batches") == 0


def test_the_same_survey_imported_twice_counts_once(database, clients, tmp_path):
    rows = [
        ["C1", "05/01/2026", "csat", "5", "Très bien"],
        ["C1", "05/01/2026", "nps", "10", ""],
        ["C2", "05/01/2026", "csat", "4", ""],
        ["C1", "05/01/2026", "CSAT", "5", "Très bien"],
    ]
    path = write_csv(tmp_path / "e.csv", SURVEY_HEADER, rows)
    result, rejects = run(import_surveys, database, path, chunk_size=2)  # the double is in a written chunk
    assert result.inserted == 3
    assert messages(rejects) == ["ligne 5 : même réponse qu'une ligne plus haut dans ce fichier (ligne en double ?)"]
    result, rejects = run(import_surveys, database, path)
    assert result.inserted == 0
    assert messages(rejects) == [
        f"ligne {n} : réponse déjà présente dans le fichier clients (enquête déjà importée ?)" for n in (2, 3, 4, 5)
    ]
    rows[3][3] = "4"
    rows.append(["C2", "07/01/2026", "ces", "1", ""])
    rows.append(["C2", "07/01/2026", "ces", "1", ""])
    result, rejects = run(import_surveys, database, write_csv(tmp_path / "f.csv", SURVEY_HEADER, rows))
    assert result.inserted == 2
    assert messages(rejects)[-1] == "ligne 7 : même réponse qu'à la ligne 6 (ligne en double ?)"
    assert database.scalar("SELECT count(*) FROM survey_answers") == 5


def test_survey_lines_in_the_future_or_for_a_trashed_client(database, clients, contacts, tmp_path):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    contacts.trash(clients["C2"])
    rows = [
        ["C1", tomorrow, "csat", "5", ""],
        ["C2", "05/01/2026", "csat", "5", ""],
        ["", "05/01/2026", "csat", "5", ""],
    ]
    result, rejects = run(import_surveys, database, write_csv(tmp_path / "e.csv", SURVEY_HEADER, rows))
    assert messages(rejects) == [
        f"ligne 2 : date : date dans le futur « {tomorrow} »",
        "ligne 3 : code client : le client « C2 » est dans la corbeille",
        "ligne 4 : code client : N° client manquant",
    ]
    assert result.inserted == 0


def test_satisfaction_of_imported_answers(database, clients, tmp_path):
    rows = [["C1", "05/01/2026", "nps", str(score), ""] for score in (10, 9, 8, 7, 6)] + [
        ["C2", "06/01/2026", "nps", "0", ""]
    ]
    rows = [[code, day, ind, score, f"réponse {n}"] for n, (code, day, ind, score, _) in enumerate(rows)]
    run(import_surveys, database, write_csv(tmp_path / "e.csv", SURVEY_HEADER, rows))
    result = IndicatorStore(database).satisfaction("2026-01-01", "2026-01-31")
    assert result["nps"] == rules.Nps(200 / 6, 200 / 6, 200 / 6, 0.0, 6)


def test_answers_to_a_complaint_survey_carry_its_reference(database, clients, tmp_path):
    """The reply slips of the survey sent at closure: « réclamation » files each answer under its
    complaint (a complaint of that client), and the client's word decides « satisfied again »."""
    import datetime as dt

    from crmdesk.store.complaints import ComplaintStore

    complaints = ComplaintStore(database)
    ids = {}
    for code in ("C1", "C2"):
        ids[code] = complaints.create(
            {"contact_id": clients[code], "subject": "Colis abîmé"}, received_at=dt.datetime(2026, 1, 2, 9)
        )
        complaints.advance(
            ids[code],
            "closure",
            {"answer": "Renvoyé.", "compensation_kind": "none", "cost_cents": 0, "resatisfied": False},
        )
    header = [*SURVEY_HEADER, "Réclamation"]
    rows = [
        ["C1", "05/01/2026", "CSAT", "5", "", "rec-2026-0001"],
        ["C1", "05/01/2026", "NPS", "9", "", "REC-2026-0002"],
        ["C2", "06/01/2026", "CSAT", "4", "", "REC-2026-0099"],
        ["C2", "06/01/2026", "NPS", "10", "", ""],
    ]
    result, rejects = run(import_surveys, database, write_csv(tmp_path / "coupons.csv", header, rows))
    assert messages(rejects) == [
        "ligne 3 : Réclamation : la réclamation « REC-2026-0002 » n'est pas celle du client « C1 »",
        "ligne 4 : Réclamation : réclamation « REC-2026-0099 » inconnue",
    ]
    assert result.inserted == 2
    store = IndicatorStore(database)
    answers = store.answers_of(clients["C1"])
    assert [(a["indicator"], a["complaint_ref"]) for a in answers] == [("csat", "REC-2026-0001")]
    assert [(a["indicator"], a["complaint_ref"]) for a in store.answers_of(clients["C2"])] == [("nps", None)]
    figures = complaints.indicators(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert (figures["resatisfied"], figures["resatisfied_by_survey"]) == (50.0, 1)
