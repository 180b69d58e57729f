"""Who can change a shared log's rules: its owner, and the workstations' role that cannot.

The log's owner (a role no workstation signs in as) makes its tables, triggers and functions and
is the only one that can alter them; the workstations' role has the rights pg_schema.GRANTS lists.
This module reads, from the server's catalogs, who owns the log, which roles it is granted to, and
whether the connected role could alter the rules (`rule_changer`, a caution of `log check`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from ldn_desk.store import pg_schema


class Connection(Protocol):
    """A shared log's connection (store/pg.py's PgConnection), as the store's code uses it."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
_TWO_ROLES = "see the README (two roles)"
_CAN_CHANGE = "connected as a role that can change the log's rules"


def owner(conn: Connection) -> str:
    """The role that owns the log (its ldn_meta table)."""
    row = conn.execute(
        "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = to_regclass('ldn_meta')"
    ).fetchone()
    return str(row[0])


def current_role(conn: Connection) -> str:
    return str(conn.execute("SELECT current_user").fetchone()[0])


def is_superuser(conn: Connection) -> bool:
    row = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    return bool(row[0])


def acts_as(conn: Connection, role: str) -> bool:
    """The connected role is `role`, a member of it (SET ROLE), or a superuser."""
    row = conn.execute("SELECT pg_has_role(current_user, ?, 'MEMBER')", (role,)).fetchone()
    return bool(row[0]) or is_superuser(conn)


def can_act_as_owner(conn: Connection) -> bool:
    return acts_as(conn, owner(conn))


def workstations(conn: Connection) -> list[str]:
    """The roles the log is granted to (those that may add to its chain), its owner aside."""
    rows = conn.execute(
        "SELECT DISTINCT pg_get_userbyid(a.grantee) FROM pg_class c, aclexplode(c.relacl) a "
        "WHERE c.oid = to_regclass('chain') AND a.grantee <> c.relowner AND a.grantee <> 0 "
        "AND a.privilege_type = 'INSERT' ORDER BY 1"
    )
    return [str(row[0]) for row in rows]


def existing(conn: Connection, roles: list[str]) -> set[str]:
    rows = conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(?)", (list(roles),))
    return {str(row[0]) for row in rows}


def tables(conn: Connection) -> list[str]:
    """The log's tables as they are on this server (a format's tables, those that exist)."""
    rows = conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY(?) ORDER BY 1",
        (sorted(pg_schema.made_tables()),),
    )
    return [str(row[0]) for row in rows]


def functions() -> tuple[str, ...]:
    return ("ldn_refuse", *pg_schema.ALL_FUNCTIONS)


def present(conn: Connection) -> set[str]:
    """The log's tables, sequences and functions on this server (those of its format)."""
    rows = conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'S') "
        "UNION SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND p.proname = ANY(?)",
        (list(functions()),),
    )
    return {str(row[0]) for row in rows}


def grant(conn: Connection, role: str) -> None:
    """Give `role` the workstations' rights on the log as it is (the caller holds the transaction)."""
    for statement in pg_schema.grant_statements(role, present(conn)):
        conn.execute(statement)


def close_schema(conn: Connection, roles: list[str]) -> bool:
    """Take back CREATE in the log's schema from PUBLIC and `roles`, where the connected role can
    (it may act as the schema's owner, or is a superuser); False where it cannot."""
    row = conn.execute(
        "SELECT nspname, pg_has_role(current_user, nspowner, 'MEMBER') FROM pg_namespace "
        "WHERE nspname = current_schema()"
    ).fetchone()
    if not (row[1] or is_superuser(conn)):
        return False
    grantees = ", ".join(["PUBLIC", *(pg_schema.quote_name(role) for role in roles)])
    conn.execute(f"REVOKE CREATE ON SCHEMA {pg_schema.quote_name(str(row[0]))} FROM {grantees}")
    return True


