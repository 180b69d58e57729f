"""Hard gelatin capsule sizes and how a capsule batch is made and checked (resources/capsules.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ldn_desk.reference.table import KEY, choose, load, percent, positive, require


@dataclass(frozen=True)
class CapsuleSize:
    """A capsule size ("000" … "5"): its body volume and the lactose it holds."""

    key: str = field(metadata=KEY)
    volume_ml: float
    lactose_fill_mg: float

    def __post_init__(self) -> None:
        positive(self, "volume_ml", "lactose_fill_mg")


@dataclass(frozen=True)
class Making:
    """The extra capsules made for losses, and the fill-weight QC limits."""

    min_extra_capsules: int
    qc_each_percent: float
    qc_average_percent: float
    source: str

    def __post_init__(self) -> None:
        require(
            self.min_extra_capsules >= 0, "min_extra_capsules", "must be 0 or more", self.min_extra_capsules
        )
        percent(self, "qc_each_percent", "qc_average_percent")
        require(
            self.qc_average_percent <= self.qc_each_percent,
            "qc_average_percent",
            f"must not be wider than each capsule's limit ({self.qc_each_percent:g} %)",
            self.qc_average_percent,
        )


@dataclass(frozen=True)
class DrugShare:
    """Above this share of the fill, the drug powder is warned about."""

    alert_above_percent: float
    source: str

    def __post_init__(self) -> None:
        percent(self, "alert_above_percent")


@dataclass(frozen=True)
class PublishedFill:
    """Which filler the sizes' weighed fills (lactose_fill_mg) are of, and how far the volume
    estimate may stray from them before a calibrated fill is asked for."""

    filler: str
    agree_within_percent: float
    source: str

    def __post_init__(self) -> None:
        percent(self, "agree_within_percent")


@dataclass(frozen=True)
class Calibration:
    """A calibrated fill this far from the volume-method estimate is warned about."""

    warn_outside_percent: float
    source: str

    def __post_init__(self) -> None:
        positive(self, "warn_outside_percent")


@dataclass(frozen=True)
class CapsuleTable:
    source: str
    note: str
    sizes: Mapping[str, CapsuleSize]
    making: Making
    drug_share: DrugShare
    published_fill: PublishedFill
    calibration: Calibration

    def __post_init__(self) -> None:
        require(bool(self.sizes), "sizes", "must name at least one capsule size")

    def size(self, key: str) -> CapsuleSize:
        """The size named `key`, e.g. "3"; refused when there is none."""
        return choose(self.sizes, key, "size", "3")

    def published_fill_mg(self, filler: str, size: str) -> float | None:
        """The weighed fill of one capsule of `size` with `filler`, where the table has one."""
        if filler != self.published_fill.filler:
            return None
        return self.size(size).lactose_fill_mg

    def size_names(self) -> tuple[str, ...]:
        """The size names, largest first ("000" … "5")."""
        return tuple(sorted(self.sizes, key=lambda name: -self.sizes[name].volume_ml))


@cache
def capsule_table(folder: Path | None = None) -> CapsuleTable:
    """resources/capsules.toml, read once."""
    return load(CapsuleTable, "capsules", folder)
