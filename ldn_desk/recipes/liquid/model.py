"""The liquid family's own choices: where the naltrexone in a batch comes from."""

from __future__ import annotations

from enum import StrEnum


class Source(StrEnum):
    """Commercial tablets (a suspension of their excipients) or weighed API powder (a solution)."""

    TABLETS = "tablets"
    POWDER = "powder"
