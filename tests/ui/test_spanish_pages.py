"""No English left on a Spanish page: each page opened in the Spanish app with a typical recipe or
plan, every text a person sees there gathered (labels, buttons, group titles, tooltips, the
results' text, the table cells and titles, the choices shown), and none is an English sentence.

An English word is one the English app shows on the same pages that no Spanish translation in the
catalogs uses; a clause of three or more such words is English left behind. Product and
organisation names, units and cited titles are not words to translate."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QTextBrowser,
    QWidget,
)

from ldn_desk.units import language
from ldn_desk.units.language import core_messages
from tests.ui.conftest import recomputed, spanish_main_window
from ui.i18n import i18n_dir

# Names kept as they are in every language, and the titles of cited works (the reference's own).
NAMES = {"LDN", "Desk", "English", "Avicel", "USP", "HCl", "Tufts", "Dieckmann", "ldnscience", "Dr.Oracle"}
CITED = ("Pharmaceutical Compounding - Nonsterile Preparations",)
_WORD = re.compile(r"[A-Za-z][a-z]+(?:'[a-z]+)?")
_CLAUSE = re.compile(r"[.:;,](?=\s|$)|[()—]|\s[–-]\s")  # not a decimal point: "46.5 mg"


def _page_texts(window: Any, page: Any) -> list[str]:
    """What a person sees on the page: labels, buttons, titles, the results, table cells."""
    texts: list[str] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if widget.toolTip():  # what a hovering pointer (and a screen reader) says of it
            texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTextBrowser):
            texts += widget.toPlainText().splitlines()
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model
                columns = 1
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
            for row in range(model.rowCount(QModelIndex())):
                texts += [str(model.data(model.index(row, c)) or "") for c in range(columns)]
    return [
        " ".join(text.replace("\u2060", "").split()) for text in texts if text and not text.startswith("<")
    ]


# Not Spanish words in a translation: its placeholders, command-line options, quoted input.
_NOT_WORDS = re.compile(r'\{[a-z_]+\}|--[a-z-]+|"[^"]*"|%\([a-z_]+\)s')


def _spanish_vocabulary() -> set[str]:
    """Every word the Spanish catalogs write: the documents' and core's (.po), the app's (.ts)."""
    from ldn_desk.units.language import _messages  # the documents' sentences too

    texts = list(core_messages("es").values())
    texts += [message.findtext("translation") or "" for message in
              ET.parse(i18n_dir() / "ldn_desk_es.ts").getroot().iter("message")]  # fmt: skip
    for value in _messages("es").table.values():
        texts += [value] if isinstance(value, str) else list(value)
    return {word.lower() for text in texts for word in _WORD.findall(_NOT_WORDS.sub(" ", text))}


def _english_clauses(texts: list[str], english_words: set[str]) -> list[str]:
    found = []
    for text in texts:
        for cited in CITED:
            text = text.replace(cited, "")
        for clause in _CLAUSE.split(text):
            words = [w for w in _WORD.findall(clause) if w not in NAMES and w.lower() in english_words]
            if len(words) >= 3:
                found.append(clause.strip())
    return found


def _type(page: Any, name: str, text: str) -> Callable[[], None]:
    return lambda: getattr(page, name).edit.setText(text)


def _choose(page: Any, name: str, data: object) -> Callable[[], None]:
    combo = getattr(page, name)
    return lambda: combo.setCurrentIndex(combo.findData(data))


# Each: a page (0 plan, 1 liquid, 2 capsules, 3 log) and what is typed or chosen on it.
TYPICAL: dict[str, tuple[int, list[Callable[[Any], Callable[[], None]]]]] = {
    "plan, standard, liquid": (0, []),
    "plan, capsules": (0, [lambda p: _choose(p, "form_kind", "capsules")]),
    "plan, 16 weeks, in the morning": (
        0,
        [lambda p: _type(p, "length", "16 weeks"), lambda p: _choose(p, "when", "morning")],
    ),
    "plan, two strengths": (
        0,
        [
            lambda p: _choose(p, "switch_strength", 5.0),
            lambda p: lambda: p.switch_day.setValue(29),
        ],
    ),
    "plan, a step held, another stepped back": (
        0,
        [
            lambda p: lambda: p.table.selectRow(1),
            lambda p: p.hold_selected,
            lambda p: lambda: (p.back_day.setValue(43), p.step_back()),
        ],
    ),
    "liquid, from tablets": (1, []),
    "liquid, from powder": (1, [lambda p: _choose(p, "source", "powder")]),
    "liquid, very dilute": (1, [lambda p: _type(p, "strength", "0.05 mg/mL")]),
    "liquid, preserved vehicle": (1, [lambda p: _choose(p, "formula", "fawcett_1997")]),
    "capsules, by aliquot": (2, []),
    "capsules, 4.5 mg": (2, [lambda p: _type(p, "strength", "4.5 mg")]),
    "capsules, lactose": (2, [lambda p: _choose(p, "filler", "lactose")]),
    "log": (3, []),
    "log, a signed record shown": (3, [lambda p: lambda: p.table.selectRow(0)]),
}


def _shown(qtbot: Any, window: Any, name: str) -> list[str]:
    index, steps = TYPICAL[name]
    page = window.pages[index]
    window.show_page(index)
    for step in steps:
        action = step(page)
        if hasattr(page, "update_pending"):
            recomputed(qtbot, page, action)
        else:
            action()
    return _page_texts(window, page)


def test_a_spanish_page_shows_no_english_sentence(qtbot: Any, window: Any) -> None:
    from tests.ui.test_log_check import _saved_log

    _saved_log()  # two liquid records, one signed off: the Log page lists them, its check reads
    spanish_words = _spanish_vocabulary()
    english: dict[str, list[str]] = {}
    for name in TYPICAL:
        english[name] = _shown(qtbot, window, name)
    # The English app's own words, less those Spanish writes too ("plan", "total", "no").
    words = {w.lower() for texts in english.values() for t in texts for w in _WORD.findall(t)}
    english_only = words - spanish_words
    assert {"the", "of", "weigh", "mixture", "bottle"} <= english_only
    language.missing.clear()
    left: dict[str, list[str]] = {}
    with spanish_main_window(qtbot) as main:
        for name in TYPICAL:
            shown = _shown(qtbot, main, name)
            assert len(shown) >= len(english[name]) * 0.8, name  # the same page, as full
            found = _english_clauses(shown, english_only)
            # Amounts in the language's form: "1 163 mg", never the English "1,163 mg" (which
            # reads as a decimal comma in Spanish); doses keep the decimal point (ISMP).
            found += [text for text in shown if re.search(r"\d,\d", text)]
            if found:
                left[name] = found
    assert left == {}, left
    # Nothing the pages asked the catalog for was missing from it.
    assert sorted(text for code, text in language.missing if code == "es") == []


def test_the_check_finds_english_left_on_a_page() -> None:
    # The check itself: an English step in a Spanish list is found, a Spanish one with the
    # product's and the unit's names is not.
    english_only = {"weigh", "of", "the", "mixture", "holds", "it"}
    texts = ["Pese 124 mg de esta mezcla: contiene 46.5 mg de naltrexona HCl en polvo."]
    assert _english_clauses(texts, english_only) == []
    texts.append("Weigh 124 mg of the mixture: it holds 46.5 mg of naltrexone HCl powder.")
    assert _english_clauses(texts, english_only) == [
        "Weigh 124 mg of the mixture",
        "it holds 46.5 mg of naltrexone HCl powder",
    ]
