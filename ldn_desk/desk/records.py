"""The log's record operations for every front end: a recipe saved as a record and printed once,
its reprint, a fresh calculation beside it, and a correction.

    new = records.new_record(inp, names, document, lines, recipe=recipe)  # prints the PDF, once
    record_id = store.save_record(new)                 # record, lots and PDF in one transaction
    copy = records.reprint(store, record_id)           # the bytes first printed, SHA-256 checked
    check = records.recalculate(store, record_id)      # today's program on the saved input: what differs
    new_id = records.amend(store, record_id, {"ingredients": ...}, "wrong lot entered")

The store keeps bytes and data; printing happens here, never in the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ldn_desk.errors import InputError, LdnDeskError, RecipeError
from ldn_desk.recipes.choices import TimeOfDay
from ldn_desk.recipes.lots import IngredientLine
from ldn_desk.recipes.records import (
    Difference,
    Recipe,
    RecipeInput,
    RecordDataError,
    input_data,
    input_from_data,
    is_versioned,
    kind_of,
    make_recipe,
    recipe_data,
    recipe_from_data,
)
from ldn_desk.store.chain import fingerprint as short_fingerprint
from ldn_desk.store.records import NewRecord, Record, fingerprint
from ldn_desk.store.records import content_sha256 as content_of

if TYPE_CHECKING:
    from ldn_desk.documents.directions import Directions
    from ldn_desk.recipes.bud import ComponentExpiry
    from ldn_desk.store import Store
    from ldn_desk.store.lots import Lot
    from ldn_desk.store.users import Credentials

__all__ = [
    "CORRECTABLE",
    "DocumentSettings",
    "LotDraft",
    "Recalculation",
    "RecordNames",
    "Reprint",
    "amend",
    "capped_bud",
    "check_dispensed",
    "component_expiry",
    "drawn_amounts",
    "drawn_quantity",
    "formula_lines",
    "input_from_lots",
    "lot_choice_text",
    "lot_lines",
    "lot_material",
    "make_recipe",
    "mfr_identity",
    "mfr_sha",
    "new_record",
    "print_record",
    "recalculate",
    "record_with_lots",
    "reprint",
    "saved_input",
    "usable_lots",
    "with_expiries",
]

# What a correction may change; the recipe itself is corrected by saving it again as a new record.
CORRECTABLE = frozenset({"patient", "patient_ref", "rx_number", "compounded_by", "ingredients", "document"})


@dataclass(frozen=True)
class RecordNames:
    """Who the record is for and who made it. The checker named here is printed on the record;
    the sign-off in the log is a separate step."""

    patient: str
    rx_number: str
    compounded_by: str
    checked_by: str = ""
    patient_ref: str = ""  # date of birth or the clinic's own identifier; kept in the log, not printed


@dataclass(frozen=True)
class DocumentSettings:
    """What the printed record takes beyond the recipe and the names."""

    pharmacy: str
    contact: str = ""
    prescriber: str = ""
    directions: str | None = None  # the label's directions in full; None: written for the label
    paper: str | None = None  # "a4" or "letter"; None: the locale's, fixed at the first print
    dose_mg: float | None = None  # the daily dose the written directions say; None: as on the plan
    time_of_day: TimeOfDay = TimeOfDay.BEDTIME  # when the written directions say it is taken
    add_directions: str = ""  # words added after the directions
    dispensed: dt.date | None = None  # the date dispensed, printed on the label where given

    def label_directions(self) -> Directions:
        """The directions these settings ask the label for, checked by the label's rules."""
        from ldn_desk.documents.directions import Directions

        return Directions(self.directions, self.dose_mg, self.time_of_day, self.add_directions)

    def resolved(self) -> DocumentSettings:
        """The same settings with the paper decided, so a later print cannot depend on the locale."""
        from ldn_desk.documents.pdfbase import parse_paper

        return dataclasses.replace(self, paper=parse_paper(self.paper))

    @classmethod
    def from_record(cls, record: Record | NewRecord) -> DocumentSettings:
        saved = record.document
        if not str(saved.get("pharmacy") or "").strip():
            raise LdnDeskError(f"{_which(record)} was saved without the pharmacy details its PDF needs")
        dose, dispensed = saved.get("dose_mg"), saved.get("dispensed")
        try:
            time_of_day = TimeOfDay(saved.get("time_of_day") or TimeOfDay.BEDTIME)
            dispensed_on = None if dispensed is None else dt.date.fromisoformat(str(dispensed))
            dose_mg = None if dose is None else float(dose)
        except (TypeError, ValueError):
            raise LdnDeskError(
                f"{_which(record)} holds a label dose, time of day or date dispensed this program cannot read"
            ) from None
        return cls(
            pharmacy=str(saved["pharmacy"]),
            contact=str(saved.get("contact") or ""),
            prescriber=str(saved.get("prescriber") or ""),
            directions=None if saved.get("directions") is None else str(saved["directions"]),
            paper=None if saved.get("paper") is None else str(saved["paper"]),
            dose_mg=dose_mg,
            time_of_day=time_of_day,
            add_directions=str(saved.get("add_directions") or ""),
            dispensed=dispensed_on,
        )


