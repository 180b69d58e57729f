"""The log's schema, as an ordered list of steps: version N is reached by running steps 1..N.

A new database runs every step too, so the path an old log takes to the current version is the
same one every new log takes. Steps only add; a step never drops a column that holds data.
Never edit a released step: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ldn_desk.store.keys import lot_key, patient_key

Step = str | Callable[[sqlite3.Connection], None]

_V1: tuple[Step, ...] = (
    """CREATE TABLE record (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('liquid', 'capsules')),
        rx_number TEXT NOT NULL,
        patient TEXT NOT NULL,
        patient_ref TEXT NOT NULL DEFAULT '',
        compounded_on TEXT NOT NULL,
        bud TEXT NOT NULL,
        compounded_by TEXT NOT NULL,
        checked_by TEXT,
        status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
        supersedes INTEGER REFERENCES record (id),
        reason TEXT NOT NULL DEFAULT '',
        inputs_json TEXT NOT NULL,
        results_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        signed_at TEXT,
        CHECK ((status = 'signed') = (checked_by IS NOT NULL AND signed_at IS NOT NULL))
    )""",
    # One correction per version: history is a chain, never a fork.
    "CREATE UNIQUE INDEX record_supersedes ON record (supersedes) WHERE supersedes IS NOT NULL",
    "CREATE INDEX record_compounded_on ON record (compounded_on)",
    "CREATE INDEX record_rx_number ON record (rx_number)",
    """CREATE TABLE ingredient (
        record_id INTEGER NOT NULL REFERENCES record (id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        maker TEXT NOT NULL,
        lot TEXT NOT NULL,
        expiry TEXT NOT NULL,
        actual_amount TEXT NOT NULL,
        PRIMARY KEY (record_id, position)
    )""",
    "CREATE INDEX ingredient_lot ON ingredient (lot)",
    """CREATE TABLE plan (
        id INTEGER PRIMARY KEY,
        patient TEXT NOT NULL,
        patient_ref TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE plan_version (
        plan_id INTEGER NOT NULL REFERENCES plan (id),
        version INTEGER NOT NULL CHECK (version >= 1),
        saved_at TEXT NOT NULL,
        change TEXT NOT NULL,
        plan_json TEXT NOT NULL,
        PRIMARY KEY (plan_id, version)
    )""",
)


def _fill_search_keys(conn: sqlite3.Connection) -> None:
    # The keys are computed in Python, so old rows get exactly the key new rows get.
    conn.create_function("ldn_lot_key", 1, lot_key, deterministic=True)
    conn.create_function("ldn_patient_key", 2, patient_key, deterministic=True)
    conn.execute("UPDATE ingredient SET lot_key = ldn_lot_key(lot)")
    conn.execute("UPDATE record SET patient_key = ldn_patient_key(patient, patient_ref)")
    conn.execute("UPDATE plan SET patient_key = ldn_patient_key(patient, patient_ref)")


# Version 2: a recall finds 'ab123' when the label says 'AB 123'; patients found by any spelling.
_V2: tuple[Step, ...] = (
    "ALTER TABLE ingredient ADD COLUMN lot_key TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE record ADD COLUMN patient_key TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE plan ADD COLUMN patient_key TEXT NOT NULL DEFAULT ''",
    _fill_search_keys,
    "DROP INDEX ingredient_lot",
    "CREATE INDEX ingredient_lot_key ON ingredient (lot_key, record_id)",
    "CREATE INDEX plan_patient_key ON plan (patient_key)",
)

_INGREDIENT_IS_FINAL = """CREATE TRIGGER ingredient_is_final BEFORE UPDATE ON ingredient
       BEGIN SELECT RAISE(ABORT, 'a saved ingredient line never changes'); END"""

_FROZEN_RECORD_COLUMNS = (
    "id, kind, rx_number, patient, patient_ref, patient_key, compounded_on, bud, compounded_by, "
    "supersedes, reason, inputs_json, results_json, created_at, document_json"
)

# Version 3: the document settings a reprint needs, and append-only rules the file itself enforces.
_V3: tuple[Step, ...] = (
    "ALTER TABLE record ADD COLUMN document_json TEXT NOT NULL DEFAULT '{}'",
    """CREATE TRIGGER record_never_deleted BEFORE DELETE ON record
       BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END""",
    """CREATE TRIGGER record_signed_is_final BEFORE UPDATE ON record WHEN OLD.status = 'signed'
       BEGIN SELECT RAISE(ABORT, 'a signed record never changes'); END""",
    f"""CREATE TRIGGER record_content_is_final BEFORE UPDATE OF {_FROZEN_RECORD_COLUMNS} ON record
       BEGIN SELECT RAISE(ABORT, 'a saved record changes only by sign-off'); END""",
    """CREATE TRIGGER ingredient_never_deleted BEFORE DELETE ON ingredient
       BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END""",
    _INGREDIENT_IS_FINAL,
    """CREATE TRIGGER plan_never_deleted BEFORE DELETE ON plan
       BEGIN SELECT RAISE(ABORT, 'plans are never deleted'); END""",
    """CREATE TRIGGER plan_is_final BEFORE UPDATE ON plan
       BEGIN SELECT RAISE(ABORT, 'a saved plan changes only by a new version'); END""",
    """CREATE TRIGGER plan_version_never_deleted BEFORE DELETE ON plan_version
       BEGIN SELECT RAISE(ABORT, 'plans are never deleted'); END""",
    """CREATE TRIGGER plan_version_is_final BEFORE UPDATE ON plan_version
       BEGIN SELECT RAISE(ABORT, 'a saved plan changes only by a new version'); END""",
)

# Version 4: finding a patient by part of a name reads a small index, not every record's JSON.
_V4: tuple[Step, ...] = ("CREATE INDEX record_patient_key ON record (patient_key)",)

# Version 5: each record's PDF as first printed and its SHA-256, so a reprint is those bytes.
# Older records have none; they are printed again from their saved inputs and say so.
_V5: tuple[Step, ...] = (
    """CREATE TABLE record_pdf (
        record_id INTEGER PRIMARY KEY REFERENCES record (id),
        pdf BLOB NOT NULL CHECK (length(pdf) > 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
    )""",
    """CREATE TRIGGER record_pdf_never_deleted BEFORE DELETE ON record_pdf
       BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END""",
    """CREATE TRIGGER record_pdf_is_final BEFORE UPDATE ON record_pdf
       BEGIN SELECT RAISE(ABORT, 'a printed record never changes'); END""",
)


def _refresh_lot_keys(conn: sqlite3.Connection) -> None:
    # Lot keys now ignore invisible characters, so a recall for NX2291 finds a lot saved earlier
    # as "NX<U+200B>2291". Only the derived key changes; the lot stays as entered.
    conn.create_function("ldn_lot_key", 1, lot_key, deterministic=True)
    conn.execute("DROP TRIGGER ingredient_is_final")
    conn.execute("UPDATE ingredient SET lot_key = ldn_lot_key(lot) WHERE lot_key != ldn_lot_key(lot)")
    conn.execute(_INGREDIENT_IS_FINAL)


def _build_chain(conn: sqlite3.Connection) -> None:
    from ldn_desk.store import chain

    chain.build(conn)


# Version 6: tamper evidence (a hash chain over every saved row, see store/chain.py), rules that
# close REPLACE and INSERT on saved content, ids never reused, and searches that read an index.
_V6: tuple[Step, ...] = (
    """CREATE TABLE chain (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entry TEXT NOT NULL CHECK (entry IN ('record', 'sign_off', 'plan_version')),
        record_id INTEGER,
        plan_id INTEGER,
        version INTEGER,
        content_sha256 TEXT CHECK (content_sha256 IS NULL OR length(content_sha256) = 64),
        previous TEXT NOT NULL CHECK (length(previous) = 64),
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        CHECK ((entry = 'plan_version') = (plan_id IS NOT NULL AND version IS NOT NULL AND record_id IS NULL))
    )""",
    "CREATE UNIQUE INDEX chain_record ON chain (record_id, entry) WHERE record_id IS NOT NULL",
    "CREATE UNIQUE INDEX chain_plan_version ON chain (plan_id, version) WHERE plan_id IS NOT NULL",
    """CREATE TRIGGER chain_never_deleted BEFORE DELETE ON chain
       BEGIN SELECT RAISE(ABORT, 'the log''s chain is never changed'); END""",
    """CREATE TRIGGER chain_is_final BEFORE UPDATE ON chain
       BEGIN SELECT RAISE(ABORT, 'the log''s chain is never changed'); END""",
    """CREATE TRIGGER chain_never_replaced BEFORE INSERT ON chain
       WHEN EXISTS (SELECT 1 FROM chain WHERE seq = NEW.seq OR sha256 = NEW.sha256
                    OR (record_id = NEW.record_id AND entry = NEW.entry)
                    OR (plan_id = NEW.plan_id AND version = NEW.version))
       BEGIN SELECT RAISE(ABORT, 'the log''s chain is never changed'); END""",
    # INSERT OR REPLACE deletes the row in the way without running delete triggers: refuse first.
    """CREATE TRIGGER record_never_replaced BEFORE INSERT ON record
       WHEN EXISTS (SELECT 1 FROM record WHERE id = NEW.id)
            OR (NEW.supersedes IS NOT NULL AND EXISTS (SELECT 1 FROM record WHERE supersedes = NEW.supersedes))
       BEGIN SELECT RAISE(ABORT, 'a saved record is never replaced'); END""",
    """CREATE TRIGGER record_saved_as_draft BEFORE INSERT ON record
       WHEN NEW.status IS NOT 'draft' OR NEW.checked_by IS NOT NULL OR NEW.signed_at IS NOT NULL
       BEGIN SELECT RAISE(ABORT, 'a record is saved as a draft and signed off afterwards'); END""",
    # After the insert, when the id is known even if SQLite chose it.
    """CREATE TRIGGER record_id_never_reused AFTER INSERT ON record
       WHEN NEW.id <= (SELECT coalesce(max(record_id), 0) FROM chain)
       BEGIN SELECT RAISE(ABORT, 'a record number is never used twice'); END""",
    """CREATE TRIGGER ingredient_saved_with_record BEFORE INSERT ON ingredient
       WHEN EXISTS (SELECT 1 FROM ingredient WHERE record_id = NEW.record_id AND position = NEW.position)
            OR EXISTS (SELECT 1 FROM chain WHERE record_id = NEW.record_id AND entry = 'record')
            OR (SELECT status FROM record WHERE id = NEW.record_id) IS NOT 'draft'
       BEGIN SELECT RAISE(ABORT, 'ingredient lines are saved with their record, never added or replaced'); END""",
    """CREATE TRIGGER record_pdf_saved_with_record BEFORE INSERT ON record_pdf
       WHEN EXISTS (SELECT 1 FROM record_pdf WHERE record_id = NEW.record_id)
            OR EXISTS (SELECT 1 FROM chain WHERE record_id = NEW.record_id AND entry = 'record')
       BEGIN SELECT RAISE(ABORT, 'a printed record is saved with its record, never added or replaced'); END""",
    """CREATE TRIGGER plan_never_replaced BEFORE INSERT ON plan
       WHEN EXISTS (SELECT 1 FROM plan WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'a saved plan is never replaced'); END""",
    """CREATE TRIGGER plan_id_never_reused AFTER INSERT ON plan
       WHEN NEW.id <= (SELECT coalesce(max(plan_id), 0) FROM chain)
       BEGIN SELECT RAISE(ABORT, 'a plan number is never used twice'); END""",
    """CREATE TRIGGER plan_version_never_replaced BEFORE INSERT ON plan_version
       WHEN EXISTS (SELECT 1 FROM plan_version WHERE plan_id = NEW.plan_id AND version = NEW.version)
            OR EXISTS (SELECT 1 FROM chain WHERE plan_id = NEW.plan_id AND version = NEW.version)
       BEGIN SELECT RAISE(ABORT, 'a saved plan changes only by a new version'); END""",
    _refresh_lot_keys,
    # A recall walks this index newest first and stops at the page's limit (one row per record
    # and lot, however often the record lists the lot).
    """CREATE TABLE lot_use (
        lot_key TEXT NOT NULL,
        compounded_on TEXT NOT NULL,
        record_id INTEGER NOT NULL REFERENCES record (id),
        PRIMARY KEY (lot_key, compounded_on, record_id)
    ) WITHOUT ROWID""",
    """INSERT OR IGNORE INTO lot_use (lot_key, compounded_on, record_id)
       SELECT i.lot_key, r.compounded_on, i.record_id FROM ingredient i JOIN record r ON r.id = i.record_id
        WHERE i.lot_key != ''""",
    """CREATE TRIGGER lot_use_filled AFTER INSERT ON ingredient WHEN NEW.lot_key != ''
       BEGIN INSERT OR IGNORE INTO lot_use (lot_key, compounded_on, record_id)
             SELECT NEW.lot_key, compounded_on, NEW.record_id FROM record WHERE id = NEW.record_id; END""",
    """CREATE TRIGGER lot_use_never_deleted BEFORE DELETE ON lot_use
       BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END""",
    """CREATE TRIGGER lot_use_is_final BEFORE UPDATE ON lot_use
       BEGIN SELECT RAISE(ABORT, 'a saved ingredient line never changes'); END""",
    # Part of a patient's name finds its records through a trigram index, not a scan of every key.
    """CREATE VIRTUAL TABLE record_patient_search USING fts5(
        patient_key, content='record', content_rowid='id', tokenize='trigram')""",
    "INSERT INTO record_patient_search (record_patient_search) VALUES ('rebuild')",
    """CREATE TRIGGER record_patient_search_filled AFTER INSERT ON record
       BEGIN INSERT INTO record_patient_search (rowid, patient_key) VALUES (NEW.id, NEW.patient_key); END""",
    _build_chain,
)

# Version 7: the highest record and plan number a log has given, carried into a new or restored
# log so that a number once used (in this file or the one it replaced) is never given again.
_V7: tuple[Step, ...] = (
    """CREATE TABLE id_floor (
        name TEXT PRIMARY KEY CHECK (name IN ('record', 'plan')),
        last_id INTEGER NOT NULL CHECK (last_id >= 0)
    )""",
    """CREATE TRIGGER id_floor_never_deleted BEFORE DELETE ON id_floor
       BEGIN SELECT RAISE(ABORT, 'a used number is never given again'); END""",
    """CREATE TRIGGER id_floor_never_lowered BEFORE UPDATE ON id_floor WHEN NEW.last_id < OLD.last_id
       OR NEW.name IS NOT OLD.name
       BEGIN SELECT RAISE(ABORT, 'a used number is never given again'); END""",
)


def _widen_chain(conn: sqlite3.Connection) -> None:
    """The chain takes signatures and audit-trail entries: the table is made again with the wider
    rule and every entry copied as it was (seq, hashes), its counter kept (a cut-off end stays
    visible to the check)."""
    counter = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'chain'").fetchone()
    conn.execute(_CHAIN_V8.replace("CREATE TABLE chain ", "CREATE TABLE chain_v8 ", 1))
    conn.execute(
        """INSERT INTO chain_v8 (seq, entry, record_id, plan_id, version, item_id, content_sha256, previous, sha256)
           SELECT seq, entry, record_id, plan_id, version, NULL, content_sha256, previous, sha256
             FROM chain ORDER BY seq"""
    )
    # IF EXISTS: a rule removed from outside must not stop the upgrade (the rules are made anew,
    # and the chain the check reads is the one copied).
    for rule in ("chain_never_deleted", "chain_is_final", "chain_never_replaced"):
        conn.execute(f"DROP TRIGGER IF EXISTS {rule}")
    conn.execute("DROP INDEX IF EXISTS chain_record")
    conn.execute("DROP INDEX IF EXISTS chain_plan_version")
    conn.execute("DROP TABLE chain")
    # Other tables' rules name the chain in their bodies; the legacy rename leaves them as written
    # (they read the new table by the same name).
    conn.execute("PRAGMA legacy_alter_table = ON")
    try:
        conn.execute("ALTER TABLE chain_v8 RENAME TO chain")
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")
    if counter is not None:
        conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'chain'", (int(counter[0]),))
    for rule in _CHAIN_RULES_V8:
        conn.execute(rule)


_CHAIN_V8 = """CREATE TABLE chain (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entry TEXT NOT NULL CHECK (entry IN ('record', 'sign_off', 'plan_version', 'signature', 'audit')),
        record_id INTEGER,
        plan_id INTEGER,
        version INTEGER,
        item_id INTEGER,
        content_sha256 TEXT CHECK (content_sha256 IS NULL OR length(content_sha256) = 64),
        previous TEXT NOT NULL CHECK (length(previous) = 64),
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        CHECK ((entry = 'plan_version') = (plan_id IS NOT NULL AND version IS NOT NULL AND record_id IS NULL)),
        CHECK ((entry IN ('signature', 'audit')) = (item_id IS NOT NULL AND record_id IS NULL))
    )"""

# Append-only rules of the chain from version 8 (a PostgreSQL twin needs the same three).
_CHAIN_RULES_V8: tuple[str, ...] = (
    "CREATE UNIQUE INDEX chain_record ON chain (record_id, entry) WHERE record_id IS NOT NULL",
    "CREATE UNIQUE INDEX chain_plan_version ON chain (plan_id, version) WHERE plan_id IS NOT NULL",
    "CREATE UNIQUE INDEX chain_item ON chain (entry, item_id) WHERE item_id IS NOT NULL",
    """CREATE TRIGGER chain_never_deleted BEFORE DELETE ON chain
       BEGIN SELECT RAISE(ABORT, 'the log''s chain is never changed'); END""",
    """CREATE TRIGGER chain_is_final BEFORE UPDATE ON chain
       BEGIN SELECT RAISE(ABORT, 'the log''s chain is never changed'); END""",
    """CREATE TRIGGER chain_never_replaced BEFORE INSERT ON chain
       WHEN EXISTS (SELECT 1 FROM chain WHERE seq = NEW.seq OR sha256 = NEW.sha256
                    OR (record_id = NEW.record_id AND entry = NEW.entry)
                    OR (plan_id = NEW.plan_id AND version = NEW.version)
                    OR (item_id = NEW.item_id AND entry = NEW.entry))
       BEGIN SELECT RAISE(ABORT, 'the log''s chain is never changed'); END""",
)

ROLES = ("technician", "pharmacist", "prescriber", "administrator")
MEANINGS = ("prepared", "verified", "released", "approved")
LOT_MATERIALS = ("tablets", "powder", "excipient")
LOT_STATUSES = ("received", "approved", "quarantined", "recalled")
FORMULA_STATUSES = ("approved", "superseded")
TRAIL_SUBJECTS = ("record", "formula", "lot", "user", "setting")

# Version 8: a pharmacy team. Users and their roles; signatures (prepared, verified, released,
# approved) bound into the chain; an audit trail of every change, in the chain; the master
# formulas' approved versions; lots received, approved, quarantined, recalled and drawn on.
# Tables first (plain SQL), then their append-only rules, listed apart.
_V8_TABLES: tuple[str, ...] = (
    f"""CREATE TABLE desk_user (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        initials TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ({", ".join(f"'{r}'" for r in ROLES)})),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2%'),
        failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        created_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE signature (
        id INTEGER PRIMARY KEY,
        subject TEXT NOT NULL CHECK (subject IN ('record', 'formula', 'lot')),
        subject_id INTEGER NOT NULL,
        meaning TEXT NOT NULL CHECK (meaning IN ({", ".join(f"'{m}'" for m in MEANINGS)})),
        user_id INTEGER NOT NULL REFERENCES desk_user (id),
        printed_name TEXT NOT NULL,
        role TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        one_person INTEGER NOT NULL CHECK (one_person IN (0, 1)),
        subject_sha256 TEXT NOT NULL CHECK (length(subject_sha256) = 64),
        UNIQUE (subject, subject_id, meaning)
    )""",
    f"""CREATE TABLE audit_trail (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES desk_user (id),
        user_name TEXT NOT NULL,
        subject TEXT NOT NULL CHECK (subject IN ({", ".join(f"'{t}'" for t in TRAIL_SUBJECTS)})),
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
        id INTEGER PRIMARY KEY,
        mfr_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        status TEXT NOT NULL CHECK (status IN ({", ".join(f"'{s}'" for s in FORMULA_STATUSES)})),
        content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
        approved_at TEXT NOT NULL,
        UNIQUE (mfr_id, version)
    )""",
    f"""CREATE TABLE lot (
        id INTEGER PRIMARY KEY,
        material TEXT NOT NULL CHECK (material IN ({", ".join(f"'{m}'" for m in LOT_MATERIALS)})),
        name TEXT NOT NULL,
        maker TEXT NOT NULL,
        lot TEXT NOT NULL,
        lot_key TEXT NOT NULL,
        expiry TEXT NOT NULL,
        salt TEXT,
        assay_percent REAL CHECK (assay_percent IS NULL OR (assay_percent > 0 AND assay_percent <= 110)),
        water_percent REAL CHECK (water_percent IS NULL OR (water_percent >= 0 AND water_percent < 100)),
        received_on TEXT NOT NULL,
        quantity_received REAL NOT NULL CHECK (quantity_received > 0),
        unit TEXT NOT NULL,
        on_hand REAL NOT NULL CHECK (on_hand >= 0),
        status TEXT NOT NULL CHECK (status IN ({", ".join(f"'{s}'" for s in LOT_STATUSES)})),
        created_at TEXT NOT NULL,
        UNIQUE (maker, lot_key, name)
    )""",
    "CREATE INDEX lot_lot_key ON lot (lot_key)",
    """CREATE TABLE lot_draw (
        record_id INTEGER NOT NULL REFERENCES record (id),
        lot_id INTEGER NOT NULL REFERENCES lot (id),
        quantity REAL NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (record_id, lot_id)
    )""",
    "CREATE INDEX lot_draw_lot ON lot_draw (lot_id, record_id)",
)

# The append-only rules of version 8 (each needs a PostgreSQL twin): signatures, the audit trail
# and lot draws are never changed or removed; users, formulas and lots are never removed (their
# changes are entries of the audit trail); a saved record's text is unchanged by any of this.
_V8_RULES: tuple[str, ...] = (
    """CREATE TRIGGER signature_is_final BEFORE UPDATE ON signature
       BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END""",
    """CREATE TRIGGER signature_never_deleted BEFORE DELETE ON signature
       BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END""",
    """CREATE TRIGGER signature_never_replaced BEFORE INSERT ON signature
       WHEN EXISTS (SELECT 1 FROM signature WHERE id = NEW.id
                    OR (subject = NEW.subject AND subject_id = NEW.subject_id AND meaning = NEW.meaning))
       BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END""",
    """CREATE TRIGGER audit_trail_is_final BEFORE UPDATE ON audit_trail
       BEGIN SELECT RAISE(ABORT, 'the audit trail is never changed'); END""",
    """CREATE TRIGGER audit_trail_never_deleted BEFORE DELETE ON audit_trail
       BEGIN SELECT RAISE(ABORT, 'the audit trail is never changed'); END""",
    """CREATE TRIGGER audit_trail_never_replaced BEFORE INSERT ON audit_trail
       WHEN EXISTS (SELECT 1 FROM audit_trail WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'the audit trail is never changed'); END""",
    """CREATE TRIGGER desk_user_never_deleted BEFORE DELETE ON desk_user
       BEGIN SELECT RAISE(ABORT, 'a user is disabled, never removed'); END""",
    """CREATE TRIGGER desk_user_name_is_final BEFORE UPDATE OF id, name, name_key, created_at ON desk_user
       BEGIN SELECT RAISE(ABORT, 'a user''s name never changes (signatures print it)'); END""",
    """CREATE TRIGGER desk_user_never_replaced BEFORE INSERT ON desk_user
       WHEN EXISTS (SELECT 1 FROM desk_user WHERE id = NEW.id OR name_key = NEW.name_key)
       BEGIN SELECT RAISE(ABORT, 'a user is never replaced'); END""",
    """CREATE TRIGGER setting_never_deleted BEFORE DELETE ON setting
       BEGIN SELECT RAISE(ABORT, 'a setting is changed, never removed'); END""",
    """CREATE TRIGGER formula_version_never_deleted BEFORE DELETE ON formula_version
       BEGIN SELECT RAISE(ABORT, 'an approved formula is superseded, never removed'); END""",
    """CREATE TRIGGER formula_version_only_superseded BEFORE UPDATE ON formula_version
       WHEN NOT (OLD.status = 'approved' AND NEW.status = 'superseded' AND NEW.id = OLD.id
                 AND NEW.mfr_id = OLD.mfr_id AND NEW.version = OLD.version
                 AND NEW.content_sha256 = OLD.content_sha256 AND NEW.approved_at = OLD.approved_at)
       BEGIN SELECT RAISE(ABORT, 'an approved formula changes only by being superseded'); END""",
    """CREATE TRIGGER lot_never_deleted BEFORE DELETE ON lot
       BEGIN SELECT RAISE(ABORT, 'a lot is quarantined or recalled, never removed'); END""",
    """CREATE TRIGGER lot_entry_is_final
       BEFORE UPDATE OF id, material, name, maker, lot, lot_key, expiry, salt, assay_percent, water_percent,
                        received_on, quantity_received, unit, created_at ON lot
       BEGIN SELECT RAISE(ABORT, 'a received lot''s details never change; receive it again'); END""",
    """CREATE TRIGGER lot_recall_is_final BEFORE UPDATE OF status ON lot
       WHEN OLD.status = 'recalled' AND NEW.status != 'recalled'
       BEGIN SELECT RAISE(ABORT, 'a recalled lot stays recalled'); END""",
    """CREATE TRIGGER lot_draw_is_final BEFORE UPDATE ON lot_draw
       BEGIN SELECT RAISE(ABORT, 'a saved ingredient line never changes'); END""",
    """CREATE TRIGGER lot_draw_never_deleted BEFORE DELETE ON lot_draw
       BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END""",
    """CREATE TRIGGER lot_draw_saved_with_record BEFORE INSERT ON lot_draw
       WHEN EXISTS (SELECT 1 FROM lot_draw WHERE record_id = NEW.record_id AND lot_id = NEW.lot_id)
            OR EXISTS (SELECT 1 FROM chain WHERE record_id = NEW.record_id AND entry = 'record')
       BEGIN SELECT RAISE(ABORT, 'a lot is drawn on when its record is saved, never afterwards'); END""",
)

_V8: tuple[Step, ...] = (_widen_chain, *_V8_TABLES, *_V8_RULES)

MIGRATIONS: tuple[tuple[Step, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8)
SCHEMA_VERSION = len(MIGRATIONS)

# Tables every version has; a file missing one of them is not a whole log.
REQUIRED_TABLES = frozenset({"record", "ingredient", "plan", "plan_version"})


def reference_schema() -> list[tuple[str, str, str, str | None]]:
    """(type, name, table, sql) of every table, index and trigger a new log has, as created."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, 0)
        return schema_of(conn)
    finally:
        conn.close()


def schema_of(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    return [(str(row[0]), str(row[1]), str(row[2]), None if row[3] is None else str(row[3])) for row in rows]


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int | None = None) -> None:
    """Run steps from_version+1 .. to_version (default: the last) inside the caller's transaction."""
    if to_version is None:
        to_version = len(MIGRATIONS)
    if not 0 <= from_version <= to_version <= len(MIGRATIONS):
        raise ValueError(f"cannot migrate from version {from_version} to {to_version}")
    for steps in MIGRATIONS[from_version:to_version]:
        for step in steps:
            if isinstance(step, str):
                conn.execute(step)
            else:
                step(conn)
    conn.execute(f"PRAGMA user_version = {int(to_version)}")
