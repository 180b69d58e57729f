"""Page set-up for printed documents: bundled font, paper, styles, printable text, same bytes every time."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from ldn_desk.documents.output import write_document
from ldn_desk.errors import InputError
from ldn_desk.reference.files import resource_path
from ldn_desk.reference.labels import labels_table
from ldn_desk.units.dates import written_dates
from ldn_desk.units.dose_text import format_number
from ldn_desk.units.language import current_language

FONT = "LDNDeskSans"
FONT_BOLD = "LDNDeskSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

INK = HexColor("#000000")
GREY = HexColor("#555555")
RULE = HexColor("#999999")
SHADE = HexColor("#EDEDED")
WARNING_SHADE = HexColor("#FFF4D6")

MAX_NAME_CHARS = 120  # a name this long still wraps onto a few lines; beyond it is likely a paste error
_MAX_NAMED_CHARS = 3  # characters a refusal names; more would spell out the name it refuses
CREATOR = "LDN Desk"


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu Sans faces once per process (parsing them takes ~0.1 s)."""
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@cache
def _printable_code_points() -> frozenset[int]:
    """Characters both faces can draw: a name may be printed in bold or regular."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in _FONT_FILES]
    return frozenset(set(faces[0]).intersection(*faces[1:]))


def _problem(char: str) -> str | None:
    category = unicodedata.category(char)
    if char in "\n\t":
        return None
    if category in {"Cc", "Cf", "Cs", "Co", "Cn"}:
        return "contains a control or invisible character"
    if unicodedata.bidirectional(char) in {"R", "AL"}:
        return "contains right-to-left script, which the printed documents cannot lay out correctly"
    if category == "Mn":
        return "contains a combining accent the printed font cannot place; type the accented letter itself"
    if ord(char) not in _printable_code_points():
        return "contains characters the printed font cannot show"
    return None


def _named(chars: Sequence[str]) -> str:
    """'"李", "小" (U+674E, U+5C0F)': the characters refused, never the rest of the text. At most
    three are named, so a message cannot spell out a whole name."""
    shown = chars[:_MAX_NAMED_CHARS]
    quoted = ", ".join(f'"{c}"' for c in shown if c.isprintable() and not c.isspace())
    points = ", ".join(f"U+{ord(c):04X}" for c in shown)
    more = f" and {len(chars) - len(shown)} more" if len(chars) > len(shown) else ""
    return f"{quoted} ({points}){more}" if quoted else f"{points}{more}"


def printable(text: str, field: str, *, max_chars: int | None = None, multiline: bool = False) -> str:
    """Return `text` ready to print (NFC, trimmed) or raise InputError naming the field.

    The bundled font covers Latin, Greek and Cyrillic; anything else would print as empty
    boxes, so it is refused rather than silently lost. The refusal names the field and the
    characters at fault, never the text itself: a name is patient data, and messages reach
    screens and logs.
    """
    cleaned = unicodedata.normalize("NFC", str(text)).strip()
    if not multiline and ("\n" in cleaned or "\t" in cleaned):
        cleaned = " ".join(cleaned.split())
    if max_chars is not None and len(cleaned) > max_chars:
        raise InputError(
            field, None, f"is {len(cleaned):,} characters, longer than {max_chars} characters", "Jane Smith"
        )
    problems = {char: _problem(char) for char in dict.fromkeys(cleaned)}
    bad = [char for char, problem in problems.items() if problem]
    if bad:
        problem = problems[bad[0]] or ""
        same = [char for char in bad if problems[char] == problem]
        raise InputError(field, None, f"{problem}: {_named(same)}", "José Müller-Ñúñez")
    return cleaned


_UNIT_AFTER_NUMBER = re.compile(
    r"(?<=\d) (?=(?:mg/mL|g/mL|mg|mL|mcg|g|days?|weeks?|capsules?|cápsulas?|°C|%|×)(?![A-Za-z]))|(?<=×) (?=\d)"
)


def keep_units(text: str) -> str:
    """Join a number to its unit with a no-break space, so a line never ends in '0.5' with 'mg' below
    (nor '1' with 'cápsula de 1.5 mg' below)."""
    return _UNIT_AFTER_NUMBER.sub("\u00a0", text)


def keep_dates(text: str) -> str:
    """Join the parts of each date in the text with no-break spaces, so a line never ends in
    'from 30' with 'November 2027' below (nor '30 de' over 'noviembre de 2027'); the sentence
    around it still wraps between words. The dates are found as the current language writes them
    (ldn_desk.units.dates.written_dates): a document is laid out in its own language."""
    return written_dates(current_language()).sub(lambda found: found[0].replace(" ", "\u00a0"), text)


def last_words_together(text: str) -> str:
    """Rich text whose last two words never part ("suspensión oral", never "oral" alone on the
    last line of a product name): the space between them becomes a no-break space."""
    head, space, tail = text.rpartition(" ")
    return f"{head}\u00a0{tail}" if space and head and not head.endswith(">") else text


def markup(text: str, field: str = "text") -> str:
    """Plain text checked for the font and escaped for a ReportLab Paragraph: a number is never
    parted from its unit, nor a date from itself."""
    return keep_dates(keep_units(escape(printable(text, field, multiline=True)))).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle, field: str = "text") -> Paragraph:
    return Paragraph(markup(text, field), style)


def bold_lead(lead: str, text: str, style: ParagraphStyle, field: str = "text") -> Paragraph:
    """A paragraph starting with a bold label: 'Patient: José'."""
    return Paragraph(f"<b>{markup(lead)}</b> {markup(text, field)}", style)


# ---------------------------------------------------------------- paper


def _letter_territories() -> frozenset[str]:
    return frozenset(labels_table().paper.letter_territories)


def default_paper(environ: Mapping[str, str] | None = None) -> str:
    """Letter where the locale's territory uses it (CLDR), A4 everywhere else."""
    env = os.environ if environ is None else environ
    for key in ("LC_PAPER", "LC_ALL", "LANG"):
        value = env.get(key, "")
        if value and value not in {"C", "POSIX"} and not value.startswith("C."):
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "letter" if territory in _letter_territories() else "a4"
    return "a4"