def _which(record: Record | NewRecord) -> str:
    return f"record {record.id}" if isinstance(record, Record) else "the record"


def _document_data(document: DocumentSettings, checked_by: str) -> dict[str, Any]:
    data = {**dataclasses.asdict(document), "checked_by": checked_by}
    data["time_of_day"] = str(document.time_of_day)
    data["dispensed"] = None if document.dispensed is None else document.dispensed.isoformat()
    return data


def formula_lines(recipe: Recipe) -> list[tuple[str, str]]:
    """(name, amount) of each line of the record's formula table: the ingredient lines to fill in."""
    from ldn_desk.documents.record_lines import ingredient_lines

    return ingredient_lines(recipe)


def print_record(
    recipe: Recipe,
    names: RecordNames,
    document: DocumentSettings,
    ingredients: Sequence[IngredientLine] = (),
    *,
    compounded: dt.date,
    content_sha256: str | None = None,
) -> bytes:
    """The compounding record's PDF: the same recipe, names, settings and lines give the same bytes.

    With `content_sha256` (of the record as the log holds it, ldn_desk.store.records.content_sha256) each page carries
    the record's fingerprint: its first 12 hex digits, which the record's entry in the log's chain
    covers. The PDF is printed before the record is saved, so it cannot carry the entry's own hash.
    """
    from ldn_desk.documents.info import PharmacyInfo
    from ldn_desk.documents.pdfbase import PageSetup, parse_paper
    from ldn_desk.documents.record import record_pdf

    info = PharmacyInfo(
        patient=names.patient, rx=names.rx_number, pharmacy=document.pharmacy, date=compounded,
        contact=document.contact, prescriber=document.prescriber, compounded_by=names.compounded_by,
        checked_by=names.checked_by, dispensed=document.dispensed,
    )  # fmt: skip
    setup = PageSetup(paper=parse_paper(document.paper))
    mark = "" if content_sha256 is None else short_fingerprint(content_sha256)
    return record_pdf(
        recipe, info, setup, directions=document.label_directions(), ingredients=ingredients, fingerprint=mark
    )


def _lines(items: Iterable[IngredientLine | Mapping[str, str]]) -> tuple[IngredientLine, ...]:
    return tuple(item if isinstance(item, IngredientLine) else IngredientLine(**item) for item in items)


