"""The compounding record for a liquid or capsule batch: formula, calculations, steps, QC, BUD, sign-off."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ldn_desk.documents.content import (
    Directions,
    Recipe,
    dosage_form,
    kind_of,
    label_content,
    mfr_for,
    preparation_name,
    quantity_text,
)
from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.pdfbase import (
    RULE,
    SHADE,
    KeptRowsTable,
    PageSetup,
    Styles,
    build_pdf,
    bullets,
    make_styles,
    markup,
    para,
)
from ldn_desk.documents.record_lines import calculation_lines, printed_formula, weighings
from ldn_desk.recipes.capsules.recipe import CapsuleRecipe
from ldn_desk.recipes.liquid.batch import whole_tablets
from ldn_desk.recipes.liquid.glassware import aliquot_on_a_mark, make_up_measure
from ldn_desk.recipes.liquid.recipe import LiquidRecipe, Source
from ldn_desk.recipes.liquid.steps import vehicle_measures
from ldn_desk.recipes.lots import IngredientLine
from ldn_desk.recipes.weighing import balance_of
from ldn_desk.reference.capsules import capsule_table
from ldn_desk.reference.documents import record_wording
from ldn_desk.reference.formulas import formula_table
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import (
    mg_text,
    ml_text,
    percent_text,
)

RECORD_PT = 9.5
BLANK = ""


def _table(rows: Sequence[Sequence[Flowable]], widths: Sequence[float], *, header: bool = True) -> Table:
    table = KeptRowsTable(
        [list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT"
    )
    style = [("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(style))
    return table


def _cells(texts: Sequence[str], styles: Styles, *, bold: bool = False) -> list[Flowable]:
    return [para(text, styles.cell_bold if bold else styles.cell) for text in texts]


def _section(title: str, styles: Styles) -> Paragraph:
    return para(title, styles.subheading)


def _table_section(title: str, styles: Styles) -> list[Flowable]:
    """A heading for a table that may run over pages: start it where a few rows fit, then let it split."""
    free = ParagraphStyle("table_heading", parent=styles.subheading, keepWithNext=0)
    return [CondPageBreak(styles.size * 12), para(title, free)]


def _header(recipe: Recipe, info: PharmacyInfo, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [para(info.pharmacy, styles.bold, "pharmacy")]
    if info.contact:
        story.append(para(info.contact, styles.body, "contact"))
    story.append(para(f"{record_wording().title}: {preparation_name(recipe)}", styles.title))
    pairs = [
        ("Rx number", info.rx),
        ("Date compounded", long_date(info.date)),
        ("Patient", info.patient),
        ("Prescriber", info.prescriber or BLANK),
        ("Compounded by", info.compounded_by or BLANK),
        ("Checked by", info.checked_by or BLANK),
        ("Master formulation record", mfr_for(recipe).label),
        ("Time started · finished", record_wording().time_blank),
    ]
    rows = []
    for left, right in zip(pairs[0::2], pairs[1::2], strict=True):
        rows.append([*_cells([left[0]], styles, bold=True), para(left[1], styles.cell, left[0]),
                     *_cells([right[0]], styles, bold=True), para(right[1], styles.cell, right[0])])  # fmt: skip
    story.append(_table(rows, [width * 0.2, width * 0.3, width * 0.2, width * 0.3], header=False))
    return story


def _preparation(recipe: Recipe, styles: Styles, width: float) -> list[Flowable]:
    rows = [
        ("Preparation", preparation_name(recipe)),
        ("Dosage form", dosage_form(recipe)),
        ("Quantity", _quantity_detail(recipe)),
    ]
    if isinstance(recipe, LiquidRecipe):
        rows += [("Vehicle", recipe.formula_name), ("Container", recipe.container)]
    else:
        rows += [
            ("Capsule size", recipe.size),
            ("Filler", recipe.excipient_name),
            ("Container", mfr_for(recipe).container or BLANK),
        ]
    cells = [[para(a, styles.cell_bold), para(b, styles.cell)] for a, b in rows]
    return [_section("Preparation", styles), _table(cells, [width * 0.22, width * 0.78], header=False)]


def _quantity_detail(recipe: Recipe) -> str:
    if isinstance(recipe, LiquidRecipe):
        made, asked = ml_text(recipe.batch_volume_ml), ml_text(recipe.wanted_volume_ml)
        if made == asked:
            return made_dispensed_text(recipe)
        if ml_text(recipe.surplus_ml) == ml_text(0):
            return f"{made} made and dispensed ({asked} asked for; {_raised_reason(recipe)})"
        dispensed = ml_text(recipe.dispensed_ml)
        which = "as asked for" if dispensed == asked else f"{asked} asked for, on a mark of its measure"
        return (
            f"{made} made ({_raised_reason(recipe)}); {dispensed} dispensed, {which}; "
            f"{ml_text(recipe.surplus_ml)} surplus discarded"
        )
    return f"{recipe.capsules} capsules made: {quantity_text(recipe)} to dispense and {recipe.extra} extra"


def made_dispensed_text(recipe: LiquidRecipe) -> str:
    """'40 mL made; 38 mL dispensed; 2 mL surplus discarded', or '100 mL made and dispensed'."""
    made = ml_text(recipe.batch_volume_ml)
    if ml_text(recipe.surplus_ml) == ml_text(0):
        return f"{made} made and dispensed"
    return f"{made} made; {ml_text(recipe.dispensed_ml)} dispensed; {ml_text(recipe.surplus_ml)} surplus discarded"


def _raised_reason(recipe: LiquidRecipe) -> str:
    """Why the batch is larger than asked, in the words of the recipe's "Volume raised" alert."""
    if recipe.dilution is not None:
        part = ml_text(recipe.dilution.aliquot_ml)
        measure = recipe.dilution.measure
        on = f"is a mark of {measure.text}" if measure is not None else "can be measured"
        return f"raised to a mark of its measure at which the part of the stock it takes ({part}) {on}"
    if recipe.source != Source.TABLETS:
        return "raised to a mark of its measure"
    tablets = recipe.tablets
    reason = f"raised to use {tablets} whole tablet{'s' if tablets != 1 else ''}"
    fewest = whole_tablets(
        recipe.concentration_mg_per_ml * recipe.wanted_volume_ml, recipe.tablet_strength_mg
    )
    return reason + (" and make up to a cylinder's mark" if tablets > fewest else "")


