"""ldn-desk schedule: a dated titration plan, what to measure at each step, and what to dispense."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ldn_desk.cli.commands import options

if TYPE_CHECKING:
    from ldn_desk.desk import Dispensing, Plan, PlanEdit, PlanRequest
    from ldn_desk.plans.measuring import LiquidSchedule, LiquidSplit

HELP = "a titration plan: dated steps, what to measure at each, the review date and the fills to dispense"

_MAX_LIST = 30
# A field the core names -> the option a person typed, so a refusal names what they can change.
# ("plan" stays: it is about which of several options to give.)
OPTION_FOR_FIELD = {
    "protocol": "--protocol",
    "start": "--start",
    "step": "--step",
    "every": "--every",
    "target": "--target",
    "ladder": "--ladder",
    "start date": "--start-date",
    "days": "--days",
    "fill days": "--fill-days",
    "time of day": "--time",
    "liquid": "--liquid",
    "strength": "--liquid",
    "capsules": "--capsules",
    "capsule strength": "--capsules",
    "formula": "--formula",
    "switch strength": "--switch-strength",
    "switch day": "--switch-strength",
    "overage": "--overage",
    "hold": "--hold",
    "hold from day": "--hold",
    "extra days": "--hold",
    "step back from day": "--step-back-from",
    "halve from day": "--halve-from",
}
_LIST_EXAMPLE = "0.1 mg, 0.25 mg, 0.5 mg"


class _Edit(argparse.Action):
    """Keeps every edit option in the order typed, in one list: a hold then a step back is not
    the same plan as a step back then a hold."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option: str | None = None,
    ) -> None:
        edits = list(getattr(namespace, self.dest, None) or [])
        edits.append((self.const, values))
        setattr(namespace, self.dest, edits)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_argument_group(
        "the plan (one of: --protocol; --start/--step/--every/--target; --ladder)"
    )
    source.add_argument("--protocol", metavar="NAME", help='a protocol from the library, e.g. "standard"')
    source.add_argument("--start", metavar="AMOUNT", help='first daily dose, e.g. "1.5 mg"')
    source.add_argument("--step", metavar="AMOUNT", help='rise at each step, e.g. "1.5 mg"')
    source.add_argument("--every", metavar="DURATION", help='days between steps, e.g. "14 days"')
    source.add_argument(
        "--target", metavar="AMOUNT", help='target daily dose, e.g. "4.5 mg" (never overshot)'
    )
    source.add_argument(
        "--ladder", metavar="LIST", help=f'rising doses separated by commas, e.g. "{_LIST_EXAMPLE}"'
    )
    parser.add_argument("--start-date", metavar="DATE", help="day 1 of the plan, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--days", metavar="N", help="days to total and dispense for (default: through the review day)"
    )
    parser.add_argument("--time", choices=("bedtime", "morning"), default=None, help="when the dose is taken")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--liquid", metavar="STRENGTH", help='measure from an oral liquid, e.g. "1 mg/mL"')
    form.add_argument("--capsules", metavar="LIST", help='capsule strengths, e.g. "1.5 mg, 3 mg"')
    parser.add_argument(
        "--switch-strength",
        metavar="STRENGTH from day N",
        help="with --liquid: a second bottle of another strength from the first day of a step on, "
        'e.g. "5 mg/mL from day 57"; the change is called out on the handout',
    )
    parser.add_argument(
        "--formula",
        default="water",
        metavar="KEY",
        help="liquid vehicle from resources/formulas.toml (default water)",
    )
    parser.add_argument(
        "--fill-days", metavar="N", help="largest supply in one fill, in days (default: the BUD)"
    )
    parser.add_argument(
        "--overage",
        metavar="AMOUNT",
        help='liquid added to each bottle for what the bottle and syringe keep back, "5 %%", "2 mL" or '
        '"none" (default: the larger of 5 %% and 2 mL, resources/liquid.toml)',
    )
    edits = parser.add_argument_group(
        "the prescriber's changes, applied in the order given (as the app's Change the plan buttons)"
    )
    edits.add_argument(
        "--hold",
        dest="edits",
        action=_Edit,
        const="hold",
        metavar="DAY:DURATION",
        help='keep the dose taken on plan day DAY for DURATION more; later steps move later, e.g. "29:7 days"',
    )
    edits.add_argument(
        "--step-back-from",
        dest="edits",
        action=_Edit,
        const="step back",
        metavar="DAY",
        help="from plan day DAY, back to the previous dose for one interval, then up again, e.g. 40",
    )
    edits.add_argument(
        "--halve-from",
        dest="edits",
        action=_Edit,
        const="halve",
        metavar="DAY",
        help="from plan day DAY, half the dose for one interval, then climb again through the plan's doses",
    )


