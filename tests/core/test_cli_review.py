"""ldn-desk review and ldn-desk calendar: the same rules as the facade, refusals naming the option.

The plan is the standard protocol from 1 December 2026 at 1 mg/mL: 1.5 mg weeks 1–2, 3 mg weeks
3–4, 4.5 mg from week 5; review 26 January 2027 (resources/protocols.toml).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from ldn_desk.desk import Desk, FromProtocol, LiquidForm, PlanRequest
from ldn_desk.paths import log_path
from ldn_desk.store import Store
from tests.core.cli_support import cli_json, cli_text, refusal

START = dt.date(2026, 12, 1)
DESK = Desk()


@pytest.fixture
def plan_id() -> int:
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))
    with Store.open(log_path(None), create=True) as store:
        return store.save_plan("Ann Lee", DESK.plan_document(DESK.plan(request))).plan_id


def test_diary_weeks_by_the_command_line_give_the_facades_summary(
    plan_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_json(["review", "add", str(plan_id), "--week", "1", "--pain", "7", "--sleep", "poor"], capsys)
    cli_json(["review", "add", str(plan_id), "--week", "2", "--pain", "6", "--sleep", "fair"], capsys)
    shown = cli_json(
        ["review", "add", str(plan_id), "--week", "4", "--pain", "4", "--notes", "vivid dreams"], capsys
    )
    assert shown["version"] == 4 and shown["change"] == "diary week 4"
    by_dose = {row["dose"]: row for row in shown["by_dose"]}
    # 1.5 mg: pain (7 + 6) / 2 = 6.5 over 2 weeks; sleep (3 poor + 2 fair) / 2 = 2.5; 3 mg: week 4 alone.
    assert by_dose["1.5 mg"]["means"]["pain"] == {"mean": 6.5, "n": 2}
    assert by_dose["1.5 mg"]["means"]["sleep"] == {"mean": 2.5, "n": 2}
    assert by_dose["3 mg"]["weeks"] == [4] and by_dose["3 mg"]["means"]["sleep"] == {"mean": None, "n": 0}
    weeks = {week["week"]: week for week in shown["weeks"]}
    assert not weeks[3]["written"] and weeks[4]["notes"] == "vivid dreams"
    # The facade, asked directly, says the same.
    with Store.open(log_path(None)) as store:
        review = DESK.open_review(store, plan_id)
    assert [(row.dose_text, row.means["pain"].value) for row in review.summary] == [
        ("1.5 mg", 6.5),
        ("3 mg", 4),
    ]
    text = cli_text(["review", "show", str(plan_id)], capsys)
    assert "Week 3 (3 mg): not written" in text and "descriptive only" in text
    assert "1.5 mg (weeks 1, 2): pain 6.5" in text and "3 mg (week 4): pain 4" in text


@pytest.mark.parametrize(
    ("extra", "option"),
    [
        (["--week", "13", "--pain", "5"], "--week"),
        (["--week", "2", "--pain", "11"], "--pain"),
        (["--week", "2", "--sleep", "okay"], "--sleep"),
        (["--week", "2"], "--week"),
        (["--week", "2", "--notes", "took .5 mg"], "--notes"),
    ],
)
def test_bad_diary_weeks_are_refused_naming_the_option(
    plan_id: int, extra: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(["review", "add", str(plan_id), *extra], capsys)
    assert line.startswith(f"ldn-desk: {option}:"), line
    assert "e.g." in line


def test_the_decision_by_the_command_line_and_its_summary(
    plan_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_json(["review", "add", str(plan_id), "--week", "6", "--pain", "6"], capsys)
    decided = cli_json(
        ["review", "decide", str(plan_id), "--decision", "halve", "--reason", "vivid dreams at 4.5 mg",
         "--prescriber", "Dr A. Khan", "--date", "2027-01-26"],
        capsys,
    )  # fmt: skip
    assert decided["change"] == "review: halve"
    decision = decided["decision"]
    assert decision["kind"] == "halve" and decision["prescriber_verified"] is False
    # Half of 4.5 mg is 2.25 mg, then up by the plan's rise of 1.5 mg: 3.75 mg, then 4.5 mg (the target).
    assert decision["next_phase"] == [
        "2.25 mg daily at bedtime", "3.75 mg daily at bedtime", "4.5 mg daily at bedtime",
    ]  # fmt: skip
    assert [h["change"] for h in decided["history"]] == ["created", "diary week 6", "review: halve"]
    out = tmp_path / "review.pdf"
    written = cli_json(["review", "summary", str(plan_id), "-o", str(out), "--date", "2027-01-26"], capsys)
    assert written["file"] == str(out)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Halve the dose and climb again (26 January 2027)" in text and "6 (n=1)" in text


@pytest.mark.parametrize(
    ("extra", "option"),
    [
        (["--decision", "pause", "--reason", "x", "--prescriber", "Dr K"], "--decision"),
        (["--decision", "continue", "--reason", " ", "--prescriber", "Dr K"], "--reason"),
        (["--decision", "continue", "--reason", "ok", "--prescriber", "Dr K", "--to", "6 mg"], "--to"),
        (
            ["--decision", "step-back", "--reason", "ok", "--prescriber", "Dr K", "--date", "2026-11-01"],
            "--date",
        ),
    ],
)
def test_bad_decisions_are_refused_naming_the_option(
    plan_id: int, extra: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(["review", "decide", str(plan_id), *extra], capsys)
    assert line.startswith(f"ldn-desk: {option}:"), line
    with Store.open(log_path(None)) as store:
        assert len(store.plan_history(plan_id)) == 1


def test_calendar_takes_the_schedules_plan_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.ics"
    argv = ["calendar", "--protocol", "standard", "--liquid", "1 mg/mL", "--start-date", "2026-12-01"]
    written = cli_json([*argv, "-o", str(out)], capsys)
    assert written["events"] == 4  # three doses and the review
    events = [
        (e.decoded("dtstart"), str(e["summary"])) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    ]
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0), advise=False)
    direct = Calendar.from_ical(DESK.plan_calendar(DESK.plan(request)))
    assert events == [(e.decoded("dtstart"), str(e["summary"])) for e in direct.walk("VEVENT")]
    # The schedule's edits apply too: hold day 15's 3 mg for 7 more days moves 4.5 mg to day 36.
    cli_json([*argv, "--hold", "15:7 days", "-o", str(out)], capsys)
    starts = [e.decoded("dtstart") for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    assert starts[2] == START + dt.timedelta(days=35)
    daily = cli_json([*argv, "--every-day", "-o", str(out)], capsys)
    assert daily["events"] == 57 + 1  # days 1 to 57, and the review


@pytest.mark.parametrize(
    ("extra", "option"),
    [
        (["-o", "plan.txt"], "--output"),
        (["--liquid", "1 mg/mL", "--protocol", "nope", "-o", "p.ics"], "--protocol"),
    ],
)
def test_calendar_refusals_name_the_option(
    extra: list[str],
    option: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["calendar", *(["--protocol", "standard"] if "--protocol" not in extra else []), *extra]
    line = refusal(argv, capsys)
    assert line.startswith(f"ldn-desk: {option}:"), line
    assert not list(tmp_path.iterdir())


def test_the_next_phase_prints_from_the_saved_plan(
    plan_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decide = [
        "review",
        "decide",
        str(plan_id),
        "--reason",
        "vivid dreams",
        "--prescriber",
        "Dr K",
        "--date",
        "2027-01-26",
    ]
    cli_json([*decide, "--decision", "step-back"], capsys)
    out = tmp_path / "next.pdf"
    written = cli_json(
        ["review", "handout", str(plan_id), "-o", str(out), "--clinic", "North Clinic"], capsys
    )
    assert written["document"] == "handout" and written["version"] == 2
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    # The patient's name comes from the saved plan; the next phase is 3 mg, 3 mL of 1 mg/mL.
    assert "Ann Lee" in text and "3 mL" in text and "26 January 2027" in text
    ics = tmp_path / "next.ics"
    events = cli_json(["review", "calendar", str(plan_id), "-o", str(ics)], capsys)
    assert events["events"] == 2  # the held 3 mg, and the next review
    summaries = [str(e["summary"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert summaries[0] == "LDN: Take 3 mL (3 mg) at bedtime"
    assert b"Ann" not in ics.read_bytes()
    cli_json([*decide, "--decision", "stop"], capsys)
    line = refusal(["review", "handout", str(plan_id), "-o", str(tmp_path / "again.pdf")], capsys)
    assert "stopped" in line and not (tmp_path / "again.pdf").exists()
