"""The compounding record: every item USP <795> asks for, safe dose text, same bytes for the same batch."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from ldn_desk.capsules import CapsuleInput, make_capsules
from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.pdfbase import PageSetup, page_count
from ldn_desk.documents.record import record_pdf
from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.liquid import LiquidInput, make_liquid
from ldn_desk.units import Quantity

MADE = dt.date(2026, 3, 1)
INFO = PharmacyInfo(
    patient="José Müller-Ñúñez",
    rx="RX-2026-000123",
    pharmacy="Apteka pod Złotym Lwem — Compounding Department, Łódź Centrum",
    date=MADE,
    contact="+48 42 000 00 00",
    prescriber="Dr Øyvind Ødegård",
    compounded_by="Łukasz Nowak",
    checked_by="Ana Núñez",
)


def text_of(pdf: bytes) -> str:
    pages = [(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    return " ".join(" ".join(pages).replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def liquid_pdf() -> bytes:
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    return record_pdf(recipe, INFO, PageSetup("a4"))


@pytest.fixture(scope="module")
def capsule_pdf() -> bytes:
    recipe = make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, MADE))
    return record_pdf(recipe, INFO, PageSetup("letter"))


def test_liquid_record_holds_the_usp_items(liquid_pdf: bytes) -> None:
    text = text_of(liquid_pdf)
    for expected in (
        "Compounding record: Naltrexone HCl 1 mg/mL oral suspension",
        "RX-2026-000123",
        "José Müller-Ñúñez",
        "Dr Øyvind Ødegård",
        "Łukasz Nowak",
        "Ana Núñez",
        "1 March 2026",
        "100 mL made",
        # 1 mg/mL × 100 mL = 100 mg naltrexone HCl = 2 whole 50 mg tablets.
        "1 mg/mL × 100 mL = 100 mg naltrexone HCl",
        "100 mg ÷ 50 mg per tablet = 2 whole tablets",
        "Maker",
        "Lot",
        "Expiry",
        "Actual amount",
        "Equipment",
        "Mortar and pestle",
        "Steps",
        "Quality control",
        "made up to 100 mL at the mark",
        # USP <795> aqueous, not preserved: 14 days with 1 March as Day 1 = 14 March 2026.
        "Do not use after 14 March 2026",
        "USP <795> default: Aqueous, not preserved",
        "Refrigerate (2–8 °C)",
        "Label text",
        "This medicine was compounded by the pharmacy.",
        "Compounded by",
        "Checked by",
        "Signature",
    ):
        assert expected in text, expected
    assert dose_text_problems(text) == []


def test_capsule_record_shows_the_calculations_and_qc_limits(capsule_pdf: bytes) -> None:
    text = text_of(capsule_pdf)
    for expected in (
        "Naltrexone HCl 1.5 mg capsules",
        "31 capsules made: 30 capsules to dispense and 1 extra",
        "30 to dispense + 1 extra = 31",
        "1.5 mg × 31 = 46.5 mg naltrexone HCl",  # 1.5 mg × 31 capsules
        # Size 5: 0.13 mL × 0.3 g/mL = 39 mg fill; filler 39 − 1.5 = 37.5 mg a capsule.
        "0.13 mL × 0.3 g/mL = 39 mg per capsule",
        "39 mg − 1.5 mg of powder = 37.5 mg",
        # 46.5 mg is under the 120 mg MWQ: weigh 120 mg, dilute to 310 mg, take 120.1 mg.
        "weigh 120 mg of powder, dilute with filler to 310 mg",
        # QC (UNC teaching lab): each ±10 % of 39 mg = 35.1–42.9 mg; average ±3 % = 37.83–40.17 mg.
        "35.1 mg to 42.9 mg (±10% of 39 mg)",
        "37.83 mg to 40.17 mg (±3% of 39 mg)",
        "Individual fill weights",
        # Solid, USP <795>: 180 days from 1 March 2026 (Day 1) = 27 August 2026.
        "Do not use after 27 August 2026",
        "Solid (capsules, powders), 180 days",
        "Capsule shells, size 5",
        "Microcrystalline cellulose (Avicel)",
    ):
        assert expected in text, expected
    assert dose_text_problems(text) == []
    assert PdfReader(io.BytesIO(capsule_pdf)).pages[0].mediabox.height == pytest.approx(792)  # Letter, 11 in


def test_serial_dilution_record_shows_both_steps() -> None:
    recipe = make_liquid(LiquidInput(Quantity(0.1, "mg/mL"), Quantity(60, "mL"), MADE))
    text = text_of(record_pdf(recipe, INFO))
    # 0.1 mg/mL × 60 mL = 6 mg, taken as 6 mL of a 1 mg/mL stock (one 50 mg tablet in 50 mL).
    assert "0.1 mg/mL × 60 mL = 6 mg naltrexone HCl" in text
    assert "take 6 mL of stock = 6 mg, made up to 60 mL" in text
    assert "Stock left over and discarded: 44 mL" in text
    assert dose_text_problems(text) == []


def test_same_batch_gives_the_same_bytes(liquid_pdf: bytes) -> None:
    recipe = make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE))
    assert record_pdf(recipe, INFO, PageSetup("a4")) == liquid_pdf
    assert page_count(liquid_pdf) == len(PdfReader(io.BytesIO(liquid_pdf)).pages)
