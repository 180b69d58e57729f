"""What the plan page shows of an outcome, built from the outcome alone: the table's rows, the
chart's steps, the headline and the details. The page shows these; a check can build them again
from a direct computation and compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.i18n import core_english, core_text, translate
from ui.models.plan import PlanRow
from ui.pages.base import bullet_list, key_values, section
from ui.pages.plan.measures import advice_text, step_measures
from ui.widgets.chart import ChartStep
from ui.widgets.text import safe_html

if TYPE_CHECKING:
    from ldn_desk.desk import PlanOutcome


def measure_title(outcome: PlanOutcome) -> str | None:
    """The Measure column's title: what it is measured from (None: leave it as it is)."""
    if outcome.liquid is not None:
        if outcome.liquid.switch is None:
            return translate("Measure of {strength}").format(strength=outcome.liquid.strength_text)
        return translate("Measure (two bottles)")  # two bottles: each row names its own
    if outcome.capsules is not None:
        return translate("Capsules of {strengths}").format(strengths=outcome.capsules.strengths_text)
    return None


def plan_rows(outcome: PlanOutcome) -> list[PlanRow]:
    """The table's rows; a step's days and time in the language spoken (the page speaks the app's)."""
    from ldn_desk.units.dates import long_date

    plan = outcome.plan
    rows = []
    for step, (text, ok) in zip(plan.steps, step_measures(outcome), strict=True):
        starts = step.start_date(plan.start_date)
        rows.append(PlanRow(step, long_date(starts), text, ok, step.days_label, step.time_text))
    return rows


def chart_steps(outcome: PlanOutcome) -> tuple[list[ChartStep], int | None, str]:
    """The chart's steps (an open last step drawn to the review or the plan's end), the review
    day when it falls on the chart, and the review's words."""
    plan = outcome.plan
    end_day = max(plan.review_day, plan.steps[-1].from_day + plan.interval_days - 1)
    if plan.length_days is not None:
        end_day = plan.length_days
    steps = [
        ChartStep(s.from_day, s.to_day if s.to_day is not None else end_day, s.dose_mg, s.dose_text)
        for s in plan.steps
    ]
    return steps, plan.review_day if plan.review_day <= end_day else None, core_text(plan.review_text)


def headline(outcome: PlanOutcome) -> str:
    from ldn_desk.units.dates import long_date

    plan = outcome.plan
    first, last = plan.steps[0], plan.steps[-1]
    return translate("{first} to {last} {time}, review {date}").format(
        first=first.dose_text, last=last.dose_text, time=first.time_text, date=long_date(plan.review_date)
    )


def details_html(outcome: PlanOutcome) -> str:
    """The plan's facts, the advisor's words, the supply fill by fill, the changes and the source."""
    from ldn_desk.units.dates import long_date

    t = translate
    plan = outcome.plan
    facts = [
        (t("Plan"), core_text(plan.protocol_name)),
        (t("Target"), core_text(plan.target_text)),
        (t("Review"), t("{date} (day {day})").format(date=long_date(plan.review_date), day=plan.review_day)),
    ]
    details = section(t("Plan"), key_values(facts) + f"<p>{safe_html(core_text(plan.review_text))}</p>")
    details += section(t("Advisor"), f"<p>{safe_html(advice_text(outcome))}</p>")
    supply = outcome.supply
    if supply is not None:
        fills = len(supply.fills)
        total = t("{total} in {count} fill" if fills == 1 else "{total} in {count} fills").format(
            total=supply.total_text, count=fills
        )
        more = outcome.more_needed_from
        ends = (
            ""
            if more is None
            else f"<p><b>{safe_html(t('More is needed from {date}.').format(date=long_date(more)))}</b></p>"
        )
        with core_english():  # the core's English, then said in the app's language whole
            summaries = [fill.summary for fill in supply.fills]
        title = t("Supply until the review (days 1–{days})" if more is None else "Supply (days 1–{days})")
        details += section(
            title.format(days=supply.days),
            f"<p>{safe_html(total)}</p>" + bullet_list(core_text(summary) for summary in summaries) + ends,
        )
    if plan.edits:
        details += section(
            t("Changes made"), bullet_list([core_text(edit) for edit in plan.edits], numbered=True)
        )
    details += (
        f"<p><small>{safe_html(t('Source: {source}').format(source=core_text(plan.source)))}</small></p>"
    )
    return details
