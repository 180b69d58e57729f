"""Printed pages read as their reader would: what a glyph check does not see.

The contact says what it is for; a footer never breaks its page number; a paragraph never
leaves its last line alone at the head of a page; a page the calendar or diary continues on names
its month and year; the review summary's week dates never break inside.
The plans are the standard protocol (1.5 mg days 1–14, 3 mg days 15–28, 4.5 mg from day 29,
review day 57: resources/protocols.toml) and a year-long ladder of 25 rungs.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
import pytest
from reportlab.platypus import Paragraph

from ldn_desk.documents.content import Directions
from ldn_desk.documents.handout import handout_pdf
from ldn_desk.documents.info import HandoutInfo, PharmacyInfo
from ldn_desk.documents.label import label_pdf, layouts
from ldn_desk.documents.pdfbase import PageSetup, make_styles
from ldn_desk.documents.review import review_summary_pdf
from ldn_desk.plans.dispensing import dispense_capsules, dispense_liquid
from ldn_desk.plans.measuring import measure_capsules, measure_liquid
from ldn_desk.plans.review import diary_entry
from ldn_desk.plans.titration import plan_from_ladder, plan_from_protocol
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.units.quantity import Quantity

START = dt.date(2026, 12, 1)
STRENGTH = Quantity(1, "mg/mL")


def _lines(pdf: bytes) -> list[list[str]]:
    """Each page's text lines, no-break spaces read as spaces."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(page.extract_text() or "").replace("\u00a0", " ").splitlines() for page in document.pages]


def _standard(info: HandoutInfo, language: str, *, large: bool = False) -> bytes:
    plan = plan_from_protocol("standard", START)
    return handout_pdf(plan, info, PageSetup("a4", large_print=large), liquid=measure_liquid(plan, STRENGTH),
                       supply=dispense_liquid(plan, STRENGTH), language=language)  # fmt: skip


@pytest.mark.parametrize(
    ("language", "contact", "line"),
    [
        ("en", "0161 555 0100", "Questions? Call 0161 555 0100"),
        ("es", "0161 555 0100", "¿Tiene dudas? Llame al 0161 555 0100"),
        ("en", "ldn@clinic.example", "Questions? Contact: ldn@clinic.example"),
        ("es", "ldn@clinic.example", "¿Tiene dudas? Contacto: ldn@clinic.example"),
    ],
)
def test_the_contact_on_page_one_says_what_it_is_for(language: str, contact: str, line: str) -> None:
    # A bare "0161 555 0100" at the top of the page could be anyone's number.
    info = HandoutInfo(patient="Ann Lee", date=START, clinic="Leeds Pain Clinic", contact=contact)
    first_page = _lines(_standard(info, language))[0]
    assert line in first_page[:3]
    assert contact not in first_page[:3]  # never the contact alone on its line


def test_a_footer_keeps_its_page_number_whole() -> None:
    from ldn_desk.documents.pdfbase import footer_markup

    assert (
        footer_markup("Ann Lee · plan · page 5 of 10")
        == "Ann Lee\u00a0· plan\u00a0· page\u00a05\u00a0of\u00a010"
    )
    assert footer_markup("Ann Lee lives here") == "Ann Lee lives here"  # no page part: it may wrap
    # The Spanish large-print footer ran to "... · página 5 de" over a lone "10".
    info = HandoutInfo(patient="Ann Lee", date=START, contact="0161 555 0100")
    pages = _lines(_standard(info, "es", large=True))
    assert len(pages) >= 10
    for number, lines in enumerate(pages, 1):
        assert lines[-1] == f"página {number} de {len(pages)}", lines[-2:]