def new_record(
    recipe_input: RecipeInput,
    names: RecordNames,
    document: DocumentSettings,
    ingredients: Iterable[IngredientLine | Mapping[str, str]] = (),
    *,
    recipe: Recipe | None = None,
    today: dt.date | None = None,
) -> NewRecord:
    """The NewRecord for a recipe: its typed input and results, the names, the settings, the lines,
    and the compounding record printed once. Everything is checked before anything is saved.

    `recipe` is the recipe already worked out for `recipe_input` (a page shows one); without it,
    it is worked out here. A compounding date after `today` (None: the computer's date) is
    refused: a record is of a batch already made, and its BUD counts from that day.
    """
    from ldn_desk.units.dates import not_after_today

    not_after_today(recipe_input.compounded, "compounded", today)
    check_dispensed(document.dispensed, recipe_input.compounded)
    made = make_recipe(recipe_input) if recipe is None else recipe
    if kind_of(made) != kind_of(recipe_input):
        raise TypeError("the recipe is not of the input's kind")
    settings = document.resolved()
    draft = NewRecord(
        kind=kind_of(recipe_input), rx_number=names.rx_number, patient=names.patient,
        patient_ref=names.patient_ref, compounded_on=recipe_input.compounded, bud=made.bud.date,
        compounded_by=names.compounded_by, inputs=input_data(recipe_input), results=recipe_data(made),
        document={**_document_data(settings, names.checked_by), "mfr": mfr_identity(made)},
        ingredients=_lines(ingredients),
    )  # fmt: skip
    pdf = print_record(
        made,
        names,
        settings,
        draft.ingredients,
        compounded=recipe_input.compounded,
        content_sha256=content_of(draft),
    )
    return dataclasses.replace(draft, pdf=pdf)


def check_dispensed(dispensed: dt.date | None, compounded: dt.date, field: str = "date dispensed") -> None:
    """A batch is dispensed on the day it is made or later, never before."""
    if dispensed is not None and dispensed < compounded:
        raise InputError(
            field, dispensed.isoformat(), f"is before the day of compounding ({compounded.isoformat()})",
            compounded.isoformat(),
        )  # fmt: skip


def component_expiry(
    name: str, lot: str, text: str, compounded: dt.date, field: str = "expiry"
) -> ComponentExpiry:
    """A component's expiry as typed from its container (2027-03-31, or 2027-03 for the month's
    last day), refused under `field` when it is before the day of compounding: an expired
    component cannot be used."""
    from ldn_desk.recipes.bud import ComponentExpiry, parse_expiry

    day = parse_expiry(text, field)
    if day < compounded:
        raise InputError(
            field, text, f"is before the day of compounding ({compounded.isoformat()}): an expired "
            "component cannot be used", (compounded + dt.timedelta(days=365)).isoformat(),
        )  # fmt: skip
    return ComponentExpiry(name, day, lot=lot)


def with_expiries(recipe_input: RecipeInput, expiries: Sequence[ComponentExpiry]) -> RecipeInput:
    """The input with these component expiries added, so the BUD is never later than the earliest
    (USP <795>); what `ldn-desk log add --expiry` and the app's expiry fields both do."""
    if not expiries:
        return recipe_input
    return dataclasses.replace(recipe_input, expiries=(*recipe_input.expiries, *expiries))


def capped_bud(recipe: Recipe, compounded: dt.date, expiries: Sequence[ComponentExpiry]) -> Any:
    """The recipe's BUD as `with_expiries` would make it, without working the recipe out again:
    never later than the earliest component expiry, with the basis saying which capped it."""
    from ldn_desk.recipes.bud import limit_to_expiry

    return limit_to_expiry(recipe.bud, compounded, expiries)


def drawn_amounts(recipe: Recipe) -> list[str]:
    """For each formula line (as `formula_lines`), the amount the balance shows or the count
    taken, as a lot is drawn on: by the aliquot method the amount weighed for the aliquot (and
    the filler weighed in both steps), never the amount in the batch. "" where there is none."""
    import re

    from ldn_desk.recipes.capsules.model import CapsuleRecipe
    from ldn_desk.units.dose_text import mg_text

    if not isinstance(recipe, CapsuleRecipe):
        made = []
        for _name, amount in formula_lines(recipe):
            found = re.match(r"(\d+(?:\.\d+)?) ([A-Za-z]+)", amount.replace(",", ""))
            made.append(f"{found[1]} {found[2]}" if found else "")
        return made
    aliquot = recipe.aliquot
    if aliquot is None:
        powder, filler = recipe.api_mg, recipe.excipient_mg
    else:
        powder = aliquot.weigh_api_mg
        filler = aliquot.diluent_mg + (recipe.excipient_after_aliquot_mg or 0.0)
    return [mg_text(powder, grouping=False), mg_text(filler, grouping=False), f"{recipe.capsules} capsules"]


