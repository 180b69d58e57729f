"""One table model over the log's records (RecordSummary rows), fetched a page at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ui.i18n import translate
from ui.models.table import AnyIndex, RowsModel

# (offset, limit) -> the records on that page, newest first: Store.search with the filters bound.
Fetch = Callable[[int, int], Sequence[Any]]

# A page of 100 takes milliseconds even in a log of 100,000 records; the view asks for the next
# page only when it is scrolled to the end.
PAGE_SIZE = 100


def status_text(summary: Any) -> str:
    """'Draft', 'Signed' or 'Signed, replaced by 12': never colour alone."""
    text = translate("Signed") if summary.status == "signed" else translate("Draft")
    if summary.superseded_by is not None:
        text += translate(", replaced by {record}").format(record=summary.superseded_by)
    return text


class LogModel(RowsModel):
    """Read-only rows; `set_fetch` starts again from the first page, `fetchMore` adds the next."""

    HEADERS = ("Record", "Compounded", "Kind", "Rx", "Patient", "Status", "BUD", "Lots", "Compounded by")

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._fetch: Fetch | None = None
        self._more = False
        self.page_size = page_size

    # Rows -------------------------------------------------------------------------------------
    def set_fetch(self, fetch: Fetch | None) -> None:
        """New filters (or no log): the first page of what `fetch` finds, or no rows."""
        # Fetched before the reset: a refused search leaves the model as it was, never half-reset.
        first = [] if fetch is None else list(fetch(0, self.page_size + 1))
        self.beginResetModel()
        self._fetch = fetch
        self._more = len(first) > self.page_size
        self._rows = first[: self.page_size]
        self.endResetModel()

    def clear(self) -> None:
        self.set_fetch(None)

    def row_of(self, record_id: int) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == record_id:
                return row
        return None

    @property
    def has_more(self) -> bool:
        return self._more

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._more and self._fetch is not None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        found = list(self._fetch(len(self._rows), self.page_size + 1))
        self._more = len(found) > self.page_size
        found = found[: self.page_size]
        if not found:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(found) - 1)
        self._rows.extend(found)
        self.endInsertRows()

    # What the cells show ------------------------------------------------------------------------
    def _role_data(self, summary: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == 5:
            from ui.widgets.icons import icon

            return icon("ok" if summary.status == "signed" else "info")
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and summary.superseded_by is not None:
            return translate("Corrected: record {record} is the newer version").format(
                record=summary.superseded_by
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column == 0 else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        return None

    def _text(self, summary: Any, column: int) -> str | None:
        if column == 0:
            return str(summary.id)
        if column == 1:
            return str(summary.compounded_on.isoformat())
        if column == 2:
            return translate("Liquid") if summary.kind == "liquid" else translate("Capsules")
        if column == 3:
            return str(summary.rx_number)
        if column == 4:
            ref = f" ({summary.patient_ref})" if summary.patient_ref else ""
            return f"{summary.patient}{ref}"
        if column == 5:
            return status_text(summary)
        if column == 6:
            return str(summary.bud.isoformat())
        if column == 7:
            return ", ".join(summary.lots)
        if column == 8:
            return str(summary.compounded_by)
        return None
