"""A real, private PostgreSQL server for the tests: its own folder, a Unix socket only, no TCP.

The server runs as the `postgres` system user when the tests run as root (PostgreSQL refuses
to run as root), in a temporary folder that user owns. One server serves a whole test session;
each test gets a database of its own (`fresh_database`). When no PostgreSQL is installed the
tests that need it fail, saying how to install it: they are never skipped in silence.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

_counter = itertools.count(1)
SUPERUSER = "postgres"
# A role that signs in with a password (scram-sha-256), to test wrong passwords for real.
PASSWORD_ROLE, PASSWORD = "pharmacist", "correct horse"


class NoPostgresError(RuntimeError):
    pass


def binaries() -> Path:
    """The folder holding initdb and pg_ctl (Debian's /usr/lib/postgresql/N/bin, newest first)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not found and shutil.which("initdb"):
        found = [str(shutil.which("initdb"))]
    if not found:
        raise NoPostgresError(
            "PostgreSQL is not installed, so the shared-database tests cannot run: "
            "install it (Debian: apt-get install -y postgresql; .ci/run does this)"
        )
    return Path(found[0]).resolve().parent


class PgServer:
    """initdb, start, stop and databases of one private server."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.root = Path(tempfile.mkdtemp(prefix="ldn-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.socket_dir.mkdir()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            os.chmod(self.root, 0o755)
            for path in (self.root, self.socket_dir):
                os.chown(path, user.pw_uid, user.pw_gid)
        self.port = 5432  # only names the socket file; there is no TCP listener

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, cwd=self.root)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth-local=trust", "--auth-host=reject",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        hba = self.data / "pg_hba.conf"
        # The superuser signs in by the socket's own permissions; every other role by password.
        hba.write_text(f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                # fsync off: a test server need not survive a power cut; commits still reach the OS
                # before they return (synchronous_commit on), so a stopped server keeps every one.
                f"listen_addresses = ''\nunix_socket_directories = '{self.socket_dir}'\nport = {self.port}\n"
                "fsync = off\nfull_page_writes = off\nmax_connections = 60\n"
                "shared_buffers = 32MB\n"
            )

    def start(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "60", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        secret = f":{password.replace(' ', '%20')}" if password else ""
        return f"postgresql://{user}{secret}@/{database}?host={self.socket_dir}&port={self.port}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def fresh_database(self, owner: str = SUPERUSER) -> str:
        """A new, empty database (owned by `owner`); returns its URL, as its superuser."""
        name = f"ldn_test_{os.getpid()}_{next(_counter)}"
        self.sql(f'CREATE DATABASE "{name}" OWNER "{owner}"')
        return self.url(name)

    def close(self) -> None:
        self.stop("immediate")
        with contextlib.suppress(OSError):
            shutil.rmtree(self.root)


def start_server() -> PgServer:
    server = PgServer()
    server.init()
    server.start()
    deadline = time.monotonic() + 30
    while True:
        try:
            server.sql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}' CREATEDB")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return server
