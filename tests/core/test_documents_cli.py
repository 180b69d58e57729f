"""ldn-desk handout|record|label: the PDF is written, JSON reports it, bad input is one line naming the option."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from cli_support import cli_json
from pypdf import PdfReader

from ldn_desk.cli import COMMANDS, EXIT_BAD_INPUT, main

PLAN = ["--protocol", "standard", "--start-date", "2026-03-01", "--date", "2026-02-27"]
LIQUID = ["--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-03-01"]
CAPSULES = ["--strength", "1.5 mg", "--count", "30", "--compounded", "2026-03-01"]
PHARMACY = ["--patient", "Łukasz Øyvind", "--rx", "RX-7", "--pharmacy", "Riverside Pharmacy"]


def _text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((p.extract_text() or "") for p in reader.pages).replace("\u00a0", " ").split())


def test_documents_are_registered() -> None:
    assert {"handout", "record", "label"} <= set(COMMANDS)


def test_handout_writes_the_pdf_and_reports_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "handout.pdf"
    payload = cli_json(
        ["handout", "--json", *PLAN, "--liquid", "1 mg/mL", "--syringe", "1 mL by 0.01 mL", "--syringe",
         "5 mL by 0.1 mL", "--patient", "José Müller-Ñúñez", "--paper", "letter", "-o", str(out)],
        capsys,
    )  # fmt: skip
    assert payload["file"] == str(out)
    assert payload["pages"] == len(PdfReader(str(out)).pages) >= 4
    assert payload["paper"] == "letter"
    assert payload["review_date"] == "2026-04-26"  # day 57 of a plan starting 1 March
    text = _text(out)
    assert "José Müller-Ñúñez" in text
    assert "Draw up 4.5 mL in the 5 mL oral syringe" in text  # 4.5 mg at 1 mg/mL, 0.1 mL marks


def test_handout_capsules_in_large_print(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "big.pdf"
    assert (
        main(["handout", *PLAN, "--capsules", "1.5 mg", "--patient", "Ann", "--large-print", "-o", str(out)])
        == 0
    )
    assert "Wrote the handout" in capsys.readouterr().out
    assert "Take 3 capsules of 1.5 mg" in _text(out)  # 4.5 mg = 3 × 1.5 mg


@pytest.mark.parametrize("kind", ["liquid", "capsules"])
def test_record_for_each_kind(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "record.pdf"
    options = LIQUID if kind == "liquid" else CAPSULES
    payload = cli_json(
        ["record", kind, "--json", *options, *PHARMACY, "--checked-by", "Ana", "-o", str(out)], capsys
    )
    assert payload["kind"] == kind and payload["pages"] >= 1
    assert "Compounding record" in _text(out) and "RX-7" in _text(out)


def test_label_with_a_named_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "labels.pdf"
    payload = cli_json(
        [
            "label",
            "liquid",
            "--json",
            *LIQUID,
            *PHARMACY,
            "--layout",
            "single_4x2in",
            "--copies",
            "2",
            "-o",
            str(out),
        ],
        capsys,
    )
    assert payload["layout"] == "single_4x2in" and payload["pages"] == 2
    assert "Do not use after 14 March 2026" in payload["lines"]  # 14-day aqueous BUD, Day 1 = 1 March


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["handout", *PLAN, "--patient", "王小明", "-o", "x.pdf"], "--patient"),
        (["handout", *PLAN, "--patient", "Ann", "--paper", "a5", "-o", "x.pdf"], "--paper"),
        (["handout", *PLAN, "--patient", "Ann", "-o", "x.txt"], "--output"),
        (["handout", *PLAN, "--liquid", "1 mg/mL", "--patient", "Ann", "--syringe", "5 mL", "-o", "x.pdf"],
         "--syringe"),
        (["label", "liquid", *LIQUID, *PHARMACY, "--layout", "letter_5160", "-o", "x.pdf"], "--layout"),
        (["label", "liquid", *LIQUID, *PHARMACY, "--copies", "0", "-o", "x.pdf"], "--copies"),
        (["label", "liquid", *LIQUID, *PHARMACY, "--directions", "Take 1.5 mL qhs", "-o", "x.pdf"],
         "--directions"),
        (["label", "liquid", *LIQUID, *PHARMACY, "--add-directions", "5 cc", "-o", "x.pdf"], "--add-directions"),
        (["label", "liquid", *LIQUID, *PHARMACY, "--dose", "1.25 mg", "-o", "x.pdf"], "--dose"),
        (["label", "liquid", *LIQUID, *PHARMACY, "--dispensed", "2026-02-01", "-o", "x.pdf"], "--dispensed"),
        (["record", "liquid", *LIQUID, *PHARMACY, "--expiry", "Tablets | 2026-02", "-o", "x.pdf"], "--expiry"),
        (["record", "liquid", *LIQUID, *PHARMACY, "--expiry", "2027-01-01", "-o", "x.pdf"], "--expiry"),
        (["record", "capsules", *CAPSULES, "--patient", "Ann", "--rx", " ", "--pharmacy", "P", "-o", "x.pdf"],
         "--rx"),
        (["record", "capsules", "--strength", "1,5 mg", "--count", "30", *PHARMACY, "-o", "x.pdf"], "--strength"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_naming_the_option(
    argv: list[str],
    named: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith(f"ldn-desk: {named}:"), err
    assert len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())  # nothing written


def test_an_unmeasurable_plan_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "h.pdf"
    # A patient with only a 3 mL syringe and a 5 mL one with 0.2 mL marks: 4.5 mL is 22.5 of them.
    coarse = ["--syringe", "3 mL by 0.1 mL", "--syringe", "5 mL by 0.2 mL"]
    argv = ["handout", *PLAN, "--liquid", "1 mg/mL", *coarse, "--patient", "Ann", "-o", str(out)]
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("ldn-desk: --liquid: step 3: 4.5 mg is 4.5 mL"), err
    assert not out.exists()


def test_the_standard_handout_at_1_mg_per_ml_prints_with_the_usual_syringes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The most common plan: 4.5 mg of 1 mg/mL is 4.5 mL, 45 marks on the 5 mL syringe with 0.1 mL marks.
    out = tmp_path / "h.pdf"
    payload = cli_json(
        ["handout", *PLAN, "--liquid", "1 mg/mL", "--patient", "Ann", "-o", str(out), "--json"], capsys
    )
    assert payload["pages"] >= 1
    text = _text(out)
    assert "Draw up 4.5 mL in the 5 mL oral syringe (0.1 mL marks)" in text
    assert "Draw up 1.5 mL in the 3 mL oral syringe (0.1 mL marks)" in text


def test_a_handout_starting_past_the_calendar_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "h.pdf"
    argv = [
        "handout",
        "--protocol",
        "gentle",
        "--start-date",
        "9999-12-01",
        "--patient",
        "Ann",
        "-o",
        str(out),
    ]
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith('ldn-desk: --start-date: "9999-12-01"'), err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_label_directions_dispensing_date_and_expiry_from_the_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "labels.pdf"
    payload = cli_json(
        ["label", "capsules", "--json", *CAPSULES, *PHARMACY, "--prescriber", "Dr Ødegård", "--dose", "3 mg",
         "--time", "morning", "--add-directions", "Take with food.", "--dispensed", "2026-03-02",
         "--expiry", "Avicel PH-102 | MC-77 | 2026-06", "-o", str(out)],
        capsys,
    )  # fmt: skip
    lines = payload["lines"]
    # 3 mg of 1.5 mg capsules is 2 capsules.
    assert "Take 2 capsules (3 mg) by mouth once a day in the morning. Take with food." in lines
    assert "Prescriber: Dr Ødegård" in lines
    assert "RX-7 · compounded 1 March 2026 · dispensed 2 March 2026" in lines
    # Solid, 180 days from 1 March would be 27 August; the filler lot "2026-06" ends 30 June.
    assert "Do not use after 30 June 2026 (an ingredient's expiry date)" in lines
    assert "Do not use after 30 June 2026" in _text(out)


def test_a_handout_without_a_phone_number_is_reported_to_its_maker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "h.pdf"
    assert main(["handout", *PLAN, "--patient", "Ann", "-o", str(out)]) == 0
    assert "Warning: The handout has no contact phone number" in capsys.readouterr().out
    assert main(["handout", *PLAN, "--patient", "Ann", "--contact", "020 7946 0000", "-o", str(out)]) == 0
    assert "no contact phone number" not in capsys.readouterr().out
