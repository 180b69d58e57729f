"""The patient handout: what it says, the dose-writing rules over all of it, same bytes, long plans."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re

import pytest
from pypdf import PdfReader

from ldn_desk.documents.handout import handout_pdf
from ldn_desk.documents.info import HandoutInfo
from ldn_desk.documents.pdfbase import PageSetup
from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.errors import InputError, RecipeError
from ldn_desk.plans.dispensing import dispense_capsules, dispense_liquid
from ldn_desk.plans.measuring import measure_capsules, measure_liquid
from ldn_desk.plans.titration import plan_from_ladder, plan_from_protocol
from ldn_desk.recipes.dosing import Syringe
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 3, 1)
# 4.5 mL needs 0.1 mL marks on a 5 mL syringe; COARSE has only one with 0.2 mL marks.
SYRINGES = [Syringe(1, 0.01), Syringe(3, 0.1), Syringe(5, 0.1)]
COARSE = [Syringe(1, 0.01), Syringe(3, 0.1), Syringe(5, 0.2), Syringe(10, 0.2)]
INFO = HandoutInfo(
    patient="José Müller-Ñúñez",
    date=dt.date(2026, 2, 27),
    prescriber="Dr Łukasz Øyvind",
    clinic="Northern Integrative Pain and Fatigue Clinic of Saint-Étienne",  # 60 characters
    contact="+44 20 7946 0000",
)


def pages(pdf: bytes) -> list[str]:
    return [(page.extract_text() or "").replace("\u00a0", " ") for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(pages(pdf)).split())


@pytest.fixture(scope="module")
def standard_liquid() -> bytes:
    plan = plan_from_protocol("standard", START)
    liquid = measure_liquid(plan, Quantity(1, "mg/mL"), SYRINGES)
    supply = dispense_liquid(plan, Quantity(1, "mg/mL"))
    return handout_pdf(plan, INFO, PageSetup("a4"), liquid=liquid, supply=supply)


def test_handout_says_the_plan_in_plain_words(standard_liquid: bytes) -> None:
    text = flat(standard_liquid)
    # Standard protocol (Dieckmann / Tufts): 1.5 mg days 1–14, 3 mg days 15–28, 4.5 mg from day 29.
    # At 1 mg/mL: 1.5 mg = 1.5 mL, 3 mg = 3 mL, 4.5 mg = 4.5 mL.
    for expected in (
        "José Müller-Ñúñez",
        "Dr Łukasz Øyvind",
        "Northern Integrative Pain and Fatigue Clinic of Saint-Étienne",
        "1 March 2026 to 14 March 2026",
        "15 March 2026 to 28 March 2026",
        "From 29 March 2026 onwards",
        # The marks named: a 5 mL syringe may have 0.1 or 0.2 mL marks, and only one measures 4.5 mL.
        "Draw up 1.5 mL in the 3 mL oral syringe (0.1 mL marks)",
        "Draw up 3 mL in the 3 mL oral syringe (0.1 mL marks)",
        "Draw up 4.5 mL in the 5 mL oral syringe (0.1 mL marks)",
        "at bedtime",
        # Review: the later of day 57 (8 weeks) and day 29 + 28 (4 weeks at 4.5 mg) = day 57,
        # which is 1 March + 56 days = 26 April 2026.
        "Review visit 26 April 2026",
    ):
        assert expected in text, expected


def test_handout_carries_the_safety_content(standard_liquid: bytes) -> None:
    text = flat(standard_liquid)
    for expected in (
        "do not take LDN with opioid medicines",
        "tramadol",
        "codeine",
        "morphine",
        "oxycodone",
        "fentanyl",
        "buprenorphine",
        "surgeon and dentist",
        "at least 2 days before planned surgery",
        "Vivid dreams",
        "headache",
        "in the morning instead",
        "Go back to your previous dose",
        "When to call",
        "Shake the bottle well",
        "Refrigerate (2–8 °C)",
        "Never use a kitchen spoon",
        # The first water-based fill, made 1 March, has a 14-day USP BUD: 14 March (Day 1 = 1 March).
        "14 March 2026",
        "Do not use after",
        "Symptom diary",
        "Pain 0–10",
        "calculation aid",
        "from the plan of Dr Łukasz Øyvind",  # whose plan it follows, never who "checked" it
        "Dieckmann",  # the protocol's source
        "If you miss a dose",
        "Never take two doses together",
        "Daily activities",
        "I take low-dose naltrexone (LDN)",  # the wallet card
    ):
        assert expected in text, expected


def test_calendar_runs_from_the_start_to_the_review_visit(standard_liquid: bytes) -> None:
    text = flat(standard_liquid)
    calendar = text[text.index("Your calendar") : text.index("Symptom diary")]
    assert "1 Mar" in calendar and "26 Apr" in calendar and "27 Apr" not in calendar
    assert "Review" in calendar and "New dose" in calendar and "New bottle" in calendar


def test_every_page_keeps_the_dose_writing_rules(standard_liquid: bytes) -> None:
    assert dose_text_problems(" ".join(pages(standard_liquid))) == []


def test_same_input_gives_the_same_bytes(standard_liquid: bytes) -> None:
    plan = plan_from_protocol("standard", START)
    again = handout_pdf(
        plan,
        INFO,
        PageSetup("a4"),
        liquid=measure_liquid(plan, Quantity(1, "mg/mL"), SYRINGES),
        supply=dispense_liquid(plan, Quantity(1, "mg/mL")),
    )
    assert again == standard_liquid


def test_footer_numbers_the_pages(standard_liquid: bytes) -> None:
    texts = pages(standard_liquid)
    assert f"page 1 of {len(texts)}" in texts[0]
    assert f"page {len(texts)} of {len(texts)}" in texts[-1]


def test_capsule_handout_names_the_capsules_and_keeps_the_rules() -> None:
    plan = plan_from_protocol("standard", START)
    capsules = measure_capsules(plan, [1.5])
    pdf = handout_pdf(
        plan, INFO, PageSetup("letter"), capsules=capsules, supply=dispense_capsules(plan, [1.5])
    )
    text = flat(pdf)
    # 3 mg = 2 × 1.5 mg and 4.5 mg = 3 × 1.5 mg (fewest capsules of one strength).
    assert "Take 1 capsule of 1.5 mg" in text
    assert "Take 2 capsules of 1.5 mg" in text
    assert "Take 3 capsules of 1.5 mg" in text
    assert "Swallow each capsule whole" in text
    assert "oral syringe" not in text
    assert dose_text_problems(text) == []
    assert PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width == pytest.approx(612)  # Letter, 8.5 in


def test_large_print_uses_more_pages() -> None:
    plan = plan_from_protocol("standard", START)
    normal = handout_pdf(plan, INFO, PageSetup("a4"))
    large = handout_pdf(plan, INFO, PageSetup("a4", large_print=True))
    assert len(pages(large)) > len(pages(normal))
    assert dose_text_problems(" ".join(pages(large))) == []


def test_a_year_long_thirty_step_plan_flows_over_pages() -> None:
    ladder = [Quantity(round(0.1 * i, 2), "mg") for i in range(1, 31)]  # 0.1 … 3 mg, one rung a fortnight
    plan = plan_from_ladder(ladder, 12, START, days=364)
    assert len(plan.steps) == 30
    long_name = "Maria-Magdalena Łukasiewicz-Øyvindsdóttir de la Santísima Trinidad Müller-Ñúñez"
    info = HandoutInfo(patient=long_name, date=START, clinic=INFO.clinic)
    pdf = handout_pdf(plan, info, PageSetup("a4"), liquid=measure_liquid(plan, Quantity(1, "mg/mL")))
    texts = pages(pdf)
    assert len(texts) >= 8
    text = flat(pdf)
    assert long_name in text
    assert "Draw up 0.1 mL in the 1 mL oral syringe" in text  # 0.1 mg at 1 mg/mL
    assert "Draw up 3 mL in the 3 mL oral syringe" in text  # the last rung
    assert dose_text_problems(" ".join(texts)) == []


def test_a_step_the_patient_cannot_measure_is_refused() -> None:
    plan = plan_from_protocol("standard", START)
    # 4.5 mL is not a whole number of 0.2 mL marks on the 5 mL syringe (22.5), nor on the 10 mL one.
    liquid = measure_liquid(plan, Quantity(1, "mg/mL"), COARSE)
    with pytest.raises(RecipeError, match=r"step 3: 4\.5 mg is 4\.5 mL"):
        handout_pdf(plan, INFO, liquid=liquid)


def test_a_refused_step_names_its_calculated_volume_not_a_rounded_one() -> None:
    # 1.25 mg of 1 mg/mL is 1.25 mL, which no direction can say (from 1 mL, volumes go to the tenth).
    plan = plan_from_ladder([Quantity(1.25, "mg")], 14, START)
    liquid = measure_liquid(plan, Quantity(1, "mg/mL"))
    with pytest.raises(
        RecipeError, match=r"step 1: 1\.25 mg is 1\.25 mL of 1 mg/mL by calculation"
    ) as refused:
        handout_pdf(plan, INFO, liquid=liquid)
    assert "1.3 mL" not in str(refused.value)


def test_a_name_the_font_cannot_show_is_refused() -> None:
    with pytest.raises(InputError, match=r"^patient:.*cannot show"):
        HandoutInfo(patient="山田 太郎", date=START)


def test_an_unbroken_long_name_wraps_and_is_printed_whole() -> None:
    name = "Müller-Ñúñez-Øyvindsdóttir-Brzęczyszczykiewicz-Łukasiewicz-Ødegård-Santísima-Trinidad-Hernández"
    info = HandoutInfo(patient=name, date=START, clinic=name, prescriber=name)
    pdf = handout_pdf(plan_from_protocol("standard", START), info)
    joined = "".join(" ".join(pages(pdf)).split())  # a wrapped name is split by a line break only
    assert joined.count(name) >= 4  # clinic, patient and prescriber in the header, and each footer


def test_small_print_dates_the_review_and_its_latest_day() -> None:
    plan = plan_from_protocol("standard", START)
    text = flat(handout_pdf(plan, INFO, PageSetup("a4")))
    # Standard: 4.5 mg from day 29; review at the later of 8 weeks from the start (day 57) and 4 weeks
    # at 4.5 mg (day 29 + 28 = day 57). Latest: 12 weeks (day 85) or 8 weeks at target (day 85).
    # Day 1 = 1 March 2026: day 57 = 26 April 2026, day 85 = 24 May 2026.
    assert (
        "Review visit on day 57 (26 April 2026): after at least 8 weeks from the start and 4 weeks at "
        "4.5 mg; no later than day 85 (24 May 2026)." in text
    )
    assert "(by day 85)" not in text


def test_two_capsule_strengths_read_as_two_capsules() -> None:
    # Weekly 1 mg: 1, 2, 3, 4 mg by 1 mg capsules, then 4.5 mg = 4 × 1 mg + 1 × 0.5 mg.
    plan = plan_from_protocol("weekly_1mg", START)
    pdf = handout_pdf(plan, INFO, PageSetup("a4"), capsules=measure_capsules(plan, [1, 0.5]))
    text = flat(pdf)
    assert "Your capsules: 1 mg and 0.5 mg capsules." in text
    assert "1 mg, 0.5 mg capsules" not in text
    assert "Take 4 capsules of 1 mg and 1 capsule of 0.5 mg" in text
    assert "Swallow each capsule whole" in text


def test_supplies_sentence_stays_with_its_table() -> None:
    # Gentle at 5 mg/mL on A4: the storage section ends near the foot of page 2, where the
    # sentence that introduces the bottles used to be left alone, its table on page 3.
    plan = plan_from_protocol("gentle", START)
    strength = Quantity(5.0, "mg/mL")
    pdf = handout_pdf(
        plan,
        INFO,
        PageSetup("a4"),
        liquid=measure_liquid(plan, strength, SYRINGES),
        supply=dispense_liquid(plan, strength),
    )
    page = next(text for text in pages(pdf) if "Your supplies from the pharmacy" in text)
    assert "Start using" in page and "Do not use after" in page


def test_preserved_formula_handout_says_to_keep_it_from_light() -> None:
    # The Fawcett 1997 formula's label says "Protect from light" (amber bottle); plain water's does not.
    plan = plan_from_protocol("standard", START)
    strength = Quantity(1.0, "mg/mL")
    texts = {
        formula: flat(
            handout_pdf(
                plan,
                INFO,
                PageSetup("a4"),
                liquid=measure_liquid(plan, strength, SYRINGES),
                supply=dispense_liquid(plan, strength, formula=formula),
            )
        )
        for formula in ("fawcett_1997", "water")
    }
    assert "Keep it away from light, in the amber bottle it came in." in texts["fawcett_1997"]
    assert "away from light" not in texts["water"]


def test_morning_dosing_is_not_told_to_move_to_the_morning() -> None:
    # Sleep trouble: at bedtime the advice is a morning dose; a morning plan is told to call instead.
    bedtime = plan_from_protocol("standard", START)
    morning = plan_from_protocol("standard", START, time_of_day="morning")
    bedtime_text = flat(handout_pdf(bedtime, INFO, PageSetup("a4")))
    morning_text = flat(handout_pdf(morning, INFO, PageSetup("a4")))
    assert "taking it in the morning instead" in bedtime_text
    assert "Take your dose once a day in the morning." in morning_text
    assert "in the morning instead" not in morning_text
    assert "If LDN disturbs your sleep or gives you vivid dreams, tell your prescriber." in morning_text
    assert "Vivid dreams or poor sleep even with a morning dose: tell your prescriber" in morning_text


def test_the_bottle_table_shows_the_overage_and_the_handout_says_when_more_is_needed() -> None:
    from ldn_desk.documents.handout import plan_handout_pdf
    from ldn_desk.plans.pipeline import FromProtocol, LiquidForm, PlanRequest, plan_outcome

    # Standard from 1 March 2026, 28 days of 1 mg/mL: bottle 1 is 14 × 1.5 = 21 mL + 2 mL = 23 mL,
    # bottle 2 14 × 3 = 42 mL + 5 % (2.1 mL) = 44.1 mL, up to a whole mL, 45 mL. The plan shown runs to the review day (57),
    # so more is needed from day 29, 29 March 2026 (day 28 is 28 March).
    outcome = plan_outcome(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0), supply_days=28))
    pdf = plan_handout_pdf(outcome, INFO)
    text = flat(pdf)
    assert "23 mL (2 mL extra)" in text and "45 mL (3 mL extra)" in text
    assert "because the bottle and syringe keep some back" in text
    assert "These supplies last until 28 March 2026. You need more from 29 March 2026" in text
    calendar = next(page for page in pages(pdf) if "tick the box" in page)
    assert "29 Mar" in calendar and "Need more" in calendar
    # Through the review day nothing is said, and nothing marked.
    full = flat(
        plan_handout_pdf(
            plan_outcome(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))), INFO
        )
    )
    assert "Need more" not in full and "You need more from" not in full


def test_the_handout_never_claims_a_check_it_cannot_know() -> None:
    plan = plan_from_protocol("standard", START)
    for info in (INFO, HandoutInfo(patient="Ann", date=START, contact="+44 20 7946 0000")):
        text = flat(handout_pdf(plan, info, PageSetup("a4")))
        assert "checked by" not in text
    unnamed = flat(handout_pdf(plan, HandoutInfo(patient="Ann", date=START), PageSetup("a4")))
    assert "No prescriber is named on this plan: check it with your prescriber or pharmacist" in unnamed


def test_no_internal_source_shorthand_reaches_a_patient_page() -> None:
    from ldn_desk.plans.protocols import load_protocols

    shorthand = re.compile(r"seed|ldnscience|Dr\.Oracle|LDN Desk (convention|default|example)", re.IGNORECASE)
    for key in load_protocols():
        plan = plan_from_protocol(key, START)
        text = flat(handout_pdf(plan, INFO, PageSetup("a4")))
        assert not shorthand.search(text), (key, shorthand.search(text))
        assert f"Plan: {plan.protocol_name} (" in text, key  # every library protocol has plain words
    custom = plan_from_ladder([Quantity(1, "mg"), Quantity(2, "mg")], 14, START)
    # Never a claim the program cannot know (who wrote it): what it is, said plainly.
    assert "Plan: Custom plan (made for you, not a standard protocol)." in flat(handout_pdf(custom, INFO))


def test_a_handout_without_a_phone_number_warns_its_maker_and_leaves_a_line_to_write_it() -> None:
    from ldn_desk.documents.handout import handout_notices

    plan = plan_from_protocol("standard", START)
    for contact in ("", "clinic@example.org", "12 High Street"):
        info = HandoutInfo(patient="Ann", date=START, contact=contact)
        (notice,) = handout_notices(info)
        assert "no contact phone number" in notice
        assert "Phone your prescriber or pharmacy: ____" in flat(handout_pdf(plan, info))
    assert handout_notices(INFO) == ()
    assert "Phone your prescriber or pharmacy" not in flat(handout_pdf(plan, INFO))


def test_the_wallet_card_is_card_sized_and_carries_the_patients_details() -> None:
    from reportlab.lib.units import mm

    from ldn_desk.documents.card import CardText, wallet_card
    from ldn_desk.documents.pdfbase import make_styles

    front, back = CardText("I take LDN", ("It blocks opioids.",)), CardText("My details", ("Name: Ann",))
    normal = wallet_card(front, back, make_styles(12), large_print=False)
    # ISO/IEC 7810 ID-1: 85.6 × 54 mm a panel, front and back side by side to fold into one card.
    assert normal._argW == pytest.approx([85.6 * mm, 85.6 * mm]) and normal._argH == pytest.approx([54 * mm])
    large = wallet_card(front, back, make_styles(16, smallest=14), large_print=True)
    assert large._argW == pytest.approx([105 * mm]) and large._argH == pytest.approx([74 * mm, 74 * mm])
    plan = plan_from_protocol("standard", START)
    text = flat(handout_pdf(plan, INFO, PageSetup("a4")))
    # The standard plan's highest dose is 4.5 mg, at bedtime.
    for expected in ("Name: José Müller-Ñúñez", "Dose: up to 4.5 mg a day, at bedtime",
                     "Prescriber: Dr Łukasz Øyvind", "Phone: +44 20 7946 0000",
                     "I stop LDN at least 2 days before"):  # fmt: skip
        assert expected in text, expected
    blank = flat(handout_pdf(plan, HandoutInfo(patient="Ann", date=START)))
    assert "Prescriber: ____" in blank and "Phone: ____" in blank


def test_calendar_and_diary_name_each_month_with_its_year() -> None:
    # From 14 December 2026 the standard plan's review falls on day 57 = 8 February 2027: the
    # calendar and diary cross the year, and each month heading carries its year.
    plan = plan_from_protocol("standard", dt.date(2026, 12, 14))
    text = flat(handout_pdf(plan, INFO, PageSetup("a4")))
    calendar = text[text.index("Your calendar") : text.index("Symptom diary")]
    diary = text[text.index("Symptom diary") :]
    for part in (calendar, diary):
        assert "December 2026" in part and "January 2027" in part and "February 2027" in part


def test_month_headings() -> None:
    from ldn_desk.documents.calendar import month_heading

    week = [dt.date(2026, 3, 30) + dt.timedelta(days=n) for n in range(7)]  # 30 March to 5 April
    assert month_heading(week, first=False) == "April 2026"
    assert month_heading(week, first=True) == "March – April 2026"
    assert month_heading(week[:2], first=False) == ""  # no month begins on 30 or 31 March
    new_year = [dt.date(2026, 12, 28) + dt.timedelta(days=n) for n in range(7)]
    assert month_heading(new_year, first=True) == "December 2026 – January 2027"


def test_chart_labels_never_touch() -> None:
    from reportlab.graphics.shapes import String

    from ldn_desk.documents.chart import ChartStep, dose_chart

    # Weekly 1 mg: 1, 2, 3, 4 mg, then 4.5 mg. On a 9 pt chart 0.5 mg is too little height for two
    # labels, so "4 mg" keeps its grid line and "4.5 mg" (the target) its label.
    steps = [ChartStep(7 * i + 1, 7 * i + 7, dose) for i, dose in enumerate([1, 2, 3, 4])]
    steps.append(ChartStep(29, 63, 4.5))
    drawing = dose_chart(steps, 500, font_size=9, review_day=57)
    labels = {s.text: s.y for s in drawing.contents if isinstance(s, String) and s.text.endswith(" mg")}
    assert "4.5 mg" in labels and "4 mg" not in labels and "1 mg" in labels
    heights = sorted(labels.values())
    assert all(b - a >= 9 for a, b in itertools.pairwise(heights))
