"""A small dose-over-time chart drawn with QPainter: one step line, labelled by the core's text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.i18n import translate
from ui.widgets.text import TextWidths


@dataclass(frozen=True)
class ChartStep:
    from_day: int
    to_day: int  # the last day drawn for this step (open steps end at the chart's end)
    dose_mg: float
    dose_text: str  # written by the core's formatter


class DoseChart(QWidget):
    """Daily dose (up) against plan day (across); marks the review day when there is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps: list[ChartStep] = []
        self.review_day: int | None = None
        self.review_text = ""
        self._widths = TextWidths()  # the labels' (a 101-step plan has some 200)
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(translate("Dose over time"))
        # Qt fills the chart with the Base colour before paintEvent. A fillRect there made PySide
        # build QGradient and its 169 presets (fillRect takes one) to choose the overload: 3 to
        # 6 ms of the first page.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)

    def sizeHint(self) -> QSize:
        return QSize(480, 150)

    def set_steps(
        self, steps: Sequence[ChartStep], review_day: int | None = None, review_text: str = ""
    ) -> None:
        self.steps = list(steps)
        self.review_day = review_day
        self.review_text = review_text
        summary = ", ".join(f"{s.dose_text} from day {s.from_day}" for s in self.steps)
        self.setAccessibleDescription(f"Dose over time: {summary}. {review_text}".strip())
        self.update()

    def clear(self) -> None:
        self.set_steps([])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.Text)
        if not self.steps:
            painter.setPen(text_color)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No plan to draw")
            return
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line_height = metrics.height()
        width_of = self._widths.measurer(metrics, font.key())
        label_width = max(width_of(s.dose_text) for s in self.steps) + 10
        plot = QRectF(label_width + 4, 10, self.width() - label_width - 18, self.height() - 34)
        last_day = max(s.to_day for s in self.steps)
        if self.review_day:
            last_day = max(last_day, self.review_day)
        top_mg = max(s.dose_mg for s in self.steps)
        left_x, plot_width = plot.left(), plot.width()
        bottom_y, plot_height = plot.bottom(), plot.height()

        def x(day: float) -> float:
            return left_x + (day - 1) / max(last_day, 1) * plot_width

        def y(dose: float) -> float:
            return bottom_y - dose / top_mg * plot_height * 0.92

        grid = QColor(text_color)
        grid.setAlpha(50)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
        # Dose labels on the left, skipping any that would overlap the one above.
        painter.setPen(text_color)
        # From the top dose down, each level is at or below the one placed last, so that one is
        # the nearest of those placed.
        placed: float | None = None
        for step in sorted(self.steps, key=lambda s: -s.dose_mg):
            level = y(step.dose_mg)
            if placed is not None and abs(level - placed) < line_height:
                continue
            placed = level
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), level), QPointF(plot.right(), level))
            painter.setPen(text_color)
            box = QRectF(0, level - line_height / 2, label_width, line_height)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, step.dose_text)
        # Day labels under the axis: the first day, each step's start if room, the last day.
        days = sorted({1, *(s.from_day for s in self.steps), last_day})
        right_edge = -1e9
        lowest, right, baseline = plot.left() - 4, plot.right(), plot.bottom() + metrics.ascent() + 4
        for day in days:
            text = translate("Day {day}").format(day=day) if day == 1 else str(day)
            width = width_of(text)
            left = min(max(x(day) - width / 2, lowest), right - width)
            if left < right_edge + 6:
                continue
            painter.drawText(QPointF(left, baseline), text)
            right_edge = left + width
        # The dose line: each step across, joined to the next by a rise (one polyline, not two
        # lines a step: a 101-step plan's chart is painted on every keystroke).
        line = QPen(palette.color(QPalette.ColorRole.Highlight), 2.5)
        painter.setPen(line)
        corners: list[QPointF] = []
        for step in self.steps:
            level = y(step.dose_mg)
            corners.append(QPointF(x(step.from_day), level))
            corners.append(QPointF(x(step.to_day + 1) if step.to_day < last_day else plot.right(), level))
        painter.drawPolyline(QPolygonF(corners))
        if self.review_day:
            review = QPen(text_color, 1.2, Qt.PenStyle.DashLine)
            painter.setPen(review)
            rx = x(self.review_day)
            painter.drawLine(QPointF(rx, plot.top()), QPointF(rx, plot.bottom()))
            label = translate("Review")
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(min(rx + 4, plot.right() - width), plot.top() + metrics.ascent()), label)
