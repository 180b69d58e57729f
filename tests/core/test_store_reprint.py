"""A saved record prints the same PDF, byte for byte, as when it was first printed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_support import cli_json, cli_text

from ldn_desk.cli import EXIT_BAD_INPUT, main
from ldn_desk.store import Store

# 1 mg/mL from 50 mg tablets (LDN Research Trust), 100 mL -> 2 tablets; USP <795> aqueous, 14 days:
# made 1 December 2026 -> BUD 14 December 2026.
LIQUID = ["--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-12-01"]
# 30 capsules of 0.5 mg; USP <795> solid, 180 days from 1 December 2026 -> 29 May 2027.
CAPSULES = ["--count", "30", "--strength", "0.5 mg", "--size", "3", "--compounded", "2026-12-01"]
NAMES = ["--patient", "José Müller-Ñúñez", "--rx", "RX-1001", "--compounded-by", "A. Pharmacist"]
PRINT = ["--pharmacy", "Łukasz & Øyvind Apotek", "--contact", "+47 22 00 00 00", "--prescriber", "Dr K. Berg"]
LINES = [
    "--ingredient", "Naltrexone HCl 50 mg tablets | Accord | NX-2291 | 2027-03-31 | 2 tablets",
    "--ingredient", "Purified water | Baxter | W-77 | 2027-01 | 100 mL",
]  # fmt: skip


@pytest.mark.parametrize(("kind", "options"), [("liquid", LIQUID), ("capsules", CAPSULES)])
def test_a_reprint_is_the_first_print_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, options: list[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    added = cli_json(
        ["log", "add", kind, *options, *NAMES, *PRINT, *LINES, "--paper", "letter", *data], capsys
    )
    record_id = added["id"]
    cli_json(["log", "sign", str(record_id), "--checked-by", "B. Checker", *data], capsys)
    first = tmp_path / "first.pdf"
    checked = ["--checked-by", "B. Checker", "--paper", "letter"]
    cli_json(["record", kind, *options, *NAMES, *PRINT, *checked, "-o", str(first)], capsys)
    again = tmp_path / "again.pdf"
    reprinted = cli_json(["log", "reprint", str(record_id), "-o", str(again), *data], capsys)
    assert reprinted["same_results_as_saved"] is True
    assert again.read_bytes() == first.read_bytes()
    # And a second reprint, from a reopened log, is the same again.
    twice = tmp_path / "twice.pdf"
    cli_json(["log", "reprint", str(record_id), "-o", str(twice), *data], capsys)
    assert twice.read_bytes() == first.read_bytes()


def test_a_record_added_from_the_command_line_holds_what_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    no_date = [option for option in LIQUID if option not in ("--compounded", "2026-12-01")]
    added = cli_json(["log", "add", "liquid", *no_date, *NAMES, *PRINT, *LINES, *data], capsys)
    with Store.open(tmp_path / "log.sqlite3") as store:
        record = store.record(added["id"])
    # "Today" is fixed in the record, so a reprint next month shows the same day and BUD.
    assert record.inputs["compounded"] == record.compounded_on.isoformat()
    assert record.inputs["strength"] == "1 mg/mL" and record.results["tablets"] == 2
    assert record.document["pharmacy"] == "Łukasz & Øyvind Apotek" and record.document["paper"] in (
        "a4",
        "letter",
    )
    assert [item.lot for item in record.ingredients] == ["NX-2291", "W-77"]
    assert record.status == "draft"


def test_a_changed_calculation_is_reported_on_reprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    added = cli_json(["log", "add", "liquid", *LIQUID, *NAMES, *PRINT, *data], capsys)
    # Pretend the record was saved by a program that calculated differently (outside the API on purpose).
    conn = sqlite3.connect(tmp_path / "log.sqlite3")
    conn.execute("DROP TRIGGER record_content_is_final")
    conn.execute("UPDATE record SET results_json = '{\"tablets\": 3}' WHERE id = ?", (added["id"],))
    conn.commit()
    conn.close()
    assert "calculates the recipe differently" in cli_text(
        ["log", "reprint", str(added["id"]), "-o", str(tmp_path / "r.pdf"), *data], capsys
    )


def test_bad_ingredient_lines_and_unknown_records_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    bad = ["--ingredient", "Purified water, Baxter, W-77"]
    assert main(["log", "add", "liquid", *LIQUID, *NAMES, *PRINT, *bad, *data]) == EXIT_BAD_INPUT
    assert "five parts" in capsys.readouterr().err
    assert not (tmp_path / "log.sqlite3").exists()  # refused before the log was touched
    assert main(["log", "reprint", "7", "-o", str(tmp_path / "x.pdf"), *data]) == EXIT_BAD_INPUT
    assert "no compounding log" in capsys.readouterr().err
