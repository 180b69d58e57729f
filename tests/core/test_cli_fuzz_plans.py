"""Odd text in every option of ldn-desk schedule and handout: exit 0 with safe text, or exit 2 with
one line on stderr naming the option — never a traceback."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from cli_support import assert_safe_lines, assert_safe_text, fuzz_run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli_fuzz import DATES, NOISE, _plausible

FUZZ = settings(
    max_examples=int(os.environ.get("LDN_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_PROTOCOLS = ["standard", "gentle", "weekly_1mg", "weekly_0_5mg", "sensitive", "dysautonomia", "ms_norway"]
_MASS = st.one_of(
    st.sampled_from(["0.5 mg", "1 mg", "1.5 mg", "4.5 mg", "250 mcg", "0.0000001 mg", "12 mg", "6 mg"]),
    _plausible(0.001, 11, ["mg"]),
)
_LIST = st.one_of(
    st.lists(_MASS, min_size=1, max_size=5).map(", ".join),
    st.sampled_from(["0.1 mg, 0.25 mg, 0.5 mg", "1 mg,2 mg", "1.25 mg", "1 mg, , 2 mg", ""]),
)
_DAYS = st.one_of(
    st.sampled_from(["7 days", "14 days", "1 day", "0 days", "1.5 days", "366 days", "2 weeks", "14"]),
    st.integers(1, 400).map(lambda n: f"{n} days"),
)
_COUNT = st.one_of(
    st.sampled_from(["1", "28", "112", "3660", "3661", "0", "-1", "1.5"]), st.integers(1, 400).map(str)
)

# Options of the plan; each mode gives the ones it needs, the rest may stay unset.
PLAN: dict[str, st.SearchStrategy[str]] = {
    "--protocol": st.sampled_from([*_PROTOCOLS, "Standard", "Weekly 1 mg", "fast"]),
    "--start": _MASS,
    "--step": _MASS,
    "--every": _DAYS,
    "--target": _MASS,
    "--ladder": _LIST,
    "--start-date": DATES,
    "--days": _COUNT,
    "--time": st.sampled_from(["bedtime", "morning", "noon"]),
    "--liquid": st.one_of(
        st.sampled_from(["1 mg/mL", "0.5 mg/mL", "0.1 mg/mL", "5 mg/mL"]), _plausible(0.005, 120, ["mg/mL"])
    ),
    "--capsules": st.one_of(st.sampled_from(["1.5 mg, 3 mg", "0.5 mg, 1 mg", "4.5 mg"]), _LIST),
    "--formula": st.sampled_from(["water", "fawcett_1997", "syrup"]),
    "--fill-days": _COUNT,
}
_MODES = [
    ("--protocol",),
    ("--start", "--step", "--every", "--target"),
    ("--ladder", "--every"),
]
_EXTRAS = [
    "--start-date",
    "--days",
    "--time",
    "--liquid",
    "--capsules",
    "--formula",
    "--fill-days",
    "--target",
]

HANDOUT: dict[str, st.SearchStrategy[str]] = {
    "--patient": st.one_of(
        st.sampled_from(["José Müller-Ñúñez", "Ann", "王小明", " "]), st.text(max_size=30)
    ),
    "--prescriber": st.text(max_size=20),
    "--clinic": st.text(max_size=20),
    "--date": DATES,
    "--paper": st.sampled_from(["a4", "letter", "A4", "a5"]),
    "--syringe": st.sampled_from(
        ["5 mL by 0.1 mL", "3 mL by 0.1 mL", "5 mL", "1 mL by 0.3 mL", "10 mL by 1 mL"]
    ),
}

# The option (or, for the plan's own checks, the field it names) a refusal starts with.
_NAMED = re.compile(
    r"^ldn-desk: (?:--[a-z-]+:|argument --[a-z-]+:|the following arguments|unrecognized arguments:|plan:)"
)


@st.composite
def _plan_options(draw: st.DrawFn) -> dict[str, str]:
    """One way of giving the plan with plausible values, a few other options, now and then an
    option of another mode as well; in half the examples up to two options get any text at all."""
    names = list(draw(st.sampled_from(_MODES)))
    names += draw(st.lists(st.sampled_from(_EXTRAS), max_size=3, unique=True))
    if draw(st.integers(0, 9)) == 0:
        names.append(draw(st.sampled_from(sorted(PLAN))))
    names = list(dict.fromkeys(names))
    noisy = draw(st.sets(st.sampled_from(names), max_size=2)) if draw(st.booleans()) else set()
    return {name: draw(NOISE if name in noisy else PLAN[name]) for name in names}


def _argv(command: str, options: dict[str, str]) -> list[str]:
    # "--name=value" so that text beginning with "-" is read as the option's value.
    return [command, *(f"{name}={value}" for name, value in options.items())]


def check_schedule(options: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    out = fuzz_run([*_argv("schedule", options), "--json"], capsys, _NAMED)
    if out is None:
        return
    payload: dict[str, Any] = json.loads(out)
    assert_safe_text(payload)
    calculated = set()
    for step in payload["steps"]:
        if "measurable" in step:
            # A measurable volume is written as it is measured.
            if step["measurable"]:
                assert step["calculated_volume_text"] == step["volume_ml_text"], step
            else:
                calculated.add(step["calculated_volume_text"])
    text = fuzz_run(_argv("schedule", options), capsys, _NAMED)
    assert text is not None
    assert_safe_lines(text)
    # A step that is not measurable shows its calculated volume, never its rounded direction text.
    for shown in re.findall(r"= ([0-9.,]+ mL)(?: by calculation,)? NOT MEASURABLE", text):
        assert shown in calculated, (shown, text)
    assert text.count("NOT MEASURABLE") == text.count("by calculation, NOT MEASURABLE")


@FUZZ
@given(options=_plan_options())
def test_schedule_fuzz(options: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    check_schedule(options, capsys)


@pytest.mark.parametrize(
    "options",
    [
        {"--protocol": "gentle", "--start-date": "9999-12-01"},
        {"--start": "0.0000001 mg", "--step": "5 mg", "--every": "14 days", "--target": "6 mg"},
        {"--ladder": "1.25 mg", "--every": "14 days", "--liquid": "1 mg/mL"},
        {"--protocol": "standard", "--start-date": "9999-10-08", "--days": "3660", "--liquid": "1 mg/mL"},
        {"--ladder": "0.000001 mg, 1 mg", "--every": "1 day", "--capsules": "0.000001 mg, 1 mg"},
        {"--protocol": "standard", "--target": "a\nb"},
        # A one-day fill of 0.01 mL is drawn from a batch large enough to make (once refused as "volume").
        {"--ladder": "0.001 mg", "--every": "7 days", "--liquid": "0.1 mg/mL", "--days": "1"},
    ],
)
def test_schedule_examples(options: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    check_schedule(options, capsys)


@st.composite
def _handout_options(draw: st.DrawFn) -> dict[str, str]:
    options = draw(_plan_options())
    options["--patient"] = draw(HANDOUT["--patient"])
    for name in draw(st.lists(st.sampled_from(sorted(HANDOUT)), max_size=2, unique=True)):
        options[name] = draw(HANDOUT[name])
    return options


def check_handout(options: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "handout.pdf"
    out.unlink(missing_ok=True)
    text = fuzz_run([*_argv("handout", options), "-o", str(out)], capsys, _NAMED)
    if text is None:
        assert not out.exists()
        return
    assert out.read_bytes().startswith(b"%PDF")
    assert_safe_lines(text)


@settings(FUZZ, max_examples=max(1, FUZZ.max_examples // 3))
@given(options=_handout_options())
def test_handout_fuzz(options: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check_handout(options, tmp_path, capsys)


@pytest.mark.parametrize(
    "options",
    [
        {"--protocol": "gentle", "--start-date": "9999-12-01", "--patient": "Ann"},
        {
            "--start": "0.0000001 mg",
            "--step": "5 mg",
            "--every": "14 days",
            "--target": "6 mg",
            "--patient": "A",
        },
        {"--ladder": "1.25 mg", "--every": "14 days", "--liquid": "1 mg/mL", "--patient": "Ann"},
        {"--protocol": "standard", "--liquid": "1 mg/mL", "--patient": "Ann", "--syringe": "5 mL by 0.2 mL"},
    ],
)
def test_handout_examples(
    options: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check_handout(options, tmp_path, capsys)
