"""The handout's cut-out wallet card: front and back panels with cut and fold lines.

Normal print: two credit-card panels (ISO/IEC 7810 ID-1, 85.6 × 54 mm) side by side, folded to
one card. Large print: two A7 panels (105 × 74 mm) one above the other, so the type stays large.
The text takes the largest size that fits, never under the document's smallest; a panel that
still cannot hold it (very long names) grows taller rather than losing a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from ldn_desk.documents.pdfbase import FONT, FONT_BOLD, GREY, INK, Styles, markup

_ID1_MM = (85.6, 54.0)
_A7_MM = (105.0, 74.0)
_PAD = 3 * mm
_CUT = (3, 2)  # dash pattern of the cut line (on, off) in points
_FOLD = (1, 2)


@dataclass(frozen=True)
class CardText:
    """One panel: a bold title and its lines."""

    title: str
    lines: tuple[str, ...]


def _panel(text: CardText, size: float) -> list[Paragraph]:
    title = ParagraphStyle("card_title", fontName=FONT_BOLD, fontSize=size * 1.1, leading=size * 1.35,
                           textColor=INK, spaceAfter=size * 0.3)  # fmt: skip
    body = ParagraphStyle("card_line", fontName=FONT, fontSize=size, leading=size * 1.22, textColor=INK,
                          spaceAfter=size * 0.25)  # fmt: skip
    return [Paragraph(markup(text.title), title), *[Paragraph(markup(line), body) for line in text.lines]]


def _height(paragraphs: Sequence[Paragraph], width: float) -> float:
    return float(sum(p.wrap(width, 1e6)[1] + p.style.spaceAfter for p in paragraphs))


def wallet_card(front: CardText, back: CardText, styles: Styles, *, large_print: bool) -> Table:
    """The card as one flowable that never splits over pages."""
    panel_w, panel_h = (
        (_A7_MM if large_print else _ID1_MM)[0] * mm,
        (_A7_MM if large_print else _ID1_MM)[1] * mm,
    )
    inner_w, inner_h = panel_w - 2 * _PAD, panel_h - 2 * _PAD
    smallest = styles.small.fontSize
    size = styles.size
    while True:
        panels = [_panel(front, size), _panel(back, size)]
        needed = max(_height(p, inner_w) for p in panels)
        if needed <= inner_h or size <= smallest:
            break
        size = max(smallest, size - 0.5)
    height = max(panel_h, needed + 2 * _PAD)
    common: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *[(side, (0, 0), (-1, -1), _PAD) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")],
        ("BOX", (0, 0), (-1, -1), 0.8, GREY, None, _CUT),
    ]  # fmt: skip
    if large_print:  # one above the other: fold along the line between them
        table = Table(
            [[panels[0]], [panels[1]]], colWidths=[panel_w], rowHeights=[height, height], hAlign="LEFT"
        )
        table.setStyle(TableStyle([*common, ("LINEBELOW", (0, 0), (0, 0), 0.6, GREY, None, _FOLD)]))
    else:  # side by side: fold along the line between them
        table = Table([panels], colWidths=[panel_w, panel_w], rowHeights=[height], hAlign="LEFT")
        table.setStyle(TableStyle([*common, ("LINEAFTER", (0, 0), (0, 0), 0.6, GREY, None, _FOLD)]))
    return table


__all__ = ["CardText", "wallet_card"]
