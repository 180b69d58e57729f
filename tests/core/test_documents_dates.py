"""A date in a printed sentence never breaks over two lines, in English and in Spanish.

"... you need more from 2" at a line's end and "January 2027" below it reads as "from the 2nd":
a date in running text is kept whole where the text becomes a paragraph (pdfbase.markup), while
the sentence around it still wraps between words. The documents are built at several widths (the
margins move where a line ends) and read back as their reader sees them (pdfplumber). A narrow
table cell may break a Spanish long date before its year, as it chose ("29 de diciembre" over
"de 2026", handout.cell_date); nowhere else does a date part.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from cli_support import run_cli
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from ldn_desk.documents.handout import handout_pdf
from ldn_desk.documents.info import HandoutInfo, PharmacyInfo
from ldn_desk.documents.pdfbase import FONT, PageSetup, keep_dates, make_styles, markup
from ldn_desk.documents.record import record_pdf
from ldn_desk.documents.review import review_summary_pdf
from ldn_desk.plans.dispensing import dispense_liquid
from ldn_desk.plans.measuring import measure_liquid
from ldn_desk.plans.review import Decision, diary_entry
from ldn_desk.plans.titration import plan_from_protocol
from ldn_desk.recipes.liquid.recipe import LiquidInput, make_liquid
from ldn_desk.units.dates import long_date, short_date
from ldn_desk.units.language import speaking
from ldn_desk.units.quantity import Quantity

pytestmark = pytest.mark.slow

NBSP = "\u00a0"
# The standard protocol from 24 November 2026 on 1 mg/mL: its supply runs out on 1 January 2027 and
# the review is due 18 January 2027 (by 16 February): dates in sentences on pages 1 to 4.
START = dt.date(2026, 11, 24)
STRENGTH = Quantity(1, "mg/mL")
MARGINS_MM = (5, 8, 11, 14, 17)
LARGE_MARGINS_MM = (5, 8, 11, 14)  # wider ones leave the Spanish diary's columns no room


@pytest.mark.parametrize(
    ("language", "text", "dates"),
    [
        ("en", "You need more from 30 November 2027.", ["30 November 2027"]),
        ("en", "on 1–14 December, 1-14 December and 1 – 14 December",
         ["1–14 December", "1-14 December", "1 – 14 December"]),
        ("en", "from 3 Mar; CHANGE OF BOTTLE ON 30 NOVEMBER 2027", ["3 Mar", "30 NOVEMBER 2027"]),
        # Two dates of a range: the dash stays with the first, the line may break after it.
        ("en", "in December 2026, 30 November – 14 December 2027",
         ["December 2026", "30 November –", "14 December 2027"]),
        ("es", "a partir del 30 de noviembre de 2027.", ["30 de noviembre de 2027"]),
        ("es", "del 1–14 de diciembre, el 3 dic y el 3 sept 2026", ["1–14 de diciembre", "3 dic", "3 sept 2026"]),
        ("es", "CAMBIO DE FRASCO EL 30 DE NOVIEMBRE DE 2027", ["30 DE NOVIEMBRE DE 2027"]),
        ("es", "Diciembre de 2026: 1 de mayo", ["Diciembre de 2026", "1 de mayo"]),
    ],
)  # fmt: skip
def test_each_date_in_a_sentence_is_joined_and_nothing_else(
    language: str, text: str, dates: list[str]
) -> None:
    expected = text
    for date in dates:  # written out here, not by the pattern under test
        expected = expected.replace(date, date.replace(" ", NBSP))
    with speaking(language):
        assert keep_dates(text) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Day 1 may be the hardest; take 1.5 mg for 14 days."),
        ("en", "Draw up to the 3 Marks on the syringe"),
        ("es", "tome 1.5 mg durante 14 días; el día 3 de la semana"),
    ],
)
def test_words_that_are_no_date_keep_their_breaks(language: str, text: str) -> None:
    with speaking(language):
        assert keep_dates(text) == text


def test_a_date_a_caller_has_set_for_a_narrow_cell_keeps_its_chosen_break() -> None:
    # handout.cell_date: "29 de diciembre" may stand over "de 2026", never "... de" over "2026".
    with speaking("es"):
        assert (
            keep_dates(f"29{NBSP}de{NBSP}diciembre de{NBSP}2026") == f"29{NBSP}de{NBSP}diciembre de{NBSP}2026"
        )


@pytest.mark.parametrize("language", ["en", "es"])
def test_json_and_the_screen_texts_keep_plain_spaces(
    language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Only the printed paragraph joins a date: the formatted date itself, which the app's widgets,
    # the --json output and the log store and compare, keeps its plain spaces.
    written = {"en": "19 January 2027", "es": "19 de enero de 2027"}[language]  # day 57
    with speaking(language):
        assert long_date(dt.date(2027, 1, 19)) == written
        assert markup(long_date(dt.date(2027, 1, 19))) == written.replace(" ", NBSP)
    argv = ["handout", "--protocol", "standard", "--start-date", START.isoformat(), "--liquid", "1 mg/mL",
            "--patient", "Ann Lee", "--language", language, "-o", str(tmp_path / "handout.pdf")]  # fmt: skip
    code, out, err = run_cli([*argv, "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["review_date_text"].startswith("19 ")  # plain spaces, in whichever words
    assert NBSP not in out


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_long_sentence_still_wraps_between_its_words(language: str) -> None:
    # Joining the dates must not make a sentence one unbreakable run: at every width that holds a
    # date and the colon after it, it breaks only at spaces, and each date stands whole on one of
    # its lines. (A line narrower than that would cut the date inside a word, as ReportLab cuts any
    # word too long for its line; a narrow table cell sets its own break: handout.cell_date.)
    styles = make_styles(12)
    with speaking(language):
        date = long_date(dt.date(2027, 11, 30))
        text = {
            "en": f"These supplies last until 29 November 2027. You need more from {date}: ask in good time.",
            "es": f"Estos envases le duran hasta el 29 de noviembre de 2027. Necesitará más a partir del {date}.",
        }[language]
        body = markup(text)
    narrowest = math.ceil(stringWidth(f"{date}:", FONT, styles.body.fontSize))
    kept = 0
    for width in range(narrowest, 401, 3):
        paragraph = Paragraph(body, styles.body)
        paragraph.wrap(width, 1e6)
        lines = [" ".join(words).replace(NBSP, " ") for _, words in paragraph.blPara.lines]
        assert " ".join(lines) == text, width  # no word was cut
        assert len(lines) >= 2
        assert any(date in line for line in lines), (width, lines)
        assert not _breaks(lines, language), (width, lines)
        # Where the date begins a line that the line above had room for its first word ("30"),
        # a plain space would have left that word behind: the case the joining is for.
        first = date.split(" ")[0]
        font_size = styles.body.fontSize
        kept += any(
            line.startswith(date) and stringWidth(f"{above} {first}", FONT, font_size) <= width
            for above, line in itertools.pairwise(lines)
        )
    assert kept >= 3


# ---------------------------------------------------------------- the documents, read back


def _words(line: str) -> list[str]:
    return [word.strip(".,;:()") for word in line.split()]


@cache
def _parted(language: str) -> tuple[frozenset[tuple[tuple[str, ...], tuple[str, ...]]], frozenset[str]]:
    """Every way a date of these plans could be split over two lines (its first words ending one
    line, the rest starting the next), and the month names (to find one cut inside a word)."""
    parts: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    months: set[str] = set()
    with speaking(language):
        for offset in range(-30, 500):
            date = START + dt.timedelta(days=offset)
            for text in (long_date(date), long_date(date).upper(), short_date(date)):
                words = tuple(text.split(" "))
                parts |= {(words[:k], words[k:]) for k in range(1, len(words))}
                months |= {word.lower() for word in words if word.isalpha() and len(word) > 2}
    return frozenset(parts), frozenset(months)


def _breaks(lines: list[str], language: str, *, cell: bool = False) -> list[tuple[str, str]]:
    """Each pair of lines that parts a date; in a table cell, the Spanish break before 'de 2026' is
    the cell's own choice and allowed."""
    parts, months = _parted(language)
    found = []
    for above, below in itertools.pairwise(lines):
        head, tail = _words(above), _words(below)
        if head and tail and (head[-1] + tail[0]).lower() in months:
            found.append((above, below))  # a month cut inside the word
        for k in range(1, min(len(head), 4) + 1):
            for j in range(1, min(len(tail), 4) + 1):
                chosen = cell and j == 2 and tail[0].lower() == "de" and tail[1].isdigit()
                if (tuple(head[-k:]), tuple(tail[:j])) in parts and not chosen:
                    found.append((above, below))
    return found


