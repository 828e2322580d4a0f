"""A server that cannot be reached says why in the interface language (French,
English): connection refused, no such host, no server at a socket folder, no
answer in time, SSL refused, a login without the right to the database; libpq's
own English only for a reason crmdesk does not know. The connect dialog and
`crmdesk … --db postgresql://…` show the same sentence."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from crmdesk import i18n
from crmdesk.cli.main import main
from crmdesk.gui.server.connect_dialog import ConnectDialog
from crmdesk.store.reasons import server_reason
from crmdesk.store.server.connection import AuthenticationFailed, ServerDatabase, ServerUnreachable
from tests.cli.test_cli_english import english_environment
from tests.helpers.gui import OFFSCREEN_LIMITS

ROOT = Path(__file__).resolve().parents[2]


class Listener:
    """A TCP port on 127.0.0.1 that accepts and then answers `reply` to whatever
    it receives (b"" : never answers; b"N" : « no SSL here », as a server without SSL)."""

    def __init__(self, reply: bytes):
        self.reply = reply
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.port = self.server.getsockname()[1]
        self.clients = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _address = self.server.accept()
            except OSError:
                return
            self.clients.append(client)
            if self.reply:
                client.recv(1024)
                client.sendall(self.reply)

    def close(self):
        for client in self.clients:
            client.close()
        self.server.close()


@pytest.fixture
def silent_port():
    listener = Listener(b"")
    yield listener.port
    listener.close()


@pytest.fixture
def port_without_ssl():
    listener = Listener(b"N")
    yield listener.port
    listener.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the with ends: nothing listens there


def unreachable(url: str) -> str:
    with pytest.raises(ServerUnreachable) as caught:
        ServerDatabase(url)
    return str(caught.value)


REASONS = {
    "fr": {
        "refused": "il refuse les connexions (PostgreSQL n'y tourne pas, ou pas sur ce port)",
        "host": "ce nom de serveur est inconnu du réseau",
        "socket": "aucun serveur PostgreSQL n'écoute à cet endroit",
        "timeout": "il n'a pas répondu à temps",
        "ssl": "la connexion chiffrée (SSL) a échoué",
        "sentence": "Le serveur « {host} » ne répond pas ({reason}). Vérifiez qu'il est allumé",
    },
    "en": {
        "refused": "it refuses connections (PostgreSQL is not running there, or not on this port)",
        "host": "the network does not know this server name",
        "socket": "no PostgreSQL server listens there",
        "timeout": "it did not answer in time",
        "ssl": "the encrypted (SSL) connection failed",
        "sentence": "The server “{host}” does not answer ({reason}). Check that it is on",
    },
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_common_reason_is_said_in_the_interface_language(language, silent_port, port_without_ssl):
    urls = {
        "refused": f"postgresql://marie@127.0.0.1:{closed_port()}/clients",
        "host": "postgresql://marie@serveur.invalid/clients",
        "socket": "postgresql://marie@/clients?host=/nonexistent-folder",
        "timeout": f"postgresql://marie@127.0.0.1:{silent_port}/clients?connect_timeout=1",
        "ssl": f"postgresql://marie@127.0.0.1:{port_without_ssl}/clients?sslmode=require",
    }
    i18n.set_language(language)
    said = {case: unreachable(url) for case, url in urls.items()}
    expected = REASONS[language]
    for case, text in said.items():
        host = "localhost" if case == "socket" else "serveur.invalid" if case == "host" else "127.0.0.1"
        assert text.startswith(expected["sentence"].format(host=host, reason=expected[case])), (case, text)
        assert "Connection refused" not in text and "connection to server" not in text, text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_login_without_the_right_to_the_database_is_told_so(language, pg_cluster, pg_url):
    ServerDatabase(pg_url, create=True).close()
    name = pg_url.rsplit("/", 1)[1]
    login = f"stagiaire_{name[-6:]}_{language}"
    with pg_cluster.admin() as admin:
        admin.execute(f"CREATE ROLE {login} LOGIN")
        admin.execute(f'REVOKE CONNECT ON DATABASE "{name}" FROM PUBLIC')
    i18n.set_language(language)
    with pytest.raises(AuthenticationFailed) as caught:
        ServerDatabase(pg_cluster.url(name, user=login))
    reason = {
        "fr": "cet identifiant n'a pas le droit d'ouvrir cette base",
        "en": "this login may not open this database",
    }
    assert str(caught.value).endswith(f" : {reason['fr']}." if language == "fr" else f": {reason['en']}.")


def test_an_unknown_reason_keeps_libpqs_own_words():
    assert server_reason("FATAL:  the database system is starting up\nDETAIL: x") == (
        "FATAL:  the database system is starting up"
    )


def test_the_servers_own_words_are_read_too():
    # a server whose lc_messages is French answers in French
    assert server_reason("FATAL:  authentification par mot de passe échouée pour l'utilisateur « marie »") == (
        "le mot de passe est incorrect"
    )


@pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_connect_dialog_says_the_reason(qtbot, language):
    i18n.set_language(language)
    dialog = ConnectDialog(None, url=f"postgresql://marie@127.0.0.1:{closed_port()}/clients")
    qtbot.addWidget(dialog)
    dialog.try_connect()
    shown = dialog.findChild(QLabel, "connectError").text()
    assert REASONS[language]["refused"] in shown and "Connection refused" not in shown


def test_the_command_line_says_the_reason_in_english(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "tasks", "--db", f"postgresql://marie@127.0.0.1:{closed_port()}/clients"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=english_environment(),
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("crmdesk: The server “127.0.0.1” does not answer (it refuses connections"), (
        done.stderr
    )


def test_the_command_line_says_the_reason_in_french(capsys):
    assert main(["tasks", "--db", f"postgresql://marie@127.0.0.1:{closed_port()}/clients"]) == 1
    assert capsys.readouterr().err.startswith(
        "crmdesk : Le serveur « 127.0.0.1 » ne répond pas (il refuse les connexions"
    )
