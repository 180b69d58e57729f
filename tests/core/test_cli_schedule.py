"""ldn-desk schedule and protocols: JSON keys and values, the human plan, and one-line refusals."""

from __future__ import annotations

import re

import pytest
from cli_support import cli_json, cli_text, refusal

from ldn_desk.cli import COMMANDS, EXIT_OK, main

STANDARD = ["schedule", "--protocol", "standard", "--start-date", "2026-03-01"]


def test_registered() -> None:
    assert "schedule" in COMMANDS
    assert "protocols" in COMMANDS


def test_standard_with_liquid_for_16_weeks(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json([*STANDARD, "--days", "112", "--liquid", "1 mg/mL"], capsys)
    steps = payload["steps"]
    # Standard protocol (Dieckmann / Tufts): 1.5 mg days 1-14, 3 mg days 15-28, 4.5 mg from day 29
    assert [(s["from_day"], s["to_day"], s["dose_mg"]) for s in steps] == [
        (1, 14, 1.5),
        (15, 28, 3),
        (29, None, 4.5),
    ]
    assert [s["dose_text"] for s in steps] == ["1.5 mg", "3 mg", "4.5 mg"]
    assert [s["start_date"] for s in steps] == ["2026-03-01", "2026-03-15", "2026-03-29"]
    # at 1 mg/mL: 1.5 and 3 mL on the 3 mL syringe (0.1 mL marks); 4.5 mL is 45 marks of 0.1 mL
    # on the 5 mL syringe that has them (22.5 marks of 0.2 mL on the other, not measurable there)
    assert [s["volume_ml"] for s in steps] == [1.5, 3, 4.5]
    assert [s["volume_ml_text"] for s in steps] == ["1.5 mL", "3 mL", "4.5 mL"]
    assert [s["syringe_ml"] for s in steps] == [3, 3, 5]
    assert steps[2]["syringe"] == "5 mL syringe (0.1 mL marks)"
    assert [s["measurable"] for s in steps] == [True, True, True]
    assert payload["total_mg"] == 441  # 21 + 42 + 84 x 4.5
    assert payload["total_mg_text"] == "441 mg"
    assert payload["review_date"] == "2026-04-26"  # day 57
    fills = payload["fills"]
    # water, 14-day BUD: 21 mL, 42 mL, then six of 63 mL (see tests/core/test_dispensing.py)
    assert [f["volume_ml"] for f in fills] == [21, 42, 63, 63, 63, 63, 63, 63]
    assert [f["tablets"] for f in fills] == [1, 1, 2, 2, 2, 2, 2, 2]
    assert fills[1]["due_date"] == "2026-03-15"
    assert not any("marks" in w for w in payload["warnings"])


def test_capsules_json(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json([*STANDARD, "--days", "28", "--capsules", "1.5 mg, 3 mg"], capsys)
    assert [s["capsules"] for s in payload["steps"]] == [
        [{"strength_mg": 1.5, "strength_mg_text": "1.5 mg", "count": 1}],
        [{"strength_mg": 3.0, "strength_mg_text": "3 mg", "count": 1}],
        [
            {"strength_mg": 3.0, "strength_mg_text": "3 mg", "count": 1},
            {"strength_mg": 1.5, "strength_mg_text": "1.5 mg", "count": 1},
        ],
    ]
    # 28 days: 14 x 1.5 mg capsules, 14 x 3 mg capsules in one fill (180-day BUD)
    assert [[(c["strength_mg"], c["count"]) for c in f["capsules"]] for f in payload["fills"]] == [
        [(3, 14), (1.5, 14)]
    ]
    assert payload["total_mg"] == 63


def test_capsules_that_cannot_make_a_dose(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json([*STANDARD, "--capsules", "3 mg"], capsys)
    assert payload["steps"][0]["makeable"] is False
    assert payload["fills"] == []
    assert any("cannot be made" in w for w in payload["warnings"])


def test_rule_and_ladder(capsys: pytest.CaptureFixture[str]) -> None:
    rule = cli_json(
        [
            "schedule",
            "--start",
            "1 mg",
            "--step",
            "1 mg",
            "--every",
            "1 week",
            "--target",
            "4.5 mg",
            "--start-date",
            "2026-03-01",
        ],
        capsys,
    )
    assert [s["dose_mg"] for s in rule["steps"]] == [1, 2, 3, 4, 4.5]
    ladder = cli_json(
        [
            "schedule",
            "--ladder",
            "0.1 mg, 0.25 mg, 0.5 mg",
            "--every",
            "7 days",
            "--start-date",
            "2026-03-01",
            "--time",
            "morning",
        ],
        capsys,
    )
    assert [(s["from_day"], s["to_day"], s["dose_text"]) for s in ladder["steps"]] == [
        (1, 7, "0.1 mg"),
        (8, 14, "0.25 mg"),
        (15, None, "0.5 mg"),
    ]
    assert ladder["time_of_day"] == "morning"
    assert "advice" in ladder  # no form given: the advisors speak


def test_human_text(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_text([*STANDARD, "--liquid", "1 mg/mL"], capsys)
    assert "Days 15–28 (15 March 2026 to 28 March 2026): 3 mg daily at bedtime = 3 mL" in out
    assert "4.5 mg daily at bedtime = 4.5 mL with the 5 mL syringe (0.1 mL marks)" in out
    assert "Review: 26 April 2026 (day 57)" in out
    assert not re.search(r"(?<![0-9])\.[0-9]", out)  # never .5 mg: a leading zero always
    assert not re.search(r"[0-9]\.0 m", out)  # never 1.0 mg or 3.0 mL


@pytest.mark.parametrize(
    ("extra", "field", "problem"),
    [
        (["--ladder", "0,5 mg, 1 mg", "--every", "7 days"], "--ladder", "decimal point"),
        (["--ladder", "0.5 mg, , 1 mg", "--every", "7 days"], "--ladder", "empty item"),
        (["--ladder", "0.5 mg, 1 mg,", "--every", "7 days"], "--ladder", "empty item"),
        (["--ladder", "0.5, 1 mg", "--every", "7 days"], "--ladder", "unit"),
        (["--ladder", "1 mg, 0.5 mg", "--every", "7 days"], "--ladder", "higher"),
        (["--ladder", "0.5 mg"], "--every", "needed"),
        (["--start", "1 mg", "--step", "1 mg", "--every", "7 days"], "--target", "needed"),
        (["--protocol", "standard", "--ladder", "1 mg"], "plan", "exactly one"),
        ([], "plan", "exactly one"),
        (["--protocol", "fast"], "--protocol", "not in the library"),
        (["--protocol", "standard", "--every", "7 days"], "--every", "own interval"),
        (["--protocol", "standard", "--target", "12 mg"], "--target", "10 mg"),
        (["--protocol", "standard", "--start-date", "01/03/2026"], "--start-date", "year-month-day"),
        (["--protocol", "standard", "--days", "0"], "--days", "at least 1"),
        (["--protocol", "standard", "--liquid", "1 mg"], "--liquid", "strength"),
        (["--protocol", "standard", "--capsules", "1,5 mg, 3 mg"], "--capsules", "decimal point"),
    ],
)
def test_bad_input_is_one_line_naming_the_option(
    extra: list[str], field: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(["schedule", *extra], capsys)
    assert line.startswith(f"ldn-desk: {field}:"), line
    assert problem in line


@pytest.mark.parametrize("ladder", ["0.5 mg,1 mg", "0.5 mg, 1 mg", "0.5 mg ,1 mg", "0.5 mg; 1 mg"])
def test_a_list_reads_the_same_with_or_without_a_space_after_the_comma(
    ladder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # units/lists.py: a comma after a unit separates the items, with or without a space after it.
    argv = ["schedule", "--ladder", ladder, "--every", "7 days", "--start-date", "2026-03-01"]
    steps = cli_json([*argv, "--capsules", "0.5 mg,1 mg"], capsys)["steps"]
    # 0.5 mg on days 1-7, then 1 mg from day 8; each from one capsule of its own strength.
    assert [(s["from_day"], s["to_day"], s["dose_mg"], s["capsules_text"]) for s in steps] == [
        (1, 7, 0.5, "1 × 0.5 mg"),
        (8, None, 1, "1 × 1 mg"),
    ]


def test_protocols_lists_the_library_with_sources(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json(["protocols"], capsys)
    keys = [p["key"] for p in payload["protocols"]]
    assert keys == [
        "standard",
        "weekly_1mg",
        "gentle",
        "weekly_0_5mg",
        "sensitive",
        "dysautonomia",
        "ms_norway",
        "hashimoto",
        "long_covid_monthly",
    ]
    assert all(p["source"] for p in payload["protocols"])
    weekly = payload["protocols"][1]
    assert weekly["doses_text"] == ["1 mg", "2 mg", "3 mg", "4 mg", "4.5 mg"]
    assert weekly["review"]["from_start_weeks"] == 8
    assert "Source: Norwegian LDN site" in cli_text(["protocols"], capsys)


def test_low_strength_fills_say_they_are_diluted_from_a_stock(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "schedule",
        "--protocol",
        "sensitive",
        "--start-date",
        "2026-03-01",
        "--days",
        "14",
        "--liquid",
        "0.1 mg/mL",
    ]
    payload = cli_json(argv, capsys)
    # days 1-14 at 0.1 mg: 14 x 0.1 mg / 0.1 mg/mL = 14 mL; 1.4 mg of drug = 1.4 mL of a 1 mg/mL stock
    (fill,) = payload["fills"]
    assert fill["volume_ml"] == 14
    assert fill["serial_dilution"]["stock_mg_per_ml"] == 1
    assert fill["serial_dilution"]["aliquot_ml"] == 1.4
    assert "1.4 mL of a 1 mg/mL stock" in cli_text(argv, capsys)


@pytest.mark.parametrize(
    "extra",
    [
        ["--protocol", "gentle", "--start-date", "9999-12-01"],
        ["--protocol", "standard", "--start-date", "9999-10-08", "--days", "112", "--liquid", "1 mg/mL"],
        ["--protocol", "standard", "--start-date", "9999-10-08", "--days", "112", "--capsules", "1.5 mg"],
        ["--ladder", "1 mg", "--every", "7 days", "--start-date", "9999-12-31"],
    ],
)
def test_a_start_date_past_the_calendar_is_refused(
    extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(["schedule", *extra], capsys)
    assert line.startswith('ldn-desk: --start-date: "9999-'), line
    assert "calendar" in line


def test_a_step_that_cannot_be_measured_shows_its_calculated_volume(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [
        "schedule",
        "--ladder",
        "1.25 mg",
        "--every",
        "14 days",
        "--liquid",
        "1 mg/mL",
        "--start-date",
        "2026-03-01",
    ]
    # 1.25 mg of 1 mg/mL is 1.25 mL: not a whole number of 0.1 mL marks once written to the tenth.
    step = cli_json(argv, capsys)["steps"][0]
    assert step["measurable"] is False
    assert step["calculated_volume_text"] == "1.25 mL"
    assert step["volume_ml"] == 1.25
    assert main(argv) == EXIT_OK
    line = next(line for line in capsys.readouterr().out.splitlines() if "From day 1" in line)
    assert line.endswith(
        "1.25 mg daily at bedtime = 1.25 mL by calculation, NOT MEASURABLE with these syringes"
    )
    assert "1.3 mL" not in line
    # A measurable step names its exact volume too: 1.5 mL.
    fine = cli_json([*STANDARD, "--liquid", "1 mg/mL"], capsys)["steps"][0]
    assert fine["calculated_volume_text"] == fine["volume_ml_text"] == "1.5 mL"
