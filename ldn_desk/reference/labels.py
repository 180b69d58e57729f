"""Container labels: the paper by territory, label wording and sizes, sheet layouts (resources/labels.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from ldn_desk.reference.table import FORMS, KEY, attribute_for, choose, load, placeholders, positive, require

# ISO 216 A4 and US Letter (8.5 × 11 in), for checking that a sheet layout fits its page.
PAGE_MM: Mapping[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
_FIT_MM = 1e-6  # a layout may fill its page exactly (a one-label page); this absorbs float noise


@dataclass(frozen=True)
class Paper:
    """Territories whose default paper is US Letter (every other territory uses A4)."""

    letter_territories: tuple[str, ...]
    source: str

    def __post_init__(self) -> None:
        for code in self.letter_territories:
            require(
                len(code) == 2 and code.isascii() and code.isupper(),
                "letter_territories",
                f'must be two-letter territory codes such as "US"; "{code}" is not one',
                self.letter_territories,
            )


@dataclass(frozen=True)
class Directions:
    """What a label says when no directions are typed: written from the dose (`liquid_dose`,
    `capsules_dose`), or, without one, pointing to the plan (`liquid`, `capsules`); each says
    the time of day through {when}."""

    liquid_dose: str
    capsules_dose: str
    liquid: str
    capsules: str
    example: str  # the good example a refusal of typed directions shows
    source: str

    def __post_init__(self) -> None:
        placeholders(self.liquid_dose, "liquid_dose", ("volume", "dose", "when"))
        placeholders(self.capsules_dose, "capsules_dose", ("count", "dose", "when"))
        placeholders(self.liquid, "liquid", ("when",))
        placeholders(self.capsules, "capsules", ("when",))
        placeholders(self.example, "example", ())

    def for_form(self, form: str) -> str:
        text: str = attribute_for(self, form, FORMS, "form")
        return text


@dataclass(frozen=True)
class LabelText:
    min_font_pt: float
    max_font_pt: float
    compounded_statement: str
    bud_limited: str  # after the date when a component's expiry set it
    capsule_auxiliary: tuple[str, ...]
    liquid_auxiliary: tuple[str, ...]
    source: str
    directions: Directions

    def __post_init__(self) -> None:
        positive(self, "min_font_pt")
        require(
            self.min_font_pt <= self.max_font_pt,
            "max_font_pt",
            f"must be at least min_font_pt ({self.min_font_pt:g} pt)",
            self.max_font_pt,
        )


@dataclass(frozen=True)
class LayoutDefinition:
    """A sheet of labels: its page (a4, letter, or page_mm for a label printer), the label size,
    the grid, the top-left label's offset (left, top) and the pitch (across, down), all in mm."""

    key: str = field(metadata=KEY)
    title: str
    label_mm: tuple[float, float]
    columns: int
    rows: int
    first_mm: tuple[float, float]
    pitch_mm: tuple[float, float]
    source: str
    page: Literal["a4", "letter"] | None = None
    page_mm: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        require((self.page is None) != (self.page_mm is None), "", "needs page or page_mm, not both")
        if self.page_mm is not None:
            positive(self, "page_mm")
        positive(self, "label_mm", "columns", "rows", "pitch_mm")
        require(min(self.first_mm) >= 0, "first_mm", "must not be negative", self.first_mm)
        for axis in (0, 1):
            require(
                self.pitch_mm[axis] >= self.label_mm[axis] - _FIT_MM,
                "pitch_mm",
                "must be at least the label size, or the labels would overlap",
                self.pitch_mm,
            )
        counts = (self.columns, self.rows)
        page = self.page_size_mm
        for axis, side in ((0, "wide"), (1, "high")):
            reach = self.first_mm[axis] + (counts[axis] - 1) * self.pitch_mm[axis] + self.label_mm[axis]
            require(
                reach <= page[axis] + _FIT_MM,
                "",
                f"the labels reach {reach:g} mm but the page is {page[axis]:g} mm {side}",
            )

    @property
    def page_size_mm(self) -> tuple[float, float]:
        if self.page_mm is not None:
            return self.page_mm
        return PAGE_MM[self.page or "a4"]


@dataclass(frozen=True)
class RetiredLayout:
    """A sheet no longer offered: why, and the layout to use instead."""

    key: str = field(metadata=KEY)
    why: str
    instead: str


@dataclass(frozen=True)
class LabelsTable:
    paper: Paper
    text: LabelText
    layouts: Mapping[str, LayoutDefinition]
    retired_layouts: Mapping[str, RetiredLayout] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        require(bool(self.layouts), "layouts", "must name at least one layout")
        for key, retired in self.retired_layouts.items():
            require(key not in self.layouts, f"retired_layouts.{key}", "is also an offered layout")
            require(
                retired.instead in self.layouts,
                f"retired_layouts.{key}.instead",
                f"must name an offered layout ({', '.join(self.layouts)})",
                retired.instead,
            )

    def layout(self, key: str, example: str) -> LayoutDefinition:
        """The layout named `key`, e.g. "avery_l7163"; refused when there is none."""
        return choose(self.layouts, key, "layout", example)


@cache
def labels_table(folder: Path | None = None) -> LabelsTable:
    """resources/labels.toml, read once."""
    return load(LabelsTable, "labels", folder)
