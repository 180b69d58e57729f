"""The facade every front end calls: recipes, plans and documents, typed requests in, typed results out.

The app, the command line and any later front end (a script, a server) hold one `Desk` made with
the settings they have, and call it; none of them assembles core pieces itself:

    desk = Desk(DeskSettings(paper="a4"))
    recipe = desk.liquid_recipe(LiquidInput(strength, volume, compounded))
    outcome = desk.plan(PlanRequest(FromProtocol("standard"), dt.date(2026, 12, 1), form=LiquidForm(1.0)))
    pdf = desk.handout_pdf(outcome, HandoutInfo("Ann Lee", dt.date.today()))

A Desk object rather than module functions: the settings a front end holds (the patient's
syringes, the paper, the label layout) are given once, not threaded through every call, and a
front end that serves several pharmacies holds one Desk each, as Anki's GUI holds its Collection.

Importing this module costs nothing: the core (pint, ReportLab) loads on the first call, and the
request and result types (PlanRequest, LiquidInput, HandoutInfo, …) are fetched from their model
modules when first named, so the app can import the facade at start-up and the command line's
`--help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldn_desk.desk.reviews import PlanReview
    from ldn_desk.documents.directions import Directions
    from ldn_desk.documents.info import HandoutInfo, PharmacyInfo
    from ldn_desk.documents.label import LabelLayout, LabelPlacement
    from ldn_desk.documents.pdfbase import PageSetup
    from ldn_desk.plans.dispensing import Dispensing, Fill, Overage
    from ldn_desk.plans.measuring import CapsuleSchedule, LiquidSchedule
    from ldn_desk.plans.model import Plan, PlanEdit, Step
    from ldn_desk.plans.pipeline import (
        CapsuleForm,
        FromLadder,
        FromProtocol,
        FromRule,
        LiquidForm,
        PlanOutcome,
        PlanRequest,
    )
    from ldn_desk.plans.protocols import Protocol
    from ldn_desk.plans.review import Decision, Measure
    from ldn_desk.plans.saved import OpenedPlan
    from ldn_desk.recipes.capsules.recipe import CapsuleInput, CapsuleRecipe
    from ldn_desk.recipes.dose_range import Alert
    from ldn_desk.recipes.dosing import DoseVolume, NearestVolume, Syringe
    from ldn_desk.recipes.liquid.recipe import LiquidInput, LiquidRecipe
    from ldn_desk.reference.mfr import Mfr
    from ldn_desk.store import SavedPlan, Store
    from ldn_desk.store.users import Credentials

    Recipe = LiquidRecipe | CapsuleRecipe

# The typed requests and results, by the module that defines them (fetched on first use).
_TYPES = {
    "Directions": "ldn_desk.documents.directions",
    "HandoutInfo": "ldn_desk.documents.info",
    "PharmacyInfo": "ldn_desk.documents.info",
    "LabelLayout": "ldn_desk.documents.label",
    "LabelPlacement": "ldn_desk.documents.label",
    "PageSetup": "ldn_desk.documents.pdfbase",
    "Dispensing": "ldn_desk.plans.dispensing",
    "Fill": "ldn_desk.plans.dispensing",
    "Overage": "ldn_desk.plans.dispensing",
    "CapsuleSchedule": "ldn_desk.plans.measuring",
    "LiquidSchedule": "ldn_desk.plans.measuring",
    "Plan": "ldn_desk.plans.model",
    "PlanEdit": "ldn_desk.plans.model",
    "Step": "ldn_desk.plans.model",
    "CapsuleForm": "ldn_desk.plans.pipeline",
    "FromLadder": "ldn_desk.plans.pipeline",
    "FromProtocol": "ldn_desk.plans.pipeline",
    "FromRule": "ldn_desk.plans.pipeline",
    "LiquidForm": "ldn_desk.plans.pipeline",
    "PlanOutcome": "ldn_desk.plans.pipeline",
    "PlanRequest": "ldn_desk.plans.pipeline",
    "Protocol": "ldn_desk.plans.protocols",
    "OpenedPlan": "ldn_desk.plans.saved",
    "CapsuleInput": "ldn_desk.recipes.capsules.recipe",
    "CapsuleRecipe": "ldn_desk.recipes.capsules.recipe",
    "Alert": "ldn_desk.recipes.dose_range",
    "DoseVolume": "ldn_desk.recipes.dosing",
    "NearestVolume": "ldn_desk.recipes.dosing",
    "Syringe": "ldn_desk.recipes.dosing",
    "LiquidInput": "ldn_desk.recipes.liquid.recipe",
    "LiquidRecipe": "ldn_desk.recipes.liquid.recipe",
    "Mfr": "ldn_desk.reference.mfr",
    "Decision": "ldn_desk.plans.review",
    "Measure": "ldn_desk.plans.review",
    "PlanReview": "ldn_desk.desk.reviews",
}

__all__ = [
    "PLAN_ENGINES",
    "Alert",
    "CapsuleForm",
    "CapsuleInput",
    "CapsuleRecipe",
    "CapsuleSchedule",
    "Decision",
    "Desk",
    "DeskSettings",
    "Directions",
    "Dispensing",
    "DoseRequest",
    "DoseVolume",
    "Fill",
    "FromLadder",
    "FromProtocol",
    "FromRule",
    "HandoutInfo",
    "LabelLayout",
    "LabelPlacement",
    "LiquidForm",
    "LiquidInput",
    "LiquidRecipe",
    "LiquidSchedule",
    "Measure",
    "Mfr",
    "NearestVolume",
    "OpenedPlan",
    "Overage",
    "PageSetup",
    "PharmacyInfo",
    "Plan",
    "PlanEdit",
    "PlanOutcome",
    "PlanRequest",
    "PlanReview",
    "Protocol",
    "Step",
    "Syringe",
    "library_syringes",
    "load_engines",
]


def __getattr__(name: str) -> type:
    module = _TYPES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    found: type = getattr(importlib.import_module(module), name)
    return found


def __dir__() -> list[str]:
    return sorted(__all__)


@dataclass(frozen=True)
class DeskSettings:
    """What a front end sets once. syringes: those the patient measures with (None: the usual
    set from resources/syringes.toml); paper: "a4" or "letter" (None: from the locale);
    label_layout: a layout of resources/labels.toml (None: the one for the locale's paper).

    The balance's minimum weighable quantity is not here: it belongs to each recipe request
    (LiquidInput, CapsuleInput), since the record says which balance the batch was weighed on.
    """

    syringes: tuple[Syringe, ...] | None = None
    paper: str | None = None
    label_layout: str | None = None

    def __post_init__(self) -> None:
        if self.syringes is not None:
            object.__setattr__(self, "syringes", tuple(self.syringes))


@dataclass(frozen=True)
class DoseRequest:
    """A dose of a liquid of a strength; syringes: those to measure with (None: the desk's)."""

    dose_mg: float
    strength_mg_per_ml: float
    syringes: tuple[Syringe, ...] | None = None
    allow_high: bool = False

    def __post_init__(self) -> None:
        if self.syringes is not None:
            object.__setattr__(self, "syringes", tuple(self.syringes))


# What a front end's first results need: the unit engine, the plan pipeline, both recipes and the
# log. Imported by load_engines, never at the import of this module.
_ENGINES = (
    "ldn_desk.units.quantity",
    "ldn_desk.plans.pipeline",
    "ldn_desk.recipes.liquid.recipe",
    "ldn_desk.recipes.capsules.recipe",
    "ldn_desk.desk.log",
)
# What the titration plan's first results need (the app's first page): the units and the plans.
PLAN_ENGINES = _ENGINES[:2]


def load_engines(names: Sequence[str] = _ENGINES) -> None:
    """Import the core a front end's first results need (or only `names` of it, e.g.
    PLAN_ENGINES), now rather than on the first call.

    PySide6 checks every module imported after it for its own feature switches (it reads the
    module's source); the app imports the core without that check (ui.plain_imports).
    """
    for name in names:
        importlib.import_module(name)


def library_syringes(chosen: Iterable[tuple[float, float]]) -> tuple[Syringe, ...]:
    """The syringes of resources/syringes.toml whose (capacity mL, graduation mL) are `chosen`;
    all of them when none are chosen or none match (the safe default: every syringe offered)."""
    from ldn_desk.recipes.dosing import default_syringes

    wanted = set(chosen)
    every = default_syringes()
    kept = tuple(s for s in every if (s.capacity_ml, s.graduation_ml) in wanted)
    return kept or every


class Desk:
    """Recipes, plans and documents for one front end's settings. Every method is one call to
    the core; refusals are LdnDeskError (InputError names the field) with a message to show."""

    def __init__(self, settings: DeskSettings | None = None) -> None:
        self.settings = settings or DeskSettings()

    # --- recipes ---------------------------------------------------------------------------------
    def liquid_recipe(self, request: LiquidInput) -> LiquidRecipe:
        """A liquid batch: tablets or powder, volume made up, steps, BUD, labels."""
        from ldn_desk.recipes.liquid.recipe import make_liquid

        return make_liquid(request)

    def capsule_recipe(self, request: CapsuleInput) -> CapsuleRecipe:
        """A capsule batch: drug and filler to weigh, fill, QC limits, aliquot, BUD."""
        from ldn_desk.recipes.capsules.recipe import make_capsules

        return make_capsules(request)

    def check_compounded(self, date: dt.date, today: dt.date | None = None) -> dt.date:
        """A compounding date, refused when after today (None: the computer's date): a batch is
        recorded on the day it is made, and its BUD counts from that day."""
        from ldn_desk.units.dates import not_after_today

        return not_after_today(date, "compounded", today)

    def dose_volume(self, request: DoseRequest) -> DoseVolume:
        """The volume that holds a dose, and the smallest syringe that measures it (or the
        nearest measurable volumes, each with the dose it would give)."""
        from ldn_desk.recipes.dosing import dose_to_volume
        from ldn_desk.units.quantity import Quantity

        syringes = request.syringes if request.syringes is not None else self.settings.syringes
        return dose_to_volume(
            Quantity(request.dose_mg, "mg"),
            Quantity(request.strength_mg_per_ml, "mg/mL"),
            syringes,
            allow_high=request.allow_high,
        )

    # --- plans -----------------------------------------------------------------------------------
    def protocols(self) -> tuple[Protocol, ...]:
        """The titration protocol library, in the order of resources/protocols.toml."""
        from ldn_desk.plans.protocols import load_protocols

        return tuple(load_protocols().values())

    def plan(self, request: PlanRequest) -> PlanOutcome:
        """The plan, what to measure at each step, the supply and every alert (one pipeline)."""
        from ldn_desk.plans.pipeline import plan_outcome

        return plan_outcome(request, self.settings.syringes)

    def plan_document(self, outcome: PlanOutcome, language: str | None = None) -> dict[str, object]:
        """The outcome's request and plan as plain data, for the log's saved plans, with the
        language of the patient's documents (None: English)."""
        from ldn_desk.plans.saved import plan_document

        return plan_document(outcome, language)

    def open_plan_document(self, document: object) -> OpenedPlan:
        """A saved plan read back (an older one migrated), refused clearly when damaged."""
        from ldn_desk.plans.saved import read_plan_document

        return read_plan_document(document)

    # --- the review visit --------------------------------------------------------------------------
    def review_measures(self) -> tuple[Measure, ...]:
        """The diary's measures (pain, sleep, fatigue, mood, daily activities) and the optional
        totals (BPI pain severity, COMPASS-31), with their scales and words."""
        from ldn_desk.plans.review import measures

        return measures()

    def review_decisions(self) -> dict[str, str]:
        """The decisions a review may make, by key: continue, increase, step back, halve, stop, morning."""
        from ldn_desk.plans.review import DECISIONS

        return dict(DECISIONS)

    def open_review(self, store: Store, plan_id: int, version: int | None = None) -> PlanReview:
        """A saved plan seen at the review: its plan, diary, per-dose summary, decision, history."""
        from ldn_desk.desk.reviews import open_review

        return open_review(store, plan_id, version)

    def add_diary_week(self, store: Store, plan_id: int, based_on: int | None, week: object,
                       **values: object) -> SavedPlan:  # fmt: skip
        """Save one diary week as the plan's next version (values: pain, sleep, fatigue, mood,
        activities, bpi, compass31 as written, side_effects, notes; empty ones stay missing).
        based_on: the version shown when the week was typed; refused if another was saved since."""
        from ldn_desk.desk.reviews import add_week

        return add_week(store, plan_id, based_on, week, **values)

    def decide_review(
        self, store: Store, plan_id: int, based_on: int | None, decision: Decision, *,
        by: Credentials | None = None,
    ) -> SavedPlan:  # fmt: skip
        """Save the review's decision as the plan's next version, the next phase's plan request.
        In a log with users `by` is needed: the signed-in prescriber or pharmacist (password checked
        now) is recorded as the prescriber, verified; a typed other name is refused. Without users
        the typed prescriber is kept, not verified."""
        from ldn_desk.desk.reviews import decide

        return decide(store, plan_id, based_on, decision, self.settings.syringes, by)

    def review_plan(self, review: PlanReview) -> PlanOutcome:
        """The plan outcome of a reviewed version (its handout prints from it); refused when the
        trial was stopped there."""
        from ldn_desk.errors import LdnDeskError

        if review.stopped:
            raise LdnDeskError(
                f"saved plan {review.plan_id}: the trial was stopped at the review; no handout"
            )
        return self.plan(review.request)

    def review_summary_pdf(
        self, review: PlanReview, *, printed: dt.date | None = None, clinic: str = ""
    ) -> bytes:
        """The review summary: on a version a decision made, the phase it closed with the decision
        and the next phase; otherwise the diary so far, no decision yet. printed: the date on it
        (None: today)."""
        from ldn_desk.documents.review import review_summary_pdf

        day = dt.date.today() if printed is None else printed
        decided = review.decided()
        if decided is not None:
            next_plan = None if review.stopped else review.plan
            return review_summary_pdf(
                decided.plan, decided.review.diary, self.page_setup(), patient=review.patient, printed=day,
                decision=review.review.decision, next_plan=next_plan, clinic=clinic,
            )  # fmt: skip
        return review_summary_pdf(
            review.plan,
            review.review.diary,
            self.page_setup(),
            patient=review.patient,
            printed=day,
            clinic=clinic,
        )

    def plan_calendar(
        self,
        outcome: PlanOutcome,
        *,
        every_day: bool = False,
        accept_few_marks: bool = False,
        accept_many_capsules: bool = False,
    ) -> bytes:
        """The plan as an iCalendar file: an all-day event per dose change (or every day) and the
        review, each saying the dose and how it is measured; never the patient's name."""
        from ldn_desk.documents.ics import plan_calendar

        return plan_calendar(
            outcome,
            every_day=every_day,
            accept_few_marks=accept_few_marks,
            accept_many_capsules=accept_many_capsules,
        )

    def save_calendar(self, data: bytes, path: str) -> str:
        """Write a calendar file whole and privately; refused naming the output (not .ics, a link,
        a folder that cannot be written)."""
        from ldn_desk.documents.ics import write_calendar

        return str(write_calendar(data, path))

    # --- documents -------------------------------------------------------------------------------
    def page_setup(self, *, large_print: bool = False) -> PageSetup:
        from ldn_desk.documents.pdfbase import PageSetup, parse_paper

        return PageSetup(paper=parse_paper(self.settings.paper), large_print=large_print)

    def handout_pdf(
        self,
        outcome: PlanOutcome,
        info: HandoutInfo,
        *,
        large_print: bool = False,
        accept_few_marks: bool = False,
        accept_many_capsules: bool = False,
        language: str | None = None,
    ) -> bytes:
        """The patient's handout for a plan outcome (its measures and supply), in the patient's
        `language` (see `languages`; None: English). A step of fewer marks than
        min_marks_per_dose, or of more capsules than handout_max_capsules_per_dose, is refused
        unless the prescriber accepts it (then the handout says so)."""
        from ldn_desk.documents.handout import plan_handout_pdf

        return plan_handout_pdf(
            outcome,
            info,
            self.page_setup(large_print=large_print),
            accept_few_marks=accept_few_marks,
            accept_many_capsules=accept_many_capsules,
            language=self.check_language(language),
        )

    @staticmethod
    def languages() -> tuple[tuple[str, str], ...]:
        """The languages a patient's handout and label can be written in: (code, own name), English
        first; one for each catalog in resources/locale."""
        from ldn_desk.units.language import language_name, languages

        return tuple((code, language_name(code)) for code in languages())

    @staticmethod
    def say(message: str, language: str | None = None) -> str:
        """One of the core's English messages (an alert, a result line) in `language`, through the
        catalog; English, unchanged, where the catalog has no template for it."""
        from ldn_desk.units.messages import say

        return say(message, language)

    @staticmethod
    def say_refusal(
        field: str, typed: str | None, problem: str, example: str = "", language: str | None = None
    ) -> str:
        """A refusal at a field (its label, the text as typed, what is wrong, an example) in
        `language`; in English, exactly the refusal's own message."""
        from ldn_desk.units.messages import refusal

        return refusal(field, typed, problem, example, language)

    @staticmethod
    def say_error(error: BaseException, language: str | None = None) -> str:
        """A refusal or fault the core raised on purpose, as a person reads it in `language`."""
        from ldn_desk.units.messages import say_error

        return say_error(error, language)

    @staticmethod
    def check_language(text: str | None, field: str = "language") -> str:
        """A patient document language by its code ('es'), refused naming those there are."""
        from ldn_desk.units.language import check_language

        return check_language(text, field)

    def handout_notices(self, info: HandoutInfo) -> tuple[str, ...]:
        """What the maker of a handout should know before printing it (no phone number to call)."""
        from ldn_desk.documents.handout import handout_notices

        return handout_notices(info)

    def record_pdf(
        self, recipe: Recipe, info: PharmacyInfo, *, directions: str | Directions | None = None
    ) -> bytes:
        """The compounding record of a liquid or capsule batch."""
        from ldn_desk.documents.record import record_pdf

        return record_pdf(recipe, info, self.page_setup(), directions=directions)

    def printed_formula(self, recipe: Recipe) -> list[tuple[str, str]]:
        """(ingredient, amount) as the compounding record's Formula table prints them, so a screen
        shows the same figures in the same words ("in the batch", "weigh … for the aliquot")."""
        from ldn_desk.documents.record_lines import printed_formula

        return printed_formula(recipe)

    def printed_weighings(self, recipe: Recipe) -> list[tuple[str, str]]:
        """(what is weighed, what the balance shows) for every weighing, as the record lists them."""
        from ldn_desk.documents.record_lines import weighings

        return weighings(recipe)

    def mfrs(self) -> tuple[Mfr, ...]:
        """The master formulation records of resources/mfr.toml, one per formula the program makes."""
        from ldn_desk.documents.mfr import mfrs

        return mfrs()

    def mfr(self, name: str) -> Mfr:
        """The MFR with this identifier (LDN-MFR-L1) or key; refused naming the ones there are."""
        from ldn_desk.documents.mfr import find_mfr

        return find_mfr(name)

    def mfr_for(self, recipe: Recipe) -> Mfr:
        """The MFR a batch follows (its compounding record names it)."""
        from ldn_desk.documents.mfr import mfr_for

        return mfr_for(recipe)

    def mfr_pdf(self, mfr: Mfr, *, pharmacy: str = "") -> bytes:
        """The master formulation record, printed on the settings' paper."""
        from ldn_desk.documents.mfr import mfr_pdf

        return mfr_pdf(mfr, self.page_setup(), pharmacy=pharmacy)

    def signature_sheet_pdf(self, store: object, record_id: int) -> bytes:
        """A record's signatures (meaning, printed name, role, time) and audit trail, on paper."""
        from ldn_desk.documents.team import signature_sheet_pdf
        from ldn_desk.store import Store
        from ldn_desk.store.chain import fingerprint

        assert isinstance(store, Store)
        record = store.record(record_id)
        mark = fingerprint(record.content_sha256 or "") or "(none)"
        return signature_sheet_pdf(record, store.signatures(record_id), store.trail("record", record_id), mark,
                                   self.page_setup())  # fmt: skip

    def recall_pdf(self, lot: object, lines: Iterable[object], reason: str) -> bytes:
        """The printed list of every record and patient that used a recalled lot."""
        from ldn_desk.documents.team import recall_pdf

        return recall_pdf(lot, tuple(lines), reason, self.page_setup())

    def label_layout(self) -> LabelLayout:
        """The label layout of the settings (or the locale's default)."""
        from ldn_desk.documents.label import find_layout

        return find_layout(self.settings.label_layout)

    def label_placement(self, *, copies: int = 1, skip: int = 0) -> LabelPlacement:
        """Where `copies` labels go on the settings' layout when `skip` positions are used,
        refused on the same terms as label_pdf."""
        from ldn_desk.documents.label import label_placement

        return label_placement(self.settings.label_layout or None, copies=copies, skip=skip)

    def label_pdf(
        self,
        recipe: Recipe,
        info: PharmacyInfo,
        *,
        copies: int = 1,
        skip: int = 0,
        directions: str | Directions | None = None,
        outline: bool = False,
        quantity_ml: float | None = None,
        language: str | None = None,
    ) -> bytes:
        """Container labels on the settings' layout, from position `skip` + 1 of the sheet, in the
        patient's `language` (None: English).
        quantity_ml: what the bottle holds when filled from a larger batch; for a plan's fill,
        `desk.label_pdf(fill.recipe, info, quantity_ml=fill.dispensed_ml)`."""
        from ldn_desk.documents.label import label_pdf

        layout = self.settings.label_layout or None
        return label_pdf(
            recipe,
            info,
            layout,
            copies=copies,
            skip=skip,
            directions=directions,
            outline=outline,
            quantity_ml=quantity_ml,
            language=self.check_language(language),
        )

    def label_lines(
        self,
        recipe: Recipe,
        info: PharmacyInfo,
        directions: str | Directions | None = None,
        *,
        quantity_ml: float | None = None,
        language: str | None = None,
    ) -> list[str]:
        """What a container label says, line by line (quantity_ml, language: as for label_pdf)."""
        from ldn_desk.documents.content import label_content
        from ldn_desk.units.language import speaking

        code = self.check_language(language)
        with speaking(code):  # lines() words its own parts ("Quantity:") in the language too
            return label_content(recipe, info, directions, quantity_ml=quantity_ml, language=code).lines()
