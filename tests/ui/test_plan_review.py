"""The review visit in the app: diary weeks typed into the table, the chart and the per-dose
summary, the decision opening the next phase on the Titration page, the review summary printed.

The plan is the standard protocol from 1 December 2026 at 1 mg/mL (resources/protocols.toml):
1.5 mg weeks 1–2, 3 mg weeks 3–4, 4.5 mg from week 5; review 26 January 2027.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ldn_desk.desk import Desk, FromProtocol, LiquidForm, PlanRequest
from ldn_desk.store import Store
from tests.ui.test_plan_saved import PATIENT, PLAN, _open

START = dt.date(2026, 12, 1)


def _saved_plan() -> int:
    desk = Desk()
    request = PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))
    with Store.open_default() as store:
        return store.save_plan(PATIENT, desk.plan_document(desk.plan(request))).plan_id


def _type(dialog: Any, week: int, **values: str) -> None:
    columns = [*dialog.measure_keys, "side_effects", "notes"]
    for key, value in values.items():
        dialog.diary.item(week - 1, 1 + columns.index(key)).setText(value)


def _review(qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    plan_id = _saved_plan()
    page = window.pages[PLAN]
    assert not page.saved_plans.review_button.isEnabled()
    opened = _open(monkeypatch, page)
    assert opened is not None and opened.plan_id == plan_id
    dialog = page.saved_plans.open_review()
    qtbot.addWidget(dialog)
    return dialog


def test_the_diary_typed_in_the_app_gives_the_cores_summary(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str], tmp_path: Path
) -> None:
    dialog = _review(qtbot, window, monkeypatch)
    assert dialog.diary.rowCount() == 8  # the handout's diary: days 1–56, 8 weeks
    _type(dialog, 1, pain="7", sleep="poor", mood="fair")
    _type(dialog, 2, pain="6", sleep="fair", fatigue="some")
    _type(dialog, 4, pain="4", sleep="good", notes="vivid dreams")  # week 3 not written: a gap
    _type(dialog, 5, pain="5", activities="more")
    _type(dialog, 6, pain="6", sleep="fair")
    assert dialog.save_weeks() == 5
    review = dialog.review
    assert [e.week for e in review.review.diary] == [1, 2, 4, 5, 6]
    rows = {dialog.summary.item(r, 0).text(): r for r in range(dialog.summary.rowCount())}
    # 1.5 mg: pain (7 + 6) / 2 = 6.5, n 2; 3 mg: 4, n 1; 4.5 mg: (5 + 6) / 2 = 5.5, n 2.
    assert dialog.summary.item(rows["1.5 mg"], 2).text() == "6.5 (n=2)"
    assert dialog.summary.item(rows["3 mg"], 2).text() == "4 (n=1)"
    assert dialog.summary.item(rows["4.5 mg"], 2).text() == "5.5 (n=2)"
    # The same request through the facade gives the same means.
    with Store.open_default() as store:
        direct = Desk().open_review(store, dialog.plan_id)
    assert [(row.dose_text, row.means["pain"].text()) for row in direct.summary] == [
        ("1.5 mg", "6.5 (n=2)"), ("3 mg", "4 (n=1)"), ("4.5 mg", "5.5 (n=2)"),
    ]  # fmt: skip
    dialog.show()
    qtbot.waitExposed(dialog)
    shot = Path(os.environ.get("LDN_DESK_SCREENSHOT_DIR", tmp_path)) / "review-page.png"
    assert dialog.grab().save(str(shot))
    assert "pain 6.5 (n=2)" in dialog.chart.accessibleDescription()


def test_a_bad_week_is_refused_naming_the_week_and_the_field(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    dialog = _review(qtbot, window, monkeypatch)
    _type(dialog, 1, pain="6")
    _type(dialog, 2, pain="12")
    assert dialog.save_weeks() == 1
    assert "Week 2 not saved" in dialog.message.text() and "Pain 0–10" in dialog.message.text()
    assert "0 to 10" in dialog.message.text()
    assert dialog.diary.item(1, 1).text() == "12"  # what was typed stays, to correct
    with Store.open_default() as store:
        assert [v.change for v in store.plan_history(dialog.plan_id)] == ["created", "diary week 1"]


def test_the_decision_opens_the_next_phase_and_prints(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    dialog = _review(qtbot, window, monkeypatch)
    _type(dialog, 5, pain="6", notes="vivid dreams")
    dialog.save_weeks()
    dialog.decision.setCurrentIndex(dialog.decision.findData("step back"))
    dialog.prescriber.setText("Dr A. Khan")
    dialog.date.set_text("2027-01-26")
    assert dialog.record_decision() is None  # no reason given: refused
    assert dialog.message.text() == "Decision not saved — Still needed: Reason"
    assert dialog.reason.styleSheet()  # the empty reason is marked at the field
    dialog.reason.setText("vivid dreams at 4.5 mg")
    saved = dialog.record_decision()
    assert saved is not None and saved.change == "review: step back"
    assert "Step back to the previous dose" in dialog.decision_text.text()
    assert "not verified" in dialog.decision_text.text()
    summary = dialog.summary_pdf()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(summary)).pages)
    assert "vivid dreams at 4.5 mg" in " ".join(text.split())
    dialog.accept()
    page = window.pages[PLAN]
    # The Titration page now shows the next phase: 3 mg (3 mL of 1 mg/mL) from the review day.
    assert not messages, messages
    assert page.saved_plans.opened.version == saved.version
    assert [(s.dose_mg, page.plan.start_date) for s in page.plan.steps] == [(3.0, dt.date(2027, 1, 26))]
    names = [choice.name for choice in page.documents()]
    assert names == ["Patient handout", "Review summary (saved plan)"]
    page.handout_fields.patient.setText(PATIENT)
    assert page.handout_pdf().startswith(b"%PDF")
    printed = page.review_summary_pdf()
    assert "Step back to the previous dose" in " ".join(
        PdfReader(io.BytesIO(printed)).pages[-1].extract_text().split()
    )
    assert not [m for m in messages if "cannot" in m.lower()]


def test_the_plan_page_saves_the_calendar_file(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str], tmp_path: Path
) -> None:
    from icalendar import Calendar
    from PySide6.QtWidgets import QFileDialog

    page = window.pages[PLAN]
    page.start_date.set_text("2026-12-01")
    page.recompute()
    target = tmp_path / "plan.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    assert page.save_calendar() == str(target)
    events = [
        (e.decoded("dtstart"), str(e["summary"]))
        for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    ]
    # The page's default plan, asked of the facade with the page's own request, gives the same events.
    direct = Calendar.from_ical(Desk().plan_calendar(page.desk().plan(page.outcome.request)))
    assert events == [(e.decoded("dtstart"), str(e["summary"])) for e in direct.walk("VEVENT")]
    assert events[0][0] == START and events[-1][1] == "LDN review visit"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "plan.txt"), "")
    )
    assert page.save_calendar() is None
    assert any("Calendar not saved" in m and ".ics" in m for m in messages)


def _typed_entries(dialog: Any) -> tuple[str, str, str, str]:
    """The review's reason, new target, date and week 1's pain score, as shown."""
    pain = dialog.diary.item(0, 1 + [*dialog.measure_keys, "side_effects", "notes"].index("pain"))
    return dialog.reason.text(), dialog.to_dose.text(), dialog.date.text(), pain.text()


def test_a_closed_review_shows_what_was_typed_again_for_its_plan_and_never_for_another(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    saved_plans = window.pages[PLAN].saved_plans
    first = _review(qtbot, window, monkeypatch)
    plan_a = first.plan_id
    _type(first, 1, pain="7")
    first.reason.setText("pain no lower at 4.5 mg")
    first.to_dose.setText("6 mg")
    first.date.set_text("2027-01-26")
    typed = ("pain no lower at 4.5 mg", "6 mg", "2027-01-26", "7")
    first.reject()  # closed without saving a week or a decision

    again = saved_plans.open_review()
    qtbot.addWidget(again)
    assert again.plan_id == plan_a and _typed_entries(again) == typed
    again.reject()

    # Another patient's plan: its review starts empty, with today's date.
    with Store.open_default() as store:
        other = store.save_plan("Orla Venmark", _plan_document())
        saved_plans._set_opened(store.plan(other.plan_id))
    other_review = saved_plans.open_review()
    qtbot.addWidget(other_review)
    assert other_review.plan_id != plan_a
    assert _typed_entries(other_review) == ("", "", dt.date.today().isoformat(), "")
    other_review.reason.setText("meant for Orla only")
    other_review.reject()

    # Back to the first plan: its own entries, not the other plan's.
    with Store.open_default() as store:
        saved_plans._set_opened(store.plan(plan_a))
    back = saved_plans.open_review()
    qtbot.addWidget(back)
    assert back.plan_id == plan_a and _typed_entries(back) == typed
    assert not messages, messages


def test_a_review_decided_keeps_no_draft(qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    saved_plans = window.pages[PLAN].saved_plans
    dialog = _review(qtbot, window, monkeypatch)
    dialog.decision.setCurrentIndex(dialog.decision.findData("continue"))
    dialog.reason.setText("pain lower, sleeping well")
    dialog.prescriber.setText("Dr A. Khan")
    dialog.date.set_text("2027-01-26")
    assert dialog.record_decision() is not None
    dialog.accept()
    after = saved_plans.open_review()
    qtbot.addWidget(after)
    assert after.reason.text() == "" and after.date.text() == dt.date.today().isoformat()


def _plan_document() -> Any:
    desk = Desk()
    return desk.plan_document(desk.plan(PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))))


def test_the_chart_shows_the_dose_only_until_the_diary_holds_a_value(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dialog = _review(qtbot, window, monkeypatch)
    dialog.show()
    qtbot.waitExposed(dialog)
    shots = Path(os.environ.get("LDN_DESK_SCREENSHOT_DIR", tmp_path))
    assert dialog.review.recorded_measures == ()
    assert "the chart shows the dose only" in dialog.chart.note
    assert dialog.chart.note in dialog.chart.accessibleDescription()
    assert dialog.chart.grab().save(str(shots / "review-chart-empty.png"))
    _type(dialog, 1, pain="7")
    assert dialog.save_weeks() == 1
    assert [m.key for m in dialog.review.recorded_measures] == ["pain"]
    assert dialog.chart.note == ""
    assert "dose only" not in dialog.chart.accessibleDescription()
    assert dialog.chart.grab().save(str(shots / "review-chart-pain.png"))
