"""The review chart draws a panel only for a measure the diary holds a value of.

A panel with its axes and no point tells the prescriber nothing and reads as data lost. The plan
is the standard protocol from 1 December 2026 (review day 57, 26 January 2027); the diary's
measures are pain, sleep, fatigue, mood and activities.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Circle, Drawing, Rect, String

from ldn_desk.desk import Desk, FromProtocol, LiquidForm, PlanRequest
from ldn_desk.documents.pdfbase import FONT_BOLD, PageSetup
from ldn_desk.documents.review import NONE_RECORDED, response_chart, review_summary_pdf
from ldn_desk.plans.review import DiaryEntry, diary_entry, recorded_measures, used_measures
from ldn_desk.plans.titration import plan_from_protocol
from ldn_desk.store import Store
from ldn_desk.units import language

START = dt.date(2026, 12, 1)
PLAN = plan_from_protocol("standard", START)
WIDTH = 500.0
SPANISH = "Aún no se ha registrado ninguna medida en el diario: el gráfico muestra solo la dosis."


def _panels(drawing: Drawing) -> list[str]:
    """The titles over the chart's panels, top to bottom (the review day's mark is no panel)."""
    titles = [s.text for s in drawing.contents if isinstance(s, String) and s.fontName == FONT_BOLD]
    return [title for title in titles if title != "Review day"]


def _chart(diary: list[DiaryEntry]) -> Drawing:
    return response_chart(PLAN, diary, used_measures(diary), WIDTH)


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\u00a0", " ")


def _summary(diary: list[DiaryEntry]) -> str:
    return _text(review_summary_pdf(PLAN, diary, PageSetup("a4"), patient="Ann Lee", printed=START))


# Pain every week written, sleep in two, mood in one; fatigue and activities never.
DIARY = [
    diary_entry(PLAN, 1, pain="7", sleep="poor"),
    diary_entry(PLAN, 2, pain="6", mood="fair", notes="busy week"),
    diary_entry(PLAN, 4, pain="4", sleep="good"),
]


def test_a_measure_never_recorded_gets_no_panel() -> None:
    drawing = _chart(DIARY)
    assert _panels(drawing) == ["Daily dose", "Pain 0–10 (0 to 10)", "Sleep", "Mood"]
    # One frame a panel, each with a point for every value written: 3 pain, 2 sleep, 1 mood.
    assert sum(isinstance(s, Rect) for s in drawing.contents) == 4
    assert sum(isinstance(s, Circle) for s in drawing.contents) == 6
    # The two panels left out take no room: the chart is as tall as one drawn for three measures.
    assert drawing.height == response_chart(PLAN, DIARY, recorded_measures(DIARY), WIDTH).height
    assert drawing.height < response_chart(PLAN, [*DIARY, diary_entry(PLAN, 5, fatigue="some",
                                                   activities="same")], used_measures(DIARY), WIDTH).height  # fmt: skip


def test_the_tables_keep_every_measure_of_the_diary() -> None:
    # The per-dose table and the diary table still show each measure's column ("—" where nothing
    # was written): only the chart leaves out a panel that would have no point.
    text = _summary(DIARY)
    for heading in ("Fatigue", "Activities", "Sleep", "Mood"):
        assert heading in text, heading
    assert NONE_RECORDED not in text


@pytest.mark.parametrize(
    "diary",
    [[], [diary_entry(PLAN, 1, notes="started on the 1st", side_effects="vivid dreams")]],
    ids=["no week written", "words only"],
)
def test_with_no_measure_recorded_the_summary_says_so_in_one_line(diary: list[DiaryEntry]) -> None:
    drawing = _chart(diary)
    assert _panels(drawing) == ["Daily dose"]  # the dose over the weeks, and no empty panel
    assert sum(isinstance(s, Rect) for s in drawing.contents) == 1
    text = _summary(diary)
    assert NONE_RECORDED in text
    assert text.count("the chart shows the dose only") == 1


def test_the_line_is_in_the_catalog() -> None:
    language.missing.clear()
    with language.speaking("es"):
        assert language.tr(NONE_RECORDED) == SPANISH
    assert language.missing == set()


def test_the_saved_review_names_the_measures_its_chart_draws(tmp_path: Path) -> None:
    # The facade's review carries both: every measure (the diary's columns, to write in) and the
    # ones with a value (the chart's panels).
    desk = Desk()
    store = Store.open(tmp_path / "log.sqlite3")
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))
    saved = store.save_plan("Ann Lee", desk.plan_document(desk.plan(request)))
    review = desk.open_review(store, saved.plan_id)
    assert review.recorded_measures == ()
    assert len(review.measures) == 5
    saved = desk.add_diary_week(store, saved.plan_id, saved.version, 2, pain="5", mood="good")
    review = desk.open_review(store, saved.plan_id)
    assert [m.key for m in review.recorded_measures] == ["pain", "mood"]
    assert len(review.measures) == 5
