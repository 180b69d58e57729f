"""The core's own words in the app's language: the alerts, refusals and warnings the core writes
read Spanish in the Spanish app, with the doses as the core wrote them (ISMP: 0.5 mg, mL)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ldn_desk.documents.textrules import dose_text_problems
from ldn_desk.units import language
from tests.ui.conftest import recomputed, spanish_main_window


def _type(qtbot: Any, field: Any, text: str) -> None:
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, text)


def _choose(combo: Any, data: str) -> Callable[[], None]:
    return lambda: combo.setCurrentIndex(combo.findData(data))


# Each scenario: a page (0 plan, 1 liquid, 2 capsules) and the entries typed or chosen in turn;
# between them they raise every level of alert and each kind of refusal the pages show.
Step = tuple[str, str]  # (field attribute, text to type) or ("choose:<combo>", data)
SCENARIOS: dict[str, tuple[int, list[Step]]] = {
    # 5 mg > 4.5 mg, the usual target: a caution; a custom plan to 12 mg is refused above 10 mg.
    "plan above the usual target": (0, [("choose:protocol", ""), ("target", "5 mg")]),
    "plan above the published range": (0, [("choose:protocol", ""), ("target", "8 mg")]),
    "plan refused above the hard limit": (0, [("choose:protocol", ""), ("target", "12 mg")]),
    "plan with a liquid supply": (0, [("choose:liquid_strength", "1")]),
    "plan start typed with a unit it cannot read": (0, [("start_dose", "1 cc")]),
    "liquid above the solubility": (1, [("strength", "200 mg/mL")]),
    "liquid volume in cc": (1, [("volume", "100 cc")]),
    "liquid very dilute, by serial dilution": (1, [("strength", "0.05 mg/mL")]),
    "liquid stronger than usual": (1, [("strength", "6 mg/mL")]),
    "liquid from powder": (1, [("choose:source", "powder")]),
    "liquid potency outside the USP range": (1, [("choose:source", "powder"), ("potency", "90 %")]),
    "capsules by aliquot": (2, [("strength", "1.5 mg")]),
    "capsules count not whole": (2, [("count", "2.5")]),
    "capsules dose refused": (2, [("strength", "60 mg")]),
}


def _drive(qtbot: Any, window: Any, steps: tuple[int, list[Step]]) -> list[str]:
    """The core-written texts the page shows after the steps: its alerts and refusals (without
    the app's own level word) and the messages at its fields."""
    index, entries = steps
    page = window.pages[index]
    window.sidebar.setCurrentRow(index)
    for name, text in entries:
        if name.startswith("choose:"):
            combo = getattr(page, name.removeprefix("choose:"))
            if combo.findData(text) < 0:  # a strength list: the entry whose data starts so
                text = next(
                    combo.itemData(i) for i in range(combo.count()) if str(combo.itemData(i)).startswith(text)
                )
            recomputed(qtbot, page, _choose(combo, text))
        else:
            recomputed(qtbot, page, lambda n=name, t=text: _type(qtbot, getattr(page, n), t))
    shown = [text for _icon, _word, text in page.results.alerts.model_.messages]
    for field in page.fields:
        shown += [
            message
            for message in (field.refusal(), field.error(), getattr(field, "_warning", None))
            if message
        ]
    return shown


def _sentences(texts: list[str]) -> set[str]:
    """The English sentences and clauses of three words or more, doses and dates left out."""
    out: set[str] = set()
    for text in texts:
        for part in re.split(r"[.:;,()—]|\s[–-]\s", text):
            words = [
                w
                for w in part.split()
                if w.isalpha() and len(w) > 2 and w not in {"LDN", "USP", "HCl", "mcg"}
            ]
            if len(words) >= 3:
                out.add(" ".join(part.split()))
    return out


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_the_spanish_app_shows_the_cores_words_in_spanish(name: str, qtbot: Any, window: Any) -> None:
    english = _drive(qtbot, window, SCENARIOS[name])
    assert english, f"{name}: the scenario shows no alert or refusal"
    language.missing.clear()
    with spanish_main_window(qtbot) as main:
        spanish = _drive(qtbot, main, SCENARIOS[name])
    assert len(spanish) == len(english), (english, spanish)
    # The alerts and refusals shown (the page's other core lines, its steps and formula, are the
    # record's words: test_app_language checks the page around them).
    assert sorted(m for m in language.missing if m[1] in english) == [], "not in the catalog"
    shown = " ".join(" ".join(spanish).split())
    left = sorted(sentence for sentence in _sentences(english) if sentence in shown)
    assert left == [], f"English left in the Spanish app: {left}\n{spanish}"

    # The dose-writing check finds nothing in the Spanish that it does not find in the English
    # (a refusal of "100 cc" quotes the cc it refuses, in both).
    def kinds(text: str) -> set[str]:
        return {problem.partition(":")[0] for problem in dose_text_problems(text)}

    allowed = {kind for text in english for kind in kinds(text)}
    for text in spanish:
        assert kinds(text) <= allowed, text
    # The doses are the core's: every "<number> mg|mL|mcg" of the English stands in the Spanish.
    doses = re.compile(r"\d+(?:\.\d+)? (?:mg/mL|mg|mL|mcg)")
    assert sorted(doses.findall(" ".join(english))) == sorted(doses.findall(shown.replace("\u00a0", " ")))
