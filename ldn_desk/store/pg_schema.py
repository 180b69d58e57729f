"""The log's schema on PostgreSQL: the twin of store/migrations.py, version for version.

No log lived on PostgreSQL before format 7, so a new shared database is made at format 7 in one
step (`BASE`), with every rule migrations.py gives an SQLite log enforced by the database itself:
triggers refuse a delete, an update of saved content, a truncate, and a record or plan number
used twice. Each later format adds its steps to migrations.MIGRATIONS *and* here to `STEPS`
(version -> statements), so adding a table means adding its DDL and its triggers' twin here.
"""

from __future__ import annotations

from ldn_desk.store.migrations import (
    FORMULA_STATUSES,
    LOT_MATERIALS,
    LOT_STATUSES,
    MEANINGS,
    ROLES,
    TRAIL_SUBJECTS,
)

BASE_VERSION = 7

# Raised with SQLSTATE 23000 (integrity constraint violation), so a refusal reads as the rule it is.
_REFUSE = """CREATE FUNCTION ldn_refuse() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = '23000';
END
$fn$"""

# (function name, body) of the rules that need to look at other rows.
FUNCTIONS: dict[str, str] = {
    "ldn_record_id_fresh": """BEGIN
    IF NEW.id <= (SELECT coalesce(max(record_id), 0) FROM chain) THEN
        RAISE EXCEPTION 'a record number is never used twice' USING ERRCODE = '23000';
    END IF;
    RETURN NEW;
END""",
    "ldn_plan_id_fresh": """BEGIN
    IF NEW.id <= (SELECT coalesce(max(plan_id), 0) FROM chain) THEN
        RAISE EXCEPTION 'a plan number is never used twice' USING ERRCODE = '23000';
    END IF;
    RETURN NEW;
END""",
    "ldn_ingredient_with_record": """BEGIN
    IF EXISTS (SELECT 1 FROM chain WHERE record_id = NEW.record_id AND entry = 'record')
       OR (SELECT status FROM record WHERE id = NEW.record_id) IS DISTINCT FROM 'draft' THEN
        RAISE EXCEPTION 'ingredient lines are saved with their record, never added or replaced'
            USING ERRCODE = '23000';
    END IF;
    RETURN NEW;
END""",
    "ldn_pdf_with_record": """BEGIN
    IF EXISTS (SELECT 1 FROM chain WHERE record_id = NEW.record_id AND entry = 'record') THEN
        RAISE EXCEPTION 'a printed record is saved with its record, never added or replaced'
            USING ERRCODE = '23000';
    END IF;
    RETURN NEW;
END""",
    "ldn_plan_version_new": """BEGIN
    IF EXISTS (SELECT 1 FROM chain WHERE plan_id = NEW.plan_id AND version = NEW.version) THEN
        RAISE EXCEPTION 'a saved plan changes only by a new version' USING ERRCODE = '23000';
    END IF;
    RETURN NEW;
END""",
    "ldn_lot_use_fill": """BEGIN
    IF NEW.lot_key <> '' THEN
        INSERT INTO lot_use (lot_key, compounded_on, record_id)
             SELECT NEW.lot_key, compounded_on, NEW.record_id FROM record WHERE id = NEW.record_id
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END""",
    # The chain's entries are numbered one after another; chain_tail remembers the last number,
    # so entries cut off the end are noticed (SQLite's sqlite_sequence does this for SQLite).
    "ldn_chain_number": """BEGIN
    IF NEW.seq IS NULL THEN
        NEW.seq := coalesce((SELECT last_seq FROM chain_tail), 0) + 1;
    END IF;
    RETURN NEW;
END""",
    "ldn_chain_tail": """BEGIN
    UPDATE chain_tail SET last_seq = greatest(last_seq, NEW.seq);
    RETURN NEW;
END""",
}

_FROZEN_RECORD_COLUMNS = (
    "id, kind, rx_number, patient, patient_ref, patient_key, compounded_on, bud, compounded_by, "
    "supersedes, reason, inputs_json, results_json, created_at, document_json"
)

TABLES = (
    "record",
    "ingredient",
    "record_pdf",
    "plan",
    "plan_version",
    "chain",
    "chain_tail",
    "lot_use",
    "id_floor",
    "ldn_meta",
)


