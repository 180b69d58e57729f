"""Naltrexone's salts and water solubility: the [naltrexone] table of resources/drug.toml.

Its own module so the dose calculation reads the solubility without building every drug table;
`drug_table()` reads the same table with this class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ldn_desk.errors import InputError
from ldn_desk.reference.table import load_part, positive, require

# The factors are written to four decimals; they must agree with the molar masses to that.
_FACTOR_ROUNDING = 0.00005


@dataclass(frozen=True)
class Naltrexone:
    """The HCl salt and the base: molar masses, the factors between them, water solubility."""

    hcl_molar_mass_g_per_mol: float
    base_molar_mass_g_per_mol: float
    base_per_hcl: float
    hcl_per_base: float
    water_solubility_mg_per_ml: float
    source: str

    def __post_init__(self) -> None:
        positive(self, "hcl_molar_mass_g_per_mol", "base_molar_mass_g_per_mol", "water_solubility_mg_per_ml")
        ratio = self.base_molar_mass_g_per_mol / self.hcl_molar_mass_g_per_mol
        require(
            abs(self.base_per_hcl - ratio) <= _FACTOR_ROUNDING,
            "base_per_hcl",
            f"must be the base molar mass over the HCl molar mass ({ratio:.4f})",
            self.base_per_hcl,
        )
        require(
            abs(self.hcl_per_base - 1 / ratio) <= _FACTOR_ROUNDING,
            "hcl_per_base",
            f"must be the HCl molar mass over the base molar mass ({1 / ratio:.4f})",
            self.hcl_per_base,
        )

    def salt_factor(self, salt: str, field: str = "salt") -> float:
        """mg of `salt` powder ("HCl" or "base") to weigh per mg of naltrexone HCl, from the salt alone."""
        if salt == "HCl":
            return 1.0
        if salt == "base":
            return self.base_per_hcl
        raise InputError(field, str(salt), "must be HCl or base", "HCl")


@cache
def naltrexone_table(folder: Path | None = None) -> Naltrexone:
    """The [naltrexone] table of resources/drug.toml, read once and checked as drug_table() checks it."""
    return load_part(Naltrexone, "drug", "naltrexone", folder)
