"""A saved record reprints the PDF first printed, byte for byte, with its lots; `log recalculate`
says what today's program would change; a PDF altered in the file is refused."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from cli_support import cli_json, cli_text
from pypdf import PdfReader

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


def text_of(pdf: bytes) -> str:
    pages = [(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    return " ".join(" ".join(pages).replace("\u00a0", " ").split())


def saved_pdf(data_dir: Path, record_id: int) -> bytes:
    with Store.open(data_dir / "log.sqlite3") as store:
        pdf = store.printed_pdf(record_id)
    assert pdf is not None
    return pdf


def bud_of(days: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later program that dates an unpreserved aqueous preparation `days` days, not USP's 14."""
    from ldn_desk.recipes import bud

    known = bud.categories()

    def changed() -> dict[str, Any]:
        return {**known, "aqueous_unpreserved": dataclasses.replace(known["aqueous_unpreserved"], days=days)}

    monkeypatch.setattr(bud, "categories", changed)


@pytest.mark.parametrize(("kind", "options"), [("liquid", LIQUID), ("capsules", CAPSULES)])
def test_a_reprint_is_the_first_print_byte_for_byte_with_its_lots(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, options: list[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    added = cli_json(
        ["log", "add", kind, *options, *NAMES, *PRINT, *LINES, "--paper", "letter", *data], capsys
    )
    record_id = added["id"]
    first = saved_pdf(tmp_path, record_id)
    cli_json(["log", "sign", str(record_id), "--checked-by", "B. Checker", *data], capsys)
    again = tmp_path / "again.pdf"
    reprinted = cli_json(["log", "reprint", str(record_id), "-o", str(again), *data], capsys)
    assert reprinted["as_first_printed"] is True and reprinted["note"] is None
    assert again.read_bytes() == first
    assert reprinted["sha256"] == hashlib.sha256(first).hexdigest()
    text = text_of(again.read_bytes())
    for expected in ("Accord", "NX-2291", "2027-03-31", "2 tablets", "Baxter", "W-77", "2027-01", "100 mL"):
        assert expected in text
    # And a second reprint, from a reopened log, is the same again.
    twice = tmp_path / "twice.pdf"
    assert "byte for byte as first printed" in cli_text(
        ["log", "reprint", str(record_id), "-o", str(twice), *data], capsys
    )
    assert twice.read_bytes() == first


def test_ldn_desk_record_prints_what_log_add_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    added = cli_json(["log", "add", "liquid", *LIQUID, *NAMES, *PRINT, "--paper", "a4", *data], capsys)
    out = tmp_path / "record.pdf"
    cli_json(["record", "liquid", *LIQUID, *NAMES, *PRINT, "--paper", "a4", "-o", str(out)], capsys)
    assert out.read_bytes() == saved_pdf(tmp_path, added["id"])


def test_a_record_added_from_the_command_line_holds_typed_inputs_and_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    no_date = [option for option in LIQUID if option not in ("--compounded", "2026-12-01")]
    added = cli_json(["log", "add", "liquid", *no_date, *NAMES, *PRINT, *LINES, *data], capsys)
    with Store.open(tmp_path / "log.sqlite3") as store:
        record = store.record(added["id"])
    # "Today" is fixed in the record, so a recalculation next month works out the same day and BUD.
    assert record.inputs["compounded"] == record.compounded_on.isoformat()
    assert (record.inputs["format"], record.inputs["kind"], record.inputs["strength_mg_per_ml"]) == (
        1,
        "liquid",
        1,
    )
    assert record.results["format"] == 1 and record.results["tablets"] == 2
    assert record.document["pharmacy"] == "Łukasz & Øyvind Apotek" and record.document["paper"] in (
        "a4",
        "letter",
    )
    assert [item.lot for item in record.ingredients] == ["NX-2291", "W-77"]
    assert record.status == "draft" and record.printed


def test_after_a_program_change_the_reprint_is_unchanged_and_recalculate_says_what_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ["--data-dir", str(tmp_path)]
    added = cli_json(["log", "add", "liquid", *LIQUID, *NAMES, *PRINT, *LINES, *data], capsys)
    first = saved_pdf(tmp_path, added["id"])
    assert "exactly as it was saved" in cli_text(["log", "recalculate", str(added["id"]), *data], capsys)
    bud_of(30, monkeypatch)
    out = tmp_path / "later.pdf"
    assert "byte for byte" in cli_text(["log", "reprint", str(added["id"]), "-o", str(out), *data], capsys)
    assert out.read_bytes() == first and "14 December 2026" in text_of(first)
    said = cli_text(["log", "recalculate", str(added["id"]), *data], capsys)
    # 30 days from 1 December 2026 (Day 1) is 30 December 2026.
    assert "calculates record 1 differently" in said and "BUD › days: 14 saved, 30 now" in said
    assert "BUD › date: “2026-12-14” saved, “2026-12-30” now" in said
    payload = cli_json(["log", "recalculate", str(added["id"]), *data], capsys)
    assert payload["same"] is False
    assert {"field": "BUD › days", "saved": "14", "now": "30"} in payload["differences"]


def test_a_pdf_changed_in_the_file_is_refused_on_reprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    added = cli_json(["log", "add", "liquid", *LIQUID, *NAMES, *PRINT, *LINES, *data], capsys)
    pdf = saved_pdf(tmp_path, added["id"])
    # One byte changed by someone with the file and sqlite3 (the file's own rule dropped first).
    middle = len(pdf) // 2
    changed = pdf[:middle] + bytes([pdf[middle] ^ 0x01]) + pdf[middle + 1 :]
    conn = sqlite3.connect(tmp_path / "log.sqlite3")
    conn.execute("DROP TRIGGER record_pdf_is_final")
    conn.execute("UPDATE record_pdf SET pdf = ? WHERE record_id = ?", (changed, added["id"]))
    conn.commit()
    conn.close()
    out = tmp_path / "r.pdf"
    assert main(["log", "reprint", str(added["id"]), "-o", str(out), *data]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "no longer matches the SHA-256" in err and "Restore the log from a backup" in err
    assert not out.exists()  # nothing was written
    assert main(["log", "check", *data]) != 0
    assert "does not match its fingerprint" in capsys.readouterr().err


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
    assert main(["log", "recalculate", "7", *data]) == EXIT_BAD_INPUT
    assert "no compounding log" in capsys.readouterr().err


def test_log_add_takes_the_label_dose_dispensed_date_and_component_expiry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    # a component expiring 10 December 2026 cuts the 14-day BUD (14 December 2026) to 10 December
    label = ["--dose", "1.5 mg", "--time", "morning", "--dispensed", "2026-12-02",
             "--expiry", "Naltrexone HCl 50 mg tablets | NX-2291 | 2026-12-10"]  # fmt: skip
    added = cli_json(
        ["log", "add", "liquid", *LIQUID, *NAMES, *PRINT, *label, "--paper", "a4", *data], capsys
    )
    with Store.open(tmp_path / "log.sqlite3") as store:
        record = store.record(added["id"])
    assert record.results["bud"]["date"] == "2026-12-10"
    assert record.document["dose_mg"] == 1.5 and record.document["dispensed"] == "2026-12-02"
    text = text_of(saved_pdf(tmp_path, added["id"]))
    assert "10 December 2026" in text and "NX-2291" in text
    # the same options print the same record from `ldn-desk record`
    out = tmp_path / "record.pdf"
    cli_json(["record", "liquid", *LIQUID, *NAMES, *PRINT, *label, "--paper", "a4", "-o", str(out)], capsys)
    assert out.read_bytes() == saved_pdf(tmp_path, added["id"])


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--dose", "1.5 mL", "--dose"),
        ("--dispensed", "2026-13-02", "--dispensed"),
        ("--expiry", "2026-12-10", "--expiry"),
    ],
)
def test_log_add_refuses_bad_label_options_naming_them_before_anything_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, named: str
) -> None:
    argv = ["log", "add", "liquid", *LIQUID, *NAMES, *PRINT, option, value, "--data-dir", str(tmp_path)]
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith(f"ldn-desk: {named}: ") and len(err.splitlines()) == 1, err
    assert not (tmp_path / "log.sqlite3").exists()
