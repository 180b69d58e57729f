"""The review visit: the diary entered with gaps, the per-dose summary worked by hand, the decision
saved as the next plan version with its history, and the review summary's text.

The plan throughout is the standard protocol from 1 December 2026 (resources/protocols.toml):
1.5 mg days 1–14 (weeks 1–2), 3 mg days 15–28 (weeks 3–4), 4.5 mg from day 29 (week 5 on);
review on day 57, 26 January 2027, by day 85.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from ldn_desk.desk import Decision, Desk, FromProtocol, FromRule, LiquidForm, PlanRequest
from ldn_desk.errors import InputError, LdnDeskError
from ldn_desk.plans.review import dose_summary, review_from_document
from ldn_desk.store import RecordError, SavedPlan, Store
from ldn_desk.store import plans as stored_plans

START = dt.date(2026, 12, 1)
REVIEW_DAY = dt.date(2027, 1, 26)  # day 57
DESK = Desk()


def _request() -> PlanRequest:
    return PlanRequest(FromProtocol("standard"), START, form=LiquidForm(1.0))


def _saved(store: Store, request: PlanRequest | None = None) -> SavedPlan:
    return store.save_plan("Ann Lee", DESK.plan_document(DESK.plan(request or _request())))


# weeks 1, 2 at 1.5 mg; week 3 not written (a gap); week 4 at 3 mg; weeks 5, 6 at 4.5 mg.
DIARY: dict[int, dict[str, object]] = {
    1: {"pain": "7", "sleep": "poor"},
    2: {"pain": "6", "sleep": "fair", "mood": "fair"},
    4: {"pain": "4", "sleep": "good", "side_effects": "vivid dreams"},
    5: {"pain": "5"},
    6: {"pain": "6", "sleep": "Fair", "notes": "busy week at work"},
}


def _with_diary(store: Store) -> SavedPlan:
    saved = _saved(store)
    for week, values in DIARY.items():
        saved = DESK.add_diary_week(store, saved.plan_id, saved.version, week, **values)
    return saved


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "log.sqlite3")


def test_the_diary_keeps_gaps_as_missing(store: Store) -> None:
    saved = _with_diary(store)
    review = DESK.open_review(store, saved.plan_id)
    assert [e.week for e in review.review.diary] == [1, 2, 4, 5, 6]
    assert review.review.entry(3) is None  # the week not written stays missing
    week5 = review.review.entry(5)
    assert week5 is not None and week5.score("pain") == 5 and week5.score("sleep") is None
    # Words score by their place on the handout's diary: sleep good 1, fair 2, poor 3.
    assert [review.review.entry(w).score("sleep") for w in (1, 2, 4, 6)] == [3, 2, 1, 2]  # type: ignore[union-attr]
    assert review.review.entry(4).side_effects == "vivid dreams"  # type: ignore[union-attr]
    # Each week saved was one new version: created, then five diary weeks.
    assert [change for _, change, _ in review.history] == [
        "created", "diary week 1", "diary week 2", "diary week 4", "diary week 5", "diary week 6",
    ]  # fmt: skip


def test_the_per_dose_summary_worked_by_hand(store: Store) -> None:
    review = DESK.open_review(store, _with_diary(store).plan_id)
    rows = {row.dose_text: row for row in review.summary}
    assert list(rows) == ["1.5 mg", "3 mg", "4.5 mg"]
    low, mid, high = rows["1.5 mg"], rows["3 mg"], rows["4.5 mg"]
    assert low.weeks == (1, 2) and mid.weeks == (4,) and high.weeks == (5, 6)
    # 1.5 mg: pain (7 + 6) / 2 = 6.5, n 2; sleep (3 + 2) / 2 = 2.5, n 2; mood 2 (fair), n 1; no fatigue.
    assert (low.means["pain"].value, low.means["pain"].n) == (6.5, 2)
    assert (low.means["sleep"].value, low.means["sleep"].n) == (2.5, 2)
    assert (low.means["mood"].value, low.means["mood"].n) == (2, 1)
    assert (low.means["fatigue"].value, low.means["fatigue"].n) == (None, 0)
    # 3 mg: week 4 alone (week 3 not written): pain 4, sleep 1 (good).
    assert (mid.means["pain"].value, mid.means["sleep"].value) == (4, 1)
    # 4.5 mg: pain (5 + 6) / 2 = 5.5, n 2; sleep only in week 6: 2, n 1.
    assert (high.means["pain"].value, high.means["pain"].n) == (5.5, 2)
    assert (high.means["sleep"].value, high.means["sleep"].n) == (2, 1)
    assert low.means["pain"].text() == "6.5 (n=2)" and low.means["fatigue"].text() == "—"


def test_a_week_in_which_the_dose_changed_is_counted_apart() -> None:
    # 1 mg days 1–10, 2 mg days 11–20, 3 mg from day 21: week 2 (days 8–14) holds 1 mg and 2 mg,
    # week 4 (days 22–28) only 3 mg.
    plan = DESK.plan(PlanRequest(FromRule(1, 1, 10), START, target_mg=3)).plan
    from ldn_desk.plans.review import diary_entry

    diary = [diary_entry(plan, 1, pain="8"), diary_entry(plan, 2, pain="6"), diary_entry(plan, 4, pain="5")]
    rows = dose_summary(plan, diary)
    assert [(row.dose_text, row.weeks) for row in rows] == [
        ("1 mg", (1,)), ("3 mg", (4,)), ("Dose changed in the week", (2,)),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("week", "values", "field", "words"),
    [
        ("0", {"pain": "5"}, "week", "1 to 12"),  # diary weeks: day 85 − 1 = 84 days, 12 weeks
        ("13", {"pain": "5"}, "week", "1 to 12"),
        ("2.5", {"pain": "5"}, "week", "whole number"),
        ("2", {"pain": "11"}, "Pain 0–10", "0 to 10"),
        ("2", {"pain": "-1"}, "Pain 0–10", "0 to 10"),
        ("2", {"pain": "6.5"}, "Pain 0–10", "whole number"),
        ("2", {"sleep": "ok"}, "Sleep", "good, fair, poor"),
        ("2", {"bpi": "10.5"}, "BPI pain severity", "0 to 10"),
        ("2", {"compass31": "101"}, "COMPASS-31 total", "0 to 100"),
        ("2", {}, "diary week", "nothing written"),
        ("2", {"notes": "took .5 mg extra"}, "notes", "0.5"),
    ],
)
def test_bad_diary_entries_are_refused_naming_the_field(
    store: Store, week: str, values: dict[str, object], field: str, words: str
) -> None:
    saved = _saved(store)
    with pytest.raises(InputError) as refused:
        DESK.add_diary_week(store, saved.plan_id, saved.version, week, **values)
    assert refused.value.field == field
    assert words in str(refused.value)
    assert refused.value.example  # a valid example is given
    assert len(store.plan_history(saved.plan_id)) == 1  # nothing saved


def test_optional_totals_are_kept_when_given(store: Store) -> None:
    saved = _saved(store)
    saved = DESK.add_diary_week(store, saved.plan_id, saved.version, "8", bpi="5.25", compass31="23.4")
    review = DESK.open_review(store, saved.plan_id)
    assert [m.key for m in review.measures] == [
        "pain",
        "sleep",
        "fatigue",
        "mood",
        "activities",
        "bpi",
        "compass31",
    ]
    (row,) = review.summary
    assert (
        row.dose_text == "4.5 mg" and row.means["bpi"].value == 5.25 and row.means["compass31"].value == 23.4
    )


def test_a_week_entered_again_replaces_it(store: Store) -> None:
    saved = _saved(store)
    saved = DESK.add_diary_week(store, saved.plan_id, saved.version, 2, pain="6")
    saved = DESK.add_diary_week(store, saved.plan_id, saved.version, 2, pain="3")
    review = DESK.open_review(store, saved.plan_id)
    assert [(e.week, e.score("pain")) for e in review.review.diary] == [(2, 3)]
    assert review.change == "diary week 2 corrected"


def test_a_change_made_on_an_older_version_is_refused(store: Store) -> None:
    saved = _saved(store)
    DESK.add_diary_week(store, saved.plan_id, saved.version, 1, pain="6")
    with pytest.raises(RecordError, match="has changed"):
        DESK.add_diary_week(store, saved.plan_id, saved.version, 2, pain="5")
    assert [e.week for e in DESK.open_review(store, saved.plan_id).review.diary] == [1]


def test_the_decision_becomes_the_next_plan_version_with_its_history(store: Store) -> None:
    saved = _with_diary(store)
    decision = Decision("step-back", "pain no lower at 4.5 mg than at 3 mg", "Dr A. Khan", REVIEW_DAY)
    decided = DESK.decide_review(store, saved.plan_id, saved.version, decision)
    assert decided.version == saved.version + 1 and decided.change == "review: step back"
    review = DESK.open_review(store, saved.plan_id)
    # The next phase: 3 mg (the plan's dose below 4.5 mg), held, from the review day.
    assert review.plan.start_date == REVIEW_DAY
    assert [(s.from_day, s.dose_mg) for s in review.plan.steps] == [(1, 3.0)]
    assert review.review.diary == ()  # the new phase's diary starts empty
    assert review.review.decision is not None and review.review.decision.kind == "step back"
    assert "not verified" in review.review.decision.prescriber_text
    # The phase decided on is kept with its diary, and every earlier version is still there.
    closed = review.decided()
    assert closed is not None and closed.plan.start_date == START
    assert [e.week for e in closed.review.diary] == [1, 2, 4, 5, 6]
    assert store.plan(saved.plan_id, saved.version).plan == saved.plan
    assert [v.version for v in store.plan_history(saved.plan_id)] == list(range(1, decided.version + 1))
    # The next phase's handout prints from it: 3 mL of 1 mg/mL.
    outcome = DESK.review_plan(review)
    assert outcome.liquid is not None and outcome.liquid.measures[0].volume_text == "3 mL"
    assert DESK.handout_pdf(outcome, DESK_HANDOUT_INFO()).startswith(b"%PDF")


def DESK_HANDOUT_INFO() -> object:
    from ldn_desk.desk import HandoutInfo

    return HandoutInfo("Ann Lee", REVIEW_DAY)


@pytest.mark.parametrize(
    ("kind", "on", "to_mg", "doses", "target", "time"),
    [
        ("continue", REVIEW_DAY, None, [4.5], 4.5, "bedtime"),
        ("morning", REVIEW_DAY, None, [4.5], 4.5, "morning"),
        # half of 4.5 mg is 2.25 mg, then up by the plan's rise of 1.5 mg: 3.75 mg, then 4.5 mg (the target).
        ("halve", REVIEW_DAY, None, [2.25, 3.75, 4.5], 4.5, "bedtime"),
        # decided on day 20 (20 Dec), at 3 mg: one step up is the plan's next dose, 4.5 mg.
        ("increase", dt.date(2026, 12, 20), None, [4.5], 4.5, "bedtime"),
        # at 4.5 mg to 6 mg by the plan's rise of 1.5 mg: 6 mg at once.
        ("increase", REVIEW_DAY, 6.0, [6.0], 6.0, "bedtime"),
    ],
)
def test_each_decision_gives_its_next_phase(
    store: Store, kind: str, on: dt.date, to_mg: float | None, doses: list[float], target: float, time: str
) -> None:
    saved = _saved(store)
    DESK.decide_review(
        store, saved.plan_id, saved.version, Decision(kind, "as discussed", "Dr Khan", on, to_mg)
    )
    plan = DESK.open_review(store, saved.plan_id).plan
    assert [s.dose_mg for s in plan.steps] == doses
    assert plan.target_mg == target and plan.start_date == on
    assert str(plan.time_of_day) == time


def test_stopping_the_trial_leaves_no_next_plan(store: Store) -> None:
    saved = _with_diary(store)
    DESK.decide_review(
        store, saved.plan_id, saved.version, Decision("stop", "no change in pain", "Dr Khan", REVIEW_DAY)
    )
    review = DESK.open_review(store, saved.plan_id)
    assert review.stopped
    with pytest.raises(LdnDeskError, match="stopped"):
        DESK.review_plan(review)
    with pytest.raises(LdnDeskError, match="stopped"):
        DESK.add_diary_week(store, saved.plan_id, review.version, 1, pain="3")


@pytest.mark.parametrize(
    ("decision", "field"),
    [
        (lambda: Decision("pause", "why", "Dr Khan", REVIEW_DAY), "decision"),
        (lambda: Decision("continue", "  ", "Dr Khan", REVIEW_DAY), "reason"),
        (lambda: Decision("continue", "fine", "", REVIEW_DAY), "prescriber"),
        (lambda: Decision("continue", "fine", "Dr Khan", REVIEW_DAY, 6.0), "to"),
    ],
)
def test_a_decision_needs_a_kind_a_reason_and_a_prescriber(decision: object, field: str) -> None:
    with pytest.raises(InputError) as refused:
        decision()  # type: ignore[operator]
    assert refused.value.field == field


def test_stepping_back_from_the_first_dose_is_refused(store: Store) -> None:
    saved = _saved(store)
    early = Decision("step back", "nausea", "Dr Khan", dt.date(2026, 12, 5))  # day 5: 1.5 mg, the first dose
    with pytest.raises(InputError, match="no lower dose"):
        DESK.decide_review(store, saved.plan_id, saved.version, early)
    assert len(store.plan_history(saved.plan_id)) == 1


def test_a_failed_write_saves_no_part_of_the_decision(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = _with_diary(store)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stored_plans.chain, "append", disk_full)
    with pytest.raises(OSError, match="No space"):
        DESK.decide_review(
            store, saved.plan_id, saved.version, Decision("continue", "ok", "Dr Khan", REVIEW_DAY)
        )
    monkeypatch.undo()
    latest = store.plan(saved.plan_id)
    assert latest.version == saved.version and latest.plan == saved.plan


def test_a_plan_saved_before_reviews_reads_as_an_empty_review(store: Store) -> None:
    saved = _saved(store)
    assert "review" not in saved.plan
    assert review_from_document(saved.plan).diary == ()
    assert DESK.open_review(store, saved.plan_id).summary == ()
    # And a plan with a diary still opens as a plan, unchanged.
    with_diary = DESK.add_diary_week(store, saved.plan_id, saved.version, 1, pain="5")
    assert DESK.open_plan_document(with_diary.plan).request == _request()


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_review_summary_says_what_was_recorded_and_decided(store: Store) -> None:
    saved = _with_diary(store)
    before = _text(DESK.review_summary_pdf(DESK.open_review(store, saved.plan_id), printed=REVIEW_DAY))
    assert "No decision has been recorded yet." in before
    decision = Decision("step back", "pain no lower at 4.5 mg", "Dr A. Khan", REVIEW_DAY)
    DESK.decide_review(store, saved.plan_id, saved.version, decision)
    text = _text(DESK.review_summary_pdf(DESK.open_review(store, saved.plan_id), printed=REVIEW_DAY))
    for words in (
        # the standard plan's review is day 57: its diary, and the table below, hold weeks 1 to 8
        "LDN review summary", "Patient: Ann Lee", "Diary: 5 of 8 weeks written", "8 (19 Jan)",
        "6.5 (n=2)", "2.5 (n=2)", "5.5 (n=2)", "4 (n=1)",  # the means worked by hand above
        "Step back to the previous dose (26 January 2027)", "Reason: pain no lower at 4.5 mg",
        "Dr A. Khan (name as typed, not verified)", "Next phase from 26 January 2027: 3 mg daily at bedtime",
        "not written", "vivid dreams", "it does not show what caused it",
    ):  # fmt: skip
        assert words in text, words
    for causal in ("because of", "caused by", "due to", "improved", "worked"):
        assert causal not in text.lower()


def test_the_next_phases_diary_starts_afresh_and_the_decision_stays_on_its_version(store: Store) -> None:
    saved = _with_diary(store)
    decided = DESK.decide_review(
        store, saved.plan_id, saved.version, Decision("continue", "ok", "Dr K", REVIEW_DAY)
    )
    # Week 1 of the next phase is 26 January – 1 February 2027, at 4.5 mg held.
    DESK.add_diary_week(store, saved.plan_id, decided.version, 1, pain="3")
    latest = DESK.open_review(store, saved.plan_id)
    assert latest.review.decision is None and latest.decided() is None
    assert [(row.dose_text, row.means["pain"].value) for row in latest.summary] == [("4.5 mg", 3)]
    at_decision = DESK.open_review(store, saved.plan_id, decided.version)
    assert at_decision.review.decision is not None and at_decision.decided() is not None
    text = _text(DESK.review_summary_pdf(at_decision, printed=REVIEW_DAY))
    assert "Continue at the current dose" in text and "6.5 (n=2)" in text
