"""The review visit for the saved plan open on the Titration page: the diary week by week, the dose
and each measure on one time axis, the mean at each dose, and the decision with its reason.

Every rule is the core's (Desk.add_diary_week, Desk.decide_review): a week typed here is saved as
the plan's next version, a decision as the next phase's version; the Titration page then shows
that phase, so its handout prints as any other.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import core_error, translate
from ui.widgets.fields import date_field
from ui.widgets.forms import add_rows, hint_shown_whole, line_edit, message_label, wrapped_label
from ui.widgets.required import RequiredFields
from ui.widgets.screen import fit_window

if TYPE_CHECKING:
    from ldn_desk.desk import Desk, PlanReview
    from ldn_desk.desk.log import SavedPlan

_FIXED = 1  # the week column; the measures, side effects and notes follow
_DOSE = QColor("#1F4E79")
_MEASURE = QColor("#6A3D9A")
_REVIEW = QColor("#B03A2E")


class ResponseChart(QWidget):
    """The daily dose, then each measure with a recorded value in its own band, all on the plan's
    weeks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review: PlanReview | None = None
        self.note = ""  # under the week numbers when the diary holds no value of any measure
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(translate("Dose and diary over the weeks"))

    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def set_review(self, review: PlanReview | None) -> None:
        self.review = review
        self.note = ""
        if review is not None:
            if not review.recorded_measures:  # as the summary says: the chart shows the dose only
                self.note = translate(
                    "No measure has been recorded in the diary yet: the chart shows the dose only."
                )
            rows = "; ".join(f"{row.dose_text}: pain {row.means['pain'].text()}" for row in review.summary)
            described = translate("Dose and diary over {weeks} weeks. {rows}").format(
                weeks=len(review.weeks), rows=rows
            )
            self.setAccessibleDescription(f"{described} {self.note}".strip())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        review = self.review
        if review is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(70)
        font = QFont(self.font())
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line = metrics.height()
        weeks = len(review.weeks)
        measures = review.recorded_measures  # a band only for a measure with a value: no empty frames
        left = metrics.horizontalAdvance("activities 00") + 8
        right = self.width() - 10
        note = self.note  # wrapped to the plot's width, its lines kept free under the week numbers
        wrap = int(Qt.TextFlag.TextWordWrap)
        note_box = QRectF(left, 0, right - left, self.height())
        note_height = metrics.boundingRect(note_box.toRect(), wrap, note).height() + line * 0.4 if note else 0
        height = self.height() - note_height
        bands = 1 + len(measures)
        axis = line * 1.8
        band = (height - axis - 4) / bands

        def x_of(day: float) -> float:
            return left + (day - 1) / (weeks * 7) * (right - left)

        plan = review.plan
        top_dose = max(s.dose_mg for s in plan.steps)
        for index in range(bands):
            top = index * band + line * 1.1
            bottom = (index + 1) * band - 2
            painter.setPen(QPen(grid, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(left, top, right - left, bottom - top))
            painter.setPen(text)
            title = translate("Daily dose") if index == 0 else measures[index - 1].title
            painter.drawText(QPointF(left, top - 3), title)
            if index == 0:
                pen = QPen(_DOSE, 2.5)
                painter.setPen(pen)
                for step in plan.steps:
                    if step.from_day > weeks * 7:
                        break
                    end = min(step.to_day or weeks * 7, weeks * 7)
                    y = bottom - step.dose_mg / top_dose * (bottom - top - line * 0.5)
                    painter.drawLine(QPointF(x_of(step.from_day), y), QPointF(x_of(end + 1), y))
                painter.setPen(text)
                painter.drawText(
                    QPointF(4, top + line * 0.8), plan.steps[-1].dose_text if len(plan.steps) else ""
                )
                if plan.review_day <= weeks * 7:
                    painter.setPen(QPen(_REVIEW, 1.2, Qt.PenStyle.DashLine))
                    x = x_of(plan.review_day)
                    painter.drawLine(QPointF(x, top), QPointF(x, height - axis))
                continue
            item = measures[index - 1]
            low, high = (1.0, float(len(item.words))) if item.words else (item.low, item.high)
            labels = (item.words[0], item.words[-1]) if item.words else (f"{item.low:g}", f"{item.high:g}")
            painter.drawText(QPointF(4, bottom - 2), labels[0])
            painter.drawText(QPointF(4, top + line * 0.8), labels[1])
            previous: QPointF | None = None
            for week in range(1, weeks + 1):
                entry = review.review.entry(week)
                score = None if entry is None else entry.score(item.key)
                if score is None:
                    previous = None  # a gap stays a gap
                    continue
                y = bottom - 4 - (score - low) / ((high - low) or 1) * (bottom - top - 8)
                point = QPointF(x_of(7 * week - 3), y)
                painter.setPen(QPen(_MEASURE, 1.6))
                painter.setBrush(_MEASURE)
                painter.drawEllipse(point, 3, 3)
                if previous is not None:
                    painter.drawLine(previous, point)
                previous = point
        painter.setPen(text)
        every = 1 if weeks <= 12 else 2
        for week in range(1, weeks + 1, every):
            painter.drawText(QPointF(x_of(7 * (week - 1) + 1) - 3, height - line * 0.6), str(week))
        if note:
            painter.drawText(QRectF(left, height, right - left, note_height), wrap, note)
        painter.end()


class ReviewDialog(QDialog):
    """The review of one saved plan: enter the diary, see dose and response, decide. plan_saved
    is emitted after each new version is saved (the Titration page shows the latest)."""

    plan_saved = Signal()

    def __init__(self, desk: Desk, saved: SavedPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.plan_id = saved.plan_id
        self.review: PlanReview | None = None
        self.decided: SavedPlan | None = None
        self.setWindowTitle(translate("Review visit — plan {plan}").format(plan=saved.plan_id))
        self.heading = wrapped_label()
        self.message = message_label()
        self.message.setAccessibleName(translate("Review messages"))
        measures = desk.review_measures()
        self.measure_keys = [m.key for m in measures]
        heads = [
            translate("Week"),
            *(m.title for m in measures),
            translate("Side effects"),
            translate("Notes"),
        ]
        self.diary = QTableWidget(0, len(heads))
        self.diary.setHorizontalHeaderLabels(heads)
        self.diary.setAccessibleName(translate("Diary, one row a week"))
        self.diary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.diary.horizontalHeader().setStretchLastSection(True)
        for column, item in enumerate(measures, _FIXED):
            header = self.diary.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(
                    translate("{measure}: {scale}; leave empty when not written").format(
                        measure=item.title, scale=item.scale_text
                    )
                )
        self.save_diary = QPushButton(translate("Save diary weeks"))
        self.save_diary.setToolTip(translate("Each changed week is saved as the plan's next version"))
        self.save_diary.clicked.connect(self.save_weeks)
        self.chart = ResponseChart()
        self.summary = QTableWidget(0, 0)
        self.summary.setAccessibleName(translate("Mean at each dose"))
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary_note = wrapped_label(
            translate(
                "Mean over the weeks spent wholly at each dose; weeks not written and empty measures are left "
                "out (n: the weeks counted). Words are scored by their place on the diary, 1 the first word. "
                "This describes what was recorded, not what caused it."
            )
        )
        self.decision = QComboBox()
        for key, title in desk.review_decisions().items():
            self.decision.addItem(title, key)
        # Each entry's hint read whole, in Spanish too (the form column widens to them).
        self.reason = hint_shown_whole(line_edit("why, e.g. pain no lower at 4.5 mg, vivid dreams"))
        self.prescriber = line_edit("prescriber's name (recorded as typed, not verified)")
        self.team = False  # the log has users: the decision is the signed-in user's, with the password
        self.to_dose = hint_shown_whole(
            line_edit("with an increase: new target, e.g. 6 mg (empty: one step)")
        )
        # The day of the review, read at the field (2027-01-26), with a calendar beside it.
        self.date = date_field("date", dt.date.today().isoformat())
        decide = QPushButton(translate("Record the decision"))
        decide.clicked.connect(self.record_decision)
        self.decide_button = decide
        group = QGroupBox(translate("The decision"))
        form = add_rows(
            QFormLayout(),
            [("Decision:", self.decision), ("Reason:", self.reason), ("Prescriber:", self.prescriber),
             ("Increase to:", self.to_dose), ("Date:", self.date), ("", decide)],
        )  # fmt: skip
        group.setLayout(form)
        # The reason, the date and (in a log without users) the prescriber are required; the
        # note under the button names what is still empty.
        self.required = RequiredFields(decide)
        self.required.add_form(form, self.reason, self.date)
        self.required.add_form(form, self.prescriber, wanted=lambda: not self.team)
        form.addRow("", self.required.note)
        self.decision_text = wrapped_label()
        self.summary_button = QPushButton(translate("Save the review summary PDF…"))
        self.summary_button.clicked.connect(self.save_summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary_button)
        buttons.addStretch(1)
        close = QPushButton(translate("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(translate("Diary as the patient wrote it (empty: not written):")))
        left_layout.addWidget(self.diary, 3)
        left_layout.addWidget(self.save_diary)
        left_layout.addWidget(QLabel(translate("Mean at each dose:")))
        left_layout.addWidget(self.summary, 1)
        left_layout.addWidget(self.summary_note)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.chart, 3)
        right_layout.addWidget(group)
        right_layout.addWidget(self.decision_text)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([600, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()
        fit_window(self, 1100, 760)  # as much of that as the screen it opens on allows

    # --- showing ---------------------------------------------------------------------------------
    def reload(self) -> None:
        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError

        try:
            with Store.open_default() as store:
                self.review = self.desk.open_review(store, self.plan_id)
                self.team = store.has_users()
        except LdnDeskError as error:
            self.message.setText(core_error(error))
            return
        self.show_prescriber()
        self.show_review(self.review)

    def show_prescriber(self) -> None:
        """In a log with users the prescriber is who is working (asked for the password on
        recording), not typed; in one without, the typed name as before."""
        from ui.team import role_name, session

        self.prescriber.setReadOnly(self.team)
        self.prescriber.setEnabled(not self.team)
        if not self.team:
            self.prescriber.setPlaceholderText(
                translate("prescriber's name (recorded as typed, not verified)")
            )
            hint_shown_whole(self.prescriber)
            return
        user = session.user
        self.prescriber.setText(
            ""
            if user is None
            else translate("{user} ({role}), signed in").format(user=user.name, role=role_name(user.role))
        )
        # Short enough to be read whole in the field; the tip says the password is asked.
        self.prescriber.setPlaceholderText(translate("signed-in prescriber (Team ▸ Switch user)"))
        hint_shown_whole(self.prescriber)
        self.prescriber.setToolTip(
            translate(
                "This log has users: the decision is recorded as the signed-in prescriber or pharmacist, "
                "verified with the password (Team ▸ Switch user changes who is working)"
            )
        )

    def show_review(self, review: PlanReview) -> None:
        plan = review.plan
        self.heading.setText(
            translate(
                "Plan {plan}, version {version} ({change}), for {patient}: {protocol} from {start}, review due {due}."
            ).format(
                plan=review.plan_id, version=review.version, change=review.change, patient=review.patient,
                protocol=plan.protocol_name, start=plan.start_date.isoformat(), due=plan.review_date.isoformat(),
            )
        )  # fmt: skip
        weeks = review.weeks
        self.diary.setRowCount(len(weeks))
        by_key = {m.key: m for m in self.desk.review_measures()}
        for row, week in enumerate(weeks):
            label = QTableWidgetItem(f"{week.week}: {week.first.isoformat()} · {week.dose_text}")
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.diary.setItem(row, 0, label)
            entry = review.review.entry(week.week)
            for column, key in enumerate(self.measure_keys, _FIXED):
                score = None if entry is None else entry.score(key)
                self.diary.setItem(
                    row, column, QTableWidgetItem("" if score is None else by_key[key].score_text(score))
                )
            extra = len(self.measure_keys) + _FIXED
            self.diary.setItem(row, extra, QTableWidgetItem("" if entry is None else entry.side_effects))
            self.diary.setItem(row, extra + 1, QTableWidgetItem("" if entry is None else entry.notes))
        self._shown = self._rows()
        measures = review.measures
        self.summary.setColumnCount(2 + len(measures))
        self.summary.setHorizontalHeaderLabels(
            [translate("Dose"), translate("Weeks"), *(m.title for m in measures)]
        )
        rows = review.summary
        self.summary.setRowCount(len(rows))
        for row, dose in enumerate(rows):
            cells = [dose.dose_text, ", ".join(map(str, dose.weeks)),
                     *(dose.means[m.key].text(1 if m.decimals == 0 else 2) for m in measures)]  # fmt: skip
            for column, value in enumerate(cells):
                self.summary.setItem(row, column, QTableWidgetItem(value))
        self.summary.resizeColumnsToContents()
        self.chart.set_review(review)
        decision = review.review.decision
        stopped = review.stopped
        self.save_diary.setEnabled(not stopped)
        self.decide_button.setEnabled(not stopped)
        if decision is None:
            self.decision_text.setText(translate("No decision recorded for this phase yet."))
        else:
            follow = (
                translate("The trial is stopped.")
                if stopped
                else translate("Now: {steps}.").format(
                    steps=translate(", then ").join(s.directions for s in plan.steps)
                )
            )
            self.decision_text.setText(
                translate("Last decision ({date}): {decision}. Reason: {reason}. Prescriber: {prescriber}. {follow}")
                .format(date=decision.decided_on.isoformat(), decision=decision.title, reason=decision.reason,
                        prescriber=decision.prescriber_text, follow=follow)
            )  # fmt: skip

    def _rows(self) -> dict[int, dict[str, str]]:
        out: dict[int, dict[str, str]] = {}
        review = self.review
        if review is None:
            return out
        for row, week in enumerate(review.weeks):
            values = {}
            for column, key in enumerate([*self.measure_keys, "side_effects", "notes"], _FIXED):
                item = self.diary.item(row, column)
                values[key] = "" if item is None else item.text()
            out[week.week] = values
        return out

    def typed(self) -> dict[str, Any]:
        """What was typed and not yet saved (the decision's entries, diary weeks changed), to
        show again when the dialog is closed and opened again."""
        changed = {week: values for week, values in self._rows().items() if values != self._shown.get(week)}
        edits = {"reason": self.reason, "to_dose": self.to_dose}
        if not self.team:
            edits["prescriber"] = self.prescriber
        return {"decision": self.decision.currentIndex(), "diary": changed, "date": self.date.text(),
                **{key: edit.text() for key, edit in edits.items()}}  # fmt: skip

    def restore(self, typed: dict[str, Any]) -> None:
        self.decision.setCurrentIndex(int(typed.get("decision", self.decision.currentIndex())))
        for key in ("reason", "to_dose", "prescriber"):
            if key in typed and not (key == "prescriber" and self.team):
                getattr(self, key).setText(str(typed[key]))
        if "date" in typed:
            self.date.set_text(str(typed["date"]))
        review, diary = self.review, typed.get("diary", {})
        for row, week in enumerate(review.weeks if review else ()):
            for column, key in enumerate([*self.measure_keys, "side_effects", "notes"], _FIXED):
                value = diary.get(week.week, {}).get(key)
                item = self.diary.item(row, column)
                if value is not None and item is not None:
                    item.setText(value)

    # --- saving ----------------------------------------------------------------------------------
    def save_weeks(self) -> int:
        """Save each week whose cells changed; the first refusal stops, naming the week and field."""
        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError

        review = self.review
        if review is None:
            return 0
        changed = {week: values for week, values in self._rows().items() if values != self._shown.get(week)}
        saved = 0
        version: int | None = review.version
        try:
            with Store.open_default() as store:
                for week, values in changed.items():
                    kept = self.desk.add_diary_week(store, self.plan_id, version, week, **values)
                    version, saved = kept.version, saved + 1
        except LdnDeskError as error:
            self.message.setText(translate("Week {week} not saved: {error}").format(week=week, error=error))
            self._after_save(saved, keep_message=True)
            return saved
        if not saved:
            said = translate("No week changed.")
        else:
            said = (
                translate("Saved {count} diary week.")
                if saved == 1
                else translate("Saved {count} diary weeks.")
            )
        self.message.setText(said.format(count=saved))
        self._after_save(saved)
        return saved

    def _after_save(self, saved: int, *, keep_message: bool = False) -> None:
        if not saved:
            return
        self.plan_saved.emit()
        typed = self._rows()
        self.reload()
        if keep_message:  # keep what the person typed in the week that was refused
            for row, week in enumerate(self.review.weeks if self.review else ()):
                for column, key in enumerate([*self.measure_keys, "side_effects", "notes"], _FIXED):
                    value = typed.get(week.week, {}).get(key, "")
                    item = self.diary.item(row, column)
                    if item is not None and item.text() != value:
                        item.setText(value)

    def record_decision(self) -> SavedPlan | None:
        from ldn_desk.desk import Decision
        from ldn_desk.desk.log import Store
        from ldn_desk.errors import LdnDeskError
        from ldn_desk.units.dates import parse_date
        from ldn_desk.units.quantity import Kind, magnitude, parse_quantity

        review = self.review
        if review is None:
            return None
        if not self.required.check_all():
            self.message.setText(f"Decision not saved — {self.required.note.text()}")
            return None
        if self._rows() != self._shown:
            self.message.setText(
                translate("Save the diary weeks first: the decision is made on the saved diary.")
            )
            return None
        try:
            to_text = self.to_dose.text().strip()
            to_mg = (
                None if not to_text else magnitude(parse_quantity(to_text, Kind.MASS, "increase to"), "mg")
            )
            by = None
            if self.team:
                from ui.team import decision_credentials

                by = decision_credentials(self, self.plan_id)
                if by is None:
                    self.message.setText(translate("Decision not saved: no password given."))
                    return None
            decision = Decision(
                str(self.decision.currentData()), self.reason.text(),
                self.prescriber.text() if by is None else by.name, parse_date(self.date.text(), "date"), to_mg,
            )  # fmt: skip
            with Store.open_default() as store:
                saved = self.desk.decide_review(store, self.plan_id, review.version, decision, by=by)
        except LdnDeskError as error:
            self.message.setText(translate("Decision not saved: {error}").format(error=error))
            return None
        self.decided = saved
        self.plan_saved.emit()
        self.message.setText(
            translate(
                "Saved as version {version}. The Titration page now shows the next phase; print its handout there."
            ).format(version=saved.version)
        )
        self.reload()
        return saved

    def summary_pdf(self) -> bytes:
        assert self.review is not None
        return self.desk.review_summary_pdf(self.review)

    def save_summary(self) -> None:
        from ldn_desk.errors import LdnDeskError
        from ui.widgets.preview import save_pdf

        if self.review is None:
            return
        try:
            data = self.summary_pdf()
        except LdnDeskError as error:
            QMessageBox.warning(self, translate("Cannot make the review summary"), core_error(error))
            return
        save_pdf(data, translate("Review summary"), self)


__all__ = ["ResponseChart", "ReviewDialog"]
