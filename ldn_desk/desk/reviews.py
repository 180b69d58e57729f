"""The review visit for every front end: the diary entered week by week into a saved plan, the
per-dose summary, the decision saved as the plan's next version, and its documents.

    review = reviews.open_review(store, plan_id)                     # the latest version's review
    saved = reviews.add_week(store, plan_id, review.version, week=3, pain="6", sleep="fair")
    saved = reviews.decide(store, plan_id, saved.version, Decision("step back", "…", "Dr Khan", day))

Each change is one new version of the saved plan (the log's plan_version table, no new format):
a diary week carries the same request and plan and the diary so far; a decision carries the next
phase's request and plan and, under "reviewed", the phase it closed with its diary. `based_on` is
the version the change was made on: a version saved in between is never overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ldn_desk.errors import InputError, LdnDeskError
from ldn_desk.plans.model import Plan
from ldn_desk.plans.pipeline import PlanOutcome, PlanRequest, plan_outcome
from ldn_desk.plans.review import (
    Decision,
    DiaryEntry,
    DoseRow,
    Measure,
    Review,
    Reviewed,
    WeekDose,
    add_entry,
    change_text,
    diary_entry,
    diary_weeks,
    dose_summary,
    next_request,
    recorded_measures,
    review_from_document,
    review_to_json,
    shown_weeks,
    used_measures,
    week_doses,
)
from ldn_desk.plans.saved import plan_document, read_plan_document, request_to_json
from ldn_desk.store.errors import AccessError

if TYPE_CHECKING:
    from ldn_desk.recipes.dosing import Syringe
    from ldn_desk.store import SavedPlan, Store
    from ldn_desk.store.users import Credentials, User

__all__ = [
    "Decision",
    "DiaryEntry",
    "DoseRow",
    "Measure",
    "PlanReview",
    "Review",
    "WeekDose",
    "add_week",
    "decide",
    "open_review",
    "review_of",
]


@dataclass(frozen=True)
class PlanReview:
    """One saved plan version seen at the review: the plan the patient followed (as saved), its
    request, its review data, and the diary weeks with their doses and the per-dose summary.

    On a version a decision made, `plan` is the new phase's; `reviewed_plan` the one decided on."""

    plan_id: int
    version: int
    patient: str
    change: str
    request: PlanRequest
    plan: Plan
    review: Review
    history: tuple[tuple[int, str, str], ...]  # (version, change, saved at) of every version

    @property
    def weeks(self) -> tuple[WeekDose, ...]:
        """The weeks to show: the handout diary's (to the review day) and any written after them."""
        return tuple(
            week_doses(self.plan, w) for w in range(1, shown_weeks(self.plan, self.review.diary) + 1)
        )

    @property
    def diary_weeks(self) -> int:
        """The last week a diary entry may be for (to the latest review day)."""
        return diary_weeks(self.plan)

    @property
    def summary(self) -> tuple[DoseRow, ...]:
        return dose_summary(self.plan, self.review.diary)

    @property
    def measures(self) -> tuple[Measure, ...]:
        return used_measures(self.review.diary)

    @property
    def recorded_measures(self) -> tuple[Measure, ...]:
        """The measures with a value in some week: a chart's panels (never one without a point)."""
        return recorded_measures(self.review.diary)

    @property
    def stopped(self) -> bool:
        return self.review.stopped

    def reviewed_plan(self) -> Plan | None:
        """The plan the decision on this version was made on, as it was saved."""
        reviewed = self.review.reviewed
        if reviewed is None:
            return None
        return read_plan_document(
            {"format": 2, "request": reviewed.request, "plan": reviewed.plan}
        ).saved_plan

    def decided(self) -> PlanReview | None:
        """This version seen as the phase its decision closed: that plan and the diary on it."""
        reviewed = self.review.reviewed
        plan = self.reviewed_plan()
        if reviewed is None or plan is None:
            return None
        opened = read_plan_document({"format": 2, "request": reviewed.request, "plan": reviewed.plan})
        return replace(
            self,
            request=opened.request,
            plan=plan,
            review=Review(reviewed.diary, self.review.decision, reviewed),
        )


def review_of(saved: SavedPlan, history: tuple[tuple[int, str, str], ...] = ()) -> PlanReview:
    opened = read_plan_document(saved.plan)
    return PlanReview(
        saved.plan_id,
        saved.version,
        saved.patient,
        saved.change,
        opened.request,
        opened.saved_plan,
        review_from_document(saved.plan),
        history,
    )


