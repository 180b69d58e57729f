"""ldn-desk liquid: JSON keys and values, the human recipe, and one-line refusals naming the option."""

from __future__ import annotations

import datetime as dt

import pytest
from cli_support import cli_json, cli_text, refusal

from ldn_desk.cli import COMMANDS

BASE = ["liquid", "--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "2026-12-01"]


def test_liquid_is_registered() -> None:
    assert "liquid" in COMMANDS


def test_one_mg_per_ml_json(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL x 100 mL = 100 mg = 2 x 50 mg tablets; water: 14 days, 1 Dec is Day 1 -> 14 Dec.
    payload = cli_json(BASE, capsys)
    assert payload["tablets"] == 2
    assert payload["naltrexone_hcl_mg"] == 100
    assert payload["naltrexone_hcl_mg_text"] == "100 mg"
    assert payload["batch_volume_ml"] == 100
    assert payload["batch_volume_ml_text"] == "100 mL"
    assert payload["concentration_mg_per_ml"] == 1
    assert payload["concentration_mg_per_ml_text"] == "1 mg/mL"
    assert payload["bud"] == "2026-12-14"
    assert "Refrigerate" in payload["storage"]
    assert "USP <795>" in payload["bud_basis"]
    assert payload["formula"] == "water"
    assert payload["weigh_powder_mg"] is None
    assert payload["dilution"] is None
    assert payload["auxiliary_labels"][0] == "Shake well before use"
    assert isinstance(payload["steps"], list)
    assert all(isinstance(step, str) for step in payload["steps"])
    assert payload["warnings"] == []


def test_every_quantity_has_a_text_sibling(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json(["liquid", "--strength", "0.1 mg/mL", "--volume", "100 mL"], capsys)
    for block in (payload, payload["dilution"]):
        for key, value in block.items():
            if key.endswith(("_mg", "_ml", "_mg_per_ml")) and value is not None:
                assert f"{key}_text" in block, key


def test_volume_raise_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL x 60 mL = 60 mg -> 2 tablets -> 100 mL; the 60 mL asked for is dispensed, 40 mL discarded.
    payload = cli_json(["liquid", "--strength", "1 mg/mL", "--volume", "60 mL"], capsys)
    assert payload["batch_volume_ml"] == 100
    assert payload["wanted_volume_ml"] == 60
    assert (payload["dispensed_volume_ml"], payload["surplus_ml"]) == (60, 40)
    assert (
        "Volume raised from 60 mL to 100 mL to use 2 whole tablets; 60 mL is labelled and dispensed and the "
        "other 40 mL is discarded." in payload["warnings"]
    )


def test_the_aliquot_measure_is_in_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    # 0.25 mg/mL x 37 mL: 40 mL takes 10 mL of the 1 mg/mL stock, 50 marks of the 10 mL syringe.
    payload = cli_json(["liquid", "--strength", "0.25 mg/mL", "--volume", "37 mL"], capsys)
    assert payload["dilution"]["aliquot_ml"] == 10
    assert payload["dilution"]["aliquot_measure"] == "a 10 mL oral syringe (0.2 mL marks)"
    assert (payload["batch_volume_ml"], payload["dispensed_volume_ml"], payload["surplus_ml"]) == (40, 37, 3)


def test_serial_dilution_json(capsys: pytest.CaptureFixture[str]) -> None:
    # 0.1 mg/mL x 100 mL = 10 mg = 10 mL of a 1 mg/mL stock made from 1 tablet in 50 mL; 40 mL discarded.
    payload = cli_json(["liquid", "--strength", "0.1 mg/mL", "--volume", "100 mL"], capsys)
    dilution = payload["dilution"]
    assert dilution["stock_mg_per_ml"] == 1
    assert dilution["stock_tablets"] == 1
    assert dilution["stock_volume_ml"] == 50
    assert dilution["aliquot_ml"] == 10
    assert dilution["aliquot_ml_text"] == "10 mL"
    assert dilution["final_volume_ml"] == 100
    assert dilution["discard_ml"] == 40
    assert payload["tablets"] == 1


def test_fawcett_json(capsys: pytest.CaptureFixture[str]) -> None:
    # Fawcett 1997, 1 mg/mL from tablets: 60 days; 1 Dec 2026 is Day 1 -> 29 Jan 2027.
    payload = cli_json([*BASE, "--formula", "fawcett_1997"], capsys)
    assert payload["bud"] == "2027-01-29"
    assert "Fawcett" in payload["bud_basis"]
    amounts = {item["name"]: item["amount_text"] for item in payload["ingredients"]}
    assert amounts["Ascorbic acid"] == "500 mg"  # 0.5 g per 100 mL
    assert amounts["Glycerol"] == "20 mL"


def test_powder_json(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL x 200 mL = 200 mg HCl; as base 200 x 0.9035 = 180.7 mg; / 0.99 / 0.995 = 183.44 mg.
    argv = ["liquid", "--strength", "1 mg/mL", "--volume", "200 mL", "--source", "powder"]
    payload = cli_json([*argv, "--potency", "99 %", "--water", "0.5 %", "--salt", "base"], capsys)
    assert payload["tablets"] == 0
    assert payload["weigh_powder_mg"] == pytest.approx(183.442465)
    assert payload["weigh_powder_mg_text"] == "183.4 mg"
    assert payload["dilution"] is None
    assert "Shake well before use" not in payload["auxiliary_labels"]


def test_powder_under_the_mwq_json(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL x 100 mL = 100 mg HCl, under 120 mg. The aliquot is at most half the flask: a 20 mg/mL
    # stock in 10 mL (200 mg), 5 mL taken (a 5 mg/mL stock would need 20 mL of a 50 mL flask, 250 mg).
    argv = ["liquid", "--strength", "1 mg/mL", "--volume", "100 mL", "--source", "powder"]
    payload = cli_json(argv, capsys)
    assert payload["weigh_powder_mg"] == 200
    assert payload["dilution"]["stock_powder_mg_text"] == "200 mg"
    assert payload["dilution"]["aliquot_ml"] == 5
    # With a balance that weighs from 100 mg the 100 mg is weighed directly.
    payload = cli_json([*argv, "--balance-mwq", "100 mg"], capsys)
    assert payload["weigh_powder_mg"] == 100
    assert payload["dilution"] is None


def test_compounded_defaults_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json(["liquid", "--strength", "1 mg/mL", "--volume", "100 mL"], capsys)
    assert payload["compounded"] == dt.date.today().isoformat()


def test_human_recipe(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_text(
        ["liquid", "--strength", "1 mg/mL", "--volume", "60 mL", "--compounded", "2026-12-01"], capsys
    )
    assert "Naltrexone HCl 1 mg/mL oral suspension, 100 mL" in out
    assert "Do not use after 14 December 2026" in out
    assert "Steps:" in out
    assert "  1. " in out
    assert "Volume raised from 60 mL to 100 mL" in out


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (["--strength", "4,5 mg/mL", "--volume", "100 mL"], "--strength"),
        (["--strength", "1 mg", "--volume", "100 mL"], "--strength"),
        (["--strength", "0 mg/mL", "--volume", "100 mL"], "--strength"),
        (["--strength", "150 mg/mL", "--volume", "100 mL"], "--strength"),
        (["--strength", "1 mg/mL", "--volume", "5 cc"], "--volume"),
        (["--strength", "1 mg/mL", "--volume", "2500 mL"], "--volume"),
        (["--strength", "0.01 mg/mL", "--volume", "50 mL"], "--volume"),  # under 1 mL of stock
        (["--strength", "1 mg/mL", "--volume", "100 mL", "--compounded", "01/12/2026"], "--compounded"),
        (["--strength", "1 mg/mL", "--volume", "100 mL", "--source", "syrup"], "--source"),
        (["--strength", "1 mg/mL", "--volume", "100 mL", "--formula", "ora_plus"], "--formula"),
        (["--strength", "1 mg/mL", "--volume", "100 mL", "--tablet-strength", "50"], "--tablet-strength"),
        (["--strength", "1 mg/mL", "--volume", "100 mL", "--potency", "150 %"], "--potency"),
        (["--strength", "1 mg/mL", "--volume", "100 mL", "--water", "25 %"], "--water"),
        (["--strength", "1 mg/mL", "--volume", "100 mL", "--salt", "sulfate"], "--salt"),
        (["--strength", "1 mg/mL", "--volume", "100 mL", "--balance-mwq", "0 mg"], "--balance-mwq"),
    ],
)
def test_bad_input_exits_2_naming_the_option(
    options: list[str], field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refusal(["liquid", *options], capsys)
    assert line.startswith(f"ldn-desk: {field}: "), line
    assert ", e.g. " in line


def test_missing_required_option(capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(["liquid", "--strength", "1 mg/mL"], capsys)
    assert "--volume" in line
