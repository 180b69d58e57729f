"""Unsaved work: asking before it is thrown away (closing, quitting, opening another plan)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.i18n import translate


class Answer(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, what: str, doing: str) -> Answer:
    """Save, Discard or Cancel for unsaved `what` ("the plan") before `doing` ("closing"), both
    already in the app's language."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        translate("Unsaved changes"),
        translate("{what} has changes that are not saved. Save them before {doing}?").format(
            what=f"{what[:1].upper()}{what[1:]}", doing=doing
        ),
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    if answer == buttons.Save:
        return Answer.SAVE
    if answer == buttons.Discard:
        return Answer.DISCARD
    return Answer.CANCEL
