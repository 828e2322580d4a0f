"""A throwaway PostgreSQL cluster for the server tests: `initdb` + `pg_ctl` in
a temporary folder, listening on a Unix socket there only (no TCP port), run
by an unprivileged system user when the tests run as root (initdb refuses
root: CI runs as root), removed at the end."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

# Debian's layout first (postgresql-NN), then whatever is on the PATH.
_BIN_DIRS = sorted(
    Path("/usr/lib/postgresql").glob("*/bin"),
    key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    reverse=True,
)
SUPERUSER = "crmdesk_admin"


def binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres (the newest), or None."""
    for folder in _BIN_DIRS:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    return None


def _runner() -> list[str]:
    """The prefix that runs the server's tools: nothing for a normal user; as
    root, `runuser` to « postgres » (created by Debian's package) or « nobody »."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return ["runuser", "-u", name, "--"]
    raise RuntimeError("no unprivileged user to run PostgreSQL as")


class Cluster:
    """A running cluster; `url(name)` the address of one of its databases."""

    def __init__(self, bin_dir: Path, *, password: str | None = None):
        """password: the superuser's, asked by the server at every connection (scram);
        None: no password at all (trust, the tests' usual cluster)."""
        self.bin_dir = bin_dir
        # not below pytest's tmp folder: it is root's alone (0700), the server's user must enter it
        self.folder = Path(tempfile.mkdtemp(prefix="crmdesk-pg-"))
        self.data = self.folder / "data"
        self.socket = self.folder
        self.port = 5432
        self.runner = _runner()
        if self.runner:
            user = self.runner[2]
            entry = pwd.getpwnam(user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        auth = ["--auth=trust"]
        if password is not None:
            secret = self.folder / "password"
            secret.write_text(password + "\n")
            if self.runner:
                os.chown(secret, entry.pw_uid, entry.pw_gid)
            auth = ["--auth=scram-sha-256", f"--pwfile={secret}"]
        self._run(
            [
                "initdb",
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                *auth,
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            env,
        )
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.socket}' -p {self.port} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            ["pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w", "start"], env
        )

    def _run(self, command: list[str], env: dict) -> None:
        tool = str(self.bin_dir / command[0])
        result = subprocess.run(
            [*self.runner, tool, *command[1:]], env=env, capture_output=True, text=True, cwd=self.folder, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {result.stdout}\n{result.stderr}")

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        """A libpq URL to `database` through the socket folder (host given as a path)."""
        return f"postgresql://{quote(user)}@{quote(str(self.socket), safe='')}:{self.port}/{quote(database)}"

    def admin(self):
        import psycopg

        return psycopg.connect(self.url(), autocommit=True)

    def new_database(self, prefix: str = "t", *, template: str | None = None) -> str:
        """An empty database of its own for one test (or a copy of `template`); its name."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"], dict(os.environ))
        shutil.rmtree(self.folder, ignore_errors=True)
