"""The core's own messages (alerts, refusals, result lines) in a front end's language.

The core writes its messages in English, as it always has: those strings are what the record,
the log and `--json` keep, so English output never changes. A front end that shows another
language passes each message through `say()`. The message's English template, with `{named}`
placeholders where the program put a value, is a msgid of the same gettext catalog the documents
use (resources/locale/<lang>/LC_MESSAGES/ldn_desk.po), in the context "message" so the documents'
sentences and the core's messages never stand in for each other; its msgstr is the translation:

    msgctxt "message"
    msgid "{dose} a day is very low: check mg vs mcg."
    msgstr "{dose} al día es muy poco: compruebe mg frente a mcg."

`say()` finds the template the English text was made from, takes the values from the places the
placeholders stand, and writes them into the translation. So adding a language, or a message, is
catalog work, not code. The values are copied as the core wrote them, so the numbers are the
core's; only their form follows the language:

- a date written in English ("1 March 2026") is written the language's way (Babel, CLDR);
- a thousands comma ("1,290 mg"), which a Spanish reader takes for a decimal comma, becomes the
  language's thousands space ("1 290 mg"); a decimal point stays a point (ISMP, every language);
- "2 days", "1 day" take the language's plural; a value that is itself a whole msgid (a field's
  name, a fixed phrase) is translated.

A message of amounts and dates alone ("1,209 mg") needs no template: its numbers and dates take
the language's form. A message with no template in the catalog stays English, whole, and is noted in
`language.missing`, which the tests require to stay empty for what they show. When no template
fits the whole message, it is tried sentence by sentence, and a sentence clause by clause (at its
semicolons): the core joins sentences it writes in separate places. A message is shown translated
only when all of it is, every value too; never a half-translated mix.

Two placeholders with only a space between ("to {volume} {because}") leave the matcher no fixed
text to cut at, so a template may have them only when one of the two is an amount by its name
(`_AMOUNTS`: "volume", "dose"…): that one then matches only an amount as the core writes it
("100 mL", "1,290 mg", "0.5–1 mg/mL"), never a word, so the phrase beside it is never cut inside it.
A template with two adjacent placeholders neither of which is an amount is refused when the
catalog is read, and noted in `refused_templates` (the catalog tests require it to stay empty).

Speed: the templates are compiled once per language, each is tried only when its longest fixed
text occurs in the message, and a message once said is kept; English is returned as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from ldn_desk.errors import InputError
from ldn_desk.units.dates import long_date
from ldn_desk.units.dose_text import days_text, format_number
from ldn_desk.units.language import SOURCE_LANGUAGE, core_messages, current_language, missing, speaking

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"(])")
_CLAUSE_END = re.compile(r"(?<=;)\s+(?=[A-Z0-9\"(])")  # "…cap. Label: …; Shake well before use; …"
_ENGLISH_DATE = re.compile(
    r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{4})\b"
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
_DAYS = re.compile(r"(\d+) days?")
# A value is a phrase: it never runs on past the end of a sentence into the next one, which is
# another message (the core joins sentences it writes in separate places).
_VALUE = r"(?:(?![.;!?]\s+[A-Z0-9\"(]).)*?"
_MIN_LITERAL = 3  # a template of placeholders alone ("{a} {b}") would fit any text
_JOIN_WORDS = 8  # "{a}, then {b}": fixed text this short between two values only joins them
# Placeholders that always hold an amount the core wrote (units/dose_text): a number, with the
# thousands comma and a decimal point, perhaps a range or "≈", and a unit of one word.
_AMOUNTS = frozenset(
    {
        "amount",
        "dose",
        "exact",
        "limit",
        "mwq",
        "on_hand",
        "quantity",
        "strength",
        "volume",
        "wanted",
        "weight",
    }
)
_NUMBER = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = rf"(?:≈\s?)?(?:{_NUMBER})(?:\s?[–-]\s?(?:{_NUMBER}))?(?:\s?[A-Za-zµ%][A-Za-zµ/%]*)?"
_ADJACENT = re.compile(r"\{([a-z_]+)\}\s*\{([a-z_]+)\}")
_AMOUNT_WHOLE = re.compile(_AMOUNT)
_VALUE_WHOLE = re.compile(_VALUE, re.DOTALL)
# A word of English left in a value: lower-case letters that are not a unit the core writes, nor
# a command-line option ("--dose"), which is typed as it is in every language.
_ENGLISH_WORD = re.compile(r"(?<!--)\b(?!(?:mg|mcg|kg|mm|pt|cm|g)\b)[a-z]{2,}\b")
_MAX_SPLITS = 64  # ways of cutting one message tried before the first is kept
refused_templates: set[tuple[str, str]] = set()  # (language, template) with two adjacent placeholders


def _adjacent_amounts(template: str) -> set[str] | None:
    """The placeholders that must match an amount because another stands beside them; None when
    two adjacent placeholders are neither an amount (the template cannot be matched safely)."""
    names: set[str] = set()
    position = 0
    while (found := _ADJACENT.search(template, position)) is not None:
        first, second = found.group(1), found.group(2)
        if first in _AMOUNTS:
            names.add(first)
        elif second in _AMOUNTS:
            names.add(second)
        else:
            return None
        position = found.start() + 1 + len(first)  # the second may stand beside a third
    return names


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    translation: str
    literal: int  # characters of fixed text: the more, the more specific the template
    needs: str  # its longest fixed text: a message without it cannot be this template's
    literals: tuple[str, ...]  # the fixed texts around the placeholders
    names: tuple[str, ...]  # the placeholders, in order
    amounts: frozenset[str]  # the placeholders that match only an amount


def _compile(template: str) -> re.Pattern[str] | None:
    amounts = _adjacent_amounts(template)
    if amounts is None:
        return None
    parts: list[str] = []
    seen: set[str] = set()
    position = 0
    for found in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position : found.start()]))
        name = found.group(1)
        value = _AMOUNT if name in amounts else _VALUE
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{value})")
        seen.add(name)
        position = found.end()
    parts.append(re.escape(template[position:]))
    try:
        return re.compile("".join(parts), re.DOTALL)
    except re.error:
        return None


def _template(source: str, translation: str) -> _Template | None:
    """One catalog entry compiled; None when it cannot be matched safely (see the module's text)."""
    pattern = _compile(source)
    if pattern is None:
        return None
    pieces = _PLACEHOLDER.split(source)
    literals, names = tuple(pieces[::2]), tuple(pieces[1::2])
    amounts = frozenset(_adjacent_amounts(source) or ())
    literal = len(_PLACEHOLDER.sub("", source).strip())
    return _Template(pattern, translation, literal, max(literals, key=len), literals, names, amounts)


def _is_join(source: str, literal: int) -> bool:
    """A template that only joins two values ("{first} and {second}", "{a}; or {b}"): fitted to
    a whole message it would leave the message's English in its values, so it is tried only on a
    value inside a message."""
    pieces = [piece for piece in _PLACEHOLDER.split(source)[::2] if piece.strip()]
    bare_ends = source.startswith("{") and source.endswith("}")
    return literal < _MIN_LITERAL or (
        bare_ends and len(pieces) == 1 and len(pieces[0].strip()) <= _JOIN_WORDS
    )


@cache
def _all_templates(language: str) -> tuple[tuple[_Template, ...], tuple[_Template, ...]]:
    """(templates, joins): the catalog's templates, most specific first; joins are those with
    almost no fixed text ("{first} or {second}"), tried only inside a value, never on a message."""
    found: list[_Template] = []
    joins: list[_Template] = []
    for source, translation in core_messages(language).items():
        if not _PLACEHOLDER.search(source):
            continue
        template = _template(source, translation)
        if template is None:
            refused_templates.add((language, source))
            continue
        (joins if _is_join(source, template.literal) else found).append(template)
    found.sort(key=lambda template: -template.literal)
    return tuple(found), tuple(joins)


def _templates(language: str) -> tuple[_Template, ...]:
    return _all_templates(language)[0]


def _join(language: str, value: str) -> tuple[str, bool] | None:
    """A value that lists values ("1.2 mL or 1.3 mL"), each in the language's form."""
    for template in _all_templates(language)[1]:
        if template.needs not in value:
            continue
        filled = _best(language, template, value)
        if filled is not None:
            return filled
    return None


def _fill(translation: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), translation)


