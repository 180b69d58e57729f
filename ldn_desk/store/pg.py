"""The log on a shared PostgreSQL database (psycopg 3), for a pharmacy with several workstations.

A `PgConnection` speaks the small part of sqlite3's interface the store uses (`execute` with `?`
placeholders, rows read by position or by name), so every query in the store runs on both
engines. Writers take one advisory lock for the length of their transaction, exactly as SQLite's
BEGIN IMMEDIATE does: the chain's head is read and extended by one writer at a time, so no record
is lost or numbered twice. A writer that waits longer than the busy timeout is told the log is busy.
"""

from __future__ import annotations

import contextlib
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from typing import Any

from ldn_desk.store.errors import (
    LogBusyError,
    LogUnavailableError,
    NewerLogError,
    NoLogError,
    RecordError,
)
from ldn_desk.store.migrations import SCHEMA_VERSION

SCHEMES = ("postgresql://", "postgres://")
APPLICATION = "LDN Desk log"
_WRITE_LOCK = 0x4C444E44  # "LDND": the one advisory lock every writer of a shared log takes
_BUSY_TIMEOUT = "5s"
_CONNECT_TIMEOUT_S = 5


def is_url(location: object) -> bool:
    return isinstance(location, str) and location.startswith(SCHEMES)


def shown(url: str) -> str:
    """The URL without its password, for messages and settings."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))


class Row(tuple[Any, ...]):
    """A row read by position or by column name, as sqlite3.Row is."""

    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor: Any) -> Any:
    description = cursor.description or ()
    names = {column.name: index for index, column in enumerate(description)}
    kind = type("Row", (Row,), {"names": names})

    def make(values: Sequence[Any]) -> Row:
        return kind(values)  # type: ignore[no-any-return]

    return make


_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|LIMIT \?|\bchar\(|\binstr\(|\bIS NOT \(|\?|%")
# SQLite's spelling -> PostgreSQL's, for the few functions the shared queries use; LIMIT -1 is
# SQLite's "no limit", NULL is PostgreSQL's.
_SPELLING = {"char(": "chr(", "instr(": "strpos(", "LIMIT ?": "LIMIT nullif(%s, -1)",
             "IS NOT (": "IS DISTINCT FROM ("}  # fmt: skip


def translate(sql: str) -> str:
    """sqlite3's `?` placeholders as psycopg's `%s` (and a literal % doubled), outside quotes."""

    def swap(match: re.Match[str]) -> str:
        text = match.group(0)
        if text in _SPELLING:
            return _SPELLING[text]
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        return text.replace("%", "%%")

    return _PLACEHOLDER.sub(swap, sql)


_INSERT = re.compile(r"\s*INSERT INTO (\w+)", re.IGNORECASE)


class _Inserted:
    """An INSERT's cursor, with the number the database gave the row as sqlite3's lastrowid."""

    def __init__(self, cursor: Any, lastrowid: int | None) -> None:
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount
        self.description = None

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def __iter__(self) -> Iterator[Any]:
        return iter(())


class PgConnection:
    """A psycopg connection that the store's sqlite3-style code can use unchanged."""

    dialect = "postgresql"

    def __init__(self, raw: Any, url: str) -> None:
        self.raw = raw
        self.url = url
        self.text_factory: Any = str  # sqlite3's attribute; PostgreSQL text is always valid UTF-8
        self.row_factory: Any = None
        self.appended: list[str] = []  # chain hashes written by the open transaction

    def _alive(self) -> None:
        # After a lost connection (server restarted, network back), the next read connects again;
        # never inside a transaction, whose work went with the old connection.
        if self.raw.broken or self.raw.closed:
            self.raw = connect(self.url).raw

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        statement = sql.strip()
        self._alive()
        if statement.upper() == "BEGIN IMMEDIATE":
            self.appended = []
            cursor = self.raw.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
            try:
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
            except BaseException:  # busy (lock_timeout), or the connection went: nothing was begun
                with contextlib.suppress(Exception):
                    self.raw.execute("ROLLBACK")
                raise
            return cursor
        # Always with parameters (perhaps none), so psycopg reads the doubled % back as one.
        values = tuple(params) if params is not None else ()
        insert = _INSERT.match(sql)
        if insert is not None and "RETURNING" not in sql.upper():
            from ldn_desk.store.pg_schema import IDENTITY_TABLES

            if insert.group(1) in IDENTITY_TABLES:
                cursor = self.raw.execute(translate(sql) + " RETURNING id", values)
                row = cursor.fetchone()
                return _Inserted(cursor, None if row is None else int(row[0]))
        return self.raw.execute(translate(sql), values)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        cursor = self.raw.cursor()
        if rows:
            cursor.executemany(translate(sql), [tuple(row) for row in rows])
        return cursor

    @property
    def in_transaction(self) -> bool:
        import psycopg

        return bool(self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    def create_function(self, *args: Any, **kwargs: Any) -> None:
        """sqlite3's user functions are not needed: the store's SQL calls none on PostgreSQL."""

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()


@contextlib.contextmanager
def saving(conn: PgConnection, url: str) -> Iterator[PgConnection]:
    """One write transaction on the shared log. A save either happened or did not, and the error
    says which: when the connection is lost at the commit itself, a new connection looks for the
    save's chain entries to tell."""
    import psycopg

    with translate_errors(url, saving=True):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            with contextlib.suppress(Exception):
                conn.raw.execute("ROLLBACK")
            raise
        try:
            conn.raw.execute("COMMIT")
        except psycopg.OperationalError as error:
            _after_lost_commit(conn, url, error)


def _after_lost_commit(conn: PgConnection, url: str, error: Exception) -> None:
    written = list(conn.appended)
    try:
        fresh = connect(url)
    except LogUnavailableError:
        raise LogUnavailableError(
            f"the connection to the shared database {shown(url)} was lost at the moment of saving "
            f"({_reason(error)}), and the server cannot be reached to tell whether the save was made: "
            "look for it in the log once the server is back, before saving it again"
        ) from None
    conn.raw.close()
    conn.raw = fresh.raw
    if written:
        found = conn.execute("SELECT count(*) FROM chain WHERE sha256 = ANY(?)", (written,)).fetchone()[0]
        if int(found) == len(written):
            return  # the commit reached the server: the save happened
    raise LogUnavailableError(
        f"the connection to the shared database {shown(url)} was lost while saving ({_reason(error)}); "
        "the save did not happen: nothing was saved, save it again"
    )


def connect(url: str) -> PgConnection:
    import psycopg

    with translate_errors(url, saving=False):
        raw = psycopg.connect(url, autocommit=True, connect_timeout=_CONNECT_TIMEOUT_S, row_factory=_row_factory,
                              application_name="LDN Desk")  # fmt: skip
        raw.execute(f"SET lock_timeout = '{_BUSY_TIMEOUT}'")
    return PgConnection(raw, url)


def _meta(conn: PgConnection) -> dict[str, str] | None:
    exists = conn.execute("SELECT to_regclass('ldn_meta') IS NOT NULL").fetchone()[0]
    if not exists:
        return None
    return {str(row[0]): str(row[1]) for row in conn.execute("SELECT name, value FROM ldn_meta")}


def schema_version(conn: PgConnection) -> int:
    meta = _meta(conn) or {}
    return int(meta.get("schema_version", 0))


def _empty(conn: PgConnection) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f')"
    ).fetchone()
    return int(row[0]) == 0


