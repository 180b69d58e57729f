"""The patient titration handout: plan table, chart, tick-box calendar, safety, symptom diary."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ldn_desk.documents.calendar import CalendarDay, DiaryWeek, calendar_table, diary_table
from ldn_desk.documents.card import CardText, wallet_card
from ldn_desk.documents.chart import ChartStep, dose_chart
from ldn_desk.documents.info import HandoutInfo
from ldn_desk.documents.measures import StepMeasure, step_measures, strengths_in_words
from ldn_desk.documents.pdfbase import (
    FONT,
    FONT_BOLD,
    INK,
    RULE,
    PageSetup,
    Styles,
    bold_lead,
    build_pdf,
    bullets,
    grid_table,
    make_styles,
    markup,
    para,
    printable,
)
from ldn_desk.documents.qr import QrFlowable, plan_summary
from ldn_desk.plans.dispensing import Dispensing
from ldn_desk.plans.edits import edit_in_words
from ldn_desk.plans.measuring import CapsuleSchedule, LiquidSchedule
from ldn_desk.plans.titration import Plan, Step
from ldn_desk.recipes.bud import BeyondUseDate, categories
from ldn_desk.recipes.choices import DosageForm
from ldn_desk.reference.documents import HandoutWording, handout_wording
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import count_text, days_text, mg_per_ml_text, mg_text, ml_text
from ldn_desk.units.language import speaking, tr

if TYPE_CHECKING:
    from ldn_desk.plans.pipeline import PlanOutcome

WARNING_BORDER = HexColor("#B03A2E")
WARNING_FILL = HexColor("#FDF2F0")
BODY_PT = 12.0
LARGE_PRINT_PT = 16.0  # large-print guidance asks for 16 pt or more
QR_SIZE = 25 * mm  # the plan summary's QR code: small, and still read by a phone from paper
# Nothing in large print is smaller than this: small print, tables, calendar, chart, card.
LARGE_PRINT_MIN_PT = 14.0


def _wording() -> HandoutWording:
    return handout_wording()


def has_phone_number(info: HandoutInfo) -> bool:
    """A contact with enough digits to call: an address or an email alone is not one."""
    digits = sum(char.isdigit() for char in info.contact)
    return digits >= _wording().contact.min_digits


def handout_notices(info: HandoutInfo) -> tuple[str, ...]:
    """What the maker of a handout should know before printing it (a front end shows these)."""
    return () if has_phone_number(info) else (_wording().contact.warning,)


def _section(flowables: Sequence[Flowable]) -> Flowable:
    """A section kept on one page with its heading where it fits; a longer one still flows over."""
    return KeepTogether(list(flowables))


def _last_shown_day(plan: Plan) -> int:
    """The calendar and chart run to the review day, or to the end of a plan that stops earlier."""
    end = plan.length_days
    return plan.review_day if end is None else min(end, plan.review_day)


def _header(plan: Plan, info: HandoutInfo, styles: Styles, width: float) -> list[Flowable]:
    wording = _wording()
    story: list[Flowable] = []
    if info.clinic:
        story.append(para(info.clinic, styles.bold, "clinic"))
    if info.contact:
        # Labelled, so a patient knows the number is the one to call with a question.
        line = wording.contact.call if has_phone_number(info) else wording.contact.write_to
        story.append(para(tr(line).format(contact=printable(info.contact, "contact")), styles.bold))
    story.append(para(tr(wording.title), styles.title))
    if not has_phone_number(info):
        story.append(para(tr(wording.contact.write_in), styles.bold))
    rows = [
        ("Patient", info.patient),
        ("Prescriber", info.prescriber or "—"),
        ("Printed", long_date(info.date)),
        ("First dose", long_date(plan.start_date)),
        ("Review visit", long_date(plan.review_date)),
    ]
    cells = [
        [para(tr(label), styles.cell_bold), para(value, styles.cell, label.lower())] for label, value in rows
    ]
    # The labels' column holds its longest label on one line ("Consulta de revisión"), up to a third.
    widest = max(float(stringWidth(tr(label), FONT_BOLD, styles.cell_bold.fontSize)) for label, _ in rows)
    labels = min(max(width * 0.24, widest + _CELL_PAD), width * 0.34)
    table = Table(cells, colWidths=[labels, width - labels], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    story += [table, Spacer(1, styles.size * 0.8)]
    return story


def _warning_box(styles: Styles, width: float) -> Flowable:
    block = _wording().opioid_warning
    stop = days_text(block.stop_before_surgery_days)
    opioids = ", ".join(tr(name) for name in block.opioids)
    lines = [tr(line).format(opioids=opioids, stop_days=stop) for line in block.lines]
    inner: list[Flowable] = [para(tr(block.title), styles.warning_title), *bullets(lines, styles)]
    box = Table([[inner]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BOX", (0, 0), (-1, -1), 2.5, WARNING_BORDER),
                ("BACKGROUND", (0, 0), (-1, -1), WARNING_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), styles.size * 0.8),
                ("RIGHTPADDING", (0, 0), (-1, -1), styles.size * 0.8),
                ("TOPPADDING", (0, 0), (-1, -1), styles.size * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size * 0.4),
            ]
        )
    )
    return box


def _switch_box(plan: Plan, liquid: LiquidSchedule | None, styles: Styles, width: float) -> list[Flowable]:
    """The change to a bottle of another strength, called out where no reader can miss it: the
    mL dose changes with the liquid (a known cause of tenfold errors)."""
    switch = None if liquid is None else liquid.switch
    if liquid is None or switch is None:
        return []
    date = long_date(plan.date_of(switch.day))
    lines = [
        tr("Until {date} you use the {strength} bottle: {dose} is {volume}.").format(
            date=long_date(plan.date_of(switch.day - 1)),
            strength=switch.old_strength_text,
            dose=switch.before.step.dose_text,
            volume=switch.before.volume_text,
        ),
        tr("From {date} (day {day}) you use the NEW {strength} bottle: {dose} is {volume}.").format(
            date=date,
            day=switch.day,
            strength=switch.strength_text,
            dose=switch.after.step.dose_text,
            volume=switch.after.volume_text,
        ),
        tr(
            "Do not use the old bottle after the change, and check the strength on the label each time. "
            "If you are not sure how much to draw up, ask your pharmacist before taking a dose."
        ),
    ]
    inner: list[Flowable] = [
        para(tr("CHANGE OF BOTTLE ON {date}").format(date=date.upper()), styles.warning_title),
        para(switch.callout(date), styles.bold),
        *bullets(lines, styles),
    ]
    box = Table([[inner]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BOX", (0, 0), (-1, -1), 2.5, WARNING_BORDER),
                ("BACKGROUND", (0, 0), (-1, -1), WARNING_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), styles.size * 0.8),
                ("RIGHTPADDING", (0, 0), (-1, -1), styles.size * 0.8),
                ("TOPPADDING", (0, 0), (-1, -1), styles.size * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size * 0.4),
            ]
        )
    )
    return [Spacer(1, styles.size * 0.6), box, Spacer(1, styles.size * 0.6)]


def cell_date(date: dt.date) -> str:
    """A long date for a narrow table cell: it may break in two, never before a lone year
    ("29 December 2026" whole; "29 de diciembre" over "de 2026", never "… de" over "2026")."""
    words = long_date(date).split(" ")
    if len(words) <= 3:
        return "\u00a0".join(words)
    return "\u00a0".join(words[:3]) + " " + "\u00a0".join(words[3:])


def _step_dates(plan: Plan, step: Step) -> str:
    start = cell_date(step.start_date(plan.start_date))
    end = step.end_date(plan.start_date)
    if end is None:
        return tr("From {start}\nonwards").format(start=start)
    if end == step.start_date(plan.start_date):
        return start
    return tr("{start}\nto {end}").format(start=start, end=cell_date(end))


def _plan_table(plan: Plan, measures: Sequence[StepMeasure], styles: Styles, width: float) -> Table:
    cell, bold = styles.cell, styles.cell_bold
    header = [para(tr(text), bold) for text in ("Dates", "Daily dose", "What to take", "When")]
    when, when_whole = _when_width(plan, float(cell.fontSize), width)
    rows: list[list[Flowable]] = [header]
    for step, measure in zip(plan.steps, measures, strict=True):
        dates = (
            f"{markup(_step_dates(plan, step))}<br/><font color='#555555'>{markup(step.days_label)}</font>"
        )
        rows.append(
            [
                Paragraph(dates, cell),
                para(step.dose_text, bold),
                para(measure.instruction, cell),
                Paragraph(
                    markup(step.time_text).replace(" ", "\u00a0") if when_whole else markup(step.time_text),
                    cell,
                ),
            ]
        )
    # Dates and dose widened to hold their longest line and header on one line (Spanish: "Desde el
    # 29 de marzo de 2026", "Dosis diaria") where a little more width does it and What to take
    # keeps at least 28 % of the width; else the usual shares, and the text wraps.
    date_lines = [line for step in plan.steps for line in _step_dates(plan, step).split("\n")]
    dates_w = max(width * 0.34, _widest(date_lines, FONT, float(cell.fontSize)) + _CELL_PAD)
    dose_w = max(width * 0.15, _widest([tr("Daily dose")], FONT_BOLD, float(bold.fontSize)) + _CELL_PAD)
    dates_w = dates_w if dates_w <= width * 0.37 else width * 0.34
    dose_w = dose_w if dose_w <= width * 0.18 else width * 0.15
    if width - dates_w - dose_w - when < width * 0.28:
        dates_w, dose_w = width * 0.34, width * 0.15
    widths = [dates_w, dose_w, width - dates_w - dose_w - when, when]
    return grid_table(rows, widths, style=[("TEXTCOLOR", (0, 0), (-1, -1), INK)])


_CELL_PAD = 16.0  # a cell's padding (6 + 6) and a little slack


def _widest(lines: Sequence[str], font: str, size: float) -> float:
    return max(float(stringWidth(line, font, size)) for line in lines)


def _when_width(plan: Plan, size: float, width: float) -> tuple[float, bool]:
    """The When column: wide enough for "al acostarse" or "por la mañana" on one line (large print
    broke "al / acostarse"), taken from What to take, up to a quarter of the width; and whether
    the time of day is kept on one line (it is when it fits)."""
    widest = max(float(stringWidth(step.time_text, FONT, size)) for step in plan.steps) + _CELL_PAD
    when = min(max(width * 0.18, widest), width * 0.25)
    return when, widest <= when


def _chart(plan: Plan, styles: Styles, width: float) -> Flowable:
    last = _last_shown_day(plan)
    steps = [
        ChartStep(s.from_day, min(s.to_day if s.to_day is not None else last, last), s.dose_mg)
        for s in plan.steps
        if s.from_day <= last
    ]
    review = plan.review_day if plan.review_day <= last else None
    return dose_chart(steps, width, font_size=styles.small.fontSize, review_day=review)


def _how_to(
    plan: Plan,
    liquid: LiquidSchedule | None,
    capsules: CapsuleSchedule | None,
    measures: Sequence[StepMeasure],
    styles: Styles,
) -> list[Flowable]:
    wording = _wording()
    taking = wording.taking
    story: list[Flowable] = [para(tr("How to take it"), styles.heading)]
    story.append(para(tr(taking.at(plan.time_of_day)), styles.body))
    story.append(para(tr(taking.sleep_hint.at(plan.time_of_day)), styles.body))
    if liquid is not None:
        block = wording.liquid
        story.append(
            bold_lead(
                tr("Your liquid:"),
                tr("{strength}, which means {mg} of naltrexone in each 1 mL.").format(
                    strength=liquid.strength_text, mg=mg_text(liquid.strength_mg_per_ml)
                ),
                styles.body,
            )
        )
        switch = liquid.switch
        if switch is not None:
            story.append(
                bold_lead(
                    tr("Your second liquid:"),
                    tr(
                        "from {date}, {strength}, which means {mg} of naltrexone in each 1 mL. The same dose "
                        "in mg is a different amount in mL: follow the table above for each bottle."
                    ).format(
                        date=long_date(plan.date_of(switch.day)),
                        strength=switch.strength_text,
                        mg=mg_text(switch.strength_mg_per_ml),
                    ),
                    styles.body,
                )
            )
        first = liquid.measures[0].volume_text
        example = tr("the dose in your plan (for example {volume})").format(volume=first)
        lines = [tr(line).format(volume=example) for line in block.steps]
        steps: list[Flowable] = [para(tr(block.title), styles.subheading)]
        steps += [
            Paragraph(markup(line), styles.bullet, bulletText=f"{n}.") for n, line in enumerate(lines, 1)
        ]
        steps.append(para(tr(block.only_syringe), styles.bold))
        return [_section(story), _section(steps)]
    if capsules is not None:
        pills = wording.capsules
        story.append(
            bold_lead(
                tr("Your capsules:"),
                tr("{strengths} capsules.").format(strengths=strengths_in_words(capsules.strengths_mg)),
                styles.body,
            )
        )
        story += bullets([tr(line) for line in pills.steps], styles)
    del measures
    return [_section(story)]


def _missed_dose(styles: Styles) -> list[Flowable]:
    block = _wording().missed_dose
    lines = [tr(line).format(hours=block.hours, restart_days=block.restart_days) for line in block.lines]
    return [_section([para(tr(block.title), styles.heading), *bullets(lines, styles)])]


def _supply_table(supply: Dispensing, styles: Styles, width: float) -> Table:
    cell, bold = styles.cell, styles.cell_bold
    noun = "Bottle" if supply.form == DosageForm.LIQUID else "Supply"
    rows: list[list[Flowable]] = [
        [para(tr(t), bold) for t in (noun, "Start using", "Holds", "Do not use after")]
    ]
    for fill in supply.fills:
        if fill.dispensed_ml is not None:
            holds = ml_text(fill.dispensed_ml)
            if supply.switch_day is not None and fill.strength_mg_per_ml is not None:
                # two strengths: each bottle names its own, and the first of the new one says so
                kind = (
                    "NEW: {strength}, {holds}"
                    if fill.from_day == supply.switch_day
                    else "{strength}, {holds}"
                )
                holds = tr(kind).format(strength=mg_per_ml_text(fill.strength_mg_per_ml), holds=holds)
            if fill.overage_ml > 0:
                holds += " " + tr("({volume} extra)").format(volume=ml_text(fill.overage_ml))
        else:
            holds = ", ".join(
                tr("{count} × {mg} capsules").format(count=count_text(c.count), mg=mg_text(c.strength_mg))
                for c in fill.capsules
            )
        rows.append(
            [
                para(str(fill.number), cell),
                para(cell_date(fill.due_date), cell),
                para(holds, cell),
                para(cell_date(fill.use_by), bold),
            ]
        )
    return grid_table(rows, [width * 0.14, width * 0.28, width * 0.28, width * 0.30])


def _storage_text(liquid: LiquidSchedule | None, supply: Dispensing | None, bud: BeyondUseDate | None) -> str:
    if supply is not None and supply.fills and supply.fills[0].recipe is not None:
        return tr(supply.fills[0].recipe.storage)
    if bud is not None:
        return tr(bud.storage)
    if supply is not None and supply.form == DosageForm.CAPSULES:
        return tr(categories()["solid"].storage)
    return ""


def _storage(
    liquid: LiquidSchedule | None,
    supply: Dispensing | None,
    bud: BeyondUseDate | None,
    storage: str | None,
    styles: Styles,
    width: float,
    more_needed: tuple[dt.date, dt.date] | None = None,
) -> list[Flowable]:
    block = _wording().storage
    story: list[Flowable] = [para(tr(block.title), styles.heading)]
    lines: list[str] = []
    where = storage or _storage_text(liquid, supply, bud)
    if where:
        kind = DosageForm.LIQUID if liquid is not None else DosageForm.CAPSULES
        lines += [tr(line).format(storage=where.rstrip(".")) for line in block.for_form(kind)]
    # The label's "Protect from light" (a preserved formula's) said in the handout too.
    labels = {a for f in (supply.fills if supply else ()) if f.recipe for a in f.recipe.auxiliary_labels}
    if block.light_label in labels:
        lines.append(tr(block.light))
    lines += [tr(line) for line in block.common]
    if bud is not None:
        lines.append(tr(block.bud).format(date=long_date(bud.date)))
    elif supply is None or not supply.fills:
        lines.append(tr(block.no_bud))
    story = [_section([*story, *bullets(lines, styles)])]
    if supply is not None and supply.fills:
        # The sentence introduces the table: never leave it alone at the foot of a page.
        intro = ParagraphStyle("supplies_intro", parent=styles.body, keepWithNext=1)
        story.append(para(tr(block.supplies), intro))
        if more_needed is not None:
            # When the supplies run out, said before the table and kept with it: after a long
            # table it went over to the next page alone.
            last, first = more_needed
            kept = ParagraphStyle("more_needed", parent=styles.bold, keepWithNext=1)
            story.append(
                para(tr(block.more_needed).format(last_date=long_date(last), date=long_date(first)), kept)
            )
        story.append(_supply_table(supply, styles, width))
        if len(supply.strengths) > 1:
            story.append(
                para(
                    tr("In all: {parts}.").format(parts="; ".join(part.text for part in supply.strengths)),
                    styles.body,
                )
            )
        if any(fill.overage_ml > 0 for fill in supply.fills):
            story.append(para(tr(block.overage), styles.body))
    elif more_needed is not None:
        last, first = more_needed
        story.append(
            para(tr(block.more_needed).format(last_date=long_date(last), date=long_date(first)), styles.bold)
        )
    return story


def _effects(time_of_day: str, styles: Styles) -> list[Flowable]:
    wording = _wording()
    effects, todo, call = wording.effects, wording.what_to_do, wording.when_to_call
    seen: list[Flowable] = [para(tr(effects.title), styles.heading), para(tr(effects.intro), styles.body)]
    for lead, names in (("Common:", effects.common), ("Less often:", effects.less_often)):
        listed = ", ".join(tr(name) for name in names)
        seen.append(bold_lead(tr(lead), listed[:1].upper() + listed[1:] + ".", styles.body))
    todo_lines = [tr(line) for line in (todo.sleep.at(time_of_day), *todo.lines)]
    return [
        _section(seen),
        _section([para(tr(todo.title), styles.subheading), *bullets(todo_lines, styles)]),
        _section([para(tr(call.title), styles.heading), *bullets([tr(line) for line in call.lines], styles),
                  para(tr(call.urgent), styles.bold)]),
    ]  # fmt: skip


def _calendar(
    plan: Plan,
    liquid: LiquidSchedule | None,
    measures: Sequence[StepMeasure],
    supply: Dispensing | None,
    styles: Styles,
    width: float,
    more_needed_day: int | None = None,
) -> list[Flowable]:
    block = _wording().calendar
    last = _last_shown_day(plan)
    noun = "New bottle" if supply is not None and supply.form == DosageForm.LIQUID else "New supply"
    new_supply = {fill.from_day for fill in supply.fills if fill.from_day > 1} if supply else set()
    days: list[CalendarDay] = []
    for day in range(1, last + 1):
        index = plan.step_index_on(day)
        if index is None:
            break
        step = plan.steps[index]
        new_dose = day == step.from_day and day > 1
        review = day == plan.review_day
        notes = [tr("Review")] if review else []
        notes += [tr("New dose")] if new_dose else []
        switch = None if liquid is None else liquid.switch
        if switch is not None and day == switch.day:
            notes += [tr("NEW BOTTLE {strength}").format(strength=switch.strength_text)]
        else:
            notes += [tr(noun)] if day in new_supply else []
        notes += [tr(block.more_needed)] if day == more_needed_day else []
        note = "\n".join(notes)
        lines = (step.dose_text, *measures[index].short)
        days.append(CalendarDay(plan.date_of(day), lines, new_dose=new_dose, note=note, review=review))
    return [
        PageBreak(),
        para(tr(block.title), styles.heading),
        para(tr(block.intro), styles.body),
        calendar_table(days, width, styles),
    ]


def _diary(plan: Plan, styles: Styles, width: float) -> list[Flowable]:
    block = _wording().diary
    end = plan.length_days
    last = max(1, plan.review_day - 1 if end is None else min(plan.review_day - 1, end))
    weeks: list[DiaryWeek] = []
    for number in range(1, math.ceil(last / 7) + 1):
        first_day, last_day = 7 * (number - 1) + 1, min(7 * number, last)
        doses = [plan.dose_on(day) for day in range(first_day, last_day + 1)]
        taken = list(dict.fromkeys(mg_text(d) for d in doses if d is not None))
        weeks.append(
            DiaryWeek(
                number, plan.date_of(first_day), plan.date_of(last_day), tr(" then ").join(taken) or "—"
            )
        )
    columns = [(tr(title), tuple(tr(choice) for choice in choices)) for title, choices in block.columns]
    return [
        PageBreak(),
        para(tr(block.title), styles.heading),
        para(tr("Review visit: {date}.").format(date=long_date(plan.review_date)), styles.bold),
        para(tr(block.intro), styles.body),
        diary_table(weeks, width, styles, columns=columns, notes=tr(block.notes)),
    ]


def _review_line(plan: Plan) -> str:
    """When the review falls and why, with dates: "(by day 85)" alone read as a second review."""
    rule = plan.review_rule
    return tr(
        "Review visit on day {day} ({date}): after at least {from_start} weeks from the start and "
        "{at_target} weeks at {target}; no later than day {latest_day} ({latest_date})."
    ).format(
        day=plan.review_day,
        date=long_date(plan.review_date),
        from_start=rule.from_start_weeks,
        at_target=rule.at_target_weeks,
        target=plan.target_text,
        latest_day=plan.review_latest_day,
        latest_date=long_date(plan.review_latest_date),
    )


def plan_source(plan: Plan) -> str:
    """'Plan: Standard (the Dieckmann protocol, Tufts).' — the clinician's small print in plain
    words; the protocol library's own notes (with their shorthand) never reach a patient page."""
    plain = _wording().plan_sources.get(plan.protocol_name)
    name = tr(plan.protocol_name)
    if plain:
        return tr("Plan: {name} ({source}).").format(name=name, source=tr(plain))
    return tr("Plan: {name}.").format(name=name)


