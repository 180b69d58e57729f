"""Master formulation records: one per formula the program makes, every USP <795> element printed,
identity and version on each compounding record, and the data refused when damaged."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.mfr import find_mfr, mfr_for, mfr_pdf, mfrs, reference_recipe
from ldn_desk.documents.pdfbase import PageSetup
from ldn_desk.documents.record import record_pdf
from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.errors import InputError
from ldn_desk.recipes.capsules.recipe import CapsuleInput, CapsuleMethod, make_capsules
from ldn_desk.recipes.liquid.model import Source
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.reference.files import resource_dir
from ldn_desk.reference.formulas import formula_table
from ldn_desk.reference.mfr import mfr_table
from ldn_desk.reference.table import ReferenceDataError
from ldn_desk.units.quantity import Quantity
from tests.core.cli_support import cli_json, run_cli

MADE = dt.date(2026, 3, 1)
INFO = PharmacyInfo(patient="Ann Lee", rx="RX-1", pharmacy="Main Street Pharmacy", date=MADE)


def text_of(pdf: bytes) -> str:
    pages = [(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    return " ".join(" ".join(pages).replace("\u00a0", " ").split())


def _every_batch_kind() -> list[object]:
    """One batch of every formula the program makes: each source in each vehicle, capsules by each method."""
    batches: list[object] = [
        make_liquid(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, source=source, formula=key))
        for source in Source
        for key in formula_table().formulas
    ]
    batches.append(make_capsules(CapsuleInput(Quantity(1.5, "mg"), 30, MADE, size="3")))
    batches.append(
        make_capsules(
            CapsuleInput(Quantity(1.5, "mg"), 30, MADE, size="3", calibrated_fill=Quantity(95, "mg"))
        )
    )
    return batches


def test_every_formula_the_program_makes_follows_exactly_one_mfr() -> None:
    followed = [mfr_for(batch).key for batch in _every_batch_kind()]  # type: ignore[arg-type]
    assert len(set(followed)) == len(followed)  # no two formulas share one
    assert sorted(followed) == sorted(mfr_table().records)  # and no MFR covers nothing
    assert len({mfr.id for mfr in mfrs()}) == len(mfrs())
    assert {str(m) for m in CapsuleMethod} == {mfr.method for mfr in mfrs() if mfr.form == "capsules"}


def test_the_compounding_record_names_the_mfr_and_its_version() -> None:
    preserved = make_liquid(
        LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), MADE, formula="fawcett_1997")
    )
    text = text_of(record_pdf(preserved, INFO, PageSetup("a4")))
    assert "Master formulation record LDN-MFR-L2 version 3" in text
    calibrated = make_capsules(
        CapsuleInput(Quantity(1.5, "mg"), 30, MADE, size="3", calibrated_fill=Quantity(95, "mg"))
    )
    assert "LDN-MFR-C2 version 1" in text_of(record_pdf(calibrated, INFO, PageSetup("a4")))


@pytest.fixture(scope="module")
def preserved_mfr() -> str:
    return text_of(mfr_pdf(find_mfr("LDN-MFR-L2"), PageSetup("a4"), pharmacy="Main Street Pharmacy"))


def test_the_mfr_holds_every_element_usp_795_asks(preserved_mfr: str) -> None:
    text = preserved_mfr
    # Identity and version, name, strength and dosage form.
    assert "Master formulation record LDN-MFR-L2" in text and "Version 3, effective 3 December 2026" in text
    # Its change history keeps the earlier versions' lines.
    assert "First version" in text and "raised to a graduation of its measure" in text
    assert "dispenses the volume prescribed and discards the surplus" in text
    assert "1 mg/mL as studied" in text and "oral suspension" in text
    # Ingredients and quantities of the reference batch, 1 mg/mL × 100 mL: 100 mg of naltrexone HCl is
    # 100 ÷ 50 = 2 tablets; the Fawcett vehicle per 100 mL × 1 (DOMAIN.md §4): ascorbic acid 0.5 g,
    # sodium benzoate 0.1 g, glycerol 20 mL, water to 100 mL.
    assert "2 tablets (100 mg naltrexone HCl)" in text
    for line in ("Ascorbic acid 500 mg", "Sodium benzoate 100 mg", "Glycerol 20 mL", "to 100 mL (q.s.)"):
        assert line in text
    for heading in (
        "Calculations",
        "Equipment",
        "Compounding steps",
        "Container, storage and beyond-use date",
        "Labelling",
        "Sample label",
        "Quality control",
        "Sources and references",
        "Change control and approval",
    ):
        assert heading in text, heading
    assert "Amber plastic bottle" in text and "Refrigerate (2–8 °C)" in text
    # The study's date and its source (Fawcett 1997: 60 days at 4 °C), and the USP default otherwise.
    assert "60 days" in text and "Ann Pharmacother 1997;31:1291" in text and "35 days" in text
    assert "Approved by" in text
    assert dose_text_problems(text) == []


def test_each_mfr_prints_and_prints_the_same_bytes_again() -> None:
    for mfr in mfrs():
        pdf = mfr_pdf(mfr, PageSetup("letter"))
        assert pdf == mfr_pdf(mfr, PageSetup("letter"))
        text = text_of(pdf)
        assert f"{mfr.id} version {mfr.version}" in text
        assert dose_text_problems(text) == [], mfr.id


def test_capsule_mfr_reference_batch_and_container() -> None:
    text = text_of(mfr_pdf(find_mfr("LDN-MFR-C1"), PageSetup("a4")))
    # 30 capsules + 1 extra = 31; 1.5 mg × 31 = 46.5 mg of naltrexone HCl powder.
    recipe = reference_recipe(find_mfr("LDN-MFR-C1"))
    assert recipe.capsules == 31  # type: ignore[union-attr]
    assert "46.5 mg" in text and "Amber dispensing vial with child-resistant cap" in text
    assert "180 days" in text  # USP <795>: solid preparations


def test_an_unknown_mfr_is_refused_with_the_ones_there_are() -> None:
    with pytest.raises(InputError, match="LDN-MFR-L1") as caught:
        find_mfr("LDN-MFR-X9")
    assert caught.value.field == "mfr"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for path in resource_dir().glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('version = 3\neffective = "2026-12-03"\ntitle = "Naltrexone HCl oral suspension from 50 mg tablets, in purified water"',
         'version = 4\neffective = "2026-12-03"\ntitle = "Naltrexone HCl oral suspension from 50 mg tablets, in purified water"',
         "must end with this version"),
        ('formula = "water"\nstrengths = "As prescribed, 0.1', 'formula = "syrup"\nstrengths = "As prescribed, 0.1',
         "is not a formula of formulas.toml"),
        ('reference_size = "3"\nreference_excipient = "mcc"\ncontainer', 'reference_size = "3"\nreference_excipient = "mcc"\ncolour = "red"\ncontainer',
         "is not a key LDN Desk reads here"),
        ('id = "LDN-MFR-L2"', 'id = "LDN-MFR-L1"', "is the identifier of"),
        ('"Capsules made = capsules to dispense + at least {extra} extra."', '"Capsules made = {count} + {extra}."',
         "does not fill in"),
    ],
)  # fmt: skip
def test_a_damaged_mfr_file_is_refused_naming_the_key(copy: Path, old: str, new: str, problem: str) -> None:
    path = copy / "mfr.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=problem) as caught:
        mfr_table(copy)
    assert "mfr.toml" in str(caught.value)


def test_ldn_desk_mfr_lists_and_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = cli_json(["mfr"], capsys)
    assert [item["id"] for item in listed["mfrs"]] == [mfr.id for mfr in mfrs()]
    out = tmp_path / "mfr.pdf"
    printed = cli_json(["mfr", "LDN-MFR-L3", "-o", str(out), "--pharmacy", "Main Street Pharmacy"], capsys)
    assert printed["id"] == "LDN-MFR-L3" and printed["pages"] >= 1
    assert "Main Street Pharmacy" in text_of(out.read_bytes())
    code, _out, err = run_cli(["mfr", "LDN-MFR-L3"], capsys)
    assert code == 2 and "--output" in err


def test_the_powder_mfrs_cite_their_own_sources_not_the_tablet_formulas() -> None:
    for ident in ("LDN-MFR-L3", "LDN-MFR-L4"):
        text = text_of(mfr_pdf(find_mfr(ident), PageSetup("a4")))
        sources = text[text.index("Sources and references") : text.index("Change control and approval")]
        # The tablet formulas' sources (formulas.toml): a 50 mg tablet in 50 mL (LDN Research Trust),
        # Fawcett's 2 x 50 mg tablets per 100 mL: neither is how a solution from powder is made.
        assert "Types of LDN" not in sources and "50 mg tablet" not in sources, ident
        for own in ("USP monograph Naltrexone Hydrochloride", "USP <1176>", "USP <795> (2023)", "ISO 4788"):
            assert own in sources, (ident, own)
        assert "Version 3, effective 3 December 2026" in text
        assert "Sources: this formula's own" in text  # the change that made version 3
    tablets = text_of(mfr_pdf(find_mfr("LDN-MFR-L1"), PageSetup("a4")))
    assert "Types of LDN" in tablets  # the tablet MFR keeps its formula's source


def test_the_liquid_mfrs_say_how_a_raised_batch_is_measured_and_dispensed() -> None:
    for ident in ("LDN-MFR-L1", "LDN-MFR-L2", "LDN-MFR-L3", "LDN-MFR-L4"):
        text = text_of(mfr_pdf(find_mfr(ident), PageSetup("a4")))
        assert "the volume prescribed is measured out of it, labelled and dispensed" in text, ident
        assert "measure the volume prescribed out of it with the measure the record names" in text, ident
        assert "the whole batch is labelled and dispensed" not in text, ident
    powder = make_liquid(LiquidInput(Quantity(0.25, "mg/mL"), Quantity(37, "mL"), MADE, source="powder"))
    assert "Master formulation record LDN-MFR-L3 version 3" in text_of(
        record_pdf(powder, INFO, PageSetup("a4"))
    )