def _read(pdf: bytes) -> Iterator[tuple[list[str], bool]]:
    """The document's text as groups of printed lines: the running text of each page, then each
    table cell of a table of two or more columns (a boxed warning of one cell is running text)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            tables = [t for t in page.find_tables() if max(len(row.cells) for row in t.rows) > 1]
            running = page
            for table in tables:
                running = running.outside_bbox(table.bbox)
                for row in table.extract():
                    for text in row:
                        if text:
                            yield text.replace(NBSP, " ").splitlines(), True
            yield (running.extract_text() or "").replace(NBSP, " ").splitlines(), False


def _date_breaks(pdf: bytes, language: str) -> list[tuple[str, str]]:
    return [pair for lines, cell in _read(pdf) for pair in _breaks(lines, language, cell=cell)]


def _handout(language: str, margin: int, *, large: bool) -> bytes:
    plan = plan_from_protocol("standard", START)
    info = HandoutInfo(patient="Ann Lee", date=START, contact="0161 555 0100")
    return handout_pdf(plan, info, PageSetup("a4", large_print=large, margin_mm=margin),
                       liquid=measure_liquid(plan, STRENGTH), supply=dispense_liquid(plan, STRENGTH),
                       more_needed_day=40, language=language)  # fmt: skip


@pytest.mark.parametrize("large", [False, True], ids=["normal print", "large print"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_no_handout_line_ends_inside_a_date(language: str, large: bool) -> None:
    # Before: "You need more from 2 January" over "2027: ask your prescriber…" (14 and 17 mm),
    # "no later than day 85 (16" over "February 2027)." (large print), "a partir del 2" over
    # "de enero de 2027: pídalo…" (Spanish, 5 mm).
    margins = LARGE_MARGINS_MM if large else MARGINS_MM
    found = {margin: _date_breaks(_handout(language, margin, large=large), language) for margin in margins}
    assert not any(found.values()), {margin: pairs[:2] for margin, pairs in found.items() if pairs}


def test_the_check_finds_a_date_broken_over_two_lines() -> None:
    assert _breaks(["You need more from 2", "January 2027: ask in good time."], "en")
    assert _breaks(["The review is due (16 Feb", "ruary 2027)."], "en")  # cut inside the month
    assert _breaks(["Necesitará más a partir del 2 de", "enero de 2027."], "es")
    assert _breaks(["Del 24 de noviembre de", "2026"], "es", cell=True)  # never "de" over the year
    assert not _breaks(["Del 24 de noviembre", "de 2026"], "es", cell=True)  # the cell's own break
    assert _breaks(["Del 24 de noviembre", "de 2026"], "es")  # which running text never makes
    assert not _breaks(["You need more from 2 January 2027:", "ask in good time."], "en")


def test_no_review_summary_or_record_line_ends_inside_a_date() -> None:
    # The clinician's and the pharmacy's documents are in English; their sentences hold dates too
    # ("from 24 November 2026; review due 19 January 2027 (by 16 February 2027)").
    plan = plan_from_protocol("standard", START)
    diary = [diary_entry(plan, week, pain="3") for week in range(1, 9)]
    decision = Decision("halve", "vivid dreams at 4.5 mg", "Dr Jane Roe", dt.date(2027, 1, 19))
    found = []
    for margin in range(5, 41, 2):
        setup = PageSetup("a4", margin_mm=margin)
        summary = review_summary_pdf(plan, diary, setup, patient="Ann Lee", printed=START, decision=decision,
                                     next_plan=plan_from_protocol("gentle", dt.date(2027, 1, 20)))  # fmt: skip
        found += _date_breaks(summary, "en")
    info = PharmacyInfo(
        patient="Ann Lee", rx="RX-2026-0042", pharmacy="Leeds Compounding Pharmacy", date=START
    )
    made = make_liquid(LiquidInput(STRENGTH, Quantity(100, "mL"), START))
    for margin in MARGINS_MM:
        found += _date_breaks(record_pdf(made, info, PageSetup("a4", margin_mm=margin)), "en")
    assert not found, found[:3]