def _mode(args: argparse.Namespace) -> str:
    from ldn_desk.errors import InputError

    rule = [args.start, args.step]
    given = [name for name, value in (("--protocol", args.protocol), ("--ladder", args.ladder)) if value]
    if any(v is not None for v in rule):
        given.append("--start/--step")
    if len(given) != 1:
        shown = " and ".join(given) if given else None
        raise InputError(
            "plan",
            shown,
            "give exactly one of --protocol, --ladder, or --start/--step/--every/--target",
            "--protocol standard",
        )
    if args.protocol:
        if args.every is not None:
            raise InputError(
                "every",
                args.every,
                "a protocol has its own interval; use --start/--step/--every instead",
                "--protocol standard",
            )
        return "protocol"
    if args.every is None:
        raise InputError("every", None, "is needed with --ladder or --start/--step", "14 days")
    if args.ladder:
        return "ladder"
    for name, value, example in (
        ("start", args.start, "1.5 mg"),
        ("step", args.step, "1.5 mg"),
        ("target", args.target, "4.5 mg"),
    ):
        if value is None:
            raise InputError(name, None, "is needed with --start/--step/--every/--target", example)
    return "steps"


def read_request(args: argparse.Namespace, *, advise: bool | None = None) -> PlanRequest:
    """The plan request the options describe (shared with `handout`). The advisors run when no
    form is given, unless `advise` says otherwise."""
    import datetime as dt

    from ldn_desk.desk import CapsuleForm, FromLadder, FromProtocol, FromRule, LiquidForm, PlanRequest
    from ldn_desk.errors import InputError
    from ldn_desk.units.dates import parse_date
    from ldn_desk.units.lists import parse_values
    from ldn_desk.units.quantity import Kind, magnitude, parse_count, parse_quantity

    def mg(text: str, field: str) -> float:
        return magnitude(parse_quantity(text, Kind.MASS, field), "mg")

    start_date = dt.date.today() if args.start_date is None else parse_date(args.start_date, "start date")
    mode = _mode(args)
    target = None if args.target is None else mg(args.target, "target")
    source: FromProtocol | FromRule | FromLadder
    if mode == "protocol":
        source = FromProtocol(args.protocol)
    else:
        every = magnitude(parse_quantity(args.every, Kind.DURATION, "every"), "day")
        if mode == "ladder":
            source = FromLadder(parse_values(args.ladder, Kind.MASS, "ladder", example=_LIST_EXAMPLE), every)
        else:
            source = FromRule(mg(args.start, "start"), mg(args.step, "step"), every)
    days = None if args.days is None else parse_count(args.days, "days", maximum=3660, example="112")
    fill_days = (
        None
        if args.fill_days is None
        else parse_count(args.fill_days, "fill days", maximum=3660, example="28")
    )
    overage = None if getattr(args, "overage", None) is None else _overage(args.overage)
    form: LiquidForm | CapsuleForm | None = None
    switch = None if getattr(args, "switch_strength", None) is None else _switch(args.switch_strength)
    if switch is not None and args.liquid is None:
        raise InputError(
            "switch strength",
            args.switch_strength,
            "needs --liquid, the strength the plan starts with",
            "1 mg/mL",
        )
    if args.liquid is not None:
        strength = parse_quantity(args.liquid, Kind.CONCENTRATION, "liquid")
        second, day = (None, None) if switch is None else switch
        form = LiquidForm(magnitude(strength, "mg/mL"), args.formula, second, day)
    elif args.capsules is not None:
        form = CapsuleForm(parse_values(args.capsules, Kind.MASS, "capsules", example="1.5 mg, 3 mg"))
    return PlanRequest(
        source=source,
        start_date=start_date,
        target_mg=target,
        time_of_day=args.time,
        edits=read_edits(args.edits or []),
        form=form,
        supply_days=days,
        fill_days=fill_days,
        advise=form is None if advise is None else advise,
        overage=overage,
    )