def make_up_measures(recipe: LiquidRecipe) -> list[tuple[str, str, str]]:
    """(what, the ingredient or '', the measure) of each volume made up or measured, in the order
    of the steps: a vehicle solid's aliquot solution and a liquid ingredient, the stock of a serial
    dilution and the part of it taken, the batch, and the volume dispensed when less than the batch."""
    out: list[tuple[str, str, str]] = []
    mwq = balance_of(recipe.balance_mwq_mg).minimum_weighable_mg
    formula = formula_table().formula(recipe.formula)
    for name, what, measure in vehicle_measures(formula, recipe.batch_volume_ml, mwq):
        out.append((f"vehicle {what}", name, measure))
    dilution = recipe.dilution
    if dilution is not None:
        stock = ml_text(dilution.stock_volume_ml)
        if recipe.source == Source.TABLETS:
            cylinder = make_up_measure(dilution.stock_volume_ml, suspension=True)
            out.append(("stock", "", cylinder.text if cylinder else f"a measure of {stock}"))
        else:
            out.append(("stock", "", f"the {stock} volumetric flask"))
        aliquot = dilution.measure
        part = ml_text(dilution.aliquot_ml)
        out.append(("aliquot", "", f"{aliquot.text}, {part}" if aliquot else f"a measure of {part}"))
    batch = make_up_measure(recipe.batch_volume_ml, suspension=recipe.is_suspension)
    out.append(("batch", "", batch.text if batch else f"a measure of {ml_text(recipe.batch_volume_ml)}"))
    if ml_text(recipe.surplus_ml) != ml_text(0):
        bottle = aliquot_on_a_mark(recipe.dispensed_ml)
        dispensed = ml_text(recipe.dispensed_ml)
        out.append(
            ("dispensed", "", f"{bottle.text}, {dispensed}" if bottle else f"a measure of {dispensed}")
        )
    return out


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _used_cells(line: IngredientLine | None, styles: Styles) -> list[Flowable]:
    """Maker, lot, expiry and actual amount as entered (room to write where one is blank), and Init."""

    def room() -> Flowable:
        return Spacer(1, styles.size * 2.2)

    if line is None:
        return [room() for _ in range(5)]
    values = (
        ("maker", line.maker),
        ("lot", line.lot),
        ("expiry", line.expiry),
        ("actual amount", line.actual_amount),
    )
    return [
        *(para(text, styles.cell, f"ingredient {label}") if text else room() for label, text in values),
        room(),
    ]


