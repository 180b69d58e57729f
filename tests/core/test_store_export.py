"""The CSV export streams rows straight from the query and writes its file in one step."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_samples import liquid, tablets, water

from ldn_desk.store import ExportError, Store
from ldn_desk.store.export import COLUMNS


def _expected(store: Store, **filters: object) -> list[list[str]]:
    """The export worked out from the records as the program loads them, one by one."""
    out = [list(COLUMNS)]
    for summary in store.search(**filters):  # type: ignore[arg-type]
        record = store.record(summary.id)
        head = [record.id, record.supersedes, record.superseded_by, record.status, record.kind,
                record.rx_number, record.patient, record.patient_ref, record.compounded_on.isoformat(),
                record.bud.isoformat(), record.compounded_by, record.checked_by, record.signed_at, record.reason]  # fmt: skip
        lines = [[i.name, i.maker, i.lot, i.expiry, i.actual_amount] for i in record.ingredients] or [
            [""] * 5
        ]
        for tail in lines:
            cells = ["" if value is None else str(value) for value in [*head, *tail]]
            out.append(
                ["'" + cell if cell.startswith(("=", "+", "-", "@", "\t", "\r")) else cell for cell in cells]
            )
    return out


@pytest.fixture
def store(store_engine: str) -> Store:
    opened = Store.open(store_engine)
    first = opened.save_record(liquid())
    opened.sign_off(first, "B. Checker")
    opened.amend(first, {"ingredients": (tablets("NX-9"), water())}, reason="wrong lot entered")
    opened.save_record(liquid(ingredients=(), patient="=HYPERLINK(1)", compounded_on=dt.date(2026, 12, 5),
                              bud=dt.date(2026, 12, 18)))  # fmt: skip
    opened.save_record(liquid(compounded_on=dt.date(2026, 11, 30), bud=dt.date(2026, 12, 13)))
    return opened


@pytest.mark.parametrize(
    "filters",
    [{}, {"current_only": True}, {"lot": "nx 9"}, {"status": "draft"}, {"limit": 2, "offset": 1},
     {"date_from": dt.date(2026, 12, 1)}],
)  # fmt: skip
def test_the_export_holds_every_line_of_every_matching_record_in_search_order(
    store: Store, filters: dict[str, object]
) -> None:
    buffer = io.StringIO()
    done = store.export_csv(buffer, **filters)  # type: ignore[arg-type]
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    expected = _expected(store, **filters)
    assert rows == expected
    assert done.rows == len(expected) - 1
    assert done.records == len(store.search(**filters))  # type: ignore[arg-type]
    store.close()


def test_an_export_file_is_new_owner_only_and_never_half_written(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "log.csv"
    out.parent.mkdir()
    done = store.export_csv(out)
    # Two lines each for the record, its correction and the November one; one for the record without lines.
    assert done.rows == 2 + 2 + 2 + 1 and out.read_text(encoding="utf-8").count("\n") == 1 + 7
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = out.read_bytes()
    with pytest.raises(ExportError, match="already exists"):
        store.export_csv(out)
    assert out.read_bytes() == before

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        store.export_csv(tmp_path / "out" / "second.csv")
    monkeypatch.undo()
    assert sorted(p.name for p in out.parent.iterdir()) == ["log.csv"]  # no half file, no temporary
    store.close()


# Text that csv.writer quotes or that the export treats apart (formula starts, its own separators),
# beside any text at all (no NUL: PostgreSQL's text holds none).
_AWKWARD = ["", ",", '"', "\n", "\r", "a\r\nb", "=1+1", "+44 20", "-3", "@x", "\tx", "\rx", "\x1f", "\x1e",
            "Smith, \"Jo\"", "ñandú 5 µg €", "a\x1f=b"]  # fmt: skip
_TEXT = st.one_of(
    st.sampled_from(_AWKWARD),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
)
_LINE = st.tuples(_TEXT, _TEXT, _TEXT, _TEXT, _TEXT)  # name, maker, lot, expiry, actual amount
_RECORD = st.tuples(
    st.sampled_from(["liquid", "capsules"]), st.booleans(), st.sampled_from(["2026-12-01", "2026-12-02"]),
    st.lists(_TEXT, min_size=8, max_size=8), st.lists(_LINE, max_size=3), st.booleans(),
)  # fmt: skip

# The export as csv.writer wrote it from each row's values (the program's export before it let the
# database join them), kept to compare with byte for byte.
_REFERENCE = """
SELECT r.id, r.supersedes, (SELECT n.id FROM record n WHERE n.supersedes = r.id), r.status, r.kind, r.rx_number,
       r.patient, r.patient_ref, r.compounded_on, r.bud, r.compounded_by, r.checked_by, r.signed_at, r.reason,
       i.name, i.maker, i.lot, i.expiry, i.actual_amount
  FROM record r LEFT JOIN ingredient i ON i.record_id = r.id
 ORDER BY r.compounded_on DESC, r.id DESC, i.position"""


def _reference(conn: object) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in conn.execute(_REFERENCE):  # type: ignore[attr-defined]
        values = list(row)
        for index in range(5, len(values)):
            if isinstance(values[index], str) and values[index].startswith(("=", "+", "-", "@", "\t", "\r")):
                values[index] = "'" + values[index]
        writer.writerow(values)
    return out.getvalue()


@pytest.mark.parametrize("store_engine", ["sqlite", "postgresql"], indirect=True)
def test_the_export_is_byte_for_byte_what_csv_writer_writes_of_any_text(store_engine: str) -> None:
    store = Store.open(store_engine)
    conn = store._conn  # rows written straight in, so any text at all reaches the export
    made = iter(range(1, 10**6))

    @settings(max_examples=60 if store_engine.endswith("sqlite3") else 25, deadline=None)
    @given(st.lists(_RECORD, min_size=1, max_size=4))
    def check(records: list[tuple[str, bool, str, list[str], list[tuple[str, ...]], bool]]) -> None:
        previous = None
        for kind, signed, day, texts, lines, corrects in records:
            record_id = next(made)
            rx, patient, ref, bud, by, checker, reason, signed_at = texts
            conn.execute(
                """INSERT INTO record (id, kind, rx_number, patient, patient_ref, compounded_on, bud, compounded_by,
                       status, supersedes, reason, inputs_json, results_json, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, '{}', '{}', '2026-12-01T09:00:00+00:00')""",
                (record_id, kind, rx, patient, ref, day, bud, by, previous if corrects else None, reason),
            )
            for position, line in enumerate(lines, 1):
                conn.execute(
                    """INSERT INTO ingredient (record_id, position, name, maker, lot, expiry, actual_amount)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (record_id, position, *line),
                )
            if signed:  # saved as a draft and signed off afterwards, as the log's rules require
                conn.execute(
                    "UPDATE record SET status = 'signed', checked_by = ?, signed_at = ? WHERE id = ?",
                    (checker, signed_at, record_id),
                )
            previous = record_id
        buffer = io.StringIO()
        done = store.export_csv(buffer)
        expected = _reference(conn)
        assert buffer.getvalue() == expected
        assert done.rows == len(conn.execute(_REFERENCE).fetchall())
        assert done.records == record_id

    check()
    store.close()
