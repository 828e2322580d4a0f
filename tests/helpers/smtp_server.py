"""A real SMTP server on the loopback for the e-mail tests (aiosmtpd), that
keeps what it received, refuses chosen recipients (550) and can drop the
connection after N messages; with a self-signed certificate, STARTTLS and a
login.

    with LoopbackSmtp(refuse={"inconnu@exemple.fr"}, drop_after=3) as server:
        settings = server.settings()          # SmtpSettings pointing at it
        …
        server.messages                       # [EmailMessage] received, in order
"""

from __future__ import annotations

import datetime as dt
import email
import socket
import ssl
from email import policy
from pathlib import Path
from typing import Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from crmdesk.domain.emailing import SmtpSettings

LOGIN, PASSWORD = "assistante@sweetybio.fr", "mot-de-passe-de-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, server: LoopbackSmtp):
        self.server = server

    async def handle_MAIL(self, smtp, session, envelope, address, options):
        owner = self.server
        if owner.drop_after is not None and len(owner.messages) >= owner.drop_after:
            owner.drops += 1
            smtp.transport.close()  # the line goes dead, no answer
            return "421 4.4.2 Connexion coupée"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, smtp, session, envelope, address, options):
        if address.casefold() in self.server.refuse:
            return "550 5.1.1 Destinataire inconnu"
        if address.casefold() in self.server.later:
            return "451 4.7.1 Réessayez plus tard"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.server.messages.append(message)
        self.server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 2.0.0 Accepté"


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == LOGIN.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


class LoopbackSmtp:
    def __init__(self, *, refuse=(), later=(), drop_after: int | None = None, tls_folder: Path | None = None):
        self.refuse = {a.casefold() for a in refuse}
        self.later = {a.casefold() for a in later}
        self.drop_after = drop_after
        self.drops = 0
        self.messages: list = []
        self.envelopes: list = []
        self.port = free_port()
        self.cafile: Path | None = None
        options = {}
        if tls_folder is not None:
            self.cafile, key = self_signed(tls_folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.cafile, key)
            options = {
                "tls_context": context,
                "require_starttls": True,
                "authenticator": _authenticator,
                "auth_require_tls": True,
            }
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, **options)

    def __enter__(self) -> Self:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def settings(self, **changes) -> SmtpSettings:
        values = {
            "host": "127.0.0.1",
            "port": self.port,
            "security": "none",
            "per_minute": 600,
            "sender_address": "contact@sweetybio.fr",
            "sender_name": "Sweety Bio",
        }
        if self.cafile is not None:
            values.update(security="starttls", login=LOGIN)
        values.update(changes)
        return SmtpSettings(**values)

    def client_context(self) -> ssl.SSLContext:
        """What trusts the self-signed certificate (the user's would be a real one)."""
        return ssl.create_default_context(cafile=str(self.cafile))

    def recipients(self) -> list[str]:
        return [to for _sender, tos in self.envelopes for to in tos]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, written in `folder`."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path
