"""The titration protocol library (resources/protocols.toml): protocols, review rules, dose ladders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ldn_desk.errors import InputError
from ldn_desk.recipes.choices import TimeOfDay
from ldn_desk.reference.protocols import protocol_table
from ldn_desk.units.dose_text import format_number, mg_text
from ldn_desk.units.numeric import above, at_least, same

TIMES_OF_DAY = tuple(TimeOfDay)
TIME_WORDS = {TimeOfDay.BEDTIME: "at bedtime", TimeOfDay.MORNING: "in the morning"}
_MG_DIGITS = 6  # doses are kept to the microgram's thousandth, which drops float noise only
_MAX_STEPS = 100


def clean_mg(value: float) -> float:
    return round(float(value), _MG_DIGITS)


def kept_mg(value_mg: float, field: str) -> float:
    """A dose as a plan keeps it (to 0.000001 mg). A dose finer than that is refused rather than
    rounded: 0.0000001 mg would otherwise become 0 mg, and 0.0000015 mg a different dose."""
    kept = clean_mg(value_mg)
    if kept <= 0 or not same(kept, value_mg):
        smallest = f"{format_number(10.0**-_MG_DIGITS, _MG_DIGITS)} mg"
        raise InputError(
            field,
            mg_text(value_mg),
            f"plans keep doses to whole steps of {smallest} (1 ng); round the dose to that",
            "0.1 mg",
        )
    return kept


def check_time(time_of_day: str) -> TimeOfDay:
    if time_of_day not in TIMES_OF_DAY:
        raise InputError("time of day", str(time_of_day), "must be bedtime or morning", "bedtime")
    return TimeOfDay(time_of_day)


@dataclass(frozen=True)
class ReviewRule:
    """When to judge the trial: the later of N weeks from the start and M weeks at the target."""

    key: str
    name: str
    from_start_weeks: int
    at_target_weeks: int
    from_start_latest_weeks: int
    at_target_latest_weeks: int
    source: str

    def __post_init__(self) -> None:
        if not 1 <= self.from_start_weeks <= self.from_start_latest_weeks:
            raise ValueError("review weeks from the start must be 1 or more, earliest first")
        if not 1 <= self.at_target_weeks <= self.at_target_latest_weeks:
            raise ValueError("review weeks at the target must be 1 or more, earliest first")


@dataclass(frozen=True)
class Protocol:
    """A titration protocol from resources/protocols.toml, with its source."""

    key: str
    name: str
    kind: str  # "steps" or "ladder"
    doses_mg: tuple[float, ...]
    interval_days: int
    target_mg: float
    step_mg: float | None
    time_of_day: TimeOfDay
    review: ReviewRule
    description: str
    source: str


def rising_doses(start_mg: float, step_mg: float, target_mg: float) -> list[float]:
    """start, start + step, … below the target, then the target itself (never above it)."""
    if above(start_mg, target_mg):
        raise InputError("start", mg_text(start_mg), f"is above the target of {mg_text(target_mg)}", "1.5 mg")
    if (target_mg - start_mg) / step_mg > _MAX_STEPS:
        raise InputError(
            "step", mg_text(step_mg), f"would need more than {_MAX_STEPS} steps to the target", "1.5 mg"
        )
    doses: list[float] = []
    k = 0
    while True:
        dose = clean_mg(start_mg + k * step_mg)
        if at_least(dose, target_mg):
            return [*doses, target_mg]
        doses.append(dose)
        k += 1


@cache
def load_review_rules() -> dict[str, ReviewRule]:
    table = protocol_table().review_rules
    return {
        key: ReviewRule(
            key=key,
            name=entry.name,
            from_start_weeks=entry.from_start_weeks,
            at_target_weeks=entry.at_target_weeks,
            from_start_latest_weeks=entry.from_start_latest_weeks,
            at_target_latest_weeks=entry.at_target_latest_weeks,
            source=entry.source,
        )
        for key, entry in table.items()
    }


def default_review_rule() -> ReviewRule:
    return load_review_rules()["trial"]


@cache
def load_protocols() -> dict[str, Protocol]:
    """The protocol library, by key, in the order of resources/protocols.toml."""
    rules = load_review_rules()
    out: dict[str, Protocol] = {}
    for key, entry in protocol_table().protocols.items():
        kind = entry.kind
        if kind == "steps":
            start, step, target = entry.step_rule()
            step_mg: float | None = step
            doses = tuple(rising_doses(start, step, target))
        else:
            step_mg = None
            doses = entry.ladder()
            target = doses[-1]
        out[key] = Protocol(
            key=key,
            name=entry.name,
            kind=kind,
            doses_mg=doses,
            interval_days=entry.interval_days,
            target_mg=target,
            step_mg=step_mg,
            time_of_day=check_time(entry.time_of_day),
            review=rules[entry.review],
            description=entry.description,
            source=entry.source,
        )
    return out


def _folded(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def find_protocol(name: str) -> Protocol:
    """A protocol by key or name, ignoring case, spaces and punctuation ('weekly 1 mg')."""
    wanted = _folded(str(name))
    for protocol in load_protocols().values():
        if wanted in (_folded(protocol.key), _folded(protocol.name)):
            return protocol
    known = ", ".join(load_protocols())
    raise InputError("protocol", str(name), f"is not in the library ({known})", "standard")
