"""Titration protocols, review rules and the advisors' settings (resources/protocols.toml).

These are the definitions as written; ldn_desk.plans.protocols turns them into dose ladders.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from ldn_desk.reference.advisor import Advisor
from ldn_desk.reference.table import KEY, ReferenceDataError, load, positive, require

__all__ = ["Advisor", "ProtocolDefinition", "ProtocolTable", "ReviewRuleDefinition", "protocol_table"]


@dataclass(frozen=True)
class ReviewRuleDefinition:
    """When to judge the trial: the later of N weeks from the start and M weeks at the target."""

    key: str = field(metadata=KEY)
    name: str
    from_start_weeks: int
    from_start_latest_weeks: int
    at_target_weeks: int
    at_target_latest_weeks: int
    source: str

    def __post_init__(self) -> None:
        require(
            1 <= self.from_start_weeks <= self.from_start_latest_weeks,
            "",
            "must satisfy 1 <= from_start_weeks <= from_start_latest_weeks",
        )
        require(
            1 <= self.at_target_weeks <= self.at_target_latest_weeks,
            "",
            "must satisfy 1 <= at_target_weeks <= at_target_latest_weeks",
        )


_STEP_KEYS = ("start_mg", "step_mg", "target_mg")


@dataclass(frozen=True)
class ProtocolDefinition:
    """A protocol: kind "steps" (start_mg, step_mg, target_mg) or "ladder" (doses_mg, rising)."""

    key: str = field(metadata=KEY)
    name: str
    kind: Literal["steps", "ladder"]
    interval_days: int
    time_of_day: Literal["bedtime", "morning"]
    review: str
    description: str
    source: str
    start_mg: float | None = None
    step_mg: float | None = None
    target_mg: float | None = None
    doses_mg: tuple[float, ...] | None = None
    # The marks the liquid advisor aims every step at, where a protocol wants more than the
    # advisor's minimum (sensitive and gentle starts).
    precise_marks_per_dose: int | None = None

    def __post_init__(self) -> None:
        require(self.interval_days >= 1, "interval_days", "must be at least 1", self.interval_days)
        if self.precise_marks_per_dose is not None:
            positive(self, "precise_marks_per_dose")
        if self.kind == "steps":
            for key in _STEP_KEYS:
                require(getattr(self, key) is not None, key, 'is needed with kind = "steps"')
            positive(self, *_STEP_KEYS)
            require(self.doses_mg is None, "doses_mg", 'belongs to kind = "ladder"', self.doses_mg)
            require(
                self.start_mg is not None and self.target_mg is not None and self.start_mg <= self.target_mg,
                "start_mg",
                f"must not be above target_mg ({self.target_mg:g} mg)",
                self.start_mg,
            )
            return
        doses = self.doses_mg
        if doses is None:
            raise ReferenceDataError("doses_mg", 'is needed with kind = "ladder"')
        require(
            bool(doses) and doses[0] > 0 and all(a < b for a, b in itertools.pairwise(doses)),
            "doses_mg",
            "must be doses more than zero, each higher than the one before",
            doses,
        )
        for key in _STEP_KEYS:
            require(getattr(self, key) is None, key, 'belongs to kind = "steps"', getattr(self, key))

    def step_rule(self) -> tuple[float, float, float]:
        """(start_mg, step_mg, target_mg) of a protocol of kind "steps"."""
        if self.start_mg is None or self.step_mg is None or self.target_mg is None:
            raise ValueError(f"protocol {self.key} is a ladder, not steps")
        return self.start_mg, self.step_mg, self.target_mg

    def ladder(self) -> tuple[float, ...]:
        """The doses of a protocol of kind "ladder", lowest first."""
        if self.doses_mg is None:
            raise ValueError(f"protocol {self.key} is steps, not a ladder")
        return self.doses_mg


@dataclass(frozen=True)
class ProtocolTable:
    review_rules: Mapping[str, ReviewRuleDefinition]
    protocols: Mapping[str, ProtocolDefinition]
    advisor: Advisor

    def __post_init__(self) -> None:
        require(bool(self.protocols), "protocols", "must name at least one protocol")
        for key, protocol in self.protocols.items():
            require(
                protocol.review in self.review_rules,
                f"protocols.{key}.review",
                f"is not one of review_rules ({', '.join(self.review_rules)})",
                protocol.review,
            )


@cache
def protocol_table(folder: Path | None = None) -> ProtocolTable:
    """resources/protocols.toml, read once."""
    return load(ProtocolTable, "protocols", folder)