def _switch(text: str) -> tuple[float, int]:
    """'5 mg/mL from day 57' → (5.0, 57): the second strength and the plan day its bottle starts."""
    from ldn_desk.errors import InputError
    from ldn_desk.units.quantity import Kind, magnitude, parse_count, parse_quantity

    example = "5 mg/mL from day 57"
    parts = str(text).split(" from day ")
    if len(parts) != 2 or not all(part.strip() for part in parts):
        raise InputError(
            "switch strength", text, 'write the strength and its first day as "STRENGTH from day N"', example
        )
    strength = magnitude(parse_quantity(parts[0], Kind.CONCENTRATION, "switch strength"), "mg/mL")
    return strength, parse_count(parts[1], "switch day", maximum=3660, example="57")


def _overage(text: str) -> Any:
    """'5 %' (a share of each fill), '2 mL' (a fixed volume a bottle) or 'none'."""
    from ldn_desk.desk import Overage
    from ldn_desk.errors import InputError
    from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

    if text.strip().lower() == "none":
        return Overage(0.0, 0.0)
    if text.strip().endswith("%"):
        return Overage(magnitude(parse_quantity(text, Kind.PERCENT, "overage"), "percent"), 0.0)
    if text.strip().lower().endswith("ml"):
        return Overage(0.0, magnitude(parse_quantity(text, Kind.VOLUME, "overage"), "mL"))
    raise InputError("overage", text, 'needs "%" or "mL", or is "none"', "5 %")


def read_edits(typed: list[tuple[str, str]]) -> tuple[PlanEdit, ...]:
    """The edit options as PlanEdits, in the order typed; each read strictly."""
    from ldn_desk.desk import PlanEdit
    from ldn_desk.errors import InputError
    from ldn_desk.units.quantity import Kind, magnitude, parse_count, parse_quantity

    out: list[PlanEdit] = []
    for kind, text in typed:
        if kind == "hold":
            parts = str(text).split(":")
            if len(parts) != 2 or not all(part.strip() for part in parts):
                raise InputError(
                    "hold", text, "write the plan day and how much longer as DAY:DURATION", "29:7 days"
                )
            day = parse_count(parts[0], "hold from day", maximum=3660, example="29")
            longer = magnitude(parse_quantity(parts[1], Kind.DURATION, "hold"), "day")
            if longer != int(longer) or not 1 <= longer <= 365:
                raise InputError(
                    "hold", parts[1].strip(), "must be a whole number of days, 1 to 365", "7 days"
                )
            out.append(PlanEdit.hold_day(day, int(longer)))
        elif kind == "step back":
            out.append(
                PlanEdit.step_back(parse_count(text, "step back from day", maximum=3660, example="40"))
            )
        else:
            out.append(PlanEdit.halve(parse_count(text, "halve from day", maximum=3660, example="40")))
    return tuple(out)


def _step_json(plan: Plan, index: int) -> dict[str, Any]:
    from ldn_desk.cli.commands.common import mg_field

    step = plan.steps[index]
    end = step.end_date(plan.start_date)
    return {
        "from_day": step.from_day,
        "to_day": step.to_day,
        "days": step.days,
        "start_date": step.start_date(plan.start_date).isoformat(),
        "end_date": None if end is None else end.isoformat(),
        **mg_field("dose_mg", step.dose_mg),
        "dose_text": step.dose_text,
        "time_of_day": step.time_of_day,
        "directions": step.directions,
    }