def _small_print(
    plan: Plan,
    info: HandoutInfo,
    measures: Sequence[StepMeasure],
    styles: Styles,
    width: float,
    qr_text: str,
) -> list[Flowable]:
    wording = _wording()
    lines = [plan_source(plan)]
    lines += [tr("Change: {edit}").format(edit=edit_in_words(edit)) for edit in plan.edits]
    lines += [
        tr("Accepted by the prescriber: step {n} ({dose}), {what}.").format(
            n=n, dose=step.dose_text, what=measure.accepted
        )
        for n, (step, measure) in enumerate(zip(plan.steps, measures, strict=True), 1)
        if measure.accepted
    ]
    lines.append(_review_line(plan))
    if info.prescriber:
        lines.append(tr(wording.calculation_aid).format(prescriber=info.prescriber))
    else:
        lines.append(tr(wording.calculation_aid_unnamed))
    # Beside it, small, the QR code of the plan's summary (never the patient's name).
    size = QR_SIZE
    text = [para(line, styles.small) for line in lines]
    code = [QrFlowable(qr_text, size), para(tr("Plan summary (QR)"), styles.small)]
    table = Table([[text, code]], colWidths=[width - size - styles.size, size + styles.size], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *[
                    (side, (0, 0), (-1, -1), 0)
                    for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
                ],
                ("LEFTPADDING", (1, 0), (1, 0), styles.size),
            ]
        )
    )
    return [Spacer(1, styles.size), table]