def _formula(
    recipe: Recipe, styles: Styles, width: float, used: Sequence[IngredientLine] = ()
) -> list[Flowable]:
    header = _cells(
        ["Ingredient", "Amount", "Maker", "Lot", "Expiry", "Actual amount", "Init."], styles, bold=True
    )
    rows: list[Sequence[Flowable]] = [header]
    lines = printed_formula(recipe)
    # Each ingredient line entered goes beside the formula's line of the same name; a line the
    # formula does not name gets a row of its own, so every maker and lot entered is printed.
    left = list(used)
    for name, amount in lines:
        match = next((line for line in left if _name_key(line.name) == _name_key(name)), None)
        if match is not None:
            left.remove(match)
        rows.append([*_cells([name, amount], styles), *_used_cells(match, styles)])
    for line in left:
        rows.append(
            [
                para(line.name, styles.cell, "ingredient name"),
                para("", styles.cell),
                *_used_cells(line, styles),
            ]
        )
    widths = [0.18, 0.22, 0.12, 0.12, 0.13, 0.15, 0.08]  # room for a whole date and lot on one line
    return [
        *_table_section("Formula: ingredients, makers, lots and actual amounts", styles),
        _table(rows, [width * w for w in widths]),
    ]


def _calculations(recipe: Recipe, styles: Styles) -> list[Flowable]:
    lines = calculation_lines(recipe)
    story: list[Flowable] = [_section("Calculations", styles), *bullets(lines, styles)]
    return story


def _equipment(recipe: Recipe, styles: Styles, width: float) -> list[Flowable]:
    wording = record_wording()
    table = wording.equipment
    items = list(table.for_form(kind_of(recipe)))
    if isinstance(recipe, LiquidRecipe) and recipe.source == Source.TABLETS:
        items = [*table.liquid_tablets, *items]
    if isinstance(recipe, LiquidRecipe) and recipe.source == Source.POWDER:
        items += table.liquid_powder
    story: list[Flowable] = [_section("Equipment", styles), *bullets(items, styles)]
    balance = balance_of(recipe.balance_mwq_mg)
    checks = wording.checks
    rows: list[Sequence[Flowable]] = [
        _cells(["Equipment used", "Identification", "Check", "Init."], styles, bold=True)
    ]
    used = weighings(recipe)
    if used:
        check = checks.balance.format(sensitivity=mg_text(balance.sensitivity_mg))
        rows.append([*_cells([balance.describe()], styles), Spacer(1, styles.size * 2.2),
                     *_cells([check], styles), Spacer(1, 1)])  # fmt: skip
    if isinstance(recipe, LiquidRecipe):
        template = {
            "stock": checks.measure_stock,
            "aliquot": checks.measure_aliquot,
            "vehicle flask": checks.measure_vehicle_flask,
            "vehicle part": checks.measure_vehicle_part,
            "vehicle liquid": checks.measure_vehicle_liquid,
            "batch": checks.measure_liquid,
            "dispensed": checks.measure_dispensed,
        }
        measures = [
            template[what].format(measure=measure, name=name)
            for what, name, measure in make_up_measures(recipe)
        ]
    else:
        measures = [checks.measure_capsules]
    for measure in measures:
        rows.append(
            [*_cells([measure], styles), Spacer(1, styles.size * 2.2), *_cells([""], styles), Spacer(1, 1)]
        )
    story += [Spacer(1, styles.size * 0.4), _table(rows, [width * w for w in (0.34, 0.22, 0.36, 0.08)])]
    if used:
        weigh_rows: list[Sequence[Flowable]] = [
            _cells(["Weighing", "Balance shows", "Actual weight", "Init."], styles, bold=True)
        ]
        for what, target in used:
            weigh_rows.append([*_cells([what, target], styles), Spacer(1, styles.size * 2.2), Spacer(1, 1)])
        story += [
            *_table_section("Weighings: the actual weight of each", styles),
            _table(weigh_rows, [width * w for w in (0.46, 0.2, 0.24, 0.1)]),
        ]
    return story


