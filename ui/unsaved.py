"""Unsaved work: asking before it is thrown away (closing, quitting, opening another plan)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QMessageBox, QWidget


class Answer(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, what: str, doing: str) -> Answer:
    """Save, Discard or Cancel for unsaved `what` ("the plan") before `doing` ("closing")."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"{what[:1].upper()}{what[1:]} has changes that are not saved. Save them before {doing}?",
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    if answer == buttons.Save:
        return Answer.SAVE
    if answer == buttons.Discard:
        return Answer.DISCARD
    return Answer.CANCEL
