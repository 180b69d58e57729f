"""The choices recipes and plans are made of, as StrEnums shared by the families that use them.

Each member equals its text ("HCl" == Salt.HCL), so JSON, the log's database and the command line
keep the very words they always had; code compares with the members, never with bare strings.
"""

from __future__ import annotations

from enum import StrEnum


class Salt(StrEnum):
    """The naltrexone on the balance. Doses are written as the HCl salt whatever the powder."""

    HCL = "HCl"
    BASE = "base"


class DosageForm(StrEnum):
    """What is compounded and dispensed: an oral liquid or capsules."""

    LIQUID = "liquid"
    CAPSULES = "capsules"


class TimeOfDay(StrEnum):
    """When the daily dose is taken: usually at bedtime, in the morning if sleep is disturbed."""

    BEDTIME = "bedtime"
    MORNING = "morning"