def _fills_json(dispensing: Dispensing) -> list[dict[str, Any]]:
    from ldn_desk.cli.commands.common import mg_field, mg_per_ml_field, ml_field

    out: list[dict[str, Any]] = []
    for fill in dispensing.fills:
        item: dict[str, Any] = {
            "number": fill.number,
            "from_day": fill.from_day,
            "to_day": fill.to_day,
            "days": fill.days,
            "due_date": fill.due_date.isoformat(),
            "compounded": fill.compounded.isoformat(),
            "use_by": fill.use_by.isoformat(),
            **mg_field("total_mg", fill.total_mg),
        }
        if fill.recipe is not None and fill.volume_ml is not None:
            item.update(ml_field("volume_ml", fill.volume_ml))
            item.update(mg_per_ml_field("strength_mg_per_ml", fill.strength_mg_per_ml or 0.0))
            item.update(ml_field("overage_ml", fill.overage_ml))
            item.update(ml_field("dispensed_ml", fill.dispensed_ml or 0.0))
            item["tablets"] = fill.tablets
            item.update(mg_field("tablet_mg", fill.recipe.tablet_strength_mg))
            item.update(ml_field("batch_volume_ml", fill.recipe.batch_volume_ml))
            item.update(ml_field("leftover_ml", fill.leftover_ml or 0.0))
            dilution = fill.recipe.dilution
            item["serial_dilution"] = None
            if dilution is not None:
                item["serial_dilution"] = {
                    **mg_per_ml_field("stock_mg_per_ml", dilution.stock_mg_per_ml),
                    **ml_field("stock_volume_ml", dilution.stock_volume_ml),
                    **ml_field("aliquot_ml", dilution.aliquot_ml),
                    **ml_field("stock_discarded_ml", dilution.leftover_ml),
                }
        else:
            item["capsules"] = [
                {**mg_field("strength_mg", c.strength_mg), "count": c.count} for c in fill.capsules
            ]
        out.append(item)
    return out


def _switch_json(plan: Plan, liquid: LiquidSchedule) -> dict[str, Any] | None:
    """The change to a second bottle of another strength, or None for one strength."""
    from ldn_desk.cli.commands.common import mg_per_ml_field
    from ldn_desk.units.dates import long_date

    switch = liquid.switch
    if switch is None:
        return None
    date = plan.date_of(switch.day)
    return {
        **mg_per_ml_field("from_mg_per_ml", switch.before.dose.strength_mg_per_ml),
        **mg_per_ml_field("to_mg_per_ml", switch.strength_mg_per_ml),
        "day": switch.day,
        "date": date.isoformat(),
        "volume_before_text": switch.before.volume_text,
        "volume_after_text": switch.after.volume_text,
        "text": switch.callout(long_date(date)),
    }


def _split_json(split: LiquidSplit | None) -> dict[str, Any] | None:
    """Two strengths one after the other, when no one strength measures every step."""
    from ldn_desk.cli.commands.common import mg_per_ml_field

    if split is None:
        return None
    return {
        **mg_per_ml_field("first_mg_per_ml", split.first.strength_mg_per_ml),
        **mg_per_ml_field("second_mg_per_ml", split.second.strength_mg_per_ml),
        "second_from_step": split.from_step + 1,
        "second_from_day": split.from_day,
        "text": split.text,
    }


def as_option(error: Exception) -> Exception:
    """The same refusal, naming the option instead of the core's field where there is one."""
    return options.as_option(error, OPTION_FOR_FIELD)


