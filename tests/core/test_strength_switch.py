"""A plan split across two strengths: every front end measures, supplies and calls out the change
of bottle the same way (a change of strength is a known cause of tenfold errors, DOMAIN.md §7)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from cli_support import cli_json, cli_text, refusal
from pypdf import PdfReader

from ldn_desk.desk import Desk, FromLadder, LiquidForm, PlanRequest
from ldn_desk.documents.info import HandoutInfo
from ldn_desk.errors import InputError
from ldn_desk.plans.saved import request_from_json, request_to_json

START = dt.date(2026, 3, 1)
# Rungs of 14 days: 0.1 mg days 1–14, 0.25 mg 15–28, 0.5 mg 29–42, 1 mg 43–56, 1.5 mg from 57.
LADDER = FromLadder((0.1, 0.25, 0.5, 1.0, 1.5), 14)
SPLIT = LiquidForm(0.1, switch_mg_per_ml=1.0, switch_day=43)
INFO = HandoutInfo(
    patient="Ann Example", date=dt.date(2026, 2, 27), prescriber="Dr B", contact="020 7946 0000"
)
STANDARD = ["schedule", "--protocol", "standard", "--start-date", "2026-03-01", "--days", "112"]


def ladder_outcome(days: int | None = None):  # type: ignore[no-untyped-def]
    return Desk().plan(PlanRequest(LADDER, START, form=SPLIT, supply_days=days, advise=False))


def test_steps_from_the_switch_day_are_measured_from_the_second_strength() -> None:
    outcome = ladder_outcome()
    liquid = outcome.liquid
    assert liquid is not None
    # 0.1 mg/mL: 0.1 mg = 1 mL, 0.25 mg = 2.5 mL, 0.5 mg = 5 mL; then 1 mg/mL: 1 mg = 1 mL, 1.5 mg = 1.5 mL
    assert [m.dose.strength_mg_per_ml for m in liquid.measures] == [0.1, 0.1, 0.1, 1.0, 1.0]
    assert [m.volume_text for m in liquid.measures] == ["1 mL", "2.5 mL", "5 mL", "1 mL", "1.5 mL"]
    assert liquid.all_precise
    switch = liquid.switch
    assert switch is not None and switch.day == 43 and liquid.switch_step == 3
    # day 43 of a plan starting 1 March 2026 is 12 April 2026 (31 − 1 + 1 = 31 days to 31 March, 12 more)
    assert switch.callout("12 April 2026") == (
        "From 12 April 2026 you use a NEW bottle: 1 mg/mL. Your dose in mL changes from 5 mL to 1 mL."
    )
    assert liquid.strengths_text == "0.1 mg/mL to day 42, then 1 mg/mL from day 43"
    cautions = [a.text for a in outcome.alerts if "NEW bottle" in a.text]
    assert cautions and "From 12 April 2026 (day 43)" in cautions[0] and "from 5 mL to 1 mL" in cautions[0]


def test_supply_is_per_strength_and_no_bottle_holds_both() -> None:
    supply = ladder_outcome(70).supply
    assert supply is not None and supply.switch_day == 43
    for fill in supply.fills:
        assert fill.strength_mg_per_ml == (0.1 if fill.to_day < 43 else 1.0)
        assert fill.from_day >= 43 or fill.to_day <= 42  # never across the switch
    first = supply.fills[0]
    # days 1–14 of 0.1 mg at 0.1 mg/mL: 1.4 mg = 14 mL of doses
    assert (first.from_day, first.to_day, first.volume_ml) == (1, 14, 14.0)
    after = next(f for f in supply.fills if f.from_day == 43)
    # days 43–56 of 1 mg at 1 mg/mL: 14 mg = 14 mL
    assert (after.to_day, after.volume_ml) == (56, 14.0)
    low, high = supply.strengths
    # 0.1 mg/mL: 14 × (0.1 + 0.25 + 0.5) = 11.9 mg; 1 mg/mL: 14 × 1 + 14 × 1.5 = 35 mg (days 43–70)
    assert (low.strength_mg_per_ml, low.total_mg) == (0.1, 11.9)
    assert (high.strength_mg_per_ml, high.total_mg) == (1.0, 35)
    assert low.total_mg + high.total_mg == supply.total_mg


def test_a_supply_that_ends_before_the_switch_has_one_strength() -> None:
    supply = ladder_outcome(28).supply
    assert supply is not None
    assert {f.strength_mg_per_ml for f in supply.fills} == {0.1}


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (50, "falls inside the 1 mg step (days 43–56)"),
        (1, "the second bottle starts after the first step"),
    ],
)
def test_a_switch_inside_a_step_is_refused_naming_the_step_days(day: int, why: str) -> None:
    form = LiquidForm(0.1, switch_mg_per_ml=1.0, switch_day=day)
    with pytest.raises(InputError) as refused:
        Desk().plan(PlanRequest(LADDER, START, form=form, advise=False))
    assert refused.value.field == "switch day"
    assert why in str(refused.value)
    assert "5 mg/mL from day 57" in str(refused.value)  # a valid example: the last step's first day


def test_a_switch_needs_the_first_strength_and_another_strength() -> None:
    with pytest.raises(InputError, match="needs the strength the plan starts with"):
        LiquidForm(None, switch_mg_per_ml=1.0, switch_day=43)
    with pytest.raises(InputError, match="is the strength the plan starts with"):
        Desk().plan(PlanRequest(LADDER, START, form=LiquidForm(1.0, "water", 1.0, 43), advise=False))


def test_a_saved_plan_keeps_its_second_strength() -> None:
    request = PlanRequest(LADDER, START, form=SPLIT, advise=False)
    data = request_to_json(request)
    assert request_from_json(data) == request
    plain = PlanRequest(LADDER, START, form=LiquidForm(1.0), advise=False)
    assert "switch_day" not in request_to_json(plain)["form"]  # one strength writes as before


def test_handout_shows_each_bottle_and_calls_out_the_change() -> None:
    pdf = Desk().handout_pdf(ladder_outcome(), INFO)
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    first = pages[0]
    assert "CHANGE OF BOTTLE ON 12 APRIL 2026" in first
    assert (
        "From 12 April 2026 you use a NEW bottle: 1 mg/mL. Your dose in mL changes from 5 mL to 1 mL."
        in first
    )
    text = " ".join(pages)
    # the table's measuring steps name the bottle; the first from the new one says NEW
    assert "Draw up 5 mL from the 0.1 mg/mL bottle" in text
    assert "Draw up 1 mL from the NEW 1 mg/mL bottle" in text
    assert "Draw up 1.5 mL from the 1 mg/mL bottle" in text
    # the bottle table names each strength; the calendar marks the day; the supplies per strength
    assert "NEW: 1 mg/mL" in text
    assert "NEW BOTTLE 1 mg/mL" in text
    assert "In all: 0.1 mg/mL:" in text and "; 1 mg/mL:" in text


def test_schedule_json_and_text_show_the_switch(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*STANDARD, "--liquid", "1 mg/mL", "--switch-strength", "5 mg/mL from day 29"]
    payload = cli_json(argv, capsys)
    # Standard: 1.5 mg days 1–14, 3 mg 15–28 at 1 mg/mL (1.5 mL, 3 mL); 4.5 mg from 29 at 5 mg/mL:
    # 4.5 / 5 = 0.9 mL
    assert [s["strength_mg_per_ml"] for s in payload["steps"]] == [1, 1, 5]
    assert [s["volume_ml_text"] for s in payload["steps"]] == ["1.5 mL", "3 mL", "0.9 mL"]
    switch = payload["switch"]
    assert (switch["day"], switch["date"], switch["from_mg_per_ml"], switch["to_mg_per_ml"]) == (
        29, "2026-03-29", 1, 5,
    )  # fmt: skip
    assert switch["text"] == (
        "From 29 March 2026 you use a NEW bottle: 5 mg/mL. Your dose in mL changes from 3 mL to 0.9 mL."
    )
    # 1 mg/mL: days 1–14 21 mL + 2 mL overage (5 % is 1.05, under the 2 mL floor) = 23 mL;
    # days 15–28 42 mL + 2.1 mL (5 %) = 44.1 mL, up to a whole mL 45 mL: 68 mL. 5 mg/mL: 6 fills of
    # 14 × 4.5 mg = 63 mg = 12.6 mL + 2 mL = 14.6 mL, up to a whole mL 15 mL each, 90 mL in all.
    low, high = payload["strengths"]
    assert (low["bottles"], low["dispensed_ml"], low["total_mg"]) == (2, 68, 63)
    assert (high["bottles"], high["dispensed_ml"], high["total_mg"]) == (6, 90, 378)
    assert [f["strength_mg_per_ml"] for f in payload["fills"]] == [1, 1, 5, 5, 5, 5, 5, 5]
    text = cli_text(argv, capsys)
    assert "Liquid 1 mg/mL to day 28, then 5 mg/mL from day 29." in text
    assert "CHANGE OF STRENGTH: From 29 March 2026 you use a NEW bottle: 5 mg/mL." in text
    assert "0.9 mL with the 1 mL syringe (0.01 mL marks) (from the 5 mg/mL bottle)" in text


def test_one_strength_json_has_no_switch(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json([*STANDARD, "--liquid", "1 mg/mL"], capsys)
    assert payload["switch"] is None
    assert [s["strength_mg_per_ml"] for s in payload["steps"]] == [1, 1, 1]


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--switch-strength", "5 mg/mL from day 29"], "needs --liquid"),
        (["--liquid", "1 mg/mL", "--switch-strength", "5 mg/mL day 29"], "STRENGTH from day N"),
        (["--liquid", "1 mg/mL", "--switch-strength", "5 mg from day 29"], "needs a strength (mg/mL)"),
        (["--liquid", "1 mg/mL", "--switch-strength", "5 mg/mL from day 30"], "falls inside the 4.5 mg step"),
    ],
)
def test_switch_option_refusals_name_the_option(
    extra: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal([*STANDARD, *extra], capsys)
    assert "--switch-strength" in line and says in line


def test_handout_command_takes_the_switch(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "h.pdf"
    argv = [*STANDARD, "--liquid", "1 mg/mL", "--switch-strength", "5 mg/mL from day 29"]
    argv[0] = "handout"
    payload = cli_json(
        [*argv, "--patient", "Ann Example", "--contact", "020 7946 0000", "-o", str(out)], capsys
    )
    assert any("NEW bottle: 5 mg/mL" in w for w in payload["warnings"])
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(out)).pages)
    assert "Your dose in mL changes from 3 mL to 0.9 mL." in text
