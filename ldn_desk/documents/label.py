"""Container labels on a label sheet or a one-label page, laid out by a named layout from resources."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ldn_desk.documents.content import Directions, LabelContent, Recipe, label_content, rx_text
from ldn_desk.documents.info import PharmacyInfo
from ldn_desk.documents.pdfbase import (
    FONT,
    FONT_BOLD,
    GREY,
    INK,
    PAPER_SIZES,
    default_paper,
    last_words_together,
    markup,
    new_canvas,
)
from ldn_desk.errors import InputError
from ldn_desk.reference.labels import labels_table
from ldn_desk.units.language import current_language, speaking, tr

DEFAULT_LAYOUT = {"a4": "avery_l7163", "letter": "letter_5163"}
MAX_COPIES = 500
NO_BREAK = "\u00a0"
# Between the parts of a line: the dot stays with the part before it, so a wrapped line never
# starts with "· dispensed 1 March 2026".
SEPARATOR = f"{NO_BREAK}· "
_PAD = 2 * mm  # inner margin: printers drift by about a millimetre on label stock


@dataclass(frozen=True)
class LabelLayout:
    """Page and label geometry in points; labels are numbered across then down from the top left."""

    key: str
    title: str
    page_size: tuple[float, float]
    label_size: tuple[float, float]
    columns: int
    rows: int
    first: tuple[float, float]  # left edge, distance of the top edge from the page top
    pitch: tuple[float, float]

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def origin(self, position: int) -> tuple[float, float]:
        """Bottom-left corner of label `position` (0 is the top-left label)."""
        row, column = divmod(position, self.columns)
        x = self.first[0] + column * self.pitch[0]
        top = self.page_size[1] - self.first[1] - row * self.pitch[1]
        return x, top - self.label_size[1]


@cache
def layouts() -> dict[str, LabelLayout]:
    """The named layouts of resources/labels.toml."""
    out: dict[str, LabelLayout] = {}
    for key, entry in labels_table().layouts.items():
        if entry.page is not None:
            page = PAPER_SIZES[entry.page]
        else:
            page = (entry.page_size_mm[0] * mm, entry.page_size_mm[1] * mm)
        out[key] = LabelLayout(
            key=key,
            title=entry.title,
            page_size=(float(page[0]), float(page[1])),
            label_size=(entry.label_mm[0] * mm, entry.label_mm[1] * mm),
            columns=entry.columns,
            rows=entry.rows,
            first=(entry.first_mm[0] * mm, entry.first_mm[1] * mm),
            pitch=(entry.pitch_mm[0] * mm, entry.pitch_mm[1] * mm),
        )
    return out


def default_layout(paper: str | None = None) -> str:
    return DEFAULT_LAYOUT[paper or default_paper()]


def find_layout(name: str | None) -> LabelLayout:
    if name is None or not str(name).strip():
        return layouts()[default_layout()]
    key = str(name).strip().lower().replace("-", "_")
    retired = labels_table().retired_layouts.get(key)
    if retired is not None:
        raise InputError(
            "layout",
            str(name),
            f"is no longer offered: {retired.why}; use {retired.instead}",
            retired.instead,
        )
    if key not in layouts():
        raise InputError("layout", str(name), f"is not one of {', '.join(layouts())}", default_layout())
    return layouts()[key]


def _paragraphs(content: LabelContent, size: float, smallest: float) -> list[Paragraph]:
    """The label's lines at base size `size`; no line, the small ones included, under `smallest`."""

    def style(name: str, scale: float = 1.0, font: str = FONT, color: object = INK) -> ParagraphStyle:
        font_size = max(smallest, size * scale)
        return ParagraphStyle(
            name, fontName=font, fontSize=font_size, leading=font_size * 1.18, textColor=color
        )

    small = style("small", 0.85, color=GREY)
    body = style("body")
    bold = style("bold", font=FONT_BOLD)
    big = style("big", 1.15, FONT_BOLD)
    pharmacy = f"<b>{markup(content.pharmacy)}</b>"
    if content.contact:
        pharmacy += f"{SEPARATOR}{markup(content.contact)}"
    # Each warning stays whole on its line ("Protect from light", never "Protect" … "from light").
    warnings = SEPARATOR.join(w.replace(" ", NO_BREAK) for w in [content.storage, *content.auxiliary])
    bud = markup(content.bud_text).replace(" ", NO_BREAK)  # the date never splits across lines
    reason = f" {markup(content.bud_reason)}" if content.bud_reason else ""
    # "compounded 1 March 2026" and "dispensed 2 March 2026" each stay on one line.
    dates = SEPARATOR.join(markup(part).replace(" ", NO_BREAK) for part in content.date_text.split(" · "))
    paragraphs = [
        Paragraph(pharmacy, small),
        Paragraph(f"<b>{markup(rx_text(content.rx))}</b>{SEPARATOR}{dates}", small),
        Paragraph(markup(content.patient), big),
    ]
    if content.prescriber:
        paragraphs.append(Paragraph(markup(content.prescriber), small))
    return [
        *paragraphs,
        Paragraph(last_words_together(markup(content.preparation)), bold),  # "oral" never alone
        Paragraph(markup(content.directions), body),
        Paragraph(
            markup(tr("Quantity: {quantity}").format(quantity=content.quantity))
            + f"{SEPARATOR}<b>{markup(tr('Do not use after {date}')).format(date=bud)}</b>{reason}",
            body,
        ),
        Paragraph(markup(warnings), bold),
        Paragraph(markup(content.compounded), small),
    ]


