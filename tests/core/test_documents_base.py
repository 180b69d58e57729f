"""Printed-document groundwork: text the font can show, paper by locale, the dose-text checker, the chart."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from ldn_desk.documents.chart import ChartStep, _y_ticks, dose_chart
from ldn_desk.documents.info import HandoutInfo, PharmacyInfo
from ldn_desk.documents.pdfbase import PageSetup, default_paper, keep_units, parse_paper, printable
from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.errors import InputError


@pytest.mark.parametrize(
    "name", ["José Müller-Ñúñez", "Łukasz", "Øyvind", "Şükrü Ğündoğdu", "Ștefan Țurcanu"]
)
def test_latin_names_are_printable(name: str) -> None:
    assert printable(name, "patient") == name


def test_decomposed_accents_are_composed_before_printing() -> None:
    # "José" typed as e + combining acute (U+0301) becomes the single letter é.
    assert printable("Jose\u0301", "patient") == "José"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王小明", "cannot show"),  # CJK: not in DejaVu Sans
        ("Anna 💊", "cannot show"),  # an emoji DejaVu Sans lacks
        ("שרה", "right-to-left"),  # Hebrew would print in the wrong order
        ("Ann\u200bMarie", "invisible"),  # zero-width space
    ],
)
def test_text_the_font_cannot_show_is_refused_naming_the_field(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        printable(text, "patient")
    assert caught.value.field == "patient"
    assert expected in str(caught.value)
    assert str(caught.value).startswith("patient:")


def test_handout_info_refuses_a_cjk_prescriber_by_field() -> None:
    import datetime as dt

    with pytest.raises(InputError, match=r"^prescriber:"):
        HandoutInfo(patient="Anna", date=dt.date(2026, 3, 1), prescriber="李医生")


def test_pharmacy_info_needs_an_rx_number() -> None:
    import datetime as dt

    with pytest.raises(InputError, match=r"^Rx number:"):
        PharmacyInfo(patient="Anna", rx="  ", pharmacy="Pharmacy", date=dt.date(2026, 3, 1))


def test_names_are_trimmed_and_overlong_names_refused() -> None:
    import datetime as dt

    info = HandoutInfo(patient="  Øyvind Ødegård ", date=dt.date(2026, 3, 1))
    assert info.patient == "Øyvind Ødegård"
    with pytest.raises(InputError, match="longer than"):
        HandoutInfo(patient="A" * 500, date=dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "fr_CA.UTF-8"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "de_DE.UTF-8", "LC_PAPER": "es_MX.UTF-8"}, "letter"),  # LC_PAPER wins
        ({"LANG": "C.UTF-8"}, "a4"),
        ({}, "a4"),
    ],
)
def test_default_paper_follows_the_locale(environ: dict[str, str], paper: str) -> None:
    assert default_paper(environ) == paper


def test_paper_choice_is_checked() -> None:
    assert parse_paper("Letter") == "letter"
    with pytest.raises(InputError, match=r"^paper:"):
        parse_paper("a5")
    with pytest.raises(InputError, match=r"^paper:"):
        PageSetup(paper="legal")


@pytest.mark.parametrize(
    "bad",
    ["take .5 mg", "take 1.0 mg", "take 1.50 mL", "100 µg", "100 μg", "5 cc", "1 mg qhs", "5 ml", "2 mls",
     "4.5mg", "1 tsp", "1 mg QD"],
)  # fmt: skip
def test_the_dose_text_checker_catches_each_rule(bad: str) -> None:
    assert dose_text_problems(bad), bad


def test_the_dose_text_checker_passes_safe_text() -> None:
    good = "Take 0.5 mg (0.5 mL) at bedtime; 100 mcg; 1 mg daily; 1,000 mL; 12 March 2026; 2–8 °C; 99.1 × 38.1 mm"
    assert dose_text_problems(good) == []


def test_numbers_keep_their_units_on_the_same_line() -> None:
    assert (
        keep_units("take 0.5 mg or 1 × 1.5 mg in 3 mL")
        == "take 0.5\u00a0mg or 1\u00a0×\u00a01.5\u00a0mg in 3\u00a0mL"
    )


def test_chart_ticks_use_the_plan_doses_when_few() -> None:
    assert _y_ticks([1.5, 3, 4.5]) == [0.0, 1.5, 3, 4.5]
    many = _y_ticks([0.5 * i for i in range(1, 10)])  # 0.5 … 4.5 mg: nine doses, so round steps
    assert many[0] == 0 and many[-1] >= 4.5 and len(many) <= 7


def test_chart_ticks_stop_at_the_top_dose_when_it_is_a_step() -> None:
    # 25 rungs to 3 mg: round steps of 1 mg (3 / 5 = 0.6, rounded up to 1). The top line is 3 mg;
    # a "4 mg" line above a plan that never reaches it read as a target.
    ladder = [round(0.1 * i, 1) for i in range(1, 21)] + [2.2, 2.4, 2.6, 2.8, 3]
    assert _y_ticks(ladder) == [0, 1, 2, 3]
    # Nine rungs to 4.5 mg in 0.5 mg steps: steps of 1 mg, and 5 mg above the 4.5 mg top.
    assert _y_ticks([0.5 * i for i in range(1, 10)]) == [0, 1, 2, 3, 4, 5]


def test_chart_draws_with_the_bundled_font_only() -> None:
    drawing = dose_chart([ChartStep(1, 14, 1.5), ChartStep(15, 28, 3)], 400, review_day=29)
    fonts = {getattr(item, "fontName", None) for item in drawing.contents} - {None}
    assert fonts and all(font.startswith("LDNDeskSans") for font in fonts)


def _chart_parts(drawing: Any) -> tuple[list[tuple[str, float]], list[float]]:
    """(text, baseline y) of each string, and the dose line's points, of a dose chart."""
    from reportlab.graphics.shapes import PolyLine, String

    strings = [(item.text, item.y) for item in drawing.contents if isinstance(item, String)]
    line = next(item for item in drawing.contents if isinstance(item, PolyLine))
    return strings, list(line.points)


