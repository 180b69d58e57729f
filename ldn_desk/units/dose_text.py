"""The one formatter for every number a person reads, following the ISMP dose-writing rules.

Leading zero (0.5 mg), no trailing zero (1 mg), a space before the unit, mcg and mL spelled
safely, volumes under 1 mL to the hundredth and from 1 mL to the tenth, commas only from 1,000
(in a patient document in another language, a no-break space: "1 163 mg"; the decimal point
stays in every language).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

from ldn_desk.units.language import SOURCE_LANGUAGE, current_language, ntr
from ldn_desk.units.quantity import Amount, Quantity, magnitude

_SIGNIFICANT = 4
_MAX_DECIMALS = 3
_MCG_BELOW_MG = 0.01  # below this a mass reads more safely in mcg than as 0.00x mg


def round_to(value: float, decimals: int) -> float:
    """Round half away from zero at a decimal place (not banker's rounding)."""
    if value == 0:  # 0.0 and -0.0 are one key to a cache; keep the sign as it was given
        return _round_to(value, decimals)
    return _cached_round_to(value, decimals)


def _round_to(value: float, decimals: int) -> float:
    step = Decimal(1).scaleb(-decimals)
    # Twelve significant digits first, so float noise (9067.499999999998) cannot flip a half-up.
    cleaned = Context(prec=12).create_decimal(repr(value))
    return float(cleaned.quantize(step, rounding=ROUND_HALF_UP))


# A plan formats the same few hundred volumes and doses many times over; Decimal is slow.
_cached_round_to = lru_cache(maxsize=1 << 14)(_round_to)


def _significant_decimals(value: float) -> int:
    if value == 0:
        return 0
    digits_before_point = Decimal(repr(abs(value))).adjusted() + 1
    return max(0, min(_MAX_DECIMALS, _SIGNIFICANT - digits_before_point))


@lru_cache(maxsize=1 << 14)  # as round_to: the same doses and volumes, written again on every change
def _shown_decimals(value: float) -> int:
    """Significant decimals, but never so few that a real amount reads as 0 (4e-7 → 0.0000004)."""
    decimals = _significant_decimals(value)
    if value != 0 and round_to(value, decimals) == 0:
        decimals = -Decimal(repr(abs(value))).adjusted()
    return decimals


def format_number(value: float, decimals: int, *, grouping: bool = True) -> str:
    """Plain decimal text: at most `decimals` places, trailing zeros dropped, leading zero kept."""
    return _format_number(value, decimals, grouping, current_language())


@lru_cache(maxsize=1 << 14)  # a long plan writes the same few hundred numbers on every keystroke
def _format_number(value: float, decimals: int, grouping: bool, language: str) -> str:
    rounded = Decimal(repr(round_to(value, decimals)))
    if rounded == 0:
        rounded = Decimal(0)
    text = f"{rounded:,f}" if grouping and abs(rounded) >= 1000 else f"{rounded:f}"
    if "," in text and language != SOURCE_LANGUAGE:
        # Where a comma is the decimal mark (Spanish), "1,163 mg" would read as 1.163 mg: thousands
        # are parted by a no-break space there ("1 163 mg"), and the decimal point stays.
        text = text.replace(",", "\u00a0")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def volume_decimals(volume_ml: float) -> int:
    """Under 1 mL to the hundredth, 1 mL and over to the tenth, as oral-liquid directions are written."""
    return 2 if abs(volume_ml) < 1 else 1


def round_volume_ml(volume_ml: float) -> float:
    return round_to(volume_ml, volume_decimals(volume_ml))


def mg_text(mass_mg: float, *, grouping: bool = True) -> str:
    """A mass given in mg: '4.5 mg', '0.125 mg', '14,670 mg'; very small masses in mcg."""
    if 0 < abs(mass_mg) < _MCG_BELOW_MG:
        mcg = mass_mg * 1000
        return f"{format_number(mcg, _shown_decimals(mcg), grouping=grouping)} mcg"
    return f"{format_number(mass_mg, _shown_decimals(mass_mg), grouping=grouping)} mg"


def ml_text(volume_ml: float, *, grouping: bool = True) -> str:
    """A volume in mL, rounded as directions are written: '0.45 mL', '1.5 mL', '100 mL'."""
    decimals = volume_decimals(volume_ml)
    if volume_ml != 0 and round_to(volume_ml, decimals) == 0:
        decimals = _shown_decimals(volume_ml)  # never print a real amount as 0 mL
    return f"{format_number(volume_ml, decimals, grouping=grouping)} mL"


def mg_per_ml_text(strength: float, *, grouping: bool = True) -> str:
    return f"{format_number(strength, _shown_decimals(strength), grouping=grouping)} mg/mL"


def g_per_ml_text(density: float) -> str:
    return f"{format_number(density, _shown_decimals(density))} g/mL"


def percent_text(percent: float) -> str:
    return f"{format_number(percent, 2)}%"


def count_text(count: int) -> str:
    """A count a person reads: '45', '1,290' (a comma from 1,000, as masses are written)."""
    return format_number(count, 0)


def days_text(days: float) -> str:
    """'1 day', '14 days' (in the current language: '14 días')."""
    whole = format_number(days, 0)
    return ntr("{count} day", "{count} days", int(round_to(days, 0))).format(count=whole)


def quantity_text(quantity: Amount, *, grouping: bool = True) -> str:
    """Format any quantity the parser produces, choosing the writer by its dimension."""
    dims = quantity.dimensionality
    if dims == Quantity(1, "mg").dimensionality:
        return mg_text(magnitude(quantity, "mg"), grouping=grouping)
    if dims == Quantity(1, "mL").dimensionality:
        return ml_text(magnitude(quantity, "mL"), grouping=grouping)
    if dims == Quantity(1, "mg/mL").dimensionality:
        return mg_per_ml_text(magnitude(quantity, "mg/mL"), grouping=grouping)
    if dims == Quantity(1, "day").dimensionality:
        return days_text(magnitude(quantity, "day"))
    if quantity.dimensionless:
        return percent_text(magnitude(quantity, "percent"))
    raise ValueError(f"no safe text form for {quantity.units}")