def mfr_identity(recipe: Recipe) -> dict[str, Any]:
    """The master formula a batch follows, as its record names it: identifier, version and the
    SHA-256 of its content (what a pharmacist's approval of that version is bound to)."""
    from ldn_desk.documents.mfr import mfr_for

    return mfr_sha(mfr_for(recipe))


def mfr_sha(mfr: Any) -> dict[str, Any]:
    import hashlib
    import json

    content = json.dumps(dataclasses.asdict(mfr), sort_keys=True, ensure_ascii=False, default=str)
    return {
        "id": mfr.id,
        "version": mfr.version,
        "sha256": hashlib.sha256(content.encode("utf-8")).hexdigest(),
    }


def input_from_lots(recipe_input: RecipeInput, lots: Sequence[Lot]) -> RecipeInput:
    """The recipe input with what the chosen lots say: a powder lot's assay, water and salt (from
    its certificate), and every lot's expiry, so the BUD is never later than the earliest. A lot
    that cannot be used on the day of compounding (not approved, quarantined, recalled, expired)
    is refused here, before anything is worked out."""
    from ldn_desk.recipes.bud import ComponentExpiry
    from ldn_desk.recipes.choices import Salt
    from ldn_desk.store.lots import Material

    for lot in lots:
        problem = lot.usable_on(recipe_input.compounded)
        if problem:
            raise InputError("lot", lot.lot, problem.split(") ", 1)[-1], "an approved lot in date")
    expiries = tuple(ComponentExpiry(lot.name, lot.expiry, lot=lot.lot) for lot in lots)
    changes: dict[str, Any] = {"expiries": (*recipe_input.expiries, *expiries)}
    powders = [lot for lot in lots if lot.material is Material.POWDER]
    if len(powders) > 1:
        raise InputError("lot", ", ".join(lot.lot for lot in powders), "names two powders; choose one")
    if powders:
        powder = powders[0]
        salt = Salt.HCL if powder.salt == "hydrochloride" else Salt.BASE
        changes.update(potency_percent=powder.assay_percent, water_percent=powder.water_percent)
        changes["powder_salt" if hasattr(recipe_input, "powder_salt") else "salt"] = salt
    return dataclasses.replace(recipe_input, **changes)


def lot_lines(lots: Sequence[Lot], drawn: Sequence[tuple[int, float]]) -> tuple[IngredientLine, ...]:
    """The record's ingredient lines for the lots drawn on: name, maker, lot and expiry as received."""
    amounts = {lot_id: quantity for lot_id, quantity in drawn}
    return tuple(IngredientLine(lot.name, lot.maker, lot.lot, lot.expiry.isoformat(),
                                f"{amounts.get(lot.id, 0):g} {lot.unit}") for lot in lots)  # fmt: skip


def lot_material(line_name: str) -> str | None:
    """Which kind of lot can supply a formula line: "tablets", "powder" (naltrexone API) or
    "excipient"; None for what no lot is received for (capsule shells)."""
    name = line_name.lower()
    if "capsule shell" in name:
        return None
    if "tablet" in name:
        return "tablets"
    if "naltrexone" in name:
        return "powder"
    return "excipient"


def usable_lots(lots: Sequence[Lot], line_name: str, day: dt.date) -> list[Lot]:
    """The lots a record compounded on `day` may draw on for this formula line: of its kind,
    approved, in date and with something on hand (never a received, quarantined, recalled or
    expired lot). Soonest expiry first, so the lot to use up is offered first."""
    material = lot_material(line_name)
    return sorted(
        (lot for lot in lots if material is not None and str(lot.material) == material
         and lot.usable_on(day) is None and lot.on_hand > 0),
        key=lambda lot: (lot.expiry, lot.id),
    )  # fmt: skip


def lot_choice_text(lot: Lot) -> str:
    """How a lot is offered: maker, lot, expiry and what is on hand."""
    return f"{lot.maker} · lot {lot.lot} · exp {lot.expiry.isoformat()} · {lot.on_hand:g} {lot.unit} on hand"


