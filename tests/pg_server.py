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
# The two roles of a shared log (README, two roles), each signing in with a password
# (scram-sha-256, so wrong passwords are tested for real): the log's owner, which makes its tables
# and rules, and the workstations' role, which only reads and adds what the program does.
OWNER_ROLE, OWNER_PASSWORD = "ldn_owner", "owner secret 7"
WORKSTATION_ROLE, PASSWORD = "pharmacy", "correct horse"


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

    def as_role(self, url: str, role: str) -> str:
        """The database of `url`, signed in as `role` (the superuser, the owner or the workstations)."""
        return with_role(url, role)

    def shared_log(self) -> str:
        """A shared log as the README sets one up: a database its owner owns, the log made there by
        the owner with the workstations granted (`ldn-desk log init --workstations`); returns the URL
        the workstations use."""
        from ldn_desk.store import Store
        from ldn_desk.store.pg import grant_workstations

        owner = self.as_role(self.fresh_database(owner=OWNER_ROLE), OWNER_ROLE)
        Store.open(owner, create=True).close()
        grant_workstations(owner, [WORKSTATION_ROLE])
        return self.as_role(owner, WORKSTATION_ROLE)

    def close(self) -> None:
        self.stop("immediate")
        with contextlib.suppress(OSError):
            shutil.rmtree(self.root)


def database_of(url: str) -> str:
    return url.split("@/", 1)[1].split("?")[0]


def with_role(url: str, role: str) -> str:
    """A test server's URL signed in as `role` instead (its password, where it has one)."""
    password = {OWNER_ROLE: OWNER_PASSWORD, WORKSTATION_ROLE: PASSWORD}.get(role)
    secret = f":{password.replace(' ', '%20')}" if password else ""
    return f"postgresql://{role}{secret}@/{url.split('@/', 1)[1]}"


def start_server() -> PgServer:
    server = PgServer()
    server.init()
    server.start()
    deadline = time.monotonic() + 30
    while True:
        try:
            server.sql(f"CREATE ROLE {WORKSTATION_ROLE} LOGIN PASSWORD '{PASSWORD}'")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    server.sql(f"CREATE ROLE {OWNER_ROLE} LOGIN PASSWORD '{OWNER_PASSWORD}'")
    return server