def _granted(table: str) -> tuple[set[str], set[str]]:
    """The table-level privileges GRANTS gives the workstations on `table`, and the columns they may update."""
    whole: set[str] = set()
    columns: set[str] = set()
    for grant in pg_schema.GRANTS.get(table, ()):
        if "(" in grant:
            columns.update(name.strip() for name in grant.split("(", 1)[1].rstrip(")").split(","))
        else:
            whole.add(grant)
    return whole, columns


def extra_rights(conn: Connection) -> list[str]:
    """The connected role's rights on the log beyond what the workstations are granted, as SQL
    ("DELETE on chain", "UPDATE of record.patient"), and SET session_replication_role (which
    switches every trigger off) where the server grants it."""
    found: list[str] = []
    for table in tables(conn):
        whole, columns = _granted(table)
        for privilege in PRIVILEGES:
            if privilege in whole:
                continue
            held = conn.execute("SELECT has_table_privilege(?, ?)", (table, privilege)).fetchone()[0]
            if held:
                found.append(f"{privilege} on {table}")
            elif privilege == "UPDATE":
                found.extend(_extra_columns(conn, table, columns))
    schema = str(conn.execute("SELECT current_schema()").fetchone()[0])
    if conn.execute("SELECT has_schema_privilege(current_schema(), 'CREATE')").fetchone()[0]:
        # A function made there could shadow one the log's rules call (PostgreSQL 14 and older
        # give PUBLIC this on the schema public).
        found.append(f"CREATE in schema {schema}")
    version = int(conn.execute("SELECT current_setting('server_version_num')").fetchone()[0])
    if version >= 150000:
        row = conn.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')").fetchone()
        if row[0]:
            found.append("SET session_replication_role")
    return found


def _extra_columns(conn: Connection, table: str, allowed: set[str]) -> Iterator[str]:
    rows = conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped "
        "AND has_column_privilege(attrelid, attnum, 'UPDATE') ORDER BY attnum",
        (table,),
    )
    for (column,) in rows:
        if str(column) not in allowed:
            yield f"UPDATE of {table}.{column}"


def owns_the_log(conn: Connection) -> bool:
    """The connected role owns (or may act as the owner of) a table, sequence or function of the log."""
    row = conn.execute(
        "SELECT coalesce(bool_or(pg_has_role(current_user, owner, 'MEMBER')), false) FROM ("
        "SELECT c.relowner AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'S') AND (c.relname = ANY(?) OR c.relname = ANY(?)) "
        "UNION ALL SELECT p.proowner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND p.proname = ANY(?)) AS owned",
        (sorted(pg_schema.made_tables()), sorted(pg_schema.SEQUENCES), list(functions())),
    ).fetchone()
    return bool(row[0])


def owns_the_database(conn: Connection) -> bool:
    """The connected role owns the database or the log's schema, and so may drop the log's tables."""
    row = conn.execute(
        "SELECT pg_has_role(current_user, d.datdba, 'MEMBER') OR pg_has_role(current_user, n.nspowner, 'MEMBER') "
        "FROM pg_database d, pg_namespace n WHERE d.datname = current_database() AND n.nspname = current_schema()"
    ).fetchone()
    return bool(row[0])


def rule_changer(conn: Connection) -> str | None:
    """Why the connected role could change the log's rules, as one line; None when it cannot."""
    role = current_role(conn)
    if is_superuser(conn):
        return f"{_CAN_CHANGE}: {role} is a superuser of the server; {_TWO_ROLES}"
    if owns_the_log(conn):
        made_by = owner(conn)
        if made_by == role:
            return f"{_CAN_CHANGE}: {role} owns the log's tables; {_TWO_ROLES}"
        return f"{_CAN_CHANGE}: {role} may act as {made_by}, the log's owner; {_TWO_ROLES}"
    if owns_the_database(conn):
        return f"{_CAN_CHANGE}: {role} owns the log's database or schema, so it can drop the log's tables; {_TWO_ROLES}"
    rights = extra_rights(conn)
    if rights:
        listed = ", ".join(rights[:4]) + (f" (+{len(rights) - 4})" if len(rights) > 4 else "")
        return f"{_CAN_CHANGE}: {role} may use {listed}; {_TWO_ROLES}"
    return None
