"""Where the data files are: resources/ in an installed package or beside it in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resource_dir() -> Path:
    """resources/ inside an installed package, else beside the package in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file in resources/, such as a font or an icon; the tables are read by their own modules."""
    return resource_dir().joinpath(*parts)
