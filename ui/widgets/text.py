"""Text for the screen: escaped for Qt's rich text, with numbers kept on the line of their unit."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QFontMetrics

# English and Spanish: "14 days", "14 días", "day 29", "día 29", "semana 3".
_NUMBER_UNIT = re.compile(r"(\d) (mg/mL|g/mL|mcg|mg|mL|g|days?|weeks?|días?|semanas?|%)(?![A-Za-z])")
_WORD_NUMBER = re.compile(r"\b([Dd]ays?|[Ww]eeks?|[Ff]ill|[Ss]tep|[Ss]ize|[Dd]ías?|[Ss]emanas?) (\d)")


@lru_cache(maxsize=4096)  # the same fills and warnings are written again on every keystroke
def safe_html(text: str) -> str:
    """Escaped text in which a number never wraps away from its unit, nor "mg/" from "mL"."""
    joined = _NUMBER_UNIT.sub(r"\1&nbsp;\2", html.escape(text))
    joined = _WORD_NUMBER.sub(r"\1&nbsp;\2", joined)
    return joined.replace("/mL", "/\u2060mL")  # U+2060 word joiner: no line break here


@lru_cache(maxsize=4096)
def unbroken(text: str) -> str:
    """Plain text (not rich text) in which a number never wraps away from its unit, as safe_html."""
    joined = _NUMBER_UNIT.sub("\\1\u00a0\\2", text)
    joined = _WORD_NUMBER.sub("\\1\u00a0\\2", joined)
    return joined.replace("/mL", "/\u2060mL")


def plain(text: str) -> str:
    """The same text as a person reads it (for tests and copying): ordinary spaces, no joiners."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


def capitalised(text: str) -> str:
    """A name that heads a row or a list as a label: its first letter a capital ("Celulosa
    microcristalina (Avicel)"; the catalog writes it for the middle of a sentence)."""
    return text[:1].upper() + text[1:]


class TextWidths:
    """The widths of texts in one font, each measured once: a long plan's table and chart measure
    the same few hundred texts again on every keystroke."""

    LIMIT = 4096  # texts kept before the cache starts again

    def __init__(self) -> None:
        self._font: Hashable = None
        self._widths: dict[str, int] = {}

    def measurer(self, metrics: QFontMetrics, font: Hashable) -> Callable[[str], int]:
        """A text's width in `metrics`' font, which `font` names (its key): the widths kept for
        another font are forgotten."""
        if font != self._font:
            self._font, self._widths = font, {}
        widths = self._widths

        def width_of(text: str) -> int:
            width = widths.get(text)
            if width is None:
                if len(widths) > self.LIMIT:
                    widths.clear()
                width = widths[text] = metrics.horizontalAdvance(text)
            return width

        return width_of
