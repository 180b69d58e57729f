"""What the patient handout and the compounding record say (resources/handout.toml, record.toml).

Texts with {placeholders} are checked to name only what the program fills in, so a mistyped
placeholder is refused when the file is read rather than when a document is printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import (
    FORMS,
    TIMES_OF_DAY,
    attribute_for,
    load,
    placeholders,
    positive,
)


def _templates(texts: tuple[str, ...], key: str, allowed: tuple[str, ...]) -> None:
    for index, text in enumerate(texts, 1):
        placeholders(text, f"{key}[{index}]", allowed)


@dataclass(frozen=True)
class ByTimeOfDay:
    """One text for a dose taken at bedtime, another for one taken in the morning."""

    bedtime: str
    morning: str

    def at(self, time_of_day: str) -> str:
        text: str = attribute_for(self, time_of_day, TIMES_OF_DAY, "time of day")
        return text


# --- handout.toml ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Contact:
    """The handout's contact: its labelled line, and without a phone number the line printed to
    write one in and the maker's warning."""

    write_in: str
    warning: str
    min_digits: int  # a contact with fewer digits than this is not taken for a phone number
    call: str  # the contact's own line at the top of page 1, e.g. "Questions? Call {contact}"
    write_to: str  # the same for a contact with no phone number (an address, an email)

    def __post_init__(self) -> None:
        positive(self, "min_digits")


@dataclass(frozen=True)
class MissedDose:
    title: str
    lines: tuple[str, ...]
    hours: int
    restart_days: int
    source: str

    def __post_init__(self) -> None:
        _templates(self.lines, "lines", ("hours", "restart_days"))
        positive(self, "hours", "restart_days")


@dataclass(frozen=True)
class WalletCard:
    """The cut-out card: the front for a surgeon or emergency team, the back with whom to call."""

    title: str
    fold: str
    front_title: str
    front: tuple[str, ...]
    back_title: str
    back: tuple[str, ...]
    blank: str  # printed where nothing was given, to write in
    source: str

    def __post_init__(self) -> None:
        _templates(self.front, "front", ("stop_days",))
        _templates(self.back, "back", ("patient", "dose", "prescriber", "contact"))


@dataclass(frozen=True)
class OpioidWarning:
    title: str
    opioids: tuple[str, ...]
    lines: tuple[str, ...]
    stop_before_surgery_days: int
    source: str

    def __post_init__(self) -> None:
        _templates(self.lines, "lines", ("opioids", "stop_days"))
        positive(self, "stop_before_surgery_days")


@dataclass(frozen=True)
class Taking(ByTimeOfDay):
    source: str
    sleep_hint: ByTimeOfDay


@dataclass(frozen=True)
class LiquidHowTo:
    title: str
    steps: tuple[str, ...]
    only_syringe: str
    source: str

    def __post_init__(self) -> None:
        _templates(self.steps, "steps", ("volume",))


@dataclass(frozen=True)
class CapsuleHowTo:
    title: str
    steps: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Storage:
    title: str
    liquid: tuple[str, ...]
    capsules: tuple[str, ...]
    common: tuple[str, ...]
    light_label: str
    light: str
    bud: str
    no_bud: str
    supplies: str
    overage: str
    more_needed: str
    source: str

    def __post_init__(self) -> None:
        _templates(self.liquid, "liquid", ("storage",))
        _templates(self.capsules, "capsules", ("storage",))
        placeholders(self.bud, "bud", ("date",))
        placeholders(self.more_needed, "more_needed", ("last_date", "date"))

    def for_form(self, form: str) -> tuple[str, ...]:
        lines: tuple[str, ...] = attribute_for(self, form, FORMS, "form")
        return lines


@dataclass(frozen=True)
class Effects:
    title: str
    intro: str
    common: tuple[str, ...]
    less_often: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class WhatToDo:
    title: str
    lines: tuple[str, ...]
    sleep: ByTimeOfDay
    source: str


@dataclass(frozen=True)
class WhenToCall:
    title: str
    lines: tuple[str, ...]
    urgent: str
    source: str


@dataclass(frozen=True)
class Diary:
    title: str
    intro: str
    columns: tuple[tuple[str, tuple[str, ...]], ...]  # (column title, words to circle)
    notes: str  # the notes column's title, or the line below each week when the columns leave no room
    source: str


@dataclass(frozen=True)
class Calendar:
    title: str
    intro: str
    more_needed: str
    source: str


