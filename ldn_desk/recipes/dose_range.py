"""Daily-dose range checks shared by every calculator, and the Alert type results carry."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ldn_desk.errors import DoseRangeError
from ldn_desk.reference.dose_limits import dose_limits_table
from ldn_desk.units.dose_text import mg_text
from ldn_desk.units.quantity import Amount, magnitude


class Level(Enum):
    NOTE = "note"
    CAUTION = "caution"
    WARNING = "warning"


@dataclass(frozen=True)
class Alert:
    """A message that stands next to a result; the level picks the icon, the text says it all."""

    level: Level
    text: str

    def __str__(self) -> str:
        return self.text


def check_daily_dose(dose: Amount, field: str = "dose", *, allow_high: bool = False) -> tuple[Alert, ...]:
    """Warn above the usual and published maxima and under the mg/mcg threshold; refuse above
    the hard limit unless `allow_high` is set explicitly."""
    return check_daily_dose_mg(magnitude(dose, "mg"), field, allow_high=allow_high)


def check_daily_dose_mg(
    dose_mg: float, field: str = "dose", *, allow_high: bool = False
) -> tuple[Alert, ...]:
    """check_daily_dose in plain mg."""
    limits = dose_limits_table().daily_dose_mg
    text = mg_text(dose_mg)
    if dose_mg > limits.refuse_above:
        if not allow_high:
            raise DoseRangeError(
                field,
                text,
                f"is above {mg_text(limits.refuse_above)} a day, outside low-dose naltrexone; "
                "an explicit override is needed",
                "4.5 mg",
            )
        return (Alert(Level.WARNING, f"{text} a day is far above low-dose naltrexone (override given)."),)
    if dose_mg > limits.strong_max:
        return (
            Alert(
                Level.WARNING,
                f"{text} a day is above {mg_text(limits.strong_max)}, beyond the published effective range.",
            ),
        )
    if dose_mg > limits.usual_max:
        return (
            Alert(
                Level.CAUTION,
                f"{text} a day is above the usual LDN target of {mg_text(limits.usual_max)}.",
            ),
        )
    if dose_mg < limits.check_units_below:
        return (Alert(Level.CAUTION, f"{text} a day is very low: check mg vs mcg."),)
    return ()
