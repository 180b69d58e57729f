"""Calendar arithmetic with the rule used throughout: the first day counts as Day 1."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ldn_desk.errors import InputError
from ldn_desk.units.language import SOURCE_LANGUAGE, babel_locale, current_language

if TYPE_CHECKING:
    from babel import Locale

# English months are written from these names, never from the computer's locale: the app's
# toolkit sets the process locale from the system, and a Spanish computer must not print
# "noviembre" in an English handout.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS_SHORT = tuple(name[:3] for name in _MONTHS)  # 'Jan' … 'Sep' … 'Dec'

# Babel's date formats (and its reading of the computer's time zone, some 20 ms) load with the
# first date written in a language other than English, not with the plans that import this module.


def parse_date(text: str, field: str) -> dt.date:
    """Read a date written year-month-day and nothing else, so 03/04 is never guessed. The month
    and day may have one digit (2026-12-1 is 1 December 2026): the year first leaves no doubt."""
    cleaned = str(text).strip()
    found = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", cleaned)
    if found is None:
        raise InputError(field, text, "write the date as year-month-day", "2026-12-01")
    year, month, day = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(field, text, "is not a real calendar date", "2026-12-01") from None


def not_after_today(date: dt.date, field: str, today: dt.date | None = None) -> dt.date:
    """A date that must already have come (a batch compounded): refused when it is after today."""
    today = today or dt.date.today()
    if date > today:
        raise InputError(
            field,
            date.isoformat(),
            f"is after today ({long_date(today)}): a batch is recorded on the day it is made",
            today.isoformat(),
        )
    return date


def day_n(start: dt.date, n: int) -> dt.date:
    """The calendar date of Day n when `start` is Day 1."""
    return start + dt.timedelta(days=n - 1)


def last_day(start: dt.date, days: int) -> dt.date:
    """The last date of a period of `days` days that begins on `start` (Day 1)."""
    return day_n(start, days)


def long_date(date: dt.date) -> str:
    """An unambiguous date for people in the current language: '1 March 2026', '1 de diciembre
    de 2026' (the language's long form from Babel; never a digits-only month)."""
    return _long_date(date, current_language())


@lru_cache(maxsize=4096)  # a long plan writes the same hundred dates on every change
def _long_date(date: dt.date, language: str) -> str:
    if language == SOURCE_LANGUAGE:
        return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"
    from babel.dates import format_date

    return format_date(date, "long", locale=_date_locale(language))


def _date_locale(language: str) -> Locale:
    # Dates are written the language's own way wherever the pharmacy is (its territory sets only
    # the first day of the week).
    return babel_locale(language, environ={})


@lru_cache(maxsize=4096)
def _pattern_date(date: dt.date, pattern: str, language: str) -> str:
    from babel.dates import format_date

    return str(format_date(date, pattern, locale=_date_locale(language)))


def short_date(date: dt.date) -> str:
    """'3 Mar', '3 dic' — the month in letters, so a day can never be read as a month."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return f"{date.day} {_MONTHS_SHORT[date.month - 1]}"
    return _pattern_date(date, "d MMM", language).rstrip(".")


def written_dates(language: str) -> re.Pattern[str]:
    """A date as the documents write one in `language`, to find it inside a sentence: long and
    short ('30 November 2027', '30 de noviembre de 2027', '3 Mar', '3 dic'), a range of days in one
    month ('1–14 December', '1-14 de diciembre'), a month and its year ('December 2026'), each as
    written, capitalised or in capitals ('30 NOVEMBER 2027'). A date followed by ' – ' and another
    date takes the dash with it. Only plain spaces join its parts: one a caller has already joined
    with a no-break space is matched no further, so a date set for a narrow cell keeps the break
    its caller chose."""
    return _written_dates(language)


@lru_cache(maxsize=8)
def _written_dates(language: str) -> re.Pattern[str]:
    if language == SOURCE_LANGUAGE:
        names = {*_MONTHS, *_MONTHS_SHORT}
        links: set[str] = set()
    else:
        from babel.dates import get_date_format

        locale = _date_locale(language)
        names = {
            str(name).rstrip(".")
            for context in ("format", "stand-alone")
            for width in ("wide", "abbreviated")
            for name in locale.months[context][width].values()
        }
        # The words a long date is written with ('de' in "d 'de' MMMM 'de' y").
        links = set(re.findall(r"'([^']+)'", get_date_format("long", locale=locale).pattern))
    # Each word as written, capitalised or in capitals ("CHANGE OF BOTTLE ON 30 NOVEMBER 2027"),
    # never in any case: "Day 1 may" is no date.
    link = "".join(f"(?: {_any_of(_cases({word.strip()}))})?" for word in sorted(links) if word.strip())
    month = _any_of(_cases(names)) + r"\.?(?!\w)"
    days = r"\d{1,2}(?: ?[–-] ?\d{1,2})?"
    year = r"\d{4}(?!\d)"
    date = rf"(?<![\w.,]){days}{link} {month}(?:{link} {year})?(?: [–-](?= \d))?"
    month_year = rf"(?<!\w){month}{link} {year}"
    return re.compile(f"{date}|{month_year}")


def _cases(words: set[str]) -> set[str]:
    return {form for word in words for form in (word, _capital(word), word.upper())}


def _any_of(words: set[str]) -> str:
    """One of `words`, the longest tried first ('septiembre' before 'sept')."""
    return "(?:" + "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w))) + ")"


def month_name(date: dt.date) -> str:
    """The month's name standing alone, as a heading: 'March', 'Diciembre'."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return _MONTHS[date.month - 1]
    return _capital(_pattern_date(date, "LLLL", language))


def weekday_names() -> tuple[str, ...]:
    """The abbreviated weekday names Monday to Sunday in the current language: 'Mon', 'lun'."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    days = babel_locale(language, environ={}).days["stand-alone"]["abbreviated"]
    return tuple(_capital(str(days[i]).rstrip(".")) for i in range(7))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def local_time_text(stamp: str | None, zone: dt.tzinfo | None = None) -> str:
    """A stored UTC time stamp as people read it: '22 November 2026, 02:18 (UTC+01:00)' in the
    computer's own time zone (or `zone`). The offset is written so a time read aloud or copied
    can never be mistaken for UTC or another clinic's clock. A stamp that is not ISO comes back
    as it is; one without a zone is taken as UTC, which is what the log writes."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(zone)  # None: the computer's zone, with its summer time
    offset = local.utcoffset() or dt.timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{long_date(local.date())}, {local:%H:%M} (UTC{sign}{hours:02d}:{rest:02d})"
