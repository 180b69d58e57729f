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

# Version 8: a saved plan's patient as of each version, so a corrected name is a new version
# (its change says from what to what) and the name each earlier version was saved under stays.
# NULL: the name the plan was created with (plan.patient), as every version before 8 has.
_V8: tuple[Step, ...] = ("ALTER TABLE plan_version ADD COLUMN patient TEXT",)

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