def test_a_paragraph_never_leaves_its_last_line_alone_on_the_next_page() -> None:
    styles = make_styles(12)
    text = (
        "Each bottle holds a little more than your doses, because the bottle and syringe keep some back. " * 2
    )
    paragraph = Paragraph(text, styles.body)
    _, height = paragraph.wrap(300, 1e6)
    lines = round(height / styles.body.leading)
    assert lines >= 3
    parts = paragraph.split(300, styles.body.leading * (lines - 1) + 1)  # room for all but the last line
    if parts:
        _, rest = parts
        _, rest_height = rest.wrap(300, 1e6)
        assert rest_height > styles.body.leading * 1.5  # two lines or more go over, never one
    # The Spanish large-print handout began a page with "No es para tomar dosis adicionales.".
    info = HandoutInfo(patient="Ann Lee", date=START, contact="0161 555 0100")
    starts = [lines[0] for lines in _lines(_standard(info, "es", large=True))]
    assert "No es para tomar dosis adicionales." not in starts


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_the_calendar_or_diary_continues_on_names_its_month_and_year(language: str) -> None:
    # 25 rungs a fortnight apart (0.1 mg to 3 mg) over a year: the calendar and the diary run over
    # many pages, and a page of "8 Nov" rows alone did not say which year.
    ladder = [Quantity(round(0.1 * i, 1), "mg") for i in range(1, 21)] + [
        Quantity(mg, "mg") for mg in (2.2, 2.4, 2.6, 2.8, 3)
    ]
    plan = plan_from_ladder(ladder, 14, START, days=364)
    info = HandoutInfo(patient="Ann Lee", date=START, contact="0161 555 0100")
    pdf = handout_pdf(plan, info, PageSetup("a4"), liquid=measure_liquid(plan, STRENGTH), language=language)
    header = {"en": ("Mon Tue", "Week Dose"), "es": ("Lun Mar", "Semana Dosis")}[language]
    continued = [lines for lines in _lines(pdf) if lines[0].startswith(header)]
    assert len(continued) >= 6  # the calendar's and the diary's pages after their first
    for lines in continued:
        # The line after the repeated header (two lines for the diary's wrapped titles) is a month.
        assert any(re.fullmatch(r"\w+( – \w+)? (de )?20\d\d", line) for line in lines[1:3]), lines[:3]


def test_the_review_summarys_week_dates_never_break_inside() -> None:
    # Ten weeks written, each with notes long enough to narrow the week column's neighbours.
    plan = plan_from_protocol("standard", dt.date(2026, 3, 1))
    diary = [diary_entry(plan, week, pain="3", notes="walked to the shops twice; slept well " * 3)
             for week in range(1, 12)]  # fmt: skip
    pdf = review_summary_pdf(plan, diary, PageSetup("a4"), patient="Ann Lee", printed=dt.date(2026, 5, 20))
    lines = [line for page in _lines(pdf) for line in page]
    assert any(line.startswith("11 (10 May)") for line in lines)  # week 11 began on 10 May 2026
    assert not any(re.search(r"\(\d+$", line) for line in lines)  # never "11 (10" over "May)"


def test_the_spanish_capsule_handout_counts_capsules_as_spanish_does() -> None:
    # Standard protocol on 3 mg and 1.5 mg capsules: 1.5 mg days 1–14 (14 × 1.5 mg), 3 mg days
    # 15–28 (14 × 3 mg), 4.5 mg = 3 mg + 1.5 mg days 29–57 (29 of each): 43 of each in one supply.
    plan = plan_from_protocol("standard", START)
    info = HandoutInfo(patient="Ann Lee", date=START, contact="0161 555 0100")
    pdf = handout_pdf(plan, info, PageSetup("a4"), capsules=measure_capsules(plan, [3, 1.5]),
                      supply=dispense_capsules(plan, [3, 1.5]), language="es")  # fmt: skip
    lines = [line for page in _lines(pdf) for line in page]
    text = " ".join(lines)
    assert "43 cápsulas de 3 mg" in text and "× cápsulas" not in text  # not "43 × cápsulas de 3 mg"
    assert "Sus cápsulas: cápsulas de 3 mg y 1.5 mg." in text  # lower case after a colon
    # "Tome 1 cápsula de 3 mg y 1" over "cápsula de 1.5 mg": a count never ends a line, so
    # every "cápsula(s) de 1.5 mg" has its count before it on the same line.
    counted = [line for line in lines if not line.startswith("Sus cápsulas:")]
    before = [m.group(1) for line in counted for m in re.finditer(r"(\S+) cápsulas? de \d", line)]
    assert len(before) >= 5 and all(word.isdigit() for word in before), before


