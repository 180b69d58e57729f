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


class Recorded:
    """Each call of the page's work_out: the target asked for and whether the debounce was still
    waiting for the typing to pause when it was made."""

    def __init__(self, page: Any, monkeypatch: Any) -> None:
        self.calls: list[tuple[float | None, bool]] = []
        work_out = page.work_out

        def recording(request: Any, desk: Any = None) -> Any:
            self.calls.append((request.target_mg, page._timer.isActive()))
            return work_out(request, desk)

        monkeypatch.setattr(page, "work_out", recording)


def test_the_entry_is_worked_out_while_the_typing_pauses(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    page = window.pages[0]
    _custom(qtbot, page)
    calls = Recorded(page, monkeypatch).calls
    recomputed(qtbot, page, lambda: type_into(qtbot, page.target, "3 mg"))
    # Each good entry ("3", then "3 ", "3 m", "3 mg" are all read as 3 mg) is handed over at its
    # keystroke, during its debounce; when the typing has paused the one worked out is shown,
    # and nothing is worked out again.
    assert calls and all(waiting for _, waiting in calls), calls
    assert {target for target, _ in calls} == {3}
    assert [step.dose_text for step in page.plan.steps] == ["1 mg", "2 mg", "3 mg"]
    assert not page.update_pending()


def test_a_request_changed_unseen_during_the_pause_is_worked_out_again(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    import dataclasses

    page = window.pages[0]
    _custom(qtbot, page)
    calls = Recorded(page, monkeypatch).calls
    type_into(qtbot, page.target, "3 mg")  # worked ahead at each keystroke, with every syringe
    assert page.update_pending()
    # The syringes change without the page being told (any path that skips its signals): what
    # was worked out at the keystroke no longer answers the request, so it is never shown.
    window.settings = dataclasses.replace(window.settings, syringes=((1.0, 0.01),))
    with qtbot.waitSignal(page.results_updated, timeout=5_000):
        pass
    qtbot.waitUntil(lambda: not page.update_pending(), timeout=5_000)
    assert calls[0] == (3, True)
    assert calls[-1] == (3, False)  # read again when the debounce ended, and worked out then
    assert page.outcome == page.plan_desk().plan(page.plan_request())
    # With every syringe the advisor keeps 1 mg/mL (1, 2 and 3 mL on the 1 mL and 3 mL syringes);
    # with the 1 mL syringe alone, 2 and 3 mL are more than it holds, so the plan shown is
    # measured at another strength, all on the 1 mL syringe.
    schedule = page.outcome.liquid
    assert schedule.strength_text != "1 mg/mL"
    assert [m.syringe.capacity_ml for m in schedule.measures] == [1, 1, 1]


def test_a_capsule_plan_is_worked_out_when_the_typing_pauses(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    page = window.pages[0]
    _custom(qtbot, page)
    recomputed(qtbot, page, lambda: page.form_kind.setCurrentIndex(page.form_kind.findData("capsules")))
    calls = Recorded(page, monkeypatch).calls
    recomputed(qtbot, page, lambda: type_into(qtbot, page.target, "3 mg"))
    # One capsule search runs at a time: none is started for a dose still being typed.
    assert calls == [(3, False)]
    assert page.results.has_result and page.plan.target_text == "3 mg"


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