def _grouped(language: str, text: str) -> str:
    # The core's English thousands comma becomes the language's thousands mark (dose_text's rule).
    def regroup(found: re.Match[str]) -> str:
        with speaking(language):
            return format_number(float(found.group(0).replace(",", "")), 0)

    return _GROUPED.sub(regroup, text)


def _dates(language: str, text: str) -> str:
    def rewrite(found: re.Match[str]) -> str:
        day = dt.date(int(found.group(3)), _MONTHS.index(found.group(2)) + 1, int(found.group(1)))
        with speaking(language):
            return long_date(day)

    return _ENGLISH_DATE.sub(rewrite, text)


def _value_said(language: str, value: str) -> tuple[str, bool]:
    """A value taken from an English message, in `language`'s form (see the module's text), and
    whether it is whole: translated, or a value with no English word in it (an amount, a date)."""
    fixed = core_messages(language).get(value)
    if isinstance(fixed, str):
        return fixed, True
    days = _DAYS.fullmatch(value)
    if days:
        with speaking(language):
            return days_text(int(days.group(1))), True
    inner = _render(language, value)
    if inner is None:
        inner = _join(language, value)
    if inner is not None:
        return inner
    plain = _ENGLISH_DATE.sub("", value)
    return _grouped(language, _dates(language, value)), _ENGLISH_WORD.search(plain) is None


