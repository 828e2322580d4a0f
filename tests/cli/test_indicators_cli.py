"""crmdesk import surveys | web | social, run in-process."""

import pytest

from crmdesk.store.indicators import IndicatorStore
from tests.helpers.backend import handed_over, opened, written
from tests.helpers.cli import cli
from tests.io.helpers import write_csv

WEB_HEADER = ["période", "visiteurs", "pages produit", "mises au panier", "achats", "panier moyen"]
WEB_ROWS = [
    ["2019", "1 000", "500", "250", "80", "71"],
    ["2020", "1 700", "750", "355", "116", "80"],
    ["2021", "2 000", "920", "310", "148", "100"],
]
SURVEY_HEADER = ["client_code", "date", "indicator", "score", "comment"]
SURVEY_ROWS = [
    ["A1", "05/01/2026", "csat", "5", "Parfait"],
    ["A2", "06/01/2026", "nps", "9", ""],
    ["A1", "07/01/2026", "csat", "6", ""],  # line 4
    ["A2", "08/01/2026", "nps", "11", ""],  # line 5
    ["ZZ", "09/01/2026", "ces", "2", ""],  # line 6
    ["A1", "31/02/2026", "ces", "2", ""],
]  # line 7


pytestmark = pytest.mark.both_kinds


@pytest.fixture
def db(database, tmp_path, capsys):
    path = handed_over(database)
    clients = write_csv(tmp_path / "clients.csv", ["code", "last_name"], [["A1", "Lefèvre"], ["A2", "Garçon"]])
    assert cli("import", "clients", clients, "--db", path) == 0
    capsys.readouterr()
    return path


def answers(path):
    with opened(path, writer=False) as database:
        return database.scalar("SELECT count(*) FROM survey_answers")


def test_help_is_french(capsys):
    assert cli("import", "--help") == 0
    out = capsys.readouterr().out
    assert "surveys" in out and "web" in out and "social" in out
    for what, words in (
        ("surveys", "csat (satisfaction, note de 1 à 5)"),
        ("web", "panier moyen"),
        ("social", "Taux d'engagement"),
    ):
        assert cli("import", what, "--help") == 0
        out = capsys.readouterr().out
        assert "utilisation" in out and words in out and "--dry-run" in out and "--strict" in out


def test_usage_errors_exit_2(tmp_path, capsys):
    assert cli("import", "web", tmp_path / "site.csv") == 2
    assert "obligatoire" in capsys.readouterr().err
    assert cli("import", "surveys") == 2


def test_web_figures_from_a_french_excel_file(database, tmp_path, capsys):
    db = handed_over(database)
    source = write_csv(tmp_path / "site.csv", WEB_HEADER, WEB_ROWS, encoding="cp1252", delimiter=";")
    assert cli("import", "web", source, "--db", db) == 0, capsys.readouterr().err
    assert "3 périodes ajoutées, 0 période mise à jour" in capsys.readouterr().out
    with opened(db, writer=False) as database:
        report = IndicatorStore(database).web_indicators()
    assert [round(i.transformation_rate) for i in report.items] == [50, 47, 34]
    assert [i.revenue_cents // 100 for i in report.items] == [5680, 9280, 14800]
    changed = [WEB_ROWS[0], ["2020", "1 800", "750", "355", "116", "80"]]
    again = write_csv(tmp_path / "site2.csv", WEB_HEADER, changed, encoding="cp1252", delimiter=";")
    assert cli("import", "web", again, "--db", db) == 0
    assert "0 période ajoutée, 1 période mise à jour, 1 période déjà à jour" in capsys.readouterr().out


def test_surveys_bad_lines_reported_with_their_numbers(db, tmp_path, capsys):
    source = write_csv(tmp_path / "enquete.csv", SURVEY_HEADER, SURVEY_ROWS)
    assert cli("import", "surveys", source, "--db", db) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "ligne 4 : score : note 6 hors de l'échelle CSAT (1 à 5)",
        "ligne 5 : score : note 11 hors de l'échelle NPS (0 à 10)",
        "ligne 6 : client_code : client « ZZ » inconnu (importez d'abord les clients)",
        "ligne 7 : date : date impossible « 31/02/2026 »",
    ]
    assert "2 réponses importées, 4 lignes refusées" in captured.out and "Traceback" not in captured.err
    assert answers(db) == 2


def test_dry_run_writes_nothing(db, tmp_path, capsys):
    source = write_csv(tmp_path / "enquete.csv", SURVEY_HEADER, SURVEY_ROWS[:2])
    before = written(db)
    assert cli("import", "surveys", source, "--db", db, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Simulation (--dry-run) : 2 réponses importées" in out and "Rien n'a été enregistré" in out
    assert written(db) == before and answers(db) == 0
    fresh = tmp_path / "nouveau.sqlite"
    web = write_csv(tmp_path / "site.csv", WEB_HEADER, WEB_ROWS)
    assert cli("import", "web", web, "--db", fresh, "--dry-run") == 0
    assert not fresh.exists()


def test_strict_imports_nothing_and_rejects_go_to_a_file(db, tmp_path, capsys):
    source = write_csv(tmp_path / "enquete.csv", SURVEY_HEADER, SURVEY_ROWS[:3])
    rejects = tmp_path / "refus.csv"
    assert cli("import", "surveys", source, "--db", db, "--strict", "--rejects", rejects) == 1
    assert "rien n'a été importé" in capsys.readouterr().out
    assert answers(db) == 0
    from crmdesk.io.csvfile import CsvSource

    with CsvSource(rejects) as listed:
        assert listed.header == ["ligne", "motif", *SURVEY_HEADER]
        (only,) = list(listed.rows())
    assert only.cells[:2] == ["4", "score : note 6 hors de l'échelle CSAT (1 à 5)"]


def test_social_figures_and_wrong_files(db, tmp_path, capsys):
    header = ["period", "network", "reach", "likes", "comments", "shares", "reach_objective", "likes_objective"]
    rows = [
        ["2021", "Facebook", "4560", "34", "20", "11", "5000", "40"],
        ["2021", "Twitter", "1420", "5", "4", "2", "2500", "10"],
    ]
    assert cli("import", "social", write_csv(tmp_path / "s.csv", header, rows), "--db", db) == 0
    assert "2 lignes ajoutées" in capsys.readouterr().out
    with opened(db, writer=False) as database:
        facebook, twitter = IndicatorStore(database).social_indicators()
    assert round(facebook.engagement_rate, 2) == 1.43 and round(twitter.engagement_rate, 2) == 0.77
    assert cli("import", "social", tmp_path / "absent.csv", "--db", db) == 1
    assert "introuvable" in capsys.readouterr().err
    bad = write_csv(tmp_path / "t.csv", ["période", "abonnés"], [["2021", "12"]])
    assert cli("import", "social", bad, "--db", tmp_path / "neuf.sqlite") == 1
    err = capsys.readouterr().err
    assert "colonne(s) inconnue(s) « abonnés »" in err and "Traceback" not in err
    assert not (tmp_path / "neuf.sqlite").exists()
    short = write_csv(tmp_path / "u.csv", ["période", "réseau", "portée"], [["2021", "Facebook", "12"]])
    assert cli("import", "social", short, "--db", tmp_path / "neuf.sqlite") == 1
    assert "colonne(s) obligatoire(s) manquante(s) : likes, comments, shares" in capsys.readouterr().err
    assert not (tmp_path / "neuf.sqlite").exists()