def parse_paper(text: str | None, field: str = "paper") -> str:
    if text is None or not str(text).strip():
        return default_paper()
    key = str(text).strip().lower()
    if key not in PAPER_SIZES:
        raise InputError(field, str(text), f"is not one of {', '.join(PAPER_SIZES)}", "a4")
    return key


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    """Paragraph styles at one base size; large print scales them all."""

    size: float
    body: ParagraphStyle
    bold: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    warning_title: ParagraphStyle
    bullet: ParagraphStyle


def make_styles(size: float, *, smallest: float = 0.0) -> Styles:
    """Styles at base size `size`; none smaller than `smallest` (large print keeps even the small
    print large). List bullets and numbers use the bundled font at the text's size."""
    register_fonts()

    def style(name: str, font: str = FONT, scale: float = 1.0, **extra: Any) -> ParagraphStyle:
        font_size = max(round(size * scale, 1), smallest)
        options: dict[str, Any] = {
            "fontName": font,
            "fontSize": font_size,
            "leading": round(font_size * 1.28, 1),
            "alignment": TA_LEFT,
            "textColor": INK,
            "splitLongWords": True,
            # ReportLab draws bullets in Helvetica 10 pt unless told: not embedded, and small in large print.
            "bulletFontName": FONT,
            "bulletFontSize": font_size,
            # A paragraph never leaves its last line alone at the head of the next page.
            "allowWidows": 0,
        }
        options.update(extra)
        return ParagraphStyle(name, **options)

    return Styles(
        size=size,
        body=style("body", spaceAfter=size * 0.35),
        bold=style("bold", FONT_BOLD, spaceAfter=size * 0.35),
        small=style("small", scale=0.75, textColor=GREY),
        title=style("title", FONT_BOLD, 1.6, spaceAfter=size * 0.3),
        heading=style(
            "heading", FONT_BOLD, 1.25, spaceBefore=size * 0.9, spaceAfter=size * 0.4, keepWithNext=1
        ),
        subheading=style(
            "subheading", FONT_BOLD, 1.05, spaceBefore=size * 0.5, spaceAfter=size * 0.2, keepWithNext=1
        ),
        cell=style("cell", scale=0.9),
        cell_bold=style("cell_bold", FONT_BOLD, 0.9),
        warning_title=style("warning_title", FONT_BOLD, 1.15, spaceAfter=size * 0.3),
        bullet=style("bullet", leftIndent=size * 1.2, bulletIndent=size * 0.2, spaceAfter=size * 0.25),
    )


KEPT_ROWS = 2  # a table split over pages keeps at least this many rows on each side of the break


