"""Undo and redo of plan edits (holds, step backs, halvings, undo all) and of the plan's entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from ldn_desk.desk import PlanEdit
    from ui.pages.plan.page import PlanPage
    from ui.widgets.fields import ParsedField


class AddEdit(QUndoCommand):
    """One edit added to the plan (a hold, a step back, a halving)."""

    def __init__(self, page: PlanPage, name: str, edit: PlanEdit) -> None:
        super().__init__(name)
        self.page, self.item = page, (name, edit)

    def redo(self) -> None:
        self.page.edits.append(self.item)
        self.page.recompute()

    def undo(self) -> None:
        if self.page.edits and self.page.edits[-1] == self.item:
            self.page.edits.pop()
        self.page.recompute()


class ClearEdits(QUndoCommand):
    """Every edit taken off the plan ("Undo all changes"); undone, they come back in order."""

    def __init__(self, page: PlanPage) -> None:
        super().__init__("undo all changes")
        self.page, self.before = page, list(page.edits)

    def redo(self) -> None:
        self.page.edits.clear()
        self.page.recompute()

    def undo(self) -> None:
        self.page.edits[:] = self.before
        self.page.recompute()


class ChangeEntry(QUndoCommand):
    """An entry (target, length, start date…) changed from one text to another."""

    def __init__(self, page: PlanPage, field: ParsedField, before: str, after: str) -> None:
        super().__init__(f"change of {field.label}")
        self.page, self.field, self.before, self.after = page, field, before, after

    def _set(self, text: str) -> None:
        self.page.committed[self.field] = text
        if self.field.text() != text:
            self.field.set_text(text)

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)
