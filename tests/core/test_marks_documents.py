"""Too few marks and many capsules on the command line and the handout: flagged, refused, accepted."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from ldn_desk.desk import CapsuleForm, Desk, FromLadder, FromProtocol, HandoutInfo, LiquidForm, PlanRequest
from ldn_desk.errors import RecipeError
from ldn_desk.units.dose_text import count_text
from tests.core.cli_support import cli_json, cli_text, dose_argv, refusal

START = dt.date(2026, 12, 1)
# 0.1 mg then 0.5 mg, a week each, of a 5 mg/mL liquid: 0.1 ÷ 5 = 0.02 mL (2 marks of 0.01 mL),
# 0.5 ÷ 5 = 0.1 mL (10 marks).
LADDER = ["--ladder", "0.1 mg, 0.5 mg", "--every", "7 days", "--start-date", "2026-12-01"]


def _text(pdf: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


def test_dose_says_too_few_marks_and_the_better_choice(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json(dose_argv("0.1 mg", "5 mg/mL"), capsys)
    assert (payload["measurable"], payload["marks"], payload["min_marks"], payload["few_marks"]) == (
        True,
        2,
        10,
        True,
    )
    # At 1 mg/mL the dose is 0.1 mL: 10 marks on the 1 mL syringe.
    [better] = payload["better"]
    assert (better["strength_mg_per_ml"], better["volume_ml"], better["marks"]) == (1, 0.1, 10)
    text = cli_text(dose_argv("0.1 mg", "5 mg/mL"), capsys)
    assert "TOO FEW MARKS: 0.02 mL is only 2 marks on the 1 mL syringe (0.01 mL marks)" in text
    assert "Measure 0.02 mL" not in text  # never a plain direction for a flagged dose


def test_a_volume_that_cannot_be_measured_is_never_written_rounded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 2.25 mg of 1 mg/mL is 2.25 mL: 22.5 marks of 0.1 mL, and from 1 mL a direction is written to the
    # tenth. "2.3 mL" would read as 2.3 mg.
    payload = cli_json(dose_argv("2.25 mg", "1 mg/mL"), capsys)
    assert not payload["measurable"]
    assert payload["volume_ml_text"] == "2.25 mL"
    steps = cli_json(["schedule", "--ladder", "2.25 mg", "--every", "7 days", "--liquid", "1 mg/mL"], capsys)[
        "steps"
    ]
    assert (steps[0]["measurable"], steps[0]["volume_ml_text"]) == (False, "2.25 mL")


def test_schedule_flags_the_step_in_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json(["schedule", *LADDER, "--liquid", "5 mg/mL"], capsys)
    assert [(s["marks"], s["few_marks"]) for s in payload["steps"]] == [(2, True), (10, False)]
    assert any("only 2 marks" in w for w in payload["warnings"])
    text = cli_text(["schedule", *LADDER, "--liquid", "5 mg/mL"], capsys)
    assert "0.02 mL with the 1 mL syringe (0.01 mL marks), ONLY 2 MARKS" in text


def test_handout_refuses_few_marks_unless_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["handout", *LADDER, "--liquid", "5 mg/mL", "--patient", "Ann Lee", "-o", str(tmp_path / "h.pdf")]
    line = refusal(argv, capsys)
    assert line.startswith("ldn-desk: --accept-few-marks: step 1: 0.1 mg is 0.02 mL of 5 mg/mL, only 2 marks")
    assert "better: a weaker liquid, 1 mg/mL" in line
    assert not (tmp_path / "h.pdf").exists()
    payload = cli_json([*argv, "--accept-few-marks"], capsys)
    assert any("only 2 marks" in w for w in payload["warnings"])
    text = _text((tmp_path / "h.pdf").read_bytes())
    assert "Only 2 marks: take special care" in text
    assert "Accepted by the prescriber: step 1 (0.1 mg), only 2 marks on the syringe." in text


def test_many_capsules_a_dose_reach_the_handout_maker_and_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Gentle from 0.5 mg capsules: 4.5 mg is 9 capsules a dose, more than the 5 the handout allows
    # (resources/protocols.toml handout_max_capsules_per_dose); 3 mg (6 capsules) is the first step
    # over it: 0.5, 1, 1.5, 2, 2.5 mg are 1-5 capsules, 3 mg is step 6.
    argv = ["handout", "--protocol", "gentle", "--capsules", "0.5 mg", "--patient", "Ann Lee"]
    argv += ["--start-date", "2026-12-01", "-o", str(tmp_path / "h.pdf")]
    line = refusal(argv, capsys)
    assert "--accept-many-capsules: step 6: 3 mg takes 6 capsules a dose (6 × 0.5 mg), more than 5" in line
    payload = cli_json([*argv, "--accept-many-capsules"], capsys)
    assert "4.5 mg takes 9 capsules a dose (9 × 0.5 mg)." in payload["warnings"]
    text = _text((tmp_path / "h.pdf").read_bytes())
    assert "9 capsules each time: count them carefully" in text


def test_the_desk_refuses_and_accepts_the_same_way() -> None:
    desk = Desk()
    info = HandoutInfo("Ann Lee", START)
    outcome = desk.plan(PlanRequest(FromLadder((0.1, 0.5), 7), START, form=LiquidForm(5.0)))
    with pytest.raises(RecipeError, match="only 2 marks"):
        desk.handout_pdf(outcome, info)
    assert desk.handout_pdf(outcome, info, accept_few_marks=True).startswith(b"%PDF")
    capsules = desk.plan(PlanRequest(FromProtocol("gentle"), START, form=CapsuleForm((0.5,))))
    with pytest.raises(RecipeError, match="6 capsules a dose"):
        desk.handout_pdf(capsules, info)


def test_counts_from_1000_have_a_thousands_comma(capsys: pytest.CaptureFixture[str]) -> None:
    assert [count_text(n) for n in (9, 999, 1000, 12345)] == ["9", "999", "1,000", "12,345"]
    # 4.5 mg from 0.1 mg capsules is 45 a dose; a 56-day fill at 4.5 mg (capsules keep 180 days, so
    # one fill) holds 56 x 45 = 2,520 of them.
    text = cli_text(
        ["schedule", "--ladder", "4.5 mg", "--every", "7 days", "--capsules", "0.1 mg", "--days", "56"],
        capsys,
    )
    assert "2,520 × 0.1 mg" in text
    assert "4.5 mg takes 45 capsules a dose (45 × 0.1 mg)." in text
