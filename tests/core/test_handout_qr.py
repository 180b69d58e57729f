"""The handout's QR code: the plan's short summary, never the patient's name, decoded from the page.

The standard protocol from 1 December 2026 at 1 mg/mL (resources/protocols.toml): 1.5 mg days 1–14,
3 mg days 15–28, 4.5 mg from day 29; review day 57 (26 January 2027), by day 85 (23 February 2027).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from ldn_desk.desk import CapsuleForm, Desk, FromLadder, FromProtocol, HandoutInfo, LiquidForm, PlanRequest
from ldn_desk.documents.qr import MAX_STEPS, plan_summary

START = dt.date(2026, 12, 1)
DESK = Desk()
SUMMARY = (
    "LDN plan from 2026-12-01: 1.5 mg days 1-14; 3 mg days 15-28; 4.5 mg from day 29. daily at bedtime. "
    "oral liquid 1 mg/mL. review 2027-01-26 (by 2027-02-23)."
)


def test_the_summary_says_the_plan_in_ascii() -> None:
    outcome = DESK.plan(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0)))
    assert plan_summary(outcome.plan, outcome.liquid, outcome.capsules) == SUMMARY
    capsules = DESK.plan(
        PlanRequest(FromProtocol("standard"), START, form=CapsuleForm((1.5,)), time_of_day="morning")
    )
    text = plan_summary(capsules.plan, capsules.liquid, capsules.capsules)
    assert "daily in the morning" in text and "capsules 1.5 mg" in text and text.isascii()


def test_a_long_plan_is_summed_up_so_the_code_stays_small() -> None:
    # 0.5 mg to 4.5 mg by 0.5 mg: 9 rungs, more than MAX_STEPS are listed.
    rungs = tuple(0.5 * i for i in range(1, 10))
    assert len(rungs) > MAX_STEPS
    plan = DESK.plan(PlanRequest(FromLadder(rungs, 7), START)).plan
    assert "0.5 mg to 4.5 mg in 9 steps, every 7 days" in plan_summary(plan)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm to render the page")
def test_the_code_on_the_handout_decodes_to_the_summary_and_no_name(tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    outcome = DESK.plan(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0)))
    pdf = DESK.handout_pdf(outcome, HandoutInfo("Ann Lee", START, prescriber="Dr Khan"))
    (tmp_path / "h.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", str(tmp_path / "h.pdf"), str(tmp_path / "p")], check=True
    )
    found = []
    for page in sorted(tmp_path.glob("p-*.png")):
        found += [code.text for code in zxingcpp.read_barcodes(Image.open(page))]
    assert found == [SUMMARY]  # one code in the whole handout, printed at 25 mm, read at 150 dpi
    assert "Ann" not in found[0] and "Khan" not in found[0]
