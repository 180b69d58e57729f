"""The clinician's edits on the command line, "halve and climb again", and the review after an edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ldn_desk.plans.edits import apply_edits, halve, step_back
from ldn_desk.plans.model import PlanEdit
from ldn_desk.plans.titration import plan_from_protocol
from tests.core.cli_support import cli_json, refusal

START = dt.date(2026, 12, 1)
STANDARD = ["schedule", "--protocol", "standard", "--start-date", "2026-12-01", "--liquid", "1 mg/mL"]


def _steps(payload: dict[str, object]) -> list[tuple[int, int | None, float]]:
    steps = payload["steps"]
    assert isinstance(steps, list)
    return [(s["from_day"], s["to_day"], s["dose_mg"]) for s in steps]


def test_a_step_back_in_the_target_step_moves_the_review() -> None:
    # Standard: 4.5 mg from day 29; review max(8 weeks + 1 = 57, 29 + 28 = 57) = day 57.
    plan = plan_from_protocol("standard", START)
    assert plan.review_day == 57
    # Back from day 40 to 3 mg for 14 days (40-53), 4.5 mg again from day 54: four weeks at the
    # target now count from day 54, so the review is 54 + 28 = day 82 (it stayed on 57 before).
    edited = step_back(plan, 40)
    assert [(s.from_day, s.to_day, s.dose_mg) for s in edited.steps] == [
        (1, 14, 1.5),
        (15, 28, 3),
        (29, 39, 4.5),
        (40, 53, 3),
        (54, None, 4.5),
    ]
    assert edited.at_target_since_day == 54
    assert edited.review_day == 82
    # The latest review: max(12 weeks + 1 = 85, 54 + 8 weeks = 110) = day 110.
    assert edited.review_latest_day == 110


def test_halve_and_climb_again() -> None:
    # Gentle (0.5 mg steps every 14 days): 2 mg on days 43-56. Halved from day 50: 2 mg 43-49, then
    # 1 mg for 14 days (50-63), climbing through the plan's 1.5 mg (64-77), back to 2 mg for its full
    # 14 days (78-91), then 2.5 mg from day 92.
    plan = halve(plan_from_protocol("gentle", START), 50)
    assert [(s.from_day, s.to_day, s.dose_mg) for s in plan.steps][:7] == [
        (1, 14, 0.5),
        (15, 28, 1),
        (29, 42, 1.5),
        (43, 49, 2),
        (50, 63, 1),
        (64, 77, 1.5),
        (78, 91, 2),
    ]
    assert plan.steps[7].from_day == 92 and plan.steps[7].dose_mg == 2.5
    assert plan.edits == (
        "From day 50: halved to 1 mg for 14 days, then climbing again through 1.5 mg to 2 mg.",
    )
    # The same edit kept as data, as a saved plan and the command line hold it.
    assert apply_edits(plan_from_protocol("gentle", START), [PlanEdit.halve(50)]) == plan


def test_halving_the_first_step_climbs_straight_back() -> None:
    # Standard from day 5: 1.5 mg halved to 0.75 mg for 14 days (5-18), then 1.5 mg again for 14 days.
    plan = halve(plan_from_protocol("standard", START), 5)
    assert [(s.from_day, s.to_day, s.dose_mg) for s in plan.steps][:3] == [
        (1, 4, 1.5),
        (5, 18, 0.75),
        (19, 32, 1.5),
    ]
    assert plan.edits[0].endswith("then up again to 1.5 mg.")


def test_schedule_takes_the_edits_in_the_order_given(capsys: pytest.CaptureFixture[str]) -> None:
    # Standard, hold 1.5 mg on day 10 for 7 more days: 1.5 mg days 1-21, 3 mg 22-35, 4.5 mg from 36.
    # Then back from day 40 to 3 mg for 14 days (40-53), 4.5 mg again from 54.
    payload = cli_json([*STANDARD, "--hold", "10:7 days", "--step-back-from", "40"], capsys)
    assert _steps(payload) == [(1, 21, 1.5), (22, 35, 3), (36, 39, 4.5), (40, 53, 3), (54, None, 4.5)]
    assert payload["review_day"] == 82  # 54 + 4 weeks, later than 8 weeks + 1 = 57
    # The other order: back from day 40 first (4.5 mg 29-39, 3 mg 40-53, 4.5 from 54), then hold
    # the dose of day 10 (1.5 mg, days 1-14) 7 more days: every later step 7 days later.
    other = cli_json([*STANDARD, "--step-back-from", "40", "--hold", "10:7 days"], capsys)
    assert _steps(other) == [(1, 21, 1.5), (22, 35, 3), (36, 46, 4.5), (47, 60, 3), (61, None, 4.5)]


def test_schedule_takes_a_new_target_for_a_protocol(capsys: pytest.CaptureFixture[str]) -> None:
    # Standard to 3 mg: 1.5 mg days 1-14, 3 mg from day 15; review max(57, 15 + 28 = 43) = day 57.
    payload = cli_json([*STANDARD, "--target", "3 mg"], capsys)
    assert _steps(payload) == [(1, 14, 1.5), (15, None, 3)]
    assert payload["review_day"] == 57


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        (
            "--hold",
            "29",
            '--hold: "29" — write the plan day and how much longer as DAY:DURATION, e.g. 29:7 days',
        ),
        ("--hold", "x:7 days", '--hold: "x" — must be a whole number with no unit, e.g. 29'),
        (
            "--hold",
            "10:7.5 days",
            '--hold: "7.5 days" — must be a whole number of days, 1 to 365, e.g. 7 days',
        ),
        ("--hold", "10:7", "--hold: "),
        ("--hold", "40:7 days", '--hold: "40" — is in the last step, which already runs on'),
        ("--step-back-from", "0", '--step-back-from: "0" — must be at least 1, e.g. 40'),
        ("--step-back-from", "4,5", "--step-back-from: "),
        ("--halve-from", "1.5 mg", '--halve-from: "1.5 mg" — must be a whole number with no unit, e.g. 40'),
    ],
)
def test_bad_edits_are_refused_naming_the_option(
    option: str, value: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal([*STANDARD, option, value], capsys)
    assert line.startswith(f"ldn-desk: {expected}")


def test_handout_takes_the_same_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As in the schedule above: back from day 40, 4.5 mg again from day 54, review on day 82,
    # 1 December 2026 + 81 days = 20 February 2027.
    argv = ["handout", *STANDARD[1:], "--step-back-from", "40", "--patient", "Ann Lee"]
    payload = cli_json([*argv, "-o", f"{tmp_path}/h.pdf"], capsys)
    assert payload["review_date"] == "2027-02-20"
