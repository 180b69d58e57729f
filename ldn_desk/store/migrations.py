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
    """CREATE TRIGGER ingredient_is_final BEFORE UPDATE ON ingredient
       BEGIN SELECT RAISE(ABORT, 'a saved ingredient line never changes'); END""",
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

# Version 6: the highest record and plan number a log has given, carried into a new or restored
# log so that a number once used (in this file or the one it replaced) is never given again.
_V6: tuple[Step, ...] = (
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

MIGRATIONS: tuple[tuple[Step, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
SCHEMA_VERSION = len(MIGRATIONS)

# Tables every version has; a file missing one of them is not a whole log.
REQUIRED_TABLES = frozenset({"record", "ingredient", "plan", "plan_version"})


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
