"""ldn-desk capsules: the JSON keys, the human text, and one-line refusals that name the option."""

from __future__ import annotations

import datetime as dt

import pytest
from cli_support import cli_json, cli_text, refusal

from ldn_desk.cli import COMMANDS

BASE = ["capsules", "--strength", "1.5 mg", "--count", "30", "--size", "3", "--compounded", "2026-12-01"]


def test_registered() -> None:
    assert "capsules" in COMMANDS


def test_json_keys_and_values(capsys: pytest.CaptureFixture[str]) -> None:
    # 30 + 1 = 31 size 3 MCC capsules of 1.5 mg: 0.30 mL × 0.3 g/mL = 90 mg fill, 88.5 mg MCC each;
    # drug 31 × 1.5 = 46.5 mg (< 120 mg: aliquot), MCC 31 × 88.5 = 2,743.5 mg. BUD: Day 180 = 29 May 2027.
    payload = cli_json(BASE, capsys)
    for key in (
        "capsules",
        "api_mg",
        "excipient_mg",
        "fill_per_capsule_mg",
        "size",
        "bud",
        "aliquot",
        "warnings",
        "steps",
        "qc",
        "storage",
        "method",
    ):
        assert key in payload, key
    for key in ("api_mg", "excipient_mg", "fill_per_capsule_mg", "drug_hcl_mg", "strength_mg", "bud"):
        assert f"{key}_text" in payload, key
    assert payload["capsules"] == 31
    assert payload["api_mg"] == pytest.approx(46.5)
    assert payload["api_mg_text"] == "46.5 mg"
    assert payload["excipient_mg"] == pytest.approx(2743.5)
    assert payload["fill_per_capsule_mg_text"] == "90 mg"
    assert payload["size"] == "3"
    assert payload["method"] == "volume"
    assert payload["bud"] == "2027-05-29"
    assert payload["bud_text"] == "29 May 2027"
    assert payload["storage"]
    # QC: 90 mg ± 10 % = 81 to 99 mg each; ± 3 % = 87.3 to 92.7 mg average.
    assert payload["qc"]["each_low_mg"] == pytest.approx(81)
    assert payload["qc"]["each_high_mg_text"] == "99 mg"
    assert payload["qc"]["average_low_mg_text"] == "87.3 mg"
    assert payload["qc"]["average_high_mg"] == pytest.approx(92.7)
    # Aliquot: T ≥ 120 × 120 ÷ 46.5 = 309.68 → 310 mg, where P = 46.5 × 310 ÷ 120 = 120.125 mg does
    # not read on a 1 mg balance; T = 320 gives P = 46.5 × 320 ÷ 120 = 124 mg exactly.
    aliquot = payload["aliquot"]
    assert aliquot["weigh_api_mg"] == 120
    assert aliquot["dilute_to_mg"] == 320
    assert aliquot["take_mg"] == 124
    assert aliquot["take_mg_text"] == "124 mg"
    assert isinstance(payload["warnings"], list) and all(isinstance(w, str) for w in payload["warnings"])
    assert any("minimum weighable quantity" in w for w in payload["warnings"])


def test_no_aliquot_is_null(capsys: pytest.CaptureFixture[str]) -> None:
    # 60 + 1 capsules × 3 mg = 183 mg, weighable directly on a Class A balance.
    payload = cli_json(["capsules", "--strength", "3 mg", "--count", "60", "--size", "3"], capsys)
    assert payload["aliquot"] is None
    assert payload["api_mg"] == pytest.approx(183)


