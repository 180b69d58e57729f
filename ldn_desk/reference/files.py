"""Finds and reads the data files in resources/, each of which names its sources."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any


@cache
def resource_dir() -> Path:
    """resources/ inside an installed package, else beside the package in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


@cache
def load_table(name: str) -> dict[str, Any]:
    """Read resources/NAME.toml once; the returned mapping must not be changed by callers."""
    with resource_path(f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)
