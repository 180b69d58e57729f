"""The facade: each call is one core call with the desk's settings; importing it loads nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import ldn_desk.desk as desk_module
from ldn_desk.desk import (
    CapsuleInput,
    Desk,
    DeskSettings,
    DoseRequest,
    FromProtocol,
    HandoutInfo,
    LiquidForm,
    LiquidInput,
    PharmacyInfo,
    PlanRequest,
    Syringe,
    library_syringes,
)
from ldn_desk.documents.pdfbase import page_count
from ldn_desk.errors import InputError
from ldn_desk.units.quantity import Quantity

DAY = dt.date(2026, 12, 1)


def test_importing_the_facade_loads_neither_pint_nor_reportlab() -> None:
    probe = "import sys, ldn_desk.desk; print(sorted({'pint', 'reportlab'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_name_the_facade_offers_is_there() -> None:
    for name in desk_module.__all__:
        assert getattr(desk_module, name) is not None, name
    with pytest.raises(AttributeError):
        desk_module.make_liquid  # noqa: B018 - the core's functions are not the facade's


def test_recipes_and_the_dose() -> None:
    desk = Desk()
    # 1 mg/mL x 100 mL = 100 mg: two 50 mg tablets (DOMAIN.md, section 4).
    liquid = desk.liquid_recipe(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), DAY))
    assert liquid.tablets == 2 and liquid.batch_volume_ml == 100
    # 30 capsules + 1 extra (the minimum, DOMAIN.md section 5) of 1.5 mg: 31 x 1.5 = 46.5 mg of HCl.
    capsules = desk.capsule_recipe(CapsuleInput(Quantity(1.5, "mg"), 30, DAY))
    assert capsules.capsules == 31 and capsules.drug_hcl_mg == pytest.approx(46.5)
    # 1.5 mg of 1 mg/mL is 1.5 mL: 15 marks on the 3 mL syringe with 0.1 mL marks.
    dose = desk.dose_volume(DoseRequest(1.5, 1.0))
    assert dose.volume_ml == 1.5 and dose.syringe == Syringe(3, 0.1)
    # With the desk's syringes only a 10 mL syringe by 0.5 mL: 1.5 mL is 3 of its marks.
    ten = Desk(DeskSettings(syringes=(Syringe(10, 0.5),)))
    assert ten.dose_volume(DoseRequest(1.5, 1.0)).syringe == Syringe(10, 0.5)
    with pytest.raises(InputError, match=r"^strength:"):
        desk.dose_volume(DoseRequest(1.5, 0))


def test_protocols_and_the_plan() -> None:
    desk = Desk()
    keys = [protocol.key for protocol in desk.protocols()]
    assert keys[:3] == ["standard", "weekly_1mg", "gentle"]  # the library's order
    outcome = desk.plan(PlanRequest(FromProtocol("standard"), DAY, form=LiquidForm(1.0)))
    # Standard (DOMAIN.md section 2): 1.5 mg days 1-14, 3 mg days 15-28, 4.5 mg from day 29.
    assert [(s.from_day, s.dose_mg) for s in outcome.plan.steps] == [(1, 1.5), (15, 3), (29, 4.5)]
    opened = desk.open_plan_document(desk.plan_document(outcome))
    assert opened.request == outcome.request and opened.saved_plan == outcome.plan


def test_the_documents_follow_the_settings() -> None:
    outcome = Desk().plan(PlanRequest(FromProtocol("standard"), DAY, form=LiquidForm(1.0)))
    letter = Desk(DeskSettings(paper="letter"))
    assert letter.page_setup().paper == "letter" and letter.page_setup(large_print=True).large_print
    assert page_count(letter.handout_pdf(outcome, HandoutInfo("Ann Lee", DAY))) >= 2
    recipe = letter.liquid_recipe(LiquidInput(Quantity(1, "mg/mL"), Quantity(100, "mL"), DAY))
    info = PharmacyInfo("Ann Lee", "RX-1", "Main Street Pharmacy", DAY)
    assert page_count(letter.record_pdf(recipe, info)) >= 1
    single = Desk(DeskSettings(label_layout="single_4x2in"))
    assert single.label_layout().key == "single_4x2in"
    assert page_count(single.label_pdf(recipe, info, copies=2)) == 2  # one label a page
    assert any("1 mg/mL" in line for line in single.label_lines(recipe, info))
    with pytest.raises(InputError, match=r"^paper:"):
        Desk(DeskSettings(paper="a5")).page_setup()


def test_library_syringes_from_settings() -> None:
    every = library_syringes([])
    assert library_syringes([(3, 0.1)]) == (Syringe(3, 0.1),)
    assert library_syringes([(7, 0.7)]) == every  # none match: every syringe, the safe default


def test_load_engines_imports_the_core_and_no_qt() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from ldn_desk.desk import load_engines\n"
        "load_engines()\n"
        "print(sorted({'pint', 'ldn_desk.plans.pipeline', 'ldn_desk.store', 'PySide6'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['ldn_desk.plans.pipeline', 'ldn_desk.store', 'pint']"
