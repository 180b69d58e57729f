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