class KeptRowsTable(Table):  # type: ignore[misc]
    """A Table that never leaves a lone row at the foot or the head of a page: a split keeps at
    least KEPT_ROWS body rows on each side, else the table starts on the next page. Plain-text
    cells (the empty cells under a span) use the bundled font, not ReportLab's unembedded Helvetica."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT)]))

    def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[Flowable]:
        repeat = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
        # Set afresh for this table at every split: ReportLab shifts the range it copies to the rest.
        self._rowSplitRange = (repeat + KEPT_ROWS, -KEPT_ROWS)
        parts: list[Flowable] = super()._splitRows(availHeight, doInRowSplit)
        return parts


def grid_table(
    rows: Sequence[Sequence[Flowable]],
    widths: Sequence[float],
    *,
    row_heights: Sequence[float | None] | None = None,
    style: Sequence[tuple[Any, ...]] = (),
    table_class: type[KeptRowsTable] = KeptRowsTable,
) -> Table:
    """A table ruled all over, its first row shaded and repeated on each page; `style` adds to that."""
    table = table_class(rows, colWidths=widths, rowHeights=row_heights, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *style,
            ]
        )
    )
    return table


def bullets(lines: Sequence[str], styles: Styles, field: str = "text") -> list[Flowable]:
    return [Paragraph(markup(line, field), styles.bullet, bulletText="•") for line in lines]


# ---------------------------------------------------------------- building


@dataclass(frozen=True)
class PageSetup:
    """Paper, margins and type size for one document."""

    paper: str = "a4"
    large_print: bool = False
    margin_mm: float = 15.0

    def __post_init__(self) -> None:
        if self.paper not in PAPER_SIZES:
            raise InputError("paper", self.paper, f"is not one of {', '.join(PAPER_SIZES)}", "a4")
        if not 5 <= self.margin_mm <= 40:
            raise InputError(
                "margin", f"{format_number(self.margin_mm, 1)} mm", "must be between 5 and 40 mm", "15 mm"
            )

    @property
    def size(self) -> tuple[float, float]:
        return PAPER_SIZES[self.paper]

    @property
    def margin(self) -> float:
        return float(self.margin_mm * mm)

    @property
    def frame_width(self) -> float:
        return self.size[0] - 2 * self.margin


FooterText = Callable[[int, int], str]
FOOTER_PARTS = " · "  # a footer's parts: the name, the document and date, then the page number


def footer_markup(text: str) -> str:
    """The footer ready to draw: a long name may wrap, but the last part ("page 5 of 10", "página 5
    de 10") never breaks, so no line holds a lone "10"; each " · " stays with the part before it,
    so no line starts with the dot."""
    joined = "\u00a0· "
    head, parted, last = text.rpartition(FOOTER_PARTS)
    if not parted:
        return markup(text, "footer").replace(FOOTER_PARTS, joined)
    return (
        markup(head, "footer").replace(FOOTER_PARTS, joined)
        + joined
        + markup(last, "footer").replace(" ", "\u00a0")
    )


FOOTER_FOOT = 0.55  # the footer's last line sits this share of the margin above the page edge


def _numbered_canvas(footer: FooterText, styles: Styles, setup: PageSetup) -> type[Canvas]:
    """A canvas that holds its pages until the end so each footer can say 'page 2 of 5'."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                self._draw_footer(footer(number, total))
                super().showPage()
            super().save()

        def _draw_footer(self, text: str) -> None:
            # The footer's foot stays where one line would sit and a long name wraps upward, into
            # the room build_pdf keeps for it, never down off the page's printable area.
            paragraph = Paragraph(footer_markup(text), styles.small)
            paragraph.wrap(setup.frame_width, setup.margin * 3)
            paragraph.drawOn(self, setup.margin, setup.margin * FOOTER_FOOT)

    return NumberedCanvas


def build_pdf(
    story: Sequence[Flowable],
    setup: PageSetup,
    styles: Styles,
    *,
    title: str,
    author: str,
    footer: FooterText,
) -> bytes:
    """Lay out `story` on numbered pages and return the PDF bytes, identical for identical input."""
    register_fonts()
    buffer = io.BytesIO()
    # Room for the footer as long as it gets (a long name may wrap it onto more lines).
    _, footer_height = Paragraph(footer_markup(footer(999, 999)), styles.small).wrap(setup.frame_width, 1e6)
    bottom = setup.margin + footer_height + styles.small.fontSize
    doc = BaseDocTemplate(
        buffer,
        pagesize=setup.size,
        leftMargin=setup.margin,
        rightMargin=setup.margin,
        topMargin=setup.margin,
        bottomMargin=bottom,
        title=title,
        author=author,
        creator=CREATOR,
        producer=CREATOR,
        subject=title,
        invariant=1,
        # The bundled font from the start: ReportLab's default Helvetica is listed, never embedded.
        initialFontName=FONT,
    )
    frame = Frame(
        setup.margin,
        bottom,
        setup.frame_width,
        setup.size[1] - setup.margin - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=_numbered_canvas(footer, styles, setup))
    return buffer.getvalue()


def new_canvas(buffer: io.BytesIO, size: tuple[float, float], *, title: str, author: str) -> Canvas:
    """A bare canvas for pages drawn by hand (labels), in the same reproducible mode."""
    register_fonts()
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1, initialFontName=FONT)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator(CREATOR)
    canvas.setProducer(CREATOR)
    canvas.setSubject(title)
    return canvas


_PAGE_OBJECT = re.compile(rb"/Type /Page(?![s\w])")


def page_count(pdf: bytes) -> int:
    """Pages in a PDF this module wrote (ReportLab writes each page object uncompressed)."""
    return len(_PAGE_OBJECT.findall(pdf))


def write_pdf(pdf: bytes, path: str | os.PathLike[str], example: str = "document.pdf") -> Path:
    """Write the bytes to `path` (a folder that exists) atomically and privately (see
    ldn_desk.private_file); a failure is an InputError naming the output, the old file untouched."""
    return write_document(pdf, path, ".pdf", example)