def create_schema(conn: PgConnection) -> None:
    """The whole log at the current format on an empty database, in one transaction."""
    from ldn_desk.store import pg_schema

    conn.execute("BEGIN IMMEDIATE")
    try:
        if _meta(conn) is not None:  # another workstation made it meanwhile
            conn.execute("ROLLBACK")
            return
        for statement in pg_schema.BASE:
            conn.raw.execute(statement)
        for version in range(pg_schema.BASE_VERSION + 1, SCHEMA_VERSION + 1):
            for statement in pg_schema.STEPS[version]:
                conn.raw.execute(statement)
        conn.raw.execute("SAVEPOINT trigram")
        try:
            for statement in pg_schema.TRIGRAM:
                conn.raw.execute(statement)
        except Exception:  # no pg_trgm on this server (or no right to add it): the plain index serves
            conn.raw.execute("ROLLBACK TO SAVEPOINT trigram")
        conn.raw.execute(
            "INSERT INTO ldn_meta (name, value) VALUES ('application', %s), ('schema_version', %s)",
            (APPLICATION, str(SCHEMA_VERSION)),
        )
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        raise


def as_role(url: str, role: str) -> str:
    """The same database signed in as `role`, without a password (for a message)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{urllib.parse.quote(role)}@{host}"))


def _upgrade(conn: PgConnection, version: int, url: str) -> None:
    """The steps of every later format, in one transaction, as the log's owner: a role that cannot
    act as the owner is refused before anything is begun. The workstations the log is granted to
    are granted each new table too."""
    from ldn_desk.store import pg_roles, pg_schema

    made_by = pg_roles.owner(conn)
    if not pg_roles.can_act_as_owner(conn):
        raise LogUnavailableError(
            f"the shared log {shown(url)} is at format {version} and this LDN Desk needs format {SCHEMA_VERSION}, "
            f"an upgrade only its owner {made_by} can make: run `ldn-desk log init --database "
            f"{as_role(url, made_by)}` once; nothing was changed"
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)
        if pg_roles.current_role(conn) != made_by:  # a superuser (or a member): new tables are the owner's
            conn.raw.execute(f"SET LOCAL ROLE {pg_schema.quote_name(made_by)}")
        granted = pg_roles.workstations(conn)
        for step in range(max(current, pg_schema.BASE_VERSION) + 1, SCHEMA_VERSION + 1):
            for statement in pg_schema.STEPS[step]:
                conn.raw.execute(statement)
        for role in granted:
            pg_roles.grant(conn, role)
        conn.raw.execute(
            "UPDATE ldn_meta SET value = %s WHERE name = 'schema_version'", (str(SCHEMA_VERSION),)
        )
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        raise


def open_log(url: str, *, create: bool = True) -> PgConnection:
    """Connect to the shared log, creating its schema on an empty database when `create`."""
    conn = connect(url)
    try:
        with translate_errors(url, saving=False):
            meta = _meta(conn)
            if meta is None:
                if not _empty(conn):
                    raise LogUnavailableError(
                        f"the database {shown(url)} holds tables of another program, not an LDN Desk log; "
                        "nothing was changed. Give LDN Desk an empty database of its own"
                    )
                if not create:
                    raise NoLogError(
                        f"there is no compounding log in the database {shown(url)} yet "
                        "(`ldn-desk log init --database URL` creates it)"
                    )
                if not conn.execute("SELECT has_schema_privilege(current_schema(), 'CREATE')").fetchone()[0]:
                    raise NoLogError(
                        f"there is no compounding log in the database {shown(url)} yet, and this role cannot make "
                        "one: the log's owner makes it (`ldn-desk log init --database postgresql://OWNER@HOST/DB "
                        "--workstations ROLE`); nothing was changed"
                    )
                create_schema(conn)
                meta = _meta(conn) or {}
            if meta.get("application") != APPLICATION:
                raise LogUnavailableError(
                    f"the database {shown(url)} is not an LDN Desk log; nothing was changed"
                )
            version = int(meta.get("schema_version", "0"))
            if version > SCHEMA_VERSION:
                raise NewerLogError(
                    shown(url),
                    f"was written by a newer LDN Desk (log format {version}; this program reads up to "
                    f"{SCHEMA_VERSION}), so it is not opened",
                    options="The database was left exactly as it is. Update LDN Desk on this computer.",
                )
            if version < SCHEMA_VERSION:
                _upgrade(conn, version, url)
    except BaseException:
        conn.close()
        raise
    return conn


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return re.sub(r"^(connection failed: |connection is bad: )+", "", text)


@contextlib.contextmanager
def translate_errors(url: str | None, *, saving: bool = False) -> Iterator[None]:
    """psycopg's exceptions as LDN Desk errors of one clear line each."""
    import psycopg
    from psycopg import errors

    try:
        yield
    except LogUnavailableError as error:
        if saving and "saved" not in str(error) and "save was made" not in str(error):
            raise LogUnavailableError(f"{error}; nothing was saved") from None
        raise
    except psycopg.errors.IntegrityError as error:
        message = error.diag.message_primary or _reason(error)
        raise RecordError(f"the log refused the change: {message}") from None
    except (
        errors.LockNotAvailable,
        errors.SerializationFailure,
        errors.DeadlockDetected,
        errors.QueryCanceled,
    ):
        raise LogBusyError(
            "the shared log is busy (another workstation is saving to it); try again"
            + ("; nothing was saved" if saving else "; nothing was changed")
        ) from None
    except psycopg.OperationalError as error:
        where = shown(url) if url else "the shared database"
        reason = _reason(error)
        if "password authentication failed" in reason or "no password supplied" in reason:
            raise LogUnavailableError(
                f"the shared database {where} refused the user name or password; check them in Settings → Log"
                + ("; nothing was saved" if saving else "")
            ) from None
        raise LogUnavailableError(
            f"the shared database {where} could not be reached ({reason})"
            + ("; nothing was saved" if saving else "; nothing was changed")
        ) from None
    except psycopg.Error as error:
        raise LogUnavailableError(
            f"the shared log could not be used ({_reason(error)}); nothing was changed"
        ) from None