def _steps(recipe: Recipe, styles: Styles, width: float) -> list[Flowable]:
    rows: list[Sequence[Flowable]] = [_cells(["", "Step", "Initials"], styles, bold=True)]
    for number, step in enumerate(recipe.steps, 1):
        rows.append([para(f"{number}.", styles.cell), para(step, styles.cell), Spacer(1, 1)])
    return [*_table_section("Steps", styles), _table(rows, [width * 0.06, width * 0.82, width * 0.12])]


def _qc_values(recipe: Recipe) -> dict[str, str]:
    values = {"bud": long_date(recipe.bud.date)}
    if isinstance(recipe, LiquidRecipe):
        values["volume"] = ml_text(recipe.batch_volume_ml)
        values["dispensed"] = ml_text(recipe.dispensed_ml)
        return values
    fill = recipe.fill_per_capsule_mg
    making = capsule_table().making
    values.update(
        each_low=mg_text(recipe.qc_each_low_mg),
        each_high=mg_text(recipe.qc_each_high_mg),
        average_low=mg_text(recipe.qc_average_low_mg),
        average_high=mg_text(recipe.qc_average_high_mg),
        each_percent=percent_text(making.qc_each_percent),
        average_percent=percent_text(making.qc_average_percent),
        fill=mg_text(fill),
        count=str(recipe.count),
        made=str(recipe.capsules),
    )
    return values


def _qc(recipe: Recipe, styles: Styles, width: float) -> list[Flowable]:
    qc = record_wording().qc
    values = _qc_values(recipe)
    rows: list[Sequence[Flowable]] = [_cells(["Check", "Limit", "Result", "Initials"], styles, bold=True)]
    for check, limit in qc.for_form(kind_of(recipe)).checks:
        rows.append(
            [*_cells([check, limit.format(**values)], styles), Spacer(1, styles.size * 1.8), Spacer(1, 1)]
        )
    story: list[Flowable] = [
        *_table_section("Quality control", styles),
        _table(rows, [width * 0.24, width * 0.44, width * 0.2, width * 0.12]),
    ]
    if isinstance(recipe, CapsuleRecipe):
        count = qc.capsules.weighings
        boxes = [
            [para(f"{n}", styles.small) for n in range(1, count + 1)],
            [Spacer(1, styles.size * 2)] * count,
        ]
        story += [
            Spacer(1, styles.size * 0.5),
            para(record_wording().checks.empty_shells.format(count=count), styles.body),
            para("Individual fill weights (filled capsule less the empty shell), mg:", styles.body),
            _table(boxes, [width / count] * count, header=False),
            para("Average of these: ____________ mg", styles.body),
        ]
    return story


def _yield(recipe: Recipe, styles: Styles, width: float) -> list[Flowable]:
    """Theoretical against actual yield, and room for deviations and comments."""
    if isinstance(recipe, LiquidRecipe):
        made, unit = made_dispensed_text(recipe), "mL"
    else:
        made, unit = f"{recipe.capsules} capsules ({recipe.count} to dispense)", "capsules"
    rows: list[Sequence[Flowable]] = [_cells(["Yield", "Theoretical", "Actual", "Init."], styles, bold=True)]
    rows.append(
        [*_cells([f"Quantity made ({unit})", made], styles), Spacer(1, styles.size * 2.2), Spacer(1, 1)]
    )
    comments = [
        [para(record_wording().checks.deviations, styles.cell_bold)],
        [Spacer(1, styles.size * 6)],
    ]
    return [
        *_table_section("Yield, deviations and comments", styles),
        _table(rows, [width * w for w in (0.34, 0.34, 0.22, 0.1)]),
        Spacer(1, styles.size * 0.4),
        _table(comments, [width], header=False),
    ]