@pytest.mark.parametrize(("language", "date"), [("en", "1 December 2026"), ("es", "1 de diciembre de 2026")])
def test_a_long_name_wraps_the_footer_but_never_breaks_its_date(language: str, date: str) -> None:
    # An 80-character name pushed "printed 1" to the end of a line and "December 2026" below it.
    name = "Maria-Magdalena Łukasiewicz-Øyvindsdóttir de la Santísima Trinidad Müller-Ñúñez"
    info = HandoutInfo(patient=name, date=START, contact="0161 555 0100")
    for lines in _lines(_standard(info, language)):
        assert lines[-2].startswith(name) and date in lines[-1], lines[-2:]  # the date whole, below
    plan = plan_from_protocol("standard", START)
    summary = review_summary_pdf(plan, [diary_entry(plan, 1, pain="4")], PageSetup("a4"), patient=name,
                                 printed=START)  # fmt: skip
    if language == "en":  # the review summary is the clinician's, in English
        for lines in _lines(summary):
            assert any(f"printed {date} ·" in line for line in lines[-2:]), lines[-2:]


def _label_lines(layout: str, language: str) -> list[str]:
    """The printed lines of a 1 mg/mL liquid's label on the layout, with every part filled."""
    info = PharmacyInfo(patient="Ann Lee", rx="RX-2026-0042", pharmacy="Leeds Compounding Pharmacy", date=START,
                        contact="0161 555 0100", prescriber="Dr Jane Roe", dispensed=START)  # fmt: skip
    made = make_liquid(LiquidInput(STRENGTH, Quantity(100, "mL"), START))
    pdf = label_pdf(made, info, layout, directions=Directions(dose_mg=1.5), language=language)
    return [line.strip() for page in _lines(pdf) for line in page]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("layout", sorted(layouts()))
def test_a_wrapped_label_line_never_starts_with_its_separator(layout: str, language: str) -> None:
    # Avery L7165 in Spanish wrapped "Receta RX-2026-0042 · elaborado el 1 de diciembre de 2026"
    # over "· dispensado el 1 de diciembre de 2026": the dot belongs to the line it ends.
    lines = _label_lines(layout, language)
    assert len(lines) >= 8
    assert not [line for line in lines if line.startswith("·")]


def test_a_review_summary_over_more_than_a_year_dates_its_weeks_with_the_year() -> None:
    # 30 rungs of 0.1 mg a fortnight from 1 December 2026 over 420 days: week 1 begins on
    # 1 December 2026 and week 53 on 1 Dec + 52 × 7 days = 30 November 2027, week 54 on 7 December
    # 2027 — "7 Dec" twice without its year. A plan inside one year keeps the short "3 (15 Mar)".
    ladder = [Quantity(round(0.1 * i, 1), "mg") for i in range(1, 31)]
    plan = plan_from_ladder(ladder, 14, START, days=420)
    diary = [diary_entry(plan, week, pain="4") for week in range(1, 61, 3)]
    pdf = review_summary_pdf(plan, diary, PageSetup("a4"), patient="Ann Lee", printed=dt.date(2028, 2, 1))
    lines = [line for page in _lines(pdf) for line in page]
    assert any(line.startswith("1 (1 Dec 2026)") for line in lines)
    assert any(line.startswith("54 (7 Dec 2027)") for line in lines)
    short = plan_from_protocol("standard", dt.date(2026, 3, 1))
    pdf = review_summary_pdf(short, [diary_entry(short, 3, pain="4")], PageSetup("a4"), patient="Ann Lee",
                             printed=dt.date(2026, 5, 1))  # fmt: skip
    assert any(line.startswith("3 (15 Mar)") for page in _lines(pdf) for line in page)