def min_font_pt() -> float:
    """The smallest type any line of a label may have (resources/labels.toml)."""
    return labels_table().text.min_font_pt


def fit_label(content: LabelContent, layout: LabelLayout) -> tuple[list[Paragraph], list[float]]:
    """The label's paragraphs at the largest type size that fits; refuses a label too small to read."""
    text = labels_table().text
    width = layout.label_size[0] - 2 * _PAD
    height = layout.label_size[1] - 2 * _PAD
    size = text.max_font_pt
    smallest = min_font_pt()
    while size >= smallest:
        paragraphs = _paragraphs(content, size, smallest)
        heights = [p.wrap(width, height)[1] for p in paragraphs]
        if sum(heights) <= height:
            return paragraphs, heights
        size -= 0.25
    raise InputError(
        "layout",
        layout.key,
        f"is too small for this label's text at {smallest:g} pt or larger; choose a larger label",
        "avery_l7165" if layout.page_size == PAPER_SIZES["a4"] else "letter_5164",
    )


def _draw_label(canvas: Canvas, paragraphs: Sequence[Paragraph], heights: Sequence[float], x: float, y: float,
                layout: LabelLayout, outline: bool) -> None:  # fmt: skip
    if outline:
        canvas.saveState()
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.3)
        canvas.setDash(2, 2)
        canvas.roundRect(x, y, layout.label_size[0], layout.label_size[1], 2 * mm, stroke=1, fill=0)
        canvas.restoreState()
    top = y + layout.label_size[1] - _PAD
    for paragraph, height in zip(paragraphs, heights, strict=True):
        top -= height
        paragraph.drawOn(canvas, x + _PAD, top)


@dataclass(frozen=True)
class LabelPlacement:
    """Where `copies` labels go on a layout's sheets when the first `skip` are already used:
    (sheet, position) pairs numbered from 0, position across then down as on the sheet."""

    layout: LabelLayout
    copies: int
    skip: int
    spots: tuple[tuple[int, int], ...]
    max_copies: int = MAX_COPIES  # what one print may ask for

    @property
    def sheets(self) -> int:
        return self.spots[-1][0] + 1

    def on_sheet(self, sheet: int) -> frozenset[int]:
        return frozenset(position for page, position in self.spots if page == sheet)

    @property
    def text(self) -> str:
        """'3 labels on Avery L7163 (…): positions 5 to 7 of the first sheet (4 already used).'"""
        first = sorted(self.on_sheet(0))
        count = f"{self.copies} label{'s' if self.copies != 1 else ''}"
        where = (
            f"position {first[0] + 1}" if len(first) == 1 else f"positions {first[0] + 1} to {first[-1] + 1}"
        )
        more = (
            "" if self.sheets == 1 else f", then {self.sheets - 1} more sheet{'s' if self.sheets > 2 else ''}"
        )
        used = "" if not self.skip else f" ({self.skip} already used)"
        return f"{count} on {self.layout.title}: {where} of the first sheet{used}{more}."


def label_placement(layout: str | None = None, *, copies: int = 1, skip: int = 0) -> LabelPlacement:
    """Where the labels of label_pdf go, refused on the same terms (copies 1 to MAX_COPIES; skip
    0 to one less than the sheet holds)."""
    chosen = find_layout(layout)
    if not 1 <= copies <= MAX_COPIES:
        raise InputError("copies", str(copies), f"must be 1 to {MAX_COPIES}", "1")
    if not 0 <= skip < chosen.per_page:
        raise InputError("skip", str(skip), f"must be 0 to {chosen.per_page - 1} on {chosen.key}", "0")
    spots = tuple(divmod(skip + copy, chosen.per_page) for copy in range(copies))
    return LabelPlacement(chosen, copies, skip, spots)


def label_pdf(
    recipe: Recipe,
    info: PharmacyInfo,
    layout: str | None = None,
    *,
    copies: int = 1,
    skip: int = 0,
    directions: str | Directions | None = None,
    outline: bool = False,
    quantity_ml: float | None = None,
    language: str | None = None,
) -> bytes:
    """Container labels as PDF bytes: `copies` labels from position `skip` + 1 of the sheet (to use
    a part-used sheet), continuing on new sheets. `outline` draws cut lines for plain paper.
    `quantity_ml`: what the bottle holds when it is filled from a larger batch (a plan's fill).
    `language`: the patient's ('es'); None: English."""
    with speaking(language):
        return _label_pdf(recipe, info, layout, copies, skip, directions, outline, quantity_ml)


def _label_pdf(
    recipe: Recipe,
    info: PharmacyInfo,
    layout: str | None,
    copies: int,
    skip: int,
    directions: str | Directions | None,
    outline: bool,
    quantity_ml: float | None,
) -> bytes:
    placement = label_placement(layout, copies=copies, skip=skip)
    chosen = placement.layout
    content = label_content(recipe, info, directions, quantity_ml=quantity_ml, language=current_language())
    paragraphs, heights = fit_label(content, chosen)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, chosen.page_size, title=f"Label Rx {info.rx}", author=info.pharmacy)
    sheet = 0
    for page, position in placement.spots:
        if page != sheet:
            canvas.showPage()
            sheet = page
        x, y = chosen.origin(position)
        _draw_label(canvas, paragraphs, heights, x, y, chosen, outline)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


__all__ = [
    "DEFAULT_LAYOUT",
    "LabelLayout",
    "LabelPlacement",
    "default_layout",
    "find_layout",
    "fit_label",
    "label_pdf",
    "label_placement",
    "layouts",
    "min_font_pt",
]
