"""Random text in every option of ldn-desk liquid, capsules and dose: exit 0 with safe, consistent
JSON, or exit 2 with one line naming the option — never a traceback."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest
from cli_support import assert_safe_lines, assert_safe_text, fuzz_run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldn_desk.cli import EXIT_OK, main
from ldn_desk.recipes.liquid.glassware import make_up_measure
from ldn_desk.recipes.weighing import balance_for
from ldn_desk.reference.syringes import syringe_table
from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- what a person might type -----------------------------------------------------------------

# fmt: off
_ODD_NUMBERS = [
    "0", "0.5", ".5", "1.", "1", "1.0", "1.5", "4.5", "4,5", "1,000", "-1", "+1", "−2", "1e3", "1e-300",
    "99999999999999999999999", "0.0000000001", "123456789", "½", "１", "٣", "0x10", "nan", "inf", "1/2",
    "2*3", "",
]
_UNIT_WORDS = [
    "", "mg", "MG", "mcg", "ug", "µg", "μg", "g", "kg", "mL", "ml", "mls", "L", "cc", "mg/mL", "mg / ml",
    "mcg/mL", "mg/L", "g/mL", "%", "percent", "days", "tablets", "mg/tab", "mL/mg",
]
# fmt: on
_NUMBERS = st.one_of(
    st.sampled_from(_ODD_NUMBERS),
    st.integers(min_value=0, max_value=10**6).map(str),
    st.decimals(min_value=0, max_value=10_000, places=3, allow_nan=False).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
_UNITS = st.sampled_from(_UNIT_WORDS)
_SPACES = st.sampled_from(["", " ", "  ", "\t", "\u00a0"])
AMOUNTS = st.builds(lambda n, s, u: f"{n}{s}{u}", _NUMBERS, _SPACES, _UNITS)
NOISE = st.one_of(
    st.just(""), st.text(max_size=24), AMOUNTS, st.sampled_from(["\n", "1 mg\n2 mg", "mg", "--"])
)


def _plausible(low: float, high: float, units: list[str], places: int = 3) -> st.SearchStrategy[str]:
    """An amount a person could mean: a plain decimal in range, a space or none, a unit word."""
    number = st.decimals(
        min_value=Decimal(str(low)),
        max_value=Decimal(str(high)),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )
    return st.builds(
        lambda n, s, u: f"{n.normalize():f}{s}{u}",
        number,
        st.sampled_from(["", " ", " "]),
        st.sampled_from(units),
    )


def _or_default(good: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), good)


@st.composite
def _options(draw: st.DrawFn, good: Mapping[str, st.SearchStrategy[str | None]]) -> dict[str, str | None]:
    """Plausible values in every option but up to two, which get any text at all: most examples
    make a recipe that is then checked, the rest must be refused on one line."""
    noisy = draw(st.sets(st.sampled_from(sorted(good)), max_size=2))
    return {name: draw(NOISE if name in noisy else strategy) for name, strategy in good.items()}


DATES = st.one_of(
    st.sampled_from(
        ["2026-12-01", "2024-02-29", "2026-02-29", "2026-13-01", "01/12/2026", "2026-1-1", "9999-12-31"]
    ),
    st.dates().map(lambda d: d.isoformat()),
)


def _argv(command: str, options: dict[str, str | None]) -> list[str]:
    # "--name=value" so that text beginning with "-" is read as the option's value.
    return [command, "--json", *(f"{name}={value}" for name, value in options.items() if value is not None)]


# The option a refusal starts with (argparse's own messages name theirs too).
_NAMED = re.compile(
    r"^ldn-desk: (?:--[a-z-]+:|the following arguments|argument --[a-z-]+:|unrecognized arguments:)"
)


def _outcome(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any] | None:
    out = fuzz_run(argv, capsys, _NAMED)
    if out is None:
        return None
    payload: dict[str, Any] = json.loads(out)
    assert_safe_text(payload)
    # The human text of the same recipe obeys the same rules, line by line.
    assert main([arg for arg in argv if arg != "--json"]) == EXIT_OK
    assert_safe_lines(capsys.readouterr().out)
    return payload


def _close(a: float, b: float, *, abs_tol: float = 2e-6) -> bool:
    # JSON numbers are rounded to 6 decimal places, so allow that much besides float noise.
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=abs_tol)


# --- ldn-desk liquid --------------------------------------------------------------------------

LIQUID = {
    "--strength": st.one_of(
        st.sampled_from(["1 mg/mL", "5 mg/mL", "0.5 mg/mL", "0.1 mg/mL", "0.2 mg/mL", "2.5 mg/mL"]),
        _plausible(0.005, 120, ["mg/mL", "mg/ml", "mg / mL"]),
        _plausible(5, 5000, ["mcg/mL", "mg/L"], places=0),
    ),
    "--volume": st.one_of(
        st.sampled_from(["100 mL", "30 mL", "50 mL", "60 mL", "7 mL", "1999 mL"]),
        _plausible(0.5, 2500, ["mL", "ml"], places=2),
        _plausible(0.01, 2.5, ["L"], places=2),
    ),
    "--compounded": _or_default(st.just("2026-12-01")),
    "--source": _or_default(st.sampled_from(["tablets", "powder", "Powder", " tablets "])),
    "--tablet-strength": _or_default(st.one_of(st.just("50 mg"), _plausible(1, 200, ["mg"], places=1))),
    "--formula": _or_default(st.sampled_from(["water", "fawcett_1997", "FAWCETT_1997"])),
    "--potency": _or_default(_plausible(89, 111, ["%", ""], places=2)),
    "--water": _or_default(_plausible(0, 21, ["%", ""], places=2)),
    "--salt": _or_default(st.sampled_from(["HCl", "base", "hcl"])),
    "--balance-mwq": _or_default(st.one_of(st.just("120 mg"), _plausible(1, 1000, ["mg"], places=1))),
}


def check_liquid(options: dict[str, str | None], capsys: pytest.CaptureFixture[str]) -> None:
    payload = _outcome(_argv("liquid", options), capsys)
    if payload is None:
        return
    strength_mg_per_ml = payload["concentration_mg_per_ml"]
    batch_ml = payload["batch_volume_ml"]
    drug_mg = payload["naltrexone_hcl_mg"]
    # Mass balance: the drug in the batch is its strength times its volume.
    assert _close(drug_mg, strength_mg_per_ml * batch_ml, abs_tol=1e-5), payload
    assert batch_ml >= payload["wanted_volume_ml"] - 1e-6
    dilution = payload["dilution"]
    if payload["source"] == "tablets":
        tablet_mg = payload["tablet_strength_mg"]
        assert payload["tablets"] >= 1
        assert payload["suspension"] is True
        if dilution is None:
            # One step: the fewest whole tablets that hold the drug for the volume asked for and
            # make a volume on a mark of the cylinder it is made up in.
            wanted_mg = strength_mg_per_ml * payload["wanted_volume_ml"]
            made_mg = payload["tablets"] * tablet_mg
            assert made_mg >= wanted_mg * (1 - 1e-9) - 1e-6
            assert make_up_measure(batch_ml, suspension=True) is not None, payload
            fewer = range(math.ceil(wanted_mg / tablet_mg - 1e-9), payload["tablets"])
            assert all(
                make_up_measure(k * tablet_mg / strength_mg_per_ml, suspension=True) is None for k in fewer
            )
            assert _close(made_mg, drug_mg)
        else:
            assert _close(dilution["stock_hcl_mg"], payload["tablets"] * tablet_mg)
    else:
        assert payload["tablets"] == 0
        assert payload["weigh_powder_mg"] > 0
    if dilution is not None:
        # The stock measured into the batch carries exactly the batch's drug.
        assert _close(dilution["aliquot_ml"] * dilution["stock_mg_per_ml"], drug_mg, abs_tol=1e-5)
        assert dilution["aliquot_ml"] <= dilution["stock_volume_ml"] + 1e-6
        assert _close(dilution["final_volume_ml"], batch_ml)
    assert payload["bud"] >= payload["compounded"]


@FUZZ
@given(options=_options(LIQUID))
def test_liquid_fuzz(options: dict[str, str | None], capsys: pytest.CaptureFixture[str]) -> None:
    check_liquid(options, capsys)


@pytest.mark.parametrize(
    "options",
    [
        {"--strength": "1 mg/mL", "--volume": "100 mL"},
        {
            "--strength": "0.01 mg/mL",
            "--volume": "2000 mL",
            "--source": "powder",
            "--formula": "fawcett_1997",
            "--potency": "90 %",
            "--water": "19.99 %",
            "--salt": "base",
            "--balance-mwq": "1000 mg",
        },
        {"--strength": "abc\ndef", "--volume": "100 mL"},  # a pasted newline stays on one line
        {"--strength": "1 mg/mL", "--volume": "\t"},
        # The last days of the calendar leave no room for a beyond-use date: refused, not a crash.
        {"--strength": "1 mg/mL", "--volume": "100 mL", "--compounded": "9999-12-31"},
        {
            "--strength": "1 mg/mL",
            "--volume": "100 mL",
            "--compounded": "9999-11-30",
            "--formula": "fawcett_1997",
        },
    ],
)
def test_liquid_examples(options: dict[str, str | None], capsys: pytest.CaptureFixture[str]) -> None:
    check_liquid(options, capsys)


# --- ldn-desk capsules ------------------------------------------------------------------------

CAPSULES = {
    "--strength": st.one_of(
        st.sampled_from(["4.5 mg", "1.5 mg", "0.5 mg", "3 mg", "0.1 mg", "250 mcg", "9.5 mg"]),
        _plausible(0.01, 11, ["mg"]),
        _plausible(10, 5000, ["mcg"], places=0),
    ),
    "--count": st.one_of(st.sampled_from(["30", "60", "90"]), st.integers(1, 10_001).map(str)),
    "--size": _or_default(st.sampled_from(["000", "00", "0", "1", "2", "3", "4", "5", " 3"])),
    "--excipient": _or_default(st.sampled_from(["mcc", "lactose", "MCC"])),
    "--extra": _or_default(st.integers(1, 20).map(str)),
    "--calibrated-fill": _or_default(_plausible(20, 1500, ["mg"], places=1)),
    "--drug-density": _or_default(_plausible(0.05, 2, ["g/mL"], places=2)),
    "--potency": _or_default(_plausible(89, 111, ["%", ""], places=2)),
    "--water": _or_default(_plausible(0, 21, ["%", ""], places=2)),
    "--salt": _or_default(st.sampled_from(["HCl", "base", "BASE"])),
    "--balance-mwq": _or_default(st.one_of(st.just("120 mg"), _plausible(1, 1000, ["mg"], places=1))),
    "--compounded": _or_default(DATES),
}


def _percent(text: str | None, default: float) -> float:
    if text is None:
        return default
    return magnitude(parse_quantity(text, Kind.PERCENT, "percent", allow_zero=True), "percent")


def check_capsules(options: dict[str, str | None], capsys: pytest.CaptureFixture[str]) -> None:
    payload = _outcome(_argv("capsules", options), capsys)
    if payload is None:
        return
    made = payload["capsules"]
    assert made == payload["count"] + payload["extra"] and payload["extra"] >= 1
    fill = payload["fill_per_capsule_mg"]
    # Mass balance: powder and filler weighed are exactly the fill of every capsule made.
    assert _close(payload["api_mg"] + payload["excipient_mg"], made * fill, abs_tol=1e-4)
    # (powder per capsule is rounded to 6 places in JSON, an error that grows with the count)
    assert _close(payload["api_mg"], made * payload["powder_per_capsule_mg"], abs_tol=made * 1e-6)
    assert payload["excipient_per_capsule_mg"] > 0
    # Powder per capsule = strength × salt factor ÷ (assay × (1 − water)); base is 0.9035 of HCl.
    salt_factor = 0.9035 if payload["powder"] == "naltrexone base powder" else 1
    potency, water = _percent(options.get("--potency"), 100), _percent(options.get("--water"), 0)
    wanted = payload["strength_mg"] * salt_factor / (potency / 100 * (1 - water / 100))
    assert _close(payload["powder_per_capsule_mg"], wanted, abs_tol=1e-6)
    qc = payload["qc"]
    assert _close(qc["each_low_mg"], fill * 0.9) and _close(qc["each_high_mg"], fill * 1.1)
    assert _close(qc["average_low_mg"], fill * 0.97) and _close(qc["average_high_mg"], fill * 1.03)
    aliquot = payload["aliquot"]
    mwq = options.get("--balance-mwq")
    mwq_mg = 120.0 if mwq is None else magnitude(parse_quantity(mwq, Kind.MASS, "mwq"), "mg")
    assert (aliquot is not None) == (payload["api_mg"] < mwq_mg)
    if aliquot is not None:
        # Every weighing at or above the balance's minimum, and the portion holds the batch's powder.
        for key in ("weigh_api_mg", "diluent_mg", "take_mg"):
            assert aliquot[key] >= mwq_mg * (1 - 1e-9) - 1e-6, (key, aliquot)
        # The portion is read on the balance, so it holds the powder to within one balance step of
        # mixture (exactly, where a total within the raise allowed makes the portion whole).
        held = aliquot["take_mg"] * aliquot["weigh_api_mg"] / aliquot["dilute_to_mg"]
        share = aliquot["weigh_api_mg"] / aliquot["dilute_to_mg"]
        if aliquot["stages"] == 2:  # the first mixture's part P1 of T1 was diluted again
            held *= aliquot["first_take_mg"] / aliquot["first_total_mg"]
            share *= aliquot["first_take_mg"] / aliquot["first_total_mg"]
            assert aliquot["first_take_mg"] >= mwq_mg * (1 - 1e-9) - 1e-6, aliquot
        # The portion is read on the balance: it holds the powder to within one balance step of mixture.
        assert abs(held - payload["api_mg"]) <= balance_for(mwq_mg).readability_mg * share + 1e-4
        assert aliquot["take_mg"] <= payload["batch_fill_mg"] * (1 + 1e-9)


@FUZZ
@given(options=_options(CAPSULES))
def test_capsules_fuzz(options: dict[str, str | None], capsys: pytest.CaptureFixture[str]) -> None:
    check_capsules(options, capsys)


@pytest.mark.parametrize(
    "options",
    [
        {"--strength": "4.5 mg", "--count": "30", "--size": "1"},
        {"--strength": "4.5 mg", "--count": "30", "--compounded": "9999-12-31"},
        {"--strength": "0.001 mg", "--count": "30", "--size": "3"},
        # 1 + 1 size 5 capsules hold 78 mg in all, less than a 1,000 mg aliquot portion: refused,
        # naming the option to change.
        {"--strength": "9.5 mg", "--count": "1", "--size": "5", "--balance-mwq": "1 g"},
        {"--strength": "9.5 mg", "--count": "30", "--size": "5", "--drug-density": "0.05 g/mL"},
    ],
)
def test_capsules_examples(options: dict[str, str | None], capsys: pytest.CaptureFixture[str]) -> None:
    check_capsules(options, capsys)


# --- ldn-desk dose ----------------------------------------------------------------------------

_SYRINGES = [(row.capacity_ml, row.graduation_ml) for row in syringe_table().syringe]

DOSE = {
    "--dose": st.one_of(
        st.sampled_from(["1.5 mg", "4.5 mg", "0.5 mg", "0.1 mg", "1.25 mg", "3 mg", "100 mcg", "12 mg"]),
        _plausible(0.001, 12, ["mg"]),
        _plausible(1, 5000, ["mcg"], places=0),
    ),
    "--strength": st.one_of(
        st.sampled_from(["1 mg/mL", "5 mg/mL", "0.5 mg/mL", "0.1 mg/mL", "2 mg/mL", "0.3 mg/mL"]),
        _plausible(0.01, 100, ["mg/mL"]),
    ),
}
SYRINGE_OPTIONS = st.one_of(
    st.just({}),
    st.sampled_from([("1 mL", "0.01 mL"), ("3 mL", "0.1 mL"), ("5 mL", "0.1 mL"), ("10 mL", "0.5 mL")]).map(
        lambda pair: {"--syringe-size": pair[0], "--graduation": pair[1]}
    ),
    st.builds(
        lambda size, graduation: {"--syringe-size": size, "--graduation": graduation},
        _plausible(0.5, 60, ["mL"], places=1),
        _plausible(0.01, 1, ["mL"], places=2),
    ),
    st.builds(
        lambda size, graduation: {"--syringe-size": size, "--graduation": graduation},
        st.one_of(st.none(), NOISE),
        st.one_of(st.none(), NOISE),
    ),
)


def _marks(volume_ml: float, graduation_ml: float) -> bool:
    count = volume_ml / graduation_ml
    return count >= 1 - 1e-9 and math.isclose(count, round(count), rel_tol=1e-9, abs_tol=1e-6)


def check_dose(options: dict[str, str | None], capsys: pytest.CaptureFixture[str]) -> None:
    payload = _outcome(_argv("dose", options), capsys)
    if payload is None:
        return
    volume = payload["volume_ml"]
    # Mass balance: volume × strength is the dose (JSON rounds each number to 6 places).
    slack = 5e-7 * (payload["strength_mg_per_ml"] + volume) + 1e-6 + 1e-9 * payload["dose_mg"]
    assert abs(volume * payload["strength_mg_per_ml"] - payload["dose_mg"]) <= slack
    if payload["measurable"]:
        capacity, step = payload["syringe_ml"], payload["graduation_ml"]
        assert volume <= capacity * (1 + 1e-9)
        assert _marks(volume, step), payload
        # What is printed is what is measured.
        assert math.isclose(float(payload["volume_ml_text"].split()[0].replace(",", "")), volume)
        if options.get("--syringe-size") is None:
            # The smallest syringe in the usual set that measures it.
            for other_capacity, other_step in _SYRINGES:
                if (other_capacity, other_step) == (capacity, step):
                    break
                assert not (volume <= other_capacity * (1 + 1e-9) and _marks(volume, other_step)), payload
        assert payload["nearest"] == []
    else:
        assert payload["syringe_ml"] is None
        assert any("calculated volume" in warning for warning in payload["warnings"])
        for option in payload["nearest"]:
            assert _marks(option["volume_ml"], option["graduation_ml"])
            assert _close(
                option["dose_mg"], option["volume_ml"] * payload["strength_mg_per_ml"], abs_tol=1e-5
            )


@FUZZ
@given(options=_options(DOSE), syringe=SYRINGE_OPTIONS)
def test_dose_fuzz(
    options: dict[str, str | None], syringe: dict[str, str | None], capsys: pytest.CaptureFixture[str]
) -> None:
    check_dose({**options, **syringe}, capsys)


@pytest.mark.parametrize(
    "options",
    [
        {"--dose": "1.25 mg", "--strength": "1 mg/mL"},
        {"--dose": "4.5 mg", "--strength": "1 mg/mL", "--syringe-size": "5 mL", "--graduation": "0.1 mL"},
        {"--dose": "0.001 mg", "--strength": "100 mg/mL"},
        {"--dose": "1 mg", "--strength": "1 mg/mL", "--syringe-size": "3 mL\n", "--graduation": None},
    ],
)
def test_dose_examples(options: dict[str, str | None], capsys: pytest.CaptureFixture[str]) -> None:
    check_dose(options, capsys)
