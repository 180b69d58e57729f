"""The master formulation record (MFR) of each formula the program makes, printed from resources/mfr.toml.

An MFR holds what USP <795> asks of one: name, strength and dosage form; ingredients and their
quantities; the calculations; equipment; the steps; container, storage, the BUD and its basis;
labelling; quality control; and its sources, with its identifier, version and change history.
The quantities are those of the MFR's reference batch, worked out by the program itself, so they
are the numbers a compounding record of that batch prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from ldn_desk.documents.content import Recipe, dosage_form, label_content, mfr_for
from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.pdfbase import (
    PageSetup,
    Styles,
    build_pdf,
    bullets,
    make_styles,
    markup,
    para,
    printable,
)
from ldn_desk.documents.record import RECORD_PT, grid, table_section
from ldn_desk.documents.record_lines import calculation_lines, ingredient_lines
from ldn_desk.errors import InputError
from ldn_desk.recipes.capsules.recipe import CapsuleInput, make_capsules
from ldn_desk.recipes.liquid.model import Source
from ldn_desk.recipes.liquid.recipe import LiquidInput, LiquidRecipe, make_liquid
from ldn_desk.recipes.weighing import balance_for
from ldn_desk.reference.balance import balance_table
from ldn_desk.reference.bud import bud_table
from ldn_desk.reference.capsules import capsule_table
from ldn_desk.reference.documents import record_wording
from ldn_desk.reference.drug import drug_table
from ldn_desk.reference.formulas import formula_table
from ldn_desk.reference.liquid import liquid_table
from ldn_desk.reference.mfr import Mfr, mfr_table
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import mg_per_ml_text, mg_text, ml_text, percent_text
from ldn_desk.units.quantity import Quantity

TITLE = "Master formulation record"


def mfrs() -> tuple[Mfr, ...]:
    """Every MFR of resources/mfr.toml, in the file's order."""
    return tuple(mfr_table().records.values())


def find_mfr(name: str) -> Mfr:
    """The MFR whose identifier (LDN-MFR-L1) or key (liquid_tablets_water) is `name`."""
    for mfr in mfrs():
        if name.casefold() in (mfr.id.casefold(), mfr.key.casefold()):
            return mfr
    raise InputError("mfr", name, f"is not one of {', '.join(m.id for m in mfrs())}", mfrs()[0].id)


def reference_recipe(mfr: Mfr) -> Recipe:
    """The MFR's reference batch, worked out by the program (compounded on the MFR's date)."""
    day = mfr.effective_date
    if mfr.form == "liquid":
        assert mfr.reference_strength_mg_per_ml is not None and mfr.reference_volume_ml is not None
        return make_liquid(LiquidInput(Quantity(mfr.reference_strength_mg_per_ml, "mg/mL"),
                                       Quantity(mfr.reference_volume_ml, "mL"), day,
                                       source=Source(mfr.made_from or "tablets"), formula=mfr.formula or "water"))  # fmt: skip
    assert mfr.reference_strength_mg is not None and mfr.reference_count is not None
    fill = mfr.reference_calibrated_fill_mg
    return make_capsules(CapsuleInput(Quantity(mfr.reference_strength_mg, "mg"), mfr.reference_count, day,
                                      size=mfr.reference_size, excipient=mfr.reference_excipient or "mcc",
                                      calibrated_fill=None if fill is None else Quantity(fill, "mg")))  # fmt: skip


def _filled() -> dict[str, str]:
    liquid = liquid_table()
    making = capsule_table().making
    balance = balance_table().class_a
    return {
        "tablet_mg": f"{mg_text(drug_table().tablet.strength_mg)} per tablet",
        "single_step": mg_per_ml_text(liquid.serial_dilution.min_single_step_mg_per_ml),
        "stock": mg_per_ml_text(liquid.serial_dilution.stock_mg_per_ml),
        "mwq": mg_text(balance.minimum_weighable_mg),
        "readability": mg_text(balance.readability_mg),
        "each_percent": percent_text(making.qc_each_percent),
        "average_percent": percent_text(making.qc_average_percent),
        "extra": str(making.min_extra_capsules),
    }


def _texts(lines: Sequence[str]) -> list[str]:
    values = _filled()
    return [line.format(**values) for line in lines]


def _pairs(rows: Sequence[tuple[str, str]], styles: Styles, width: float) -> Flowable:
    cells = [[para(a, styles.cell_bold), para(b, styles.cell)] for a, b in rows]
    return grid(cells, [width * 0.26, width * 0.74], header=False)