@pytest.mark.parametrize(("language", "more", "header"), [("en", "You need more from", "Start using"),
                                                          ("es", "Necesitará más", "Empezar a usar")])  # fmt: skip
def test_when_the_supplies_run_out_is_said_with_their_table(language: str, more: str, header: str) -> None:
    # A year of 25 rungs (0.1 mg to 3 mg) supplied for days 1–364 of a plan that runs to its
    # review on day 365: 26 bottles. After their long table the Spanish "Necesitará más …" went
    # over to the next page alone.
    ladder = [Quantity(round(0.1 * i, 1), "mg") for i in range(1, 21)] + [
        Quantity(mg, "mg") for mg in (2.2, 2.4, 2.6, 2.8, 3)
    ]
    plan = plan_from_ladder(ladder, 14, START, days=364)
    info = HandoutInfo(patient="Ann Lee", date=START, contact="0161 555 0100")
    pdf = handout_pdf(plan, info, PageSetup("a4"), liquid=measure_liquid(plan, STRENGTH),
                      supply=dispense_liquid(plan, STRENGTH, 364), more_needed_day=365,
                      language=language)  # fmt: skip
    pages = [" ".join(lines) for lines in _lines(pdf)]
    said = [text for text in pages if more in text]
    assert len(said) == 1 and header in said[0]


@pytest.mark.parametrize("large", [False, True])
def test_a_date_in_the_plan_and_supply_tables_never_leaves_its_year_alone(large: bool) -> None:
    # "Desde el 29 de diciembre de" over a lone "2026" in the plan table's dates column; the
    # date may break as "29 de diciembre" over "de 2026", the year with its "de".
    info = HandoutInfo(patient="Ann Lee", date=START, contact="0161 555 0100")
    with pdfplumber.open(io.BytesIO(_standard(info, "es", large=large))) as document:
        words = [w["text"] for page in document.pages[:5] for w in page.extract_words()]
        lines = [line for page in document.pages[:5] for line in (page.extract_text() or "").splitlines()]
    assert "2026" in words  # the years are printed
    assert not [line for line in lines if re.match(r"\s*20\d\d\b", line)]  # never a year first on a line


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("layout", sorted(layouts()))
def test_a_label_product_name_never_ends_with_one_word_alone(layout: str, language: str) -> None:
    # Avery L7165 in Spanish printed "Naltrexona clorhidrato 1 mg/mL, suspensión" over "oral".
    lines = _label_lines(layout, language)
    assert not [
        line for line in lines if line in ("oral", "suspension", "suspensión", "solution", "solución")
    ]
    assert any(("suspensión oral" if language == "es" else "oral suspension") in line for line in lines)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_large_print_plan_keeps_the_time_of_day_on_one_line(language: str) -> None:
    # In the narrow When column of large print, Spanish broke "al" over "acostarse".
    pdf = _standard(HandoutInfo(patient="Ann Lee", date=START), language, large=True)
    lines = [line.strip() for page in _lines(pdf) for line in page]
    # The wallet card's dose line: the time of day whole, on that line or the next.
    card = next(i for i, line in enumerate(lines) if line.startswith(("Dose:", "Dosis:")))
    said = "al acostarse" if language == "es" else "at bedtime"
    assert lines[card].endswith(said) or lines[card + 1].startswith(said), lines[card : card + 2]
    heading, chart = (
        ("Su plan", "Su dosis semana a semana")
        if language == "es"
        else ("Your plan", "Your dose week by week")
    )
    lines = lines[lines.index(heading) : lines.index(chart)]  # the plan table
    words = "al acostarse" if language == "es" else "at bedtime"
    # The standard protocol's three steps (DOMAIN.md: 1.5, 3, 4.5 mg) each print their time of day.
    assert sum(line.endswith(words) for line in lines) >= 3
    first, second = words.split(" ")
    assert not [
        line for line in lines if line == first or line.endswith(f" {first}") or line.startswith(second)
    ]
