"""Odd input anywhere never crashes a page, never freezes it, and never leaves numbers beside it."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "0",
    "1",
    "4.5",
    "12",
    ".5",
    "4,5",
    "1e3",
    "-2",
    " ",
    "mg",
    "mcg",
    "mL",
    "mg/mL",
    "cc",
    "%",
    "days",
    "/",
    "+",
    "∞",
    "ｍｇ",
    "2026-12-01",
    "99999999999",
]
odd_text = st.lists(st.sampled_from(PIECES), max_size=5).map("".join) | st.text(max_size=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page_index=st.integers(0, 2), field_index=st.integers(0, 20), text=odd_text)
def test_any_text_in_any_field(window: Any, page_index: int, field_index: int, text: str) -> None:
    page = window.pages[page_index]
    field = page.fields[field_index % len(page.fields)]
    original = field.text()
    try:
        field.set_text(text)
        start = time.perf_counter()
        page.recompute()
        assert time.perf_counter() - start < 2.0  # the window never waits long on a keystroke
        if field.isEnabled() and field.error():
            assert not page.results.has_result
            assert field.error() in page.results.text()
        if not page.results.has_result:
            # A refusal shows the reason, not numbers from a previous result.
            assert page.results.headline.text() in (
                "No result until the marked entries are corrected",
                "Cannot calculate this",
            )
    finally:
        field.set_text(original)
        page.recompute()
    assert page.results.has_result
