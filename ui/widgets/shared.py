"""One entry shown in several places: typed in any of them, the same text in all."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit


def share_text(edits: Sequence[QLineEdit]) -> None:
    """Keep these entries showing the same text (the patient's name on every page). The first
    non-empty one sets the others now; an edit that changes nothing stops the echo."""
    start = next((edit.text() for edit in edits if edit.text()), "")
    for edit in edits:
        if edit.text() != start:
            edit.setText(start)

    def copy(source: QLineEdit, text: str) -> None:
        for edit in edits:
            if edit is not source and edit.text() != text:
                edit.setText(text)

    for edit in edits:
        edit.textChanged.connect(lambda text, source=edit: copy(source, text))
