"""Worked examples checked as a pharmacist would: the arithmetic is written beside each case and
the command line's JSON and text must agree with it."""

from __future__ import annotations

import pytest
from cli_support import cli_json, cli_text, dose_argv, refusal

from ldn_desk.cli import main

DAY_1 = "2026-12-01"  # compounding day: Day 1 of every beyond-use period below


def liquid(strength: str, volume: str, *extra: str) -> list[str]:
    return ["liquid", "--strength", strength, "--volume", volume, "--compounded", DAY_1, *extra]


def capsules(strength: str, count: str, *extra: str) -> list[str]:
    return ["capsules", "--strength", strength, "--count", count, "--compounded", DAY_1, *extra]


# --- liquid from 50 mg tablets ----------------------------------------------------------------


def test_liquid_1_mg_per_ml_100_ml(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL × 100 mL = 100 mg = 2 × 50 mg tablets exactly; q.s. to 100 mL.
    # Water, not preserved: 14 days, 1 Dec is Day 1 → 14 Dec 2026.
    p = cli_json(liquid("1 mg/mL", "100 mL"), capsys)
    assert (p["tablets"], p["naltrexone_hcl_mg"], p["batch_volume_ml"]) == (2, 100, 100)
    assert (p["naltrexone_hcl_mg_text"], p["batch_volume_ml_text"]) == ("100 mg", "100 mL")
    assert p["bud"] == "2026-12-14" and p["bud_days"] == 14
    assert p["warnings"] == []
    assert p["steps"][0].startswith("Grind 2 naltrexone HCl 50 mg tablets (100 mg naltrexone HCl)")
    assert (
        "Make up to the 100 mL mark of the 100 mL graduated cylinder (1 mL marks) with purified water (q.s.)"
        in p["steps"][3]
    )


def test_liquid_alberta_5_mg_per_ml_30_ml(capsys: pytest.CaptureFixture[str]) -> None:
    # 5 mg/mL × 30 mL = 150 mg = 3 × 50 mg tablets exactly, q.s. 30 mL; 5 mg/mL is the Alberta
    # strength, the top of the usual range (resources/liquid.toml), so no caution.
    p = cli_json(liquid("5 mg/mL", "30 mL"), capsys)
    assert (p["tablets"], p["naltrexone_hcl_mg"], p["batch_volume_ml"]) == (3, 150, 30)
    assert p["concentration_mg_per_ml_text"] == "5 mg/mL"
    assert p["warnings"] == []
    # 30 mL is 30 of the 1 mL marks of the 50 mL graduated cylinder (the 25 mL one cannot hold it)
    assert "Make up to the 30 mL mark of the 50 mL graduated cylinder (1 mL marks)" in " ".join(p["steps"])


def test_liquid_half_mg_per_ml_100_ml_is_one_step(capsys: pytest.CaptureFixture[str]) -> None:
    # 0.5 mg/mL × 100 mL = 50 mg = 1 tablet in 100 mL. 0.5 mg/mL is the lowest single-step
    # strength (serial dilution below it), so no stock.
    p = cli_json(liquid("0.5 mg/mL", "100 mL"), capsys)
    assert (p["tablets"], p["naltrexone_hcl_mg"], p["batch_volume_ml"]) == (1, 50, 100)
    assert p["dilution"] is None
    assert p["concentration_mg_per_ml_text"] == "0.5 mg/mL"


def test_liquid_volume_raised_to_a_whole_tablet(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL × 60 mL = 60 mg: 1.2 tablets. Never split: 2 tablets = 100 mg → q.s. 100 mL.
    p = cli_json(liquid("1 mg/mL", "60 mL"), capsys)
    assert (p["tablets"], p["naltrexone_hcl_mg"], p["batch_volume_ml"]) == (2, 100, 100)
    # The 60 mL prescribed is dispensed; 100 - 60 = 40 mL of the batch is discarded.
    assert (p["dispensed_volume_ml"], p["surplus_ml"]) == (60, 40)
    assert p["warnings"] == [
        "Volume raised from 60 mL to 100 mL to use 2 whole tablets; 60 mL is labelled and dispensed and the "
        "other 40 mL is discarded."
    ]


def test_liquid_0_1_mg_per_ml_by_serial_dilution(capsys: pytest.CaptureFixture[str]) -> None:
    # 0.1 mg/mL × 100 mL = 10 mg. From the 1 mg/mL stock: 10 mg ÷ 1 mg/mL = 10 mL of stock.
    # Stock: 1 tablet (50 mg) q.s. 50 mL = 1 mg/mL; 50 − 10 = 40 mL of stock discarded.
    p = cli_json(liquid("0.1 mg/mL", "100 mL"), capsys)
    d = p["dilution"]
    assert (p["tablets"], p["naltrexone_hcl_mg"], p["batch_volume_ml"]) == (1, 10, 100)
    assert (d["stock_mg_per_ml"], d["stock_volume_ml"], d["stock_hcl_mg"]) == (1, 50, 50)
    assert (d["aliquot_ml"], d["aliquot_hcl_mg"], d["discard_ml"]) == (10, 10, 40)
    steps = " ".join(p["steps"])
    assert "make up to the 50 mL mark of the 50 mL graduated cylinder (1 mL marks)" in steps
    assert "measure 10 mL of it (10 mg naltrexone HCl)" in steps
    assert "Discard the remaining 40 mL of stock" in steps


def test_fawcett_preserved_1_mg_per_ml(capsys: pytest.CaptureFixture[str]) -> None:
    # Per 100 mL: 2 × 50 mg tablets, ascorbic acid 0.5 g = 500 mg, sodium benzoate 0.1 g = 100 mg,
    # glycerol 20 mL. Study date 60 days: Day 1 = 1 Dec, Day 31 = 31 Dec, Day 60 = 29 Jan 2027.
    # Sodium benzoate 100 mg is under the 120 mg MWQ of a Class A balance: a caution.
    p = cli_json(liquid("1 mg/mL", "100 mL", "--formula", "fawcett_1997"), capsys)
    assert p["tablets"] == 2 and p["bud"] == "2027-01-29" and p["bud_days"] == 60
    amounts = {item["name"]: item["amount_text"] for item in p["ingredients"]}
    assert amounts["Ascorbic acid"] == "500 mg"
    assert amounts["Sodium benzoate"] == "100 mg"
    assert amounts["Glycerol"] == "20 mL"
    assert any("Sodium benzoate 100 mg" in warning for warning in p["warnings"])


# --- liquid from API powder -------------------------------------------------------------------


def test_powder_at_99_percent_weighed_directly(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL × 200 mL = 200 mg HCl; at 99 % assay weigh 200 ÷ 0.99 = 202.02 mg ("202 mg", four
    # significant figures), above the 120 mg MWQ, so weighed directly.
    p = cli_json(liquid("1 mg/mL", "200 mL", "--source", "powder", "--potency", "99 %"), capsys)
    assert p["tablets"] == 0 and p["dilution"] is None
    assert p["weigh_powder_mg"] == pytest.approx(202.0202, abs=1e-4)
    assert p["weigh_powder_mg_text"] == "202 mg"
    assert p["naltrexone_hcl_mg"] == 200
    assert p["suspension"] is False  # powder dissolves: a solution, no "shake well"
    assert "Shake well before use" not in p["auxiliary_labels"]


def test_powder_at_99_percent_under_the_mwq_uses_a_stock(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL × 100 mL = 100 mg HCl → 100 ÷ 0.99 = 101.01 mg of powder, under 120 mg: make a stock.
    # Least powder among the stocks (at least twice the strength; the flask holds ≥ 120 mg of powder
    # and at least twice the aliquot, which is at most half the stock):
    #   20 mg/mL: aliquot 100 ÷ 20 = 5 mL → flask ≥ 10 mL (120 × 0.99 ÷ 20 = 5.94 mL) → 10 mL
    #   → 200 mg HCl → 200 ÷ 0.99 = 202.02 mg of powder
    #   (5 mg/mL: 20 mL of a 50 mL flask, 252.5 mg; 10 mg/mL in 25 mL, 252.5 mg; 2 mg/mL in 100 mL,
    #   202.02 mg, a tie that keeps the stronger stock; 50 mg/mL in 10 mL, 505.05 mg).
    # 10 − 5 = 5 mL discarded.
    p = cli_json(liquid("1 mg/mL", "100 mL", "--source", "powder", "--potency", "99 %"), capsys)
    d = p["dilution"]
    assert (d["stock_mg_per_ml"], d["stock_volume_ml"], d["aliquot_ml"], d["discard_ml"]) == (20, 10, 5, 5)
    assert d["stock_powder_mg"] == pytest.approx(200 / 0.99, abs=1e-4)
    assert d["stock_powder_mg_text"] == "202 mg"
    assert p["naltrexone_hcl_mg"] == 100 and p["batch_volume_ml"] == 100


def test_base_powder_at_99_percent(capsys: pytest.CaptureFixture[str]) -> None:
    # 1 mg/mL × 200 mL = 200 mg as HCl. Base powder: 200 × 0.9035 = 180.7 mg of base; at 99 %
    # assay 180.7 ÷ 0.99 = 182.53 mg ("182.5 mg"), over 120 mg: weighed directly.
    argv = liquid("1 mg/mL", "200 mL", "--source", "powder", "--salt", "base", "--potency", "99 %")
    p = cli_json(argv, capsys)
    assert p["weigh_powder_mg"] == pytest.approx(200 * 0.9035 / 0.99, abs=1e-4)
    assert p["weigh_powder_mg_text"] == "182.5 mg"
    assert p["naltrexone_hcl_mg"] == 200 and p["dilution"] is None
    assert p["steps"][0] == (
        "Weigh 182.5 mg of naltrexone base powder (200 mg naltrexone HCl, × 0.9035 as base, "
        "corrected for potency 99%: 200 mg × 0.9035 ÷ 0.99 ≈ 182.5 mg): 183 mg as the balance reads it "
        "(to 1 mg)."
    )  # the Class A balance reads whole mg: 182.53 mg shows as 183 mg
    assert any("naltrexone base dissolves less readily" in w for w in p["warnings"])


def test_base_powder_with_assay_and_water(capsys: pytest.CaptureFixture[str]) -> None:
    # 2 mg/mL × 100 mL = 200 mg HCl. As base: × 0.9035 = 180.7 mg; ÷ 0.99 (assay) ÷ 0.995
    # (0.5 % water) = 183.44 mg → "183.4 mg".
    argv = liquid("2 mg/mL", "100 mL", "--source", "powder", "--salt", "base", "--potency", "99 %")
    p = cli_json([*argv, "--water", "0.5 %"], capsys)
    assert p["weigh_powder_mg"] == pytest.approx(200 * 0.9035 / 0.99 / 0.995, abs=1e-4)
    assert p["weigh_powder_mg_text"] == "183.4 mg"
    assert "Weigh 183.4 mg of naltrexone base powder" in p["steps"][0]
    # 200 × 0.9035 ÷ 0.99 ÷ 0.995 = 183.44…: rounded, so "≈"
    assert "200 mg × 0.9035 ÷ 0.99 ÷ 0.995 ≈ 183.4 mg" in p["steps"][0]


# --- capsules ---------------------------------------------------------------------------------


def test_capsules_4_5_mg_size_1_mcc(capsys: pytest.CaptureFixture[str]) -> None:
    # 30 + 1 extra = 31. Size 1: 0.50 mL × 0.3 g/mL MCC = 150 mg; the drug displaces its own
    # weight: 150 − 4.5 = 145.5 mg MCC per capsule, fill 150 mg.
    # Drug 31 × 4.5 = 139.5 mg (over 120 mg: weighed directly); MCC 31 × 145.5 = 4,510.5 mg.
    # QC ±10 %: 135–165 mg; average ±3 %: 145.5–154.5 mg. Solid: 180 days → Day 180 = 29 May 2027.
    p = cli_json(capsules("4.5 mg", "30", "--size", "1", "--excipient", "mcc"), capsys)
    assert (p["capsules"], p["size"], p["method"]) == (31, "1", "volume")
    assert p["api_mg"] == pytest.approx(139.5) and p["api_mg_text"] == "139.5 mg"
    assert p["excipient_mg"] == pytest.approx(4510.5)
    assert p["fill_per_capsule_mg"] == pytest.approx(150)
    assert p["excipient_per_capsule_mg"] == pytest.approx(145.5)
    assert p["aliquot"] is None
    qc = p["qc"]
    assert [
        qc[k] for k in ("each_low_mg", "each_high_mg", "average_low_mg", "average_high_mg")
    ] == pytest.approx([135, 165, 145.5, 154.5])
    assert p["bud"] == "2027-05-29"


def test_capsules_1_5_mg_60_lactose(capsys: pytest.CaptureFixture[str]) -> None:
    # 60 + 1 = 61. Size suggested: the drug at most 10 % of the fill needs 1.5 + 13.5 mg ≈ 0.015 mL
    # of lactose-like powder → size 5 (0.13 mL). Its published lactose fill is 127 mg (the estimate
    # 0.13 × 980 = 127.4 mg is 0.31 % off); less 1.5 mg drug = 125.5 mg per capsule.
    # Drug 61 × 1.5 = 91.5 mg < 120 mg: aliquot.
    # Aliquot: A = 120 mg; T ≥ max(120 × 120 ÷ 91.5 = 157.4, 120 + 120 = 240) → 240 mg (step 10);
    # P = 91.5 × 240 ÷ 120 = 183 mg, discard 57 mg; lactose to 61 × 127 = 7,747 mg in all,
    # i.e. 7,747 − 183 = 7,564 mg more lactose.
    p = cli_json(capsules("1.5 mg", "60", "--excipient", "lactose"), capsys)
    assert (p["capsules"], p["size"], p["size_suggested"]) == (61, "5", True)
    assert p["fill_per_capsule_mg"] == pytest.approx(127)
    assert p["excipient_per_capsule_mg"] == pytest.approx(125.5)
    a = p["aliquot"]
    assert (a["weigh_api_mg"], a["diluent_mg"], a["dilute_to_mg"]) == (120, 120, 240)
    assert a["take_mg"] == pytest.approx(183) and a["discard_mg"] == pytest.approx(57)
    assert a["excipient_after_mg"] == pytest.approx(7564)
    assert p["batch_fill_mg"] == pytest.approx(7747)
    assert any("contains lactose" in warning for warning in p["warnings"])


def test_capsules_calibrated_95_mg_size_4(capsys: pytest.CaptureFixture[str]) -> None:
    # This MCC lot fills a size 4 capsule with 95 mg. 0.5 mg × 30 (+1): filler 95 − 0.5 = 94.5 mg,
    # fill 95 mg; drug 31 × 0.5 = 15.5 mg → aliquot: T ≥ 120 × 120 ÷ 15.5 = 929.03 → 930 mg, where
    # P = 120.125 mg does not read on a 1 mg balance; T = 960: P = 15.5 × 960 ÷ 120 = 124 mg exactly;
    # diluent 960 − 120 = 840 mg.
    # The volume estimate is 0.21 mL × 300 mg/mL = 63 mg; 95 is 50.8 % above it (over the 50 %
    # limit): warn that the size or the division may be wrong.
    argv = capsules("0.5 mg", "30", "--size", "4", "--calibrated-fill", "95 mg")
    p = cli_json(argv, capsys)
    assert p["method"] == "calibrated"
    assert p["excipient_per_capsule_mg"] == pytest.approx(94.5)
    assert p["fill_per_capsule_mg"] == pytest.approx(95)
    a = p["aliquot"]
    assert (a["dilute_to_mg"], a["diluent_mg"]) == (960, 840)
    assert a["take_mg"] == 124 and a["take_mg_text"] == "124 mg"
    assert any("volume estimate of 63 mg for a size 4 capsule" in warning for warning in p["warnings"])


def test_capsules_aliquot_on_a_200_mg_mwq_balance(capsys: pytest.CaptureFixture[str]) -> None:
    # 1.5 mg × 30 (+1), size 3 MCC: 0.30 × 300 = 90 mg fill, 88.5 mg MCC each. Drug 46.5 mg.
    # MWQ 200 mg: A = 200; T ≥ max(200 × 200 ÷ 46.5 = 860.2, 200 + 200) → 870 mg; diluent 670 mg;
    # P = 46.5 × 870 ÷ 200 = 202.275 mg. This balance reads 1 mg (200 mg ÷ 120 mg is within the same
    # decade as Class A). P = 0.2325 T is a whole mg only at T = 1,200, over 870 × 1.25 = 1,087.5, so
    # P is read as 202 mg, holding 202 × 200 ÷ 870 = 46.44 mg. Then MCC to 31 × 90 = 2,790 mg in all:
    # 2,790 − 202 = 2,588 mg more.
    p = cli_json(capsules("1.5 mg", "30", "--size", "3", "--balance-mwq", "200 mg"), capsys)
    a = p["aliquot"]
    assert (a["weigh_api_mg"], a["diluent_mg"], a["dilute_to_mg"]) == (200, 670, 870)
    assert a["take_mg"] == 202 and a["take_mg_text"] == "202 mg"
    assert a["drug_in_take_mg"] == pytest.approx(202 * 200 / 870)
    assert a["excipient_after_mg"] == pytest.approx(2588)
    assert all(a[key] >= 200 for key in ("weigh_api_mg", "diluent_mg", "take_mg"))


def test_capsules_base_powder_at_98_5_percent(capsys: pytest.CaptureFixture[str]) -> None:
    # 4.5 mg HCl as base: 4.5 × 0.9035 ÷ 0.985 = 4.1277 mg powder per capsule; × 31 = 127.96 mg
    # ("128 mg"), over 120 mg so weighed directly; MCC 150 − 4.1277 = 145.87 mg each.
    argv = capsules("4.5 mg", "30", "--size", "1", "--salt", "base", "--potency", "98.5 %")
    p = cli_json(argv, capsys)
    assert p["powder_per_capsule_mg"] == pytest.approx(4.5 * 0.9035 / 0.985, abs=1e-6)
    assert p["api_mg"] == pytest.approx(31 * 4.5 * 0.9035 / 0.985, abs=1e-5)
    assert p["api_mg_text"] == "128 mg"
    assert p["aliquot"] is None
    assert p["fill_per_capsule_mg"] == pytest.approx(150)


# --- dose to volume ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dose", "strength", "volume", "syringe"),
    [
        ("1.5 mg", "1 mg/mL", 1.5, "3 mL syringe (0.1 mL marks)"),  # 1.5 ÷ 1; over 1 mL, 15 marks
        ("0.5 mg", "1 mg/mL", 0.5, "1 mL syringe (0.01 mL marks)"),  # 50 marks of 0.01 mL
        ("1.5 mg", "5 mg/mL", 0.3, "1 mL syringe (0.01 mL marks)"),  # 1.5 ÷ 5 = 0.3 mL
        ("4.5 mg", "5 mg/mL", 0.9, "1 mL syringe (0.01 mL marks)"),  # 4.5 ÷ 5 = 0.9 mL
        ("1 mg", "0.1 mg/mL", 10, "10 mL syringe (0.2 mL marks)"),  # 1 ÷ 0.1 = 10 mL, 50 marks
        ("3 mg", "1 mg/mL", 3, "3 mL syringe (0.1 mL marks)"),  # exactly the capacity
    ],
)
def test_dose_measurable(
    dose: str, strength: str, volume: float, syringe: str, capsys: pytest.CaptureFixture[str]
) -> None:
    p = cli_json(["dose", "--dose", dose, "--strength", strength], capsys)
    assert p["volume_ml"] == pytest.approx(volume)
    assert (p["measurable"], p["syringe"]) == (True, syringe)


def test_dose_4_5_mg_of_1_mg_per_ml(capsys: pytest.CaptureFixture[str]) -> None:
    # 4.5 mL: 22.5 marks on a 5 mL syringe with 0.2 mL marks → not measurable; the nearest
    # whole marks are 22 × 0.2 = 4.4 mL (4.4 mg) and 23 × 0.2 = 4.6 mL (4.6 mg). A 5 mL syringe
    # with 0.1 mL marks (one of the usual set) measures it (45 marks).
    coarse = ["--syringe-size", "5 mL", "--graduation", "0.2 mL"]
    p = cli_json(["dose", "--dose", "4.5 mg", "--strength", "1 mg/mL", *coarse], capsys)
    assert p["measurable"] is False and p["syringe"] is None
    assert [(n["volume_ml_text"], n["dose_mg_text"]) for n in p["nearest"]] == [
        ("4.4 mL", "4.4 mg"),
        ("4.6 mL", "4.6 mg"),
    ]
    argv = dose_argv("4.5 mg", "1 mg/mL", "--syringe-size", "5 mL", "--graduation", "0.1 mL")
    p = cli_json(argv, capsys)
    assert (p["measurable"], p["syringe_ml"], p["graduation_ml"]) == (True, 5, 0.1)
    p = cli_json(["dose", "--dose", "4.5 mg", "--strength", "1 mg/mL"], capsys)
    assert (p["measurable"], p["syringe"]) == (True, "5 mL syringe (0.1 mL marks)")


def test_dose_1_25_mg_of_1_mg_per_ml_reads_its_real_volume(capsys: pytest.CaptureFixture[str]) -> None:
    # 1.25 ÷ 1 = 1.25 mL: 12.5 marks on the 3 mL syringe, so not measurable. The text must say
    # 1.25 mL, not the direction rounding "1.3 mL" (that would be 1.3 mg).
    p = cli_json(["dose", "--dose", "1.25 mg", "--strength", "1 mg/mL"], capsys)
    assert p["measurable"] is False
    assert p["calculated_volume_text"] == "1.25 mL"
    out = cli_text(["dose", "--dose", "1.25 mg", "--strength", "1 mg/mL"], capsys)
    assert out.startswith("1.25 mg of a 1 mg/mL liquid is 1.25 mL by calculation.\n")
    assert "is 1.3 mL" not in out
    assert "Nearest measurable volumes (each a different dose):\n  - 1.2 mL gives 1.2 mg, on the 3 mL" in out


# --- the human text ---------------------------------------------------------------------------


def test_liquid_text_one_tablet_is_singular(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_text(liquid("0.5 mg/mL", "100 mL"), capsys)
    assert "Drug: 1 × 50 mg tablet; 50 mg naltrexone HCl in the batch." in out
    out = cli_text(liquid("1 mg/mL", "100 mL"), capsys)
    assert "Drug: 2 × 50 mg tablets; 100 mg naltrexone HCl in the batch." in out


def test_liquid_label_line_says_refrigerate_once(capsys: pytest.CaptureFixture[str]) -> None:
    # The storage "Refrigerate (2–8 °C)" already says it; "Keep in the refrigerator" stays a sticker.
    p = cli_json(liquid("1 mg/mL", "100 mL", "--formula", "fawcett_1997"), capsys)
    label = p["steps"][-1]
    assert "Keep in the refrigerator" not in label
    assert label.count("Refrigerate (2–8 °C)") == 1
    assert "Shake well before use; Protect from light; For oral use only; Refrigerate (2–8 °C);" in label
    assert "Keep in the refrigerator" in p["auxiliary_labels"]


def test_liquid_text_dates_without_nested_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli_text(liquid("1 mg/mL", "100 mL", "--formula", "fawcett_1997"), capsys)
    assert "Do not use after 29 January 2027. Refrigerate (2–8 °C).\n" in out
    assert "\nBeyond-use date: Stability study: 60 days" in out


def test_liquid_text_names_the_powder(capsys: pytest.CaptureFixture[str]) -> None:
    # 2 mg/mL × 100 mL = 200 mg HCl = 180.7 mg of base (× 0.9035).
    out = cli_text(liquid("2 mg/mL", "100 mL", "--source", "powder", "--salt", "base"), capsys)
    assert "Drug: 180.7 mg of naltrexone base powder; 200 mg naltrexone HCl in the batch." in out
    # No water given: the correction speaks only of the assay; the arithmetic is the salt factor alone.
    assert "corrected for potency 100%: 200 mg × 0.9035 = 180.7 mg)" in out
    assert "water 0%" not in out


# --- very small amounts -----------------------------------------------------------------------


def test_capsules_a_mcg_level_dose_is_weighed_in_two_stages(capsys: pytest.CaptureFixture[str]) -> None:
    # 10 mcg × 30 (+1) = 0.31 mg of drug. A = 120 mg; T ≥ 120 × 120 ÷ 0.31 = 46,451.6 → 46,460 mg,
    # and a portion a 1 mg balance reads exactly first at T = 48,000 (P = 31 T ÷ 12,000 = 124 mg):
    # 48 g of mixture for one weighing, over the 20,000 mg practical maximum (balance.toml), so two
    # stages: 120 mg to 2,370 mg, 120 mg of that to 2,360 mg (worked in test_aliquot).
    p = cli_json(capsules("0.01 mg", "30", "--size", "3"), capsys)
    a = p["aliquot"]
    assert (a["stages"], a["first_total_mg"], a["first_take_mg"], a["dilute_to_mg"]) == (2, 2370, 120, 2360)
    assert any(
        "One dilution would need 48,000 mg of mixture" in w and "two stages" in w for w in p["warnings"]
    )
    # 1.5 mg × 30 (+1) = 46.5 mg: T = 320 mg (P = 124 mg), far under it.
    p = cli_json(capsules("1.5 mg", "30", "--size", "3"), capsys)
    assert p["aliquot"]["dilute_to_mg"] == 320 and p["aliquot"]["stages"] == 1
    assert not any("two stages" in w for w in p["warnings"])


def test_a_tiny_amount_never_reads_as_zero(capsys: pytest.CaptureFixture[str]) -> None:
    # 0.0000004 mg = 0.0004 mcg: a slip, surely, but it must not be printed "0 mcg". 31 capsules
    # hold 0.0124 mcg (written 0.012 mcg), too little to weigh even by two dilutions: refused, naming it.
    line = refusal(capsules("0.0000004 mg", "30", "--size", "3"), capsys)
    assert "0.012 mcg of naltrexone HCl powder is too little to weigh even by two dilutions" in line
    assert " 0 mcg" not in line


@pytest.mark.parametrize(
    ("strength", "problem"),
    [
        ("0.005 mg/mL", "below 0.01 mg/mL"),  # the liquid recipe's own minimum
        ("5 mcg/mL", "below 0.01 mg/mL"),
        ("0.0001 mg/L", "below 0.01 mg/mL"),  # printed "0 mg/mL" in the JSON before
        ("200 mg/mL", "water solubility"),  # no such liquid: about 100 mg/mL dissolves
    ],
)
def test_dose_strength_outside_what_a_liquid_can_be(
    strength: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["dose", "--dose", "1.5 mg", "--strength", strength]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("ldn-desk: --strength: ") and problem in err[0]


def test_the_formatter_never_prints_a_real_amount_as_zero() -> None:
    from ldn_desk.units.dose_text import mg_per_ml_text, mg_text, ml_text

    # Four significant figures stop at three decimals; below that the first digit is kept.
    assert mg_text(4e-7) == "0.0004 mcg"  # 4e-7 mg = 0.0004 mcg
    assert mg_per_ml_text(1e-7) == "0.0000001 mg/mL"
    assert ml_text(0.0004) == "0.0004 mL"
    assert mg_per_ml_text(0.0004) == "0.0004 mg/mL"
    assert mg_text(0.0045) == "4.5 mcg"  # unchanged: mcg below 0.01 mg


def test_liquid_tablet_strength_is_a_real_tablet(capsys: pytest.CaptureFixture[str]) -> None:
    # "0.01 mg" tablets would be 100 mg ÷ 0.01 mg = 10,000 tablets for 1 mg/mL × 100 mL: a slip.
    capsys.readouterr()
    assert main(liquid("1 mg/mL", "100 mL", "--tablet-strength", "0.01 mg")) == 2
    err = capsys.readouterr().err
    assert err.startswith('ldn-desk: --tablet-strength: "0.01 mg" — must be from 10 mg to 100 mg')
    # 100 mg tablets: 1 mg/mL × 100 mL = 100 mg = 1 tablet.
    p = cli_json(liquid("1 mg/mL", "100 mL", "--tablet-strength", "100 mg"), capsys)
    assert (p["tablets"], p["batch_volume_ml"]) == (1, 100)


def test_capsule_label_step_without_stacked_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    # Solid: 180 days from 1 Dec 2026 (Day 1) → 29 May 2027.
    p = cli_json(capsules("4.5 mg", "30", "--size", "1"), capsys)
    assert p["steps"][-1] == (
        "Label: do not use after 29 May 2027 — USP <795> default: Solid (capsules, powders), 180 days. "
        "Store at room temperature or in a refrigerator."
    )