def grant_workstations(url: str, roles: Sequence[str], *, owner: str | None = None) -> dict[str, Any]:
    """Give the workstations' roles exactly the rights pg_schema.GRANTS lists, and take back
    everything else from them and from PUBLIC; with `owner`, first hand the log (its tables,
    sequences, functions, and the database itself) over to that role. Connected as the log's owner,
    or for a hand-over as a role that can act as both owners (the server's superuser). In one
    transaction: all of it, or nothing."""
    from ldn_desk.errors import InputError
    from ldn_desk.store import pg_roles, pg_schema

    roles = list(dict.fromkeys(role.strip() for role in roles if role.strip()))
    if not roles:
        raise InputError(
            "workstations role", "", "is needed: the role the workstations sign in as", "pharmacy"
        )
    conn = open_log(url, create=False)
    try:
        with translate_errors(url, saving=False):
            conn.execute("BEGIN IMMEDIATE")
            try:
                before = pg_roles.owner(conn)
                after = owner or before
                for field, role in (*(("workstations role", role) for role in roles), ("owner role", after)):
                    if role not in pg_roles.existing(conn, [role]):
                        raise InputError(field, role, "is not a role on this server; create it first "
                                         f"(CREATE ROLE {role} LOGIN PASSWORD '…')", "pharmacy")  # fmt: skip
                if after in roles:
                    raise InputError("workstations role", after, "owns the log, so its rights cannot be limited: hand "
                                     "the log over to another role first (--owner)", "ldn_owner")  # fmt: skip
                if not pg_roles.acts_as(conn, before):
                    raise LogUnavailableError(
                        f"only the log's owner {before} can grant the workstations their rights on the shared log "
                        f"{shown(url)}: connect as {before} (--database {as_role(url, before)}); nothing was changed"
                    )
                if not pg_roles.acts_as(conn, after):
                    raise LogUnavailableError(
                        f"handing the shared log {shown(url)} over from {before} to {after} needs a role that can act "
                        f"as both (the server's superuser): connect as it (--database {as_role(url, 'postgres')}); "
                        "nothing was changed"
                    )
                if after != before:
                    _hand_over(conn, after)
                pg_roles.close_schema(conn, roles)  # as its owner, or the superuser, before SET ROLE
                if pg_roles.current_role(conn) != after:
                    conn.raw.execute(f"SET LOCAL ROLE {pg_schema.quote_name(after)}")
                for role in roles:
                    pg_roles.grant(conn, role)
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(Exception):
                    conn.raw.execute("ROLLBACK")
                raise
        return {"owner": after, "handed_over_from": before if after != before else None, "workstations": roles,
                "database": shown(url)}  # fmt: skip
    finally:
        conn.close()


def _hand_over(conn: PgConnection, owner: str) -> None:
    """Every object of the log, its schema where the old owner had it, and the database, to `owner`."""
    from ldn_desk.store import pg_roles, pg_schema

    new = pg_schema.quote_name(owner)
    previous = pg_roles.owner(conn)
    for table in pg_roles.tables(conn):  # a table's identity sequences and indexes go with it
        conn.raw.execute(f"ALTER TABLE {table} OWNER TO {new}")
    for function in sorted(set(pg_roles.functions()) & pg_roles.present(conn)):
        conn.raw.execute(f"ALTER FUNCTION {function}() OWNER TO {new}")
    database = str(conn.execute("SELECT current_database()").fetchone()[0])
    conn.raw.execute(f"ALTER DATABASE {pg_schema.quote_name(database)} OWNER TO {new}")
    schema = conn.execute(
        "SELECT n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE n.nspname = current_schema()"
    ).fetchone()
    if str(schema[1]) == previous:
        conn.raw.execute(f"ALTER SCHEMA {pg_schema.quote_name(str(schema[0]))} OWNER TO {new}")