def _reference_text(mfr: Mfr, recipe: Recipe) -> str:
    if isinstance(recipe, LiquidRecipe):
        return f"{mg_per_ml_text(recipe.concentration_mg_per_ml)}, {ml_text(recipe.batch_volume_ml)}"
    return f"{mg_text(recipe.drug_per_capsule_mg)} per capsule, {recipe.count} capsules (size {recipe.size})"


def _identity(mfr: Mfr, recipe: Recipe, pharmacy: str, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if pharmacy:
        story.append(para(pharmacy, styles.bold, "pharmacy"))
    story.append(para(f"{TITLE} {mfr.id}: {mfr.title}", styles.title))
    rows = [
        ("Identifier", mfr.id),
        ("Version", f"{mfr.version}, effective {long_date(mfr.effective_date)}"),
        ("Preparation", mfr.title),
        ("Strength", mfr.strengths),
        ("Dosage form", dosage_form(recipe)),
        ("Reference batch", _reference_text(mfr, recipe)),
    ]
    return [*story, _pairs(rows, styles, width)]


def _ingredients(mfr: Mfr, recipe: Recipe, styles: Styles, width: float) -> list[Flowable]:
    rows: list[Sequence[Flowable]] = [
        [para(text, styles.cell_bold) for text in ("Ingredient", "Quantity in the reference batch")]
    ]
    for name, amount in ingredient_lines(recipe):
        rows.append([para(name, styles.cell), para(amount, styles.cell)])
    story = [*table_section("Ingredients and quantities", styles), grid(rows, [width * 0.4, width * 0.6])]
    if mfr.formula is not None:
        formula = formula_table().formula(mfr.formula)
        per = [
            f"{item.name}: {mg_text(item.amount_mg) if item.amount_mg is not None else ml_text(item.amount_ml or 0)}"
            for item in formula.ingredients_per_100_ml
        ]
        if per:
            story.append(para(f"Vehicle per 100 mL ({formula.name}): {'; '.join(per)}; purified water to 100 mL.",
                              styles.body))  # fmt: skip
    return story


def _calculations(mfr: Mfr, recipe: Recipe, styles: Styles) -> list[Flowable]:
    return [
        para("Calculations", styles.subheading),
        *bullets(_texts(mfr.calculations), styles),
        para("The reference batch, as its compounding record works it out:", styles.body),
        *bullets(calculation_lines(recipe), styles),
    ]


def _equipment(mfr: Mfr, recipe: Recipe, styles: Styles) -> list[Flowable]:
    table = record_wording().equipment
    items = list(table.for_form(mfr.form))
    if mfr.form == "liquid" and mfr.made_from == "tablets":
        items = [*table.liquid_tablets, *items]
    if mfr.form == "liquid" and mfr.made_from == "powder":
        items += table.liquid_powder
    balance = balance_for(balance_table().class_a.minimum_weighable_mg)
    weighs = (
        mfr.form == "capsules"
        or mfr.made_from == "powder"
        or any(
            item.amount_mg for item in formula_table().formula(mfr.formula or "water").ingredients_per_100_ml
        )
    )
    if weighs:
        items.append(f"{balance.describe()}; each weight is written to what it reads")
    return [para("Equipment", styles.subheading), *bullets(items, styles)]


def _steps(mfr: Mfr, styles: Styles, width: float) -> list[Flowable]:
    rows: list[Sequence[Flowable]] = [[para("", styles.cell_bold), para("Step", styles.cell_bold)]]
    for number, step in enumerate(_texts(mfr.steps), 1):
        rows.append([para(f"{number}.", styles.cell), para(step, styles.cell)])
    return [*table_section("Compounding steps", styles), grid(rows, [width * 0.06, width * 0.94]),
            para("The compounding record of each batch gives its own numbered steps with its numbers.", styles.small)]  # fmt: skip


def _dating(mfr: Mfr, recipe: Recipe, styles: Styles, width: float) -> list[Flowable]:
    buds = bud_table()
    if isinstance(recipe, LiquidRecipe):
        formula = formula_table().formula(recipe.formula)
        container, storage = formula.container, formula.storage
        category = buds.category(formula.bud_category)
        basis = f"USP <795> default: {category.label}, {category.days} days"
        study = formula.study
        if study is not None:
            basis = (
                f"{study.days} days ({study.storage}) for {mg_per_ml_text(study.strength_mg_per_ml)} made "
                f"from {mg_text(study.tablet_mg)} tablets ({study.source}); otherwise the {basis}"
            )
    else:
        assert mfr.container is not None
        category = buds.category("solid")
        container, storage = mfr.container, category.storage
        basis = f"USP <795> default: {category.label}, {category.days} days"
    rows = [
        ("Container", container),
        ("Storage", storage),
        ("Beyond-use date", f"{basis}. Day 1 is the day of compounding."),
        ("Basis", f"{buds.source}; {buds.expiry_source}"),
    ]
    return [para("Container, storage and beyond-use date", styles.subheading), _pairs(rows, styles, width)]


def _labelling(mfr: Mfr, recipe: Recipe, styles: Styles) -> list[Flowable]:
    sample = PharmacyInfo(patient="(patient's name)", rx="(Rx number)", pharmacy="(pharmacy)",
                          date=mfr.effective_date, prescriber="(prescriber)")  # fmt: skip
    lines = label_content(recipe, sample).lines()
    return [
        para("Labelling", styles.subheading),
        *bullets(_texts(mfr.labelling), styles),
        para("Sample label (reference batch):", styles.body),
        Paragraph("<br/>".join(markup(line) for line in lines), styles.cell),
    ]


def _qc(mfr: Mfr, styles: Styles) -> list[Flowable]:
    return [para("Quality control", styles.subheading), *bullets(_texts(mfr.quality_control), styles)]


def _sources(mfr: Mfr, recipe: Recipe, styles: Styles) -> list[Flowable]:
    lines = list(mfr.references)
    # The formula's own source is of a batch made from tablets (LDN Research Trust: a tablet in
    # water; Fawcett 1997: tablets in the vehicle); a powder MFR cites its own in mfr.toml.
    if isinstance(recipe, LiquidRecipe) and recipe.source == Source.TABLETS:
        lines.append(formula_table().formula(recipe.formula).source)
    lines.append(mfr_table().source)
    return [para("Sources and references", styles.subheading), *bullets(lines, styles)]


def _history(mfr: Mfr, styles: Styles, width: float) -> Flowable:
    rows: list[Sequence[Flowable]] = [[para(t, styles.cell_bold) for t in ("Version", "Date", "Change")]]
    for version, day, what in mfr.history:
        rows.append([para(version, styles.cell), para(long_date(dt.date.fromisoformat(day)), styles.cell),
                     para(what, styles.cell)])  # fmt: skip
    approval = [[para(t, styles.cell_bold) for t in ("", "Name", "Signature", "Date")]]
    for role in ("Prepared by", "Approved by (pharmacist in charge)"):
        approval.append(
            [para(role, styles.cell_bold), Spacer(1, styles.size * 2.4), Spacer(1, 1), Spacer(1, 1)]
        )
    return KeepTogether([
        para("Change control and approval", styles.subheading),
        para("A change of vehicle, preservative, method, container or supplier makes a new version, approved "
             "before use; earlier versions are kept.", styles.body),
        grid(rows, [width * 0.12, width * 0.24, width * 0.64]),
        Spacer(1, styles.size * 0.6),
        grid(approval, [width * 0.3, width * 0.28, width * 0.24, width * 0.18]),
    ])  # fmt: skip


def mfr_story(mfr: Mfr, setup: PageSetup, pharmacy: str = "") -> tuple[list[Flowable], Styles]:
    styles = make_styles(RECORD_PT)
    width = setup.frame_width
    recipe = reference_recipe(mfr)
    story = _identity(mfr, recipe, pharmacy, styles, width)
    story += _ingredients(mfr, recipe, styles, width)
    story += _calculations(mfr, recipe, styles)
    story += _equipment(mfr, recipe, styles)
    story += _steps(mfr, styles, width)
    story += _dating(mfr, recipe, styles, width)
    story += _labelling(mfr, recipe, styles)
    story += _qc(mfr, styles)
    story += _sources(mfr, recipe, styles)
    story.append(_history(mfr, styles, width))
    return story, styles


def mfr_pdf(mfr: Mfr, setup: PageSetup | None = None, *, pharmacy: str = "") -> bytes:
    """The MFR as PDF bytes; the same MFR and pharmacy always give the same bytes."""
    setup = setup or PageSetup()
    pharmacy = printable(pharmacy, "pharmacy", max_chars=120)
    story, styles = mfr_story(mfr, setup, pharmacy)

    def footer(page: int, pages: int) -> str:
        return f"{TITLE} {mfr.label} · page {page} of {pages}"

    return build_pdf(story, setup, styles, title=f"{TITLE} {mfr.label}", author=pharmacy or "LDN Desk",
                     footer=footer)  # fmt: skip


__all__ = ["TITLE", "find_mfr", "mfr_for", "mfr_pdf", "mfr_story", "mfrs", "reference_recipe"]