def _card(plan: Plan, info: HandoutInfo, styles: Styles, large_print: bool) -> list[Flowable]:
    block = _wording().wallet_card
    stop = days_text(_wording().opioid_warning.stop_before_surgery_days)
    top = max(step.dose_mg for step in plan.steps)
    blank = block.blank
    values = {
        "patient": info.patient,
        # "al acostarse" never parts on the card's narrow panel ("a day, at" over "bedtime")
        "dose": tr("up to {mg} a day, {when}").format(
            mg=mg_text(top), when=plan.steps[0].time_text.replace(" ", "\u00a0")
        ),
        "prescriber": info.prescriber or blank,
        "contact": info.contact if has_phone_number(info) else blank,
    }
    front = CardText(tr(block.front_title), tuple(tr(line).format(stop_days=stop) for line in block.front))
    back = CardText(tr(block.back_title), tuple(tr(line).format(**values) for line in block.back))
    return [para(tr(block.title), styles.heading), wallet_card(front, back, styles, large_print=large_print)]


def handout_story(
    plan: Plan,
    info: HandoutInfo,
    setup: PageSetup,
    *,
    liquid: LiquidSchedule | None = None,
    capsules: CapsuleSchedule | None = None,
    supply: Dispensing | None = None,
    bud: BeyondUseDate | None = None,
    storage: str | None = None,
    more_needed_day: int | None = None,
    accept_few_marks: bool = False,
    accept_many_capsules: bool = False,
    language: str | None = None,
) -> tuple[list[Flowable], Styles]:
    """The handout's flowables in `language` (the patient's; None: English)."""
    with speaking(language):
        return _handout_story(
            plan,
            info,
            setup,
            liquid=liquid,
            capsules=capsules,
            supply=supply,
            bud=bud,
            storage=storage,
            more_needed_day=more_needed_day,
            accept_few_marks=accept_few_marks,
            accept_many_capsules=accept_many_capsules,
        )