def drawn_quantity(text: str, lot: Lot) -> float:
    """The quantity a record draws on a lot, typed as "2" or "2 tablets" in the lot's own unit."""
    import re

    number, _sep, unit = text.strip().partition(" ")
    example = f"{min(lot.on_hand, 2):g} {lot.unit}"
    if unit.strip() and unit.strip().lower().rstrip("s") != lot.unit.lower().rstrip("s"):  # 1 tablet
        raise InputError(
            f"amount from lot {lot.lot}", text, f"must be in the lot's unit ({lot.unit})", example
        )
    if not re.fullmatch(r"\d{1,9}(\.\d{1,6})?", number):
        raise InputError(f"amount from lot {lot.lot}", text, "must be a number", example)
    quantity = float(number)
    if not 0 < quantity <= lot.on_hand + 1e-9:
        raise InputError(f"amount from lot {lot.lot}", text,
                         f"must be more than 0 and no more than the {lot.on_hand:g} {lot.unit} on hand", example)  # fmt: skip
    return quantity


@dataclass(frozen=True)
class LotDraft:
    """A record that draws on chosen lots: the recipe worked out again from the lots (a powder's
    certificate, every lot's expiry capping the BUD), the record, and the draws to save with it."""

    recipe_input: RecipeInput
    recipe: Recipe
    record: NewRecord
    draws: tuple[tuple[int, float], ...]


def record_with_lots(
    recipe_input: RecipeInput,
    names: RecordNames,
    document: DocumentSettings,
    lines: Sequence[IngredientLine | Mapping[str, str]],
    chosen: Mapping[int, tuple[Lot, str]],
    *,
    recipe: Recipe | None = None,
) -> LotDraft:
    """The record the app saves: `lines` as typed, the line at each index in `chosen` replaced by
    its lot's line (name, maker, lot, expiry as received, the amount typed in the lot's unit), the
    recipe from `input_from_lots` as `ldn-desk log add --lot` makes it."""
    lots = [lot for lot, _amount in chosen.values()]
    draws = tuple((lot.id, drawn_quantity(amount, lot)) for lot, amount in chosen.values())
    inp = input_from_lots(recipe_input, lots) if lots else recipe_input
    made = make_recipe(inp) if lots or recipe is None else recipe
    by_lot = dict(zip((lot.id for lot in lots), lot_lines(lots, draws), strict=True))
    made_lines = [
        by_lot[chosen[index][0].id] if index in chosen else line for index, line in enumerate(lines)
    ]
    return LotDraft(inp, made, new_record(inp, names, document, made_lines, recipe=made), draws)


def saved_input(record: Record | NewRecord) -> RecipeInput:
    """The recipe input the record was saved with (older records: read from their option text)."""
    from ldn_desk.recipes.legacy import input_from_options

    try:
        if is_versioned(record.inputs):
            return input_from_data(record.inputs)
        return input_from_options(record.kind, record.inputs)
    except (InputError, RecordDataError) as error:
        raise RecordDataError(
            f"{_which(record)} cannot be worked out again from its saved inputs ({error})"
        ) from None


def _names(record: Record | NewRecord, checked_by: str) -> RecordNames:
    return RecordNames(record.patient, record.rx_number, record.compounded_by, checked_by, record.patient_ref)


# -- recalculating ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recalculation:
    """Today's program on a record's saved input, beside the results saved with it."""

    record_id: int
    differences: tuple[Difference, ...]
    older_record: bool  # results saved before they were kept as data: compared on the fields both hold

    @property
    def same(self) -> bool:
        return not self.differences

    def summary(self) -> str:
        """What a person reads: agrees, or each field that differs."""
        basis = " (on the fields this older record kept)" if self.older_record else ""
        if self.same:
            return f"Today's program calculates record {self.record_id} exactly as it was saved{basis}."
        count = len(self.differences)
        lines = [
            f"Today's program calculates record {self.record_id} differently from when it was saved{basis}: "
            f"{count} field{'s differ' if count != 1 else ' differs'}. The record and its reprint keep the "
            "saved calculation.",
            *(f"- {difference}" for difference in self.differences),
        ]
        return "\n".join(lines)