def _run(args: argparse.Namespace) -> dict[str, Any]:
    # The core is imported here, not at the top, so `ldn-desk --help` starts fast.
    from ldn_desk.cli.commands.common import alerts_json, mg_field, mg_per_ml_field, ml_field
    from ldn_desk.desk import Desk

    outcome = Desk().plan(read_request(args))
    if outcome.supply_refusal is not None:
        raise outcome.supply_refusal  # the fills cannot be made as asked: refused, naming the option
    if outcome.capsule_advice_refusal is not None:
        raise outcome.capsule_advice_refusal
    plan = outcome.plan
    steps = [_step_json(plan, i) for i in range(len(plan.steps))]
    payload: dict[str, Any] = {
        "protocol": plan.protocol_key,
        "protocol_name": plan.protocol_name,
        "source": plan.source,
        "start_date": plan.start_date.isoformat(),
        "time_of_day": plan.time_of_day,
        **mg_field("target_mg", plan.target_mg),
        "interval_days": plan.interval_days,
        "review_day": plan.review_day,
        "review_date": plan.review_date.isoformat(),
        "review_latest_date": plan.review_latest_date.isoformat(),
        "review_text": plan.review_text,
        "review_source": plan.review_rule.source,
        "days": outcome.days,
        "form": None,
        "steps": steps,
    }
    supply = outcome.supply
    liquid, capsules = outcome.liquid, outcome.capsules
    if liquid is not None:
        for item, measure in zip(steps, liquid.measures, strict=True):
            syringe = measure.syringe
            # volume_ml_text is the rounded direction; a step that cannot be measured is shown by
            # its calculated volume instead (1.25 mL, never "1.3 mL").
            item.update(ml_field("volume_ml", measure.volume_ml))
            item["volume_ml_text"] = measure.volume_text  # as calculated when not measurable
            item["calculated_volume_text"] = measure.calculated_volume_text
            if syringe is None:
                item.update(syringe=None, syringe_ml=None, syringe_ml_text=None)
            else:
                item.update(syringe=syringe.label, **ml_field("syringe_ml", syringe.capacity_ml))
            item["measurable"] = measure.measurable
            item["marks"] = measure.marks
            item["few_marks"] = measure.few_marks
            # the bottle this step is measured from (two strengths: it changes at the switch)
            item.update(mg_per_ml_field("strength_mg_per_ml", measure.dose.strength_mg_per_ml))
        assert supply is not None  # a liquid is always supplied, or refused above
        payload.update(form="liquid", **mg_per_ml_field("strength_mg_per_ml", liquid.strength_mg_per_ml))
        payload["formula"] = args.formula
        payload["bud_days"] = supply.bud_days
        payload.update(ml_field("total_volume_ml", supply.total_volume_ml or 0.0))
        payload.update(ml_field("dispensed_volume_ml", supply.dispensed_volume_ml or 0.0))
        payload["overage"] = None if supply.overage is None else supply.overage.text
        payload["tablets"] = supply.tablets
        payload["switch"] = _switch_json(plan, liquid)
        payload["strengths"] = [
            {
                **mg_per_ml_field("strength_mg_per_ml", part.strength_mg_per_ml),
                "bottles": len(part.fills),
                **ml_field("dispensed_ml", part.dispensed_ml),
                **mg_field("total_mg", part.total_mg),
                "tablets": part.tablets,
                "text": part.text,
            }
            for part in supply.strengths
        ]
    elif capsules is not None:
        for item, cap in zip(steps, capsules.measures, strict=True):
            item["capsules"] = [
                {**mg_field("strength_mg", c.strength_mg), "count": c.count} for c in cap.dose.capsules
            ]
            item["capsules_text"] = cap.dose.text
            item["makeable"] = cap.dose.makeable
        payload["form"] = "capsules"
        payload["capsule_strengths_mg"] = list(capsules.strengths_mg)
        if supply is not None:
            payload["bud_days"] = supply.bud_days
    elif outcome.liquid_advice is not None and outcome.capsule_advice is not None:
        payload["advice"] = {
            **mg_per_ml_field("liquid_mg_per_ml", outcome.liquid_advice.strength_mg_per_ml),
            "liquid_reason": outcome.liquid_advice.reason,
            "liquid_split": _split_json(outcome.liquid_advice.split),
            "capsule_strengths_mg": list(outcome.capsule_advice.strengths_mg),
            "capsule_reason": outcome.capsule_advice.reason,
        }
    payload.update(mg_field("total_mg", outcome.total_mg))
    payload["fills"] = [] if supply is None else _fills_json(supply)
    more = outcome.more_needed_from
    payload["more_needed_from"] = None if more is None else more.isoformat()
    payload["more_needed_day"] = outcome.more_needed_day
    payload["edits"] = list(plan.edits)
    payload["warnings"] = alerts_json(outcome.alerts)
    return payload


run = options.naming_options(_run, OPTION_FOR_FIELD)