def _refuse(name: str, when: str, table: str, message: str, condition: str = "") -> str:
    level = "STATEMENT" if when == "BEFORE TRUNCATE" else "ROW"
    guard = f" WHEN ({condition})" if condition else ""
    text = message.replace("'", "''")
    return f"CREATE TRIGGER {name} {when} ON {table} FOR EACH {level}{guard} EXECUTE FUNCTION ldn_refuse('{text}')"


def _calls(name: str, when: str, table: str, function: str) -> str:
    return f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"


_NEVER_DELETED = "records are never deleted"
_PLANS_KEPT = "plans are never deleted"
_CHAIN = "the log's chain is never changed"
_NUMBERS = "a used number is never given again"

BASE: tuple[str, ...] = (
    """CREATE TABLE ldn_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE record (
        id BIGINT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('liquid', 'capsules')),
        rx_number TEXT NOT NULL,
        patient TEXT NOT NULL,
        patient_ref TEXT NOT NULL DEFAULT '',
        compounded_on TEXT NOT NULL,
        bud TEXT NOT NULL,
        compounded_by TEXT NOT NULL,
        checked_by TEXT,
        status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
        supersedes BIGINT REFERENCES record (id),
        reason TEXT NOT NULL DEFAULT '',
        inputs_json TEXT NOT NULL,
        results_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        signed_at TEXT,
        patient_key TEXT NOT NULL DEFAULT '',
        document_json TEXT NOT NULL DEFAULT '{}',
        CHECK ((status = 'signed') = (checked_by IS NOT NULL AND signed_at IS NOT NULL))
    )""",
    "CREATE UNIQUE INDEX record_supersedes ON record (supersedes) WHERE supersedes IS NOT NULL",
    "CREATE INDEX record_compounded_on ON record (compounded_on)",
    "CREATE INDEX record_rx_number ON record (rx_number)",
    "CREATE INDEX record_patient_key ON record (patient_key)",
    """CREATE TABLE ingredient (
        record_id BIGINT NOT NULL REFERENCES record (id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        maker TEXT NOT NULL,
        lot TEXT NOT NULL,
        expiry TEXT NOT NULL,
        actual_amount TEXT NOT NULL,
        lot_key TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (record_id, position)
    )""",
    "CREATE INDEX ingredient_lot_key ON ingredient (lot_key, record_id)",
    """CREATE TABLE plan (
        id BIGINT PRIMARY KEY,
        patient TEXT NOT NULL,
        patient_ref TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        patient_key TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX plan_patient_key ON plan (patient_key)",
    """CREATE TABLE plan_version (
        plan_id BIGINT NOT NULL REFERENCES plan (id),
        version INTEGER NOT NULL CHECK (version >= 1),
        saved_at TEXT NOT NULL,
        change TEXT NOT NULL,
        plan_json TEXT NOT NULL,
        PRIMARY KEY (plan_id, version)
    )""",
    """CREATE TABLE record_pdf (
        record_id BIGINT PRIMARY KEY REFERENCES record (id),
        pdf BYTEA NOT NULL CHECK (length(pdf) > 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
    )""",
    """CREATE TABLE chain (
        seq BIGINT PRIMARY KEY,
        entry TEXT NOT NULL CHECK (entry IN ('record', 'sign_off', 'plan_version')),
        record_id BIGINT,
        plan_id BIGINT,
        version INTEGER,
        content_sha256 TEXT CHECK (content_sha256 IS NULL OR length(content_sha256) = 64),
        previous TEXT NOT NULL CHECK (length(previous) = 64),
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        CHECK ((entry = 'plan_version') = (plan_id IS NOT NULL AND version IS NOT NULL AND record_id IS NULL))
    )""",
    "CREATE UNIQUE INDEX chain_record ON chain (record_id, entry) WHERE record_id IS NOT NULL",
    "CREATE UNIQUE INDEX chain_plan_version ON chain (plan_id, version) WHERE plan_id IS NOT NULL",
    "CREATE TABLE chain_tail (last_seq BIGINT NOT NULL CHECK (last_seq >= 0))",
    "INSERT INTO chain_tail (last_seq) VALUES (0)",
    """CREATE TABLE lot_use (
        lot_key TEXT NOT NULL,
        compounded_on TEXT NOT NULL,
        record_id BIGINT NOT NULL REFERENCES record (id),
        PRIMARY KEY (lot_key, compounded_on, record_id)
    )""",
    """CREATE TABLE id_floor (
        name TEXT PRIMARY KEY CHECK (name IN ('record', 'plan')),
        last_id BIGINT NOT NULL CHECK (last_id >= 0)
    )""",
    _REFUSE,
    *(
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn${body}$fn$"
        for name, body in FUNCTIONS.items()
    ),
    # Nothing is ever deleted or cut away (TRUNCATE skips row triggers, so it has its own).
    *(
        _refuse(f"{table}_never_truncated", "BEFORE TRUNCATE", table, "the log is never emptied")
        for table in TABLES
    ),
    _refuse("record_never_deleted", "BEFORE DELETE", "record", _NEVER_DELETED),
    _refuse(
        "record_signed_is_final",
        "BEFORE UPDATE",
        "record",
        "a signed record never changes",
        "OLD.status = 'signed'",
    ),
    _refuse(
        "record_content_is_final",
        f"BEFORE UPDATE OF {_FROZEN_RECORD_COLUMNS}",
        "record",
        "a saved record changes only by sign-off",
    ),
    _refuse(
        "record_saved_as_draft",
        "BEFORE INSERT",
        "record",
        "a record is saved as a draft and signed off afterwards",
        "NEW.status <> 'draft' OR NEW.checked_by IS NOT NULL OR NEW.signed_at IS NOT NULL",
    ),
    _calls("record_id_never_reused", "AFTER INSERT", "record", "ldn_record_id_fresh"),
    _refuse("ingredient_never_deleted", "BEFORE DELETE", "ingredient", _NEVER_DELETED),
    _refuse("ingredient_is_final", "BEFORE UPDATE", "ingredient", "a saved ingredient line never changes"),
    _calls("ingredient_saved_with_record", "BEFORE INSERT", "ingredient", "ldn_ingredient_with_record"),
    _calls("lot_use_filled", "AFTER INSERT", "ingredient", "ldn_lot_use_fill"),
    _refuse("record_pdf_never_deleted", "BEFORE DELETE", "record_pdf", _NEVER_DELETED),
    _refuse("record_pdf_is_final", "BEFORE UPDATE", "record_pdf", "a printed record never changes"),
    _calls("record_pdf_saved_with_record", "BEFORE INSERT", "record_pdf", "ldn_pdf_with_record"),
    _refuse("plan_never_deleted", "BEFORE DELETE", "plan", _PLANS_KEPT),
    _refuse("plan_is_final", "BEFORE UPDATE", "plan", "a saved plan changes only by a new version"),
    _calls("plan_id_never_reused", "AFTER INSERT", "plan", "ldn_plan_id_fresh"),
    _refuse("plan_version_never_deleted", "BEFORE DELETE", "plan_version", _PLANS_KEPT),
    _refuse(
        "plan_version_is_final", "BEFORE UPDATE", "plan_version", "a saved plan changes only by a new version"
    ),
    _calls("plan_version_never_replaced", "BEFORE INSERT", "plan_version", "ldn_plan_version_new"),
    _refuse("chain_never_deleted", "BEFORE DELETE", "chain", _CHAIN),
    _refuse("chain_is_final", "BEFORE UPDATE", "chain", _CHAIN),
    _calls("chain_numbered", "BEFORE INSERT", "chain", "ldn_chain_number"),
    _calls("chain_tail_moved", "AFTER INSERT", "chain", "ldn_chain_tail"),
    _refuse("chain_tail_never_deleted", "BEFORE DELETE", "chain_tail", _CHAIN),
    _refuse("chain_tail_never_lowered", "BEFORE UPDATE", "chain_tail", _CHAIN, "NEW.last_seq < OLD.last_seq"),
    _refuse("chain_tail_single", "BEFORE INSERT", "chain_tail", _CHAIN),
    _refuse("lot_use_never_deleted", "BEFORE DELETE", "lot_use", _NEVER_DELETED),
    _refuse("lot_use_is_final", "BEFORE UPDATE", "lot_use", "a saved ingredient line never changes"),
    _refuse("id_floor_never_deleted", "BEFORE DELETE", "id_floor", _NUMBERS),
    _refuse(
        "id_floor_never_lowered",
        "BEFORE UPDATE",
        "id_floor",
        _NUMBERS,
        "NEW.last_id < OLD.last_id OR NEW.name IS DISTINCT FROM OLD.name",
    ),
    _refuse("ldn_meta_never_deleted", "BEFORE DELETE", "ldn_meta", "the log's format is never removed"),
)

# -- log format 8: a pharmacy team (users and roles, signatures, the audit trail, formulas, lots) --


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


FUNCTIONS_V8: dict[str, str] = {
    "ldn_lot_draw_with_record": """BEGIN
    IF EXISTS (SELECT 1 FROM chain WHERE record_id = NEW.record_id AND entry = 'record') THEN
        RAISE EXCEPTION 'a lot is drawn on when its record is saved, never afterwards' USING ERRCODE = '23000';
    END IF;
    RETURN NEW;
END""",
}

# Tables whose rows SQLite numbers itself (INTEGER PRIMARY KEY without a number given): here an
# identity column, and an INSERT into them returns the number as sqlite3's lastrowid does (pg.py).
IDENTITY_TABLES = frozenset({"desk_user", "signature", "audit_trail", "formula_version", "lot"})
TABLES_V8 = ("desk_user", "signature", "audit_trail", "setting", "formula_version", "lot", "lot_draw")

V8: tuple[str, ...] = (
    "ALTER TABLE chain ADD COLUMN item_id BIGINT",
    "ALTER TABLE chain DROP CONSTRAINT chain_entry_check",
    "ALTER TABLE chain ADD CONSTRAINT chain_entry_check "
    "CHECK (entry IN ('record', 'sign_off', 'plan_version', 'signature', 'audit'))",
    "ALTER TABLE chain ADD CONSTRAINT chain_item_check "
    "CHECK ((entry IN ('signature', 'audit')) = (item_id IS NOT NULL AND record_id IS NULL))",
    "CREATE UNIQUE INDEX chain_item ON chain (entry, item_id) WHERE item_id IS NOT NULL",
    f"""CREATE TABLE desk_user (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        initials TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ({_in(ROLES)})),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2%'),
        failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        created_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE signature (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        subject TEXT NOT NULL CHECK (subject IN ('record', 'formula', 'lot')),
        subject_id BIGINT NOT NULL,
        meaning TEXT NOT NULL CHECK (meaning IN ({_in(MEANINGS)})),
        user_id BIGINT NOT NULL REFERENCES desk_user (id),
        printed_name TEXT NOT NULL,
        role TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        one_person INTEGER NOT NULL CHECK (one_person IN (0, 1)),
        subject_sha256 TEXT NOT NULL CHECK (length(subject_sha256) = 64),
        UNIQUE (subject, subject_id, meaning)
    )""",
    f"""CREATE TABLE audit_trail (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        user_id BIGINT REFERENCES desk_user (id),
        user_name TEXT NOT NULL,
        subject TEXT NOT NULL CHECK (subject IN ({_in(TRAIL_SUBJECTS)})),
        subject_id TEXT NOT NULL,
        action TEXT NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        reason TEXT NOT NULL
    )""",
    "CREATE INDEX audit_trail_subject ON audit_trail (subject, subject_id, id)",
    """CREATE TABLE setting (
        name TEXT PRIMARY KEY CHECK (name IN ('one_person', 'lockout_after')),
        value INTEGER NOT NULL CHECK (value >= 0)
    )""",
    "INSERT INTO setting (name, value) VALUES ('one_person', 0), ('lockout_after', 5)",
    f"""CREATE TABLE formula_version (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        mfr_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        status TEXT NOT NULL CHECK (status IN ({_in(FORMULA_STATUSES)})),
        content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
        approved_at TEXT NOT NULL,
        UNIQUE (mfr_id, version)
    )""",
    f"""CREATE TABLE lot (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        material TEXT NOT NULL CHECK (material IN ({_in(LOT_MATERIALS)})),
        name TEXT NOT NULL,
        maker TEXT NOT NULL,
        lot TEXT NOT NULL,
        lot_key TEXT NOT NULL,
        expiry TEXT NOT NULL,
        salt TEXT,
        assay_percent DOUBLE PRECISION CHECK (assay_percent IS NULL OR (assay_percent > 0 AND assay_percent <= 110)),
        water_percent DOUBLE PRECISION CHECK (water_percent IS NULL OR (water_percent >= 0 AND water_percent < 100)),
        received_on TEXT NOT NULL,
        quantity_received DOUBLE PRECISION NOT NULL CHECK (quantity_received > 0),
        unit TEXT NOT NULL,
        on_hand DOUBLE PRECISION NOT NULL CHECK (on_hand >= 0),
        status TEXT NOT NULL CHECK (status IN ({_in(LOT_STATUSES)})),
        created_at TEXT NOT NULL,
        UNIQUE (maker, lot_key, name)
    )""",
    "CREATE INDEX lot_lot_key ON lot (lot_key)",
    """CREATE TABLE lot_draw (
        record_id BIGINT NOT NULL REFERENCES record (id),
        lot_id BIGINT NOT NULL REFERENCES lot (id),
        quantity DOUBLE PRECISION NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (record_id, lot_id)
    )""",
    "CREATE INDEX lot_draw_lot ON lot_draw (lot_id, record_id)",
    *(
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn${body}$fn$"
        for name, body in FUNCTIONS_V8.items()
    ),
    *(
        _refuse(f"{table}_never_truncated", "BEFORE TRUNCATE", table, "the log is never emptied")
        for table in TABLES_V8
    ),
    _refuse("signature_is_final", "BEFORE UPDATE", "signature", "a signature never changes"),
    _refuse("signature_never_deleted", "BEFORE DELETE", "signature", "a signature never changes"),
    _refuse("audit_trail_is_final", "BEFORE UPDATE", "audit_trail", "the audit trail is never changed"),
    _refuse("audit_trail_never_deleted", "BEFORE DELETE", "audit_trail", "the audit trail is never changed"),
    _refuse("desk_user_never_deleted", "BEFORE DELETE", "desk_user", "a user is disabled, never removed"),
    _refuse(
        "desk_user_name_is_final",
        "BEFORE UPDATE OF id, name, name_key, created_at",
        "desk_user",
        "a user's name never changes (signatures print it)",
    ),
    _refuse("setting_never_deleted", "BEFORE DELETE", "setting", "a setting is changed, never removed"),
    _refuse(
        "formula_version_never_deleted",
        "BEFORE DELETE",
        "formula_version",
        "an approved formula is superseded, never removed",
    ),
    _refuse(
        "formula_version_only_superseded",
        "BEFORE UPDATE",
        "formula_version",
        "an approved formula changes only by being superseded",
        "NOT (OLD.status = 'approved' AND NEW.status = 'superseded' AND NEW.id = OLD.id "
        "AND NEW.mfr_id = OLD.mfr_id AND NEW.version = OLD.version "
        "AND NEW.content_sha256 = OLD.content_sha256 AND NEW.approved_at = OLD.approved_at)",
    ),
    _refuse("lot_never_deleted", "BEFORE DELETE", "lot", "a lot is quarantined or recalled, never removed"),
    _refuse(
        "lot_entry_is_final",
        "BEFORE UPDATE OF id, material, name, maker, lot, lot_key, expiry, salt, "
        "assay_percent, water_percent, received_on, quantity_received, unit, created_at",
        "lot",
        "a received lot's details never change; receive it again",
    ),
    _refuse(
        "lot_recall_is_final",
        "BEFORE UPDATE OF status",
        "lot",
        "a recalled lot stays recalled",
        "OLD.status = 'recalled' AND NEW.status <> 'recalled'",
    ),
    _refuse("lot_draw_is_final", "BEFORE UPDATE", "lot_draw", "a saved ingredient line never changes"),
    _refuse("lot_draw_never_deleted", "BEFORE DELETE", "lot_draw", "records are never deleted"),
    _calls("lot_draw_saved_with_record", "BEFORE INSERT", "lot_draw", "ldn_lot_draw_with_record"),
)


# Format 9: a saved plan's patient as of each version (a corrected name), as migrations._V9.
V9: tuple[str, ...] = ("ALTER TABLE plan_version ADD COLUMN patient TEXT",)

# Steps of later formats, the twins of migrations.MIGRATIONS[version - 1].
STEPS: dict[int, tuple[str, ...]] = {8: V8, 9: V9}
ALL_FUNCTIONS: dict[str, str] = {**FUNCTIONS, **FUNCTIONS_V8}

# Part of a patient's name finds its records through a trigram index (pg_trgm) where the server
# has it; without it the normalised patient_key column's own index serves, and a search reads more.
TRIGRAM: tuple[str, ...] = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX record_patient_trgm ON record USING gin (patient_key gin_trgm_ops)",
)


def expected_triggers() -> set[str]:
    """The names of every trigger a shared log has, as made."""
    names = set()
    for statement in (*BASE, *(step for steps in STEPS.values() for step in steps)):
        if statement.startswith("CREATE TRIGGER "):
            names.add(statement.split()[2])
    return names


# -- who may do what: the log's owner and its workstations ---------------------------------------
#
# The role that makes the log (`ldn-desk log init`, its owner) owns every table, sequence and
# function, and is the only one that can alter them, switch a trigger off or upgrade the format.
# The workstations sign in as another role, which is granted exactly what the program does with
# the log: it reads every table, adds rows, and changes only the columns the program changes (a
# sign-off, a user's lock-out count and state, a setting, a superseded formula, a lot's status
# and what is left of it, the chain's last number). No TRUNCATE, DELETE, REFERENCES or TRIGGER,
# no ownership: the rules are the owner's. Every table a format makes has its line here, and a
# test refuses a table or sequence of the schema without one.
READ_ADD = ("SELECT", "INSERT")
GRANTS: dict[str, tuple[str, ...]] = {
    "ldn_meta": ("SELECT",),  # the format, read at every start; only the owner upgrades it
    "record": (*READ_ADD, "UPDATE (status, checked_by, signed_at)"),  # saved as a draft, then signed off
    "ingredient": READ_ADD,
    "record_pdf": READ_ADD,
    "plan": READ_ADD,
    "plan_version": READ_ADD,
    "chain": READ_ADD,
    "chain_tail": ("SELECT", "UPDATE (last_seq)"),  # moved on by the trigger of each chain entry
    "lot_use": READ_ADD,  # filled by the trigger of each ingredient line
    "id_floor": READ_ADD,  # the numbers a moved log had given
    "desk_user": (*READ_ADD, "UPDATE (active, failed_logins)"),  # disabled, enabled, locked out, unlocked
    "signature": READ_ADD,
    "audit_trail": READ_ADD,
    "setting": ("SELECT", "UPDATE (value)"),
    "formula_version": (*READ_ADD, "UPDATE (status)"),  # superseded by its next version
    "lot": (*READ_ADD, "UPDATE (status, on_hand)"),  # approved, quarantined, recalled; drawn on
    "lot_draw": READ_ADD,
}
# The sequences behind the identity columns: a workstation takes their next number, nothing else.
SEQUENCES: dict[str, str] = {f"{table}_id_seq": table for table in sorted(IDENTITY_TABLES)}


def made_tables() -> set[str]:
    """The name of every table the log's formats create."""
    names = set()
    for statement in (*BASE, *(step for steps in STEPS.values() for step in steps)):
        if statement.startswith("CREATE TABLE "):
            names.add(statement.split()[2])
    return names


def grant_statements(role: str, present: set[str]) -> tuple[str, ...]:
    """What the owner runs to give the workstations' role `role` its rights, and nothing else: first
    everything taken back from it and from PUBLIC, then each table's and sequence's grant, for the
    tables, sequences and functions `present` (those of the log's format on the server). Run again
    after every upgrade, so a later format's new table has its grant."""
    quoted = quote_name(role)
    statements: list[str] = []
    for table in sorted(GRANTS.keys() & present):
        statements.append(f"REVOKE ALL ON TABLE {table} FROM PUBLIC, {quoted}")
        statements.append(f"GRANT {', '.join(GRANTS[table])} ON TABLE {table} TO {quoted}")
    for sequence in sorted(SEQUENCES.keys() & present):
        statements.append(f"REVOKE ALL ON SEQUENCE {sequence} FROM PUBLIC, {quoted}")
        statements.append(f"GRANT USAGE ON SEQUENCE {sequence} TO {quoted}")
    for name in sorted({"ldn_refuse", *ALL_FUNCTIONS} & present):
        statements.append(f"REVOKE ALL ON FUNCTION {name}() FROM PUBLIC, {quoted}")
    return tuple(statements)


def quote_name(role: str) -> str:
    """A role's name as an SQL identifier."""
    return '"' + role.replace('"', '""') + '"'