@dataclass(frozen=True)
class HandoutWording:
    title: str
    calculation_aid: str  # with a prescriber named: whose plan the doses follow
    calculation_aid_unnamed: str  # without one
    contact: Contact
    plan_sources: Mapping[str, str]  # plain words for the small print, by protocol name
    opioid_warning: OpioidWarning
    taking: Taking
    liquid: LiquidHowTo
    missed_dose: MissedDose
    capsules: CapsuleHowTo
    storage: Storage
    effects: Effects
    what_to_do: WhatToDo
    when_to_call: WhenToCall
    diary: Diary
    calendar: Calendar
    wallet_card: WalletCard

    def __post_init__(self) -> None:
        placeholders(self.calculation_aid, "calculation_aid", ("prescriber",))
        placeholders(self.calculation_aid_unnamed, "calculation_aid_unnamed", ())


@cache
def handout_wording(folder: Path | None = None) -> HandoutWording:
    """resources/handout.toml, read once."""
    return load(HandoutWording, "handout", folder)


# --- record.toml -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Equipment:
    liquid: tuple[str, ...]
    liquid_tablets: tuple[str, ...]  # added, first, for a liquid made from tablets (grinding)
    liquid_powder: tuple[str, ...]  # added for a liquid made from powder
    capsules: tuple[str, ...]
    source: str

    def for_form(self, form: str) -> tuple[str, ...]:
        items: tuple[str, ...] = attribute_for(self, form, FORMS, "form")
        return items


_LIQUID_QC = ("volume", "dispensed", "bud")
_CAPSULE_QC = (
    "each_low",
    "each_high",
    "each_percent",
    "average_low",
    "average_high",
    "average_percent",
    "fill",
    "count",
    "made",
    "bud",
)


def _checks(checks: tuple[tuple[str, str], ...], allowed: tuple[str, ...]) -> None:
    for index, (_check, limit) in enumerate(checks, 1):
        placeholders(limit, f"checks[{index}][2]", allowed)


@dataclass(frozen=True)
class LiquidQc:
    checks: tuple[tuple[str, str], ...]  # (check, limit)
    source: str

    def __post_init__(self) -> None:
        _checks(self.checks, _LIQUID_QC)


@dataclass(frozen=True)
class CapsuleQc:
    checks: tuple[tuple[str, str], ...]  # (check, limit)
    weighings: int  # boxes printed for individual capsule weights
    source: str

    def __post_init__(self) -> None:
        _checks(self.checks, _CAPSULE_QC)
        positive(self, "weighings")


@dataclass(frozen=True)
class Qc:
    liquid: LiquidQc
    capsules: CapsuleQc

    def for_form(self, form: str) -> LiquidQc | CapsuleQc:
        block: LiquidQc | CapsuleQc = attribute_for(self, form, FORMS, "form")
        return block


@dataclass(frozen=True)
class RecordChecks:
    """The lines a record prints for what inspectors look for beyond the recipe's numbers."""

    balance: str  # the balance check; {sensitivity}
    measure_liquid: str  # {measure}: what the batch is made up to volume in
    measure_stock: str  # {measure}: what a serial dilution's stock is made up in
    measure_aliquot: str  # {measure}: what the part of the stock is measured with, and the volume
    measure_dispensed: str  # {measure}: what the volume dispensed from a larger batch is measured with
    measure_vehicle_flask: str  # {name}, {measure}: the flask a vehicle solid's aliquot solution is made in
    measure_vehicle_part: str  # {name}, {measure}: what the part of that solution is measured with
    measure_vehicle_liquid: str  # {name}, {measure}: what a liquid ingredient of the vehicle is measured with
    measure_capsules: str
    empty_shells: str  # {count}: the fill weights weighed
    deviations: str
    release: str  # the sign-off row of the checker's release
    source: str

    def __post_init__(self) -> None:
        placeholders(self.balance, "balance", ("sensitivity",))
        placeholders(self.empty_shells, "empty_shells", ("count",))
        placeholders(self.measure_liquid, "measure_liquid", ("measure",))
        placeholders(self.measure_stock, "measure_stock", ("measure",))
        placeholders(self.measure_aliquot, "measure_aliquot", ("measure",))
        placeholders(self.measure_dispensed, "measure_dispensed", ("measure",))
        for key in ("measure_vehicle_flask", "measure_vehicle_part", "measure_vehicle_liquid"):
            placeholders(getattr(self, key), key, ("name", "measure"))


@dataclass(frozen=True)
class RecordWording:
    title: str
    source: str
    time_blank: str  # where the time started and finished are written in
    checks: RecordChecks
    equipment: Equipment
    qc: Qc


@cache
def record_wording(folder: Path | None = None) -> RecordWording:
    """resources/record.toml, read once."""
    return load(RecordWording, "record", folder)
