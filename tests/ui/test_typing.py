"""Typing stays quick: the plan is worked out off the GUI thread, stale answers are dropped, and
the alerts are one list that changes only when the messages do."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import recomputed
from tests.ui.test_pages import type_into


def _custom(qtbot: Any, page: Any) -> None:
    recomputed(qtbot, page, lambda: page.protocol.setCurrentIndex(page.protocol.findData("")))
    recomputed(qtbot, page, lambda: page.start_date.set_text("2026-12-01"))


def test_the_plan_is_worked_out_off_the_gui_thread(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    page = window.pages[0]
    _custom(qtbot, page)
    threads: list[threading.Thread] = []
    work_out = page.work_out

    def recording(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return work_out(*args)

    monkeypatch.setattr(page, "work_out", recording)
    recomputed(qtbot, page, lambda: type_into(qtbot, page.target, "3 mg"))
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    # 1 mg rising 1 mg a week (the custom defaults) to 3 mg: 1, 2 and 3 mg.
    assert [step.dose_text for step in page.plan.steps] == ["1 mg", "2 mg", "3 mg"]


def test_an_answer_for_an_older_entry_is_dropped(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    page = window.pages[0]
    _custom(qtbot, page)
    release = threading.Event()
    work_out = page.work_out

    def slow_for_4_mg(request: Any, desk: Any = None) -> Any:
        if request.target_mg == 4:
            release.wait(5)  # the older entry's answer comes after the newer one's
        return work_out(request, desk)

    monkeypatch.setattr(page, "work_out", slow_for_4_mg)
    page.target.set_text("4 mg")
    page.debounce_ended()  # the typing paused on 4 mg: its work starts in the background
    page.target.set_text("2 mg")  # a newer entry, worked out once the 4 mg work is done
    page.debounce_ended()
    shown: list[str] = []
    page.results_updated.connect(lambda: shown.append(page.plan.target_text if page.plan else ""))
    with qtbot.waitSignal(page.results_updated, timeout=5_000):
        release.set()
    qtbot.wait(100)
    assert shown and set(shown) == {"2 mg"}  # the 4 mg answer arrived first and was never shown
    assert [step.dose_text for step in page.plan.steps] == ["1 mg", "2 mg"]
    assert not page.update_pending()


def test_a_refused_entry_is_not_overwritten_by_an_answer_in_flight(qtbot: Any, window: Any) -> None:
    page = window.pages[0]
    _custom(qtbot, page)
    page.target.set_text("3 mg")
    page.debounce_ended()
    page.target.set_text("3,5 mg")  # refused at once, while the 3 mg answer may still be coming
    qtbot.wait(300)
    assert not page.results.has_result
    assert page.plan is None


def test_alerts_change_only_when_the_messages_do(qtbot: Any) -> None:
    from ui.widgets.alerts import AlertList

    alerts = AlertList()
    qtbot.addWidget(alerts)
    resets: list[int] = []
    alerts.model().modelReset.connect(lambda: resets.append(1))
    alerts.set_alerts([("note", "Check the label."), ("warning", "0.5 mg cannot be measured.")])
    alerts.set_alerts([("note", "Check the label."), ("warning", "0.5 mg cannot be measured.")])
    assert len(resets) == 1
    assert alerts.texts() == [
        "Warning: 0.5 mg cannot be measured.",
        "Note: Check the label.",
    ]  # severest first
    # On screen the number keeps to its unit when the line wraps; read aloud, plain words.
    first = alerts.model().index(0, 0)
    assert first.data() == "Warning: 0.5\u00a0mg cannot be measured."
    assert first.data(Qt.ItemDataRole.AccessibleTextRole) == "Warning: 0.5 mg cannot be measured."
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None
    alerts.clear()
    assert alerts.count() == 0 and alerts.isHidden()


def test_the_details_scroll_bar_still_follows_the_text(qtbot: Any) -> None:
    """New details are laid out with the bar as it stands, then the bar follows the text."""
    from ui.pages.base import ResultsPanel

    panel = ResultsPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 400)
    panel.show()
    qtbot.waitExposed(panel)
    bar = panel.details.verticalScrollBar()
    long = "".join(f"<p>Fill {n}</p>" for n in range(1, 80))
    for html, scrolls in (
        ("<p>Plan</p>", False),
        (long, True),
        (long + "<p>end</p>", True),
        ("<p>Plan</p>", False),
    ):
        panel.show_result("headline", [], html)
        qtbot.wait(10)
        assert bar.isVisible() is scrolls, html[:20]
        assert panel.details.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
        # laid out at the width the bar leaves: the text never runs under it
        width = panel.details.viewport().width()
        assert (
            panel.details.document().textWidth() == width
            or panel.details.document().pageSize().width() == width
        )