def test_all_options(capsys: pytest.CaptureFixture[str]) -> None:
    # Size 1, lactose lot calibrated at 480 mg; 60 + 2 capsules of 3 mg as base powder, assay 99 %,
    # water 1 %: per mg HCl 0.9035 ÷ (0.99 × 0.99) = 0.921845 mg; 62 × 3 = 186 mg HCl →
    # 186 × 0.921845 = 171.4632 mg of base powder; with a 100 mg MWQ it is weighed directly.
    payload = cli_json(
        [
            "capsules",
            "--strength",
            "3 mg",
            "--count",
            "60",
            "--size",
            "1",
            "--excipient",
            "Lactose",
            "--extra",
            "2",
            "--calibrated-fill",
            "480 mg",
            "--potency",
            "99 %",
            "--water",
            "1%",
            "--salt",
            "base",
            "--balance-mwq",
            "100 mg",
            "--compounded",
            "2026-12-01",
        ],
        capsys,
    )
    assert payload["capsules"] == 62
    assert payload["method"] == "calibrated"
    assert payload["excipient"] == "lactose"
    assert payload["api_mg"] == pytest.approx(171.4632, abs=1e-4)
    assert payload["drug_hcl_mg"] == pytest.approx(186)
    assert payload["fill_per_capsule_mg"] == pytest.approx(480)
    assert payload["aliquot"] is None
    assert any("lactose-free" in w for w in payload["warnings"])


def test_drug_density_option(capsys: pytest.CaptureFixture[str]) -> None:
    # Size 3 MCC, 4.5 mg at 0.5 g/mL: filler (0.30 − 4.5 ÷ 500) × 300 = 87.3 mg; fill 91.8 mg.
    argv = ["capsules", "--strength", "4.5 mg", "--count", "30", "--size", "3", "--drug-density", "0.5 g/mL"]
    payload = cli_json(argv, capsys)
    assert payload["excipient_per_capsule_mg"] == pytest.approx(87.3)
    assert payload["fill_per_capsule_mg"] == pytest.approx(91.8)


def test_size_is_suggested_and_date_defaults_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    # 4.5 mg in MCC needs 0.15 mL to stay ≤ 10 % of the fill: size 4.
    payload = cli_json(["capsules", "--strength", "4.5 mg", "--count", "90"], capsys)
    assert payload["size"] == "4"
    assert payload["size_suggested"] is True
    assert payload["compounded"] == dt.date.today().isoformat()


def test_human_text(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_text(BASE, capsys)
    assert out.startswith("31 capsules of 1.5 mg naltrexone HCl, size 3")
    assert "Do not use after 29 May 2027." in out
    assert "Steps:\n  1. Make 31 capsules" in out
    assert "Warnings:" in out
    assert "aliquot" in out


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--strength", "4,5 mg"),
        ("--strength", "1.5 mL"),
        ("--strength", "1.5"),
        ("--strength", "12 mg"),  # above the 10 mg refusal limit
        ("--count", "0"),
        ("--count", "thirty"),
        ("--size", "6"),
        ("--excipient", "calcium carbonate"),
        ("--extra", "0"),
        ("--calibrated-fill", "90 mL"),
        ("--drug-density", "1 mg/mL"),
        ("--potency", "80 %"),
        ("--potency", "0 %"),
        ("--water", "25 %"),
        ("--water", "-1 %"),
        ("--salt", "sulfate"),
        ("--balance-mwq", "0 mg"),
        ("--compounded", "01/12/2026"),
    ],
)
def test_bad_input_names_the_option(option: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["capsules", "--strength", "1.5 mg", "--count", "30", "--size", "3"]
    if option in argv:
        argv[argv.index(option) + 1] = value
    else:
        argv += [option, value]
    line = refusal(argv, capsys)
    assert line.startswith(f"ldn-desk: {option}: "), line


def test_calibrated_fill_without_size(capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(
        ["capsules", "--strength", "1.5 mg", "--count", "30", "--calibrated-fill", "90 mg"], capsys
    )
    assert line.startswith('ldn-desk: --calibrated-fill: "90 mg"')
    assert "size" in line


def test_missing_option(capsys: pytest.CaptureFixture[str]) -> None:
    line = refusal(["capsules", "--count", "30"], capsys)
    assert "--strength" in line


def test_recipe_that_cannot_be_made(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 + 1 size 5 MCC capsules hold 2 × 39 = 78 mg in all, less than a 120 mg aliquot portion.
    line = refusal(["capsules", "--strength", "0.5 mg", "--count", "1", "--size", "5"], capsys)
    assert "aliquot portion" in line
