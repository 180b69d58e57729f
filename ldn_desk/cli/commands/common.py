"""Shared pieces of the subcommands: reading options with the core parser, JSON fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ldn_desk.recipes.dose_range import Alert
from ldn_desk.units.dose_text import mg_per_ml_text, mg_text, ml_text

_JSON_DIGITS = 6


def number(value: float) -> float:
    """A float for JSON without binary noise such as 0.30000000000000004."""
    return round(float(value), _JSON_DIGITS)


def mg_field(key: str, value_mg: float) -> dict[str, Any]:
    return {key: number(value_mg), f"{key}_text": mg_text(value_mg)}


def ml_field(key: str, value_ml: float) -> dict[str, Any]:
    return {key: number(value_ml), f"{key}_text": ml_text(value_ml)}


def mg_per_ml_field(key: str, value: float) -> dict[str, Any]:
    return {key: number(value), f"{key}_text": mg_per_ml_text(value)}


def alerts_json(alerts: Iterable[Alert]) -> list[str]:
    return [alert.text for alert in alerts]


def bullet_lines(title: str, lines: Iterable[str], *, numbered: bool = False) -> str:
    items = list(lines)
    if not items:
        return ""
    body = [f"  {i}. {line}" if numbered else f"  - {line}" for i, line in enumerate(items, 1)]
    return "\n".join([title, *body])