def _value(language: str, value: str) -> str:
    return _value_said(language, value)[0]


def _splits(template: _Template, text: str) -> Iterator[dict[str, str]]:
    """Every way `text` is the template with values in its places: the shortest phrases and the
    longest amounts first, as the regular expression's own match; at most `_MAX_SPLITS`."""
    literals, names = template.literals, template.names
    count = 0

    def walk(index: int, position: int, values: dict[str, str]) -> Iterator[dict[str, str]]:
        nonlocal count
        if count >= _MAX_SPLITS:
            return
        if index == len(names):
            if position == len(text):
                count += 1
                yield dict(values)
            return
        name, after = names[index], literals[index + 1]
        ends: Iterator[int]
        if index == len(names) - 1:
            ends = iter([len(text) - len(after)] if text.endswith(after) else [])
        else:
            starts = [found.start() for found in re.finditer(re.escape(after), text[position:]) if after]
            # An amount is the longest one there ("100 mL", not "100" and a phrase "mL to…").
            ends = iter(starts[::-1] if name in template.amounts else starts)
        for end in ends:
            end = end if index == len(names) - 1 else position + end
            if end < position:
                continue
            value = text[position:end]
            check = _AMOUNT_WHOLE if name in template.amounts else _VALUE_WHOLE
            if check.fullmatch(value) is None or values.get(name, value) != value:
                continue
            before = values.get(name)
            values[name] = value
            yield from walk(index + 1, end + len(after), values)
            if before is None:
                del values[name]

    if text.startswith(literals[0]):
        yield from walk(0, len(literals[0]), {})


def _best(language: str, template: _Template, text: str) -> tuple[str, bool] | None:
    """The template filled from `text`: from the first split whose every value is whole, or, when
    none is, from the regular expression's own; None when the template does not fit."""
    found = template.pattern.fullmatch(text)
    if found is None:
        return None
    first: tuple[str, bool] | None = None
    candidates = [found.groupdict()] if not template.names else _splits(template, text)
    for values in candidates:
        said = {name: _value_said(language, value) for name, value in values.items()}
        filled = _fill(template.translation, {name: shown for name, (shown, _) in said.items()})
        whole = all(ok for _, ok in said.values())
        if whole:
            return filled, True
        if first is None:
            first = (filled, False)
    if first is None:  # the enumeration stopped short of the expression's match
        said = {name: _value_said(language, value) for name, value in found.groupdict().items()}
        first = (_fill(template.translation, {name: shown for name, (shown, _) in said.items()}), False)
    return first


