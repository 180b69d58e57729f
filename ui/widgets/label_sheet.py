"""The container label's own choices: how many, where on a part-used sheet they start, cut
lines, and a drawing of the sheet showing which positions are used and which are printed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QSpinBox, QWidget

from ui.i18n import core_error, translate
from ui.widgets.forms import add_rows, wrapped_label

if TYPE_CHECKING:
    from ldn_desk.desk import Desk, LabelPlacement

# The sheet drawing's colours: a used (skipped) position, one this print fills, one left free.
_USED = QColor("#9e9e9e")
_PRINTED = QColor("#1565c0")
_FREE = QColor("#ffffff")


class SheetDiagram(QWidget):
    """The first sheet of the label layout, to scale, each position filled as the print will."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placement: LabelPlacement | None = None
        self.setMinimumSize(90, 120)
        self.setAccessibleName(translate("Label sheet"))

    def set_placement(self, placement: LabelPlacement | None) -> None:
        self.placement = placement
        self.setAccessibleDescription(placement.text if placement is not None else "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        placement = self.placement
        if placement is None:
            return
        layout = placement.layout
        page_w, page_h = layout.page_size
        scale = min((self.width() - 2) / page_w, (self.height() - 2) / page_h)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#616161"), 1))
        painter.setBrush(QColor("#fafafa"))
        painter.drawRect(QRectF(1, 1, page_w * scale, page_h * scale))
        printed = placement.on_sheet(0)
        label_w, label_h = layout.label_size
        for position in range(layout.per_page):
            x, y = layout.origin(position)  # PDF points, from the bottom left
            box = QRectF(1 + x * scale, 1 + (page_h - y - label_h) * scale, label_w * scale, label_h * scale)
            colour = _PRINTED if position in printed else _USED if position < placement.skip else _FREE
            painter.setBrush(colour)
            painter.drawRoundedRect(box, 2, 2)
        painter.end()


class LabelOptions(QGroupBox):
    """Copies, the first free position of the sheet, cut lines; the sheet they land on."""

    options_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Container label"), parent)
        self.copies = QSpinBox()
        self.copies.setRange(1, 1)  # the facade's limits arrive with the layout (refresh)
        self.copies.setToolTip(translate("How many labels to print"))
        self.start_at = QSpinBox()
        self.start_at.setRange(1, 1)
        self.start_at.setPrefix(translate("label "))
        self.start_at.setToolTip(
            translate("On a part-used sheet: the first free label, counted across then down")
        )
        self.outline = QCheckBox(translate("Draw cut lines (plain paper)"))
        self.sheet = SheetDiagram()
        self.where = wrapped_label()
        add_rows(
            QFormLayout(self),
            [
                ("Copies:", self.copies),
                ("Start at:", self.start_at),
                ("", self.outline),
                ("Sheet:", self.sheet),
                ("", self.where),
            ],
        )
        for spin in (self.copies, self.start_at):
            spin.valueChanged.connect(self.refresh)
        self.outline.toggled.connect(self.options_changed)
        self._desk: Desk | None = None

    @property
    def skip(self) -> int:
        return self.start_at.value() - 1

    def set_desk(self, desk: Desk) -> None:
        """The layout comes from Settings: the facade says what it holds and where labels go."""
        self._desk = desk
        self.refresh()

    def refresh(self) -> None:
        from ldn_desk.errors import LdnDeskError

        if self._desk is None:
            return
        try:
            layout = self._desk.label_layout()
            self.start_at.blockSignals(True)
            self.start_at.setMaximum(layout.per_page)
            self.start_at.blockSignals(False)
            placement = self._desk.label_placement(copies=self.copies.value(), skip=self.skip)
            self.copies.blockSignals(True)
            self.copies.setMaximum(placement.max_copies)
            self.copies.blockSignals(False)
        except LdnDeskError as error:
            self.sheet.set_placement(None)
            self.where.setText(core_error(error))
        else:
            self.sheet.set_placement(placement)
            self.where.setText(placement.text)
        self.options_changed.emit()