def _recalculated(record: Record, inp: RecipeInput | None = None) -> tuple[Recipe, Recalculation]:
    from ldn_desk.recipes.legacy import differences_from_older
    from ldn_desk.recipes.records import differences

    inp = saved_input(record) if inp is None else inp
    try:
        recipe = make_recipe(inp)
    except (InputError, RecipeError) as error:
        raise LdnDeskError(
            f"today's program no longer makes the recipe of record {record.id}: {error}"
        ) from None
    now = recipe_data(recipe)
    if is_versioned(record.results):
        found = differences(record.results, now)
    else:
        found = differences_from_older(record.results, now)
    return recipe, Recalculation(record.id, tuple(found), not is_versioned(record.results))


def recalculate(store: Store, record_id: int) -> Recalculation:
    """Work the record's recipe out with today's program and say what differs, field by field.

    Nothing is saved and nothing printed: the record keeps the calculation it was saved with.
    """
    return _recalculated(store.record(record_id))[1]


# -- reprinting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reprint:
    """A record's PDF again: the bytes first printed or, for an older record, printed anew (`note`)."""

    record_id: int
    pdf: bytes
    as_first_printed: bool
    note: str = ""  # said to the person when the copy is not the first print

    @property
    def sha256(self) -> str:
        return fingerprint(self.pdf)


def reprint(store: Store, record_id: int) -> Reprint:
    """The record's PDF byte for byte as first printed, checked against its SHA-256 (a mismatch is
    refused). A record saved before the log kept PDFs is printed again from its saved inputs with
    today's program, and the note says so and whether today's calculation agrees."""
    record = store.record(record_id)
    kept = store.printed_pdf(record_id)
    if kept is not None:
        return Reprint(record.id, kept, True)
    inp = saved_input(record)
    recipe, check = _recalculated(record, inp)
    checked_by = str(record.document.get("checked_by") or record.checked_by or "")
    pdf = print_record(recipe, _names(record, checked_by), DocumentSettings.from_record(record),
                       record.ingredients, compounded=record.compounded_on,
                       content_sha256=record.content_sha256 or content_of(record.as_new()))  # fmt: skip
    agrees = (
        "its calculation agrees with the results saved with it"
        if check.same
        else "its calculation differs from the results saved with it: "
        + "; ".join(str(difference) for difference in check.differences)
    )
    note = (
        f"Record {record.id} was saved before LDN Desk kept each record's printed PDF, so this is not the "
        f"first print: it was printed again from the record's saved inputs with today's program, and "
        f"{agrees}."
    )
    return Reprint(record.id, pdf, False, note)


# -- correcting ---------------------------------------------------------------------------------


def _corrected_pdf(record: Record, corrected: NewRecord) -> bytes:
    if is_versioned(record.results):
        recipe = recipe_from_data(record.results)  # the numbers as saved: a correction recalculates nothing
    else:
        recipe, check = _recalculated(record)
        if not check.same:
            raise LdnDeskError(
                f"record {record.id} was saved by an earlier LDN Desk that calculated it differently "
                f"({'; '.join(str(d) for d in check.differences)}); a corrected copy would print today's "
                "numbers, so none was made. Save the recipe again as a new record"
            )
    checked_by = str(corrected.document.get("checked_by") or "")
    return print_record(recipe, _names(corrected, checked_by), DocumentSettings.from_record(corrected),
                        corrected.ingredients, compounded=corrected.compounded_on,
                        content_sha256=content_of(corrected))  # fmt: skip


def amend(store: Store, record_id: int, changes: Mapping[str, Any], reason: str = "", *,
          by: Credentials | None = None) -> int:  # fmt: skip
    """Save a corrected version of the record, printed with its corrections; returns the new id.

    `changes` holds the names, the ingredient lines or the document settings (see CORRECTABLE);
    the recipe's numbers stay as saved. A signed record needs the reason.
    """
    unknown = sorted(set(changes) - CORRECTABLE)
    if unknown:
        raise InputError("changes", ", ".join(unknown), "cannot be corrected; save the recipe again as a new record",
                         "ingredients")  # fmt: skip
    record = store.record(record_id)
    corrected = dataclasses.replace(record.as_new(), **dict(changes))  # checks the corrections
    pdf = _corrected_pdf(record, corrected)
    return store.amend(record_id, {**changes, "pdf": pdf}, reason, by=by)