def open_review(store: Store, plan_id: int, version: int | None = None) -> PlanReview:
    """The review of a saved plan's latest version (or the version asked for), with its history."""
    saved = store.plan(plan_id, version)
    history = tuple((v.version, v.change, v.saved_at) for v in store.plan_history(plan_id))
    return review_of(saved, history)


def _with_review(document: Mapping[str, Any], review: Review) -> dict[str, Any]:
    return {**document, "review": review_to_json(review)}


def add_week(store: Store, plan_id: int, based_on: int | None, week: object, **values: object) -> SavedPlan:
    """Save one diary week (checked against the plan) as the plan's next version."""
    current = open_review(store, plan_id)
    if current.stopped:
        raise LdnDeskError(f"saved plan {plan_id}: the trial was stopped at the review; nothing was saved")
    entry = diary_entry(current.plan, week, **values)
    saved = store.plan(plan_id)
    # The diary of this phase only: a decision stays on the version it made (see the history).
    document = _with_review(saved.plan, Review(add_entry(current.review, entry).diary))
    change = (
        f"diary week {entry.week}"
        if current.review.entry(entry.week) is None
        else f"diary week {entry.week} corrected"
    )
    return store.save_plan(
        saved.patient,
        document,
        change=change,
        plan_id=plan_id,
        based_on=current.version if based_on is None else based_on,
    )


def next_outcome(
    current: PlanReview, decision: Decision, syringes: tuple[Syringe, ...] | None = None
) -> PlanOutcome | None:
    """The next phase's plan (None when the trial stops), worked out before anything is saved."""
    request = next_request(current.request, current.plan, decision)
    return None if request is None else plan_outcome(request, syringes)


def bound_decision(store: Store, decision: Decision, by: Credentials | None) -> tuple[Decision, User | None]:
    """The decision with its prescriber: in a log with users the signed-in user (a prescriber or
    pharmacist, active, the password checked now), their printed name and role, verified, with
    the time; in a log without users the typed name, not verified (as it was). With it, the
    signed-in user (None in a log without users), whom the save checks again in its own transaction."""
    from ldn_desk.store.users import Permission, name_key

    if not store.has_users():
        if by is not None:
            store.signed_in(by, Permission.SAVE_PLAN)  # refused: the log has no such user
        return replace(decision, prescriber_verified=False, prescriber_role="", signed_in_at=""), None
    if by is None:
        raise AccessError(
            "this log has users: the review decision is made by the signed-in prescriber or "
            "pharmacist (--as NAME with the password), not a typed prescriber name; nothing was saved"
        )
    user, at = store.signed_in(by, Permission.SAVE_PLAN)
    if name_key(decision.prescriber) != name_key(user.name):
        raise InputError(
            "prescriber", decision.prescriber,
            f"cannot be typed in a log with users: the decision is recorded as the signed-in user, "
            f"{user.name}; nothing was saved", f"--as '{user.name}' without --prescriber",
        )  # fmt: skip
    bound = replace(
        decision,
        prescriber=user.name,
        prescriber_verified=True,
        prescriber_role=str(user.role),
        signed_in_at=at,
    )
    return bound, user


def decide(
    store: Store,
    plan_id: int,
    based_on: int | None,
    decision: Decision,
    syringes: tuple[Syringe, ...] | None = None,
    by: Credentials | None = None,
) -> SavedPlan:
    """Save the review's decision as the plan's next version: the next phase's request and plan,
    the decision (with its prescriber bound, see `bound_decision`), and the phase it closed
    (request, plan and diary) under "reviewed". The whole document, the bound name in it, is the
    version the log's chain hashes."""
    current = open_review(store, plan_id)
    if current.stopped:
        raise LdnDeskError(f"saved plan {plan_id}: the trial was already stopped; nothing was saved")
    saved = store.plan(plan_id)
    outcome = next_outcome(current, decision, syringes)
    decision, signer = bound_decision(store, decision, by)
    reviewed = Reviewed(
        current.version,
        request_to_json(current.request),
        dict(saved.plan.get("plan") or {}),
        current.review.diary,
    )
    review = Review((), decision, reviewed)
    base: Mapping[str, Any] = saved.plan if outcome is None else plan_document(outcome)
    document = _with_review(base, review)
    return store.save_plan(
        saved.patient,
        document,
        change=change_text(decision),
        plan_id=plan_id,
        based_on=current.version if based_on is None else based_on,
        signed_by=signer,
    )
