"""One error family for the whole program, so the app and the command line catch one type."""

from __future__ import annotations


def _one_line(text: str) -> str:
    """Text as typed, with control characters (a pasted newline, a tab) shown escaped, so the
    message stays on one line wherever it is printed."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in str(text)
    )


class LdnDeskError(Exception):
    """Root of every error LDN Desk raises on purpose; its message is fit to show a person."""


class EnvironmentFault(LdnDeskError):
    """The computer, not the input, stops the work: a read-only or full folder, a busy or absent log.

    The command line exits 1 for these (2 is for input a person can correct)."""


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
        shown = f' "{_one_line(self.text)}"' if self.text is not None else ""
        tail = f", e.g. {self.example}" if self.example else ""
        return f"{self.field}:{shown} — {self.problem}{tail}"


class DoseRangeError(InputError):
    """A daily dose outside the range the program accepts without an explicit override."""


class RecipeError(LdnDeskError):
    """A recipe that cannot be made as asked (for example, nothing fits the capsule).

    `field`, when given, names the input to change, so a form or the command line can point at it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)
