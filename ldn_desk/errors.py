"""One error family for the whole program, so the app and the command line catch one type."""

from __future__ import annotations


class LdnDeskError(Exception):
    """Root of every error LDN Desk raises on purpose; its message is fit to show a person."""


class InputError(LdnDeskError, ValueError):
    """A value a person gave is refused: names the field, what is wrong, and a good example."""

    def __init__(self, field: str, text: str | None, problem: str, example: str = "") -> None:
        self.field = field
        self.text = text
        self.problem = problem
        self.example = example
        super().__init__(self.message)

    @property
    def message(self) -> str:
        shown = f' "{self.text}"' if self.text is not None else ""
        tail = f", e.g. {self.example}" if self.example else ""
        return f"{self.field}:{shown} — {self.problem}{tail}"


class DoseRangeError(InputError):
    """A daily dose outside the range the program accepts without an explicit override."""


class RecipeError(LdnDeskError):
    """A recipe that cannot be made as asked (for example, nothing fits the capsule)."""