def _handout_story(
    plan: Plan,
    info: HandoutInfo,
    setup: PageSetup,
    *,
    liquid: LiquidSchedule | None,
    capsules: CapsuleSchedule | None,
    supply: Dispensing | None,
    bud: BeyondUseDate | None,
    storage: str | None,
    more_needed_day: int | None,
    accept_few_marks: bool,
    accept_many_capsules: bool,
) -> tuple[list[Flowable], Styles]:
    if setup.large_print:
        styles = make_styles(LARGE_PRINT_PT, smallest=LARGE_PRINT_MIN_PT)
    else:
        styles = make_styles(BODY_PT)
    width = setup.frame_width
    measures = step_measures(
        plan,
        liquid,
        capsules,
        accept_few_marks=accept_few_marks,
        accept_many_capsules=accept_many_capsules,
    )
    story = _header(plan, info, styles, width)
    story.append(_warning_box(styles, width))
    # A change of bottle is called out on the first page, before the plan it changes.
    story += _switch_box(plan, liquid, styles, width)
    # The plan table may run over pages (its header repeats); start it where a few rows fit.
    plan_heading = ParagraphStyle("plan_heading", parent=styles.heading, keepWithNext=0)
    story += [
        CondPageBreak(styles.size * 10),
        # a short plan keeps its heading with it; a long one still flows over pages
        KeepTogether([para(tr("Your plan"), plan_heading), _plan_table(plan, measures, styles, width)]),
    ]
    chart = _chart(plan, styles, width)
    story += [KeepTogether([para(tr("Your dose week by week"), styles.heading), chart])]
    story += _how_to(plan, liquid, capsules, measures, styles)
    more = (
        None
        if more_needed_day is None
        else (plan.date_of(more_needed_day - 1), plan.date_of(more_needed_day))
    )
    story += _missed_dose(styles)
    story += _storage(liquid, supply, bud, storage, styles, width, more)
    story += _effects(plan.time_of_day, styles)
    # The card and the clinician's small print close the reading pages, together: the calendar and
    # diary that follow start on pages of their own, so neither is ever a lone footnote.
    story.append(
        KeepTogether(
            [
                *_card(plan, info, styles, setup.large_print),
                *_small_print(plan, info, measures, styles, width, plan_summary(plan, liquid, capsules)),
            ]
        )
    )
    story += _calendar(plan, liquid, measures, supply, styles, width, more_needed_day)
    story += _diary(plan, styles, width)
    return story, styles


