"""Record and plan numbers are never given twice: the highest one used travels to a new or restored log."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

# The tables whose numbers a person sees (on a printed record, in a saved plan's name).
NUMBERED = ("record", "plan")


def _tables(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(row[0]): str(row[1] or "") for row in conn.execute("SELECT name, sql FROM sqlite_master")}


def high_water(conn: sqlite3.Connection) -> dict[str, int]:
    """The highest number each numbered table has used: its rows, the carried mark and, for a table
    with AUTOINCREMENT, SQLite's own sequence. Reads only."""
    tables = _tables(conn)
    marks: dict[str, int] = {}
    for table in NUMBERED:
        found = [0]
        if table in tables:
            found.append(int(conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]))
        if "id_floor" in tables:
            row = conn.execute("SELECT last_id FROM id_floor WHERE name = ?", (table,)).fetchone()
            found.append(int(row[0]) if row else 0)
        if "sqlite_sequence" in tables:
            row = conn.execute("SELECT max(seq) FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
            found.append(int(row[0] or 0))
        marks[table] = max(found)
    return marks


def highest(*marks: Mapping[str, int]) -> dict[str, int]:
    return {table: max([0, *(mark.get(table, 0) for mark in marks)]) for table in NUMBERED}


def carry(conn: sqlite3.Connection, marks: Mapping[str, int]) -> None:
    """Raise the log's marks to at least `marks` (never lower them); the caller holds the transaction."""
    tables = _tables(conn)
    for table in NUMBERED:
        mark = int(marks.get(table, 0))
        conn.execute(
            "INSERT INTO id_floor (name, last_id) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET last_id = max(last_id, excluded.last_id)",
            (table, mark),
        )
        if "AUTOINCREMENT" in tables.get(table, "").upper() and "sqlite_sequence" in tables:
            # A table with AUTOINCREMENT numbers from SQLite's sequence: it must not start lower.
            updated = conn.execute(
                "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (mark, table)
            ).rowcount
            if not updated:
                conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, mark))


def read_marks(paths: Iterable[Path]) -> dict[str, int]:
    """The highest numbers found in any of the files that can be read as a log; the rest are skipped.

    For a log that is damaged or gone: its kept copies still say which numbers were given."""
    found: list[dict[str, int]] = []
    for path in paths:
        with contextlib.suppress(sqlite3.Error, OSError, ValueError):
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
            try:
                found.append(high_water(conn))
            finally:
                conn.close()
    return highest(*found)
