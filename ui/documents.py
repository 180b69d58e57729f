"""Makes the PDFs the pages offer, from the documents package, with the clinic's settings."""

from __future__ import annotations

from typing import Any


def _unavailable(what: str) -> Any:
    from ldn_desk.errors import LdnDeskError

    return LdnDeskError(f"The {what} cannot be made yet in this version.")


def handout_pdf(page: Any, settings: Any) -> bytes:
    raise _unavailable("patient handout")


def record_pdf(recipe: Any, settings: Any) -> bytes:
    raise _unavailable("compounding record")


def label_pdf(recipe: Any, settings: Any) -> bytes:
    raise _unavailable("container label")