# A long plan's alerts repeat their amounts and phrases ("1.5 mL", "the 3 mL syringe") across
# messages, and every value is tried against each template: the same text renders the same way
# (the catalog is read once, as _all_templates), so each is worked out once.
@lru_cache(maxsize=1 << 14)
def _render(language: str, text: str) -> tuple[str, bool] | None:
    fixed = core_messages(language).get(text)
    if isinstance(fixed, str):
        return fixed, True
    fallback: tuple[str, bool] | None = None
    size = len(text)
    for template in _templates(language):
        if template.literal >= size or template.needs not in text:
            continue
        filled = _best(language, template, text)
        if filled is not None:
            if filled[1]:
                return filled
            fallback = fallback or filled
    return fallback


_said: dict[tuple[str, str], str] = {}  # the same alerts come back on every keystroke


def _said_whole(language: str, text: str, cuts: tuple[re.Pattern[str], ...]) -> str | None:
    """`text` translated whole: as one template, else cut at the first of `cuts` and each part
    so (with the cuts after it); None when some part is not wholly translated."""
    found = _render(language, text)
    if found is not None and found[1]:
        return found[0]
    if not cuts:
        return None
    parts = cuts[0].split(text)
    if len(parts) < 2:
        return _said_whole(language, text, cuts[1:])
    pieces = [_said_whole(language, part, cuts[1:]) for part in parts]
    if any(piece is None for piece in pieces):
        return None
    return " ".join(piece for piece in pieces if piece is not None)


def say(text: str, language: str | None = None) -> str:
    """The core's English message in `language` (default: the current one); English, whole, if
    the catalog has no template for all of it (noted in `language.missing`)."""
    code = language or current_language()
    if code == SOURCE_LANGUAGE or not text or not text.strip():
        return text
    key = (code, text)
    done = _said.get(key)
    if done is not None:
        return done
    # Sentence by sentence, then clause by clause: the core joins what it writes in separate places.
    rendered = _said_whole(code, text, (_SENTENCE_END, _CLAUSE_END))
    if rendered is None:
        if _ENGLISH_WORD.search(_ENGLISH_DATE.sub("", text)) is not None:
            missing.add((code, text))
            return text
        # No words to translate ("1,209 mg", "31"): only the numbers' form follows the language.
        rendered = _grouped(code, _dates(code, text))
    if len(_said) > 8192:
        _said.clear()
    _said[key] = rendered
    return rendered


def refusal(
    field: str, typed: str | None, problem: str, example: str = "", language: str | None = None
) -> str:
    """A refusal at a field in `language`: its name, what was typed (never translated), what is
    wrong and a good example; in English exactly InputError's own message."""
    code = language or current_language()
    if code == SOURCE_LANGUAGE:
        return InputError(field, typed, problem, example).message
    head = InputError(field, typed, problem).message.partition(" — ")[0]
    said = say(problem, code)
    if said == problem and _ENGLISH_WORD.search(problem):
        # A problem the catalog lacks (say noted it): the whole refusal in English, never a mix.
        # The field's name is the caller's: the app passes its own label, in its language.
        return InputError(field, typed, problem, example).message
    values = {
        "field": head,
        "problem": said,
        "example": _value(code, example) if example else "",
    }
    frame = "{field} — {problem}, e.g. {example}" if example else "{field} — {problem}"
    translated = core_messages(code).get(frame)
    if not isinstance(translated, str):
        missing.add((code, frame))
        translated = frame
    if field:
        name = _value(code, field)
        values["field"] = name + head[len(field) :] if head.startswith(field) else head
    return _fill(translated, values)


def say_error(error: BaseException, language: str | None = None) -> str:
    """Any error the core raises on purpose, as a person reads it in `language`."""
    if isinstance(error, InputError):
        return refusal(error.field, error.text, error.problem, error.example, language)
    return say(str(error), language)


__all__ = ["refusal", "refused_templates", "say", "say_error"]