def test_low_first_rungs_stay_visible_on_a_ladder_to_6_mg() -> None:
    # 0.1 mg, then 0.5 mg and every 0.5 mg to 6 mg, a week each (13 rungs). On a straight axis
    # to the top tick (8 mg: round steps of 2 mg), 0.1 mg would stand 0.1 / 8 = 1.25 % of the
    # plot above the baseline, under 1 pt; on the square-root axis it stands sqrt(0.1 / 8) = 11 %.
    doses = [0.1] + [0.5 * n for n in range(1, 13)]
    steps = [ChartStep(7 * i + 1, 7 * i + 7, dose) for i, dose in enumerate(doses)]
    font = 9.0
    drawing = dose_chart(steps, 400, font_size=font, review_day=92)
    strings, points = _chart_parts(drawing)
    bottom = font * 3.6  # the plot's baseline in dose_chart
    first_dose_y = points[1]
    assert first_dose_y - bottom >= font  # a full line of type above the baseline
    texts = [text for text, _y in strings]
    assert "0.1 mg" in texts and "Daily dose (low doses drawn taller)" in texts
    labels = sorted(y for text, y in strings if text.endswith(" mg"))
    assert all(b - a >= font * 1.2 for a, b in itertools.pairwise(labels))  # none touch


def test_a_usual_ladder_keeps_the_straight_axis() -> None:
    # 1.5 mg, 3 mg, 4.5 mg: the first rung is a third of the top, well clear of the baseline.
    drawing = dose_chart([ChartStep(1, 14, 1.5), ChartStep(15, 28, 3), ChartStep(29, 56, 4.5)], 400)
    strings, points = _chart_parts(drawing)
    assert "Daily dose" in [text for text, _y in strings]
    bottom, top = 9 * 3.6, max(90.0, 9 * 11.5) - 9 * 1.6
    assert points[1] == pytest.approx(bottom + 1.5 / 4.5 * (top - bottom))  # straight: in proportion


_DATE = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("build", "field", "shown"),
    [
        (lambda name: HandoutInfo(patient=name, date=_DATE), "patient", ['"李"', '"小"']),
        (lambda name: HandoutInfo(patient="Ann", prescriber=name, date=_DATE), "prescriber", ['"李"']),
        (lambda name: PharmacyInfo(patient=name, rx="RX-1", pharmacy="P", date=_DATE), "patient", ['"李"']),
        (lambda name: PharmacyInfo(patient="Ann", rx="RX-1", pharmacy="P", checked_by=name, date=_DATE),
         "checked by", ['"李"']),
    ],
)  # fmt: skip
def test_a_refused_name_is_not_repeated_in_the_message(build: Any, field: str, shown: list[str]) -> None:
    # Patient data never goes into an error message (it reaches logs and screens): the message
    # names the field and the characters the font cannot print, not the name.
    name = "Greta 李小明 Varga"
    with pytest.raises(InputError) as refused:
        build(name)
    message = str(refused.value)
    assert message.startswith(f"{field}: "), message
    assert "Greta" not in message and "Varga" not in message and "李小明" not in message
    assert "cannot show" in message
    for char in shown:
        assert char in message


@pytest.mark.parametrize(
    "name",
    [
        "Greta Varga \u200b",  # an invisible character
        "Greta Varga " + "x" * 200,  # too long
        "Greta Varga \u05d0",  # right-to-left script
        "Greta Varga 💊",  # an emoji the font lacks
    ],
)
def test_no_refusal_of_a_document_field_repeats_the_value(name: str) -> None:
    with pytest.raises(InputError) as refused:
        HandoutInfo(patient=name, date=_DATE)
    assert "Greta" not in str(refused.value) and "Varga" not in str(refused.value)
    assert refused.value.text is None


def test_many_unprintable_characters_are_counted_not_all_listed() -> None:
    # Five different characters: the first three are named, the rest counted.
    with pytest.raises(InputError, match=r'"山", "田", "太" \(U\+5C71, U\+7530, U\+592A\) and 2 more'):
        printable("山田 太郎子", "patient")