def render(payload: dict[str, Any]) -> str:
    import datetime as dt

    from ldn_desk.cli.commands.common import bullet_lines
    from ldn_desk.units.dates import long_date
    from ldn_desk.units.dose_text import count_text

    def day(iso: str) -> str:
        return long_date(dt.date.fromisoformat(iso))

    lines = [
        f"{payload['protocol_name']} titration to {payload['target_mg_text']}, starting {day(payload['start_date'])}.",
        f"Source: {payload['source']}",
    ]
    switch: dict[str, Any] | None = payload.get("switch")
    if payload["form"] == "liquid" and switch is None:
        lines.append(f"Liquid {payload['strength_mg_per_ml_text']}.")
    elif payload["form"] == "liquid" and switch is not None:
        lines.append(
            f"Liquid {switch['from_mg_per_ml_text']} to day {switch['day'] - 1}, then "
            f"{switch['to_mg_per_ml_text']} from day {switch['day']}."
        )
        lines.append(f"CHANGE OF STRENGTH: {switch['text']}")
    step_lines = []
    for step in payload["steps"]:
        when = (
            f"from {day(step['start_date'])}"
            if step["end_date"] is None
            else (f"{day(step['start_date'])} to {day(step['end_date'])}")
        )
        label = (
            f"Day {step['from_day']}"
            if step["to_day"] == step["from_day"]
            else (
                f"From day {step['from_day']}"
                if step["to_day"] is None
                else f"Days {step['from_day']}–{step['to_day']}"
            )
        )
        text = f"{label} ({when}): {step['directions']}"
        if "volume_ml" in step:
            if step["few_marks"]:
                text += (
                    f" = {step['volume_ml_text']} with the {step['syringe']}, ONLY {step['marks']} MARKS: "
                    "too few to measure precisely (see the warnings)"
                )
            elif step["measurable"]:
                text += f" = {step['volume_ml_text']} with the {step['syringe']}"
            else:
                text += (
                    f" = {step['calculated_volume_text']} by calculation, NOT MEASURABLE with these syringes"
                )
            if switch is not None:
                text += f" (from the {step['strength_mg_per_ml_text']} bottle)"
        if "capsules_text" in step:
            text += f" = {step['capsules_text']}"
        step_lines.append(text)
    lines.append(bullet_lines("Steps:", step_lines, numbered=True))
    lines.append(
        f"Review: {day(payload['review_date'])} (day {payload['review_day']}), by {day(payload['review_latest_date'])}."
    )
    lines.append(f"Total over {payload['days']} days: {payload['total_mg_text']}.")
    fill_lines = []
    for fill in payload["fills"]:
        if "volume_ml" in fill:
            tablets = (
                f"{fill['tablets']} × {fill['tablet_mg_text']} tablet{'s' if fill['tablets'] != 1 else ''}"
            )
            dilution = fill["serial_dilution"]
            if dilution is None:
                batch = f"{tablets}, made up to {fill['batch_volume_ml_text']}"
            else:
                batch = (
                    f"{dilution['aliquot_ml_text']} of a {dilution['stock_mg_per_ml_text']} stock ({tablets} in "
                    f"{dilution['stock_volume_ml_text']}) made up to {fill['batch_volume_ml_text']}"
                )
            bottle = fill["dispensed_ml_text"]
            if fill["overage_ml"]:
                bottle += f", {fill['volume_ml_text']} of doses and {fill['overage_ml_text']} overage"
            what = f"{bottle} (batch: {batch})"
        else:
            what = ", ".join(f"{count_text(c['count'])} × {c['strength_mg_text']}" for c in fill["capsules"])
        days = (
            f"day {fill['from_day']}"
            if fill["from_day"] == fill["to_day"]
            else f"days {fill['from_day']}–{fill['to_day']}"
        )
        if payload.get("switch") is not None:
            what = f"{fill['strength_mg_per_ml_text']}: {what}"
        fill_lines.append(f"due {day(fill['due_date'])}: {what}, {days}, use by {day(fill['use_by'])}")
    if "advice" in payload:
        advice = payload["advice"]
        lines.append(bullet_lines("Advice:", [advice["liquid_reason"], advice["capsule_reason"]]))
    for block in (
        bullet_lines("Fills:", fill_lines, numbered=True),
        ""
        if payload["more_needed_from"] is None
        else (
            f"Supply ends on day {payload['more_needed_day'] - 1}: the patient needs more from "
            f"{day(payload['more_needed_from'])} (day {payload['more_needed_day']})."
        ),
        bullet_lines("Warnings:", payload["warnings"]),
    ):
        if block:
            lines.append(block)
    return "\n".join(lines)
