"""Text a person writes for a label, record or handout, held to the dose-writing rules (ISMP).

One rule set serves two readers: `check_free_text` refuses typed directions before they reach a
document, naming the field, the words at fault and a good example; `dose_text_problems` lists
every breach in text taken back out of a printed PDF (the tests run it on every document).

The rules (DOMAIN.md §7; ISMP List of Error-Prone Abbreviations, Symbols and Dose Designations):
a leading zero always (0.5, never .5), no trailing zero (1, never 1.0), a space between number and
unit, no decimal comma, a comma from 1,000; "mL" never cc or ml, "mcg" never µg; doses in mL, never
in spoons; no Latin abbreviations (qhs, HS, QD, QOD, …), and no symbols read as numbers (@, &, +)
in typed text. Spanish text is held to the same rules and to ISMP España's error-prone
abbreviations ("c/8 h", "c/n", "s/n", "UI", "v.o.", doses in cucharadas).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ldn_desk.errors import InputError

_NOT_A_LETTER_BEFORE = r"(?<![A-Za-z])"
_NOT_A_LETTER_AFTER = r"(?![A-Za-z])"


def _word(alternatives: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(f"{_NOT_A_LETTER_BEFORE}(?:{alternatives}){_NOT_A_LETTER_AFTER}", flags)


@dataclass(frozen=True)
class Rule:
    """A pattern that must not match, what a match means, and how to write it instead."""

    pattern: re.Pattern[str]
    meaning: str
    instead: str
    # Symbols the program itself prints in worked sums ("46.5 mg + 1,162.5 mg") are refused only
    # in what a person types, where "+" and "&" are misread as 4 and 2.
    typed_only: bool = False


_BEDTIME = "write 'at bedtime' or 'nightly'"
_DAILY = "write 'daily' or 'once a day'"

RULES: tuple[Rule, ...] = (
    Rule(re.compile(r"(?<![\d.,])\.\d"), "a number without its leading zero", "write 0.5, not .5"),
    Rule(re.compile(r"\d\.\d*0(?!\d)"), "a trailing zero after the decimal point",
         "write 1 mg, not 1.0 mg"),
    Rule(re.compile(r"\d,\d(?:\d|\d{3,})?(?![\d])"), "a decimal comma", "write 4.5, not 4,5"),
    Rule(re.compile(r"(?<![\d,.])\d{4,}(?:\.\d+)?\s?(?:mg|mL|mcg|g)(?![A-Za-z])"),
         "a number from 1,000 without its comma", "write 1,000 mL"),
    Rule(re.compile(r"\d(?:mg|mL|mcg|g)(?![A-Za-z])"), "no space between a number and its unit",
         "write 4.5 mg, not 4.5mg"),
    Rule(re.compile(r"[µμ]g"), "µg instead of mcg", "write mcg"),
    Rule(_word("cc", re.IGNORECASE), "cc instead of mL", "write mL"),
    Rule(_word("ml|mls|ML|Ml|mLs|MLS"), "mL misspelled", "write mL"),
    Rule(_word("teaspoons?|teaspoonfuls?|tsp|tablespoons?|tablespoonfuls?|tbsp|dessertspoons?", re.IGNORECASE), "a kitchen measure", "give the dose in mL, measured with an oral syringe"),
    Rule(_word(r"q\.?h\.?s\.?|h\.?s\.?|q\.?n\.?|b\.?t\.?", re.IGNORECASE), "a Latin abbreviation for bedtime",
         _BEDTIME),
    Rule(_word(r"q\.?d\.?|q1d|i/d", re.IGNORECASE), "a Latin abbreviation for daily", _DAILY),
    Rule(_word(r"OD|o\.d\."), "a Latin abbreviation for daily", _DAILY),
    Rule(_word(r"q\.?o\.?d\.?", re.IGNORECASE), "a Latin abbreviation for every other day",
         "write 'every other day'"),
    Rule(_word(r"tiw|t\.i\.w\.", re.IGNORECASE), "a Latin abbreviation for three times a week",
         "write '3 times a week'"),
    Rule(_word(r"per os", re.IGNORECASE), "a Latin phrase for by mouth", "write 'by mouth'"),
    Rule(_word(r"SC|SQ|[Ss]ub ?[Qq]"), "an abbreviation for subcutaneous", "write 'under the skin'"),
    Rule(_word(r"IU|I\.U\."), "IU for units", "write 'units'"),
    Rule(re.compile(r"(?<=\d)\s?[Uu](?![A-Za-z])"), "U for units", "write 'units'"),
    Rule(_word(r"UD|u\.d\."), "UD for as directed", "write the directions out"),
    Rule(_word(r"D/C|d/c"), "D/C, read as discharge or discontinue", "write 'stop' or 'discharge'"),
    Rule(re.compile(r"(?<![A-Za-z])x\s?\d+\s?d(?![A-Za-z])"), "x3d for 'for 3 days'", "write 'for 3 days'"),
    Rule(re.compile(r"(?<=\d )(?:mg|mL|mcg|g)\.(?=\s*[a-z])"), "a full stop after a unit",
         "write 1 mg daily, not 1 mg. daily"),
    # Spanish (ISMP España, error-prone abbreviations): "c/8 h", "c/24h", "c/n", "s/n", "UI", "v.o.".
    Rule(re.compile(r"(?<![A-Za-z])c/\s?(?:\d|[a-z])", re.IGNORECASE), "c/ for 'cada' (every)",
         "write 'cada 24 horas' or 'una vez al día'"),
    Rule(_word(r"s/n|s\.n\.|SOS", re.IGNORECASE), "an abbreviation for 'si necesita' (as needed)",
         "write 'si lo necesita'"),
    Rule(_word(r"UI"), "UI for units (unidades)", "write 'unidades'"),
    Rule(_word(r"v\.o\.|VO|v/o", re.IGNORECASE), "an abbreviation for 'vía oral'", "write 'por vía oral'"),
    Rule(_word(r"cucharad(?:as?|itas?)|cdas?\.?|cdtas?\.?", re.IGNORECASE), "a kitchen measure (cucharada)",
         "give the dose in mL, measured with an oral syringe"),
    Rule(re.compile(r"@"), "@, misread as 2", "write 'at'", typed_only=True),
    Rule(re.compile(r"&"), "&, misread as 2", "write 'and'", typed_only=True),
    Rule(re.compile(r"\+"), "+, misread as 4", "write 'and'", typed_only=True),
)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """One breach of a rule: the words at fault and the rule they break."""

    found: str
    start: int
    rule: Rule


def find_problems(text: str, *, typed: bool = True) -> list[Problem]:
    """Every breach in `text`, in reading order; `typed=False` for text the program printed."""
    found = [
        Problem(match.group(0), match.start(), rule)
        for rule in RULES
        if typed or not rule.typed_only
        for match in rule.pattern.finditer(text)
    ]
    return sorted(found, key=lambda problem: problem.start)


def dose_text_problems(text: str) -> list[str]:
    """Every breach of the rules in text taken from a printed document, each with a little context."""
    out: list[str] = []
    for problem in find_problems(text, typed=False):
        start = max(0, problem.start - 25)
        end = min(len(text), problem.start + len(problem.found) + 25)
        context = " ".join(text[start:end].split())
        out.append(f"{problem.rule.meaning}: …{context}…")
    return out


def check_free_text(text: str, field: str, example: str) -> str:
    """`text` unchanged when it keeps every rule; else an InputError naming the field, the words at
    fault (never the rest: free text may hold a name), what is wrong, how to write it and an example."""
    problems = find_problems(text)
    if not problems:
        return text
    first = problems[0]
    more = len(problems) - 1
    also = f" ({more} more problem{'s' if more != 1 else ''} after it)" if more else ""
    raise InputError(
        field,
        None,
        f'"{first.found.strip()}" is {first.rule.meaning}: {first.rule.instead}{also}',
        example,
    )


__all__ = ["RULES", "Problem", "Rule", "check_free_text", "dose_text_problems", "find_problems"]
