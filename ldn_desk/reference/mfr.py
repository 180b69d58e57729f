"""Master formulation records: one per formula the program makes (resources/mfr.toml)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from ldn_desk.reference.capsules import capsule_table
from ldn_desk.reference.excipients import excipient_table
from ldn_desk.reference.formulas import formula_table
from ldn_desk.reference.table import (
    FORMS,
    KEY,
    REST,
    ReferenceDataError,
    load,
    placeholders,
    positive,
    require,
    shown_value,
    table_file,
)

# What the program fills into an MFR's texts, from the other resources files.
FILLED = (
    "tablet_mg",
    "single_step",
    "stock",
    "mwq",
    "readability",
    "each_percent",
    "average_percent",
    "extra",
)


def _iso(text: str, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ReferenceDataError(key, "must be a date written YYYY-MM-DD", value=shown_value(text)) from None


@dataclass(frozen=True)
class Mfr:
    """One master formulation record: its identity and version, what it covers, and its texts."""

    key: str = field(metadata=KEY)
    id: str
    version: int
    effective: str  # YYYY-MM-DD: the version's date of approval
    title: str
    form: Literal["liquid", "capsules"]
    strengths: str
    calculations: tuple[str, ...]
    steps: tuple[str, ...]
    labelling: tuple[str, ...]
    quality_control: tuple[str, ...]
    history: tuple[tuple[str, str, str], ...]  # (version, date, what changed), oldest first
    references: tuple[str, ...]
    made_from: Literal["tablets", "powder"] | None = None  # liquids: where the naltrexone comes from
    formula: str | None = None  # liquids: the vehicle, a key of formulas.toml
    method: Literal["volume", "calibrated"] | None = None  # capsules: how the filler is found
    container: str | None = None  # capsules (a liquid's container is its formula's)
    reference_strength_mg_per_ml: float | None = None
    reference_volume_ml: float | None = None
    reference_strength_mg: float | None = None
    reference_count: int | None = None
    reference_size: str | None = None
    reference_excipient: str | None = None
    reference_calibrated_fill_mg: float | None = None

    def __post_init__(self) -> None:
        require(self.version >= 1, "version", "must be 1 or more", self.version)
        _iso(self.effective, "effective")
        for name in ("calculations", "steps", "labelling", "quality_control"):
            texts: tuple[str, ...] = getattr(self, name)
            require(bool(texts), name, "must list at least one line")
            for index, text in enumerate(texts, 1):
                placeholders(text, f"{name}[{index}]", FILLED)
        require(bool(self.history), "history", "must list at least the first version")
        last = self.history[-1]
        require(
            last[0] == str(self.version) and last[1] == self.effective,
            "history",
            f'must end with this version and its date (["{self.version}", "{self.effective}", …])',
        )
        for index, (_version, day, _what) in enumerate(self.history, 1):
            _iso(day, f"history[{index}][2]")
        if self.form == "liquid":
            self._liquid()
        else:
            self._capsules()

    def _liquid(self) -> None:
        require(self.made_from is not None, "made_from", "is needed for a liquid: tablets or powder")
        require(self.formula is not None, "formula", "is needed for a liquid: a key of formulas.toml")
        require(self.method is None, "method", "belongs to capsules, not to a liquid")
        require(self.container is None, "container", "of a liquid is its formula's (formulas.toml)")
        require(self.reference_strength_mg_per_ml is not None, "reference_strength_mg_per_ml", "is needed")
        require(self.reference_volume_ml is not None, "reference_volume_ml", "is needed")
        positive(self, "reference_strength_mg_per_ml", "reference_volume_ml")

    def _capsules(self) -> None:
        require(self.method is not None, "method", "is needed for capsules: volume or calibrated")
        require(
            self.made_from is None and self.formula is None, "formula", "belongs to a liquid, not to capsules"
        )
        require(self.container is not None, "container", "is needed for capsules")
        for name in ("reference_strength_mg", "reference_count", "reference_size", "reference_excipient"):
            require(getattr(self, name) is not None, name, "is needed for capsules")
        positive(self, "reference_strength_mg", "reference_count")
        calibrated = self.reference_calibrated_fill_mg is not None
        require(
            calibrated == (self.method == "calibrated"),
            "reference_calibrated_fill_mg",
            "is given exactly when the method is calibrated",
        )

    @property
    def effective_date(self) -> dt.date:
        return dt.date.fromisoformat(self.effective)

    @property
    def label(self) -> str:
        """'LDN-MFR-L1 version 1', as a compounding record names it."""
        return f"{self.id} version {self.version}"


@dataclass(frozen=True)
class MfrTable:
    source: str
    records: Mapping[str, Mfr] = field(metadata=REST)

    def __post_init__(self) -> None:
        require(bool(self.records), "", "names no master formulation record; at least one is needed")

    def find(self, form: str, *, source: str | None = None, formula: str | None = None,
             method: str | None = None) -> Mfr:  # fmt: skip
        """The MFR a batch of this form, source and formula (liquid) or method (capsules) follows."""
        for mfr in self.records.values():
            if mfr.form == form and (mfr.made_from, mfr.formula, mfr.method) == (source, formula, method):
                return mfr
        what = f"{form}, {source} in {formula}" if form == "liquid" else f"{form} by the {method} method"
        raise LookupError(f"resources/mfr.toml has no master formulation record for {what}")


def _check_against_others(table: MfrTable, folder: Path | None) -> None:
    formulas = formula_table(folder).formulas
    sizes = capsule_table(folder).size_names()
    fillers = excipient_table(folder).fillers
    seen: dict[tuple[object, ...], str] = {}
    ids: dict[str, str] = {}
    for mfr in table.records.values():

        def fault(key: str, problem: str, value: object, mfr: Mfr = mfr) -> ReferenceDataError:
            return ReferenceDataError(f"{mfr.key}.{key}", problem, value=shown_value(value),
                                      file=str(table_file("mfr", folder)))  # fmt: skip

        if mfr.formula is not None and mfr.formula not in formulas:
            raise fault("formula", f"is not a formula of formulas.toml ({', '.join(formulas)})", mfr.formula)
        if mfr.reference_size is not None and mfr.reference_size not in sizes:
            raise fault(
                "reference_size", f"is not a size of capsules.toml ({', '.join(sizes)})", mfr.reference_size
            )
        if mfr.reference_excipient is not None and mfr.reference_excipient not in fillers:
            raise fault("reference_excipient", f"is not a filler of excipients.toml ({', '.join(fillers)})",
                        mfr.reference_excipient)  # fmt: skip
        covers = (mfr.form, mfr.made_from, mfr.formula, mfr.method)
        if covers in seen:
            raise fault("form", f"covers the same formula as {seen[covers]}: one MFR for each", mfr.form)
        if mfr.id in ids:
            raise fault("id", f"is the identifier of {ids[mfr.id]} too: each MFR has its own", mfr.id)
        seen[covers], ids[mfr.id] = mfr.key, mfr.key


@cache
def mfr_table(folder: Path | None = None) -> MfrTable:
    """resources/mfr.toml, read once; each MFR's formula, size and filler are ones the other files have."""
    table = load(MfrTable, "mfr", folder)
    _check_against_others(table, folder)
    return table


__all__ = ["FILLED", "FORMS", "Mfr", "MfrTable", "mfr_table"]