def _bud(recipe: Recipe, styles: Styles, width: float) -> list[Flowable]:
    bud = recipe.bud
    # A study's basis ends with its source in brackets; the Source row below says it once.
    basis = bud.basis.removesuffix(f" ({bud.source})")
    rows = [
        ("Do not use after", long_date(bud.date)),
        ("Basis", basis),
        ("Source", bud.source),
        ("Storage", recipe.storage),
    ]
    cells = [[para(a, styles.cell_bold), para(b, styles.cell)] for a, b in rows]
    return [_section("Beyond-use date", styles), _table(cells, [width * 0.22, width * 0.78], header=False)]


def _label_sample(
    recipe: Recipe, info: PharmacyInfo, directions: str | Directions | None, styles: Styles
) -> list[Flowable]:
    lines = label_content(recipe, info, directions).lines()
    return [
        _section("Label text", styles),
        Paragraph("<br/>".join(markup(line) for line in lines), styles.cell),
    ]


def _alerts(recipe: Recipe, styles: Styles) -> list[Flowable]:
    if not recipe.alerts:
        return []
    return [_section("Notes and warnings", styles), *bullets([a.text for a in recipe.alerts], styles)]


def _sign_off(info: PharmacyInfo, styles: Styles, width: float) -> Flowable:
    rows: list[Sequence[Flowable]] = [_cells(["", "Name", "Signature", "Date and time"], styles, bold=True)]
    release = record_wording().checks.release
    for role, name in (("Compounded by", info.compounded_by), ("Checked by", info.checked_by),
                       (release, info.checked_by)):  # fmt: skip
        rows.append(
            [
                para(role, styles.cell_bold),
                para(name, styles.cell, role),
                Spacer(1, styles.size * 2.6),
                Spacer(1, 1),
            ]
        )
    return KeepTogether(
        [_section("Sign-off", styles), _table(rows, [width * 0.18, width * 0.32, width * 0.3, width * 0.2])]
    )


def record_story(
    recipe: Recipe,
    info: PharmacyInfo,
    setup: PageSetup,
    *,
    directions: str | Directions | None = None,
    ingredients: Sequence[IngredientLine] = (),
) -> tuple[list[Flowable], Styles]:
    styles = make_styles(RECORD_PT)
    width = setup.frame_width
    story = _header(recipe, info, styles, width)
    story += _preparation(recipe, styles, width)
    story += _formula(recipe, styles, width, ingredients)
    story += _calculations(recipe, styles)
    story += _equipment(recipe, styles, width)
    story += _steps(recipe, styles, width)
    story += _qc(recipe, styles, width)
    story += _yield(recipe, styles, width)
    story += _bud(recipe, styles, width)
    # The sign-off is never alone on the last page: it goes with the label text and notes above it.
    story.append(KeepTogether([*_label_sample(recipe, info, directions, styles), *_alerts(recipe, styles),
                               _sign_off(info, styles, width)]))  # fmt: skip
    return story, styles


def record_pdf(
    recipe: Recipe,
    info: PharmacyInfo,
    setup: PageSetup | None = None,
    *,
    directions: str | Directions | None = None,
    ingredients: Sequence[IngredientLine] = (),
    fingerprint: str = "",
) -> bytes:
    """The compounding record as PDF bytes; the same recipe, names and ingredient lines always give
    the same bytes. Each ingredient line's maker, lot, expiry and actual amount are printed, and
    each page's footer carries `fingerprint`, the record's in the log (ldn_desk/store/chain.py)."""
    setup = setup or PageSetup()
    story, styles = record_story(recipe, info, setup, directions=directions, ingredients=ingredients)

    def footer(page: int, pages: int) -> str:
        mark = f" · log fingerprint {fingerprint}" if fingerprint else ""
        return f"Rx {info.rx} · {preparation_name(recipe)} · compounded {long_date(info.date)}{mark} · page {page} of {pages}"

    title = f"{record_wording().title} Rx {info.rx}"
    return build_pdf(story, setup, styles, title=title, author=info.pharmacy, footer=footer)


grid = _table  # for the master formulation record, which is laid out like this record
table_section = _table_section

__all__ = [
    "RECORD_PT",
    "grid",
    "record_pdf",
    "record_story",
    "table_section",
]
