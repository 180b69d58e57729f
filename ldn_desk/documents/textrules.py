"""Checks printed text against the dose-writing rules (ISMP); the tests run it on every PDF."""

from __future__ import annotations

import re

# Each rule: a pattern that must not match, and what it means. Written for text extracted
# from a PDF, where line breaks may fall anywhere, so the patterns stay local.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![\d.])\.\d"), "a number without its leading zero (.5 instead of 0.5)"),
    (re.compile(r"\d\.\d*0(?![\d])"), "a trailing zero after the decimal point (1.0, 1.50)"),
    (re.compile(r"[µμ]g"), "µg instead of mcg"),
    (re.compile(r"(?<![A-Za-z])cc(?![A-Za-z])", re.IGNORECASE), "cc instead of mL"),
    (re.compile(r"(?<![A-Za-z])(qhs|q\.h\.s|hs|qd|q\.d)(?![A-Za-z])", re.IGNORECASE), "a Latin abbreviation"),
    (re.compile(r"(?<![A-Za-z])(ml|mls|ML|Ml|mLs)(?![A-Za-z])"), "mL misspelled"),
    (re.compile(r"\d(mg|mL|mcg|g)(?![A-Za-z])"), "no space between a number and its unit"),
    (
        re.compile(r"(?<![A-Za-z])(teaspoons?|tsp|tablespoons?|tbsp)(?![A-Za-z])", re.IGNORECASE),
        "a kitchen measure",
    ),
)


def dose_text_problems(text: str) -> list[str]:
    """Every breach of the dose-writing rules in `text`, each with a little context."""
    found: list[str] = []
    for pattern, meaning in _RULES:
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 25), min(len(text), match.end() + 25)
            context = " ".join(text[start:end].split())
            found.append(f"{meaning}: …{context}…")
    return found
