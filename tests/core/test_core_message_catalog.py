"""Every message the core can show a person has its English template and Spanish in the catalog;
the matcher never cuts a value inside itself; samples of each family read in Spanish."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from core_message_sources import core_messages, shape
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_desk.plans import edits
from ldn_desk.plans.dispensing import dispense_capsules, dispense_liquid
from ldn_desk.plans.titration import plan_from_protocol
from ldn_desk.units import language, messages
from ldn_desk.units.messages import say
from ldn_desk.units.quantity import Quantity

# Messages the core puts together from a sentence and an optional tail held in a variable
# (`which = " version 3"`): the catalog holds each whole form.
COMPOSED = {
    "there is no saved plan {}{} in the log": [
        "there is no saved plan {} in the log",
        "there is no saved plan {} version {} in the log",
    ],
    "the log could not be replaced in {} ({}); the log at {} was left as it was{}": [
        "the log could not be replaced in {} ({}); the log at {} was left as it was",
        "the log could not be replaced in {} ({}); the log at {} was left as it was (a copy of it was kept as {})",
    ],
    "wrong password for {}{}": [
        "wrong password for {}",
        "wrong password for {}; {} more and the account is locked",
        "wrong password for {}; the account is now locked (an administrator unlocks it)",
    ],
    '"{}" is {}: {}{}': ['"{}" is {}: {}', '"{}" is {}: {} ({} more problem after it)', '"{}" is {}: {} ({} more problems after it)'],
}  # fmt: skip
# Words of English that no Spanish sentence holds.
ENGLISH = re.compile(
    r"\b(the|is|of|and|was|were|nothing|saved|changed|must|be|not|has|have|with|from|days?|"
    r"fill|bottles?|tablets?|capsules?|doses?|lot|log|record|user|wrong|password|held|taken|"
    r"target|back|halved|more|again|then|in all|overage)\b",
    re.IGNORECASE,
)


@pytest.fixture(autouse=True)
def _nothing_missing() -> None:
    language.missing.clear()


def test_the_reader_finds_the_cores_messages() -> None:
    found = {shape(source.template) for source in core_messages()}
    # One of each kind the reader must see: an InputError's problem, a RecordError, an Alert,
    # a store trigger's refusal and a plural chosen inside an f-string.
    assert "must be 1 to {}" in found
    assert "record {} is already signed off by its checker" in found
    assert "a signature never changes" in found
    assert "{}: {} bottles, {} in all ({}; {} tablets)" not in found  # a summary, not an error
    assert any(text.startswith("Volume raised from {} to {} {}; {}") for text in found)
    assert len(found) > 400


def test_every_message_the_core_can_show_has_its_spanish() -> None:
    catalog = {shape(source) for source in language.core_messages("es")}
    lacking = []
    for source in core_messages():
        template = shape(source.template)
        forms = COMPOSED.get(template, [template])
        for form in forms:
            sentences = messages._SENTENCE_END.split(form)
            if form not in catalog and not all(shape(s) in catalog for s in sentences):
                lacking.append(f"{source.where}: {form}")
    assert lacking == []


def test_no_catalog_template_is_refused() -> None:
    messages._all_templates("es")
    assert messages.refused_templates == set()


def test_two_adjacent_phrases_are_refused_and_an_amount_beside_a_phrase_is_not() -> None:
    # "{first} {second}": no fixed text and neither an amount; nothing says where one ends.
    assert messages._template("cannot be {first} {second}", "no se puede {first} {second}") is None
    made = messages._template("to {volume} {because}", "a {volume} {because}")
    assert made is not None and made.amounts == {"volume"}


AMOUNTS = st.builds(
    lambda whole, tenths, unit: f"{whole}{'.' + str(tenths) if tenths else ''} {unit}",
    st.integers(0, 999),
    st.integers(0, 9),
    st.sampled_from(["mL", "mg", "mg/mL", "mcg"]),
)
WORDS = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8) | st.integers(0, 500).map(str),
    min_size=1,
    max_size=6,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(AMOUNTS, AMOUNTS, WORDS, WORDS)
def test_an_amount_beside_a_phrase_comes_back_whole(
    wanted: str, volume: str, because: str, kept: str
) -> None:
    template = messages._template(
        "Volume raised from {wanted} to {volume} {because}; {kept}.", "{volume}|{because}"
    )
    assert template is not None
    text = f"Volume raised from {wanted} to {volume} {because}; {kept}."
    found = template.pattern.fullmatch(text)
    assert found is not None
    assert found["volume"] == volume and found["because"] == because
    filled = messages._best("es", template, text)
    assert filled is not None and filled[0].startswith(f"{volume}|")  # under 1,000: no grouping


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 40), st.integers(1, 300), st.integers(1, 30), st.integers(1, 200), st.integers(0, 9))
def test_a_fill_summary_whose_value_holds_a_bracket_is_cut_where_it_reads_whole(
    number: int, day: int, length: int, volume: int, overage: int
) -> None:
    # The value "23 mL (21 mL of doses and 2 mL overage)" holds " (", the text that follows it
    # in "Fill {number}, due {date}: {what} ({days})": the first cut would end the value there.
    dispensed = volume + overage
    text = (
        f"Fill {number}, due 1 March 2026: {dispensed} mL ({volume} mL of doses and {overage} mL overage) "
        f"(days {day}–{day + length})"
    )
    said = say(text, "es")
    assert said == (
        f"Dispensación {number}, prevista el 1 de marzo de 2026: {dispensed} mL ({volume} mL de dosis y "
        f"{overage} mL de exceso) (días {day}–{day + length})"
    )


def _reads_spanish(text: str) -> str:
    said = say(text, "es")
    assert said != text, text
    assert ENGLISH.search(said) is None, said
    return said


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        # store
        ("the log is busy (another LDN Desk is saving to it); try again",
         "el registro está ocupado (otro LDN Desk está guardando en él); vuelva a intentarlo"),
        ("there is no record 41 in the log", "no hay ningún registro 41 en el registro"),
        # users
        ("wrong password for Ana Ruiz; 2 more and the account is locked",
         "contraseña incorrecta de Ana Ruiz; 2 más y la cuenta se bloquea"),
        ("Ana Ruiz is locked out after 5 wrong passwords; an administrator unlocks the account (`ldn-desk users unlock`)",
         "Ana Ruiz está bloqueado tras 5 contraseñas incorrectas; un administrador desbloquea la cuenta (`ldn-desk users unlock`)"),
        # lots: 12.5 mg on hand is less than the 20 mg asked for
        ("lot L7 has 12.5 mg on hand, less than 20 mg", "el lote L7 tiene 12.5 mg en existencia, menos de 20 mg"),
        ("the BUD 15 March 2026 is after the expiry of lot L7 (1 March 2026); the BUD is capped by the earliest expiry",
         "la fecha límite de uso 15 de marzo de 2026 es posterior a la caducidad del lote L7 (1 de marzo de 2026); "
         "la fecha límite de uso no puede pasar de la caducidad más próxima"),
        # review
        ("saved plan 3: the trial was stopped at the review; nothing was saved",
         "plan guardado 3: el tratamiento se suspendió en la revisión; no se ha guardado nada"),
        ("must be above the current dose of 3 mg", "debe ser superior a la dosis actual de 3 mg"),
        # plan edits (edits.NOTES)
        ("Held 3 mg for 7 days more (step from day 15).", "Se mantiene 3 mg durante 7 días más (paso desde el día 15)."),
        ("Taken in the morning.", "Se toma por la mañana."),
    ],
)  # fmt: skip
def test_each_family_reads_in_spanish(english: str, spanish: str) -> None:
    assert _reads_spanish(english) == spanish
    assert language.missing == set()


def test_the_fills_and_edits_the_core_makes_read_in_spanish() -> None:
    plan = plan_from_protocol("standard", dt.date(2026, 3, 1))
    liquid = dispense_liquid(plan, Quantity(1, "mg/mL"), 112)
    # Fill 1, days 1–14 of the standard ladder: 14 x 1.5 mg / 1 mg/mL = 21 mL, and the overage,
    # the larger of 5 % (1.05 mL) and 2 mL, makes 23 mL (resources/liquid.toml).
    first = liquid.fills[0].summary
    assert first == "Fill 1, due 1 March 2026: 23 mL (21 mL of doses and 2 mL overage) (days 1–14)"
    assert _reads_spanish(first) == (
        "Dispensación 1, prevista el 1 de marzo de 2026: 23 mL (21 mL de dosis y 2 mL de exceso) (días 1–14)"
    )
    for fill in liquid.fills:
        _reads_spanish(fill.summary)
    for supply in liquid.strengths:
        _reads_spanish(supply.text)
    capsules = dispense_capsules(plan, [Quantity(1.5, "mg"), Quantity(3, "mg")], 28)
    for fill in capsules.fills:
        _reads_spanish(fill.summary)
    edited = edits.halve(edits.with_target(edits.hold(plan, 20, 7), 3.0), 30)
    notes = list(edited.edits)
    assert len(notes) == 3
    for note in notes:
        _reads_spanish(note)
    assert language.missing == set()
