"""Who can change a shared log's rules: only its owner, a role no workstation signs in as.

The workstations' role has exactly what the program does with the log (pg_schema.GRANTS); the
server itself refuses it every change of the rules. `log check` cautions when the connected role
could change them. Every test runs on the real private server (tests/pg_server.py).
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from cli_support import cli_json, run_cli
from pg_server import OWNER_ROLE, SUPERUSER, WORKSTATION_ROLE, with_role
from store_samples import capsules, liquid
from test_store_shared import shared  # noqa: F401  (a fixture: a signed record, a draft and a plan)

from ldn_desk.cli import EXIT_OK
from ldn_desk.store import Store, pg_schema

CAN_CHANGE = "connected as a role that can change the log's rules"


def connect(url: str, role: str) -> psycopg.Connection[Any]:
    return psycopg.connect(with_role(url, role), autocommit=True)


def cautions(url: str) -> tuple[str, ...]:
    with Store.open(url) as store:
        checked = store.check()  # sound in every case: a caution is never a failure
    return tuple(caution.text for caution in checked.cautions)


# -- the grants table ----------------------------------------------------------------------------


def test_every_table_and_sequence_of_the_schema_has_its_grant_decided(shared: str) -> None:  # noqa: F811
    # Every table any format creates has its line in GRANTS (a new format's table cannot be forgotten).
    assert pg_schema.made_tables() == set(pg_schema.GRANTS)
    with connect(shared, SUPERUSER) as conn:
        relations = dict(conn.execute(
            "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v', 'm', 'p', 'f')"
        ).fetchall())  # fmt: skip
        assert {name for name, kind in relations.items() if kind == "r"} == set(pg_schema.GRANTS)
        assert {name for name, kind in relations.items() if kind == "S"} == set(pg_schema.SEQUENCES)
        assert set(relations.values()) == {"r", "S"}
        # Nothing is granted to PUBLIC, and the workstations hold exactly their line, table by table.
        public = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a "
            "WHERE n.nspname = 'public' AND a.grantee = 0"
        ).fetchone()
        assert public == (0,)
        held: dict[str, set[str]] = {}
        for table, privilege in conn.execute(
            "SELECT table_name, privilege_type FROM information_schema.role_table_grants WHERE grantee = %s",
            (WORKSTATION_ROLE,),
        ):
            held.setdefault(table, set()).add(privilege)
        columns: dict[str, set[str]] = {}
        for table, column in conn.execute(
            "SELECT table_name, column_name FROM information_schema.column_privileges WHERE grantee = %s "
            "AND privilege_type = 'UPDATE'",
            (WORKSTATION_ROLE,),
        ):
            columns.setdefault(table, set()).add(column)
        for table, grants in pg_schema.GRANTS.items():
            assert held.get(table) == {grant for grant in grants if "(" not in grant}, table
            updated = {
                c.strip() for g in grants if "(" in g for c in g.split("(", 1)[1].rstrip(")").split(",")
            }
            assert columns.get(table, set()) == updated, table
        sequences = conn.execute(
            "SELECT c.relname, a.privilege_type FROM pg_class c, aclexplode(c.relacl) a "
            "WHERE c.relkind = 'S' AND a.grantee = %s::regrole",
            (WORKSTATION_ROLE,),
        ).fetchall()
        assert sorted(sequences) == [(name, "USAGE") for name in sorted(pg_schema.SEQUENCES)]


# -- the server refuses the workstations every change of the rules --------------------------------

REFUSED = [
    "ALTER TABLE record ADD COLUMN note TEXT",
    "ALTER TABLE record DISABLE TRIGGER record_never_deleted",
    "ALTER TABLE chain DISABLE TRIGGER ALL",
    "DROP TRIGGER chain_is_final ON chain",
    "DROP TABLE chain CASCADE",
    "DROP FUNCTION ldn_refuse() CASCADE",
    "CREATE FUNCTION lower(varchar) RETURNS text LANGUAGE sql AS $fn$SELECT 'x'$fn$",
    "CREATE TABLE note (id int)",
    "CREATE OR REPLACE FUNCTION ldn_plan_id_fresh() RETURNS trigger LANGUAGE plpgsql AS $fn$BEGIN RETURN NEW; END$fn$",
    "TRUNCATE chain",
    "TRUNCATE record CASCADE",
    "DELETE FROM record WHERE id = 2",
    "DELETE FROM chain",
    "DELETE FROM audit_trail",
    "UPDATE record SET patient = 'Q' WHERE id = 2",
    "UPDATE record SET rx_number = 'RX-9' WHERE id = 1",
    "UPDATE chain SET previous = repeat('0', 64)",
    "UPDATE ldn_meta SET value = '1' WHERE name = 'schema_version'",
    "UPDATE desk_user SET role = 'pharmacist'",
    "UPDATE desk_user SET password_hash = '$argon2id$x'",
    "UPDATE lot SET expiry = '2030-01'",
    "UPDATE id_floor SET last_id = 0",
    "SELECT setval('audit_trail_id_seq', 1)",
    "ALTER TABLE record OWNER TO pharmacy",
    "GRANT ldn_owner TO pharmacy",
    "SET session_replication_role = replica",
]


@pytest.mark.parametrize("statement", REFUSED)
def test_the_server_refuses_the_workstations_role_every_change_of_the_rules(
    shared: str,  # noqa: F811
    statement: str,
) -> None:
    with connect(shared, WORKSTATION_ROLE) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)  # type: ignore[arg-type]
    with Store.open(shared) as store:
        checked = store.check()
        assert checked.ok and checked.cautions == ()
        assert store.count() == 2 and store.record(2).patient == capsules().patient


# -- log check: a caution, never a failure --------------------------------------------------------


def test_log_check_cautions_as_the_owner_and_the_superuser_never_as_the_workstations(
    shared: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    as_workstation = cli_json(["log", "check", "--database", shared], capsys)
    assert as_workstation["ok"] and as_workstation["cautions"] == []
    owner = with_role(shared, OWNER_ROLE)
    as_owner = cli_json(["log", "check", "--database", owner], capsys)
    assert as_owner["ok"] and as_owner["records"] == 2
    assert as_owner["cautions"] == [
        f"{CAN_CHANGE}: {OWNER_ROLE} owns the log's tables; see the README (two roles)"
    ]
    code, out, err = run_cli(["log", "check", "--database", owner], capsys)
    assert code == EXIT_OK and err == ""
    assert out.splitlines()[0].startswith("The log is sound")
    assert out.splitlines()[1] == f"Caution: {as_owner['cautions'][0]}"
    # In Spanish too, as the app's Log page says it (the core's catalog).
    from ldn_desk.desk import Desk

    assert Desk.say(as_owner["cautions"][0], "es") == (
        f"conectado con un rol que puede cambiar las reglas del registro: {OWNER_ROLE} es el propietario de las "
        "tablas del registro; vea el README (dos roles)"
    )
    assert cautions(with_role(shared, SUPERUSER)) == (
        f"{CAN_CHANGE}: {SUPERUSER} is a superuser of the server; see the README (two roles)",
    )


def test_a_right_beyond_the_programs_is_a_caution_and_log_grant_takes_it_back(
    shared: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    owner = with_role(shared, OWNER_ROLE)
    with connect(shared, OWNER_ROLE) as conn:
        conn.execute(f"GRANT DELETE, TRIGGER ON chain TO {WORKSTATION_ROLE}")
        conn.execute(f"GRANT UPDATE (patient) ON record TO {WORKSTATION_ROLE}")
        conn.execute("GRANT CREATE ON SCHEMA public TO PUBLIC")  # as PostgreSQL 14 and older have it
    assert cautions(shared) == (
        f"{CAN_CHANGE}: {WORKSTATION_ROLE} may use DELETE on chain, TRIGGER on chain, UPDATE of record.patient, "
        "CREATE in schema public; see the README (two roles)",
    )
    granted = cli_json(["log", "grant", "--workstations", WORKSTATION_ROLE, "--database", owner], capsys)
    assert granted["owner"] == OWNER_ROLE and granted["workstations"] == [WORKSTATION_ROLE]
    assert granted["handed_over_from"] is None
    assert cautions(shared) == ()
    with connect(shared, WORKSTATION_ROLE) as conn:
        for statement in ("DELETE FROM chain", "CREATE TABLE note (id int)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)  # type: ignore[arg-type]


# -- setting a log up, and handing over one the workstations own -------------------------------------


def test_log_init_makes_the_log_as_its_owner_for_the_workstations(
    pg_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = pg_server.as_role(pg_server.fresh_database(owner=OWNER_ROLE), OWNER_ROLE)
    made = cli_json(["log", "init", "--database", owner, "--workstations", WORKSTATION_ROLE], capsys)
    assert made["workstations"] == [WORKSTATION_ROLE] and made["records"] == 0
    workstation = with_role(owner, WORKSTATION_ROLE)
    with Store.open(workstation) as store:
        assert store.save_record(liquid()) == 1
        assert store.check().cautions == ()
    code, out, _err = run_cli(
        ["log", "init", "--database", owner, "--workstations", WORKSTATION_ROLE], capsys
    )
    assert code == EXIT_OK and "1 records" in out and f"sign in as {WORKSTATION_ROLE}" in out
    # The owner as the workstations' role, or a role the server lacks: one line naming the option.
    for role, said in (
        (OWNER_ROLE, "owns the log, so its rights cannot be limited"),
        ("nobody", "is not a role"),
    ):
        code, _out, err = run_cli(["log", "grant", "--workstations", role, "--database", owner], capsys)
        assert code != EXIT_OK and "--workstations" in err and said in err and "\n" not in err.strip()
    # The workstations cannot grant themselves anything: only the owner grants.
    code, _out, err = run_cli(
        ["log", "grant", "--workstations", WORKSTATION_ROLE, "--database", workstation], capsys
    )
    assert code != EXIT_OK and f"only the log's owner {OWNER_ROLE}" in err and "nothing was changed" in err
    assert "\n" not in err.strip()


def test_a_log_the_workstations_own_is_handed_over_to_its_owner(
    pg_server: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # The one-role setup of earlier versions: the workstations' role owns the database and the log.
    workstation = pg_server.as_role(pg_server.fresh_database(owner=WORKSTATION_ROLE), WORKSTATION_ROLE)
    with Store.open(workstation) as store:
        store.save_record(liquid())
        store.sign_off(1, "B. Checker")
    # Its check passes (the pharmacy is not locked out of its log), with the caution.
    assert cautions(workstation) == (
        f"{CAN_CHANGE}: {WORKSTATION_ROLE} owns the log's tables; see the README (two roles)",
    )
    # The workstations cannot hand it over themselves: that takes the server's superuser.
    argv = ["log", "grant", "--owner", OWNER_ROLE, "--workstations", WORKSTATION_ROLE, "--database"]
    code, _out, err = run_cli([*argv, workstation], capsys)
    assert code != EXIT_OK and "superuser" in err and "nothing was changed" in err and "\n" not in err.strip()
    handed = cli_json([*argv, with_role(workstation, SUPERUSER)], capsys)
    assert (handed["handed_over_from"], handed["owner"]) == (WORKSTATION_ROLE, OWNER_ROLE)
    code, out, _err = run_cli(["log", "grant", "--workstations", WORKSTATION_ROLE, "--database",
                               with_role(workstation, OWNER_ROLE)], capsys)  # fmt: skip
    assert code == EXIT_OK and f"owned by {OWNER_ROLE}, the only role that can change its rules" in out
    with connect(workstation, WORKSTATION_ROLE) as conn:
        for statement in ("ALTER TABLE record DISABLE TRIGGER record_never_deleted", "DROP TABLE chain CASCADE",
                          "DELETE FROM record", "UPDATE record SET patient = 'Q'", "TRUNCATE chain"):  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)  # type: ignore[arg-type]
        owners = conn.execute(
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' UNION SELECT pg_get_userbyid(datdba) FROM pg_database "
            "WHERE datname = current_database()"
        ).fetchall()
        assert owners == [(OWNER_ROLE,)]
    with Store.open(workstation) as store:
        assert store.record(1).checked_by == "B. Checker"
        assert store.save_record(capsules()) == 2
        checked = store.check()
        assert checked.ok and checked.cautions == ()


def test_the_workstations_cannot_make_the_log_on_its_owners_empty_database(pg_server: Any) -> None:
    from ldn_desk.store import NoLogError

    owner = pg_server.as_role(pg_server.fresh_database(owner=OWNER_ROLE), OWNER_ROLE)
    with pytest.raises(NoLogError) as refused:
        Store.open(with_role(owner, WORKSTATION_ROLE))
    said = str(refused.value)
    assert "the log's owner makes it" in said and "log init" in said and "\n" not in said
    with connect(owner, OWNER_ROLE) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)