def handout_pdf(
    plan: Plan,
    info: HandoutInfo,
    setup: PageSetup | None = None,
    *,
    liquid: LiquidSchedule | None = None,
    capsules: CapsuleSchedule | None = None,
    supply: Dispensing | None = None,
    bud: BeyondUseDate | None = None,
    storage: str | None = None,
    more_needed_day: int | None = None,
    accept_few_marks: bool = False,
    accept_many_capsules: bool = False,
    language: str | None = None,
) -> bytes:
    """The patient handout as PDF bytes: the same input always gives the same bytes. A step of
    too few marks or too many capsules is refused unless the prescriber accepts it.
    more_needed_day: the first plan day the supply does not cover (said and marked), or None.
    language: the patient's ('es'); None: English."""
    setup = setup or PageSetup()
    with speaking(language):
        story, styles = _handout_story(
            plan,
            info,
            setup,
            liquid=liquid,
            capsules=capsules,
            supply=supply,
            bud=bud,
            storage=storage,
            more_needed_day=more_needed_day,
            accept_few_marks=accept_few_marks,
            accept_many_capsules=accept_many_capsules,
        )
        template = tr("{patient} · LDN plan printed {date} · page {page} of {pages}")

        def footer(page: int, pages: int) -> str:
            # The date is never broken ("printed 1" over "December 2026") when a long name wraps.
            printed = long_date(info.date).replace(" ", "\u00a0")
            return template.format(patient=info.patient, date=printed, page=page, pages=pages)

        return build_pdf(
            story,
            setup,
            styles,
            title=tr(_wording().title),
            author=info.clinic or info.prescriber,
            footer=footer,
        )


def plan_handout_pdf(
    outcome: PlanOutcome,
    info: HandoutInfo,
    setup: PageSetup | None = None,
    *,
    accept_few_marks: bool = False,
    accept_many_capsules: bool = False,
    language: str | None = None,
) -> bytes:
    """The handout for a plan outcome: its plan, the measures of its form, and its supply."""
    return handout_pdf(
        outcome.plan,
        info,
        setup,
        liquid=outcome.liquid,
        capsules=outcome.capsules,
        supply=outcome.supply,
        more_needed_day=outcome.more_needed_day,
        accept_few_marks=accept_few_marks,
        accept_many_capsules=accept_many_capsules,
        language=language,
    )


__all__ = [
    "BODY_PT",
    "LARGE_PRINT_MIN_PT",
    "LARGE_PRINT_PT",
    "StepMeasure",
    "handout_notices",
    "handout_pdf",
    "handout_story",
    "has_phone_number",
    "plan_handout_pdf",
    "plan_source",
    "step_measures",
]
