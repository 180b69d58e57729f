"""The review visit: the patient's diary brought back, dose and response side by side, the decision.

    entry = diary_entry(plan, week=3, pain="6", sleep="fair", notes="vivid dreams")
    review = add_entry(Review(), plan, entry)          # a week entered again replaces that week
    summary = dose_summary(plan, review.diary)         # mean of each measure at each dose, n shown
    decision = Decision("step back", "pain no better at 4.5 mg; vivid dreams", "Dr A. Khan", date)
    outcome = next_request(request, plan, decision)    # the next phase's plan request

Everything is plain data kept inside the saved plan's versions (`review_to_json`): a diary entry is
saved as a new version carrying the same request and the diary so far, and a decision as the
version of the next phase's request, carrying the diary it was made on. A plan saved before
reviews existed has no "review" key and reads as an empty review.

The summary is descriptive only: it says what the diary held at each dose, never what caused what.
Words circled on the diary are scored by their place in the handout's list, the first word 1: every
measure reads lower as better (pain 0 none, sleep 1 good … 3 poor, fatigue 1 low … 3 high).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ldn_desk.errors import InputError
from ldn_desk.plans.model import Plan
from ldn_desk.plans.pipeline import FromRule, PlanRequest
from ldn_desk.recipes.lots import checked_text
from ldn_desk.reference.documents import handout_wording
from ldn_desk.units.dates import day_n
from ldn_desk.units.dose_text import format_number, mg_text
from ldn_desk.units.free_text import check_free_text
from ldn_desk.units.numeric import above, below, same
from ldn_desk.units.quantity import fold_typed

REVIEW_FORMAT = 1
MAX_NOTES = 500


# --- the measures ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Measure:
    """One column of the diary: a number in [low, high] (`decimals` allowed) or one of `words`,
    scored 1, 2, 3… in their order (the handout's, best first)."""

    key: str
    title: str
    low: float = 1
    high: float = 10
    decimals: int = 0
    words: tuple[str, ...] = ()
    optional_total: bool = False  # a validated questionnaire total the clinic may or may not use
    short: str = ""  # a table column's heading, where the title is long

    @property
    def heading(self) -> str:
        return self.short or self.title

    @property
    def scale_text(self) -> str:
        if self.words:
            return ", ".join(f"{i} {word}" for i, word in enumerate(self.words, 1))
        return f"{format_number(self.low, 0)} to {format_number(self.high, 0)}"

    @property
    def example(self) -> str:
        return self.words[1] if self.words else format_number((self.low + self.high) / 2, 0)

    def score_text(self, score: float) -> str:
        """How a saved score reads: the word circled, or the number."""
        if self.words and float(score).is_integer() and 1 <= score <= len(self.words):
            return self.words[int(score) - 1]
        return format_number(score, self.decimals)


def _diary_words() -> dict[str, tuple[str, ...]]:
    columns = dict(handout_wording().diary.columns)
    return {
        "sleep": columns["Sleep"],
        "fatigue": columns["Fatigue"],
        "mood": columns["Mood"],
        "activities": columns["Daily activities"],
    }


def measures() -> tuple[Measure, ...]:
    """The diary's measures, in the handout's order, then the optional totals."""
    words = _diary_words()
    return (
        Measure("pain", "Pain 0–10", 0, 10, short="Pain"),
        Measure("sleep", "Sleep", words=words["sleep"]),
        Measure("fatigue", "Fatigue", words=words["fatigue"]),
        Measure("mood", "Mood", words=words["mood"]),
        Measure("activities", "Activities", words=words["activities"]),
        # BPI pain severity: the mean of its four 0–10 items; COMPASS-31: the weighted total, 0–100.
        Measure("bpi", "BPI pain severity", 0, 10, decimals=2, optional_total=True, short="BPI"),
        Measure("compass31", "COMPASS-31 total", 0, 100, decimals=2, optional_total=True, short="COMPASS-31"),
    )


def measure(key: str) -> Measure:
    for item in measures():
        if item.key == key:
            return item
    raise KeyError(key)


MEASURE_KEYS = ("pain", "sleep", "fatigue", "mood", "activities", "bpi", "compass31")


def read_score(item: Measure, text: object) -> float | None:
    """A diary cell as written: empty is missing (None), a word of the list is its score, a
    number must lie in the measure's range; anything else is refused naming the measure."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise InputError(item.title, str(text), "must be a number or a word of the diary", item.example)
    if isinstance(text, int | float):
        return _in_range(item, float(text), str(text))
    folded = fold_typed(str(text), item.title, item.example).strip()
    if not folded:
        return None
    if item.words:
        lowered = folded.lower()
        if lowered in item.words:
            return float(item.words.index(lowered) + 1)
        raise InputError(item.title, folded, f"must be one of {', '.join(item.words)}", item.example)
    pattern = r"[0-9]{1,3}" if item.decimals == 0 else rf"[0-9]{{1,3}}(\.[0-9]{{1,{item.decimals}}})?"
    if not re.fullmatch(pattern, folded):
        whole = "a whole number" if item.decimals == 0 else f"a number with at most {item.decimals} decimals"
        raise InputError(item.title, folded, f"must be {item.scale_text}, written as {whole}", item.example)
    return _in_range(item, float(folded), folded)


def _in_range(item: Measure, value: float, shown: str) -> float:
    if item.words:
        if value.is_integer() and 1 <= value <= len(item.words):
            return value
        raise InputError(item.title, shown, f"must be one of {item.scale_text}", item.example)
    if not math.isfinite(value) or value < item.low or value > item.high:
        raise InputError(item.title, shown, f"must be from {item.scale_text}", item.example)
    if round(value, item.decimals) != value:
        raise InputError(item.title, shown, f"has more than {item.decimals} decimals", item.example)
    return value


# --- the diary ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class DiaryEntry:
    """One week of the diary as the patient wrote it; a measure left empty is None (missing)."""

    week: int
    scores: Mapping[str, float | None] = field(default_factory=dict)
    side_effects: str = ""
    notes: str = ""

    def score(self, key: str) -> float | None:
        return self.scores.get(key)

    @property
    def empty(self) -> bool:
        return all(v is None for v in self.scores.values()) and not self.side_effects and not self.notes


def diary_weeks(plan: Plan) -> int:
    """The weeks a diary may hold: through the day before the latest review day (a review often
    comes late), or to the plan's last day when it ends before."""
    end = plan.length_days
    last = plan.review_latest_day - 1 if end is None else min(plan.review_latest_day - 1, end)
    return max(1, math.ceil(last / 7))


def shown_weeks(plan: Plan, diary: Sequence[DiaryEntry]) -> int:
    """The weeks a summary shows: those of the handout's diary (to the review day), and any
    written after them."""
    end = plan.length_days
    last = plan.review_day - 1 if end is None else min(plan.review_day - 1, end)
    return max(1, math.ceil(last / 7), *(e.week for e in diary))


def week_days(week: int) -> tuple[int, int]:
    return 7 * (week - 1) + 1, 7 * week


def _free(text: object, field_name: str, example: str) -> str:
    cleaned = checked_text(field_name, "" if text is None else text, required=False)
    if len(cleaned) > MAX_NOTES:
        raise InputError(field_name, None, f"is longer than {MAX_NOTES} characters", example)
    return check_free_text(cleaned, field_name, example)


def read_week(plan: Plan, week: object) -> int:
    """A week of the plan (1 to the diary's last week), or a refusal naming the weeks there are."""
    weeks = diary_weeks(plan)
    if isinstance(week, bool) or not isinstance(week, int | str):
        raise InputError("week", str(week), "must be a whole number", "3")
    text = str(week).strip() if isinstance(week, str) else str(week)
    if not re.fullmatch(r"[0-9]{1,4}", fold_typed(text, "week", "3").strip()):
        raise InputError("week", text, "must be a whole number of the plan's weeks", "3")
    number = int(fold_typed(text, "week", "3").strip())
    if not 1 <= number <= weeks:
        raise InputError("week", text, f"must be one of the plan's weeks, 1 to {weeks}", "3")
    return number


def diary_entry(
    plan: Plan,
    week: object,
    *,
    side_effects: object = "",
    notes: object = "",
    **scores: object,
) -> DiaryEntry:
    """One week's entry checked against the plan: the week within it, every measure in its range
    (missing measures are kept missing), the words free text keeps (0.5 mg, never .5 mg)."""
    number = read_week(plan, week)
    unknown = set(scores) - set(MEASURE_KEYS)
    if unknown:
        raise TypeError(f"unknown diary measures: {', '.join(sorted(unknown))}")
    read = {item.key: read_score(item, scores.get(item.key)) for item in measures()}
    entry = DiaryEntry(
        number,
        read,
        _free(side_effects, "side effects", "vivid dreams the first week"),
        _free(notes, "notes", "slept badly after a late dose"),
    )
    if entry.empty:
        raise InputError(
            "diary week", str(number), "has nothing written: give at least one measure or a note", "--pain 6"
        )
    return entry


# --- the decision ------------------------------------------------------------------------------
DECISIONS = {
    "continue": "Continue at the current dose",
    "increase": "Increase the dose",
    "step back": "Step back to the previous dose",
    "halve": "Halve the dose and climb again",
    "stop": "Stop the trial",
    "morning": "Switch to morning dosing",
}
_DECISION_NAMES = {
    **{key: key for key in DECISIONS},
    "step-back": "step back",
    "halve and climb again": "halve",
    "halve-and-climb": "halve",
    "stop the trial": "stop",
    "switch to morning dosing": "morning",
    "switch-to-morning": "morning",
}


def read_decision(text: object) -> str:
    key = " ".join(str(text).strip().lower().split()) if isinstance(text, str) else ""
    found = _DECISION_NAMES.get(key)
    if found is None:
        raise InputError("decision", str(text), f"must be one of {', '.join(DECISIONS)}", "step back")
    return found


@dataclass(frozen=True)
class Decision:
    """What the prescriber decided at the review, why, and who. `to_mg`: the new target for
    "increase" (None: one step up). In a log without users the prescriber is typed (not verified);
    in one with users it is the signed-in user's printed name and role, verified at `signed_in_at`
    (UTC, ISO 8601) when the password was checked."""

    kind: str
    reason: str
    prescriber: str
    decided_on: dt.date
    to_mg: float | None = None
    prescriber_verified: bool = False
    prescriber_role: str = ""
    signed_in_at: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", read_decision(self.kind))
        reason = _free(self.reason, "reason", "pain no better at 4.5 mg, vivid dreams")
        if not reason:
            raise InputError("reason", None, "is required: say why", "pain no better at 4.5 mg, vivid dreams")
        object.__setattr__(self, "reason", reason)
        name = checked_text("prescriber", self.prescriber, required=True)
        object.__setattr__(self, "prescriber", name)
        if not isinstance(self.decided_on, dt.date):
            raise InputError("decision date", str(self.decided_on), "must be a date", "2027-02-01")
        if self.to_mg is not None and self.kind != "increase":
            raise InputError(
                "to", mg_text(self.to_mg), "is only for an increase", "--decision increase --to 4.5 mg"
            )

    @property
    def title(self) -> str:
        return DECISIONS[self.kind]

    @property
    def prescriber_text(self) -> str:
        if not self.prescriber_verified:
            return f"{self.prescriber} (name as typed, not verified)"
        role = f", {self.prescriber_role}" if self.prescriber_role else ""
        at = (
            f" at {self.signed_in_at.replace('T', ' ').replace('+00:00', ' UTC')}"
            if self.signed_in_at
            else ""
        )
        return f"{self.prescriber}{role} (verified: signed in as {self.prescriber}{at})"


@dataclass(frozen=True)
class Reviewed:
    """The phase a decision closed: its request and plan as saved, and the diary on it."""

    version: int
    request: dict[str, Any]
    plan: dict[str, Any]
    diary: tuple[DiaryEntry, ...]


@dataclass(frozen=True)
class Review:
    """A saved plan version's review data: the diary of its phase so far, and (on a version a
    decision made) the decision and the phase it closed."""

    diary: tuple[DiaryEntry, ...] = ()
    decision: Decision | None = None
    reviewed: Reviewed | None = None

    def entry(self, week: int) -> DiaryEntry | None:
        return next((e for e in self.diary if e.week == week), None)

    @property
    def stopped(self) -> bool:
        return self.decision is not None and self.decision.kind == "stop"


def add_entry(review: Review, entry: DiaryEntry) -> Review:
    """The review with this week's entry (a week entered again replaces it), weeks in order."""
    kept = [e for e in review.diary if e.week != entry.week]
    return replace(review, diary=tuple(sorted([*kept, entry], key=lambda e: e.week)))


# --- dose and response -------------------------------------------------------------------------
@dataclass(frozen=True)
class WeekDose:
    """The week's days and the doses taken on them (one dose, or a change within the week)."""

    week: int
    first: dt.date
    last: dt.date
    doses_mg: tuple[float, ...]

    @property
    def dose_mg(self) -> float | None:
        return self.doses_mg[0] if len(self.doses_mg) == 1 else None

    @property
    def dose_text(self) -> str:
        return " then ".join(mg_text(d) for d in self.doses_mg) or "none"


def week_doses(plan: Plan, week: int) -> WeekDose:
    first, last = week_days(week)
    doses = [plan.dose_on(day) for day in range(first, last + 1)]
    taken = tuple(dict.fromkeys(d for d in doses if d is not None))
    return WeekDose(week, day_n(plan.start_date, first), day_n(plan.start_date, last), taken)


@dataclass(frozen=True)
class Mean:
    value: float | None  # None when no week at this dose has the measure
    n: int

    def text(self, decimals: int = 1) -> str:
        return "—" if self.value is None else f"{format_number(self.value, decimals)} (n={self.n})"


@dataclass(frozen=True)
class DoseRow:
    """The diary weeks spent wholly at one dose (`dose_mg`), or (dose_mg None) the weeks in which the
    dose changed, and the mean of each measure over those weeks, missing weeks left out."""

    dose_mg: float | None
    weeks: tuple[int, ...]
    means: Mapping[str, Mean]

    @property
    def dose_text(self) -> str:
        return "Dose changed in the week" if self.dose_mg is None else mg_text(self.dose_mg)


def _mean(entries: Sequence[DiaryEntry], key: str) -> Mean:
    values = [v for v in (e.score(key) for e in entries) if v is not None]
    return Mean(math.fsum(values) / len(values) if values else None, len(values))


def dose_summary(plan: Plan, diary: Sequence[DiaryEntry]) -> tuple[DoseRow, ...]:
    """Per dose level, lowest first: the weeks of the diary spent wholly at it and each measure's
    mean over them (n: the weeks that had it). Weeks in which the dose changed come last, apart,
    since they belong to no one dose. Descriptive only."""
    by_dose: dict[float, list[DiaryEntry]] = {}
    mixed: list[DiaryEntry] = []
    for entry in diary:
        dose = week_doses(plan, entry.week).dose_mg
        if dose is None:
            mixed.append(entry)
            continue
        key = next((d for d in by_dose if same(d, dose)), dose)
        by_dose.setdefault(key, []).append(entry)
    rows = [
        DoseRow(dose, tuple(e.week for e in entries), {k: _mean(entries, k) for k in MEASURE_KEYS})
        for dose, entries in sorted(by_dose.items())
    ]
    if mixed:
        rows.append(DoseRow(None, tuple(e.week for e in mixed), {k: _mean(mixed, k) for k in MEASURE_KEYS}))
    return tuple(rows)


def used_measures(diary: Sequence[DiaryEntry]) -> tuple[Measure, ...]:
    """The diary's five measures always, and an optional total only where one was entered."""
    return tuple(
        m for m in measures() if not m.optional_total or any(e.score(m.key) is not None for e in diary)
    )


def recorded_measures(diary: Sequence[DiaryEntry]) -> tuple[Measure, ...]:
    """The used measures with a value in at least one week: what a chart of the diary draws. A
    panel for a measure never written would be axes without a point, read as data lost."""
    return tuple(m for m in used_measures(diary) if any(e.score(m.key) is not None for e in diary))


# --- the next phase ----------------------------------------------------------------------------
def dose_at(plan: Plan, date: dt.date) -> float:
    """The dose taken on `date` (the last step's after a plan of fixed length ends)."""
    if date < plan.start_date:
        raise InputError(
            "decision date", date.isoformat(), "is before the plan starts", plan.start_date.isoformat()
        )
    step = plan.step_on(date)
    return plan.steps[-1].dose_mg if step is None else step.dose_mg


def _levels(plan: Plan) -> list[float]:
    levels: list[float] = []
    for step in plan.steps:
        if not any(same(step.dose_mg, d) for d in levels):
            levels.append(step.dose_mg)
    return sorted(levels)


def next_request(request: PlanRequest, plan: Plan, decision: Decision) -> PlanRequest | None:
    """The next phase's plan request from the review day: the same form, syringes and supply rules,
    doses from the decision, no edits carried over. None when the trial stops.

    Each is a rule (start, rise, interval, target), which the Titration page shows and edits as any
    other: continue: the current dose, held. increase: the plan's next dose above the current one,
    held, or up to `to_mg` by the plan's rise. step back: the plan's dose below the current one,
    held. halve: half the current dose, then up again by the plan's rise to the current dose.
    morning: the current dose, held, taken in the morning. The interval is the plan's.
    """
    if decision.kind == "stop":
        return None
    current = dose_at(plan, decision.decided_on)
    every = plan.interval_days
    levels = _levels(plan)
    time = request.time_of_day
    base = replace(request, start_date=decision.decided_on, edits=(), length_days=None, supply_days=None)

    def held(dose: float, time_of_day: str | None = time) -> PlanRequest:
        return replace(base, source=FromRule(dose, plan.step_mg or dose, every), target_mg=dose,
                       time_of_day=time_of_day)  # fmt: skip

    if decision.kind == "continue":
        return held(current)
    if decision.kind == "morning":
        return held(current, "morning")
    if decision.kind == "step back":
        lower = [d for d in levels if below(d, current)]
        if not lower:
            raise InputError(
                "decision", "step back", f"has no lower dose in the plan than {mg_text(current)}", "halve"
            )
        return held(lower[-1])
    if decision.kind == "halve":
        half = current / 2
        return replace(base, source=FromRule(half, plan.step_mg or half, every), target_mg=current)
    # increase
    step = plan.step_mg
    if decision.to_mg is not None:
        if not above(decision.to_mg, current):
            raise InputError(
                "to",
                mg_text(decision.to_mg),
                f"must be above the current dose of {mg_text(current)}",
                "4.5 mg",
            )
        rise = step if step is not None else decision.to_mg - current
        first = min(current + rise, decision.to_mg)
        return replace(base, source=FromRule(first, rise, every), target_mg=decision.to_mg)
    higher = [d for d in levels if above(d, current)]
    if higher:
        return held(higher[0])
    if step is None:
        raise InputError("to", None, "is needed: the plan has no dose above the current one", "--to 6 mg")
    return held(current + step)


def change_text(decision: Decision) -> str:
    return f"review: {decision.kind}"


# --- as JSON in the saved plan's document ------------------------------------------------------
def _entry_json(entry: DiaryEntry) -> dict[str, Any]:
    return {
        "week": entry.week,
        "scores": {k: entry.score(k) for k in MEASURE_KEYS if entry.score(k) is not None},
        "side_effects": entry.side_effects,
        "notes": entry.notes,
    }


def review_to_json(review: Review) -> dict[str, Any]:
    data: dict[str, Any] = {"format": REVIEW_FORMAT, "diary": [_entry_json(e) for e in review.diary]}
    if review.decision is not None:
        d = review.decision
        data["decision"] = {
            "kind": d.kind, "reason": d.reason, "prescriber": d.prescriber,
            "prescriber_verified": d.prescriber_verified, "decided_on": d.decided_on.isoformat(),
            "to_mg": d.to_mg, "prescriber_role": d.prescriber_role, "signed_in_at": d.signed_in_at,
        }  # fmt: skip
    if review.reviewed is not None:
        r = review.reviewed
        data["reviewed"] = {
            "version": r.version, "request": r.request, "plan": r.plan,
            "diary": [_entry_json(e) for e in r.diary],
        }  # fmt: skip
    return data


def _refused(problem: str) -> InputError:
    return InputError("saved plan", None, f"has a review that {problem}", "a plan saved by LDN Desk")


def _entry_from(data: object) -> DiaryEntry:
    if not isinstance(data, Mapping):
        raise _refused("holds a diary week that is not a JSON object")
    week = data.get("week")
    if isinstance(week, bool) or not isinstance(week, int) or week < 1:
        raise _refused("holds a diary week without a week number")
    raw = data.get("scores", {})
    if not isinstance(raw, Mapping) or set(raw) - set(MEASURE_KEYS):
        raise _refused(f"holds unknown measures in week {week}")
    try:
        scores = {m.key: read_score(m, raw.get(m.key)) for m in measures()}
    except InputError as error:
        raise _refused(f"holds a value that is refused in week {week} ({error})") from None
    side, notes = data.get("side_effects", ""), data.get("notes", "")
    if not isinstance(side, str) or not isinstance(notes, str):
        raise _refused(f"holds notes that are not text in week {week}")
    return DiaryEntry(week, scores, side, notes)


def review_from_document(document: Mapping[str, Any]) -> Review:
    """The review a saved plan document holds; an empty one for a plan saved before reviews."""
    data = document.get("review")
    if data is None:
        return Review()
    if not isinstance(data, Mapping) or data.get("format") != REVIEW_FORMAT:
        raise _refused(f"is not in format {REVIEW_FORMAT}")
    diary_data = data.get("diary", [])
    if not isinstance(diary_data, list):
        raise _refused("holds a diary that is not a list")
    diary = tuple(_entry_from(item) for item in diary_data)
    decision = None
    if data.get("decision") is not None:
        d = data["decision"]
        if not isinstance(d, Mapping):
            raise _refused("holds a decision that is not a JSON object")
        try:
            to_mg = d.get("to_mg")
            decision = Decision(
                str(d["kind"]), str(d["reason"]), str(d["prescriber"]),
                dt.date.fromisoformat(str(d["decided_on"])),
                None if to_mg is None else float(to_mg), bool(d.get("prescriber_verified", False)),
                str(d.get("prescriber_role") or ""), str(d.get("signed_in_at") or ""),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError, InputError) as error:
            raise _refused(f"holds a decision that cannot be read ({error})") from None
    reviewed = None
    if data.get("reviewed") is not None:
        r = data["reviewed"]
        if not isinstance(r, Mapping) or not isinstance(r.get("diary", []), list):
            raise _refused("holds a reviewed phase that cannot be read")
        version = r.get("version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise _refused("holds a reviewed phase without its version")
        reviewed = Reviewed(
            version, dict(r.get("request") or {}), dict(r.get("plan") or {}),
            tuple(_entry_from(item) for item in r.get("diary", [])),
        )  # fmt: skip
    return Review(diary, decision, reviewed)
